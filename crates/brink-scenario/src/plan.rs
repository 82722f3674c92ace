//! Strike plans (docs/CONSEQUENCES.md, "Strike plans"): an array of `[[detonation]]` tables,
//! each with a target (`city = "Hiroshima, JP"`, or `lat` and `lon`), `yield_kt`, `hob_m` and
//! `count`. Read with the same collected, positioned diagnostics as scenarios. City names are
//! resolved by a function the caller passes (the consequences crate's city table), so this
//! crate does not depend on it and the consequences crate never sees TOML.

use toml_edit::Document;

use crate::diagnostic::ScenarioError;
use crate::reader::{Field, Obj, Problems, integer, number, string};

/// Largest yield accepted (kt), as in `brink-effects` (`Yield::kilotons`).
pub const MAX_YIELD_KT: f64 = 100_000.0;
/// Largest count of weapons on one aim point.
pub const MAX_COUNT: i64 = 10_000;

const DETONATION_KEYS: [&str; 8] = ["city", "lat", "lon", "yield_kt", "hob_m", "count", "label", "phase"];

/// A city name resolved by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedCity {
    /// Canonical display name ("Hiroshima, JP").
    pub display: String,
    /// Latitude (degrees).
    pub lat_deg: f64,
    /// Longitude (degrees).
    pub lon_deg: f64,
}

/// Where a detonation is aimed.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanTarget {
    /// A city of the embedded table, as written and as resolved.
    City {
        /// The name as written in the plan.
        query: String,
        /// What it resolved to.
        city: ResolvedCity,
    },
    /// A point.
    Point {
        /// Latitude (degrees).
        lat_deg: f64,
        /// Longitude (degrees).
        lon_deg: f64,
    },
}

/// One `[[detonation]]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanDetonation {
    /// The target.
    pub target: PlanTarget,
    /// Yield (kt), in (0, [`MAX_YIELD_KT`]].
    pub yield_kt: f64,
    /// Height of burst (m), ≥ 0 (0 = surface burst).
    pub hob_m: f64,
    /// Weapons on this aim point, 1..=[`MAX_COUNT`] (default 1).
    pub count: u32,
    /// Optional label for reports (default: the city, or the coordinates).
    pub label: Option<String>,
    /// Optional phase name, for per-phase totals.
    pub phase: Option<String>,
}

impl PlanDetonation {
    /// Latitude and longitude of the aim point.
    pub fn lat_lon(&self) -> (f64, f64) {
        match &self.target {
            PlanTarget::City { city, .. } => (city.lat_deg, city.lon_deg),
            PlanTarget::Point { lat_deg, lon_deg } => (*lat_deg, *lon_deg),
        }
    }

    /// What to call it in reports.
    pub fn display_label(&self) -> String {
        match (&self.label, &self.target) {
            (Some(label), _) => label.clone(),
            (None, PlanTarget::City { city, .. }) => city.display.clone(),
            (None, PlanTarget::Point { lat_deg, lon_deg }) => format!("{lat_deg:.4}, {lon_deg:.4}"),
        }
    }
}

/// A strike plan as read and validated.
#[derive(Debug, Clone, PartialEq)]
pub struct StrikePlan {
    /// `plan.name` (default: the file stem or bundled name).
    pub name: String,
    /// `plan.title`.
    pub title: Option<String>,
    /// `plan.description`.
    pub description: Option<String>,
    /// `[sources]`: label → source or assumption note.
    pub sources: Vec<(String, String)>,
    /// The detonations, in file order.
    pub detonations: Vec<PlanDetonation>,
    /// Where it came from (a path or `bundled:NAME`).
    pub origin: String,
}

/// The bundled plans (`plans/*.toml`), embedded at build time.
pub mod bundled {
    const PLANS: [(&str, &str); 6] = [
        ("hiroshima-1945", include_str!("../../../plans/hiroshima-1945.toml")),
        ("plan-a-2019", include_str!("../../../plans/plan-a-2019.toml")),
        ("india-pakistan-15kt", include_str!("../../../plans/india-pakistan-15kt.toml")),
        ("india-pakistan-50kt", include_str!("../../../plans/india-pakistan-50kt.toml")),
        ("india-pakistan-100kt", include_str!("../../../plans/india-pakistan-100kt.toml")),
        ("us-russia-countervalue", include_str!("../../../plans/us-russia-countervalue.toml")),
    ];

    /// Names of the bundled plans.
    pub fn names() -> Vec<&'static str> {
        PLANS.iter().map(|(name, _)| *name).collect()
    }

    /// The TOML text of a bundled plan.
    pub fn text(name: &str) -> Option<&'static str> {
        PLANS.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
    }
}

/// Loads `spec`: an existing file path (or any `*.toml`), else a bundled plan name.
pub fn load_plan(
    spec: &str,
    resolve: &dyn Fn(&str) -> Result<ResolvedCity, String>,
) -> Result<StrikePlan, ScenarioError> {
    let path = std::path::Path::new(spec);
    if path.exists() || spec.ends_with(".toml") {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| ScenarioError::whole_file(&file, format!("cannot read the file: {e}")))?;
        let stem = path.file_stem().map_or_else(|| "plan".to_owned(), |s| s.to_string_lossy().into_owned());
        load_plan_str(&file, &stem, &text, resolve)
    } else {
        let text = bundled::text(spec).ok_or_else(|| {
            ScenarioError::whole_file(
                spec,
                format!("no bundled plan or file named `{spec}`; bundled plans: {}", bundled::names().join(", ")),
            )
        })?;
        load_plan_str(&format!("bundled:{spec}"), spec, text, resolve)
    }
}

