//! `brink compare`: policies run on common random numbers, paired differences.

use brink_app::compare::{CompareRequest, Policy};
use brink_app::experiment::load_variant;
use brink_scenario::Override;

use super::experiment::ExperimentFlags;
use super::progress::Progress;
use super::{CmdError, CmdResult};

/// Flags of `brink compare`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompareArgs {
    /// The base scenario (bundled name or TOML file).
    scenario: String,
    /// A policy: NAME=FILE (a scenario file) or NAME=PATH=VALUE;PATH=VALUE (overrides of the
    /// base scenario; `NAME=` alone is the base itself). The first is the baseline. Repeatable.
    #[arg(long = "policy", value_name = "NAME=FILE|OVERRIDES", required = true)]
    policies: Vec<String>,
    /// Runs per policy (default: the scenario's `run.runs`, else 100000).
    #[arg(short = 'n', long = "runs")]
    runs: Option<u64>,
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
    if args.runs == Some(0) || args.common.threads == Some(0) {
        return Err(CmdError::BadInput("error: --runs and --threads must be at least 1".into()));
    }
    let specs = args.policies.iter().map(|p| parse_policy(p)).collect::<Result<Vec<_>, _>>()?;
    let mut names = std::collections::HashSet::new();
    if let Some(dup) = specs.iter().find(|s| !names.insert(s.name.clone())) {
        return Err(CmdError::BadInput(format!("error: policy name `{}` is used twice", dup.name)));
    }
    // Load every policy first, so a bad one fails before any run.
    let policies = specs
        .into_iter()
        .map(|spec| {
            let loaded = match &spec.file {
                Some(file) => load_variant(file, &args.common.overrides, &[]),
                None => load_variant(&args.scenario, &args.common.overrides, &spec.overrides),
            }?;
            Ok(Policy { name: spec.name, spec: spec.text, loaded })
        })
        .collect::<Result<Vec<_>, CmdError>>()?;
    let request = CompareRequest {
        policies,
        overrides: args.common.overrides,
        runs: args.runs,
        seed: args.common.seed,
        threads: args.common.threads,
    };
    let total = request.config()?.runs * request.policies.len() as u64;
    let mut progress = Progress::bar(total, "runs");
    let report = brink_app::compare::compare(&request, &mut progress)?;
    progress.finish();
    super::print_report(&report, args.common.format, brink_app::compare::text)
}
