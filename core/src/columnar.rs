//! Validation of a long table straight from its columns, without the assessment model.
//!
//! Reading a table row by row builds a response record of about ten strings per row, and
//! checks every cell of every row. A DataFrame of a million rows has a few hundred distinct
//! cells per column: here each distinct cell is checked once (item ids, answer codes, numbers,
//! addresses, dates), and each row costs a few array look-ups.
//!
//! The two paths must agree to the last issue, so this one only vouches for what it can prove
//! clean. It handles the columns `entity`, `item`, `answer`, `value`, `evidence_urls`,
//! `archived_url`, `checked`, `note`, `coder` and `reviewer`, for items not scored by unit, with
//! no aliases. Any other column, or any cell about which validation would report something
//! while reading responses (an unknown item, an answer off the scale, a value out of its
//! domain, evidence the rules ask for and do not get, an entity answering an item twice, an id
//! with spaces around it, ids that differ only in letter case…), returns `None`, and the caller
//! reads the table row by row instead.
//! What comes after the responses are laid out (denominators, closed gates, unanswered items)
//! is the same code for both paths ([`finish_cells`]), so its warnings are reported here too.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use crate::assessment::columns::{Dictionary, MISSING, TableData};
use crate::assessment::lenient::Lenient;
use crate::assessment::table::{number_cell, text_of_cell};
use crate::assessment::{Field, Table, TableValue};
use crate::date::parse_date;
use crate::issue::{Location, Report};
use crate::prepare::{
    Cell, GivenEvidence, PreparedData, PreparedEntity, PreparedUnit, ValidationOptions,
    code_cell_of, evidence_not_checked, find_code, find_item, finish_cells,
};
use crate::results::EvidenceDocument;
use crate::spec::Spec;
use crate::spec::model::Requirement;
use crate::spec::plan::{EvidenceNeeds, ItemKind, Plan};
use crate::text::{Text, identity_key};
use crate::web_address::{self, Scheme};

/// Validates `table` from its columns and lays it out for scoring, as
/// [`prepare`](crate::prepare::prepare) would from its rows; `None` when the table has
/// something this path does not handle, and must be read row by row.
pub(crate) fn prepare(
    spec: &Spec,
    table: &Table,
    options: &ValidationOptions,
) -> Option<(Option<PreparedData>, Report)> {
    let data = &table.data;
    // An empty table is an error the row path reports (the file has no entities).
    if !options.aliases.is_empty() || data.rows == 0 {
        return None;
    }
    let plan = spec.plan();
    let columns = Columns::find(data)?;
    let entities = Entities::of(columns.entity)?;
    let distinct = Distinct::of(plan, &columns, data, options)?;

    let item_count = plan.items.len();
    let mut cells = vec![Cell::Unanswered; entities.ids.len() * item_count];
    // The row of the response kept in each cell, or MISSING.
    let mut kept_rows = vec![MISSING; cells.len()];
    let mut first_rows = vec![MISSING; entities.ids.len()];
    let code = |column: Option<&Dictionary>, row: usize| column.map_or(MISSING, |c| c.codes[row]);
    for row in 0..data.rows {
        let entity = entities.group_of[columns.entity.codes[row] as usize] as usize;
        if first_rows[entity] == MISSING {
            first_rows[entity] = row as u32;
        }
        let given = Given {
            item: code(columns.item, row),
            answer: code(columns.answer, row),
            value: code(columns.value, row),
            urls: code(columns.urls, row),
            archived: code(columns.archived, row),
            checked: code(columns.checked, row),
            note: code(columns.note, row),
            coder: code(columns.coder, row),
            reviewer: code(columns.reviewer, row),
        };
        if given.is_empty() {
            continue; // A row naming only its entity adds no response.
        }
        let item = *distinct.items.get(given.item as usize)?.as_ref()?;
        let position = entity * item_count + item;
        if kept_rows[position] != MISSING {
            return None; // Answered twice.
        }
        let (cell, needs) = distinct.cell(plan, item, &given)?;
        if !options.skip_evidence {
            distinct.check_evidence(plan, needs, &given)?;
        }
        cells[position] = cell;
        kept_rows[position] = row as u32;
    }

    let mut report = Report::default();
    if options.skip_evidence {
        report.push(evidence_not_checked());
    }
    let location = |row: u32, column: &str| Location {
        line: Some(u64::from(row) + 1),
        column: Some(column.to_owned()).filter(|column| !column.is_empty()),
        ..Location::file(Some(&data.name))
    };
    let mut prepared = Vec::with_capacity(entities.ids.len());
    for (position, id) in entities.ids.iter().enumerate() {
        let offset = position * item_count;
        let entity = PreparedEntity {
            id: (*id).to_owned(),
            name: Text::default(),
            abbreviation: None,
            fictional: false,
            signatory: None,
            units: vec![PreparedUnit { id: String::new(), class: None, name: Text::default() }],
            offset,
        };
        let kept_rows = &kept_rows[offset..offset + item_count];
        let kept = |cell: usize, field: Field| {
            let row = kept_rows[cell];
            (row != MISSING).then(|| location(row, field.column))
        };
        let first = || location(first_rows[position], Field::ID.column);
        let entity_cells = &mut cells[offset..offset + item_count];
        finish_cells(plan, &mut report, &entity, entity_cells, &kept, &first);
        prepared.push(entity);
    }
    if report.has_errors() {
        return Some((None, report));
    }

    let evidence = if columns.has_evidence() {
        let source = Arc::clone(&table.data);
        GivenEvidence::later(Box::new(move || evidence_documents(&source, &kept_rows)))
    } else {
        GivenEvidence::ready(Vec::new())
    };
    let data = PreparedData {
        spec: spec.clone(),
        entities: prepared,
        cells,
        cycle: None,
        inputs: vec![(Some(data.name.clone()), data.sha256.clone())],
        report: Arc::default(),
        evidence,
    };
    Some((Some(data), report))
}

