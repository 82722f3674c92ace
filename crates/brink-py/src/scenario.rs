//! The `Scenario` class: a scenario loaded, validated and lowered, with its overrides.
//!
//! A scenario keeps its source text and origin (a path or `bundled:NAME`) and the overrides
//! set so far, and is loaded again by `brink_scenario::load_str` on every `set`, exactly as
//! `brink run SCENARIO --set PATH=VALUE ...` loads it: same effective TOML, same hash, same
//! model. Pickling sends the text and overrides, so a Ray worker rebuilds the same scenario.

use std::sync::Arc;

use brink_scenario::{Loaded, Override, ScenarioError as LoadError};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use crate::errors::scenario_error;

/// A scenario read, validated and lowered into the engine's model, with its overrides.
#[pyclass(module = "brink._brink", name = "Scenario", skip_from_py_object)]
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Where it came from: a path, or `bundled:NAME`.
    origin: String,
    /// The source text, before overrides.
    text: Arc<str>,
    /// The overrides, in the order they were set.
    overrides: Vec<Override>,
    /// The result of loading `text` with `overrides`.
    loaded: Arc<Loaded>,
}

impl Scenario {
    /// Loads `text` (from `origin`) with `overrides`.
    pub fn from_parts(origin: &str, text: Arc<str>, overrides: Vec<Override>) -> Result<Self, LoadError> {
        let loaded = brink_scenario::load_str(origin, &text, &overrides)?;
        Ok(Self { origin: origin.to_owned(), text, overrides, loaded: Arc::new(loaded) })
    }

    /// The scenario as loaded (shared, so a run can hold it without the GIL).
    pub fn loaded(&self) -> Arc<Loaded> {
        self.loaded.clone()
    }

    /// Where the source text came from, as given to the loader (a path or `bundled:NAME`).
    pub fn origin_name(&self) -> &str {
        &self.origin
    }

    /// The source text, before overrides.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The overrides set so far.
    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// This scenario loaded again with `extra` overrides after its own.
    pub fn with_overrides(&self, extra: &[Override]) -> Result<Self, LoadError> {
        let all: Vec<Override> = self.overrides.iter().chain(extra).cloned().collect();
        Self::from_parts(&self.origin, self.text.clone(), all)
    }
}

/// A Python value as the text of a TOML value (what `--set PATH=VALUE` takes): bools, ints,
/// floats (`inf` and `nan` included), strings (quoted), lists and dicts.
fn toml_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(toml_value(value)?.to_string().trim().to_owned())
}

fn toml_value(value: &Bound<'_, PyAny>) -> PyResult<toml_edit::Value> {
    if let Ok(flag) = value.cast::<PyBool>() {
        return Ok(flag.is_true().into());
    }
    if value.is_instance_of::<PyInt>() {
        let number: i64 = value.extract().map_err(|_| PyTypeError::new_err("an int outside the 64-bit range"))?;
        return Ok(number.into());
    }
    if let Ok(number) = value.cast::<PyFloat>() {
        return Ok(number.value().into());
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text.to_str()?.into());
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let mut array = toml_edit::Array::new();
        for item in value.try_iter()? {
            array.push(toml_value(&item?)?);
        }
        return Ok(array.into());
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut table = toml_edit::InlineTable::new();
        for (key, item) in dict.iter() {
            let key: String = key.extract().map_err(|_| PyTypeError::new_err("table keys must be str"))?;
            table.insert(&key, toml_value(&item)?);
        }
        return Ok(table.into());
    }
    let kind = value.get_type().name()?;
    Err(PyTypeError::new_err(format!(
        "cannot write a {kind} as a TOML value: use a bool, int, float, str, list or dict"
    )))
}

/// How a scenario pickles: the function that rebuilds it, and (origin, text, overrides).
type Reduced<'py> = (Bound<'py, PyAny>, (String, String, Vec<(String, String)>));

#[pymethods]
impl Scenario {
    /// `scenario.name`.
    #[getter]
    fn name(&self) -> &str {
        &self.loaded.scenario.name
    }

    /// Where it came from: a path, or `bundled:NAME`.
    #[getter]
    fn origin(&self) -> &str {
        &self.loaded.origin
    }

    /// FNV-1a hash of the effective TOML (what manifests record).
    #[getter]
    fn hash(&self) -> &str {
        &self.loaded.hash
    }

