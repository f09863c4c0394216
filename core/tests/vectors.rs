#![allow(clippy::unwrap_used, clippy::print_stdout)]

//! Runs every shared test vector in `tests/vectors/` (see its README for the format).

use std::path::{Path, PathBuf};

use openness::{Assessment, CsvOptions, DecimalSeparator, Error, Spec, ValidationOptions};
use serde_json::{Map, Value};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

#[test]
fn every_vector_passes() {
    give_what_builds_without_default_features_lack();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "expected the shared vectors, found {}", paths.len());
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            run_vector(path).err().map(|failure| format!("{name}: {failure}"))
        })
        .collect();
    assert!(failures.is_empty(), "{} vector(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// Gives the library the published charter files and Unicode NFC, as the WebAssembly binding
/// does, so that the vectors also pass without the default features `embedded-charters` and
/// `unicode-tables`. Builds with them keep their own.
fn give_what_builds_without_default_features_lack() {
    for version in openness::charter_versions() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("../spec/charter/{version}/charter.json"));
        openness::spec::provide_charter(version, &std::fs::read(path).unwrap()).unwrap();
    }
    openness::text::provide_nfc(|text| {
        unicode_normalization::UnicodeNormalization::nfc(text).collect()
    });
}

fn run_vector(path: &Path) -> Result<(), String> {
    let vector: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .map_err(|e| format!("vector is not JSON: {e}"))?;
    let expect = vector.get("expect").ok_or("no `expect`")?;
    let outcome = expect.get("outcome").and_then(Value::as_str).unwrap_or("scored");
    let tolerance = vector.get("tolerance").and_then(Value::as_f64).unwrap_or(1e-9);

    let spec = match load_spec(&vector["spec"]) {
        Ok(spec) => spec,
        Err(error) => {
            return if outcome == "specError" {
                check_issues(expect, error.report().map(|r| r.issues.as_slice()).unwrap_or(&[]))
            } else {
                Err(format!("spec failed to load: {error}"))
            };
        }
    };
    if outcome == "specError" {
        return Err("the spec loaded, but an error was expected".to_owned());
    }

    let input = match load_input(&vector) {
        Ok(input) => input,
        Err(Error::Invalid(report)) if outcome == "invalid" => {
            return check_issues(expect, &report.issues);
        }
        Err(error) => return Err(format!("input failed to load: {error}")),
    };
    let options = load_options(vector.get("options"));
    match spec.score(std::slice::from_ref(&input), &options) {
        Ok(results) => {
            if outcome != "scored" {
                return Err(format!("scored, but expected {outcome}"));
            }
            check_issues(expect, &results.warnings().issues)?;
            let document = serde_json::to_value(results.to_document()).unwrap();
            check_results(expect, &document, tolerance)
        }
        Err(Error::Invalid(report)) if outcome == "invalid" => check_issues(expect, &report.issues),
        Err(Error::Scoring(report)) if outcome == "scoringError" => {
            check_issues(expect, &report.issues)
        }
        Err(error) => Err(format!("expected {outcome}, got error: {error}")),
    }
}

fn load_spec(spec: &Value) -> Result<Spec, Error> {
    match spec {
        Value::String(name) => {
            let version = name.strip_prefix("charter:").expect("spec names are charter:VERSION");
            openness::charter(version)
        }
        other => Spec::from_json_str(&other.to_string(), Some("spec")),
    }
}

fn load_input(vector: &Value) -> Result<Assessment, Error> {
    if let Some(csv) = vector.get("inputCsv").and_then(Value::as_str) {
        let decimal = match vector.get("csvDecimal").and_then(Value::as_str) {
            Some("comma") => DecimalSeparator::Comma,
            _ => DecimalSeparator::Dot,
        };
        let options = CsvOptions { decimal, delimiter: None };
        return Assessment::from_csv_str(csv, "input.csv", &options);
    }
    if let Some(text) = vector.get("inputText").and_then(Value::as_str) {
        return Assessment::from_json_str(text, "input.json");
    }
    let input = vector.get("input").expect("a vector has `input`, `inputText` or `inputCsv`");
    Assessment::from_json_str(&input.to_string(), "input.json")
}

fn load_options(options: Option<&Value>) -> ValidationOptions {
    let mut result = ValidationOptions::default();
    let Some(options) = options else { return result };
    if let Some(today) = options.get("today").and_then(Value::as_str) {
        result.today = Some(today.parse().expect("today is YYYY-MM-DD"));
    }
    if let Some(skip) = options.get("skipEvidence").and_then(Value::as_bool) {
        result.skip_evidence = skip;
    }
    if let Some(aliases) = options.get("aliases").and_then(Value::as_object) {
        for (alias, id) in aliases {
            result.aliases.push((alias.clone(), id.as_str().unwrap().to_owned()));
        }
    }
    result
}

fn check_issues(expect: &Value, issues: &[openness::Issue]) -> Result<(), String> {
    let actual: Vec<Value> =
        issues.iter().map(|issue| serde_json::to_value(issue).unwrap()).collect();
    let shown = || issues.iter().map(|i| format!("\n    {i}")).collect::<String>();
    for wanted in expect.get("issues").and_then(Value::as_array).into_iter().flatten() {
        if !actual.iter().any(|issue| issue_matches(wanted, issue)) {
            return Err(format!("no issue matches {wanted}; reported:{}", shown()));
        }
    }
    let count = |severity: &str| actual.iter().filter(|i| i["severity"] == severity).count() as u64;
    for (key, severity) in [("errorCount", "error"), ("warningCount", "warning")] {
        if let Some(wanted) = expect.get(key).and_then(Value::as_u64)
            && count(severity) != wanted
        {
            return Err(format!(
                "expected {wanted} {severity}(s), got {}:{}",
                count(severity),
                shown()
            ));
        }
    }
    Ok(())
}

