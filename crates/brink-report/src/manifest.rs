//! The manifest every output carries: enough to reproduce it.

use serde::Serialize;

/// Provenance of an output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Manifest {
    /// brink's version.
    pub brink_version: String,
    /// Scenario name.
    pub scenario: String,
    /// Where the scenario came from (path or `bundled:NAME`).
    pub scenario_origin: String,
    /// Hash of the scenario text after overrides.
    pub scenario_hash: String,
    /// `--set` overrides, as given.
    pub overrides: Vec<String>,
    /// Master seed.
    pub seed: u64,
    /// Number of runs.
    pub runs: u64,
    /// The random generator.
    pub generator: String,
    /// What the file holds (`runs`, `trajectories`, `sweep`, …).
    pub content: String,
}

impl Manifest {
    /// As pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a manifest serialises")
    }
}
