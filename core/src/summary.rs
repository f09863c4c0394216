//! The figures of a year's report: how many entities were assessed, how their scores are
//! distributed, where they are strong and weak, which practices few of them have, how
//! signatories of the charter compare with the others, and what changed since the previous
//! cycle where the two cycles can be compared.
//!
//! The CLI's annual report and dashboard only render these figures; the Python and
//! WebAssembly bindings return the same [`Summary`], so a figure quoted from the report can be
//! recomputed in any of the three languages.
//!
//! ```
//! use openness::{Assessment, CsvOptions, ValidationOptions};
//!
//! # // Builds without the default feature `embedded-charters` are given the published file.
//! # let published = std::fs::read("../spec/charter/1.0.0/charter.json").unwrap();
//! # openness::spec::provide_charter("1.0.0", &published).unwrap();
//! let charter = openness::charter("1.0.0")?;
//! let options = ValidationOptions::default();
//! let load = |path| Assessment::load(path, &CsvOptions::default());
//! let now = charter.score(&[load("../examples/data/demo-2026.json")?], &options)?;
//! let before = charter.score(&[load("../examples/data/demo-2025.json")?], &options)?;
//!
//! let summary = now.summary(Some(&before));
//! assert_eq!((summary.counts.assessed, summary.counts.ranked), (8, 7));
//! assert_eq!(summary.index.median.map(|m| m.rounded), Some(54.0));
//! assert!(summary.changes.as_ref().is_some_and(|changes| changes.comparable.contains(&"index".to_owned())));
//! # Ok::<(), openness::Error>(())
//! ```
//!
//! # Decisions
//!
//! * **Who counts.** Distributions, means, medians, strongest and weakest nodes, practices
//!   and the signatory comparison are computed over the *ranked* entities only: an entity
//!   with too little data for the spec's coverage rule would pull a dimension's mean with a
//!   partial assessment. Unranked entities are counted and listed ([`Counts`]). Commitments
//!   are judged indicator by indicator, so every signatory counts there, ranked or not.
//! * **Rounding.** Every figure carries its unrounded value and its value rounded under the
//!   spec's display rules ([`Figure`]). A mean or median is rounded once, from its unrounded
//!   value; renderers show `rounded` as given and never round again.
//! * **Changes.** A change of score is shown as the difference of the two *displayed* scores
//!   (so that a published "86 → 95" reads "+9", never "+8"), with the unrounded difference
//!   kept beside it ([`Change`]). Mean changes are over the entities ranked in both cycles,
//!   so that a party joining or leaving does not move the trend.
//! * **Comparability.** Two cycles are compared only when scored with the same spec id and
//!   exactly the same version (build metadata included: `1.0.0+reweighted` is not `1.0.0`),
//!   or when the current spec's `comparableWith` names the previous version; then only the
//!   nodes it declares unchanged (or all, with `all`) are compared. Otherwise [`Changes`]
//!   says the cycles are not comparable and lists no score change.
//! * **A practice is met** by an entity when an element or goalpost measure scores its best
//!   possible points (a reversed element answered `no`, for instance). Items whose points
//!   depend on the other entities (relative normalisations) are left out. A **rare
//!   practice** is met by at least one and at most [`Summary::rare_at_most`] ranked
//!   entities: a quarter of them, rounded down, and at least one.

use std::collections::{HashMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::results::{EntityResult, Results};
use crate::spec::model::{Node, Normalisation};
use crate::spec::plan::{ItemKind, Plan};
use crate::sum::stable_mean;

/// How many strongest and weakest leaf nodes a summary names.
pub const HIGHLIGHTS: usize = 3;

/// Width of the bins of the index histogram, in points.
pub const BIN_WIDTH: f64 = 10.0;

/// The figures of one cycle's results, and their changes since a previous cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(title = "Summary")]
pub struct Summary {
    /// The spec's id.
    pub spec_id: String,
    /// The spec's version.
    pub spec_version: String,
    /// SHA-256 of the spec.
    pub spec_sha256: String,
    /// The assessment cycle (year), when the inputs name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle: Option<i64>,
    /// Decimals of every `rounded` figure.
    pub decimals: u8,
    /// Whether every entity is fictional (demo and test data): a report must say so.
    pub all_fictional: bool,
    /// How many entities were assessed, ranked, unranked; how many signed the charter.
    pub counts: Counts,
    /// The index scores of the ranked entities.
    pub index: Distribution,
    /// Ranked entities by bins of [`BIN_WIDTH`] points of their displayed index score, from 0
    /// up to 100; a score of 100 falls in the last bin.
    pub histogram: Vec<Bin>,
    /// Ranked entities by tier of their index score, in the spec's order of tiers.
    pub tiers: Vec<TierCount>,
    /// Every node of the tree below the root, in the spec's order (each node before its
    /// children), with the distribution of its scores over the ranked entities.
    pub nodes: Vec<NodeSummary>,
    /// The leaf nodes (the charter's indicators) with the highest mean, best first: at most
    /// [`HIGHLIGHTS`], and at most half of the scored leaves.
    pub strongest: Vec<String>,
    /// The leaf nodes with the lowest mean, weakest first, as many as `strongest`.
    pub weakest: Vec<String>,
    /// Every element and goalpost measure of the tree: who meets it.
    pub items: Vec<ItemAdoption>,
    /// The largest number of ranked entities that may meet a practice for it to count as rare.
    pub rare_at_most: u32,
    /// Items met by at least one and at most `rareAtMost` ranked entities, in spec order: the
    /// best practices found, which few entities have.
    pub rare_practices: Vec<String>,
    /// Ranked signatories of the charter compared with the ranked non-signatories.
    pub signatories: SignatoryComparison,
    /// Each commitment of the spec: how many signatories meet it.
    pub commitments: Vec<CommitmentSummary>,
    /// Each signatory: how many commitments it meets.
    pub signatory_commitments: Vec<EntityCommitments>,
    /// Changes since the previous cycle, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
}

/// A number computed by the summary, unrounded and rounded for display.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    /// The unrounded value.
    pub value: f64,
    /// The value rounded under the spec's display rules: what a report shows.
    pub rounded: f64,
}

