//! The long table form of an assessment: one row per entity and item, as volunteers fill in
//! spreadsheets. CSV files and in-memory tables (DataFrames) share this code.

use std::collections::HashMap;

use serde_json::Value;

use super::lenient::Lenient;
use super::model::{AssessmentFile, Entity, Evidence, Response, Signature, SpecRef, Unit};
use super::{Assessment, Layout, Origin};
use crate::error::Error;
use crate::issue::{Issue, IssueCode, Location, Report};
use crate::numbers::{DecimalSeparator, parse_number};
use crate::suggest::did_you_mean;
use crate::text::{Text, identity_key};

/// How to read a CSV file.
///
/// The columns, in any order (only `entity` is required; a cell left empty means "not given"):
///
/// | column | holds |
/// |---|---|
/// | `spec`, `spec_version`, `cycle` | the spec and cycle, the same on every row |
/// | `entity` | the entity's id |
/// | `entity_name_en`, `entity_name_fr`, `entity_name_ar`, … | its name in each language |
/// | `abbreviation`, `fictional` (`true`/`false`) | its short name, whether it is invented |
/// | `signatory_signed`, `signatory_charter_version` | its charter signature |
/// | `entity_spec_version` | the spec version it was assessed against, if not the file's |
/// | `unit`, `unit_class`, `unit_name_en`, … | the unit assessed, for multi-unit specs |
/// | `item`, `answer`, `value` | the element or measure, and its answer or value |
/// | `evidence_urls` (separated by spaces), `archived_url`, `checked`, `note` | the evidence |
/// | `coder`, `reviewer` | who coded and who reviewed |
///
/// Lines at the top starting with `#` hold the file's note. Entity fields need only be given
/// on one row of the entity; rows that give them differently are reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// How decimals are written in the `value` column. Default: with a dot.
    pub decimal: DecimalSeparator,
    /// The field delimiter. Default: detected from the header line (`,` or `;`).
    pub delimiter: Option<u8>,
}

/// A cell of an in-memory table.
#[derive(Debug, Clone, PartialEq)]
pub enum TableValue {
    /// Text, read as a CSV cell is.
    Text(String),
    /// A number (a float64 column).
    Number(f64),
    /// A whole number (an integer column).
    Integer(i64),
    /// A flag (a boolean column).
    Bool(bool),
}

/// One row of a long table: one response of one entity, with the entity's fields.
#[derive(Debug, Clone, Default, PartialEq)]
#[allow(missing_docs)] // Each field is the CSV column of the same name; see `CsvOptions`.
pub struct TableRow {
    /// Line of a CSV file, or row number of a table, for locations.
    pub line: u64,
    pub spec: Option<String>,
    pub spec_version: Option<String>,
    pub cycle: Option<TableValue>,
    pub entity: Option<TableValue>,
    /// `(language, name)` from the `entity_name_<language>` columns.
    pub entity_names: Vec<(String, String)>,
    pub abbreviation: Option<String>,
    pub fictional: Option<TableValue>,
    pub signatory_signed: Option<String>,
    pub signatory_charter_version: Option<String>,
    pub entity_spec_version: Option<String>,
    pub unit: Option<String>,
    pub unit_class: Option<String>,
    /// `(language, name)` from the `unit_name_<language>` columns.
    pub unit_names: Vec<(String, String)>,
    pub item: Option<String>,
    pub answer: Option<String>,
    pub value: Option<TableValue>,
    pub evidence_urls: Option<String>,
    pub archived_url: Option<String>,
    pub checked: Option<String>,
    pub note: Option<String>,
    pub coder: Option<String>,
    pub reviewer: Option<String>,
    /// Columns the format does not define, with their cells.
    pub extra: Vec<(String, String)>,
}

const KNOWN_COLUMNS: &[&str] = &[
    "spec",
    "spec_version",
    "cycle",
    "entity",
    "abbreviation",
    "fictional",
    "signatory_signed",
    "signatory_charter_version",
    "entity_spec_version",
    "unit",
    "unit_class",
    "item",
    "answer",
    "value",
    "evidence_urls",
    "archived_url",
    "checked",
    "note",
    "coder",
    "reviewer",
];

