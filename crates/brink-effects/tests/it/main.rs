//! Published-figure checks and property tests for brink-effects (one test binary).
//!
//! Every comparison is with an independent source (Glasstone & Dolan 1977, the Manhattan
//! Engineer District 1946 report, OTA 1979, a Soviet manual, ...), never with this crate's
//! own earlier output. Tolerances are stated and justified next to each check.

mod blast_reference;
mod cities;
mod fallout_wseg10;
mod properties;
mod thermal_radiation;

/// Relative difference `got / expected - 1`.
pub(crate) fn rel(got: f64, expected: f64) -> f64 {
    got / expected - 1.0
}

/// Asserts `|got / expected - 1| <= tol`, with a message naming the figure.
#[track_caller]
pub(crate) fn assert_within(what: &str, got: f64, expected: f64, tol: f64) {
    let r = rel(got, expected);
    assert!(
        r.abs() <= tol,
        "{what}: got {got:.4}, published {expected:.4}, off by {:+.1} % (tolerance {:.0} %)",
        100.0 * r,
        100.0 * tol
    );
}
