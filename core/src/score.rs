//! The scoring engine: item points, relative normalisation, aggregation up the tree, groups and
//! ranks.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::issue::{Issue, IssueCode, Location, Report};
use crate::normalise::{RelativeError, goalposts, relative};
use crate::prepare::{Cell, Prepared, PreparedUnit};
use crate::round::quantise;
use crate::spec::model::{ConstantMeasurePolicy, Method, Normalisation};
use crate::spec::plan::{AggregatePlan, Input, ItemKind, Plan};
use crate::sum::ExactSum;

/// Whether a node or group has a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// It has a score.
    Scored,
    /// None of its inputs has a score: everything is not applicable or unanswered.
    NotScored,
    /// Some inputs have scores, but fewer than the spec's coverage rule requires.
    InsufficientData,
}

/// What became of one item for one entity (and unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ItemStatus {
    /// Answered, with points.
    Scored,
    /// Answered with an option excluded from means (`not_applicable`).
    NotApplicable,
    /// Not answered: missing data.
    Unanswered,
    /// Its gate is closed: it scores its scale's lowest points whatever it says.
    Gated,
    /// Left out for every entity by the spec's policy on constant relative measures.
    Excluded,
}

/// A score of a node, group or unit, before rounding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Outcome {
    pub value: Option<f64>,
    pub status: Status,
    /// Share of the inputs' weight that is scored.
    pub coverage: f64,
    pub scored: u32,
    pub inputs: u32,
}

impl Outcome {
    const NONE: Outcome =
        Outcome { value: None, status: Status::NotScored, coverage: 0.0, scored: 0, inputs: 0 };
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ItemOutcome {
    pub points: Option<f64>,
    pub status: ItemStatus,
}

/// The score of one unit of an entity at a node scored by unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct UnitOutcome {
    pub entity: u32,
    pub node: u32,
    pub slot: u32,
    pub outcome: Outcome,
}

/// Every number computed for every entity, laid out by entity.
#[derive(Debug, Clone)]
pub(crate) struct Scores {
    /// Same layout as [`Prepared::cells`].
    pub items: Vec<ItemOutcome>,
    /// `entity * nodes + node`.
    pub nodes: Vec<Outcome>,
    pub node_ranks: Vec<Option<u32>>,
    /// Sorted by entity, then node, then slot.
    pub units: Vec<UnitOutcome>,
    /// `entity * groups + group`.
    pub groups: Vec<Outcome>,
    pub group_ranks: Vec<Option<u32>>,
}

/// Scores prepared assessments. Errors (a value that is zero under a geometric mean, a
/// constant measure under the `error` policy) are all reported together.
pub(crate) fn score(prepared: &Prepared) -> Result<(Scores, Report), Report> {
    let plan = prepared.data().spec.plan();
    let mut report = Report::default();
    let mut items = item_points(prepared);
    normalise_relative(prepared, &mut items, &mut report);
    if report.has_errors() {
        return Err(report);
    }

    let node_count = plan.nodes.len();
    let group_count = plan.groups.len();
    let mut nodes = vec![Outcome::NONE; prepared.data().entities.len() * node_count];
    let mut groups = vec![Outcome::NONE; prepared.data().entities.len() * group_count];
    let mut units = Vec::new();
    let mut aggregator = Aggregator::default();
    let item_count = plan.items.len();
    for (position, entity) in prepared.data().entities.iter().enumerate() {
        let width = item_count * entity.units.len();
        let entity_items = &items[entity.offset..entity.offset + width];
        let node_out = &mut nodes[position * node_count..(position + 1) * node_count];
        let mut unit_out = Vec::new();
        let failures = evaluate(
            plan,
            &entity.units,
            entity_items,
            node_out,
            Some(&mut unit_out),
            &mut aggregator,
        );
        units.extend(unit_out.into_iter().map(|(node, slot, outcome)| UnitOutcome {
            entity: position as u32,
            node: node as u32,
            slot: slot as u32,
            outcome,
        }));
        let group_out = &mut groups[position * group_count..(position + 1) * group_count];
        let mut group_failures = Vec::new();
        for (group, plan_group) in plan.groups.iter().enumerate() {
            let values = input_values(plan_group, node_out, entity_items);
            match aggregator.aggregate(plan_group, values) {
                Ok(outcome) => group_out[group] = outcome,
                Err(offending) => group_failures.push((plan_group, offending)),
            }
        }
        for (aggregate, offending) in failures
            .iter()
            .map(|(node, inputs)| (&plan.nodes[*node].aggregate, inputs.clone()))
            .chain(group_failures)
        {
            for input in offending {
                report.push(non_positive_issue(
                    plan,
                    &entity.id,
                    aggregate,
                    input,
                    entity_items,
                    node_out,
                ));
            }
        }
    }
    if report.has_errors() {
        return Err(report);
    }
    units.sort_by_key(|unit| (unit.entity, unit.node, unit.slot));

    let node_ranks = rank_columns(&nodes, node_count, plan.tie_decimals);
    let group_ranks = rank_columns(&groups, group_count, plan.tie_decimals);
    Ok((Scores { items, nodes, node_ranks, units, groups, group_ranks }, report))
}

