//! `brink likelihood`: the exact probability that a scenario produces observed crises
//! (issue #15; docs/EVIDENCE.md). Records come from record files (TOML) or from the
//! trajectories `brink run --trajectories` writes (one run, or every run as a record).

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use brink_engine::likelihood::{Observed, ObservedTurn, Settings, likelihood, likelihood_and_settings};
use brink_scenario::{Loaded, Override};

use brink_types::LikelihoodReport;
use brink_types::evidence::{LikelihoodBody, RecordEnd, RecordLikelihood, TurnLikelihood};

use crate::AppError;

/// Which runs of a trajectories file to take as records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunChoice {
    /// Run `k`.
    One(u64),
    /// Every run, each an independent record.
    All,
}

impl FromStr for RunChoice {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        if text == "all" {
            return Ok(RunChoice::All);
        }
        text.parse().map(RunChoice::One).map_err(|_| format!("expected a run's index or `all`, found `{text}`"))
    }
}

/// A record read and lowered onto the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedRecord {
    /// Its name.
    pub name: String,
    /// Where it came from.
    pub origin: String,
    /// The scenario the record says it is for (record files only).
    pub record_scenario: Option<String>,
    /// What it shows.
    pub observed: Observed,
}

/// The records in `path`: a record file (`.toml`), or runs of a trajectories file (`.csv`,
/// `.jsonl`, `.parquet`) chosen by `run`.
pub fn read_records(loaded: &Loaded, path: &Path, run: Option<RunChoice>) -> Result<Vec<LoadedRecord>, AppError> {
    let file = path.display().to_string();
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if extension.as_deref() == Some("toml") {
        if run.is_some() {
            return Err(AppError::bad(format!(
                "{file}: --run picks runs of a trajectories file, not of a record file"
            )));
        }
        let record =
            brink_scenario::record::load_record(path, &loaded.scenario).map_err(|e| AppError::Scenario(Box::new(e)))?;
        return Ok(vec![LoadedRecord {
            name: record.name,
            origin: record.origin,
            record_scenario: Some(record.scenario),
            observed: record.observed,
        }]);
    }
    let Some(run) = run else {
        return Err(AppError::bad(format!(
            "{file}: a trajectories file holds many runs; choose one with --run K, or --run all"
        )));
    };
    let rows = brink_report::read::read_trajectories(path).map_err(|e| match e {
        brink_report::ReportError::Format { .. } => AppError::bad(format!(
            "{file}: expected a record file (.toml) or a trajectories file of `brink run --trajectories` (.csv, .jsonl or .parquet)"
        )),
        other => AppError::bad(other),
    })?;
    let scenario = &loaded.scenario;
    let actors: Vec<&str> = scenario.actors.iter().map(|a| a.name.as_str()).collect();
    let rungs: Vec<&str> = scenario.ladder.rungs().iter().map(|r| r.name.as_str()).collect();
    let mut runs: BTreeMap<u64, BTreeMap<u64, Vec<Option<usize>>>> = BTreeMap::new();
    for row in &rows {
        if let RunChoice::One(k) = run
            && row.run != k
        {
            continue;
        }
        let at = |field: &str| format!("{file}: run {}, turn {}, `{field}`", row.run, row.turn);
        let actor = actors.iter().position(|a| *a == row.actor).ok_or_else(|| {
            AppError::bad(format!(
                "{}: unknown actor `{}`; the scenario's actors: {}",
                at("actor"),
                row.actor,
                actors.join(", ")
            ))
        })?;
        let rung = rungs.iter().position(|r| *r == row.rung).ok_or_else(|| {
            AppError::bad(format!("{}: unknown rung `{}`; the ladder: {}", at("rung"), row.rung, rungs.join(", ")))
        })?;
        let turn = runs.entry(row.run).or_default().entry(row.turn).or_insert_with(|| vec![None; actors.len()]);
        if turn[actor].replace(rung).is_some() {
            return Err(AppError::bad(format!("{}: a second row for actor `{}`", at("actor"), row.actor)));
        }
    }
    if let RunChoice::One(k) = run
        && !runs.contains_key(&k)
    {
        return Err(AppError::bad(format!(
            "{file}: no run {k} in the file ({} runs)",
            rows.iter().map(|r| r.run).max().map_or(0, |m| m + 1)
        )));
    }
    let mut records = Vec::new();
    for (index, turns) in runs {
        let mut observed = Vec::new();
        for (expected, (turn, rungs_of)) in (1u64..).zip(turns) {
            if turn == 0 {
                return Err(AppError::bad(format!("{file}: run {index}: turn 0; turns are numbered from 1")));
            }
            if turn != expected {
                return Err(AppError::bad(format!(
                    "{file}: run {index}: turn {turn} follows turn {}; turns must run 1, 2, …",
                    expected - 1
                )));
            }
            let mut rungs_now = Vec::with_capacity(actors.len());
            for (actor, rung) in rungs_of.into_iter().enumerate() {
                rungs_now.push(rung.ok_or_else(|| {
                    AppError::bad(format!("{file}: run {index}, turn {turn}: missing actor `{}`", actors[actor]))
                })?);
            }
            observed.push(ObservedTurn { turn: turn as u32, rungs: rungs_now });
        }
        records.push(LoadedRecord {
            name: format!(
                "{}#run={index}",
                path.file_name().map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned())
            ),
            origin: file.clone(),
            record_scenario: None,
            observed: Observed { turns: observed, end: None },
        });
    }
    if records.is_empty() {
        return Err(AppError::bad(format!("{file}: the file holds no runs")));
    }
    Ok(records)
}

