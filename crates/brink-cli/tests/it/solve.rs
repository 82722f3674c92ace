//! `brink solve`: output formats, stdin, methods and exit codes, on games whose equilibria are
//! known by hand (the fixtures of brink-games).

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

fn data(name: &str) -> String {
    format!("{}/../brink-games/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn brink(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brink"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the brink binary runs");
    if let Some(text) = stdin {
        // A command that fails on its flags exits before reading: ignore a broken pipe.
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn json_of(args: &[&str]) -> Value {
    let out = brink(args, None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn battle_of_the_sexes_as_json() {
    // Equilibria by hand: (F,F), x = (2/3,1/3) with y = (1/3,2/3), and (O,O); canonical order.
    let v = json_of(&["solve", &data("bos.nfg"), "--format", "json"]);
    assert_eq!(v["players"], json!(["Row", "Column"]));
    assert_eq!(v["strategies"], json!([["Opera", "Football"], ["Opera", "Football"]]));
    assert_eq!(v["method"], "enum");
    let eq = v["equilibria"].as_array().unwrap();
    assert_eq!(eq.len(), 3);
    assert_eq!(eq[0], json!([[0.0, 1.0], [0.0, 1.0]]));
    assert_eq!(eq[1], json!([[2.0 / 3.0, 1.0 / 3.0], [1.0 / 3.0, 2.0 / 3.0]]));
    assert_eq!(eq[2], json!([[1.0, 0.0], [1.0, 0.0]]));
}

#[test]
fn exact_prints_fractions_and_vertex_agrees() {
    let v = json_of(&["solve", &data("degenerate.nfg"), "--method", "vertex", "--exact", "--format", "json"]);
    assert_eq!(v["method"], "vertex");
    assert_eq!(
        v["equilibria"],
        json!([
            [["0", "1/3", "2/3"], ["1/3", "2/3"]],
            [["1", "0", "0"], ["2/3", "1/3"]],
            [["1", "0", "0"], ["1", "0"]]
        ])
    );
}

#[test]
fn reads_the_game_from_stdin() {
    let text = std::fs::read_to_string(data("chicken.nfg")).unwrap();
    let out = brink(&["solve", "-", "--exact"], Some(&text));
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("3 extreme equilibria"), "{stdout}");
    assert!(stdout.contains("Row: Swerve=9/10 Straight=1/10"), "{stdout}");
}

#[test]
fn three_players_default_to_pure() {
    let v = json_of(&["solve", &data("three.nfg"), "--format", "json"]);
    assert_eq!(v["method"], "pure");
    assert_eq!(v["equilibria"], json!([[[0.0, 1.0], [0.0, 1.0], [0.0, 1.0]], [[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]]]));
}

#[test]
fn lemke_howson_from_a_label() {
    // Dropping label 0 (row Opera) from the origin of Battle of the Sexes ends at (O,O).
    let v = json_of(&["solve", &data("bos.nfg"), "--method", "lh", "--label", "0", "--exact", "--format", "json"]);
    assert_eq!(v["equilibria"], json!([[["1", "0"], ["1", "0"]]]));
}

#[test]
fn zero_sum_value() {
    let v = json_of(&["solve", &data("rps.nfg"), "--method", "zerosum", "--exact", "--format", "json"]);
    assert_eq!(v["value"], "0");
    assert_eq!(v["equilibria"], json!([[["1/3", "1/3", "1/3"], ["1/3", "1/3", "1/3"]]]));
}

#[test]
fn qre_reports_lambda_and_solves_the_logit_equations() {
    // Matching pennies: the QRE is uniform at every λ (by symmetry, and it is unique).
    let v = json_of(&["solve", &data("pennies.nfg"), "--method", "qre", "--lambda", "2.5", "--format", "json"]);
    assert_eq!(v["lambda"], 2.5);
    let p = v["equilibria"][0][0][0].as_f64().unwrap();
    assert!((p - 0.5).abs() < 1e-12, "{v}");
}

#[test]
fn malformed_file_exits_2_naming_line_and_token() {
    let out = brink(&["solve", "-"], Some("NFG 1 R \"t\" { \"a\" \"b\" } { 2 2 }\n1 2 3 4\n5 6 x 8\n"));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("line 3, column 5") && err.contains("found x"), "{err}");
}

#[test]
fn wrong_payoff_count_exits_2() {
    let out = brink(&["solve", "-"], Some("NFG 1 R \"t\" { \"a\" \"b\" } { 2 2 }\n1 2 3 4 5 6 7\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("payoff 8 of 8"), "{}", stderr(&out));
}

#[test]
fn bad_options_exit_2() {
    let cases: &[&[&str]] = &[
        &["--method", "simplex"],
        &["--label", "1"],
        &["--method", "lh", "--label", "4"],
        &["--method", "qre", "--exact"],
        &["--method", "qre", "--lambda", "-1"],
        &["--method", "zerosum"],
    ];
    for extra in cases {
        let mut args = vec!["solve", "-"];
        args.extend_from_slice(extra);
        let text = std::fs::read_to_string(data("bos.nfg")).unwrap();
        let out = brink(&args, Some(&text));
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty());
    }
    let out = brink(&["solve", "/nonexistent/game.nfg"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read /nonexistent/game.nfg"));
    let out = brink(&["solve", &data("three.nfg"), "--method", "enum"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("two-player"));
}

/// A degenerate 3×3 game in which each strategy earns the same against the other player's
/// uniform mix: the centroid is a QRE at every λ, and `--method qre` reports it (it used to
/// exit 1, "the QRE path follower could not …").
#[test]
fn qre_of_a_game_whose_centroid_is_a_qre_at_every_lambda() {
    for lambda in [None, Some("3")] {
        let mut args = vec!["solve".to_owned(), data("centroid-3x3.nfg"), "--method".into(), "qre".into()];
        if let Some(l) = lambda {
            args.extend(["--lambda".into(), l.into()]);
        }
        args.extend(["--format".into(), "json".into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let v = json_of(&args);
        for player in v["equilibria"][0].as_array().unwrap() {
            for p in player.as_array().unwrap() {
                assert!((p.as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12, "{v}");
            }
        }
    }
}

/// `brink solve FILE.efg`: Kuhn poker's value −1/18 (Kuhn 1950) from the sequence-form LP,
/// the JSON layout `behavior[player][infoset][action]` with payoffs, and the same game
/// through the LCP as an equilibrium paying −1/18.
#[test]
fn extensive_form_kuhn_poker() {
    let v = json_of(&["solve", &data("kuhn.efg"), "--method", "lp", "--exact", "--format", "json"]);
    assert_eq!(v["kind"], "solve-efg");
    assert_eq!(v["method"], "lp");
    assert_eq!(v["players"], json!(["Player 1", "Player 2"]));
    assert_eq!(v["value"], "-1/18");
    assert_eq!(v["tree"], json!({"nodes": 55, "infosets": 12, "terminals": 30}));
    let eq = &v["equilibria"][0];
    assert_eq!(eq["payoffs"], json!(["-1/18", "1/18"]));
    // Player 2 calls a bet with the Q with probability 1/3 (its fifth information set).
    assert_eq!(eq["behavior"][1][4], json!(["2/3", "1/3"]));
    assert_eq!(eq["behavior"].as_array().unwrap().len(), 2);
    assert_eq!(eq["behavior"][0].as_array().unwrap().len(), 6);

    let v = json_of(&["solve", &data("kuhn.efg"), "--format", "json"]);
    assert_eq!(v["method"], "lcp");
    let paid = v["equilibria"][0]["payoffs"][0].as_f64().unwrap();
    assert!((paid + 1.0 / 18.0).abs() < 1e-12, "{v}");
}

#[test]
fn extensive_form_cfr_reports_exploitability_per_iteration() {
    let v = json_of(&["solve", &data("kuhn.efg"), "--method", "cfr", "--iterations", "400", "--format", "json"]);
    let curve = v["exploitability"].as_array().unwrap();
    assert_eq!(curve.len(), 400);
    assert_eq!(v["iterations"], 400);
    assert!(curve[399].as_f64().unwrap() < 1e-3, "{}", curve[399]);
    // Text: the NashConv line and the closing note.
    let out = brink(&["solve", &data("kuhn.efg"), "--method", "cfr", "--iterations", "50"], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("after 50 iterations: NashConv"), "{text}");
    assert!(text.trim_end().lines().last().unwrap().starts_with("Note: "), "{text}");
}

#[test]
fn extensive_form_enumpure_and_qre_from_stdin() {
    let text = std::fs::read_to_string(data("horse.efg")).unwrap();
    let out = brink(&["solve", "-", "--exact"], Some(&text));
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("3 pure agent-form equilibria (method enumpure)"), "{stdout}");
    // Myerson's card game: the agent QRE at a large λ is near the unique equilibrium.
    let v = json_of(&["solve", &data("myerson_card.efg"), "--method", "qre", "--lambda", "100", "--format", "json"]);
    assert_eq!(v["lambda"], 100.0);
    let bluff = v["equilibria"][0]["behavior"][0][1][0].as_f64().unwrap();
    assert!((bluff - 1.0 / 3.0).abs() < 0.05, "{v}");
}

#[test]
fn extensive_form_bad_input_exits_2() {
    let kuhn = std::fs::read_to_string(data("kuhn.efg")).unwrap();
    let cases: &[&[&str]] = &[
        &["--method", "enum"],
        &["--method", "lcp", "--iterations", "3"],
        &["--method", "cfr", "--iterations", "0"],
        &["--method", "lp", "--lambda", "1"],
        &["--method", "cfr", "--exact"],
        &["--label", "1"],
    ];
    for extra in cases {
        let mut args = vec!["solve", "-"];
        args.extend_from_slice(extra);
        let out = brink(&args, Some(&kuhn));
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
    }
    let out = brink(&["solve", &data("horse.efg"), "--method", "lcp"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("two-player"), "{}", stderr(&out));
    let out = brink(&["solve", &data("bos.nfg"), "--method", "cfr"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = brink(
        &["solve", "-"],
        Some("EFG 2 R \"t\" { \"a\" \"b\" }\np \"\" 1 1 \"\" { \"x\" } 0\nt \"\" 1 \"\" { 1 zz }\n"),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("<stdin>: line 3, column 15") && err.contains("found zz"), "{err}");
}

/// `brink game` writes the crisis as a game that `brink solve` reads back; `brink equilibrium`
/// reports the keys the issue names.
#[test]
fn crisis_game_and_equilibrium() {
    let dir = std::env::temp_dir().join(format!("brink-game-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ts1.efg");
    let out = brink(&["game", "teaching-symmetric", "--turns", "1", "-o", path.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_of(&["solve", path.to_str().unwrap(), "--method", "cfr", "--iterations", "20", "--format", "json"]);
    assert_eq!(v["players"], json!(["blue", "red"]));
    assert_eq!(v["tree"]["nodes"], 8033);
    let v = json_of(&["equilibrium", "teaching-symmetric", "--turns", "1", "--method", "lcp", "--format", "json"]);
    assert_eq!(v["kind"], "equilibrium");
    assert_eq!(v["turns"], 1);
    for key in ["tree", "outcomes_equilibrium", "outcomes_scenario", "exploitability", "largest_differences"] {
        assert!(v.get(key).is_some(), "{key} missing from {v}");
    }
    assert!(v["exploitability"]["blue"].as_f64().unwrap() >= 0.0);
    let out = brink(&["game", "teaching-symmetric", "--turns", "0", "-o", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    // With answers by decision the game's LCP has 1,886 rows, beyond the exact tableau's
    // 1,500: `--method lcp` solves it in floating point (decimal probabilities, the same
    // report), and `--exact` is refused.
    let decision = dir.join("decision.efg");
    let out = brink(
        &[
            "game",
            "teaching-symmetric",
            "--turns",
            "1",
            "--set",
            "actors.blue.answer=decision",
            "--set",
            "actors.red.answer=decision",
            "-o",
            decision.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_of(&["solve", decision.to_str().unwrap(), "--method", "lcp", "--format", "json"]);
    assert_eq!(v["method"], "lcp");
    assert_eq!(v["equilibria"].as_array().unwrap().len(), 1);
    let first = &v["equilibria"][0]["behavior"][0][0];
    let total: f64 = first.as_array().unwrap().iter().map(|p| p.as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-9, "{first}");
    let out = brink(&["solve", decision.to_str().unwrap(), "--method", "lcp", "--exact"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--exact"), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Hostile input: a QRE precision past where the branch can be followed (λ = 1e308) is the
/// caller's limit, exit 2 naming --lambda, not an internal error; tiny λ is the centroid.
#[test]
fn an_unreachable_lambda_is_bad_input() {
    for game in ["bos.nfg", "kuhn.efg"] {
        let output = brink(&["solve", &data(game), "--method", "qre", "--lambda", "1e308"], None);
        assert_eq!(output.status.code(), Some(2), "{game}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains("--lambda 1e308") && !message.contains("internal"), "{game}: {message}");
    }
    let output = brink(&["solve", &data("bos.nfg"), "--method", "qre", "--lambda", "1e-320", "--format", "json"], None);
    assert!(output.status.success());
    let v: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(v["equilibria"][0], json!([[0.5, 0.5], [0.5, 0.5]]), "{v}");
}
