//! `POST /api/fit` and `GET /api/fit/records`: the library's fit, refusals naming the field,
//! and cancellation.

use std::time::Duration;

use serde_json::{Value, json};

use crate::{get, post, start, wait_for_jobs, without_timing};

/// A small grid fit of the Cuban record: 5 points of the Soviet λ, few predictive runs.
fn small_fit() -> Value {
    json!({
        "scenario": "cuban-1962",
        "records": ["cuban-1962"],
        "params": ["actors.ussr.rationality=5:60"],
        "points": 5,
        "runs_per_point": 200,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bundled_records_are_listed_with_their_scenario() {
    let server = start(Default::default()).await;
    let reply = get(server.addr, "/api/fit/records").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let listing = reply.json();
    let cuban = listing["records"].as_array().unwrap().iter().find(|r| r["name"] == "cuban-1962").expect("cuban-1962");
    assert_eq!(cuban["scenario"], "cuban-1962");
    assert_eq!(cuban["turns"], 12);
    let outcomes: Vec<&str> =
        listing["outcomes"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["icb-two-nuclear", "icb-one-nuclear"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_grid_fit_gives_the_library_report_with_a_normalised_posterior() {
    let server = start(Default::default()).await;
    let reply = post(server.addr, "/api/fit", &small_fit()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let report = reply.json();
    assert_eq!(report["kind"], "fit");
    assert_eq!(report["method"], "grid");
    let grid = report["grid"].as_array().unwrap();
    assert_eq!(grid.len(), 5);
    let total: f64 = grid.iter().map(|p| p["posterior"].as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-9, "the posterior sums to {total}");
    let param = &report["params"][0];
    assert_eq!(param["path"], "actors.ussr.rationality");
    let (low, high) = (param["ci95"][0].as_f64().unwrap(), param["ci95"][1].as_f64().unwrap());
    assert!(5.0 <= low && low <= high && high <= 60.0, "{param}");
    assert_eq!(report["posterior_predictive"].as_array().unwrap().len(), 4, "one bar per outcome");
    assert!(report["log_evidence"].as_f64().unwrap() < 0.0);

    // The same numbers as the library (what `brink fit` prints), everything but the timing.
    let loaded = brink_scenario::load_bundled("cuban-1962", &[]).unwrap();
    let text = include_str!("../../../../records/cuban-1962.toml");
    let record =
        brink_scenario::record::load_record_str("cuban-1962.toml", "cuban-1962", text, &loaded.scenario).unwrap();
    let request = brink_app::evidence::FitRequest {
        source: brink_app::experiment::Source::Text {
            origin: "bundled:cuban-1962".into(),
            text: brink_scenario::bundled::text("cuban-1962").unwrap().into(),
        },
        overrides: Vec::new(),
        records: vec![brink_app::evidence::LoadedRecord {
            name: record.name,
            origin: record.origin,
            record_scenario: Some(record.scenario),
            observed: record.observed,
        }],
        params: brink_app::evidence::fit_params(&["actors.ussr.rationality=5:60".into()], &[]).unwrap(),
        method: brink_app::evidence::FitMethod::Grid { points: 5 },
        predictive_runs: 200,
        seed: loaded.info.default_seed.unwrap_or(1),
        outcomes: Vec::new(),
        outcome_runs: 2000,
        likelihood: Default::default(),
    };
    let library = brink_app::evidence::fit(&request, &|| {}).unwrap().to_value();
    let through_text: Value = serde_json::from_str(&library.to_string()).unwrap();
    assert_eq!(without_timing(report), without_timing(through_text));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_fit_requests_are_a_400_naming_the_field() {
    let server = start(Default::default()).await;
    let with = |key: &str, value: Value| {
        let mut body = small_fit();
        body[key] = value;
        body
    };
    let cases = [
        (with("params", json!(["actors.ussr.rationality"])), "params[0]"),
        (with("params", json!(["actors.nobody.rationality=1:5"])), "params[0]"),
        (
            with(
                "params",
                json!(["actors.ussr.rationality=5:60", "actors.usa.rationality=5:60", "rules.max_turns=5:9"]),
            ),
            "params:",
        ),
        (with("params", json!([])), "params:"),
        (with("points", json!(500)), "points: 500"),
        (with("method", json!("annealing")), "method:"),
        (with("records", json!(["atlantis-1999"])), "records[0]"),
        (with("records", json!([])), "records:"),
        (with("outcomes", json!(["icb-none"])), "outcomes[0]"),
        (with("priors", json!(["actors.ussr.rationality=normal:1"])), "priors[0]"),
        (with("priors", json!(["actors.usa.rationality=uniform"])), "priors[0]"),
        (with("runs_per_point", json!(1_000_000)), "runs_per_point"),
        (
            with("samples", json!(10))
                .as_object()
                .cloned()
                .map(|mut o| {
                    o.insert("method".into(), json!("mcmc"));
                    o.insert("chains".into(), json!(4));
                    Value::Object(o)
                })
                .unwrap(),
            "samples:",
        ),
        (with("unknown", json!(1)), "unknown field"),
    ];
    for (body, field) in cases {
        let reply = post(server.addr, "/api/fit", &body).await;
        assert_eq!(reply.status, 400, "{body}: {}", reply.body);
        let message = reply.json()["error"]["message"].as_str().unwrap().to_owned();
        assert!(message.contains(field), "{body}: `{message}` does not name `{field}`");
    }
    // A record that does not fit the scenario: 422 with its line, naming the record.
    let mut other = with("scenario", json!("teaching-symmetric"));
    other["params"] = json!(["actors.blue.rationality=5:40"]);
    let reply = post(server.addr, "/api/fit", &other).await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    let error = &reply.json()["error"];
    assert!(error["message"].as_str().unwrap().starts_with("records[0]"), "{error}");
    assert!(error["line"].is_u64(), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fit_stops_when_its_client_goes_away() {
    let server = start(brink_serve::Limits { max_jobs: 1, ..Default::default() }).await;
    // 101 × 101 likelihoods of the Cuban record: a minute or more of work.
    let mut heavy = small_fit();
    heavy["params"] = json!(["actors.ussr.rationality=5:60", "actors.usa.rationality=5:60"]);
    heavy["points"] = json!(101);
    let addr = server.addr;
    let client = tokio::spawn(async move { post(addr, "/api/fit", &heavy).await });
    let status = wait_for_jobs(addr, 20, |s| s["running"] == 1).await;
    assert_eq!(status["running"], 1, "{status}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    client.abort();
    let status = wait_for_jobs(addr, 20, |s| s["cancelled"] == 1 && s["active"] == 0).await;
    assert_eq!(status["cancelled"], 1, "the fit stopped early: {status}");
}
