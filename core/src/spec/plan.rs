//! A spec compiled for scoring: ids resolved to positions, scales to point tables, the tree
//! flattened so that every node comes before its descendants.

use std::collections::HashMap;

use super::model::{
    ConstantMeasurePolicy, Direction, Domain, Method, Normalisation, RankingBasis, Requirement,
    ThresholdBasis, UnansweredPolicy, UnitPart,
};

/// Position of an item in [`Plan::items`].
pub(crate) type ItemIndex = usize;
/// Position of a node in [`Plan::nodes`].
pub(crate) type NodeIndex = usize;

#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub scales: Vec<ScalePlan>,
    /// Elements and measures of the tree in spec order, then auxiliary ones.
    pub items: Vec<ItemPlan>,
    pub item_index: HashMap<String, ItemIndex>,
    /// Nodes in pre-order: a node comes before its descendants, the root first. Evaluating them
    /// in reverse order therefore evaluates every input before the node that needs it.
    pub nodes: Vec<NodePlan>,
    pub node_index: HashMap<String, NodeIndex>,
    pub groups: Vec<AggregatePlan>,
    pub unit_classes: Vec<String>,
    pub decimals: u8,
    /// Scores are compared as integer multiples of 10^-tie_decimals.
    pub tie_decimals: u8,
    pub rank_basis: RankingBasis,
    pub tiers: Option<TierPlan>,
    pub commitments: Vec<CommitmentPlan>,
    pub evidence: EvidencePlan,
    pub unanswered: UnansweredPolicy,
    pub constant_measure: ConstantMeasurePolicy,
}

#[derive(Debug, Clone)]
pub(crate) struct ScalePlan {
    pub id: String,
    pub codes: Vec<String>,
    /// Points of each code; `None` for excluded codes.
    pub points: Vec<Option<f64>>,
    pub lowest: f64,
    pub highest: f64,
}

impl ScalePlan {
    pub(crate) fn code_index(&self, code: &str) -> Option<usize> {
        self.codes.iter().position(|known| known == code)
    }

    /// Points of the code at `code`, reversed (highest + lowest − points) for reversed
    /// elements; `None` for excluded codes.
    pub(crate) fn points_of(&self, code: usize, reversed: bool) -> Option<f64> {
        let points = self.points.get(code).copied().flatten()?;
        Some(if reversed { self.highest + self.lowest - points } else { points })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ItemPlan {
    pub id: String,
    pub weight: Option<f64>,
    pub kind: ItemKind,
    /// The node the item is an input of; `None` for auxiliary items.
    pub node: Option<NodeIndex>,
}

#[derive(Debug, Clone)]
pub(crate) enum ItemKind {
    Element(ElementPlan),
    Measure(MeasurePlan),
}

#[derive(Debug, Clone)]
pub(crate) struct ElementPlan {
    pub scale: usize,
    pub reversed: bool,
    pub gate: Option<GatePlan>,
}

#[derive(Debug, Clone)]
pub(crate) struct GatePlan {
    pub element: ItemIndex,
    /// For each code of the gate's scale, whether it closes the gate.
    pub closes: Vec<bool>,
}

#[derive(Debug, Clone)]
pub(crate) struct MeasurePlan {
    pub domain: Domain,
    pub direction: Direction,
    pub normalisation: Normalisation,
    pub codes: Option<usize>,
    pub denominator: Option<ItemIndex>,
}

#[derive(Debug, Clone)]
pub(crate) enum Input {
    Node(NodeIndex),
    Item(ItemIndex),
}

/// How a node or group combines its inputs.
#[derive(Debug, Clone)]
pub(crate) struct AggregatePlan {
    pub id: String,
    pub inputs: Vec<Input>,
    /// Weight of each input, in the same order.
    pub weights: Vec<f64>,
    /// Sum of `weights`.
    pub total_weight: f64,
    /// Whether the weights were declared (relative or absolute) rather than equal.
    pub declared_weights: bool,
    pub method: Method,
    pub min_coverage: f64,
    pub min_scored: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct NodePlan {
    pub aggregate: AggregatePlan,
    pub level: Option<String>,
    pub units: Option<UnitPlan>,
}

#[derive(Debug, Clone)]
pub(crate) struct UnitPlan {
    pub method: Method,
    pub parts: Vec<UnitPart>,
}

#[derive(Debug, Clone)]
pub(crate) struct TierPlan {
    pub basis: ThresholdBasis,
    /// `(min, id)` in increasing order of `min`.
    pub bands: Vec<(f64, String)>,
}

#[derive(Debug, Clone)]
pub(crate) struct CommitmentPlan {
    pub id: String,
    pub node: NodeIndex,
    pub threshold: f64,
    pub basis: ThresholdBasis,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct EvidencePlan {
    pub coder: Requirement,
    pub reviewer: Requirement,
    /// Rules by answer code; the code `value` stands for numeric measure values.
    pub by_answer: HashMap<String, EvidenceNeeds>,
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct EvidenceNeeds {
    pub url: Requirement,
    pub https_only: bool,
    pub checked: Requirement,
    pub archived_url: Requirement,
    pub note: Requirement,
}

impl EvidenceNeeds {
    /// The stricter of two sets of needs, when several rules name the same answer.
    pub(crate) fn merge(self, other: EvidenceNeeds) -> EvidenceNeeds {
        fn stricter(a: Requirement, b: Requirement) -> Requirement {
            use Requirement::*;
            match (a, b) {
                (Required, _) | (_, Required) => Required,
                (Recommended, _) | (_, Recommended) => Recommended,
                _ => Optional,
            }
        }
        EvidenceNeeds {
            url: stricter(self.url, other.url),
            https_only: self.https_only || other.https_only,
            checked: stricter(self.checked, other.checked),
            archived_url: stricter(self.archived_url, other.archived_url),
            note: stricter(self.note, other.note),
        }
    }
}
