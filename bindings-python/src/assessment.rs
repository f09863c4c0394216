//! `openness._native.Assessment`: assessment data read from JSON, CSV, or the columns of a
//! DataFrame.
//!
//! DataFrames arrive column by column, already reduced by `openness/_frames.py` to a few plain
//! shapes (packed numbers, or codes into a list of distinct cells), so that a million rows cost
//! a few copies of bytes rather than a million Python objects per column. They become a core
//! `Table`, which the engine validates from its columns.

use std::path::PathBuf;

use openness::{Assessment, Column, CsvOptions, DecimalSeparator, Input, Table, TableValue};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyFloat, PyInt, PyString};

use crate::errors::{guard, to_py};

/// Assessment data: the answers and values of entities, every field kept as it was written.
#[pyclass(frozen, name = "Assessment", module = "openness._native")]
pub(crate) struct PyAssessment {
    data: Data,
}

/// What an assessment was read into: the model of a file, or the columns of a DataFrame.
enum Data {
    Model(Box<Assessment>),
    Table(Table),
}

impl PyAssessment {
    fn model(assessment: Assessment) -> PyAssessment {
        PyAssessment { data: Data::Model(Box::new(assessment)) }
    }

    /// The input, for validation.
    pub(crate) fn input(&self) -> Input<'_> {
        match &self.data {
            Data::Model(assessment) => Input::Assessment(assessment),
            Data::Table(table) => Input::Table(table),
        }
    }

    /// The assessment model, read from the columns of a table when first asked for.
    fn assessment(&self) -> &Assessment {
        match &self.data {
            Data::Model(assessment) => assessment,
            Data::Table(table) => table.assessment(),
        }
    }
}

#[pymethods]
impl PyAssessment {
    /// Reads an assessment from JSON text; `name` names it in error locations.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str, name: &str) -> PyResult<PyAssessment> {
        guard(|| {
            let assessment = Assessment::from_json_str(text, name).map_err(|e| to_py(py, &e))?;
            Ok(PyAssessment::model(assessment))
        })
    }

    /// Reads an assessment from long CSV text.
    #[staticmethod]
    fn from_csv(py: Python<'_>, text: &str, name: &str, decimal: &str) -> PyResult<PyAssessment> {
        guard(|| {
            let options = CsvOptions { decimal: separator(decimal)?, delimiter: None };
            let assessment =
                Assessment::from_csv_str(text, name, &options).map_err(|e| to_py(py, &e))?;
            Ok(PyAssessment::model(assessment))
        })
    }

    /// Reads an assessment file, JSON or CSV by its extension.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf, decimal: &str) -> PyResult<PyAssessment> {
        guard(|| {
            let options = CsvOptions { decimal: separator(decimal)?, delimiter: None };
            let assessment = Assessment::load(path, &options).map_err(|e| to_py(py, &e))?;
            Ok(PyAssessment::model(assessment))
        })
    }

    /// Builds an assessment from the columns of a long table: `names` are the column names
    /// and `columns` the matching columns, each `(kind, data, extra)` as made by
    /// `openness.frames`; every column has `rows` cells.
    #[staticmethod]
    fn from_columns(
        py: Python<'_>,
        names: Vec<String>,
        columns: Vec<Bound<'_, PyAny>>,
        rows: usize,
        name: &str,
        decimal: &str,
    ) -> PyResult<PyAssessment> {
        guard(|| {
            let decimal = separator(decimal)?;
            let columns = names
                .into_iter()
                .zip(&columns)
                .map(|(column_name, column)| {
                    let column = extract(&column_name, column, rows)?;
                    Ok((column_name, column))
                })
                .collect::<PyResult<Vec<(String, Column)>>>()?;
            let table = py.detach(|| Table::new(columns, name, decimal));
            Ok(PyAssessment { data: Data::Table(table.map_err(|e| to_py(py, &e))?) })
        })
    }

    /// The name of the source, as used in error locations.
    #[getter]
    fn name(&self) -> Option<&str> {
        match &self.data {
            Data::Model(assessment) => assessment.origin.name.as_deref(),
            Data::Table(table) => Some(table.name()),
        }
    }

    /// SHA-256 of the bytes read, of the cells of a DataFrame (see core's `Table::sha256`), or
    /// of the canonical JSON of an assessment built in memory.
    #[getter]
    fn sha256(&self) -> &str {
        match &self.data {
            Data::Model(assessment) => &assessment.sha256,
            Data::Table(table) => table.sha256(),
        }
    }

    /// Number of entities, valid or not.
    fn __len__(&self) -> usize {
        match &self.data {
            Data::Model(assessment) => assessment.file.entities.len(),
            Data::Table(table) => table.len(),
        }
    }

    /// The assessment as pretty-printed JSON, every field as it was read.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| self.assessment().to_json())
    }

    /// The assessment as long CSV, and what CSV cannot hold and was left out.
    fn to_csv(&self, py: Python<'_>) -> PyResult<(String, Vec<String>)> {
        guard(|| py.detach(|| self.assessment().to_csv()).map_err(|e| to_py(py, &e)))
    }
}

