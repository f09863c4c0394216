//! Validation: checks assessments against a spec, reporting every problem at once, and turns
//! what is valid into a dense table of answers ready for scoring.

mod entities;
mod evidence;
mod files;
mod responses;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;
use serde_json::Value;

use crate::assessment::lenient::Lenient;
use crate::assessment::{Assessment, Entity, Field, Layout, Origin, Response, Signature};
use crate::date::{format_date, parse_date};
use crate::issue::{Issue, IssueCode, Location, Report};
use crate::numbers::parse_number;
use crate::results::EvidenceDocument;
use crate::spec::Spec;
use crate::spec::model::{Requirement, UnansweredPolicy};
use crate::spec::plan::{EvidenceNeeds, ItemIndex, ItemKind, Plan};
use crate::suggest::{did_you_mean, list};
use crate::text::{Text, identity_key};

/// Largest whole number that JavaScript holds exactly (2^53 − 1): ids written as numbers
/// beyond it would merge in a browser.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Settings of validation that do not belong to the spec.
#[derive(Debug, Clone, Default)]
pub struct ValidationOptions {
    /// Today's date, for refusing evidence checked in the future. `None` skips that check.
    pub today: Option<Date>,
    /// Other ids of entities mapped to their ids (old abbreviations to current ones), on top
    /// of each file's own `aliases`.
    pub aliases: Vec<(String, String)>,
    /// Leave out the spec's evidence rules (evidence URLs, dates, notes, coders, reviewers).
    /// Scores never depend on evidence; researchers re-scoring data that has none can use this.
    /// One warning then says that evidence was not checked. Default: evidence is checked.
    pub skip_evidence: bool,
}

/// Assessments that passed validation, laid out for scoring.
///
/// Cloning is cheap: clones share the data, so one validation can be scored many times.
#[derive(Debug, Clone)]
pub struct Prepared(Arc<PreparedData>);

/// The content of [`Prepared`].
#[derive(Debug)]
pub(crate) struct PreparedData {
    pub(crate) spec: Spec,
    pub(crate) entities: Vec<PreparedEntity>,
    /// For each entity, for each of its unit slots, one cell per item of the spec.
    pub(crate) cells: Vec<Cell>,
    pub(crate) cycle: Option<i64>,
    pub(crate) inputs: Vec<(Option<String>, String)>,
    pub(crate) report: Arc<Report>,
    /// The evidence of each kept response that gives some, by position in `cells`, in order.
    pub(crate) evidence: GivenEvidence,
}

/// The evidence of the kept responses, by position in the cells, in order: built when
/// validation runs, or when first asked for where it can be read again from its source (a
/// table held as columns), since scoring never needs it.
pub(crate) struct GivenEvidence {
    documents: OnceLock<Vec<(usize, EvidenceDocument)>>,
    source: Option<EvidenceSource>,
}

/// Builds the evidence documents of [`GivenEvidence`] when first asked for.
pub(crate) type EvidenceSource = Box<dyn Fn() -> Vec<(usize, EvidenceDocument)> + Send + Sync>;

impl GivenEvidence {
    /// Evidence already built.
    pub(crate) fn ready(documents: Vec<(usize, EvidenceDocument)>) -> GivenEvidence {
        GivenEvidence { documents: OnceLock::from(documents), source: None }
    }

    /// Evidence built by `source` when first asked for.
    pub(crate) fn later(source: EvidenceSource) -> GivenEvidence {
        GivenEvidence { documents: OnceLock::new(), source: Some(source) }
    }

    /// The documents, by position in the cells, in order.
    pub(crate) fn get(&self) -> &[(usize, EvidenceDocument)] {
        self.documents.get_or_init(|| self.source.as_ref().map(|build| build()).unwrap_or_default())
    }
}

impl std::fmt::Debug for GivenEvidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.documents.get() {
            Some(documents) => f.debug_list().entries(documents).finish(),
            None => f.write_str("GivenEvidence(not built yet)"),
        }
    }
}

impl Prepared {
    pub(crate) fn data(&self) -> &PreparedData {
        &self.0
    }

    /// The warnings validation found.
    pub fn warnings(&self) -> &Report {
        &self.0.report
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.0.entities.len()
    }

