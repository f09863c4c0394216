//! Values kept exactly as written, valid or not.
//!
//! Volunteers make mistakes in assessment files: a number in quotes, an id typed as a number,
//! a date in the wrong order. Validation must report *every* such mistake at once, with its
//! location, and a file must be written back without losing anything. So assessment fields are
//! read leniently: a field of the wrong type is kept as the JSON that was written, and
//! validation turns it into an [`Issue`](crate::Issue).

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

/// A field as written: a value of the expected type, or the JSON written in its place.
#[derive(Debug, Clone, PartialEq)]
pub enum Lenient<T> {
    /// The field has the expected type.
    Valid(T),
    /// The field has another type; this is what was written. A number that is not finite,
    /// which JSON cannot hold but Python and JavaScript values can, is kept as the string
    /// `"NaN"`, `"inf"` or `"-inf"`.
    Invalid(Value),
}

impl<T> Lenient<T> {
    /// The value, if it has the expected type.
    pub fn valid(&self) -> Option<&T> {
        match self {
            Lenient::Valid(value) => Some(value),
            Lenient::Invalid(_) => None,
        }
    }
}

impl<T> From<T> for Lenient<T> {
    fn from(value: T) -> Self {
        Lenient::Valid(value)
    }
}

/// A type that can be recognised in a JSON value.
pub trait Leaf: Sized + Serialize {
    /// The value as `Self`, or the value back when it has another type.
    fn from_json(value: Value) -> Result<Self, Value>;

    /// Writes the value; by default as its own `Serialize` does.
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }
}

impl Leaf for String {
    fn from_json(value: Value) -> Result<Self, Value> {
        match value {
            Value::String(text) => Ok(text),
            other => Err(other),
        }
    }
}

impl Leaf for f64 {
    fn from_json(value: Value) -> Result<Self, Value> {
        match value.as_f64() {
            Some(number) if value.is_number() => Ok(number),
            _ => Err(value),
        }
    }

    /// Whole numbers are written without a decimal point (`64`, not `64.0`), as a person
    /// writes them, so that a file read from CSV and written as JSON matches the JSON it came
    /// from.
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const EXACT: f64 = (1u64 << 53) as f64;
        if self.abs() < EXACT
            && *self as i64 as f64 == *self
            && !(*self == 0.0 && self.is_sign_negative())
        {
            serializer.serialize_i64(*self as i64)
        } else {
            serializer.serialize_f64(*self)
        }
    }
}

impl Leaf for bool {
    fn from_json(value: Value) -> Result<Self, Value> {
        match value {
            Value::Bool(flag) => Ok(flag),
            other => Err(other),
        }
    }
}

impl Leaf for i64 {
    fn from_json(value: Value) -> Result<Self, Value> {
        match value.as_i64() {
            Some(number) => Ok(number),
            None => Err(value),
        }
    }
}

impl Leaf for Vec<String> {
    fn from_json(value: Value) -> Result<Self, Value> {
        let all_strings = value.as_array().is_some_and(|items| items.iter().all(Value::is_string));
        if !all_strings {
            return Err(value);
        }
        let Value::Array(items) = value else { return Err(value) };
        Ok(items.into_iter().filter_map(|item| String::from_json(item).ok()).collect())
    }
}

/// Recognises a small structure through its own `Deserialize`; used for rarely-written parts
/// such as names and signatures, where a copy of the JSON costs nothing that matters.
pub(crate) fn from_json_via_serde<T: serde::de::DeserializeOwned>(
    value: Value,
) -> Result<T, Value> {
    T::deserialize(&value).map_err(|_| value)
}

impl<T: Leaf> Serialize for Lenient<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Lenient::Valid(value) => value.write(serializer),
            Lenient::Invalid(value) => value.serialize(serializer),
        }
    }
}

impl<'de, T: Leaf> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = deserializer.deserialize_any(AnyValue)?;
        Ok(match T::from_json(value) {
            Ok(valid) => Lenient::Valid(valid),
            Err(invalid) => Lenient::Invalid(invalid),
        })
    }
}

impl<T: JsonSchema> JsonSchema for Lenient<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }

    /// A lenient field is described by the schema of the valid type, in place.
    fn inline_schema() -> bool {
        true
    }
}

/// Builds a JSON value from any deserializer, like `Value`'s own `Deserialize`, except that a
/// number that is not finite becomes a string naming it instead of silently becoming `null`.
pub(crate) struct AnyValue;

fn non_finite(number: f64) -> Value {
    Value::String(number.to_string())
}

impl<'de> Visitor<'de> for AnyValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or_else(|| non_finite(v), Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(AnyValue)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map))
    }
}
