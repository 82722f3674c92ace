//! Policy comparisons on common random numbers: every policy runs the same seeds, and each is
//! reported with its outcome probabilities and its paired difference from the first policy
//! (Newcombe 1998, method 10) — the document of `brink compare --format json`.

use brink_engine::analysis::paired::PairedCounts;
use std::time::Instant;

use brink_engine::{Outcome, RunConfig, RunRecord, RunSink, Summary};
use brink_scenario::{Loaded, Override};
use brink_types::experiment::{CompareBody, ComparePolicy, Difference};
use brink_types::{CompareReport, Outcomes, ScenarioManifest};

use crate::{AppError, proportion};

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

/// One policy to compare: its name, how it was given, and its scenario (loaded).
#[derive(Debug)]
pub struct Policy {
    /// The policy's name.
    pub name: String,
    /// How it was specified (`NAME=FILE` or `NAME=PATH=VALUE;…`).
    pub spec: String,
    /// Its scenario, with the base overrides and its own applied.
    pub loaded: Loaded,
}

/// A comparison: policies (the first is the baseline) run on the same seeds.
#[derive(Debug)]
pub struct CompareRequest {
    /// The policies, baseline first (at least one).
    pub policies: Vec<Policy>,
    /// The overrides every policy shares (recorded in the manifest).
    pub overrides: Vec<Override>,
    /// Runs per policy (default: the baseline scenario's `run.runs`, else 100 000).
    pub runs: Option<u64>,
    /// Master seed (default: the baseline scenario's `run.seed`, else 1).
    pub seed: Option<u64>,
    /// Worker threads (default: one per core).
    pub threads: Option<usize>,
}

impl CompareRequest {
    /// The runs and seed the comparison uses (the defaults of `brink run` on the baseline).
    pub fn config(&self) -> Result<RunConfig, AppError> {
        let first = self.policies.first().ok_or_else(|| AppError::bad("a comparison needs at least one policy"))?;
        Ok(crate::run::config(&first.loaded, self.runs, self.seed, self.threads))
    }
}

/// Runs every policy of `request` on common random numbers and reports them. `sink` sees
/// progress over all policies (runs × policies in total) and may cancel.
pub fn compare(request: &CompareRequest, sink: &mut (dyn RunSink + Send)) -> Result<CompareReport, AppError> {
    let started = Instant::now();
    let config = request.config()?;
    let mut results = Vec::with_capacity(request.policies.len());
    for (index, policy) in request.policies.iter().enumerate() {
        let mut paired = Paired {
            inner: &mut *sink,
            offset: config.runs * index as u64,
            outcomes: Vec::with_capacity(config.runs.min(1 << 24) as usize),
        };
        let summary = crate::run::run(&policy.loaded, &config, &mut paired)?;
        let outcomes = paired.outcomes;
        results.push((summary, outcomes));
    }
    let policies: Vec<PolicyRuns<'_>> = request
        .policies
        .iter()
        .zip(&results)
        .map(|(policy, (summary, outcomes))| PolicyRuns {
            name: &policy.name,
            spec: &policy.spec,
            scenario_hash: &policy.loaded.hash,
            summary,
            outcomes,
        })
        .collect();
    let manifest = crate::scenario_manifest(&request.policies[0].loaded, &request.overrides, config.seed, config.runs);
    Ok(crate::report(body(manifest, &policies), started))
}

/// Keeps each run's outcome code for the paired intervals and passes everything else on to
/// the caller's sink, with progress counted over all policies.
struct Paired<'a> {
    inner: &'a mut (dyn RunSink + Send),
    offset: u64,
    outcomes: Vec<u8>,
}

impl RunSink for Paired<'_> {
    fn wants_records(&self) -> bool {
        true
    }

    fn record(&mut self, record: &RunRecord) {
        self.outcomes.push(outcome_code(record.outcome));
    }

    fn progress(&mut self, done: u64) {
        self.inner.progress(self.offset + done);
    }

    fn cancelled(&mut self) -> bool {
        self.inner.cancelled()
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

/// Each policy's outcomes and its paired difference from the first.
pub fn policies(policies: &[PolicyRuns<'_>]) -> Vec<ComparePolicy> {
    let Some(baseline) = policies.first().map(|p| p.outcomes) else { return Vec::new() };
    policies
        .iter()
        .map(|policy| {
            let outcome =
                |name: &str| Outcome::ALL.into_iter().find(|o| o.name() == name).unwrap_or(Outcome::TurnLimit);
            let difference = Outcomes::from_fn(|name| {
                let code = outcome_code(outcome(name));
                let mut paired = PairedCounts::default();
                for (&a, &b) in policy.outcomes.iter().zip(baseline) {
                    paired.add(a == code, b == code);
                }
                let d = paired.difference(Z95);
                Difference {
                    difference: d.difference,
                    ci95: [d.interval.0, d.interval.1],
                    discordant_runs: paired.only_a + paired.only_b,
                }
            });
            ComparePolicy {
                name: policy.name.to_owned(),
                spec: policy.spec.to_owned(),
                scenario_hash: policy.scenario_hash.to_owned(),
                outcomes: Outcomes::from_fn(|name| proportion(policy.summary.outcome(outcome(name)))),
                difference,
            }
        })
        .collect()
}

/// The body of a comparison: the manifest (of the first policy's scenario), the baseline's
/// name, the interval method and the policies.
pub fn body(manifest: ScenarioManifest, runs: &[PolicyRuns<'_>]) -> CompareBody {
    CompareBody {
        manifest,
        baseline: runs.first().map(|p| p.name.to_owned()),
        interval: INTERVAL.to_owned(),
        policies: policies(runs),
    }
}

/// The readable table of `brink compare`.
pub fn text(report: &CompareReport) -> String {
    let body = &report.body;
    let mut out = format!(
        "{} runs per policy, seed {} (common random numbers), baseline `{}`\n\n{:<16} {:>10} {:>22} {:>11} {:>24}\n",
        body.manifest.runs,
        body.manifest.seed,
        body.baseline.as_deref().unwrap_or(""),
        "policy",
        "P(nuclear)",
        "95% CI",
        "vs baseline",
        "95% CI (paired, Newcombe)"
    );
    for policy in &body.policies {
        let o = &policy.outcomes.nuclear_use;
        let d = &policy.difference.nuclear_use;
        out += &format!(
            "{:<16} {:>10.5} [{:>9.5}, {:>9.5}] {:>+11.5} [{:>+10.5}, {:>+10.5}]\n",
            policy.name, o.p, o.ci95[0], o.ci95[1], d.difference, d.ci95[0], d.ci95[1],
        );
    }
    out += "\n";
    out += crate::NOTE;
    out
}
