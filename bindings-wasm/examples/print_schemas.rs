//! Prints the JSON Schemas of the documents that cross the JavaScript boundary, as one JSON
//! object keyed by type name. `scripts/gen-types.mjs` turns them into TypeScript.

#![allow(clippy::print_stdout)]

use openness::spec::IndexSpec;
use openness::{AssessmentFile, Explanation, Issue, ResultsDocument};

fn main() {
    let schemas = serde_json::json!({
        "IndexSpec": schemars::schema_for!(IndexSpec),
        "AssessmentFile": schemars::schema_for!(AssessmentFile),
        "ResultsDocument": schemars::schema_for!(ResultsDocument),
        "Explanation": schemars::schema_for!(Explanation),
        "Issue": schemars::schema_for!(Issue),
    });
    println!("{}", serde_json::to_string_pretty(&schemas).unwrap_or_default());
}
