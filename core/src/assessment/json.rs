//! Reading assessment JSON, with syntax errors located by line, column and JSON pointer.

use super::model::AssessmentFile;
use crate::error::Error;
use crate::issue::{Issue, IssueCode, Location};
use crate::json_pointer;

/// Parses an assessment file. Fields of the wrong type are kept for validation to report;
/// only malformed JSON, or containers of the wrong type (`"entities": "none"`), fail here.
pub(super) fn parse(bytes: &[u8], name: &str) -> Result<AssessmentFile, Error> {
    serde_json::from_slice(bytes).map_err(|error| describe_failure(&error, bytes, name))
}

/// Parses an assessment file from a reader, without holding the whole text in memory. On
/// failure, `reread` gives the text again so that the error can be located precisely.
pub(super) fn parse_reader(
    reader: impl std::io::Read,
    name: &str,
    reread: impl FnOnce() -> Option<Vec<u8>>,
) -> Result<AssessmentFile, Error> {
    serde_json::from_reader(reader).map_err(|error| match reread() {
        // Parsed again from memory, for the positions of the in-memory parser, which the
        // pointer is computed from.
        Some(bytes) => match serde_json::from_slice::<AssessmentFile>(&bytes) {
            Err(error) => describe_failure(&error, &bytes, name),
            Ok(_) => Error::Invalid(vec![syntax_issue(&error, &[], name, None)].into()),
        },
        None => Error::Invalid(vec![syntax_issue(&error, &[], name, None)].into()),
    })
}

/// Says where the text stops being an assessment file: line, column and JSON pointer.
fn describe_failure(error: &serde_json::Error, bytes: &[u8], name: &str) -> Error {
    let pointer = json_pointer::pointer_of_error(bytes, error);
    Error::Invalid(vec![syntax_issue(error, bytes, name, pointer)].into())
}

fn syntax_issue(
    error: &serde_json::Error,
    bytes: &[u8],
    name: &str,
    pointer: Option<String>,
) -> Issue {
    let text = error.to_string();
    let message = match text.rfind(" at line ") {
        Some(position) => text[..position].to_owned(),
        None => text,
    };
    let location = Location {
        line: (error.line() > 0).then_some(error.line() as u64),
        column: (error.column() > 0).then(|| error.column().to_string()),
        pointer: pointer.filter(|p| !p.is_empty()),
        ..Location::file(Some(name))
    };
    let code = if error.is_data() { IssueCode::WrongType } else { IssueCode::Syntax };
    let mut issue = Issue::error(code, location, message);
    let found = token_at(bytes, error.line(), error.column());
    if let Some(token) = found.filter(|t| is_non_finite_literal(t)) {
        issue.code = IssueCode::NotFinite;
        issue.message = format!("`{token}` is not a number JSON can hold");
        issue.value = Some(token);
        issue.hint = Some(
            "leave the value out when it is missing, or use a `not_applicable` answer".to_owned(),
        );
    }
    issue
}

/// The word at a 1-based line and column of the text, for naming what the parser tripped on.
fn token_at(bytes: &[u8], line: usize, column: usize) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let line_text = text.lines().nth(line.checked_sub(1)?)?;
    let start = line_text.char_indices().nth(column.saturating_sub(1))?.0;
    let rest = &line_text[start..];
    let rest = rest.trim_start_matches(|c: char| !(c.is_alphanumeric() || c == '-'));
    let token: String =
        rest.chars().take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '.').collect();
    (!token.is_empty()).then_some(token)
}

fn is_non_finite_literal(token: &str) -> bool {
    let token = token.trim_start_matches('-').to_ascii_lowercase();
    token == "nan" || token.starts_with("inf")
}
