//! Running a scenario at many parameter values (`sweep`, `sensitivity`): parameter
//! specifications, sweep designs, the sweep and its rows, and Sobol sensitivity analysis.

use std::time::Instant;

use brink_engine::analysis::{design, sobol};
use brink_engine::{Outcome, RunConfig, RunSink, Summary};
use brink_scenario::{Loaded, Override};
use brink_types::experiment::{SensitivityBody, SobolIndex, SweepBody, SweepRow};
use brink_types::{Outcomes, ScenarioManifest, SensitivityReport, SweepReport};
use serde_json::{Value, json};

use crate::{AppError, load_scenario, proportion};

/// `PATH=a:b` (a range) or `PATH=a:b:n` (a grid axis of n values).
#[derive(Debug, Clone, PartialEq)]
pub struct ParamSpec {
    /// The `--set` path of the parameter.
    pub path: String,
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
    /// Number of grid values (`PATH=a:b:n`); `None` for a range.
    pub count: Option<usize>,
    /// Both bounds written as integers: values are rounded (for integer keys like `lookahead`).
    pub integer: bool,
}

impl ParamSpec {
    /// Parses `PATH=a:b` (`with_count` false) or `PATH=a:b:n` (true).
    pub fn parse(text: &str, with_count: bool) -> Result<Self, String> {
        let expected = if with_count {
            "PATH=LOW:HIGH:COUNT, e.g. actors.russia.response_prob=0.2:0.8:7"
        } else {
            "PATH=LOW:HIGH, e.g. actors.russia.response_prob=0.2:0.8"
        };
        let (path, range) = text.split_once('=').ok_or_else(|| format!("`{text}`: expected {expected}"))?;
        let parts: Vec<&str> = range.split(':').collect();
        if parts.len() != if with_count { 3 } else { 2 } || path.trim().is_empty() {
            return Err(format!("`{text}`: expected {expected}"));
        }
        let number = |s: &str| s.trim().parse::<f64>().ok().filter(|x| x.is_finite());
        let (Some(low), Some(high)) = (number(parts[0]), number(parts[1])) else {
            return Err(format!("`{text}`: the bounds must be finite numbers"));
        };
        if high < low {
            return Err(format!("`{text}`: the upper bound is below the lower"));
        }
        let count = if with_count {
            match parts[2].trim().parse::<usize>() {
                Ok(n) if (1..=10_000).contains(&n) => Some(n),
                _ => return Err(format!("`{text}`: COUNT must be an integer from 1 to 10000")),
            }
        } else {
            None
        };
        let integer = !parts[0].contains(['.', 'e', 'E']) && !parts[1].contains(['.', 'e', 'E']);
        Ok(Self { path: path.trim().to_owned(), low, high, count, integer })
    }

    /// The override that sets this parameter to `value`.
    pub fn set(&self, value: f64) -> Override {
        let value = if self.integer { format!("{}", value.round() as i64) } else { format!("{value}") };
        Override { path: self.path.clone(), value }
    }

    /// The value as it is applied (rounded for integer parameters).
    pub fn applied(&self, value: f64) -> f64 {
        if self.integer { value.round() } else { value }
    }
}

/// Where an experiment's scenario comes from: a bundled name or a file path (the command
/// line, Python), or the text of a file (the web API, which never opens a path).
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A bundled scenario's name or a TOML file's path.
    Spec(String),
    /// The text of a scenario file, named `origin` in messages and manifests.
    Text {
        /// The name in messages and manifests.
        origin: String,
        /// The file's text.
        text: String,
    },
}

impl Source {
    /// Loads the scenario with `overrides`; a bad scenario is [`AppError::Scenario`].
    pub fn load(&self, overrides: &[Override]) -> Result<Loaded, AppError> {
        match self {
            Source::Spec(spec) => load_scenario(Some(spec), overrides),
            Source::Text { origin, text } => {
                brink_scenario::load_str(origin, text, overrides).map_err(|e| AppError::Scenario(Box::new(e)))
            }
        }
    }

    /// Loads it with `base` overrides, then `extra`.
    pub fn load_with(&self, base: &[Override], extra: &[Override]) -> Result<Loaded, AppError> {
        let all: Vec<Override> = base.iter().chain(extra).cloned().collect();
        self.load(&all)
    }
}

