//! The index spec as data: what a spec file holds, field by field.
//!
//! These types are the single source of the spec format. `spec/schema/spec.schema.json` is
//! generated from them, and [`crate::Spec`] checks what the type system cannot (unique ids,
//! references between nodes, weights that sum to one where declared absolute, …).
//!
//! JSON keys are camelCase. Optional parts have documented defaults, so a small index can be
//! written in a few lines while the charter spells everything out.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::Text;

/// A composite index: its answer scales, its tree of nodes and every rule that turns answers
/// into scores, ranks and tiers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IndexSpec {
    /// Where editors find the JSON Schema of this file.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable identifier of the index, such as `political-openness-charter`.
    pub id: String,
    /// Semantic version (`MAJOR.MINOR.PATCH`). A published version never changes.
    pub version: String,
    /// Name of the index.
    pub title: Text,
    /// What the index measures and for whom.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    /// Languages in which every text of the spec is given. Defaults to English only.
    #[serde(default = "default_languages")]
    pub languages: Vec<String>,
    /// What the assessed entities are called ("party", "company", "country").
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub entity_label: Text,
    /// Who publishes the index and how to cite it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Names of the levels of the tree (`index`, `dimension`, `indicator`, …) that nodes refer
    /// to with their `level` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
    /// Answer scales for elements, and code lists for measures.
    pub scales: Vec<Scale>,
    /// Scale used by elements that do not name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_scale: Option<String>,
    /// Classes of units when an entity is assessed at several units (a company's group,
    /// operating company and services). Empty when every entity is assessed as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unit_classes: Vec<UnitClass>,
    /// The top of the tree: the index score.
    pub root: Node,
    /// Items outside the tree: scored only within groups, or used as denominators.
    #[serde(default, skip_serializing_if = "Items::is_empty")]
    pub auxiliary: Items,
    /// Scores over arbitrary, possibly overlapping sets of items or nodes, reported beside the
    /// tree (the Open Budget Survey's sub-scores, for instance).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// What happens when data is missing.
    #[serde(default)]
    pub missing_data: MissingDataRules,
    /// How scores are rounded for display.
    #[serde(default)]
    pub display: DisplayRules,
    /// How entities are ranked.
    #[serde(default)]
    pub ranking: RankingRules,
    /// Named bands of scores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiers: Option<Tiers>,
    /// Which answers need which evidence.
    #[serde(default)]
    pub evidence: EvidenceRules,
    /// Commitments of a charter, each measured by a node and a threshold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<Commitment>,
    /// Methodological decisions taken where the source methodology is silent or vague.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// Earlier versions of this spec whose scores may be compared with this one's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comparable_with: Vec<Comparability>,
}

fn default_languages() -> Vec<String> {
    vec!["en".to_owned()]
}

/// Publisher, address and licence of an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    /// Organisation that publishes the index.
    pub publisher: String,
    /// Where the methodology is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Licence of the spec and of the published scores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// How to cite the index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
}

/// A named level of the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Level {
    /// Identifier that nodes use in their `level` field.
    pub id: String,
    /// Name of the level, singular ("dimension").
    pub name: Text,
}

/// A list of answer options, each with the points it scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scale {
    /// Identifier that elements use in their `scale` field.
    pub id: String,
    /// Name of the scale.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub name: Text,
    /// The options, from best to worst by convention.
    pub options: Vec<ScaleOption>,
}

/// One answer option of a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScaleOption {
    /// The code written in assessment files (`yes`, `partial`, `not_applicable`, …).
    pub code: String,
    /// Label shown to readers.
    pub label: Text,
    /// Points scored by this answer. Absent exactly when the option is excluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Points>,
    /// Excluded from means: the element counts neither for nor against the entity and the
    /// weights of the other inputs are renormalised. `not_applicable` is the usual example.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excluded: bool,
    /// When a coder should choose this option.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
}

