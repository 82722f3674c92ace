//! Ladder presets, embedded at build time from `presets/*.toml`. Each cites its source.

use std::sync::OnceLock;

use toml_edit::Document;

use crate::ladder::{RUNG_KEYS, RungDraft, read_rung_fields};
use crate::reader::{Obj, Problems, string};

/// A bundled ladder.
#[derive(Debug, Clone)]
pub struct Preset {
    /// Its name (`seed9`, …).
    pub name: String,
    /// One-line title.
    pub title: String,
    /// Citation.
    pub source: String,
    /// What is an assumption and what comes from the source.
    pub notes: String,
    pub(crate) rungs: Vec<RungDraft>,
}

impl Preset {
    /// Rung names, bottom first.
    pub fn rung_names(&self) -> Vec<&str> {
        self.rungs.iter().map(|r| r.name.as_str()).collect()
    }
}

const FILES: [(&str, &str); 4] = [
    ("seed9", include_str!("../presets/seed9.toml")),
    ("kahn44", include_str!("../presets/kahn44.toml")),
    ("swarm10", include_str!("../presets/swarm10.toml")),
    ("payne30", include_str!("../presets/payne30.toml")),
];

fn all() -> &'static [Preset] {
    static PRESETS: OnceLock<Vec<Preset>> = OnceLock::new();
    PRESETS.get_or_init(|| {
        FILES
            .iter()
            .map(|(name, text)| parse(name, text).unwrap_or_else(|e| panic!("bundled preset {name} is invalid: {e}")))
            .collect()
    })
}

/// Names of all presets.
pub fn names() -> Vec<&'static str> {
    FILES.iter().map(|(name, _)| *name).collect()
}

/// The preset called `name`.
pub fn get(name: &str) -> Option<&'static Preset> {
    all().iter().find(|p| p.name == name)
}

/// All presets.
pub fn list() -> &'static [Preset] {
    all()
}

/// Parses a preset file (exposed for tests of the bundled files).
pub(crate) fn parse(name: &str, text: &str) -> Result<Preset, String> {
    let doc = Document::parse(text.to_owned()).map_err(|e| e.to_string())?;
    let mut problems = Problems::default();
    let mut root = Obj::of(doc.as_item(), "", &mut problems).ok_or("not a table")?;
    let mut preset = Preset {
        name: name.to_owned(),
        title: String::new(),
        source: String::new(),
        notes: String::new(),
        rungs: Vec::new(),
    };
    if let Some(f) = root.require("preset", "a [preset] table", &mut problems)
        && let Some(mut meta) = Obj::of(f.item, "preset", &mut problems)
    {
        for (key, slot) in [("title", &mut preset.title), ("source", &mut preset.source), ("notes", &mut preset.notes)]
        {
            if let Some(f) = meta.require(key, "a string", &mut problems) {
                *slot = string(f, key, &mut problems).unwrap_or_default().to_owned();
            }
        }
        if let Some(f) = meta.require("name", "the preset name", &mut problems)
            && string(f, "preset.name", &mut problems) != Some(name)
        {
            return Err(format!("preset.name does not match the file name {name}"));
        }
        meta.finish(&["name", "title", "source", "notes"], &mut problems);
    }
    if let Some(f) = root.require("rungs", "[[rungs]] tables", &mut problems) {
        let array = f.item.as_array_of_tables().ok_or("rungs must be [[rungs]] tables")?;
        for (index, table) in array.iter().enumerate() {
            let mut obj = Obj::from_table(table, &format!("rungs.{index}"));
            let name = obj.require("name", "a rung name", &mut problems).and_then(|f| string(f, "name", &mut problems));
            let mut draft = RungDraft::named(name.unwrap_or_default().to_owned());
            read_rung_fields(&mut obj, &mut draft, &mut problems);
            obj.finish(&RUNG_KEYS, &mut problems);
            preset.rungs.push(draft);
        }
    }
    root.finish(&["preset", "rungs"], &mut problems);
    if let Some(first) = problems.list.first() {
        return Err(format!("{}: {}", first.path, first.message));
    }
    Ok(preset)
}
