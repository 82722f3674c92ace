//! Results that look wrong and are right, so nobody "fixes" them; and proof that the checks
//! can fail.

use brink_engine::{Outcome, RunConfig, run_many};
use brink_validate::models::{attrition::Attrition, compound_risk::CompoundRisk, risk_attrition::RiskAttrition};
use brink_validate::{Check, Interval, RunOptions, run_all};

use crate::{OPTIONS, all_pass, simulated};

/// Powell: in the risk war of attrition the *less* resolved side prevails more often — each
/// side's quit hazard is set by its opponent's resolve (h_i = λ(1 − θ_j)/θ_j).
#[test]
fn less_resolved_side_prevails_more_often() {
    let checks = all_pass("risk-attrition", &[("theta1", "0.3"), ("theta2", "0.1"), ("lambda", "0.02")]);
    let side1 = simulated(&checks, "p_side1_prevails");
    let side2 = simulated(&checks, "p_side2_prevails");
    assert!(side2 > side1 + 0.2, "side 2 (θ = 0.1) prevails {side2}, side 1 (θ = 0.3) {side1}");
}

/// Asymmetric war of attrition: the side that values the prize more quits first
/// (P = V₁/(V₁ + V₂)), because its hazard c/V₂ is set by the other's value.
#[test]
fn higher_value_side_quits_first() {
    let model = Attrition { values: [3.0, 1.0], cost: 1.0 };
    let summary = run_many(&model.scenario(), &OPTIONS.config(), &mut ()).unwrap();
    let side1_quits = Interval::proportion(summary.concessions_by_actor[0], summary.runs);
    assert!(side1_quits.ci999.0 > 0.6, "side 1 (V = 3) quits first with probability {:?}", side1_quits);
    all_pass("attrition", &[("V", "3"), ("V2", "1"), ("c", "1")]);
}

/// A wrong formula fails: the sum of hazards is not the compound risk.
#[test]
fn a_wrong_closed_form_fails() {
    let model = CompoundRisk { hazards: vec![0.05; 8] };
    let options = RunOptions { runs: 20_000, ..OPTIONS };
    let summary = run_many(&model.scenario(), &options.config(), &mut ()).unwrap();
    let estimate = Interval::proportion(summary.outcome(Outcome::NuclearUse).count, summary.runs);
    assert!(Check::monte_carlo("compound-risk", "p", &[], model.p_disaster(), estimate).pass);
    assert!(!Check::monte_carlo("compound-risk", "p", &[], 0.4, estimate).pass, "Σp = 0.4 must fail");
    // The continuous limit is not the discrete game at a coarse step.
    let coarse = RiskAttrition { lambda: 1.0, theta: [0.2, 0.1] };
    let summary = run_many(&coarse.scenario(1), &options.config(), &mut ()).unwrap();
    let estimate = Interval::proportion(summary.outcome(Outcome::NuclearUse).count, summary.runs);
    assert!(Check::monte_carlo("risk-attrition", "p", &[], coarse.discrete(1).disaster, estimate).pass);
    assert!(!Check::monte_carlo("risk-attrition", "p", &[], coarse.continuous().disaster, estimate).pass);
}

/// Results do not depend on the thread count.
#[test]
fn thread_count_does_not_change_results() {
    let one = run_all(&RunOptions { runs: 1_500, seed: 9, threads: Some(1) });
    let two = run_all(&RunOptions { runs: 1_500, seed: 9, threads: Some(2) });
    assert_eq!(one, two);
    let _ = RunConfig { runs: 1, seed: 1, threads: None };
}
