//! Problems found in specs, assessment files and scoring, each with a stable code, a severity,
//! where it is, the offending value and what would be accepted.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Whether a problem stops scoring.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The input cannot be scored until this is fixed.
    Error,
    /// Scoring goes ahead; a reviewer should look.
    Warning,
}

/// Where a problem is: a file, and within it a line (CSV) or a JSON pointer, and a field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// The file, or another name for the input ("DataFrame", "spec").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Line of a CSV file (1 is the header) or row of a table (1 is the first row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Column of a CSV file or table, or column of a JSON syntax error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// JSON pointer (RFC 6901) into a JSON file: `/entities/2/responses/5/answer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

impl Location {
    /// A location in a file with nothing more precise.
    pub fn file(file: Option<&str>) -> Location {
        Location { file: file.map(str::to_owned), ..Location::default() }
    }

    /// A JSON pointer in a file.
    pub fn pointer(file: Option<&str>, pointer: impl Into<String>) -> Location {
        Location { pointer: Some(pointer.into()), ..Location::file(file) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(file.clone());
        }
        match (self.line, &self.column) {
            (Some(line), Some(column)) => parts.push(format!("line {line}, column {column}")),
            (Some(line), None) => parts.push(format!("line {line}")),
            (None, Some(column)) => parts.push(format!("column {column}")),
            (None, None) => {}
        }
        if let Some(pointer) = &self.pointer {
            parts.push(if pointer.is_empty() { "/".to_owned() } else { pointer.clone() });
        }
        if parts.is_empty() {
            return f.write_str("(input)");
        }
        f.write_str(&parts.join(": "))
    }
}

macro_rules! issue_codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)*) => {
        /// What kind of problem an [`Issue`] is. The codes are stable: tools may match on them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        #[non_exhaustive]
        pub enum IssueCode {
            $($(#[$doc])* #[serde(rename = $code)] $variant,)*
        }

        impl IssueCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [IssueCode] = &[$(IssueCode::$variant,)*];

            /// The stable code, such as `answer-not-on-scale`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(IssueCode::$variant => $code,)*
                }
            }
        }
    };
}

issue_codes! {
    /// The file is not valid JSON or CSV.
    Syntax = "syntax",
    /// A field has the wrong type (an object where text is expected, …).
    WrongType = "wrong-type",
    /// A number is written as text in JSON (`"4.5"` instead of `4.5`).
    NumberAsString = "number-as-string",
    /// `NaN` or an infinity where a number is expected.
    NotFinite = "not-finite",
    /// Text that is not a number where a number is expected (CSV cells, table cells).
    NotANumber = "not-a-number",
    /// A field the format does not define.
    UnknownField = "unknown-field",
    /// A required field is absent.
    MissingField = "missing-field",
    /// The spec named by the file is not the one it is scored against, or is unknown.
    UnknownSpec = "unknown-spec",
    /// An entity was assessed against another version of the spec.
    SpecVersionMismatch = "spec-version-mismatch",
    /// An id is empty, has surrounding spaces, or is a number JavaScript cannot hold exactly.
    InvalidId = "invalid-id",
    /// An id written as a number; it is read as text.
    IdAsNumber = "id-as-number",
    /// The same entity appears twice; its records are merged.
    DuplicateEntity = "duplicate-entity",
    /// An alias names an entity that is not in the file, or another alias.
    UnknownAlias = "unknown-alias",
    /// An item id that the spec does not define.
    UnknownItem = "unknown-item",
    /// A unit that the entity does not declare, or a unit class the spec does not define.
    UnknownUnit = "unknown-unit",
    /// The same entity, unit and item answered twice.
    DuplicateResponse = "duplicate-response",
    /// An answer that is not a code of the item's scale.
    AnswerNotOnScale = "answer-not-on-scale",
    /// A measure value outside the measure's domain.
    ValueOutOfDomain = "value-out-of-domain",
    /// A response with neither answer nor value, an element with a value, or a measure with
    /// both.
    AnswerOrValue = "answer-or-value",
    /// An item the entity was not assessed on.
    Unanswered = "unanswered",
    /// An element answered although its gate is closed; the answer does not count.
    GateClosed = "gate-closed",
    /// An answer lacks the evidence URL its spec requires.
    MissingEvidence = "missing-evidence",
    /// An address that is not an http(s) URL, or http where https is required.
    InvalidUrl = "invalid-url",
    /// A date that is not a real `YYYY-MM-DD` date.
    InvalidDate = "invalid-date",
    /// A date after today.
    FutureDate = "future-date",
    /// An answer lacks the check date its spec requires.
    MissingCheckedDate = "missing-checked-date",
    /// An answer lacks the archived copy its spec recommends.
    MissingArchive = "missing-archive",
    /// An answer lacks the note its spec requires.
    MissingNote = "missing-note",
    /// A response lacks its coder or reviewer.
    MissingCoder = "missing-coder",
    /// A response lacks its reviewer.
    MissingReviewer = "missing-reviewer",
    /// Evidence rules were left out on request (`skip_evidence`).
    EvidenceNotChecked = "evidence-not-checked",
    /// An entity's name lacks a language of the spec.
    MissingName = "missing-name",
    /// The cycle is not a plausible year.
    InvalidCycle = "invalid-cycle",
    /// A file claims to be fictional but an entity says otherwise, or the reverse.
    FictionalMismatch = "fictional-mismatch",
    /// The same entity field has different values on different rows of a table.
    ConflictingRows = "conflicting-rows",
    /// A geometric or harmonic mean met a value that is zero or negative.
    NonPositiveValue = "non-positive-value",
    /// A relative measure has the same value for every entity.
    ConstantMeasure = "constant-measure",
    /// A measure's denominator is missing or zero.
    InvalidDenominator = "invalid-denominator",
    /// The spec file is not valid JSON or does not follow the spec format.
    SpecFormat = "spec-format",
    /// Two things in a spec share an id.
    SpecDuplicateId = "spec-duplicate-id",
    /// A spec refers to a level, scale, element, node or unit class it does not define.
    SpecUnknownReference = "spec-unknown-reference",
    /// A node's inputs lack a weight, or weights are negative, or absolute weights do not sum
    /// to 1.
    SpecWeights = "spec-weights",
    /// A scale, measure, tier list or rule is inconsistent.
    SpecInvalidRule = "spec-invalid-rule",
    /// A text lacks one of the spec's languages.
    SpecMissingTranslation = "spec-missing-translation",
    /// The spec's version is not `MAJOR.MINOR.PATCH`.
    SpecVersion = "spec-version",
}

