//! Errors on their way to Python: each core error becomes an exception of `openness.errors`
//! carrying its issues, and a panic becomes `openness.InternalError` rather than a crash.

use std::panic::{AssertUnwindSafe, catch_unwind};

use openness::{Error, Issue, Severity};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Runs `body`, turning a panic into `openness.InternalError`.
///
/// Every function the module exports goes through here, so that a bug in the engine surfaces
/// as an ordinary exception a notebook can show, never as an aborted interpreter.
pub(crate) fn guard<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Python::attach(|py| {
                let message = format!("internal error in the engine: {message}");
                Err(exception(py, "InternalError", &message, &[]))
            })
        }
    }
}

/// The Python exception for a core error.
pub(crate) fn to_py(py: Python<'_>, error: &Error) -> PyErr {
    let class = match error {
        Error::Spec(_) => "SpecError",
        Error::Invalid(_) => "ValidationError",
        Error::Scoring(_) => "ScoringError",
        Error::UnknownSpec { .. } => "UnknownSpecError",
        Error::UnknownEntity { .. } => "UnknownEntityError",
        Error::UnknownNode { .. } => "UnknownNodeError",
        Error::Unrepresentable { .. } => "UnrepresentableError",
        Error::Io { .. } => "FileError",
        _ => "OpennessError",
    };
    let issues = error.report().map_or(&[][..], |report| report.issues.as_slice());
    exception(py, class, &error.to_string(), issues)
}

/// Builds an exception of `openness.errors` by class name; the Python side turns the issue
/// records into `openness.Issue` objects.
fn exception(py: Python<'_>, class: &str, message: &str, issues: &[Issue]) -> PyErr {
    let built = issue_records(py, issues).and_then(|records| {
        let errors = py.import("openness.errors")?;
        errors.getattr("_from_native")?.call1((class, message, records))
    });
    match built {
        Ok(exception) => PyErr::from_value(exception),
        Err(error) => error,
    }
}

/// An issue as a dict of plain values, the shape `openness.Issue` is built from.
pub(crate) fn issue_record<'py>(py: Python<'py>, issue: &Issue) -> PyResult<Bound<'py, PyDict>> {
    let record = PyDict::new(py);
    record.set_item("code", issue.code.as_str())?;
    let severity = match issue.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    record.set_item("severity", severity)?;
    record.set_item("message", &issue.message)?;
    record.set_item("hint", &issue.hint)?;
    record.set_item("value", &issue.value)?;
    record.set_item("entity", &issue.entity)?;
    record.set_item("item", &issue.item)?;
    record.set_item("file", &issue.location.file)?;
    record.set_item("line", issue.location.line)?;
    record.set_item("column", &issue.location.column)?;
    record.set_item("pointer", &issue.location.pointer)?;
    record.set_item("location", issue.location.to_string())?;
    record.set_item("text", issue.to_string())?;
    Ok(record)
}

/// Issues as records, for reports returned rather than raised.
pub(crate) fn issue_records<'py>(
    py: Python<'py>,
    issues: &[Issue],
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    issues.iter().map(|issue| issue_record(py, issue)).collect()
}
