//! Policy comparisons on common random numbers: every policy runs the same seeds, and each is
//! reported with its outcome probabilities and its paired difference from the first policy
//! (Newcombe 1998, method 10) — the document of `brink compare --format json`.

use brink_engine::analysis::paired::PairedCounts;
use brink_engine::{Outcome, RunRecord, RunSink, Summary};
use serde_json::{Value, json};

/// z of a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// What the document says about its intervals.
pub const INTERVAL: &str = "Newcombe (1998) method 10 for paired proportions, 95%";

/// The code of an outcome in per-run outcome lists: its position in [`Outcome::ALL`].
pub fn outcome_code(outcome: Outcome) -> u8 {
    Outcome::ALL.iter().position(|&o| o == outcome).unwrap_or(0) as u8
}

/// A sink that keeps each run's outcome code, in run order (what the paired intervals need).
#[derive(Debug, Default)]
pub struct OutcomeSink {
    /// One [`outcome_code`] per run.
    pub outcomes: Vec<u8>,
}

impl RunSink for OutcomeSink {
    fn wants_records(&self) -> bool {
        true
    }

    fn record(&mut self, record: &RunRecord) {
        self.outcomes.push(outcome_code(record.outcome));
    }
}

/// One policy's runs.
#[derive(Debug)]
pub struct PolicyRuns<'a> {
    /// The policy's name.
    pub name: &'a str,
    /// How it was specified (`NAME=FILE` or `NAME=PATH=VALUE;…`).
    pub spec: &'a str,
    /// Hash of the scenario it ran.
    pub scenario_hash: &'a str,
    /// The summary of its runs.
    pub summary: &'a Summary,
    /// Its runs' [`outcome_code`]s, in run order (same seeds as every other policy).
    pub outcomes: &'a [u8],
}

/// The `policies` array: each policy's outcomes and its paired difference from the first.
pub fn policies_json(policies: &[PolicyRuns<'_>]) -> Vec<Value> {
    let Some(baseline) = policies.first().map(|p| p.outcomes) else { return Vec::new() };
    policies
        .iter()
        .map(|policy| {
            let mut outcome_json = serde_json::Map::new();
            let mut difference_json = serde_json::Map::new();
            for &outcome in &Outcome::ALL {
                let code = outcome_code(outcome);
                let p = policy.summary.outcome(outcome);
                outcome_json
                    .insert(outcome.name().into(), json!({ "count": p.count, "p": p.p, "ci95": [p.ci95.0, p.ci95.1] }));
                let mut paired = PairedCounts::default();
                for (&a, &b) in policy.outcomes.iter().zip(baseline) {
                    paired.add(a == code, b == code);
                }
                let d = paired.difference(Z95);
                difference_json.insert(
                    outcome.name().into(),
                    json!({ "difference": d.difference, "ci95": [d.interval.0, d.interval.1], "discordant_runs": paired.only_a + paired.only_b }),
                );
            }
            json!({
                "name": policy.name,
                "spec": policy.spec,
                "scenario_hash": policy.scenario_hash,
                "outcomes": outcome_json,
                "difference": difference_json,
            })
        })
        .collect()
}

/// The whole comparison document: the manifest (of the first policy's scenario), the
/// baseline's name, the interval method and the policies.
pub fn compare_json(manifest: &brink_report::Manifest, policies: &[PolicyRuns<'_>]) -> Value {
    crate::result(
        "compare",
        manifest,
        json!({
            "baseline": policies.first().map(|p| p.name),
            "interval": INTERVAL,
            "policies": policies_json(policies),
        }),
    )
}