/// Points of every cell, with relative measures left for [`normalise_relative`].
fn item_points(prepared: &Prepared) -> Vec<ItemOutcome> {
    let plan = prepared.data().spec.plan();
    let item_count = plan.items.len();
    prepared
        .data()
        .cells
        .iter()
        .enumerate()
        .map(|(position, cell)| {
            let scored = |points| ItemOutcome { points: Some(points), status: ItemStatus::Scored };
            match *cell {
                Cell::Unanswered => ItemOutcome { points: None, status: ItemStatus::Unanswered },
                Cell::Excluded { .. } => {
                    ItemOutcome { points: None, status: ItemStatus::NotApplicable }
                }
                Cell::Answered { points, .. } => scored(points),
                Cell::Gated { points, .. } => {
                    ItemOutcome { points: Some(points), status: ItemStatus::Gated }
                }
                Cell::Value { value } => {
                    // Entities' cells are contiguous runs of whole slots, so the item is the
                    // position modulo the number of items.
                    let ItemKind::Measure(measure) = &plan.items[position % item_count].kind else {
                        return ItemOutcome { points: None, status: ItemStatus::Unanswered };
                    };
                    match &measure.normalisation {
                        Normalisation::Goalposts { points } => scored(goalposts(value, points)),
                        Normalisation::Identity => scored(value),
                        _ => ItemOutcome { points: Some(value), status: ItemStatus::Scored },
                    }
                }
            }
        })
        .collect()
}

/// Replaces the raw values of relative measures by their points across all entities.
fn normalise_relative(prepared: &Prepared, items: &mut [ItemOutcome], report: &mut Report) {
    let plan = prepared.data().spec.plan();
    let item_count = plan.items.len();
    for (item, plan_item) in plan.items.iter().enumerate() {
        let ItemKind::Measure(measure) = &plan_item.kind else { continue };
        if !measure.normalisation.is_relative() {
            continue;
        }
        let mut positions = Vec::new();
        let mut values = Vec::new();
        for entity in &prepared.data().entities {
            for slot in 0..entity.units.len() {
                let position = entity.offset + slot * item_count + item;
                if let Cell::Value { value } = prepared.data().cells[position] {
                    positions.push(position);
                    values.push(value);
                }
            }
        }
        if values.is_empty() {
            continue;
        }
        match relative(&values, measure.direction, &measure.normalisation) {
            Ok(points) => {
                for (position, points) in positions.into_iter().zip(points) {
                    items[position].points = Some(points);
                }
            }
            Err(RelativeError::Constant) => {
                let message = format!(
                    "`{}` has the same value ({}) for every entity, so it cannot be normalised \
                     relatively",
                    plan_item.id,
                    crate::round::trim_float(values[0])
                );
                let issue = match plan.constant_measure {
                    ConstantMeasurePolicy::Exclude => {
                        for position in positions {
                            items[position] =
                                ItemOutcome { points: None, status: ItemStatus::Excluded };
                        }
                        Issue::warning(IssueCode::ConstantMeasure, Location::default(), message)
                            .with_hint(
                                "it is left out for every entity and the other inputs' weights are \
                             renormalised (the spec's `constantMeasure` policy)",
                            )
                    }
                    ConstantMeasurePolicy::Error => Issue::error(
                        IssueCode::ConstantMeasure,
                        Location::default(),
                        message,
                    )
                    .with_hint(
                        "the spec's `constantMeasure` policy is `error`; set it to `exclude` \
                             to leave the measure out instead",
                    ),
                };
                report.push(issue.with_item(&plan_item.id));
            }
        }
    }
}