/// Reads long CSV bytes.
pub(super) fn read_csv(
    bytes: &[u8],
    name: &str,
    options: &CsvOptions,
) -> Result<Assessment, Error> {
    let syntax = |message: String, line: Option<u64>| {
        let location = Location { line, ..Location::file(Some(name)) };
        Error::Invalid(vec![Issue::error(IssueCode::Syntax, location, message)].into())
    };
    // A byte-order mark is an encoding signature, not part of the first column's name.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = bytes[..error.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        syntax("the file is not UTF-8 text; save it as CSV UTF-8".to_owned(), Some(line))
    })?;

    // Leading `#` lines are the file's note.
    let mut note_lines = Vec::new();
    let mut body_start = 0;
    let mut body_line = 1u64;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\r', '\n']);
        let Some(comment) = trimmed.strip_prefix('#') else { break };
        note_lines.push(comment.strip_prefix(' ').unwrap_or(comment).to_owned());
        body_start += line.len();
        body_line += 1;
    }
    let body = &text[body_start..];
    let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(body));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .has_headers(true)
        .from_reader(body.as_bytes());
    let headers = reader
        .headers()
        .map_err(|error| syntax(format!("cannot read the header line: {error}"), Some(body_line)))?
        .clone();

    let header = TableHeader::new(headers.iter(), name, Some(body_line))?;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(body, body_line);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.line_at(record.position().map_or(0, |p| p.byte()));
                if record.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                rows.push(
                    header.row(
                        line,
                        record.iter().map(|cell| {
                            (!cell.is_empty()).then(|| TableValue::Text(cell.to_owned()))
                        }),
                    ),
                );
            }
            Err(error) => {
                let line = error.position().map(|p| lines.line_at(p.byte()));
                return Err(syntax(format!("malformed CSV: {}", csv_error_message(&error)), line));
            }
        }
    }
    let mut assessment = from_rows(rows, name, options.decimal, true);
    if !note_lines.is_empty() {
        assessment.file.note = Some(Lenient::Valid(note_lines.join("\n")));
    }
    let mut load_report = header.report;
    load_report.issues.append(&mut assessment.load_report.issues);
    assessment.load_report = load_report;
    Ok(assessment)
}

fn csv_error_message(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("the row has {len} fields but the header has {expected_len}")
        }
        _ => error.to_string(),
    }
}

fn detect_delimiter(body: &str) -> u8 {
    let header = body.lines().next().unwrap_or("");
    if header.contains(';') && !header.contains(',') { b';' } else { b',' }
}

/// Line numbers of records, as a spreadsheet shows them, counted from the newlines before the
/// record. Files saved by Excel or LibreOffice end lines with `\r\n`, and the `csv` crate then
/// places a record at the `\n` of the line before (its line numbers are one too low); every
/// location given to a volunteer must point at the right line of their spreadsheet.
struct LineCounter<'t> {
    text: &'t [u8],
    offset: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    /// Counts lines of `text`, whose first line is line `first_line` of its file.
    fn new(text: &'t str, first_line: u64) -> LineCounter<'t> {
        LineCounter { text: text.as_bytes(), offset: 0, line: first_line }
    }

    /// The line of the record the `csv` crate places at byte `offset`; offsets are asked for in
    /// increasing order, so each byte is counted once.
    fn line_at(&mut self, offset: u64) -> u64 {
        let mut offset = usize::try_from(offset).unwrap_or(usize::MAX).min(self.text.len());
        if offset > 0 && self.text[offset - 1] == b'\r' && self.text.get(offset) == Some(&b'\n') {
            offset += 1;
        }
        if offset >= self.offset {
            self.line +=
                self.text[self.offset..offset].iter().filter(|&&b| b == b'\n').count() as u64;
            self.offset = offset;
        }
        self.line
    }
}

/// The columns of a long table, resolved once from their names: the header line of a CSV file,
/// or the column names of a DataFrame.
///
/// ```
/// use openness::{Assessment, TableHeader, TableValue};
/// use openness::numbers::DecimalSeparator;
///
/// let header = TableHeader::new(["entity", "item", "answer", "remark"], "DataFrame", None)?;
/// assert_eq!(header.report().issues[0].code.as_str(), "unknown-field"); // `remark`
///
/// let cells = [Some(TableValue::Text("p1".into())), Some(TableValue::Text("T1.01".into())),
///              Some(TableValue::Text("yes".into())), None];
/// let row = header.row(1, cells);
/// assert_eq!(row.answer.as_deref(), Some("yes"));
/// let assessment = Assessment::from_rows([row], "DataFrame", DecimalSeparator::Dot);
/// assert_eq!(assessment.file.entities.len(), 1);
///
/// assert!(TableHeader::new(["party", "item"], "DataFrame", None).is_err()); // no `entity`
/// # Ok::<(), openness::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct TableHeader {
    columns: Vec<Column>,
    report: Report,
}

