//! Long tables held as columns, as DataFrames hold them: each column a list of codes into its
//! distinct cells, so that a million rows cost a few arrays rather than a million records.
//!
//! A [`Table`] is validated straight from its columns when that is provably the same as reading
//! it row by row (see `crate::columnar`), and read into the row model ([`Table::assessment`])
//! otherwise. Either way it has one SHA-256, computed from its columns: see [`Table::sha256`].

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxBuildHasher as Fast;
use sha2::{Digest, Sha256};

use super::Assessment;
use super::table::{self, TableHeader, TableValue};
use crate::error::Error;
use crate::issue::{Issue, IssueCode, Location};
use crate::numbers::DecimalSeparator;
use crate::spec::hex;
use crate::text::identity_key;

/// One column of a [`Table`], as a DataFrame library hands it over.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Numbers (a float column); NaN is a missing cell.
    Floats(Vec<f64>),
    /// Whole numbers (an integer column); `missing`, when given, marks missing cells.
    Integers {
        /// The numbers; a missing cell holds any number.
        values: Vec<i64>,
        /// `true` where the cell is missing, one per row; `None` when none is.
        missing: Option<Vec<bool>>,
    },
    /// Flags (a boolean column); `missing`, when given, marks missing cells.
    Bools {
        /// The flags; a missing cell holds either.
        values: Vec<bool>,
        /// `true` where the cell is missing, one per row; `None` when none is.
        missing: Option<Vec<bool>>,
    },
    /// Codes into a list of distinct cells (a categorical column, or text factorised): the
    /// cell of a row is `values[codes[row]]`. A negative code, or a value that is `None`, is a
    /// missing cell. The values need not be distinct nor in any order.
    Codes {
        /// One code per row.
        codes: Vec<i64>,
        /// The cells the codes point to.
        values: Vec<Option<TableValue>>,
    },
}

impl Column {
    fn len(&self) -> usize {
        match self {
            Column::Floats(values) => values.len(),
            Column::Integers { values, .. } => values.len(),
            Column::Bools { values, .. } => values.len(),
            Column::Codes { codes, .. } => codes.len(),
        }
    }
}

/// The code of a missing cell in a [`Dictionary`].
pub(crate) const MISSING: u32 = u32::MAX;

/// A column in one form whatever form it was given in: its distinct cells in the order they
/// first appear, and for each row the position of its cell among them, or [`MISSING`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dictionary {
    pub codes: Vec<u32>,
    pub values: Vec<TableValue>,
    pub any_missing: bool,
}

impl Dictionary {
    /// The cell of row `row`.
    pub(crate) fn cell(&self, row: usize) -> Option<&TableValue> {
        self.values.get(self.codes[row] as usize)
    }
}

/// A long table held in memory as columns, named as in the CSV format (see
/// [`CsvOptions`](super::CsvOptions)): one row per entity and item.
///
/// Validating, preparing and scoring a table ([`Spec::score`](crate::Spec::score) with
/// `&[&table]`) reads it straight from its columns when every cell it needs is valid and of a
/// kind that path handles, and through the row model otherwise; the results, issues and
/// locations are the same either way. Cloning is cheap: clones share the columns.
///
/// ```
/// use openness::{Column, DecimalSeparator, Table, TableValue, ValidationOptions};
///
/// let text = |cells: &[&str]| Column::Codes {
///     codes: (0..cells.len() as i64).collect(),
///     values: cells.iter().map(|cell| Some(TableValue::Text(cell.to_string()))).collect(),
/// };
/// let table = Table::new(
///     vec![
///         ("entity".to_owned(), text(&["p1", "p1"])),
///         ("item".to_owned(), text(&["T1.01", "T1.02"])),
///         ("answer".to_owned(), text(&["yes", "no"])),
///     ],
///     "DataFrame",
///     DecimalSeparator::Dot,
/// )?;
/// assert_eq!(table.rows(), 2);
/// assert_eq!(table.sha256().len(), 64);
///
/// let charter = openness::charter("1.0.0")?;
/// let options = ValidationOptions { skip_evidence: true, ..ValidationOptions::default() };
/// let results = charter.score(&[&table], &options)?;
/// assert_eq!(results.len(), 1);
/// # Ok::<(), openness::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Table {
    pub(crate) data: Arc<TableData>,
    model: Arc<OnceLock<Assessment>>,
}