/// How many entities are in the results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    /// Entities assessed.
    pub assessed: u32,
    /// Entities ranked: their index is scored under the coverage rule.
    pub ranked: u32,
    /// Entities not ranked (insufficient data or not scored), by id.
    pub unranked: Vec<String>,
    /// Entities that signed the charter.
    pub signatories: u32,
    /// Signatories that are ranked.
    pub ranked_signatories: u32,
}

/// Where a set of scores lies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Distribution {
    /// How many scores.
    pub count: u32,
    /// Their arithmetic mean; `null` when there is none.
    pub mean: Option<Figure>,
    /// Their median (the mean of the two middle scores for an even count).
    pub median: Option<Figure>,
    /// The lowest.
    pub min: Option<Figure>,
    /// The highest.
    pub max: Option<Figure>,
}

/// One bin of the index histogram.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bin {
    /// Lowest displayed score of the bin, inclusive.
    pub from: f64,
    /// Highest displayed score of the bin: exclusive, except for the last bin.
    pub to: f64,
    /// How many ranked entities.
    pub count: u32,
}

/// How many ranked entities are in one tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TierCount {
    /// The tier's id.
    pub tier: String,
    /// Its lowest score.
    pub min: f64,
    /// How many ranked entities.
    pub count: u32,
    /// Their ids, in ranking order.
    pub entities: Vec<String>,
}

/// The scores of one node over the ranked entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NodeSummary {
    /// The node's id.
    pub id: String,
    /// Its level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Its parent node's id.
    pub parent: String,
    /// Whether it has no child node (the charter's indicators).
    pub leaf: bool,
    /// Its scores over the ranked entities that have one.
    pub scores: Distribution,
}

/// Who meets one element or measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ItemAdoption {
    /// The item's id.
    pub id: String,
    /// The node it is an input of.
    pub node: String,
    /// Its best possible points.
    pub best: f64,
    /// Ranked entities whose answer scores points (neither excluded nor unanswered).
    pub scored: u32,
    /// Ranked entities scoring some points but fewer than the best.
    pub partly: u32,
    /// Ranked entities scoring the best points, in ranking order.
    pub met_by: Vec<String>,
}

/// Signatories against non-signatories, over the ranked entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignatoryComparison {
    /// Index scores of the ranked signatories.
    pub signatories: Distribution,
    /// Index scores of the ranked non-signatories.
    pub non_signatories: Distribution,
    /// Mean score of each child of the root (the charter's dimensions) in each group.
    pub nodes: Vec<GroupMeans>,
}

/// The mean score of one node among signatories and among non-signatories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GroupMeans {
    /// The node's id.
    pub id: String,
    /// Mean among ranked signatories.
    pub signatories: Option<Figure>,
    /// Mean among ranked non-signatories.
    pub non_signatories: Option<Figure>,
}

/// How many signatories meet one commitment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentSummary {
    /// The commitment's id.
    pub id: String,
    /// The node that measures it.
    pub node: String,
    /// The score that meets it.
    pub threshold: f64,
    /// Signatories meeting it, in ranking order.
    pub met_by: Vec<String>,
    /// Signatories not meeting it.
    pub not_met: u32,
    /// Signatories whose node is not scored.
    pub not_scored: u32,
}

/// How many commitments one signatory meets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EntityCommitments {
    /// The signatory's id.
    pub entity: String,
    /// Commitments met.
    pub met: u32,
    /// Commitments of the spec.
    pub total: u32,
}

/// Whether two cycles can be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Comparability {
    /// Both cycles were scored with the same spec version: everything is comparable.
    SameVersion,
    /// The current spec declares every item and node unchanged since the previous version.
    DeclaredAll,
    /// The current spec declares some nodes unchanged: only those are compared.
    DeclaredSome,
    /// Different specs, or versions the current spec does not declare comparable.
    NotComparable,
}

