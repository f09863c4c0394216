//! Why an entity has its score: what each input contributed, and which unmet items would
//! raise the index most.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::prepare::Cell;
use crate::results::{NodeDocument, Results};
use crate::score::{Aggregator, ItemOutcome, ItemStatus, Outcome, Status, evaluate};
use crate::spec::model::{Method, Normalisation};
use crate::spec::plan::{Input, ItemKind};

/// How an entity's score comes about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The entity's id.
    pub entity: String,
    /// Its index score.
    pub score: NodeDocument,
    /// Every input of every node, with its share of the node's score.
    pub contributions: Vec<Contribution>,
    /// Items that would raise the index if they reached their best answer, the largest gain
    /// first. Only items whose points do not depend on other entities are considered.
    pub improvements: Vec<Improvement>,
}

/// What one input contributes to one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
    /// The node.
    pub node: String,
    /// The input: a child node, an element or a measure.
    pub input: String,
    /// The input's score or points; `null` when it has none.
    pub value: Option<f64>,
    /// The input's weight as declared (1 under equal weights).
    pub weight: f64,
    /// The input's share of the weight of the scored inputs: its effective weight after
    /// missing and excluded inputs are left out. 0 when it has no score.
    pub share: f64,
    /// Points it adds to the node's score (share × value), for arithmetic means; `null`
    /// for other means, whose scores do not split into additive parts.
    pub points: Option<f64>,
}

/// A change that would raise the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Improvement {
    /// The element or measure.
    pub item: String,
    /// The unit, for items scored by unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The node the item belongs to.
    pub node: String,
    /// The answer given now (or `null` when unanswered or a measure).
    pub answer: Option<String>,
    /// Its points now.
    pub points: Option<f64>,
    /// The best answer code, or for measures the value that scores best.
    pub best: String,
    /// How many points the index would gain, unrounded.
    pub gain: f64,
}

/// Gains below this are floating-point noise, not improvements.
const NEGLIGIBLE_GAIN: f64 = 1e-9;

impl Results {
    /// Explains an entity's score.
    ///
    /// ```
    /// # use openness::{Assessment, CsvOptions, ValidationOptions};
    /// # // Builds without the default feature `embedded-charters` are given the published file.
    /// # let published = std::fs::read("../spec/charter/1.0.0/charter.json").unwrap();
    /// # openness::spec::provide_charter("1.0.0", &published).unwrap();
    /// let spec = openness::charter("1.0.0").unwrap();
    /// let demo = Assessment::load("../examples/data/demo-2026.json", &CsvOptions::default()).unwrap();
    /// let results = spec.score(&[demo], &ValidationOptions::default()).unwrap();
    /// let first = results.ranking()[0].id().to_owned();
    /// let explanation = results.explain(&first).unwrap();
    /// assert!(explanation.contributions.iter().any(|c| c.node == "index"));
    /// ```
    pub fn explain(&self, entity_id: &str) -> Result<Explanation, Error> {
        let entity_result = self.require_entity(entity_id)?;
        let index = entity_result.position();
        let spec = self.spec();
        let plan = spec.plan();
        let prepared = self.prepared();
        let entity = &prepared.data().entities[index];
        let scores = self.scores();
        let node_count = plan.nodes.len();
        let nodes = &scores.nodes[index * node_count..(index + 1) * node_count];
        let cells = prepared.entity_cells(index);
        let item_count = plan.items.len();
        let items: Vec<ItemOutcome> = (0..cells.len())
            .map(|cell| scores.item(plan, cells[cell], entity.offset + cell, cell % item_count))
            .collect();
        let items = items.as_slice();

        let mut contributions = Vec::new();
        for (node_index, node) in plan.nodes.iter().enumerate() {
            if node.units.is_some() {
                continue;
            }
            let aggregate = &node.aggregate;
            let scored_weight: f64 = aggregate
                .inputs
                .iter()
                .zip(&aggregate.weights)
                .filter(|(input, _)| input_value(input, nodes, items).is_some())
                .map(|(_, weight)| weight)
                .sum();
            for (input, &weight) in aggregate.inputs.iter().zip(&aggregate.weights) {
                let value = input_value(input, nodes, items);
                let share = match value {
                    Some(_) if scored_weight > 0.0 => weight / scored_weight,
                    _ => 0.0,
                };
                let additive = aggregate.method == Method::Arithmetic
                    && nodes[node_index].status == Status::Scored;
                contributions.push(Contribution {
                    node: aggregate.id.clone(),
                    input: match input {
                        Input::Node(child) => plan.nodes[*child].aggregate.id.clone(),
                        Input::Item(item) => plan.items[*item].id.clone(),
                    },
                    value,
                    weight,
                    share,
                    points: value.filter(|_| additive).map(|value| share * value),
                });
            }
        }

        let improvements = improvements(self, index, cells, items, nodes[0]);
        Ok(Explanation {
            entity: entity.id.clone(),
            score: entity_result.score().to_document(),
            contributions,
            improvements,
        })
    }
}

