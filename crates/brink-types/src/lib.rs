//! # brink-types
//!
//! Every result brink produces, as typed data: the document `brink COMMAND --format json`
//! prints, the web API answers and the Python package returns. One type per kind, inside one
//! envelope ([`Report`]): the `kind`, the brink version, the kind's own fields (for the kinds
//! that run a scenario, the [`ScenarioManifest`] first) and `timing`.
//!
//! - [`Report<B>`]: the envelope around a body `B: `[`Body`].
//! - [`run`], [`experiment`] (sweep, compare, sensitivity), [`tools`] (solve, effects,
//!   fallout, strike, validate): the bodies.
//! - [`KINDS`]: the registry. Adding a kind is one [`Body`] type and one line in
//!   [`KINDS`]; `brink schema`, the server's OpenAPI document, the web page's TypeScript
//!   check and the Python stubs check all read the registry.
//! - [`schema`]: JSON Schemas (draft 2020-12) derived from the types by schemars, strict
//!   (`additionalProperties: false`), so a key that is not in a type cannot appear in output
//!   that validates, and a key of a type cannot be missing from the schema.
//!
//! The crate has no brink dependency: it is data, filled by brink-app and read by the
//! renderers (brink-report, the CLI's text) and the front ends.

#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod codegen;
pub mod error;
pub mod evidence;
pub mod experiment;
pub mod explain;
pub mod run;
pub mod schema;
pub mod tools;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub use indexmap::IndexMap;

/// The body of one kind of report: its fields, and the kind's name.
pub trait Body: Serialize + DeserializeOwned + JsonSchema {
    /// The `kind` key of reports of this type (`run`, `sweep`, …).
    const KIND: &'static str;
    /// One line about what the kind holds (for `brink schema` and the OpenAPI document).
    const ABOUT: &'static str;
}

/// The envelope every result shares: `kind`, `brink_version`, the kind's fields, and
/// `timing` (the only part that is not a pure function of the request).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report<B> {
    /// Which kind of result this is; names the type of the rest ([`Body::KIND`]).
    pub kind: String,
    /// The brink version that produced it.
    pub brink_version: String,
    /// The kind's own fields.
    #[serde(flatten)]
    pub body: B,
    /// Wall-clock time and threads (absent in documents built without a clock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
}

impl<B: Body> Report<B> {
    /// A report of `body` by brink `version`, without timing.
    pub fn new(version: &str, body: B) -> Self {
        Self { kind: B::KIND.to_owned(), brink_version: version.to_owned(), body, timing: None }
    }

    /// The report with `timing`.
    pub fn timed(mut self, timing: Timing) -> Self {
        self.timing = Some(timing);
        self
    }

    /// The report as a JSON value (what `--format json` prints).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("reports serialise: string keys, no maps with other keys")
    }

    /// Reads a report of this kind from JSON; the `kind` key must be [`Body::KIND`].
    pub fn from_value(value: serde_json::Value) -> Result<Self, String> {
        let kind = value.get("kind").and_then(serde_json::Value::as_str).unwrap_or("(none)").to_owned();
        if kind != B::KIND {
            return Err(format!("expected a `{}` result, got kind `{kind}`", B::KIND));
        }
        serde_json::from_value(value).map_err(|e| format!("not a valid `{}` result: {e}", B::KIND))
    }
}

/// How long a result took to compute. Everything else in a report is a pure function of
/// the request; this is not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Timing {
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Worker threads used (for the kinds that run the engine).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threads: Option<usize>,
    /// Engine decisions per second (`brink run`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decisions_per_second: Option<f64>,
}

impl Timing {
    /// `seconds` alone.
    pub fn seconds(seconds: f64) -> Self {
        Self { seconds, threads: None, decisions_per_second: None }
    }
}

/// What makes a result of a scenario reproducible: the scenario (name, origin, hash of the
/// text as run), the overrides, the random generator, the number of runs and the seed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScenarioManifest {
    /// The scenario's name.
    pub scenario: String,
    /// Where it came from: a path, `bundled:NAME`, or a name given to pasted text.
    pub scenario_origin: String,
    /// FNV-1a hash of the scenario text after overrides.
    pub scenario_hash: String,
    /// The overrides applied, as `PATH=VALUE`.
    pub overrides: Vec<String>,
    /// The random generator (named, so results are reproducible).
    pub generator: String,
    /// Runs (per point, per policy or per design point, by kind).
    pub runs: u64,
    /// The master seed.
    pub seed: u64,
}

/// A count of runs out of the runs made, with its Wilson 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Proportion {
    /// Runs counted.
    pub count: u64,
    /// `count / runs`.
    pub p: f64,
    /// Wilson score 95% interval [low, high].
    pub ci95: [f64; 2],
}

/// One value per outcome of a run, in report order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Outcomes_{T}")]
pub struct Outcomes<T> {
    /// A nuclear rung was reached, or the chance hazard struck.
    pub nuclear_use: T,
    /// No step up for the settlement period, at or below the settlement level.
    pub settlement: T,
    /// An actor conceded.
    pub concession: T,
    /// The turn limit came first.
    pub turn_limit: T,
}