/// Loads the base scenario with `base` overrides plus `extra`; bad values name the flag.
pub fn load_variant(spec: &str, base: &[Override], extra: &[Override]) -> Result<Loaded, AppError> {
    Source::Spec(spec.to_owned()).load_with(base, extra)
}

/// Runs a loaded variant.
pub fn run_variant(loaded: &Loaded, config: &RunConfig, sink: &mut (dyn RunSink + Send)) -> Result<Summary, AppError> {
    crate::run::run(loaded, config, sink)
}

/// The most points a sweep design may have.
pub const MAX_SWEEP_POINTS: usize = 1_000_000;

/// A sweep design: the parameters and, per point, the value of each (as applied: integer
/// parameters rounded).
#[derive(Debug, Clone, PartialEq)]
pub struct SweepDesign {
    /// `"grid"` or `"latin-hypercube"`.
    pub kind: &'static str,
    /// The parameters, in column order.
    pub specs: Vec<ParamSpec>,
    /// One row of values per point.
    pub points: Vec<Vec<f64>>,
}

impl SweepDesign {
    /// The full grid over axes `PATH=LOW:HIGH:COUNT`.
    pub fn grid(axes: &[String]) -> Result<Self, AppError> {
        if axes.is_empty() {
            return Err(AppError::bad("give --grid PATH=a:b:n (repeatable), or --lhs N with --param PATH=a:b"));
        }
        let specs =
            axes.iter().map(|p| ParamSpec::parse(p, true)).collect::<Result<Vec<_>, _>>().map_err(AppError::bad)?;
        let values: Vec<Vec<f64>> =
            specs.iter().map(|s| design::linspace(s.low, s.high, s.count.unwrap_or(1))).collect();
        Self::new("grid", specs, design::grid(&values))
    }

    /// A Latin hypercube of `n` points over ranges `PATH=LOW:HIGH`, drawn from `seed`.
    pub fn latin_hypercube(n: usize, ranges: &[String], seed: u64) -> Result<Self, AppError> {
        if n == 0 || n > 100_000 {
            return Err(AppError::bad("--lhs N must be between 1 and 100000"));
        }
        if ranges.is_empty() {
            return Err(AppError::bad("--lhs needs at least one --param PATH=a:b"));
        }
        let specs =
            ranges.iter().map(|p| ParamSpec::parse(p, false)).collect::<Result<Vec<_>, _>>().map_err(AppError::bad)?;
        let bounds: Vec<design::Range> = specs.iter().map(|s| design::Range { low: s.low, high: s.high }).collect();
        Self::new("latin-hypercube", specs, design::latin_hypercube(n, &bounds, seed))
    }

    fn new(kind: &'static str, specs: Vec<ParamSpec>, points: Vec<Vec<f64>>) -> Result<Self, AppError> {
        if points.len() > MAX_SWEEP_POINTS {
            return Err(AppError::bad(format_args!(
                "the design has {} points; at most {MAX_SWEEP_POINTS}",
                points.len()
            )));
        }
        let points = points.into_iter().map(|p| p.iter().zip(&specs).map(|(&v, s)| s.applied(v)).collect()).collect();
        Ok(Self { kind, specs, points })
    }

    /// The overrides that set point `index`.
    pub fn overrides(&self, index: usize) -> Vec<Override> {
        self.specs.iter().zip(&self.points[index]).map(|(s, &v)| s.set(v)).collect()
    }

    /// The parameter paths, in column order.
    pub fn params(&self) -> Vec<String> {
        self.specs.iter().map(|s| s.path.clone()).collect()
    }
}

/// Runs per sweep point when the caller gives none.
pub const DEFAULT_SWEEP_RUNS: u64 = 10_000;

