//! Records of observed crises (docs/EVIDENCE.md): which scenario a record is for, its sources,
//! every actor's rung at each observed turn (with a source per turn), and optionally the
//! ending. Read with the same collected, positioned diagnostics as scenarios, and lowered onto
//! a scenario's actors and ladder (an unknown actor or rung, a missing actor or a turn out of
//! order is a problem with its line).
//!
//! ```toml
//! [record]
//! name = "russia-west-2022"
//! scenario = "ukraine-2024"
//! sources = ["..."]
//!
//! [[turn]]
//! turn = 1
//! rungs = { russia = "RUNG", usa = "RUNG" }
//! source = "..."
//!
//! [end]                     # optional
//! outcome = "settlement"
//! turn = 14
//! ```

use brink_engine::likelihood::{Observed, ObservedTurn};
use brink_engine::{Outcome, Scenario};
use toml_edit::Document;

use crate::diagnostic::ScenarioError;
use crate::reader::{Obj, Problems, integer, string, strings};

/// Largest turn a record may name.
pub const MAX_TURN: i64 = 100_000;

/// A record read from a file and lowered onto a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct CrisisRecord {
    /// `record.name` (default: the file stem).
    pub name: String,
    /// `record.scenario`: the scenario the record was written for.
    pub scenario: String,
    /// `record.sources`.
    pub sources: Vec<String>,
    /// Per observed turn, its `source` (if given), in turn order.
    pub turn_sources: Vec<Option<String>>,
    /// The observations, in the scenario's actor and rung numbering.
    pub observed: Observed,
    /// Where it came from.
    pub origin: String,
}

/// Reads a record file and lowers it onto `scenario`.
pub fn load_record(path: &std::path::Path, scenario: &Scenario) -> Result<CrisisRecord, ScenarioError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ScenarioError::whole_file(&file, format!("cannot read the file: {e}")))?;
    let stem = path.file_stem().map_or_else(|| "record".to_owned(), |s| s.to_string_lossy().into_owned());
    load_record_str(&file, &stem, &text, scenario)
}

/// Reads a record from text (`file` names it in messages; `default_name` is used without
/// `record.name`) and lowers it onto `scenario`.
pub fn load_record_str(
    file: &str,
    default_name: &str,
    text: &str,
    scenario: &Scenario,
) -> Result<CrisisRecord, ScenarioError> {
    let mut record = crate::reader::read_file(file, text, |doc, problems| read(doc, default_name, scenario, problems))?;
    record.origin = file.to_owned();
    Ok(record)
}

