#![allow(clippy::unwrap_used)]

//! Validation messages say what to do in the context of the input: advice that only applies to
//! CSV files is not given for JSON, and CSV locations are the lines a spreadsheet shows.

use openness::{Assessment, CsvOptions, DecimalSeparator, Issue, IssueCode, ValidationOptions};

/// The spec of a shared vector: one measure `m`, a number from 0 to 100,000.
fn spec() -> openness::Spec {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/csv-decimal-comma.json");
    let vector: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    openness::Spec::from_json_str(&vector["spec"].to_string(), Some("spec.json")).unwrap()
}

/// The published charter, its file given to the library first, so that the tests also run
/// without the default feature `embedded-charters`.
fn charter() -> openness::Spec {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/charter/1.0.0/charter.json");
    openness::spec::provide_charter("1.0.0", &std::fs::read(path).unwrap()).unwrap();
    openness::charter("1.0.0").unwrap()
}

fn not_a_number(input: Assessment) -> Issue {
    let report = spec().validate(&[input], &ValidationOptions::default());
    report.issues.into_iter().find(|issue| issue.code == IssueCode::NotANumber).unwrap()
}

#[test]
fn a_decimal_comma_in_json_is_not_told_to_declare_one() {
    let json = r#"{"entities": [{"id": "p1", "responses": [{"item": "m", "value": "4,1"}]}]}"#;
    let issue = not_a_number(Assessment::from_json_str(json, "input.json").unwrap());
    let hint = issue.hint.unwrap();
    assert!(hint.starts_with("write the number with a dot for decimals"), "{hint}");
    assert!(!hint.contains("declared"), "JSON has no decimal separator to declare: {hint}");
}

#[test]
fn a_decimal_comma_in_csv_names_the_option_of_every_interface() {
    let csv = "entity,item,value\np1,m,\"4,1\"\n";
    let input = Assessment::from_csv_str(csv, "input.csv", &CsvOptions::default()).unwrap();
    let hint = not_a_number(input).hint.unwrap();
    for option in ["--decimal-comma", "decimal=\",\"", "decimal: \"comma\""] {
        assert!(hint.contains(option), "{option} missing from: {hint}");
    }
}

#[test]
fn a_dot_under_a_declared_decimal_comma_is_explained() {
    let csv = "entity,item,value\np1,m,2.5\n";
    let options = CsvOptions { decimal: DecimalSeparator::Comma, ..CsvOptions::default() };
    let input = Assessment::from_csv_str(csv, "input.csv", &options).unwrap();
    let issue = not_a_number(input);
    assert_eq!(issue.value.as_deref(), Some("2.5"));
    assert!(issue.hint.unwrap().contains("write 2,5 for two and a half"));
}

#[test]
fn csv_lines_ending_in_crlf_are_counted_as_a_spreadsheet_shows_them() {
    let csv = "entity,item,value\r\np1,m,10\r\np2,m,\"4,1\"\r\n";
    let input = Assessment::from_csv_str(csv, "input.csv", &CsvOptions::default()).unwrap();
    let issue = not_a_number(input);
    assert_eq!(issue.location.line, Some(3));
    assert_eq!(issue.location.column.as_deref(), Some("value"));
}

#[test]
fn dates_not_written_as_yyyy_mm_dd_are_rewritten_for_the_volunteer() {
    let charter = charter();
    let advice = |checked: &str| {
        let json = format!(
            r#"{{"spec": {{"id": "political-openness-charter", "version": "1.0.0"}}, "cycle": 2026,
                "entities": [{{"id": "p1", "responses": [{{"item": "T1.01", "answer": "yes",
                "evidence": {{"urls": ["https://example.org/a"], "checked": "{checked}"}}}}]}}]}}"#
        );
        let input = Assessment::from_json_str(&json, "input.json").unwrap();
        let report = charter.validate(&[input], &ValidationOptions::default());
        let issue = report.issues.into_iter().find(|i| i.code == IssueCode::InvalidDate).unwrap();
        (issue.message, issue.hint.unwrap())
    };
    let (message, hint) = advice("15/09/2026");
    assert_eq!(message, "the check date of `T1.01` is not written as YYYY-MM-DD");
    assert_eq!(hint, "write dates as YYYY-MM-DD: 2026-09-15");
    let (_, hint) = advice("03.04.2026");
    assert_eq!(hint, "write dates as YYYY-MM-DD: 2026-04-03 (if 3 is the day and 4 the month)");
    let (_, hint) = advice("2026-2-3");
    assert_eq!(hint, "write it as 2026-02-03");
    let (message, _) = advice("2026-02-30");
    assert_eq!(message, "the check date of `T1.01` is not a real date");
    let (message, hint) = advice("last week");
    assert_eq!(message, "the check date of `T1.01` is not a date written as YYYY-MM-DD");
    assert_eq!(hint, "write dates as YYYY-MM-DD, such as 2026-03-15");
}

#[test]
fn answers_off_the_scale_are_matched_to_the_code_they_mean() {
    let charter = charter();
    let hint = |answer: &str| {
        let csv = format!("entity,item,answer\np1,T1.01,{answer}\n");
        let input = Assessment::from_csv_str(&csv, "input.csv", &CsvOptions::default()).unwrap();
        let options = ValidationOptions { skip_evidence: true, ..ValidationOptions::default() };
        let report = charter.validate(&[input], &options);
        let issue = report.issues.into_iter().find(|i| i.code == IssueCode::AnswerNotOnScale);
        let hint = issue.unwrap().hint.unwrap();
        let accepted = "accepted: yes, partial, no, no_evidence, not_applicable; ";
        hint.strip_prefix(accepted).unwrap().to_owned()
    };
    assert_eq!(hint("Yes"), "codes are case-sensitive: write `yes`");
    assert_eq!(hint("NOT_APPLICABLE "), "codes are case-sensitive: write `not_applicable`");
    assert_eq!(hint("Oui"), "“Oui” is the fr label of `yes`: write the code `yes`");
    assert_eq!(
        hint("sans objet"),
        "“Sans objet” is the fr label of `not_applicable`: write the code `not_applicable`"
    );
    assert_eq!(hint("لا"), "“لا” is the ar label of `no`: write the code `no`");
    assert_eq!(hint("yess"), "did you mean `yes`?");
}

#[test]
fn missing_evidence_fields_say_what_to_write() {
    let charter = charter();
    let json = r#"{"spec": {"id": "political-openness-charter", "version": "1.0.0"}, "cycle": 2026,
        "entities": [{"id": "p1", "responses": [{"item": "T1.01", "answer": "yes"}]}]}"#;
    let input = Assessment::from_json_str(json, "input.json").unwrap();
    let report = charter.validate(&[input], &ValidationOptions::default());
    let hint = |code: IssueCode| {
        let issue = report.issues.iter().find(|issue| issue.code == code);
        issue.and_then(|issue| issue.hint.clone()).unwrap_or_default()
    };
    assert!(hint(IssueCode::MissingEvidence).contains("https:// address of the page"));
    assert!(hint(IssueCode::MissingArchive).contains("web.archive.org"));
    assert!(hint(IssueCode::MissingCheckedDate).contains("YYYY-MM-DD"));
    assert!(hint(IssueCode::MissingCoder).contains("volunteer who coded"));
    assert!(hint(IssueCode::MissingReviewer).contains("reviewed this answer"));
}
