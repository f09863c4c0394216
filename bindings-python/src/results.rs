//! `openness._native.Results`: scores, ranks and tiers, handed to Python as JSON documents or
//! as columns of plain values for one level of the tree at a time.

use std::collections::HashSet;

use openness::Results;
use openness::results::NodeScore;
use openness::spec::model::Node;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::Serialize;

use crate::errors::{guard, issue_records, to_py};
use crate::spec::PySpec;

/// Scores of every entity under one spec.
#[pyclass(frozen, name = "Results", module = "openness._native")]
pub(crate) struct PyResults {
    pub(crate) results: Results,
}

#[pymethods]
impl PyResults {
    /// Number of entities.
    fn __len__(&self) -> usize {
        self.results.len()
    }

    /// The spec the results were computed with.
    #[getter]
    fn spec(&self) -> PySpec {
        PySpec { spec: self.results.spec().clone() }
    }

    /// The assessment cycle (year), when the inputs name one.
    #[getter]
    fn cycle(&self) -> Option<i64> {
        self.results.cycle()
    }

    /// Warnings from validation and scoring, as issue records.
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        issue_records(py, &self.results.warnings().issues)
    }

    /// The results document as pretty-printed JSON, entities in ranking order.
    fn to_json(&self) -> PyResult<String> {
        guard(|| Ok(self.results.to_json()))
    }

    /// Entity ids in ranking order, unranked last.
    fn ranking(&self) -> Vec<String> {
        self.results.ranking().iter().map(|entity| entity.id().to_owned()).collect()
    }

    /// Why an entity has its score, as JSON.
    fn explain(&self, py: Python<'_>, entity: &str) -> PyResult<String> {
        guard(|| {
            let explanation = self.results.explain(entity).map_err(|e| to_py(py, &e))?;
            serde_json::to_string(&explanation)
                .map_err(|error| PyValueError::new_err(error.to_string()))
        })
    }

    /// The rows of one level as columns of plain values: `index` (one row per entity), a level
    /// of the spec, `node` (every node), `group`, or `item` (every element and measure; or
    /// `element` and `measure` for one kind); entities in ranking order.
    fn table<'py>(&self, py: Python<'py>, level: &str) -> PyResult<Bound<'py, PyDict>> {
        guard(|| {
            let table = PyDict::new(py);
            match level {
                "index" => self.index_table(&table)?,
                "item" => self.item_table(&table, |_| true)?,
                "element" | "measure" => {
                    let elements = self.element_ids();
                    let want_elements = level == "element";
                    self.item_table(&table, |id| elements.contains(id) == want_elements)?
                }
                "group" => self.node_table(&table, "group", |entity| entity.groups().collect())?,
                "node" => self.node_table(&table, "node", |entity| entity.nodes().collect())?,
                level if self.levels().iter().any(|known| known == level) => {
                    self.node_table(&table, "node", |entity| {
                        entity.nodes().filter(|node| node.level == Some(level)).collect()
                    })?
                }
                other => {
                    let mut known = vec!["index".to_owned()];
                    known.extend(self.levels());
                    known
                        .extend(["node", "group", "item", "element", "measure"].map(str::to_owned));
                    return Err(PyValueError::new_err(format!(
                        "no level `{other}` in spec `{}`; levels are: {}",
                        self.results.spec().id(),
                        known.join(", ")
                    )));
                }
            }
            Ok(table)
        })
    }
}

impl PyResults {
    fn levels(&self) -> Vec<String> {
        self.results.spec().definition().levels.iter().map(|level| level.id.clone()).collect()
    }

    fn index_table(&self, table: &Bound<'_, PyDict>) -> PyResult<()> {
        let ranking = self.results.ranking();
        let languages = &self.results.spec().definition().languages;
        table.set_item("rank", ranking.iter().map(|e| e.rank()).collect::<Vec<_>>())?;
        table.set_item("entity", ranking.iter().map(|e| e.id()).collect::<Vec<_>>())?;
        for language in languages {
            let names: Vec<Option<&str>> =
                ranking.iter().map(|entity| entity.name().exactly(language)).collect();
            table.set_item(format!("name_{language}"), names)?;
        }
        let abbreviations: Vec<Option<&str>> = ranking.iter().map(|e| e.abbreviation()).collect();
        table.set_item("abbreviation", abbreviations)?;
        let scores: Vec<NodeScore> = ranking.iter().map(|entity| entity.score()).collect();
        score_columns(table, &scores)?;
        table.set_item("fictional", ranking.iter().map(|e| e.fictional()).collect::<Vec<_>>())?;
        Ok(())
    }

