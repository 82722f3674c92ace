//! # brink-validate
//!
//! The engine against what is known exactly. Each module in [`models`] is one canonical
//! escalation model (docs/VALIDATION.md; research note `escalation-models.md` §1 and §4.5):
//!
//! - a parameter struct built from named values with validated ranges and documented defaults;
//! - the model's closed form, written from the published or derived formula and cited;
//! - a function that builds a [`brink_engine::Scenario`] (or calls a general engine solver)
//!   whose settings reduce the engine to the model, and runs it;
//! - the comparison, as a list of [`Check`]s.
//!
//! The `simulated` value of a check always comes from the engine (Monte Carlo over
//! [`brink_engine::run_many`], or an engine routine such as the belief update), never from the
//! formula it is compared with. A Monte Carlo check passes when the closed form lies inside the
//! 99.9% interval of the simulation (Wilson for proportions, normal for means); a deterministic
//! check passes within 1e-9 relative.
//!
//! No IO: the `brink validate` command prints the checks.

pub mod check;
pub mod models;
pub mod params;

pub use check::{Check, Interval, RunOptions};
pub use models::{MODELS, Model, find_model, run_all};
pub use params::{ParamSpec, Params};

/// Why a validation request was refused (bad input; nothing was run).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidateError {
    /// No model has this name.
    #[error("unknown model `{name}`; expected one of: {known}")]
    UnknownModel {
        /// The name given.
        name: String,
        /// The models known, comma-separated.
        known: String,
    },
    /// The model has no parameter of this name.
    #[error("model `{model}` has no parameter `{name}`; its parameters are: {known}")]
    UnknownParam {
        /// The model.
        model: String,
        /// The name given.
        name: String,
        /// The parameters known, comma-separated.
        known: String,
    },
    /// A value could not be read or lies outside its range.
    #[error("model `{model}`: parameter `{name}` = `{value}` is invalid: expected {expected}")]
    BadValue {
        /// The model.
        model: String,
        /// The parameter.
        name: String,
        /// The value given.
        value: String,
        /// What is expected (type and range).
        expected: String,
    },
    /// A `NAME=VALUE` pair without `=`.
    #[error("parameter `{0}` must be written NAME=VALUE")]
    Syntax(String),
}
