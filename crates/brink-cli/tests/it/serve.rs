//! `brink serve`: flags, startup, and the same numbers as `brink run` through the API.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::util::{brink, stderr, stdout};

#[test]
fn bad_flags_are_bad_input() {
    let out = brink(&["serve", "--host", "example.org"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--host `example.org`: expected an IP address"), "{}", stderr(&out));
    let out = brink(&["serve", "--jobs", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let out = brink(&["serve", "--port", "99999"]);
    assert_eq!(out.status.code(), Some(2));
}

/// One HTTP/1.1 request over a plain socket; returns (status, body).
fn request(port: u16, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body.as_bytes())).expect("send");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read");
    let (head, body) = reply.split_once("\r\n\r\n").expect("a header block");
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status code");
    (status, body.to_owned())
}

fn without_timing(text: &str) -> Value {
    let mut value: Value = serde_json::from_str(text).expect("JSON");
    value.as_object_mut().expect("an object").remove("timing");
    value
}

#[test]
fn serves_the_numbers_of_brink_run() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brink"))
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("brink serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("the listening line");
    let port: u16 = line
        .trim()
        .strip_prefix("brink serve: listening on http://127.0.0.1:")
        .and_then(|rest| rest.split('/').next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line: {line}"));

    let (status, health) = request(port, "GET", "/api/health", "");
    let body =
        r#"{"scenario":"teaching-symmetric","runs":3000,"seed":5,"overrides":["actors.blue.response_prob=0.5"]}"#;
    let (run_status, served) = request(port, "POST", "/api/run", body);
    let compare_body = r#"{"scenario":"ukraine-2024","runs":2000,"seed":4,"policies":[{"name":"as-is"},{"name":"no-trainers","overrides":["events.2.prob=0"]}]}"#;
    let (compare_status, compared) = request(port, "POST", "/api/compare", compare_body);
    // Defaults: no seed given, so every interface takes the scenario's `run.seed`.
    let default_body = r#"{"scenario":"cuban-1962","runs":500,"policies":[{"name":"a"},{"name":"b","overrides":["rules.max_turns=10"]}]}"#;
    let (_, compared_default) = request(port, "POST", "/api/compare", default_body);
    let sensitivity_body = r#"{"scenario":"cuban-1962","params":["rules.max_turns=5:20"],"samples":2,"runs_per_point":100,"bootstrap":10}"#;
    let (sensitivity_status, sensitivity) = request(port, "POST", "/api/sensitivity", sensitivity_body);
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(status, 200, "{health}");
    assert_eq!(run_status, 200, "{served}");

    let cli = brink(&[
        "run",
        "teaching-symmetric",
        "-n",
        "3000",
        "--seed",
        "5",
        "--set",
        "actors.blue.response_prob=0.5",
        "--format",
        "json",
    ]);
    assert_eq!(cli.status.code(), Some(0), "{}", stderr(&cli));
    assert_eq!(without_timing(&served), without_timing(&stdout(&cli)));

    // The comparison is the document of `brink compare`, field for field.
    assert_eq!(compare_status, 200, "{compared}");
    let cli = brink(&[
        "compare",
        "ukraine-2024",
        "--policy",
        "as-is=",
        "--policy",
        "no-trainers=events.2.prob=0",
        "-n",
        "2000",
        "--seed",
        "4",
        "--format",
        "json",
    ]);
    assert_eq!(cli.status.code(), Some(0), "{}", stderr(&cli));
    assert_eq!(without_timing(&compared), without_timing(&stdout(&cli)));

    // The same requests without a seed: the same reports, and the seed is cuban-1962's.
    let cli = brink(&[
        "compare",
        "cuban-1962",
        "--policy",
        "a=",
        "--policy",
        "b=rules.max_turns=10",
        "-n",
        "500",
        "--format",
        "json",
    ]);
    assert_eq!(cli.status.code(), Some(0), "{}", stderr(&cli));
    let expected = without_timing(&stdout(&cli));
    assert_eq!(expected["seed"], 19_621_027, "cuban-1962's run.seed");
    assert_eq!(without_timing(&compared_default), expected);
    assert_eq!(sensitivity_status, 200, "{sensitivity}");
    let cli = brink(&[
        "sensitivity",
        "cuban-1962",
        "--param",
        "rules.max_turns=5:20",
        "-n",
        "2",
        "--runs-per-point",
        "100",
        "--bootstrap",
        "10",
        "--format",
        "json",
    ]);
    assert_eq!(cli.status.code(), Some(0), "{}", stderr(&cli));
    let expected = without_timing(&stdout(&cli));
    assert_eq!(expected["seed"], 19_621_027);
    assert_eq!(without_timing(&sensitivity), expected);
}
