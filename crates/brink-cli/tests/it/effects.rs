//! `brink effects` and `brink fallout`: the JSON contract, published anchors through the CLI,
//! and exit code 2 on bad input.

use std::process::{Command, Output};

use serde_json::Value;

fn brink(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brink")).args(args).output().expect("brink runs")
}

fn json(args: &[&str]) -> Value {
    let out = brink(args);
    assert!(out.status.success(), "brink {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[track_caller]
fn assert_bad_input(args: &[&str], needle: &str) {
    let out = brink(args);
    assert_eq!(out.status.code(), Some(2), "brink {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(needle), "brink {args:?}: stderr {stderr:?} lacks {needle:?}");
}

#[test]
fn effects_json_has_the_contracted_keys() {
    let v = json(&["effects", "--yield-kt", "20", "--hob-m", "500", "--range-m", "1000,3000", "--format", "json"]);
    assert_eq!(v["yield_kt"], 20.0);
    assert_eq!(v["hob_m"], 500.0);
    assert!(v["fireball_radius_m"].as_f64().unwrap() > 100.0);
    let points = v["points"].as_array().unwrap();
    assert_eq!(points.len(), 2);
    for key in ["ground_range_m", "slant_range_m", "overpressure_psi", "thermal_cal_cm2", "prompt_dose_rem"] {
        assert!(points[0][key].is_number(), "points[0].{key}");
    }
    assert!((points[0]["slant_range_m"].as_f64().unwrap() - 1000f64.hypot(500.0)).abs() < 1e-6);
    let ranges = &v["ranges_m"];
    for p in ["1", "2", "5", "10", "20"] {
        assert!(ranges["overpressure_psi"][p].is_number(), "overpressure {p}");
    }
    for d in ["100", "500", "1000"] {
        assert!(ranges["prompt_dose_rem"][d].is_number(), "dose {d}");
    }
    for b in ["1st", "2nd", "3rd"] {
        assert!(ranges["burns"][b].is_number(), "burn {b}");
    }
    assert!(ranges["thermal_cal_cm2"].as_object().unwrap().len() >= 3);
    // Rings nest: higher overpressure, shorter range; worse burns, shorter range.
    let op = |k: &str| ranges["overpressure_psi"][k].as_f64().unwrap();
    assert!(op("1") > op("5") && op("5") > op("20"));
    let burn = |k: &str| ranges["burns"][k].as_f64().unwrap();
    assert!(burn("1st") > burn("2nd") && burn("2nd") > burn("3rd"));
}

#[test]
fn effects_reproduces_glasstone_dolan_through_the_cli() {
    // G&D 1977 Fig. 3.73: 1 kt surface burst, 10 psi at 1024 ft (312 m); Brode's ±10 %, and
    // 5 % observed in the library tests.
    let v = json(&["effects", "--yield-kt", "1", "--format", "json"]);
    let r10 = v["ranges_m"]["overpressure_psi"]["10"].as_f64().unwrap();
    assert!((r10 / 312.1 - 1.0).abs() < 0.05, "{r10}");
    // The DNA model gives the same within a few per cent at a surface burst.
    let v = json(&["effects", "--yield-kt", "1", "--blast-model", "dna", "--format", "json"]);
    let r10 = v["ranges_m"]["overpressure_psi"]["10"].as_f64().unwrap();
    assert!((r10 / 312.1 - 1.0).abs() < 0.05, "{r10}");
}

#[test]
fn effects_text_is_a_table() {
    let out = brink(&["effects", "--yield-kt", "15", "--hob-m", "580"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("overpressure") && text.contains("psi") && text.contains("rem"), "{text}");
}

#[test]
fn effects_bad_input_exits_2() {
    assert_bad_input(&["effects", "--yield-kt", "-5"], "yield");
    assert_bad_input(&["effects", "--yield-kt", "NaN"], "yield");
    assert_bad_input(&["effects", "--yield-kt", "10", "--hob-m", "-1"], "height of burst");
    assert_bad_input(&["effects", "--yield-kt", "10", "--range-m", "0"], "zero");
    assert_bad_input(&["effects", "--yield-kt", "10", "--range-m", "-100"], "ground range");
    assert_bad_input(&["effects", "--yield-kt", "10", "--visibility-km", "0"], "visibility");
    assert_bad_input(&["effects", "--yield-kt", "10", "--hob-m", "300", "--blast-model", "dna"], "surface");
    assert_bad_input(&["effects", "--yield-kt", "ten"], "invalid value");
}

#[test]
fn fallout_json_has_the_contracted_keys_and_matches_wseg10() {
    // 1 Mt, ff = 1, 15 mph (24.14 km/h), default shear 0.23 mph/kft: 10 mi downwind on the hot
    // line, an independent corrected WSEG-10 gives 2132 R/h and 5607 R (research note §2.5).
    let v = json(&[
        "fallout",
        "--yield-kt",
        "1000",
        "--fission-fraction",
        "1",
        "--wind-kmh",
        "24.14016",
        "--at",
        "16.09344,0",
        "--at",
        "50,-10",
        "--format",
        "json",
    ]);
    let points = v["points"].as_array().unwrap();
    assert_eq!(points.len(), 2);
    for key in ["downwind_km", "crosswind_km", "dose_rate_h1_r_per_h", "arrival_h", "dose_30day_erd_r"] {
        assert!(points[1][key].is_number(), "points[1].{key}");
    }
    assert_eq!(points[1]["crosswind_km"], -10.0);
    let rate = points[0]["dose_rate_h1_r_per_h"].as_f64().unwrap();
    let erd = points[0]["dose_30day_erd_r"].as_f64().unwrap();
    assert!((rate / 2132.0 - 1.0).abs() < 0.02, "{rate}");
    assert!((erd / 5607.0 - 1.0).abs() < 0.02, "{erd}");
}

#[test]
fn fallout_defaults_to_the_hot_line() {
    let v =
        json(&["fallout", "--yield-kt", "500", "--fission-fraction", "0.5", "--wind-kmh", "30", "--format", "json"]);
    assert!(v["points"].as_array().unwrap().len() >= 3);
    let out = brink(&["fallout", "--yield-kt", "500", "--fission-fraction", "0.5", "--wind-kmh", "30"]);
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains("WSEG-10"));
}

#[test]
fn fallout_bad_input_exits_2() {
    let base = ["fallout", "--yield-kt", "100", "--wind-kmh", "20"];
    let with =
        |extra: &[&'static str]| -> Vec<&'static str> { base.iter().copied().chain(extra.iter().copied()).collect() };
    assert_bad_input(&with(&["--fission-fraction", "0"]), "fission fraction");
    assert_bad_input(&with(&["--fission-fraction", "1.5"]), "fission fraction");
    assert_bad_input(&with(&["--fission-fraction", "-0.2"]), "fission fraction");
    assert_bad_input(&["fallout", "--yield-kt", "-1", "--fission-fraction", "1", "--wind-kmh", "20"], "yield");
    assert_bad_input(&["fallout", "--yield-kt", "100", "--fission-fraction", "1", "--wind-kmh", "0"], "wind speed");
    assert_bad_input(&with(&["--fission-fraction", "1", "--shear-kmh-per-km", "-1"]), "shear");
    assert_bad_input(&with(&["--fission-fraction", "1", "--at", "5"]), "DOWNWIND_KM,CROSSWIND_KM");
}