/// The likelihood of `records` under the loaded scenario.
pub fn likelihood_report(
    loaded: &Loaded,
    overrides: &[Override],
    records: &[LoadedRecord],
    settings: &Settings,
) -> Result<LikelihoodReport, AppError> {
    let started = std::time::Instant::now();
    let mut out = Vec::with_capacity(records.len());
    let mut total = Some(0.0);
    for record in records {
        let result = likelihood(&loaded.scenario, &record.observed, settings)
            .map_err(|e| AppError::bad(format!("{}: {e}", record.name)))?;
        let log = result.log_likelihood.is_finite().then_some(result.log_likelihood);
        total = total.zip(log).map(|(a, b)| a + b);
        out.push(RecordLikelihood {
            record: record.name.clone(),
            origin: record.origin.clone(),
            record_scenario: record.record_scenario.clone(),
            turns: record.observed.turns.iter().map(|t| t.turn).collect(),
            end: record.observed.end.map(|(outcome, turn)| RecordEnd { outcome: outcome.name().to_owned(), turn }),
            likelihood: result.likelihood,
            log_likelihood: log,
            impossible_at_turn: result.impossible_at_turn,
            per_turn: result
                .per_turn
                .iter()
                .map(|&(turn, l)| TurnLikelihood { turn, log_likelihood: l.is_finite().then_some(l) })
                .collect(),
            peak_states: result.peak_states as u64,
            branches: result.branches,
            error_bound: result.error_bound,
        });
    }
    let body = LikelihoodBody {
        scenario: loaded.scenario.name.clone(),
        scenario_origin: loaded.origin.clone(),
        scenario_hash: loaded.hash.clone(),
        overrides: overrides.iter().map(Override::flag).collect(),
        records: out,
        log_likelihood: total,
        precision: Some(precision(settings)),
        note: "computed, not simulated, from the scenario's stated assumptions (every number in it is one), summed \
               over what the record does not show: private red lines, event draws, decision noise, answers, accidents; \
               exact up to `error_bound` in the log (0 with --exact)"
            .to_owned(),
    };
    Ok(brink_types::Report::new(crate::VERSION, body)
        .timed(brink_types::Timing::seconds(started.elapsed().as_secs_f64())))
}

/// How `settings` summed the likelihoods, for the reports.
fn precision(settings: &Settings) -> brink_types::evidence::LikelihoodPrecision {
    brink_types::evidence::LikelihoodPrecision { tolerance: settings.tolerance, max_error: settings.max_error }
}

/// The text of `brink likelihood`.
pub fn text(report: &LikelihoodReport) -> String {
    let body = &report.body;
    let mut out =
        format!("{} ({}): likelihood of {} record(s)\n", body.scenario, body.scenario_origin, body.records.len());
    for record in &body.records {
        let turns = match (record.turns.first(), record.turns.last()) {
            (Some(a), Some(b)) => format!("turns {a}–{b}"),
            _ => "no turns".to_owned(),
        };
        let end = record.end.as_ref().map_or(String::new(), |e| format!(", ending {} at turn {}", e.outcome, e.turn));
        out += &format!("\n  {} ({turns}{end})\n", record.record);
        match record.impossible_at_turn {
            Some(turn) => out += &format!("    likelihood 0: the scenario cannot produce turn {turn} of the record\n"),
            None => {
                out += &format!(
                    "    likelihood {:.6e}   log-likelihood {:.4}\n",
                    record.likelihood,
                    record.log_likelihood.unwrap_or(f64::NEG_INFINITY)
                );
                if record.error_bound > 0.0 {
                    // (Reports older than the key used the default.)
                    let tolerance = body.precision.map_or(Settings::default().tolerance, |p| p.tolerance);
                    out += &format!(
                        "    (branches below {tolerance:.0e} of a turn's mass, or less where the bound needed it, dropped: the exact log-likelihood is at most {:.1e} higher; --exact sums them all)\n",
                        record.error_bound
                    );
                }
            }
        }
        let cells: Vec<String> = record
            .per_turn
            .iter()
            .map(|t| format!("{}: {}", t.turn, t.log_likelihood.map_or("-inf".to_owned(), |l| format!("{l:.3}"))))
            .collect();
        out += &format!("    per turn (ln P): {}\n", cells.join("  "));
        if let Some(name) = &record.record_scenario
            && name != &body.scenario
        {
            out += &format!("    (the record was written for scenario `{name}`)\n");
        }
    }
    if body.records.len() > 1 {
        match body.log_likelihood {
            Some(l) => out += &format!("\nTotal log-likelihood (records independent): {l:.4}\n"),
            None => out += "\nTotal likelihood: 0 (a record is impossible under the scenario)\n",
        }
    }
    out += "\nNote: these figures follow from the scenario's stated assumptions (every number in it is one); they are not a forecast.\n";
    out
}

/// A prior on a fitted parameter's range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Prior {
    /// Flat on the range.
    Uniform,
    /// Normal with this mean and standard deviation, cut to the range.
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation (> 0).
        sd: f64,
    },
    /// Beta(a, b) (for parameters in [0, 1]), cut to the range.
    Beta {
        /// a > 0.
        a: f64,
        /// b > 0.
        b: f64,
    },
}

