//! A Monte Carlo run and its summary: the JSON document of `brink run --format json` and
//! the text summary, built from the engine's [`Summary`]. Every front end runs a scenario
//! through [`config`] and [`run_report`], so their defaults and documents agree.

use std::time::Instant;

use brink_engine::{Cause, LimitReason, Outcome, RunConfig, RunSink, Summary, run_many};
use brink_scenario::{Loaded, Override};
use brink_types::run::{
    BeliefError, FirstCrossed, Miscalculations, NuclearUseOrigin, Occupancy, PeakRung, RedLines, RunBody, ScenarioInfo,
    Signals, Totals, TurnStats, Work,
};
use brink_types::{IndexMap, Outcomes, Proportion};
use serde_json::Value;

use crate::lives::{self, Plans};
use crate::{AppError, proportion};

/// Runs when neither the caller nor the scenario's `[run]` table gives a number.
pub const DEFAULT_RUNS: u64 = 100_000;
/// The seed when neither the caller nor the scenario's `[run]` table gives one.
pub const DEFAULT_SEED: u64 = 1;

/// The configuration of a run: the caller's runs and seed, else the scenario's `[run]` table,
/// else [`DEFAULT_RUNS`] and [`DEFAULT_SEED`].
pub fn config(loaded: &Loaded, runs: Option<u64>, seed: Option<u64>, threads: Option<usize>) -> RunConfig {
    RunConfig {
        runs: runs.or(loaded.info.default_runs).unwrap_or(DEFAULT_RUNS),
        seed: seed.or(loaded.info.default_seed).unwrap_or(DEFAULT_SEED),
        threads,
    }
}

/// Runs `loaded` as `config` asks, feeding `sink`; a cancelled run is [`AppError::Cancelled`].
pub fn run(loaded: &Loaded, config: &RunConfig, sink: &mut (dyn RunSink + Send)) -> Result<Summary, AppError> {
    if config.runs == 0 {
        return Err(AppError::bad("the number of runs must be at least 1"));
    }
    if config.threads == Some(0) {
        return Err(AppError::bad("the number of threads must be at least 1"));
    }
    // `policy = "equilibrium"`: the strategies are computed once per scenario, not per run.
    let solved = crate::crisis_game::with_equilibrium_strategies(loaded)?;
    let scenario = solved.as_deref().unwrap_or(&loaded.scenario);
    Ok(run_many(scenario, config, sink)?)
}

/// A finished run with everything `brink run` reports.
#[derive(Debug)]
pub struct RunReport {
    /// The engine's summary.
    pub summary: Summary,
    /// The report (`brink run --format json`), `timing` and `consequences` included.
    pub report: brink_types::RunReport,
    /// Wall-clock seconds the runs took.
    pub seconds: f64,
    /// The strike plans attached to nuclear rungs, assessed (`None` when there are none).
    pub lives: Option<Plans>,
}

impl RunReport {
    /// The report as JSON (the document of `brink run --format json`).
    pub fn json(&self) -> Value {
        self.report.to_value()
    }

    /// The text summary (what `brink run` prints without `--format json`): [`text`].
    pub fn text(&self) -> String {
        text(&self.report)
    }
}

/// Runs `loaded` and builds its report: the summary with `timing`, and `consequences`
/// when the scenario attaches strike plans (assessed before the runs, so a bad plan fails
/// before any run). `overrides` are recorded in the document as given.
pub fn run_report(
    loaded: &Loaded,
    overrides: &[Override],
    config: &RunConfig,
    sink: &mut (dyn RunSink + Send),
) -> Result<RunReport, AppError> {
    let lives = lives::prepare(loaded)?;
    let started = Instant::now();
    let summary = run(loaded, config, sink)?;
    let seconds = started.elapsed().as_secs_f64();
    let threads = config.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut body = body(loaded, &summary, overrides, config.seed);
    body.consequences = lives.as_ref().map(|l| l.consequences(&summary));
    let report = brink_types::Report::new(crate::VERSION, body).timed(brink_types::Timing {
        seconds,
        threads: Some(threads),
        decisions_per_second: Some(summary.decisions as f64 / seconds.max(1e-9)),
    });
    Ok(RunReport { summary, report, seconds, lives })
}

