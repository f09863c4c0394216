//! A party's page: its scores by dimension and indicator, every answer with its evidence, the
//! commitments it meets and its change since the previous cycle.

use std::collections::HashMap;

use openness::summary::{Comparability, ScoreChange};
use openness::{EntityResult, ItemStatus};
use serde_json::{Value, json};

use super::super::model::ItemDef;
use super::super::safe;
use super::View;

impl View<'_> {
    /// One entity's page.
    pub(crate) fn party(&self, entity: &EntityResult<'_>) -> Value {
        let definition = self.model.spec().definition();
        let results = &self.model.current.results;
        let score = entity.score();
        let changes = self.entity_changes(entity.id());
        let here = "../";
        let name = self.name_of(entity);
        let ranked = self.model.summary.counts.ranked;

        let signature = match entity.signatory() {
            Some(signature) => self.words.fill(
                "signed_on",
                &[
                    ("date", &self.words.isolate(&self.words.digits(&signature.signed))),
                    ("version", &self.words.isolate(&signature.charter_version)),
                ],
            ),
            None => self.t("not_signatory"),
        };
        let rank_text = match score.rank {
            Some(rank) => self.words.fill(
                "rank_of",
                &[
                    ("rank", &self.words.integer(u64::from(rank))),
                    ("count", &self.words.integer(u64::from(ranked))),
                ],
            ),
            None => self.words.fill("unranked_because", &[("status", &self.status(score.status))]),
        };
        let coverage_text = self.words.fill(
            "coverage_text",
            &[
                ("scored", &self.words.integer(u64::from(score.scored))),
                ("inputs", &self.words.integer(u64::from(score.inputs))),
            ],
        );
        let root = self.root_id();
        let index_change = changes.get(root);
        let change_text = index_change.and_then(|c| {
            let change = c.change?;
            Some(self.words.fill(
                "index_change",
                &[
                    ("previous", &self.previous_year()),
                    ("before", &self.figure(c.previous)),
                    ("now", &self.figure(c.current)),
                    ("change", &self.words.change(change.displayed, self.decimals())),
                ],
            ))
        });

        let items = entity.items();
        let dimensions: Vec<Value> = self
            .dimensions()
            .iter()
            .map(|dimension| {
                let node = entity.node(&dimension.id);
                let indicators: Vec<Value> = dimension
                    .children
                    .iter()
                    .map(|indicator| {
                        let node = entity.node(&indicator.id);
                        let rows: Vec<Value> = items
                            .iter()
                            .filter(|item| {
                                self.model.items.get(item.id).is_some_and(|(_, n)| *n == indicator.id)
                            })
                            .map(|item| self.item_row(item))
                            .collect();
                        let rounded = node.and_then(|n| n.rounded);
                        json!({
                            "id": indicator.id,
                            "name": indicator.name.get(self.lang()),
                            "description": indicator.description.get(self.lang()),
                            "score": self.score(rounded),
                            "status": node.map(|n| self.status(n.status)).filter(|s| !s.is_empty()),
                            "tier": node.and_then(|n| n.tier).unwrap_or("none"),
                            "width": rounded.unwrap_or(0.0).clamp(0.0, 100.0),
                            "change": changes.get(&indicator.id).and_then(|c| c.change).map(|c| self.change(Some(c))),
                            "caption": self.words.fill("items_caption", &[("indicator", indicator.name.get(self.lang())), ("name", &name)]),
                            "items": rows,
                        })
                    })
                    .collect();
                json!({
                    "id": dimension.id,
                    "name": dimension.name.get(self.lang()),
                    "score": self.score(node.and_then(|n| n.rounded)),
                    "tier": node.and_then(|n| n.tier).unwrap_or("none"),
                    "change": changes.get(&dimension.id).and_then(|c| c.change).map(|c| self.change(Some(c))),
                    "indicators": indicators,
                })
            })
            .collect();

        let commitments: Vec<Value> = entity
            .commitments()
            .iter()
            .filter_map(|commitment| {
                let text = definition.commitments.iter().find(|c| c.id == commitment.id)?;
                let node = entity.node(commitment.node);
                let (state, label) = match commitment.met {
                    Some(true) => ("met", self.t("met")),
                    Some(false) => ("not-met", self.t("not_met")),
                    None => ("not-scored", self.t("not_scored")),
                };
                Some(json!({
                    "text": text.text.get(self.lang()),
                    "node": commitment.node,
                    "node_name": self.node_name(commitment.node),
                    "score": self.score(node.and_then(|n| n.rounded)),
                    "threshold": self.words.score(commitment.threshold, self.decimals()),
                    "state": state,
                    "label": label,
                }))
            })
            .collect();
        let met = entity.commitments().iter().filter(|c| c.met == Some(true)).count() as u64;
        let commitments_text = if entity.signatory().is_some() {
            self.words.count(
                "commitments_met",
                met,
                &[("total", &self.words.integer(entity.commitments().len() as u64))],
            )
        } else {
            self.t("commitments_not_signatory")
        };

        let (changes_text, change_rows) = self.party_changes(entity, &changes);
        let improvements = results
            .explain(entity.id())
            .map(|explanation| {
                explanation
                    .improvements
                    .iter()
                    .take(3)
                    .map(|improvement| {
                        json!({
                            "id": improvement.item,
                            "question": self.item_text(&improvement.item),
                            "gain": self.words.fill("gain", &[("points", &self.words.score(self.model.spec().round(improvement.gain), self.decimals()))]),
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();

        json!({
            "entity": self.entity(entity, here),
            "signature": signature,
            "score": self.score(score.rounded),
            "index_name": definition.root.name.get(self.lang()),
            "tier": score.tier,
            "tier_label": score.tier.map(|t| self.tier_label(t)),
            "rank_text": rank_text,
            "coverage_text": coverage_text,
            "change_text": change_text,
            "dimensions": dimensions,
            "commitments": commitments,
            "commitments_text": commitments_text,
            "commitments_caption": self.words.fill("commitments_caption", &[("name", &name)]),
            "changes_text": changes_text,
            "changes": change_rows,
            "changes_caption": self.words.fill("party_changes_caption", &[("name", &name)]),
            "previous_header": self.previous_year(),
            "current_header": self.year(self.cycle()),
            "improvements": improvements,
            "results_file": self.model.files.results,
        })
    }

    fn party_changes(
        &self,
        entity: &EntityResult<'_>,
        changes: &HashMap<String, ScoreChange>,
    ) -> (String, Vec<Value>) {
        let Some(summary) = self.model.summary.changes.as_ref() else {
            return (self.t("no_previous_cycle"), Vec::new());
        };
        if summary.new_entities.iter().any(|id| id == entity.id()) {
            return (
                self.words.fill("new_entity", &[("previous", &self.previous_year())]),
                Vec::new(),
            );
        }
        if summary.comparability == Comparability::NotComparable {
            return (self.not_comparable_text(summary.comparability), Vec::new());
        }
        let rows = summary
            .comparable
            .iter()
            .filter_map(|id| changes.get(id))
            .map(|change| {
                let c = self.change(change.change);
                json!({
                    "name": self.node_name(&change.id),
                    "previous": self.figure(change.previous),
                    "current": self.figure(change.current),
                    "text": c["text"],
                    "direction": c["direction"],
                })
            })
            .collect();
        let text = match summary.comparability {
            Comparability::DeclaredSome => self.not_comparable_text(summary.comparability),
            _ => self.words.fill("party_changes_intro", &[("previous", &self.previous_year())]),
        };
        (text, rows)
    }

    /// One answered (or unanswered) item of an entity, with its evidence.
    fn item_row(&self, item: &openness::results::ItemScore<'_>) -> Value {
        let definition = self.model.items.get(item.id);
        let scale = definition.and_then(|(def, _)| self.model.scale_of(def));
        let answer_label = item.answer.map(|code| {
            scale
                .and_then(|s| s.options.iter().find(|o| o.code == code))
                .map_or_else(|| code.to_owned(), |o| o.label.get(self.lang()).to_owned())
        });
        let answer = match (answer_label, item.value) {
            (Some(label), _) => label,
            (None, Some(value)) => {
                let unit = match definition {
                    Some((ItemDef::Measure(measure), _)) => {
                        measure.unit.get(self.lang()).to_owned()
                    }
                    _ => String::new(),
                };
                format!("{} {unit}", self.words.measured(value)).trim().to_owned()
            }
            (None, None) => self.t("unanswered"),
        };
        let note = match item.status {
            ItemStatus::Scored => None,
            ItemStatus::NotApplicable => Some(self.t("item_not_applicable")),
            ItemStatus::Unanswered => Some(self.t("item_unanswered")),
            ItemStatus::Gated => Some(self.t("item_gated")),
            ItemStatus::Excluded => Some(self.t("item_excluded")),
        };
        let points = item.points.map_or_else(
            || self.t("na"),
            |points| self.words.score(self.model.spec().round(points), self.decimals()),
        );
        let mut links = Vec::new();
        let mut unlinked = Vec::new();
        let mut archived = None;
        let mut checked = None;
        let mut note_text = None;
        if let Some(evidence) = item.evidence {
            for url in &evidence.urls {
                match safe::http_url(url) {
                    Some(href) => links.push(json!({"href": href, "text": display_url(href)})),
                    None => unlinked.push(url.clone()),
                }
            }
            archived = evidence
                .archived_url
                .as_deref()
                .and_then(|url| safe::http_url(url).map(str::to_owned));
            checked = evidence.checked.as_deref().map(|date| {
                self.words
                    .fill("checked_on", &[("date", &self.words.isolate(&self.words.digits(date)))])
            });
            note_text = evidence.note.clone();
        }
        json!({
            "id": item.id,
            "question": self.item_text(item.id),
            "answer": answer,
            "note": note,
            "points": points,
            "evidence": {
                "links": links,
                "unlinked": unlinked,
                "archived": archived,
                "checked": checked,
                "note": note_text,
            },
        })
    }
}

/// An address shortened for display: without the scheme.
fn display_url(url: &str) -> String {
    let shown = url.split_once("://").map_or(url, |(_, rest)| rest);
    if shown.chars().count() > 60 {
        let kept: String = shown.chars().take(57).collect();
        format!("{kept}…")
    } else {
        shown.to_owned()
    }
}
