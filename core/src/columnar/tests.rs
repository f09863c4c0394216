//! The columnar path against the row path: on every shared test vector read as a table, on
//! synthetic charter tables, and on random charter tables with random defects, the two give the
//! same prepared cells, entities, evidence and issues, or the columnar path declines.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;

use crate::assessment::{Assessment, Column, Table, TableValue};
use crate::numbers::DecimalSeparator;
use crate::prepare::{PreparedData, ValidationOptions};
use crate::spec::Spec;

/// A table of text cells as a DataFrame holds them: `None` is a missing cell.
fn text_table(names: &[&str], rows: &[Vec<Option<TableValue>>]) -> Table {
    let columns = names
        .iter()
        .enumerate()
        .map(|(position, name)| {
            let cells: Vec<Option<TableValue>> =
                rows.iter().map(|row| row.get(position).cloned().flatten()).collect();
            ((*name).to_owned(), codes(cells))
        })
        .collect();
    Table::new(columns, "DataFrame", DecimalSeparator::Dot).unwrap()
}

/// A column of codes, one per row, into a list of values with repeats, as pandas factorizes.
fn codes(cells: Vec<Option<TableValue>>) -> Column {
    let mut values: Vec<Option<TableValue>> = Vec::new();
    let codes = cells
        .into_iter()
        .map(|cell| match cell {
            None => -1,
            Some(cell) => match values.iter().position(|known| known.as_ref() == Some(&cell)) {
                Some(position) => position as i64,
                None => {
                    values.push(Some(cell));
                    values.len() as i64 - 1
                }
            },
        })
        .collect();
    Column::Codes { codes, values }
}

/// Reads long CSV text into a table of text cells, as a DataFrame read from it would be
/// (empty cells missing), for `decimal`.
fn csv_table(text: &str, decimal: DecimalSeparator) -> Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let body: String =
        text.split_inclusive('\n').skip_while(|line| line.starts_with('#')).collect();
    let header = body.lines().next().unwrap_or("");
    let delimiter = if header.contains(';') && !header.contains(',') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(body.as_bytes());
    let names: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows: Vec<Vec<Option<TableValue>>> = reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            record
                .iter()
                .map(|cell| (!cell.is_empty()).then(|| TableValue::Text(cell.to_owned())))
                .collect()
        })
        .filter(|row: &Vec<Option<TableValue>>| row.iter().any(Option::is_some))
        .collect();
    let columns = names
        .iter()
        .enumerate()
        .map(|(position, name)| {
            (name.clone(), codes(rows.iter().map(|row| row[position].clone()).collect()))
        })
        .collect();
    Table::new(columns, "DataFrame", decimal).unwrap()
}

/// Prepares `table` both ways; asserts that they agree when the columnar path runs, and says
/// whether it ran.
fn same_both_ways(spec: &Spec, table: &Table, options: &ValidationOptions) -> bool {
    let (row_data, row_report) = crate::prepare::prepare(spec, &[table.assessment()], options);
    let Some((data, report)) = super::prepare(spec, table, options) else { return false };
    assert_eq!(report.issues, row_report.issues, "the issues differ");
    match (data, row_data) {
        (None, None) => {}
        (Some(data), Some(row_data)) => assert_same(&data, &row_data),
        (data, row_data) => panic!(
            "prepared by one path only: columns {}, rows {}",
            data.is_some(),
            row_data.is_some()
        ),
    }
    true
}

fn assert_same(data: &PreparedData, row_data: &PreparedData) {
    assert_eq!(data.entities, row_data.entities, "the entities differ");
    assert_eq!(data.cells, row_data.cells, "the cells differ");
    assert_eq!(data.cycle, row_data.cycle);
    assert_eq!(data.inputs, row_data.inputs, "the provenance differs");
    assert_eq!(data.evidence.get(), row_data.evidence.get(), "the evidence differs");
}

fn vectors() -> Vec<(String, Value)> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut paths: Vec<_> = std::fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap())
        })
        .collect()
}

fn vector_options(vector: &Value) -> ValidationOptions {
    let mut options = ValidationOptions::default();
    let Some(given) = vector.get("options") else { return options };
    options.today = given.get("today").and_then(Value::as_str).map(|d| d.parse().unwrap());
    options.skip_evidence = given.get("skipEvidence").and_then(Value::as_bool).unwrap_or(false);
    for (alias, id) in given.get("aliases").and_then(Value::as_object).into_iter().flatten() {
        options.aliases.push((alias.clone(), id.as_str().unwrap().to_owned()));
    }
    options
}

