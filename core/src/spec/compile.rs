//! Checks a spec for everything its JSON Schema cannot say, and compiles it into a [`Plan`].

use std::collections::{HashMap, HashSet};

use super::model::{
    Aggregation, Direction, Element, Goalpost, IndexSpec, Measure, Node, Normalisation, WeightMode,
};
use super::plan::*;
use crate::issue::{Issue, IssueCode, Location, Report};
use crate::suggest::did_you_mean;
use crate::text::Text;

/// Tolerance on the sum of absolute weights: hand-typed thirds (0.333, 0.333, 0.334) pass.
pub(crate) const ABSOLUTE_WEIGHT_TOLERANCE: f64 = 1e-6;

/// Compiles `spec`, reporting every problem found. The plan is returned only when there is no
/// error.
pub(crate) fn compile(spec: &IndexSpec, file: Option<&str>) -> (Option<Plan>, Report) {
    let mut compiler = Compiler { spec, file, report: Report::default() };
    let plan = compiler.compile();
    let report = compiler.report;
    if report.has_errors() { (None, report) } else { (plan, report) }
}

struct Compiler<'a> {
    spec: &'a IndexSpec,
    file: Option<&'a str>,
    report: Report,
}

/// Where a tree node was found, to resolve its inputs once every id is known.
struct PendingNode<'a> {
    node: &'a Node,
    pointer: String,
    parent: Option<NodeIndex>,
}

impl<'a> Compiler<'a> {
    fn error(&mut self, code: IssueCode, pointer: &str, message: String) -> &mut Issue {
        let location = Location::pointer(self.file, pointer);
        self.report.push(Issue::error(code, location, message));
        self.report.issues.last_mut().expect("just pushed")
    }

