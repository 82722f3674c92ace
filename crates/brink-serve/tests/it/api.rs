//! Routes, OpenAPI, numbers equal to the library's, and malformed input.

use brink_engine::{RunConfig, run_many};
use brink_scenario::Override;
use serde_json::{Value, json};

use crate::{get, post, send, start, without_timing};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_is_in_the_openapi_document_and_served() {
    let server = start(Default::default()).await;
    let doc = get(server.addr, "/api/openapi.json").await;
    assert_eq!(doc.status, 200);
    assert_eq!(doc.content_type, "application/json");
    let doc = doc.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    for (method, path) in brink_serve::ROUTES {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} is not in the OpenAPI document"
        );
    }
    // …and the document describes nothing the router does not serve.
    for (path, operations) in paths {
        for method in operations.as_object().expect("operations").keys() {
            assert!(
                brink_serve::ROUTES.contains(&(method.as_str(), path.as_str())),
                "{method} {path} is documented but not routed"
            );
        }
    }
    // Every route is routed: a request reaches its handler (never the router's "no API route").
    for (method, path) in brink_serve::ROUTES {
        let concrete = path.replace("{name}", "hiroshima-1945").replace("{id}", "j999999");
        let concrete = if path.starts_with("/api/scenarios/") {
            concrete.replace("hiroshima-1945", "ukraine-2024")
        } else {
            concrete
        };
        let reply = send(server.addr, &method.to_uppercase(), &concrete, &[], b"{}").await;
        assert!(!reply.body.contains("no API route"), "{method} {concrete}: {}", reply.body);
        assert_ne!(reply.status, 405, "{method} {concrete}");
    }
    // Every $ref points at a schema or response that exists.
    let text = doc.to_string();
    for piece in text.split("\"$ref\":\"#/components/").skip(1) {
        let reference = &piece[..piece.find('"').expect("closing quote")];
        let (kind, name) = reference.split_once('/').expect("kind/name");
        assert!(doc["components"][kind][name].is_object(), "dangling $ref {reference}");
    }
}