/// The run summary as JSON, without `consequences`; with `timing` (seconds, threads) when
/// given. Everything but `timing` is a pure function of the scenario, the overrides, the
/// seed and the number of runs.
pub fn summary_json(
    loaded: &Loaded,
    summary: &Summary,
    overrides: &[Override],
    seed: u64,
    timing: Option<(f64, usize)>,
) -> Value {
    let mut report = brink_types::Report::new(crate::VERSION, body(loaded, summary, overrides, seed));
    if let Some((seconds, threads)) = timing {
        report = report.timed(brink_types::Timing {
            seconds,
            threads: Some(threads),
            decisions_per_second: Some(summary.decisions as f64 / seconds.max(1e-9)),
        });
    }
    report.to_value()
}

/// The body of a run's report from the engine's summary (`consequences` left empty). A
/// statistic added to [`Summary`] is one field of [`RunBody`] and one line here.
pub fn body(loaded: &Loaded, summary: &Summary, overrides: &[Override], seed: u64) -> RunBody {
    let scenario = &loaded.scenario;
    let runs = summary.runs;
    let share = |count: u64| proportion(brink_engine::Proportion::new(count, runs));
    let outcome = |name: &str| Outcome::ALL.into_iter().find(|o| o.name() == name).unwrap_or(Outcome::TurnLimit);
    let outcomes = Outcomes::from_fn(|name| share(summary.outcome(outcome(name)).count));
    let peak_rung = scenario
        .ladder
        .rungs()
        .iter()
        .zip(&summary.peak_rung)
        .map(|(rung, &count)| PeakRung { rung: rung.name.clone(), count, p: count as f64 / runs as f64 })
        .collect();
    let turns = Outcomes::from_fn(|name| {
        let o = outcome(name);
        let count = summary.outcome(o).count;
        if count == 0 {
            TurnStats { count: 0, mean: None, p10: None, p50: None, p90: None }
        } else {
            TurnStats {
                count,
                mean: Some(summary.mean_turns(o)),
                p10: summary.turns_quantile(o, 0.1),
                p50: summary.turns_quantile(o, 0.5),
                p90: summary.turns_quantile(o, 0.9),
            }
        }
    });
    // `false_alarm` is listed only where some actor has an early-warning system, so the
    // summaries of scenarios without one stay as they were.
    let alarms = scenario.has_warnings();
    let nuclear_use_cause = Cause::ALL
        .iter()
        .zip(summary.nuclear_causes)
        .filter(|(c, _)| alarms || **c != Cause::FalseAlarm)
        .map(|(c, count)| (c.name().to_owned(), share(count)))
        .collect();
    let mut nuclear_use_by_actor: IndexMap<String, Proportion> = scenario
        .actors
        .iter()
        .zip(&summary.nuclear_by_actor)
        .map(|(a, &count)| (a.name.clone(), share(count)))
        .collect();
    nuclear_use_by_actor.insert("chance".into(), share(summary.nuclear_by_actor[scenario.actors.len()]));
    let concessions_by_actor = scenario
        .actors
        .iter()
        .zip(&summary.concessions_by_actor)
        .map(|(a, &count)| (a.name.clone(), share(count)))
        .collect();
    let n = scenario.actors.len();
    let mut first_crossed = Vec::new();
    for owner in 0..n {
        for crosser in 0..n {
            let count = summary.first_red_line[owner * n + crosser];
            if count > 0 {
                first_crossed.push(FirstCrossed {
                    owner: scenario.actors[owner].name.clone(),
                    crosser: scenario.actors[crosser].name.clone(),
                    count,
                });
            }
        }
    }
    let per_run = |total: f64| if runs == 0 { 0.0 } else { total / runs as f64 };
    let shares = (1..=scenario.rules.max_turns)
        .map(|t| (0..scenario.ladder.len()).map(|r| summary.occupancy_at(t, r) as f64 / runs.max(1) as f64).collect())
        .collect();
    let survival =
        (0..=scenario.rules.max_turns).map(|t| summary.surviving_after(t) as f64 / runs.max(1) as f64).collect();
    let nuclear_runs = summary.outcome(Outcome::NuclearUse).count;
    let of_nuclear =
        |count: u64| (nuclear_runs > 0).then(|| proportion(brink_engine::Proportion::new(count, nuclear_runs)));
    let chance_index = Cause::ALL.iter().position(|&c| c == Cause::Chance).unwrap_or(3);
    let nuclear_use_origin = NuclearUseOrigin {
        runs: nuclear_runs,
        after_miscalculation: of_nuclear(summary.nuclear_after_miscalculation),
        from_chance: of_nuclear(summary.nuclear_causes[chance_index]),
    };
    let turn_limit_reasons = LimitReason::ALL
        .iter()
        .zip(summary.limit_reasons)
        .map(|(reason, count)| (reason.name().to_owned(), share(count)))
        .collect();
    let negotiated_settlements = scenario.rules.bargaining.is_some().then(|| share(summary.negotiated_settlements));
    RunBody {
        manifest: crate::scenario_manifest(loaded, overrides, seed, runs),
        outcomes,
        peak_rung,
        turns,
        nuclear_use_cause,
        nuclear_use_by_actor,
        concessions_by_actor,
        red_lines: RedLines {
            crossed_total: summary.red_lines_crossed,
            crossed_per_run: per_run(summary.red_lines_crossed as f64),
            runs_with_crossing: share(summary.runs_with_red_line_crossed),
            first_crossed,
        },
        responses: Totals { total: summary.responses, per_run: per_run(summary.responses as f64) },
        miscalculations: Miscalculations {
            total: summary.miscalculations,
            per_run: per_run(summary.miscalculations as f64),
            runs_with_miscalculation: share(summary.runs_with_miscalculation),
        },
        nuclear_use_origin,
        turn_limit_reasons,
        negotiated_settlements,
        accidents: Totals { total: summary.accidents, per_run: per_run(summary.accidents as f64) },
        false_alarms: alarms
            .then(|| Totals { total: summary.false_alarms, per_run: per_run(summary.false_alarms as f64) }),
        misreads: scenario
            .ladder
            .has_confusion()
            .then(|| Totals { total: summary.misreads, per_run: per_run(summary.misreads as f64) }),
        signals: scenario.has_signals().then(|| {
            let totals = |total: u64| Totals { total, per_run: per_run(total as f64) };
            let tested = summary.signals_honoured + summary.signals_contradicted;
            Signals {
                sent: totals(summary.signals_sent),
                honoured: totals(summary.signals_honoured),
                contradicted: totals(summary.signals_contradicted),
                deception: (tested > 0).then(|| summary.signals_contradicted as f64 / tested as f64),
            }
        }),
        audience_costs_per_run: per_run(summary.audience_costs),
        belief_error: BeliefError {
            start_mean: per_run(summary.belief_error_start),
            end_mean: per_run(summary.belief_error_end),
        },
        work: Work { runs, turns: summary.total_turns, decisions: summary.decisions },
        occupancy: Occupancy { rungs: scenario.ladder.rungs().iter().map(|r| r.name.clone()).collect(), shares },
        survival,
        scenario_info: ScenarioInfo {
            title: loaded.info.title.clone(),
            question: loaded.info.question.clone(),
            turn: loaded.info.turn.clone(),
            ladder_source: loaded.info.ladder_source.clone(),
            sources: loaded.info.sources.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        },
        scenario_toml: loaded.effective_toml.clone(),
        consequences: None,
    }
}

