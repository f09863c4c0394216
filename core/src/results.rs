//! Scores, ranks and tiers of every entity, with their provenance.
//!
//! [`Results`] holds the numbers in compact tables and lends out views ([`EntityResult`],
//! [`NodeScore`]); [`Results::to_document`] gives the serialisable form written as JSON, whose
//! schema is `spec/schema/results.schema.json`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::Signature;
use crate::assessment::lenient::Lenient;
use crate::error::Error;
use crate::issue::{Issue, Report};
use crate::prepare::{Cell, Prepared};
use crate::round::{format_rounded, round_half_away};
use crate::score::{ItemStatus, Outcome, Scores, Status};
use crate::spec::Spec;
use crate::spec::model::ThresholdBasis;
use crate::suggest::did_you_mean;
use crate::text::{Text, identity_key};

/// Name and version of this engine, as recorded in results.
pub const ENGINE: &str = concat!("openness ", env!("CARGO_PKG_VERSION"));

/// What a set of results was computed from, so that a published table can be checked against
/// its data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
    /// The spec's id.
    pub spec_id: String,
    /// The spec's version.
    pub spec_version: String,
    /// SHA-256 of the spec file (or of its canonical JSON for specs built in memory).
    pub spec_sha256: String,
    /// The engine that computed the results.
    pub engine: String,
    /// The inputs, in the order given.
    pub inputs: Vec<InputProvenance>,
}

/// One input of a set of results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InputProvenance {
    /// File name, or the name given to an in-memory input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// SHA-256 of the bytes read (or of the canonical JSON of an in-memory table).
    pub sha256: String,
}

/// Scores of every entity under one spec.
#[derive(Debug, Clone)]
pub struct Results {
    prepared: Prepared,
    scores: Scores,
    /// Validation's warnings, shared with the prepared data, and scoring's own.
    warnings: std::sync::Arc<Report>,
    provenance: Provenance,
}

impl Results {
    pub(crate) fn new(prepared: Prepared, scores: Scores, scoring_warnings: Report) -> Results {
        let spec = &prepared.data().spec;
        let provenance = Provenance {
            spec_id: spec.id().to_owned(),
            spec_version: spec.version().to_owned(),
            spec_sha256: spec.sha256().to_owned(),
            engine: ENGINE.to_owned(),
            inputs: prepared
                .data()
                .inputs
                .iter()
                .map(|(name, sha256)| InputProvenance {
                    name: name.clone(),
                    sha256: sha256.clone(),
                })
                .collect(),
        };
        let validation = &prepared.data().report;
        let warnings = if scoring_warnings.is_empty() {
            std::sync::Arc::clone(validation)
        } else {
            let mut all = Report::clone(validation);
            all.issues.extend(scoring_warnings.issues);
            std::sync::Arc::new(all)
        };
        Results { prepared, scores, warnings, provenance }
    }

    /// The spec the results were computed with.
    pub fn spec(&self) -> &Spec {
        &self.prepared.data().spec
    }

    /// What the results were computed from.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// The assessment cycle (year), when the inputs name one.
    pub fn cycle(&self) -> Option<i64> {
        self.prepared.data().cycle
    }

    /// Warnings from validation and scoring.
    pub fn warnings(&self) -> &Report {
        &self.warnings
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.prepared.data().entities.len()
    }

    /// Whether there is no entity.
    pub fn is_empty(&self) -> bool {
        self.prepared.data().entities.is_empty()
    }