/// The columns this path reads, found by their names as a table header reads them.
struct Columns<'t> {
    entity: &'t Dictionary,
    item: Option<&'t Dictionary>,
    answer: Option<&'t Dictionary>,
    value: Option<&'t Dictionary>,
    urls: Option<&'t Dictionary>,
    archived: Option<&'t Dictionary>,
    checked: Option<&'t Dictionary>,
    note: Option<&'t Dictionary>,
    coder: Option<&'t Dictionary>,
    reviewer: Option<&'t Dictionary>,
}

const HANDLED: [&str; 10] = [
    "entity",
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

impl<'t> Columns<'t> {
    /// The columns, or `None` when there is another column, or one given twice.
    fn find(data: &'t TableData) -> Option<Columns<'t>> {
        let mut found: [Option<&Dictionary>; HANDLED.len()] = [None; HANDLED.len()];
        for (name, column) in data.names.iter().zip(&data.columns) {
            let slot = HANDLED.iter().position(|handled| *handled == name.trim())?;
            if found[slot].replace(column).is_some() {
                return None;
            }
        }
        let [entity, item, answer, value, urls, archived, checked, note, coder, reviewer] = found;
        Some(Columns {
            entity: entity?,
            item,
            answer,
            value,
            urls,
            archived,
            checked,
            note,
            coder,
            reviewer,
        })
    }

    fn has_evidence(&self) -> bool {
        self.urls.is_some()
            || self.archived.is_some()
            || self.checked.is_some()
            || self.note.is_some()
    }
}

/// The codes of one row's cells.
struct Given {
    item: u32,
    answer: u32,
    value: u32,
    urls: u32,
    archived: u32,
    checked: u32,
    note: u32,
    coder: u32,
    reviewer: u32,
}

impl Given {
    fn is_empty(&self) -> bool {
        [
            self.item,
            self.answer,
            self.value,
            self.urls,
            self.archived,
            self.checked,
            self.note,
            self.coder,
            self.reviewer,
        ]
        .iter()
        .all(|&code| code == MISSING)
    }
}

/// The entities of the `entity` column: rows are grouped by the normalised id, in the order
/// ids first appear, each entity keeping the id of its first row.
struct Entities<'t> {
    ids: Vec<&'t str>,
    /// The entity of each distinct cell of the column.
    group_of: Vec<u32>,
}

impl<'t> Entities<'t> {
    /// `None` when a cell is missing, is not text, or has spaces around it (issues of the
    /// row path).
    fn of(column: &'t Dictionary) -> Option<Entities<'t>> {
        if column.any_missing {
            return None;
        }
        let mut ids = Vec::new();
        let mut by_key: HashMap<String, u32> = HashMap::new();
        // Same map type as `by_key`, which keeps the WebAssembly module from another copy.
        let mut folded: HashMap<String, u32> = HashMap::new();
        let mut group_of = Vec::with_capacity(column.values.len());
        for value in &column.values {
            let TableValue::Text(text) = value else { return None };
            if text.is_empty() || text.trim() != text {
                return None;
            }
            let next = ids.len() as u32;
            let group = *by_key.entry(identity_key(text)).or_insert(next);
            if group == next {
                // Ids that differ only in letter case are an error of the row path.
                if *folded.entry(text.to_lowercase()).or_insert(next) != next {
                    return None;
                }
                ids.push(text.as_str());
            }
            group_of.push(group);
        }
        Some(Entities { ids, group_of })
    }
}

/// What a distinct cell of each column means, worked out once.
struct Distinct {
    /// The item of each distinct `item` cell; `None` for an unknown item or one scored by
    /// unit (which needs a `unit` column).
    items: Vec<Option<usize>>,
    /// For each scale, the code of each distinct `answer` cell.
    codes: Vec<Vec<Option<usize>>>,
    /// The number of each distinct `value` cell, when it is a finite number.
    values: Vec<Option<f64>>,
    urls: Vec<UrlsCell>,
    /// Whether each distinct cell is an acceptable archive address.
    archived: Vec<bool>,
    /// Whether each distinct cell is a real date, not in the future.
    checked: Vec<bool>,
    /// Whether each distinct cell is blank.
    note_blank: Vec<bool>,
    coder_blank: Vec<bool>,
    reviewer_blank: Vec<bool>,
    /// The evidence rules of each code of each scale, and of measured values.
    needs: Vec<Vec<EvidenceNeeds>>,
    value_needs: EvidenceNeeds,
}

/// What an `evidence_urls` cell holds, as far as the evidence rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UrlsCell {
    /// No address (only spaces).
    Empty,
    /// Addresses that all start with https://.
    Https,
    /// Web addresses, some of them http://.
    Http,
    /// Something that is not a web address.
    Invalid,
}

impl Distinct {
    fn of<'t>(
        plan: &Plan,
        columns: &Columns<'t>,
        data: &TableData,
        options: &ValidationOptions,
    ) -> Option<Distinct> {
        let texts = |column: Option<&'t Dictionary>| -> Vec<Cow<'t, str>> {
            column.map_or_else(Vec::new, |column| column.values.iter().map(text).collect())
        };
        let blank = |column: Option<&'t Dictionary>| -> Vec<bool> {
            texts(column).iter().map(|text| text.trim().is_empty()).collect()
        };
        let items = texts(columns.item)
            .iter()
            .map(|id| {
                let item = find_item(plan, id)?;
                let by_unit = plan.items[item].node.is_some_and(|n| plan.nodes[n].units.is_some());
                (!by_unit).then_some(item)
            })
            .collect();
        let answers = texts(columns.answer);
        let codes = plan
            .scales
            .iter()
            .map(|scale| answers.iter().map(|answer| find_code(scale, answer)).collect())
            .collect();
        let values = columns.value.map_or_else(Vec::new, |column| {
            let number = |value: &TableValue| match number_cell(value.clone(), data.decimal) {
                Lenient::Valid(number) if number.is_finite() => Some(number),
                _ => None,
            };
            column.values.iter().map(number).collect()
        });
        let urls = texts(columns.urls)
            .iter()
            .map(|cell: &Cow<'_, str>| {
                cell.split_whitespace().map(web_address::check).fold(
                    UrlsCell::Empty,
                    |seen, scheme| match (seen, scheme) {
                        (UrlsCell::Invalid, _) | (_, Err(_)) => UrlsCell::Invalid,
                        (UrlsCell::Http, _) | (_, Ok(Scheme::Http)) => UrlsCell::Http,
                        _ => UrlsCell::Https,
                    },
                )
            })
            .collect();
        let archived =
            texts(columns.archived).iter().map(|url| web_address::check(url).is_ok()).collect();
        let checked = texts(columns.checked)
            .iter()
            .map(|text| {
                parse_date(text).is_some_and(|date| options.today.is_none_or(|today| date <= today))
            })
            .collect();
        let rules = &plan.evidence;
        let needs_of = |code: &str| rules.by_answer.get(code).copied().unwrap_or_default();
        Some(Distinct {
            items,
            codes,
            values,
            urls,
            archived,
            checked,
            note_blank: blank(columns.note),
            coder_blank: blank(columns.coder),
            reviewer_blank: blank(columns.reviewer),
            needs: plan
                .scales
                .iter()
                .map(|scale| scale.codes.iter().map(|code| needs_of(code)).collect())
                .collect(),
            value_needs: needs_of("value"),
        })
    }

    /// The cell of a response to `item` and the evidence rules of its answer; `None` when
    /// validation would report the answer or value.
    fn cell(&self, plan: &Plan, item: usize, given: &Given) -> Option<(Cell, EvidenceNeeds)> {
        let answer = given.answer != MISSING;
        let value = given.value != MISSING;
        let code = |scale: usize, reversed: bool| {
            let code = (*self.codes[scale].get(given.answer as usize)?)?;
            Some((code_cell_of(&plan.scales[scale], code, reversed), self.needs[scale][code]))
        };
        match &plan.items[item].kind {
            ItemKind::Element(element) if !value => code(element.scale, element.reversed),
            ItemKind::Measure(measure) => match (answer, value) {
                (true, false) => code(measure.codes?, false),
                (false, true) => {
                    let number = (*self.values.get(given.value as usize)?)?;
                    measure
                        .domain
                        .contains(number)
                        .then_some((Cell::Value { value: number }, self.value_needs))
                }
                _ => None,
            },
            ItemKind::Element(_) => None,
        }
    }

    /// `Some` when the row's evidence satisfies `needs` and the spec's rules on coders and
    /// reviewers without a word from validation, not even a warning.
    fn check_evidence(&self, plan: &Plan, needs: EvidenceNeeds, given: &Given) -> Option<()> {
        let silent = |requirement: Requirement| requirement == Requirement::Optional;
        let urls = match given.urls {
            MISSING => UrlsCell::Empty,
            code => self.urls[code as usize],
        };
        let urls_given = match urls {
            UrlsCell::Invalid => return None,
            UrlsCell::Http if needs.https_only => return None,
            UrlsCell::Empty if !silent(needs.url) => return None,
            UrlsCell::Empty => false,
            UrlsCell::Https | UrlsCell::Http => true,
        };
        match given.archived {
            MISSING
                if (urls_given || needs.url == Requirement::Required)
                    && !silent(needs.archived_url) =>
            {
                return None;
            }
            MISSING => {}
            code if !self.archived[code as usize] => return None,
            _ => {}
        }
        match given.checked {
            MISSING if !silent(needs.checked) => return None,
            MISSING => {}
            code if !self.checked[code as usize] => return None,
            _ => {}
        }
        let blank = |code: u32, blanks: &[bool]| code == MISSING || blanks[code as usize];
        let rules = &plan.evidence;
        let quiet = (silent(needs.note) || !blank(given.note, &self.note_blank))
            && (silent(rules.coder) || !blank(given.coder, &self.coder_blank))
            && (silent(rules.reviewer) || !blank(given.reviewer, &self.reviewer_blank));
        quiet.then_some(())
    }
}