/// A class of units, such as `company` or `service`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnitClass {
    /// Identifier used by entities' units and by nodes' unit rules.
    pub id: String,
    /// Name of the class.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub name: Text,
}

/// A node of the tree: the index, a dimension, an indicator, or any composite in between.
///
/// A node's inputs are its child nodes followed by its elements and measures, unless its
/// aggregation names a level (`overLevel`), in which case its inputs are the nodes of that
/// level below it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Node {
    /// Identifier, unique among the spec's nodes and items (`T1`, `transparency`).
    pub id: String,
    /// The level this node belongs to, one of the spec's `levels`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Name shown to readers.
    pub name: Text,
    /// What the node measures.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    /// Weight of this node where its parent (or an ancestor aggregating over its level)
    /// combines it with its siblings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Weight>,
    /// How the node combines its inputs.
    #[serde(default, skip_serializing_if = "Aggregation::is_default")]
    pub aggregation: Aggregation,
    /// Share of the inputs' total weight that must be scored for the node to be scored;
    /// below it the node is "insufficient data". Default 0: one scored input suffices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_coverage: Option<f64>,
    /// Number of inputs that must be scored for the node to be scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_scored: Option<u32>,
    /// For nodes assessed at several units of an entity: how the units' scores combine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<UnitRule>,
    /// Child nodes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
    /// Questions answered on a scale, scored directly under this node.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<Element>,
    /// Numbers mapped to points, scored directly under this node.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
}

/// Elements and measures outside the tree, in the spec's `auxiliary` list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Items {
    /// Questions answered on a scale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<Element>,
    /// Numbers mapped to points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
}

impl Items {
    /// Whether there are neither elements nor measures.
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty() && self.measures.is_empty()
    }
}

/// How a node or group combines its inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Aggregation {
    /// The mean used. Default: weighted arithmetic mean.
    #[serde(default)]
    pub method: Method,
    /// How the inputs' weights are read. Default: relative.
    #[serde(default)]
    pub weights: WeightMode,
    /// Aggregate the nodes of this level below the node instead of the node's own inputs. The
    /// Political Openness Charter's index is the mean of its twelve indicators, not of its four
    /// dimensions; Ranking Digital Rights' total likewise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over_level: Option<String>,
}

impl Aggregation {
    fn is_default(&self) -> bool {
        *self == Aggregation::default()
    }
}

/// A weighted mean.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Method {
    /// Σ wᵢxᵢ / Σ wᵢ.
    #[default]
    Arithmetic,
    /// exp(Σ wᵢ ln xᵢ / Σ wᵢ). Every input must be greater than zero.
    Geometric,
    /// Σ wᵢ / Σ (wᵢ / xᵢ). Every input must be greater than zero.
    Harmonic,
    /// Σ wᵢxᵢ over the scored inputs, without dividing by the weights.
    Sum,
}

/// How weights are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum WeightMode {
    /// Each input declares a weight; only their ratios matter (1, 1, 2 is 25 %, 25 %, 50 %).
    #[default]
    Relative,
    /// Each input declares a weight and the weights must sum to 1 (within 1e-6).
    Absolute,
    /// Every input counts the same; inputs declare no weight.
    Equal,
}

/// A weight: a finite number, zero or more.
///
/// Written as a JSON number. A weight written as a string (`"0.25"`) is refused with the
/// message "weight must be a number", rather than read as text and concatenated somewhere.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Weight(#[schemars(range(min = 0))] pub f64);

impl<'de> Deserialize<'de> for Weight {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberVisitor("weight")).map(Weight)
    }
}

/// Points of a scale option: a finite number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Points(pub f64);

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberVisitor("points")).map(Points)
    }
}

/// Reads a JSON number and nothing else, naming the field in its error.
struct NumberVisitor(&'static str);

impl serde::de::Visitor<'_> for NumberVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{} as a number", self.0)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<f64, E> {
        Err(E::custom(format!(
            "{} must be a number, found the string \"{v}\"; write it without quotes",
            self.0
        )))
    }
}

