//! Checks of each input file as a whole: the spec and version it names, the cycle, its
//! layout, fields this version does not know, and the aliases that map old entity ids to new.

use super::*;

impl<'a> Preparer<'a> {
    /// Checks the file-level fields; returns the cycle.
    pub(super) fn check_files(&mut self) -> Option<i64> {
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
                    .with_value(display_value(value))
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
            if file.entities.is_empty() {
                // An empty file is a mistake (a wrong sheet exported, a filter left on), not a
                // valid assessment of nobody.
                let issue = Issue::error(
                    IssueCode::MissingField,
                    origin.top("entities", "entity"),
                    "the file has no entities: there is nothing to check or score".to_owned(),
                )
                .with_hint(if is_table {
                    "add one row per entity and item below the header"
                } else {
                    "list the assessed entities under \"entities\", each with its responses"
                });
                self.push(issue);
            }
        }
        cycle.map(|(year, _)| year)
    }

    /// A table with a column per item (one row per entity) is wide, where the format is long
    /// (one row per entity and item): its cells would be ignored, so say how to reshape it.
    pub(super) fn check_wide_table(&mut self, input: &Assessment) {
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

    pub(super) fn unknown_field(
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
    pub(super) fn aliases(&mut self) -> HashMap<String, String> {
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
}
