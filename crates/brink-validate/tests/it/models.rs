//! Each model at two parameter sets: every check passes, and the closed forms agree with the
//! numbers in research/escalation-models.md §1 (computed there independently).

use crate::{all_pass, closed, published, simulated};

#[test]
fn compound_risk() {
    published(closed(&all_pass("compound-risk", &[]), "p_disaster"), 0.170479);
    published(
        closed(
            &all_pass(
                "compound-risk",
                &[(
                    "p",
                    "0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02",
                )],
            ),
            "p_disaster",
        ),
        0.332392,
    );
}

#[test]
fn gamblers_ruin() {
    let checks = all_pass("gamblers-ruin", &[]);
    published(closed(&checks, "p_nuclear"), 0.601666);
    assert!((closed(&checks, "expected_turns") - 10.0833).abs() < 5e-5);
    let checks = all_pass("gamblers-ruin", &[("p", "0.3"), ("q", "0.3")]);
    published(closed(&checks, "p_nuclear"), 0.4);
    published(closed(&checks, "expected_turns"), 10.0);
}

#[test]
fn risk_attrition() {
    let checks = all_pass("risk-attrition", &[]);
    published(closed(&checks, "p_disaster"), 0.066879);
    published(closed(&checks, "p_disaster_limit"), 0.071429);
    published(closed(&checks, "p_side1_prevails_limit"), 0.285714);
    published(closed(&checks, "p_side2_prevails_limit"), 0.642857);
    // Symmetric, W = 1, Q = 0, Z = −10: θ = 1/11, P = θ/(2 − θ) = 0.047619.
    let theta = (1.0f64 / 11.0).to_string();
    let checks = all_pass("risk-attrition", &[("lambda", "0.05"), ("theta1", &theta), ("theta2", &theta)]);
    published(closed(&checks, "p_disaster_limit"), 0.047619);
}

#[test]
fn risk_attrition_bayes() {
    published(closed(&all_pass("risk-attrition-bayes", &[]), "p_disaster"), 0.090355);
    published(closed(&all_pass("risk-attrition-bayes", &[("Theta", "0.2"), ("lambda", "3")]), "p_disaster"), 0.034456);
}

#[test]
fn attrition() {
    published(closed(&all_pass("attrition", &[]), "expected_duration"), 1.0);
    let checks = all_pass("attrition", &[("V", "2"), ("V2", "1"), ("c", "1")]);
    published(closed(&checks, "p_side1_quits_first_limit"), 0.666667);
    published(closed(&checks, "expected_duration"), 2.0 / 3.0);
}

#[test]
fn attrition_bayes() {
    published(closed(&all_pass("attrition-bayes", &[]), "expected_duration"), 0.166667);
    published(closed(&all_pass("attrition-bayes", &[("dist", "exponential")]), "expected_duration"), 0.25);
}

#[test]
fn audience_attrition() {
    published(closed(&all_pass("audience-attrition", &[]), "p_side1_backs_down_first"), 0.386294);
    let checks = all_pass("audience-attrition", &[("a1", "1.5"), ("a2", "3"), ("V", "4")]);
    published(closed(&checks, "p_side1_backs_down_first"), 0.613706);
    assert!(simulated(&checks, "p_side1_backs_down_first") > 0.5, "the side with lower audience costs backs down more");
}

#[test]
fn red_line_belief() {
    let checks = all_pass("red-line-belief", &[]);
    for (rung, value) in [(1, 0.012346), (2, 0.061728), (3, 0.308642), (4, 0.308642), (5, 0.308642)] {
        published(simulated(&checks, &format!("posterior_rung_{rung}")), value);
    }
    published(simulated(&checks, "p_response_next"), 0.306173);
    published(simulated(&checks, "credibility_after_unanswered"), 0.111111);
    published(simulated(&checks, "credibility_after_answered"), 0.818182);
    let checks = all_pass("red-line-belief", &[("rungs", "8"), ("response_prob", "0.3"), ("crossed", "4")]);
    assert_eq!(checks.len(), 11);
}

/// O'Neill's table (research note §1.6, confirmed there by independent backward induction).
#[test]
fn dollar_auction() {
    for (s, b, opening, payoff) in [
        ("20", "50", 12.0, 8.0),
        ("20", "20", 1.0, 19.0),
        ("5", "10", 2.0, 3.0),
        ("10", "25", 7.0, 3.0),
        ("20", "100", 5.0, 15.0),
    ] {
        let checks = all_pass("dollar-auction", &[("s", s), ("b", b)]);
        assert_eq!(simulated(&checks, "opening_bid"), opening);
        assert_eq!(simulated(&checks, "payoff_first"), payoff);
    }
}

/// Research note §1.7: x* = 1.604167, y* = 1.583333 (stable); the runaway case is unstable.
#[test]
fn richardson() {
    let checks = all_pass("richardson", &[]);
    published(simulated(&checks, "x_star"), 1.604167);
    published(simulated(&checks, "y_star"), 1.583333);
    assert_eq!(simulated(&checks, "stable"), 1.0);
    let checks = all_pass("richardson", &[("k", "1.2"), ("l", "1.0"), ("a", "0.8"), ("b", "0.9")]);
    assert_eq!(simulated(&checks, "stable"), 0.0);
    assert!(checks.iter().all(|c| c.quantity != "x_star"), "no rest point is reached");
    assert!((simulated(&checks, "fit_slope") - 2.0 * 0.2f64.tanh()).abs() < 1e-9);
}

/// Research note §1.8: c* = 2 and P(disaster) = 0.25 at W = L = 1, C = 4; c* = 1.765564 and
/// P(disaster) = 0.194826 at L = 0.5.
#[test]
fn chicken_bayes() {
    let checks = all_pass("chicken-bayes", &[]);
    published(simulated(&checks, "cutoff"), 2.0);
    published(closed(&checks, "p_disaster"), 0.25);
    let checks = all_pass("chicken-bayes", &[("L", "0.5")]);
    published(simulated(&checks, "cutoff"), 1.765564);
    published(closed(&checks, "p_disaster"), 0.194826);
}

/// Research note §1.8 logit table: λ = 1 → 0.376310, λ = 10 → 0.274320.
#[test]
fn chicken_qre() {
    published(simulated(&all_pass("chicken-qre", &[]), "p_escalate"), 0.376310);
    published(simulated(&all_pass("chicken-qre", &[("lambda", "10")]), "p_escalate"), 0.274320);
}

/// Research note §1.9: 0.307692 / 0.972973 / 0.047059 at π = 0.8, ε = 0.1.
#[test]
fn trust() {
    let checks = all_pass("trust", &[]);
    published(simulated(&checks, "posterior_after_defection"), 0.307692);
    published(simulated(&checks, "posterior_after_cooperation"), 0.972973);
    published(simulated(&checks, "posterior_after_two_defections"), 0.047059);
    let checks = all_pass("trust", &[("prior", "0.5"), ("tremble", "0.2")]);
    published(simulated(&checks, "posterior_after_defection"), 0.2);
}