#[derive(Debug, Clone)]
enum Column {
    Known(&'static str),
    Entity,
    EntityName(String),
    UnitName(String),
    Extra(String),
}

impl TableHeader {
    /// Resolves column names, as documented on [`CsvOptions`]. `name` names the source and
    /// `line` the header's line in it (`None` for tables without a header line), for locations.
    ///
    /// Columns the format does not define are kept and reported once each as warnings (see
    /// [`TableHeader::report`]); a table without an `entity` column is an error.
    pub fn new<'a>(
        names: impl IntoIterator<Item = &'a str>,
        name: &str,
        line: Option<u64>,
    ) -> Result<TableHeader, Error> {
        let mut report = Report::default();
        let columns: Vec<Column> =
            names.into_iter().map(|header| column(header, name, line, &mut report)).collect();
        if !columns.iter().any(|column| matches!(column, Column::Entity)) {
            let location = Location { line, ..Location::file(Some(name)) };
            // A file's note (lines starting with `#`) read as its header, as a DataFrame
            // library does unless told to skip it.
            let note_as_header = matches!(
                columns.first(),
                Some(Column::Extra(first)) if first.trim_start().starts_with('#')
            );
            let hint = if note_as_header {
                "the first column's name starts with `#`: the file's note was read as its \
                 header; give the file itself, whose note is skipped, or skip the note's lines \
                 when reading it into a table (pandas: `skiprows=1`)"
                    .to_owned()
            } else {
                format!("a long table needs at least `entity`; columns are: {}", known_columns())
            };
            let issue =
                Issue::error(IssueCode::MissingField, location, "no `entity` column".to_owned())
                    .with_hint(hint);
            // The other columns' warnings go with it: a header of `Entity, Item, Answer` is
            // told about the case of each name at once.
            let issues: Vec<Issue> = std::iter::once(issue).chain(report.issues).collect();
            return Err(Error::Invalid(issues.into()));
        }
        Ok(TableHeader { columns, report })
    }

    /// Warnings about the columns: one for each column the format does not define.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Number of columns.
    pub fn len(&self) -> usize {
        self.columns.len()
    }

    /// Whether there is no column.
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// A row from its cells, one per column in header order; `None` is a cell left empty.
    /// `line` is the row's line or row number, for locations.
    pub fn row(&self, line: u64, cells: impl IntoIterator<Item = Option<TableValue>>) -> TableRow {
        let mut row = TableRow { line, ..TableRow::default() };
        for (cell, column) in cells.into_iter().zip(&self.columns) {
            if let Some(cell) = cell {
                set(&mut row, column, cell);
            }
        }
        row
    }
}

/// The columns of the format, in words for a hint.
fn known_columns() -> String {
    format!("{}, entity_name_<language>, unit_name_<language>", KNOWN_COLUMNS.join(", "))
}

fn column(header: &str, name: &str, line: Option<u64>, report: &mut Report) -> Column {
    let header = header.trim();
    if header == "entity" {
        return Column::Entity;
    }
    if let Some(known) = KNOWN_COLUMNS.iter().find(|known| **known == header) {
        return Column::Known(known);
    }
    if let Some(language) = header.strip_prefix("entity_name_") {
        return Column::EntityName(language.to_owned());
    }
    if let Some(language) = header.strip_prefix("unit_name_") {
        return Column::UnitName(language.to_owned());
    }
    let location = Location { line, column: Some(header.to_owned()), ..Location::file(Some(name)) };
    let mut issue = Issue::warning(
        IssueCode::UnknownField,
        location,
        format!("column `{header}` is not part of the format; its cells are kept but not used"),
    )
    .with_value(header);
    issue.hint = did_you_mean(header, KNOWN_COLUMNS.iter().copied())
        .or_else(|| Some(format!("known columns: {}", known_columns())));
    report.push(issue);
    Column::Extra(header.to_owned())
}