/// A value as a client sees it: written as JSON text and read back, so both sides of a
/// comparison took the same path (the workspace reads floats with `float_roundtrip`).
fn through_text(value: &Value) -> Value {
    serde_json::from_str(&value.to_string()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_gives_the_numbers_of_the_library() {
    let server = start(Default::default()).await;
    let overrides = ["actors.blue.response_prob=0.5"];
    let reply = post(
        server.addr,
        "/api/run",
        &json!({ "scenario": "teaching-symmetric", "runs": 4000, "seed": 11, "overrides": overrides }),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let served = reply.json();
    assert!(served["timing"]["seconds"].is_number());

    let overrides: Vec<Override> = overrides.iter().map(|o| o.parse().unwrap()).collect();
    let loaded = brink_scenario::load_bundled("teaching-symmetric", &overrides).unwrap();
    let summary = run_many(&loaded.scenario, &RunConfig { runs: 4000, seed: 11, threads: Some(1) }, &mut ()).unwrap();
    let direct = through_text(&brink_app::run::summary_json(&loaded, &summary, &overrides, 11, None));
    let served = without_timing(served);
    if served != direct {
        let a = served.as_object().unwrap();
        let b = direct.as_object().unwrap();
        let keys: Vec<_> = a.keys().chain(b.keys()).filter(|k| a.get(*k) != b.get(*k)).collect();
        panic!("the served summary differs from the library's in {keys:?}");
    }
}

/// The paths and a story served are those of the library (`brink explain`), and the
/// explain invariant holds: listed paths plus other runs are the outcome's runs of `/api/run`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explain_and_story_give_the_library_reports() {
    let server = start(Default::default()).await;
    let request = json!({ "scenario": "cuban-1962", "runs": 3000, "seed": 5, "outcome": "nuclear_use", "top": 4 });
    let reply = post(server.addr, "/api/explain", &request).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let served = without_timing(reply.json());
    let loaded = brink_scenario::load_bundled("cuban-1962", &[]).unwrap();
    let config = RunConfig { runs: 3000, seed: 5, threads: Some(1) };
    let direct =
        brink_app::explain::explain_report(&loaded, &[], &config, Some(brink_engine::Outcome::NuclearUse), 4, &mut ())
            .unwrap();
    assert_eq!(served, through_text(&without_timing(direct.to_value())));
    let summary =
        post(server.addr, "/api/run", &json!({ "scenario": "cuban-1962", "runs": 3000, "seed": 5 })).await.json();
    let listed: u64 = served["paths"].as_array().unwrap().iter().map(|p| p["count"].as_u64().unwrap()).sum();
    assert_eq!(
        listed + served["other_runs"].as_u64().unwrap(),
        summary["outcomes"]["nuclear_use"]["count"].as_u64().unwrap()
    );

    // A path's first run, told, ends as the path does.
    let first = &served["paths"][0];
    let story = post(
        server.addr,
        "/api/story",
        &json!({ "scenario": "cuban-1962", "runs": 3000, "seed": 5, "run": first["first_run"] }),
    )
    .await;
    assert_eq!(story.status, 200, "{}", story.body);
    let story = story.json();
    assert_eq!(story["kind"], "story");
    assert_eq!(story["outcome"], first["ending"]["outcome"]);
    assert_eq!(story["run"], first["first_run"]);

    for (body, message) in [
        (json!({ "scenario": "cuban-1962", "outcome": "victory" }), "unknown outcome `victory`"),
        (json!({ "scenario": "cuban-1962", "top": 0 }), "top: 0 is out of range"),
    ] {
        let reply = post(server.addr, "/api/explain", &body).await;
        assert_eq!(reply.status, 400, "{}", reply.body);
        assert!(reply.body.contains(message), "{}", reply.body);
    }
    for (body, message) in [
        (json!({ "scenario": "cuban-1962" }), "give `run`"),
        (json!({ "scenario": "cuban-1962", "runs": 10, "run": 10 }), "run: 10 is out of range"),
        (json!({ "scenario": "cuban-1962", "find": "all" }), "not `all`"),
    ] {
        let reply = post(server.addr, "/api/story", &body).await;
        assert_eq!(reply.status, 400, "{}", reply.body);
        assert!(reply.body.contains(message), "{}", reply.body);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_scenario_runs_like_the_bundled_one_and_defaults_come_from_the_file() {
    let server = start(Default::default()).await;
    let text = brink_scenario::bundled::text("teaching-symmetric").unwrap();
    let pasted =
        post(server.addr, "/api/run", &json!({ "toml": text, "file": "mine.toml", "runs": 1000 })).await.json();
    let bundled =
        post(server.addr, "/api/run", &json!({ "scenario": "teaching-symmetric", "runs": 1000 })).await.json();
    assert_eq!(pasted["scenario_origin"], "mine.toml");
    assert_eq!(pasted["scenario_hash"], bundled["scenario_hash"]);
    assert_eq!(pasted["outcomes"], bundled["outcomes"]);
    let loaded = brink_scenario::load_bundled("teaching-symmetric", &[]).unwrap();
    assert_eq!(pasted["seed"], loaded.info.default_seed.unwrap_or(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comparison_runs_each_policy_on_common_random_numbers() {
    let server = start(Default::default()).await;
    let reply = post(
        server.addr,
        "/api/compare",
        &json!({
            "scenario": "ukraine-2024", "runs": 3000, "seed": 3,
            "policies": [{ "name": "as-is" }, { "name": "no-trainers", "overrides": ["events.2.prob=0"] }],
        }),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let result = reply.json();
    assert_eq!(result["kind"], "compare");
    assert_eq!(result["baseline"], "as-is");
    for (index, extra) in [vec![], vec!["events.2.prob=0"]].into_iter().enumerate() {
        let overrides: Vec<Override> = extra.iter().map(|o| o.parse().unwrap()).collect();
        let loaded = brink_scenario::load_bundled("ukraine-2024", &overrides).unwrap();
        let summary = run_many(&loaded.scenario, &RunConfig { runs: 3000, seed: 3, threads: None }, &mut ()).unwrap();
        let direct = through_text(&brink_app::run::summary_json(&loaded, &summary, &overrides, 3, None));
        assert_eq!(result["policies"][index]["outcomes"], direct["outcomes"], "policy {index}");
        assert_eq!(result["policies"][index]["scenario_hash"], direct["scenario_hash"]);
    }
    // The baseline differs from itself by nothing.
    assert_eq!(result["policies"][0]["difference"]["nuclear_use"]["difference"], 0.0);
    assert_eq!(result["policies"][0]["difference"]["nuclear_use"]["discordant_runs"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_run_records_add_up_to_the_summary() {
    let server = start(Default::default()).await;
    let request = json!({ "scenario": "ukraine-2024", "runs": 2500, "seed": 9 });
    let csv = post(server.addr, "/api/records", &request).await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(csv.headers["content-disposition"].to_str().unwrap().contains("ukraine-2024-runs-seed9.csv"));
    let manifest: Value = serde_json::from_str(csv.headers["x-brink-manifest"].to_str().unwrap()).unwrap();
    assert_eq!(manifest["runs"], 2500);
    let summary = post(server.addr, "/api/run", &request).await.json();
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 2501);
    assert!(lines[0].starts_with("run,outcome,peak_rung,"));
    for (outcome, stats) in summary["outcomes"].as_object().unwrap() {
        let rows = lines[1..].iter().filter(|l| l.split(',').nth(1) == Some(outcome.as_str())).count() as u64;
        assert_eq!(rows, stats["count"].as_u64().unwrap(), "{outcome}");
    }
    // Run numbers are 0..runs in order.
    assert!(lines[1..].iter().enumerate().all(|(i, l)| l.split(',').next() == Some(i.to_string().as_str())));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_lists_the_key_assumptions_as_controls() {
    let server = start(Default::default()).await;
    let checked = post(server.addr, "/api/check", &json!({ "scenario": "ukraine-2024" })).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    let checked = checked.json();
    let controls = checked["controls"].as_array().unwrap();
    let find = |path: &str| controls.iter().find(|c| c["path"] == path).unwrap_or_else(|| panic!("no control {path}"));
    assert_eq!(find("actors.russia.response_prob")["value"], 0.4);
    assert_eq!(find("actors.usa.beliefs.russia.bias")["value"], 0.3);
    assert_eq!(find("ladder.rungs.direct-clashes.accident_rate")["value"], 0.005);
    assert_eq!(find("events.2.prob")["value"], 1.0);
    assert!(find("events.2.prob")["help"].as_str().unwrap().contains("trainers"));
    // Red lines: one distribution per actor over the rungs and "never", summing to 1, whose
    // entries are valid overrides.
    let red_lines = checked["red_lines"].as_array().unwrap();
    assert_eq!(red_lines.len(), 4);
    let russia = red_lines.iter().find(|r| r["path"] == "actors.russia.red_line").unwrap();
    let entries = russia["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 10);
    assert_eq!(entries.iter().find(|e| e["key"] == "strike-permission").unwrap()["value"], 0.15);
    let total: f64 = entries.iter().map(|e| e["value"].as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-12);
    let moved: Vec<String> = entries
        .iter()
        .map(|e| {
            format!(
                "actors.russia.red_line.{}={}",
                e["key"].as_str().unwrap(),
                if e["key"] == "never" { 1.0 } else { 0.0 }
            )
        })
        .collect();
    let reply = post(server.addr, "/api/check", &json!({ "scenario": "ukraine-2024", "overrides": moved })).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = reply.json();
    let russia =
        after["red_lines"].as_array().unwrap().iter().find(|r| r["path"] == "actors.russia.red_line").unwrap().clone();
    assert_eq!(russia["entries"][9]["value"], 1.0);
    // Every control's path is a valid override at its own value and at its bounds.
    for control in controls {
        for key in ["value", "min", "max"] {
            let set = format!("{}={}", control["path"].as_str().unwrap(), control[key]);
            let reply =
                post(server.addr, "/api/check", &json!({ "scenario": "ukraine-2024", "overrides": [set] })).await;
            assert_eq!(reply.status, 200, "{set}: {}", reply.body);
        }
    }
}

/// Events need not be listed in turn order: each control still addresses its own event in the
/// file (`events.N` is the file's index) and carries that event's label.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn event_controls_address_the_files_events_in_any_order() {
    let server = start(Default::default()).await;
    let text = format!(
        "{}\n[[events]]\nturn = 9\nkind = \"force\"\nactor = \"red\"\nrung = \"clash\"\nlabel = \"late step\"\n\n\
         [[events]]\nturn = 3\nkind = \"force\"\nactor = \"blue\"\nrung = \"sanctions\"\nlabel = \"early step\"\n",
        brink_scenario::bundled::text("teaching-symmetric").unwrap()
    );
    let reply = post(server.addr, "/api/check", &json!({ "toml": text })).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let checked = reply.json();
    let controls = checked["controls"].as_array().unwrap();
    let find = |path: &str| controls.iter().find(|c| c["path"] == path).unwrap_or_else(|| panic!("no control {path}"));
    // teaching-symmetric has one event of its own (events.0); the two appended are 1 and 2.
    assert!(find("events.1.prob")["help"].as_str().unwrap().contains("late step"));
    assert_eq!(find("events.1.turn")["value"], 9.0);
    assert!(find("events.2.prob")["help"].as_str().unwrap().contains("early step"));
    assert_eq!(find("events.2.turn")["value"], 3.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scenario_errors_come_with_their_lines() {
    let server = start(Default::default()).await;
    let text = brink_scenario::bundled::text("teaching-symmetric").unwrap();
    let (index, line) = text.lines().enumerate().find(|(_, l)| l.starts_with("response_prob = ")).unwrap();
    let broken = text.replacen(line, "response_prob = \"often\"", 1);
    let reply = post(server.addr, "/api/check", &json!({ "toml": broken })).await;
    // 422 with the structured error: kind, message, file, line, column, field.
    assert_eq!(reply.status, 422);
    let body = reply.json();
    let error = &body["error"];
    assert_eq!(error["kind"], "scenario", "{body}");
    assert_eq!(error["file"], "scenario.toml");
    assert_eq!(error["line"], index + 1);
    assert_eq!(error["column"], "response_prob = ".len() + 1, "the column of the value: {body}");
    assert!(error["field"].as_str().unwrap().ends_with("response_prob"), "{body}");
    assert!(error["message"].as_str().unwrap().contains("scenario.toml:"), "{body}");
    assert_eq!(error["diagnostics"][0]["line"], index + 1);
    assert_eq!(error["diagnostics"][0]["source"], "scenario");
    assert!(error["diagnostics"][0]["path"].as_str().unwrap().ends_with("response_prob"));
    // The same through a run, and the error document matches its schema in the OpenAPI
    // document (the one generated from brink-types).
    let reply = post(server.addr, "/api/run", &json!({ "toml": broken, "runs": 10 })).await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.json()["error"]["line"], index + 1);
    // Two problems are both reported.
    let twice = broken.replacen("max_turns", "max_turns_typo", 1);
    let body = post(server.addr, "/api/run", &json!({ "toml": twice })).await.json();
    assert!(body["error"]["diagnostics"].as_array().unwrap().len() >= 2, "{body}");
    // A bad override is named, without a line.
    let body = post(
        server.addr,
        "/api/run",
        &json!({ "scenario": "ukraine-2024", "overrides": ["actors.russia.response_prob=7"] }),
    )
    .await
    .json();
    assert_eq!(body["error"]["diagnostics"][0]["source"], "override");
    assert_eq!(body["error"]["diagnostics"][0]["line"], Value::Null);
    assert_eq!(body["error"]["line"], Value::Null);
    assert_eq!(body["error"]["field"], "actors.russia.response_prob", "{body}");
}

/// Every malformed request is refused with a status and a message naming the problem (422
/// for a scenario or an override that does not validate, 400 for the rest of the request).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_input_is_a_400_with_a_message_never_a_panic() {
    let limits = brink_serve::Limits { max_body_bytes: 64 * 1024, ..Default::default() };
    let server = start(limits).await;
    let deep = "[".repeat(10_000);
    let big = format!("{{\"toml\": \"{}\"}}", "x".repeat(100 * 1024));
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("/api/run", b"not json".to_vec(), 400, "invalid request JSON"),
        ("/api/run", b"".to_vec(), 400, "empty"),
        ("/api/run", b"[]".to_vec(), 400, "invalid request JSON"),
        ("/api/run", b"null".to_vec(), 400, "invalid request JSON"),
        ("/api/run", vec![0xff, 0xfe, b'{'], 400, "invalid request JSON"),
        ("/api/run", deep.into_bytes(), 400, "invalid request JSON"),
        ("/api/run", big.into_bytes(), 413, "cannot read the request body"),
        ("/api/run", br#"{}"#.to_vec(), 400, "missing `scenario`"),
        ("/api/run", br#"{"scenario":"nope"}"#.to_vec(), 400, "no bundled scenario named `nope`"),
        ("/api/run", br#"{"scenario":"../../etc/passwd"}"#.to_vec(), 400, "no bundled scenario"),
        ("/api/run", br#"{"scenario":"ukraine-2024","toml":"x"}"#.to_vec(), 400, "not both"),
        ("/api/run", br#"{"scenario":"ukraine-2024","runs":0}"#.to_vec(), 400, "runs: 0 is out of range"),
        ("/api/run", br#"{"scenario":"ukraine-2024","runs":1000000000000}"#.to_vec(), 400, "out of range"),
        ("/api/run", br#"{"scenario":"ukraine-2024","runs":-5}"#.to_vec(), 400, "invalid request JSON"),
        ("/api/run", br#"{"scenario":"ukraine-2024","runs":"many"}"#.to_vec(), 400, "invalid type"),
        ("/api/run", br#"{"scenario":"ukraine-2024","seed":1e400}"#.to_vec(), 400, "invalid request JSON"),
        ("/api/run", br#"{"scenario":"ukraine-2024","bogus":1}"#.to_vec(), 400, "unknown field `bogus`"),
        ("/api/run", br#"{"scenario":"ukraine-2024","overrides":["nonsense"]}"#.to_vec(), 400, "overrides[0]"),
        ("/api/run", br#"{"scenario":"ukraine-2024","overrides":"a=b"}"#.to_vec(), 400, "invalid type"),
        ("/api/run", br#"{"scenario":"ukraine-2024","overrides":["rules.max_turns=[1,"]}"#.to_vec(), 422, "max_turns"),
        ("/api/run", br#"{"toml":"[scenario\nname = 3"}"#.to_vec(), 422, "scenario.toml:1"),
        ("/api/run", br#"{"toml":"[consequences]\nx = \"/etc/passwd\""}"#.to_vec(), 422, "problem"),
        ("/api/check", br#"{"scenario":"ukraine-2024","runs":5}"#.to_vec(), 400, "unknown field `runs`"),
        (
            "/api/run",
            br#"{"scenario":"ukraine-2024","runs":2000000,"overrides":["rules.max_turns=1000"]}"#.to_vec(),
            400,
            "exceeds this server's limit",
        ),
        (
            "/api/compare",
            br#"{"scenario":"ukraine-2024","runs":1000000,"policies":[{"name":"a"},{"name":"b","overrides":["rules.max_turns=100000"]}]}"#.to_vec(),
            400,
            "exceeds this server's limit",
        ),
        ("/api/records", br#"{"scenario":"ukraine-2024","runs":100000000}"#.to_vec(), 400, "out of range"),
        (
            "/api/compare",
            br#"{"scenario":"ukraine-2024","policies":[{"name":"a"}]}"#.to_vec(),
            400,
            "needs 2 to 4 policies",
        ),
        (
            "/api/compare",
            br#"{"scenario":"ukraine-2024","policies":[{"name":"a"},{"name":"a"}]}"#.to_vec(),
            400,
            "used twice",
        ),
        (
            "/api/compare",
            br#"{"scenario":"ukraine-2024","policies":[{"name":" "},{"name":"a"}]}"#.to_vec(),
            400,
            "needs a name",
        ),
        (
            "/api/compare",
            br#"{"scenario":"ukraine-2024","policies":[{"name":"a"},{"name":"b","overrides":["events.99.prob=0"]}]}"#
                .to_vec(),
            422,
            "policy `b`",
        ),
        ("/api/compare", br#"{"scenario":"ukraine-2024"}"#.to_vec(), 400, "missing field `policies`"),
        ("/api/effects", br#"{"lat":91,"lon":0,"yield_kt":10,"hob_m":0}"#.to_vec(), 400, "lat: 91"),
        ("/api/effects", br#"{"lat":0,"lon":200,"yield_kt":10,"hob_m":0}"#.to_vec(), 400, "lon: 200"),
        ("/api/effects", br#"{"lat":0,"lon":0,"yield_kt":0,"hob_m":0}"#.to_vec(), 400, "yield_kt: 0"),
        ("/api/effects", br#"{"lat":0,"lon":0,"yield_kt":1e9,"hob_m":0}"#.to_vec(), 400, "yield_kt"),
        ("/api/effects", br#"{"lat":0,"lon":0,"yield_kt":10,"hob_m":-1}"#.to_vec(), 400, "hob_m"),
        ("/api/effects", br#"{"lat":0,"lon":0,"yield_kt":10,"hob_m":0,"count":0}"#.to_vec(), 400, "count: 0"),
        ("/api/effects", br#"{"lat":0,"lon":0}"#.to_vec(), 400, "missing field `yield_kt`"),
    ];
    for (path, body, status, needle) in cases {
        let shown = String::from_utf8_lossy(&body[..body.len().min(80)]).into_owned();
        let reply = send(server.addr, "POST", path, &[("content-type", "application/json")], &body).await;
        assert_eq!(reply.status, status, "{path} {shown}: {}", reply.body);
        let json = reply.json();
        let message = json["error"]["message"].as_str().unwrap_or_default();
        let everything = json.to_string();
        assert!(!message.is_empty(), "{path} {shown}: no message");
        assert!(everything.contains(needle), "{path} {shown}: expected `{needle}` in {everything}");
    }
    // A pasted scenario may attach only bundled plans: the server opens no file a request names.
    let text = brink_scenario::bundled::text("ukraine-2024").unwrap();
    let with_plan = format!("{text}\n[consequences]\nlimited-nuclear-use = \"/etc/hostname\"\n");
    let reply = post(server.addr, "/api/run", &json!({ "toml": with_plan, "runs": 10 })).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert!(reply.json()["error"]["message"].as_str().unwrap().contains("only bundled strike plans"), "{}", reply.body);
    let with_bundled = format!("{text}\n[consequences]\nlimited-nuclear-use = \"hiroshima-1945\"\n");
    let reply = post(server.addr, "/api/run", &json!({ "toml": with_bundled, "runs": 200 })).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.json()["consequences"].is_object());

    // Unknown names and routes are 404 with a message; wrong methods 405.
    for path in ["/api/scenarios/nope", "/api/scenarios/..%2F..%2Fetc%2Fpasswd", "/api/plans/nope", "/api/nope"] {
        let reply = get(server.addr, path).await;
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.json()["error"]["message"].as_str().unwrap().is_empty());
    }
    let reply = send(server.addr, "DELETE", "/api/jobs/nope", &[], b"").await;
    assert_eq!(reply.status, 404);
    assert_eq!(get(server.addr, "/api/run").await.status, 405);
    // The server is still up.
    assert_eq!(get(server.addr, "/api/health").await.json()["status"], "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn effects_and_plans_give_rings_and_casualties() {
    let server = start(Default::default()).await;
    let reply =
        post(server.addr, "/api/effects", &json!({ "lat": 34.3955, "lon": 132.4536, "yield_kt": 15, "hob_m": 580 }))
            .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let point = reply.json();
    let plan = get(server.addr, "/api/plans/hiroshima-1945").await;
    assert_eq!(plan.status, 200, "{}", plan.body);
    let plan = plan.json();
    assert_eq!(plan["plan"], "hiroshima-1945");
    assert!(plan["title"].as_str().unwrap().contains("Hiroshima"));
    // The same burst at the same place: the bundled plan and the clicked point agree.
    let (a, b) = (&point["targets"][0], &plan["targets"][0]);
    assert_eq!(a["rings"], b["rings"]);
    assert_eq!(a["fatalities"], b["fatalities"]);
    assert!(a["fatalities"].as_f64().unwrap() > 10_000.0);
    assert!(a["rings"].as_array().unwrap().len() >= 4);
    // Cached: a second call is the same document.
    assert_eq!(get(server.addr, "/api/plans/hiroshima-1945").await.json(), plan);
    let list = get(server.addr, "/api/plans").await.json();
    assert!(list["plans"].as_array().unwrap().iter().any(|p| p["name"] == "plan-a-2019"));
    let scenarios = get(server.addr, "/api/scenarios").await.json();
    assert_eq!(scenarios["default"], "ukraine-2024");
    assert!(scenarios["scenarios"].as_array().unwrap().len() >= 4);
    let text = get(server.addr, "/api/scenarios/cuban-1962").await.json();
    assert_eq!(text["toml"], brink_scenario::bundled::text("cuban-1962").unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_or_a_clear_message_and_the_api_either_way() {
    let server = start(Default::default()).await;
    let page = get(server.addr, "/").await;
    // web/dist is committed: every build from the repository embeds the page, unless
    // BRINK_WEB_DIST points the build elsewhere.
    if option_env!("BRINK_WEB_DIST").is_none() {
        assert!(brink_serve::page_built(), "web/dist is committed, so the page is embedded");
    }
    if brink_serve::page_built() {
        assert_eq!(page.status, 200);
        assert!(page.content_type.starts_with("text/html"));
        assert!(page.body.contains("<title>brink"));
        assert!(page.headers["content-security-policy"].to_str().unwrap().contains("default-src 'self'"));
    } else {
        assert_eq!(page.status, 503);
        assert!(page.body.contains("scripts/build-web"), "{}", page.body);
    }
    assert_eq!(get(server.addr, "/no-such-file.js").await.status, 404);
    let health = get(server.addr, "/api/health").await.json();
    assert_eq!(health["page_built"], brink_serve::page_built());
}

/// Every key of every JSON response is described by the served OpenAPI document: its schema
/// (resolving `$ref`s and `anyOf`) has the key among its properties, or a schema for any key.
fn covered(doc: &Value, schema: &Value, value: &Value, at: &str, missing: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
        let option = options.iter().map(|o| resolve(doc, o)).find(|o| match value {
            Value::Null => o["type"] == "null",
            Value::Object(_) => o["type"] == "object" || o.get("properties").is_some(),
            Value::Array(_) => o["type"] == "array",
            _ => o["type"] != "null",
        });
        if let Some(option) = option {
            covered(doc, &option, value, at, missing);
        }
        return;
    }
    match value {
        Value::Object(object) => {
            for (key, item) in object {
                let here = format!("{at}.{key}");
                match schema["properties"].get(key) {
                    Some(property) => covered(doc, property, item, &here, missing),
                    None => match schema.get("additionalProperties") {
                        Some(Value::Object(_)) => covered(doc, &schema["additionalProperties"], item, &here, missing),
                        _ => missing.push(here),
                    },
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    covered(doc, item_schema, item, &format!("{at}[{i}]"), missing);
                }
            }
        }
        _ => {}
    }
}

fn resolve(doc: &Value, schema: &Value) -> Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap();
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => schema.clone(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_covers_every_key_of_every_response() {
    let server = start(Default::default()).await;
    let doc = get(server.addr, "/api/openapi.json").await.json();
    let schema_of = |path: &str, method: &str| {
        doc["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"].clone()
    };
    let text = brink_scenario::bundled::text("ukraine-2024").unwrap();
    let with_plan = format!("{text}\n[consequences]\nlimited-nuclear-use = \"hiroshima-1945\"\n");
    let requests: Vec<(&str, Value)> = vec![
        ("/api/run", json!({ "scenario": "cuban-1962", "runs": 500 })),
        ("/api/run", json!({ "toml": with_plan, "runs": 300 })),
        (
            "/api/compare",
            json!({ "scenario": "teaching-symmetric", "runs": 300,
                    "policies": [{ "name": "a" }, { "name": "b", "overrides": ["rules.max_turns=10"] }] }),
        ),
        (
            "/api/sensitivity",
            json!({ "scenario": "teaching-symmetric", "params": ["rules.max_turns=5:20"], "samples": 4,
                    "runs_per_point": 100, "bootstrap": 20 }),
        ),
        ("/api/effects", json!({ "lat": 50.0, "lon": 30.0, "yield_kt": 100.0, "hob_m": 0.0 })),
        ("/api/check", json!({ "scenario": "cuban-1962" })),
        ("/api/explain", json!({ "scenario": "cuban-1962", "runs": 2000, "outcome": "all", "top": 3 })),
        ("/api/story", json!({ "scenario": "cuban-1962", "runs": 2000, "find": "nuclear_use" })),
        (
            "/api/fit",
            json!({ "scenario": "teaching-symmetric", "outcomes": ["icb-two-nuclear"], "outcome_runs": 50,
                    "params": ["actors.blue.rationality=5:40"], "points": 3, "runs_per_point": 50 }),
        ),
    ];
    for (path, body) in requests {
        let reply = post(server.addr, path, &body).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        let mut missing = Vec::new();
        covered(&doc, &schema_of(path, "post"), &reply.json(), "", &mut missing);
        assert!(missing.is_empty(), "{path}: keys the OpenAPI document does not describe: {missing:?}");
    }
    let reply = get(server.addr, "/api/fit/records").await;
    let mut missing = Vec::new();
    covered(&doc, &schema_of("/api/fit/records", "get"), &reply.json(), "", &mut missing);
    assert!(missing.is_empty(), "fit records: {missing:?}");
    let reply = get(server.addr, "/api/plans/plan-a-2019").await;
    let mut missing = Vec::new();
    covered(&doc, &schema_of("/api/plans/{name}", "get"), &reply.json(), "", &mut missing);
    assert!(missing.is_empty(), "plans: {missing:?}");
    // The error document too.
    let reply =
        post(server.addr, "/api/run", &json!({ "scenario": "cuban-1962", "overrides": ["rules.max_turns=x"] })).await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    let error_schema =
        doc["paths"]["/api/run"]["post"]["responses"]["422"]["content"]["application/json"]["schema"].clone();
    let mut missing = Vec::new();
    covered(&doc, &error_schema, &reply.json(), "", &mut missing);
    assert!(missing.is_empty(), "errors: {missing:?}");
    // A sensitivity analysis defaults to the scenario's seed, as every operation does.
    let reply = post(
        server.addr,
        "/api/sensitivity",
        &json!({ "scenario": "cuban-1962", "params": ["rules.max_turns=5:20"], "samples": 2, "runs_per_point": 50, "bootstrap": 10 }),
    )
    .await;
    let loaded = brink_scenario::load_bundled("cuban-1962", &[]).unwrap();
    assert_eq!(reply.json()["seed"], loaded.info.default_seed.unwrap_or(1));
}
