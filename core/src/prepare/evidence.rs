//! Checks of the evidence behind an answer, as the spec's evidence rules ask: addresses that
//! are web addresses, archived copies, dates checked that are real and not in the future, notes,
//! the coder and the reviewer.

use super::*;

impl<'a> Preparer<'a> {
    pub(super) fn check_evidence(
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
        // In JSON, an address in a list is pointed at by its position (`/evidence/urls/1`).
        let listed = matches!(evidence.and_then(|e| e.urls.as_ref()), Some(Lenient::Valid(_)));
        for (position, url) in urls.iter().enumerate() {
            let spot = at(Field::URLS);
            let position = listed.then_some(position);
            self.check_url(url, needs.https_only, (spot, position), entity_id, item_id);
        }
        if urls.is_empty() {
            self.requirement(
                needs.url,
                IssueCode::MissingEvidence,
                at(Field::URLS),
                (
                    describe("the address of its evidence"),
                    "give the https:// address of the page or document that shows the answer",
                ),
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
            Some(url) => {
                self.check_url(url, false, (at(Field::ARCHIVED_URL), None), entity_id, item_id)
            }
            None if !urls.is_empty() || needs.url == Requirement::Required => self.requirement(
                needs.archived_url,
                IssueCode::MissingArchive,
                at(Field::ARCHIVED_URL),
                (
                    describe("an archived copy of its evidence"),
                    "save the page in a web archive (such as https://web.archive.org/save) and \
                     give the address of the archived copy",
                ),
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
                self.check_date(date, at(Field::CHECKED), entity_id, Some(item_id), "check date");
            }
            None => self.requirement(
                needs.checked,
                IssueCode::MissingCheckedDate,
                at(Field::CHECKED),
                (
                    describe("the date its evidence was checked"),
                    "give the date the evidence was last opened and read, as YYYY-MM-DD",
                ),
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
            let (what, hint) = if answer == Some("no_evidence") {
                (
                    "a note of where was searched",
                    "say where you looked (pages, documents, search terms) and found nothing",
                )
            } else {
                ("a note", "say in a sentence what the evidence shows")
            };
            self.requirement(
                needs.note,
                IssueCode::MissingNote,
                at(Field::NOTE),
                (describe(what), hint),
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
                (message, "give the name or initials of the volunteer who coded this answer"),
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
                (message, "give the name or initials of the person who reviewed this answer"),
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
        (message, hint): (String, &str),
        entity_id: &str,
        item_id: &str,
    ) {
        let issue = match requirement {
            Requirement::Required => Issue::error(code, self.locate(spot), message),
            Requirement::Recommended => Issue::warning(code, self.locate(spot), message),
            Requirement::Optional => return,
        };
        self.push(issue.with_entity(entity_id).with_item(item_id).with_hint(hint));
    }

    fn check_url(
        &mut self,
        url: &str,
        https_only: bool,
        (spot, position): (Spot, Option<usize>),
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
        let mut location = self.locate(spot);
        if let (Some(position), Some(pointer)) = (position, location.pointer.as_mut()) {
            pointer.push_str(&format!("/{position}"));
        }
        let issue = Issue::error(IssueCode::InvalidUrl, location, message.to_owned())
            .with_value(url.trim())
            .with_entity(entity_id)
            .with_item(item_id)
            .with_hint(hint);
        self.push(issue);
    }

    /// Checks a date field. `what` names it in messages ("signature date"); `item` is the item
    /// whose evidence it dates, if any, named too so that a volunteer finds the row.
    pub(super) fn check_date(
        &mut self,
        text: &str,
        spot: Spot,
        entity_id: &str,
        item: Option<&str>,
        what: &str,
    ) {
        let what = match item {
            Some(item) => format!("{what} of `{item}`"),
            None => what.to_owned(),
        };
        let with_item = |issue: Issue| match item {
            Some(item) => issue.with_item(item),
            None => issue,
        };
        match parse_date(text) {
            None => {
                let (message, hint) = date_advice(text.trim());
                let issue = Issue::error(
                    IssueCode::InvalidDate,
                    self.locate(spot),
                    format!("the {what} {message}"),
                )
                .with_value(text)
                .with_entity(entity_id)
                .with_hint(hint);
                self.push(with_item(issue));
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
                    self.push(with_item(issue));
                }
            }
        }
    }
}

/// What is wrong with a date that does not read as YYYY-MM-DD, and how to write it. A date
/// written with one-digit parts (2026-2-3) or day first, as in Morocco and France (15/09/2026,
/// 15.09.2026), is rewritten for the volunteer; when day and month could be swapped, the hint
/// says which reading it assumed.
fn date_advice(text: &str) -> (&'static str, String) {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let numbers: Vec<u32> = parts.iter().filter_map(|part| part.parse().ok()).collect();
    let rewrite = |year: u32, month: u32, day: u32| {
        let rewritten = format!("{year:04}-{month:02}-{day:02}");
        parse_date(&rewritten).map(|_| rewritten)
    };
    if let ([first, second, third], [first_text, _, third_text]) =
        (numbers.as_slice(), parts.as_slice())
    {
        if first_text.len() == 4 {
            return match rewrite(*first, *second, *third) {
                Some(rewritten) => {
                    ("is not written as YYYY-MM-DD", format!("write it as {rewritten}"))
                }
                None => (
                    "is not a real date",
                    "check the day and the month; dates are written YYYY-MM-DD, such as \
                     2026-03-15"
                        .into(),
                ),
            };
        }
        if third_text.len() == 4 {
            let (day, month, assumed) = match (*first, *second) {
                (day, month) if day > 12 => (day, month, false),
                (month, day) if day > 12 => (day, month, false),
                (day, month) => (day, month, true),
            };
            if let Some(rewritten) = rewrite(*third, month, day) {
                let reading = if assumed {
                    format!(" (if {day} is the day and {month} the month)")
                } else {
                    String::new()
                };
                return (
                    "is not written as YYYY-MM-DD",
                    format!("write dates as YYYY-MM-DD: {rewritten}{reading}"),
                );
            }
        }
    }
    ("is not a date written as YYYY-MM-DD", "write dates as YYYY-MM-DD, such as 2026-03-15".into())
}