/// Evaluates every node of one entity, children before parents. Returns the nodes whose mean
/// met a value it cannot take, with the positions of those inputs.
pub(crate) fn evaluate(
    plan: &Plan,
    units: &[PreparedUnit],
    items: &[ItemOutcome],
    nodes: &mut [Outcome],
    mut unit_out: Option<&mut Vec<(usize, usize, Outcome)>>,
    aggregator: &mut Aggregator,
) -> Vec<(usize, Vec<usize>)> {
    let item_count = plan.items.len();
    let mut failures = Vec::new();
    for (index, node) in plan.nodes.iter().enumerate().rev() {
        let result = match &node.units {
            None => {
                let values = input_values(&node.aggregate, nodes, items);
                aggregator.aggregate(&node.aggregate, values)
            }
            Some(rule) => {
                let mut unit_scores: Vec<(usize, Outcome)> = Vec::new();
                for (slot, unit) in units.iter().enumerate().skip(1) {
                    let Some(class) = unit.class else { continue };
                    let class_id = &plan.unit_classes[class];
                    if !rule.parts.iter().any(|part| part.class == *class_id) {
                        continue;
                    }
                    let slot_items = &items[slot * item_count..(slot + 1) * item_count];
                    let values = input_values(&node.aggregate, nodes, slot_items);
                    match aggregator.aggregate(&node.aggregate, values) {
                        Ok(outcome) => unit_scores.push((slot, outcome)),
                        Err(offending) => failures.push((index, offending)),
                    }
                }
                let mut parts: Vec<Option<f64>> = Vec::new();
                for part in &rule.parts {
                    let of_class = unit_scores.iter().filter(|(slot, _)| {
                        units[*slot].class.map(|c| &plan.unit_classes[c]) == Some(&part.class)
                    });
                    if part.collapse {
                        let scored: Vec<f64> = of_class.filter_map(|(_, o)| o.value).collect();
                        let mean = (!scored.is_empty()).then(|| {
                            scored.iter().copied().collect::<ExactSum>().value()
                                / scored.len() as f64
                        });
                        parts.push(mean);
                    } else {
                        parts.extend(of_class.map(|(_, outcome)| outcome.value));
                    }
                }
                if let Some(out) = unit_out.as_deref_mut() {
                    out.extend(unit_scores.iter().map(|(slot, outcome)| (index, *slot, *outcome)));
                }
                let equal = AggregatePlan {
                    id: node.aggregate.id.clone(),
                    inputs: Vec::new(),
                    weights: vec![1.0; parts.len()],
                    method: rule.method,
                    min_coverage: node.aggregate.min_coverage,
                    min_scored: node.aggregate.min_scored,
                };
                let weights = equal.weights.clone();
                aggregator.aggregate(&equal, parts.into_iter().zip(weights))
            }
        };
        nodes[index] = match result {
            Ok(outcome) => outcome,
            Err(offending) => {
                failures.push((index, offending));
                Outcome::NONE
            }
        };
    }
    failures
}

/// The values and weights of an aggregate's inputs: nodes from `nodes`, items from `items`.
fn input_values<'a>(
    aggregate: &'a AggregatePlan,
    nodes: &'a [Outcome],
    items: &'a [ItemOutcome],
) -> impl Iterator<Item = (Option<f64>, f64)> + 'a {
    aggregate.inputs.iter().zip(&aggregate.weights).map(|(input, &weight)| {
        let value = match *input {
            Input::Node(node) => nodes[node].value,
            Input::Item(item) => items[item].points,
        };
        (value, weight)
    })
}

/// Computes weighted means with exact sums, reusing its buffers from one call to the next.
#[derive(Debug, Default)]
pub(crate) struct Aggregator {
    numerator: ExactSum,
    scored_weight: ExactSum,
    total_weight: ExactSum,
}

