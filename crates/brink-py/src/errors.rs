//! brink's errors as Python exceptions.

use brink_app::AppError;
use brink_scenario::ScenarioError as LoadError;
use brink_types::error::ErrorDoc;
use pyo3::exceptions::{PyKeyboardInterrupt, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

pyo3::create_exception!(
    brink,
    ScenarioError,
    PyValueError,
    "A scenario (or an override) is invalid: `file`, `line`, `column`, `field` and `message` \
     name the first problem, `diagnostics` lists all of them (the fields of the web API's 422 \
     error document), and str() renders them as `FILE:LINE:COL: error: FIELD: MESSAGE` with \
     the source line."
);

/// A scenario's problems as a `ScenarioError` carrying file, line, column and field: the
/// error document of brink-app (the web API's 422 body), as attributes.
pub(crate) fn scenario_error(py: Python<'_>, error: &LoadError) -> PyErr {
    let err = ScenarioError::new_err(error.to_string());
    if let Err(failed) = annotate(py, &err, &brink_app::scenario_error_doc(error)) {
        return failed;
    }
    err
}

fn annotate(py: Python<'_>, err: &PyErr, doc: &ErrorDoc) -> PyResult<()> {
    let value = err.value(py);
    let diagnostics = PyList::empty(py);
    for d in &doc.diagnostics {
        let entry = PyDict::new(py);
        entry.set_item("file", &d.file)?;
        entry.set_item("line", d.line)?;
        entry.set_item("column", d.column)?;
        entry.set_item("field", &d.field)?;
        entry.set_item("message", &d.message)?;
        entry.set_item("source", &d.source)?;
        entry.set_item("override", d.override_flag.as_deref())?;
        diagnostics.append(entry)?;
    }
    value.setattr("kind", &doc.kind)?;
    value.setattr("file", doc.file.as_deref())?;
    value.setattr("line", doc.line)?;
    value.setattr("column", doc.column)?;
    value.setattr("field", doc.field.as_deref())?;
    value.setattr("message", doc.diagnostics.first().map_or(doc.message.as_str(), |d| d.message.as_str()))?;
    value.setattr("diagnostics", diagnostics)?;
    Ok(())
}

/// brink-app's errors: bad input is `ValueError`, a cancelled run `KeyboardInterrupt`, and
/// anything else `RuntimeError`.
pub(crate) fn app_error(error: AppError) -> PyErr {
    match error {
        AppError::Scenario(error) => Python::attach(|py| scenario_error(py, &error)),
        AppError::BadInput(message) => PyValueError::new_err(strip(&message).to_owned()),
        AppError::Cancelled { done } => PyKeyboardInterrupt::new_err(format!("cancelled after {done} runs")),
        other => PyRuntimeError::new_err(other.to_string()),
    }
}

/// Bad input with a message.
pub(crate) fn bad(message: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(strip(&message.to_string()).to_owned())
}

/// Messages without the command line's `error: ` prefix.
fn strip(message: &str) -> &str {
    message.strip_prefix("error: ").unwrap_or(message)
}
