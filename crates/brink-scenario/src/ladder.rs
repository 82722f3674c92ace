//! Reading ladders: full `[[ladder.rungs]]` definitions, or a preset with per-rung overrides.

use brink_engine::{JumpDistribution, Ladder, Rung};

use crate::presets;
use crate::reader::{Field, Obj, Problems, boolean, describe, number, probability, string};

/// Keys of a rung table.
pub(crate) const RUNG_KEYS: [&str; 10] = [
    "name",
    "description",
    "value",
    "nuclear",
    "public",
    "cost",
    "accident_rate",
    "accident_jump",
    "chance_hazard",
    "confusion",
];

/// A rung's cost before camps are known.
#[derive(Debug, Clone)]
pub(crate) enum CostDraft {
    Uniform(f64),
    PerCamp(Vec<(String, f64, Option<std::ops::Range<usize>>)>),
}

/// A rung as read, before camps are resolved.
#[derive(Debug, Clone)]
pub(crate) struct RungDraft {
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) value: Option<f64>,
    pub(crate) nuclear: bool,
    pub(crate) public: bool,
    pub(crate) cost: CostDraft,
    pub(crate) accident_rate: f64,
    pub(crate) accident_jump: Vec<(i32, f64)>,
    pub(crate) chance_hazard: f64,
    pub(crate) confusion: Vec<(i32, f64)>,
}

impl RungDraft {
    pub(crate) fn named(name: String) -> Self {
        Self {
            name,
            description: String::new(),
            value: None,
            nuclear: false,
            public: true,
            cost: CostDraft::Uniform(0.0),
            accident_rate: 0.0,
            accident_jump: vec![(1, 1.0)],
            chance_hazard: 0.0,
            confusion: Vec::new(),
        }
    }
}

/// Reads the fields of one rung table into `draft` (fields absent keep their value).
pub(crate) fn read_rung_fields(obj: &mut Obj<'_>, draft: &mut RungDraft, problems: &mut Problems) {
    if let Some(f) = obj.get("description")
        && let Some(s) = string(f, &obj.child("description"), problems)
    {
        draft.description = s.to_owned();
    }
    if let Some(f) = obj.get("value") {
        draft.value = number(f, &obj.child("value"), problems).or(draft.value);
    }
    if let Some(f) = obj.get("nuclear") {
        draft.nuclear = boolean(f, &obj.child("nuclear"), problems).unwrap_or(draft.nuclear);
    }
    if let Some(f) = obj.get("public") {
        draft.public = boolean(f, &obj.child("public"), problems).unwrap_or(draft.public);
    }
    if let Some(f) = obj.get("cost")
        && let Some(cost) = read_cost(f, &obj.child("cost"), problems)
    {
        draft.cost = cost;
    }
    if let Some(f) = obj.get("accident_rate") {
        draft.accident_rate = probability(f, &obj.child("accident_rate"), problems).unwrap_or(draft.accident_rate);
    }
    if let Some(f) = obj.get("chance_hazard") {
        draft.chance_hazard = probability(f, &obj.child("chance_hazard"), problems).unwrap_or(draft.chance_hazard);
    }
    if let Some(f) = obj.get("accident_jump")
        && let Some(jump) = read_jump(f, &obj.child("accident_jump"), problems)
    {
        draft.accident_jump = jump;
    }
    if let Some(f) = obj.get("confusion")
        && let Some(confusion) = read_confusion(f, &obj.child("confusion"), problems)
    {
        draft.confusion = confusion;
    }
}

fn read_cost(field: Field<'_>, path: &str, problems: &mut Problems) -> Option<CostDraft> {
    if field.item.is_table_like() {
        let mut obj = Obj::of(field.item, path, problems)?;
        let mut per_camp = Vec::new();
        for (camp, span, value) in obj.entries() {
            if let Some(x) = number(value, &obj.child(&camp), problems) {
                per_camp.push((camp, x, span));
            }
        }
        Some(CostDraft::PerCamp(per_camp))
    } else {
        number(field, path, problems).map(CostDraft::Uniform)
    }
}