    /// Whether there is no entity.
    pub fn is_empty(&self) -> bool {
        self.0.entities.is_empty()
    }

    pub(crate) fn entity_cells(&self, entity: usize) -> &[Cell] {
        let entity = &self.0.entities[entity];
        let width = self.0.spec.plan().items.len() * entity.units.len();
        &self.0.cells[entity.offset..entity.offset + width]
    }
}

/// An entity's identity and what the results repeat about it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PreparedEntity {
    pub id: String,
    pub name: Text,
    pub abbreviation: Option<String>,
    pub fictional: bool,
    pub signatory: Option<Signature>,
    /// Slot 0 is the entity as a whole; the others are its declared units.
    pub units: Vec<PreparedUnit>,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PreparedUnit {
    pub id: String,
    pub class: Option<usize>,
    pub name: Text,
}

/// What is known of one item for one entity and unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell {
    /// No response.
    Unanswered,
    /// An answer whose option is excluded from means (`not_applicable`).
    Excluded { code: u16 },
    /// An answer with its points (reversal applied), for elements and measure codes.
    Answered { code: u16, points: f64 },
    /// An element whose gate is closed: it scores `points` whatever it says. `code` is the
    /// answer given, if any.
    Gated { points: f64, code: Option<u16> },
    /// A measure's value, divided by its denominator if it has one.
    Value { value: f64 },
}

/// A field of a response or entity, located only when an issue names it: formatting a JSON
/// pointer for every field checked would cost more than checking it.
#[derive(Debug, Clone, Copy)]
enum Spot {
    Response(Source, Field),
    Entity { input: usize, entity: usize, field: Field },
}

/// Where a response came from, to name it in issues.
#[derive(Debug, Clone, Copy)]
struct Source {
    input: usize,
    entity: usize,
    response: usize,
}

/// Validates `inputs` against `spec` and lays them out for scoring. Returns the prepared data
/// when no error was found, and the report of every problem either way.
pub(crate) fn prepare(
    spec: &Spec,
    inputs: &[&Assessment],
    options: &ValidationOptions,
) -> (Option<PreparedData>, Report) {
    let mut preparer =
        Preparer { spec, plan: spec.plan(), inputs, options, report: Report::default() };
    let prepared = preparer.run();
    let report = preparer.report;
    if report.has_errors() { (None, report) } else { (prepared, report) }
}

impl PreparedData {
    /// Seals validated data with its warnings.
    pub(crate) fn with_report(mut self, report: Report) -> Prepared {
        self.report = Arc::new(report);
        Prepared(Arc::new(self))
    }
}

struct Preparer<'a> {
    spec: &'a Spec,
    plan: &'a Plan,
    inputs: &'a [&'a Assessment],
    options: &'a ValidationOptions,
    report: Report,
}

/// An entity being assembled from one or more records.
struct Draft<'a> {
    entity: PreparedEntity,
    /// First record, for naming it when another record repeats it.
    first: (usize, usize),
    /// The response kept for each unit slot and item (`slot * items + item`), and where it
    /// came from.
    responses: Vec<Option<(Source, &'a Response)>>,
}

impl<'a> Draft<'a> {
    fn response(
        &self,
        slot: usize,
        item: ItemIndex,
        items: usize,
    ) -> Option<&(Source, &'a Response)> {
        self.responses[slot * items + item].as_ref()
    }
}