impl fmt::Display for IssueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem, with everything a volunteer needs to find and fix it.
///
/// ```
/// use openness::{Issue, IssueCode, Location};
///
/// let issue = Issue::error(IssueCode::AnswerNotOnScale, Location::pointer(Some("demo.json"), "/entities/0/responses/3/answer"), "answer is not on the scale of T1.01")
///     .with_value("yess")
///     .with_hint("accepted: yes, partial, no, no_evidence, not_applicable; did you mean \"yes\"?");
/// assert_eq!(
///     issue.to_string(),
///     "error[answer-not-on-scale] demo.json: /entities/0/responses/3/answer: answer is not on the scale of T1.01 (found \"yess\"); accepted: yes, partial, no, no_evidence, not_applicable; did you mean \"yes\"?"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// Stable code of the kind of problem.
    pub code: IssueCode,
    /// Whether it stops scoring.
    pub severity: Severity,
    /// Where it is.
    pub location: Location,
    /// The entity concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// The node or item concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The offending value, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// What is wrong, in one sentence without a final period.
    pub message: String,
    /// What would be accepted, or how to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Issue {
    /// A new error.
    pub fn error(code: IssueCode, location: Location, message: impl Into<String>) -> Issue {
        Issue::new(code, Severity::Error, location, message)
    }

    /// A new warning.
    pub fn warning(code: IssueCode, location: Location, message: impl Into<String>) -> Issue {
        Issue::new(code, Severity::Warning, location, message)
    }

    fn new(
        code: IssueCode,
        severity: Severity,
        location: Location,
        message: impl Into<String>,
    ) -> Issue {
        Issue {
            code,
            severity,
            location,
            entity: None,
            item: None,
            value: None,
            message: message.into(),
            hint: None,
        }
    }

    /// The same issue, naming the offending value.
    pub fn with_value(mut self, value: impl Into<String>) -> Issue {
        self.value = Some(value.into());
        self
    }

    /// The same issue, saying what would be accepted.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Issue {
        self.hint = Some(hint.into());
        self
    }

    /// The same issue, naming the entity concerned.
    pub fn with_entity(mut self, entity: impl Into<String>) -> Issue {
        self.entity = Some(entity.into());
        self
    }

    /// The same issue, naming the node or item concerned.
    pub fn with_item(mut self, item: impl Into<String>) -> Issue {
        self.item = Some(item.into());
        self
    }

    /// Whether this issue stops scoring.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}[{}] {}: {}", self.code, self.location, self.message)?;
        if let Some(value) = &self.value {
            write!(f, " (found \"{value}\")")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

/// All the problems found in one pass, errors and warnings together, in the order found.
///
/// Its `Display` is a summary: the counts and the first five issues, errors first, then
/// "… and N more". To show every problem, go through [`Report::issues`] (each [`Issue`]
/// displays as one line).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Report {
    /// The problems.
    pub issues: Vec<Issue>,
}

impl Report {
    /// Whether any problem stops scoring.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(Issue::is_error)
    }

    /// The problems that stop scoring.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|issue| issue.is_error())
    }

    /// The problems that do not.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|issue| !issue.is_error())
    }

    /// Adds a problem.
    pub fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }

    /// Whether there is no problem at all.
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }
}

impl From<Issue> for Report {
    fn from(issue: Issue) -> Self {
        Report { issues: vec![issue] }
    }
}

impl From<Vec<Issue>> for Report {
    fn from(issues: Vec<Issue>) -> Self {
        Report { issues }
    }
}

/// How many issues a one-line summary lists before saying "and N more".
const SUMMARY_LENGTH: usize = 5;

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.errors().count();
        let warnings = self.issues.len() - errors;
        write!(f, "{errors} error(s), {warnings} warning(s)")?;
        let shown: Vec<&Issue> =
            self.errors().chain(self.warnings()).take(SUMMARY_LENGTH).collect();
        for issue in &shown {
            write!(f, "\n  {issue}")?;
        }
        if self.issues.len() > shown.len() {
            write!(f, "\n  … and {} more", self.issues.len() - shown.len())?;
        }
        Ok(())
    }
}