/// A sweep: the scenario, a grid (`PATH=LOW:HIGH:COUNT` axes) or a Latin hypercube of `lhs`
/// points over `params` (`PATH=LOW:HIGH`), runs per point, seed and threads.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepRequest {
    /// The scenario.
    pub source: Source,
    /// Overrides applied before every point's own.
    pub overrides: Vec<Override>,
    /// Grid axes (with `lhs` `None`).
    pub grid: Vec<String>,
    /// Points of a Latin hypercube over `params`.
    pub lhs: Option<usize>,
    /// Ranges of the hypercube.
    pub params: Vec<String>,
    /// Runs per point (default [`DEFAULT_SWEEP_RUNS`]).
    pub runs: Option<u64>,
    /// Master seed, the same at every point (default: the scenario's `run.seed`, else 1).
    pub seed: Option<u64>,
    /// Worker threads per point.
    pub threads: Option<usize>,
}

/// A sweep checked and ready to run: its base scenario, design and run configuration.
#[derive(Debug)]
pub struct Sweep {
    /// The request.
    pub request: SweepRequest,
    /// The base scenario (with the request's overrides).
    pub base: Loaded,
    /// The design.
    pub design: SweepDesign,
    /// Runs, seed and threads of every point.
    pub config: RunConfig,
}

impl SweepRequest {
    /// Checks the request: the scenario, the design, and every parameter path on the first
    /// point, before anything runs.
    pub fn prepare(self) -> Result<Sweep, AppError> {
        let base = self.source.load(&self.overrides)?;
        let config = crate::run::config(&base, Some(self.runs.unwrap_or(DEFAULT_SWEEP_RUNS)), self.seed, self.threads);
        if config.runs == 0 || config.threads == Some(0) {
            return Err(AppError::bad("--runs and --threads must be at least 1"));
        }
        let design = match self.lhs {
            Some(n) => SweepDesign::latin_hypercube(n, &self.params, config.seed)?,
            None => SweepDesign::grid(&self.grid)?,
        };
        self.source.load_with(&self.overrides, &design.overrides(0))?;
        Ok(Sweep { request: self, base, design, config })
    }
}

impl Sweep {
    /// What identifies this sweep in a journal: scenario hash, seed, runs, parameters and
    /// points. A journal written for another key is not resumed.
    pub fn key(&self) -> Value {
        json!({
            "scenario_hash": self.base.hash, "seed": self.config.seed, "runs": self.config.runs,
            "params": self.design.params(), "points": self.design.points,
        })
    }

    /// Runs point `index`; its row depends only on the scenario, the overrides, the point and
    /// the runs and seed, so any machine computing it gets the same bits.
    pub fn point(&self, index: usize, sink: &mut (dyn RunSink + Send)) -> Result<SweepRow, AppError> {
        let loaded = self.request.source.load_with(&self.request.overrides, &self.design.overrides(index))?;
        let summary = run_variant(&loaded, &self.config, sink)?;
        Ok(sweep_row(index, &self.design.points[index], &summary))
    }

    /// The manifest of this sweep's outputs.
    pub fn manifest(&self) -> ScenarioManifest {
        crate::scenario_manifest(&self.base, &self.request.overrides, self.config.seed, self.config.runs)
    }

    /// The report from the finished rows (any order; sorted by point).
    pub fn report(&self, mut rows: Vec<SweepRow>, started: Instant) -> SweepReport {
        rows.sort_by_key(|row| row.point);
        rows.dedup_by_key(|row| row.point);
        crate::report(
            SweepBody {
                manifest: self.manifest(),
                design: self.design.kind.to_owned(),
                params: self.design.params(),
                points: rows,
            },
            started,
        )
    }
}

/// What a sweep calls after each finished point: the new row and every row so far.
pub type OnRow<'a> = dyn FnMut(&SweepRow, &[SweepRow]) -> Result<(), AppError> + 'a;

/// Runs every point of `sweep` not in `done` (rows of an earlier, interrupted run of the
/// same sweep), calling `on_row` after each (to journal it, write a table, show progress).
pub fn sweep(
    sweep: &Sweep,
    done: Vec<SweepRow>,
    sink: &mut (dyn RunSink + Send),
    on_row: &mut OnRow<'_>,
) -> Result<SweepReport, AppError> {
    let started = Instant::now();
    let mut rows = done;
    for index in 0..sweep.design.points.len() {
        if rows.iter().any(|row| row.point == index) {
            continue;
        }
        let row = sweep.point(index, sink)?;
        rows.push(row);
        on_row(rows.last().expect("just pushed"), &rows)?;
    }
    Ok(sweep.report(rows, started))
}