/// Reads a plan from text. `file` names it in messages; `default_name` is used when the plan
/// has no `plan.name`.
pub fn load_plan_str(
    file: &str,
    default_name: &str,
    text: &str,
    resolve: &dyn Fn(&str) -> Result<ResolvedCity, String>,
) -> Result<StrikePlan, ScenarioError> {
    let mut plan =
        crate::reader::read_file(file, text, |doc, problems| read_plan(doc, default_name, resolve, problems))?;
    plan.origin = file.to_owned();
    Ok(plan)
}

fn read_plan(
    doc: &Document<String>,
    default_name: &str,
    resolve: &dyn Fn(&str) -> Result<ResolvedCity, String>,
    problems: &mut Problems,
) -> Option<StrikePlan> {
    let mut root = Obj::of(doc.as_item(), "", problems)?;
    let mut plan = StrikePlan {
        name: default_name.to_owned(),
        title: None,
        description: None,
        sources: Vec::new(),
        detonations: Vec::new(),
        origin: String::new(),
    };
    if let Some(f) = root.get("plan")
        && let Some(mut obj) = Obj::of(f.item, "plan", problems)
    {
        if let Some(f) = obj.get("name")
            && let Some(name) = string(f, "plan.name", problems)
        {
            plan.name = name.to_owned();
        }
        for (key, slot) in [("title", &mut plan.title), ("description", &mut plan.description)] {
            if let Some(f) = obj.get(key) {
                *slot = string(f, &obj.child(key), problems).map(str::to_owned);
            }
        }
        obj.finish(&["name", "title", "description"], problems);
    }
    if let Some(f) = root.get("sources")
        && let Some(mut obj) = Obj::of(f.item, "sources", problems)
    {
        for (key, _, value) in obj.entries() {
            if let Some(text) = string(value, &format!("sources.{key}"), problems) {
                plan.sources.push((key, text.to_owned()));
            }
        }
    }
    if let Some(f) = root.require("detonation", "at least one [[detonation]] table", problems) {
        match f.item.as_array_of_tables() {
            Some(tables) => {
                for (index, table) in tables.iter().enumerate() {
                    let mut obj = Obj::from_table(table, &format!("detonation.{index}"));
                    if let Some(d) = read_detonation(&mut obj, resolve, problems) {
                        plan.detonations.push(d);
                    }
                    obj.finish(&DETONATION_KEYS, problems);
                }
                if tables.is_empty() {
                    problems.report("detonation", f.span(), "expected at least one [[detonation]] table");
                }
            }
            None => problems.report(
                "detonation",
                f.span(),
                format!("expected [[detonation]] tables, found {}", crate::reader::describe(f.item)),
            ),
        }
    }
    root.finish(&["plan", "detonation", "sources"], problems);
    Some(plan)
}

fn read_detonation(
    obj: &mut Obj<'_>,
    resolve: &dyn Fn(&str) -> Result<ResolvedCity, String>,
    problems: &mut Problems,
) -> Option<PlanDetonation> {
    let city = obj.get("city");
    let lat = obj.get("lat");
    let lon = obj.get("lon");
    let target = match (city, lat, lon) {
        (Some(c), None, None) => {
            let path = obj.child("city");
            let query = string(c, &path, problems)?;
            match resolve(query) {
                Ok(city) => Some(PlanTarget::City { query: query.to_owned(), city }),
                Err(message) => {
                    problems.report(&path, c.span(), message);
                    None
                }
            }
        }
        (None, Some(la), Some(lo)) => {
            let lat_deg = bounded(la, &obj.child("lat"), -90.0, 90.0, "a latitude in [-90, 90] degrees", problems);
            let lon_deg = bounded(lo, &obj.child("lon"), -180.0, 180.0, "a longitude in [-180, 180] degrees", problems);
            Some(PlanTarget::Point { lat_deg: lat_deg?, lon_deg: lon_deg? })
        }
        (Some(c), _, _) => {
            problems.report(&obj.path, c.span(), "give either `city` or `lat` and `lon`, not both");
            None
        }
        _ => {
            problems.report(
                &obj.path,
                obj.span(),
                "missing target: expected `city = \"Name, CC\"` or both `lat` and `lon` (degrees)",
            );
            None
        }
    };
    let yield_kt = obj.require("yield_kt", "the yield in kilotons", problems).and_then(|f| {
        let path = obj.child("yield_kt");
        let x = number(f, &path, problems)?;
        if !(x > 0.0 && x <= MAX_YIELD_KT) {
            problems.report(&path, f.span(), format!("expected a yield in (0, {MAX_YIELD_KT}] kt, found {x}"));
            return None;
        }
        Some(x)
    });
    let hob_m = obj
        .require("hob_m", "the height of burst in metres (0 = surface burst)", problems)
        .and_then(|f| bounded(f, &obj.child("hob_m"), 0.0, 100_000.0, "a height of burst in [0, 100000] m", problems));
    let count = match obj.get("count") {
        Some(f) => integer(f, &obj.child("count"), 1, MAX_COUNT, problems).map(|c| c as u32),
        None => Some(1),
    };
    let mut text = |key: &str| obj.get(key).and_then(|f| string(f, &obj.child(key), problems).map(str::to_owned));
    let label = text("label");
    let phase = text("phase");
    Some(PlanDetonation { target: target?, yield_kt: yield_kt?, hob_m: hob_m?, count: count?, label, phase })
}

fn bounded(field: Field<'_>, path: &str, lo: f64, hi: f64, expected: &str, problems: &mut Problems) -> Option<f64> {
    let x = number(field, path, problems)?;
    if !(lo..=hi).contains(&x) {
        problems.report(path, field.span(), format!("expected {expected}, found {x}"));
        return None;
    }
    Some(x)
}