    fn node_table<'a>(
        &'a self,
        table: &Bound<'_, PyDict>,
        key: &str,
        select: impl Fn(&openness::EntityResult<'a>) -> Vec<NodeScore<'a>>,
    ) -> PyResult<()> {
        let mut entities = Vec::new();
        let mut scores = Vec::new();
        for entity in self.results.ranking() {
            let selected = select(&entity);
            entities.extend(std::iter::repeat_n(entity.id(), selected.len()));
            scores.extend(selected);
        }
        table.set_item("entity", entities)?;
        table.set_item(key, scores.iter().map(|score| score.id).collect::<Vec<_>>())?;
        if key == "node" {
            table.set_item("level", scores.iter().map(|score| score.level).collect::<Vec<_>>())?;
        }
        table.set_item("rank", scores.iter().map(|score| score.rank).collect::<Vec<_>>())?;
        score_columns(table, &scores)?;
        table.set_item("scored", scores.iter().map(|score| score.scored).collect::<Vec<_>>())?;
        table.set_item("inputs", scores.iter().map(|score| score.inputs).collect::<Vec<_>>())?;
        Ok(())
    }

    /// Ids of the spec's elements, in the tree and auxiliary, to tell them from measures.
    fn element_ids(&self) -> HashSet<String> {
        fn visit(node: &Node, ids: &mut HashSet<String>) {
            ids.extend(node.elements.iter().map(|element| element.id.clone()));
            for child in &node.children {
                visit(child, ids);
            }
        }
        let definition = self.results.spec().definition();
        let mut ids: HashSet<String> =
            definition.auxiliary.elements.iter().map(|element| element.id.clone()).collect();
        visit(&definition.root, &mut ids);
        ids
    }

    fn item_table(&self, table: &Bound<'_, PyDict>, keep: impl Fn(&str) -> bool) -> PyResult<()> {
        let (mut entities, mut ids, mut units, mut answers) = (vec![], vec![], vec![], vec![]);
        let (mut values, mut points, mut statuses) = (vec![], vec![], vec![]);
        for entity in self.results.ranking() {
            for item in entity.items().into_iter().filter(|item| keep(item.id)) {
                entities.push(entity.id());
                ids.push(item.id);
                units.push(item.unit);
                answers.push(item.answer);
                values.push(item.value);
                points.push(item.points);
                statuses.push(name_of(&item.status));
            }
        }
        table.set_item("entity", entities)?;
        table.set_item("item", ids)?;
        table.set_item("unit", units)?;
        table.set_item("answer", answers)?;
        table.set_item("value", values)?;
        table.set_item("points", points)?;
        table.set_item("status", statuses)?;
        Ok(())
    }
}

/// The columns every score has: unrounded and rounded score, status, tier and coverage.
fn score_columns(table: &Bound<'_, PyDict>, scores: &[NodeScore]) -> PyResult<()> {
    table.set_item("score", scores.iter().map(|score| score.value).collect::<Vec<_>>())?;
    table.set_item("rounded", scores.iter().map(|score| score.rounded).collect::<Vec<_>>())?;
    table.set_item("tier", scores.iter().map(|score| score.tier).collect::<Vec<_>>())?;
    let statuses: Vec<String> = scores.iter().map(|score| name_of(&score.status)).collect();
    table.set_item("status", statuses)?;
    table.set_item("coverage", scores.iter().map(|score| score.coverage).collect::<Vec<_>>())?;
    Ok(())
}

/// The name a status has in results documents (`scored`, `notScored`, …).
fn name_of(status: &impl Serialize) -> String {
    match serde_json::to_value(status) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}
