//! Validation: checks assessments against a spec, reporting every problem at once, and turns
//! what is valid into a dense table of answers ready for scoring.

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
                        self.repeated_entity(
                            &drafts[position],
                            input_position,
                            entity_position,
                            entity,
                            &id,
                        );
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

    /// Checks the file-level fields; returns the cycle.
    fn check_files(&mut self) -> Option<i64> {
        let mut cycle: Option<(i64, usize)> = None;
        for (position, input) in self.inputs.iter().enumerate() {
            let origin = &input.origin;
            let file = &input.file;
            let is_table = matches!(origin.layout, Layout::Table { .. });
            let is_file = matches!(origin.layout, Layout::Json | Layout::Table { csv: true, .. });
            match &file.spec {
                Some(Lenient::Valid(named)) => {
                    if identity_key(&named.id) != identity_key(self.spec.id()) {
                        let issue = Issue::error(
                            IssueCode::UnknownSpec,
                            origin.top("spec/id", "spec"),
                            format!(
                                "the file was assessed against spec `{}`, not `{}`",
                                named.id,
                                self.spec.id()
                            ),
                        )
                        .with_value(named.id.clone())
                        .with_hint(format!(
                            "score it with the spec it names, or correct `spec` to `{}`",
                            self.spec.id()
                        ));
                        self.push(issue);
                    } else if !same_version(&named.version, self.spec.version()) {
                        let issue = Issue::error(
                            IssueCode::SpecVersionMismatch,
                            origin.top("spec/version", "spec_version"),
                            format!(
                                "the file was assessed against version {} of the spec, and is scored with version {}",
                                named.version,
                                self.spec.version()
                            ),
                        )
                        .with_value(named.version.clone())
                        .with_hint("score it with the version it names; versions are not interchangeable");
                        self.push(issue);
                    }
                }
                Some(Lenient::Invalid(value)) => {
                    let issue = Issue::error(
                        IssueCode::WrongType,
                        origin.top("spec", "spec"),
                        "`spec` must name the spec's id and version".to_owned(),
                    )
                    .with_value(value.to_string())
                    .with_hint(format!(
                        "write {{\"id\": \"{}\", \"version\": \"{}\"}}",
                        self.spec.id(),
                        self.spec.version()
                    ));
                    self.push(issue);
                }
                None if is_file => {
                    let issue = Issue::warning(
                        IssueCode::MissingField,
                        origin.top("spec", "spec"),
                        "the file does not say which spec it was assessed against".to_owned(),
                    )
                    .with_hint(if is_table {
                        format!(
                            "add the columns `spec` and `spec_version` ({} and {})",
                            self.spec.id(),
                            self.spec.version()
                        )
                    } else {
                        format!(
                            "add \"spec\": {{\"id\": \"{}\", \"version\": \"{}\"}}",
                            self.spec.id(),
                            self.spec.version()
                        )
                    });
                    self.push(issue);
                }
                None => {}
            }
            match &file.cycle {
                Some(Lenient::Valid(year)) if (1900..=2200).contains(year) => {
                    match cycle {
                        Some((first, first_input)) if first != *year => {
                            let first_name =
                                self.inputs[first_input].origin.name.clone().unwrap_or_default();
                            let issue = Issue::error(
                            IssueCode::InvalidCycle,
                            origin.top("cycle", "cycle"),
                            format!("this file is cycle {year} but {first_name} is cycle {first}"),
                        )
                        .with_value(year.to_string())
                        .with_hint("score one cycle at a time; compare cycles with `report --previous`");
                            self.push(issue);
                        }
                        Some(_) => {}
                        None => cycle = Some((*year, position)),
                    }
                }
                Some(other) => {
                    let shown = match other {
                        Lenient::Valid(year) => year.to_string(),
                        Lenient::Invalid(value) => display_value(value),
                    };
                    let issue = Issue::error(
                        IssueCode::InvalidCycle,
                        origin.top("cycle", "cycle"),
                        "the cycle is not a year".to_owned(),
                    )
                    .with_value(shown)
                    .with_hint("write the year of the assessment as a whole number, such as 2026");
                    self.push(issue);
                }
                None if is_file => {
                    let issue = Issue::warning(
                        IssueCode::MissingField,
                        origin.top("cycle", "cycle"),
                        "the file does not say which cycle (year) it assesses".to_owned(),
                    )
                    .with_hint(if is_table {
                        "add a `cycle` column with the year, such as 2026"
                    } else {
                        "add \"cycle\": 2026"
                    });
                    self.push(issue);
                }
                None => {}
            }
            for (key, _) in &file.extra {
                let location = origin.extra(None, None, key);
                let known =
                    ["$schema", "spec", "cycle", "fictional", "note", "aliases", "entities"];
                self.unknown_field(location, key, &known, None);
            }
        }
        cycle.map(|(year, _)| year)
    }

    /// A table with a column per item (one row per entity) is wide, where the format is long
    /// (one row per entity and item): its cells would be ignored, so say how to reshape it.
    fn check_wide_table(&mut self, input: &Assessment) {
        if !matches!(input.origin.layout, Layout::Table { .. }) {
            return;
        }
        let items: Vec<&str> = input
            .load_report
            .issues
            .iter()
            .filter(|issue| issue.code == IssueCode::UnknownField)
            .filter_map(|issue| issue.location.column.as_deref())
            .filter(|column| self.plan.item_index.contains_key(*column))
            .collect();
        let Some(first) = items.first() else { return };
        let location = Location {
            column: Some((*first).to_owned()),
            ..Location::file(input.origin.name.as_deref())
        };
        let issue = Issue::error(
            IssueCode::UnknownField,
            location,
            format!(
                "the table has a column per item ({}): it is wide, and the format is long, one \
                 row per entity and item",
                list(items.iter().copied())
            ),
        )
        .with_value(*first)
        .with_hint(
            "reshape it to the columns entity, item and answer (or value); in pandas: \
             df.melt(id_vars=\"entity\", var_name=\"item\", value_name=\"answer\")",
        );
        self.push(issue);
    }

    fn unknown_field(
        &mut self,
        location: Location,
        key: &str,
        known: &[&str],
        entity: Option<&str>,
    ) {
        let mut issue = Issue::warning(
            IssueCode::UnknownField,
            location,
            format!("`{key}` is not a field of this format; it is kept but not used"),
        )
        .with_value(key);
        issue.hint = did_you_mean(key, known.iter().copied())
            .or_else(|| Some(format!("known fields: {}", known.join(", "))));
        if let Some(entity) = entity {
            issue = issue.with_entity(entity);
        }
        self.push(issue);
    }

    /// The alias table of every input and of the options, by identity key.
    fn aliases(&mut self) -> HashMap<String, String> {
        let mut aliases: HashMap<String, String> = HashMap::new();
        let mut sources: Vec<(String, String, Location)> = Vec::new();
        for input in self.inputs {
            match &input.file.aliases {
                Some(Lenient::Valid(table)) => {
                    for (alias, id) in table {
                        let location = input.origin.top(&format!("aliases/{alias}"), "");
                        sources.push((alias.clone(), id.clone(), location));
                    }
                }
                Some(Lenient::Invalid(value)) => {
                    let issue = Issue::error(
                        IssueCode::WrongType,
                        input.origin.top("aliases", ""),
                        "`aliases` must map other ids to entity ids".to_owned(),
                    )
                    .with_value(display_value(value))
                    .with_hint("write {\"OLD\": \"NEW\"}");
                    self.push(issue);
                }
                None => {}
            }
        }
        for (alias, id) in &self.options.aliases {
            sources.push((alias.clone(), id.clone(), Location::default()));
        }
        for (alias, id, _) in &sources {
            aliases.insert(identity_key(alias), identity_key(id));
        }
        for (alias, id, location) in sources {
            if aliases.contains_key(&identity_key(&id)) {
                let issue = Issue::error(
                    IssueCode::UnknownAlias,
                    location,
                    format!("alias `{alias}` points to `{id}`, which is itself an alias"),
                )
                .with_value(id)
                .with_hint("point every alias at the entity's current id");
                self.push(issue);
            }
        }
        aliases
    }

    /// The entity's id as text, or `None` (with an issue) when it has none usable.
    fn entity_id(&mut self, input: usize, position: usize, entity: &Entity) -> Option<String> {
        let origin = self.origin(input);
        let location = origin.entity(position, Field::ID);
        match &entity.id {
            None => {
                let issue = Issue::error(
                    IssueCode::MissingField,
                    location,
                    "the entity has no id".to_owned(),
                )
                .with_hint("give every entity a stable id, such as its abbreviation in lowercase");
                self.push(issue);
                None
            }
            Some(Lenient::Valid(id)) => {
                if id.trim().is_empty() {
                    let issue = Issue::error(
                        IssueCode::InvalidId,
                        location,
                        "the entity's id is empty".to_owned(),
                    )
                    .with_hint("give every entity a stable id");
                    self.push(issue);
                    return None;
                }
                // Spreadsheets and JavaScript write a missing number as NaN; such an id is a
                // data error, not a party, whether it came as a number or as text.
                if matches!(
                    id.trim().to_ascii_lowercase().as_str(),
                    "nan" | "inf" | "-inf" | "infinity" | "-infinity"
                ) {
                    let issue = Issue::error(
                        IssueCode::InvalidId,
                        location,
                        "the entity's id is a number that is not finite, not an id".to_owned(),
                    )
                    .with_value(id.clone())
                    .with_hint(
                        "give the entity its id; a missing number in a spreadsheet shows as NaN",
                    );
                    self.push(issue);
                    return None;
                }
                if id.trim() != id {
                    let issue = Issue::warning(
                        IssueCode::InvalidId,
                        location,
                        "the entity's id has spaces around it; they are ignored when matching"
                            .to_owned(),
                    )
                    .with_value(id.clone())
                    .with_entity(id.trim());
                    self.push(issue);
                }
                Some(id.trim().to_owned())
            }
            Some(Lenient::Invalid(Value::Number(number))) => {
                // A whole number as written, or a float (from a spreadsheet or DataFrame) that
                // holds one: shown without a decimal point.
                let whole = number.as_u64().map(|n| n.to_string()).or_else(|| {
                    number.as_i64().map(|n| n.to_string()).or_else(|| {
                        number.as_f64().filter(|f| f.fract() == 0.0).map(|f| format!("{f:.0}"))
                    })
                });
                let magnitude = number.as_f64().map_or(f64::INFINITY, f64::abs);
                match whole {
                    Some(id) if magnitude <= MAX_SAFE_INTEGER as f64 => {
                        let issue = Issue::warning(
                            IssueCode::IdAsNumber,
                            location,
                            format!("the entity's id is written as the number {id}; it is read as the text \"{id}\""),
                        )
                        .with_value(id.clone())
                        .with_entity(id.clone())
                        .with_hint(format!("write it in quotes: \"{id}\""));
                        self.push(issue);
                        Some(id)
                    }
                    Some(id) => {
                        let issue = Issue::error(
                            IssueCode::InvalidId,
                            location,
                            "the entity's id is a number too large to be told apart from its \
                             neighbours in JavaScript (above 2^53 − 1)"
                                .to_owned(),
                        )
                        .with_value(id.clone())
                        .with_hint(format!("write the id as text, in quotes: \"{id}\""));
                        self.push(issue);
                        None
                    }
                    None => {
                        let issue = Issue::error(
                            IssueCode::InvalidId,
                            location,
                            format!("the entity's id is the number {number}, which is not a whole number; ids are text"),
                        )
                        .with_value(number.to_string())
                        .with_hint("write the id as text, in quotes");
                        self.push(issue);
                        None
                    }
                }
            }
            Some(Lenient::Invalid(value)) => {
                let issue = Issue::error(
                    IssueCode::WrongType,
                    location,
                    "the entity's id must be text".to_owned(),
                )
                .with_value(display_value(value));
                self.push(issue);
                None
            }
        }
    }

    fn entity_meta(
        &mut self,
        input: usize,
        position: usize,
        entity: &Entity,
        id: String,
        file_fictional: Option<bool>,
    ) -> Option<PreparedEntity> {
        let origin = self.origin(input);
        let spec = self.spec.definition();

        for (key, _) in &entity.extra {
            let known = [
                "id",
                "name",
                "abbreviation",
                "fictional",
                "signatory",
                "specVersion",
                "units",
                "responses",
            ];
            self.unknown_field(origin.extra(Some(position), None, key), key, &known, Some(&id));
        }
        let name = match &entity.name {
            Some(Lenient::Valid(name)) => name.clone(),
            Some(Lenient::Invalid(value)) => {
                let issue = Issue::error(
                    IssueCode::WrongType,
                    origin.entity(position, Field::NAME),
                    "`name` must give the name in each language".to_owned(),
                )
                .with_value(display_value(value))
                .with_entity(&id)
                .with_hint("write {\"en\": \"…\", \"fr\": \"…\", \"ar\": \"…\"}");
                self.push(issue);
                Text::default()
            }
            None => Text::default(),
        };
        let missing: Vec<&str> = spec
            .languages
            .iter()
            .filter(|language| name.exactly(language).is_none_or(|n| n.trim().is_empty()))
            .map(String::as_str)
            .collect();
        // A table built in memory (a DataFrame) often carries no names at all; a file that is
        // published must name its entities for readers.
        let named_or_file = entity.name.is_some() || !origin.is_in_memory_table();
        if !missing.is_empty() && named_or_file {
            let mut location = origin.entity(position, Field::NAME);
            if location.column.is_some() {
                location.column = Some(format!("entity_name_{}", missing[0]));
            }
            let issue = Issue::warning(
                IssueCode::MissingName,
                location,
                format!("the entity has no name in {}", missing.join(", ")),
            )
            .with_entity(&id)
            .with_hint("readers in every language of the spec see the entity's name");
            self.push(issue);
        }
        let abbreviation = self.text_field(
            entity.abbreviation.as_ref(),
            origin.entity(position, Field::NONE),
            "abbreviation",
            &id,
        );
        let fictional = match (&entity.fictional, file_fictional) {
            (Some(Lenient::Valid(flag)), file) => {
                if file == Some(true) && !flag {
                    let issue = Issue::error(
                        IssueCode::FictionalMismatch,
                        origin.entity(position, Field::FICTIONAL),
                        "the file is marked fictional but this entity is marked real".to_owned(),
                    )
                    .with_entity(&id)
                    .with_hint("keep real parties out of demo and test files");
                    self.push(issue);
                }
                *flag
            }
            (Some(Lenient::Invalid(value)), _) => {
                let issue = Issue::error(
                    IssueCode::WrongType,
                    origin.entity(position, Field::FICTIONAL),
                    "`fictional` must be true or false".to_owned(),
                )
                .with_value(display_value(value))
                .with_entity(&id);
                self.push(issue);
                false
            }
            (None, file) => file.unwrap_or(false),
        };
        let signatory = match &entity.signatory {
            Some(Lenient::Valid(signature)) => {
                let spot = Spot::Entity { input, entity: position, field: Field::SIGNATORY };
                self.check_date(&signature.signed, spot, &id, "signature date");
                Some(signature.clone())
            }
            Some(Lenient::Invalid(value)) => {
                let issue = Issue::error(
                    IssueCode::WrongType,
                    origin.entity(position, Field::SIGNATORY),
                    "`signatory` must give the date signed and the charter version".to_owned(),
                )
                .with_value(display_value(value))
                .with_entity(&id)
                .with_hint("write {\"signed\": \"2025-06-01\", \"charterVersion\": \"1.0.0\"}");
                self.push(issue);
                None
            }
            None => None,
        };
        match &entity.spec_version {
            Some(Lenient::Valid(version)) if !same_version(version, self.spec.version()) => {
                let issue = Issue::error(
                    IssueCode::SpecVersionMismatch,
                    origin.entity(position, Field::SPEC_VERSION),
                    format!(
                        "the entity was assessed against version {version} of the spec, and is scored with version {}",
                        self.spec.version()
                    ),
                )
                .with_value(version.clone())
                .with_entity(&id)
                .with_hint("reassess it against this version, or score it with the version it names");
                self.push(issue);
            }
            Some(Lenient::Invalid(value)) => {
                let issue = Issue::error(
                    IssueCode::WrongType,
                    origin.entity(position, Field::SPEC_VERSION),
                    "`specVersion` must be text such as \"1.0.0\"".to_owned(),
                )
                .with_value(display_value(value))
                .with_entity(&id);
                self.push(issue);
            }
            _ => {}
        }

        let mut units =
            vec![PreparedUnit { id: String::new(), class: None, name: Text::default() }];
        match &entity.units {
            Some(Lenient::Valid(declared)) => {
                for (unit_position, unit) in declared.iter().enumerate() {
                    let location = origin.entity(position, Field::UNITS);
                    let class =
                        self.plan.unit_classes.iter().position(|known| *known == unit.class);
                    if class.is_none() {
                        let mut issue = Issue::error(
                            IssueCode::UnknownUnit,
                            location.clone(),
                            format!(
                                "unit `{}` has class `{}`, which the spec does not define",
                                unit.id, unit.class
                            ),
                        )
                        .with_value(unit.class.clone())
                        .with_entity(&id);
                        issue.hint = did_you_mean(
                            &unit.class,
                            self.plan.unit_classes.iter().map(String::as_str),
                        )
                        .or_else(|| {
                            Some(format!(
                                "unit classes: {}",
                                list(self.plan.unit_classes.iter().map(String::as_str))
                            ))
                        });
                        self.push(issue);
                    }
                    if declared[..unit_position].iter().any(|earlier| earlier.id == unit.id)
                        || unit.id.is_empty()
                    {
                        let issue = Issue::error(
                            IssueCode::InvalidId,
                            location,
                            format!("unit id `{}` is empty or declared twice", unit.id),
                        )
                        .with_entity(&id);
                        self.push(issue);
                    }
                    units.push(PreparedUnit {
                        id: unit.id.clone(),
                        class,
                        name: unit.name.clone(),
                    });
                }
            }
            Some(Lenient::Invalid(value)) => {
                let issue = Issue::error(
                    IssueCode::WrongType,
                    origin.entity(position, Field::UNITS),
                    "`units` must list the entity's units with their id and class".to_owned(),
                )
                .with_value(display_value(value))
                .with_entity(&id);
                self.push(issue);
            }
            None => {}
        }

        Some(PreparedEntity { id, name, abbreviation, fictional, signatory, units, offset: 0 })
    }

    fn text_field(
        &mut self,
        value: Option<&Lenient<String>>,
        location: Location,
        field: &str,
        entity: &str,
    ) -> Option<String> {
        match value {
            Some(Lenient::Valid(text)) => Some(text.clone()),
            Some(Lenient::Invalid(value)) => {
                let issue =
                    Issue::error(IssueCode::WrongType, location, format!("`{field}` must be text"))
                        .with_value(display_value(value))
                        .with_entity(entity);
                self.push(issue);
                None
            }
            None => None,
        }
    }

    /// A record of an entity already seen: merged, with a warning, unless it contradicts the
    /// first record.
    fn repeated_entity(
        &mut self,
        first: &Draft<'a>,
        input: usize,
        position: usize,
        entity: &Entity,
        id: &str,
    ) {
        let origin = self.origin(input);
        let first_location = self.origin(first.first.0).entity(first.first.1, Field::NONE);
        let is_table_row = matches!(origin.layout, Layout::Table { .. }) && first.first.0 == input;
        if is_table_row {
            return;
        }
        // A record found through an alias may carry the entity's former name.
        let through_alias = identity_key(id) != identity_key(&first.entity.id);
        let names_differ = !through_alias
            && match &entity.name {
                Some(Lenient::Valid(name)) => name.0.iter().any(|(language, text)| {
                    first.entity.name.exactly(language).is_some_and(|known| known != text)
                }),
                _ => false,
            };
        let severity_error = names_differ;
        let message = if names_differ {
            format!(
                "entity `{id}` appears again here with a different name than at {first_location}"
            )
        } else {
            format!(
                "entity `{id}` appears again here (first at {first_location}); the two records are merged"
            )
        };
        let location = origin.entity(position, Field::ID);
        let issue = if severity_error {
            Issue::error(IssueCode::DuplicateEntity, location, message)
        } else {
            Issue::warning(IssueCode::DuplicateEntity, location, message)
        };
        self.push(
            issue
                .with_entity(id)
                .with_value(id)
                .with_hint("give each entity once, or map its other ids to one with `aliases`"),
        );
    }

    fn add_response(&mut self, draft: &mut Draft<'a>, source: Source, response: &'a Response) {
        let origin = self.origin(source.input);
        let entity_id = draft.entity.id.as_str();
        let at = |field: Field| Spot::Response(source, field);

        // A table's unknown columns were reported once each when its header was read
        // (`TableHeader`); repeating that on every row would bury the report.
        let table = matches!(origin.layout, Layout::Table { .. });
        for (key, _) in response.extra.iter().filter(|_| !table) {
            let location = origin.extra(Some(source.entity), Some(source.response), key);
            let known = ["item", "unit", "answer", "value", "evidence", "coder", "reviewer"];
            self.unknown_field(location, key, &known, Some(entity_id));
        }
        let item_id = match &response.item {
            Some(Lenient::Valid(item)) => item.clone(),
            Some(Lenient::Invalid(value)) => {
                let issue = Issue::error(
                    IssueCode::WrongType,
                    self.locate(at(Field::ITEM)),
                    "`item` must be an item id".to_owned(),
                )
                .with_value(display_value(value))
                .with_entity(entity_id);
                self.push(issue);
                return;
            }
            None => {
                let issue = Issue::error(
                    IssueCode::MissingField,
                    self.locate(at(Field::ITEM)),
                    "the response names no item".to_owned(),
                )
                .with_entity(entity_id)
                .with_hint("give the element or measure id, such as T1.01 or T2.m1");
                self.push(issue);
                return;
            }
        };
        let Some(item) = self.find_item(&item_id) else {
            let mut issue = Issue::error(
                IssueCode::UnknownItem,
                self.locate(at(Field::ITEM)),
                format!(
                    "spec `{}` {} has no element or measure `{item_id}`",
                    self.spec.id(),
                    self.spec.version()
                ),
            )
            .with_value(item_id.clone())
            .with_entity(entity_id);
            issue.hint = did_you_mean(&item_id, self.plan.item_index.keys().map(String::as_str));
            self.push(issue);
            return;
        };
        let plan_item = &self.plan.items[item];
        let unit_node = plan_item.node.and_then(|node| self.plan.nodes[node].units.as_ref());

        let slot = match (&response.unit, unit_node) {
            (None, None) => 0,
            (Some(Lenient::Valid(unit)), Some(_)) => {
                match draft.entity.units.iter().skip(1).position(|known| known.id == *unit) {
                    Some(position) => position + 1,
                    None => {
                        let declared: Vec<&str> =
                            draft.entity.units.iter().skip(1).map(|u| u.id.as_str()).collect();
                        let mut issue = Issue::error(
                            IssueCode::UnknownUnit,
                            self.locate(at(Field::UNIT)),
                            format!("entity `{entity_id}` declares no unit `{unit}`"),
                        )
                        .with_value(unit.clone())
                        .with_entity(entity_id)
                        .with_item(&item_id);
                        issue.hint = did_you_mean(unit, declared.iter().copied()).or_else(|| {
                            Some(format!("declared units: {}", list(declared.iter().copied())))
                        });
                        self.push(issue);
                        return;
                    }
                }
            }
            (Some(Lenient::Valid(unit)), None) => {
                let issue = Issue::error(
                    IssueCode::UnknownUnit,
                    self.locate(at(Field::UNIT)),
                    format!("`{item_id}` is scored for the entity as a whole, not by unit"),
                )
                .with_value(unit.clone())
                .with_entity(entity_id)
                .with_item(&item_id)
                .with_hint("leave `unit` empty for this item");
                self.push(issue);
                return;
            }
            (None, Some(_)) => {
                let issue = Issue::error(
                    IssueCode::MissingField,
                    self.locate(at(Field::UNIT)),
                    format!("`{item_id}` is scored by unit, and the response names no unit"),
                )
                .with_entity(entity_id)
                .with_item(&item_id)
                .with_hint(
                    "give the unit (group, operating company or service) the answer is about",
                );
                self.push(issue);
                return;
            }
            (Some(Lenient::Invalid(value)), _) => {
                let issue = Issue::error(
                    IssueCode::WrongType,
                    self.locate(at(Field::UNIT)),
                    "`unit` must be a unit id".to_owned(),
                )
                .with_value(display_value(value))
                .with_entity(entity_id);
                self.push(issue);
                return;
            }
        };

        let answer_code = self.check_answer(item, response, source, entity_id, &item_id);
        if !self.options.skip_evidence {
            self.check_evidence(response, source, entity_id, &item_id, answer_code);
        }

        let item_count = self.plan.items.len();
        match draft.response(slot, item, item_count) {
            Some((first, existing)) => {
                let first_location =
                    self.origin(first.input).response(first.entity, first.response, Field::NONE);
                let same = existing.answer == response.answer && existing.value == response.value;
                let unit_text = match slot {
                    0 => String::new(),
                    _ => format!(" for unit `{}`", draft.entity.units[slot].id),
                };
                let message = if same {
                    format!(
                        "`{item_id}`{unit_text} is answered again here, the same way as at {first_location}; one answer is kept"
                    )
                } else {
                    format!(
                        "`{item_id}`{unit_text} is answered again here, differently from {first_location}"
                    )
                };
                let issue = if same {
                    Issue::warning(
                        IssueCode::DuplicateResponse,
                        self.locate(at(Field::ITEM)),
                        message,
                    )
                } else {
                    Issue::error(
                        IssueCode::DuplicateResponse,
                        self.locate(at(Field::ITEM)),
                        message,
                    )
                    .with_hint("keep the answer that is right and delete the other row")
                };
                self.push(issue.with_entity(entity_id).with_item(&item_id));
            }
            None => draft.responses[slot * item_count + item] = Some((source, response)),
        }
    }

    fn find_item(&self, id: &str) -> Option<ItemIndex> {
        find_item(self.plan, id)
    }

    /// Checks the answer or value of a response; returns the answer code, or `value` for a
    /// measure's number, for the evidence rules.
    fn check_answer(
        &mut self,
        item: ItemIndex,
        response: &Response,
        source: Source,
        entity_id: &str,
        item_id: &str,
    ) -> Option<&'a str> {
        let origin = self.origin(source.input);
        let at = |field: Field| Spot::Response(source, field);
        let plan = self.plan;
        match &plan.items[item].kind {
            ItemKind::Element(element) => {
                if response.value.is_some() {
                    let issue = Issue::error(
                        IssueCode::AnswerOrValue,
                        self.locate(at(Field::VALUE)),
                        format!("`{item_id}` is an element: it takes an answer, not a value"),
                    )
                    .with_entity(entity_id)
                    .with_item(item_id)
                    .with_hint(format!(
                        "accepted answers: {}",
                        list(plan.scales[element.scale].codes.iter().map(String::as_str))
                    ));
                    self.push(issue);
                }
                self.check_code(
                    response.answer.as_ref(),
                    element.scale,
                    at(Field::ANSWER),
                    entity_id,
                    item_id,
                    response.value.is_none(),
                )
            }
            ItemKind::Measure(measure) => match (&response.answer, &response.value) {
                (Some(_), Some(_)) => {
                    let issue = Issue::error(
                        IssueCode::AnswerOrValue,
                        self.locate(at(Field::ANSWER)),
                        format!("`{item_id}` has both an answer and a value; give one"),
                    )
                    .with_entity(entity_id)
                    .with_item(item_id);
                    self.push(issue);
                    None
                }
                (Some(_), None) => match measure.codes {
                    Some(scale) => self.check_code(
                        response.answer.as_ref(),
                        scale,
                        at(Field::ANSWER),
                        entity_id,
                        item_id,
                        true,
                    ),
                    None => {
                        let issue = Issue::error(
                                IssueCode::AnswerOrValue,
                                self.locate(at(Field::ANSWER)),
                                format!("`{item_id}` is a measure: it takes a number in `value`, not an answer"),
                            )
                            .with_entity(entity_id)
                            .with_item(item_id);
                        self.push(issue);
                        None
                    }
                },
                (None, Some(value)) => {
                    self.check_value(value, measure, at(Field::VALUE), origin, entity_id, item_id);
                    Some("value")
                }
                (None, None) => {
                    let codes = measure.codes.map(|scale| {
                        format!(
                            ", or one of the codes {}",
                            list(plan.scales[scale].codes.iter().map(String::as_str))
                        )
                    });
                    let issue = Issue::error(
                        IssueCode::AnswerOrValue,
                        self.locate(at(Field::VALUE)),
                        format!("`{item_id}` has neither a value nor an answer"),
                    )
                    .with_entity(entity_id)
                    .with_item(item_id)
                    .with_hint(format!("give the number measured{}", codes.unwrap_or_default()));
                    self.push(issue);
                    None
                }
            },
        }
    }

    fn check_code(
        &mut self,
        answer: Option<&Lenient<String>>,
        scale: usize,
        spot: Spot,
        entity_id: &str,
        item_id: &str,
        required: bool,
    ) -> Option<&'a str> {
        let plan: &'a Plan = self.plan;
        let codes = &plan.scales[scale].codes;
        let accepted = || format!("accepted: {}", list(codes.iter().map(String::as_str)));
        match answer {
            Some(Lenient::Valid(code)) => {
                if let Some(known) = find_code(&plan.scales[scale], code) {
                    return Some(&codes[known]);
                }
                let hint = match did_you_mean(code, codes.iter().map(String::as_str)) {
                    Some(suggestion) => format!("{}; {suggestion}", accepted()),
                    None => accepted(),
                };
                let issue = Issue::error(
                    IssueCode::AnswerNotOnScale,
                    self.locate(spot),
                    format!(
                        "the answer to `{item_id}` is not on its scale `{}`",
                        self.plan.scales[scale].id
                    ),
                )
                .with_value(code.clone())
                .with_entity(entity_id)
                .with_item(item_id)
                .with_hint(hint);
                self.push(issue);
                None
            }
            Some(Lenient::Invalid(value)) => {
                let issue = Issue::error(
                    IssueCode::WrongType,
                    self.locate(spot),
                    format!("the answer to `{item_id}` must be one of its scale's codes, as text"),
                )
                .with_value(display_value(value))
                .with_entity(entity_id)
                .with_item(item_id)
                .with_hint(accepted());
                self.push(issue);
                None
            }
            None if required => {
                let issue = Issue::error(
                    IssueCode::AnswerOrValue,
                    self.locate(spot),
                    format!("the response to `{item_id}` has no answer"),
                )
                .with_entity(entity_id)
                .with_item(item_id)
                .with_hint(accepted());
                self.push(issue);
                None
            }
            None => None,
        }
    }

    fn check_value(
        &mut self,
        value: &Lenient<f64>,
        measure: &crate::spec::plan::MeasurePlan,
        spot: Spot,
        origin: &Origin,
        entity_id: &str,
        item_id: &str,
    ) {
        let issue = match value {
            Lenient::Valid(number) if !number.is_finite() => Some(
                Issue::error(
                    IssueCode::NotFinite,
                    self.locate(spot),
                    format!("the value of `{item_id}` is not a finite number"),
                )
                .with_value(number.to_string()),
            ),
            Lenient::Valid(number) if !measure.domain.contains(*number) => {
                let bounds = match (measure.domain.min, measure.domain.max) {
                    (Some(min), Some(max)) => format!("from {min} to {max}"),
                    (Some(min), None) => format!("{min} or more"),
                    (None, Some(max)) => format!("{max} or less"),
                    (None, None) => String::new(),
                };
                Some(
                    Issue::error(
                        IssueCode::ValueOutOfDomain,
                        self.locate(spot),
                        format!("the value of `{item_id}` is outside what the measure accepts"),
                    )
                    .with_value(number.to_string())
                    .with_hint(format!("accepted: {bounds}")),
                )
            }
            Lenient::Valid(_) => None,
            Lenient::Invalid(Value::String(text)) => {
                let from_text = matches!(origin.layout, Layout::Table { .. });
                Some(match parse_number(text, origin.decimal()) {
                    Err(error) if error.not_finite => Issue::error(
                        IssueCode::NotFinite,
                        self.locate(spot),
                        format!("the value of `{item_id}` is not a finite number"),
                    )
                    .with_value(text.clone())
                    .with_hint(error.hint),
                    Err(error) => Issue::error(
                        IssueCode::NotANumber,
                        self.locate(spot),
                        format!("the value of `{item_id}` is not a number: {}", error.message),
                    )
                    .with_value(text.clone())
                    .with_hint(error.hint),
                    Ok(number) if !from_text => Issue::error(
                        IssueCode::NumberAsString,
                        self.locate(spot),
                        format!("the value of `{item_id}` is a number written as text"),
                    )
                    .with_value(text.clone())
                    .with_hint(format!("write it without quotes: {number}")),
                    Ok(_) => return,
                })
            }
            Lenient::Invalid(other) => Some(
                Issue::error(
                    IssueCode::WrongType,
                    self.locate(spot),
                    format!("the value of `{item_id}` must be a number"),
                )
                .with_value(display_value(other)),
            ),
        };
        if let Some(issue) = issue {
            self.push(issue.with_entity(entity_id).with_item(item_id));
        }
    }

    fn check_evidence(
        &mut self,
        response: &'a Response,
        source: Source,
        entity_id: &str,
        item_id: &str,
        answer: Option<&str>,
    ) {
        let origin = self.origin(source.input);
        let at = |field: Field| Spot::Response(source, field);
        let rules = &self.plan.evidence;
        let needs: EvidenceNeeds =
            answer.and_then(|code| rules.by_answer.get(code)).copied().unwrap_or_default();
        let evidence = response.evidence.as_ref();
        let answer_text = answer.unwrap_or("this answer");
        let describe = |what: &str| match answer {
            Some("value") => format!("a measured value of `{item_id}` needs {what}"),
            _ => format!("the answer `{answer_text}` to `{item_id}` needs {what}"),
        };

        if let Some(evidence) = evidence {
            for (key, _) in &evidence.extra {
                let location = origin.extra(
                    Some(source.entity),
                    Some(source.response),
                    &format!("evidence/{key}"),
                );
                self.unknown_field(
                    location,
                    key,
                    &["urls", "archivedUrl", "checked", "note"],
                    Some(entity_id),
                );
            }
        }

        let urls: &'a [String] = match evidence.and_then(|e| e.urls.as_ref()) {
            Some(Lenient::Valid(urls)) => urls,
            Some(Lenient::Invalid(Value::String(single))) => {
                let issue = Issue::error(
                    IssueCode::WrongType,
                    self.locate(at(Field::URLS)),
                    "`urls` must be a list of addresses".to_owned(),
                )
                .with_value(single.clone())
                .with_hint(format!("write [\"{single}\"]"));
                self.push(issue.with_entity(entity_id).with_item(item_id));
                std::slice::from_ref(single)
            }
            Some(Lenient::Invalid(value)) => {
                let issue = Issue::error(
                    IssueCode::WrongType,
                    self.locate(at(Field::URLS)),
                    "`urls` must be a list of addresses".to_owned(),
                )
                .with_value(display_value(value));
                self.push(issue.with_entity(entity_id).with_item(item_id));
                &[]
            }
            None => &[],
        };
        for url in urls {
            self.check_url(url, needs.https_only, at(Field::URLS), entity_id, item_id);
        }
        if urls.is_empty() {
            self.requirement(
                needs.url,
                IssueCode::MissingEvidence,
                at(Field::URLS),
                describe("the address of its evidence"),
                entity_id,
                item_id,
            );
        }

        let archived = self.optional_text(
            evidence.and_then(|e| e.archived_url.as_ref()),
            at(Field::ARCHIVED_URL),
            entity_id,
            item_id,
        );
        match archived {
            Some(url) => self.check_url(url, false, at(Field::ARCHIVED_URL), entity_id, item_id),
            None if !urls.is_empty() || needs.url == Requirement::Required => self.requirement(
                needs.archived_url,
                IssueCode::MissingArchive,
                at(Field::ARCHIVED_URL),
                describe("an archived copy of its evidence"),
                entity_id,
                item_id,
            ),
            None => {}
        }

        let checked = self.optional_text(
            evidence.and_then(|e| e.checked.as_ref()),
            at(Field::CHECKED),
            entity_id,
            item_id,
        );
        match checked {
            Some(date) => {
                self.check_date(date, at(Field::CHECKED), entity_id, "check date");
            }
            None => self.requirement(
                needs.checked,
                IssueCode::MissingCheckedDate,
                at(Field::CHECKED),
                describe("the date its evidence was checked"),
                entity_id,
                item_id,
            ),
        }

        let note = self.optional_text(
            evidence.and_then(|e| e.note.as_ref()),
            at(Field::NOTE),
            entity_id,
            item_id,
        );
        if note.is_none_or(|n| n.trim().is_empty()) {
            let what = if answer == Some("no_evidence") {
                "a note of where was searched"
            } else {
                "a note"
            };
            self.requirement(
                needs.note,
                IssueCode::MissingNote,
                at(Field::NOTE),
                describe(what),
                entity_id,
                item_id,
            );
        }

        let coder =
            self.optional_text(response.coder.as_ref(), at(Field::CODER), entity_id, item_id);
        if coder.is_none_or(|c| c.trim().is_empty()) {
            let message = format!("the response to `{item_id}` does not name its coder");
            self.requirement(
                rules.coder,
                IssueCode::MissingCoder,
                at(Field::CODER),
                message,
                entity_id,
                item_id,
            );
        }
        let reviewer =
            self.optional_text(response.reviewer.as_ref(), at(Field::REVIEWER), entity_id, item_id);
        if reviewer.is_none_or(|r| r.trim().is_empty()) {
            let message = format!("the response to `{item_id}` does not name its reviewer");
            self.requirement(
                rules.reviewer,
                IssueCode::MissingReviewer,
                at(Field::REVIEWER),
                message,
                entity_id,
                item_id,
            );
        }
    }

    fn optional_text(
        &mut self,
        value: Option<&'a Lenient<String>>,
        spot: Spot,
        entity_id: &str,
        item_id: &str,
    ) -> Option<&'a str> {
        match value {
            Some(Lenient::Valid(text)) => Some(text),
            Some(Lenient::Invalid(value)) => {
                let issue = Issue::error(
                    IssueCode::WrongType,
                    self.locate(spot),
                    "this field must be text".to_owned(),
                )
                .with_value(display_value(value))
                .with_entity(entity_id)
                .with_item(item_id);
                self.push(issue);
                None
            }
            None => None,
        }
    }

    fn requirement(
        &mut self,
        requirement: Requirement,
        code: IssueCode,
        spot: Spot,
        message: String,
        entity_id: &str,
        item_id: &str,
    ) {
        let issue = match requirement {
            Requirement::Required => Issue::error(code, self.locate(spot), message),
            Requirement::Recommended => Issue::warning(code, self.locate(spot), message),
            Requirement::Optional => return,
        };
        self.push(issue.with_entity(entity_id).with_item(item_id));
    }

    fn check_url(
        &mut self,
        url: &str,
        https_only: bool,
        spot: Spot,
        entity_id: &str,
        item_id: &str,
    ) {
        let (message, hint) = match crate::web_address::check(url) {
            Ok(crate::web_address::Scheme::Https) => return,
            Ok(crate::web_address::Scheme::Http) if !https_only => return,
            Ok(crate::web_address::Scheme::Http) => (
                "the evidence address uses http; the spec requires https",
                "use the https:// address of the page",
            ),
            Err(problem) => (problem.message, problem.hint),
        };
        let issue = Issue::error(IssueCode::InvalidUrl, self.locate(spot), message.to_owned())
            .with_value(url.trim())
            .with_entity(entity_id)
            .with_item(item_id)
            .with_hint(hint);
        self.push(issue);
    }

    fn check_date(&mut self, text: &str, spot: Spot, entity_id: &str, what: &str) {
        match parse_date(text) {
            None => {
                let issue = Issue::error(
                    IssueCode::InvalidDate,
                    self.locate(spot),
                    format!("the {what} is not a real date"),
                )
                .with_value(text)
                .with_entity(entity_id)
                .with_hint("write dates as YYYY-MM-DD, such as 2026-03-15");
                self.push(issue);
            }
            Some(date) => {
                if let Some(today) = self.options.today
                    && date > today
                {
                    let issue = Issue::error(
                        IssueCode::FutureDate,
                        self.locate(spot),
                        format!("the {what} is in the future"),
                    )
                    .with_value(text)
                    .with_entity(entity_id)
                    .with_hint(format!(
                        "today is {}; give the date the evidence was actually checked",
                        format_date(today)
                    ));
                    self.push(issue);
                }
            }
        }
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
