//! An assessment file as data: what a file holds, field by field, exactly as written.
//!
//! Every field is optional and [`Lenient`] at this stage, so that a file with mistakes still
//! loads and validation can report all of them together. Fields a file has that this format
//! does not know are kept in `extra` (reported by validation, written back unchanged).
//!
//! JSON keys are camelCase. `spec/schema/assessment.schema.json` is generated from these types.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use super::lenient::{Leaf, Lenient, from_json_via_serde};
use crate::text::Text;

/// Fields of a JSON object that this format does not define, in the order written.
pub type Extra = Vec<(String, Value)>;

/// One assessment file: one cycle of one spec, for any number of entities.
#[derive(Debug, Clone, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "Assessment file")]
pub struct AssessmentFile {
    /// Where editors find the JSON Schema of this file.
    #[serde(rename = "$schema")]
    pub schema: Option<Lenient<String>>,
    /// The spec and version the entities were assessed against.
    pub spec: Option<Lenient<SpecRef>>,
    /// The year of the assessment cycle.
    pub cycle: Option<Lenient<i64>>,
    /// Whether every entity of the file is fictional (demo and test data).
    pub fictional: Option<Lenient<bool>>,
    /// A note about the file: its origin, its status.
    pub note: Option<Lenient<String>>,
    /// Other ids under which entities appear in this file (old abbreviations, say), each
    /// mapped to the entity's id. Resolved before entities are matched.
    pub aliases: Option<Lenient<std::collections::BTreeMap<String, String>>>,
    /// The entities assessed.
    pub entities: Vec<Entity>,
    /// Fields this format does not define.
    #[schemars(skip)]
    pub extra: Extra,
}

/// The spec an assessment was made against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SpecRef {
    /// Spec id, such as `political-openness-charter`.
    pub id: String,
    /// Spec version, such as `1.0.0`. Build metadata is ignored when matching: `1.0.0` is
    /// scored by `1.0.0+reweighted` or `1.0.0+zscore-amean`, builds that share its items.
    pub version: String,
}

/// One assessed entity: a party, a company, a country.
#[derive(Debug, Clone, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Entity {
    #[schemars(required)]
    /// Stable id, written as a string. (A whole number is accepted up to 2^53 − 1, beyond
    /// which JavaScript cannot tell two ids apart.)
    pub id: Option<Lenient<String>>,
    /// Name in each language.
    pub name: Option<Lenient<Text>>,
    /// Short name or acronym.
    pub abbreviation: Option<Lenient<String>>,
    /// Whether the entity is invented (demo and test data).
    pub fictional: Option<Lenient<bool>>,
    /// The charter signature, for signatories.
    pub signatory: Option<Lenient<Signature>>,
    /// Spec version this entity was assessed against, when it differs from the file's.
    pub spec_version: Option<Lenient<String>>,
    /// Units at which the entity is assessed, when the spec scores several per entity.
    pub units: Option<Lenient<Vec<Unit>>>,
    /// Answers and values, one per item (and unit).
    pub responses: Vec<Response>,
    /// Fields this format does not define.
    #[schemars(skip)]
    pub extra: Extra,
}

/// A signature of the charter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Signature {
    /// Date signed, `YYYY-MM-DD`.
    pub signed: String,
    /// Version of the charter signed.
    pub charter_version: String,
}

/// A unit of an entity: a company's group, operating company or one of its services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Unit {
    /// Id used by responses' `unit` field.
    pub id: String,
    /// One of the spec's unit classes.
    pub class: String,
    /// Name shown to readers.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub name: Text,
}

/// The answer to one element, or the value of one measure, for one entity (and unit).
#[derive(Debug, Clone, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Response {
    /// The element or measure id.
    #[schemars(required)]
    pub item: Option<Lenient<String>>,
    /// The unit, when the spec scores several units per entity.
    pub unit: Option<Lenient<String>>,
    /// For an element: an answer code of its scale. For a measure: a code of its code list,
    /// given instead of a value.
    pub answer: Option<Lenient<String>>,
    /// For a measure: the number measured, as a JSON number.
    pub value: Option<Lenient<f64>>,
    /// What the answer rests on.
    pub evidence: Option<Evidence>,
    /// Who coded the answer.
    pub coder: Option<Lenient<String>>,
    /// Who reviewed it.
    pub reviewer: Option<Lenient<String>>,
    /// Fields this format does not define.
    #[schemars(skip)]
    pub extra: Extra,
}