/// Puts a cell in its field. Fields of entity ids, flags, cycles and values keep the cell's
/// type for validation to check; other fields are text.
fn set(row: &mut TableRow, column: &Column, cell: TableValue) {
    match column {
        Column::Entity => row.entity = Some(cell),
        Column::EntityName(language) => {
            row.entity_names.push((language.clone(), text_of_cell(cell)))
        }
        Column::UnitName(language) => row.unit_names.push((language.clone(), text_of_cell(cell))),
        Column::Extra(header) => row.extra.push((header.clone(), text_of_cell(cell))),
        Column::Known(known) => {
            let field = match *known {
                "cycle" => return row.cycle = Some(cell),
                "fictional" => return row.fictional = Some(cell),
                "value" => return row.value = Some(cell),
                "spec" => &mut row.spec,
                "spec_version" => &mut row.spec_version,
                "abbreviation" => &mut row.abbreviation,
                "signatory_signed" => &mut row.signatory_signed,
                "signatory_charter_version" => &mut row.signatory_charter_version,
                "entity_spec_version" => &mut row.entity_spec_version,
                "unit" => &mut row.unit,
                "unit_class" => &mut row.unit_class,
                "item" => &mut row.item,
                "answer" => &mut row.answer,
                "evidence_urls" => &mut row.evidence_urls,
                "archived_url" => &mut row.archived_url,
                "checked" => &mut row.checked,
                "note" => &mut row.note,
                "coder" => &mut row.coder,
                "reviewer" => &mut row.reviewer,
                _ => return,
            };
            *field = Some(text_of_cell(cell));
        }
    }
}

/// Builds the model from rows, grouping them by entity in order of first appearance.
pub(super) fn from_rows(
    rows: impl IntoIterator<Item = TableRow>,
    name: &str,
    decimal: DecimalSeparator,
    csv: bool,
) -> Assessment {
    let mut builder = Builder {
        name,
        decimal,
        file: AssessmentFile::default(),
        entity_index: HashMap::new(),
        last_entity: None,
        entity_lines: Vec::new(),
        response_lines: Vec::new(),
        report: Report::default(),
    };
    for row in rows {
        builder.add(row);
    }
    let Builder { file, entity_lines, response_lines, report, .. } = builder;
    Assessment {
        file,
        origin: Origin {
            name: Some(name.to_owned()),
            layout: Layout::Table { csv, decimal, entity_lines, response_lines },
        },
        sha256: String::new(),
        load_report: report,
    }
}

struct Builder<'a> {
    name: &'a str,
    decimal: DecimalSeparator,
    file: AssessmentFile,
    entity_index: HashMap<String, usize>,
    /// The entity cell of the previous row, and its entity's position.
    last_entity: Option<(TableValue, usize)>,
    entity_lines: Vec<u64>,
    response_lines: Vec<Vec<u64>>,
    report: Report,
}

