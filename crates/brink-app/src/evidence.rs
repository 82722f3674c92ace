//! `brink likelihood`: the exact probability that a scenario produces observed crises
//! (issue #15; docs/EVIDENCE.md). Records come from record files (TOML) or from the
//! trajectories `brink run --trajectories` writes (one run, or every run as a record).

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use brink_engine::likelihood::{MAX_STATES, Observed, ObservedTurn, likelihood};
use brink_scenario::{Loaded, Override};
use brink_types::LikelihoodReport;
use brink_types::evidence::{LikelihoodBody, RecordEnd, RecordLikelihood, TurnLikelihood};

use crate::AppError;

/// Which runs of a trajectories file to take as records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunChoice {
    /// Run `k`.
    One(u64),
    /// Every run, each an independent record.
    All,
}

impl FromStr for RunChoice {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        if text == "all" {
            return Ok(RunChoice::All);
        }
        text.parse().map(RunChoice::One).map_err(|_| format!("expected a run's index or `all`, found `{text}`"))
    }
}

/// A record read and lowered onto the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedRecord {
    /// Its name.
    pub name: String,
    /// Where it came from.
    pub origin: String,
    /// The scenario the record says it is for (record files only).
    pub record_scenario: Option<String>,
    /// What it shows.
    pub observed: Observed,
}

/// The records in `path`: a record file (`.toml`), or runs of a trajectories file (`.csv`,
/// `.jsonl`, `.parquet`) chosen by `run`.
pub fn read_records(loaded: &Loaded, path: &Path, run: Option<RunChoice>) -> Result<Vec<LoadedRecord>, AppError> {
    let file = path.display().to_string();
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if extension.as_deref() == Some("toml") {
        if run.is_some() {
            return Err(AppError::bad(format!(
                "{file}: --run picks runs of a trajectories file, not of a record file"
            )));
        }
        let record =
            brink_scenario::record::load_record(path, &loaded.scenario).map_err(|e| AppError::Scenario(Box::new(e)))?;
        return Ok(vec![LoadedRecord {
            name: record.name,
            origin: record.origin,
            record_scenario: Some(record.scenario),
            observed: record.observed,
        }]);
    }
    let Some(run) = run else {
        return Err(AppError::bad(format!(
            "{file}: a trajectories file holds many runs; choose one with --run K, or --run all"
        )));
    };
    let rows = brink_report::read::read_trajectories(path).map_err(|e| match e {
        brink_report::ReportError::Format { .. } => AppError::bad(format!(
            "{file}: expected a record file (.toml) or a trajectories file of `brink run --trajectories` (.csv, .jsonl or .parquet)"
        )),
        other => AppError::bad(other),
    })?;
    let scenario = &loaded.scenario;
    let actors: Vec<&str> = scenario.actors.iter().map(|a| a.name.as_str()).collect();
    let rungs: Vec<&str> = scenario.ladder.rungs().iter().map(|r| r.name.as_str()).collect();
    let mut runs: BTreeMap<u64, BTreeMap<u64, Vec<Option<usize>>>> = BTreeMap::new();
    for row in &rows {
        if let RunChoice::One(k) = run
            && row.run != k
        {
            continue;
        }
        let at = |field: &str| format!("{file}: run {}, turn {}, `{field}`", row.run, row.turn);
        let actor = actors.iter().position(|a| *a == row.actor).ok_or_else(|| {
            AppError::bad(format!(
                "{}: unknown actor `{}`; the scenario's actors: {}",
                at("actor"),
                row.actor,
                actors.join(", ")
            ))
        })?;
        let rung = rungs.iter().position(|r| *r == row.rung).ok_or_else(|| {
            AppError::bad(format!("{}: unknown rung `{}`; the ladder: {}", at("rung"), row.rung, rungs.join(", ")))
        })?;
        let turn = runs.entry(row.run).or_default().entry(row.turn).or_insert_with(|| vec![None; actors.len()]);
        if turn[actor].replace(rung).is_some() {
            return Err(AppError::bad(format!("{}: a second row for actor `{}`", at("actor"), row.actor)));
        }
    }
    if let RunChoice::One(k) = run
        && !runs.contains_key(&k)
    {
        return Err(AppError::bad(format!(
            "{file}: no run {k} in the file ({} runs)",
            rows.iter().map(|r| r.run).max().map_or(0, |m| m + 1)
        )));
    }
    let mut records = Vec::new();
    for (index, turns) in runs {
        let mut observed = Vec::new();
        for (expected, (turn, rungs_of)) in (1u64..).zip(turns) {
            if turn == 0 {
                return Err(AppError::bad(format!("{file}: run {index}: turn 0; turns are numbered from 1")));
            }
            if turn != expected {
                return Err(AppError::bad(format!(
                    "{file}: run {index}: turn {turn} follows turn {}; turns must run 1, 2, …",
                    expected - 1
                )));
            }
            let mut rungs_now = Vec::with_capacity(actors.len());
            for (actor, rung) in rungs_of.into_iter().enumerate() {
                rungs_now.push(rung.ok_or_else(|| {
                    AppError::bad(format!("{file}: run {index}, turn {turn}: missing actor `{}`", actors[actor]))
                })?);
            }
            observed.push(ObservedTurn { turn: turn as u32, rungs: rungs_now });
        }
        records.push(LoadedRecord {
            name: format!(
                "{}#run={index}",
                path.file_name().map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned())
            ),
            origin: file.clone(),
            record_scenario: None,
            observed: Observed { turns: observed, end: None },
        });
    }
    if records.is_empty() {
        return Err(AppError::bad(format!("{file}: the file holds no runs")));
    }
    Ok(records)
}

