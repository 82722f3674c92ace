//! Bad input gets every problem at once, each with file, line, column and field path.

use brink_scenario::{Origin, Override, load_str};

use crate::MINIMAL;

/// (line, column, path) of each diagnostic.
fn problems(text: &str) -> Vec<(usize, usize, String)> {
    let error = load_str("test.toml", text, &[]).unwrap_err();
    error
        .diagnostics
        .iter()
        .map(|d| match &d.origin {
            Origin::Span(span) => {
                let (line, column) = error.line_column(span.start);
                (line, column, d.path.clone())
            }
            _ => (0, 0, d.path.clone()),
        })
        .collect()
}

#[test]
fn malformed_toml_points_at_the_syntax_error() {
    let found = problems("[scenario]\nname = \"x\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, 2);
    let message = load_str("test.toml", "[scenario]\nname = \"x\n", &[]).unwrap_err().to_string();
    assert!(message.starts_with("test.toml:2:"), "{message}");
    assert!(message.contains("invalid TOML"), "{message}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = MINIMAL
        .replace("response_prob = 0.7", "response_prob = 1.7\nlookahead = 9\nfavourite = 1")
        .replace("camp = \"west\"", "camp = \"west\"\nstart = \"the-moon\"");
    let found = problems(&text);
    let paths: Vec<&str> = found.iter().map(|(_, _, p)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["actors.blue.start", "actors.red.response_prob", "actors.red.lookahead", "actors.red.favourite"],
        "{found:?}"
    );
    // Lines are those of the offending values in `text`.
    for (line, _, path) in &found {
        let source_line = text.lines().nth(line - 1).unwrap();
        let key = path.rsplit('.').next().unwrap();
        assert!(source_line.starts_with(key), "line {line} `{source_line}` for {path}");
    }
}

#[test]
fn priors_must_sum_to_one_and_name_real_rungs() {
    let text = MINIMAL.replace("{ \"strike-permission\" = 1.0 }", "{ \"strike-permission\" = 0.5, \"mars\" = 0.1 }");
    let found = problems(&text);
    assert_eq!(found.iter().map(|f| f.2.as_str()).collect::<Vec<_>>(), ["actors.red.red_line.mars"]);
    let text = MINIMAL.replace("{ \"strike-permission\" = 1.0 }", "{ \"strike-permission\" = 0.5 }");
    let message = load_str("test.toml", &text, &[]).unwrap_err().to_string();
    assert!(message.contains("actors.red.red_line: probabilities sum to 0.5, expected 1"), "{message}");
}

#[test]
fn unknown_actors_rungs_and_sections_are_named() {
    let text = format!(
        "{MINIMAL}\n[actors.blue.beliefs.green]\nbias = 1\n\n[[events]]\nturn = 2\nkind = \"force\"\nactor = \"red\"\nrung = \"orbit\"\n\n[extras]\nx = 1\n"
    );
    let found = problems(&text);
    let paths: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(paths, ["actors.blue.beliefs.green", "events.0.rung", "extras"], "{found:?}");
    let message = load_str("test.toml", &text, &[]).unwrap_err().to_string();
    assert!(message.contains("unknown actor `green`; expected one of: blue, red"), "{message}");
    assert!(message.contains("3 problems found"));
}

#[test]
fn beliefs_about_allies_are_rejected() {
    let text = MINIMAL.replace("camp = \"east\"", "camp = \"west\"") + "\n[actors.blue.beliefs.red]\nbias = 1\n";
    let message = load_str("test.toml", &text, &[]).unwrap_err().to_string();
    assert!(message.contains("same camp"), "{message}");
}

#[test]
fn a_path_overridden_twice_names_the_flag_in_effect() {
    let first: Override = "actors.red.response_prob=0.5".parse().unwrap();
    let second: Override = "actors.red.response_prob=2".parse().unwrap();
    let error = load_str("test.toml", MINIMAL, &[first, second]).unwrap_err();
    assert_eq!(error.diagnostics[0].origin, Origin::Override("actors.red.response_prob=2".into()));
}

#[test]
fn overrides_that_break_the_scenario_name_the_flag() {
    let set: Override = "actors.red.response_prob=2".parse().unwrap();
    let error = load_str("test.toml", MINIMAL, &[set]).unwrap_err();
    assert_eq!(error.diagnostics.len(), 1);
    assert_eq!(error.diagnostics[0].origin, Origin::Override("actors.red.response_prob=2".into()));
    let text = error.to_string();
    assert!(
        text.starts_with("test.toml (--set actors.red.response_prob=2): error: actors.red.response_prob"),
        "{text}"
    );
    let bad_path: Override = "actors.red.red_line.never.x=1".parse().unwrap();
    assert!(load_str("test.toml", MINIMAL, &[bad_path]).is_err());
}

#[test]
fn an_override_that_makes_an_unknown_table_names_the_flag_not_a_line() {
    // `--set beliefs.bias=0` creates a table `beliefs` that no line of the file holds.
    let set: Override = "beliefs.bias=0".parse().unwrap();
    let error = load_str("test.toml", MINIMAL, &[set]).unwrap_err();
    assert_eq!(error.diagnostics.len(), 1);
    assert_eq!(error.diagnostics[0].origin, Origin::Override("beliefs.bias=0".into()));
    let text = error.to_string();
    assert!(text.starts_with("test.toml (--set beliefs.bias=0): error: beliefs: unknown key `beliefs`"), "{text}");
    // An entry of an array of tables selected by its name (a preset rung's override): the
    // problem is found at its index, and still named at the flag.
    let typo: Override = "ladder.rungs.arms-supply.typo=1".parse().unwrap();
    let error = load_str("test.toml", MINIMAL, &[typo]).unwrap_err();
    assert_eq!(error.diagnostics.len(), 1, "{error}");
    assert_eq!(error.diagnostics[0].origin, Origin::Override("ladder.rungs.arms-supply.typo=1".into()), "{error}");
    // An unknown key in the file itself keeps its line, whatever else is set.
    let other: Override = "actors.red.response_prob=0.5".parse().unwrap();
    let text = MINIMAL.replace("[actors.red]", "[actors.red]\nfoo = 1");
    let error = load_str("test.toml", &text, &[other]).unwrap_err();
    assert!(matches!(error.diagnostics[0].origin, Origin::Span(_)), "{:?}", error.diagnostics);
}

#[test]
fn missing_files_and_unknown_names_are_clear() {
    let error = brink_scenario::load("no/such/file.toml", &[]).unwrap_err().to_string();
    assert!(error.starts_with("no/such/file.toml: error: cannot read the file"), "{error}");
    let error = brink_scenario::load("no-such-scenario", &[]).unwrap_err().to_string();
    assert!(error.contains("bundled scenarios: ukraine-2024"), "{error}");
}

#[test]
fn the_equilibrium_policy_checks_its_horizon_and_what_the_game_tree_supports() {
    use brink_engine::model::PolicyKind;
    let with = |policy: &str| MINIMAL.replace("camp = \"west\"", &format!("camp = \"west\"\npolicy = {policy}"));
    // The horizon: 1..=3 turns, default 1.
    let found = problems(&with(r#"{ kind = "equilibrium", turns = 4 }"#));
    assert_eq!(found.iter().map(|f| f.2.as_str()).collect::<Vec<_>>(), ["actors.blue.policy.turns"], "{found:?}");
    for (policy, turns) in [(r#""equilibrium""#, 1), (r#"{ kind = "equilibrium", turns = 2 }"#, 2)] {
        let loaded = load_str("test.toml", &with(policy), &[]).unwrap();
        assert_eq!(loaded.scenario.actors[0].policy, PolicyKind::Equilibrium { turns, strategy: None });
    }
    // The crisis game has no bargaining.
    let text = format!("{}\n[rules]\nbargaining = {{ low = 0.2, high = 0.8 }}\n", with(r#""equilibrium""#));
    let message = load_str("test.toml", &text, &[]).unwrap_err().to_string();
    assert!(message.contains("does not support bargaining"), "{message}");
}

/// Every `expected` path is among the problems of `text`, and every problem points at the line
/// of its own key.
fn assert_reported_at_their_lines(text: &str, expected: &[&str]) {
    let found = problems(text);
    let paths: Vec<&str> = found.iter().map(|(_, _, p)| p.as_str()).collect();
    for expected in expected {
        assert!(paths.contains(expected), "{expected} in {paths:?}");
    }
    for (line, _, path) in &found {
        let source_line = text.lines().nth(line - 1).unwrap();
        let key = path.rsplit('.').next().unwrap();
        assert!(source_line.starts_with(key) || *line == 0, "line {line} `{source_line}` for {path}");
    }
}

/// Bad values of the warning, confusion, circuit-breaker and treaty fields are each reported
/// at their own line, with their path and what was expected.
#[test]
fn bad_warning_fog_breaker_and_treaty_values_name_their_field() {
    let text = format!(
        "{MINIMAL}\n[actors.red.warning]\nfalse_alarm_rate = 1.5\nfrom_rung = \"orbit\"\nlaunch_on_warning = 0.3\nsiren = true\n\n\
         [[ladder.rungs]]\nname = \"arms-supply\"\nconfusion = {{ \"+1\" = 0.75, \"-1\" = 0.5 }}\n\n\
         [rules.circuit_breaker]\nat_rung = 99\npause_turns = -1\n\n[rules.treaty]\ncap = \"arms-supply\"\nbreakout_prob = 2\n\n\
         [[events]]\nturn = 2\nkind = \"treaty\"\ncap = \"nowhere\"\n"
    );
    assert_reported_at_their_lines(
        &text,
        &[
            "actors.red.warning.false_alarm_rate",
            "actors.red.warning.from_rung",
            "actors.red.warning.siren",
            "ladder.rungs.0.confusion",
            "rules.circuit_breaker.at_rung",
            "rules.circuit_breaker.pause_turns",
            "rules.treaty.breakout_prob",
            "events.0.cap",
        ],
    );
    let message = load_str("test.toml", &text, &[]).unwrap_err().to_string();
    assert!(message.contains("confusion probabilities sum to 1.25, expected at most 1"), "{message}");
    assert!(message.contains("unknown rung `orbit`"), "{message}");
}

/// Bad values of the signal, mediation and back-channel fields are each reported at their own
/// line, with their path and what was expected; an event that sends a signal an actor does not
/// have is named.
#[test]
fn bad_signal_mediation_and_back_channel_values_name_their_field() {
    let text = format!(
        "{MINIMAL}\n[actors.red.signal]\nkind = \"loud\"\ndeclare = \"orbit\"\nbluff = 1.5\nturn = -2\n\n\
         [rules.mediation]\naudience_cost_factor = 2\nshare = -0.1\nturns = 3\n\n[rules.back_channel]\naudience_cost_factor = 1.5\nwhisper = 1\n\n\
         [[events]]\nturn = 2\nkind = \"mediation\"\nshare = 7\n"
    );
    assert_reported_at_their_lines(
        &text,
        &[
            "actors.red.signal.kind",
            "actors.red.signal.declare",
            "actors.red.signal.bluff",
            "actors.red.signal.turn",
            "rules.mediation.audience_cost_factor",
            "rules.mediation.share",
            "rules.back_channel.audience_cost_factor",
            "rules.back_channel.whisper",
            "events.0.share",
        ],
    );
    let message = load_str("test.toml", &text, &[]).unwrap_err().to_string();
    assert!(message.contains("unknown signal kind `loud`"), "{message}");
    // Cheap talk cannot cost anything, and an event cannot send a signal an actor lacks.
    let cheap = format!("{MINIMAL}\n[actors.red.signal]\nkind = \"cheap\"\ncost = 2\n");
    let message = load_str("test.toml", &cheap, &[]).unwrap_err().to_string();
    assert!(message.contains("actors.red.signal.cost") && message.contains("cheap talk costs nothing"), "{message}");
    let unsent = format!("{MINIMAL}\n[[events]]\nturn = 1\nkind = \"signal\"\nactor = \"red\"\n");
    let message = load_str("test.toml", &unsent, &[]).unwrap_err().to_string();
    assert!(message.contains("has no signal to send"), "{message}");
}

/// A signal sent by an event defaults its bluff to the lowest red line the sender's prior allows,
/// as an actor's own signal does; its costly signals must state their cost.
#[test]
fn an_events_signal_takes_its_senders_defaults() {
    let event = "\n[[events]]\nturn = 2\nkind = \"signal\"\nactor = \"red\"\n";
    let text = format!("{MINIMAL}{event}signal = {{ kind = \"costly\", cost = 1.0, bluff = 0.3 }}\n");
    let loaded = load_str("test.toml", &text, &[]).unwrap();
    let strike = loaded.scenario.ladder.rungs().iter().position(|r| r.name == "strike-permission").unwrap();
    match &loaded.scenario.events[0].kind {
        brink_engine::EventKind::Signal { signal: Some(signal), .. } => assert_eq!(signal.bluff_rung, strike),
        other => panic!("{other:?}"),
    }
    let message = load_str("test.toml", &format!("{MINIMAL}{event}signal = {{ kind = \"costly\" }}\n"), &[])
        .unwrap_err()
        .to_string();
    assert!(message.contains("events.0.signal.cost") && message.contains("needs its cost"), "{message}");
}

/// A launch on warning needs a nuclear rung at or above the alert rung.
#[test]
fn a_launch_on_warning_needs_a_nuclear_rung_above_the_alert_rung() {
    let text = "[scenario]\nname = \"x\"\n\n[[ladder.rungs]]\nname = \"calm\"\n\n[[ladder.rungs]]\nname = \"alert\"\n\n\
                [actors.a]\ncamp = \"x\"\nred_line = { never = 1.0 }\n\n[actors.a.warning]\nfalse_alarm_rate = 0.1\n\
                from_rung = \"alert\"\nlaunch_on_warning = 0.5\n\n[actors.b]\ncamp = \"y\"\nred_line = { never = 1.0 }\n";
    let found = problems(text);
    assert_eq!(found.iter().map(|f| f.2.as_str()).collect::<Vec<_>>(), ["actors.a.warning.from_rung"]);
    let message = load_str("test.toml", text, &[]).unwrap_err().to_string();
    assert!(message.contains("needs a nuclear rung at or above from_rung"), "{message}");
    // Without a launch on warning, alarms alone need no nuclear rung.
    assert!(load_str("test.toml", &text.replace("launch_on_warning = 0.5", "launch_on_warning = 0"), &[]).is_ok());
}
