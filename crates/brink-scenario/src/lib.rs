//! # brink-scenario
//!
//! The TOML scenario format (docs/SCENARIO-FORMAT.md): parsing, `--set` overrides, validation
//! that reports every problem with file, line, column and field path, ladder presets, the
//! bundled scenarios, and lowering into `brink_engine` types. The engine never sees TOML.
//!
//! ```
//! let loaded = brink_scenario::load_bundled("teaching-symmetric", &[]).unwrap();
//! assert_eq!(loaded.scenario.actors.len(), 2);
//! let bad = brink_scenario::load_str("mine.toml", "[scenario]\nname = 3\n", &[]).unwrap_err();
//! assert!(bad.to_string().starts_with("mine.toml:2:8: error: scenario.name: expected a string"));
//! ```

#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod bundled;
mod diagnostic;
mod ladder;
pub mod outcomes;
mod overrides;
pub mod plan;
pub mod presets;
mod read;
mod reader;
pub mod record;

use std::path::Path;

use brink_engine::Scenario;
use toml_edit::Document;

pub use diagnostic::{Diagnostic, Origin, ScenarioError, line_column};
pub use overrides::Override;

/// What a scenario file says about itself, beyond the model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScenarioInfo {
    /// The `label` of each event, in the engine's order of events (by turn, file order
    /// within a turn), `None` where the file gives none.
    pub event_labels: Vec<Option<String>>,
    /// `scenario.name`.
    pub name: String,
    /// `scenario.title`.
    pub title: Option<String>,
    /// The question it answers.
    pub question: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// What one turn stands for.
    pub turn: Option<String>,
    /// The preset ladder's citation, if a preset is used.
    pub ladder_source: Option<String>,
    /// `[sources]`: field path or label → source or assumption note.
    pub sources: Vec<(String, String)>,
    /// `run.runs`.
    pub default_runs: Option<u64>,
    /// `run.seed`.
    pub default_seed: Option<u64>,
    /// `[consequences]`: (nuclear rung name, strike plan: a bundled plan name or a path), in
    /// file order.
    pub strike_plans: Vec<(String, String)>,
}

/// A scenario read, validated and lowered.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The engine model.
    pub scenario: Scenario,
    /// What the file says about itself.
    pub info: ScenarioInfo,
    /// The scenario text after overrides (what was actually run).
    pub effective_toml: String,
    /// FNV-1a 64-bit hash of `effective_toml`, hex: identifies the scenario in manifests.
    pub hash: String,
    /// Where it came from (a path or `bundled:NAME`).
    pub origin: String,
}

/// Loads a scenario from text. `file` names it in messages.
pub fn load_str(file: &str, text: &str, overrides: &[Override]) -> Result<Loaded, ScenarioError> {
    let fail = |source_text: &str, diagnostics| ScenarioError {
        file: file.to_owned(),
        source_text: source_text.to_owned(),
        diagnostics,
    };
    let parsed = Document::parse(text.to_owned()).map_err(|e| fail(text, vec![syntax(&e)]))?;
    let mut problems = reader::Problems::default();
    let (doc, effective) = if overrides.is_empty() {
        (parsed, text.to_owned())
    } else {
        let mut editable = parsed.into_mut();
        let mut bad = Vec::new();
        for o in overrides {
            // `*` segments stand for every match (tied parameters).
            let paths = match overrides::expand(&editable, &o.path) {
                Ok(paths) => paths,
                Err(message) => {
                    bad.push(Diagnostic { path: o.path.clone(), origin: Origin::Override(o.flag()), message });
                    continue;
                }
            };
            for path in paths {
                let concrete = Override { path, value: o.value.clone() };
                match overrides::apply(&mut editable, &concrete) {
                    // Problems are found at the reader's paths (array entries by index).
                    Ok(resolved) => problems.overridden.push((resolved, o.flag())),
                    Err(message) => {
                        bad.push(Diagnostic {
                            path: concrete.path.clone(),
                            origin: Origin::Override(o.flag()),
                            message,
                        });
                        problems.overridden.push((concrete.path, o.flag()));
                    }
                }
            }
        }
        if !bad.is_empty() {
            return Err(fail(text, bad));
        }
        let effective = editable.to_string();
        let doc = Document::parse(effective.clone()).map_err(|e| fail(&effective, vec![syntax(&e)]))?;
        (doc, effective)
    };
    match read::read_document(&doc, &mut problems) {
        Some((scenario, info)) if problems.list.is_empty() => Ok(Loaded {
            scenario,
            info,
            hash: fnv1a_hex(&effective),
            effective_toml: effective,
            origin: file.to_owned(),
        }),
        _ => {
            let mut diagnostics = problems.list;
            diagnostics.sort_by_key(|d| match &d.origin {
                Origin::Span(span) => (1, span.start),
                Origin::Override(_) => (0, 0),
                Origin::File => (2, 0),
            });
            Err(fail(&effective, diagnostics))
        }
    }
}

/// Loads a scenario file.
pub fn load_file(path: &Path, overrides: &[Override]) -> Result<Loaded, ScenarioError> {
    let (file, text) = file_source(path)?;
    load_str(&file, &text, overrides)
}

/// Loads a bundled scenario by name.
pub fn load_bundled(name: &str, overrides: &[Override]) -> Result<Loaded, ScenarioError> {
    let (origin, text) = bundled_source(name)?;
    load_str(&origin, text, overrides)
}

/// Loads `spec`: an existing file path, else a bundled name.
pub fn load(spec: &str, overrides: &[Override]) -> Result<Loaded, ScenarioError> {
    let (origin, text) = source(spec)?;
    load_str(&origin, &text, overrides)
}

/// The origin and text [`load`] reads for `spec`: an existing file (or a name ending in
/// `.toml`) as its path and contents, else a bundled scenario as `bundled:NAME` and its text.
/// For callers that keep the text to load it again with other overrides.
pub fn source(spec: &str) -> Result<(String, String), ScenarioError> {
    let path = Path::new(spec);
    if path.exists() || spec.ends_with(".toml") {
        file_source(path)
    } else {
        bundled_source(spec).map(|(origin, text)| (origin, text.to_owned()))
    }
}

fn file_source(path: &Path) -> Result<(String, String), ScenarioError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ScenarioError::whole_file(&file, format!("cannot read the file: {e}")))?;
    Ok((file, text))
}

fn bundled_source(name: &str) -> Result<(String, &'static str), ScenarioError> {
    let text = bundled::text(name).ok_or_else(|| {
        ScenarioError::whole_file(
            name,
            format!("no bundled scenario or file named `{name}`; bundled scenarios: {}", bundled::names().join(", ")),
        )
    })?;
    Ok((format!("bundled:{name}"), text))
}

fn syntax(error: &toml_edit::TomlError) -> Diagnostic {
    let message = error.message().trim().to_owned();
    Diagnostic {
        path: String::new(),
        origin: error.span().map_or(Origin::File, Origin::Span),
        message: format!("invalid TOML: {message}"),
    }
}

/// FNV-1a, 64 bits (Fowler–Noll–Vo): a stable, dependency-free content hash for manifests.
fn fnv1a_hex(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}