fn read_jump(field: Field<'_>, path: &str, problems: &mut Problems) -> Option<Vec<(i32, f64)>> {
    let offsets = read_offsets(field, path, problems)?;
    let total: f64 = offsets.iter().map(|(_, p)| p).sum();
    if offsets.is_empty() || (total - 1.0).abs() > 1e-9 {
        problems.report(path, field.span(), format!("jump probabilities sum to {total}, expected 1"));
        return None;
    }
    Some(offsets)
}

/// Fog of war: offsets a move onto the rung may be misread by, with probabilities summing to at
/// most 1 (the rest is read correctly); `{}` reads every move correctly.
fn read_confusion(field: Field<'_>, path: &str, problems: &mut Problems) -> Option<Vec<(i32, f64)>> {
    let offsets = read_offsets(field, path, problems)?;
    let total: f64 = offsets.iter().map(|(_, p)| p).sum();
    if total > 1.0 + 1e-9 {
        problems.report(
            path,
            field.span(),
            format!("confusion probabilities sum to {total}, expected at most 1 (the rest is read correctly)"),
        );
        return None;
    }
    // Offsets with probability 0 can never be drawn: leaving them out keeps `{ "+1" = 0 }`
    // identical to no confusion at all (no draws).
    Some(offsets.into_iter().filter(|&(_, p)| p > 0.0).collect())
}