fn issue_matches(wanted: &Value, issue: &Value) -> bool {
    let Some(wanted) = wanted.as_object() else { return false };
    wanted.iter().all(|(key, value)| match key.as_str() {
        "pointer" | "line" | "column" | "file" => issue["location"].get(key) == Some(value),
        "messageContains" => {
            issue["message"].as_str().is_some_and(|m| m.contains(value.as_str().unwrap_or("")))
        }
        "hintContains" => {
            issue["hint"].as_str().is_some_and(|m| m.contains(value.as_str().unwrap_or("")))
        }
        _ => issue.get(key) == Some(value),
    })
}

fn check_results(expect: &Value, document: &Value, tolerance: f64) -> Result<(), String> {
    let entities = document["entities"].as_array().unwrap();
    if let Some(ranking) = expect.get("ranking").and_then(Value::as_array) {
        let actual: Vec<&Value> = entities.iter().map(|e| &e["id"]).collect();
        let wanted: Vec<&Value> = ranking.iter().collect();
        if actual != wanted {
            return Err(format!("ranking is {actual:?}, expected {wanted:?}"));
        }
    }
    let Some(expected) = expect.get("entities").and_then(Value::as_object) else { return Ok(()) };
    for (id, wanted) in expected {
        let entity = entities
            .iter()
            .find(|e| e["id"] == *id)
            .ok_or_else(|| format!("no entity `{id}` in the results"))?;
        for (key, value) in wanted.as_object().unwrap() {
            let context = format!("{id}.{key}");
            match key.as_str() {
                "nodes" | "groups" => {
                    compare_keyed(value, &entity[key.as_str()], "id", &context, tolerance)?
                }
                "items" => compare_items(value, &entity["items"], &context, tolerance)?,
                "units" => compare_units(value, &entity["nodes"], &context, tolerance)?,
                "commitments" => {
                    for (commitment, met) in value.as_object().unwrap() {
                        let actual = entity["commitments"]
                            .as_array()
                            .and_then(|list| list.iter().find(|c| c["id"] == *commitment))
                            .map(|c| &c["met"]);
                        if actual != Some(met) {
                            return Err(format!(
                                "{context}.{commitment} is {actual:?}, expected {met}"
                            ));
                        }
                    }
                }
                _ => compare(value, &entity[key.as_str()], &context, tolerance)?,
            }
        }
    }
    Ok(())
}

fn compare_keyed(
    wanted: &Value,
    actual: &Value,
    key: &str,
    context: &str,
    tolerance: f64,
) -> Result<(), String> {
    for (id, fields) in wanted.as_object().unwrap() {
        let found = actual
            .as_array()
            .and_then(|list| list.iter().find(|entry| entry[key] == *id))
            .ok_or_else(|| format!("{context}: no `{id}`"))?;
        compare_fields(fields, found, &format!("{context}.{id}"), tolerance)?;
    }
    Ok(())
}

fn compare_items(
    wanted: &Value,
    actual: &Value,
    context: &str,
    tolerance: f64,
) -> Result<(), String> {
    for (name, fields) in wanted.as_object().unwrap() {
        let (id, unit) = match name.split_once('@') {
            Some((id, unit)) => (id, Some(unit)),
            None => (name.as_str(), None),
        };
        let found = actual
            .as_array()
            .and_then(|list| {
                list.iter().find(|item| {
                    item["id"] == id && item.get("unit").and_then(Value::as_str) == unit
                })
            })
            .ok_or_else(|| format!("{context}: no item `{name}`"))?;
        compare_fields(fields, found, &format!("{context}.{name}"), tolerance)?;
    }
    Ok(())
}

fn compare_units(
    wanted: &Value,
    nodes: &Value,
    context: &str,
    tolerance: f64,
) -> Result<(), String> {
    for (node, units) in wanted.as_object().unwrap() {
        let found = nodes
            .as_array()
            .and_then(|list| list.iter().find(|n| n["id"] == *node))
            .ok_or_else(|| format!("{context}: no node `{node}`"))?;
        for (unit, value) in units.as_object().unwrap() {
            let actual = found["units"]
                .as_array()
                .and_then(|list| list.iter().find(|u| u["unit"] == *unit))
                .map(|u| &u["value"])
                .ok_or_else(|| format!("{context}.{node}: no unit `{unit}`"))?;
            compare(value, actual, &format!("{context}.{node}.{unit}"), tolerance)?;
        }
    }
    Ok(())
}

fn compare_fields(
    wanted: &Value,
    actual: &Value,
    context: &str,
    tolerance: f64,
) -> Result<(), String> {
    let wanted: &Map<String, Value> =
        wanted.as_object().ok_or_else(|| format!("{context}: expected an object"))?;
    for (key, value) in wanted {
        compare(value, &actual[key.as_str()], &format!("{context}.{key}"), tolerance)?;
    }
    Ok(())
}

fn compare(wanted: &Value, actual: &Value, context: &str, tolerance: f64) -> Result<(), String> {
    let equal = match (wanted.as_f64(), actual.as_f64()) {
        (Some(w), Some(a)) => (a - w).abs() <= tolerance * w.abs().max(1.0),
        _ => wanted == actual,
    };
    if equal { Ok(()) } else { Err(format!("{context} is {actual}, expected {wanted}")) }
}
