//! Beliefs about a red line: the "they haven't responded yet" drift (research note §1.10;
//! Bayes' rule on the observation model of docs/MODEL.md §3).
//!
//! The adversary's red line ρ has a uniform prior on rungs 1..=R; at every newly crossed rung
//! k ≥ ρ it responds with probability s. After rungs 1..=c are crossed one at a time with no
//! response, Bayes' rule gives
//!
//!   posterior(ρ) ∝ (1 − s)^max(0, c − ρ + 1),  ρ = 1..=R,
//!
//! and the chance of a response to crossing rung c + 1 is s·Σ_{ρ ≤ c+1} posterior(ρ).
//!
//! Reduction: a full engine run. The crosser (a `threshold` actor with target c) climbs one
//! rung per turn; the owner holds and never answers (its true red line is "never"); the
//! crosser's belief about the owner is the uniform prior, with the owner's `response_prob` s.
//! The engine updates that belief when each window closes; the simulated values are read from
//! the simulator's beliefs at the end of the run.
//!
//! Credibility (research note §1.10): with public prior κ₀ that the actor is resolute and
//! response probabilities s_R (resolute) and s_I (irresolute), an unanswered crossing gives
//! κ₀(1 − s_R)/(κ₀(1 − s_R) + (1 − κ₀)(1 − s_I)) and an answered one
//! κ₀s_R/(κ₀s_R + (1 − κ₀)s_I); the engine's value comes from its update over types
//! ([`brink_engine::belief::update_types`]).

use brink_engine::belief::update_types;
use brink_engine::model::{BeliefSpec, RedLinePrior};
use brink_engine::testing::{actor, params, rules};
use brink_engine::{PolicyKind, Scenario, Simulator, belief};

use super::{Model, ladder};
use crate::ValidateError;
use crate::check::{Check, RunOptions};
use crate::params::{ParamSpec, Params};

/// The model's parameters.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "rungs",
        default: "5",
        expected: "an integer in [2, 50]",
        help: "the prior is uniform on rungs 1..=rungs",
    },
    ParamSpec {
        name: "response_prob",
        default: "0.8",
        expected: "a number in [0, 1)",
        help: "chance of a response per newly crossed rung at or above the red line",
    },
    ParamSpec {
        name: "crossed",
        default: "2",
        expected: "an integer in [0, rungs − 1]",
        help: "rungs crossed without a response",
    },
    ParamSpec {
        name: "resolute_prior",
        default: "0.5",
        expected: "a number in (0, 1)",
        help: "credibility: public prior that the actor is resolute",
    },
    ParamSpec {
        name: "resolute_response",
        default: "0.9",
        expected: "a number in [0, 1]",
        help: "credibility: P(respond | resolute)",
    },
    ParamSpec {
        name: "irresolute_response",
        default: "0.2",
        expected: "a number in [0, 1]",
        help: "credibility: P(respond | irresolute)",
    },
];

/// `red-line-belief` in the registry.
pub const MODEL: Model = Model {
    name: "red-line-belief",
    summary: "posterior over a red line after unanswered crossings, and P(response at the next rung)",
    source: "Bayes' rule; research note §1.10; docs/MODEL.md §3",
    params: PARAMS,
    run,
};

/// The salami-slicing belief drift.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RedLineBelief {
    /// R: the prior is uniform on 1..=R.
    pub rungs: usize,
    /// s.
    pub response_prob: f64,
    /// c: rungs crossed without response.
    pub crossed: usize,
}

impl RedLineBelief {
    /// Reads and checks the parameters.
    pub fn from_params(params: &Params) -> Result<Self, ValidateError> {
        let rungs = params.integer("rungs", 2, 50)? as usize;
        let response_prob = params.number("response_prob", PARAMS[1].expected, |x| (0.0..1.0).contains(&x))?;
        let crossed = params.integer("crossed", 0, rungs as u64 - 1)? as usize;
        Ok(Self { rungs, response_prob, crossed })
    }

