//! Outcome counts of a class of historical crises (`brink fit --outcomes FILE`,
//! docs/EVIDENCE.md "Base rates"): how many crises of the class ended in each of brink's
//! outcomes. The bundled files (records/icb-*.toml) are derived counts of the International
//! Crisis Behavior data made by scripts/icb-base-rates.py.
//!
//! ```toml
//! [outcomes]
//! name = "icb-two-nuclear"
//! about = "crises with two or more nuclear-armed crisis actors"
//! sources = ["..."]
//! [outcomes.counts]
//! nuclear_use = 0
//! settlement = 28
//! concession = 8
//! ```

use brink_engine::Outcome;
use toml_edit::Document;

use crate::diagnostic::ScenarioError;
use crate::reader::{Obj, Problems, integer, string, strings};

/// Observed outcome counts of a class of crises.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeCounts {
    /// `outcomes.name` (default: the file stem).
    pub name: String,
    /// `outcomes.about`: the class of crises.
    pub about: String,
    /// `outcomes.sources`.
    pub sources: Vec<String>,
    /// Per outcome named in `outcomes.counts`, its count (outcomes not named are not observed).
    pub counts: Vec<(Outcome, u64)>,
    /// Where it came from.
    pub origin: String,
}

/// Reads an outcome-counts file.
pub fn load_outcomes(path: &std::path::Path) -> Result<OutcomeCounts, ScenarioError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ScenarioError::whole_file(&file, format!("cannot read the file: {e}")))?;
    let stem = path.file_stem().map_or_else(|| "outcomes".to_owned(), |s| s.to_string_lossy().into_owned());
    load_outcomes_str(&file, &stem, &text)
}

/// Reads outcome counts from text (`file` names it in messages; `default_name` is used
/// without `outcomes.name`): the web page's bundled files.
pub fn load_outcomes_str(file: &str, default_name: &str, text: &str) -> Result<OutcomeCounts, ScenarioError> {
    let mut counts = crate::reader::read_file(file, text, |doc, problems| read(doc, default_name, problems))?;
    counts.origin = file.to_owned();
    Ok(counts)
}

fn read(doc: &Document<String>, default_name: &str, problems: &mut Problems) -> Option<OutcomeCounts> {
    let mut root = Obj::of(doc.as_item(), "", problems)?;
    let field = root.require("outcomes", "an [outcomes] table with [outcomes.counts]", problems)?;
    let mut obj = Obj::of(field.item, "outcomes", problems)?;
    let text = |obj: &mut Obj<'_>, key: &str, problems: &mut Problems| {
        let f = obj.get(key)?;
        string(f, &format!("outcomes.{key}"), problems).map(str::to_owned)
    };
    let name = text(&mut obj, "name", problems).unwrap_or_else(|| default_name.to_owned());
    let about = text(&mut obj, "about", problems).unwrap_or_default();
    text(&mut obj, "mapping", problems);
    let sources = obj.get("sources").map(|f| strings(f, "outcomes.sources", problems)).unwrap_or_default();
    if let Some(f) = obj.get("crises") {
        integer(f, "outcomes.crises", 0, i64::MAX, problems);
    }
    let mut counts = Vec::new();
    if let Some(f) = obj.require("counts", "a table of counts: { nuclear_use = N, settlement = N, ... }", problems)
        && let Some(mut table) = Obj::of(f.item, "outcomes.counts", problems)
    {
        for (key, key_span, value) in table.entries() {
            let path = format!("outcomes.counts.{key}");
            let Some(outcome) = Outcome::ALL.iter().copied().find(|o| o.name() == key) else {
                let names: Vec<&str> = Outcome::ALL.iter().map(|o| o.name()).collect();
                problems.report(
                    &path,
                    key_span,
                    format!("unknown outcome `{key}`: expected one of {}", names.join(", ")),
                );
                continue;
            };
            if let Some(n) = integer(value, &path, 0, 1_000_000_000, problems) {
                counts.push((outcome, n as u64));
            }
        }
        if counts.is_empty() {
            problems.report("outcomes.counts", f.span(), "expected at least one outcome's count");
        }
    }
    obj.finish(&["name", "about", "mapping", "sources", "crises", "counts"], problems);
    root.finish(&["outcomes"], problems);
    Some(OutcomeCounts { name, about, sources, counts, origin: String::new() })
}