/// The content of a [`Table`].
#[derive(Debug)]
pub(crate) struct TableData {
    pub name: String,
    pub decimal: DecimalSeparator,
    pub rows: usize,
    pub names: Vec<String>,
    pub columns: Vec<Dictionary>,
    pub header: TableHeader,
    pub sha256: String,
}

impl Table {
    /// A table from its columns, each with its name; every column has one cell per row.
    /// `name` names the table in issue locations, where rows are numbered from 1; `decimal`
    /// is how numbers written as text are read.
    ///
    /// Fails when there is no `entity` column, or when columns differ in length or hold codes
    /// beyond their values. Columns the format does not define are kept and reported once each
    /// by validation.
    pub fn new(
        columns: Vec<(String, Column)>,
        name: &str,
        decimal: DecimalSeparator,
    ) -> Result<Table, Error> {
        let header =
            TableHeader::new(columns.iter().map(|(column, _)| column.as_str()), name, None)?;
        let rows = columns.first().map_or(0, |(_, column)| column.len());
        let invalid = |column: &str, message: String| {
            let location =
                Location { column: Some(column.to_owned()), ..Location::file(Some(name)) };
            Error::Invalid(vec![Issue::error(IssueCode::Syntax, location, message)].into())
        };
        for (column, data) in &columns {
            if data.len() != rows {
                let message = format!(
                    "column `{column}` has {} cells where the table has {rows}",
                    data.len()
                );
                return Err(invalid(column, message));
            }
            let masks = match data {
                Column::Integers { missing, .. } | Column::Bools { missing, .. } => {
                    missing.as_ref()
                }
                _ => None,
            };
            if masks.is_some_and(|mask| mask.len() != rows) {
                return Err(invalid(column, format!("column `{column}`: mask of wrong length")));
            }
            if let Column::Codes { codes, values } = data
                && let Some(code) = codes.iter().find(|&&code| code >= values.len() as i64)
            {
                let message =
                    format!("column `{column}`: code {code} beyond its {} values", values.len());
                return Err(invalid(column, message));
            }
        }
        if rows >= MISSING as usize {
            return Err(invalid(&columns[0].0, format!("the table has too many rows ({rows})")));
        }

        let (names, columns): (Vec<String>, Vec<Column>) = columns.into_iter().unzip();
        let digested = digest_columns(columns);
        let mut hasher = Sha256::new();
        hasher.update(TABLE_DOMAIN);
        hasher.update((rows as u64).to_le_bytes());
        hasher.update((names.len() as u64).to_le_bytes());
        let mut dictionaries = Vec::with_capacity(names.len());
        for (column, (dictionary, digest)) in names.iter().zip(digested) {
            hasher.update((column.len() as u64).to_le_bytes());
            hasher.update(column.as_bytes());
            hasher.update(digest);
            dictionaries.push(dictionary);
        }
        let data = TableData {
            name: name.to_owned(),
            decimal,
            rows,
            names,
            columns: dictionaries,
            header,
            sha256: hex(&hasher.finalize()),
        };
        Ok(Table { data: Arc::new(data), model: Arc::default() })
    }

    /// The name of the table in issue locations.
    pub fn name(&self) -> &str {
        &self.data.name
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.data.rows
    }

    /// SHA-256 of the table's content, in lowercase hexadecimal: the provenance of results
    /// scored from it, the same whichever way the table is validated.
    ///
    /// It is computed from the cells, not from how they were handed over (codes from pandas
    /// or polars, categorical or not), so anyone can compute it again. In the bytes below,
    /// `u64` and `u32` are little-endian and `digest` is a SHA-256 (32 bytes):
    ///
    /// ```text
    /// table  = SHA-256("openness-table-1\n" ‖ u64 rows ‖ u64 columns
    ///                  ‖ for each column in order: u64 length of its name ‖ name (UTF-8)
    ///                                               ‖ digest of the column)
    /// column = SHA-256(u64 number of distinct cells ‖ each distinct cell, in the order the
    ///                  cells first appear from the first row down
    ///                  ‖ for each row: u32 position of its cell among them, 0xFFFFFFFF if missing)
    /// cell   = 0x01 ‖ u64 length ‖ UTF-8 bytes      text
    ///        | 0x02 ‖ 8 bytes of the float64        number (−0 written as 0; NaN is missing)
    ///        | 0x03 ‖ 8 bytes of the int64          whole number
    ///        | 0x04 ‖ 0x00 or 0x01                  flag
    /// ```
    ///
    /// In pandas, a column's distinct cells and positions are `pd.factorize(series)`. Cells
    /// of different kinds are different cells: the number 1.0 and the whole number 1 are two.
    pub fn sha256(&self) -> &str {
        &self.data.sha256
    }

