//! The scoring engine: item points, relative normalisation, aggregation up the tree, groups and
//! ranks.
//!
//! Item points are derived from the prepared cells when needed rather than stored: only the
//! points of relative measures, which depend on every entity, are computed ahead and kept.

use schemars::JsonSchema;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::issue::{Issue, IssueCode, Location, Report};
use crate::normalise::{RelativeError, goalposts, relative};
use crate::prepare::{Cell, Prepared, PreparedUnit};
use crate::round::round_half_away;
use crate::spec::model::{ConstantMeasurePolicy, Method, Normalisation, RankingBasis};
use crate::spec::plan::{AggregatePlan, Input, ItemKind, Plan};
use crate::sum::{FixedSum, sorted_compensated_sum, stable_mean};

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
    /// Share of the inputs' weight that is scored.
    pub coverage: f64,
    pub scored: u32,
    pub inputs: u32,
    pub status: Status,
}

impl Outcome {
    pub(crate) const NONE: Outcome =
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
    /// Points of relative measures by cell position; empty when the spec has none.
    pub relative: Vec<Option<f64>>,
    /// For each item, whether it is left out for every entity (a constant relative measure).
    pub excluded: Vec<bool>,
    /// `entity * nodes + node`.
    pub nodes: Vec<Outcome>,
    /// Ranks of each node's column, computed the first time a rank of the column is asked for.
    pub node_ranks: Vec<OnceLock<Vec<Option<u32>>>>,
    /// Sorted by entity, then node, then slot.
    pub units: Vec<UnitOutcome>,
    /// `entity * groups + group`.
    pub groups: Vec<Outcome>,
    /// Ranks of each group's column, computed when first asked for.
    pub group_ranks: Vec<OnceLock<Vec<Option<u32>>>>,
    pub ranking: RankingPlan,
}

/// What ranks are computed on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RankingPlan {
    pub basis: RankingBasis,
    pub decimals: u8,
    pub tie_decimals: u8,
}

impl Scores {
    /// Rank of node `node` for entity `entity`.
    pub(crate) fn node_rank(&self, entity: usize, node: usize) -> Option<u32> {
        let columns = self.node_ranks.len();
        let ranks = self.node_ranks[node]
            .get_or_init(|| column_ranks(&self.nodes, columns, node, self.ranking));
        ranks[entity]
    }

    /// Rank of group `group` for entity `entity`.
    pub(crate) fn group_rank(&self, entity: usize, group: usize) -> Option<u32> {
        let columns = self.group_ranks.len();
        let ranks = self.group_ranks[group]
            .get_or_init(|| column_ranks(&self.groups, columns, group, self.ranking));
        ranks[entity]
    }

    /// The outcome of the cell at `position` (of the whole table), which holds `item`.
    pub(crate) fn item(
        &self,
        plan: &Plan,
        cell: Cell,
        position: usize,
        item: usize,
    ) -> ItemOutcome {
        let relative = self.relative.get(position).copied().flatten();
        cell_outcome(plan, item, cell, relative, self.excluded[item])
    }
}

/// The points and status of one cell. `relative` is the cell's points when its item is a
/// relative measure; `excluded` says the item is left out for everyone.
pub(crate) fn cell_outcome(
    plan: &Plan,
    item: usize,
    cell: Cell,
    relative: Option<f64>,
    excluded: bool,
) -> ItemOutcome {
    let scored = |points| ItemOutcome { points: Some(points), status: ItemStatus::Scored };
    match cell {
        Cell::Unanswered => ItemOutcome { points: None, status: ItemStatus::Unanswered },
        Cell::Excluded { .. } => ItemOutcome { points: None, status: ItemStatus::NotApplicable },
        Cell::Answered { points, .. } => scored(points),
        Cell::Gated { points, .. } => {
            ItemOutcome { points: Some(points), status: ItemStatus::Gated }
        }
        Cell::Value { .. } if excluded => {
            ItemOutcome { points: None, status: ItemStatus::Excluded }
        }
        Cell::Value { value } => match &plan.items[item].kind {
            ItemKind::Measure(measure) => match &measure.normalisation {
                Normalisation::Goalposts { points } => scored(goalposts(value, points)),
                Normalisation::Identity => scored(value),
                _ => ItemOutcome { points: relative, status: ItemStatus::Scored },
            },
            ItemKind::Element(_) => ItemOutcome { points: None, status: ItemStatus::Unanswered },
        },
    }
}

