//! Index specs: the versioned data that define an index, and the built-in charter.

mod compile;
pub mod model;
pub(crate) mod plan;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::issue::{Issue, IssueCode, Location, Report};
use crate::json_pointer;
use crate::suggest::did_you_mean;
pub use model::IndexSpec;
use model::Weight;
pub(crate) use plan::Plan;

/// A checked, compiled index spec, ready to validate and score assessments.
///
/// Cloning is cheap: clones share the compiled spec.
///
/// ```
/// # // Builds without the default feature `embedded-charters` are given the published file.
/// # let published = std::fs::read("../spec/charter/1.0.0/charter.json").unwrap();
/// # openness::spec::provide_charter("1.0.0", &published).unwrap();
/// let charter = openness::charter("1.0.0").unwrap();
/// assert_eq!(charter.id(), "political-openness-charter");
/// assert_eq!(charter.definition().root.children.len(), 4);
/// ```
#[derive(Debug, Clone)]
pub struct Spec(Arc<SpecInner>);

#[derive(Debug)]
struct SpecInner {
    definition: IndexSpec,
    plan: Plan,
    sha256: String,
    warnings: Report,
}

impl Spec {
    /// Reads a spec from JSON text. `file` names the source in error locations.
    ///
    /// The spec's SHA-256 is that of `text`'s bytes, so that `sha256sum spec.json` checks it.
    pub fn from_json_str(text: &str, file: Option<&str>) -> Result<Spec, Error> {
        Spec::from_json_slice(text.as_bytes(), file)
    }

    /// Reads a spec from JSON bytes. See [`Spec::from_json_str`].
    pub fn from_json_slice(bytes: &[u8], file: Option<&str>) -> Result<Spec, Error> {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let definition = serde::Deserialize::deserialize(&mut deserializer)
            .map_err(|error| Error::Spec(format_error(&error, bytes, file).into()))?;
        // Text after the spec has no pointer: it belongs to no value.
        deserializer.end().map_err(|error| {
            let mut issue = format_error(&error, bytes, file);
            issue.location.pointer = None;
            Error::Spec(issue.into())
        })?;
        Spec::compile(definition, hex_sha256(bytes), file)
    }

