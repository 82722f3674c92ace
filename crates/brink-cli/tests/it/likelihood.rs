//! `brink likelihood`: records from files and from trajectories, and bad records.

use serde_json::Value;

use crate::util::{TempDir, brink, stderr, stdout};

fn json(args: &[&str]) -> Value {
    let output = brink(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

/// A run taken from a trajectories file has the likelihood of the same turns written as a
/// record file; every format of the trajectories gives the same figure; `--run all` takes
/// every run, and the total is the sum of the records' log-likelihoods.
#[test]
fn trajectories_and_record_files_give_the_same_likelihood() {
    let dir = TempDir::new("likelihood");
    let mut figures = Vec::new();
    for ext in ["csv", "jsonl", "parquet"] {
        let path = dir.0.join(format!("turns.{ext}")).display().to_string();
        let run = brink(&["run", "cuban-1962", "-n", "6", "--seed", "5", "--trajectories", &path]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let report = json(&["likelihood", "cuban-1962", "--record", &path, "--run", "all", "--format", "json"]);
        assert_eq!(report["kind"], "likelihood");
        let records = report["records"].as_array().unwrap();
        assert_eq!(records.len(), 6);
        let sum: f64 = records.iter().map(|r| r["log_likelihood"].as_f64().unwrap()).sum();
        assert!((sum - report["log_likelihood"].as_f64().unwrap()).abs() < 1e-9);
        figures.push(records.iter().map(|r| r["likelihood"].as_f64().unwrap()).collect::<Vec<_>>());
    }
    assert_eq!(figures[0], figures[1]);
    assert_eq!(figures[0], figures[2]);

    // Run 2 of the CSV, written out as a record file by hand from the same rows.
    let csv = std::fs::read_to_string(dir.0.join("turns.csv")).unwrap();
    let mut text = String::from("[record]\nscenario = \"cuban-1962\"\n");
    let mut turn = 0;
    let mut rungs = Vec::new();
    for line in csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        if cells[0] != "2" {
            continue;
        }
        let t: u32 = cells[1].parse().unwrap();
        if t != turn && !rungs.is_empty() {
            text += &format!("[[turn]]\nturn = {turn}\nrungs = {{ {} }}\n", rungs.join(", "));
            rungs.clear();
        }
        turn = t;
        rungs.push(format!("{} = \"{}\"", cells[2], cells[3]));
    }
    text += &format!("[[turn]]\nturn = {turn}\nrungs = {{ {} }}\n", rungs.join(", "));
    let record = dir.write("run2.toml", &text);
    let from_file = json(&["likelihood", "cuban-1962", "--record", &record, "--format", "json"]);
    assert_eq!(from_file["records"][0]["likelihood"].as_f64().unwrap(), figures[0][2]);
    let csv_path = dir.0.join("turns.csv").display().to_string();
    let one = json(&["likelihood", "cuban-1962", "--record", &csv_path, "--run", "2", "--format", "json"]);
    assert_eq!(one["records"][0]["likelihood"].as_f64().unwrap(), figures[0][2]);
}

/// The bundled record of the Cuban missile crisis: possible under cuban-1962, with the
/// per-turn contributions summing to the log-likelihood; impossible once a rung is changed
/// to one the scenario cannot reach (a result, not an error).
#[test]
fn the_bundled_record_is_possible_and_an_altered_one_is_not() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../records/cuban-1962.toml");
    let report = json(&["likelihood", "cuban-1962", "--record", root, "--format", "json"]);
    let record = &report["records"][0];
    assert!(record["likelihood"].as_f64().unwrap() > 0.0);
    let per_turn: f64 =
        record["per_turn"].as_array().unwrap().iter().map(|t| t["log_likelihood"].as_f64().unwrap()).sum();
    assert!((per_turn - record["log_likelihood"].as_f64().unwrap()).abs() < 1e-9);
    assert_eq!(record["end"]["outcome"], "concession");

    let dir = TempDir::new("likelihood-altered");
    // The US at invasion on 17 October: it may not leave its secret moves before 22 October.
    let text = std::fs::read_to_string(root).unwrap().replacen(
        "turn = 2\nrungs = { usa = \"secret-moves\"",
        "turn = 2\nrungs = { usa = \"invasion\"",
        1,
    );
    let altered = dir.write("altered.toml", &text);
    let report = json(&["likelihood", "cuban-1962", "--record", &altered, "--format", "json"]);
    assert_eq!(report["records"][0]["likelihood"], 0.0);
    assert_eq!(report["records"][0]["impossible_at_turn"], 2);
    assert_eq!(report["records"][0]["log_likelihood"], Value::Null);
    assert_eq!(report["log_likelihood"], Value::Null);
    let text = stdout(&brink(&["likelihood", "cuban-1962", "--record", &altered]));
    assert!(text.contains("cannot produce turn 2"), "{text}");
    assert!(text.lines().last().unwrap().starts_with("Note: "), "{text}");
}

/// Bad records: exit 2 with the file, line and field, and what was expected.
#[test]
fn bad_records_exit_2_with_file_line_and_field() {
    let dir = TempDir::new("likelihood-bad");
    let head = "[record]\nscenario = \"teaching-symmetric\"\n";
    let cases = [
        (
            format!("{head}[[turn]]\nturn = 1\nrungs = {{ green = \"calm\", blue = \"calm\", red = \"calm\" }}\n"),
            ":5:11: error: turn.0.rungs.green: unknown actor `green`",
        ),
        (
            format!("{head}[[turn]]\nturn = 1\nrungs = {{ blue = \"nowhere\", red = \"calm\" }}\n"),
            ":5:18: error: turn.0.rungs.blue: unknown rung `nowhere`",
        ),
        (
            format!(
                "{head}[[turn]]\nturn = 2\nrungs = {{ blue = \"calm\", red = \"calm\" }}\n[[turn]]\nturn = 1\nrungs = {{ blue = \"calm\", red = \"calm\" }}\n"
            ),
            ":7:8: error: turn.1.turn: turn 1 comes after turn 2",
        ),
        (
            format!("{head}[[turn]]\nturn = 1\nrungs = {{ blue = \"calm\" }}\n"),
            "error: turn.0.rungs: missing actor `red`",
        ),
        (head.to_owned(), "missing `turn`"),
        (format!("{head}[[turn]]\nturn = 1\nrungs = {{ blue = "), "invalid TOML"),
        (
            format!(
                "{head}[[turn]]\nturn = 1\nrungs = {{ blue = \"calm\", red = \"calm\" }}\n[end]\noutcome = \"victory\"\nturn = 3\n"
            ),
            "end.outcome: unknown outcome `victory`",
        ),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let file = dir.write(&format!("bad{i}.toml"), text);
        let output = brink(&["likelihood", "teaching-symmetric", "--record", &file]);
        assert_eq!(output.status.code(), Some(2), "case {i}: {}", stderr(&output));
        let err = stderr(&output);
        assert!(err.contains(&file), "case {i}: {err}");
        assert!(err.contains(expected), "case {i}: expected `{expected}` in {err}");
        assert!(stdout(&output).is_empty());
    }
    // A trajectories file without --run, and a file of another kind.
    let csv = dir.write("t.csv", "run,turn,actor,rung,rung_index\n0,1,blue,calm,0\n");
    let err = stderr(&brink(&["likelihood", "teaching-symmetric", "--record", &csv]));
    assert!(err.contains("--run K, or --run all"), "{err}");
    let other = dir.write("x.txt", "hello");
    let output = brink(&["likelihood", "teaching-symmetric", "--record", &other, "--run", "0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("expected a record file (.toml)"), "{}", stderr(&output));
}

/// `brink fit`: a grid posterior as JSON (kind `fit`, normalised), and exit 2 for what it
/// does not do.
#[test]
fn fit_gives_a_normalised_grid_posterior_and_refuses_what_it_cannot_do() {
    let record = concat!(env!("CARGO_MANIFEST_DIR"), "/../../records/cuban-1962.toml");
    let report = json(&[
        "fit",
        "cuban-1962",
        "--record",
        record,
        "--param",
        "actors.ussr.audience_cost=0:0.5",
        "--points",
        "5",
        "--runs-per-point",
        "100",
        "--format",
        "json",
    ]);
    assert_eq!(report["kind"], "fit");
    let total: f64 = report["grid"].as_array().unwrap().iter().map(|p| p["posterior"].as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-9);
    assert_eq!(report["posterior_predictive"].as_array().unwrap().len(), 4);
    for (args, message) in [
        (vec!["--param", "actors.usa.audience_cost=0:1", "--param", "actors.usa.stake=1:3"], "one or two --param"),
        (vec!["--method", "mcmc", "--chains", "1"], "at least 2 chains"),
        (vec!["--method", "mcmc", "--param", "actors.ussr.lookahead=1:3"], "integer parameter"),
        (vec!["--prior", "actors.usa.stake=normal:1:0"], "SD > 0"),
    ] {
        let mut all = vec!["fit", "cuban-1962", "--record", record, "--param", "actors.ussr.audience_cost=0:0.5"];
        all.extend(args);
        let output = brink(&all);
        assert_eq!(output.status.code(), Some(2), "{all:?}: {}", stderr(&output));
        assert!(stderr(&output).contains(message), "{all:?}: {}", stderr(&output));
    }
}

/// `brink fit --method mcmc --out`: the draws in the report and in the file are the same,
/// every draw lies in its range, and the summary is the draws' own mean.
#[test]
fn mcmc_fit_writes_its_draws() {
    let dir = TempDir::new("mcmc-out");
    let record = dir.write(
        "two-turns.toml",
        "[record]\nname = \"two turns\"\nscenario = \"teaching-symmetric\"\nsources = [\"simulated\"]\n\n\
         [[turn]]\nturn = 1\nrungs = { blue = \"sanctions\", red = \"sanctions\" }\nsource = \"run 0\"\n\n\
         [[turn]]\nturn = 2\nrungs = { blue = \"mobilisation\", red = \"sanctions\" }\nsource = \"run 0\"\n",
    );
    let out = std::path::PathBuf::from(dir.write("posterior.csv", ""));
    let report = json(&[
        "fit",
        "teaching-symmetric",
        "--record",
        &record,
        "--param",
        "actors.blue.rationality=1.0:30.0",
        "--param",
        "actors.*.beliefs.*.bias=0.0:0.6",
        "--method",
        "mcmc",
        "--chains",
        "2",
        "--samples",
        "60",
        "--runs-per-point",
        "0",
        "--seed",
        "3",
        "--out",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(report["method"], "mcmc");
    let draws = report["draws"].as_array().unwrap();
    assert_eq!(draws.len(), 60);
    assert_eq!(report["diagnostics"]["chains"], 2);
    assert_eq!(report["diagnostics"]["draws_per_chain"], 30);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), "chain,draw,actors.blue.rationality,actors.*.beliefs.*.bias,log_posterior");
    let rows: Vec<Vec<f64>> = lines.map(|l| l.split(',').map(|x| x.parse().unwrap()).collect()).collect();
    assert_eq!(rows.len(), 60);
    for (row, draw) in rows.iter().zip(draws) {
        assert_eq!(row[0], draw["chain"].as_f64().unwrap());
        assert_eq!(row[2], draw["values"][0].as_f64().unwrap());
        assert!((1.0..=30.0).contains(&row[2]) && (0.0..=0.6).contains(&row[3]), "{row:?}");
    }
    let mean = rows.iter().map(|r| r[2]).sum::<f64>() / 60.0;
    assert!((mean - report["params"][0]["mean"].as_f64().unwrap()).abs() < 1e-9);
    assert!(std::path::Path::new(&format!("{}.manifest.json", out.display())).exists());
}

/// `brink fit --outcomes`: the bundled ICB counts load; a bad counts file is exit 2 naming the
/// file, the line and the field.
#[test]
fn outcome_counts_files_load_or_fail_with_their_field() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../records/");
    let report = json(&[
        "fit",
        "teaching-symmetric",
        "--outcomes",
        &format!("{root}icb-one-nuclear.toml"),
        "--param",
        "actors.*.rationality=5.0:20.0",
        "--points",
        "2",
        "--outcome-runs",
        "200",
        "--runs-per-point",
        "0",
        "--format",
        "json",
    ]);
    assert_eq!(report["outcomes"][0], "icb-one-nuclear");
    assert_eq!(report["grid"].as_array().unwrap().len(), 2);
    let dir = TempDir::new("outcomes-bad");
    let bad = dir.write("bad.toml", "[outcomes]\nname = \"x\"\n\n[outcomes.counts]\nsettlement = 3\nwar = 2\n");
    let output = brink(&["fit", "teaching-symmetric", "--outcomes", &bad, "--param", "actors.*.rationality=5.0:20.0"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("bad.toml") && message.contains(":6") && message.contains("outcomes.counts.war"),
        "{message}"
    );
    assert!(message.contains("unknown outcome `war`"), "{message}");
    let output = brink(&["fit", "teaching-symmetric", "--param", "actors.*.rationality=5.0:20.0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--record or --outcomes"), "{}", stderr(&output));
}

/// `--tolerance` drops more branches and the likelihood becomes a lower bound within the
/// reported `error_bound` of the exact sum (`--exact`); a bound above `--max-error` is not
/// accepted (the record is summed again dropping less, at last nothing); bad values exit 2
/// naming the flag.
#[test]
fn a_looser_tolerance_stays_within_its_error_bound() {
    let record = concat!(env!("CARGO_MANIFEST_DIR"), "/../../records/cuban-1962.toml");
    let ll = |extra: &[&str]| {
        let report = json(&[&["likelihood", "cuban-1962", "--record", record, "--format", "json"], extra].concat());
        // The report says how it was summed.
        let tolerance = report["precision"]["tolerance"].as_f64().unwrap();
        assert_eq!(
            tolerance,
            if extra.contains(&"--exact") {
                0.0
            } else if extra.is_empty() {
                1e-10
            } else {
                1e-6
            }
        );
        let r = &report["records"][0];
        (r["log_likelihood"].as_f64().unwrap(), r["error_bound"].as_f64().unwrap())
    };
    let (exact, exact_bound) = ll(&["--exact"]);
    assert_eq!(exact_bound, 0.0);
    let (coarse, bound) = ll(&["--tolerance", "1e-6", "--max-error", "1"]);
    assert!(bound > 1e-6, "more was dropped at 1e-6 than the default accepts: {bound}");
    assert!(coarse <= exact + 1e-12 && exact - coarse <= bound + 1e-12, "exact {exact}, coarse {coarse} ± {bound}");
    // The same tolerance with the default --max-error: the bound is too wide, so it is summed again.
    let (again, again_bound) = ll(&["--tolerance", "1e-6"]);
    assert!(again_bound <= 1e-6 && (again - exact).abs() <= 1e-6, "{again} ± {again_bound} against {exact}");

    for (flags, named) in [
        (&["--tolerance", "1.5"][..], "--tolerance"),
        (&["--max-error=-1"][..], "--max-error"),
        (&["--max-error", "inf"][..], "--max-error"),
        (&["--exact", "--tolerance", "1e-8"][..], "--exact"),
    ] {
        let out = brink(&[&["likelihood", "cuban-1962", "--record", record], flags].concat());
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        assert!(stderr(&out).contains(named), "{flags:?}: {}", stderr(&out));
    }
}
