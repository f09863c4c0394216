//! Checks of responses: the item they answer, the answer's code on its scale, a measure's
//! value within its domain, and responses given twice.

use super::*;
use crate::assessment::table::show_lenient;
use crate::numbers::DecimalSeparator;

impl<'a> Preparer<'a> {
    pub(super) fn add_response(
        &mut self,
        draft: &mut Draft<'a>,
        source: Source,
        response: &'a Response,
    ) {
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
                if let Some(value) = &response.value {
                    let issue = Issue::error(
                        IssueCode::AnswerOrValue,
                        self.locate(at(Field::VALUE)),
                        format!("`{item_id}` is an element: it takes an answer, not a value"),
                    )
                    .with_value(show_lenient(value))
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
                (Some(answer), Some(value)) => {
                    let issue = Issue::error(
                        IssueCode::AnswerOrValue,
                        self.locate(at(Field::ANSWER)),
                        format!("`{item_id}` has both an answer and a value; give one"),
                    )
                    .with_value(format!("{} and {}", show_lenient(answer), show_lenient(value)))
                    .with_entity(entity_id)
                    .with_item(item_id)
                    .with_hint("keep the value, or the answer when no value could be measured");
                    self.push(issue);
                    None
                }
                (Some(answer), None) => match measure.codes {
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
                            .with_value(show_lenient(answer))
                            .with_entity(entity_id)
                            .with_item(item_id)
                            .with_hint("write the measured number in `value` and leave `answer` empty");
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

    /// What to write instead of an answer that is not a code of scale `scale`: the code it
    /// spells in other letter case (`Yes`), the code whose label it is in any of the spec's
    /// languages (`Oui`, `نعم`), or the most similar code.
    fn answer_advice(&self, scale: usize, answer: &str) -> Option<String> {
        let plan_scale = &self.plan.scales[scale];
        // Compared as `find_code` compares codes, and in any letter case.
        let fold = |text: &str| identity_key(text.trim()).to_lowercase();
        let wanted = fold(answer);
        if let Some(code) = plan_scale.codes.iter().find(|code| fold(code) == wanted) {
            return Some(format!("codes are case-sensitive: write `{code}`"));
        }
        let options = self.spec.definition().scales.iter().find(|s| s.id == plan_scale.id);
        for option in options.map(|s| s.options.as_slice()).unwrap_or_default() {
            for (language, label) in &option.label.0 {
                if fold(label) == wanted {
                    return Some(format!(
                        "“{}” is the {language} label of `{}`: write the code `{}`",
                        label.trim(),
                        option.code,
                        option.code
                    ));
                }
            }
        }
        did_you_mean(answer, plan_scale.codes.iter().map(String::as_str))
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
                let hint = match self.answer_advice(scale, code) {
                    Some(advice) => format!("{}; {advice}", accepted()),
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
                    Err(error) => {
                        let mut hint = error.hint;
                        if from_text
                            && origin.decimal() == DecimalSeparator::Dot
                            && text.contains(',')
                        {
                            // Only a table has a decimal separator to declare; JSON numbers
                            // always use a dot.
                            hint.push_str(
                                "; if every number of the file uses a decimal comma, read it \
                                 with the comma declared as decimal separator (`--decimal-comma` \
                                 on the command line, `decimal=\",\"` in Python, `decimal: \
                                 \"comma\"` in JavaScript)",
                            );
                        }
                        Issue::error(
                            IssueCode::NotANumber,
                            self.locate(spot),
                            format!("the value of `{item_id}` is not a number: {}", error.message),
                        )
                        .with_value(text.clone())
                        .with_hint(hint)
                    }
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
}