/// Every shared vector whose input is a table, and every other one written as a table when
/// CSV can hold it, prepared both ways.
#[test]
fn vectors_read_as_tables_prepare_the_same_both_ways() {
    let mut tables = 0;
    let mut columnar = 0;
    for (name, vector) in vectors() {
        let spec = match &vector["spec"] {
            Value::String(charter) => crate::charter(&charter["charter:".len()..]).unwrap(),
            inline => match Spec::from_json_str(&inline.to_string(), Some("spec")) {
                Ok(spec) => spec,
                Err(_) => continue,
            },
        };
        let decimal = match vector.get("csvDecimal").and_then(Value::as_str) {
            Some("comma") => DecimalSeparator::Comma,
            _ => DecimalSeparator::Dot,
        };
        let csv = match (vector.get("inputCsv"), vector.get("input")) {
            (Some(Value::String(csv)), _) => csv.clone(),
            (_, Some(input)) => {
                let Ok(assessment) = Assessment::from_json_str(&input.to_string(), "input.json")
                else {
                    continue;
                };
                match assessment.to_csv() {
                    Ok((csv, _)) => csv,
                    Err(_) => continue,
                }
            }
            _ => continue,
        };
        let table = csv_table(&csv, decimal);
        tables += 1;
        let options = vector_options(&vector);
        let ran = std::panic::catch_unwind(|| same_both_ways(&spec, &table, &options))
            .unwrap_or_else(|_| panic!("{name}: the two paths differ"));
        columnar += usize::from(ran);
    }
    assert!(tables >= 30, "only {tables} vectors read as tables");
    assert!(columnar >= 2, "the columnar path ran on only {columnar} of {tables} vectors");
}

/// The synthetic charter data of the benchmarks (with names and file fields left out, which
/// the columnar path does not read) is prepared from its columns, the same as from its rows.
#[test]
fn synthetic_charter_tables_take_the_columnar_path() {
    let charter = crate::charter("1.0.0").unwrap();
    let file = crate::synthetic::assessment(&charter, 40, 7);
    let (csv, _) = Assessment::from_file(file, "synthetic").to_csv().unwrap();
    let full = csv_table(&csv, DecimalSeparator::Dot);
    let keep = |name: &str| super::HANDLED.contains(&name);
    let columns: Vec<(String, Column)> = full
        .data
        .names
        .iter()
        .zip(&full.data.columns)
        .filter(|(name, _)| keep(name))
        .map(|(name, column)| {
            let cells = (0..full.rows()).map(|row| column.cell(row).cloned()).collect();
            (name.clone(), codes(cells))
        })
        .collect();
    let table = Table::new(columns, "DataFrame", DecimalSeparator::Dot).unwrap();
    for skip_evidence in [false, true] {
        let today = Some("2026-12-03".parse().unwrap());
        let options = ValidationOptions { today, skip_evidence, ..ValidationOptions::default() };
        assert!(same_both_ways(&charter, &table, &options), "skip_evidence {skip_evidence}");
    }
}

#[test]
fn a_table_has_one_hash_however_its_columns_are_coded() {
    let cells = |texts: &[&str]| -> Vec<Option<TableValue>> {
        texts.iter().map(|t| (!t.is_empty()).then(|| TableValue::Text((*t).to_owned()))).collect()
    };
    let entity = cells(&["p2", "p1", "p2", ""]);
    let first = Table::new(
        vec![("entity".to_owned(), codes(entity.clone()))],
        "DataFrame",
        DecimalSeparator::Dot,
    )
    .unwrap();
    // Sorted categories with a repeat, as polars or a categorical column might give them.
    let sorted = Column::Codes {
        codes: vec![1, 0, 2, -1],
        values: vec![
            Some(TableValue::Text("p1".into())),
            Some(TableValue::Text("p2".into())),
            Some(TableValue::Text("p2".into())),
        ],
    };
    let second =
        Table::new(vec![("entity".to_owned(), sorted)], "DataFrame", DecimalSeparator::Dot)
            .unwrap();
    assert_eq!(first.sha256(), second.sha256());
    assert_eq!(first.assessment().sha256, first.sha256());
    assert_eq!(first.len(), 3); // p2, p1 and the row without an entity

    // The hash is documented byte for byte on `Table::sha256`; recompute it here.
    use sha2::{Digest, Sha256};
    let mut column = Sha256::new();
    column.update(2u64.to_le_bytes());
    for text in ["p2", "p1"] {
        column.update([1]);
        column.update((text.len() as u64).to_le_bytes());
        column.update(text.as_bytes());
    }
    for code in [0u32, 1, 0, u32::MAX] {
        column.update(code.to_le_bytes());
    }
    let mut table = Sha256::new();
    table.update(b"openness-table-1\n");
    table.update(4u64.to_le_bytes());
    table.update(1u64.to_le_bytes());
    table.update(6u64.to_le_bytes());
    table.update(b"entity");
    table.update(column.finalize());
    assert_eq!(first.sha256(), crate::spec::hex(&table.finalize()));

    let numbers = Column::Floats(vec![1.5, f64::NAN, -0.0, 1.5]);
    let same_numbers = Column::Codes {
        codes: vec![0, -1, 1, 0],
        values: vec![Some(TableValue::Number(1.5)), Some(TableValue::Number(0.0))],
    };
    let with = |column: Column| {
        let entity = codes(cells(&["p1", "p1", "p1", "p1"]));
        let columns = vec![("entity".to_owned(), entity), ("value".to_owned(), column)];
        Table::new(columns, "DataFrame", DecimalSeparator::Dot).unwrap().sha256().to_owned()
    };
    assert_eq!(with(numbers), with(same_numbers));
}

