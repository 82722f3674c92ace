//! `brink compare`: policies run on common random numbers, paired differences.

use brink_app::compare::{OutcomeSink, PolicyRuns, compare_json};
use brink_engine::RunConfig;
use brink_scenario::Override;
use serde_json::Value;

use brink_app::experiment::{load_variant, run_variant};

use super::experiment::ExperimentFlags;
use super::{CmdError, CmdResult, manifest};

/// Flags of `brink compare`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompareArgs {
    /// The base scenario (bundled name or TOML file).
    scenario: String,
    /// A policy: NAME=FILE (a scenario file) or NAME=PATH=VALUE;PATH=VALUE (overrides of the
    /// base scenario; `NAME=` alone is the base itself). The first is the baseline. Repeatable.
    #[arg(long = "policy", value_name = "NAME=FILE|OVERRIDES", required = true)]
    policies: Vec<String>,
    /// Runs per policy.
    #[arg(short = 'n', long = "runs", default_value_t = 100_000)]
    runs: u64,
    #[command(flatten)]
    common: ExperimentFlags,
}

/// One policy as given on the command line.
struct PolicySpec {
    name: String,
    file: Option<String>,
    overrides: Vec<Override>,
    text: String,
}

fn parse_policy(text: &str) -> Result<PolicySpec, CmdError> {
    let bad = |why: &str| CmdError::BadInput(format!("error: --policy `{text}`: {why}"));
    let (name, spec) = text.split_once('=').ok_or_else(|| bad("expected NAME=FILE or NAME=PATH=VALUE;PATH=VALUE"))?;
    if name.trim().is_empty() {
        return Err(bad("the policy needs a name"));
    }
    let spec = spec.trim();
    if spec.ends_with(".toml") || (std::path::Path::new(spec).is_file() && !spec.contains('=')) {
        return Ok(PolicySpec {
            name: name.trim().into(),
            file: Some(spec.into()),
            overrides: Vec::new(),
            text: text.into(),
        });
    }
    let overrides = spec
        .split(';')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.parse::<Override>().map_err(|e| bad(&e)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PolicySpec { name: name.trim().into(), file: None, overrides, text: text.into() })
}

/// Runs `brink compare`.
pub(crate) fn run(args: CompareArgs) -> CmdResult {
    if args.runs == 0 || args.common.threads == Some(0) {
        return Err(CmdError::BadInput("error: --runs and --threads must be at least 1".into()));
    }
    let specs = args.policies.iter().map(|p| parse_policy(p)).collect::<Result<Vec<_>, _>>()?;
    let mut names = std::collections::HashSet::new();
    if let Some(dup) = specs.iter().find(|s| !names.insert(s.name.clone())) {
        return Err(CmdError::BadInput(format!("error: policy name `{}` is used twice", dup.name)));
    }
    // Load every policy first, so a bad one fails before any run.
    let loaded = specs
        .iter()
        .map(|spec| match &spec.file {
            Some(file) => load_variant(file, &args.common.overrides, &[]),
            None => load_variant(&args.scenario, &args.common.overrides, &spec.overrides),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let config = RunConfig { runs: args.runs, seed: args.common.seed, threads: args.common.threads };
    let mut results = Vec::new();
    for scenario in &loaded {
        let mut sink = OutcomeSink { outcomes: Vec::with_capacity(args.runs as usize) };
        let summary = run_variant(scenario, &config, &mut sink)?;
        results.push((summary, sink.outcomes));
    }
    let policies: Vec<PolicyRuns<'_>> = specs
        .iter()
        .zip(&loaded)
        .zip(&results)
        .map(|((spec, scenario), (summary, outcomes))| PolicyRuns {
            name: &spec.name,
            spec: &spec.text,
            scenario_hash: &scenario.hash,
            summary,
            outcomes,
        })
        .collect();
    let manifest = manifest(&loaded[0], &args.common.overrides, args.common.seed, args.runs, "compare");
    let report = compare_json(&manifest, &policies);
    super::print_result(report, args.common.format, text_table)
}

fn text_table(report: &Value) -> String {
    let mut out = format!(
        "{} runs per policy, seed {} (common random numbers), baseline `{}`\n\n{:<16} {:>10} {:>22} {:>11} {:>24}\n",
        report["runs"],
        report["seed"],
        report["baseline"].as_str().unwrap_or(""),
        "policy",
        "P(nuclear)",
        "95% CI",
        "vs baseline",
        "95% CI (paired, Newcombe)"
    );
    for policy in report["policies"].as_array().into_iter().flatten() {
        let o = &policy["outcomes"]["nuclear_use"];
        let d = &policy["difference"]["nuclear_use"];
        out += &format!(
            "{:<16} {:>10.5} [{:>9.5}, {:>9.5}] {:>+11.5} [{:>+10.5}, {:>+10.5}]\n",
            policy["name"].as_str().unwrap_or(""),
            o["p"].as_f64().unwrap_or(f64::NAN),
            o["ci95"][0].as_f64().unwrap_or(f64::NAN),
            o["ci95"][1].as_f64().unwrap_or(f64::NAN),
            d["difference"].as_f64().unwrap_or(f64::NAN),
            d["ci95"][0].as_f64().unwrap_or(f64::NAN),
            d["ci95"][1].as_f64().unwrap_or(f64::NAN),
        );
    }
    out
}
