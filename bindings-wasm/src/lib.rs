//! The WebAssembly binding of [`openness`]: index specs, validation, scoring and explanations
//! for JavaScript, in the browser or in Node.
//!
//! This crate converts types and errors, and nothing else: every rule — validation, scoring,
//! rounding, ranking, tiers, messages — lives in the core crate, so that a score computed in
//! the browser is the score the observatory publishes.
//!
//! Seen from JavaScript (`bindings-wasm/README.md` has the whole API):
//!
//! ```js
//! import init, { Spec, ValidationError } from "./pkg/index.js";
//!
//! await init();
//! const charter = Spec.charter();
//! const results = charter.score(csvText, { today: "2026-12-03" });
//! results.toDocument().entities[0].rounded; // the index score, rounded for display
//! ```
//!
//! * **Inputs** are plain values: assessment files as JSON text, long CSV text or objects;
//!   specs as JSON text or objects; options and weights as objects. Objects are read as JSON
//!   text (written by `js/host.js`, which keeps `NaN` visible to validation), so that an
//!   object and the same file as text give the same results and the same errors.
//! * **Outputs** are plain objects in the shapes of the JSON files the CLI writes (the JSON
//!   Schemas in `spec/schema/`): camelCase keys, `null` where a score is missing, never `NaN`.
//!   They are made by serialising to JSON in Rust and `JSON.parse` in JavaScript, so that they
//!   are equal to the files by construction.
//! * **Unicode**: the core is built without its NFC tables (`unicode-tables`); the module
//!   gives it the JavaScript engine's `String.prototype.normalize` when it starts.
//! * **Charters**: the core is built without the published charter files
//!   (`embedded-charters`), which would add about 41 KB to the gzipped module; `init` in
//!   `js/index.js` fetches them from beside the module and gives them to [`provide_charter`],
//!   which checks their SHA-256.
//! * **Errors** are instances of the subclasses of `OpennessError` in `js/errors.js`, carrying
//!   the stable code, location and hint of the first error and every issue found.

mod error;
mod input;
mod results;
mod spec;

pub use results::Results;
pub use spec::{Spec, provide_charter};

use wasm_bindgen::prelude::*;

// The shapes of the documents going in and out, generated from the core's JSON Schemas by
// `scripts/gen-types.mjs` and checked by the test script.
#[wasm_bindgen(typescript_custom_section)]
const DOCUMENT_TYPES: &'static str = include_str!("../types/documents.d.ts");

// The shapes of this binding's own arguments.
#[wasm_bindgen(typescript_custom_section)]
const ARGUMENT_TYPES: &'static str = r#"
/**
 * An assessment file: JSON text, long CSV text, or an object in the JSON file's shape.
 * Text is read as JSON when its first character (after spaces and a byte-order mark) is `{`,
 * as CSV otherwise, unless `format` says which.
 */
export type AssessmentInput = string | AssessmentFile;

/** How to read assessments and what to check them against. */
export interface ScoreOptions {
  /**
   * Today's date (`YYYY-MM-DD`): evidence checked after it is refused. Default: today in
   * the spec's time zone, from the browser's clock. `null` skips the check.
   */
  today?: string | null;
  /** Other ids of entities (old abbreviations) mapped to their ids. */
  aliases?: Record<string, string>;
  /**
   * Leave out the spec's evidence rules (scores never depend on evidence); one
   * `evidence-not-checked` warning says so. Default: `false`.
   */
  skipEvidence?: boolean;
  /** Name of the input in error locations, or one name per input. */
  name?: string | string[];
  /** How text input is written. Default: detected from its first character. */
  format?: "json" | "csv";
  /** How decimals are written in a CSV file's `value` column. Default: `"dot"`. */
  decimal?: "dot" | "comma";
  /** The CSV field delimiter, one character. Default: detected (`,` or `;`). */
  delimiter?: string;
}
"#;

#[wasm_bindgen(raw_module = "./host.js")]
extern "C" {
    /// `String.prototype.normalize("NFC")`.
    fn nfc(text: &str) -> String;
}

/// Runs when the module is instantiated: gives the core the JavaScript engine's Unicode NFC,
/// which it uses to compare identifiers (the core is built without its own tables).
#[wasm_bindgen(start)]
fn start() {
    openness::text::provide_nfc(nfc);
}

/// The entry of `known` most like `unknown`, or `undefined` when none is close enough: the
/// engine's rule for "did you mean" (Jaro-Winkler similarity of the lower-cased texts, at least
/// 0.8), so that the widget suggests what the CLI and Python would.
#[wasm_bindgen]
pub fn closest(unknown: &str, known: Vec<String>) -> Option<String> {
    openness::suggest::closest(unknown, known.iter().map(String::as_str)).map(str::to_owned)
}

/// Serialises a value to a plain JavaScript value through JSON text, so that what JavaScript
/// receives is exactly what the CLI would write.
pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> JsValue {
    // Pretty rather than compact: the core writes its files pretty, and one formatter means
    // one copy of each type's serialisation code in the module.
    serde_json::to_string_pretty(value).map(|text| parse_json(&text)).unwrap_or(JsValue::NULL)
}

/// JSON text written by the core as a plain JavaScript value.
pub(crate) fn parse_json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

/// `Some(text)` as a string, `None` as `null` (wasm-bindgen would give `undefined`).
pub(crate) fn string_or_null(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}