impl<'a> Preparer<'a> {
    fn origin(&self, input: usize) -> &'a Origin {
        &self.inputs[input].origin
    }

    fn locate(&self, spot: Spot) -> Location {
        match spot {
            Spot::Response(source, field) => {
                self.origin(source.input).response(source.entity, source.response, field)
            }
            Spot::Entity { input, entity, field } => self.origin(input).entity(entity, field),
        }
    }

    fn push(&mut self, issue: Issue) {
        self.report.push(issue);
    }

    fn run(&mut self) -> Option<PreparedData> {
        for input in self.inputs {
            self.report.issues.extend(input.load_report.issues.iter().cloned());
            self.check_wide_table(input);
        }
        let cycle = self.check_files();
        if self.options.skip_evidence {
            self.push(evidence_not_checked());
        }
        let aliases = self.aliases();

        let item_count = self.plan.items.len();
        let mut drafts: Vec<Draft<'a>> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for (input_position, input) in self.inputs.iter().enumerate() {
            let file_fictional = input.file.fictional.as_ref().and_then(Lenient::valid).copied();
            for (entity_position, entity) in input.file.entities.iter().enumerate() {
                let Some(id) = self.entity_id(input_position, entity_position, entity) else {
                    continue;
                };
                let key = identity_key(&id);
                let key = aliases.get(&key).cloned().unwrap_or(key);
                let draft_position = match by_key.get(&key) {
                    Some(&position) => {
                        let merged = self.repeated_entity(
                            &drafts[position],
                            input_position,
                            entity_position,
                            entity,
                            &id,
                        );
                        if !merged {
                            continue;
                        }
                        position
                    }
                    None => {
                        let Some(meta) = self.entity_meta(
                            input_position,
                            entity_position,
                            entity,
                            id,
                            file_fictional,
                        ) else {
                            continue;
                        };
                        by_key.insert(key, drafts.len());
                        let slots = meta.units.len() * item_count;
                        drafts.push(Draft {
                            entity: meta,
                            first: (input_position, entity_position),
                            responses: vec![None; slots],
                        });
                        drafts.len() - 1
                    }
                };
                for (response_position, response) in entity.responses.iter().enumerate() {
                    let source = Source {
                        input: input_position,
                        entity: entity_position,
                        response: response_position,
                    };
                    self.add_response(&mut drafts[draft_position], source, response);
                }
            }
        }

        self.ids_differing_in_case(&drafts);

        let mut entities = Vec::with_capacity(drafts.len());
        let mut cells = Vec::new();
        let mut evidence = Vec::new();
        for draft in drafts {
            let mut entity = draft.entity.clone();
            entity.offset = cells.len();
            let width = self.plan.items.len() * entity.units.len();
            cells.resize(cells.len() + width, Cell::Unanswered);
            self.fill_cells(&draft, &mut cells[entity.offset..]);
            evidence.extend(draft.responses.iter().enumerate().filter_map(|(position, kept)| {
                let (_, response) = kept.as_ref()?;
                let given = EvidenceDocument::of(response.evidence.as_ref()?)?;
                Some((entity.offset + position, given))
            }));
            entities.push(entity);
        }
        Some(PreparedData {
            spec: self.spec.clone(),
            entities,
            cells,
            cycle,
            inputs: self.inputs.iter().map(|i| (i.origin.name.clone(), i.sha256.clone())).collect(),
            report: Arc::default(),
            evidence: GivenEvidence::ready(evidence),
        })
    }

    /// Lays out the responses of an entity, then applies gates and denominators and reports
    /// what was left unanswered.
    fn fill_cells(&mut self, draft: &Draft<'a>, cells: &mut [Cell]) {
        let item_count = self.plan.items.len();
        for (position, kept) in draft.responses.iter().enumerate() {
            if let Some((_, response)) = kept {
                cells[position] = self.cell_of(position % item_count, response);
            }
        }
        let inputs = self.inputs;
        let kept = |position: usize, field: Field| {
            let (source, _) = draft.responses[position].as_ref()?;
            Some(inputs[source.input].origin.response(source.entity, source.response, field))
        };
        let (input, position) = draft.first;
        let first = || inputs[input].origin.entity(position, Field::ID);
        finish_cells(self.plan, &mut self.report, &draft.entity, cells, &kept, &first);
    }

    fn cell_of(&self, item: ItemIndex, response: &Response) -> Cell {
        let plan = self.plan;
        let code_cell = |scale: usize, reversed: bool| {
            let Some(Lenient::Valid(answer)) = &response.answer else { return Cell::Unanswered };
            let scale_plan = &plan.scales[scale];
            let Some(code) = find_code(scale_plan, answer) else { return Cell::Unanswered };
            code_cell_of(scale_plan, code, reversed)
        };
        match &plan.items[item].kind {
            ItemKind::Element(element) => code_cell(element.scale, element.reversed),
            ItemKind::Measure(measure) => {
                match (&response.answer, &response.value, measure.codes) {
                    (Some(_), None, Some(scale)) => code_cell(scale, false),
                    (None, Some(Lenient::Valid(value)), _) if value.is_finite() => {
                        Cell::Value { value: *value }
                    }
                    _ => Cell::Unanswered,
                }
            }
        }
    }
}