    /// `scenario.title`.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.loaded.info.title.as_deref()
    }

    /// The question the scenario answers.
    #[getter]
    fn question(&self) -> Option<&str> {
        self.loaded.info.question.as_deref()
    }

    /// The overrides applied so far, as `PATH=VALUE`.
    #[getter(overrides)]
    fn override_flags(&self) -> Vec<String> {
        self.overrides.iter().map(Override::flag).collect()
    }

    /// Actor names, in order.
    #[getter]
    fn actors(&self) -> Vec<String> {
        self.loaded.scenario.actors.iter().map(|a| a.name.clone()).collect()
    }

    /// Ladder rung names, from the bottom.
    #[getter]
    fn rungs(&self) -> Vec<String> {
        self.loaded.scenario.ladder.rungs().iter().map(|r| r.name.clone()).collect()
    }

    /// `run.runs`, if the file sets it.
    #[getter]
    fn default_runs(&self) -> Option<u64> {
        self.loaded.info.default_runs
    }

    /// `run.seed`, if the file sets it.
    #[getter]
    fn default_seed(&self) -> Option<u64> {
        self.loaded.info.default_seed
    }

    /// Sets a field, like `brink run --set PATH=VALUE`, and returns the scenario. The
    /// scenario is validated again at once; on a ScenarioError it is left unchanged.
    fn set<'py>(mut slf: PyRefMut<'py, Self>, path: &str, value: &Bound<'py, PyAny>) -> PyResult<PyRefMut<'py, Self>> {
        let value = toml_text(value)?;
        let set: Override = format!("{path}={value}").parse().map_err(crate::errors::bad)?;
        let py = slf.py();
        let updated = slf.with_overrides(std::slice::from_ref(&set)).map_err(|e| scenario_error(py, &e))?;
        *slf = updated;
        Ok(slf)
    }

    /// An independent copy (later `set` calls do not affect this one).
    fn copy(&self) -> Self {
        self.clone()
    }

    /// The scenario text after overrides: what is actually run.
    fn to_toml(&self) -> &str {
        &self.loaded.effective_toml
    }

    /// The scenario for notebooks: title, question, manifest, each actor's red-line prior as
    /// the report's bar chart, sources and text.
    fn _repr_html_(&self) -> String {
        crate::html::scenario_html(self)
    }

    fn __repr__(&self) -> String {
        let overrides = if self.overrides.is_empty() {
            String::new()
        } else {
            format!(" with {}", self.override_flags().join(", "))
        };
        format!("<brink.Scenario {} ({}){overrides}>", self.name(), self.origin)
    }

    /// Pickles as (origin, source text, overrides).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        let rebuild = py.import("brink._brink")?.getattr("_scenario_from_parts")?;
        let overrides = self.overrides.iter().map(|o| (o.path.clone(), o.value.clone())).collect();
        Ok((rebuild, (self.origin.clone(), self.text.to_string(), overrides)))
    }
}

/// The bundled scenarios: name, title, question, and whether it is the default.
#[pyfunction]
pub fn scenarios(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    brink_scenario::bundled::names()
        .into_iter()
        .map(|name| {
            let loaded = brink_scenario::load_bundled(name, &[]).map_err(|e| scenario_error(py, &e))?;
            let entry = PyDict::new(py);
            entry.set_item("name", name)?;
            entry.set_item("title", loaded.info.title)?;
            entry.set_item("question", loaded.info.question)?;
            entry.set_item("default", name == brink_scenario::bundled::DEFAULT)?;
            Ok(entry)
        })
        .collect()
}

/// Loads a scenario: a bundled name or a TOML file (the bundled default when None).
#[pyfunction]
#[pyo3(signature = (name_or_path=None))]
pub fn load(py: Python<'_>, name_or_path: Option<&str>) -> PyResult<Scenario> {
    let spec = name_or_path.unwrap_or(brink_scenario::bundled::DEFAULT);
    let (origin, text) = brink_scenario::source(spec).map_err(|e| scenario_error(py, &e))?;
    Scenario::from_parts(&origin, text.into(), Vec::new()).map_err(|e| scenario_error(py, &e))
}

/// A scenario from its source text and overrides (used to unpickle).
#[pyfunction]
#[pyo3(name = "_scenario_from_parts")]
pub fn scenario_from_parts(
    py: Python<'_>,
    origin: &str,
    text: &str,
    overrides: Vec<(String, String)>,
) -> PyResult<Scenario> {
    let overrides = overrides.into_iter().map(|(path, value)| Override { path, value }).collect();
    Scenario::from_parts(origin, text.into(), overrides).map_err(|e| scenario_error(py, &e))
}