fn input_value(input: &Input, nodes: &[Outcome], items: &[ItemOutcome]) -> Option<f64> {
    match *input {
        Input::Node(node) => nodes[node].value,
        Input::Item(item) => items[item].points,
    }
}

/// Re-scores the entity once per item that is below its best, with that item at its best.
fn improvements(
    results: &Results,
    index: usize,
    cells: &[Cell],
    items: &[ItemOutcome],
    root: Outcome,
) -> Vec<Improvement> {
    let spec = results.spec();
    let plan = spec.plan();
    let entity = &results.prepared().data().entities[index];
    let item_count = plan.items.len();
    let mut aggregator = Aggregator::default();
    let mut nodes = vec![root; plan.nodes.len()];
    let mut trial = items.to_vec();
    let mut found = Vec::new();

    for (position, cell) in cells.iter().enumerate() {
        let (slot, item) = (position / item_count, position % item_count);
        let plan_item = &plan.items[item];
        let Some(node) = plan_item.node else { continue };
        let by_unit = plan.nodes[node].units.is_some();
        if by_unit != (slot > 0) {
            continue;
        }
        let current = items[position];
        let (best_points, best) = match &plan_item.kind {
            ItemKind::Element(element) => {
                if matches!(cell, Cell::Excluded { .. } | Cell::Gated { .. }) {
                    continue;
                }
                let scale = &plan.scales[element.scale];
                // Of the answers that score best, the first on the scale: for a reversed
                // element `no` rather than `no_evidence`, which scores the same but says less.
                let score = |p: f64| if element.reversed { -p } else { p };
                let best_code = scale
                    .points
                    .iter()
                    .enumerate()
                    .filter_map(|(code, points)| points.map(|p| (code, score(p))))
                    .fold(None, |best: Option<(usize, f64)>, (code, points)| match best {
                        Some((_, best_points)) if best_points >= points => best,
                        _ => Some((code, points)),
                    })
                    .map(|(code, _)| scale.codes[code].clone())
                    .unwrap_or_default();
                (scale.highest, best_code)
            }
            ItemKind::Measure(measure) => {
                let Normalisation::Goalposts { points } = &measure.normalisation else { continue };
                if matches!(current.status, ItemStatus::NotApplicable) {
                    continue;
                }
                let Some(top) = points.iter().max_by(|a, b| a.points.total_cmp(&b.points)) else {
                    continue;
                };
                (top.points, crate::round::trim_float(top.value))
            }
        };
        if current.points.is_some_and(|points| points >= best_points) {
            continue;
        }

        trial.copy_from_slice(items);
        trial[position] = ItemOutcome { points: Some(best_points), status: ItemStatus::Scored };
        open_gate(plan, cells, &mut trial, slot, item);
        let points = |slot: usize, item: usize| trial[slot * item_count + item].points;
        let failures = evaluate(plan, &entity.units, &points, &mut nodes, None, &mut aggregator);
        if !failures.is_empty() {
            continue;
        }
        let gain = match (nodes[0].value, root.value) {
            (Some(after), Some(before)) => after - before,
            (Some(after), None) => after,
            _ => continue,
        };
        if gain > NEGLIGIBLE_GAIN {
            found.push(Improvement {
                item: plan_item.id.clone(),
                unit: (slot > 0).then(|| entity.units[slot].id.clone()),
                node: plan.nodes[node].aggregate.id.clone(),
                answer: crate::results::answer_code(plan, item, cell).map(str::to_owned),
                points: current.points,
                best,
                gain,
            });
        }
    }
    crate::order::sorted_by(found, |a, b| {
        b.gain.total_cmp(&a.gain).then_with(|| a.item.cmp(&b.item))
    })
}

/// When `item` is a gate that is closed, opening it restores its dependents' own answers.
fn open_gate(
    plan: &crate::spec::Plan,
    cells: &[Cell],
    trial: &mut [ItemOutcome],
    slot: usize,
    item: usize,
) {
    let item_count = plan.items.len();
    for (dependent, plan_item) in plan.items.iter().enumerate() {
        let ItemKind::Element(element) = &plan_item.kind else { continue };
        if element.gate.as_ref().is_none_or(|gate| gate.element != item) {
            continue;
        }
        let dependent_slots: Vec<usize> =
            if slot == 0 { (0..cells.len() / item_count).collect() } else { vec![slot] };
        for dependent_slot in dependent_slots {
            let position = dependent_slot * item_count + dependent;
            if let Cell::Gated { code, .. } = cells[position] {
                let scale = &plan.scales[element.scale];
                let answered =
                    code.map(|code| scale.points_of(usize::from(code), element.reversed));
                trial[position] = match answered {
                    Some(Some(points)) => {
                        ItemOutcome { points: Some(points), status: ItemStatus::Scored }
                    }
                    Some(None) => ItemOutcome { points: None, status: ItemStatus::NotApplicable },
                    None => ItemOutcome { points: None, status: ItemStatus::Unanswered },
                };
            }
        }
    }
}
