//! Kydd's trust update with trembles (Kydd 2000, "Trust, Reassurance, and Cooperation",
//! *International Organization*; research note §1.9).
//!
//! The other side is trustworthy with prior probability π. A trustworthy side defects only
//! by accident (probability ε, the tremble); an untrustworthy side cooperates only by accident
//! (probability ε). Bayes' rule:
//!
//!   P(trustworthy | one defection)   = π·ε / (π·ε + (1 − π)(1 − ε)),
//!   P(trustworthy | one cooperation) = π(1 − ε) / (π(1 − ε) + (1 − π)·ε),
//!   P(trustworthy | two defections)  = π·ε² / (π·ε² + (1 − π)(1 − ε)²).
//!
//! At π = 0.8, ε = 0.1 one accidental defection drops trust to 0.307692, below the threshold
//! 0.5 of the research note's assurance game: one accident starts the spiral.
//!
//! Reduction: the engine's generalised Bayes update over types
//! ([`brink_engine::belief::update_types`], the same routine that updates red-line beliefs).

use brink_engine::belief::update_types;

use super::Model;
use crate::ValidateError;
use crate::check::{Check, RunOptions};
use crate::params::{ParamSpec, Params};

/// The model's parameters.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "prior",
        default: "0.8",
        expected: "a number in (0, 1)",
        help: "prior probability that the other side is trustworthy",
    },
    ParamSpec {
        name: "tremble",
        default: "0.1",
        expected: "a number in (0, 1)",
        help: "probability that a side does by accident what its type would not",
    },
];

/// `trust` in the registry.
pub const MODEL: Model = Model {
    name: "trust",
    summary: "Kydd's trust update with trembles: posteriors after one defection, one cooperation, two defections",
    source: "Kydd 2000, International Organization; research note §1.9",
    params: PARAMS,
    run,
};

/// Observations: did the other side defect?
const DEFECT: bool = true;

/// Posterior that the other side is trustworthy after `observations`, by the engine's update.
pub fn engine_posterior(prior: f64, tremble: f64, observations: &[bool]) -> f64 {
    // Types: 0 trustworthy, 1 untrustworthy.
    let mut belief = [prior, 1.0 - prior];
    for &defected in observations {
        let p_defect = [tremble, 1.0 - tremble];
        update_types(&mut belief, |t| if defected { p_defect[t] } else { 1.0 - p_defect[t] }, 1.0);
    }
    belief[0]
}

fn run(params: &Params, _options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let open_unit = |x: f64| x > 0.0 && x < 1.0;
    let prior = params.number("prior", PARAMS[0].expected, open_unit)?;
    let eps = params.number("tremble", PARAMS[1].expected, open_unit)?;
    let pairs = params.pairs();
    let (good, bad) = (prior, 1.0 - prior);
    Ok(vec![
        Check::deterministic(
            MODEL.name,
            "posterior_after_defection",
            &pairs,
            good * eps / (good * eps + bad * (1.0 - eps)),
            engine_posterior(prior, eps, &[DEFECT]),
        ),
        Check::deterministic(
            MODEL.name,
            "posterior_after_cooperation",
            &pairs,
            good * (1.0 - eps) / (good * (1.0 - eps) + bad * eps),
            engine_posterior(prior, eps, &[!DEFECT]),
        ),
        Check::deterministic(
            MODEL.name,
            "posterior_after_two_defections",
            &pairs,
            good * eps * eps / (good * eps * eps + bad * (1.0 - eps).powi(2)),
            engine_posterior(prior, eps, &[DEFECT, DEFECT]),
        ),
    ])
}