fn separator(decimal: &str) -> PyResult<DecimalSeparator> {
    match decimal {
        "." => Ok(DecimalSeparator::Dot),
        "," => Ok(DecimalSeparator::Comma),
        other => {
            Err(PyValueError::new_err(format!("`decimal` must be \".\" or \",\", not {other:?}")))
        }
    }
}

/// One column of a table from the shape `openness._frames` made of it: `kind` is `float`
/// (float64; NaN is a missing cell), `int` (int64) or `bool` (bytes 0 and 1), each with an
/// optional mask where 1 marks a missing cell, or `codes` (int64 codes into a list of distinct
/// cells; a negative code, or a cell that is `None`, is missing).
fn extract(name: &str, column: &Bound<'_, PyAny>, rows: usize) -> PyResult<Column> {
    let (kind, data, extra): (String, Bound<'_, PyBytes>, Bound<'_, PyAny>) = column.extract()?;
    let bytes = data.as_bytes();
    let width = if kind == "bool" { 1 } else { 8 };
    if bytes.len() != rows * width {
        return Err(PyValueError::new_err(format!(
            "column `{name}` has {} cells where the table has {rows} rows",
            bytes.len() / width
        )));
    }
    let mask = || -> PyResult<Option<Vec<bool>>> {
        if extra.is_none() {
            return Ok(None);
        }
        let mask = extra.cast::<PyBytes>()?.as_bytes();
        if mask.len() != rows {
            return Err(PyValueError::new_err(format!("column `{name}`: mask of wrong length")));
        }
        Ok(Some(mask.iter().map(|&flag| flag != 0).collect()))
    };
    match kind.as_str() {
        "float" => Ok(Column::Floats(words(bytes).map(f64::from_le_bytes).collect())),
        "int" => Ok(Column::Integers {
            values: words(bytes).map(i64::from_le_bytes).collect(),
            missing: mask()?,
        }),
        "bool" => {
            Ok(Column::Bools { values: bytes.iter().map(|&b| b != 0).collect(), missing: mask()? })
        }
        "codes" => {
            let values = extra
                .try_iter()?
                .map(|category| category_cell(name, &category?))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(Column::Codes { codes: words(bytes).map(i64::from_le_bytes).collect(), values })
        }
        other => Err(PyValueError::new_err(format!("column `{name}`: unknown kind {other:?}"))),
    }
}

fn words(bytes: &[u8]) -> impl Iterator<Item = [u8; 8]> + '_ {
    bytes.chunks_exact(8).map(|chunk| {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        word
    })
}

/// A distinct cell of a column: text, a number, a whole number or a flag; `None` and NaN
/// are missing. Whole numbers beyond 64 bits become floats, which validation refuses as ids.
fn category_cell(column: &str, value: &Bound<'_, PyAny>) -> PyResult<Option<TableValue>> {
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Some(TableValue::Text(text.to_cow()?.into_owned())));
    }
    if let Ok(flag) = value.cast::<PyBool>() {
        return Ok(Some(TableValue::Bool(flag.is_true())));
    }
    if let Ok(number) = value.cast::<PyInt>() {
        return Ok(Some(match number.extract::<i64>() {
            Ok(whole) => TableValue::Integer(whole),
            Err(_) => TableValue::Number(number.extract::<f64>()?),
        }));
    }
    if let Ok(number) = value.cast::<PyFloat>() {
        let number = number.value();
        return Ok((!number.is_nan()).then_some(TableValue::Number(number)));
    }
    Err(PyTypeError::new_err(format!(
        "column `{column}` holds a {}, which a table cell cannot be: use text, numbers or flags",
        value.get_type().name()?
    )))
}
