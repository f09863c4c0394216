//! Assessment input: the answers and values of entities, from JSON files, CSV files or tables
//! built in memory (DataFrames), all loaded to the same model.

pub(crate) mod columns;
mod json;
pub mod lenient;
pub mod model;
pub(crate) mod table;

use std::path::Path;

pub use columns::{Column, Table};
pub use model::{AssessmentFile, Entity, Evidence, Response, Signature, SpecRef, Unit};
pub use table::{CsvOptions, TableHeader, TableRow, TableValue};

use crate::error::Error;
use crate::issue::{Location, Report};
use crate::numbers::DecimalSeparator;
use crate::spec::{hex, hex_sha256, hex_sha256_of_json};
use sha2::{Digest, Sha256};

/// Computes the SHA-256 of what passes through it.
struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: std::io::Read> std::io::Read for HashingReader<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let count = self.inner.read(buffer)?;
        self.hasher.update(&buffer[..count]);
        Ok(count)
    }
}

/// An assessment file with what is needed to point at its parts: where it came from, and for
/// tables, the line of every record.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The content.
    pub file: AssessmentFile,
    /// Where it came from.
    pub origin: Origin,
    /// SHA-256 of the bytes read, or of the canonical JSON for tables built in memory.
    pub sha256: String,
    /// Problems found while reading that validation cannot see in the model (rows of a table
    /// that disagree about an entity, columns nobody knows).
    pub load_report: Report,
}

/// Where an assessment came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// File name, or a name for an in-memory source ("DataFrame").
    pub name: Option<String>,
    /// How its records are laid out.
    pub layout: Layout,
}

/// How the records of an assessment are laid out in its source.
#[derive(Debug, Clone, PartialEq)]
pub enum Layout {
    /// A JSON document: locations are JSON pointers.
    Json,
    /// A long table, one row per response: locations are lines.
    Table {
        /// `true` for CSV files (line 1 is the header), `false` for in-memory tables (row 1 is
        /// the first row).
        csv: bool,
        /// How numbers written as text were read.
        decimal: DecimalSeparator,
        /// Line of the first row of each entity.
        entity_lines: Vec<u64>,
        /// Line of each response of each entity.
        response_lines: Vec<Vec<u64>>,
    },
}

/// A field of an entity or response, named as in JSON and as a CSV column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field {
    pub json: &'static str,
    pub column: &'static str,
}

impl Field {
    pub(crate) const ID: Field = Field { json: "id", column: "entity" };
    pub(crate) const NAME: Field = Field { json: "name", column: "entity_name" };
    pub(crate) const FICTIONAL: Field = Field { json: "fictional", column: "fictional" };
    pub(crate) const SIGNATORY: Field = Field { json: "signatory", column: "signatory_signed" };
    pub(crate) const SPEC_VERSION: Field =
        Field { json: "specVersion", column: "entity_spec_version" };
    pub(crate) const UNITS: Field = Field { json: "units", column: "unit_class" };
    pub(crate) const ITEM: Field = Field { json: "item", column: "item" };
    pub(crate) const UNIT: Field = Field { json: "unit", column: "unit" };
    pub(crate) const ANSWER: Field = Field { json: "answer", column: "answer" };
    pub(crate) const VALUE: Field = Field { json: "value", column: "value" };
    pub(crate) const URLS: Field = Field { json: "evidence/urls", column: "evidence_urls" };
    pub(crate) const ARCHIVED_URL: Field =
        Field { json: "evidence/archivedUrl", column: "archived_url" };
    pub(crate) const CHECKED: Field = Field { json: "evidence/checked", column: "checked" };
    pub(crate) const NOTE: Field = Field { json: "evidence/note", column: "note" };
    pub(crate) const CODER: Field = Field { json: "coder", column: "coder" };
    pub(crate) const REVIEWER: Field = Field { json: "reviewer", column: "reviewer" };
    pub(crate) const NONE: Field = Field { json: "", column: "" };
}