/// How the units of an entity combine into a node's score.
///
/// Ranking Digital Rights scores some indicators at the group, the operating company and each
/// service, then takes the mean of group, operating company and the mean of the services:
/// `{"parts": [{"class": "company"}, {"class": "service", "collapse": true}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnitRule {
    /// The mean that combines the parts. Default: arithmetic.
    #[serde(default)]
    pub method: Method,
    /// Which units take part, by class.
    pub parts: Vec<UnitPart>,
}

/// The units of one class taking part in a node's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnitPart {
    /// A unit class of the spec.
    pub class: String,
    /// Combine this class's units into one score (their arithmetic mean) before combining
    /// with the other parts, so that the class counts once however many units it has.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub collapse: bool,
}

/// A question answered on a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Element {
    /// Identifier (`T1.01`).
    pub id: String,
    /// The question, answerable from public evidence.
    pub question: Text,
    /// Guidance for coders, by answer code: what counts as `partial`, for instance.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub guidance: BTreeMap<String, Text>,
    /// The scale of answers. Default: the spec's `defaultScale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// Weight among the node's inputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Weight>,
    /// The best answer scores the fewest points: points become (highest + lowest − points),
    /// so on a 0–100 scale `yes` scores 0 and `no` 100.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reversed: bool,
    /// Another element that must be satisfied for this one to count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<Gate>,
}

/// A "does it exist" question that decides whether dependent elements can score.
///
/// A closed gate overrides every answer of its dependents, `not_applicable` included: a
/// dependent of a closed gate scores its scale's lowest points (validation warns when it was
/// answered with more). Answers of the gate that are not in `closedBy` leave it open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Gate {
    /// The gating element.
    pub element: String,
    /// Answers to the gating element that close the gate: the dependent element then scores
    /// its scale's lowest points whatever it was answered, and need not be answered at all.
    pub closed_by: Vec<String>,
}

/// A number mapped to points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Measure {
    /// Identifier (`T2.m1`).
    pub id: String,
    /// Name shown to readers.
    pub name: Text,
    /// How to take the measurement.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub question: Text,
    /// Unit of the value ("months", "%").
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub unit: Text,
    /// Values accepted; others are errors.
    #[serde(default, skip_serializing_if = "Domain::is_unbounded")]
    pub domain: Domain,
    /// Whether more is better.
    pub direction: Direction,
    /// How the value becomes points.
    pub normalisation: Normalisation,
    /// A scale of codes accepted instead of a number (`no_reply`, `not_applicable`), each
    /// scoring its points directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codes: Option<String>,
    /// Another measure (usually auxiliary) that divides this one's value first: trade by GDP,
    /// flights by population.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<String>,
    /// Weight among the node's inputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Weight>,
}

/// Bounds of the values a measure accepts, both inclusive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Domain {
    /// Smallest value accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest value accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

impl Domain {
    fn is_unbounded(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }

    /// Whether `value` lies within the bounds.
    pub fn contains(&self, value: f64) -> bool {
        self.min.is_none_or(|min| value >= min) && self.max.is_none_or(|max| value <= max)
    }
}

/// Whether more is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// Higher values are better.
    HigherIsBetter,
    /// Lower values are better: relative normalisations negate the value first.
    LowerIsBetter,
}

