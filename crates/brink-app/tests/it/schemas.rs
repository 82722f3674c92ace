//! Reports against their schemas.

use brink_app::compare::{CompareRequest, Policy};
use brink_app::effects::EffectsRequest;
use brink_app::experiment::{SensitivityRequest, Source, SweepRequest};
use brink_app::fallout::FalloutRequest;
use brink_app::solve::{Method, SolveRequest};
use brink_engine::RunConfig;
use brink_types::{Body, Report};
use serde_json::Value;

/// Validates `report` against the schema of its kind, and checks that the strict schema
/// is what rejects a key the types do not declare.
fn check<B: Body>(report: &Report<B>) {
    let value = report.to_value();
    let kind = brink_types::find_kind(B::KIND).expect("registered");
    let schema = (kind.schema)();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{} report does not validate: {errors:#?}", B::KIND);
    let mut extra = value.clone();
    extra.as_object_mut().unwrap().insert("not_in_the_type".into(), Value::Bool(true));
    assert!(!validator.is_valid(&extra), "{}: an undeclared key must not validate", B::KIND);
    // And the typed report reads back to itself.
    let back = Report::<B>::from_value(value.clone()).expect("reads back");
    assert_eq!(back.to_value(), value);
}

fn config(runs: u64) -> RunConfig {
    RunConfig { runs, seed: 3, threads: Some(2) }
}

#[test]
fn run_reports_of_every_bundled_scenario_validate() {
    for name in brink_scenario::bundled::names() {
        let loaded = brink_app::load_scenario(Some(name), &[]).unwrap();
        let report = brink_app::run::run_report(&loaded, &[], &config(300), &mut ()).unwrap();
        check(&report.report);
    }
}

#[test]
fn a_run_with_strike_plans_validates_with_its_consequences() {
    let toml = brink_scenario::bundled::text("teaching-symmetric").unwrap();
    let nuclear = brink_app::load_scenario(Some("teaching-symmetric"), &[]).unwrap();
    let rung = nuclear.scenario.ladder.rungs().iter().find(|r| r.nuclear).map(|r| r.name.clone());
    let Some(rung) = rung else { return };
    let text = format!("{toml}\n[consequences]\n\"{rung}\" = \"hiroshima-1945\"\n");
    let loaded = brink_scenario::load_str("with-plan.toml", &text, &[]).unwrap();
    let report = brink_app::run::run_report(&loaded, &[], &config(300), &mut ()).unwrap();
    assert!(report.report.body.consequences.is_some());
    check(&report.report);
}

#[test]
fn experiment_reports_validate() {
    let policies = ["base=", "hawk=actors.red.response_prob=0.95"]
        .iter()
        .map(|spec| {
            let (name, overrides) = spec.split_once('=').unwrap();
            let overrides: Vec<brink_scenario::Override> =
                overrides.split(';').filter(|s| !s.is_empty()).map(|s| s.parse().unwrap()).collect();
            Policy {
                name: name.into(),
                spec: (*spec).into(),
                loaded: brink_app::load_scenario(Some("teaching-symmetric"), &overrides).unwrap(),
            }
        })
        .collect();
    let request = CompareRequest { policies, overrides: vec![], runs: Some(300), seed: None, threads: Some(2) };
    let report = brink_app::compare::compare(&request, &mut ()).unwrap();
    // One seed default everywhere: the scenario's run.seed, else 1.
    let loaded = brink_app::load_scenario(Some("teaching-symmetric"), &[]).unwrap();
    assert_eq!(report.body.manifest.seed, loaded.info.default_seed.unwrap_or(1));
    check(&report);

    let sweep = SweepRequest {
        source: Source::Spec("teaching-symmetric".into()),
        overrides: vec![],
        grid: vec!["rules.max_turns=5:20:2".into()],
        lhs: None,
        params: vec![],
        runs: Some(200),
        seed: None,
        threads: Some(2),
    }
    .prepare()
    .unwrap();
    let report = brink_app::experiment::sweep(&sweep, vec![], &mut (), &mut |_, _| Ok(())).unwrap();
    assert_eq!(report.body.points.len(), 2);
    check(&report);

    let mut request =
        SensitivityRequest::new(Source::Spec("teaching-symmetric".into()), vec!["rules.max_turns=5:20".into()]);
    (request.samples, request.runs_per_point, request.bootstrap) = (4, 100, 20);
    let report = brink_app::experiment::sensitivity(&request, &mut ()).unwrap();
    check(&report);
}

#[test]
fn sweeps_and_comparisons_of_every_bundled_scenario_validate() {
    for name in brink_scenario::bundled::names() {
        let policies = [("base", vec![]), ("short", vec!["rules.max_turns=10".parse().unwrap()])]
            .into_iter()
            .map(|(policy, overrides)| Policy {
                name: policy.into(),
                spec: format!("{policy}="),
                loaded: brink_app::load_scenario(Some(name), &overrides).unwrap(),
            })
            .collect();
        let request = CompareRequest { policies, overrides: vec![], runs: Some(200), seed: None, threads: Some(2) };
        check(&brink_app::compare::compare(&request, &mut ()).unwrap());
        let sweep = SweepRequest {
            source: Source::Spec(name.into()),
            overrides: vec![],
            grid: vec!["rules.max_turns=5:20:2".into()],
            lhs: None,
            params: vec![],
            runs: Some(100),
            seed: None,
            threads: Some(2),
        }
        .prepare()
        .unwrap();
        check(&brink_app::experiment::sweep(&sweep, vec![], &mut (), &mut |_, _| Ok(())).unwrap());
    }
}

#[test]
fn tool_reports_validate_on_every_bundled_plan() {
    for name in brink_scenario::plan::bundled::names() {
        check(&brink_app::strike::strike(name, &Default::default()).unwrap());
    }
    use brink_app::aftermath::{SootSource, aftermath};
    check(&aftermath(&SootSource::Plan("india-pakistan-15kt".into())).unwrap());
    for soot in [0.0, 3.0, 16.0, 500.0] {
        check(&aftermath(&SootSource::Given(soot)).unwrap());
    }
    check(&brink_app::effects::effects(&EffectsRequest::new(100.0, 0.0)).unwrap());
    check(&brink_app::effects::effects(&EffectsRequest::new(300.0, 1500.0)).unwrap());
    check(&brink_app::fallout::fallout(&FalloutRequest::new(1000.0, 0.5, 24.0)).unwrap());
    let options = brink_validate::RunOptions { runs: 1000, seed: 1, threads: Some(2) };
    check(&brink_app::validate::validate(Some("risk-attrition"), &[], &options).unwrap());
    let game = "NFG 1 R \"Matching pennies\" { \"1\" \"2\" } { 2 2 }\n\n1 -1 -1 1 -1 1 1 -1\n";
    for (method, exact) in [(Method::Enum, false), (Method::Enum, true), (Method::Zerosum, true), (Method::Qre, false)]
    {
        let request = SolveRequest { method: Some(method), label: None, lambda: None, exact };
        check(&brink_app::solve::solve_report("pennies", game, &request).unwrap());
    }
}

/// `brink explain` on every bundled scenario and outcome: its report validates, and the paths
/// account for every run with the outcome, which is the count `brink run` gives for it on the
/// same runs (Σ paths.count + other_runs = outcome_runs).
#[test]
fn explain_reports_validate_and_account_for_every_run() {
    for name in brink_scenario::bundled::names() {
        let loaded = brink_app::load_scenario(Some(name), &[]).unwrap();
        let run = brink_app::run::run_report(&loaded, &[], &config(2000), &mut ()).unwrap();
        for outcome in ["nuclear_use", "settlement", "concession", "turn_limit", "all"] {
            let parsed = brink_app::explain::parse_outcome(outcome).unwrap();
            let report = brink_app::explain::explain_report(&loaded, &[], &config(2000), parsed, 5, &mut ()).unwrap();
            check(&report);
            let body = &report.body;
            let listed: u64 = body.paths.iter().map(|p| p.count).sum();
            assert_eq!(listed + body.other_runs, body.outcome_runs, "{name} {outcome}");
            let want = match outcome {
                "all" => 2000,
                o => run.report.body.outcomes.iter().find(|(n, _)| *n == o).unwrap().1.count,
            };
            assert_eq!(body.outcome_runs, want, "{name} {outcome}: explain and run disagree");
            assert!(body.paths.windows(2).all(|w| w[0].count >= w[1].count), "{name}: most frequent first");
        }
    }
    assert!(brink_app::explain::parse_outcome("nuclear").is_err());
    // A told run of every bundled scenario validates too.
    for name in brink_scenario::bundled::names() {
        let loaded = brink_app::load_scenario(Some(name), &[]).unwrap();
        let story =
            brink_app::explain::story_report(&loaded, &[], &config(100), brink_app::explain::Pick::Run(7)).unwrap();
        check(&story);
    }
}
