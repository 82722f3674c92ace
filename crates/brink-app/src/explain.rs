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
    out += crate::NOTE;
    out
}

/// The run to tell: run `k`, or the first run (from 0, among the runs of `config`) that ends
/// in `outcome`.
#[derive(Debug, Clone, Copy)]
pub enum Pick {
    /// Run `k`.
    Run(u64),
    /// The first run ending so.
    First(Outcome),
}

impl Pick {
    /// The run a front end asked for: `run` (`--run K`) wins over `find` (`--find OUTCOME`);
    /// neither means no story (group paths instead). `find = "all"` is bad input.
    pub fn from_choice(run: Option<u64>, find: Option<&str>) -> Result<Option<Pick>, AppError> {
        match (run, find) {
            (Some(k), _) => Ok(Some(Pick::Run(k))),
            (None, Some(name)) => match parse_outcome(name)? {
                Some(outcome) => Ok(Some(Pick::First(outcome))),
                None => Err(AppError::BadInput("error: --find needs one outcome, not `all`".into())),
            },
            (None, None) => Ok(None),
        }
    }
}

/// One run told turn by turn (`brink explain --run K` or `--find OUTCOME`).
pub fn story_report(
    loaded: &Loaded,
    overrides: &[Override],
    config: &RunConfig,
    pick: Pick,
) -> Result<brink_types::StoryReport, AppError> {
    use brink_types::explain::{
        StoryBelief, StoryBody, StoryDecision, StoryDeclarationTested, StoryMove, StoryOption, StorySignal, StoryTurn,
    };
    let scenario = &loaded.scenario;
    let mut simulator = brink_engine::Simulator::new(scenario);
    let run = match pick {
        Pick::Run(k) => k,
        Pick::First(outcome) => {
            (0..config.runs).find(|&k| simulator.run(config.seed, k).outcome == outcome).ok_or_else(|| {
                AppError::BadInput(format!(
                    "error: none of the {} runs (seed {}) ends in {}",
                    config.runs,
                    config.seed,
                    outcome.name()
                ))
            })?
        }
    };
    let (record, story) = simulator.tell(config.seed, run);
    let rungs = scenario.ladder.len();
    let actor = |id: usize| scenario.actors[id].name.clone();
    let rung = |id: usize| if id >= rungs { "never".to_owned() } else { scenario.ladder.rung(id).name.clone() };
    let action = |from: usize, action: brink_engine::utility::Action| match action {
        brink_engine::utility::Action::Concede => ("concede".to_owned(), None),
        brink_engine::utility::Action::MoveTo(to) => {
            let name = match to.cmp(&from) {
                std::cmp::Ordering::Less => "down",
                std::cmp::Ordering::Equal => "hold",
                std::cmp::Ordering::Greater if to == from + 1 => "up",
                std::cmp::Ordering::Greater => "jump",
            };
            (name.to_owned(), Some(rung(to)))
        }
    };
    let turns = story
        .turns
        .iter()
        .map(|turn| StoryTurn {
            turn: turn.turn,
            rungs: turn.rungs.iter().enumerate().map(|(a, &r)| (actor(a), rung(r))).collect(),
            events: turn
                .events
                .iter()
                .map(|&i| loaded.info.event_labels.get(i).cloned().flatten().unwrap_or_else(|| format!("events.{i}")))
                .collect(),
            decisions: turn
                .decisions
                .iter()
                .map(|d| {
                    let (chosen, chosen_to) = action(d.from, d.chosen);
                    StoryDecision {
                        actor: actor(d.actor),
                        options: d
                            .options
                            .iter()
                            .map(|o| {
                                let (name, to) = action(d.from, o.action);
                                StoryOption { action: name, to, expected_utility: o.expected_utility, p: o.p }
                            })
                            .collect(),
                        chosen,
                        chosen_to,
                    }
                })
                .collect(),
            moves: turn
                .moves
                .iter()
                .map(|m| StoryMove {
                    actor: actor(m.actor),
                    from: rung(m.from),
                    to: rung(m.to),
                    cause: m.cause.name().to_owned(),
                    miscalculation: m.miscalculation,
                    crossed_red_line_of: (0..scenario.actors.len())
                        .filter(|&a| m.crossed_red_line_of & (1 << a) != 0)
                        .map(actor)
                        .collect(),
                })
                .collect(),
            beliefs: turn
                .beliefs
                .iter()
                .map(|b| StoryBelief {
                    holder: actor(b.holder),
                    about: actor(b.about),
                    mean_red_line: b.mean_red_line,
                    p_respond_next: b.p_respond_next,
                    true_red_line: rung(b.true_red_line),
                })
                .collect(),
            signals: turn
                .signals
                .iter()
                .map(|s| StorySignal { actor: actor(s.actor), declared: s.declared.map(rung), bluff: s.bluff })
                .collect(),
            declarations_tested: turn
                .pledges_tested
                .iter()
                .map(|&(a, r, honoured)| StoryDeclarationTested { actor: actor(a), rung: rung(r), honoured })
                .collect(),
        })
        .collect();
    let body = StoryBody {
        manifest: crate::scenario_manifest(loaded, overrides, config.seed, config.runs),
        run,
        outcome: record.outcome.name().to_owned(),
        nuclear_cause: record.nuclear.map(|n| n.cause.name().to_owned()),
        true_red_lines: story.true_red_lines.iter().enumerate().map(|(a, &r)| (actor(a), rung(r))).collect(),
        turns,
    };
    Ok(brink_types::StoryReport::new(crate::VERSION, body))
}

