//! The engine against the closed forms of the canonical escalation models (`brink
//! validate`): running the checks of brink-validate from names and `NAME=VALUE` strings, and
//! the results as JSON and text.

use brink_validate::{Check, MODELS, Model, Params, RunOptions, find_model};
use std::time::Instant;

use brink_types::ValidateReport;
use brink_types::tools::ValidateBody;
use serde_json::{Value, json};

use crate::AppError;

fn bad(error: brink_validate::ValidateError) -> AppError {
    AppError::bad(error)
}

/// The models named (all of them when `model` is `None`).
pub fn models(model: Option<&str>) -> Result<Vec<&'static Model>, AppError> {
    match model {
        Some(name) => Ok(vec![find_model(name).map_err(bad)?]),
        None => Ok(MODELS.iter().collect()),
    }
}

/// Runs the checks of `model` with parameters `NAME=VALUE` (every model at its defaults when
/// `model` is `None`, which takes no parameters).
pub fn checks(model: Option<&str>, params: &[String], options: &RunOptions) -> Result<Vec<Check>, AppError> {
    if options.runs < 100 {
        return Err(AppError::bad("--runs must be at least 100"));
    }
    if options.threads == Some(0) {
        return Err(AppError::bad("--threads must be at least 1"));
    }
    let given = params.iter().map(|p| Params::split_pair(p)).collect::<Result<Vec<_>, _>>().map_err(bad)?;
    match model {
        Some(name) => find_model(name).map_err(bad)?.check(&given, options).map_err(bad),
        None if !given.is_empty() => Err(AppError::bad("--param needs a MODEL (see `brink validate --list`)")),
        None => Ok(brink_validate::run_all(options)),
    }
}

/// Runs the checks (see [`checks`]) and reports them: `brink validate` and `brink.validate`.
pub fn validate(model: Option<&str>, params: &[String], options: &RunOptions) -> Result<ValidateReport, AppError> {
    let started = Instant::now();
    let checks = checks(model, params, options)?;
    Ok(crate::report(body(&checks, options), started))
}

/// The body of a validation report.
pub fn body(checks: &[Check], options: &RunOptions) -> ValidateBody {
    ValidateBody { runs: options.runs, seed: options.seed, checks: checks.iter().map(check_doc).collect() }
}

/// One check as reported: {model, quantity, params, closed_form, simulated, ci95, pass}.
pub fn check_doc(check: &Check) -> brink_types::tools::Check {
    brink_types::tools::Check {
        model: check.model.to_owned(),
        quantity: check.quantity.to_string(),
        params: check.params.iter().map(|(n, v)| (n.clone(), v.clone())).collect(),
        closed_form: check.closed_form,
        simulated: check.simulated,
        ci95: check.ci95.map(|(low, high)| [low, high]),
        pass: check.pass,
    }
}

/// The checks as the readable table of `brink validate`.
pub fn checks_text(report: &ValidateReport) -> String {
    let body = &report.body;
    let checks = &body.checks;
    let mut out = format!(
        "brink validate: {} runs per simulated quantity, seed {}; pass = closed form inside the 99.9% interval \
         (Monte Carlo) or within 1e-9 relative (deterministic)\n\n",
        body.runs, body.seed
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
            last_model = &check.model;
        }
        let interval = match check.ci95 {
            Some([low, high]) => format!("[{low:.6}, {high:.6}]"),
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
    out.push_str(
        "Note: these figures follow from each canonical model's stated assumptions (the parameters above); \
         they test the engine and are not a forecast.\n",
    );
    out
}

/// The models as the JSON of `brink validate --list --format json`.
pub fn list_json(models: &[&Model]) -> Value {
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

/// The models, their parameters and defaults, as text.
pub fn list_text(models: &[&Model]) -> String {
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
