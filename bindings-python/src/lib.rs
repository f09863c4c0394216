//! The native half of the `openness` Python package: thin wrappers that convert Python values
//! to the core's types and back, and core errors to Python exceptions. Everything a researcher
//! calls lives in the pure-Python package around it (`python/openness`), which documents it.

mod assessment;
mod errors;
mod results;
mod spec;

use pyo3::prelude::*;

use crate::errors::{guard, to_py};

/// A built-in version of the Political Openness Charter; the latest when `version` is `None`.
#[pyfunction]
#[pyo3(signature = (version = None))]
fn charter(py: Python<'_>, version: Option<&str>) -> PyResult<spec::PySpec> {
    guard(|| {
        let spec = match version {
            Some(version) => openness::charter(version),
            None => openness::latest_charter(),
        };
        Ok(spec::PySpec { spec: spec.map_err(|e| to_py(py, &e))? })
    })
}

/// Versions of the charter built into the engine, oldest first.
#[pyfunction]
fn charter_versions() -> Vec<&'static str> {
    openness::charter_versions()
}

/// Panics inside the engine's boundary; the tests call it to check that a panic arrives as
/// `openness.InternalError`, not as a crash.
#[pyfunction]
fn _panic(message: &str) -> PyResult<()> {
    guard(|| panic!("{message}"))
}

/// The native module `openness._native`.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add("ENGINE", openness::results::ENGINE)?;
    module.add_function(wrap_pyfunction!(charter, module)?)?;
    module.add_function(wrap_pyfunction!(charter_versions, module)?)?;
    module.add_function(wrap_pyfunction!(_panic, module)?)?;
    module.add_class::<spec::PySpec>()?;
    module.add_class::<assessment::PyAssessment>()?;
    module.add_class::<results::PyResults>()?;
    Ok(())
}
