//! The `Spec` class: a published charter or a spec read from JSON, and what it does.

use wasm_bindgen::prelude::*;

use crate::error::{argument_error, core_error};
use crate::input::{Options, assessments};
use crate::results::Results;
use crate::{parse_json, string_or_null, to_js};

/// An index spec, checked and compiled: a published version of the Political Openness Charter,
/// or any spec read from JSON. Validates and scores assessments.
#[wasm_bindgen]
pub struct Spec(pub(crate) openness::Spec);

#[wasm_bindgen]
impl Spec {
    /// A published version of the Political Openness Charter; the latest when `version` is
    /// omitted. Its file is loaded by `init`, beside the module. Throws `UnknownSpecError` for
    /// a version that is not published, or whose file was not loaded.
    pub fn charter(version: Option<String>) -> Result<Spec, JsValue> {
        let spec = match version {
            Some(version) => openness::charter(&version),
            None => openness::latest_charter(),
        };
        spec.map(Spec).map_err(core_error)
    }

    /// The published versions of the Political Openness Charter, oldest first.
    #[wasm_bindgen(js_name = charterVersions)]
    pub fn charter_versions() -> Vec<String> {
        openness::charter_versions().into_iter().map(str::to_owned).collect()
    }

    /// Reads a spec from JSON text or from an object in the spec file's shape. `name` names
    /// it in error locations. Throws `SpecError` listing every problem found.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | IndexSpec")] spec: JsValue,
        name: Option<String>,
    ) -> Result<Spec, JsValue> {
        let read = if let Some(text) = spec.as_string() {
            openness::Spec::from_json_str(&text, name.as_deref())
        } else if spec.is_object() && !js_sys::Array::is_array(&spec) {
            let text = crate::input::object_text(&spec, "the spec")?;
            openness::Spec::from_json_str(&text, name.as_deref())
        } else {
            return Err(argument_error("the spec must be JSON text or an object", None));
        };
        read.map(Spec).map_err(core_error)
    }

    /// The spec's id, such as `political-openness-charter`.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.0.id().to_owned()
    }

    /// The spec's version; `+reweighted` is appended for specs made by `withWeights`.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.0.version().to_owned()
    }

    /// SHA-256 of the spec file, in lowercase hexadecimal.
    #[wasm_bindgen(getter)]
    pub fn sha256(&self) -> String {
        self.0.sha256().to_owned()
    }

    /// The IANA time zone in which evidence dates are checked, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "string | null")]
    pub fn timezone(&self) -> JsValue {
        string_or_null(self.0.timezone())
    }

    /// The languages in which every text of the spec is given.
    #[wasm_bindgen(getter)]
    pub fn languages(&self) -> Vec<String> {
        self.0.definition().languages.clone()
    }

    /// The spec as data: names, scales, tiers and commitments in every language.
    #[wasm_bindgen(unchecked_return_type = "IndexSpec")]
    pub fn definition(&self) -> JsValue {
        parse_json(&self.0.to_json())
    }

    /// Problems that do not prevent using the spec.
    #[wasm_bindgen(unchecked_return_type = "Issue[]")]
    pub fn warnings(&self) -> JsValue {
        to_js(&self.0.warnings().issues)
    }

    /// The spec as pretty-printed JSON.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// A copy of the spec with other weights for some nodes or items, keyed by id, for
    /// sensitivity analysis: `spec.withWeights({ T2: 3 }).score(input)`. Its version gains
    /// `+reweighted`. Throws `SpecError` for an unknown id or a weight the spec refuses.
    #[wasm_bindgen(js_name = withWeights)]
    pub fn with_weights(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, number>")] weights: JsValue,
    ) -> Result<Spec, JsValue> {
        let weights = crate::input::weights(&weights)?;
        let pairs = weights.iter().map(|(id, weight)| (id.as_str(), *weight));
        self.0.with_weights(pairs).map(Spec).map_err(core_error)
    }

    /// Checks assessments against the spec and returns every problem found, errors and
    /// warnings. Throws only when an input cannot be read at all (`ValidationError`) or an
    /// argument has the wrong type (`ArgumentError`).
    #[wasm_bindgen(unchecked_return_type = "Issue[]")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AssessmentInput | AssessmentInput[]")]
        input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = Options::read(&options, &self.0)?;
        let inputs = assessments(&input, &options)?;
        Ok(to_js(&self.0.validate(&inputs, &options.validation).issues))
    }

    /// Validates and scores assessments. Throws `ValidationError` (with every issue) when
    /// validation finds an error, `ScoringError` when the spec's rules cannot score them.
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AssessmentInput | AssessmentInput[]")]
        input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<Results, JsValue> {
        let options = Options::read(&options, &self.0)?;
        let inputs = assessments(&input, &options)?;
        self.0.score(&inputs, &options.validation).map(Results).map_err(core_error)
    }
}

/// Gives the core the published file of a charter version, which `init` (`js/index.js`) loads
/// beside the module; the core checks its SHA-256. Not part of the typed API.
#[wasm_bindgen(js_name = provideCharter, skip_typescript)]
pub fn provide_charter(version: &str, bytes: &[u8]) -> Result<(), JsValue> {
    openness::spec::provide_charter(version, bytes).map_err(core_error)
}
