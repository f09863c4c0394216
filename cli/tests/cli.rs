//! The CLI as a user runs it: on the fictional demo data, on a broken copy of it, and through
//! conversions.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn openness(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_openness"))
        .args(args)
        .args(["--today", "2026-12-03"].iter().filter(|_| takes_today(args)))
        .current_dir(repo())
        .output()
        .unwrap()
}

/// Whether the subcommand validates input, and so takes `--today` (fixed for reproducible tests).
fn takes_today(args: &[&str]) -> bool {
    matches!(args.first(), Some(&"validate" | &"score" | &"explain"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn score_prints_the_ranked_tiered_table() {
    let output = openness(&["score", "examples/data/demo-2026.json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = stdout(&output);
    assert!(text.starts_with(
        "Political Openness Charter 1.0.0 · cycle 2026 · 8 entities (fictional data)"
    ));
    let rows: Vec<&str> = text.lines().skip(3).take(8).collect();
    assert!(
        rows[0].contains("1  Digital Horizon Party (PHN)") && rows[0].contains("95  Exemplary"),
        "{}",
        rows[0]
    );
    assert!(rows[2].contains("Compass Party (PBS)") && rows[2].contains("60  Open"), "{}", rows[2]);
    assert!(
        rows[3].starts_with("  4=") && rows[4].starts_with("  4="),
        "ties share rank 4:\n{text}"
    );
    assert!(rows[5].starts_with("   6"), "the rank after a tie skips:\n{text}");
    assert!(
        rows[7].contains("Clear Spring Party (SRC)") && rows[7].contains("n/a  insufficient data")
    );
}

#[test]
fn score_in_arabic_uses_the_specs_labels() {
    let text = stdout(&openness(&["score", "examples/data/demo-2026.json", "--lang", "ar"]));
    assert!(text.starts_with("ميثاق الانفتاح السياسي 1.0.0"));
    assert!(text.contains("حزب الأفق الرقمي (PHN)"));
    assert!(text.contains("نموذجي"));
}

#[test]
fn score_as_json_gives_scripts_the_same_numbers() {
    let output = openness(&["score", "examples/data/demo-2026.json", "--format", "json"]);
    assert!(output.status.success());
    let document: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(document["provenance"]["specId"], "political-openness-charter");
    assert_eq!(document["provenance"]["specSha256"].as_str().unwrap().len(), 64);
    let entities = document["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 8);
    assert_eq!(entities[0]["id"], "phn");
    assert_eq!(entities[0]["rank"], 1);
    assert_eq!(entities[0]["rounded"], 95.0);
    let last = &entities[7];
    assert_eq!(
        (last["id"].as_str(), &last["rank"], &last["score"]),
        (Some("src"), &Value::Null, &Value::Null)
    );
    assert_eq!(last["status"], "insufficientData");
    assert!(!stdout(&output).contains("NaN"));
}

#[test]
fn score_as_csv_lists_every_node() {
    let text = stdout(&openness(&["score", "examples/data/demo-2026.json", "--format", "csv"]));
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "entity,name_ar,name_fr,name_en,kind,id,level,value,rounded,status,coverage,rank,tier"
        )
    );
    // 8 parties × 17 nodes (index, 4 dimensions, 12 indicators).
    assert_eq!(lines.count(), 8 * 17);
}

#[test]
fn validate_passes_the_demo_and_exits_zero() {
    let output =
        openness(&["validate", "examples/data/demo-2026.json", "examples/data/demo-2025.json"]);
    // Two cycles at once are refused: one cycle is scored at a time.
    assert_eq!(output.status.code(), Some(1));
    let output = openness(&["validate", "examples/data/demo-2026.json"]);
    assert!(output.status.success(), "{}", stdout(&output));
    assert!(stdout(&output).contains("0 error(s)"));
}

#[test]
fn validate_lists_every_problem_of_a_broken_copy_with_its_location() {
    let mut demo: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("examples/data/demo-2026.json")).unwrap(),
    )
    .unwrap();
    let responses = demo["entities"][0]["responses"].as_array_mut().unwrap();
    responses[0]["answer"] = "yess".into();
    responses[1]["item"] = "T1.2".into();
    responses[2]["evidence"]["checked"] = "2026-02-30".into();
    responses[3]["evidence"]["urls"] = serde_json::json!(["http://example.org/insecure"]);
    responses[4]["evidence"]["checked"] = "2027-01-15".into();
    let measure = responses.iter_mut().find(|r| r.get("value").is_some()).unwrap();
    measure["value"] = "7".into();
    demo["entities"][1]["id"] = 9007199254740993u64.into();
    let broken = std::env::temp_dir().join("openness-broken-demo.json");
    std::fs::write(&broken, serde_json::to_string_pretty(&demo).unwrap()).unwrap();

    let output = openness(&["validate", broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    for expected in [
        "error[answer-not-on-scale]",
        "/entities/0/responses/0/answer",
        "did you mean `yes`?",
        "error[unknown-item]",
        "/entities/0/responses/1/item",
        "error[invalid-date]",
        "/entities/0/responses/2/evidence/checked",
        "error[invalid-url]",
        "/entities/0/responses/3/evidence/urls",
        "error[future-date]",
        "error[number-as-string]",
        "write it without quotes: 7",
        "error[invalid-id]",
        "/entities/1/id",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
    }
    assert!(text.contains("entity phn:"), "issues are grouped by entity:\n{text}");
}

#[test]
fn explain_says_what_would_raise_a_score() {
    let output = openness(&["explain", "examples/data/demo-2026.json", "--entity", "pbs"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("pbs — Compass Party"));
    assert!(text.contains("rank 3 of 8"));
    assert!(text.contains("Unmet items that would raise"));
    // A reversed element's best answer is the first that scores best on the scale; measures
    // are shown by their values, in their unit.
    assert!(text.contains("A3.04   yes → no  "), "{text}");
    assert!(text.contains("I1.m2   value 0.1 → value 1 (share of the ten key items)"), "{text}");
    let output = openness(&["explain", "examples/data/demo-2026.json", "--entity", "src"]);
    let text = stdout(&output);
    assert!(
        text.contains(
            "none: the Political Openness Index is not scored (insufficient data), and no single \
             answer would make it scored; 6 of its 12 inputs are scored"
        ),
        "an unscored index is not said to be at its best:\n{text}"
    );
    let output = openness(&["explain", "examples/data/demo-2026.json", "--entity", "pbz"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `pbs`?"));
}

#[test]
fn json_and_csv_convert_into_each_other_without_loss() {
    let dir = std::env::temp_dir().join("openness-convert-test");
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("demo.csv");
    let json = dir.join("demo.json");
    let output = openness(&[
        "convert",
        "examples/data/demo-2026.json",
        "--to",
        "csv",
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not written to CSV: `$schema`"));
    let output = openness(&[
        "convert",
        csv.to_str().unwrap(),
        "--to",
        "json",
        "--out",
        json.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    // The same model: equal values (`1.0` and `1` are one number), every field kept.
    let read = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap();
        openness::Assessment::from_json_str(&text, "demo.json").unwrap().file
    };
    let (original, round_trip) = (read(&repo().join("examples/data/demo-2026.json")), read(&json));
    assert_eq!(original.entities, round_trip.entities);
    assert_eq!(
        (original.spec, original.cycle, original.note),
        (round_trip.spec, round_trip.cycle, round_trip.note)
    );
    // The committed CSV twin is exactly what the converter writes.
    let twin = std::fs::read_to_string(repo().join("examples/data/demo-2026.csv")).unwrap();
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), twin);
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let command = format!(
        "{} score examples/data/demo-2026.json | head -n 1",
        env!("CARGO_BIN_EXE_openness")
    );
    let output = Command::new("sh").arg("-c").arg(command).current_dir(repo()).output().unwrap();
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

#[test]
fn spec_schema_writes_the_committed_schemas() {
    let dir = std::env::temp_dir().join("openness-schema-test");
    let output = openness(&["spec", "schema", "--write", dir.to_str().unwrap()]);
    assert!(output.status.success());
    for name in ["spec.schema.json", "assessment.schema.json", "results.schema.json"] {
        let written = std::fs::read_to_string(dir.join(name)).unwrap();
        let committed = std::fs::read_to_string(repo().join("spec/schema").join(name)).unwrap();
        assert_eq!(written, committed, "{name}");
    }
}

#[test]
fn the_readme_shows_what_the_main_command_prints() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let command = "cargo run --release -p openness-cli -- score examples/data/demo-2026.json";
    let after = &readme[readme.find(command).expect("the README shows the main command")..];
    let block = after.split("```text\n").nth(1).unwrap().split("```").next().unwrap();
    let output = openness(&["score", "examples/data/demo-2026.json"]);
    assert_eq!(stdout(&output), block, "update the README's output of the main command");
}

#[test]
fn the_readme_rust_example_is_the_tutorial_example() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let block = readme.split("```rust\n").nth(1).unwrap().split("```").next().unwrap();
    let example =
        std::fs::read_to_string(repo().join("core/examples/tutorial_score_charter.rs")).unwrap();
    assert!(
        example.ends_with(block),
        "core/examples/tutorial_score_charter.rs must end with the README's example"
    );
}

/// Writes a shared test vector's spec and input to files, as a volunteer would have them.
fn vector_files(name: &str) -> (PathBuf, PathBuf) {
    let vector: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/vectors").join(name)).unwrap(),
    )
    .unwrap();
    let dir =
        std::env::temp_dir().join("openness-vector-files").join(name.trim_end_matches(".json"));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("spec.json");
    std::fs::write(&spec, serde_json::to_string_pretty(&vector["spec"]).unwrap()).unwrap();
    let input = if let Some(csv) = vector["inputCsv"].as_str() {
        let path = dir.join("input.csv");
        std::fs::write(&path, csv).unwrap();
        path
    } else if let Some(text) = vector["inputText"].as_str() {
        let path = dir.join("input.json");
        std::fs::write(&path, text).unwrap();
        path
    } else {
        let path = dir.join("input.json");
        std::fs::write(&path, serde_json::to_string_pretty(&vector["input"]).unwrap()).unwrap();
        path
    };
    (spec, input)
}

#[test]
fn validate_explains_each_bad_input_case_in_one_line() {
    // (vector, what the one line must say) for the cases of issue 6 that validation explains.
    let cases = [
        (
            "weighted-mean-missing-value.json",
            "item(s) not answered for `p1`: m1; unanswered items count as missing data",
        ),
        (
            "missing-weight.json",
            "`m2` has no weight, and `index` combines its inputs with relative weights",
        ),
        (
            "absolute-weights-must-sum-to-one.json",
            "the absolute weights of the inputs of `index` sum to 1.2, not 1",
        ),
        ("duplicate-responses.json", "`e1` is answered again here, differently from"),
        (
            "csv-comma-without-declaration.json",
            "`9,99` has a comma, which could separate decimals or thousands",
        ),
        ("mixed-script-number.json", "`1٠` mixes digits of different scripts"),
        ("nan-literal-in-json.json", "`NaN` is not a number JSON can hold"),
        ("nan-as-text.json", "the value of `m` is not a finite number"),
        ("large-integer-ids.json", "the entity's id is a number too large to be told apart"),
        ("weights-as-strings.json", "weight must be a number, found the string \"0.25\""),
    ];
    for (vector, expected) in cases {
        let (spec, input) = vector_files(vector);
        let output =
            openness(&["validate", "--spec", spec.to_str().unwrap(), input.to_str().unwrap()]);
        let all = format!("{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
        let line = all.lines().find(|line| line.contains(expected));
        assert!(line.is_some(), "{vector}: no line says `{expected}`:\n{all}");
        assert!(
            line.unwrap().contains(": "),
            "{vector}: the line names no location: {}",
            line.unwrap()
        );
        // A missing value is data to warn about, not an error; every other case is an error.
        let fails = vector != "weighted-mean-missing-value.json";
        assert_eq!(output.status.code() != Some(0), fails, "{vector}:\n{all}");
    }
}
