//! What a valid file becomes in the engine.

use brink_engine::{EventKind, Param, PolicyKind};
use brink_scenario::{Override, load_str};

use crate::MINIMAL;

#[test]
fn a_minimal_scenario_lowers_with_documented_defaults() {
    let loaded = load_str("m.toml", MINIMAL, &[]).unwrap();
    let s = &loaded.scenario;
    assert_eq!(s.camps, ["west", "east"]);
    assert_eq!(s.ladder.len(), 9);
    assert!(s.ladder.rung(7).nuclear && s.ladder.rung(8).nuclear && !s.ladder.rung(6).nuclear);
    let red = &s.actors[1];
    assert_eq!(red.start, 1);
    assert_eq!(red.params.response_prob, 0.7);
    assert_eq!(red.red_line.probs()[3], 1.0);
    let blue = &s.actors[0];
    assert_eq!(blue.red_line.probs()[5], 0.5);
    assert_eq!(blue.red_line.probs()[9], 0.5, "never is the last entry");
    assert_eq!(blue.params.rationality, f64::INFINITY);
    assert_eq!(blue.policy, PolicyKind::LogitEu);
    assert_eq!(s.rules.max_turns, 52);
    assert_eq!(loaded.hash.len(), 16);
}

#[test]
fn overrides_change_values_and_the_hash() {
    let base = load_str("m.toml", MINIMAL, &[]).unwrap();
    let sets: Vec<Override> =
        ["actors.red.response_prob=0.25", "ladder.rungs.nuclear-alert.chance_hazard=0.01", "rules.max_turns=10"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
    let changed = load_str("m.toml", MINIMAL, &sets).unwrap();
    assert_eq!(changed.scenario.actors[1].params.response_prob, 0.25);
    assert_eq!(changed.scenario.ladder.rung(6).chance_hazard, 0.01);
    assert_eq!(changed.scenario.rules.max_turns, 10);
    assert_ne!(base.hash, changed.hash);
}

#[test]
fn events_policies_and_beliefs_lower_to_engine_types() {
    let text = format!(
        "{MINIMAL}
[actors.blue.beliefs.red]
bias = 0.5
update_weight = 0.8

[[events]]
turn = 3
kind = \"permit\"
actor = \"blue\"
max_rung = \"strike-permission\"

[[events]]
turn = 5
kind = \"set\"
path = \"actors.red.response_prob\"
value = 0.9

[[events]]
turn = 2
kind = \"force\"
actor = \"red\"
rung = 2
prob = 0.5
"
    )
    .replace(
        "response_prob = 0.7",
        "response_prob = 0.7\npolicy = { kind = \"threshold\", target = \"trainers-troops\", concede_prob = 0.1 }",
    );
    let s = load_str("e.toml", &text, &[]).unwrap().scenario;
    assert_eq!(s.events.len(), 3);
    assert_eq!(s.events[0].turn, 2, "events are sorted by turn");
    assert_eq!(s.events[0].kind, EventKind::Force { actor: 1, rung: 2 });
    assert_eq!(s.events[0].prob, 0.5);
    assert!(matches!(s.events[1].kind, EventKind::Permit { actor: 0, max_rung: Some(3), .. }));
    assert_eq!(s.events[2].kind, EventKind::Set { param: Param::ResponseProb(1), value: 0.9 });
    assert_eq!(s.actors[1].policy, PolicyKind::Threshold { target: 4, concede_at: None, concede_prob: 0.1 });
    let belief = &s.actors[0].beliefs[0];
    assert_eq!((belief.about, belief.bias, belief.update_weight), (1, 0.5, 0.8));
    assert_eq!(belief.prior.probs(), s.actors[1].red_line.probs(), "default prior: the adversary's true prior");
}