/// What an answer rests on.
#[derive(Debug, Clone, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Evidence {
    /// Addresses of the evidence.
    pub urls: Option<Lenient<Vec<String>>>,
    /// Address of an archived copy (Wayback Machine, archive.today, …).
    pub archived_url: Option<Lenient<String>>,
    /// The date the evidence was checked, `YYYY-MM-DD`.
    pub checked: Option<Lenient<String>>,
    /// A note: for "no evidence", where was searched.
    pub note: Option<Lenient<String>>,
    /// Fields this format does not define.
    #[schemars(skip)]
    pub extra: Extra,
}

impl Evidence {
    /// Whether no field is given.
    pub fn is_empty(&self) -> bool {
        self.urls.is_none()
            && self.archived_url.is_none()
            && self.checked.is_none()
            && self.note.is_none()
            && self.extra.is_empty()
    }
}

impl Leaf for SpecRef {
    fn from_json(value: Value) -> Result<Self, Value> {
        from_json_via_serde(value)
    }
}

impl Leaf for Text {
    fn from_json(value: Value) -> Result<Self, Value> {
        from_json_via_serde(value)
    }
}

impl Leaf for Signature {
    fn from_json(value: Value) -> Result<Self, Value> {
        from_json_via_serde(value)
    }
}

impl Leaf for Vec<Unit> {
    fn from_json(value: Value) -> Result<Self, Value> {
        from_json_via_serde(value)
    }
}

impl Leaf for std::collections::BTreeMap<String, String> {
    fn from_json(value: Value) -> Result<Self, Value> {
        from_json_via_serde(value)
    }
}

/// Reads a JSON object field by field: `field` consumes the value of each known key and
/// returns `false` for keys it does not know, whose values go to `extra` unchanged.
fn read_object<'de, A, F>(mut map: A, extra: &mut Extra, mut field: F) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    F: FnMut(&str, &mut A) -> Result<bool, A::Error>,
{
    while let Some(key) = map.next_key_seed(KeySeed)? {
        if !field(key.as_str(), &mut map)? {
            let value = map.next_value_seed(AnyValueSeed)?;
            extra.push((key.as_str().to_owned(), value));
        }
    }
    Ok(())
}

/// Every key of the format's objects. Keys are matched against this list as they are read, so
/// that reading the key of each of a file's million fields allocates nothing.
const KNOWN_KEYS: &[&str] = &[
    "$schema",
    "spec",
    "cycle",
    "fictional",
    "note",
    "aliases",
    "entities",
    "id",
    "name",
    "abbreviation",
    "signatory",
    "specVersion",
    "units",
    "responses",
    "item",
    "unit",
    "answer",
    "value",
    "evidence",
    "coder",
    "reviewer",
    "urls",
    "archivedUrl",
    "checked",
];

/// A key as read: one of [`KNOWN_KEYS`], or another one.
enum Key {
    Known(&'static str),
    Other(String),
}

impl Key {
    fn as_str(&self) -> &str {
        match self {
            Key::Known(key) => key,
            Key::Other(key) => key,
        }
    }
}

struct KeySeed;

impl<'de> de::DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(match KNOWN_KEYS.iter().find(|known| **known == key) {
            Some(known) => Key::Known(known),
            None => Key::Other(key.to_owned()),
        })
    }
}

/// Reads an optional field: `null` means absent.
fn optional<'de, A: MapAccess<'de>, T: Leaf>(map: &mut A) -> Result<Option<Lenient<T>>, A::Error> {
    let value: Lenient<T> = map.next_value()?;
    Ok(match value {
        Lenient::Invalid(Value::Null) => None,
        other => Some(other),
    })
}

struct AnyValueSeed;

impl<'de> de::DeserializeSeed<'de> for AnyValueSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(super::lenient::AnyValue)
    }
}

/// Implements `Deserialize` for a struct read with [`read_object`].
macro_rules! object_visitor {
    ($type:ident, $expecting:literal, |$key:ident, $map:ident, $out:ident| $body:block) => {
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ObjectVisitor;

                impl<'de> Visitor<'de> for ObjectVisitor {
                    type Value = $type;

                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$type, A::Error> {
                        let mut $out = $type::default();
                        let mut extra = Extra::new();
                        read_object(map, &mut extra, |$key, $map| $body)?;
                        $out.extra = extra;
                        Ok($out)
                    }
                }

                deserializer.deserialize_map(ObjectVisitor)
            }
        }
    };
}