/// What can be wrong with a row of a random table.
#[derive(Debug, Clone, Copy)]
enum Defect {
    UnknownItem,
    AnswerOffScale,
    AnswerSpelledLoosely,
    ItemSpelledLoosely,
    ValueOnElement,
    NeitherAnswerNorValue,
    Repeated,
    RepeatedDifferently,
    EntityWithSpaces,
    EntityMissing,
    EntityWithInvisibleMark,
    NoAddress,
    HttpAddress,
    NotAnAddress,
    NoArchive,
    FutureDate,
    ImpossibleDate,
    BlankNote,
    NoCoder,
    ValueAsText,
    ValueNotANumber,
    ValueOutOfDomain,
    ValueInfinite,
    OnlyTheEntity,
    ItemAsNumber,
    ExtraColumn,
}

const DEFECTS: [Defect; 26] = [
    Defect::UnknownItem,
    Defect::AnswerOffScale,
    Defect::AnswerSpelledLoosely,
    Defect::ItemSpelledLoosely,
    Defect::ValueOnElement,
    Defect::NeitherAnswerNorValue,
    Defect::Repeated,
    Defect::RepeatedDifferently,
    Defect::EntityWithSpaces,
    Defect::EntityMissing,
    Defect::EntityWithInvisibleMark,
    Defect::NoAddress,
    Defect::HttpAddress,
    Defect::NotAnAddress,
    Defect::NoArchive,
    Defect::FutureDate,
    Defect::ImpossibleDate,
    Defect::BlankNote,
    Defect::NoCoder,
    Defect::ValueAsText,
    Defect::ValueNotANumber,
    Defect::ValueOutOfDomain,
    Defect::ValueInfinite,
    Defect::OnlyTheEntity,
    Defect::ItemAsNumber,
    Defect::ExtraColumn,
];

const NAMES: [&str; 11] = [
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
    "remark",
];

