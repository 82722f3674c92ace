//! `brink validate`: the engine against the closed forms of the canonical escalation models
//! (docs/VALIDATION.md). The checks are computed by `brink-validate`; this prints them.

use std::io::Write;

use brink_validate::{Check, MODELS, Model, Params, RunOptions, find_model};
use serde_json::{Map, Value, json};

use super::{CmdError, CmdResult, Format};

/// Flags of `brink validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct ValidateArgs {
    /// The model to check (default: every model at its defaults). See --list.
    model: Option<String>,
    /// A model parameter, NAME=VALUE (repeatable), e.g. --param theta1=0.3.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// Monte Carlo runs per simulated quantity.
    #[arg(short = 'n', long = "runs", default_value_t = 100_000)]
    runs: u64,
    /// Master seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// List the models, their parameters and defaults, and exit.
    #[arg(long)]
    list: bool,
}

/// Runs `brink validate`.
pub(crate) fn run(args: ValidateArgs) -> CmdResult {
    let bad = |e: brink_validate::ValidateError| CmdError::BadInput(format!("error: {e}"));
    if args.list {
        let models: Vec<&Model> = match &args.model {
            Some(name) => vec![find_model(name).map_err(bad)?],
            None => MODELS.iter().collect(),
        };
        return print(&match args.format {
            Format::Json => {
                format!("{}\n", serde_json::to_string_pretty(&list_json(&models)).expect("JSON values serialise"))
            }
            Format::Text => list_text(&models),
        });
    }
    if args.runs < 100 {
        return Err(CmdError::BadInput("error: --runs must be at least 100".into()));
    }
    if args.threads == Some(0) {
        return Err(CmdError::BadInput("error: --threads must be at least 1".into()));
    }
    let given = args.params.iter().map(|p| Params::split_pair(p)).collect::<Result<Vec<_>, _>>().map_err(bad)?;
    let options = RunOptions { runs: args.runs, seed: args.seed, threads: args.threads };
    let checks = match &args.model {
        Some(name) => find_model(name).map_err(bad)?.check(&given, &options).map_err(bad)?,
        None if !given.is_empty() => {
            return Err(CmdError::BadInput("error: --param needs a MODEL (see `brink validate --list`)".into()));
        }
        None => brink_validate::run_all(&options),
    };
    print(&match args.format {
        Format::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&Value::Array(checks.iter().map(check_json).collect()))
                .expect("JSON values serialise")
        ),
        Format::Text => checks_text(&checks, &options),
    })?;
    let failed = checks.iter().filter(|c| !c.pass).count();
    if failed > 0 {
        return Err(CmdError::ChecksFailed(format!("{failed} of {} checks failed", checks.len())));
    }
    Ok(())
}

fn print(text: &str) -> CmdResult {
    std::io::stdout().lock().write_all(text.as_bytes()).map_err(|e| CmdError::Internal(e.into()))
}

/// One check as JSON: {model, quantity, params, closed_form, simulated, ci95, pass}.
fn check_json(check: &Check) -> Value {
    let params: Map<String, Value> = check.params.iter().map(|(n, v)| (n.clone(), Value::String(v.clone()))).collect();
    json!({
        "model": check.model,
        "quantity": check.quantity,
        "params": params,
        "closed_form": check.closed_form,
        "simulated": check.simulated,
        "ci95": check.ci95.map(|(low, high)| json!([low, high])),
        "pass": check.pass,
    })
}

fn checks_text(checks: &[Check], options: &RunOptions) -> String {
    let mut out = format!(
        "brink validate: {} runs per simulated quantity, seed {}; pass = closed form inside the 99.9% interval \
         (Monte Carlo) or within 1e-9 relative (deterministic)\n\n",
        options.runs, options.seed
    );
    out.push_str(&format!(
        "{:<22} {:<32} {:>13} {:>13}  {:<29} {}\n",
        "model", "quantity", "closed form", "simulated", "95% interval", "result"
    ));
    let mut last_model = "";
    for check in checks {
        if check.model != last_model {
            let params: Vec<String> = check.params.iter().map(|(n, v)| format!("{n}={v}")).collect();
            out.push_str(&format!("{}  [{}]\n", check.model, params.join(" ")));
            last_model = check.model;
        }
        let interval = match check.ci95 {
            Some((low, high)) => format!("[{low:.6}, {high:.6}]"),
            None => "exact".to_owned(),
        };
        out.push_str(&format!(
            "{:<22} {:<32} {:>13.6} {:>13.6}  {:<29} {}\n",
            "",
            check.quantity,
            check.closed_form,
            check.simulated,
            interval,
            if check.pass { "pass" } else { "FAIL" }
        ));
    }
    let passed = checks.iter().filter(|c| c.pass).count();
    out.push_str(&format!("\n{passed} of {} checks pass\n", checks.len()));
    out
}

fn list_json(models: &[&Model]) -> Value {
    Value::Array(
        models
            .iter()
            .map(|m| {
                json!({
                    "model": m.name,
                    "summary": m.summary,
                    "source": m.source,
                    "params": m.params.iter().map(|p| json!({
                        "name": p.name, "default": p.default, "expected": p.expected, "help": p.help,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

fn list_text(models: &[&Model]) -> String {
    let mut out = String::new();
    for m in models {
        out.push_str(&format!("{}: {}\n  source: {}\n", m.name, m.summary, m.source));
        for p in m.params {
            out.push_str(&format!("  --param {}={:<24} {} ({})\n", p.name, p.default, p.help, p.expected));
        }
        out.push('\n');
    }
    out
}