/// A cell as the text columns of the row path read it, without copying text.
fn text(value: &TableValue) -> Cow<'_, str> {
    match value {
        TableValue::Text(text) => Cow::Borrowed(text),
        other => Cow::Owned(text_of_cell(other.clone())),
    }
}

/// The evidence of the kept responses, as [`EvidenceDocument::of`] makes it from a response:
/// addresses split at spaces, and the other fields when not blank.
fn evidence_documents(data: &TableData, kept_rows: &[u32]) -> Vec<(usize, EvidenceDocument)> {
    let texts = |name: &str| -> Vec<Option<String>> {
        data.column(name).map_or_else(Vec::new, |column| {
            let text = |value: &TableValue| {
                let text = text_of_cell(value.clone());
                (!text.trim().is_empty()).then_some(text)
            };
            column.values.iter().map(text).collect()
        })
    };
    let urls: Vec<Vec<String>> = data.column("evidence_urls").map_or_else(Vec::new, |column| {
        let split = |value: &TableValue| {
            text_of_cell(value.clone()).split_whitespace().map(str::to_owned).collect()
        };
        column.values.iter().map(split).collect()
    });
    let fields = [
        (data.column("archived_url"), texts("archived_url")),
        (data.column("checked"), texts("checked")),
        (data.column("note"), texts("note")),
    ];
    let at = |(column, texts): &(Option<&Dictionary>, Vec<Option<String>>), row: usize| {
        let code = column.as_ref()?.codes[row];
        texts.get(code as usize)?.clone()
    };
    let urls_column = data.column("evidence_urls");
    kept_rows
        .iter()
        .enumerate()
        .filter(|(_, row)| **row != MISSING)
        .filter_map(|(position, &row)| {
            let row = row as usize;
            let urls = urls_column
                .and_then(|column| urls.get(column.codes[row] as usize))
                .cloned()
                .unwrap_or_default();
            let document = EvidenceDocument {
                urls,
                archived_url: at(&fields[0], row),
                checked: at(&fields[1], row),
                note: at(&fields[2], row),
            };
            let empty = document.urls.is_empty()
                && document.archived_url.is_none()
                && document.checked.is_none()
                && document.note.is_none();
            (!empty).then_some((position, document))
        })
        .collect()
}

#[cfg(test)]
mod tests;