impl FromStr for Prior {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split(':').collect();
        let number = |s: &str| s.parse::<f64>().ok().filter(|x| x.is_finite() && *x > 0.0);
        match parts.as_slice() {
            ["uniform"] => Ok(Prior::Uniform),
            ["normal", m, s] => match (m.parse::<f64>().ok().filter(|x| x.is_finite()), number(s)) {
                (Some(mean), Some(sd)) => Ok(Prior::Normal { mean, sd }),
                _ => Err(format!("`{text}`: expected normal:MEAN:SD with SD > 0")),
            },
            ["beta", a, b] => match (number(a), number(b)) {
                (Some(a), Some(b)) => Ok(Prior::Beta { a, b }),
                _ => Err(format!("`{text}`: expected beta:A:B with A, B > 0")),
            },
            _ => Err(format!("`{text}`: expected uniform, normal:MEAN:SD or beta:A:B")),
        }
    }
}

impl Prior {
    /// ln of the (unnormalised) density at `x`; −∞ outside the support.
    pub fn log_density(&self, x: f64) -> f64 {
        match *self {
            Prior::Uniform => 0.0,
            Prior::Normal { mean, sd } => -0.5 * ((x - mean) / sd).powi(2),
            Prior::Beta { a, b } => {
                if !(0.0..=1.0).contains(&x) {
                    return f64::NEG_INFINITY;
                }
                let term = |p: f64, y: f64| if p == 1.0 { 0.0 } else { (p - 1.0) * y.ln() };
                term(a, x) + term(b, 1.0 - x)
            }
        }
    }

    /// As written on the command line.
    pub fn label(&self) -> String {
        match *self {
            Prior::Uniform => "uniform".to_owned(),
            Prior::Normal { mean, sd } => format!("normal:{mean}:{sd}"),
            Prior::Beta { a, b } => format!("beta:{a}:{b}"),
        }
    }
}

/// The fitted parameters from `PATH=LOW:HIGH` texts and `(PATH, PRIOR)` pairs (a parameter
/// without a prior is uniform), as the command line and Python give them.
pub fn fit_params(
    params: &[String],
    priors: &[(String, String)],
) -> Result<Vec<(crate::experiment::ParamSpec, Prior)>, AppError> {
    let mut out = Vec::new();
    for text in params {
        let spec =
            crate::experiment::ParamSpec::parse(text, false).map_err(|e| AppError::bad(format!("--param {e}")))?;
        out.push((spec, Prior::Uniform));
    }
    for (path, text) in priors {
        let prior: Prior = text.parse().map_err(|e| AppError::bad(format!("--prior {e}")))?;
        let Some(slot) = out.iter_mut().find(|(spec, _)| &spec.path == path) else {
            return Err(AppError::bad(format!("--prior `{path}={text}`: `{path}` is not a --param")));
        };
        slot.1 = prior;
    }
    Ok(out)
}

/// How a fit explores the parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FitMethod {
    /// Exact likelihoods on a grid of `points` values per parameter (one or two parameters).
    Grid {
        /// Grid points per parameter.
        points: usize,
    },
    /// Adaptive random-walk Metropolis ([`crate::mcmc`]): `chains` chains, `samples` kept
    /// draws in all, each chain warmed up for as many iterations as it keeps.
    Mcmc {
        /// Independent chains (at least 2).
        chains: usize,
        /// Kept draws over all chains.
        samples: usize,
    },
}

impl FitMethod {
    /// The name of the method (`grid`, `mcmc`).
    pub fn name(&self) -> &'static str {
        match self {
            FitMethod::Grid { .. } => "grid",
            FitMethod::Mcmc { .. } => "mcmc",
        }
    }

    /// The MCMC settings (per chain: warm-up = kept draws).
    fn mcmc(&self, seed: u64) -> Option<crate::mcmc::Settings> {
        match *self {
            FitMethod::Mcmc { chains, samples } => {
                let draws = samples.div_ceil(chains.max(1));
                Some(crate::mcmc::Settings { chains, warmup: draws, draws, seed })
            }
            FitMethod::Grid { .. } => None,
        }
    }
}

/// A fit: the scenario, its fixed overrides, the records, and the parameters with priors.
#[derive(Debug, Clone)]
pub struct FitRequest {
    /// The scenario.
    pub source: crate::experiment::Source,
    /// Fixed overrides.
    pub overrides: Vec<Override>,
    /// The records (lowered on the base scenario; fitted parameters change numbers only).
    pub records: Vec<LoadedRecord>,
    /// The fitted parameters (`PATH=LOW:HIGH`) with their priors.
    pub params: Vec<(crate::experiment::ParamSpec, Prior)>,
    /// Grid or MCMC.
    pub method: FitMethod,
    /// Runs per posterior point for the posterior predictive (0: none).
    pub predictive_runs: u64,
    /// Seed of the MCMC chains, the base-rate runs and the predictive runs.
    pub seed: u64,
    /// Observed outcome counts of classes of crises (`--outcomes`): each adds a multinomial
    /// term with the scenario's outcome probabilities from `outcome_runs` runs.
    pub outcomes: Vec<brink_scenario::outcomes::OutcomeCounts>,
    /// Runs per parameter point for the base-rate term (common random numbers: `seed`).
    pub outcome_runs: u64,
    /// How each record's likelihood is computed.
    pub likelihood: Settings,
}

/// The summary of `runs` runs of `scenario` on `seed`, on one thread: callers spread parameter
/// points over the threads.
fn simulated(scenario: &brink_engine::Scenario, runs: u64, seed: u64) -> Result<brink_engine::Summary, AppError> {
    let config = brink_engine::RunConfig { runs, seed, threads: Some(1) };
    Ok(brink_engine::run_many(scenario, &config, &mut ())?)
}

