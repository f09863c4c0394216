//! The `Results` class: scores, ranks and tiers of every entity, and why.

use wasm_bindgen::prelude::*;

use crate::error::core_error;
use crate::spec::Spec;
use crate::{parse_json, to_js};

/// Scores of every entity under one spec, as computed by `Spec.score`.
#[wasm_bindgen]
pub struct Results(pub(crate) openness::Results);

#[wasm_bindgen]
impl Results {
    /// The results as the CLI writes them (`openness score --format json`): provenance, and
    /// every entity in ranking order with the scores of its nodes, items and commitments.
    #[wasm_bindgen(js_name = toDocument, unchecked_return_type = "ResultsDocument")]
    pub fn to_document(&self) -> JsValue {
        parse_json(&self.0.to_json())
    }

    /// The results as pretty-printed JSON, byte for byte what the CLI writes.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Why an entity has its score: each input's share of each node, and the changes that
    /// would raise the index most. Throws `UnknownEntityError` for an id not in the results.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(&self, entity: &str) -> Result<JsValue, JsValue> {
        self.0.explain(entity).map(|explanation| to_js(&explanation)).map_err(core_error)
    }

    /// Warnings from validation and scoring.
    #[wasm_bindgen(unchecked_return_type = "Issue[]")]
    pub fn warnings(&self) -> JsValue {
        to_js(&self.0.warnings().issues)
    }

    /// The spec the results were computed with.
    #[wasm_bindgen(getter)]
    pub fn spec(&self) -> Spec {
        Spec(self.0.spec().clone())
    }

    /// Number of entities.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.0.len()
    }
}