    fn compile(&mut self) -> Option<Plan> {
        let spec = self.spec;
        self.check_version(&spec.version, "/version");
        self.check_translations();

        let (scales, scale_index) = self.compile_scales();
        let levels: HashSet<&str> = spec.levels.iter().map(|level| level.id.as_str()).collect();
        self.check_unique(spec.levels.iter().map(|level| level.id.as_str()), "/levels", "level");
        let unit_classes: Vec<String> = spec.unit_classes.iter().map(|c| c.id.clone()).collect();
        self.check_unique(unit_classes.iter().map(String::as_str), "/unitClasses", "unit class");

        // First pass: flatten the tree in pre-order, registering every node and item id.
        let mut pending = Vec::new();
        let mut items = Vec::new();
        let mut item_sources: Vec<(ItemSource<'a>, String)> = Vec::new();
        let mut ids: HashMap<String, String> = HashMap::new();
        self.flatten(
            &spec.root,
            "/root".to_owned(),
            None,
            &mut pending,
            &mut item_sources,
            &mut ids,
        );
        for (position, element) in spec.auxiliary.elements.iter().enumerate() {
            let pointer = format!("/auxiliary/elements/{position}");
            self.register_id(&element.id, &pointer, &mut ids);
            item_sources.push((ItemSource::Element(element, None), pointer));
        }
        for (position, measure) in spec.auxiliary.measures.iter().enumerate() {
            let pointer = format!("/auxiliary/measures/{position}");
            self.register_id(&measure.id, &pointer, &mut ids);
            item_sources.push((ItemSource::Measure(measure, None), pointer));
        }
        let item_index: HashMap<String, ItemIndex> = item_sources
            .iter()
            .enumerate()
            .map(|(index, (source, _))| (source.id().to_owned(), index))
            .collect();
        let node_index: HashMap<String, NodeIndex> = pending
            .iter()
            .enumerate()
            .map(|(index, pending)| (pending.node.id.clone(), index))
            .collect();

        // Second pass: items, now that gates and denominators can be resolved.
        for (source, pointer) in &item_sources {
            let item = match source {
                ItemSource::Element(element, node) => self.compile_element(
                    element,
                    *node,
                    pointer,
                    &scales,
                    &scale_index,
                    &item_index,
                ),
                ItemSource::Measure(measure, node) => {
                    self.compile_measure(measure, *node, pointer, &scale_index, &item_index)
                }
            };
            items.push(item);
        }
        self.check_gates_acyclic(&items, &item_sources);

        // Third pass: nodes and their inputs.
        let mut nodes = Vec::new();
        for (index, entry) in pending.iter().enumerate() {
            nodes.push(self.compile_node(index, entry, &pending, &items, &levels, &unit_classes));
        }
        let groups = self.compile_groups(&item_index, &node_index, &items, &pending);

        let tiers = self.compile_tiers();
        let commitments = self.compile_commitments(&node_index);
        let evidence = self.compile_evidence(&scales);
        let tie_decimals = self.tie_decimals();
        for (position, comparable) in spec.comparable_with.iter().enumerate() {
            self.check_version(&comparable.version, &format!("/comparableWith/{position}/version"));
            for (member, id) in comparable.unchanged.iter().enumerate() {
                if !ids.contains_key(id) {
                    let pointer = format!("/comparableWith/{position}/unchanged/{member}");
                    self.unknown_reference(&pointer, "node or item", id, ids.keys());
                }
            }
        }

        let nodes: Vec<NodePlan> = nodes.into_iter().collect::<Option<Vec<_>>>()?;
        let groups = groups?;
        self.warn_unused_weights(&pending, &item_sources, &nodes, &groups);

        Some(Plan {
            scales,
            items,
            item_index,
            nodes,
            node_index,
            groups,
            unit_classes,
            decimals: spec.display.decimals,
            tie_decimals: tie_decimals?,
            rank_basis: spec.ranking.basis,
            tiers,
            commitments,
            evidence,
            unanswered: spec.missing_data.unanswered,
            constant_measure: spec.missing_data.constant_measure,
        })
    }

    /// Warns about weights that no aggregate reads: a weight on a dimension whose parent
    /// aggregates over indicators, or on an input of a node with equal weights. Such a weight
    /// looks meaningful to a reader of the spec but changes nothing.
    fn warn_unused_weights(
        &mut self,
        pending: &[PendingNode],
        items: &[(ItemSource, String)],
        nodes: &[NodePlan],
        groups: &[AggregatePlan],
    ) {
        let aggregates = nodes.iter().map(|node| &node.aggregate).chain(groups);
        let mut used_nodes = HashSet::new();
        let mut used_items = HashSet::new();
        for aggregate in aggregates.filter(|aggregate| aggregate.declared_weights) {
            for input in &aggregate.inputs {
                match input {
                    Input::Node(node) => used_nodes.insert(*node),
                    Input::Item(item) => used_items.insert(*item),
                };
            }
        }
        let mut unused: Vec<(String, String)> = Vec::new();
        for (index, entry) in pending.iter().enumerate().skip(1) {
            if entry.node.weight.is_some() && !used_nodes.contains(&index) {
                unused.push((entry.node.id.clone(), format!("{}/weight", entry.pointer)));
            }
        }
        for (index, (source, pointer)) in items.iter().enumerate() {
            let weighted = match source {
                ItemSource::Element(element, _) => element.weight.is_some(),
                ItemSource::Measure(measure, _) => measure.weight.is_some(),
            };
            if weighted && !used_items.contains(&index) {
                unused.push((source.id().to_owned(), format!("{pointer}/weight")));
            }
        }
        for (id, pointer) in unused {
            let location = Location::pointer(self.file, pointer);
            let message = format!(
                "the weight of `{id}` is never used: every mean that takes `{id}` as an input \
                 gives its inputs equal weights, or aggregates over another level"
            );
            let issue =
                Issue::warning(IssueCode::SpecWeights, location, message).with_item(id).with_hint(
                    "remove the weight, or declare relative weights where it is meant to count",
                );
            self.report.push(issue);
        }
    }

    fn check_version(&mut self, version: &str, pointer: &str) {
        let parts: Vec<&str> = version.split(['+', '-']).next().unwrap_or("").split('.').collect();
        let numeric = |part: &&str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if parts.len() != 3 || !parts.iter().all(numeric) {
            self.error(
                IssueCode::SpecVersion,
                pointer,
                "version is not MAJOR.MINOR.PATCH".into(),
            )
            .value = Some(version.to_owned());
        }
    }

    fn check_unique<'s>(&mut self, ids: impl Iterator<Item = &'s str>, pointer: &str, what: &str) {
        let mut seen = HashSet::new();
        for (position, id) in ids.enumerate() {
            if !seen.insert(id) {
                let message = format!("two {what}s have the id `{id}`");
                self.error(
                    IssueCode::SpecDuplicateId,
                    &format!("{pointer}/{position}/id"),
                    message,
                )
                .value = Some(id.to_owned());
            }
        }
    }

    fn register_id(&mut self, id: &str, pointer: &str, ids: &mut HashMap<String, String>) {
        if id.trim().is_empty() || id.trim() != id || id.contains(char::is_whitespace) {
            let message = "an id must be non-empty and contain no spaces".to_owned();
            self.error(IssueCode::InvalidId, &format!("{pointer}/id"), message).value =
                Some(id.to_owned());
        }
        if let Some(first) = ids.get(id) {
            let message = format!("`{id}` is already the id of {first}");
            self.error(IssueCode::SpecDuplicateId, &format!("{pointer}/id"), message).value =
                Some(id.to_owned());
        } else {
            ids.insert(id.to_owned(), pointer.to_owned());
        }
    }