/// Reads outcome-counts files (`--outcomes`), in order; the first invalid one is the error,
/// with its file, line and field.
pub fn read_outcomes(paths: &[std::path::PathBuf]) -> Result<Vec<brink_scenario::outcomes::OutcomeCounts>, AppError> {
    paths
        .iter()
        .map(|path| brink_scenario::outcomes::load_outcomes(path).map_err(|e| AppError::Scenario(Box::new(e))))
        .collect()
}

/// ln of the multinomial probability of `counts` (over the outcomes it names) given the
/// outcomes of a scenario's runs (`summary`), conditional on ending in a named outcome
/// and smoothed by half a run per outcome (so a finite sample never makes a count impossible):
/// p̃ₒ = (cₒ + ½) / (Σ c + ½ K), ln P = ln(N! / Π nₒ!) + Σ nₒ ln p̃ₒ.
pub fn base_rate_log_likelihood(
    summary: &brink_engine::Summary,
    counts: &brink_scenario::outcomes::OutcomeCounts,
) -> f64 {
    let runs = |o: brink_engine::Outcome| summary.outcome(o).count as f64;
    let k = counts.counts.len() as f64;
    let total: f64 = counts.counts.iter().map(|&(o, _)| runs(o)).sum();
    let ln_factorial = |n: u64| (2..=n).map(|i| (i as f64).ln()).sum::<f64>();
    let n: u64 = counts.counts.iter().map(|&(_, n)| n).sum();
    let mut log = ln_factorial(n);
    for &(o, observed) in &counts.counts {
        let p = (runs(o) + 0.5) / (total + 0.5 * k);
        log += observed as f64 * p.ln() - ln_factorial(observed);
    }
    log
}

impl FitRequest {
    /// The likelihood evaluations the fit will make (MCMC: without retried starting points),
    /// for a progress bar.
    pub fn planned_evaluations(&self) -> u64 {
        match self.method {
            FitMethod::Grid { points } => (points as u64).pow(self.params.len() as u32),
            FitMethod::Mcmc { .. } => self.method.mcmc(0).map_or(0, |m| (m.chains * (m.warmup + m.draws + 1)) as u64),
        }
    }
}

/// The `q` quantile of a discrete distribution given as (value, weight) pairs in increasing
/// order of value, weights summing to 1: the first value whose cumulative weight reaches `q`.
fn weighted_quantile(pairs: impl Iterator<Item = (f64, f64)>, q: f64) -> f64 {
    let mut cumulative = 0.0;
    let mut last = 0.0;
    for (x, w) in pairs {
        cumulative += w;
        last = x;
        if cumulative >= q - 1e-12 {
            return x;
        }
    }
    last
}

fn log_sum_exp(values: impl Iterator<Item = f64> + Clone) -> f64 {
    let max = values.clone().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + values.map(|v| (v - max).exp()).sum::<f64>().ln()
}

/// The posterior of the parameters given the records: on a grid (exact likelihoods; the
/// grid's resolution is the only approximation) or by MCMC chains. Likelihoods are evaluated
/// in parallel; the result does not depend on the number of threads. `tick` is called after
/// each likelihood evaluation (a progress bar; [`FitRequest::planned_evaluations`] is the
/// total).
pub fn fit(request: &FitRequest, tick: &(dyn Fn() + Sync)) -> Result<brink_types::FitReport, AppError> {
    fit_cancellable(request, tick, &|| false)
}

