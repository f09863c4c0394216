//! JavaScript arguments read into core types: assessment inputs, options and weights.
//!
//! Only the JavaScript types are checked here (a string where a string is expected); what the
//! values mean is checked by the core.

use js_sys::{Array, Object, Reflect};
use openness::{Assessment, CsvOptions, Date, DecimalSeparator, ValidationOptions};
use wasm_bindgen::prelude::*;

use crate::error::{argument_error, core_error};

#[wasm_bindgen(raw_module = "./host.js")]
extern "C" {
    /// Today's date as `YYYY-MM-DD` in an IANA time zone (UTC when `null`), from the
    /// JavaScript clock; `null` when the time zone is unknown to the JavaScript engine.
    #[wasm_bindgen(js_name = todayIn)]
    fn today_in(zone: Option<String>) -> Option<String>;

    /// An object as JSON text, non-finite numbers written as strings so that the core reports
    /// them where they are (see `js/host.js`). Throws for values JSON cannot hold (cycles).
    #[wasm_bindgen(js_name = jsonText, catch)]
    fn json_text(value: &JsValue) -> Result<String, JsValue>;
}

/// An object as JSON text, or an `ArgumentError` saying why it cannot be.
pub(crate) fn object_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    json_text(value).map_err(|error| {
        let reason = js_sys::Error::from(error).message();
        argument_error(&format!("{what} cannot be written as JSON: {reason}"), None)
    })
}

/// The keys of `ScoreOptions`.
const OPTION_KEYS: &[&str] =
    &["today", "aliases", "skipEvidence", "name", "format", "decimal", "delimiter"];

/// How to read text input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Csv,
}

/// The `options` argument of `validate` and `score`.
pub(crate) struct Options {
    pub(crate) validation: ValidationOptions,
    names: Vec<String>,
    format: Option<Format>,
    csv: CsvOptions,
}

impl Options {
    /// Reads `options` (an object, `undefined` or `null`). `today` defaults to today in the
    /// spec's time zone.
    pub(crate) fn read(value: &JsValue, spec: &openness::Spec) -> Result<Options, JsValue> {
        let mut options = Options {
            validation: ValidationOptions::default(),
            names: Vec::new(),
            format: None,
            csv: CsvOptions::default(),
        };
        if value.is_undefined() || value.is_null() {
            options.validation.today = today(&JsValue::UNDEFINED, spec)?;
            return Ok(options);
        }
        let object = plain_object(value, "options")?;
        for key in Object::keys(object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !OPTION_KEYS.contains(&key.as_str()) {
                let message = format!("unknown option `{key}`; known: {}", OPTION_KEYS.join(", "));
                return Err(argument_error(&message, None));
            }
        }
        let get = |key: &str| Reflect::get(value, &JsValue::from_str(key)).unwrap_or_default();

        options.validation.today = today(&get("today"), spec)?;
        let aliases = get("aliases");
        if !aliases.is_undefined() {
            options.validation.aliases = string_map(&aliases, "aliases")?;
        }
        let skip_evidence = get("skipEvidence");
        if !skip_evidence.is_undefined() {
            options.validation.skip_evidence = skip_evidence
                .as_bool()
                .ok_or_else(|| argument_error("`skipEvidence` must be a boolean", None))?;
        }
        let name = get("name");
        if let Some(name) = name.as_string() {
            options.names.push(name);
        } else if Array::is_array(&name) {
            options.names = strings(&name, "name")?;
        } else if !name.is_undefined() {
            return Err(argument_error("`name` must be a string or an array of strings", None));
        }
        options.format = match choice(&get("format"), "format", &["json", "csv"])? {
            Some("json") => Some(Format::Json),
            Some(_) => Some(Format::Csv),
            None => None,
        };
        if choice(&get("decimal"), "decimal", &["dot", "comma"])? == Some("comma") {
            options.csv.decimal = DecimalSeparator::Comma;
        }
        let delimiter = get("delimiter");
        if !delimiter.is_undefined() {
            match delimiter.as_string().map(String::into_bytes).as_deref() {
                Some(&[byte]) if byte.is_ascii() => options.csv.delimiter = Some(byte),
                _ => return Err(argument_error("`delimiter` must be one ASCII character", None)),
            }
        }
        Ok(options)
    }
}