impl Origin {
    fn file(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// Location of a file-level field.
    pub(crate) fn top(&self, json_field: &str, column: &str) -> Location {
        match &self.layout {
            Layout::Json => Location::pointer(self.file(), format!("/{json_field}")),
            // File-level columns are read from every row; the first row stands for them all.
            Layout::Table { entity_lines, .. } => Location {
                line: entity_lines.first().copied(),
                column: Some(column.to_owned()).filter(|c| !c.is_empty()),
                ..Location::file(self.file())
            },
        }
    }

    /// Location of a field of the entity at `entity`.
    pub(crate) fn entity(&self, entity: usize, field: Field) -> Location {
        match &self.layout {
            Layout::Json => {
                let suffix =
                    if field.json.is_empty() { String::new() } else { format!("/{}", field.json) };
                Location::pointer(self.file(), format!("/entities/{entity}{suffix}"))
            }
            Layout::Table { entity_lines, .. } => Location {
                line: entity_lines.get(entity).copied(),
                column: Some(field.column.to_owned()).filter(|c| !c.is_empty()),
                ..Location::file(self.file())
            },
        }
    }

    /// Location of a field of response `response` of the entity at `entity`.
    pub(crate) fn response(&self, entity: usize, response: usize, field: Field) -> Location {
        match &self.layout {
            Layout::Json => {
                let suffix =
                    if field.json.is_empty() { String::new() } else { format!("/{}", field.json) };
                let pointer = format!("/entities/{entity}/responses/{response}{suffix}");
                Location::pointer(self.file(), pointer)
            }
            Layout::Table { response_lines, .. } => Location {
                line: response_lines.get(entity).and_then(|lines| lines.get(response)).copied(),
                column: Some(field.column.to_owned()).filter(|c| !c.is_empty()),
                ..Location::file(self.file())
            },
        }
    }

    /// Location of an unknown field, named as written.
    pub(crate) fn extra(
        &self,
        entity: Option<usize>,
        response: Option<usize>,
        key: &str,
    ) -> Location {
        let field = Field { json: "", column: "" };
        let mut location = match (entity, response) {
            (Some(entity), Some(response)) => self.response(entity, response, field),
            (Some(entity), None) => self.entity(entity, field),
            _ => self.top("", ""),
        };
        match &self.layout {
            Layout::Json => {
                let pointer = location.pointer.take().unwrap_or_default();
                let key = key.replace('~', "~0").replace('/', "~1");
                location.pointer = Some(format!("{}/{key}", pointer.trim_end_matches('/')));
            }
            Layout::Table { .. } => location.column = Some(key.to_owned()),
        }
        location
    }

    /// Whether the records come from a table built in memory rather than a file.
    pub(crate) fn is_in_memory_table(&self) -> bool {
        matches!(self.layout, Layout::Table { csv: false, .. })
    }

    /// The decimal separator used to read numbers written as text.
    pub(crate) fn decimal(&self) -> DecimalSeparator {
        match &self.layout {
            Layout::Json => DecimalSeparator::Dot,
            Layout::Table { decimal, .. } => *decimal,
        }
    }
}

impl Assessment {
    /// Reads an assessment from JSON text. `name` names the source in error locations.
    ///
    /// Only malformed JSON is an error here; everything else is reported by validation.
    ///
    /// ```
    /// use openness::Assessment;
    ///
    /// let input = Assessment::from_json_str(r#"{
    ///     "spec": {"id": "political-openness-charter", "version": "1.0.0"},
    ///     "cycle": 2026,
    ///     "entities": [{"id": "p1", "responses": [{"item": "T1.01", "answer": "yes"}]}]
    /// }"#, "input.json").unwrap();
    /// assert_eq!(input.file.entities.len(), 1);
    /// assert_eq!(input.to_json().lines().nth(1), Some(r#"  "spec": {"#));
    /// ```
    pub fn from_json_str(text: &str, name: &str) -> Result<Assessment, Error> {
        Assessment::from_json_slice(text.as_bytes(), name)
    }

    /// Reads an assessment from JSON bytes. See [`Assessment::from_json_str`].
    pub fn from_json_slice(bytes: &[u8], name: &str) -> Result<Assessment, Error> {
        let file = json::parse(bytes, name)?;
        Ok(Assessment {
            file,
            origin: Origin { name: Some(name.to_owned()), layout: Layout::Json },
            sha256: hex_sha256(bytes),
            load_report: Report::default(),
        })
    }

    /// An assessment built in memory. Locations in issues are JSON pointers; the SHA-256 is
    /// that of its JSON form ([`Assessment::to_json`]).
    pub fn from_file(file: AssessmentFile, name: &str) -> Assessment {
        let mut assessment = Assessment {
            file,
            origin: Origin { name: Some(name.to_owned()), layout: Layout::Json },
            sha256: String::new(),
            load_report: Report::default(),
        };
        assessment.sha256 = hex_sha256_of_json(&assessment.file);
        assessment
    }

    /// Reads an assessment from long CSV text: one row per entity and item. See
    /// [`CsvOptions`] for the columns.
    pub fn from_csv_str(text: &str, name: &str, options: &CsvOptions) -> Result<Assessment, Error> {
        Assessment::from_csv_slice(text.as_bytes(), name, options)
    }

    /// Reads an assessment from long CSV bytes.
    pub fn from_csv_slice(
        bytes: &[u8],
        name: &str,
        options: &CsvOptions,
    ) -> Result<Assessment, Error> {
        let mut assessment = table::read_csv(bytes, name, options)?;
        assessment.sha256 = hex_sha256(bytes);
        Ok(assessment)
    }

    /// Builds an assessment from rows of a long table held in memory (a DataFrame, say), in
    /// the same shape as the CSV format. `name` names the source in error locations.
    pub fn from_rows(
        rows: impl IntoIterator<Item = TableRow>,
        name: &str,
        decimal: DecimalSeparator,
    ) -> Assessment {
        let mut assessment = table::from_rows(rows, name, decimal, false);
        assessment.sha256 = hex_sha256_of_json(&assessment.file);
        assessment
    }

    /// Reads an assessment file, as JSON or CSV according to its extension.
    ///
    /// JSON files are read as a stream, so that the whole text is never held in memory beside
    /// the model built from it: large files need about half the memory.
    pub fn load(path: impl AsRef<Path>, options: &CsvOptions) -> Result<Assessment, Error> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let is_csv = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("csv"));
        if is_csv {
            let bytes = std::fs::read(path).map_err(|error| Error::io(path, &error))?;
            return Assessment::from_csv_slice(&bytes, &name, options);
        }
        let file = std::fs::File::open(path).map_err(|error| Error::io(path, &error))?;
        // Hash what is read from the file in large chunks, below the buffer the parser reads
        // from byte by byte.
        let mut reader = std::io::BufReader::with_capacity(
            1 << 16,
            HashingReader { inner: file, hasher: Sha256::new() },
        );
        let parsed = json::parse_reader(&mut reader, &name, || std::fs::read(path).ok())?;
        Ok(Assessment {
            file: parsed,
            origin: Origin { name: Some(name), layout: Layout::Json },
            sha256: hex(&reader.into_inner().hasher.finalize()),
            load_report: Report::default(),
        })
    }

    /// The assessment as pretty-printed JSON, every field as it was read.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The assessment as long CSV. Returns the text and, separately, what a CSV file cannot
    /// hold and was therefore left out (a `$schema` reference, fields unknown to the format).
    pub fn to_csv(&self) -> Result<(String, Vec<String>), Error> {
        table::write_csv(&self.file)
    }
}