/// [`fit`], stopped early when `cancelled` turns true (the web page's jobs): it is asked
/// before each likelihood evaluation and each predictive point, and the fit then ends with
/// [`AppError::Cancelled`] counting the evaluations done.
pub fn fit_cancellable(
    request: &FitRequest,
    tick: &(dyn Fn() + Sync),
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Result<brink_types::FitReport, AppError> {
    let evaluated = std::sync::atomic::AtomicU64::new(0);
    let stop = || AppError::Cancelled { done: evaluated.load(std::sync::atomic::Ordering::Relaxed) };
    let started = std::time::Instant::now();
    let k = request.params.len();
    if k == 0 {
        return Err(AppError::bad("give at least one --param PATH=LOW:HIGH"));
    }
    if request.records.is_empty() && request.outcomes.is_empty() {
        return Err(AppError::bad("give at least one --record or --outcomes"));
    }
    if !request.outcomes.is_empty() && request.outcome_runs == 0 {
        return Err(AppError::bad("--outcome-runs 0: the base-rate term needs runs"));
    }
    let base = request.source.load(&request.overrides)?;
    // The scenario at parameter values: the fixed overrides, then the values.
    let variant = |values: &[f64]| -> Result<Loaded, AppError> {
        let extra: Vec<Override> = values.iter().zip(&request.params).map(|(&x, (spec, _))| spec.set(x)).collect();
        request.source.load_with(&request.overrides, &extra)
    };
    // The records' total log-likelihood at parameter values (None: some record impossible).
    // Identical records (common when they are cut from simulated runs) are computed once and
    // counted as often as they occur.
    let mut distinct: Vec<(&LoadedRecord, f64)> = Vec::new();
    for record in &request.records {
        match distinct.iter_mut().find(|(seen, _)| seen.observed == record.observed) {
            Some((_, count)) => *count += 1.0,
            None => distinct.push((record, 1.0)),
        }
    }
    // Each record starts at the tolerance its likelihood is predicted to need, from its
    // computation at the middle of the ranges: a share of the record's probability there
    // (`likelihood_and_settings`), so that no record is summed twice at every point to meet
    // `max_error`, nor more finely than it needs. (Chosen once, before any parallel work, so
    // the fit is the same on any number of threads; the bound is still checked, and
    // tightened, at every point.)
    let middle: Vec<f64> = request.params.iter().map(|(spec, _)| spec.applied(0.5 * (spec.low + spec.high))).collect();
    // (Not with --exact, which has nothing to choose; and a record impossible at the middle
    // keeps the requested tolerance, rather than the exact sum its retries end in.)
    let settings: Vec<Settings> = if distinct.is_empty() || request.likelihood.tolerance == 0.0 {
        vec![request.likelihood; distinct.len()]
    } else {
        let loaded = variant(&middle)?;
        let mut settings = Vec::with_capacity(distinct.len());
        for &(record, _) in &distinct {
            if cancelled() {
                return Err(stop());
            }
            settings.push(match likelihood_and_settings(&loaded.scenario, &record.observed, &request.likelihood) {
                Ok((l, tuned)) if l.impossible_at_turn.is_none() => tuned,
                _ => request.likelihood,
            });
        }
        settings
    };
    let log_likelihood = |values: &[f64]| -> Result<Option<f64>, AppError> {
        if cancelled() {
            return Err(stop());
        }
        let loaded = variant(values)?;
        let mut total = Some(0.0);
        for (&(record, count), settings) in distinct.iter().zip(&settings) {
            let result = likelihood(&loaded.scenario, &record.observed, settings)
                .map_err(|e| AppError::bad(format!("{}: {e}", record.name)))?;
            if !result.log_likelihood.is_finite() {
                total = None;
                break;
            }
            total = total.map(|t| t + count * result.log_likelihood);
        }
        if let Some(t) = &mut total
            && !request.outcomes.is_empty()
        {
            // One set of runs serves every class of crises.
            let summary = simulated(&loaded.scenario, request.outcome_runs, request.seed)?;
            *t += request.outcomes.iter().map(|counts| base_rate_log_likelihood(&summary, counts)).sum::<f64>();
        }
        evaluated.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tick();
        Ok(total)
    };
    let log_prior = |values: &[f64]| -> f64 {
        values.iter().zip(&request.params).map(|(&x, (_, prior))| prior.log_density(x)).sum()
    };

    let posterior = match request.method {
        FitMethod::Grid { points } => grid_posterior(request, points, &log_likelihood, &log_prior)?,
        FitMethod::Mcmc { chains, samples } => {
            if chains < 2 || samples < 4 * chains {
                return Err(AppError::bad(format!(
                    "--chains {chains} --samples {samples}: MCMC needs at least 2 chains and 4 draws per chain"
                )));
            }
            if let Some((spec, _)) = request.params.iter().find(|(spec, _)| spec.integer) {
                return Err(AppError::bad(format!(
                    "--param {}={}:{}: an integer parameter takes --method grid (MCMC moves continuously)",
                    spec.path, spec.low, spec.high
                )));
            }
            let settings = request.method.mcmc(request.seed).expect("MCMC settings");
            mcmc_posterior(request, settings, &log_likelihood, &log_prior)?
        }
    };

    if cancelled() {
        return Err(stop());
    }
    let posterior_predictive = predictive(request, &base, &posterior.support, &|values: &[f64]| {
        if cancelled() { Err(stop()) } else { variant(values) }
    })?;
    let Posterior { params, log_evidence, diagnostics, grid, draws, .. } = posterior;
    let body = brink_types::evidence::FitBody {
        scenario: base.scenario.name.clone(),
        scenario_origin: base.origin.clone(),
        scenario_hash: base.hash.clone(),
        overrides: request.overrides.iter().map(Override::flag).collect(),
        records: request.records.iter().map(|r| r.name.clone()).collect(),
        outcomes: request.outcomes.iter().map(|o| o.name.clone()).collect(),
        method: request.method.name().to_owned(),
        params,
        log_evidence,
        diagnostics,
        posterior_predictive,
        grid,
        draws,
        precision: Some(precision(&request.likelihood)),
        note: format!(
            "{} of the records {}, times the priors; every other number is the scenario's stated assumption",
            if request.likelihood.tolerance == 0.0 {
                "exact likelihoods".to_owned()
            } else {
                format!("likelihoods (each within {:.0e} of the exact sum in the log)", request.likelihood.max_error)
            },
            match request.method {
                FitMethod::Grid { .. } => "on a grid of parameter values",
                FitMethod::Mcmc { .. } => "along Metropolis chains",
            }
        ),
    };
    Ok(brink_types::Report::new(crate::VERSION, body)
        .timed(brink_types::Timing::seconds(started.elapsed().as_secs_f64())))
}

/// A computed posterior, before the predictive runs.
struct Posterior {
    params: Vec<brink_types::evidence::FitParam>,
    log_evidence: Option<f64>,
    diagnostics: brink_types::evidence::FitDiagnostics,
    grid: Vec<brink_types::evidence::FitPoint>,
    draws: Vec<brink_types::evidence::FitDraw>,
    /// Where the posterior predictive runs: up to 25 points with weights summing to 1.
    support: Vec<(Vec<f64>, f64)>,
}

type LogLikelihood<'a> = dyn Fn(&[f64]) -> Result<Option<f64>, AppError> + Sync + 'a;

fn grid_posterior(
    request: &FitRequest,
    points_per_param: usize,
    log_likelihood: &LogLikelihood<'_>,
    log_prior: &(dyn Fn(&[f64]) -> f64 + Sync),
) -> Result<Posterior, AppError> {
    use rayon::prelude::*;
    let k = request.params.len();
    if k > 2 {
        return Err(AppError::bad(format!(
            "a grid fit takes one or two --param PATH=LOW:HIGH ({k} given): use --method mcmc for more"
        )));
    }
    if !(2..=1001).contains(&points_per_param) {
        return Err(AppError::bad(format!("--points {points_per_param}: expected 2 to 1001 points per parameter")));
    }
    let axes: Vec<Vec<f64>> = request
        .params
        .iter()
        .map(|(spec, _)| {
            (0..points_per_param)
                .map(|i| spec.applied(spec.low + (spec.high - spec.low) * i as f64 / (points_per_param - 1) as f64))
                .collect()
        })
        .collect();
    let points: Vec<Vec<usize>> = match k {
        1 => (0..points_per_param).map(|i| vec![i]).collect(),
        _ => (0..points_per_param).flat_map(|i| (0..points_per_param).map(move |j| vec![i, j])).collect(),
    };
    let values = |point: &[usize]| -> Vec<f64> { point.iter().enumerate().map(|(p, &i)| axes[p][i]).collect() };
    let logliks: Vec<Option<f64>> =
        points.par_iter().map(|point| log_likelihood(&values(point))).collect::<Result<_, _>>()?;
    let log_priors: Vec<f64> = points.iter().map(|point| log_prior(&values(point))).collect();
    let joint: Vec<f64> =
        logliks.iter().zip(&log_priors).map(|(l, p)| l.map_or(f64::NEG_INFINITY, |l| l + p)).collect();
    let norm = log_sum_exp(joint.iter().copied());
    if norm == f64::NEG_INFINITY {
        return Err(AppError::bad(
            "every grid point makes some record impossible (or has prior 0): widen the ranges or check the records",
        ));
    }
    let posterior: Vec<f64> = joint.iter().map(|j| (j - norm).exp()).collect();
    let log_evidence = norm - log_sum_exp(log_priors.iter().copied());

    let mut params = Vec::new();
    let mut edge_mass: f64 = 0.0;
    let best = posterior.iter().enumerate().fold(0, |best, (i, &p)| if p > posterior[best] { i } else { best });
    for (p, (spec, prior)) in request.params.iter().enumerate() {
        let mut marginal = vec![0.0; points_per_param];
        for (point, w) in points.iter().zip(&posterior) {
            marginal[point[p]] += w;
        }
        let mean: f64 = marginal.iter().zip(&axes[p]).map(|(w, x)| w * x).sum();
        let var: f64 = marginal.iter().zip(&axes[p]).map(|(w, x)| w * (x - mean).powi(2)).sum();
        let quantile = |q: f64| weighted_quantile(axes[p].iter().copied().zip(marginal.iter().copied()), q);
        edge_mass = edge_mass.max(marginal[0] + marginal[points_per_param - 1]);
        params.push(brink_types::evidence::FitParam {
            path: spec.path.clone(),
            mean,
            sd: var.max(0.0).sqrt(),
            ci95: [quantile(0.025), quantile(0.975)],
            map: axes[p][points[best][p]],
            prior: prior.label(),
            range: [spec.low, spec.high],
            rhat: None,
            ess: None,
        });
    }

    // The predictive's support: the most probable points (99% of the mass, at most 25).
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| posterior[b].total_cmp(&posterior[a]).then(a.cmp(&b)));
    let mut support = Vec::new();
    let mut mass = 0.0;
    for i in order {
        if mass >= 0.99 || support.len() >= 25 || posterior[i] <= 0.0 {
            break;
        }
        mass += posterior[i];
        support.push((values(&points[i]), posterior[i]));
    }
    for (_, w) in &mut support {
        *w /= mass;
    }

    Ok(Posterior {
        params,
        log_evidence: log_evidence.is_finite().then_some(log_evidence),
        diagnostics: brink_types::evidence::FitDiagnostics {
            points_per_param: Some(points_per_param),
            evaluations: points.len(),
            impossible_points: logliks.iter().filter(|l| l.is_none()).count(),
            max_point_mass: Some(posterior.iter().copied().fold(0.0, f64::max)),
            edge_mass,
            chains: None,
            warmup_per_chain: None,
            draws_per_chain: None,
            acceptance: None,
            max_rhat: None,
            min_ess: None,
        },
        grid: points
            .iter()
            .zip(&logliks)
            .zip(&posterior)
            .map(|((point, l), &w)| brink_types::evidence::FitPoint {
                values: values(point),
                log_likelihood: *l,
                posterior: w,
            })
            .collect(),
        draws: Vec::new(),
        support,
    })
}

