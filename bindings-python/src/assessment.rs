//! `openness._native.Assessment`: assessment data read from JSON, CSV, or the columns of a
//! DataFrame.
//!
//! DataFrames arrive column by column, already reduced by `openness/frames.py` to a few plain
//! shapes (packed numbers, or codes into a list of distinct cells), so that a million rows cost
//! a few copies of bytes rather than a million Python objects per column.

use std::path::PathBuf;

use openness::{Assessment, CsvOptions, DecimalSeparator, TableHeader, TableValue};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyFloat, PyInt, PyString};

use crate::errors::{guard, to_py};

/// Assessment data: the answers and values of entities, every field kept as it was written.
#[pyclass(frozen, name = "Assessment", module = "openness._native")]
pub(crate) struct PyAssessment {
    pub(crate) assessment: Assessment,
}

#[pymethods]
impl PyAssessment {
    /// Reads an assessment from JSON text; `name` names it in error locations.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str, name: &str) -> PyResult<PyAssessment> {
        guard(|| {
            let assessment = Assessment::from_json_str(text, name).map_err(|e| to_py(py, &e))?;
            Ok(PyAssessment { assessment })
        })
    }

    /// Reads an assessment from long CSV text.
    #[staticmethod]
    fn from_csv(py: Python<'_>, text: &str, name: &str, decimal: &str) -> PyResult<PyAssessment> {
        guard(|| {
            let options = CsvOptions { decimal: separator(decimal)?, delimiter: None };
            let assessment =
                Assessment::from_csv_str(text, name, &options).map_err(|e| to_py(py, &e))?;
            Ok(PyAssessment { assessment })
        })
    }

    /// Reads an assessment file, JSON or CSV by its extension.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf, decimal: &str) -> PyResult<PyAssessment> {
        guard(|| {
            let options = CsvOptions { decimal: separator(decimal)?, delimiter: None };
            let assessment = Assessment::load(path, &options).map_err(|e| to_py(py, &e))?;
            Ok(PyAssessment { assessment })
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
            let header = TableHeader::new(names.iter().map(String::as_str), name, None)
                .map_err(|e| to_py(py, &e))?;
            let columns = names
                .iter()
                .zip(&columns)
                .map(|(column_name, column)| Column::extract(column_name, column, rows))
                .collect::<PyResult<Vec<Column>>>()?;
            let assessment = py.detach(|| {
                let table_rows = (0..rows).map(|row| {
                    header.row(row as u64 + 1, columns.iter().map(|column| column.cell(row)))
                });
                let mut assessment = Assessment::from_rows(table_rows, name, decimal);
                let mut report = header.report().clone();
                report.issues.append(&mut assessment.load_report.issues);
                assessment.load_report = report;
                assessment
            });
            Ok(PyAssessment { assessment })
        })
    }

    /// The name of the source, as used in error locations.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.assessment.origin.name.as_deref()
    }

    /// SHA-256 of the bytes read, or of the canonical JSON of a table built in memory.
    #[getter]
    fn sha256(&self) -> &str {
        &self.assessment.sha256
    }

    /// Number of entities, valid or not.
    fn __len__(&self) -> usize {
        self.assessment.file.entities.len()
    }

    /// The assessment as pretty-printed JSON, every field as it was read.
    fn to_json(&self) -> String {
        self.assessment.to_json()
    }

    /// The assessment as long CSV, and what CSV cannot hold and was left out.
    fn to_csv(&self, py: Python<'_>) -> PyResult<(String, Vec<String>)> {
        guard(|| self.assessment.to_csv().map_err(|e| to_py(py, &e)))
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

/// One column of a table, in one of the shapes `openness.frames` makes.
enum Column {
    /// float64 values; NaN is a missing cell.
    Floats(Vec<f64>),
    /// int64 values, with a mask where 1 marks a missing cell.
    Integers(Vec<i64>, Option<Vec<u8>>),
    /// Flags as bytes 0 and 1, with a mask where 1 marks a missing cell.
    Bools(Vec<u8>, Option<Vec<u8>>),
    /// int64 codes into a list of distinct cells; a negative code, or a category that is
    /// `None`, is a missing cell.
    Codes(Vec<i64>, Vec<Option<TableValue>>),
}

impl Column {
    fn extract(name: &str, column: &Bound<'_, PyAny>, rows: usize) -> PyResult<Column> {
        let (kind, data, extra): (String, Bound<'_, PyBytes>, Bound<'_, PyAny>) =
            column.extract()?;
        let bytes = data.as_bytes();
        let width = if kind == "bool" { 1 } else { 8 };
        if bytes.len() != rows * width {
            return Err(PyValueError::new_err(format!(
                "column `{name}` has {} cells where the table has {rows} rows",
                bytes.len() / width
            )));
        }
        let mask = || -> PyResult<Option<Vec<u8>>> {
            if extra.is_none() {
                return Ok(None);
            }
            let mask: Vec<u8> = extra.cast::<PyBytes>()?.as_bytes().to_vec();
            if mask.len() != rows {
                return Err(PyValueError::new_err(format!(
                    "column `{name}`: mask of wrong length"
                )));
            }
            Ok(Some(mask))
        };
        match kind.as_str() {
            "float" => Ok(Column::Floats(words(bytes).map(f64::from_le_bytes).collect())),
            "int" => Ok(Column::Integers(words(bytes).map(i64::from_le_bytes).collect(), mask()?)),
            "bool" => Ok(Column::Bools(bytes.to_vec(), mask()?)),
            "codes" => {
                let categories = extra
                    .try_iter()?
                    .map(|category| category_cell(name, &category?))
                    .collect::<PyResult<Vec<_>>>()?;
                let codes: Vec<i64> = words(bytes).map(i64::from_le_bytes).collect();
                if let Some(code) = codes.iter().find(|&&code| code >= categories.len() as i64) {
                    return Err(PyValueError::new_err(format!(
                        "column `{name}`: code {code} beyond its {} categories",
                        categories.len()
                    )));
                }
                Ok(Column::Codes(codes, categories))
            }
            other => Err(PyValueError::new_err(format!("column `{name}`: unknown kind {other:?}"))),
        }
    }

    fn cell(&self, row: usize) -> Option<TableValue> {
        let present = |mask: &Option<Vec<u8>>| mask.as_ref().is_none_or(|mask| mask[row] == 0);
        match self {
            Column::Floats(values) => {
                Some(values[row]).filter(|v| !v.is_nan()).map(TableValue::Number)
            }
            Column::Integers(values, mask) => {
                present(mask).then(|| TableValue::Integer(values[row]))
            }
            Column::Bools(values, mask) => {
                present(mask).then(|| TableValue::Bool(values[row] != 0))
            }
            Column::Codes(codes, categories) => {
                let code = usize::try_from(codes[row]).ok()?;
                categories[code].clone()
            }
        }
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