    /// Number of entities, valid or not: the distinct ids of the `entity` column, compared as
    /// validation compares them (spaces around them and invisible marks aside).
    pub fn len(&self) -> usize {
        let Some(column) = self.data.column("entity") else { return 0 };
        let mut keys: std::collections::HashSet<String> = column
            .values
            .iter()
            .map(|cell| identity_key(table::text_of_cell(cell.clone()).trim()))
            .collect();
        if column.any_missing {
            keys.insert(String::new());
        }
        keys.len()
    }

    /// Whether the table has no entity.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The table read row by row into the assessment model, as a CSV file is read; built the
    /// first time it is asked for. Its SHA-256 is the table's.
    pub fn assessment(&self) -> &Assessment {
        self.model.get_or_init(|| {
            let data = &self.data;
            let rows = (0..data.rows).map(|row| {
                let cells = data.columns.iter().map(|column| column.cell(row).cloned());
                data.header.row(row as u64 + 1, cells)
            });
            let mut assessment = table::from_rows(rows, &data.name, data.decimal, false);
            let mut report = data.header.report().clone();
            report.issues.append(&mut assessment.load_report.issues);
            assessment.load_report = report;
            assessment.sha256 = data.sha256.clone();
            assessment
        })
    }
}

impl TableData {
    /// The column named `name`, spaces around names aside; the last one if there are several,
    /// as rows read them.
    pub(crate) fn column(&self, name: &str) -> Option<&Dictionary> {
        let position = self.names.iter().rposition(|known| known.trim() == name)?;
        Some(&self.columns[position])
    }
}

const TABLE_DOMAIN: &[u8] = b"openness-table-1\n";

/// Each column in its one form, with its digest (see [`Table::sha256`]); the columns are
/// shared between the threads the machine has.
fn digest_columns(columns: Vec<Column>) -> Vec<(Dictionary, [u8; 32])> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(columns.len());
    if threads <= 1 {
        return columns.into_iter().map(digest_column).collect();
    }
    let mut shares: Vec<Vec<(usize, Column)>> = (0..threads).map(|_| Vec::new()).collect();
    // Codes columns cost about the same each; deal them out in turn.
    for (position, column) in columns.into_iter().enumerate() {
        shares[position % threads].push((position, column));
    }
    let mut done: Vec<(usize, (Dictionary, [u8; 32]))> = std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| {
                scope.spawn(move || {
                    share
                        .into_iter()
                        .map(|(position, column)| (position, digest_column(column)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|handle| handle.join().unwrap_or_default()).collect()
    });
    done.sort_by_key(|(position, _)| *position);
    done.into_iter().map(|(_, digested)| digested).collect()
}

fn digest_column(column: Column) -> (Dictionary, [u8; 32]) {
    let dictionary = dictionary(column);
    let mut hasher = Sha256::new();
    hasher.update((dictionary.values.len() as u64).to_le_bytes());
    for value in &dictionary.values {
        match value {
            TableValue::Text(text) => {
                hasher.update([1]);
                hasher.update((text.len() as u64).to_le_bytes());
                hasher.update(text.as_bytes());
            }
            TableValue::Number(number) => {
                hasher.update([2]);
                hasher.update(number_bits(*number).to_le_bytes());
            }
            TableValue::Integer(number) => {
                hasher.update([3]);
                hasher.update(number.to_le_bytes());
            }
            TableValue::Bool(flag) => hasher.update([4, u8::from(*flag)]),
        }
    }
    let mut buffer = vec![0u8; 1 << 16];
    for chunk in dictionary.codes.chunks(1 << 14) {
        for (bytes, code) in buffer.chunks_exact_mut(4).zip(chunk) {
            bytes.copy_from_slice(&code.to_le_bytes());
        }
        hasher.update(&buffer[..chunk.len() * 4]);
    }
    (dictionary, hasher.finalize().into())
}

/// The bits of a number as cells compare them: −0 is 0.
fn number_bits(number: f64) -> u64 {
    if number == 0.0 { 0 } else { number.to_bits() }
}

/// A cell as a key for finding equal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Text(&'a str),
    Number(u64),
    Integer(i64),
    Bool(bool),
}

