//! `brink likelihood`: the exact probability that a scenario produces observed crises
//! (docs/EVIDENCE.md).

use std::path::PathBuf;

use brink_app::evidence::{RunChoice, likelihood_report, read_records};
use brink_engine::likelihood::Settings;
use brink_scenario::Override;

use super::{CmdResult, Format, load_scenario};

/// Flags of `brink likelihood`.
#[derive(Debug, clap::Args)]
pub(crate) struct LikelihoodArgs {
    /// A bundled scenario name or a TOML file.
    scenario: String,
    /// A record of an observed crisis (.toml), or a trajectories file of `brink run
    /// --trajectories` (.csv, .jsonl, .parquet) with --run (repeatable).
    #[arg(long = "record", value_name = "FILE", required = true)]
    records: Vec<PathBuf>,
    /// For a trajectories file: the run to take (its index), or `all` (each run a record).
    #[arg(long, value_name = "K|all")]
    run: Option<RunChoice>,
    /// Override any scenario key: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    overrides: Vec<Override>,
    #[command(flatten)]
    precision: Precision,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// How precisely likelihoods are summed (`brink likelihood`, `brink fit`).
#[derive(Debug, clap::Args)]
pub(crate) struct Precision {
    /// Sum every branch: by default branches below 1e-10 of a turn's probability are dropped
    /// and the error this leaves in the log-likelihood is bounded and reported (at most 1e-6).
    #[arg(long)]
    exact: bool,
    /// Drop branches below this share of a turn's probability (default 1e-10; 0 drops none).
    /// Larger is faster and less precise: the bound on the error is reported per record.
    /// (`brink fit` uses it for each record's computation at the middle of the ranges, then
    /// sets each record's share of its probability to meet --max-error.)
    #[arg(long, value_name = "SHARE")]
    tolerance: Option<f64>,
    /// The largest bound on a record's log-likelihood error accepted (default 1e-6): a record
    /// whose dropped branches could hide more is summed again dropping less, most where the
    /// rest of the record is improbable (at last exactly). --tolerance 1e-8 --max-error 1e-2
    /// saves about a third of a fit's time, with the same posterior to 4 digits in our
    /// benchmark (docs/EVIDENCE.md, "Cost").
    #[arg(long = "max-error", value_name = "E")]
    max_error: Option<f64>,
}

impl Precision {
    fn settings(&self) -> Result<Settings, brink_app::AppError> {
        Settings::with_precision(self.exact, self.tolerance, self.max_error).map_err(brink_app::AppError::bad)
    }
}

/// Runs `brink likelihood`.
pub(crate) fn run(args: LikelihoodArgs) -> CmdResult {
    let loaded = load_scenario(Some(&args.scenario), &args.overrides)?;
    let mut records = Vec::new();
    for path in &args.records {
        records.extend(read_records(&loaded, path, args.run)?);
    }
    let settings = args.precision.settings()?;
    let progress = super::progress::Progress::spinner("computing the exact likelihood");
    let report = likelihood_report(&loaded, &args.overrides, &records, &settings);
    progress.finish();
    let report = report?;
    match args.format {
        Format::Json => super::print_report(&report, Format::Json, |_| String::new()),
        Format::Text => super::print(&brink_app::evidence::text(&report)),
    }
}

/// Flags of `brink fit`.
#[derive(Debug, clap::Args)]
pub(crate) struct FitArgs {
    /// A bundled scenario name or a TOML file.
    scenario: String,
    /// Records of observed crises (as for `brink likelihood`; repeatable).
    #[arg(long = "record", value_name = "FILE")]
    records: Vec<PathBuf>,
    /// Outcome counts of a class of historical crises (e.g. records/icb-two-nuclear.toml):
    /// a multinomial term with the scenario's outcome probabilities (repeatable).
    #[arg(long = "outcomes", value_name = "FILE")]
    outcomes: Vec<PathBuf>,
    /// Runs per parameter point for the --outcomes term (common random numbers, --seed).
    #[arg(long = "outcome-runs", default_value_t = 2000)]
    outcome_runs: u64,
    /// For trajectories files: the run to take, or `all`.
    #[arg(long, value_name = "K|all")]
    run: Option<RunChoice>,
    /// A parameter to fit and its range: PATH=LOW:HIGH (one or two for grid; any number for mcmc).
    #[arg(long = "param", value_name = "PATH=LOW:HIGH", required = true)]
    params: Vec<String>,
    /// A parameter's prior on its range: PATH=uniform|normal:M:S|beta:A:B (default uniform).
    #[arg(long = "prior", value_name = "PATH=PRIOR")]
    priors: Vec<String>,
    /// How: grid (exact likelihoods on a grid) or mcmc (Metropolis chains, R-hat and ESS).
    #[arg(long, default_value = "grid", value_parser = ["grid", "mcmc"])]
    method: String,
    /// Grid points per parameter (grid).
    #[arg(long, default_value_t = 21)]
    points: usize,
    /// Kept draws over all chains (mcmc); each chain also warms up for as many as it keeps.
    #[arg(long, default_value_t = 1000)]
    samples: usize,
    /// Independent chains (mcmc).
    #[arg(long, default_value_t = 4)]
    chains: usize,
    /// Runs per posterior point for the posterior predictive (0: skip it).
    #[arg(long = "runs-per-point", default_value_t = 2000)]
    runs_per_point: u64,
    /// Seed of the chains, the --outcomes runs and the predictive runs (default: the scenario's `run.seed`, else 1).
    #[arg(long)]
    seed: Option<u64>,
    /// Write the posterior (grid points or draws) to FILE (.parquet, .csv or .jsonl).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Override any scenario key: PATH=VALUE (repeatable; fixed during the fit).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    overrides: Vec<Override>,
    #[command(flatten)]
    precision: Precision,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `brink fit`.
pub(crate) fn fit(args: FitArgs) -> CmdResult {
    use brink_app::AppError;
    use brink_app::evidence::{FitMethod, FitRequest, fit, fit_params, fit_text, read_outcomes, write_posterior};
    use brink_app::experiment::Source;
    let method = match args.method.as_str() {
        "mcmc" => FitMethod::Mcmc { chains: args.chains, samples: args.samples },
        _ => FitMethod::Grid { points: args.points },
    };
    let loaded = load_scenario(Some(&args.scenario), &args.overrides)?;
    let mut records = Vec::new();
    for path in &args.records {
        records.extend(read_records(&loaded, path, args.run)?);
    }
    let mut priors = Vec::new();
    for text in &args.priors {
        let (path, prior) =
            text.split_once('=').ok_or_else(|| AppError::bad(format!("--prior `{text}`: expected PATH=PRIOR")))?;
        priors.push((path.to_owned(), prior.to_owned()));
    }
    let params = fit_params(&args.params, &priors)?;
    let outcomes = read_outcomes(&args.outcomes)?;
    let seed = args.seed.unwrap_or_else(|| loaded.info.default_seed.unwrap_or(1));
    let request = FitRequest {
        source: Source::Spec(args.scenario.clone()),
        overrides: args.overrides.clone(),
        records,
        params,
        method,
        predictive_runs: args.runs_per_point,
        seed,
        outcomes,
        outcome_runs: args.outcome_runs,
        likelihood: args.precision.settings()?,
    };
    let progress = super::progress::Progress::bar(request.planned_evaluations(), "likelihoods");
    let done = std::sync::atomic::AtomicU64::new(0);
    let report = fit(&request, &|| {
        progress.set(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
    });
    progress.finish();
    let report = report?;
    if let Some(out) = &args.out {
        let manifest = brink_app::manifest(&loaded, &args.overrides, seed, 0, "posterior");
        write_posterior(&report, out, manifest)?;
    }
    match args.format {
        Format::Json => super::print_report(&report, Format::Json, |_| String::new()),
        Format::Text => super::print(&fit_text(&report)),
    }
}