    fn unknown_reference<'k>(
        &mut self,
        pointer: &str,
        what: &str,
        id: &str,
        known: impl Iterator<Item = &'k String>,
    ) {
        let known: Vec<&str> = known.map(String::as_str).collect();
        let message = format!("no {what} has the id `{id}`");
        let issue = self.error(IssueCode::SpecUnknownReference, pointer, message);
        issue.value = Some(id.to_owned());
        issue.hint = did_you_mean(id, known.iter().copied());
    }

    fn check_translations(&mut self) {
        let languages = &self.spec.languages;
        let mut missing = Vec::new();
        visit_texts(self.spec, &mut |pointer: &str, text: &Text| {
            for language in languages {
                if text.exactly(language).is_none_or(|text| text.trim().is_empty()) {
                    missing.push((pointer.to_owned(), language.clone()));
                }
            }
        });
        for (pointer, language) in missing {
            let message = format!("text has no `{language}` version, a language the spec declares");
            self.error(IssueCode::SpecMissingTranslation, &pointer, message);
        }
    }

    fn compile_scales(&mut self) -> (Vec<ScalePlan>, HashMap<String, usize>) {
        self.check_unique(self.spec.scales.iter().map(|s| s.id.as_str()), "/scales", "scale");
        let mut plans = Vec::new();
        for (position, scale) in self.spec.scales.iter().enumerate() {
            let pointer = format!("/scales/{position}");
            self.check_unique(
                scale.options.iter().map(|o| o.code.as_str()),
                &format!("{pointer}/options"),
                "option",
            );
            let mut points = Vec::new();
            for (index, option) in scale.options.iter().enumerate() {
                let option_pointer = format!("{pointer}/options/{index}");
                match (option.points, option.excluded) {
                    (Some(_), true) => {
                        let message = format!(
                            "option `{}` is excluded and also scores points; give one or the other",
                            option.code
                        );
                        self.error(IssueCode::SpecInvalidRule, &option_pointer, message);
                    }
                    (None, false) => {
                        let message = format!(
                            "option `{}` has no points; give `points`, or `\"excluded\": true` to \
                             leave it out of means",
                            option.code
                        );
                        self.error(IssueCode::SpecInvalidRule, &option_pointer, message);
                    }
                    (Some(p), false) if !p.0.is_finite() => {
                        let message = "points must be a finite number".to_owned();
                        self.error(IssueCode::SpecInvalidRule, &option_pointer, message);
                    }
                    _ => {}
                }
                points.push(option.points.map(|p| p.0));
            }
            let scored: Vec<f64> = points.iter().flatten().copied().collect();
            if scored.is_empty() {
                let message = format!("scale `{}` has no option that scores points", scale.id);
                self.error(IssueCode::SpecInvalidRule, &pointer, message);
            }
            plans.push(ScalePlan {
                id: scale.id.clone(),
                codes: scale.options.iter().map(|o| o.code.clone()).collect(),
                points,
                lowest: scored.iter().copied().fold(f64::INFINITY, f64::min),
                highest: scored.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            });
        }
        let index = plans.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        (plans, index)
    }

    fn flatten(
        &mut self,
        node: &'a Node,
        pointer: String,
        parent: Option<NodeIndex>,
        pending: &mut Vec<PendingNode<'a>>,
        items: &mut Vec<(ItemSource<'a>, String)>,
        ids: &mut HashMap<String, String>,
    ) {
        self.register_id(&node.id, &pointer, ids);
        let index = pending.len();
        pending.push(PendingNode { node, pointer: pointer.clone(), parent });
        for (position, child) in node.children.iter().enumerate() {
            let child_pointer = format!("{pointer}/children/{position}");
            self.flatten(child, child_pointer, Some(index), pending, items, ids);
        }
        for (position, element) in node.elements.iter().enumerate() {
            let item_pointer = format!("{pointer}/elements/{position}");
            self.register_id(&element.id, &item_pointer, ids);
            items.push((ItemSource::Element(element, Some(index)), item_pointer));
        }
        for (position, measure) in node.measures.iter().enumerate() {
            let item_pointer = format!("{pointer}/measures/{position}");
            self.register_id(&measure.id, &item_pointer, ids);
            items.push((ItemSource::Measure(measure, Some(index)), item_pointer));
        }
    }

    fn compile_element(
        &mut self,
        element: &Element,
        node: Option<NodeIndex>,
        pointer: &str,
        scales: &[ScalePlan],
        scale_index: &HashMap<String, usize>,
        item_index: &HashMap<String, ItemIndex>,
    ) -> ItemPlan {
        let scale_id = element.scale.as_ref().or(self.spec.default_scale.as_ref());
        let scale = match scale_id {
            Some(id) => scale_index.get(id).copied().or_else(|| {
                self.unknown_reference(
                    &format!("{pointer}/scale"),
                    "scale",
                    id,
                    scale_index.keys(),
                );
                None
            }),
            None => {
                let message = format!(
                    "element `{}` names no scale and the spec has no `defaultScale`",
                    element.id
                );
                self.error(IssueCode::SpecUnknownReference, pointer, message);
                None
            }
        };
        for code in element.guidance.keys() {
            let known = scale.is_some_and(|s| scales[s].code_index(code).is_some());
            if scale.is_some() && !known {
                let codes = scale.map(|s| scales[s].codes.clone()).unwrap_or_default();
                let pointer = format!("{pointer}/guidance/{code}");
                self.unknown_reference(
                    &pointer,
                    "answer of the element's scale",
                    code,
                    codes.iter(),
                );
            }
        }
        let gate = element.gate.as_ref().and_then(|gate| {
            let gate_pointer = format!("{pointer}/gate");
            let Some(&gate_item) = item_index.get(&gate.element) else {
                let pointer = format!("{gate_pointer}/element");
                self.unknown_reference(&pointer, "element", &gate.element, item_index.keys());
                return None;
            };
            let gate_element = self.find_element(&gate.element)?;
            let gate_scale_id = gate_element.scale.as_ref().or(self.spec.default_scale.as_ref())?;
            let gate_scale = &scales[*scale_index.get(gate_scale_id)?];
            let mut closes = vec![false; gate_scale.codes.len()];
            for (position, code) in gate.closed_by.iter().enumerate() {
                match gate_scale.code_index(code) {
                    Some(index) => closes[index] = true,
                    None => {
                        let pointer = format!("{gate_pointer}/closedBy/{position}");
                        let codes = gate_scale.codes.iter();
                        self.unknown_reference(&pointer, "answer of the gate's scale", code, codes);
                    }
                }
            }
            Some(GatePlan { element: gate_item, closes })
        });
        if element.gate.as_ref().is_some_and(|gate| gate.element == element.id) {
            let message = format!("element `{}` is its own gate", element.id);
            self.error(IssueCode::SpecInvalidRule, &format!("{pointer}/gate"), message);
        }
        ItemPlan {
            id: element.id.clone(),
            weight: element.weight.map(|w| w.0),
            node,
            kind: ItemKind::Element(ElementPlan {
                scale: scale.unwrap_or(0),
                reversed: element.reversed,
                gate,
            }),
        }
    }

    fn find_element(&self, id: &str) -> Option<&'a Element> {
        fn search<'n>(node: &'n Node, id: &str) -> Option<&'n Element> {
            node.elements
                .iter()
                .find(|element| element.id == id)
                .or_else(|| node.children.iter().find_map(|child| search(child, id)))
        }
        search(&self.spec.root, id)
            .or_else(|| self.spec.auxiliary.elements.iter().find(|element| element.id == id))
    }

    fn compile_measure(
        &mut self,
        measure: &Measure,
        node: Option<NodeIndex>,
        pointer: &str,
        scale_index: &HashMap<String, usize>,
        item_index: &HashMap<String, ItemIndex>,
    ) -> ItemPlan {
        if let (Some(min), Some(max)) = (measure.domain.min, measure.domain.max)
            && min > max
        {
            let message = format!("domain minimum {min} is above its maximum {max}");
            self.error(IssueCode::SpecInvalidRule, &format!("{pointer}/domain"), message);
        }
        self.check_normalisation(measure, &format!("{pointer}/normalisation"));
        let codes = measure.codes.as_ref().and_then(|id| {
            scale_index.get(id).copied().or_else(|| {
                self.unknown_reference(
                    &format!("{pointer}/codes"),
                    "scale",
                    id,
                    scale_index.keys(),
                );
                None
            })
        });
        let denominator = measure.denominator.as_ref().and_then(|id| {
            let found = item_index.get(id).copied();
            let is_measure = self.find_measure(id).is_some();
            if found.is_none() || !is_measure {
                let pointer = format!("{pointer}/denominator");
                self.unknown_reference(&pointer, "measure", id, item_index.keys());
                return None;
            }
            found
        });
        ItemPlan {
            id: measure.id.clone(),
            weight: measure.weight.map(|w| w.0),
            node,
            kind: ItemKind::Measure(MeasurePlan {
                domain: measure.domain,
                direction: measure.direction,
                normalisation: measure.normalisation.clone(),
                codes,
                denominator,
            }),
        }
    }

    fn find_measure(&self, id: &str) -> Option<&'a Measure> {
        fn search<'n>(node: &'n Node, id: &str) -> Option<&'n Measure> {
            node.measures
                .iter()
                .find(|measure| measure.id == id)
                .or_else(|| node.children.iter().find_map(|child| search(child, id)))
        }
        search(&self.spec.root, id)
            .or_else(|| self.spec.auxiliary.measures.iter().find(|measure| measure.id == id))
    }

    fn check_normalisation(&mut self, measure: &Measure, pointer: &str) {
        let invalid = |compiler: &mut Self, message: String| {
            compiler.error(IssueCode::SpecInvalidRule, pointer, message);
        };
        match &measure.normalisation {
            Normalisation::Goalposts { points } => self.check_goalposts(measure, points, pointer),
            Normalisation::MinMax { range } | Normalisation::DistanceToTarget { range, .. } => {
                if !(range[0].is_finite() && range[1].is_finite() && range[0] < range[1]) {
                    let message = format!("range [{}, {}] must rise", range[0], range[1]);
                    invalid(self, message);
                }
                if let Normalisation::DistanceToTarget { target, .. } = measure.normalisation
                    && !target.is_finite()
                {
                    invalid(self, "target must be a finite number".to_owned());
                }
            }
            Normalisation::ZScore { centre, scale } => {
                if !centre.is_finite() || !scale.is_finite() || *scale <= 0.0 {
                    invalid(self, "z-score centre must be finite and scale above 0".to_owned());
                }
            }
            Normalisation::Identity
            | Normalisation::Rank
            | Normalisation::PercentileRank
            | Normalisation::Borda => {}
        }
    }

    fn check_goalposts(&mut self, measure: &Measure, points: &[Goalpost], pointer: &str) {
        let pointer = format!("{pointer}/points");
        if points.len() < 2 {
            let message = "goalposts need at least two points".to_owned();
            self.error(IssueCode::SpecInvalidRule, &pointer, message);
            return;
        }
        if points.iter().any(|p| !p.value.is_finite() || !p.points.is_finite()) {
            let message = "goalpost values and points must be finite numbers".to_owned();
            self.error(IssueCode::SpecInvalidRule, &pointer, message);
            return;
        }
        if points.windows(2).any(|pair| pair[0].value >= pair[1].value) {
            let message =
                "goalpost values must rise strictly from one point to the next".to_owned();
            self.error(IssueCode::SpecInvalidRule, &pointer, message);
            return;
        }
        let rising = points.windows(2).all(|pair| pair[0].points <= pair[1].points);
        let falling = points.windows(2).all(|pair| pair[0].points >= pair[1].points);
        let consistent = match measure.direction {
            Direction::HigherIsBetter => rising,
            Direction::LowerIsBetter => falling,
        };
        if !consistent {
            // The direction as the spec file spells it, not as Rust names the variant.
            let (direction, rule) = match measure.direction {
                Direction::HigherIsBetter => ("higherIsBetter", "never fall"),
                Direction::LowerIsBetter => ("lowerIsBetter", "never rise"),
            };
            let message = format!(
                "goalposts of `{}` do not agree with its direction `{direction}`: points must \
                 {rule} as values rise",
                measure.id
            );
            self.error(IssueCode::SpecInvalidRule, &pointer, message);
        }
    }

    fn check_gates_acyclic(&mut self, items: &[ItemPlan], sources: &[(ItemSource, String)]) {
        for (start, (_, pointer)) in sources.iter().enumerate() {
            let mut seen = HashSet::from([start]);
            let mut current = start;
            while let ItemKind::Element(ElementPlan { gate: Some(gate), .. }) = &items[current].kind
            {
                current = gate.element;
                if !seen.insert(current) {
                    if current == start {
                        let message = format!("gates of `{}` form a cycle", items[start].id);
                        self.error(IssueCode::SpecInvalidRule, &format!("{pointer}/gate"), message);
                    }
                    break;
                }
            }
        }
    }

    fn compile_node(
        &mut self,
        index: NodeIndex,
        entry: &PendingNode,
        pending: &[PendingNode],
        items: &[ItemPlan],
        levels: &HashSet<&str>,
        unit_classes: &[String],
    ) -> Option<NodePlan> {
        let node = entry.node;
        let pointer = &entry.pointer;
        if let Some(level) = &node.level
            && !levels.contains(level.as_str())
        {
            let known: Vec<String> = self.spec.levels.iter().map(|l| l.id.clone()).collect();
            self.unknown_reference(&format!("{pointer}/level"), "level", level, known.iter());
        }

        let mut inputs = Vec::new();
        match &node.aggregation.over_level {
            Some(level) => {
                if !levels.contains(level.as_str()) {
                    let known: Vec<String> =
                        self.spec.levels.iter().map(|l| l.id.clone()).collect();
                    let pointer = format!("{pointer}/aggregation/overLevel");
                    self.unknown_reference(&pointer, "level", level, known.iter());
                }
                collect_level(index, level, pending, &mut inputs);
                if inputs.is_empty() {
                    let message = format!("no node of level `{level}` lies below `{}`", node.id);
                    self.error(
                        IssueCode::SpecInvalidRule,
                        &format!("{pointer}/aggregation"),
                        message,
                    );
                }
            }
            None => {
                let children = pending.iter().enumerate().filter(|(_, p)| p.parent == Some(index));
                inputs.extend(children.map(|(child, _)| Input::Node(child)));
                let own_items =
                    items.iter().enumerate().filter(|(_, item)| item.node == Some(index));
                inputs.extend(own_items.map(|(item, _)| Input::Item(item)));
            }
        }
        if inputs.is_empty() {
            let message = format!("node `{}` has no children, elements or measures", node.id);
            self.error(IssueCode::SpecInvalidRule, pointer, message);
        }

        let weight_of = |input: &Input| match input {
            Input::Node(child) => {
                (pending[*child].node.weight.map(|w| w.0), &pending[*child].node.id)
            }
            Input::Item(item) => (items[*item].weight, &items[*item].id),
        };
        let described: Vec<(Option<f64>, String)> = inputs
            .iter()
            .map(|input| {
                let (weight, id) = weight_of(input);
                (weight, id.clone())
            })
            .collect();
        let weights = self.resolve_weights(&node.id, &node.aggregation, &described, pointer)?;
        let (min_coverage, min_scored) =
            self.check_thresholds(node.min_coverage, node.min_scored, inputs.len(), pointer);

        let units = node.units.as_ref().map(|rule| {
            if !node.children.is_empty() || node.aggregation.over_level.is_some() {
                let message = format!(
                    "node `{}` combines units, so its inputs must be elements and measures only",
                    node.id
                );
                self.error(IssueCode::SpecInvalidRule, &format!("{pointer}/units"), message);
            }
            for (position, part) in rule.parts.iter().enumerate() {
                if !unit_classes.contains(&part.class) {
                    let pointer = format!("{pointer}/units/parts/{position}/class");
                    self.unknown_reference(
                        &pointer,
                        "unit class",
                        &part.class,
                        unit_classes.iter(),
                    );
                }
            }
            if rule.parts.is_empty() {
                let message = "a unit rule needs at least one part".to_owned();
                self.error(IssueCode::SpecInvalidRule, &format!("{pointer}/units"), message);
            }
            UnitPlan { method: rule.method, parts: rule.parts.clone() }
        });

        Some(NodePlan {
            aggregate: AggregatePlan {
                id: node.id.clone(),
                inputs,
                total_weight: crate::sum::stable_sum(&mut weights.clone()),
                declared_weights: node.aggregation.weights != WeightMode::Equal,
                weights,
                method: node.aggregation.method,
                min_coverage,
                min_scored,
            },
            level: node.level.clone(),
            units,
        })
    }

    /// The weight of each input under the aggregation's weight mode.
    fn resolve_weights(
        &mut self,
        owner: &str,
        aggregation: &Aggregation,
        inputs: &[(Option<f64>, String)],
        pointer: &str,
    ) -> Option<Vec<f64>> {
        if aggregation.weights == WeightMode::Equal {
            // The weights are not read, but a weight that is written must still be a weight.
            for (weight, id) in inputs {
                if let Some(w) = weight
                    && (!w.is_finite() || *w < 0.0)
                {
                    let message = format!("weight of `{id}` must be a finite number, 0 or more");
                    self.error(IssueCode::SpecWeights, pointer, message).value =
                        Some(w.to_string());
                }
            }
            return Some(vec![1.0; inputs.len()]);
        }
        let mut weights = Vec::new();
        let mut ok = true;
        for (weight, id) in inputs {
            match weight {
                None => {
                    // Equal weights need none, so the mode is relative or absolute; written
                    // as the spec file spells it.
                    let mode = match aggregation.weights {
                        WeightMode::Absolute => "absolute",
                        _ => "relative",
                    };
                    let message = format!(
                        "`{id}` has no weight, and `{owner}` combines its inputs with {mode} \
                         weights"
                    );
                    self.error(IssueCode::SpecWeights, pointer, message).hint = Some(
                        "give every input a `weight`, or set the aggregation's `weights` to \
                         `equal`"
                            .to_owned(),
                    );
                    ok = false;
                }
                Some(w) if !w.is_finite() || *w < 0.0 => {
                    let message = format!("weight of `{id}` must be a finite number, 0 or more");
                    self.error(IssueCode::SpecWeights, pointer, message).value =
                        Some(w.to_string());
                    ok = false;
                }
                Some(w) => weights.push(*w),
            }
        }
        if !ok {
            return None;
        }
        let total: f64 = weights.iter().sum();
        if total <= 0.0 {
            let message = format!("the weights of the inputs of `{owner}` are all zero");
            self.error(IssueCode::SpecWeights, pointer, message);
            return None;
        }
        if aggregation.weights == WeightMode::Absolute
            // The margin keeps a sum exactly 1e-6 away in decimal (0.333333 × 3) inside the
            // tolerance despite binary rounding.
            && (total - 1.0).abs() > ABSOLUTE_WEIGHT_TOLERANCE * (1.0 + 1e-9)
        {
            let message = format!(
                "the absolute weights of the inputs of `{owner}` sum to {}, not 1",
                crate::round::trim_float(total)
            );
            self.error(IssueCode::SpecWeights, pointer, message).hint = Some(
                "make them sum to 1, or declare them `relative` so that only their ratios count"
                    .to_owned(),
            );
            return None;
        }
        Some(weights)
    }

    fn check_thresholds(
        &mut self,
        min_coverage: Option<f64>,
        min_scored: Option<u32>,
        input_count: usize,
        pointer: &str,
    ) -> (f64, u32) {
        let coverage = min_coverage.unwrap_or(0.0);
        if !(0.0..=1.0).contains(&coverage) {
            let message = "minCoverage is a share of weight, from 0 to 1".to_owned();
            self.error(IssueCode::SpecInvalidRule, &format!("{pointer}/minCoverage"), message)
                .value = Some(coverage.to_string());
        }
        let scored = min_scored.unwrap_or(0);
        if scored as usize > input_count {
            let message = format!("minScored is {scored} but there are only {input_count} inputs");
            self.error(IssueCode::SpecInvalidRule, &format!("{pointer}/minScored"), message);
        }
        (coverage, scored)
    }

    fn compile_groups(
        &mut self,
        item_index: &HashMap<String, ItemIndex>,
        node_index: &HashMap<String, NodeIndex>,
        items: &[ItemPlan],
        pending: &[PendingNode],
    ) -> Option<Vec<AggregatePlan>> {
        let mut groups = Vec::new();
        let mut ok = true;
        let mut group_ids = HashSet::new();
        for (position, group) in self.spec.groups.iter().enumerate() {
            let pointer = format!("/groups/{position}");
            if item_index.contains_key(&group.id)
                || node_index.contains_key(&group.id)
                || !group_ids.insert(group.id.as_str())
            {
                let message = format!("`{}` is already the id of a node, item or group", group.id);
                self.error(IssueCode::SpecDuplicateId, &format!("{pointer}/id"), message);
            }
            if group.aggregation.over_level.is_some() {
                let message = "groups list their members; `overLevel` applies to nodes".to_owned();
                self.error(IssueCode::SpecInvalidRule, &format!("{pointer}/aggregation"), message);
            }
            let mut inputs = Vec::new();
            let mut described = Vec::new();
            for (member_position, member) in group.members.iter().enumerate() {
                if let Some(&item) = item_index.get(member) {
                    inputs.push(Input::Item(item));
                    described.push((items[item].weight, member.clone()));
                } else if let Some(&node) = node_index.get(member) {
                    inputs.push(Input::Node(node));
                    described.push((pending[node].node.weight.map(|w| w.0), member.clone()));
                } else {
                    let pointer = format!("{pointer}/members/{member_position}");
                    let known = item_index.keys().chain(node_index.keys());
                    self.unknown_reference(&pointer, "item or node", member, known);
                    ok = false;
                }
            }
            if group.members.is_empty() {
                let message = format!("group `{}` has no members", group.id);
                self.error(IssueCode::SpecInvalidRule, &pointer, message);
            }
            let weights = self.resolve_weights(&group.id, &group.aggregation, &described, &pointer);
            let (min_coverage, min_scored) =
                self.check_thresholds(group.min_coverage, group.min_scored, inputs.len(), &pointer);
            let Some(weights) = weights else {
                ok = false;
                continue;
            };
            groups.push(AggregatePlan {
                id: group.id.clone(),
                inputs,
                total_weight: crate::sum::stable_sum(&mut weights.clone()),
                declared_weights: group.aggregation.weights != WeightMode::Equal,
                weights,
                method: group.aggregation.method,
                min_coverage,
                min_scored,
            });
        }
        ok.then_some(groups)
    }

    fn compile_tiers(&mut self) -> Option<TierPlan> {
        let tiers = self.spec.tiers.as_ref()?;
        self.check_unique(tiers.bands.iter().map(|t| t.id.as_str()), "/tiers/bands", "tier");
        if tiers.bands.windows(2).any(|pair| pair[0].min >= pair[1].min)
            || tiers.bands.iter().any(|band| !band.min.is_finite())
        {
            let message = "tier bands must be listed by rising, finite `min`".to_owned();
            self.error(IssueCode::SpecInvalidRule, "/tiers/bands", message);
        }
        Some(TierPlan {
            basis: tiers.basis,
            bands: tiers.bands.iter().map(|band| (band.min, band.id.clone())).collect(),
        })
    }

    fn compile_commitments(
        &mut self,
        node_index: &HashMap<String, NodeIndex>,
    ) -> Vec<CommitmentPlan> {
        let ids = self.spec.commitments.iter().map(|c| c.id.as_str());
        self.check_unique(ids, "/commitments", "commitment");
        let mut plans = Vec::new();
        for (position, commitment) in self.spec.commitments.iter().enumerate() {
            let Some(&node) = node_index.get(&commitment.node) else {
                let pointer = format!("/commitments/{position}/node");
                self.unknown_reference(&pointer, "node", &commitment.node, node_index.keys());
                continue;
            };
            if !commitment.threshold.is_finite() {
                let pointer = format!("/commitments/{position}/threshold");
                self.error(IssueCode::SpecInvalidRule, &pointer, "threshold must be finite".into());
            }
            plans.push(CommitmentPlan {
                id: commitment.id.clone(),
                node,
                threshold: commitment.threshold,
                basis: commitment.basis,
            });
        }
        plans
    }

    fn compile_evidence(&mut self, scales: &[ScalePlan]) -> EvidencePlan {
        let rules = &self.spec.evidence;
        let mut by_answer: HashMap<String, EvidenceNeeds> = HashMap::new();
        let known: HashSet<&str> = scales
            .iter()
            .flat_map(|scale| scale.codes.iter().map(String::as_str))
            .chain(["value"])
            .collect();
        for (position, rule) in rules.rules.iter().enumerate() {
            let needs = EvidenceNeeds {
                url: rule.url,
                https_only: rule.https_only,
                checked: rule.checked,
                archived_url: rule.archived_url,
                note: rule.note,
            };
            for (answer_position, answer) in rule.answers.iter().enumerate() {
                if !known.contains(answer.as_str()) {
                    let pointer = format!("/evidence/rules/{position}/answers/{answer_position}");
                    let codes: Vec<String> = known.iter().map(|c| (*c).to_owned()).collect();
                    self.unknown_reference(&pointer, "answer code", answer, codes.iter());
                }
                let merged = by_answer.get(answer).map_or(needs, |existing| existing.merge(needs));
                by_answer.insert(answer.clone(), merged);
            }
        }
        if let Some(zone) = &rules.timezone
            && !crate::clock::is_timezone_name(zone)
        {
            let message = format!("`{zone}` is not an IANA time zone name");
            self.error(IssueCode::SpecInvalidRule, "/evidence/timezone", message);
        }
        EvidencePlan { coder: rules.coder, reviewer: rules.reviewer, by_answer }
    }

    fn tie_decimals(&mut self) -> Option<u8> {
        let precision = self.spec.ranking.tie_precision;
        let decimals =
            (0..=12u8).find(|&d| (precision * 10f64.powi(i32::from(d)) - 1.0).abs() < 1e-9);
        if decimals.is_none() {
            let message = "tiePrecision must be a power of ten from 1 down to 1e-12".to_owned();
            self.error(IssueCode::SpecInvalidRule, "/ranking/tiePrecision", message).value =
                Some(precision.to_string());
        }
        if let Some(d) = decimals
            && self.spec.display.decimals > d
        {
            let message = "display decimals cannot be finer than the tie precision".to_owned();
            self.error(IssueCode::SpecInvalidRule, "/display/decimals", message);
        }
        decimals
    }
}