impl Builder<'_> {
    fn conflict(&mut self, line: u64, column: &str, entity: Option<&str>, before: &str, now: &str) {
        let location = Location {
            line: Some(line),
            column: Some(column.to_owned()),
            ..Location::file(Some(self.name))
        };
        let subject = entity.map_or("the file".to_owned(), |id| format!("entity `{id}`"));
        let mut issue = Issue::error(
            IssueCode::ConflictingRows,
            location,
            format!("`{column}` of {subject} is `{before}` on an earlier row but differs here"),
        )
        .with_value(now)
        .with_hint("give the same value on every row, or leave the cell empty after the first row");
        if let Some(id) = entity {
            issue = issue.with_entity(id);
        }
        self.report.push(issue);
    }

    /// Sets a field from a cell, or reports a row that disagrees with an earlier one.
    fn merge<T: Clone + PartialEq>(
        &mut self,
        slot: &mut Option<Lenient<T>>,
        new: Option<Lenient<T>>,
        context: (u64, &str, Option<&str>),
        show: impl Fn(&Lenient<T>) -> String,
    ) {
        let Some(new) = new else { return };
        match slot {
            None => *slot = Some(new),
            Some(existing) if *existing == new => {}
            Some(existing) => {
                let (before, now) = (show(existing), show(&new));
                self.conflict(context.0, context.1, context.2, &before, &now);
            }
        }
    }

    fn add(&mut self, row: TableRow) {
        let line = row.line;
        let spec = match (&row.spec, &row.spec_version) {
            (None, None) => None,
            (id, version) => Some(Lenient::Valid(SpecRef {
                id: id.clone().unwrap_or_default(),
                version: version.clone().unwrap_or_default(),
            })),
        };
        let mut file_spec = self.file.spec.take();
        self.merge(&mut file_spec, spec, (line, "spec", None), |spec| match spec {
            Lenient::Valid(spec) => format!("{} {}", spec.id, spec.version),
            Lenient::Invalid(value) => value.to_string(),
        });
        self.file.spec = file_spec;
        let cycle = row.cycle.clone().map(integer_cell);
        let mut file_cycle = self.file.cycle.take();
        self.merge(&mut file_cycle, cycle, (line, "cycle", None), show_lenient);
        self.file.cycle = file_cycle;

        // Long tables list an entity's rows together: a row naming the same entity as the one
        // before, cell for cell, skips matching its id (normalised text) against every entity.
        let same_as_before = match (&self.last_entity, &row.entity) {
            (Some((cell, _)), Some(now)) => cell == now,
            _ => false,
        };
        let known = if same_as_before {
            self.last_entity.as_ref().map(|(_, position)| *position)
        } else {
            None
        };
        let key = match known {
            Some(_) => String::new(),
            None => {
                let entity_cell = row.entity.clone().map(text_of_cell).unwrap_or_default();
                identity_key(entity_cell.trim())
            }
        };
        let entity_position = match known.or_else(|| self.entity_index.get(&key).copied()) {
            Some(position) => position,
            None => {
                let position = self.file.entities.len();
                self.entity_index.insert(key, position);
                let id = row.entity.clone().map(id_cell);
                // Entities of a table usually have as many rows as the one before: reserving
                // that many saves growing the list of responses row by row.
                let expected = self.file.entities.last().map_or(0, |e| e.responses.len());
                let responses = Vec::with_capacity(expected);
                self.file.entities.push(Entity { id, responses, ..Entity::default() });
                self.entity_lines.push(line);
                self.response_lines.push(Vec::with_capacity(expected));
                position
            }
        };
        if !same_as_before {
            self.last_entity = row.entity.clone().map(|cell| (cell, entity_position));
        }
        self.add_entity_fields(entity_position, &row);
        self.add_response(entity_position, row);
    }

    fn add_entity_fields(&mut self, position: usize, row: &TableRow) {
        let has_entity_fields = !row.entity_names.is_empty()
            || row.abbreviation.is_some()
            || row.fictional.is_some()
            || row.entity_spec_version.is_some()
            || row.signatory_signed.is_some()
            || row.signatory_charter_version.is_some()
            || (row.unit.is_some() && row.unit_class.is_some());
        if !has_entity_fields {
            return;
        }
        let line = row.line;
        let mut entity = std::mem::take(&mut self.file.entities[position]);
        let id_text = entity.id.as_ref().map(show_lenient);
        let id = id_text.as_deref();

        if !row.entity_names.is_empty() {
            let mut names = match entity.name.take() {
                Some(Lenient::Valid(names)) => names,
                _ => Text::default(),
            };
            for (language, name) in &row.entity_names {
                match names.0.get(language) {
                    Some(existing) if existing != name => {
                        let column = format!("entity_name_{language}");
                        let existing = existing.clone();
                        self.conflict(line, &column, id, &existing, name);
                    }
                    Some(_) => {}
                    None => {
                        names.0.insert(language.clone(), name.clone());
                    }
                }
            }
            entity.name = Some(Lenient::Valid(names));
        }
        let text = |cell: &Option<String>| cell.clone().map(Lenient::Valid);
        self.merge(
            &mut entity.abbreviation,
            text(&row.abbreviation),
            (line, "abbreviation", id),
            show_lenient,
        );
        let fictional = row.fictional.clone().map(bool_cell);
        self.merge(&mut entity.fictional, fictional, (line, "fictional", id), show_lenient);
        let version = text(&row.entity_spec_version);
        self.merge(
            &mut entity.spec_version,
            version,
            (line, "entity_spec_version", id),
            show_lenient,
        );
        if row.signatory_signed.is_some() || row.signatory_charter_version.is_some() {
            let signature = Lenient::Valid(Signature {
                signed: row.signatory_signed.clone().unwrap_or_default(),
                charter_version: row.signatory_charter_version.clone().unwrap_or_default(),
            });
            self.merge(
                &mut entity.signatory,
                Some(signature),
                (line, "signatory_signed", id),
                |s| match s {
                    Lenient::Valid(s) => format!("{} {}", s.signed, s.charter_version),
                    Lenient::Invalid(value) => value.to_string(),
                },
            );
        }
        if let (Some(unit), Some(class)) = (&row.unit, &row.unit_class) {
            let mut units = match entity.units.take() {
                Some(Lenient::Valid(units)) => units,
                _ => Vec::new(),
            };
            let names = Text::from_pairs(row.unit_names.iter().cloned());
            match units.iter_mut().find(|known| known.id == *unit) {
                Some(known) if known.class != *class => {
                    let before = known.class.clone();
                    self.conflict(line, "unit_class", id, &before, class);
                }
                Some(known) => {
                    for (language, name) in names.0 {
                        known.name.0.entry(language).or_insert(name);
                    }
                }
                None => units.push(Unit { id: unit.clone(), class: class.clone(), name: names }),
            }
            entity.units = Some(Lenient::Valid(units));
        }
        self.file.entities[position] = entity;
    }

    fn add_response(&mut self, position: usize, row: TableRow) {
        let has_response = row.item.is_some()
            || row.answer.is_some()
            || row.value.is_some()
            || row.evidence_urls.is_some()
            || row.archived_url.is_some()
            || row.checked.is_some()
            || row.note.is_some()
            || row.coder.is_some()
            || row.reviewer.is_some()
            || !row.extra.is_empty();
        if !has_response {
            return;
        }
        let evidence = Evidence {
            urls: row
                .evidence_urls
                .map(|cell| Lenient::Valid(cell.split_whitespace().map(str::to_owned).collect())),
            archived_url: row.archived_url.map(Lenient::Valid),
            checked: row.checked.map(Lenient::Valid),
            note: row.note.map(Lenient::Valid),
            extra: Vec::new(),
        };
        let response = Response {
            item: row.item.map(Lenient::Valid),
            unit: row.unit.map(Lenient::Valid),
            answer: row.answer.map(Lenient::Valid),
            value: row.value.map(|cell| number_cell(cell, self.decimal)),
            evidence: (!evidence.is_empty()).then_some(evidence),
            coder: row.coder.map(Lenient::Valid),
            reviewer: row.reviewer.map(Lenient::Valid),
            extra: row.extra.into_iter().map(|(key, cell)| (key, Value::String(cell))).collect(),
        };
        self.file.entities[position].responses.push(response);
        self.response_lines[position].push(row.line);
    }
}