/// How a measure's value becomes points.
///
/// `goalposts` is fixed by the spec: an entity's points depend on its own value only. The other
/// methods are *relative*: they use every entity's value in the same run, as statistical
/// composite indices do, so one entity's points change when another's value changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", tag = "method", deny_unknown_fields)]
pub enum Normalisation {
    /// Piecewise-linear between the points, clamped beyond the first and last.
    Goalposts {
        /// At least two points, in increasing order of value.
        points: Vec<Goalpost>,
    },
    /// The value is already points.
    Identity,
    /// (x − min) / (max − min) × (high − low) + low, over the entities' values.
    MinMax {
        /// `[low, high]`. Default `[0, 100]`.
        #[serde(default = "default_range")]
        range: [f64; 2],
    },
    /// (x − mean) / sd × scale + centre, with the sample standard deviation (n − 1).
    ZScore {
        /// Added after scaling. Default 0.
        #[serde(default)]
        centre: f64,
        /// Multiplies the standard score. Default 1.
        #[serde(default = "one")]
        scale: f64,
    },
    /// Rank among the entities' values, ascending (the lowest value ranks 1); tied values share
    /// the lowest rank.
    Rank,
    /// Number of entities with a strictly lower value, as a percentage of the other entities
    /// with a value: 0 for the lowest, 100 for the highest.
    PercentileRank,
    /// Borda count: the number of entities with a strictly lower value (rank − 1).
    Borda,
    /// (x − min) / (target − min) × (high − low) + low, capped at `high` once the target is met.
    DistanceToTarget {
        /// The value at which full points are reached.
        target: f64,
        /// `[low, high]`. Default `[0, 100]`.
        #[serde(default = "default_range")]
        range: [f64; 2],
    },
}

impl Normalisation {
    /// Whether the points of one entity depend on the other entities' values.
    pub fn is_relative(&self) -> bool {
        !matches!(self, Normalisation::Goalposts { .. } | Normalisation::Identity)
    }
}

fn default_range() -> [f64; 2] {
    [0.0, 100.0]
}

fn one() -> f64 {
    1.0
}

/// One point of a piecewise-linear mapping.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Goalpost {
    /// A value of the measure.
    pub value: f64,
    /// The points it scores.
    pub points: f64,
}

/// A score over a set of items or nodes, reported beside the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Group {
    /// Identifier, unique among nodes, items and groups.
    pub id: String,
    /// Name shown to readers.
    pub name: Text,
    /// What the group measures.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    /// Ids of the items or nodes combined. An item or node may belong to several groups.
    pub members: Vec<String>,
    /// How the members combine.
    #[serde(default)]
    pub aggregation: Aggregation,
    /// As for nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_coverage: Option<f64>,
    /// As for nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_scored: Option<u32>,
}

/// What happens when data is missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MissingDataRules {
    /// An element or measure with no response at all.
    #[serde(default)]
    pub unanswered: UnansweredPolicy,
    /// A measure normalised relatively whose values are all equal, so that min-max or z-score
    /// would divide by zero.
    #[serde(default)]
    pub constant_measure: ConstantMeasurePolicy,
}

/// What an unanswered item means.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum UnansweredPolicy {
    /// Missing data: left out of the mean like an excluded answer, it lowers the node's
    /// coverage, and validation warns about it.
    #[default]
    Missing,
    /// A validation error: every item must be answered.
    Error,
}

/// What a constant relative measure means.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ConstantMeasurePolicy {
    /// The measure is left out for every entity, the weights of the other inputs are
    /// renormalised, and a warning names the measure.
    #[default]
    Exclude,
    /// Scoring fails with an error naming the measure.
    Error,
}

/// How scores are rounded for display. Scores are computed and ranked unrounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DisplayRules {
    /// Decimals shown. Default 0.
    #[serde(default)]
    pub decimals: u8,
    /// The rounding rule. Default and only rule: half away from zero (12.5 → 13, −12.5 → −13).
    #[serde(default)]
    pub rounding: Rounding,
}

impl Default for DisplayRules {
    fn default() -> Self {
        DisplayRules { decimals: 0, rounding: Rounding::HalfAwayFromZero }
    }
}

/// A rounding rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Rounding {
    /// 12.5 → 13, 2.5 → 3, −2.5 → −3, applied to the score quantised to the ranking's tie
    /// precision so that 12.499999999999998 from floating-point noise is treated as 12.5.
    #[default]
    HalfAwayFromZero,
}