    /// Reads a spec file.
    pub fn load(path: impl AsRef<Path>) -> Result<Spec, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|error| Error::io(path, &error))?;
        Spec::from_json_slice(&bytes, Some(&path.display().to_string()))
    }

    /// Checks and compiles a spec built in memory. Its SHA-256 is that of its
    /// [`canonical JSON`](Spec::to_json).
    pub fn from_definition(definition: IndexSpec) -> Result<Spec, Error> {
        let canonical = canonical_json(&definition);
        Spec::compile(definition, hex_sha256(canonical.as_bytes()), None)
    }

    fn compile(definition: IndexSpec, sha256: String, file: Option<&str>) -> Result<Spec, Error> {
        let (plan, report) = compile::compile(&definition, file);
        match plan {
            Some(plan) => {
                Ok(Spec(Arc::new(SpecInner { definition, plan, sha256, warnings: report })))
            }
            None => Err(Error::Spec(report)),
        }
    }

    /// The spec as data.
    pub fn definition(&self) -> &IndexSpec {
        &self.0.definition
    }

    /// The spec's id.
    pub fn id(&self) -> &str {
        &self.0.definition.id
    }

    /// The spec's version.
    pub fn version(&self) -> &str {
        &self.0.definition.version
    }

    /// SHA-256 of the spec, in lowercase hexadecimal.
    pub fn sha256(&self) -> &str {
        &self.0.sha256
    }

    /// The IANA time zone in which evidence dates are checked (`Africa/Casablanca`), if the
    /// spec names one.
    pub fn timezone(&self) -> Option<&str> {
        self.0.definition.evidence.timezone.as_deref()
    }

    /// The tier with this id (as results give it in `tier`), for its label and description.
    ///
    /// ```
    /// # let published = std::fs::read("../spec/charter/1.0.0/charter.json").unwrap();
    /// # openness::spec::provide_charter("1.0.0", &published).unwrap();
    /// let charter = openness::charter("1.0.0")?;
    /// let exemplary = charter.tier("exemplary").map(|tier| tier.label.get("fr"));
    /// assert_eq!(exemplary, Some("Exemplaire"));
    /// assert!(charter.tier("excellent").is_none());
    /// # Ok::<(), openness::Error>(())
    /// ```
    pub fn tier(&self, id: &str) -> Option<&model::Tier> {
        let tiers = self.0.definition.tiers.as_ref()?;
        tiers.bands.iter().find(|band| band.id == id)
    }

    /// Problems that do not prevent using the spec.
    pub fn warnings(&self) -> &Report {
        &self.0.warnings
    }

    /// The spec as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        canonical_json(&self.0.definition)
    }

    /// Whether some mean reads the declared weight of the node or item `id`.
    fn weight_is_used(&self, id: &str) -> bool {
        let plan = &self.0.plan;
        let target = match (plan.node_index.get(id), plan.item_index.get(id)) {
            (Some(&node), _) => plan::Input::Node(node),
            (None, Some(&item)) => plan::Input::Item(item),
            (None, None) => return false,
        };
        let aggregates = plan.nodes.iter().map(|node| &node.aggregate).chain(&plan.groups);
        aggregates.filter(|aggregate| aggregate.declared_weights).any(|aggregate| {
            aggregate.inputs.iter().any(|input| match (input, &target) {
                (plan::Input::Node(a), plan::Input::Node(b)) => a == b,
                (plan::Input::Item(a), plan::Input::Item(b)) => a == b,
                _ => false,
            })
        })
    }

    pub(crate) fn plan(&self) -> &Plan {
        &self.0.plan
    }

    /// A copy of the spec with other weights for some nodes or items, for sensitivity analysis.
    ///
    /// The copy's version gains the build metadata `+reweighted`, so that its results cannot be
    /// mistaken for the published spec's; its SHA-256 is that of its canonical JSON. It scores
    /// the same assessments: build metadata does not change the version they were made against.
    ///
    /// ```
    /// # // Builds without the default feature `embedded-charters` are given the published file.
    /// # let published = std::fs::read("../spec/charter/1.0.0/charter.json").unwrap();
    /// # openness::spec::provide_charter("1.0.0", &published).unwrap();
    /// let charter = openness::charter("1.0.0").unwrap();
    /// let heavier_finance = charter.with_weights([("T2", 3.0)]).unwrap();
    /// assert_eq!(heavier_finance.version(), "1.0.0+reweighted");
    /// assert!(charter.with_weights([("T9", 1.0)]).is_err()); // no such node
    /// // The charter's index is the mean of its indicators: a dimension's weight counts nowhere.
    /// assert!(charter.with_weights([("T", 3.0)]).is_err());
    /// ```
    pub fn with_weights<'a>(
        &self,
        weights: impl IntoIterator<Item = (&'a str, f64)>,
    ) -> Result<Spec, Error> {
        let mut definition = self.0.definition.clone();
        let mut report = Report::default();
        for (id, weight) in weights {
            if set_weight(&mut definition, id, weight) && !self.weight_is_used(id) {
                let issue = Issue::error(
                    IssueCode::SpecWeights,
                    Location::default(),
                    format!(
                        "the weight of `{id}` is never used, so changing it would change nothing: \
                         the means that take `{id}` give their inputs equal weights or aggregate \
                         over another level"
                    ),
                )
                .with_value(id)
                .with_hint("reweight the inputs those means do use (for the charter: indicators)");
                report.push(issue);
                continue;
            }
            if !set_weight(&mut definition, id, weight) {
                let known = self.0.plan.node_index.keys().chain(self.0.plan.item_index.keys());
                let mut issue = Issue::error(
                    IssueCode::SpecUnknownReference,
                    Location::default(),
                    format!("no node or item `{id}` to reweight"),
                )
                .with_value(id);
                issue.hint = did_you_mean(id, known.map(String::as_str));
                report.push(issue);
            }
        }
        if report.has_errors() {
            return Err(Error::Spec(report));
        }
        if !definition.version.contains("+reweighted") {
            definition.version.push_str("+reweighted");
        }
        Spec::from_definition(definition)
    }
}

fn set_weight(spec: &mut IndexSpec, id: &str, weight: f64) -> bool {
    fn visit(node: &mut model::Node, id: &str, weight: f64) -> bool {
        if node.id == id {
            node.weight = Some(Weight(weight));
            return true;
        }
        if let Some(element) = node.elements.iter_mut().find(|e| e.id == id) {
            element.weight = Some(Weight(weight));
            return true;
        }
        if let Some(measure) = node.measures.iter_mut().find(|m| m.id == id) {
            measure.weight = Some(Weight(weight));
            return true;
        }
        node.children.iter_mut().any(|child| visit(child, id, weight))
    }
    visit(&mut spec.root, id, weight)
}

fn canonical_json(definition: &IndexSpec) -> String {
    let mut text = serde_json::to_string_pretty(definition).unwrap_or_default();
    text.push('\n');
    text
}