pub(crate) fn show_lenient<T: serde::Serialize>(value: &Lenient<T>) -> String {
    match value {
        Lenient::Valid(valid) => match serde_json::to_value(valid) {
            Ok(Value::String(text)) => text,
            Ok(other) => other.to_string(),
            Err(_) => String::new(),
        },
        Lenient::Invalid(Value::String(text)) => text.clone(),
        Lenient::Invalid(other) => other.to_string(),
    }
}

pub(crate) fn text_of_cell(cell: TableValue) -> String {
    match cell {
        TableValue::Text(text) => text,
        TableValue::Number(number) => number.to_string(),
        TableValue::Integer(number) => number.to_string(),
        TableValue::Bool(flag) => flag.to_string(),
    }
}

/// An id cell: text stays text; a number is kept as a number for validation to check that
/// it is a whole number JavaScript can hold.
fn id_cell(cell: TableValue) -> Lenient<String> {
    match cell {
        TableValue::Text(text) => Lenient::Valid(text),
        TableValue::Integer(number) => Lenient::Invalid(Value::from(number)),
        TableValue::Number(number) => Lenient::Invalid(
            serde_json::Number::from_f64(number)
                .map_or(Value::String(number.to_string()), Value::Number),
        ),
        TableValue::Bool(flag) => Lenient::Invalid(Value::Bool(flag)),
    }
}

fn integer_cell(cell: TableValue) -> Lenient<i64> {
    match cell {
        TableValue::Integer(number) => Lenient::Valid(number),
        TableValue::Text(text) => match text.trim().parse::<i64>() {
            Ok(number) => Lenient::Valid(number),
            Err(_) => Lenient::Invalid(Value::String(text)),
        },
        TableValue::Number(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            Lenient::Valid(number as i64)
        }
        other => Lenient::Invalid(Value::String(text_of_cell(other))),
    }
}

