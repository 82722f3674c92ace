//! brink's errors as Python exceptions.

use brink_app::AppError;
use brink_scenario::{Origin, ScenarioError as LoadError};
use pyo3::exceptions::{PyKeyboardInterrupt, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

pyo3::create_exception!(
    brink,
    ScenarioError,
    PyValueError,
    "A scenario (or an override) is invalid: `file`, `line`, `column`, `field` and `message` \
     name the first problem, `diagnostics` lists all of them, and str() renders them as \
     `FILE:LINE:COL: error: FIELD: MESSAGE` with the source line."
);

/// A scenario's problems as a `ScenarioError` carrying file, line, column and field.
pub(crate) fn scenario_error(py: Python<'_>, error: &LoadError) -> PyErr {
    let err = ScenarioError::new_err(error.to_string());
    if let Err(failed) = annotate(py, &err, error) {
        return failed;
    }
    err
}

fn annotate(py: Python<'_>, err: &PyErr, error: &LoadError) -> PyResult<()> {
    let value = err.value(py);
    let diagnostics = PyList::empty(py);
    for diagnostic in &error.diagnostics {
        let entry = PyDict::new(py);
        let (line, column) = match &diagnostic.origin {
            Origin::Span(span) => {
                let (line, column) = error.line_column(span.start);
                (Some(line), Some(column))
            }
            Origin::Override(_) | Origin::File => (None, None),
        };
        entry.set_item("file", &error.file)?;
        entry.set_item("line", line)?;
        entry.set_item("column", column)?;
        entry.set_item("field", &diagnostic.path)?;
        entry.set_item("message", &diagnostic.message)?;
        entry.set_item(
            "override",
            match &diagnostic.origin {
                Origin::Override(flag) => Some(flag.as_str()),
                _ => None,
            },
        )?;
        diagnostics.append(entry)?;
    }
    value.setattr("file", &error.file)?;
    let first = diagnostics.get_item(0).ok();
    for key in ["line", "column", "field", "message"] {
        let item = match &first {
            Some(first) => first.get_item(key)?,
            None => py.None().into_bound(py),
        };
        value.setattr(key, item)?;
    }
    value.setattr("diagnostics", diagnostics)?;
    Ok(())
}

/// brink-app's errors: bad input is `ValueError`, a cancelled run `KeyboardInterrupt`, and
/// anything else `RuntimeError`.
pub(crate) fn app_error(error: AppError) -> PyErr {
    match error {
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