    /// posterior(ρ) for ρ = 1..=R (Bayes' rule, formula in the module docs).
    pub fn posterior(&self) -> Vec<f64> {
        let weights: Vec<f64> = (1..=self.rungs)
            .map(|rho| (1.0 - self.response_prob).powi((self.crossed + 1).saturating_sub(rho) as i32))
            .collect();
        let total: f64 = weights.iter().sum();
        weights.into_iter().map(|w| w / total).collect()
    }

    /// P(response to crossing rung c + 1) = s·Σ_{ρ ≤ c+1} posterior(ρ).
    pub fn p_response_next(&self) -> f64 {
        self.response_prob * self.posterior()[..=self.crossed].iter().sum::<f64>()
    }

    /// The engine scenario: rungs 0..=R + 1 (the top nuclear, out of reach).
    pub fn scenario(&self) -> Scenario {
        let n = self.rungs + 2;
        let ladder = ladder(n, 2, |_| {});
        let mut prior = vec![0.0; n + 1];
        for p in &mut prior[1..=self.rungs] {
            *p = 1.0 / self.rungs as f64;
        }
        let mut crosser_params = params(n - 2);
        crosser_params.response_prob = 0.0;
        let mut crosser = actor(
            "crosser",
            0,
            0,
            crosser_params,
            PolicyKind::Threshold { target: self.crossed, concede_at: None, concede_prob: 0.0 },
            n,
        );
        crosser.beliefs.push(BeliefSpec {
            about: 1,
            prior: RedLinePrior::new(prior).expect("uniform prior"),
            bias: 0.0,
            update_weight: 1.0,
        });
        let mut owner_params = params(n - 2);
        owner_params.response_prob = self.response_prob;
        let owner = actor("owner", 1, 0, owner_params, PolicyKind::Hold, n);
        // The crosser climbs for c turns; one more turn lets the owner's last window close.
        let turns = self.crossed as u32 + 1;
        Scenario::new(
            "validate".into(),
            ladder,
            vec!["a".into(), "b".into()],
            vec![crosser, owner],
            Vec::new(),
            rules(2, turns, n - 1),
        )
        .expect("validated parameters give a valid scenario")
    }
}

fn run(params: &Params, options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let model = RedLineBelief::from_params(params)?;
    let scenario = model.scenario();
    let mut simulator = Simulator::new(&scenario);
    simulator.run(options.seed, 0);
    let engine_belief = simulator.beliefs().about(0, 1).to_vec();
    let pairs = params.pairs();
    let mut checks: Vec<Check> = model
        .posterior()
        .iter()
        .enumerate()
        .map(|(k, &p)| {
            Check::deterministic(MODEL.name, &format!("posterior_rung_{}", k + 1), &pairs, p, engine_belief[k + 1])
        })
        .collect();
    let c = model.crossed;
    checks.push(Check::deterministic(
        MODEL.name,
        "p_response_next",
        &pairs,
        model.p_response_next(),
        belief::response_probability(&engine_belief, c, c + 1, model.response_prob),
    ));
    let open_unit = |x: f64| x > 0.0 && x < 1.0;
    let kappa = params.number("resolute_prior", PARAMS[3].expected, open_unit)?;
    let responds = [
        params.number("resolute_response", PARAMS[4].expected, |x| (0.0..=1.0).contains(&x))?,
        params.number("irresolute_response", PARAMS[5].expected, |x| (0.0..=1.0).contains(&x))?,
    ];
    for (quantity, answered) in [("credibility_after_unanswered", false), ("credibility_after_answered", true)] {
        let like = |t: usize| if answered { responds[t] } else { 1.0 - responds[t] };
        let total = kappa * like(0) + (1.0 - kappa) * like(1);
        let closed = if total > 0.0 { kappa * like(0) / total } else { kappa };
        let mut types = [kappa, 1.0 - kappa];
        update_types(&mut types, like, 1.0);
        checks.push(Check::deterministic(MODEL.name, quantity, &pairs, closed, types[0]));
    }
    Ok(checks)
}