/// Changes since the previous cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Changes {
    /// The previous cycle (year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_cycle: Option<i64>,
    /// The previous cycle's spec id.
    pub previous_spec_id: String,
    /// The previous cycle's spec version.
    pub previous_spec_version: String,
    /// Whether, and how far, the cycles can be compared.
    pub comparability: Comparability,
    /// Ids of the nodes whose scores are compared (the root's id when the index is), in spec
    /// order; empty when the cycles are not comparable.
    pub comparable: Vec<String>,
    /// Each entity of the current cycle also assessed in the previous one, in ranking order.
    pub entities: Vec<EntityChange>,
    /// Each comparable node's mean over the entities ranked in both cycles.
    pub nodes: Vec<NodeChange>,
    /// Entities assessed now but not in the previous cycle.
    pub new_entities: Vec<String>,
    /// Entities assessed in the previous cycle but not now.
    pub departed: Vec<String>,
    /// Among entities ranked in both cycles with a comparable index: how many rose, fell or
    /// kept their displayed index score.
    pub index_moves: Option<Moves>,
}

/// How many scores rose, fell or stayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Moves {
    /// Displayed score higher than before.
    pub up: u32,
    /// Displayed score lower than before.
    pub down: u32,
    /// Displayed score the same.
    pub same: u32,
}

/// The difference between two scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// Current minus previous, unrounded.
    pub value: f64,
    /// Current displayed score minus previous displayed score: what a report shows.
    pub displayed: f64,
}

/// One entity's changes since the previous cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EntityChange {
    /// The entity's id.
    pub entity: String,
    /// Its rank now.
    pub rank: Option<u32>,
    /// Its rank in the previous cycle.
    pub previous_rank: Option<u32>,
    /// Its tier now.
    pub tier: Option<String>,
    /// Its tier in the previous cycle.
    pub previous_tier: Option<String>,
    /// Whether it had signed the charter by the previous cycle's assessment.
    pub previously_signatory: bool,
    /// Each comparable node's scores.
    pub nodes: Vec<ScoreChange>,
}

/// One node's score in two cycles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScoreChange {
    /// The node's id.
    pub id: String,
    /// Its score in the previous cycle.
    pub previous: Option<Figure>,
    /// Its score now.
    pub current: Option<Figure>,
    /// The difference, when both are scored.
    pub change: Option<Change>,
}

/// A comparable node's mean over the entities ranked in both cycles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NodeChange {
    /// The node's id.
    pub id: String,
    /// How many entities the means are over.
    pub count: u32,
    /// The mean in the previous cycle.
    pub previous: Option<Figure>,
    /// The mean now.
    pub current: Option<Figure>,
    /// The difference of the means.
    pub change: Option<Change>,
}

impl Results {
    /// The figures of these results' report, with changes since `previous` when given.
    ///
    /// See the [module documentation](crate::summary) for who counts in each figure and how
    /// comparability is decided.
    pub fn summary(&self, previous: Option<&Results>) -> Summary {
        Summary::new(self, previous)
    }
}

