//! `brink run`: run a scenario many times and summarise the outcomes.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use brink_engine::{Cause, Outcome, RunConfig, RunRecord, RunSink, Summary, run_many};
use brink_report::records::RecordSink;
use brink_scenario::{Loaded, Override};
use serde_json::{Value, json};

use super::{CmdError, CmdResult, Format, load_scenario, manifest, report_error};

/// Flags of `brink run`.
#[derive(Debug, clap::Args)]
pub(crate) struct RunArgs {
    /// A bundled scenario name or a TOML file (default: the bundled `ukraine-2024`).
    scenario: Option<String>,
    /// Number of runs (default: the scenario's `run.runs`, else 100000).
    #[arg(short = 'n', long = "runs")]
    runs: Option<u64>,
    /// Master seed (default: the scenario's `run.seed`, else 1).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Override any scenario key: PATH=VALUE, e.g. actors.russia.response_prob=0.6 (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    overrides: Vec<Override>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write one record per run to FILE (.csv, .jsonl or .parquet), with a manifest.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Write every actor's rung per turn to FILE (.csv, .jsonl or .parquet).
    #[arg(long, value_name = "FILE")]
    trajectories: Option<PathBuf>,
}

/// Runs `brink run`.
pub(crate) fn run(args: RunArgs) -> CmdResult {
    let loaded = load_scenario(args.scenario.as_deref(), &args.overrides)?;
    let runs = args.runs.or(loaded.info.default_runs).unwrap_or(100_000);
    let seed = args.seed.or(loaded.info.default_seed).unwrap_or(1);
    if runs == 0 {
        return Err(CmdError::BadInput("error: --runs must be at least 1".into()));
    }
    if args.threads == Some(0) {
        return Err(CmdError::BadInput("error: --threads must be at least 1".into()));
    }
    let lives = super::lives::prepare(&loaded)?;
    let config = RunConfig { runs, seed, threads: args.threads };
    let manifest = manifest(&loaded, &args.overrides, seed, runs, "runs");
    let records = RecordSink::create(&loaded.scenario, args.out.as_deref(), args.trajectories.as_deref(), &manifest)
        .map_err(report_error)?;
    let mut sink = RunSinks { progress: Progress::new(runs), records };
    let started = Instant::now();
    let summary = run_many(&loaded.scenario, &config, &mut sink).map_err(|e| CmdError::Internal(e.into()))?;
    sink.progress.finish();
    sink.records.finish().map_err(report_error)?;
    let seconds = started.elapsed().as_secs_f64();
    let threads = args.threads.unwrap_or_else(rayon_threads);
    let mut report = summary_json(&loaded, &summary, &args.overrides, seed, Some((seconds, threads)));
    if let Some(lives) = &lives {
        report["consequences"] = lives.json(&summary);
    }
    let mut stdout = std::io::stdout().lock();
    let written = match args.format {
        Format::Json => writeln!(stdout, "{}", serde_json::to_string_pretty(&report).expect("JSON values serialise")),
        Format::Text => write!(
            stdout,
            "{}{}",
            summary_text(&loaded, &summary, seed, seconds),
            lives.as_ref().map_or_else(String::new, |l| l.text(&summary))
        ),
    };
    written.map_err(|e| CmdError::Internal(e.into()))
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The run summary as JSON. Everything but `timing` is a pure function of the scenario, the
/// overrides, the seed and the number of runs.
pub(crate) fn summary_json(
    loaded: &Loaded,
    summary: &Summary,
    overrides: &[Override],
    seed: u64,
    timing: Option<(f64, usize)>,
) -> Value {
    let scenario = &loaded.scenario;
    let runs = summary.runs;
    let proportion = |count: u64| {
        let p = brink_engine::Proportion::new(count, runs);
        json!({ "count": p.count, "p": p.p, "ci95": [p.ci95.0, p.ci95.1] })
    };
    let outcomes: serde_json::Map<String, Value> =
        Outcome::ALL.iter().map(|&o| (o.name().to_owned(), proportion(summary.outcome(o).count))).collect();
    let peak: Vec<Value> = scenario
        .ladder
        .rungs()
        .iter()
        .zip(&summary.peak_rung)
        .map(|(rung, &count)| json!({ "rung": rung.name, "count": count, "p": count as f64 / runs as f64 }))
        .collect();
    let turns: serde_json::Map<String, Value> = Outcome::ALL
        .iter()
        .map(|&o| {
            let count = summary.outcome(o).count;
            let stats = if count == 0 {
                json!({ "count": 0 })
            } else {
                json!({
                    "count": count,
                    "mean": summary.mean_turns(o),
                    "p10": summary.turns_quantile(o, 0.1),
                    "p50": summary.turns_quantile(o, 0.5),
                    "p90": summary.turns_quantile(o, 0.9),
                })
            };
            (o.name().to_owned(), stats)
        })
        .collect();
    let causes: serde_json::Map<String, Value> = Cause::ALL
        .iter()
        .zip(summary.nuclear_causes)
        .map(|(c, count)| (c.name().to_owned(), proportion(count)))
        .collect();
    let mut by_actor: serde_json::Map<String, Value> = scenario
        .actors
        .iter()
        .zip(&summary.nuclear_by_actor)
        .map(|(a, &count)| (a.name.clone(), proportion(count)))
        .collect();
    by_actor.insert("chance".into(), proportion(summary.nuclear_by_actor[scenario.actors.len()]));
    let concessions: serde_json::Map<String, Value> = scenario
        .actors
        .iter()
        .zip(&summary.concessions_by_actor)
        .map(|(a, &count)| (a.name.clone(), proportion(count)))
        .collect();
    let n = scenario.actors.len();
    let mut first: Vec<Value> = Vec::new();
    for owner in 0..n {
        for crosser in 0..n {
            let count = summary.first_red_line[owner * n + crosser];
            if count > 0 {
                first.push(json!({ "owner": scenario.actors[owner].name, "crosser": scenario.actors[crosser].name, "count": count }));
            }
        }
    }
    let per_run = |total: f64| if runs == 0 { 0.0 } else { total / runs as f64 };
    let occupancy_rows: Vec<Vec<f64>> = (1..=scenario.rules.max_turns)
        .map(|t| (0..scenario.ladder.len()).map(|r| summary.occupancy_at(t, r) as f64 / runs.max(1) as f64).collect())
        .collect();
    let survival: Vec<f64> =
        (0..=scenario.rules.max_turns).map(|t| summary.surviving_after(t) as f64 / runs.max(1) as f64).collect();
    let sources: serde_json::Map<String, Value> =
        loaded.info.sources.iter().map(|(k, v)| (k.clone(), Value::from(v.clone()))).collect();
    let mut report = json!({
        "kind": "run",
        "brink_version": env!("CARGO_PKG_VERSION"),
        "scenario": scenario.name,
        "scenario_origin": loaded.origin,
        "scenario_hash": loaded.hash,
        "overrides": overrides.iter().map(Override::flag).collect::<Vec<_>>(),
        "generator": brink_engine::stream::GENERATOR,
        "runs": runs,
        "seed": seed,
        "outcomes": outcomes,
        "peak_rung": peak,
        "turns": turns,
        "nuclear_use_cause": causes,
        "nuclear_use_by_actor": by_actor,
        "concessions_by_actor": concessions,
        "red_lines": {
            "crossed_total": summary.red_lines_crossed,
            "crossed_per_run": per_run(summary.red_lines_crossed as f64),
            "runs_with_crossing": proportion(summary.runs_with_red_line_crossed),
            "first_crossed": first,
        },
        "responses": { "total": summary.responses, "per_run": per_run(summary.responses as f64) },
        "miscalculations": {
            "total": summary.miscalculations,
            "per_run": per_run(summary.miscalculations as f64),
            "runs_with_miscalculation": proportion(summary.runs_with_miscalculation),
        },
        "accidents": { "total": summary.accidents, "per_run": per_run(summary.accidents as f64) },
        "audience_costs_per_run": per_run(summary.audience_costs),
        "belief_error": { "start_mean": per_run(summary.belief_error_start), "end_mean": per_run(summary.belief_error_end) },
        "work": { "runs": runs, "turns": summary.total_turns, "decisions": summary.decisions },
        "occupancy": {
            "rungs": scenario.ladder.rungs().iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
            "shares": occupancy_rows,
        },
        "survival": survival,
        "scenario_info": {
            "title": loaded.info.title,
            "question": loaded.info.question,
            "turn": loaded.info.turn,
            "ladder_source": loaded.info.ladder_source,
            "sources": sources,
        },
        "scenario_toml": loaded.effective_toml,
    });
    if let Some((seconds, threads)) = timing {
        report["timing"] = json!({
            "seconds": seconds,
            "threads": threads,
            "decisions_per_second": summary.decisions as f64 / seconds.max(1e-9),
        });
    }
    report
}

fn summary_text(loaded: &Loaded, summary: &Summary, seed: u64, seconds: f64) -> String {
    let scenario = &loaded.scenario;
    let runs = summary.runs;
    let mut out = String::new();
    let title = loaded.info.title.as_deref().unwrap_or(&scenario.name);
    out += &format!("{title}\n");
    if let Some(question) = &loaded.info.question {
        out += &format!("Question: {question}\n");
    }
    out +=
        &format!("{runs} runs, seed {seed}, scenario {} ({}), hash {}\n\n", scenario.name, loaded.origin, loaded.hash);
    out += &format!("{:<14} {:>10} {:>9}   {:<19} {:>11}\n", "outcome", "runs", "p", "95% CI (Wilson)", "mean turns");
    for outcome in Outcome::ALL {
        let p = summary.outcome(outcome);
        let mean = summary.mean_turns(outcome);
        let mean = if mean.is_nan() { "-".to_owned() } else { format!("{mean:.1}") };
        out += &format!(
            "{:<14} {:>10} {:>9.5}   [{:.5}, {:.5}] {:>11}\n",
            outcome.name(),
            p.count,
            p.p,
            p.ci95.0,
            p.ci95.1,
            mean
        );
    }
    let nuclear = summary.outcome(Outcome::NuclearUse).count;
    if nuclear > 0 {
        out += "\nnuclear use by cause:";
        for (cause, count) in Cause::ALL.iter().zip(summary.nuclear_causes) {
            out += &format!("  {} {:.1}%", cause.name(), 100.0 * count as f64 / nuclear as f64);
        }
        out += "\nnuclear use by actor:";
        for (index, &count) in summary.nuclear_by_actor.iter().enumerate() {
            if count > 0 {
                let who = scenario.actors.get(index).map_or("chance", |a| a.name.as_str());
                out += &format!("  {who} {:.1}%", 100.0 * count as f64 / nuclear as f64);
            }
        }
        out += "\n";
    }
    out += "\npeak rung reached:\n";
    for (rung, &count) in scenario.ladder.rungs().iter().zip(&summary.peak_rung) {
        if count > 0 {
            let share = count as f64 / runs as f64;
            let bar = "#".repeat((share * 40.0).round() as usize);
            out += &format!("  {:<34} {:>8.4} {bar}\n", rung.name, share);
        }
    }
    let per_run = |x: u64| x as f64 / runs as f64;
    out += &format!(
        "\nper run: {:.3} red lines crossed, {:.3} responses, {:.3} miscalculations, {:.3} accidents\n",
        per_run(summary.red_lines_crossed),
        per_run(summary.responses),
        per_run(summary.miscalculations),
        per_run(summary.accidents)
    );
    out += &format!(
        "runs with a red line crossed {:.4}, with a miscalculation {:.4}\n",
        per_run(summary.runs_with_red_line_crossed),
        per_run(summary.runs_with_miscalculation)
    );
    out += &format!(
        "work: {} turns, {} decisions in {seconds:.2} s ({:.1} M decisions/s)\n",
        summary.total_turns,
        summary.decisions,
        summary.decisions as f64 / seconds.max(1e-9) / 1e6
    );
    out
}

/// A progress bar on stderr when it is a terminal; nothing otherwise.
pub(crate) struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub(crate) fn new(runs: u64) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(runs);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} runs  {per_sec}  eta {eta}")
                    .expect("valid template"),
            );
            bar
        });
        Self { bar }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl RunSink for Progress {
    fn progress(&mut self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
    }
}

/// The progress bar and the per-run outputs, fed together.
struct RunSinks {
    progress: Progress,
    records: RecordSink,
}

impl RunSink for RunSinks {
    fn wants_records(&self) -> bool {
        self.records.wants_records()
    }

    fn wants_trajectories(&self) -> bool {
        self.records.wants_trajectories()
    }

    fn record(&mut self, record: &RunRecord) {
        self.records.record(record);
    }

    fn progress(&mut self, done: u64) {
        self.progress.progress(done);
    }
}
