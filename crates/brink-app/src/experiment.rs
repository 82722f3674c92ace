//! Running a scenario at many parameter values (`sweep`, `compare`, `sensitivity`):
//! parameter specifications, sweep designs, one variant's run and one sweep row.

use brink_engine::analysis::design;
use brink_engine::{Outcome, RunConfig, RunSink, Summary};
use brink_scenario::{Loaded, Override};
use serde_json::{Value, json};

use crate::{AppError, load_scenario};

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

/// Loads the base scenario with `base` overrides plus `extra`; bad values name the flag.
pub fn load_variant(spec: &str, base: &[Override], extra: &[Override]) -> Result<Loaded, AppError> {
    let all: Vec<Override> = base.iter().chain(extra).cloned().collect();
    load_scenario(Some(spec), &all)
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

/// Runs point `index` of `design` on the scenario `spec` (with `base` overrides first) and
/// returns its row: `{point, values, nuclear_use, outcomes, mean_turns}`. The row depends only
/// on the scenario, the overrides, the point and `config`'s runs and seed, so any machine
/// computing it gets the same bits.
pub fn sweep_point(
    spec: &str,
    base: &[Override],
    design: &SweepDesign,
    index: usize,
    config: &RunConfig,
    sink: &mut (dyn RunSink + Send),
) -> Result<Value, AppError> {
    let loaded = load_variant(spec, base, &design.overrides(index))?;
    let summary = run_variant(&loaded, config, sink)?;
    Ok(sweep_row(index, &design.points[index], &summary))
}

/// One sweep row from a point's summary.
pub fn sweep_row(index: usize, values: &[f64], summary: &Summary) -> Value {
    let mut outcomes = serde_json::Map::new();
    for outcome in Outcome::ALL {
        let p = summary.outcome(outcome);
        outcomes.insert(outcome.name().into(), json!({ "count": p.count, "p": p.p, "ci95": [p.ci95.0, p.ci95.1] }));
    }
    json!({
        "point": index,
        "values": values,
        "nuclear_use": outcomes["nuclear_use"].clone(),
        "outcomes": outcomes,
        "mean_turns": summary.total_turns as f64 / summary.runs as f64,
    })
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
