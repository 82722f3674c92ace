//! `brink run`, `check` and `scenarios`: outputs, reproducibility and exit codes.

use serde_json::Value;

use crate::util::{TempDir, brink, stderr, stdout};

fn json_summary(args: &[&str]) -> Value {
    let output = brink(args);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("valid JSON")
}

fn without_timing(mut value: Value) -> String {
    value.as_object_mut().unwrap().remove("timing");
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn json_output_is_identical_for_any_thread_count() {
    let outputs: Vec<String> = ["1", "2", "4"]
        .iter()
        .map(|t| {
            without_timing(json_summary(&["run", "-n", "20000", "--seed", "11", "--threads", t, "--format", "json"]))
        })
        .collect();
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn json_output_has_the_documented_keys() {
    let v = json_summary(&["run", "teaching-symmetric", "-n", "3000", "--seed", "5", "--format", "json"]);
    assert_eq!(v["scenario"], "teaching-symmetric");
    assert_eq!(v["runs"], 3000);
    assert_eq!(v["seed"], 5);
    let outcomes = v["outcomes"].as_object().unwrap();
    let mut total = 0;
    for name in ["nuclear_use", "settlement", "concession", "turn_limit"] {
        let o = &outcomes[name];
        let (count, p) = (o["count"].as_u64().unwrap(), o["p"].as_f64().unwrap());
        let ci = o["ci95"].as_array().unwrap();
        assert!((p - count as f64 / 3000.0).abs() < 1e-15);
        assert!(ci[0].as_f64().unwrap() <= p && p <= ci[1].as_f64().unwrap());
        total += count;
    }
    assert_eq!(total, 3000, "outcomes partition the runs");
    let peak_total: u64 = v["peak_rung"].as_array().unwrap().iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(peak_total, 3000);
    let cause_total: u64 =
        v["nuclear_use_cause"].as_object().unwrap().values().map(|c| c["count"].as_u64().unwrap()).sum();
    assert_eq!(cause_total, outcomes["nuclear_use"]["count"].as_u64().unwrap(), "every nuclear use has one cause");
    assert_eq!(v["work"]["runs"], 3000);
    assert!(v["work"]["decisions"].as_u64().unwrap() >= v["work"]["turns"].as_u64().unwrap());
    assert!(v["timing"]["seconds"].as_f64().unwrap() > 0.0);
}

#[test]
fn overrides_change_the_result_and_are_recorded() {
    let base = json_summary(&["run", "teaching-symmetric", "-n", "4000", "--format", "json"]);
    let changed =
        json_summary(&["run", "teaching-symmetric", "-n", "4000", "--format", "json", "--set", "rules.max_turns=3"]);
    assert_eq!(changed["overrides"][0], "rules.max_turns=3");
    assert_ne!(base["scenario_hash"], changed["scenario_hash"]);
    let max_turns = changed["turns"].as_object().unwrap().values().filter_map(|t| t["p90"].as_u64()).max().unwrap();
    assert!(max_turns <= 3);
}

#[test]
fn text_output_is_a_readable_table() {
    let output = brink(&["run", "-n", "2000"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for needle in ["nuclear_use", "settlement", "95% CI (Wilson)", "peak rung reached", "decisions"] {
        assert!(text.contains(needle), "missing {needle} in\n{text}");
    }
    assert!(stderr(&output).is_empty(), "no progress bar in a pipe: {}", stderr(&output));
}

#[test]
fn bad_scenarios_exit_2_with_file_line_and_field() {
    let dir = TempDir::new("bad");
    let file = dir.write(
        "bad.toml",
        "[scenario]\nname = \"bad\"\n\n[ladder]\npreset = \"seed9\"\n\n[actors.a]\ncamp = \"x\"\nred_line = { never = 1.0 }\nresponse_prob = 1.5\n\n[actors.b]\ncamp = \"y\"\nred_line = { \"nowhere\" = 1.0 }\n",
    );
    for command in ["run", "check"] {
        let output = brink(&[command, &file]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        let err = stderr(&output);
        assert!(
            err.contains(&format!(
                "{file}:10:17: error: actors.a.response_prob: expected a probability in [0, 1], found 1.5"
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!("{file}:14:14: error: actors.b.red_line.nowhere: unknown rung `nowhere`")),
            "{err}"
        );
        assert!(err.contains("2 problems found"), "{err}");
        assert!(stdout(&output).is_empty());
    }
}

#[test]
fn other_bad_input_exits_2() {
    for args in [
        vec!["run", "no-such-scenario"],
        vec!["run", "/no/such/file.toml"],
        vec!["run", "--threads", "0", "-n", "10"],
        vec!["run", "-n", "0"],
        vec!["run", "--set", "nonsense"],
        vec!["run", "--set", "actors.russia.response_prob=7", "-n", "10"],
        vec!["run", "--format", "yaml"],
        vec!["check"],
        vec!["frobnicate"],
    ] {
        let output = brink(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(!stderr(&output).is_empty());
    }
}

#[test]
fn scenarios_lists_every_bundled_scenario_and_each_checks() {
    let output = brink(&["scenarios"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let names: Vec<&str> = text.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(
        names,
        ["ukraine-2024", "cuban-1962", "korea-1951", "autumn-1983", "india-pakistan-2025", "teaching-symmetric"]
    );
    for name in names {
        let output = brink(&["check", name]);
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        assert!(stdout(&output).contains(": ok"));
    }
}

/// Golden summaries: a seeded run of each bundled scenario. A change of model, scenario or
/// dependency that moves these numbers fails here and must be reviewed (`INSTA_UPDATE=always`).
#[test]
fn golden_summaries_of_the_bundled_scenarios() {
    for name in ["ukraine-2024", "cuban-1962", "korea-1951", "autumn-1983", "india-pakistan-2025", "teaching-symmetric"]
    {
        let mut v = json_summary(&["run", name, "-n", "5000", "--seed", "2026", "--format", "json"]);
        // The scenario's own text and sources are not results; everything else is.
        for key in ["timing", "scenario_toml", "scenario_info"] {
            v.as_object_mut().unwrap().remove(key);
        }
        insta::assert_json_snapshot!(name, v);
    }
}

/// `brink schema KIND` prints the schema of a kind; every kind's `--format json` output has
/// only keys the schema declares (the schema is strict), checked here on `brink run`'s output
/// by walking it against the printed schema.
#[test]
fn schema_prints_every_kind_and_describes_run_output() {
    let list = stdout(&brink(&["schema", "--list"]));
    for kind in ["run", "sweep", "compare", "sensitivity", "solve", "effects", "fallout", "strike", "validate"] {
        assert!(list.lines().any(|l| l.starts_with(kind)), "{kind} missing from\n{list}");
    }
    let schema: Value = serde_json::from_str(&stdout(&brink(&["schema", "run"]))).unwrap();
    assert_eq!(schema["properties"]["kind"]["const"], "run");
    let run = json_summary(&["run", "teaching-symmetric", "-n", "200", "--format", "json"]);
    for key in run.as_object().unwrap().keys() {
        assert!(schema["properties"].get(key).is_some(), "`{key}` is not in the run schema");
    }
    let bad = brink(&["schema", "nope"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("expected one of: run, sweep"), "{}", stderr(&bad));
}

/// `brink explain`: the same runs as `brink run` (the nuclear-use count agrees), any thread
/// count gives the same paths, text for a reader, and a bad outcome name is bad input.
#[test]
fn explain_groups_the_runs_of_brink_run() {
    let run = json_summary(&["run", "teaching-symmetric", "-n", "4000", "--format", "json"]);
    let explain = |threads: &str| {
        without_timing(json_summary(&[
            "explain",
            "teaching-symmetric",
            "-n",
            "4000",
            "--threads",
            threads,
            "--format",
            "json",
        ]))
    };
    let one = explain("1");
    assert_eq!(one, explain("2"));
    let v: Value = serde_json::from_str(&one).unwrap();
    assert_eq!(v["kind"], "explain");
    assert_eq!(v["outcome_runs"], run["outcomes"]["nuclear_use"]["count"]);
    let text = brink(&["explain", "teaching-symmetric", "-n", "4000", "--top", "3"]);
    assert!(text.status.success(), "{}", stderr(&text));
    let text = stdout(&text);
    assert!(text.starts_with("Why runs end in nuclear use"), "{text}");
    assert!(text.contains(" → ") && text.contains("\nNote: "), "{text}");
    let bad = brink(&["explain", "teaching-symmetric", "--outcome", "war"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown outcome `war`"), "{}", stderr(&bad));
}

/// `brink explain --run K` tells the same run as row K of `--out` and `--trajectories`: its
/// outcome, its rungs turn by turn, its miscalculations and red lines crossed; for the first
/// nuclear run (`--find`) and for runs of other endings.
#[test]
fn a_told_run_matches_its_records() {
    let dir = crate::util::TempDir::new("story");
    let out = dir.0.join("runs.csv");
    let trajectories = dir.0.join("turns.csv");
    let (out_s, traj_s) = (out.to_str().unwrap(), trajectories.to_str().unwrap());
    let ran = brink(&["run", "teaching-symmetric", "-n", "300", "--out", out_s, "--trajectories", traj_s]);
    assert!(ran.status.success(), "{}", stderr(&ran));
    let rows: Vec<Vec<String>> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    let header: Vec<String> =
        std::fs::read_to_string(&out).unwrap().lines().next().unwrap().split(',').map(str::to_owned).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let turns_csv = std::fs::read_to_string(&trajectories).unwrap();
    let found =
        json_summary(&["explain", "teaching-symmetric", "-n", "300", "--find", "nuclear_use", "--format", "json"]);
    let nuclear_run = found["run"].as_u64().unwrap();
    for k in [0, 1, 2, nuclear_run] {
        let story =
            json_summary(&["explain", "teaching-symmetric", "-n", "300", "--run", &k.to_string(), "--format", "json"]);
        assert_eq!(story["kind"], "story");
        let row = &rows[k as usize];
        assert_eq!(story["outcome"], row[col("outcome")].as_str(), "run {k}");
        let turns = story["turns"].as_array().unwrap();
        assert_eq!(turns.len().to_string(), row[col("turns")], "run {k}");
        let moves: Vec<&Value> = turns.iter().flat_map(|t| t["moves"].as_array().unwrap()).collect();
        let miscalculations = moves.iter().filter(|m| m["miscalculation"] == true).count();
        assert_eq!(miscalculations.to_string(), row[col("miscalculations")], "run {k}");
        let crossed: usize = moves.iter().map(|m| m["crossed_red_line_of"].as_array().unwrap().len()).sum();
        assert_eq!(crossed.to_string(), row[col("red_lines_crossed")], "run {k}");
        for turn in turns {
            let t = turn["turn"].as_u64().unwrap();
            for (actor, rung) in turn["rungs"].as_object().unwrap() {
                let line = format!("{k},{t},{actor},{},", rung.as_str().unwrap());
                assert!(turns_csv.contains(&line), "run {k} turn {t}: {line} not in the trajectories");
            }
            for decision in turn["decisions"].as_array().unwrap() {
                let options = decision["options"].as_array().unwrap();
                let total: f64 = options.iter().map(|o| o["p"].as_f64().unwrap()).sum();
                assert!((total - 1.0).abs() < 1e-9);
                let chosen = options.iter().find(|o| o["action"] == decision["chosen"]).unwrap();
                assert!(chosen["p"].as_f64().unwrap() > 0.0);
            }
        }
    }
    assert_eq!(rows[nuclear_run as usize][col("outcome")], "nuclear_use");
}

/// A `*` in an override's path sets every match to the same value (tied parameters): the
/// same scenario, hence the same results, as setting each match by name.
#[test]
fn a_star_in_a_path_sets_every_match() {
    let tied = json_summary(&[
        "run",
        "teaching-symmetric",
        "-n",
        "3000",
        "--set",
        "actors.*.response_prob=0.3",
        "--format",
        "json",
    ]);
    let each = json_summary(&[
        "run",
        "teaching-symmetric",
        "-n",
        "3000",
        "--set",
        "actors.blue.response_prob=0.3",
        "--set",
        "actors.red.response_prob=0.3",
        "--format",
        "json",
    ]);
    assert_eq!(tied["scenario_hash"], each["scenario_hash"]);
    assert_eq!(tied["outcomes"], each["outcomes"]);
    let default = json_summary(&["run", "teaching-symmetric", "-n", "3000", "--format", "json"]);
    assert_ne!(tied["scenario_hash"], default["scenario_hash"]);
    let output = brink(&["run", "teaching-symmetric", "-n", "10", "--set", "nothing.*.x=1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`*` matches nothing"), "{}", stderr(&output));
}

/// Hostile input: a bias so extreme that exp(bias·rung) cannot hold the red lines the prior
/// allows is exit 2 naming the field and the bound (it used to give the results of bias 0);
/// a large ordinary bias runs, and its results move toward the limit rather than back to 0.
#[test]
fn extreme_biases_are_rejected_not_silently_zero() {
    let counts = |bias: &str| -> Option<u64> {
        let output = brink(&[
            "run",
            "teaching-symmetric",
            "-n",
            "2000",
            "--set",
            &format!("actors.blue.beliefs.red.bias={bias}"),
            "--format",
            "json",
        ]);
        if output.status.code() == Some(2) {
            let message = stderr(&output);
            assert!(message.contains("actors.blue.beliefs.red.bias") && message.contains("at most about"), "{message}");
            return None;
        }
        assert!(output.status.success(), "{}", stderr(&output));
        let v: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        Some(v["outcomes"]["nuclear_use"]["count"].as_u64().unwrap())
    };
    for bias in ["1e308", "-1e308", "1000", "-1000"] {
        assert_eq!(counts(bias), None, "bias {bias} is rejected");
    }
    let (zero, high, low) = (counts("0").unwrap(), counts("50").unwrap(), counts("-50").unwrap());
    assert!(high != zero && low != zero && high != low, "{zero} {high} {low}");
}
