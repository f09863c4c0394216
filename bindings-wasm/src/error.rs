//! Core errors as JavaScript `Error` objects of the classes in `js/errors.js`.

use openness::{Error, Issue};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::to_js;

#[wasm_bindgen(raw_module = "./errors.js")]
extern "C" {
    /// Makes an instance of the `OpennessError` subclass named by `kind`.
    #[wasm_bindgen(js_name = createError)]
    fn create_error(kind: &str, message: &str, details: JsValue) -> JsValue;
}

/// What an error object carries besides its message, in the shape `createError` reads.
#[derive(Serialize)]
struct Details<'a> {
    code: &'a str,
    location: Option<&'a openness::Location>,
    hint: Option<&'a str>,
    value: Option<&'a str>,
    issues: &'a [Issue],
}

/// A core error as a JavaScript error. Errors about content carry the code, location, hint
/// and value of their first error (or first issue), and every issue found.
pub(crate) fn core_error(error: Error) -> JsValue {
    let issues = error.report().map(|report| report.issues.as_slice()).unwrap_or_default();
    let first = issues.iter().find(|issue| issue.is_error()).or(issues.first());
    let (kind, code) = match &error {
        Error::Spec(_) => ("spec", None),
        Error::Invalid(_) => ("validation", None),
        Error::Scoring(_) => ("scoring", None),
        Error::UnknownSpec { .. } => ("unknownSpec", Some("unknown-spec")),
        Error::CharterNotLoaded { .. } => ("unknownSpec", Some("charter-not-loaded")),
        Error::UnknownEntity { .. } => ("unknownEntity", Some("unknown-entity")),
        Error::UnknownNode { .. } => ("unknownNode", Some("unknown-node")),
        Error::Unrepresentable { .. } => ("unrepresentable", Some("unrepresentable")),
        _ => ("openness", Some("error")),
    };
    let hint = match &error {
        Error::UnknownEntity { hint, .. } | Error::UnknownNode { hint, .. } => {
            Some(hint.trim_start_matches("; ")).filter(|hint| !hint.is_empty())
        }
        Error::CharterNotLoaded { .. } => Some(
            "`init()` loads the package's charter-VERSION.json files beside its module; \
             `initSync` loads only those given as `charters`",
        ),
        _ => first.and_then(|issue| issue.hint.as_deref()),
    };
    let value = match &error {
        Error::UnknownSpec { version, .. } | Error::CharterNotLoaded { version, .. } => {
            Some(version.as_str())
        }
        Error::UnknownEntity { id, .. } | Error::UnknownNode { id, .. } => Some(id.as_str()),
        _ => first.and_then(|issue| issue.value.as_deref()),
    };
    let details = Details {
        code: code.or(first.map(|issue| issue.code.as_str())).unwrap_or("error"),
        location: first.map(|issue| &issue.location),
        hint,
        value,
        issues,
    };
    create_error(kind, &error.to_string(), to_js(&details))
}

/// An `ArgumentError`: a JavaScript argument of the wrong type or shape, found before the core
/// is called. `code` is `invalid-argument` unless a more precise issue code applies.
pub(crate) fn argument_error(message: &str, code: Option<&str>) -> JsValue {
    let details = Details {
        code: code.unwrap_or("invalid-argument"),
        location: None,
        hint: None,
        value: None,
        issues: &[],
    };
    create_error("argument", message, to_js(&details))
}
