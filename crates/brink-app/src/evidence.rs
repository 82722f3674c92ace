//! `brink likelihood`: the exact probability that a scenario produces observed crises
//! (issue #15; docs/EVIDENCE.md). Records come from record files (TOML) or from the
//! trajectories `brink run --trajectories` writes (one run, or every run as a record).

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use brink_engine::likelihood::{MAX_STATES, Observed, ObservedTurn, likelihood};
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
) -> Result<LikelihoodReport, AppError> {
    let started = std::time::Instant::now();
    let mut out = Vec::with_capacity(records.len());
    let mut total = Some(0.0);
    for record in records {
        let result = likelihood(&loaded.scenario, &record.observed, MAX_STATES)
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
        });
    }
    let body = LikelihoodBody {
        scenario: loaded.scenario.name.clone(),
        scenario_origin: loaded.origin.clone(),
        scenario_hash: loaded.hash.clone(),
        overrides: overrides.iter().map(Override::flag).collect(),
        records: out,
        log_likelihood: total,
        note: "computed exactly from the scenario's stated assumptions (every number in it is one), summed over \
               what the record does not show: private red lines, event draws, decision noise, answers, accidents"
            .to_owned(),
    };
    Ok(brink_types::Report::new(crate::VERSION, body)
        .timed(brink_types::Timing::seconds(started.elapsed().as_secs_f64())))
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

/// A grid fit: the scenario, its fixed overrides, the records, and the parameters with priors.
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
    /// Grid points per parameter.
    pub points: usize,
    /// Runs per grid point for the posterior predictive (0: none).
    pub predictive_runs: u64,
    /// Seed of the predictive runs.
    pub seed: u64,
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