    /// Every entity, in the order of the input.
    pub fn entities(&self) -> impl ExactSizeIterator<Item = EntityResult<'_>> {
        (0..self.len()).map(|index| EntityResult { results: self, index })
    }

    /// The entity with this id (matched as ids are: ignoring direction marks, NFC).
    pub fn entity(&self, id: &str) -> Option<EntityResult<'_>> {
        let key = identity_key(id.trim());
        self.prepared
            .data()
            .entities
            .iter()
            .position(|entity| entity.id == id || identity_key(&entity.id) == key)
            .map(|index| EntityResult { results: self, index })
    }

    /// The entity with this id, or an error suggesting a close id.
    pub fn require_entity(&self, id: &str) -> Result<EntityResult<'_>, Error> {
        self.entity(id).ok_or_else(|| Error::UnknownEntity {
            id: id.to_owned(),
            hint: did_you_mean(id, self.prepared.data().entities.iter().map(|e| e.id.as_str()))
                .map(|hint| format!("; {hint}"))
                .unwrap_or_default(),
        })
    }

    /// Entities by rank of their index score, best first; ties and unranked entities (whose
    /// score is missing or below the coverage rule) in order of id, unranked last.
    pub fn ranking(&self) -> Vec<EntityResult<'_>> {
        let entities: Vec<(u32, EntityResult)> =
            self.entities().map(|entity| (entity.rank().unwrap_or(u32::MAX), entity)).collect();
        let entities = crate::order::sorted_by(entities, |(rank_a, a), (rank_b, b)| {
            rank_a.cmp(rank_b).then_with(|| a.id().cmp(b.id()))
        });
        entities.into_iter().map(|(_, entity)| entity).collect()
    }

    pub(crate) fn prepared(&self) -> &Prepared {
        &self.prepared
    }

    pub(crate) fn scores(&self) -> &Scores {
        &self.scores
    }

    /// The serialisable form of the results, entities in ranking order.
    pub fn to_document(&self) -> ResultsDocument {
        let spec = self.spec();
        ResultsDocument {
            schema: None,
            provenance: self.provenance.clone(),
            cycle: self.cycle(),
            decimals: spec.plan().decimals,
            entities: self.ranking().iter().map(EntityResult::to_document).collect(),
            warnings: self.warnings.issues.clone(),
        }
    }

    /// The results as pretty-printed JSON: the [`ResultsDocument`] form.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&Streamed(self)).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Writes the results as pretty-printed JSON (the [`ResultsDocument`] form) one entity at
    /// a time, without building the whole document in memory.
    pub fn write_json(&self, mut writer: impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut writer, &Streamed(self))?;
        writer.write_all(b"\n")
    }
}

/// Serialises results as a [`ResultsDocument`], building each entity's document only when it
/// is written.
struct Streamed<'a>(&'a Results);

impl serde::Serialize for Streamed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeSeq, SerializeStruct};

        struct Entities<'a>(&'a Results);

        impl serde::Serialize for Entities<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let ranking = self.0.ranking();
                let mut seq = serializer.serialize_seq(Some(ranking.len()))?;
                for entity in ranking {
                    seq.serialize_element(&entity.to_document())?;
                }
                seq.end()
            }
        }

        let results = self.0;
        let mut document = serializer.serialize_struct("ResultsDocument", 5)?;
        document.serialize_field("provenance", &results.provenance)?;
        if let Some(cycle) = results.cycle() {
            document.serialize_field("cycle", &cycle)?;
        }
        document.serialize_field("decimals", &results.spec().plan().decimals)?;
        document.serialize_field("entities", &Entities(results))?;
        document.serialize_field("warnings", &results.warnings.issues)?;
        document.end()
    }
}

/// One entity's results.
#[derive(Debug, Clone, Copy)]
pub struct EntityResult<'a> {
    results: &'a Results,
    index: usize,
}

