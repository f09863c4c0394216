//! `openness._native.Spec`: a compiled index spec, and the entry points that validate and score
//! assessments against it.

use std::path::PathBuf;

use openness::spec::model::{Element, Measure, Node};
use openness::{Input, Spec, ValidationOptions};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::assessment::PyAssessment;
use crate::errors::{guard, issue_records, to_py};
use crate::results::PyResults;

/// A checked, compiled index spec.
#[pyclass(frozen, name = "Spec", module = "openness._native")]
pub(crate) struct PySpec {
    pub(crate) spec: Spec,
}

#[pymethods]
impl PySpec {
    /// Reads a spec from JSON text; `file` names it in error locations.
    #[staticmethod]
    #[pyo3(signature = (text, file = None))]
    fn from_json(py: Python<'_>, text: &str, file: Option<&str>) -> PyResult<PySpec> {
        guard(|| {
            let spec = Spec::from_json_str(text, file).map_err(|e| to_py(py, &e))?;
            Ok(PySpec { spec })
        })
    }

    /// Reads a spec file.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<PySpec> {
        guard(|| Ok(PySpec { spec: Spec::load(path).map_err(|e| to_py(py, &e))? }))
    }

    /// The spec's id.
    #[getter]
    fn id(&self) -> &str {
        self.spec.id()
    }

    /// The spec's version.
    #[getter]
    fn version(&self) -> &str {
        self.spec.version()
    }

    /// SHA-256 of the spec, in lowercase hexadecimal.
    #[getter]
    fn sha256(&self) -> &str {
        self.spec.sha256()
    }

    /// The languages of every text of the spec.
    #[getter]
    fn languages(&self) -> Vec<String> {
        self.spec.definition().languages.clone()
    }

    /// The IANA time zone in which evidence dates are checked, if the spec names one.
    #[getter]
    fn timezone(&self) -> Option<&str> {
        self.spec.timezone()
    }

    /// The spec as pretty-printed JSON.
    fn to_json(&self) -> String {
        self.spec.to_json()
    }

    /// Problems that do not prevent using the spec, as issue records.
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        issue_records(py, &self.spec.warnings().issues)
    }

    /// A copy of the spec with other weights for some nodes or items.
    fn with_weights(&self, py: Python<'_>, weights: Vec<(String, f64)>) -> PyResult<PySpec> {
        guard(|| {
            let pairs = weights.iter().map(|(id, weight)| (id.as_str(), *weight));
            let spec = self.spec.with_weights(pairs).map_err(|e| to_py(py, &e))?;
            Ok(PySpec { spec })
        })
    }

    /// `value` rounded for display under the spec's rules.
    fn round(&self, value: f64) -> PyResult<f64> {
        guard(|| Ok(self.spec.round(value)))
    }

    /// `value` rounded and written for display under the spec's rules.
    fn format(&self, value: f64) -> PyResult<String> {
        guard(|| Ok(self.spec.format(value)))
    }

    /// The tier of a score, if the spec has tiers.
    fn tier_of(&self, value: f64) -> PyResult<Option<String>> {
        guard(|| Ok(self.spec.tier_of(value).map(str::to_owned)))
    }

    /// Every node of the tree, the root first and each node before its children, as records.
    fn nodes<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let mut records = Vec::new();
        visit_nodes(&self.spec.definition().root, None, 0, &mut |node, parent, depth| {
            let record = PyDict::new(py);
            record.set_item("id", &node.id)?;
            record.set_item("parent", parent)?;
            record.set_item("level", &node.level)?;
            record.set_item("depth", depth)?;
            record.set_item("name", &node.name.0)?;
            record.set_item("description", &node.description.0)?;
            record.set_item("weight", node.weight.map(|weight| weight.0))?;
            records.push(record);
            Ok(())
        })?;
        Ok(records)
    }

    /// Every element and measure, in the tree's order and then the auxiliary ones, as records.
    fn items<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let definition = self.spec.definition();
        let default_scale = definition.default_scale.as_deref();
        let mut records = Vec::new();
        let mut add = |node: Option<&str>, elements: &[Element], measures: &[Measure]| {
            for element in elements {
                let record = PyDict::new(py);
                record.set_item("id", &element.id)?;
                record.set_item("kind", "element")?;
                record.set_item("node", node)?;
                record.set_item("text", &element.question.0)?;
                record.set_item("scale", element.scale.as_deref().or(default_scale))?;
                record.set_item("weight", element.weight.map(|weight| weight.0))?;
                records.push(record);
            }
            for measure in measures {
                let record = PyDict::new(py);
                record.set_item("id", &measure.id)?;
                record.set_item("kind", "measure")?;
                record.set_item("node", node)?;
                record.set_item("text", &measure.name.0)?;
                record.set_item("scale", &measure.codes)?;
                record.set_item("weight", measure.weight.map(|weight| weight.0))?;
                records.push(record);
            }
            PyResult::Ok(())
        };
        visit_nodes(&definition.root, None, 0, &mut |node, _, _| {
            add(Some(&node.id), &node.elements, &node.measures)
        })?;
        add(None, &definition.auxiliary.elements, &definition.auxiliary.measures)?;
        Ok(records)
    }

    /// Checks assessments against the spec; returns every issue found as records.
    #[pyo3(signature = (inputs, today, aliases, clock, skip_evidence))]
    fn validate<'py>(
        &self,
        py: Python<'py>,
        inputs: Vec<PyRef<'py, PyAssessment>>,
        today: Option<&str>,
        aliases: Vec<(String, String)>,
        clock: bool,
        skip_evidence: bool,
    ) -> PyResult<Vec<Bound<'py, PyDict>>> {
        guard(|| {
            let options = self.options(today, aliases, clock, skip_evidence)?;
            let inputs: Vec<Input<'_>> = inputs.iter().map(|input| input.input()).collect();
            let report = py.detach(|| self.spec.validate(&inputs, &options));
            issue_records(py, &report.issues)
        })
    }

    /// Validates and scores assessments.
    #[pyo3(signature = (inputs, today, aliases, clock, skip_evidence))]
    fn score(
        &self,
        py: Python<'_>,
        inputs: Vec<PyRef<'_, PyAssessment>>,
        today: Option<&str>,
        aliases: Vec<(String, String)>,
        clock: bool,
        skip_evidence: bool,
    ) -> PyResult<PyResults> {
        guard(|| {
            let options = self.options(today, aliases, clock, skip_evidence)?;
            let inputs: Vec<Input<'_>> = inputs.iter().map(|input| input.input()).collect();
            let scored = py.detach(|| self.spec.score(&inputs, &options));
            Ok(PyResults { results: scored.map_err(|e| to_py(py, &e))? })
        })
    }
}

impl PySpec {
    fn options(
        &self,
        today: Option<&str>,
        aliases: Vec<(String, String)>,
        clock: bool,
        skip_evidence: bool,
    ) -> PyResult<ValidationOptions> {
        let today = match today {
            Some(text) => Some(text.parse().map_err(|error| {
                PyValueError::new_err(format!("`today` must be a YYYY-MM-DD date: {error}"))
            })?),
            None if clock => openness::today_in(self.spec.timezone()),
            None => None,
        };
        Ok(ValidationOptions { today, aliases, skip_evidence })
    }
}

/// Calls `visit` on `node` and its descendants, each before its children, with the parent's id
/// and the depth (0 for the root).
fn visit_nodes<'a>(
    node: &'a Node,
    parent: Option<&'a str>,
    depth: usize,
    visit: &mut impl FnMut(&'a Node, Option<&'a str>, usize) -> PyResult<()>,
) -> PyResult<()> {
    visit(node, parent, depth)?;
    for child in &node.children {
        visit_nodes(child, Some(&node.id), depth + 1, visit)?;
    }
    Ok(())
}