impl Summary {
    /// The figures of `current`, with changes since `previous` when given.
    pub fn new(current: &Results, previous: Option<&Results>) -> Summary {
        let spec = current.spec();
        let plan = spec.plan();
        let ranking = current.ranking();
        let ranked: Vec<EntityResult> =
            ranking.iter().copied().filter(|entity| entity.rank().is_some()).collect();
        let figure = |value: f64| Figure { value, rounded: spec.round(value) };
        let distribution = |values: Vec<f64>| distribution(values, &figure);

        let counts = Counts {
            assessed: count(ranking.len()),
            ranked: count(ranked.len()),
            unranked: ranking
                .iter()
                .filter(|entity| entity.rank().is_none())
                .map(|entity| entity.id().to_owned())
                .collect(),
            signatories: count(ranking.iter().filter(|e| e.signatory().is_some()).count()),
            ranked_signatories: count(ranked.iter().filter(|e| e.signatory().is_some()).count()),
        };

        let index_values: Vec<f64> = ranked.iter().filter_map(|e| e.score().value).collect();
        let histogram = histogram(ranked.iter().filter_map(|e| e.score().rounded));
        let tiers = plan
            .tiers
            .iter()
            .flat_map(|tiers| tiers.bands.iter())
            .map(|(min, id)| {
                let entities: Vec<String> = ranked
                    .iter()
                    .filter(|e| e.score().tier == Some(id.as_str()))
                    .map(|e| e.id().to_owned())
                    .collect();
                TierCount { tier: id.clone(), min: *min, count: count(entities.len()), entities }
            })
            .collect();

        let mut shape = HashMap::new();
        tree(&spec.definition().root, "", &mut shape);
        let nodes: Vec<NodeSummary> = (1..plan.nodes.len())
            .map(|node| {
                let id = &plan.nodes[node].aggregate.id;
                let (parent, leaf) = shape.get(id).cloned().unwrap_or_default();
                let values = ranked.iter().filter_map(|e| e.node(id).and_then(|s| s.value));
                NodeSummary {
                    id: id.clone(),
                    level: plan.nodes[node].level.clone(),
                    parent,
                    leaf,
                    scores: distribution(values.collect()),
                }
            })
            .collect();
        let (strongest, weakest) = highlights(&nodes);

        let items = adoption(plan, &ranked);
        let rare_at_most = (counts.ranked / 4).max(1);
        let rare_practices = items
            .iter()
            .filter(|item| (1..=rare_at_most as usize).contains(&item.met_by.len()))
            .map(|item| item.id.clone())
            .collect();

        let (signed, unsigned): (Vec<EntityResult>, Vec<EntityResult>) =
            ranked.iter().partition(|entity| entity.signatory().is_some());
        let group_mean = |group: &[EntityResult], id: &str| {
            let mut values: Vec<f64> =
                group.iter().filter_map(|e| e.node(id).and_then(|s| s.value)).collect();
            stable_mean(&mut values).map(figure)
        };
        let signatories = SignatoryComparison {
            signatories: distribution(signed.iter().filter_map(|e| e.score().value).collect()),
            non_signatories: distribution(
                unsigned.iter().filter_map(|e| e.score().value).collect(),
            ),
            nodes: spec
                .definition()
                .root
                .children
                .iter()
                .map(|child| GroupMeans {
                    id: child.id.clone(),
                    signatories: group_mean(&signed, &child.id),
                    non_signatories: group_mean(&unsigned, &child.id),
                })
                .collect(),
        };

        let (commitments, signatory_commitments) = commitments(plan, &ranking);
        Summary {
            spec_id: spec.id().to_owned(),
            spec_version: spec.version().to_owned(),
            spec_sha256: spec.sha256().to_owned(),
            cycle: current.cycle(),
            decimals: plan.decimals,
            all_fictional: !ranking.is_empty() && ranking.iter().all(|e| e.fictional()),
            counts,
            index: distribution(index_values),
            histogram,
            tiers,
            nodes,
            strongest,
            weakest,
            items,
            rare_at_most,
            rare_practices,
            signatories,
            commitments,
            signatory_commitments,
            changes: previous.map(|previous| changes(current, previous)),
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Each node of the spec's tree with its parent's id and whether it has children, by id.
/// The tree is read from the definition, not from the nodes' inputs: a root aggregating over
/// a level takes the indicators as inputs, but its children are still the dimensions.
fn tree(node: &Node, parent: &str, out: &mut HashMap<String, (String, bool)>) {
    out.insert(node.id.clone(), (parent.to_owned(), node.children.is_empty()));
    for child in &node.children {
        tree(child, &node.id, out);
    }
}

fn distribution(mut values: Vec<f64>, figure: &impl Fn(f64) -> Figure) -> Distribution {
    values.sort_by(f64::total_cmp);
    let median = match values.len() {
        0 => None,
        n if n % 2 == 1 => Some(values[n / 2]),
        n => stable_mean(&mut [values[n / 2 - 1], values[n / 2]]),
    };
    let (min, max) = (values.first().copied(), values.last().copied());
    Distribution {
        count: count(values.len()),
        mean: stable_mean(&mut values).map(figure),
        median: median.map(figure),
        min: min.map(figure),
        max: max.map(figure),
    }
}

fn histogram(displayed: impl Iterator<Item = f64>) -> Vec<Bin> {
    let bins = (100.0 / BIN_WIDTH) as usize;
    let mut counts = vec![0u32; bins];
    for score in displayed {
        let bin = ((score / BIN_WIDTH).floor().max(0.0) as usize).min(bins - 1);
        counts[bin] += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(bin, count)| Bin {
            from: bin as f64 * BIN_WIDTH,
            to: (bin + 1) as f64 * BIN_WIDTH,
            count,
        })
        .collect()
}

/// The strongest and weakest leaves by mean; ties keep the spec's order.
fn highlights(nodes: &[NodeSummary]) -> (Vec<String>, Vec<String>) {
    let mut leaves: Vec<(&str, f64)> = nodes
        .iter()
        .filter(|node| node.leaf)
        .filter_map(|node| node.scores.mean.map(|mean| (node.id.as_str(), mean.value)))
        .collect();
    let take = HIGHLIGHTS.min(leaves.len() / 2);
    leaves.sort_by(|a, b| b.1.total_cmp(&a.1));
    let strongest = leaves.iter().take(take).map(|(id, _)| (*id).to_owned()).collect();
    leaves.sort_by(|a, b| a.1.total_cmp(&b.1));
    let weakest = leaves.iter().take(take).map(|(id, _)| (*id).to_owned()).collect();
    (strongest, weakest)
}

/// Who meets each element and goalpost measure of the tree.
fn adoption(plan: &Plan, ranked: &[EntityResult]) -> Vec<ItemAdoption> {
    // The best and worst points of each item that can be met; `None` for the others.
    let bounds: Vec<Option<(f64, f64)>> = plan
        .items
        .iter()
        .map(|item| {
            item.node?;
            match &item.kind {
                ItemKind::Element(element) => {
                    let scale = &plan.scales[element.scale];
                    Some((scale.highest, scale.lowest))
                }
                ItemKind::Measure(measure) => match &measure.normalisation {
                    Normalisation::Goalposts { points } => {
                        let best = points.iter().map(|p| p.points).max_by(f64::total_cmp)?;
                        let worst = points.iter().map(|p| p.points).min_by(f64::total_cmp)?;
                        Some((best, worst))
                    }
                    // Identity measures have no best value, and relative ones depend on the
                    // other entities.
                    _ => None,
                },
            }
        })
        .collect();
    let mut adoption: Vec<ItemAdoption> = plan
        .items
        .iter()
        .zip(&bounds)
        .map(|(item, bounds)| ItemAdoption {
            id: item.id.clone(),
            node: item.node.map(|n| plan.nodes[n].aggregate.id.clone()).unwrap_or_default(),
            best: bounds.map_or(0.0, |(best, _)| best),
            scored: 0,
            partly: 0,
            met_by: Vec::new(),
        })
        .collect();

    // Items scored by unit appear once per unit: an entity meets the practice when every unit
    // does. Points are gathered per item, then judged once per entity.
    let mut points: Vec<Vec<f64>> = vec![Vec::new(); plan.items.len()];
    for entity in ranked {
        points.iter_mut().for_each(Vec::clear);
        for score in entity.items() {
            if let (Some(&item), Some(value)) = (plan.item_index.get(score.id), score.points) {
                points[item].push(value);
            }
        }
        for (item, scored) in points.iter().enumerate() {
            let Some((best, worst)) = bounds[item] else { continue };
            if scored.is_empty() {
                continue;
            }
            let found = &mut adoption[item];
            found.scored += 1;
            if scored.iter().all(|&p| p >= best) {
                found.met_by.push(entity.id().to_owned());
            } else if scored.iter().any(|&p| p > worst) {
                found.partly += 1;
            }
        }
    }
    adoption.into_iter().zip(&bounds).filter(|(_, b)| b.is_some()).map(|(a, _)| a).collect()
}

fn commitments(
    plan: &Plan,
    ranking: &[EntityResult],
) -> (Vec<CommitmentSummary>, Vec<EntityCommitments>) {
    let signatories: Vec<(&EntityResult, Vec<crate::results::CommitmentResult>)> = ranking
        .iter()
        .filter(|entity| entity.signatory().is_some())
        .map(|entity| (entity, entity.commitments()))
        .collect();
    let summaries = plan
        .commitments
        .iter()
        .enumerate()
        .map(|(position, commitment)| {
            let mut summary = CommitmentSummary {
                id: commitment.id.clone(),
                node: plan.nodes[commitment.node].aggregate.id.clone(),
                threshold: commitment.threshold,
                met_by: Vec::new(),
                not_met: 0,
                not_scored: 0,
            };
            for (entity, results) in &signatories {
                match results.get(position).and_then(|result| result.met) {
                    Some(true) => summary.met_by.push(entity.id().to_owned()),
                    Some(false) => summary.not_met += 1,
                    None => summary.not_scored += 1,
                }
            }
            summary
        })
        .collect();
    let per_entity = signatories
        .iter()
        .map(|(entity, results)| EntityCommitments {
            entity: entity.id().to_owned(),
            met: count(results.iter().filter(|result| result.met == Some(true)).count()),
            total: count(results.len()),
        })
        .collect();
    (summaries, per_entity)
}

/// Which nodes of `current` can be compared with `previous`, and why.
fn comparability(current: &Results, previous: &Results) -> (Comparability, Vec<String>) {
    let (spec, before) = (current.spec(), previous.spec());
    let plan = spec.plan();
    let all_nodes = || plan.nodes.iter().map(|node| node.aggregate.id.clone()).collect();
    if spec.id() != before.id() {
        return (Comparability::NotComparable, Vec::new());
    }
    if spec.version() == before.version() {
        return (Comparability::SameVersion, all_nodes());
    }
    let declared =
        spec.definition().comparable_with.iter().find(|entry| entry.version == before.version());
    match declared {
        Some(entry) if entry.all => (Comparability::DeclaredAll, all_nodes()),
        Some(entry) => {
            let unchanged: HashSet<&str> = entry.unchanged.iter().map(String::as_str).collect();
            let nodes: Vec<String> = plan
                .nodes
                .iter()
                .map(|node| &node.aggregate.id)
                .filter(|id| unchanged.contains(id.as_str()))
                .filter(|id| before.plan().node_index.contains_key(id.as_str()))
                .cloned()
                .collect();
            if nodes.is_empty() {
                (Comparability::NotComparable, nodes)
            } else {
                (Comparability::DeclaredSome, nodes)
            }
        }
        None => (Comparability::NotComparable, Vec::new()),
    }
}

fn changes(current: &Results, previous: &Results) -> Changes {
    let spec = current.spec();
    let figure = |value: f64| Figure { value, rounded: spec.round(value) };
    let before_figure = |value: f64| Figure { value, rounded: previous.spec().round(value) };
    let change = |now: Option<Figure>, before: Option<Figure>| match (now, before) {
        (Some(now), Some(before)) => Some(Change {
            value: now.value - before.value,
            displayed: now.rounded - before.rounded,
        }),
        _ => None,
    };
    let (comparability, comparable) = comparability(current, previous);

    let ranking = current.ranking();
    let mut entities = Vec::new();
    let mut new_entities = Vec::new();
    let mut both_ranked = Vec::new();
    for entity in &ranking {
        let Some(before) = previous.entity(entity.id()) else {
            new_entities.push(entity.id().to_owned());
            continue;
        };
        if entity.rank().is_some() && before.rank().is_some() {
            both_ranked.push((*entity, before));
        }
        let nodes = comparable
            .iter()
            .map(|id| {
                let now = entity.node(id).and_then(|s| s.value).map(figure);
                let then = before.node(id).and_then(|s| s.value).map(before_figure);
                ScoreChange {
                    id: id.clone(),
                    previous: then,
                    current: now,
                    change: change(now, then),
                }
            })
            .collect();
        entities.push(EntityChange {
            entity: entity.id().to_owned(),
            rank: entity.rank(),
            previous_rank: before.rank(),
            tier: entity.score().tier.map(str::to_owned),
            previous_tier: before.score().tier.map(str::to_owned),
            previously_signatory: before.signatory().is_some(),
            nodes,
        });
    }
    let departed = previous
        .ranking()
        .iter()
        .filter(|before| current.entity(before.id()).is_none())
        .map(|before| before.id().to_owned())
        .collect();

    let nodes = comparable
        .iter()
        .map(|id| {
            let mut now = Vec::new();
            let mut then = Vec::new();
            for (entity, before) in &both_ranked {
                if let (Some(a), Some(b)) =
                    (entity.node(id).and_then(|s| s.value), before.node(id).and_then(|s| s.value))
                {
                    now.push(a);
                    then.push(b);
                }
            }
            let (current_mean, previous_mean) =
                (stable_mean(&mut now).map(figure), stable_mean(&mut then).map(before_figure));
            NodeChange {
                id: id.clone(),
                count: count(now.len()),
                previous: previous_mean,
                current: current_mean,
                change: change(current_mean, previous_mean),
            }
        })
        .collect();

    let root = &spec.plan().nodes[0].aggregate.id;
    let index_moves = comparable.contains(root).then(|| {
        let mut moves = Moves { up: 0, down: 0, same: 0 };
        for (entity, before) in &both_ranked {
            let (Some(now), Some(then)) = (entity.score().rounded, before.score().rounded) else {
                continue;
            };
            match now.total_cmp(&then) {
                std::cmp::Ordering::Greater => moves.up += 1,
                std::cmp::Ordering::Less => moves.down += 1,
                std::cmp::Ordering::Equal => moves.same += 1,
            }
        }
        moves
    });

    Changes {
        previous_cycle: previous.cycle(),
        previous_spec_id: previous.spec().id().to_owned(),
        previous_spec_version: previous.spec().version().to_owned(),
        comparability,
        comparable,
        entities,
        nodes,
        new_entities,
        departed,
        index_moves,
    }
}

#[cfg(test)]
mod tests {
    //! A small index worked by hand: two dimensions, D1 (indicators A and B) and D2 (indicator
    //! C); answers score 100, 50 or 0; the index needs both dimensions scored.
    //!
    //! | entity | signs | a1 | a2 | b1 | c1 | A | B | D1 | C = D2 | index |
    //! |---|---|---|---|---|---|---|---|---|---|---|
    //! | e1 | yes | yes | yes | yes | partial | 100 | 100 | 100 | 50 | 75 |
    //! | e2 | yes | yes | no | partial | no | 50 | 50 | 50 | 0 | 25 |
    //! | e3 | no | partial | no | no | yes | 25 | 0 | 12.5 | 100 | 56.25 |
    //! | e4 | no | no | no | no | – | 0 | 0 | 0 | not scored | insufficient data |

    use super::*;
    use crate::{Assessment, Spec, ValidationOptions};

    fn spec(version: &str, comparable_with: &str) -> Spec {
        let text = format!(
            r#"{{
            "id": "test-index", "version": "{version}", "title": {{"en": "Test"}},
            "scales": [{{"id": "answers", "options": [
                {{"code": "yes", "label": {{"en": "Yes"}}, "points": 100}},
                {{"code": "partial", "label": {{"en": "Partial"}}, "points": 50}},
                {{"code": "no", "label": {{"en": "No"}}, "points": 0}}]}}],
            "defaultScale": "answers",
            "root": {{"id": "index", "name": {{"en": "Index"}}, "minScored": 2,
                "aggregation": {{"weights": "equal"}},
                "children": [
                    {{"id": "D1", "name": {{"en": "D1"}}, "aggregation": {{"weights": "equal"}},
                     "children": [
                        {{"id": "A", "name": {{"en": "A"}}, "aggregation": {{"weights": "equal"}},
                         "elements": [{{"id": "a1", "question": {{"en": "a1?"}}}},
                                      {{"id": "a2", "question": {{"en": "a2?"}}}}]}},
                        {{"id": "B", "name": {{"en": "B"}}, "aggregation": {{"weights": "equal"}},
                         "elements": [{{"id": "b1", "question": {{"en": "b1?"}}}}]}}]}},
                    {{"id": "D2", "name": {{"en": "D2"}}, "aggregation": {{"weights": "equal"}},
                     "children": [
                        {{"id": "C", "name": {{"en": "C"}}, "aggregation": {{"weights": "equal"}},
                         "elements": [{{"id": "c1", "question": {{"en": "c1?"}}}}]}}]}}]}},
            "tiers": {{"bands": [{{"id": "low", "min": 0, "label": {{"en": "Low"}}}},
                                 {{"id": "high", "min": 50, "label": {{"en": "High"}}}}]}},
            "commitments": [{{"id": "C-A", "node": "A", "threshold": 60,
                              "text": {{"en": "A is met."}}}}]
            {comparable_with}
        }}"#
        );
        Spec::from_json_str(&text, Some("test.json")).expect("the test spec compiles")
    }

    /// An entity: id, signatory, answers to a1, a2, b1, c1 ("" for unanswered).
    fn entity(id: &str, signs: bool, answers: [&str; 4]) -> String {
        let responses: Vec<String> = ["a1", "a2", "b1", "c1"]
            .iter()
            .zip(answers)
            .filter(|(_, answer)| !answer.is_empty())
            .map(|(item, answer)| format!(r#"{{"item": "{item}", "answer": "{answer}"}}"#))
            .collect();
        let signatory = if signs {
            r#""signatory": {"signed": "2025-01-01", "charterVersion": "1.0.0"},"#
        } else {
            ""
        };
        format!(
            r#"{{"id": "{id}", "fictional": true, {signatory} "responses": [{}]}}"#,
            responses.join(",")
        )
    }

    fn score(spec: &Spec, cycle: i64, entities: &[String]) -> Results {
        let text = format!(
            r#"{{"spec": {{"id": "test-index", "version": "{}"}}, "cycle": {cycle},
                "fictional": true, "entities": [{}]}}"#,
            spec.version(),
            entities.join(",")
        );
        let input = Assessment::from_json_str(&text, "input.json").expect("valid JSON");
        spec.score(&[input], &ValidationOptions::default()).expect("the input scores")
    }

    fn current(spec: &Spec) -> Results {
        score(
            spec,
            2026,
            &[
                entity("e1", true, ["yes", "yes", "yes", "partial"]),
                entity("e2", true, ["yes", "no", "partial", "no"]),
                entity("e3", false, ["partial", "no", "no", "yes"]),
                entity("e4", false, ["no", "no", "no", ""]),
            ],
        )
    }

    /// The previous cycle: e5 (100) since departed, e3 the same (56.25), e1 lower (37.5, shown
    /// 38).
    fn previous(spec: &Spec) -> Results {
        score(
            spec,
            2025,
            &[
                entity("e1", false, ["yes", "no", "no", "partial"]),
                entity("e3", false, ["partial", "no", "no", "yes"]),
                entity("e5", false, ["yes", "yes", "yes", "yes"]),
            ],
        )
    }

    fn figure(value: f64, rounded: f64) -> Option<Figure> {
        Some(Figure { value, rounded })
    }

    fn node<'a>(summary: &'a Summary, id: &str) -> &'a NodeSummary {
        summary.nodes.iter().find(|node| node.id == id).expect("the node is summarised")
    }

    #[test]
    fn counts_and_index_distribution() {
        let summary = current(&spec("1.0.0", "")).summary(None);
        assert_eq!(
            summary.counts,
            Counts {
                assessed: 4,
                ranked: 3,
                unranked: vec!["e4".to_owned()],
                signatories: 2,
                ranked_signatories: 2,
            }
        );
        assert!(summary.all_fictional);
        assert_eq!(summary.cycle, Some(2026));
        // Ranked scores 75, 56.25 and 25: mean 156.25 / 3, median 56.25.
        assert_eq!(summary.index.count, 3);
        assert_eq!(summary.index.mean, figure(156.25 / 3.0, 52.0));
        assert_eq!(summary.index.median, figure(56.25, 56.0));
        assert_eq!(summary.index.min, figure(25.0, 25.0));
        assert_eq!(summary.index.max, figure(75.0, 75.0));
        let filled: Vec<(f64, u32)> = summary
            .histogram
            .iter()
            .filter(|bin| bin.count > 0)
            .map(|b| (b.from, b.count))
            .collect();
        assert_eq!(filled, [(20.0, 1), (50.0, 1), (70.0, 1)]);
        assert_eq!(summary.histogram.len(), 10);
        let tiers: Vec<(&str, Vec<String>)> =
            summary.tiers.iter().map(|t| (t.tier.as_str(), t.entities.clone())).collect();
        assert_eq!(
            tiers,
            [("low", vec!["e2".to_owned()]), ("high", vec!["e1".to_owned(), "e3".to_owned()])]
        );
        assert!(summary.changes.is_none());
    }

    #[test]
    fn nodes_strongest_and_weakest() {
        let summary = current(&spec("1.0.0", "")).summary(None);
        let ids: Vec<&str> = summary.nodes.iter().map(|node| node.id.as_str()).collect();
        assert_eq!(ids, ["D1", "A", "B", "D2", "C"]);
        let a = node(&summary, "A");
        assert_eq!((a.parent.as_str(), a.leaf), ("D1", true));
        // A: 100, 25, 50 over e1, e3, e2.
        assert_eq!(a.scores.mean, figure(175.0 / 3.0, 58.0));
        assert_eq!(a.scores.median, figure(50.0, 50.0));
        // D1: 100, 12.5, 50; e4's 0 does not count, e4 being unranked.
        let d1 = node(&summary, "D1");
        assert_eq!((d1.parent.as_str(), d1.leaf), ("index", false));
        assert_eq!(d1.scores.mean, figure(162.5 / 3.0, 54.0));
        assert_eq!(node(&summary, "C").scores.mean, figure(50.0, 50.0));
        // Three leaves: one each way. B and C tie at 50; B comes first in the spec.
        assert_eq!(summary.strongest, ["A"]);
        assert_eq!(summary.weakest, ["B"]);
    }

    #[test]
    fn practices_signatories_and_commitments() {
        let summary = current(&spec("1.0.0", "")).summary(None);
        let a1 = &summary.items[0];
        assert_eq!((a1.id.as_str(), a1.node.as_str(), a1.best), ("a1", "A", 100.0));
        assert_eq!((a1.scored, a1.partly), (3, 1));
        assert_eq!(a1.met_by, ["e1", "e2"]);
        // A quarter of three ranked entities, at least one.
        assert_eq!(summary.rare_at_most, 1);
        assert_eq!(summary.rare_practices, ["a2", "b1", "c1"]);

        let groups = &summary.signatories;
        assert_eq!(groups.signatories.mean, figure(50.0, 50.0));
        assert_eq!(groups.non_signatories.mean, figure(56.25, 56.0));
        // D1 among non-signatories is e3's 12.5, shown 13: half away from zero.
        assert_eq!(groups.nodes[0].id, "D1");
        assert_eq!(groups.nodes[0].signatories, figure(75.0, 75.0));
        assert_eq!(groups.nodes[0].non_signatories, figure(12.5, 13.0));
        assert_eq!(groups.nodes[1].signatories, figure(25.0, 25.0));

        assert_eq!(summary.commitments.len(), 1);
        let commitment = &summary.commitments[0];
        assert_eq!(commitment.met_by, ["e1"]);
        assert_eq!((commitment.not_met, commitment.not_scored), (1, 0));
        let per_entity: Vec<(&str, u32)> =
            summary.signatory_commitments.iter().map(|e| (e.entity.as_str(), e.met)).collect();
        assert_eq!(per_entity, [("e1", 1), ("e2", 0)]);
    }

    #[test]
    fn changes_under_the_same_version() {
        let spec = spec("1.0.0", "");
        let summary = current(&spec).summary(Some(&previous(&spec)));
        let changes = summary.changes.expect("a previous cycle was given");
        assert_eq!(changes.comparability, Comparability::SameVersion);
        assert_eq!(changes.previous_cycle, Some(2025));
        assert_eq!(changes.comparable, ["index", "D1", "A", "B", "D2", "C"]);
        assert_eq!(changes.new_entities, ["e2", "e4"]);
        assert_eq!(changes.departed, ["e5"]);
        assert_eq!(changes.index_moves, Some(Moves { up: 1, down: 0, same: 1 }));

        // e1: 37.5 (shown 38) → 75. The displayed change is 75 − 38 = 37, not 37.5 rounded.
        let e1 = &changes.entities[0];
        assert_eq!((e1.entity.as_str(), e1.rank, e1.previous_rank), ("e1", Some(1), Some(3)));
        assert!(!e1.previously_signatory);
        assert_eq!(e1.nodes[0].previous, figure(37.5, 38.0));
        assert_eq!(e1.nodes[0].change, Some(Change { value: 37.5, displayed: 37.0 }));

        // Means over e1 and e3, ranked in both: (37.5 + 56.25) / 2 → (75 + 56.25) / 2.
        let index = &changes.nodes[0];
        assert_eq!(index.count, 2);
        assert_eq!(index.previous, figure(46.875, 47.0));
        assert_eq!(index.current, figure(65.625, 66.0));
        assert_eq!(index.change, Some(Change { value: 18.75, displayed: 19.0 }));
    }

    #[test]
    fn changes_between_versions_follow_comparable_with() {
        let old = spec("0.9.0", "");
        let before = previous(&old);

        let undeclared = current(&spec("1.0.0", "")).summary(Some(&before));
        let changes = undeclared.changes.expect("a previous cycle was given");
        assert_eq!(changes.comparability, Comparability::NotComparable);
        assert!(changes.comparable.is_empty() && changes.nodes.is_empty());
        assert!(changes.entities.iter().all(|entity| entity.nodes.is_empty()));
        assert_eq!(changes.index_moves, None);

        let some = r#", "comparableWith": [{"version": "0.9.0", "unchanged": ["C", "A", "a1"]}]"#;
        let declared = current(&spec("1.0.0", some)).summary(Some(&before));
        let changes = declared.changes.expect("a previous cycle was given");
        assert_eq!(changes.comparability, Comparability::DeclaredSome);
        assert_eq!(changes.comparable, ["A", "C"]);
        assert_eq!(changes.index_moves, None);

        let all = r#", "comparableWith": [{"version": "0.9.0", "all": true}]"#;
        let declared = current(&spec("1.0.0", all)).summary(Some(&before));
        let changes = declared.changes.expect("a previous cycle was given");
        assert_eq!(changes.comparability, Comparability::DeclaredAll);
        assert_eq!(changes.comparable.len(), 6);

        let reweighted = spec("1.0.0+reweighted", "");
        let changes = current(&reweighted).summary(Some(&previous(&spec("1.0.0", "")))).changes;
        assert_eq!(changes.map(|c| c.comparability), Some(Comparability::NotComparable));
    }
}
