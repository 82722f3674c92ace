//! Per-run records, sweeps, comparisons, sensitivity and reports (issue: results people can use).

use serde_json::Value;

use crate::util::{TempDir, brink, stderr, stdout};

fn ok(args: &[&str]) -> String {
    let output = brink(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

const RUN_COLUMNS: [&str; 25] = [
    "run",
    "outcome",
    "peak_rung",
    "peak_rung_index",
    "turns",
    "first_nuclear_turn",
    "nuclear_cause",
    "nuclear_actor",
    "nuclear_rung",
    "conceded",
    "first_red_line_owner",
    "first_red_line_crosser",
    "first_red_line_turn",
    "red_lines_crossed",
    "responses",
    "miscalculations",
    "accidents",
    "audience_costs",
    "belief_error_start",
    "belief_error_end",
    "false_alarms",
    "misreads",
    "signals_sent",
    "signals_honoured",
    "signals_contradicted",
];

/// The same runs written as CSV, JSON lines and Parquet read back with the same rows, schema
/// and values, agreeing with the JSON summary; each file has its manifest.
#[test]
fn per_run_records_round_trip_in_every_format() {
    let dir = TempDir::new("records");
    let csv_path = dir.0.join("runs.csv");
    let jsonl_path = dir.0.join("runs.jsonl");
    let parquet_path = dir.0.join("runs.parquet");
    let mut summaries = Vec::new();
    for path in [&csv_path, &jsonl_path, &parquet_path] {
        let text = ok(&[
            "run",
            "teaching-symmetric",
            "-n",
            "3000",
            "--seed",
            "4",
            "--format",
            "json",
            "--out",
            path.to_str().unwrap(),
        ]);
        summaries.push(serde_json::from_str::<Value>(&text).unwrap());
        let manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{}.manifest.json", path.display())).unwrap())
                .unwrap();
        assert_eq!(manifest["scenario_hash"], summaries[0]["scenario_hash"]);
        assert_eq!((manifest["seed"].as_u64(), manifest["runs"].as_u64()), (Some(4), Some(3000)));
    }
    let nuclear = summaries[0]["outcomes"]["nuclear_use"]["count"].as_u64().unwrap();

    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), RUN_COLUMNS);
    let csv_rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(csv_rows.len(), 3000);
    assert_eq!(csv_rows.iter().filter(|r| &r[1] == "nuclear_use").count() as u64, nuclear);
    assert!(csv_rows.iter().enumerate().all(|(i, r)| r[0] == i.to_string()), "rows in run order");

    let jsonl: Vec<Value> =
        std::fs::read_to_string(&jsonl_path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(jsonl.len(), 3000);
    for (row, record) in jsonl.iter().zip(&csv_rows) {
        assert_eq!(row["outcome"].as_str().unwrap(), &record[1]);
        assert_eq!(row["turns"].as_u64().unwrap().to_string(), record[4]);
        assert_eq!(row["nuclear_cause"].as_str().unwrap_or(""), &record[6]);
    }

    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let builder = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&parquet_path).unwrap()).unwrap();
    let names: Vec<String> = builder.schema().fields().iter().map(|f| f.name().clone()).collect();
    assert_eq!(names, RUN_COLUMNS);
    let metadata = builder.metadata().file_metadata().key_value_metadata().unwrap().clone();
    let manifest = metadata.iter().find(|kv| kv.key == "brink.manifest").and_then(|kv| kv.value.clone()).unwrap();
    assert!(manifest.contains(summaries[0]["scenario_hash"].as_str().unwrap()));
    let mut rows = 0;
    let mut parquet_nuclear = 0;
    for batch in builder.build().unwrap() {
        let batch = batch.unwrap();
        let outcome = batch.column(1).as_any().downcast_ref::<arrow_array::StringArray>().unwrap();
        parquet_nuclear += (0..batch.num_rows()).filter(|&i| outcome.value(i) == "nuclear_use").count() as u64;
        rows += batch.num_rows();
    }
    assert_eq!((rows, parquet_nuclear), (3000, nuclear));
}

