//! JSON Schemas of the file formats, generated from the Rust types.
//!
//! `spec/schema/` holds their committed copies; a test fails when they drift and prints the
//! command that regenerates them: `cargo run -p openness-cli -- spec schema --write spec/schema`.

use crate::assessment::AssessmentFile;
use crate::results::ResultsDocument;
use crate::spec::IndexSpec;
use crate::summary::Summary;

/// Each schema's file name and pretty-printed JSON text.
///
/// ```
/// let schemas = openness::schema::all();
/// let names: Vec<&str> = schemas.iter().map(|(name, _)| *name).collect();
/// assert_eq!(
///     names,
///     ["spec.schema.json", "assessment.schema.json", "results.schema.json", "summary.schema.json"]
/// );
/// ```
pub fn all() -> Vec<(&'static str, String)> {
    let pretty = |schema: schemars::Schema| {
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    };
    vec![
        ("spec.schema.json", pretty(schemars::schema_for!(IndexSpec))),
        ("assessment.schema.json", pretty(schemars::schema_for!(AssessmentFile))),
        ("results.schema.json", pretty(schemars::schema_for!(ResultsDocument))),
        ("summary.schema.json", pretty(schemars::schema_for!(Summary))),
    ]
}