impl<'a> EntityResult<'a> {
    fn entity(&self) -> &'a crate::prepare::PreparedEntity {
        &self.results.prepared.data().entities[self.index]
    }

    /// Position in the input.
    pub fn position(&self) -> usize {
        self.index
    }

    /// The entity's id.
    pub fn id(&self) -> &'a str {
        &self.entity().id
    }

    /// The entity's name in each language.
    pub fn name(&self) -> &'a Text {
        &self.entity().name
    }

    /// The entity's short name.
    pub fn abbreviation(&self) -> Option<&'a str> {
        self.entity().abbreviation.as_deref()
    }

    /// Whether the entity is invented (demo and test data).
    pub fn fictional(&self) -> bool {
        self.entity().fictional
    }

    /// The entity's charter signature, for signatories.
    pub fn signatory(&self) -> Option<&'a Signature> {
        self.entity().signatory.as_ref()
    }

    /// The index score: the root of the tree.
    pub fn score(&self) -> NodeScore<'a> {
        self.node_at(0)
    }

    /// Rank of the index score; `None` when the entity is unranked.
    pub fn rank(&self) -> Option<u32> {
        self.results.scores.node_rank(self.index, 0)
    }

    /// The score of a node of the tree, by id.
    pub fn node(&self, id: &str) -> Option<NodeScore<'a>> {
        self.results.spec().plan().node_index.get(id).map(|&node| self.node_at(node))
    }

    /// The score of every node of the tree, the root first, each node before its descendants.
    pub fn nodes(&self) -> impl Iterator<Item = NodeScore<'a>> + 'a {
        let this = *self;
        (0..self.results.spec().plan().nodes.len()).map(move |node| this.node_at(node))
    }

    fn node_at(&self, node: usize) -> NodeScore<'a> {
        let plan = self.results.spec().plan();
        let position = self.index * plan.nodes.len() + node;
        let outcome = self.results.scores.nodes[position];
        NodeScore::new(
            self.results.spec(),
            &plan.nodes[node].aggregate.id,
            plan.nodes[node].level.as_deref(),
            outcome,
            self.results.scores.node_rank(self.index, node),
        )
    }

    /// The score of every group, in spec order.
    pub fn groups(&self) -> impl Iterator<Item = NodeScore<'a>> + 'a {
        let this = *self;
        let plan = self.results.spec().plan();
        (0..plan.groups.len()).map(move |group| {
            let position = this.index * plan.groups.len() + group;
            NodeScore::new(
                this.results.spec(),
                &plan.groups[group].id,
                None,
                this.results.scores.groups[position],
                this.results.scores.group_rank(this.index, group),
            )
        })
    }

    /// The score of a group, by id.
    pub fn group(&self, id: &str) -> Option<NodeScore<'a>> {
        self.groups().find(|group| group.id == id)
    }

    /// The scores of the units of a node scored by unit, in the entity's order of units.
    pub fn units(&self, node: &str) -> Vec<UnitScore<'a>> {
        let plan = self.results.spec().plan();
        let Some(&node) = plan.node_index.get(node) else { return Vec::new() };
        let units = &self.results.scores.units;
        let start =
            units.partition_point(|u| (u.entity as usize, u.node as usize) < (self.index, node));
        units[start..]
            .iter()
            .take_while(|u| u.entity as usize == self.index && u.node as usize == node)
            .map(|u| {
                let spec = self.results.spec();
                let unit = &self.entity().units[u.slot as usize];
                UnitScore {
                    unit: &unit.id,
                    value: u.outcome.value,
                    rounded: u.outcome.value.map(|v| spec.round(v)),
                    status: u.outcome.status,
                }
            })
            .collect()
    }

    /// Every item of every unit slot: answers, values and points.
    pub fn items(&self) -> Vec<ItemScore<'a>> {
        let plan = self.results.spec().plan();
        let entity = self.entity();
        let item_count = plan.items.len();
        let cells = self.results.prepared.entity_cells(self.index);
        let scores = &self.results.scores;
        let mut items = Vec::new();
        for (position, cell) in cells.iter().enumerate() {
            let outcome = scores.item(plan, *cell, entity.offset + position, position % item_count);
            let (slot, item) = (position / item_count, position % item_count);
            if slot > 0 && *cell == Cell::Unanswered {
                continue;
            }
            if slot == 0 && entity.units.len() > 1 {
                let by_unit =
                    plan.items[item].node.is_some_and(|node| plan.nodes[node].units.is_some());
                if by_unit {
                    continue;
                }
            }
            let given = self.results.prepared.data().evidence.get();
            let evidence = given.binary_search_by_key(&(entity.offset + position), |e| e.0);
            items.push(ItemScore {
                id: &plan.items[item].id,
                unit: (slot > 0).then(|| entity.units[slot].id.as_str()),
                answer: answer_code(plan, item, cell),
                value: match cell {
                    Cell::Value { value } => Some(*value),
                    _ => None,
                },
                points: outcome.points,
                status: outcome.status,
                evidence: evidence.ok().map(|found| &given[found].1),
            });
        }
        items
    }

    /// Each commitment of the spec with whether it is met, for signatories; empty for others.
    pub fn commitments(&self) -> Vec<CommitmentResult<'a>> {
        if self.signatory().is_none() {
            return Vec::new();
        }
        let spec = self.results.spec();
        spec.plan()
            .commitments
            .iter()
            .map(|commitment| {
                let score = self.node_at(commitment.node);
                let compared = match commitment.basis {
                    ThresholdBasis::Displayed => score.rounded,
                    ThresholdBasis::Unrounded => score.value,
                };
                CommitmentResult {
                    id: &commitment.id,
                    node: &spec.plan().nodes[commitment.node].aggregate.id,
                    threshold: commitment.threshold,
                    met: compared.map(|value| value >= commitment.threshold),
                }
            })
            .collect()
    }

    /// The serialisable form of this entity's results.
    pub fn to_document(&self) -> EntityDocument {
        let score = self.score();
        let node_documents = self
            .nodes()
            .map(|node| {
                let mut document = node.to_document();
                document.units =
                    self.units(node.id).into_iter().map(UnitScore::to_document).collect();
                document
            })
            .collect();
        EntityDocument {
            id: self.id().to_owned(),
            name: self.name().clone(),
            abbreviation: self.abbreviation().map(str::to_owned),
            fictional: self.fictional(),
            signatory: self.signatory().cloned(),
            rank: score.rank,
            score: score.value,
            rounded: score.rounded,
            status: score.status,
            tier: score.tier.map(str::to_owned),
            nodes: node_documents,
            groups: self.groups().map(|group| group.to_document()).collect(),
            items: self.items().into_iter().map(ItemScore::to_document).collect(),
            commitments: self
                .commitments()
                .into_iter()
                .map(CommitmentResult::to_document)
                .collect(),
        }
    }
}