pub(crate) fn hex_sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 of `value`'s pretty-printed JSON followed by a newline, the text that `to_json`
/// methods return, hashed as it is written rather than built first: a table of a million rows
/// would otherwise make a string of hundreds of megabytes only to hash it.
pub(crate) fn hex_sha256_of_json(value: &impl serde::Serialize) -> String {
    struct Hashing(Sha256);

    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    // serde_json writes token by token; the buffer hands the hasher whole blocks.
    let mut writer = std::io::BufWriter::with_capacity(1 << 16, Hashing(Sha256::new()));
    // Writing into a hasher cannot fail, and the model serialises without error.
    let _ = serde_json::to_writer_pretty(&mut writer, value);
    let _ = std::io::Write::write_all(&mut writer, b"\n");
    match writer.into_inner() {
        Ok(hashing) => hex(&hashing.0.finalize()),
        Err(_) => String::new(),
    }
}

/// Bytes in lowercase hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Turns a serde_json error into an issue at its line, column and JSON pointer.
fn format_error(error: &serde_json::Error, bytes: &[u8], file: Option<&str>) -> Issue {
    let message = error.to_string();
    // serde_json appends " at line L column C"; keep the position as a location instead.
    let message = match message.rfind(" at line ") {
        Some(position) => message[..position].to_owned(),
        None => message,
    };
    let location = Location {
        pointer: json_pointer::pointer_of_error(bytes, error),
        line: (error.line() > 0).then_some(error.line() as u64),
        column: (error.line() > 0).then(|| error.column().to_string()),
        ..Location::file(file)
    };
    let mut issue = Issue::error(IssueCode::SpecFormat, location, message.clone());
    if message.starts_with("unknown field") {
        issue.hint = Some("check the spelling against the spec's JSON Schema".to_owned());
    }
    issue
}

/// Id of the Political Openness Charter's specs.
pub const CHARTER_ID: &str = "political-openness-charter";

/// Published versions of the Political Openness Charter, oldest first, with the SHA-256 of
/// their files (`spec/charter/VERSION/charter.json`). A published version never changes: a new
/// methodology is a new version.
const PUBLISHED_CHARTERS: &[(&str, &str)] =
    &[("1.0.0", "03ec8b2daf8b925a772d8047fa9048c5cf89493e4d47513e230503b1f497466f")];

/// The published files, in the order of [`PUBLISHED_CHARTERS`], built in by the default
/// feature `embedded-charters`; and always in this crate's unit tests, which score the charter
/// whatever the features (a library built without the feature never has them).
#[cfg(any(feature = "embedded-charters", test))]
const EMBEDDED_CHARTERS: [&str; PUBLISHED_CHARTERS.len()] =
    [include_str!("../../../spec/charter/1.0.0/charter.json")];

/// Each published version, compiled once: from its embedded file when first asked for, or
/// from the file given to [`provide_charter`].
static COMPILED_CHARTERS: [OnceLock<Result<Spec, Error>>; PUBLISHED_CHARTERS.len()] =
    [const { OnceLock::new() }; PUBLISHED_CHARTERS.len()];

/// Versions of the Political Openness Charter that [`charter`] knows, oldest first.
pub fn charter_versions() -> Vec<&'static str> {
    PUBLISHED_CHARTERS.iter().map(|(version, _)| *version).collect()
}

/// A published version of the Political Openness Charter.
///
/// Its file is built in, unless the library is built without the default feature
/// `embedded-charters`: the application then gives the published file to [`provide_charter`]
/// first, and until it does, this returns [`Error::CharterNotLoaded`].
///
/// ```
/// # // Builds without the default feature `embedded-charters` are given the published file.
/// # let published = std::fs::read("../spec/charter/1.0.0/charter.json").unwrap();
/// # openness::spec::provide_charter("1.0.0", &published).unwrap();
/// let charter = openness::charter("1.0.0").unwrap();
/// assert_eq!(charter.version(), "1.0.0");
/// assert!(openness::charter("0.9.0").is_err());
/// ```
pub fn charter(version: &str) -> Result<Spec, Error> {
    let index = published_index(version)?;
    if let Some(compiled) = COMPILED_CHARTERS[index].get() {
        return compiled.clone();
    }
    match charter_json(version) {
        Some(text) => compile_charter(index, text.as_bytes()),
        None => Err(Error::CharterNotLoaded {
            version: version.to_owned(),
            reason: format!(
                "this build does not embed the published files (cargo feature \
                 `embedded-charters`), and `spec/charter/{version}/charter.json` was not provided"
            ),
        }),
    }
}

/// The latest published version of the Political Openness Charter. See [`charter`].
pub fn latest_charter() -> Result<Spec, Error> {
    let (version, _) = PUBLISHED_CHARTERS.last().copied().unwrap_or(("", ""));
    charter(version)
}