/// Trajectories: one row per run, turn and actor; the last turn's rows match the run's length.
#[test]
fn trajectories_cover_every_turn_of_every_run() {
    let dir = TempDir::new("trajectories");
    let path = dir.0.join("t.csv");
    let runs_path = dir.0.join("r.csv");
    ok(&[
        "run",
        "teaching-symmetric",
        "-n",
        "200",
        "--trajectories",
        path.to_str().unwrap(),
        "--out",
        runs_path.to_str().unwrap(),
    ]);
    let turns: u64 =
        csv::Reader::from_path(&runs_path).unwrap().records().map(|r| r.unwrap()[4].parse::<u64>().unwrap()).sum();
    let rows = csv::Reader::from_path(&path).unwrap().records().count() as u64;
    assert_eq!(rows, 2 * turns, "two actors × turns played");
}

/// Bad output paths fail before any run and leave nothing behind.
#[test]
fn bad_outputs_exit_2_and_write_nothing() {
    let dir = TempDir::new("bad-out");
    for out in [dir.0.join("runs.xlsx"), dir.0.join("missing-dir").join("runs.csv")] {
        let output = brink(&["run", "-n", "100", "--out", out.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    }
    assert_eq!(std::fs::read_dir(&dir.0).unwrap().count(), 0);
}

/// A sweep over a grid: one row per point, P(nuclear use) rises with the response
/// probability; a rerun skips the finished points (a tampered finished row survives) and
/// completes a point lost to an interruption.
#[test]
fn sweeps_write_one_row_per_point_and_resume() {
    let dir = TempDir::new("sweep");
    let out = dir.0.join("sweep.csv");
    let args = [
        "sweep",
        "teaching-symmetric",
        "--grid",
        "actors.blue.response_prob=0.1:0.9:3",
        "-n",
        "3000",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ];
    let first: Value = serde_json::from_str(&ok(&args)).unwrap();
    let points = first["points"].as_array().unwrap();
    assert_eq!(points.len(), 3);
    let p: Vec<f64> = points.iter().map(|r| r["nuclear_use"]["p"].as_f64().unwrap()).collect();
    assert!(p[0] < p[2], "more answers, more nuclear use: {p:?}");
    assert_eq!(csv::Reader::from_path(&out).unwrap().records().count(), 3);

    // Simulate an interruption after two points, with the first row marked.
    let journal = dir.0.join("sweep.csv.sweep.jsonl");
    let text = std::fs::read_to_string(&journal).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines.pop();
    // The first row's mean turns set to a value no run gives: a row read back keeps it.
    let mut marked: Value = serde_json::from_str(&lines[1]).unwrap();
    marked["mean_turns"] = Value::from(12345.5);
    lines[1] = marked.to_string();
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();
    let resumed: Value = serde_json::from_str(&ok(&args)).unwrap();
    let rows = resumed["points"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["mean_turns"], 12345.5, "finished points are skipped, not rerun");
    assert_eq!(rows[1], first["points"][1], "a row read back from the journal keeps its bits");
    assert_eq!(rows[2]["nuclear_use"], first["points"][2]["nuclear_use"], "the lost point is recomputed identically");

    // A different design must not reuse the journal.
    let other = brink(&[
        "sweep",
        "teaching-symmetric",
        "--grid",
        "actors.blue.response_prob=0.1:0.9:4",
        "-n",
        "3000",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(other.status.code(), Some(2));
    assert!(stderr(&other).contains("different sweep"));
}

/// Policies compared on common random numbers: the baseline's difference with itself is 0,
/// and a policy with less willingness to answer lowers P(nuclear use) with a paired interval
/// that excludes 0.
#[test]
fn compare_reports_paired_differences() {
    let text = ok(&[
        "compare",
        "teaching-symmetric",
        "--policy",
        "base=",
        "--policy",
        "restrained=actors.blue.response_prob=0.2;actors.red.response_prob=0.2",
        "-n",
        "10000",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["kind"], "compare");
    let base = &v["policies"][0]["difference"]["nuclear_use"];
    assert_eq!(base["difference"].as_f64(), Some(0.0));
    assert_eq!(base["discordant_runs"].as_u64(), Some(0));
    let d = &v["policies"][1]["difference"]["nuclear_use"];
    assert!(d["ci95"][1].as_f64().unwrap() < 0.0, "{d}");
    for bad in [
        vec!["compare", "teaching-symmetric", "--policy", "x=nonsense"],
        vec!["compare", "teaching-symmetric", "--policy", "a=", "--policy", "a="],
    ] {
        assert_eq!(brink(&bad).status.code(), Some(2));
    }
}

/// Sobol indices: a parameter the outcome does not depend on has total index ≈ 0, and the
/// response probability matters more than it.
#[test]
fn sensitivity_finds_what_matters() {
    let text = ok(&[
        "sensitivity",
        "teaching-symmetric",
        "--param",
        "actors.blue.response_prob=0.1:0.9",
        "--param",
        "rules.miscalculation_threshold=0.1:0.9",
        "-n",
        "32",
        "--runs-per-point",
        "400",
        "--bootstrap",
        "100",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&text).unwrap();
    let indices = v["indices"].as_array().unwrap();
    let total = |i: usize| indices[i]["total"].as_f64().unwrap();
    assert!(total(1).abs() < 1e-12, "the miscalculation threshold only labels runs: {}", total(1));
    assert!(total(0) > 0.5, "{}", total(0));
    assert_eq!(v["design_points"], 32 * 4);
}

/// The report is one file with every chart and the manifest, and nothing to fetch.
#[test]
fn the_report_is_self_contained() {
    let dir = TempDir::new("report");
    let run = dir.write("run.json", &ok(&["run", "teaching-symmetric", "-n", "2000", "--format", "json"]));
    let compare = dir.write(
        "compare.json",
        &ok(&[
            "compare",
            "teaching-symmetric",
            "--policy",
            "a=",
            "--policy",
            "b=actors.red.response_prob=0.9",
            "-n",
            "2000",
            "--format",
            "json",
        ]),
    );
    let html_path = dir.0.join("report.html");
    ok(&["report", &run, &compare, "-o", html_path.to_str().unwrap()]);
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert_eq!(html.matches("<svg").count(), 4, "outcomes, occupancy, survival, comparison");
    let hash = serde_json::from_str::<Value>(&std::fs::read_to_string(&run).unwrap()).unwrap()["scenario_hash"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(html.contains(&hash) && html.contains("Manifest") && html.contains("Sources and assumptions"));
    let without_xmlns = html.replace("http://www.w3.org/2000/svg", "");
    for forbidden in ["http://", "https://", "<script", "<link", "@import", "url("] {
        assert!(!without_xmlns.contains(forbidden), "the report references {forbidden}");
    }
    let bad = brink(&["report", &run, "-o", dir.0.join("missing").join("r.html").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
}

/// An explain result renders as a section of paths: one row per path listed, plus the other
/// runs, with the counts the result holds.
#[test]
fn the_report_renders_the_paths_of_an_explain_result() {
    let dir = TempDir::new("report-explain");
    let text = ok(&["explain", "teaching-symmetric", "-n", "3000", "--top", "4", "--format", "json"]);
    let paths = serde_json::from_str::<Value>(&text).unwrap()["paths"].as_array().unwrap().len();
    let explain = dir.write("explain.json", &text);
    let html_path = dir.0.join("report.html");
    ok(&["report", &explain, "-o", html_path.to_str().unwrap()]);
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.contains("Why runs end in nuclear use: teaching-symmetric"), "{html}");
    // The manifest table, the header row, one row per path and the other runs.
    let section = &html[html.find("Why runs end").unwrap()..];
    assert!(paths > 0);
    assert_eq!(section.matches("<tr><td>").count() - section.matches("<tr><td></td>").count(), paths);
    assert!(section.contains("other runs ("));
}

/// The per-run records of `brink run --out` in each format make a report whose outcome
/// counts and intervals are those `brink run` prints for the same runs; a table of another
/// kind, or a records file under another name, is exit 2 naming what the report reads.
#[test]
fn the_report_reads_per_run_records_of_every_kind() {
    let dir = TempDir::new("report-kinds");
    let out = dir.0.join("r.html");
    let summary: Value =
        serde_json::from_str(&ok(&["run", "teaching-symmetric", "-n", "300", "--format", "json"])).unwrap();
    for file in ["runs.parquet", "runs.csv", "runs.jsonl"] {
        let path = dir.0.join(file);
        ok(&["run", "teaching-symmetric", "-n", "300", "--out", path.to_str().unwrap()]);
        ok(&["report", path.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        let html = std::fs::read_to_string(&out).unwrap();
        assert!(html.contains("Per-run records: teaching-symmetric") && html.contains("300 runs"), "{file}");
        assert_eq!(html.matches("<svg").count(), 3, "{file}: outcomes, peak rung, time to outcome");
        let hash = summary["scenario_hash"].as_str().unwrap();
        assert!(html.contains(hash), "{file}: the manifest is shown");
        for (name, o) in summary["outcomes"].as_object().unwrap() {
            let count = o["count"].as_u64().unwrap();
            if count == 0 {
                continue;
            }
            let ci = o["ci95"].as_array().unwrap();
            let row = format!(
                "<td class=\"l\">{name}</td><td>{count}</td><td>{:.5}</td><td>[{:.5}, {:.5}]</td>",
                o["p"].as_f64().unwrap(),
                ci[0].as_f64().unwrap(),
                ci[1].as_f64().unwrap()
            );
            assert!(html.contains(&row), "{file}: {row}");
        }
    }
    // A sweep table is not per-run records.
    let sweep = dir.0.join("sweep.csv");
    ok(&[
        "sweep",
        "teaching-symmetric",
        "--grid",
        "actors.red.response_prob=0.2:0.8:2",
        "-n",
        "50",
        "--out",
        sweep.to_str().unwrap(),
    ]);
    let bad = brink(&["report", sweep.to_str().unwrap(), "-o", dir.0.join("s.html").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    let message = stderr(&bad);
    assert!(
        message.contains("per-run records of `brink run --out`") && message.contains("no `outcome` column"),
        "{message}"
    );
    // Parquet under another name.
    std::fs::copy(dir.0.join("runs.parquet"), dir.0.join("runs.dat")).unwrap();
    let bad =
        brink(&["report", dir.0.join("runs.dat").to_str().unwrap(), "-o", dir.0.join("d.html").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    let message = stderr(&bad);
    assert!(message.contains("JSON results of `brink run`") && message.contains("Parquet"), "{message}");
    assert!(!message.contains("UTF-8"), "{message}");
    let effects = dir.write("effects.json", &ok(&["effects", "--yield-kt", "10", "--format", "json"]));
    let bad = brink(&["report", &effects, "-o", dir.0.join("e.html").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("`effects` result"), "{}", stderr(&bad));
    assert!(!dir.0.join("e.html").exists(), "nothing is written on bad input");
}

/// Every text summary that prints a probability or a death toll ends with the `Note: ` line
/// saying the figures follow from stated assumptions and are not a forecast.
#[test]
fn text_summaries_end_with_the_note() {
    let cases: [&[&str]; 6] = [
        &["run", "teaching-symmetric", "-n", "200"],
        &["compare", "teaching-symmetric", "--policy", "a=", "--policy", "b=actors.red.response_prob=0.9", "-n", "200"],
        &["sweep", "teaching-symmetric", "--grid", "actors.red.response_prob=0.2:0.8:2", "-n", "100"],
        &[
            "sensitivity",
            "teaching-symmetric",
            "--param",
            "actors.red.response_prob=0.2:0.8",
            "-n",
            "4",
            "--runs-per-point",
            "50",
            "--bootstrap",
            "20",
        ],
        &["explain", "teaching-symmetric", "-n", "500", "--top", "2"],
        &["strike", "hiroshima-1945"],
    ];
    for args in cases {
        let text = ok(args);
        let last = text.trim_end().lines().last().unwrap();
        assert!(last.starts_with("Note: ") && last.contains("not a forecast"), "{args:?}: {text}");
    }
}

/// `kill -9` during `brink run --out x.parquet` leaves its hidden partial file behind (nothing
/// can remove it then); the next write to the same target removes it.
#[cfg(unix)]
#[test]
fn the_next_write_removes_the_partial_of_a_killed_run() {
    let dir = TempDir::new("killed");
    let out = dir.0.join("x.parquet");
    let partials = || -> Vec<String> {
        std::fs::read_dir(&dir.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".x.parquet.") && n.ends_with(".partial"))
            .collect()
    };
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brink"))
        .args(["run", "teaching-symmetric", "-n", "100000000", "--threads", "1", "--out", out.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while partials().is_empty() && started.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(partials().len(), 1, "the killed run leaves its partial");
    assert!(!out.exists());
    ok(&["run", "teaching-symmetric", "-n", "100", "--out", out.to_str().unwrap()]);
    assert!(partials().is_empty(), "{:?}", partials());
    assert!(out.exists());
}

/// A launch on a false alarm carries its own cause, `false_alarm`, in the JSON summary, the
/// per-run records, `brink explain` and the HTML report; without a warning the summary does
/// not list the cause at all (the outputs of other scenarios are unchanged).
#[test]
fn false_alarms_have_their_own_cause_in_every_output() {
    let warning = "actors.blue.warning={ false_alarm_rate = 0.2, from_rung = \"calm\", launch_on_warning = 0.5 }";
    let dir = TempDir::new("false-alarm");
    let csv_path = dir.0.join("runs.csv");
    let json_path = dir.0.join("run.json");
    let summary = ok(&[
        "run",
        "teaching-symmetric",
        "-n",
        "2000",
        "--seed",
        "3",
        "--set",
        warning,
        "--format",
        "json",
        "--out",
        csv_path.to_str().unwrap(),
    ]);
    std::fs::write(&json_path, &summary).unwrap();
    let summary: Value = serde_json::from_str(&summary).unwrap();
    let alarms = summary["nuclear_use_cause"]["false_alarm"]["count"].as_u64().unwrap();
    assert!(alarms > 100, "{alarms} launches on false alarms");
    assert!(summary["nuclear_use_by_actor"]["blue"]["count"].as_u64().unwrap() >= alarms);
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let in_records = csv.lines().filter(|line| line.split(',').any(|cell| cell == "false_alarm")).count() as u64;
    assert_eq!(in_records, alarms);

    let explained =
        ok(&["explain", "teaching-symmetric", "-n", "500", "--seed", "3", "--set", warning, "--format", "json"]);
    assert!(explained.contains("\"false_alarm\""), "{explained}");

    let report = dir.0.join("report.html");
    ok(&["report", "-q", "--out", report.to_str().unwrap(), json_path.to_str().unwrap(), csv_path.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&report).unwrap().contains("false_alarm"));

    let plain: Value =
        serde_json::from_str(&ok(&["run", "teaching-symmetric", "-n", "200", "--format", "json"])).unwrap();
    assert!(plain["nuclear_use_cause"].get("false_alarm").is_none());
    assert!(plain["nuclear_use_cause"].get("chance").is_some());
}
