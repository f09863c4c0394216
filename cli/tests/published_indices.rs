#![allow(clippy::unwrap_used)]

//! The CLI reproduces the published indices of `examples/indices/` as a user would run it:
//! `openness score --spec SPEC FILE --format json`, its numbers compared with the publishers'
//! files copied into `tests/published/`. The engine's own tests
//! (`core/tests/published_indices.rs`) check every published value; these check the command.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn published(path: &str) -> Vec<HashMap<String, String>> {
    let path = repo().join("tests/published").join(path);
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            headers.iter().map(str::to_owned).zip(record.iter().map(str::to_owned)).collect()
        })
        .collect()
}

/// Runs `openness score --spec SPEC ASSESSMENTS --format json` in the repository and returns
/// the entities of its output, by id.
fn score(folder: &str, spec: &str) -> HashMap<String, Value> {
    let folder = format!("examples/indices/{folder}");
    let output = Command::new(env!("CARGO_BIN_EXE_openness"))
        .current_dir(repo())
        .args(["score", "--quiet", "--format", "json", "--spec"])
        .arg(format!("{folder}/{spec}"))
        .arg(format!("{folder}/assessments.json"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    let entities = document["entities"].as_array().unwrap();
    entities
        .iter()
        .map(|entity| (entity["id"].as_str().unwrap().to_owned(), entity.clone()))
        .collect()
}

fn node<'a>(entity: &'a Value, id: &str) -> &'a Value {
    entity["nodes"].as_array().unwrap().iter().find(|node| node["id"] == id).unwrap()
}

#[test]
fn rdr_2022_totals_categories_and_ranking() {
    let entities = score("rdr-2022", "spec.json");
    let mut mismatches = Vec::new();
    for row in published("rdr2022/rdr2022_published_totals.csv") {
        if row["Index"] != "2022" {
            continue;
        }
        let entity = &entities[&row["Company"]];
        let want: f64 = row["Score"].parse().unwrap();
        if entity["rounded"].as_f64() != Some(want) {
            mismatches.push(format!(
                "{} total: published {want}, CLI {}",
                row["Company"], entity["rounded"]
            ));
        }
    }
    for row in published("rdr2022/rdr2022_published_categories.csv") {
        if row["Index"] != "2022" {
            continue;
        }
        let got = &node(&entities[&row["Company"]], &row["Category"])["rounded"];
        let want: f64 = row["Score"].parse().unwrap();
        if got.as_f64() != Some(want) {
            mismatches.push(format!(
                "{} {}: published {want}, CLI {got}",
                row["Company"], row["Category"]
            ));
        }
    }
    for row in published("rdr2022/rdr2022_published_rankings.csv") {
        let got = &entities[&row["Company"]]["rank"];
        let want: u64 = row["Rank"].parse().unwrap();
        if got.as_u64() != Some(want) {
            mismatches.push(format!("{} rank: published {want}, CLI {got}", row["Company"]));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert_eq!(entities.len(), 14);
}

#[test]
fn rdr_2022_table_lists_the_published_ranking() {
    let output = Command::new(env!("CARGO_BIN_EXE_openness"))
        .current_dir(repo())
        .args(["score", "--quiet", "--spec", "examples/indices/rdr-2022/spec.json"])
        .arg("examples/indices/rdr-2022/assessments.json")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let table = String::from_utf8(output.stdout).unwrap();
    let order: Vec<&str> = table
        .lines()
        .filter_map(|line| line.split_whitespace().nth(1))
        .filter(|word| ["Twitter", "Yahoo", "Microsoft", "Google", "Meta"].contains(word))
        .collect();
    assert_eq!(order, ["Twitter", "Yahoo", "Microsoft", "Google", "Meta"], "{table}");
}

#[test]
fn obs_2019_index_and_rank() {
    let entities = score("obs-2019", "spec.json");
    let mut mismatches = Vec::new();
    for row in published("obs/obs2019_summary.csv") {
        let entity = &entities[&row["COUNTRY"]];
        let index: f64 = row["OPEN_BUDGET_INDEX"].parse().unwrap();
        let rank: u64 = row["RANK"].parse().unwrap();
        if entity["rounded"].as_f64() != Some(index) || entity["rank"].as_u64() != Some(rank) {
            mismatches.push(format!(
                "{}: published {index} (rank {rank}), CLI {} (rank {})",
                row["COUNTRY"], entity["rounded"], entity["rank"]
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert_eq!(entities.len(), 117);
}

#[test]
fn coinr_asem_index_of_every_variant() {
    let variants = [
        "minmax_amean",
        "zscore_amean",
        "rank_amean",
        "borda_amean",
        "minmax1_gmean",
        "minmax_amean_manualw",
    ];
    let mut mismatches = Vec::new();
    for variant in variants {
        let entities = score("coinr-asem", &format!("spec-{variant}.json"));
        for row in published(&format!("coinr-asem/{variant}/aggregated.csv")) {
            let want: f64 = row["Index"].parse().unwrap();
            let got = entities[&row["uCode"]]["score"].as_f64().unwrap();
            if (got - want).abs() > 1e-9 * want.abs().max(1.0) {
                mismatches.push(format!("{variant} {}: published {want}, CLI {got}", row["uCode"]));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