/// Scores prepared assessments. Errors (a value that is zero under a geometric mean, a
/// constant measure under the `error` policy) are all reported together.
pub(crate) fn score(prepared: &Prepared) -> Result<(Scores, Report), Report> {
    let data = prepared.data();
    let plan = data.spec.plan();
    let mut report = Report::default();
    let (relative, excluded) = normalise_relative(prepared, &mut report);
    if report.has_errors() {
        return Err(report);
    }

    let entity_count = data.entities.len();
    let node_count = plan.nodes.len();
    let group_count = plan.groups.len();
    let item_count = plan.items.len();
    let mut nodes = vec![Outcome::NONE; entity_count * node_count];
    let mut groups = vec![Outcome::NONE; entity_count * group_count];
    let mut units = Vec::new();
    let mut unit_out = Vec::new();
    let mut aggregator = Aggregator::default();
    for (position, entity) in data.entities.iter().enumerate() {
        let cells = prepared.entity_cells(position);
        let points = |slot: usize, item: usize| {
            let cell = slot * item_count + item;
            let relative = relative.get(entity.offset + cell).copied().flatten();
            cell_outcome(plan, item, cells[cell], relative, excluded[item]).points
        };
        let node_out = &mut nodes[position * node_count..(position + 1) * node_count];
        unit_out.clear();
        let failures =
            evaluate(plan, &entity.units, &points, node_out, Some(&mut unit_out), &mut aggregator);
        // `evaluate` gives the nodes from last to first, each with its slots in order: taking
        // the runs of one node from the end keeps `units` sorted by entity, node and slot
        // without a sort (a copy of the sorting algorithm in the WebAssembly module).
        for run in unit_out.chunk_by(|a, b| a.0 == b.0).rev() {
            units.extend(run.iter().map(|&(node, slot, outcome)| UnitOutcome {
                entity: position as u32,
                node: node as u32,
                slot: slot as u32,
                outcome,
            }));
        }
        for (node, offending) in failures {
            let aggregate = &plan.nodes[node].aggregate;
            for input in offending {
                report.push(non_positive_issue(
                    plan, &entity.id, aggregate, input, &points, node_out,
                ));
            }
        }

        let group_out = &mut groups[position * group_count..(position + 1) * group_count];
        for (group, aggregate) in plan.groups.iter().enumerate() {
            let values = || input_values(aggregate, node_out, 0, &points);
            match aggregator.aggregate(aggregate, values) {
                Ok(outcome) => group_out[group] = outcome,
                Err(offending) => {
                    for input in offending {
                        report.push(non_positive_issue(
                            plan, &entity.id, aggregate, input, &points, node_out,
                        ));
                    }
                }
            }
        }
    }
    if report.has_errors() {
        return Err(report);
    }
    debug_assert!(units.is_sorted_by_key(|unit| (unit.entity, unit.node, unit.slot)));

    let node_ranks = (0..node_count).map(|_| OnceLock::new()).collect();
    let group_ranks = (0..group_count).map(|_| OnceLock::new()).collect();
    let ranking = RankingPlan {
        basis: plan.rank_basis,
        decimals: plan.decimals,
        tie_decimals: plan.tie_decimals,
    };
    Ok((
        Scores { relative, excluded, nodes, node_ranks, units, groups, group_ranks, ranking },
        report,
    ))
}

