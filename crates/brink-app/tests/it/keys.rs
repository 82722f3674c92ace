//! Every JSON key the documents had before the typed reports (recorded in keys-before.json
//! from the untyped `json!` builders, one document per kind, arrays collapsed to `[]`) is
//! still produced by the same request. Keys that depend on the numbers (turn statistics
//! present only when an outcome occurred) or on a scenario's sources are left out.

use std::collections::BTreeSet;

use brink_app::compare::{CompareRequest, Policy};
use brink_app::experiment::{SensitivityRequest, Source, SweepRequest};
use brink_app::solve::{Method, SolveRequest};
use brink_engine::RunConfig;
use serde_json::Value;

fn keys(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(object) => {
            for (key, item) in object {
                let path = format!("{prefix}.{key}");
                out.insert(path.clone());
                keys(item, &path, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| keys(item, &format!("{prefix}[]"), out)),
        _ => {}
    }
}

fn game(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../brink-games/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn every_key_of_before_is_still_there() {
    let before: serde_json::Map<String, Value> = serde_json::from_str(include_str!("keys-before.json")).unwrap();
    let cuban = brink_app::load_scenario(Some("cuban-1962"), &[]).unwrap();
    let config = brink_app::run::config(&cuban, Some(2000), None, Some(2));
    let policy = |name: &str, overrides: &[&str]| {
        let overrides: Vec<brink_scenario::Override> = overrides.iter().map(|o| o.parse().unwrap()).collect();
        Policy {
            name: name.into(),
            spec: format!("{name}={}", overrides.iter().map(|o| o.flag()).collect::<Vec<_>>().join(";")),
            loaded: brink_app::load_scenario(Some("cuban-1962"), &overrides).unwrap(),
        }
    };
    let mut sensitivity =
        SensitivityRequest::new(Source::Spec("teaching-symmetric".into()), vec!["rules.max_turns=5:20".into()]);
    (sensitivity.samples, sensitivity.runs_per_point, sensitivity.bootstrap, sensitivity.seed) = (4, 100, 20, Some(1));
    let sweep = SweepRequest {
        source: Source::Spec("teaching-symmetric".into()),
        overrides: vec![],
        grid: vec!["actors.blue.response_prob=0.2:0.8:2".into()],
        lhs: None,
        params: vec![],
        runs: Some(300),
        seed: None,
        threads: Some(2),
    }
    .prepare()
    .unwrap();
    let solve = |file: &str, method: Method, lambda: Option<f64>, exact: bool| {
        let request = SolveRequest { method: Some(method), label: None, lambda, exact };
        brink_app::solve::solve_report(file, &game(file), &request).unwrap().to_value()
    };
    let options = brink_validate::RunOptions { runs: 2000, seed: 1, threads: Some(2) };
    let now: Vec<(&str, Value)> = vec![
        (
            "run",
            brink_app::run::run_report(&cuban, &[], &RunConfig { threads: Some(2), ..config }, &mut ()).unwrap().json(),
        ),
        (
            "compare",
            brink_app::compare::compare(
                &CompareRequest {
                    policies: vec![policy("base", &[]), policy("hi", &["actors.usa.response_prob=0.9"])],
                    overrides: vec![],
                    runs: Some(500),
                    seed: Some(1),
                    threads: Some(2),
                },
                &mut (),
            )
            .unwrap()
            .to_value(),
        ),
        ("sensitivity", brink_app::experiment::sensitivity(&sensitivity, &mut ()).unwrap().to_value()),
        ("sweep", brink_app::experiment::sweep(&sweep, vec![], &mut (), &mut |_, _| Ok(())).unwrap().to_value()),
        (
            "effects",
            brink_app::effects::effects(&brink_app::effects::EffectsRequest::new(100.0, 0.0)).unwrap().to_value(),
        ),
        (
            "fallout",
            brink_app::fallout::fallout(&brink_app::fallout::FalloutRequest::new(1000.0, 0.5, 24.0))
                .unwrap()
                .to_value(),
        ),
        ("strike", brink_app::strike::strike("hiroshima-1945", &Default::default()).unwrap().to_value()),
        ("validate", brink_app::validate::validate(Some("risk-attrition"), &[], &options).unwrap().to_value()),
        ("solve", solve("bos.nfg", Method::Enum, None, false)),
        ("solve-qre", solve("rps.nfg", Method::Qre, Some(2.0), false)),
        ("solve-zs", solve("pennies.nfg", Method::Zerosum, None, true)),
    ];
    assert_eq!(now.len(), before.len(), "one document per recorded kind");
    for (kind, value) in now {
        let mut have = BTreeSet::new();
        keys(&value, "", &mut have);
        let missing: Vec<&str> = before[kind]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .filter(|k| !k.starts_with(".turns.") && !k.starts_with(".scenario_info.sources."))
            .filter(|k| !have.contains(*k))
            .collect();
        assert!(missing.is_empty(), "{kind}: keys of before are missing: {missing:?}");
    }
}