/// Where the response kept in a cell came from: the location of one of its fields, by the
/// cell's position among the entity's cells; `None` when the cell has no response. Called only
/// to report an issue, or for cells left unanswered.
pub(crate) type Kept<'k> = dyn Fn(usize, Field) -> Option<Location> + 'k;

/// The steps after the responses of an entity are laid out in its cells, shared by every kind
/// of input: denominators divide values, closed gates set their elements' points, and items
/// left unanswered are reported at `first` (the entity's first record).
pub(crate) fn finish_cells(
    plan: &Plan,
    report: &mut Report,
    entity: &PreparedEntity,
    cells: &mut [Cell],
    kept: &Kept<'_>,
    first: &dyn Fn() -> Location,
) {
    let item_count = plan.items.len();

    // Denominators divide values of the same slot, or of the whole entity.
    for (item, plan_item) in plan.items.iter().enumerate() {
        let ItemKind::Measure(measure) = &plan_item.kind else { continue };
        let Some(denominator) = measure.denominator else { continue };
        for slot in 0..entity.units.len() {
            let Cell::Value { value } = cells[slot * item_count + item] else { continue };
            let divisor = match cells[slot * item_count + denominator] {
                Cell::Value { value } => Some(value),
                _ => match cells[denominator] {
                    Cell::Value { value } => Some(value),
                    _ => None,
                },
            };
            let location = kept(slot * item_count + item, Field::VALUE).unwrap_or_default();
            match divisor {
                Some(divisor) if divisor != 0.0 => {
                    cells[slot * item_count + item] = Cell::Value { value: value / divisor }
                }
                Some(_) => {
                    let issue = Issue::error(
                        IssueCode::InvalidDenominator,
                        location,
                        format!(
                            "`{}` is divided by `{}`, which is 0 for this entity",
                            plan_item.id, plan.items[denominator].id
                        ),
                    )
                    .with_entity(&entity.id)
                    .with_item(&plan_item.id);
                    report.push(issue);
                }
                None => {
                    let issue = Issue::warning(
                        IssueCode::InvalidDenominator,
                        location,
                        format!(
                            "`{}` is divided by `{}`, which has no value for this entity; `{}` counts as missing",
                            plan_item.id, plan.items[denominator].id, plan_item.id
                        ),
                    )
                    .with_entity(&entity.id)
                    .with_item(&plan_item.id);
                    report.push(issue);
                    cells[slot * item_count + item] = Cell::Unanswered;
                }
            }
        }
    }

    // Closed gates: the gate of an item is read in the same slot when the gate is scored
    // by unit, else for the entity as a whole.
    for (item, plan_item) in plan.items.iter().enumerate() {
        let ItemKind::Element(element) = &plan_item.kind else { continue };
        let Some(gate) = &element.gate else { continue };
        let gate_by_unit =
            plan.items[gate.element].node.is_some_and(|node| plan.nodes[node].units.is_some());
        for slot in 0..entity.units.len() {
            let gate_slot = if gate_by_unit { slot } else { 0 };
            let closed = match cells[gate_slot * item_count + gate.element] {
                Cell::Answered { code, .. } | Cell::Excluded { code } => {
                    gate.closes.get(usize::from(code)).copied().unwrap_or(false)
                }
                _ => false,
            };
            if !closed {
                continue;
            }
            let lowest = plan.scales[element.scale].lowest;
            let cell = &mut cells[slot * item_count + item];
            let (code, answered) = match *cell {
                Cell::Answered { code, points } => (Some(code), Some(points)),
                Cell::Excluded { code } => (Some(code), None),
                _ => (None, None),
            };
            if answered.is_some_and(|points| points > lowest)
                && let Some(location) = kept(slot * item_count + item, Field::ANSWER)
            {
                let issue = Issue::warning(
                    IssueCode::GateClosed,
                    location,
                    format!(
                        "`{}` is answered, but its gate `{}` is closed, so it scores {} whatever it says",
                        plan_item.id,
                        plan.items[gate.element].id,
                        crate::round::trim_float(lowest)
                    ),
                )
                .with_entity(&entity.id)
                .with_item(&plan_item.id);
                report.push(issue);
            }
            *cell = Cell::Gated { points: lowest, code };
        }
    }

    report_unanswered(plan, report, entity, cells, kept, first);
}