/// A charter table: for each entity, the items whose byte is at least 40, answered from the
/// byte; then the defects, each on the row at its position (modulo the rows).
fn charter_table(
    charter: &Spec,
    answers: &[Vec<u8>],
    defects: &[(usize, usize)],
    value_as_floats: bool,
) -> Table {
    let plan = charter.plan();
    let text = |text: &str| Some(TableValue::Text(text.to_owned()));
    let mut rows: Vec<Vec<Option<TableValue>>> = Vec::new();
    for (entity, bytes) in answers.iter().enumerate() {
        for (item, &byte) in bytes.iter().enumerate().take(plan.items.len()) {
            if byte < 40 {
                continue;
            }
            let plan_item = &plan.items[item];
            let (answer, value) = match &plan_item.kind {
                crate::spec::plan::ItemKind::Element(element) => {
                    let codes = &plan.scales[element.scale].codes;
                    (text(&codes[usize::from(byte) % codes.len()]), None)
                }
                crate::spec::plan::ItemKind::Measure(measure) => {
                    let low = measure.domain.min.unwrap_or(0.0);
                    let high = measure.domain.max.unwrap_or(100.0).min(low + 100.0);
                    let share = f64::from(byte) / 255.0;
                    (None, Some(TableValue::Number(low + (high - low) * share)))
                }
            };
            rows.push(vec![
                text(&format!("party-{entity}")),
                text(&plan_item.id),
                answer,
                value,
                text("https://example.org/a https://example.org/b"),
                text("https://web.archive.org/a"),
                text("2026-03-15"),
                text("searched the site"),
                text("volunteer"),
                text("reviewer"),
                None,
            ]);
        }
    }
    let mut extra_column = false;
    for &(position, defect) in defects {
        if rows.is_empty() {
            break;
        }
        let at = position % rows.len();
        let row = &mut rows[at];
        match DEFECTS[defect % DEFECTS.len()] {
            Defect::UnknownItem => row[1] = text("T9.99"),
            Defect::AnswerOffScale => row[2] = row[2].as_ref().and(text("yess")),
            Defect::AnswerSpelledLoosely => {
                if let Some(TableValue::Text(answer)) = &row[2] {
                    row[2] = text(&format!(" {answer}\u{200F}"));
                }
            }
            Defect::ItemSpelledLoosely => {
                if let Some(TableValue::Text(item)) = &row[1] {
                    row[1] = text(&format!("{item} "));
                }
            }
            Defect::ValueOnElement => row[3] = Some(TableValue::Number(1.0)),
            Defect::NeitherAnswerNorValue => (row[2], row[3]) = (None, None),
            Defect::Repeated => {
                let copy = row.clone();
                rows.push(copy);
            }
            Defect::RepeatedDifferently => {
                let mut copy = row.clone();
                copy[2] = copy[2].as_ref().and(text("no"));
                copy[3] = copy[3].as_ref().map(|_| TableValue::Number(0.5));
                rows.push(copy);
            }
            Defect::EntityWithSpaces => row[0] = text(" party-0"),
            Defect::EntityMissing => row[0] = None,
            Defect::EntityWithInvisibleMark => row[0] = text("party-0\u{200F}"),
            Defect::NoAddress => row[4] = None,
            Defect::HttpAddress => row[4] = text("http://example.org/a"),
            Defect::NotAnAddress => row[4] = text("example.org"),
            Defect::NoArchive => row[5] = None,
            Defect::FutureDate => row[6] = text("2099-01-01"),
            Defect::ImpossibleDate => row[6] = text("2026-02-30"),
            Defect::BlankNote => row[7] = text("  "),
            Defect::NoCoder => row[8] = None,
            Defect::ValueAsText => row[3] = row[3].as_ref().and(text("12,5")),
            Defect::ValueNotANumber => row[3] = row[3].as_ref().and(text("n/a")),
            Defect::ValueOutOfDomain => {
                row[3] = row[3].as_ref().and(Some(TableValue::Number(-5.0)))
            }
            Defect::ValueInfinite => {
                row[3] = row[3].as_ref().and(Some(TableValue::Number(f64::INFINITY)))
            }
            Defect::OnlyTheEntity => {
                for cell in &mut row[1..] {
                    *cell = None;
                }
            }
            Defect::ItemAsNumber => row[1] = Some(TableValue::Integer(5)),
            Defect::ExtraColumn => {
                row[10] = text("a remark");
                extra_column = true;
            }
        }
    }
    let names = if extra_column { &NAMES[..] } else { &NAMES[..10] };
    let table = text_table(names, &rows);
    let numbers_only = rows.iter().all(|row| !matches!(row[3], Some(TableValue::Text(_))));
    if !value_as_floats || !numbers_only {
        return table;
    }
    // The `value` column as a float column, as pandas holds numbers.
    let columns = names
        .iter()
        .enumerate()
        .map(|(position, name)| {
            let column = table.data.column(name).unwrap();
            let cells = (0..rows.len()).map(|row| column.cell(row).cloned()).collect();
            let column = if position == 3 {
                Column::Floats(
                    rows.iter()
                        .map(|row| match row[3] {
                            Some(TableValue::Number(number)) => number,
                            _ => f64::NAN,
                        })
                        .collect(),
                )
            } else {
                codes(cells)
            };
            ((*name).to_owned(), column)
        })
        .collect();
    let floats = Table::new(columns, "DataFrame", DecimalSeparator::Dot).unwrap();
    assert_eq!(floats.sha256(), table.sha256(), "a float column hashes as its numbers");
    floats
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    /// Random charter tables with random defects: whenever the columnar path runs, it gives
    /// what the row path gives; on tables with rows and without defects, it runs.
    #[test]
    fn random_tables_prepare_the_same_both_ways(
        answers in prop::collection::vec(prop::collection::vec(any::<u8>(), 64), 0..4),
        defects in prop::collection::vec((any::<usize>(), any::<usize>()), 0..3),
        value_as_floats in any::<bool>(),
        skip_evidence in any::<bool>(),
        today in prop::option::of(Just("2026-12-03")),
    ) {
        let charter = crate::charter("1.0.0").unwrap();
        let table = charter_table(&charter, &answers, &defects, value_as_floats);
        let today = today.map(|date| date.parse().unwrap());
        let options = ValidationOptions { today, skip_evidence, ..ValidationOptions::default() };
        let ran = same_both_ways(&charter, &table, &options);
        // A table without rows is a defect too: the file has no entities.
        if defects.is_empty() && table.data.rows > 0 {
            prop_assert!(ran, "a table without defects should take the columnar path");
        }
    }
}
