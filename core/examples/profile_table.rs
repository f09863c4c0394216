//! Validates and scores a long table of synthetic charter data held as columns, as the Python
//! binding hands over a DataFrame, step by step, for profilers: `cargo run --release --example
//! profile_table -- 1000000 [skip]` (rows; `skip` leaves out the evidence columns and rules).
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::time::Instant;

use openness::{Column, DecimalSeparator, Table, TableValue, ValidationOptions};

fn main() {
    let rows: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let skip = std::env::args().nth(2).is_some_and(|arg| arg == "skip");
    let spec = openness::charter("1.0.0").unwrap();
    let entities = rows.div_ceil(64);
    let file = openness::synthetic::assessment(&spec, entities, 7);
    let (csv, _) = openness::Assessment::from_file(file, "synthetic").to_csv().unwrap();

    // The CSV's columns as codes into distinct cells, as pandas' factorize gives them.
    let body: String =
        csv.lines().filter(|line| !line.starts_with('#')).map(|l| format!("{l}\n")).collect();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let names: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let mut kept = vec!["entity", "item", "answer", "value"];
    if !skip {
        kept.extend(["evidence_urls", "archived_url", "checked", "note", "coder", "reviewer"]);
    }
    let positions: Vec<usize> =
        kept.iter().map(|name| names.iter().position(|n| n == name).unwrap()).collect();
    let mut codes: Vec<Vec<i64>> = vec![Vec::with_capacity(rows); kept.len()];
    let mut values: Vec<Vec<String>> = vec![Vec::new(); kept.len()];
    let mut index: Vec<std::collections::HashMap<String, i64>> =
        vec![Default::default(); kept.len()];
    for record in reader.records().take(rows) {
        let record = record.unwrap();
        for (column, &position) in positions.iter().enumerate() {
            let cell = &record[position];
            let code = if cell.is_empty() {
                -1
            } else {
                *index[column].entry(cell.to_owned()).or_insert_with(|| {
                    values[column].push(cell.to_owned());
                    values[column].len() as i64 - 1
                })
            };
            codes[column].push(code);
        }
    }
    let columns = || -> Vec<(String, Column)> {
        kept.iter()
            .enumerate()
            .map(|(column, name)| {
                let data = if *name == "value" {
                    let cells = codes[column].iter().map(|&code| match code {
                        -1 => f64::NAN,
                        code => values[column][code as usize].parse().unwrap(),
                    });
                    Column::Floats(cells.collect())
                } else {
                    Column::Codes {
                        codes: codes[column].clone(),
                        values: values[column]
                            .iter()
                            .map(|text| Some(TableValue::Text(text.clone())))
                            .collect(),
                    }
                };
                ((*name).to_owned(), data)
            })
            .collect()
    };
    let options = ValidationOptions {
        today: "2026-12-03".parse().ok(),
        skip_evidence: skip,
        ..ValidationOptions::default()
    };
    println!("{rows} rows, {} columns", kept.len());

    let repeats: usize = std::env::var("REPEATS").ok().and_then(|n| n.parse().ok()).unwrap_or(3);
    for _ in 0..repeats {
        let columns = columns();
        let start = Instant::now();
        let table = Table::new(columns, "DataFrame", DecimalSeparator::Dot).unwrap();
        let built = start.elapsed();
        let start = Instant::now();
        let prepared = spec.prepare(&[&table], &options).unwrap();
        let validated = start.elapsed();
        let start = Instant::now();
        let results = openness::Spec::score_prepared(&prepared).unwrap();
        let scored = start.elapsed();
        let start = Instant::now();
        let ranking = results.ranking();
        let ranked = start.elapsed();
        println!(
            "table and SHA-256 {built:?}, validate {validated:?}, score {scored:?}, rank \
             {ranked:?} ({} warnings, first {})",
            prepared.warnings().issues.len(),
            ranking[0].id()
        );
    }
}