impl<T> Outcomes<T> {
    /// The value for the outcome named `name` (`nuclear_use`, …), if there is one.
    pub fn get(&self, name: &str) -> Option<&T> {
        match name {
            "nuclear_use" => Some(&self.nuclear_use),
            "settlement" => Some(&self.settlement),
            "concession" => Some(&self.concession),
            "turn_limit" => Some(&self.turn_limit),
            _ => None,
        }
    }

    /// (name, value) in report order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &T)> {
        [
            ("nuclear_use", &self.nuclear_use),
            ("settlement", &self.settlement),
            ("concession", &self.concession),
            ("turn_limit", &self.turn_limit),
        ]
        .into_iter()
    }

    /// Builds the four values from a function of the outcome's name.
    pub fn from_fn(mut f: impl FnMut(&'static str) -> T) -> Self {
        Self {
            nuclear_use: f("nuclear_use"),
            settlement: f("settlement"),
            concession: f("concession"),
            turn_limit: f("turn_limit"),
        }
    }
}

/// One registered kind of result.
#[derive(Debug, Clone, Copy)]
pub struct KindInfo {
    /// The `kind` key.
    pub name: &'static str,
    /// What it holds.
    pub about: &'static str,
    /// The JSON Schema of its reports ([`schema::report_schema`]).
    pub schema: fn() -> serde_json::Value,
    /// The name of its schema in the OpenAPI document (`RunReport`, …).
    pub component: &'static str,
    /// Adds its schema and the schemas it uses to an OpenAPI `components.schemas` map;
    /// returns the reference to it.
    pub openapi: fn(&mut serde_json::Map<String, serde_json::Value>) -> serde_json::Value,
}

/// The registry entry of body type `B`, whose OpenAPI component is called `component`.
pub const fn kind<B: Body>(component: &'static str) -> KindInfo {
    KindInfo {
        name: B::KIND,
        about: B::ABOUT,
        schema: schema::report_schema::<B>,
        component,
        openapi: schema::openapi_component::<B>,
    }
}

/// Every kind of result, in the order `brink schema` lists them. Adding a kind: define its
/// [`Body`] type and add one line here.
pub const KINDS: &[KindInfo] = &[
    kind::<run::RunBody>("RunReport"),
    kind::<experiment::SweepBody>("SweepReport"),
    kind::<experiment::CompareBody>("CompareReport"),
    kind::<experiment::SensitivityBody>("SensitivityReport"),
    kind::<tools::SolveBody>("SolveReport"),
    kind::<tools::SolveEfgBody>("SolveEfgReport"),
    kind::<tools::EquilibriumBody>("EquilibriumReport"),
    kind::<tools::EffectsBody>("EffectsReport"),
    kind::<tools::FalloutBody>("FalloutReport"),
    kind::<tools::StrikeBody>("StrikeReport"),
    kind::<tools::AftermathBody>("AftermathReport"),
    kind::<tools::ValidateBody>("ValidateReport"),
    kind::<explain::ExplainBody>("ExplainReport"),
    kind::<explain::StoryBody>("StoryReport"),
    kind::<evidence::LikelihoodBody>("LikelihoodReport"),
    kind::<evidence::FitBody>("FitReport"),
];

/// The registered kind called `name`.
pub fn find_kind(name: &str) -> Option<&'static KindInfo> {
    KINDS.iter().find(|k| k.name == name)
}

/// Report types by kind (aliases, for readability at call sites).
pub type RunReport = Report<run::RunBody>;
/// A sweep's report.
pub type SweepReport = Report<experiment::SweepBody>;
/// A comparison's report.
pub type CompareReport = Report<experiment::CompareBody>;
/// A sensitivity analysis's report.
pub type SensitivityReport = Report<experiment::SensitivityBody>;
/// An extensive-form solve's report.
pub type SolveEfgReport = Report<tools::SolveEfgBody>;
/// The report of `brink equilibrium`.
pub type EquilibriumReport = Report<tools::EquilibriumBody>;
/// A solved game's report.
pub type SolveReport = Report<tools::SolveBody>;
/// Weapon effects of one detonation.
pub type EffectsReport = Report<tools::EffectsBody>;
/// A WSEG-10 fallout field.
pub type FalloutReport = Report<tools::FalloutBody>;
/// Casualties of a strike plan.
pub type StrikeReport = Report<tools::StrikeBody>;
/// Climate and famine after a war's soot.
pub type AftermathReport = Report<tools::AftermathBody>;
/// The canonical models' checks.
pub type ValidateReport = Report<tools::ValidateBody>;
/// The paths behind an outcome.
pub type ExplainReport = Report<explain::ExplainBody>;
/// The likelihood of observed crises.
pub type LikelihoodReport = Report<evidence::LikelihoodBody>;
/// A posterior of scenario parameters.
pub type FitReport = Report<evidence::FitBody>;
/// One run told turn by turn.
pub type StoryReport = Report<explain::StoryBody>;
