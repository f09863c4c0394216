//! Checks of entities: ids that are usable and given once, names in every language, the
//! `fictional` flag, and the units (a company's services, say) an entity is assessed at.

use super::*;

impl<'a> Preparer<'a> {
    /// The entity's id as text, or `None` (with an issue) when it has none usable.
    pub(super) fn entity_id(
        &mut self,
        input: usize,
        position: usize,
        entity: &Entity,
    ) -> Option<String> {
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

    pub(super) fn entity_meta(
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
            let hint = if location.column.is_some() {
                location.column = Some(format!("entity_name_{}", missing[0]));
                let columns: Vec<String> =
                    missing.iter().map(|language| format!("`entity_name_{language}`")).collect();
                format!(
                    "fill in {} on one of the entity's rows: published pages show its name in \
                     every language of the spec",
                    columns.join(", ")
                )
            } else {
                let names: Vec<String> =
                    missing.iter().map(|language| format!("\"{language}\": \"…\"")).collect();
                format!(
                    "add {} to the entity's `name`: published pages show its name in every \
                     language of the spec",
                    names.join(", ")
                )
            };
            let issue = Issue::warning(
                IssueCode::MissingName,
                location,
                format!("the entity has no name in {}", missing.join(", ")),
            )
            .with_entity(&id)
            .with_hint(hint);
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
                self.check_date(&signature.signed, spot, &id, None, "signature date");
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

    /// Entities whose ids differ only in letter case (`PHN` and `phn`): to the engine they are
    /// two entities, but they are almost always one party typed two ways, which scored apart
    /// would lose the answers given under the other spelling and appear twice in the ranking.
    /// An error at each later spelling, naming the first.
    pub(super) fn ids_differing_in_case(&mut self, drafts: &[Draft<'a>]) {
        let mut first_by_folded: HashMap<String, usize> = HashMap::new();
        for (position, draft) in drafts.iter().enumerate() {
            let id = &draft.entity.id;
            let folded = id.to_lowercase();
            let Some(&first) = first_by_folded.get(&folded) else {
                first_by_folded.insert(folded, position);
                continue;
            };
            let first = &drafts[first];
            let first_location = self.origin(first.first.0).entity(first.first.1, Field::NONE);
            let location = self.origin(draft.first.0).entity(draft.first.1, Field::ID);
            let message = format!(
                "entity `{id}` differs from entity `{}` (first at {first_location}) only in \
                 letter case; ids are case-sensitive, so they would be scored as two entities",
                first.entity.id
            );
            let issue = Issue::error(IssueCode::DuplicateEntity, location, message)
                .with_entity(id)
                .with_value(id)
                .with_hint(format!(
                    "write the id the same way everywhere (`{}`), or map one spelling to the \
                     other with `aliases`; two different entities need ids that differ in more \
                     than case",
                    first.entity.id
                ));
            self.push(issue);
        }
    }

    /// A record of an entity already seen: merged, with a warning, unless it contradicts the
    /// first record. Returns whether its responses are to be merged: a record that contradicts
    /// the first is most often another entity given a copied id, and comparing its responses
    /// with the first record's would bury the one error under one per response.
    pub(super) fn repeated_entity(
        &mut self,
        first: &Draft<'a>,
        input: usize,
        position: usize,
        entity: &Entity,
        id: &str,
    ) -> bool {
        let origin = self.origin(input);
        let first_location = self.origin(first.first.0).entity(first.first.1, Field::NONE);
        let is_table_row = matches!(origin.layout, Layout::Table { .. }) && first.first.0 == input;
        if is_table_row {
            return true;
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
                "entity `{id}` appears again here with a different name than at \
                 {first_location}; the {} response(s) of this record are not checked until each \
                 entity has an id of its own",
                entity.responses.len()
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
        self.push(issue.with_entity(id).with_value(id).with_hint(if names_differ {
            "give this entity its own id; if both records are one entity, give it one \
                     name and one record"
        } else {
            "give each entity once, or map its other ids to one with `aliases`"
        }));
        !names_differ
    }
}