/// A told run as text: one block per turn.
pub fn story_text(report: &brink_types::StoryReport) -> String {
    let b = &report.body;
    let mut out = format!(
        "Run {} of {} (seed {}): ends in {}{}.\nTrue red lines: {}\n",
        b.run,
        b.manifest.scenario,
        b.manifest.seed,
        b.outcome.replace('_', " "),
        b.nuclear_cause.as_deref().map(|c| format!(" ({c})")).unwrap_or_default(),
        b.true_red_lines.iter().map(|(a, r)| format!("{a} {r}")).collect::<Vec<_>>().join(", ")
    );
    for turn in &b.turns {
        out += &format!("\nturn {}:\n", turn.turn);
        for event in &turn.events {
            out += &format!("  event: {event}\n");
        }
        for signal in &turn.signals {
            out += &match &signal.declared {
                Some(rung) if signal.bluff => format!("  {} declares {rung} (a bluff)\n", signal.actor),
                Some(rung) => format!("  {} declares {rung}\n", signal.actor),
                None => format!("  {} declares nothing (its type would not)\n", signal.actor),
            };
        }
        for d in &turn.decisions {
            let options: Vec<String> = d
                .options
                .iter()
                .map(|o| format!("{} {:.0}% (EU {:.3})", o.action, 100.0 * o.p, o.expected_utility))
                .collect();
            let options =
                if options.is_empty() { String::new() } else { format!(" — options: {}", options.join(", ")) };
            out += &format!("  {} chooses {}{}\n", d.actor, d.chosen, options);
        }
        for m in &turn.moves {
            let mut notes = Vec::new();
            if !m.crossed_red_line_of.is_empty() {
                notes.push(format!("crosses the red line of {}", m.crossed_red_line_of.join(", ")));
            }
            if m.miscalculation {
                notes.push("a miscalculation: judged unlikely to be answered, and answered".to_owned());
            }
            let notes = if notes.is_empty() { String::new() } else { format!("; {}", notes.join("; ")) };
            out += &format!("  move: {} {} → {} ({}{notes})\n", m.actor, m.from, m.to, m.cause);
        }
        for tested in &turn.declarations_tested {
            let verdict = if tested.honoured { "honoured: answered" } else { "contradicted: left unanswered" };
            out += &format!("  {}'s declaration at {} {verdict}\n", tested.actor, tested.rung);
        }
        out += &format!(
            "  rungs: {}\n",
            turn.rungs.iter().map(|(a, r)| format!("{a} {r}")).collect::<Vec<_>>().join(", ")
        );
        for belief in &turn.beliefs {
            out += &format!(
                "  {} about {}: mean red line {:.2}, believed chance of an answer to the next step {:.2} (true line: {})\n",
                belief.holder, belief.about, belief.mean_red_line, belief.p_respond_next, belief.true_red_line
            );
        }
    }
    out +=
        "Note: this run follows from the scenario's stated assumptions; it is one of many possible, not a forecast.\n";
    out
}