/// Points of relative measures across all entities, by cell position, and which measures are
/// left out for everyone.
fn normalise_relative(prepared: &Prepared, report: &mut Report) -> (Vec<Option<f64>>, Vec<bool>) {
    let data = prepared.data();
    let plan = data.spec.plan();
    let item_count = plan.items.len();
    let mut excluded = vec![false; item_count];
    let is_relative =
        |kind: &ItemKind| matches!(kind, ItemKind::Measure(m) if m.normalisation.is_relative());
    if !plan.items.iter().any(|item| is_relative(&item.kind)) {
        return (Vec::new(), excluded);
    }
    let mut points = vec![None; data.cells.len()];
    for (item, plan_item) in plan.items.iter().enumerate() {
        let ItemKind::Measure(measure) = &plan_item.kind else { continue };
        if !measure.normalisation.is_relative() {
            continue;
        }
        let mut positions = Vec::new();
        let mut values = Vec::new();
        for entity in &data.entities {
            for slot in 0..entity.units.len() {
                let position = entity.offset + slot * item_count + item;
                if let Cell::Value { value } = data.cells[position] {
                    positions.push(position);
                    values.push(value);
                }
            }
        }
        if values.is_empty() {
            continue;
        }
        match relative(&values, measure.direction, &measure.normalisation) {
            Ok(normalised) => {
                for (position, value) in positions.into_iter().zip(normalised) {
                    points[position] = Some(value);
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
                        excluded[item] = true;
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
    (points, excluded)
}

/// Evaluates every node of one entity, children before parents. `points(slot, item)` gives
/// the points of the entity's item in a unit slot (0 for the entity as a whole). Units scored
/// at nodes scored by unit go to `unit_out` as (node, slot, outcome): nodes from last to first,
/// each node's slots in order. Returns the nodes whose mean met a value it cannot take, with the
/// positions of those inputs.
pub(crate) fn evaluate(
    plan: &Plan,
    units: &[PreparedUnit],
    points: &impl Fn(usize, usize) -> Option<f64>,
    nodes: &mut [Outcome],
    mut unit_out: Option<&mut Vec<(usize, usize, Outcome)>>,
    aggregator: &mut Aggregator,
) -> Vec<(usize, Vec<usize>)> {
    let mut failures = Vec::new();
    for (index, node) in plan.nodes.iter().enumerate().rev() {
        let result = match &node.units {
            None => {
                let values = || input_values(&node.aggregate, nodes, 0, points);
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
                    let values = || input_values(&node.aggregate, nodes, slot, points);
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
                        let mut scored: Vec<f64> = of_class.filter_map(|(_, o)| o.value).collect();
                        parts.push(stable_mean(&mut scored));
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
                    weights: Vec::new(),
                    total_weight: parts.len() as f64,
                    declared_weights: false,
                    method: rule.method,
                    min_coverage: node.aggregate.min_coverage,
                    min_scored: node.aggregate.min_scored,
                };
                aggregator.aggregate(&equal, || parts.iter().map(|&part| (part, 1.0)))
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

/// The values and weights of an aggregate's inputs: nodes from `nodes`, items from `points`
/// in unit slot `slot`.
fn input_values<'a>(
    aggregate: &'a AggregatePlan,
    nodes: &'a [Outcome],
    slot: usize,
    points: &'a impl Fn(usize, usize) -> Option<f64>,
) -> impl Iterator<Item = (Option<f64>, f64)> + 'a {
    aggregate.inputs.iter().zip(&aggregate.weights).map(move |(input, &weight)| {
        let value = match *input {
            Input::Node(node) => nodes[node].value,
            Input::Item(item) => points(slot, item),
        };
        (value, weight)
    })
}

/// Computes weighted means with exact, order-independent sums, reusing its buffers.
#[derive(Debug, Default)]
pub(crate) struct Aggregator {
    terms: Vec<f64>,
}

impl Aggregator {
    /// The outcome of an aggregate over the inputs that `values` gives, or the positions of the
    /// inputs the mean cannot take (zero or negative under a geometric or harmonic mean).
    /// `values` is called again only in the rare case of a term too large or too small for an
    /// exact sum.
    pub(crate) fn aggregate<I: Iterator<Item = (Option<f64>, f64)>>(
        &mut self,
        aggregate: &AggregatePlan,
        values: impl Fn() -> I,
    ) -> Result<Outcome, Vec<usize>> {
        let term_of = |value: f64, weight: f64| match aggregate.method {
            Method::Arithmetic | Method::Sum => Some(weight * value),
            Method::Geometric if value > 0.0 => Some(weight * value.ln()),
            Method::Harmonic if value > 0.0 => Some(weight / value),
            Method::Geometric | Method::Harmonic => None,
        };
        let mut numerator = FixedSum::default();
        // Usually every input is scored and the scored weight is the total: only the weights of
        // missing inputs are summed, and subtracted.
        let mut missing_weight = FixedSum::default();
        let (mut inputs, mut scored) = (0u32, 0u32);
        let mut offending = Vec::new();
        for (position, (value, weight)) in values().enumerate() {
            inputs += 1;
            let Some(value) = value else {
                missing_weight.add(weight);
                continue;
            };
            scored += 1;
            match term_of(value, weight) {
                Some(term) => numerator.add(term),
                None => offending.push(position),
            }
        }
        if !offending.is_empty() {
            return Err(offending);
        }
        let total_weight = aggregate.total_weight;
        let scored_weight = if scored == inputs {
            total_weight
        } else {
            let missing = missing_weight.value().unwrap_or_else(|| {
                self.terms.clear();
                self.terms.extend(values().filter(|(value, _)| value.is_none()).map(|(_, w)| w));
                sorted_compensated_sum(&mut self.terms)
            });
            total_weight - missing
        };
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
        let numerator = numerator.value().unwrap_or_else(|| {
            self.terms.clear();
            let terms =
                values().filter_map(|(value, weight)| value.and_then(|v| term_of(v, weight)));
            self.terms.extend(terms);
            sorted_compensated_sum(&mut self.terms)
        });
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
    points: &impl Fn(usize, usize) -> Option<f64>,
    nodes: &[Outcome],
) -> Issue {
    let (input_id, value) = match aggregate.inputs.get(input) {
        Some(Input::Node(node)) => (plan.nodes[*node].aggregate.id.as_str(), nodes[*node].value),
        Some(Input::Item(item)) => (plan.items[*item].id.as_str(), points(0, *item)),
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

/// Ranks of one column of an entity-major table of outcomes, on the spec's ranking basis.
fn column_ranks(
    outcomes: &[Outcome],
    columns: usize,
    column: usize,
    ranking: RankingPlan,
) -> Vec<Option<u32>> {
    let basis = |value: f64| match ranking.basis {
        RankingBasis::Unrounded => value,
        RankingBasis::Displayed => round_half_away(value, ranking.decimals, ranking.tie_decimals),
    };
    let values = outcomes.iter().skip(column).step_by(columns).map(|o| o.value.map(basis));
    rank(values, ranking.tie_decimals)
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
    let mut ranks = vec![None; scores.len()];
    rank_into(scores.iter().copied(), tie_decimals, |row, rank| ranks[row] = Some(rank));
    ranks
}

/// Ranks `scores`, calling `assign(row, rank)` for each score present.
fn rank_into(
    scores: impl Iterator<Item = Option<f64>>,
    tie_decimals: u8,
    mut assign: impl FnMut(usize, u32),
) {
    let scale = 10f64.powi(i32::from(tie_decimals));
    let mut keyed: Vec<(f64, u32)> = scores
        .enumerate()
        .filter_map(|(row, score)| score.map(|score| (tie_key(score, scale), row as u32)))
        .collect();
    keyed.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut previous: Option<(f64, u32)> = None;
    for (position, &(key, row)) in keyed.iter().enumerate() {
        let rank = match previous {
            Some((previous_key, previous_rank)) if previous_key == key => previous_rank,
            _ => position as u32 + 1,
        };
        assign(row as usize, rank);
        previous = Some((key, rank));
    }
}

/// `score` in whole steps of 1/`scale`, rounded half away from zero. Whole numbers are held
/// exactly in f64 up to 2^53 steps (9 million at a precision of 1e-9); beyond, every f64 is
/// already whole and rounding is the identity, so keys stay monotonic and ties transitive.
fn tie_key(score: f64, scale: f64) -> f64 {
    let steps = score * scale;
    if steps.abs() >= (1u64 << 52) as f64 {
        return steps;
    }
    // Truncation and a comparison, rather than `f64::round`, which compiles to a library call
    // on baseline x86-64.
    let whole = steps as i64;
    let fraction = steps - whole as f64;
    let rounded = if fraction >= 0.5 {
        whole + 1
    } else if fraction <= -0.5 {
        whole - 1
    } else {
        whole
    };
    rounded as f64
}
