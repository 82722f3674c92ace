//! Shared pieces of the commands that run a scenario at many parameter values (`sweep`,
//! `compare`, `sensitivity`): parameter specifications and running one variant.

use brink_engine::{RunConfig, RunSink, Summary, run_many};
use brink_scenario::{Loaded, Override};

use super::{CmdError, Format, load_scenario};

/// Flags shared by the commands that run many variants of a scenario.
#[derive(Debug, clap::Args)]
pub(crate) struct ExperimentFlags {
    /// Master seed, the same for every variant (common random numbers across variants).
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// Worker threads (results do not depend on it).
    #[arg(long)]
    pub(crate) threads: Option<usize>,
    /// Overrides applied to the base scenario before each variant's own: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub(crate) overrides: Vec<Override>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

/// `PATH=a:b` (a range) or `PATH=a:b:n` (a grid axis of n values).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParamSpec {
    pub(crate) path: String,
    pub(crate) low: f64,
    pub(crate) high: f64,
    pub(crate) count: Option<usize>,
    /// Both bounds written as integers: values are rounded (for integer keys like `lookahead`).
    pub(crate) integer: bool,
}

impl ParamSpec {
    /// Parses `PATH=a:b` (`with_count` false) or `PATH=a:b:n` (true).
    pub(crate) fn parse(text: &str, with_count: bool) -> Result<Self, String> {
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
    pub(crate) fn set(&self, value: f64) -> Override {
        let value = if self.integer { format!("{}", value.round() as i64) } else { format!("{value}") };
        Override { path: self.path.clone(), value }
    }

    /// The value as it is applied (rounded for integer parameters).
    pub(crate) fn applied(&self, value: f64) -> f64 {
        if self.integer { value.round() } else { value }
    }
}

/// Loads the base scenario with `base` overrides plus `extra`; bad values name the flag.
pub(crate) fn load_variant(spec: &str, base: &[Override], extra: &[Override]) -> Result<Loaded, CmdError> {
    let all: Vec<Override> = base.iter().chain(extra).cloned().collect();
    load_scenario(Some(spec), &all)
}

/// Runs a loaded variant.
pub(crate) fn run_variant(
    loaded: &Loaded,
    config: &RunConfig,
    sink: &mut (dyn RunSink + Send),
) -> Result<Summary, CmdError> {
    run_many(&loaded.scenario, config, sink).map_err(|e| CmdError::Internal(e.into()))
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