impl Aggregator {
    /// The outcome of an aggregate over `values`, or the positions of the inputs the mean
    /// cannot take (zero or negative under a geometric or harmonic mean).
    pub(crate) fn aggregate(
        &mut self,
        aggregate: &AggregatePlan,
        values: impl Iterator<Item = (Option<f64>, f64)>,
    ) -> Result<Outcome, Vec<usize>> {
        self.numerator.clear();
        self.scored_weight.clear();
        self.total_weight.clear();
        let mut scored = 0u32;
        let mut inputs = 0u32;
        let mut offending = Vec::new();
        for (position, (value, weight)) in values.enumerate() {
            inputs += 1;
            self.total_weight.add(weight);
            let Some(value) = value else { continue };
            scored += 1;
            self.scored_weight.add(weight);
            match aggregate.method {
                Method::Arithmetic | Method::Sum => self.numerator.add(weight * value),
                Method::Geometric if value > 0.0 => self.numerator.add(weight * value.ln()),
                Method::Harmonic if value > 0.0 => self.numerator.add(weight / value),
                Method::Geometric | Method::Harmonic => offending.push(position),
            }
        }
        if !offending.is_empty() {
            return Err(offending);
        }
        let scored_weight = self.scored_weight.value();
        let total_weight = self.total_weight.value();
        let coverage = if total_weight > 0.0 { scored_weight / total_weight } else { 0.0 };
        let mut outcome =
            Outcome { value: None, status: Status::NotScored, coverage, scored, inputs };
        if scored == 0 || scored_weight <= 0.0 {
            return Ok(outcome);
        }
        if scored < aggregate.min_scored || coverage < aggregate.min_coverage {
            outcome.status = Status::InsufficientData;
            return Ok(outcome);
        }
        let numerator = self.numerator.value();
        outcome.value = Some(match aggregate.method {
            Method::Arithmetic => numerator / scored_weight,
            Method::Sum => numerator,
            Method::Geometric => (numerator / scored_weight).exp(),
            Method::Harmonic => scored_weight / numerator,
        });
        outcome.status = Status::Scored;
        Ok(outcome)
    }
}

fn non_positive_issue(
    plan: &Plan,
    entity: &str,
    aggregate: &AggregatePlan,
    input: usize,
    items: &[ItemOutcome],
    nodes: &[Outcome],
) -> Issue {
    let (input_id, value) = match aggregate.inputs.get(input) {
        Some(Input::Node(node)) => (plan.nodes[*node].aggregate.id.as_str(), nodes[*node].value),
        Some(Input::Item(item)) => (plan.items[*item].id.as_str(), items[*item].points),
        // A node scored by unit aggregates its parts, which have no input of their own.
        None => (aggregate.id.as_str(), None),
    };
    let mean = match aggregate.method {
        Method::Harmonic => "harmonic",
        _ => "geometric",
    };
    let shown = value.map(crate::round::trim_float).unwrap_or_default();
    Issue::error(
        IssueCode::NonPositiveValue,
        Location::default(),
        format!(
            "entity `{entity}`: `{input_id}` is {shown}, and `{}` takes a {mean} mean, which needs \
             values above 0",
            aggregate.id
        ),
    )
    .with_entity(entity)
    .with_item(input_id)
    .with_value(shown)
    .with_hint(
        "normalise to a range above 0 (such as [1, 100]), or combine with an arithmetic mean",
    )
}

/// Ranks every column of an entity-major table of outcomes.
fn rank_columns(outcomes: &[Outcome], columns: usize, tie_decimals: u8) -> Vec<Option<u32>> {
    let mut ranks = vec![None; outcomes.len()];
    if columns == 0 {
        return ranks;
    }
    for column in 0..columns {
        let values = outcomes.iter().skip(column).step_by(columns).map(|outcome| outcome.value);
        for (row, rank) in rank(values, tie_decimals).into_iter().enumerate() {
            ranks[row * columns + column] = rank;
        }
    }
    ranks
}

/// Competition ranks of scores, highest first: equal scores share the best rank and the next
/// rank skips (1, 2, 2, 4). Scores are compared quantised to 10^-`tie_decimals`, which keeps
/// ties transitive. Missing scores are unranked.
///
/// ```
/// use openness::score::rank;
///
/// let ranks = rank([Some(90.0), Some(85.0), None, Some(85.0), Some(70.0)], 9);
/// assert_eq!(ranks, vec![Some(1), Some(2), None, Some(2), Some(4)]);
/// ```
pub fn rank(scores: impl IntoIterator<Item = Option<f64>>, tie_decimals: u8) -> Vec<Option<u32>> {
    let scores: Vec<Option<f64>> = scores.into_iter().collect();
    let mut keyed: Vec<(i128, usize)> = scores
        .iter()
        .enumerate()
        .filter_map(|(row, score)| score.map(|score| (quantise(score, tie_decimals), row)))
        .collect();
    keyed.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut ranks = vec![None; scores.len()];
    let mut previous: Option<(i128, u32)> = None;
    for (position, (key, row)) in keyed.into_iter().enumerate() {
        let rank = match previous {
            Some((previous_key, previous_rank)) if previous_key == key => previous_rank,
            _ => position as u32 + 1,
        };
        ranks[row] = Some(rank);
        previous = Some((key, rank));
    }
    ranks
}
