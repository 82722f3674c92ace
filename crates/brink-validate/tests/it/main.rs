//! The validation suite: every model at two parameter sets, the published numbers, the
//! paradoxical-but-correct results, and checks that can fail.

use brink_validate::{Check, RunOptions, find_model};

mod models;
mod paradoxes;

/// Modest Monte Carlo for the test suite (`brink validate` at larger N is for users).
pub(crate) const OPTIONS: RunOptions = RunOptions { runs: 4_000, seed: 20261125, threads: None };

/// Runs `model` with `params` and asserts that every check passes.
pub(crate) fn all_pass(model: &str, params: &[(&str, &str)]) -> Vec<Check> {
    let given: Vec<(String, String)> = params.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect();
    let checks = find_model(model).unwrap().check(&given, &OPTIONS).unwrap();
    assert!(!checks.is_empty());
    for check in &checks {
        assert!(
            check.pass,
            "{model} {params:?}: {} closed form {} vs simulated {} (99.9% {:?})",
            check.quantity, check.closed_form, check.simulated, check.ci999
        );
    }
    checks
}

/// The closed form of `quantity` among `checks`.
pub(crate) fn closed(checks: &[Check], quantity: &str) -> f64 {
    checks.iter().find(|c| c.quantity == quantity).unwrap_or_else(|| panic!("no {quantity}")).closed_form
}

/// The simulated value of `quantity` among `checks`.
pub(crate) fn simulated(checks: &[Check], quantity: &str) -> f64 {
    checks.iter().find(|c| c.quantity == quantity).unwrap_or_else(|| panic!("no {quantity}")).simulated
}

/// |a − b| ≤ 5e-7: a closed form against a number published to six decimals.
pub(crate) fn published(value: f64, table: f64) {
    assert!((value - table).abs() <= 5e-7, "{value} vs published {table}");
}