pub(crate) fn answer_code<'a>(
    plan: &'a crate::spec::Plan,
    item: usize,
    cell: &Cell,
) -> Option<&'a str> {
    use crate::spec::plan::ItemKind;
    let scale = match &plan.items[item].kind {
        ItemKind::Element(element) => Some(element.scale),
        ItemKind::Measure(measure) => measure.codes,
    }?;
    let code = match cell {
        Cell::Answered { code, .. } | Cell::Excluded { code } => *code,
        Cell::Gated { code: Some(code), .. } => *code,
        _ => return None,
    };
    plan.scales[scale].codes.get(usize::from(code)).map(String::as_str)
}

impl Spec {
    /// `value` rounded for display under this spec's rules.
    pub fn round(&self, value: f64) -> f64 {
        let plan = self.plan();
        round_half_away(value, plan.decimals, plan.tie_decimals)
    }

    /// `value` rounded and written for display under this spec's rules ("56", "66.67").
    pub fn format(&self, value: f64) -> String {
        let plan = self.plan();
        format_rounded(value, plan.decimals, plan.tie_decimals)
    }

    /// The tier of a score, if the spec has tiers.
    pub fn tier_of(&self, value: f64) -> Option<&str> {
        let tiers = self.plan().tiers.as_ref()?;
        let compared = match tiers.basis {
            ThresholdBasis::Displayed => self.round(value),
            ThresholdBasis::Unrounded => value,
        };
        tiers.bands.iter().rev().find(|(min, _)| compared >= *min).map(|(_, id)| id.as_str())
    }
}

