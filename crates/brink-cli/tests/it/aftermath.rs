//! `brink plan` and `brink aftermath`: the JSON contract of #17 (`fire`, `aftermath`,
//! `people_without_food`), plans usable by `brink strike`, and exit code 2 on bad input.

use serde_json::Value;

use crate::util::{TempDir, brink, stderr, stdout};

fn json(args: &[&str]) -> Value {
    let out = brink(args);
    assert!(out.status.success(), "brink {args:?} failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn strike_json_has_fire_and_aftermath() {
    let v = json(&["strike", "india-pakistan-15kt", "--format", "json"]);
    for key in ["burned_area_km2", "soot_tg", "soot_tg_low", "soot_tg_high"] {
        assert!(v["fire"][key].as_f64().is_some(), "fire.{key}");
    }
    for key in ["soot_tg", "cooling_c", "people_without_food"] {
        assert!(v["aftermath"][key].as_f64().is_some(), "aftermath.{key}");
    }
    let f = |x: &Value| x.as_f64().unwrap();
    assert!(f(&v["fire"]["soot_tg_low"]) < f(&v["fire"]["soot_tg"]));
    assert!(f(&v["fire"]["soot_tg"]) < f(&v["fire"]["soot_tg_high"]));
    assert_eq!(f(&v["fire"]["soot_tg"]), f(&v["aftermath"]["soot_tg"]));
    let text = stdout(&brink(&["strike", "india-pakistan-15kt"]));
    assert!(text.contains("fire: ") && text.contains("people without food"), "{text}");
    assert!(text.trim_end().lines().last().unwrap().starts_with("Note: "), "{text}");
}

#[test]
fn aftermath_at_a_published_soot_amount_is_the_published_figure() {
    // Xia et al. 2022 Table 1: 926 M people without food at the end of year two for 16 Tg.
    let v = json(&["aftermath", "--soot-tg", "16", "--format", "json"]);
    assert_eq!(v["people_without_food"].as_f64().unwrap(), 926e6);
    assert_eq!(v["people_without_food_basis"], "published run");
    assert_eq!(v["cooling_by_year"].as_array().unwrap().len(), 16);
    let v = json(&["aftermath", "--soot-tg", "20", "--format", "json"]);
    assert_eq!(v["people_without_food_basis"], "interpolated between published runs");
    let text = stdout(&brink(&["aftermath", "--soot-tg", "20"]));
    assert!(text.trim_end().lines().last().unwrap().starts_with("Note: "), "{text}");
}

#[test]
fn aftermath_gives_every_food_case_of_xia_with_its_provenance() {
    // Xia et al. 2022 at 150 Tg: 5 341 M (Table 1 case); Supplementary Information totals for
    // the others, e.g. 5 422.7 M with trade and livestock kept.
    let v = json(&["aftermath", "--soot-tg", "150", "--format", "json"]);
    let cases = v["people_without_food_cases"].as_object().expect("people_without_food_cases");
    assert_eq!(cases.len(), 6);
    let t1 = &cases["no_trade_partial_livestock"];
    assert_eq!(t1["people_without_food"], v["people_without_food"]);
    assert_eq!(t1["basis"], "published run");
    assert_eq!(cases["trade_livestock"]["people_without_food"].as_f64().unwrap(), 5_422.7e6);
    for (key, c) in cases {
        assert_eq!(c["published"].as_array().unwrap().len(), 6, "{key}");
        assert!(!c["case"].as_str().unwrap().is_empty() && !c["source"].as_str().unwrap().is_empty(), "{key}");
    }
    let v = json(&["aftermath", "--soot-tg", "20", "--format", "json"]);
    for (key, c) in v["people_without_food_cases"].as_object().unwrap() {
        assert_eq!(c["basis"], "interpolated between published runs", "{key}");
    }
    let v = json(&["aftermath", "--soot-tg", "400", "--format", "json"]);
    for (key, c) in v["people_without_food_cases"].as_object().unwrap() {
        assert_eq!(c["basis"], "above the largest published run (held at its value)", "{key}");
    }
    let text = stdout(&brink(&["aftermath", "--soot-tg", "20"]));
    assert!(text.contains("trade_no_livestock") && text.contains("by food case"), "{text}");
}

#[test]
fn aftermath_breaks_the_table_1_case_down_by_country() {
    // Xia et al. 2022 Supplementary Information (Table 1 case): China 467.9 M at 16 Tg.
    let v = json(&["aftermath", "--soot-tg", "16", "--format", "json"]);
    let countries = v["people_without_food_by_country"].as_array().expect("people_without_food_by_country");
    assert_eq!(countries.len(), 165);
    let f = |x: &Value| x.as_f64().unwrap();
    assert_eq!(countries[0]["name"], "China");
    assert_eq!(countries[0]["code"], "CN");
    assert_eq!(f(&countries[0]["people_without_food"]), 467.9e6);
    assert_eq!(countries[0]["basis"], "published run");
    assert!(countries.windows(2).all(|w| f(&w[0]["people_without_food"]) >= f(&w[1]["people_without_food"])));
    let sum: f64 = countries.iter().map(|c| f(&c["people_without_food"])).sum();
    // One nation of the Supplementary table is missing from the transcription (`limitations`).
    assert!(sum <= f(&v["people_without_food"]) && sum >= f(&v["people_without_food"]) - 30e6, "{sum}");
    // Every key of before is still there.
    for key in [
        "source",
        "soot_tg",
        "cooling_c",
        "cooling_basis",
        "cooling_by_year",
        "people_without_food",
        "people_without_food_basis",
        "share_of_world_population",
        "people_without_food_cases",
        "famine_runs",
        "climate_runs",
        "limitations",
        "note",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let limits = v["limitations"].as_array().unwrap();
    assert!(!limits.iter().any(|l| l.as_str().unwrap().starts_with("no per-country breakdown")));
    let v = json(&["aftermath", "--soot-tg", "20", "--format", "json"]);
    for c in v["people_without_food_by_country"].as_array().unwrap() {
        assert_eq!(c["basis"], "interpolated between published runs");
    }
    let text = stdout(&brink(&["aftermath", "--soot-tg", "16"]));
    let list = text.split("the ten nations with the most").nth(1).expect("the ten largest");
    let rows: Vec<&str> = list.lines().skip(1).take_while(|l| l.starts_with("    ")).collect();
    assert_eq!(rows.len(), 10, "{text}");
    assert!(rows[0].contains("China") && rows[0].contains("468 M"), "{text}");
}

#[test]
fn plan_writes_a_plan_strike_reads_and_add_combines_phases() {
    let dir = TempDir::new("plan");
    let first = dir.0.join("a.toml");
    let both = dir.0.join("b.toml");
    let out = brink(&[
        "plan",
        "--on",
        "PK",
        "--cities",
        "3",
        "--weapons-per-city",
        "2",
        "--yield-kt",
        "15",
        "--burst",
        "air",
        "--by",
        "India",
        "-o",
        first.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Lahore, PK"), "{}", stdout(&out));
    let out = brink(&[
        "plan",
        "--on",
        "IN",
        "--cities",
        "2",
        "--yield-kt",
        "50",
        "--hob-m",
        "0",
        "--by",
        "Pakistan",
        "--add",
        first.to_str().unwrap(),
        "-o",
        both.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&["strike", both.to_str().unwrap(), "--format", "json"]);
    assert_eq!(v["targets"].as_array().unwrap().len(), 8);
    let phases: Vec<&String> = v["phases"].as_object().unwrap().keys().collect();
    assert_eq!(phases, ["India on PK", "Pakistan on IN"]);
    // Largest first: the first new aim point is the largest city.
    assert_eq!(v["targets"][0]["label"], "Lahore, PK (aim point 1)");
}

#[test]
fn plan_aim_densest_places_w_weapons_densest_first() {
    let dir = TempDir::new("plan-densest");
    let path = dir.0.join("d.toml");
    let out = brink(&[
        "plan",
        "--on",
        "PK",
        "--aim",
        "densest",
        "--weapons",
        "6",
        "--yield-kt",
        "15",
        "--burst",
        "air",
        "--by",
        "India",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("6 detonations"), "{}", stdout(&out));
    let v = json(&["strike", path.to_str().unwrap(), "--format", "json"]);
    let targets = v["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 6);
    assert!(targets.iter().all(|t| t["phase"] == "India on PK" && t["count"] == 1));
    // Every weapon on Pakistan (that the order is densest first and that no two fire zones
    // overlap is tested in brink-app's plan module).
    assert!(targets[0]["label"].as_str().unwrap().contains(", PK (aim point"), "{}", targets[0]["label"]);
}

#[test]
fn bad_input_is_exit_2_with_the_flag_named() {
    let dir = TempDir::new("plan-bad");
    let out_path = dir.0.join("x.toml");
    let o = out_path.to_str().unwrap();
    // Each case's flags (split at spaces); every `plan` case writes to `o`.
    for (flags, needle) in [
        ("plan --on XX --cities 3 --yield-kt 15 --burst air", "--on XX"),
        ("plan --on PK --cities 0 --yield-kt 15 --burst air", "--cities"),
        ("plan --on PK --cities 3 --yield-kt -1 --burst air", "--yield-kt"),
        ("plan --on PK --cities 3 --yield-kt 15", "--hob-m"),
        ("plan --on PK --yield-kt 15 --burst air", "--cities"),
        ("plan --on PK --aim densest --yield-kt 15 --burst air", "--weapons"),
        ("plan --on PK --aim densest --weapons 0 --yield-kt 15 --burst air", "--weapons"),
        ("plan --on PK --aim densest --weapons 100000 --yield-kt 15 --burst air", "--weapons 100000"),
        ("plan --on PK --cities 3 --weapons 5 --yield-kt 15 --burst air", "--weapons"),
        ("plan --on PK --aim nearest --weapons 5 --yield-kt 15 --burst air", "--aim"),
        ("plan --on PK --aim densest --weapons 5 --weapons-per-city 2 --yield-kt 15 --burst air", "--weapons-per-city"),
        ("aftermath --soot-tg -3", "--soot-tg"),
        ("aftermath", "PLAN"),
    ] {
        let mut args: Vec<&str> = flags.split(' ').collect();
        if args[0] == "plan" {
            args.extend(["-o", o]);
        }
        let out = brink(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
    assert!(!out_path.exists(), "no partial plan file");
}

#[test]
fn a_run_reports_soot_and_hunger_over_runs_and_the_report_shows_them() {
    let dir = TempDir::new("lives-aftermath");
    let out = brink(&[
        "run",
        "--set",
        "consequences.strategic-exchange=india-pakistan-15kt",
        "--runs",
        "4000",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &v["consequences"];
    let plan = &c["plans"][0];
    let strike = json(&["strike", "india-pakistan-15kt", "--format", "json"]);
    assert_eq!(plan["soot_tg"], strike["fire"]["soot_tg"]);
    assert_eq!(plan["people_without_food"], strike["aftermath"]["people_without_food"]);
    // The mean over runs is the plan's figure times the share of runs that reached its rung
    // (one plan, every other run counts zero).
    let f = |x: &Value| x.as_f64().unwrap();
    let runs = f(&v["runs"]);
    let share = f(&plan["runs"]) / runs;
    assert!((f(&c["soot_tg"]["mean"]) - share * f(&plan["soot_tg"])).abs() < 1e-9);
    assert!((f(&c["people_without_food"]["mean"]) - share * f(&plan["people_without_food"])).abs() < 1e-3);
    for e in c["soot_tg"]["exceedance"].as_array().unwrap() {
        let ci = e["ci95"].as_array().unwrap();
        assert!(f(&ci[0]) <= f(&e["p"]) && f(&e["p"]) <= f(&ci[1]));
    }
    let run_json = dir.write("run.json", &stdout(&out));
    let html = dir.0.join("r.html");
    let out = brink(&["report", &run_json, "-o", html.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Lives at stake") && page.contains("without food"), "no lives section");
}