/// The posterior of the parameters given the records, on a grid (exact likelihoods; the
/// grid's resolution is the only approximation). Points are evaluated in parallel; the result
/// does not depend on the number of threads.
pub fn fit(request: &FitRequest) -> Result<brink_types::FitReport, AppError> {
    use rayon::prelude::*;
    let started = std::time::Instant::now();
    let k = request.params.len();
    if k == 0 || k > 2 {
        return Err(AppError::bad(
            "a grid fit takes one or two --param PATH=LOW:HIGH (MCMC, for more, is not built yet)",
        ));
    }
    if request.points < 2 || request.points > 1001 {
        return Err(AppError::bad(format!("--points {}: expected 2 to 1001 points per parameter", request.points)));
    }
    if request.records.is_empty() {
        return Err(AppError::bad("give at least one --record"));
    }
    let axes: Vec<Vec<f64>> = request
        .params
        .iter()
        .map(|(spec, _)| {
            (0..request.points)
                .map(|i| spec.applied(spec.low + (spec.high - spec.low) * i as f64 / (request.points - 1) as f64))
                .collect()
        })
        .collect();
    let points: Vec<Vec<usize>> = match k {
        1 => (0..request.points).map(|i| vec![i]).collect(),
        _ => (0..request.points).flat_map(|i| (0..request.points).map(move |j| vec![i, j])).collect(),
    };
    let base = request.source.load(&request.overrides)?;
    // The scenario at a grid point: the fixed overrides, then the point's values.
    let variant = |point: &[usize]| -> Result<Loaded, AppError> {
        let extra: Vec<Override> =
            point.iter().enumerate().map(|(p, &i)| request.params[p].0.set(axes[p][i])).collect();
        request.source.load_with(&request.overrides, &extra)
    };
    let evaluate = |point: &Vec<usize>| -> Result<Option<f64>, AppError> {
        let loaded = variant(point)?;
        let mut total = 0.0;
        for record in &request.records {
            let result = likelihood(&loaded.scenario, &record.observed, MAX_STATES)
                .map_err(|e| AppError::bad(format!("{}: {e}", record.name)))?;
            if !result.log_likelihood.is_finite() {
                return Ok(None);
            }
            total += result.log_likelihood;
        }
        Ok(Some(total))
    };
    let logliks: Vec<Option<f64>> = points.par_iter().map(evaluate).collect::<Result<_, _>>()?;
    let log_prior: Vec<f64> = points
        .iter()
        .map(|point| point.iter().enumerate().map(|(p, &i)| request.params[p].1.log_density(axes[p][i])).sum())
        .collect();
    let joint: Vec<f64> = logliks.iter().zip(&log_prior).map(|(l, p)| l.map_or(f64::NEG_INFINITY, |l| l + p)).collect();
    let norm = log_sum_exp(joint.iter().copied());
    if norm == f64::NEG_INFINITY {
        return Err(AppError::bad(
            "every grid point makes some record impossible (or has prior 0): widen the ranges or check the records",
        ));
    }
    let posterior: Vec<f64> = joint.iter().map(|j| (j - norm).exp()).collect();
    let log_evidence = norm - log_sum_exp(log_prior.iter().copied());

    let mut params = Vec::new();
    let mut edge_mass: f64 = 0.0;
    let map = points[posterior.iter().enumerate().fold(0, |best, (i, &p)| if p > posterior[best] { i } else { best })]
        .clone();
    for (p, (spec, prior)) in request.params.iter().enumerate() {
        let mut marginal = vec![0.0; request.points];
        for (point, w) in points.iter().zip(&posterior) {
            marginal[point[p]] += w;
        }
        let mean: f64 = marginal.iter().zip(&axes[p]).map(|(w, x)| w * x).sum();
        let var: f64 = marginal.iter().zip(&axes[p]).map(|(w, x)| w * (x - mean).powi(2)).sum();
        let quantile = |q: f64| weighted_quantile(axes[p].iter().copied().zip(marginal.iter().copied()), q);
        edge_mass = edge_mass.max(marginal[0] + marginal[request.points - 1]);
        params.push(brink_types::evidence::FitParam {
            path: spec.path.clone(),
            mean,
            sd: var.max(0.0).sqrt(),
            ci95: [quantile(0.025), quantile(0.975)],
            map: axes[p][map[p]],
            prior: prior.label(),
            range: [spec.low, spec.high],
        });
    }

    // Posterior predictive: the most probable points (99% of the mass, at most 25), each run
    // `predictive_runs` times on the same seed; the mean and the 95% range over the posterior.
    let mut posterior_predictive = Vec::new();
    if request.predictive_runs > 0 {
        let mut order: Vec<usize> = (0..points.len()).collect();
        order.sort_by(|&a, &b| posterior[b].total_cmp(&posterior[a]).then(a.cmp(&b)));
        let mut chosen = Vec::new();
        let mut mass = 0.0;
        for i in order {
            if mass >= 0.99 || chosen.len() >= 25 || posterior[i] <= 0.0 {
                break;
            }
            mass += posterior[i];
            chosen.push(i);
        }
        let config = brink_engine::RunConfig { runs: request.predictive_runs, seed: request.seed, threads: Some(1) };
        let outcome_probs = |loaded: &Loaded| -> Result<Vec<f64>, AppError> {
            let summary = brink_engine::run_many(&loaded.scenario, &config, &mut ())?;
            Ok(summary.outcomes.iter().map(|&c| c as f64 / request.predictive_runs as f64).collect())
        };
        let at_points: Vec<Vec<f64>> =
            chosen.par_iter().map(|&i| outcome_probs(&variant(&points[i])?)).collect::<Result<_, AppError>>()?;
        let own = outcome_probs(&base)?;
        for (o, outcome) in brink_engine::Outcome::ALL.iter().enumerate() {
            let mut weighted: Vec<(f64, f64)> =
                chosen.iter().zip(&at_points).map(|(&i, ps)| (ps[o], posterior[i] / mass)).collect();
            let p: f64 = weighted.iter().map(|(x, w)| x * w).sum();
            weighted.sort_by(|a, b| a.0.total_cmp(&b.0));
            let quantile = |q: f64| weighted_quantile(weighted.iter().copied(), q);
            posterior_predictive.push(brink_types::evidence::PredictiveOutcome {
                outcome: outcome.name().to_owned(),
                p,
                ci95: [quantile(0.025), quantile(0.975)],
                scenario_p: own[o],
            });
        }
    }

    let body = brink_types::evidence::FitBody {
        scenario: base.scenario.name.clone(),
        scenario_origin: base.origin.clone(),
        scenario_hash: base.hash.clone(),
        overrides: request.overrides.iter().map(Override::flag).collect(),
        records: request.records.iter().map(|r| r.name.clone()).collect(),
        method: "grid".to_owned(),
        params,
        log_evidence: log_evidence.is_finite().then_some(log_evidence),
        diagnostics: brink_types::evidence::FitDiagnostics {
            points_per_param: request.points,
            evaluations: points.len(),
            impossible_points: logliks.iter().filter(|l| l.is_none()).count(),
            max_point_mass: posterior.iter().copied().fold(0.0, f64::max),
            edge_mass,
        },
        posterior_predictive,
        grid: points
            .iter()
            .zip(&logliks)
            .zip(&posterior)
            .map(|((point, l), &w)| brink_types::evidence::FitPoint {
                values: point.iter().enumerate().map(|(p, &i)| axes[p][i]).collect(),
                log_likelihood: *l,
                posterior: w,
            })
            .collect(),
        note:
            "exact likelihoods of the records on a grid of parameter values, times the priors; every other number is \
               the scenario's stated assumption"
                .to_owned(),
    };
    Ok(brink_types::Report::new(crate::VERSION, body)
        .timed(brink_types::Timing::seconds(started.elapsed().as_secs_f64())))
}

/// The text of `brink fit`.
pub fn fit_text(report: &brink_types::FitReport) -> String {
    let body = &report.body;
    let mut out = format!(
        "{}: posterior given {} record(s), {} fit ({} points per parameter)\n\n",
        body.scenario,
        body.records.len(),
        body.method,
        body.diagnostics.points_per_param
    );
    out += "  parameter                                  mean        sd   95% interval            MAP   prior\n";
    for p in &body.params {
        out += &format!(
            "  {:<40} {:>8.4} {:>9.4}   [{:.4}, {:.4}]   {:>8.4}   {}\n",
            p.path, p.mean, p.sd, p.ci95[0], p.ci95[1], p.map, p.prior
        );
    }
    if let Some(e) = body.log_evidence {
        out += &format!("\n  log evidence (records averaged over the prior): {e:.4}\n");
    }
    let d = &body.diagnostics;
    out += &format!(
        "  {} points, {} impossible; largest point mass {:.3}; mass on the range's edges {:.3}\n",
        d.evaluations, d.impossible_points, d.max_point_mass, d.edge_mass
    );
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