/// Runs point `index` of `design` on the scenario `spec` (with `base` overrides first) and
/// returns its row.
pub fn sweep_point(
    spec: &str,
    base: &[Override],
    design: &SweepDesign,
    index: usize,
    config: &RunConfig,
    sink: &mut (dyn RunSink + Send),
) -> Result<SweepRow, AppError> {
    let loaded = load_variant(spec, base, &design.overrides(index))?;
    let summary = run_variant(&loaded, config, sink)?;
    Ok(sweep_row(index, &design.points[index], &summary))
}

/// One sweep row from a point's summary.
pub fn sweep_row(index: usize, values: &[f64], summary: &Summary) -> SweepRow {
    let outcome = |name: &str| Outcome::ALL.into_iter().find(|o| o.name() == name).unwrap_or(Outcome::TurnLimit);
    let outcomes = Outcomes::from_fn(|name| proportion(summary.outcome(outcome(name))));
    SweepRow {
        point: index,
        values: values.to_vec(),
        nuclear_use: outcomes.nuclear_use,
        outcomes,
        mean_turns: summary.total_turns as f64 / summary.runs as f64,
    }
}

/// The readable table of `brink sweep`.
pub fn sweep_text(report: &SweepReport) -> String {
    let body = &report.body;
    let mut out = format!("{} runs per point, seed {}\n\n", body.manifest.runs, body.manifest.seed);
    for p in &body.params {
        out += &format!("{p:>24} ");
    }
    out += &format!("{:>10} {:>22}\n", "P(nuclear)", "95% CI");
    for row in &body.points {
        for v in &row.values {
            out += &format!("{:>24} ", format!("{v:.4}"));
        }
        let o = &row.nuclear_use;
        out += &format!("{:>10.5} [{:>9.5}, {:>9.5}]\n", o.p, o.ci95[0], o.ci95[1]);
    }
    out += "\n";
    out += crate::NOTE;
    out
}

/// A Sobol sensitivity analysis of P(nuclear use) over parameter ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityRequest {
    /// The scenario.
    pub source: Source,
    /// Overrides applied before every design point's own.
    pub overrides: Vec<Override>,
    /// Uncertain parameters: `PATH=LOW:HIGH` (at least one).
    pub params: Vec<String>,
    /// Base sample size N (the design has N·(k + 2) points); at least 2.
    pub samples: usize,
    /// Runs per design point.
    pub runs_per_point: u64,
    /// Bootstrap resamples for the intervals.
    pub bootstrap: usize,
    /// Master seed (default: the scenario's `run.seed`, else 1).
    pub seed: Option<u64>,
    /// Worker threads.
    pub threads: Option<usize>,
}

impl SensitivityRequest {
    /// The defaults of `brink sensitivity`: N = 64, 2 000 runs per point, 500 resamples.
    pub fn new(source: Source, params: Vec<String>) -> Self {
        Self {
            source,
            overrides: Vec::new(),
            params,
            samples: 64,
            runs_per_point: 2_000,
            bootstrap: 500,
            seed: None,
            threads: None,
        }
    }

    /// Runs the analysis will make in all: design points × runs per point.
    pub fn total_runs(&self) -> u64 {
        (self.samples * (self.params.len() + 2)) as u64 * self.runs_per_point
    }
}