impl<'a> Key<'a> {
    fn of(value: &'a TableValue) -> Key<'a> {
        match value {
            TableValue::Text(text) => Key::Text(text),
            TableValue::Number(number) => Key::Number(number_bits(*number)),
            TableValue::Integer(number) => Key::Integer(*number),
            TableValue::Bool(flag) => Key::Bool(*flag),
        }
    }
}

/// Numbers the distinct cells of a column in order of first appearance.
#[derive(Default)]
struct Numbering {
    codes: Vec<u32>,
    values: Vec<TableValue>,
    any_missing: bool,
}

impl Numbering {
    fn missing(&mut self) {
        self.codes.push(MISSING);
        self.any_missing = true;
    }

    fn finish(self) -> Dictionary {
        Dictionary { codes: self.codes, values: self.values, any_missing: self.any_missing }
    }
}

fn dictionary(column: Column) -> Dictionary {
    let rows = column.len();
    let mut numbering = Numbering { codes: Vec::with_capacity(rows), ..Numbering::default() };
    match column {
        Column::Codes { codes, values } => {
            // Equal values given twice share the first one's code.
            let mut first_of: HashMap<Key<'_>, usize, Fast> =
                HashMap::with_capacity_and_hasher(values.len(), Fast);
            let same: Vec<Option<usize>> = values
                .iter()
                .enumerate()
                .map(|(position, value)| {
                    let value = value.as_ref()?;
                    Some(*first_of.entry(Key::of(value)).or_insert(position))
                })
                .collect();
            let mut renumbered = vec![MISSING; values.len()];
            let mut order = Vec::new();
            for &code in &codes {
                let Some(given) = usize::try_from(code).ok().and_then(|code| same[code]) else {
                    numbering.missing();
                    continue;
                };
                if renumbered[given] == MISSING {
                    renumbered[given] = order.len() as u32;
                    order.push(given);
                }
                numbering.codes.push(renumbered[given]);
            }
            let mut values = values;
            numbering.values =
                order.into_iter().filter_map(|position| values[position].take()).collect();
        }
        Column::Floats(values) => {
            number_each(&mut numbering, values.iter().map(|&v| (!v.is_nan()).then_some(v)));
        }
        Column::Integers { values, missing } => {
            let present = |row: usize| missing.as_ref().is_none_or(|mask| !mask[row]);
            let mut seen: HashMap<i64, u32, Fast> = HashMap::default();
            for (row, &value) in values.iter().enumerate() {
                if !present(row) {
                    numbering.missing();
                    continue;
                }
                let next = numbering.values.len() as u32;
                let code = *seen.entry(value).or_insert(next);
                if code == next {
                    numbering.values.push(TableValue::Integer(value));
                }
                numbering.codes.push(code);
            }
        }
        Column::Bools { values, missing } => {
            let mut seen = [MISSING; 2];
            for (row, &value) in values.iter().enumerate() {
                if missing.as_ref().is_some_and(|mask| mask[row]) {
                    numbering.missing();
                    continue;
                }
                let slot = &mut seen[usize::from(value)];
                if *slot == MISSING {
                    *slot = numbering.values.len() as u32;
                    numbering.values.push(TableValue::Bool(value));
                }
                numbering.codes.push(*slot);
            }
        }
    }
    numbering.finish()
}

fn number_each(numbering: &mut Numbering, cells: impl Iterator<Item = Option<f64>>) {
    let mut seen: HashMap<u64, u32, Fast> = HashMap::default();
    for cell in cells {
        let Some(value) = cell else {
            numbering.missing();
            continue;
        };
        let next = numbering.values.len() as u32;
        let code = *seen.entry(number_bits(value)).or_insert(next);
        if code == next {
            numbering.values.push(TableValue::Number(value));
        }
        numbering.codes.push(code);
    }
}