/// The text of a charter version exactly as published, when it is built in (the default
/// feature `embedded-charters`).
pub fn charter_json(version: &str) -> Option<&'static str> {
    #[cfg(any(feature = "embedded-charters", test))]
    let text = published_index(version).ok().map(|index| EMBEDDED_CHARTERS[index]);
    #[cfg(not(any(feature = "embedded-charters", test)))]
    let text = {
        let _ = version;
        None
    };
    text
}

/// Gives the library the published file of a charter version, for builds without the
/// `embedded-charters` feature: the WebAssembly binding loads the files that ship beside its
/// module, so that the module does not carry them. [`charter`] then returns the version.
///
/// `bytes` must be the published file byte for byte: its SHA-256 is checked against the one
/// recorded for the version. In builds that embed the files, giving one changes nothing.
///
/// ```
/// // The file as published, from the repository's spec/charter/.
/// let published = std::fs::read("../spec/charter/1.0.0/charter.json").unwrap();
/// assert!(openness::spec::provide_charter("1.0.0", &published).is_ok());
/// assert_eq!(openness::charter("1.0.0").unwrap().version(), "1.0.0");
///
/// let edited = String::from_utf8(published).unwrap().replace("Transparency", "Openness");
/// let refused = openness::spec::provide_charter("1.0.0", edited.as_bytes()).unwrap_err();
/// assert!(matches!(refused, openness::Error::CharterNotLoaded { .. }));
/// ```
pub fn provide_charter(version: &str, bytes: &[u8]) -> Result<(), Error> {
    let index = published_index(version)?;
    let (_, published) = PUBLISHED_CHARTERS[index];
    let sha256 = hex_sha256(bytes);
    if sha256 != published {
        return Err(Error::CharterNotLoaded {
            version: version.to_owned(),
            reason: format!(
                "the file given is not the published `spec/charter/{version}/charter.json`: its \
                 SHA-256 is `{sha256}`, the published file's is `{published}`"
            ),
        });
    }
    compile_charter(index, bytes).map(drop)
}

/// The position of a published version in [`PUBLISHED_CHARTERS`].
fn published_index(version: &str) -> Result<usize, Error> {
    PUBLISHED_CHARTERS.iter().position(|(known, _)| *known == version).ok_or_else(|| {
        Error::UnknownSpec {
            id: CHARTER_ID.to_owned(),
            version: version.to_owned(),
            available: charter_versions().join(", "),
        }
    })
}

/// Compiles the published file of the version at `index`, once.
fn compile_charter(index: usize, bytes: &[u8]) -> Result<Spec, Error> {
    let compiled = COMPILED_CHARTERS[index].get_or_init(|| {
        let (version, _) = PUBLISHED_CHARTERS[index];
        let name = format!("spec/charter/{version}/charter.json");
        Spec::from_json_slice(bytes, Some(&name))
    });
    compiled.clone()
}

#[cfg(test)]
mod tests {
    use super::{Spec, hex_sha256, hex_sha256_of_json};
    use crate::{Error, IssueCode};

    /// The location of the first issue of reading `text` as a spec.
    fn first_issue(text: &str) -> crate::Issue {
        match Spec::from_json_str(text, Some("x.json")) {
            Err(Error::Spec(report)) => report.issues[0].clone(),
            other => panic!("expected a spec error, got {other:?}"),
        }
    }

    #[test]
    fn format_errors_are_located_by_line_column_and_pointer() {
        let issue =
            first_issue("{\n  \"id\": \"x\",\n  \"version\": \"1.0.0\",\n  \"titel\": {}\n}");
        assert_eq!(issue.code, IssueCode::SpecFormat);
        assert_eq!(issue.location.to_string(), "x.json: line 4, column 9: /titel");
        assert!(issue.message.starts_with("unknown field `titel`"), "{}", issue.message);
        assert!(issue.hint.is_some());

        let issue = first_issue(r#"{"id": "x", "version": "1.0.0", "title": "X"}"#);
        assert_eq!(issue.location.pointer.as_deref(), Some("/title"));
        assert_eq!((issue.location.line, issue.location.column.as_deref()), (Some(1), Some("44")));

        // Text after the spec belongs to no value of it.
        let charter = include_str!("../../../spec/charter/1.0.0/charter.json");
        let issue = first_issue(&format!("{charter}]"));
        let line = charter.lines().count() as u64 + 1;
        assert_eq!(issue.location.line, Some(line));
        assert_eq!(issue.location.pointer, None);
        assert_eq!(issue.message, "trailing characters");
    }

    #[test]
    fn hashing_json_as_written_equals_hashing_the_text() {
        let published = include_str!("../../../spec/charter/1.0.0/charter.json");
        let charter = Spec::from_json_str(published, None).unwrap();
        let text = charter.to_json();
        assert_eq!(hex_sha256_of_json(charter.definition()), hex_sha256(text.as_bytes()));
    }
}