/// The score of a node or group for one entity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeScore<'a> {
    /// The node's or group's id.
    pub id: &'a str,
    /// The node's level.
    pub level: Option<&'a str>,
    /// The unrounded score; `None` when not scored.
    pub value: Option<f64>,
    /// The score rounded for display.
    pub rounded: Option<f64>,
    /// Whether there is a score, and if not, why.
    pub status: Status,
    /// Share of the inputs' weight that is scored.
    pub coverage: f64,
    /// Number of inputs scored.
    pub scored: u32,
    /// Number of inputs.
    pub inputs: u32,
    /// Rank among the entities (1 is best); `None` when not scored.
    pub rank: Option<u32>,
    /// The tier of the score.
    pub tier: Option<&'a str>,
}

impl<'a> NodeScore<'a> {
    fn new(
        spec: &'a Spec,
        id: &'a str,
        level: Option<&'a str>,
        outcome: Outcome,
        rank: Option<u32>,
    ) -> Self {
        NodeScore {
            id,
            level,
            value: outcome.value,
            rounded: outcome.value.map(|value| spec.round(value)),
            status: outcome.status,
            coverage: outcome.coverage,
            scored: outcome.scored,
            inputs: outcome.inputs,
            rank,
            tier: outcome.value.and_then(|value| spec.tier_of(value)),
        }
    }

    /// The serialisable form.
    pub fn to_document(&self) -> NodeDocument {
        NodeDocument {
            id: self.id.to_owned(),
            level: self.level.map(str::to_owned),
            value: self.value,
            rounded: self.rounded,
            status: self.status,
            coverage: self.coverage,
            scored: self.scored,
            inputs: self.inputs,
            rank: self.rank,
            tier: self.tier.map(str::to_owned),
            units: Vec::new(),
        }
    }
}

/// The score of one unit at a node scored by unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitScore<'a> {
    /// The unit's id.
    pub unit: &'a str,
    /// The unrounded score.
    pub value: Option<f64>,
    /// The score rounded for display.
    pub rounded: Option<f64>,
    /// Whether there is a score.
    pub status: Status,
}

impl UnitScore<'_> {
    fn to_document(self) -> UnitDocument {
        UnitDocument {
            unit: self.unit.to_owned(),
            value: self.value,
            rounded: self.rounded,
            status: self.status,
        }
    }
}

/// One item's answer and points for one entity (and unit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemScore<'a> {
    /// The item's id.
    pub id: &'a str,
    /// The unit, for items scored by unit.
    pub unit: Option<&'a str>,
    /// The answer code given, if any.
    pub answer: Option<&'a str>,
    /// The measured value, divided by its denominator if it has one.
    pub value: Option<f64>,
    /// The points scored.
    pub points: Option<f64>,
    /// What became of the item.
    pub status: ItemStatus,
    /// The evidence the response gives, if any.
    pub evidence: Option<&'a EvidenceDocument>,
}

impl ItemScore<'_> {
    fn to_document(self) -> ItemDocument {
        ItemDocument {
            id: self.id.to_owned(),
            unit: self.unit.map(str::to_owned),
            answer: self.answer.map(str::to_owned),
            value: self.value,
            points: self.points,
            status: self.status,
            evidence: self.evidence.cloned(),
        }
    }
}

/// Whether a signatory meets one commitment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CommitmentResult<'a> {
    /// The commitment's id.
    pub id: &'a str,
    /// The node that measures it.
    pub node: &'a str,
    /// The score that meets it.
    pub threshold: f64,
    /// Whether it is met; `None` when the node is not scored.
    pub met: Option<bool>,
}

impl CommitmentResult<'_> {
    fn to_document(self) -> CommitmentDocument {
        CommitmentDocument {
            id: self.id.to_owned(),
            node: self.node.to_owned(),
            threshold: self.threshold,
            met: self.met,
        }
    }
}

/// Results as written to JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(title = "Results")]
pub struct ResultsDocument {
    /// Where editors find the JSON Schema of this file.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What the results were computed from.
    pub provenance: Provenance,
    /// The assessment cycle (year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle: Option<i64>,
    /// Decimals of the `rounded` scores.
    pub decimals: u8,
    /// Every entity, in ranking order.
    pub entities: Vec<EntityDocument>,
    /// Warnings from validation and scoring.
    pub warnings: Vec<Issue>,
}