fn mcmc_posterior(
    request: &FitRequest,
    settings: crate::mcmc::Settings,
    log_likelihood: &LogLikelihood<'_>,
    log_prior: &(dyn Fn(&[f64]) -> f64 + Sync),
) -> Result<Posterior, AppError> {
    use crate::mcmc;
    let bounds: Vec<(f64, f64)> = request.params.iter().map(|(spec, _)| (spec.low, spec.high)).collect();
    // The first error a chain meets (a record the engine cannot evaluate) ends the fit.
    let failure = std::sync::Mutex::new(None::<AppError>);
    let target = |x: &[f64]| -> Option<f64> {
        let prior = log_prior(x);
        if !prior.is_finite() {
            return None;
        }
        match log_likelihood(x) {
            Ok(l) => l.map(|l| l + prior),
            Err(e) => {
                failure.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get_or_insert(e);
                None
            }
        }
    };
    let chains = mcmc::sample(&bounds, settings, &target);
    if let Some(e) = failure.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
        return Err(e);
    }
    let chains = chains.map_err(AppError::bad)?;

    let total = (settings.chains * settings.draws) as f64;
    let (best_chain, best_draw) = chains
        .log_target
        .iter()
        .enumerate()
        .flat_map(|(c, lt)| lt.iter().enumerate().map(move |(i, &l)| ((c, i), l)))
        .fold(((0, 0), f64::NEG_INFINITY), |best, (at, l)| if l > best.1 { (at, l) } else { best })
        .0;
    let mut params = Vec::new();
    let mut edge_mass: f64 = 0.0;
    let (mut max_rhat, mut min_ess) = (f64::NEG_INFINITY, f64::INFINITY);
    for (p, (spec, prior)) in request.params.iter().enumerate() {
        let per_chain = chains.parameter(p);
        let mut pooled: Vec<f64> = per_chain.iter().flatten().copied().collect();
        pooled.sort_by(f64::total_cmp);
        let mean = pooled.iter().sum::<f64>() / total;
        let var = pooled.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (total - 1.0);
        let equal = 1.0 / total;
        let quantile = |q: f64| weighted_quantile(pooled.iter().map(|&x| (x, equal)), q);
        let span = spec.high - spec.low;
        let edge = pooled.iter().filter(|&&x| x < spec.low + 0.01 * span || x > spec.high - 0.01 * span).count();
        edge_mass = edge_mass.max(edge as f64 / total);
        let rhat = mcmc::split_rhat(&per_chain);
        let ess = mcmc::effective_sample_size(&per_chain);
        max_rhat = max_rhat.max(rhat);
        min_ess = min_ess.min(ess);
        params.push(brink_types::evidence::FitParam {
            path: spec.path.clone(),
            mean,
            sd: var.max(0.0).sqrt(),
            ci95: [quantile(0.025), quantile(0.975)],
            map: chains.draws[best_chain][best_draw][p],
            prior: prior.label(),
            range: [spec.low, spec.high],
            rhat: rhat.is_finite().then_some(rhat),
            ess: ess.is_finite().then_some(ess),
        });
    }
    // The predictive's support: 25 draws evenly spaced through the pooled chains.
    let pooled: Vec<&Vec<f64>> = chains.draws.iter().flatten().collect();
    let picks = pooled.len().min(25);
    let support =
        (0..picks).map(|i| (pooled[i * pooled.len() / picks].clone(), 1.0 / picks as f64)).collect::<Vec<_>>();
    let draws = chains
        .draws
        .iter()
        .zip(&chains.log_target)
        .enumerate()
        .flat_map(|(chain, (values, targets))| {
            values.iter().zip(targets).map(move |(v, &t)| brink_types::evidence::FitDraw {
                chain,
                values: v.clone(),
                log_posterior: t,
            })
        })
        .collect();
    Ok(Posterior {
        params,
        log_evidence: None,
        diagnostics: brink_types::evidence::FitDiagnostics {
            points_per_param: None,
            evaluations: chains.evaluations,
            impossible_points: chains.impossible,
            max_point_mass: None,
            edge_mass,
            chains: Some(settings.chains),
            warmup_per_chain: Some(settings.warmup),
            draws_per_chain: Some(settings.draws),
            acceptance: Some(chains.acceptance.iter().sum::<f64>() / chains.acceptance.len() as f64),
            max_rhat: max_rhat.is_finite().then_some(max_rhat),
            min_ess: min_ess.is_finite().then_some(min_ess),
        },
        grid: Vec::new(),
        draws,
        support,
    })
}