fn bool_cell(cell: TableValue) -> Lenient<bool> {
    match cell {
        TableValue::Bool(flag) => Lenient::Valid(flag),
        TableValue::Text(text) => match text.trim() {
            "true" | "TRUE" | "True" => Lenient::Valid(true),
            "false" | "FALSE" | "False" => Lenient::Valid(false),
            _ => Lenient::Invalid(Value::String(text)),
        },
        other => Lenient::Invalid(Value::String(text_of_cell(other))),
    }
}

/// A value cell: numbers as they are; text through [`parse_number`]. Text that is not a number
/// is kept as text, and validation says why it was refused.
pub(crate) fn number_cell(cell: TableValue, decimal: DecimalSeparator) -> Lenient<f64> {
    match cell {
        TableValue::Number(number) if number.is_finite() => Lenient::Valid(number),
        TableValue::Number(number) => Lenient::Invalid(Value::String(number.to_string())),
        TableValue::Integer(number) => Lenient::Valid(number as f64),
        TableValue::Bool(flag) => Lenient::Invalid(Value::Bool(flag)),
        TableValue::Text(text) => match parse_number(&text, decimal) {
            Ok(number) => Lenient::Valid(number),
            Err(_) => Lenient::Invalid(Value::String(text)),
        },
    }
}