/// One entity's results as written to JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EntityDocument {
    /// The entity's id.
    pub id: String,
    /// Its name in each language.
    pub name: Text,
    /// Its short name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
    /// Whether it is invented.
    pub fictional: bool,
    /// Its charter signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signatory: Option<Signature>,
    /// Rank of its index score; `null` when unranked.
    pub rank: Option<u32>,
    /// Its unrounded index score; `null` when not scored.
    pub score: Option<f64>,
    /// Its index score rounded for display.
    pub rounded: Option<f64>,
    /// Whether the index is scored.
    pub status: Status,
    /// The tier of its index score.
    pub tier: Option<String>,
    /// Every node of the tree, the root first.
    pub nodes: Vec<NodeDocument>,
    /// Every group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<NodeDocument>,
    /// Every item answered, and every unanswered item of the entity as a whole.
    pub items: Vec<ItemDocument>,
    /// The charter's commitments, for signatories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<CommitmentDocument>,
}

/// A node's or group's score as written to JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NodeDocument {
    /// The node's or group's id.
    pub id: String,
    /// The node's level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The unrounded score; `null` when not scored.
    pub value: Option<f64>,
    /// The score rounded for display.
    pub rounded: Option<f64>,
    /// Whether there is a score.
    pub status: Status,
    /// Share of the inputs' weight that is scored.
    pub coverage: f64,
    /// Number of inputs scored.
    pub scored: u32,
    /// Number of inputs.
    pub inputs: u32,
    /// Rank among the entities.
    pub rank: Option<u32>,
    /// The tier of the score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// Scores of each unit, for nodes scored by unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitDocument>,
}

/// A unit's score as written to JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UnitDocument {
    /// The unit's id.
    pub unit: String,
    /// The unrounded score.
    pub value: Option<f64>,
    /// The score rounded for display.
    pub rounded: Option<f64>,
    /// Whether there is a score.
    pub status: Status,
}

/// An item's answer and points as written to JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ItemDocument {
    /// The item's id.
    pub id: String,
    /// The unit, for items scored by unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The answer code given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// The measured value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The points scored.
    pub points: Option<f64>,
    /// What became of the item.
    pub status: ItemStatus,
    /// The evidence the answer rests on, as given in the assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceDocument>,
}

/// The evidence of an answer as written to JSON: what a published scorecard links to.
///
/// Only the fields given in the assessment with the right type are kept. Validation has
/// checked the addresses (http or https) and dates under the spec's evidence rules; readers of
/// a results file from elsewhere should still check the scheme before making a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceDocument {
    /// Addresses of the evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub urls: Vec<String>,
    /// Address of an archived copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_url: Option<String>,
    /// The date the evidence was checked, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<String>,
    /// A note: for "searched, nothing found", where was searched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl EvidenceDocument {
    /// The evidence of a response, or `None` when it gives none usable.
    pub(crate) fn of(evidence: &crate::assessment::Evidence) -> Option<EvidenceDocument> {
        let text = |field: &Option<Lenient<String>>| {
            field.as_ref().and_then(Lenient::valid).filter(|text| !text.trim().is_empty()).cloned()
        };
        let document = EvidenceDocument {
            urls: evidence.urls.as_ref().and_then(Lenient::valid).cloned().unwrap_or_default(),
            archived_url: text(&evidence.archived_url),
            checked: text(&evidence.checked),
            note: text(&evidence.note),
        };
        let empty = document.urls.is_empty()
            && document.archived_url.is_none()
            && document.checked.is_none()
            && document.note.is_none();
        (!empty).then_some(document)
    }
}

/// A commitment's state as written to JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentDocument {
    /// The commitment's id.
    pub id: String,
    /// The node that measures it.
    pub node: String,
    /// The score that meets it.
    pub threshold: f64,
    /// Whether it is met; `null` when the node is not scored.
    pub met: Option<bool>,
}