/// Reads assessment inputs: one input, or an array of them.
pub(crate) fn assessments(input: &JsValue, options: &Options) -> Result<Vec<Assessment>, JsValue> {
    let values: Vec<JsValue> = if Array::is_array(input) {
        Array::from(input).iter().collect()
    } else {
        vec![input.clone()]
    };
    let several = values.len() > 1;
    values
        .iter()
        .enumerate()
        .map(|(position, value)| {
            let name = |extension: &str| match options.names.get(position) {
                Some(name) => name.clone(),
                None if several => format!("input-{}{extension}", position + 1),
                None => format!("input{extension}"),
            };
            assessment(value, options, name)
        })
        .collect()
}

/// Reads one assessment input; `name` gives its name from the extension of its format.
fn assessment(
    value: &JsValue,
    options: &Options,
    name: impl Fn(&str) -> String,
) -> Result<Assessment, JsValue> {
    if let Some(text) = value.as_string() {
        let format = options.format.unwrap_or_else(|| {
            let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            if start.starts_with('{') { Format::Json } else { Format::Csv }
        });
        let read = match format {
            Format::Json => Assessment::from_json_str(&text, &name(".json")),
            Format::Csv => Assessment::from_csv_str(&text, &name(".csv"), &options.csv),
        };
        return read.map_err(core_error);
    }
    if value.is_object() && !Array::is_array(value) {
        let text = object_text(value, "the assessment")?;
        return Assessment::from_json_str(&text, &name(".json")).map_err(core_error);
    }
    Err(argument_error(
        "an assessment must be JSON text, CSV text or an object in the JSON file's shape",
        None,
    ))
}

/// Reads the `weights` argument of `withWeights`: an object of numbers keyed by id.
pub(crate) fn weights(value: &JsValue) -> Result<Vec<(String, f64)>, JsValue> {
    let object = plain_object(value, "weights")?;
    Object::entries(object)
        .iter()
        .map(|entry| {
            let entry = Array::from(&entry);
            let id = entry.get(0).as_string().unwrap_or_default();
            match entry.get(1).as_f64() {
                Some(weight) => Ok((id, weight)),
                None => {
                    Err(argument_error(&format!("the weight of `{id}` must be a number"), None))
                }
            }
        })
        .collect()
}

/// `today`: a `YYYY-MM-DD` string, `null` for no check, or `undefined` for today in the
/// spec's time zone.
fn today(value: &JsValue, spec: &openness::Spec) -> Result<Option<Date>, JsValue> {
    let text = if value.is_undefined() {
        today_in(spec.timezone().map(str::to_owned))
    } else if value.is_null() {
        None
    } else {
        let text = value.as_string().ok_or_else(|| {
            argument_error("`today` must be a `YYYY-MM-DD` string or null", Some("invalid-date"))
        })?;
        Some(text)
    };
    text.map(|text| {
        openness::date::parse_date(&text).ok_or_else(|| {
            let message = format!("`today` is not a `YYYY-MM-DD` date: \"{text}\"");
            argument_error(&message, Some("invalid-date"))
        })
    })
    .transpose()
}

fn plain_object<'a>(value: &'a JsValue, what: &str) -> Result<&'a Object, JsValue> {
    if value.is_object() && !Array::is_array(value) {
        Ok(value.unchecked_ref())
    } else {
        Err(argument_error(&format!("`{what}` must be an object"), None))
    }
}

fn string_map(value: &JsValue, what: &str) -> Result<Vec<(String, String)>, JsValue> {
    let object = plain_object(value, what)?;
    Object::entries(object)
        .iter()
        .map(|entry| {
            let entry = Array::from(&entry);
            let key = entry.get(0).as_string().unwrap_or_default();
            match entry.get(1).as_string() {
                Some(text) => Ok((key, text)),
                None => Err(argument_error(&format!("`{what}.{key}` must be a string"), None)),
            }
        })
        .collect()
}

fn strings(value: &JsValue, what: &str) -> Result<Vec<String>, JsValue> {
    Array::from(value)
        .iter()
        .map(|item| {
            item.as_string()
                .ok_or_else(|| argument_error(&format!("`{what}` must hold strings"), None))
        })
        .collect()
}

/// A string option that must be one of `allowed`; `None` when undefined.
fn choice(
    value: &JsValue,
    what: &str,
    allowed: &[&'static str],
) -> Result<Option<&'static str>, JsValue> {
    if value.is_undefined() {
        return Ok(None);
    }
    let text = value.as_string().unwrap_or_default();
    match allowed.iter().find(|known| **known == text) {
        Some(known) => Ok(Some(known)),
        None => {
            let message = format!("`{what}` must be one of: {}", allowed.join(", "));
            Err(argument_error(&message, None))
        }
    }
}