/// Posterior predictive: each support point run `predictive_runs` times on the same seed
/// (common random numbers); the weighted mean and 95% range, beside the scenario's own values.
fn predictive(
    request: &FitRequest,
    base: &Loaded,
    support: &[(Vec<f64>, f64)],
    variant: &(dyn Fn(&[f64]) -> Result<Loaded, AppError> + Sync),
) -> Result<Vec<brink_types::evidence::PredictiveOutcome>, AppError> {
    use rayon::prelude::*;
    if request.predictive_runs == 0 {
        return Ok(Vec::new());
    }
    let outcome_probs = |loaded: &Loaded| -> Result<Vec<f64>, AppError> {
        let summary = simulated(&loaded.scenario, request.predictive_runs, request.seed)?;
        Ok(brink_engine::Outcome::ALL.iter().map(|&o| summary.outcome(o).p).collect())
    };
    let at_points: Vec<Vec<f64>> =
        support.par_iter().map(|(values, _)| outcome_probs(&variant(values)?)).collect::<Result<_, AppError>>()?;
    let own = outcome_probs(base)?;
    let mut out = Vec::new();
    for (o, outcome) in brink_engine::Outcome::ALL.iter().enumerate() {
        let mut weighted: Vec<(f64, f64)> = support.iter().zip(&at_points).map(|((_, w), ps)| (ps[o], *w)).collect();
        let p: f64 = weighted.iter().map(|(x, w)| x * w).sum();
        weighted.sort_by(|a, b| a.0.total_cmp(&b.0));
        let quantile = |q: f64| weighted_quantile(weighted.iter().copied(), q);
        out.push(brink_types::evidence::PredictiveOutcome {
            outcome: outcome.name().to_owned(),
            p,
            ci95: [quantile(0.025), quantile(0.975)],
            scenario_p: own[o],
        });
    }
    Ok(out)
}

