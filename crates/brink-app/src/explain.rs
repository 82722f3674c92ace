//! `brink explain`: the chains of steps behind an outcome (issue #14; docs/MODEL.md §13).
//! Runs the scenario as `brink run` does (same runs, seed defaults and results) and groups the
//! runs ending in the outcome by path.

use brink_engine::analysis::paths::PathGrouping;
use brink_engine::{Outcome, RunConfig, RunSink, run_many};
use brink_scenario::{Loaded, Override};
use brink_types::ExplainReport;
use brink_types::explain::{ExplainBody, ExplainEnding, ExplainPath, ExplainStep};

use crate::AppError;

/// Distinct paths kept while grouping (memory stays bounded whatever the number of runs).
pub const PATH_CAPACITY: usize = 100_000;

/// The outcome named `name` (`None` for `all`), or a bad-input error naming the choices.
pub fn parse_outcome(name: &str) -> Result<Option<Outcome>, AppError> {
    if name == "all" {
        return Ok(None);
    }
    Outcome::ALL.into_iter().find(|o| o.name() == name).map(Some).ok_or_else(|| {
        let names: Vec<&str> = Outcome::ALL.iter().map(|o| o.name()).collect();
        AppError::BadInput(format!("error: unknown outcome `{name}`; expected one of {}, or all", names.join(", ")))
    })
}

/// Groups a sink's runs by path while forwarding progress and cancellation to `inner`.
struct Grouping<'s> {
    paths: PathGrouping,
    inner: &'s mut (dyn RunSink + Send),
}

impl RunSink for Grouping<'_> {
    fn wants_records(&self) -> bool {
        true
    }
    fn wants_paths(&self) -> bool {
        true
    }
    fn record(&mut self, record: &brink_engine::RunRecord) {
        self.paths.add(record);
    }
    fn progress(&mut self, done: u64) {
        self.inner.progress(done);
    }
    fn cancelled(&mut self) -> bool {
        self.inner.cancelled()
    }
}

/// The `top` most frequent paths to `outcome` (`None`: every run) over the runs of `config`.
pub fn explain_report(
    loaded: &Loaded,
    overrides: &[Override],
    config: &RunConfig,
    outcome: Option<Outcome>,
    top: usize,
    sink: &mut (dyn RunSink + Send),
) -> Result<ExplainReport, AppError> {
    let scenario = &loaded.scenario;
    let mut grouping = Grouping { paths: PathGrouping::new(outcome, PATH_CAPACITY), inner: sink };
    run_many(scenario, config, &mut grouping).map_err(AppError::from)?;
    let grouped = &grouping.paths;
    let (groups, other_runs) = grouped.top(top);
    let actor = |id: usize| scenario.actors[id].name.clone();
    let rung = |id: usize| scenario.ladder.rung(id).name.clone();
    let paths = groups
        .iter()
        .map(|group| {
            let share = brink_engine::Proportion::new(group.count, grouped.outcome_runs);
            let count = group.count as f64;
            let steps = group
                .key
                .steps
                .iter()
                .enumerate()
                .map(|(i, step)| ExplainStep {
                    actor: actor(step.actor),
                    from: rung(step.from),
                    to: rung(step.to),
                    cause: step.cause.name().to_owned(),
                    event: match step.cause {
                        brink_engine::StepCause::Event(index) => Some(
                            loaded
                                .info
                                .event_labels
                                .get(index)
                                .cloned()
                                .flatten()
                                .unwrap_or_else(|| format!("events.{index}")),
                        ),
                        _ => None,
                    },
                    mean_turn: group.turn_sums[i] as f64 / count,
                    miscalculation_share: group.miscalculations[i] as f64 / count,
                    crossed_red_line_share: group.crossed_red_lines[i] as f64 / count,
                })
                .collect();
            let ending = &group.key.ending;
            ExplainPath {
                count: group.count,
                share: share.p,
                ci95: [share.ci95.0, share.ci95.1],
                first_run: group.first_run,
                steps,
                ending: ExplainEnding {
                    outcome: ending.outcome.name().to_owned(),
                    cause: ending.nuclear_cause.map(|c| c.name().to_owned()),
                    actor: ending.actor.map(actor),
                },
            }
        })
        .collect();
    let body = ExplainBody {
        manifest: crate::scenario_manifest(loaded, overrides, config.seed, config.runs),
        outcome: outcome.map_or("all", |o| o.name()).to_owned(),
        outcome_runs: grouped.outcome_runs,
        paths,
        other_runs,
        distinct_paths: grouped.distinct_paths() as u64,
        paths_truncated: grouped.truncated(),
    };
    Ok(ExplainReport::new(crate::VERSION, body))
}

/// The report as text a reader new to the model can follow: one line per path, arrows between
/// steps, causes in words.
pub fn text(report: &ExplainReport) -> String {
    let b = &report.body;
    let m = &b.manifest;
    let mut out = format!(
        "Why runs end in {}: {} of {} runs (seed {}, scenario {}), grouped by the steps that led there.\n\n",
        b.outcome.replace('_', " "),
        b.outcome_runs,
        m.runs,
        m.seed,
        m.scenario
    );
    for (rank, path) in b.paths.iter().enumerate() {
        out += &format!(
            "{:>2}. {:5.1}% [{:.1}, {:.1}] of these runs ({} runs, e.g. run {}):\n    ",
            rank + 1,
            100.0 * path.share,
            100.0 * path.ci95[0],
            100.0 * path.ci95[1],
            path.count,
            path.first_run
        );
        let mut parts: Vec<String> = path
            .steps
            .iter()
            .map(|s| {
                let why = match s.cause.as_str() {
                    "event" => format!("scripted: {}", s.event.as_deref().unwrap_or("event")),
                    "decision" => "by decision".to_owned(),
                    "response" => "answering a crossed red line".to_owned(),
                    "accident" => "by accident".to_owned(),
                    other => other.to_owned(),
                };
                let mut notes = Vec::new();
                if s.crossed_red_line_share > 0.0 {
                    notes.push(format!("crossed a red line in {:.0}%", 100.0 * s.crossed_red_line_share));
                }
                if s.miscalculation_share > 0.0 {
                    notes.push(format!("a miscalculation in {:.0}%", 100.0 * s.miscalculation_share));
                }
                let notes = if notes.is_empty() { String::new() } else { format!("; {}", notes.join(", ")) };
                format!("{} up to {} (turn {:.1}, {why}{notes})", s.actor, s.to, s.mean_turn)
            })
            .collect();
        let ending = &path.ending;
        parts.push(match (&ending.cause, &ending.actor) {
            (Some(cause), Some(who)) => format!("{} ({cause}, {who})", ending.outcome.replace('_', " ")),
            (Some(cause), None) => format!("{} ({cause})", ending.outcome.replace('_', " ")),
            (None, Some(who)) => format!("{} by {who}", ending.outcome.replace('_', " ")),
            (None, None) => ending.outcome.replace('_', " "),
        });
        if path.steps.is_empty() {
            out += "no step up → ";
        }
        out += &parts.join("\n      → ");
        out += "\n";
    }
    out += &format!(
        "\nother runs: {} ({} distinct paths{}).\n",
        b.other_runs,
        b.distinct_paths,
        if b.paths_truncated { ", at least: the table of paths was full" } else { "" }
    );
    out += "Note: these figures follow from the scenario's stated assumptions (every number in it is one); they are not a forecast.\n";
    out
}