fn report_unanswered(
    plan: &Plan,
    report: &mut Report,
    entity: &PreparedEntity,
    cells: &[Cell],
    kept: &Kept<'_>,
    first: &dyn Fn() -> Location,
) {
    let item_count = plan.items.len();
    let mut missing: Vec<String> = Vec::new();
    for (item, plan_item) in plan.items.iter().enumerate() {
        let unit_rule = plan_item.node.and_then(|node| plan.nodes[node].units.as_ref());
        let slots = match unit_rule {
            None => 0..1,
            Some(_) => 1..entity.units.len(),
        };
        let assessed = |slot: usize| {
            let Some(rule) = unit_rule else { return true };
            let class = entity.units[slot].class;
            rule.parts.iter().any(|part| Some(&part.class) == class.map(|c| &plan.unit_classes[c]))
        };
        for slot in slots.filter(|&slot| assessed(slot)) {
            // An item answered with an error is reported as such, not as unanswered.
            let responded = kept(slot * item_count + item, Field::NONE).is_some();
            if cells[slot * item_count + item] == Cell::Unanswered && !responded {
                missing.push(match slot {
                    0 => plan_item.id.clone(),
                    _ => format!("{} ({})", plan_item.id, entity.units[slot].id),
                });
            }
        }
    }
    if missing.is_empty() {
        return;
    }
    let location = first();
    let message = format!(
        "{} item(s) not answered for `{}`: {}",
        missing.len(),
        entity.id,
        list(missing.iter().map(String::as_str))
    );
    let issue = match plan.unanswered {
        UnansweredPolicy::Missing => Issue::warning(IssueCode::Unanswered, location, message)
            .with_hint("unanswered items count as missing data: they are left out of means and lower coverage"),
        UnansweredPolicy::Error => Issue::error(IssueCode::Unanswered, location, message)
            .with_hint("the spec requires every item to be answered; use `not_applicable` where it does not apply"),
    };
    report.push(issue.with_entity(&entity.id));
}

/// The warning that evidence rules were left out on request.
pub(crate) fn evidence_not_checked() -> Issue {
    Issue::warning(
        IssueCode::EvidenceNotChecked,
        Location::default(),
        "evidence was not checked: the spec's evidence rules were left out on request".to_owned(),
    )
    .with_hint("scores do not depend on evidence; validate with evidence checks before publishing")
}

/// The item an id names: as written, or once trimmed and normalised.
pub(crate) fn find_item(plan: &Plan, id: &str) -> Option<ItemIndex> {
    plan.item_index.get(id).copied().or_else(|| {
        let key = identity_key(id.trim());
        plan.item_index.get(key.as_str()).copied()
    })
}

/// The position of an answer among the codes of a scale: as written, or once trimmed and
/// normalised.
pub(crate) fn find_code(scale: &crate::spec::plan::ScalePlan, answer: &str) -> Option<usize> {
    scale.code_index(answer).or_else(|| scale.code_index(&identity_key(answer.trim())))
}

/// The cell of an answer given as the position of its code (reversal applied).
pub(crate) fn code_cell_of(
    scale: &crate::spec::plan::ScalePlan,
    code: usize,
    reversed: bool,
) -> Cell {
    let code16 = u16::try_from(code).unwrap_or(u16::MAX);
    match scale.points[code] {
        None => Cell::Excluded { code: code16 },
        Some(points) if reversed => {
            Cell::Answered { code: code16, points: scale.highest + scale.lowest - points }
        }
        Some(points) => Cell::Answered { code: code16, points },
    }
}

/// Whether an assessment made against spec version `named` can be scored with version `spec`:
/// the versions are equal once their build metadata (`+…`) is set aside. Builds of one version
/// share its items and answers: a copy reweighted for sensitivity analysis
/// (`1.0.0+reweighted`), or a published index's methodology variants (`1.0.0+zscore-amean`).
fn same_version(named: &str, spec: &str) -> bool {
    let release = |version: &str| version.split('+').next().unwrap_or("").trim().to_owned();
    release(named) == release(spec)
}

/// A JSON value as a volunteer would recognise it: text without its quotes.
fn display_value(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
