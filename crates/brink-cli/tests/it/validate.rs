//! `brink validate`: the contract of the interface (docs/VALIDATION.md).

use serde_json::Value;

use crate::util::{brink, stderr, stdout};

#[test]
fn one_model_as_json_has_the_documented_keys() {
    let output = brink(&["validate", "risk-attrition", "--param", "theta1=0.3", "--runs", "2000", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!((report["kind"].as_str(), report["runs"].as_u64()), (Some("validate"), Some(2000)));
    let checks = report["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 6);
    for check in checks {
        let keys: Vec<&str> = check.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["model", "quantity", "params", "closed_form", "simulated", "ci95", "pass"]);
        assert_eq!(check["model"], "risk-attrition");
        assert_eq!(check["params"]["theta1"], "0.3");
        assert_eq!(check["pass"], true);
        let (low, high) = (check["ci95"][0].as_f64().unwrap(), check["ci95"][1].as_f64().unwrap());
        let simulated = check["simulated"].as_f64().unwrap();
        assert!(low <= simulated && simulated <= high);
    }
}

#[test]
fn deterministic_checks_have_no_interval_and_output_is_reproducible() {
    let args = ["validate", "red-line-belief", "--format", "json"];
    let first = brink(&args);
    assert_eq!(first.status.code(), Some(0));
    let report: Value = serde_json::from_str(&stdout(&first)).unwrap();
    assert!(report["checks"].as_array().unwrap().iter().all(|c| c["ci95"].is_null()));
    let args = ["validate", "gamblers-ruin", "--runs", "1000", "--seed", "5", "--format", "json", "--threads", "1"];
    let again = ["validate", "gamblers-ruin", "--runs", "1000", "--seed", "5", "--format", "json", "--threads", "2"];
    let checks = |args: &[&str]| serde_json::from_str::<Value>(&stdout(&brink(args))).unwrap()["checks"].clone();
    assert_eq!(checks(&args), checks(&again), "everything but timing is reproducible");
}

#[test]
fn every_model_at_its_defaults_passes() {
    let output = brink(&["validate", "--runs", "1000"]);
    assert_eq!(output.status.code(), Some(0), "{}{}", stdout(&output), stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("checks pass") && !text.contains("FAIL"), "{text}");
    assert!(text.trim_end().lines().last().unwrap().starts_with("Note: "), "{text}");
}

#[test]
fn list_as_json_has_every_model() {
    let output = brink(&["validate", "--list", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let models: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let names: Vec<&str> = models.as_array().unwrap().iter().map(|m| m["model"].as_str().unwrap()).collect();
    for name in [
        "compound-risk",
        "gamblers-ruin",
        "risk-attrition",
        "risk-attrition-bayes",
        "attrition",
        "attrition-bayes",
        "audience-attrition",
        "dollar-auction",
        "richardson",
        "chicken-bayes",
        "chicken-qre",
        "trust",
        "red-line-belief",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
}

#[test]
fn list_names_models_parameters_and_defaults() {
    let output = brink(&["validate", "--list"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for needle in
        ["compound-risk", "gamblers-ruin", "risk-attrition-bayes", "audience-attrition", "theta1=0.2", "dist=uniform"]
    {
        assert!(text.contains(needle), "--list lacks {needle}:\n{text}");
    }
}

#[test]
fn bad_input_exits_2_naming_the_problem() {
    for (args, needle) in [
        (vec!["validate", "no-such-model"], "unknown model `no-such-model`"),
        (vec!["validate", "attrition", "--param", "nope=1"], "no parameter `nope`"),
        (
            vec!["validate", "risk-attrition", "--param", "theta1=1.5"],
            "`theta1` = `1.5` is invalid: expected a number in [0.01, 0.99]",
        ),
        (vec!["validate", "attrition-bayes", "--param", "dist=normal"], "one of uniform | exponential"),
        (vec!["validate", "gamblers-ruin", "--param", "start"], "NAME=VALUE"),
        (vec!["validate", "--param", "p=0.1"], "needs a MODEL"),
        (vec!["validate", "trust", "--runs", "5"], "--runs must be at least 100"),
        (vec!["validate", "richardson", "--param", "b=0.6"], "|ab − kl| ≥ 0.01"),
    ] {
        let output = brink(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains(needle), "{args:?}: {}", stderr(&output));
    }
}

/// About one Monte Carlo check in 1000 fails by chance (99.9% intervals). Results are a pure
/// function of (seed, runs), so a chance failure is reproducible: seed 152 at 100 runs (found by
/// trying seeds) misses on `p_side1_prevails`. The output is still printed, the failure is
/// reported on stderr, and the exit code is 3. If the engine's streams change, pick another
/// failing seed the same way.
#[test]
fn exit_code_3_when_a_check_fails() {
    let output = brink(&["validate", "risk-attrition", "--runs", "100", "--seed", "152", "--format", "json"]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(report["checks"].as_array().unwrap().iter().any(|c| c["pass"] == false));
    assert!(stderr(&output).contains("checks failed"));
}
