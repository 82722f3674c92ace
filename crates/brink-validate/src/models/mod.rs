//! The canonical models, one module each, and the registry `brink validate` reads.

use brink_engine::testing::{actor, params, plain_rungs, rules};
use brink_engine::{Ladder, PolicyKind, RunConfig, Rung, Scenario, Summary, TurnOrder, run_many};

use crate::ValidateError;
use crate::check::{Check, RunOptions};
use crate::params::{ParamSpec, Params};

pub mod attrition;
pub mod attrition_bayes;
pub mod audience_attrition;
pub mod chicken;
pub mod compound_risk;
pub mod dollar_auction;
pub mod gamblers_ruin;
mod quit_times;
pub mod red_line_belief;
pub mod richardson;
pub mod risk_attrition;
pub mod risk_attrition_bayes;
pub mod trust;

/// One model `brink validate` can check.
#[derive(Debug, Clone, Copy)]
pub struct Model {
    /// Name on the command line.
    pub name: &'static str,
    /// One line: what is checked.
    pub summary: &'static str,
    /// Where the closed form comes from.
    pub source: &'static str,
    /// Accepted parameters with defaults.
    pub params: &'static [ParamSpec],
    /// Builds the model from its parameters, runs the engine and compares.
    pub run: fn(&Params, &RunOptions) -> Result<Vec<Check>, ValidateError>,
}

impl Model {
    /// Parses `given` (NAME, VALUE) pairs over the defaults and runs the checks.
    pub fn check(&self, given: &[(String, String)], options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
        let params = Params::new(self.name, self.params, given)?;
        (self.run)(&params, options)
    }
}

/// Every model, in the order of docs/VALIDATION.md.
pub const MODELS: &[Model] = &[
    compound_risk::MODEL,
    gamblers_ruin::MODEL,
    risk_attrition::MODEL,
    risk_attrition_bayes::MODEL,
    attrition::MODEL,
    attrition_bayes::MODEL,
    audience_attrition::MODEL,
    dollar_auction::MODEL,
    richardson::MODEL,
    chicken::BAYES,
    chicken::QRE,
    trust::MODEL,
    red_line_belief::MODEL,
];

/// The model called `name`.
pub fn find_model(name: &str) -> Result<&'static Model, ValidateError> {
    MODELS.iter().find(|m| m.name == name).ok_or_else(|| ValidateError::UnknownModel {
        name: name.to_owned(),
        known: MODELS.iter().map(|m| m.name).collect::<Vec<_>>().join(", "),
    })
}

/// Every model at its defaults.
pub fn run_all(options: &RunOptions) -> Vec<Check> {
    MODELS.iter().flat_map(|m| m.check(&[], options).expect("defaults are valid")).collect()
}

/// A ladder of `rungs` plain rungs (value = index, top nuclear, no costs or hazards) for
/// `camps` camps, edited by `edit`.
pub(crate) fn ladder(rungs: usize, camps: usize, edit: impl FnOnce(&mut [Rung])) -> Ladder {
    let mut list = plain_rungs(rungs, camps);
    edit(&mut list);
    Ladder::new(list, camps).expect("validated parameters give a valid ladder")
}

/// One actor on `ladder` following `policy` from rung `start`, for at most `max_turns` turns,
/// settlement switched off.
pub(crate) fn one_actor(ladder: Ladder, policy: PolicyKind, start: usize, max_turns: u32) -> Scenario {
    let n = ladder.len();
    let a = actor("actor", 0, start, params(n - 1), policy, n);
    Scenario::new("validate".into(), ladder, vec!["only".into()], vec![a], Vec::new(), rules(1, max_turns, n - 1))
        .expect("validated parameters give a valid scenario")
}

/// Two actors in two camps, both starting and holding at rung `start`, deciding
/// simultaneously, each by its own policy; settlement off.
pub(crate) fn duel(ladder: Ladder, start: usize, policies: [PolicyKind; 2], max_turns: u32) -> Scenario {
    let n = ladder.len();
    let mut p = params(n - 1);
    p.can_concede = true;
    p.response_prob = 0.0;
    let [p1, p2] = policies;
    let actors = vec![actor("side1", 0, start, p, p1, n), actor("side2", 1, start, p, p2, n)];
    let mut r = rules(2, max_turns, n - 1);
    r.turn_order = TurnOrder::Simultaneous;
    Scenario::new("validate".into(), ladder, vec!["one".into(), "two".into()], actors, Vec::new(), r)
        .expect("validated parameters give a valid scenario")
}

/// Runs the engine.
pub(crate) fn simulate(scenario: &Scenario, options: &RunOptions) -> Summary {
    let config: RunConfig = options.config();
    run_many(scenario, &config, &mut ()).expect("the thread pool starts")
}

pub(crate) fn in_open_unit(x: f64) -> bool {
    x > 0.0 && x < 1.0
}