/// A table of non-zero rung offsets (`"+1"`, `"-2"`) to probabilities.
fn read_offsets(field: Field<'_>, path: &str, problems: &mut Problems) -> Option<Vec<(i32, f64)>> {
    let mut obj = Obj::of(field.item, path, problems)?;
    let mut offsets = Vec::new();
    let mut ok = true;
    for (key, span, value) in obj.entries() {
        let here = obj.child(&key);
        match key.trim_start_matches('+').parse::<i32>() {
            Ok(offset) if offset != 0 => {
                if let Some(p) = probability(value, &here, problems) {
                    offsets.push((offset, p));
                } else {
                    ok = false;
                }
            }
            _ => {
                problems.report(
                    &here,
                    span,
                    format!("`{key}` is not a rung offset: expected a non-zero integer such as \"+1\" or \"-1\""),
                );
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }
    Some(offsets)
}

/// Reads `[ladder]` into drafts, and the preset's citation if one is used.
pub(crate) fn read_ladder(field: Field<'_>, problems: &mut Problems) -> Option<(Vec<RungDraft>, Option<String>)> {
    let mut obj = Obj::of(field.item, "ladder", problems)?;
    let preset = obj.get("preset");
    let rungs = obj.get("rungs");
    let mut source = None;
    let mut drafts: Vec<RungDraft> = Vec::new();
    let mut preset_mode = false;
    if let Some(f) = preset {
        let name = string(f, "ladder.preset", problems)?;
        match presets::get(name) {
            Some(preset) => {
                drafts = preset.rungs.clone();
                source = Some(format!("{}: {}", preset.title, preset.source));
                preset_mode = true;
            }
            None => {
                problems.report(
                    "ladder.preset",
                    f.span(),
                    format!("unknown preset `{name}`; expected one of: {}", presets::names().join(", ")),
                );
                return None;
            }
        }
    }
    match rungs {
        Some(f) => {
            let Some(array) = f.item.as_array_of_tables() else {
                problems.report(
                    "ladder.rungs",
                    f.span(),
                    format!("expected [[ladder.rungs]] tables, found {}", describe(f.item)),
                );
                return None;
            };
            for (index, table) in array.iter().enumerate() {
                let path = format!("ladder.rungs.{index}");
                let mut rung = Obj::from_table(table, &path);
                let name = rung
                    .require("name", "a rung name", problems)
                    .and_then(|f| string(f, &format!("{path}.name"), problems).map(|s| (s.to_owned(), f.span())));
                let Some((name, name_span)) = name else {
                    rung.finish(&RUNG_KEYS, problems);
                    continue;
                };
                if preset_mode {
                    match drafts.iter_mut().find(|d| d.name == name) {
                        Some(draft) => read_rung_fields(&mut rung, draft, problems),
                        None => {
                            // Read the fields anyway, so their own problems are reported too.
                            read_rung_fields(&mut rung, &mut RungDraft::named(name.clone()), problems);
                            problems.report(
                                &format!("{path}.name"),
                                name_span,
                                format!(
                                    "the preset has no rung `{name}`; expected one of: {}",
                                    drafts.iter().map(|d| d.name.as_str()).collect::<Vec<_>>().join(", ")
                                ),
                            )
                        }
                    }
                } else {
                    if drafts.iter().any(|d| d.name == name) {
                        problems.report(&format!("{path}.name"), name_span, format!("duplicate rung name `{name}`"));
                    }
                    let mut draft = RungDraft::named(name);
                    read_rung_fields(&mut rung, &mut draft, problems);
                    drafts.push(draft);
                }
                rung.finish(&RUNG_KEYS, problems);
            }
        }
        None if !preset_mode => {
            problems.report("ladder", obj.span(), "expected `preset = \"NAME\"` or [[ladder.rungs]] tables");
            return None;
        }
        None => {}
    }
    obj.finish(&["preset", "rungs"], problems);
    Some((drafts, source))
}

/// Resolves per-camp costs and builds the engine ladder.
pub(crate) fn lower_ladder(drafts: &[RungDraft], camps: &[String], problems: &mut Problems) -> Option<Ladder> {
    let mut rungs = Vec::with_capacity(drafts.len());
    let mut ok = true;
    for (index, draft) in drafts.iter().enumerate() {
        let cost = match &draft.cost {
            CostDraft::Uniform(x) => vec![*x; camps.len()],
            CostDraft::PerCamp(entries) => {
                let mut cost = vec![0.0; camps.len()];
                for (camp, x, span) in entries {
                    match camps.iter().position(|c| c == camp) {
                        Some(c) => cost[c] = *x,
                        None => {
                            problems.report(
                                &format!("ladder.rungs.{}.cost.{camp}", draft.name),
                                span.clone(),
                                format!("unknown camp `{camp}`; expected one of: {}", camps.join(", ")),
                            );
                            ok = false;
                        }
                    }
                }
                cost
            }
        };
        let value = draft.value.unwrap_or(index as f64);
        if index > 0 {
            let below = rungs.last().map_or(value, |r: &Rung| r.value);
            if value < below {
                problems.report(
                    &format!("ladder.rungs.{}.value", draft.name),
                    None,
                    format!(
                        "value {value} is below the rung beneath it ({below}); values must not decrease up the ladder"
                    ),
                );
                ok = false;
            }
        }
        let accident_jump = JumpDistribution::new(draft.accident_jump.clone()).ok()?;
        rungs.push(Rung {
            name: draft.name.clone(),
            description: draft.description.clone(),
            value,
            nuclear: draft.nuclear,
            public: draft.public,
            cost,
            accident_rate: draft.accident_rate,
            accident_jump,
            chance_hazard: draft.chance_hazard,
            confusion: draft.confusion.clone(),
        });
    }
    if drafts.len() < 2 || drafts.len() > brink_engine::model::MAX_RUNGS {
        problems.report(
            "ladder",
            None,
            format!("a ladder needs 2 to {} rungs, found {}", brink_engine::model::MAX_RUNGS, drafts.len()),
        );
        return None;
    }
    if !ok {
        return None;
    }
    match Ladder::new(rungs, camps.len()) {
        Ok(ladder) => Some(ladder),
        Err(e) => {
            problems.report("ladder", None, e.to_string());
            None
        }
    }
}