/// Runs a sensitivity analysis. `sink` sees progress in runs over the whole design and may
/// cancel.
pub fn sensitivity(
    request: &SensitivityRequest,
    sink: &mut (dyn RunSink + Send),
) -> Result<SensitivityReport, AppError> {
    let started = Instant::now();
    if request.samples < 2 || request.runs_per_point == 0 || request.threads == Some(0) || request.bootstrap == 0 {
        return Err(AppError::bad("--samples must be ≥ 2, and --runs-per-point, --bootstrap and --threads ≥ 1"));
    }
    if request.params.is_empty() {
        return Err(AppError::bad("give at least one --param PATH=LOW:HIGH"));
    }
    let specs = request
        .params
        .iter()
        .map(|p| ParamSpec::parse(p, false))
        .collect::<Result<Vec<_>, _>>()
        .map_err(AppError::bad)?;
    let base = request.source.load(&request.overrides)?;
    let config = crate::run::config(&base, Some(request.runs_per_point), request.seed, request.threads);
    let ranges: Vec<design::Range> = specs.iter().map(|s| design::Range { low: s.low, high: s.high }).collect();
    let points = sobol::saltelli_design(request.samples, &ranges, config.seed);
    let variant = |point: &[f64]| {
        let sets: Vec<Override> = specs.iter().zip(point).map(|(s, &v)| s.set(v)).collect();
        request.source.load_with(&request.overrides, &sets)
    };
    // Every parameter path is checked on the first point before anything runs.
    variant(&points[0])?;
    let mut outputs = Vec::with_capacity(points.len());
    for (index, point) in points.iter().enumerate() {
        let loaded = variant(point)?;
        let mut offset = Offset { inner: &mut *sink, offset: config.runs * index as u64 };
        let summary = run_variant(&loaded, &config, &mut offset)?;
        outputs.push(summary.outcome(Outcome::NuclearUse).p);
    }
    let indices = sobol::indices(&outputs, request.samples, specs.len(), request.bootstrap, config.seed);
    let finite = crate::finite;
    let body = SensitivityBody {
        manifest: crate::scenario_manifest(&base, &request.overrides, config.seed, config.runs),
        output: "P(nuclear use)".into(),
        samples: request.samples,
        design_points: points.len(),
        estimators: "first order: Saltelli et al. (2010); total: Jansen (1999); percentile bootstrap 95%".into(),
        output_mean: outputs.iter().sum::<f64>() / outputs.len() as f64,
        indices: specs
            .iter()
            .zip(&indices)
            .map(|(s, i)| SobolIndex {
                param: s.path.clone(),
                range: [s.low, s.high],
                first: finite(i.first),
                first_ci95: [finite(i.first_ci.0), finite(i.first_ci.1)],
                total: finite(i.total),
                total_ci95: [finite(i.total_ci.0), finite(i.total_ci.1)],
            })
            .collect(),
    };
    Ok(crate::report(body, started))
}

/// Passes progress on with an offset (runs of earlier design points or policies).
struct Offset<'a> {
    inner: &'a mut (dyn RunSink + Send),
    offset: u64,
}

impl RunSink for Offset<'_> {
    fn progress(&mut self, done: u64) {
        self.inner.progress(self.offset + done);
    }

    fn cancelled(&mut self) -> bool {
        self.inner.cancelled()
    }
}

/// The readable table of `brink sensitivity`.
pub fn sensitivity_text(report: &SensitivityReport) -> String {
    let body = &report.body;
    let mut out = format!(
        "Sobol indices of P(nuclear use): N = {}, {} design points × {} runs, seed {}\n\n{:<36} {:>8} {:>20} {:>8} {:>20}\n",
        body.samples,
        body.design_points,
        body.manifest.runs,
        body.manifest.seed,
        "parameter",
        "S",
        "95% CI",
        "ST",
        "95% CI"
    );
    let f = |x: Option<f64>| x.unwrap_or(f64::NAN);
    for i in &body.indices {
        out += &format!(
            "{:<36} {:>8.3} [{:>7.3}, {:>7.3}] {:>8.3} [{:>7.3}, {:>7.3}]\n",
            i.param,
            f(i.first),
            f(i.first_ci95[0]),
            f(i.first_ci95[1]),
            f(i.total),
            f(i.total_ci95[0]),
            f(i.total_ci95[1])
        );
    }
    out += "\n";
    out += crate::NOTE;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges_and_grids() {
        let p = ParamSpec::parse("actors.russia.response_prob=0.2:0.8:7", true).unwrap();
        assert_eq!((p.low, p.high, p.count, p.integer), (0.2, 0.8, Some(7), false));
        let p = ParamSpec::parse("actors.usa.lookahead=1:3", false).unwrap();
        assert!(p.integer);
        assert_eq!(p.set(2.4).value, "2");
        assert!(ParamSpec::parse("x=1:0", false).is_err());
        assert!(ParamSpec::parse("x=a:1", false).is_err());
        assert!(ParamSpec::parse("x=0:1", true).is_err());
        assert!(ParamSpec::parse("=0:1", false).is_err());
    }
}