object_visitor!(AssessmentFile, "an assessment file (a JSON object)", |key, map, out| {
    match key {
        "$schema" => out.schema = optional(map)?,
        "spec" => out.spec = optional(map)?,
        "cycle" => out.cycle = optional(map)?,
        "fictional" => out.fictional = optional(map)?,
        "note" => out.note = optional(map)?,
        "aliases" => out.aliases = optional(map)?,
        "entities" => out.entities = map.next_value()?,
        _ => return Ok(false),
    }
    Ok(true)
});

object_visitor!(Entity, "an entity (a JSON object)", |key, map, out| {
    match key {
        "id" => out.id = optional(map)?,
        "name" => out.name = optional(map)?,
        "abbreviation" => out.abbreviation = optional(map)?,
        "fictional" => out.fictional = optional(map)?,
        "signatory" => out.signatory = optional(map)?,
        "specVersion" => out.spec_version = optional(map)?,
        "units" => out.units = optional(map)?,
        "responses" => out.responses = map.next_value()?,
        _ => return Ok(false),
    }
    Ok(true)
});

object_visitor!(Response, "a response (a JSON object)", |key, map, out| {
    match key {
        "item" => out.item = optional(map)?,
        "unit" => out.unit = optional(map)?,
        "answer" => out.answer = optional(map)?,
        "value" => out.value = optional(map)?,
        "evidence" => out.evidence = map.next_value()?,
        "coder" => out.coder = optional(map)?,
        "reviewer" => out.reviewer = optional(map)?,
        _ => return Ok(false),
    }
    Ok(true)
});

object_visitor!(Evidence, "evidence (a JSON object)", |key, map, out| {
    match key {
        "urls" => out.urls = optional(map)?,
        "archivedUrl" => out.archived_url = optional(map)?,
        "checked" => out.checked = optional(map)?,
        "note" => out.note = optional(map)?,
        _ => return Ok(false),
    }
    Ok(true)
});

/// Writes the fields that are present, in the format's order, then the unknown ones.
struct ObjectWriter<M: SerializeMap>(M);

impl<M: SerializeMap> ObjectWriter<M> {
    fn field<T: Serialize>(&mut self, key: &str, value: &Option<T>) -> Result<(), M::Error> {
        match value {
            Some(value) => self.0.serialize_entry(key, value),
            None => Ok(()),
        }
    }

    fn finish(mut self, extra: &Extra) -> Result<M::Ok, M::Error> {
        for (key, value) in extra {
            self.0.serialize_entry(key, value)?;
        }
        self.0.end()
    }
}

impl Serialize for AssessmentFile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = ObjectWriter(serializer.serialize_map(None)?);
        out.field("$schema", &self.schema)?;
        out.field("spec", &self.spec)?;
        out.field("cycle", &self.cycle)?;
        out.field("fictional", &self.fictional)?;
        out.field("note", &self.note)?;
        out.field("aliases", &self.aliases)?;
        out.field("entities", &Some(&self.entities))?;
        out.finish(&self.extra)
    }
}

impl Serialize for Entity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = ObjectWriter(serializer.serialize_map(None)?);
        out.field("id", &self.id)?;
        out.field("name", &self.name)?;
        out.field("abbreviation", &self.abbreviation)?;
        out.field("fictional", &self.fictional)?;
        out.field("signatory", &self.signatory)?;
        out.field("specVersion", &self.spec_version)?;
        out.field("units", &self.units)?;
        out.field("responses", &Some(&self.responses))?;
        out.finish(&self.extra)
    }
}

impl Serialize for Response {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = ObjectWriter(serializer.serialize_map(None)?);
        out.field("item", &self.item)?;
        out.field("unit", &self.unit)?;
        out.field("answer", &self.answer)?;
        out.field("value", &self.value)?;
        out.field("evidence", &self.evidence.as_ref().filter(|evidence| !evidence.is_empty()))?;
        out.field("coder", &self.coder)?;
        out.field("reviewer", &self.reviewer)?;
        out.finish(&self.extra)
    }
}

impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = ObjectWriter(serializer.serialize_map(None)?);
        out.field("urls", &self.urls)?;
        out.field("archivedUrl", &self.archived_url)?;
        out.field("checked", &self.checked)?;
        out.field("note", &self.note)?;
        out.finish(&self.extra)
    }
}