/// The run summary as readable text (what `brink run` prints without `--format json`), from
/// the report alone.
pub fn text(report: &brink_types::RunReport) -> String {
    let b = &report.body;
    let m = &b.manifest;
    let runs = m.runs;
    let mut out = String::new();
    let title = b.scenario_info.title.as_deref().unwrap_or(&m.scenario);
    out += &format!("{title}\n");
    if let Some(question) = &b.scenario_info.question {
        out += &format!("Question: {question}\n");
    }
    out += &format!(
        "{runs} runs, seed {}, scenario {} ({}), hash {}\n\n",
        m.seed, m.scenario, m.scenario_origin, m.scenario_hash
    );
    out += &format!("{:<14} {:>10} {:>9}   {:<19} {:>11}\n", "outcome", "runs", "p", "95% CI (Wilson)", "mean turns");
    for (name, p) in b.outcomes.iter() {
        let mean = b.turns.get(name).and_then(|t| t.mean).filter(|m| !m.is_nan());
        let mean = mean.map_or_else(|| "-".to_owned(), |m| format!("{m:.1}"));
        out += &format!("{name:<14} {:>10} {:>9.5}   [{:.5}, {:.5}] {mean:>11}\n", p.count, p.p, p.ci95[0], p.ci95[1]);
    }
    let nuclear = b.outcomes.nuclear_use.count;
    if nuclear > 0 {
        out += "\nnuclear use by cause:";
        for (cause, p) in &b.nuclear_use_cause {
            out += &format!("  {cause} {:.1}%", 100.0 * p.count as f64 / nuclear as f64);
        }
        out += "\nnuclear use by actor:";
        for (who, p) in &b.nuclear_use_by_actor {
            if p.count > 0 {
                out += &format!("  {who} {:.1}%", 100.0 * p.count as f64 / nuclear as f64);
            }
        }
        out += "\n";
        let origin = &b.nuclear_use_origin;
        if let (Some(misc), Some(chance)) = (&origin.after_miscalculation, &origin.from_chance) {
            out += &format!(
                "nuclear use after a miscalculation {:.1}% [{:.1}, {:.1}], from the free chance hazard {:.1}% [{:.1}, {:.1}]\n",
                100.0 * misc.p,
                100.0 * misc.ci95[0],
                100.0 * misc.ci95[1],
                100.0 * chance.p,
                100.0 * chance.ci95[0],
                100.0 * chance.ci95[1]
            );
        }
    }
    let at_limit = b.outcomes.turn_limit.count;
    if at_limit > 0 {
        out += &format!("\nat the turn limit {:.4}:", b.outcomes.turn_limit.p);
        for (reason, p) in &b.turn_limit_reasons {
            out += &format!("  {} {:.4}", reason.replace('_', " "), p.p);
        }
        out += "\n";
    }
    if let Some(negotiated) = &b.negotiated_settlements {
        out += &format!("negotiated settlements {:.4} of runs\n", negotiated.p);
    }
    out += "\npeak rung reached:\n";
    for rung in &b.peak_rung {
        if rung.count > 0 {
            let bar = "#".repeat((rung.p * 40.0).round() as usize);
            out += &format!("  {:<34} {:>8.4} {bar}\n", rung.rung, rung.p);
        }
    }
    out += &format!(
        "\nper run: {:.3} red lines crossed, {:.3} responses, {:.3} miscalculations, {:.3} accidents\n",
        b.red_lines.crossed_per_run, b.responses.per_run, b.miscalculations.per_run, b.accidents.per_run
    );
    out += &format!(
        "runs with a red line crossed {:.4}, with a miscalculation {:.4}\n",
        b.red_lines.runs_with_crossing.p, b.miscalculations.runs_with_miscalculation.p
    );
    if let Some(alarms) = &b.false_alarms {
        out += &format!("per run: {:.3} false alarms\n", alarms.per_run);
    }
    if let Some(misreads) = &b.misreads {
        out += &format!("per run: {:.3} moves misread\n", misreads.per_run);
    }
    if let Some(signals) = &b.signals {
        out += &format!(
            "per run: {:.3} declarations sent, {:.3} honoured, {:.3} contradicted",
            signals.sent.per_run, signals.honoured.per_run, signals.contradicted.per_run
        );
        match signals.deception {
            Some(d) => out += &format!(" (deception {d:.3} of those tested)\n"),
            None => out += " (none tested)\n",
        }
    }
    let seconds = report.timing.as_ref().map_or(0.0, |t| t.seconds);
    out += &format!(
        "work: {} turns, {} decisions in {seconds:.2} s ({:.1} M decisions/s)\n",
        b.work.turns,
        b.work.decisions,
        b.work.decisions as f64 / seconds.max(1e-9) / 1e6
    );
    if let Some(consequences) = &b.consequences {
        out += &lives::text(consequences);
    }
    out += crate::NOTE;
    out
}
