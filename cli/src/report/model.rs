//! What every page of the site is made from: the cycles scored, the summary computed by the
//! core, and look-ups from ids to the spec's definitions, names and files.

use std::collections::HashMap;

use openness::spec::model::{Element, Measure, Node, Scale};
use openness::{Assessment, EntityResult, Results, Spec, Summary};

use super::safe;

/// One cycle: its spec, its results and the assessment files they were computed from.
pub(crate) struct Cycle {
    pub spec: Spec,
    /// The spec exactly as published (its SHA-256 is the spec's).
    pub spec_text: String,
    pub results: Results,
    pub inputs: Vec<Assessment>,
}

impl Cycle {
    /// The year of the cycle as text ("2026"), or the empty string.
    pub(crate) fn year(&self) -> Option<i64> {
        self.results.cycle()
    }
}

/// An element or a measure of the spec.
pub(crate) enum ItemDef<'a> {
    Element(&'a Element),
    Measure(&'a Measure),
}

/// Everything the pages are made from, in every language.
pub(crate) struct Model<'a> {
    pub current: &'a Cycle,
    pub previous: Option<&'a Cycle>,
    pub summary: Summary,
    /// File name (without `.html`) of each entity's page, by entity id.
    pub slugs: HashMap<String, String>,
    /// Nodes of the current spec by id.
    pub nodes: HashMap<&'a str, &'a Node>,
    /// Elements and measures of the current spec by id, with the node they belong to.
    pub items: HashMap<&'a str, (ItemDef<'a>, &'a str)>,
    /// Whether the built widget was copied into the site.
    pub widget: bool,
    /// Languages of the site, in order.
    pub langs: Vec<String>,
    /// File names of the open data, relative to `data/`.
    pub files: DataNames,
}

/// How the open-data files of each cycle are named: `results-{tag}.json` and so on, the tag
/// being the cycle's year, or `current` and `previous` when years are missing or equal.
pub(crate) struct DataNames {
    pub current_tag: String,
    pub previous_tag: Option<String>,
    /// The current cycle's results file, which the widget reads.
    pub results: String,
}

impl<'a> Model<'a> {
    /// Builds the look-ups of a site.
    pub(crate) fn new(
        current: &'a Cycle,
        previous: Option<&'a Cycle>,
        langs: Vec<String>,
        widget: bool,
    ) -> Model<'a> {
        let summary = current.results.summary(previous.map(|p| &p.results));
        let ranking = current.results.ranking();
        let ids: Vec<&str> = ranking.iter().map(EntityResult::id).collect();
        let slugs = ids
            .iter()
            .zip(safe::slugs(ids.iter().copied()))
            .map(|(id, slug)| ((*id).to_owned(), slug))
            .collect();

        let mut nodes = HashMap::new();
        let mut items = HashMap::new();
        index_tree(&current.spec.definition().root, &mut nodes, &mut items);

        let current_tag = current.year().map_or_else(|| "current".to_owned(), |y| y.to_string());
        let previous_tag = previous.map(|previous| match previous.year() {
            Some(year) if Some(year) != current.year() => year.to_string(),
            _ => "previous".to_owned(),
        });
        let files =
            DataNames { results: format!("results-{current_tag}.json"), current_tag, previous_tag };
        Model { current, previous, summary, slugs, nodes, items, widget, langs, files }
    }

    /// The spec of the current cycle.
    pub(crate) fn spec(&self) -> &'a Spec {
        &self.current.spec
    }

    /// The scale an element answers on, or a measure's codes.
    pub(crate) fn scale_of(&self, item: &ItemDef<'_>) -> Option<&'a Scale> {
        let definition = self.current.spec.definition();
        let id = match item {
            ItemDef::Element(element) => {
                element.scale.as_deref().or(definition.default_scale.as_deref())
            }
            ItemDef::Measure(measure) => measure.codes.as_deref(),
        }?;
        definition.scales.iter().find(|scale| scale.id == id)
    }
}

fn index_tree<'a>(
    node: &'a Node,
    nodes: &mut HashMap<&'a str, &'a Node>,
    items: &mut HashMap<&'a str, (ItemDef<'a>, &'a str)>,
) {
    nodes.insert(node.id.as_str(), node);
    for element in &node.elements {
        items.insert(element.id.as_str(), (ItemDef::Element(element), node.id.as_str()));
    }
    for measure in &node.measures {
        items.insert(measure.id.as_str(), (ItemDef::Measure(measure), node.id.as_str()));
    }
    for child in &node.children {
        index_tree(child, nodes, items);
    }
}