/// The text of `brink fit`.
pub fn fit_text(report: &brink_types::FitReport) -> String {
    let body = &report.body;
    let d = &body.diagnostics;
    let how = match (d.points_per_param, d.chains, d.draws_per_chain) {
        (Some(points), _, _) => format!("grid fit ({points} points per parameter)"),
        (None, Some(chains), Some(draws)) => {
            format!("MCMC fit ({chains} chains × {draws} draws after {} warm-up)", d.warmup_per_chain.unwrap_or(0))
        }
        _ => format!("{} fit", body.method),
    };
    let given = if body.outcomes.is_empty() {
        format!("{} record(s)", body.records.len())
    } else {
        format!("{} record(s) and the outcome counts of {}", body.records.len(), body.outcomes.join(", "))
    };
    let mut out = format!("{}: posterior given {given}, {how}\n\n", body.scenario);
    let mcmc = d.chains.is_some();
    out += "  parameter                                  mean        sd   95% interval            MAP   prior";
    out += if mcmc { "          R-hat      ESS\n" } else { "\n" };
    for p in &body.params {
        out += &format!(
            "  {:<40} {:>8.4} {:>9.4}   [{:.4}, {:.4}]   {:>8.4}   {:<14}",
            p.path, p.mean, p.sd, p.ci95[0], p.ci95[1], p.map, p.prior
        );
        if mcmc {
            out += &format!(" {:>6.3} {:>8.0}", p.rhat.unwrap_or(f64::NAN), p.ess.unwrap_or(f64::NAN));
        }
        out = out.trim_end().to_owned() + "\n";
    }
    if let Some(e) = body.log_evidence {
        out += &format!("\n  log evidence (records averaged over the prior): {e:.4}\n");
    }
    match d.max_point_mass {
        Some(mass) => {
            out += &format!(
                "  {} points, {} impossible; largest point mass {mass:.3}; mass on the range's edges {:.3}\n",
                d.evaluations, d.impossible_points, d.edge_mass
            );
        }
        None => {
            out += &format!(
                "\n  {} likelihood evaluations, {} impossible; acceptance {:.2}; largest R-hat {:.3}; smallest ESS {:.0}; draws at the range's edges {:.3}\n",
                d.evaluations,
                d.impossible_points,
                d.acceptance.unwrap_or(f64::NAN),
                d.max_rhat.unwrap_or(f64::NAN),
                d.min_ess.unwrap_or(f64::NAN),
                d.edge_mass
            );
            if d.max_rhat.is_none_or(|r| r > 1.05) || d.min_ess.is_none_or(|e| e < 100.0) {
                out += "  (the chains have not converged: R-hat above 1.05 or fewer than 100 effective draws; raise --samples)\n";
            }
        }
    }
    if d.edge_mass > 0.05 {
        out += "  (much of the posterior sits on an edge of the range: widen it)\n";
    }
    if !body.posterior_predictive.is_empty() {
        out += "\n  outcome          posterior     95% over the posterior     as written\n";
        for o in &body.posterior_predictive {
            out += &format!(
                "  {:<15} {:>9.4}%    [{:.4}%, {:.4}%]   {:>9.4}%\n",
                o.outcome,
                100.0 * o.p,
                100.0 * o.ci95[0],
                100.0 * o.ci95[1],
                100.0 * o.scenario_p
            );
        }
    }
    out += "\nNote: these figures follow from the scenario's stated assumptions (every number in it is one) and the records; they are not a forecast.\n";
    out
}

/// Writes a fit's posterior to `path` (.parquet, .csv or .jsonl, with a manifest): for a grid
/// fit one row per grid point (the parameters by path, `log_likelihood`, `posterior`); for
/// MCMC one row per kept draw (`chain`, `draw`, the parameters, `log_posterior`).
pub fn write_posterior(
    report: &brink_types::FitReport,
    path: &std::path::Path,
    manifest: brink_report::Manifest,
) -> Result<(), AppError> {
    use brink_report::records::{Kind, TableWriter, Value};
    let body = &report.body;
    let names: Vec<&str> = body.params.iter().map(|p| p.path.as_str()).collect();
    let io = |e: brink_report::ReportError| AppError::bad(e.to_string());
    if body.draws.is_empty() {
        let mut columns: Vec<(&str, Kind)> = names.iter().map(|&n| (n, Kind::F64)).collect();
        columns.extend([("log_likelihood", Kind::OptF64), ("posterior", Kind::F64)]);
        let mut table = TableWriter::create(path, &columns, manifest).map_err(io)?;
        for point in &body.grid {
            let mut row: Vec<Value> = point.values.iter().map(|&x| Value::F64(x)).collect();
            row.push(point.log_likelihood.map_or(Value::Null, Value::F64));
            row.push(Value::F64(point.posterior));
            table.push(&row).map_err(io)?;
        }
        table.finish().map_err(io)
    } else {
        let mut columns: Vec<(&str, Kind)> = vec![("chain", Kind::U64), ("draw", Kind::U64)];
        columns.extend(names.iter().map(|&n| (n, Kind::F64)));
        columns.push(("log_posterior", Kind::F64));
        let mut table = TableWriter::create(path, &columns, manifest).map_err(io)?;
        let mut draw_in_chain = 0u64;
        let mut previous_chain = usize::MAX;
        for draw in &body.draws {
            if draw.chain != previous_chain {
                draw_in_chain = 0;
                previous_chain = draw.chain;
            }
            let mut row = vec![Value::U64(draw.chain as u64), Value::U64(draw_in_chain)];
            row.extend(draw.values.iter().map(|&x| Value::F64(x)));
            row.push(Value::F64(draw.log_posterior));
            table.push(&row).map_err(io)?;
            draw_in_chain += 1;
        }
        table.finish().map_err(io)
    }
}