/// Writes the model as long CSV; returns what CSV cannot hold, which is left out.
pub(super) fn write_csv(file: &AssessmentFile) -> Result<(String, Vec<String>), Error> {
    let mut left_out = Vec::new();
    if file.schema.is_some() {
        left_out.push("`$schema` (a JSON Schema reference has no meaning in CSV)".to_owned());
    }
    if file.fictional.is_some() {
        left_out.push(
            "the file-level `fictional` flag (each row's `fictional` column says it)".to_owned(),
        );
    }
    if file.aliases.is_some() {
        return Err(Error::Unrepresentable {
            format: "CSV",
            reason: "the file's `aliases` have no place in CSV; resolve them first".to_owned(),
        });
    }
    for (key, _) in &file.extra {
        left_out.push(format!("file field `{key}`"));
    }

    let mut entity_languages: Vec<String> = Vec::new();
    let mut unit_languages: Vec<String> = Vec::new();
    let mut extra_columns: Vec<String> = Vec::new();
    for entity in &file.entities {
        if let Some(Lenient::Valid(names)) = &entity.name {
            for language in names.0.keys() {
                if !entity_languages.contains(language) {
                    entity_languages.push(language.clone());
                }
            }
        }
        if let Some(Lenient::Valid(units)) = &entity.units {
            for language in units.iter().flat_map(|unit| unit.name.0.keys()) {
                if !unit_languages.contains(language) {
                    unit_languages.push(language.clone());
                }
            }
        }
        for (key, _) in &entity.extra {
            left_out.push(format!("entity field `{key}`"));
        }
        for response in &entity.responses {
            for (key, _) in &response.extra {
                if !extra_columns.contains(key) {
                    extra_columns.push(key.clone());
                }
            }
            if let Some(evidence) = &response.evidence {
                for (key, _) in &evidence.extra {
                    left_out.push(format!("evidence field `{key}`"));
                }
            }
        }
        let invalid_units = matches!(entity.units, Some(Lenient::Invalid(_)));
        let invalid_names = matches!(entity.name, Some(Lenient::Invalid(_)));
        if invalid_units || invalid_names {
            return Err(Error::Unrepresentable {
                format: "CSV",
                reason: "an entity's `name` or `units` is malformed; fix it first".to_owned(),
            });
        }
    }
    entity_languages.sort();
    unit_languages.sort();

    let mut header: Vec<String> =
        ["spec", "spec_version", "cycle", "entity"].map(String::from).to_vec();
    header.extend(entity_languages.iter().map(|l| format!("entity_name_{l}")));
    header.extend(
        [
            "abbreviation",
            "fictional",
            "signatory_signed",
            "signatory_charter_version",
            "entity_spec_version",
            "unit",
            "unit_class",
        ]
        .map(String::from),
    );
    header.extend(unit_languages.iter().map(|l| format!("unit_name_{l}")));
    header.extend(
        [
            "item",
            "answer",
            "value",
            "evidence_urls",
            "archived_url",
            "checked",
            "note",
            "coder",
            "reviewer",
        ]
        .map(String::from),
    );
    header.extend(extra_columns.iter().cloned());

    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let csv_error =
        |error: csv::Error| Error::Unrepresentable { format: "CSV", reason: error.to_string() };
    writer.write_record(&header).map_err(csv_error)?;
    let (spec_id, spec_version) = match &file.spec {
        Some(Lenient::Valid(spec)) => (spec.id.clone(), spec.version.clone()),
        Some(Lenient::Invalid(value)) => (value.to_string(), String::new()),
        None => (String::new(), String::new()),
    };
    let cycle = file.cycle.as_ref().map(show_lenient).unwrap_or_default();
    let cell =
        |value: &Option<Lenient<String>>| value.as_ref().map(show_lenient).unwrap_or_default();

    for entity in &file.entities {
        let names = match &entity.name {
            Some(Lenient::Valid(names)) => names.clone(),
            _ => Text::default(),
        };
        let units = match &entity.units {
            Some(Lenient::Valid(units)) => units.clone(),
            _ => Vec::new(),
        };
        let signature = match &entity.signatory {
            Some(Lenient::Valid(signature)) => {
                (signature.signed.clone(), signature.charter_version.clone())
            }
            _ => (String::new(), String::new()),
        };
        let mut entity_cells =
            vec![spec_id.clone(), spec_version.clone(), cycle.clone(), cell(&entity.id)];
        entity_cells
            .extend(entity_languages.iter().map(|l| names.0.get(l).cloned().unwrap_or_default()));
        entity_cells.extend([
            cell(&entity.abbreviation),
            entity.fictional.as_ref().map(show_lenient).unwrap_or_default(),
            signature.0,
            signature.1,
            cell(&entity.spec_version),
        ]);
        let empty_response = Response::default();
        let responses: Vec<&Response> = if entity.responses.is_empty() {
            vec![&empty_response]
        } else {
            entity.responses.iter().collect()
        };
        // Units without any response still need a row to be written.
        let mut unwritten_units: Vec<&Unit> = units.iter().collect();
        for response in responses {
            let unit_id = cell(&response.unit);
            let unit = units.iter().find(|unit| unit.id == unit_id);
            unwritten_units.retain(|written| Some(*written) != unit);
            let mut record = entity_cells.clone();
            record.push(unit_id.clone());
            record.push(unit.map(|u| u.class.clone()).unwrap_or_default());
            record.extend(
                unit_languages
                    .iter()
                    .map(|l| unit.and_then(|u| u.name.0.get(l)).cloned().unwrap_or_default()),
            );
            let evidence = response.evidence.clone().unwrap_or_default();
            let urls = match &evidence.urls {
                Some(Lenient::Valid(urls)) => urls.join(" "),
                Some(Lenient::Invalid(value)) => value.to_string(),
                None => String::new(),
            };
            record.extend([
                cell(&response.item),
                cell(&response.answer),
                response.value.as_ref().map(show_lenient).unwrap_or_default(),
                urls,
                cell(&evidence.archived_url),
                cell(&evidence.checked),
                cell(&evidence.note),
                cell(&response.coder),
                cell(&response.reviewer),
            ]);
            record.extend(extra_columns.iter().map(|column| {
                response
                    .extra
                    .iter()
                    .find(|(key, _)| key == column)
                    .map(|(_, value)| match value {
                        Value::String(text) => text.clone(),
                        other => other.to_string(),
                    })
                    .unwrap_or_default()
            }));
            writer.write_record(&record).map_err(csv_error)?;
        }
        for unit in unwritten_units {
            let mut record = entity_cells.clone();
            record.push(unit.id.clone());
            record.push(unit.class.clone());
            record.extend(
                unit_languages.iter().map(|l| unit.name.0.get(l).cloned().unwrap_or_default()),
            );
            record.extend(std::iter::repeat_n(String::new(), 9 + extra_columns.len()));
            writer.write_record(&record).map_err(csv_error)?;
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| Error::Unrepresentable { format: "CSV", reason: error.to_string() })?;
    let mut text = String::from_utf8(bytes).unwrap_or_default();
    if let Some(note) = file.note.as_ref().map(show_lenient) {
        let comment: String = note.lines().map(|line| format!("# {line}\n")).collect();
        text.insert_str(0, &comment);
    }
    Ok((text, left_out))
}