/// How entities are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RankingRules {
    /// Scores closer than this are tied: scores are quantised to this step before comparing,
    /// which keeps ties transitive. A power of ten from 1 down to 1e-12. Default 1e-9.
    #[serde(default = "default_tie_precision")]
    pub tie_precision: f64,
    /// Which score entities are ranked on. Default: the unrounded score.
    #[serde(default, skip_serializing_if = "RankingBasis::is_default")]
    pub basis: RankingBasis,
}

impl Default for RankingRules {
    fn default() -> Self {
        RankingRules { tie_precision: default_tie_precision(), basis: RankingBasis::default() }
    }
}

/// Which score entities are ranked on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum RankingBasis {
    /// The unrounded score, quantised to the tie precision: 44.4 ranks above 43.9.
    #[default]
    Unrounded,
    /// The score rounded for display, as indices that rank their published scores do: 44.4 and
    /// 43.9, both shown as 44, share a rank (Ranking Digital Rights' Big Tech Scorecard).
    Displayed,
}

impl RankingBasis {
    fn is_default(&self) -> bool {
        *self == RankingBasis::default()
    }
}

fn default_tie_precision() -> f64 {
    1e-9
}

/// Named bands of scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tiers {
    /// Which score decides the tier. Default: the displayed (rounded) score, so that a
    /// published score and its tier never contradict each other.
    #[serde(default)]
    pub basis: ThresholdBasis,
    /// Bands in increasing order of `min`; a band runs from its `min` up to the next band's.
    pub bands: Vec<Tier>,
}

/// Which score a threshold applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ThresholdBasis {
    /// The score rounded for display.
    #[default]
    Displayed,
    /// The unrounded score.
    Unrounded,
}

/// One band of scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tier {
    /// Identifier (`closed`, `limited`, …).
    pub id: String,
    /// Lowest score in the band, inclusive.
    pub min: f64,
    /// Name shown to readers.
    pub label: Text,
    /// What the band means.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
}

/// Which answers need which evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvidenceRules {
    /// IANA time zone in which "today" is taken when checking that evidence dates are not in
    /// the future. Default: UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Whether each response names its coder.
    #[serde(default)]
    pub coder: Requirement,
    /// Whether each response names its reviewer.
    #[serde(default)]
    pub reviewer: Requirement,
    /// Rules by answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<EvidenceRule>,
}

/// The evidence required for some answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvidenceRule {
    /// Answer codes the rule applies to. `value` stands for every numeric measure value.
    pub answers: Vec<String>,
    /// At least one URL of the evidence.
    #[serde(default)]
    pub url: Requirement,
    /// Evidence URLs must use https (http is refused).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub https_only: bool,
    /// The date the evidence was checked.
    #[serde(default)]
    pub checked: Requirement,
    /// An archived copy of the evidence.
    #[serde(default)]
    pub archived_url: Requirement,
    /// A note (for "searched, nothing found": where was searched).
    #[serde(default)]
    pub note: Requirement,
}

/// How strongly a field is asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Requirement {
    /// Absent is an error.
    Required,
    /// Absent is a warning.
    Recommended,
    /// Absent is fine.
    #[default]
    Optional,
}

/// A commitment of a charter, met when the node measuring it reaches the threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Commitment {
    /// Identifier (`C-T1`).
    pub id: String,
    /// The node that measures the commitment.
    pub node: String,
    /// The score that counts as meeting it, on the basis of `basis`.
    pub threshold: f64,
    /// Which score is compared with the threshold. Default: the displayed score.
    #[serde(default)]
    pub basis: ThresholdBasis,
    /// The commitment as signed.
    pub text: Text,
}

/// A methodological decision, recorded with the spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Decision {
    /// Identifier (`tier-basis`).
    pub id: String,
    /// The decision and its reason.
    pub text: Text,
}

/// An earlier version of the spec whose results can be compared with this one's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Comparability {
    /// The earlier version.
    pub version: String,
    /// Items and nodes whose definition did not change; an empty list with `all` false means
    /// nothing is comparable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unchanged: Vec<String>,
    /// Every item and node is unchanged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all: bool,
}