enum ItemSource<'a> {
    Element(&'a Element, Option<NodeIndex>),
    Measure(&'a Measure, Option<NodeIndex>),
}

impl ItemSource<'_> {
    fn id(&self) -> &str {
        match self {
            ItemSource::Element(element, _) => &element.id,
            ItemSource::Measure(measure, _) => &measure.id,
        }
    }
}

/// The nodes of `level` below `index`, not descending below a node once it matches.
fn collect_level(index: NodeIndex, level: &str, pending: &[PendingNode], out: &mut Vec<Input>) {
    for (child, entry) in pending.iter().enumerate().filter(|(_, p)| p.parent == Some(index)) {
        if entry.node.level.as_deref() == Some(level) {
            out.push(Input::Node(child));
        } else {
            collect_level(child, level, pending, out);
        }
    }
}

/// Calls `visit` with the JSON pointer of every text of the spec that readers see.
fn visit_texts(spec: &IndexSpec, visit: &mut dyn FnMut(&str, &Text)) {
    visit("/title", &spec.title);
    if !spec.description.is_empty() {
        visit("/description", &spec.description);
    }
    if !spec.entity_label.is_empty() {
        visit("/entityLabel", &spec.entity_label);
    }
    for (position, class) in spec.unit_classes.iter().enumerate() {
        if !class.name.is_empty() {
            visit(&format!("/unitClasses/{position}/name"), &class.name);
        }
    }
    for (position, level) in spec.levels.iter().enumerate() {
        visit(&format!("/levels/{position}/name"), &level.name);
    }
    for (position, scale) in spec.scales.iter().enumerate() {
        if !scale.name.is_empty() {
            visit(&format!("/scales/{position}/name"), &scale.name);
        }
        for (index, option) in scale.options.iter().enumerate() {
            let pointer = format!("/scales/{position}/options/{index}");
            visit(&format!("{pointer}/label"), &option.label);
            if !option.description.is_empty() {
                visit(&format!("{pointer}/description"), &option.description);
            }
        }
    }
    fn node_texts(node: &Node, pointer: &str, visit: &mut dyn FnMut(&str, &Text)) {
        visit(&format!("{pointer}/name"), &node.name);
        if !node.description.is_empty() {
            visit(&format!("{pointer}/description"), &node.description);
        }
        for (position, child) in node.children.iter().enumerate() {
            node_texts(child, &format!("{pointer}/children/{position}"), visit);
        }
        for (position, element) in node.elements.iter().enumerate() {
            let pointer = format!("{pointer}/elements/{position}");
            visit(&format!("{pointer}/question"), &element.question);
            for (code, guidance) in &element.guidance {
                visit(&format!("{pointer}/guidance/{code}"), guidance);
            }
        }
        for (position, measure) in node.measures.iter().enumerate() {
            let pointer = format!("{pointer}/measures/{position}");
            visit(&format!("{pointer}/name"), &measure.name);
            for (field, text) in [("question", &measure.question), ("unit", &measure.unit)] {
                if !text.is_empty() {
                    visit(&format!("{pointer}/{field}"), text);
                }
            }
        }
    }
    node_texts(&spec.root, "/root", visit);
    for (position, group) in spec.groups.iter().enumerate() {
        visit(&format!("/groups/{position}/name"), &group.name);
        if !group.description.is_empty() {
            visit(&format!("/groups/{position}/description"), &group.description);
        }
    }
    if let Some(tiers) = &spec.tiers {
        for (position, band) in tiers.bands.iter().enumerate() {
            visit(&format!("/tiers/bands/{position}/label"), &band.label);
            if !band.description.is_empty() {
                visit(&format!("/tiers/bands/{position}/description"), &band.description);
            }
        }
    }
    for (position, commitment) in spec.commitments.iter().enumerate() {
        visit(&format!("/commitments/{position}/text"), &commitment.text);
    }
    for (position, decision) in spec.decisions.iter().enumerate() {
        visit(&format!("/decisions/{position}/text"), &decision.text);
    }
}