/// The likelihood of `records` under the loaded scenario.
pub fn likelihood_report(
    loaded: &Loaded,
    overrides: &[Override],
    records: &[LoadedRecord],
) -> Result<LikelihoodReport, AppError> {
    let started = std::time::Instant::now();
    let mut out = Vec::with_capacity(records.len());
    let mut total = Some(0.0);
    for record in records {
        let result = likelihood(&loaded.scenario, &record.observed, MAX_STATES)
            .map_err(|e| AppError::bad(format!("{}: {e}", record.name)))?;
        let log = result.log_likelihood.is_finite().then_some(result.log_likelihood);
        total = total.zip(log).map(|(a, b)| a + b);
        out.push(RecordLikelihood {
            record: record.name.clone(),
            origin: record.origin.clone(),
            record_scenario: record.record_scenario.clone(),
            turns: record.observed.turns.iter().map(|t| t.turn).collect(),
            end: record.observed.end.map(|(outcome, turn)| RecordEnd { outcome: outcome.name().to_owned(), turn }),
            likelihood: result.likelihood,
            log_likelihood: log,
            impossible_at_turn: result.impossible_at_turn,
            per_turn: result
                .per_turn
                .iter()
                .map(|&(turn, l)| TurnLikelihood { turn, log_likelihood: l.is_finite().then_some(l) })
                .collect(),
            peak_states: result.peak_states as u64,
            branches: result.branches,
        });
    }
    let body = LikelihoodBody {
        scenario: loaded.scenario.name.clone(),
        scenario_origin: loaded.origin.clone(),
        scenario_hash: loaded.hash.clone(),
        overrides: overrides.iter().map(Override::flag).collect(),
        records: out,
        log_likelihood: total,
        note: "computed exactly from the scenario's stated assumptions (every number in it is one), summed over \
               what the record does not show: private red lines, event draws, decision noise, answers, accidents"
            .to_owned(),
    };
    Ok(brink_types::Report::new(crate::VERSION, body)
        .timed(brink_types::Timing::seconds(started.elapsed().as_secs_f64())))
}

/// The text of `brink likelihood`.
pub fn text(report: &LikelihoodReport) -> String {
    let body = &report.body;
    let mut out =
        format!("{} ({}): likelihood of {} record(s)\n", body.scenario, body.scenario_origin, body.records.len());
    for record in &body.records {
        let turns = match (record.turns.first(), record.turns.last()) {
            (Some(a), Some(b)) => format!("turns {a}–{b}"),
            _ => "no turns".to_owned(),
        };
        let end = record.end.as_ref().map_or(String::new(), |e| format!(", ending {} at turn {}", e.outcome, e.turn));
        out += &format!("\n  {} ({turns}{end})\n", record.record);
        match record.impossible_at_turn {
            Some(turn) => out += &format!("    likelihood 0: the scenario cannot produce turn {turn} of the record\n"),
            None => {
                out += &format!(
                    "    likelihood {:.6e}   log-likelihood {:.4}\n",
                    record.likelihood,
                    record.log_likelihood.unwrap_or(f64::NEG_INFINITY)
                );
            }
        }
        let cells: Vec<String> = record
            .per_turn
            .iter()
            .map(|t| format!("{}: {}", t.turn, t.log_likelihood.map_or("-inf".to_owned(), |l| format!("{l:.3}"))))
            .collect();
        out += &format!("    per turn (ln P): {}\n", cells.join("  "));
        if let Some(name) = &record.record_scenario
            && name != &body.scenario
        {
            out += &format!("    (the record was written for scenario `{name}`)\n");
        }
    }
    if body.records.len() > 1 {
        match body.log_likelihood {
            Some(l) => out += &format!("\nTotal log-likelihood (records independent): {l:.4}\n"),
            None => out += "\nTotal likelihood: 0 (a record is impossible under the scenario)\n",
        }
    }
    out += "\nNote: these figures follow from the scenario's stated assumptions (every number in it is one); they are not a forecast.\n";
    out
}