fn read(
    doc: &Document<String>,
    default_name: &str,
    scenario: &Scenario,
    problems: &mut Problems,
) -> Option<CrisisRecord> {
    let mut root = Obj::of(doc.as_item(), "", problems)?;
    let mut name = default_name.to_owned();
    let mut scenario_name = None;
    let mut sources = Vec::new();
    if let Some(f) = root.require("record", "a [record] table naming the scenario", problems)
        && let Some(mut obj) = Obj::of(f.item, "record", problems)
    {
        if let Some(f) = obj.get("name")
            && let Some(text) = string(f, "record.name", problems)
        {
            name = text.to_owned();
        }
        if let Some(f) = obj.require("scenario", "the name of the scenario the record is for", problems) {
            scenario_name = string(f, "record.scenario", problems).map(str::to_owned);
        }
        if let Some(f) = obj.get("sources") {
            sources = strings(f, "record.sources", problems);
        }
        notes(&mut obj, &["description"], problems);
        obj.finish(&["name", "scenario", "sources", "description"], problems);
    }

    let actors: Vec<&str> = scenario.actors.iter().map(|a| a.name.as_str()).collect();
    let rung_names: Vec<&str> = scenario.ladder.rungs().iter().map(|r| r.name.as_str()).collect();
    let mut turns = Vec::new();
    let mut turn_sources = Vec::new();
    if let Some(f) = root.require("turn", "[[turn]] tables with each observed turn's rungs", problems) {
        match f.item.as_array_of_tables() {
            Some(tables) => {
                let mut previous = 0;
                for (index, table) in tables.iter().enumerate() {
                    let mut obj = Obj::from_table(table, &format!("turn.{index}"));
                    let turn = obj.require("turn", "the turn number (from 1)", problems).and_then(|f| {
                        let path = obj.child("turn");
                        let t = integer(f, &path, 1, MAX_TURN, problems)? as u32;
                        if t <= previous {
                            problems.report(
                                &path,
                                f.span(),
                                format!("turn {t} comes after turn {previous}: turns must increase"),
                            );
                            return None;
                        }
                        previous = t;
                        Some(t)
                    });
                    let rungs =
                        obj.require("rungs", "every actor's rung: { ACTOR = \"RUNG\", ... }", problems).and_then(|f| {
                            let path = obj.child("rungs");
                            let mut table = Obj::of(f.item, &path, problems)?;
                            let mut rungs: Vec<Option<usize>> = vec![None; actors.len()];
                            let mut ok = true;
                            for (key, key_span, value) in table.entries() {
                                let child = format!("{path}.{key}");
                                let Some(actor) = actors.iter().position(|a| *a == key) else {
                                    problems.report(
                                        &child,
                                        key_span,
                                        format!("unknown actor `{key}`; the scenario's actors: {}", actors.join(", ")),
                                    );
                                    ok = false;
                                    continue;
                                };
                                let Some(rung) = string(value, &child, problems) else {
                                    ok = false;
                                    continue;
                                };
                                match rung_names.iter().position(|r| *r == rung) {
                                    Some(r) => rungs[actor] = Some(r),
                                    None => {
                                        problems.report(
                                            &child,
                                            value.span(),
                                            format!("unknown rung `{rung}`; the ladder: {}", rung_names.join(", ")),
                                        );
                                        ok = false;
                                    }
                                }
                            }
                            let known = ok;
                            for (actor, rung) in rungs.iter().enumerate() {
                                if rung.is_none() && known {
                                    problems.report(
                                        &path,
                                        f.span(),
                                        format!("missing actor `{}`: every actor's rung is needed", actors[actor]),
                                    );
                                    ok = false;
                                }
                            }
                            ok.then(|| rungs.into_iter().flatten().collect::<Vec<_>>())
                        });
                    let source =
                        obj.get("source").and_then(|f| string(f, &obj.child("source"), problems).map(str::to_owned));
                    notes(&mut obj, &["date", "note"], problems);
                    obj.finish(&["turn", "rungs", "source", "date", "note"], problems);
                    if let (Some(turn), Some(rungs)) = (turn, rungs) {
                        turns.push(ObservedTurn { turn, rungs });
                        turn_sources.push(source);
                    }
                }
                if tables.is_empty() {
                    problems.report("turn", f.span(), "expected at least one [[turn]] table");
                }
            }
            None => problems.report(
                "turn",
                f.span(),
                format!("expected [[turn]] tables, found {}", crate::reader::describe(f.item)),
            ),
        }
    }

    let mut end = None;
    if let Some(f) = root.get("end")
        && let Some(mut obj) = Obj::of(f.item, "end", problems)
    {
        let outcome = obj.require("outcome", "how the crisis ended", problems).and_then(|f| {
            let text = string(f, "end.outcome", problems)?;
            let found = Outcome::ALL.into_iter().find(|o| o.name() == text);
            if found.is_none() {
                let names: Vec<&str> = Outcome::ALL.iter().map(|o| o.name()).collect();
                problems.report(
                    "end.outcome",
                    f.span(),
                    format!("unknown outcome `{text}`; expected one of {}", names.join(", ")),
                );
            }
            found
        });
        let turn = obj.require("turn", "the turn it ended in", problems).and_then(|f| {
            let t = integer(f, "end.turn", 1, MAX_TURN, problems)? as u32;
            let last = turns.last().map_or(0, |t: &ObservedTurn| t.turn);
            if t < last {
                problems.report(
                    "end.turn",
                    f.span(),
                    format!("the crisis cannot end at turn {t}, before observed turn {last}"),
                );
                return None;
            }
            Some(t)
        });
        notes(&mut obj, &["source", "note", "date"], problems);
        obj.finish(&["outcome", "turn", "source", "note", "date"], problems);
        if let (Some(outcome), Some(turn)) = (outcome, turn) {
            end = Some((outcome, turn));
        }
    }
    root.finish(&["record", "turn", "end"], problems);
    Some(CrisisRecord {
        name,
        scenario: scenario_name?,
        sources,
        turn_sources,
        observed: Observed { turns, end },
        origin: String::new(),
    })
}

/// Reads free-text keys (dates, notes): each must be a string.
fn notes(obj: &mut Obj<'_>, keys: &[&str], problems: &mut Problems) {
    for key in keys {
        if let Some(f) = obj.get(key) {
            string(f, &obj.child(key), problems);
        }
    }
}
