//! The contexts of the pages in one language: every text chosen and every number written here,
//! so that the templates only lay them out. Scores are shown as the core rounded them.

use std::collections::HashMap;

use openness::spec::model::{Direction, Normalisation, Requirement, ThresholdBasis};
use openness::summary::{Change, Comparability, Figure, ScoreChange};
use openness::{EntityResult, ItemStatus, Status};
use serde_json::{Value, json};

use super::charts::{self, Row, Series};
use super::i18n::I18n;
use super::model::{ItemDef, Model};
use super::safe;

/// The pages of one language.
pub(crate) struct View<'a> {
    pub model: &'a Model<'a>,
    pub words: I18n,
}

/// Which page a context is for, to build its navigation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageKind {
    Dashboard,
    Report,
    Data,
    Party,
}

impl PageKind {
    fn file(self) -> &'static str {
        match self {
            PageKind::Dashboard | PageKind::Party => "index.html",
            PageKind::Report => "report.html",
            PageKind::Data => "data.html",
        }
    }

    fn name(self) -> &'static str {
        match self {
            PageKind::Dashboard => "dashboard",
            PageKind::Report => "report",
            PageKind::Data => "data",
            PageKind::Party => "party",
        }
    }
}

impl<'a> View<'a> {
    fn lang(&self) -> &str {
        &self.words.lang
    }

    fn decimals(&self) -> u8 {
        self.model.summary.decimals
    }

    fn t(&self, key: &str) -> String {
        self.words.t(key)
    }

    /// A score rounded by the core, or "n/a".
    fn score(&self, rounded: Option<f64>) -> String {
        rounded.map_or_else(|| self.t("na"), |value| self.words.score(value, self.decimals()))
    }

    fn figure(&self, figure: Option<Figure>) -> String {
        self.score(figure.map(|f| f.rounded))
    }

    /// The spec's title in this language.
    fn title(&self) -> String {
        self.model.spec().definition().title.get(self.lang()).to_owned()
    }

    fn cycle(&self) -> Option<i64> {
        self.model.current.year()
    }

    fn year(&self, year: Option<i64>) -> String {
        year.map_or_else(String::new, |y| self.words.digits(&y.to_string()))
    }

    fn node_name(&self, id: &str) -> String {
        self.model
            .nodes
            .get(id)
            .map_or_else(|| id.to_owned(), |n| n.name.get(self.lang()).to_owned())
    }

    fn item_text(&self, id: &str) -> String {
        match self.model.items.get(id) {
            Some((ItemDef::Element(element), _)) => element.question.get(self.lang()).to_owned(),
            Some((ItemDef::Measure(measure), _)) => measure.name.get(self.lang()).to_owned(),
            None => id.to_owned(),
        }
    }

    fn tier_label(&self, id: &str) -> String {
        self.model
            .spec()
            .definition()
            .tiers
            .as_ref()
            .and_then(|tiers| tiers.bands.iter().find(|band| band.id == id))
            .map_or_else(|| id.to_owned(), |band| band.label.get(self.lang()).to_owned())
    }

    fn entity_label(&self) -> String {
        capitalise(self.model.spec().definition().entity_label.get(self.lang()))
            .unwrap_or_else(|| self.t("entity"))
    }

    fn status(&self, status: Status) -> String {
        match status {
            Status::Scored => String::new(),
            Status::NotScored => self.t("not_scored"),
            Status::InsufficientData => self.t("insufficient_data"),
        }
    }

    fn name_of(&self, entity: &EntityResult<'_>) -> String {
        match entity.name().get(self.lang()) {
            "" => entity.id().to_owned(),
            name => name.to_owned(),
        }
    }

    /// An entity's name by id, from the current results or else the previous ones.
    fn name_by_id(&self, id: &str) -> String {
        let found = self
            .model
            .current
            .results
            .entity(id)
            .or_else(|| self.model.previous.and_then(|previous| previous.results.entity(id)));
        found.map_or_else(|| id.to_owned(), |entity| self.name_of(&entity))
    }

    fn names(&self, ids: &[String]) -> String {
        let names: Vec<String> = ids.iter().map(|id| self.name_by_id(id)).collect();
        names.join(&self.t("list_separator"))
    }

    fn entity(&self, entity: &EntityResult<'_>, here: &str) -> Value {
        let slug = self.model.slugs.get(entity.id()).cloned().unwrap_or_default();
        json!({
            "id": entity.id(),
            "name": self.name_of(entity),
            "abbreviation": entity.abbreviation(),
            "fictional": entity.fictional(),
            "signatory": entity.signatory().is_some(),
            "href": format!("{here}party/{slug}.html"),
        })
    }

    fn change(&self, change: Option<Change>) -> Value {
        match change {
            Some(change) => json!({
                "text": self.words.change(change.displayed, self.decimals()),
                "direction": direction(change.displayed),
                "sort": change.displayed,
            }),
            None => json!({"text": self.t("na"), "direction": "none", "sort": -1e9}),
        }
    }

    fn dimensions(&self) -> Vec<&'a openness::spec::model::Node> {
        self.model.spec().definition().root.children.iter().collect()
    }

    /// The changes of one entity since the previous cycle, by node id.
    fn entity_changes(&self, id: &str) -> HashMap<String, ScoreChange> {
        self.model
            .summary
            .changes
            .as_ref()
            .and_then(|changes| changes.entities.iter().find(|e| e.entity == id))
            .map(|e| e.nodes.iter().map(|n| (n.id.clone(), n.clone())).collect())
            .unwrap_or_default()
    }

    /// Whether the entity was not assessed in the previous cycle given.
    fn is_new(&self, id: &str) -> bool {
        self.model.summary.changes.as_ref().is_some_and(|c| c.new_entities.iter().any(|e| e == id))
    }

    fn root_id(&self) -> &'a str {
        &self.model.spec().definition().root.id
    }

    fn index_comparable(&self) -> bool {
        let root = self.root_id();
        self.model
            .summary
            .changes
            .as_ref()
            .is_some_and(|c| c.comparable.iter().any(|id| id == root))
    }

    fn previous_year(&self) -> String {
        let previous = self.model.summary.changes.as_ref().and_then(|c| c.previous_cycle);
        match previous {
            Some(year) => self.year(Some(year)),
            None => self.t("previous_cycle"),
        }
    }

    /// The context every page shares.
    pub(crate) fn site(&self, kind: PageKind, depth: usize) -> Value {
        let here = "../".repeat(depth);
        let root = "../".repeat(depth + 1);
        let definition = self.model.spec().definition();
        let cycle = self.cycle();
        let nav: Vec<Value> = [PageKind::Dashboard, PageKind::Report, PageKind::Data]
            .iter()
            .map(|page| {
                json!({
                    "href": format!("{here}{}", page.file()),
                    "label": self.t(&format!("nav_{}", page.name())),
                    "current": *page == kind,
                })
            })
            .collect();
        let source = definition.source.as_ref();
        json!({
            "lang": self.lang(),
            "dir": self.words.meta.dir,
            "root": root,
            "here": here,
            "title": self.title(),
            "cycle_text": self.year(cycle),
            "engine": openness::results::ENGINE,
            "fictional": self.model.summary.all_fictional,
            "widget": self.model.widget,
            "nav": nav,
            "licence": source.and_then(|s| s.licence.as_deref()).map(|licence| {
                self.words.fill("licence_line", &[("licence", licence)])
            }),
            "citation": source.and_then(|s| s.citation.as_deref()),
            "footer_spec": self.words.fill("footer_spec", &[
                ("title", &self.title()),
                ("version", self.model.spec().version()),
                ("engine", openness::results::ENGINE),
            ]),
        })
    }

    /// Links to the same page in the other languages.
    pub(crate) fn alternates(&self, file: &str, depth: usize) -> Vec<Value> {
        let up = "../".repeat(depth + 1);
        self.model
            .langs
            .iter()
            .map(|lang| {
                let words = I18n::load(lang).ok();
                json!({
                    "lang": lang,
                    "dir": words.as_ref().map_or("ltr".to_owned(), |w| w.meta.dir.clone()),
                    "name": words.map_or(lang.clone(), |w| w.meta.name),
                    "href": format!("{up}{lang}/{file}"),
                })
            })
            .collect()
    }

    /// The full context of a page: shared parts, navigation, words and the page's own.
    pub(crate) fn context(
        &self,
        kind: PageKind,
        depth: usize,
        file: &str,
        page_title: String,
        page: Value,
    ) -> Value {
        let site = self.site(kind, depth);
        json!({
            "site": site,
            "nav": site["nav"],
            "alternates": self.alternates(file, depth),
            "t": self.words.table(),
            "page_kind": kind.name(),
            "page_title": page_title,
            "page": page,
        })
    }

    /// The ranking rows shared by the dashboard and the report.
    fn ranking_rows(&self, here: &str) -> Vec<Value> {
        let results = &self.model.current.results;
        let dimensions = self.dimensions();
        let root = self.root_id();
        results
            .ranking()
            .iter()
            .map(|entity| {
                let score = entity.score();
                let changes = self.entity_changes(entity.id());
                let cells: Vec<Value> = dimensions
                    .iter()
                    .map(|dimension| {
                        let node = entity.node(&dimension.id);
                        let rounded = node.and_then(|n| n.rounded);
                        json!({
                            "id": dimension.id,
                            "text": self.score(rounded),
                            "sort": rounded.unwrap_or(-1.0),
                        })
                    })
                    .collect();
                json!({
                    "entity": self.entity(entity, here),
                    "rank": score.rank.map_or_else(|| "–".to_owned(), |r| self.words.integer(u64::from(r))),
                    "rank_sort": score.rank.map_or(1e9, f64::from),
                    "score": self.score(score.rounded),
                    "score_sort": score.rounded.unwrap_or(-1.0),
                    "tier": score.tier,
                    "tier_label": score.tier.map(|t| self.tier_label(t)),
                    "status": self.status(score.status),
                    "dimensions": cells,
                    "change": if self.is_new(entity.id()) {
                        json!({"text": self.t("new"), "direction": "none", "sort": -1e9})
                    } else {
                        self.change(changes.get(root).and_then(|c| c.change))
                    },
                })
            })
            .collect()
    }

    fn tiers(&self, with_counts: bool) -> Vec<Value> {
        let Some(tiers) = &self.model.spec().definition().tiers else { return Vec::new() };
        let bands = &tiers.bands;
        bands
            .iter()
            .enumerate()
            .map(|(position, band)| {
                let low = self.words.score(band.min, 0);
                let range = match bands.get(position + 1) {
                    Some(next) => format!("{low}–{}", self.words.score(next.min - 1.0, 0)),
                    None => format!("{low}–{}", self.words.integer(100)),
                };
                let count = self
                    .model
                    .summary
                    .tiers
                    .iter()
                    .find(|t| t.tier == band.id)
                    .map_or(0, |t| u64::from(t.count));
                // The charter's descriptions start with their range; others may not.
                let description = band.description.get(self.lang());
                json!({
                    "id": band.id,
                    "label": band.label.get(self.lang()),
                    "description": description,
                    "range": if description.is_empty() { range } else { String::new() },
                    "count": if with_counts { self.words.count("parties_count", count, &[]) } else { String::new() },
                })
            })
            .collect()
    }

    fn dimension_columns(&self) -> Vec<Value> {
        self.dimensions()
            .iter()
            .map(|d| json!({"id": d.id, "name": d.name.get(self.lang()), "short": d.id}))
            .collect()
    }

    fn key_figures(&self) -> Vec<Value> {
        let summary = &self.model.summary;
        let counts = &summary.counts;
        vec![
            json!({"value": self.words.integer(u64::from(counts.assessed)), "label": self.words.count("figure_assessed", u64::from(counts.assessed), &[])}),
            json!({"value": self.words.integer(u64::from(counts.ranked)), "label": self.words.count("figure_ranked", u64::from(counts.ranked), &[])}),
            json!({"value": self.figure(summary.index.mean), "label": self.t("figure_mean")}),
            json!({"value": self.figure(summary.index.median), "label": self.t("figure_median")}),
            json!({"value": self.words.integer(u64::from(counts.signatories)), "label": self.words.count("figure_signatories", u64::from(counts.signatories), &[])}),
        ]
    }

    /// The dashboard: ranking with tiers, heatmap, filters.
    pub(crate) fn dashboard(&self) -> Value {
        let summary = &self.model.summary;
        let definition = self.model.spec().definition();
        let cycle = self.year(self.cycle());
        let results = &self.model.current.results;
        let entity_label = self.entity_label();

        let heatmap_dimensions: Vec<Value> = self
            .dimensions()
            .iter()
            .map(|dimension| {
                json!({
                    "id": dimension.id,
                    "name": dimension.name.get(self.lang()),
                    "indicators": dimension.children.iter().map(|indicator| json!({
                        "id": indicator.id,
                        "name": indicator.name.get(self.lang()),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let heatmap_rows: Vec<Value> = results
            .ranking()
            .iter()
            .map(|entity| {
                let name = self.name_of(entity);
                let cells: Vec<Value> = self
                    .dimensions()
                    .iter()
                    .flat_map(|dimension| {
                        dimension.children.iter().map(move |indicator| (dimension, indicator))
                    })
                    .map(|(dimension, indicator)| {
                        let node = entity.node(&indicator.id);
                        let rounded = node.and_then(|n| n.rounded);
                        let text = self.score(rounded);
                        json!({
                            "dimension": dimension.id,
                            "text": if rounded.is_some() { text.clone() } else { "–".to_owned() },
                            "tier": node.and_then(|n| n.tier).unwrap_or("none"),
                            "title": format!("{name} — {} {}: {text}", indicator.id, indicator.name.get(self.lang())),
                        })
                    })
                    .collect();
                json!({"name": name, "href": self.entity(entity, "")["href"], "cells": cells})
            })
            .collect();

        let show_change = self.index_comparable();
        let change_note = self.model.summary.changes.as_ref().map(|changes| {
            if show_change {
                self.words.fill("change_note", &[("previous", &self.previous_year())])
            } else {
                self.not_comparable_text(changes.comparability)
            }
        });
        let unranked = &summary.counts.unranked;
        json!({
            "heading": self.words.fill("dashboard_heading", &[("title", &self.title()), ("cycle", &cycle)]),
            "description": definition.description.get(self.lang()),
            "figures": self.key_figures(),
            "ranking_note": self.words.fill("ranking_note", &[("index", definition.root.name.get(self.lang()))]),
            "ranking_caption": self.words.fill("ranking_caption", &[("title", &self.title()), ("cycle", &cycle)]),
            "change_note": change_note,
            "show_change": show_change,
            "change_header": self.words.fill("change_since", &[("previous", &self.previous_year())]),
            "entity_label": entity_label,
            "index_name": definition.root.name.get(self.lang()),
            "dimensions": self.dimension_columns(),
            "ranking": self.ranking_rows(""),
            "unranked_note": (!unranked.is_empty()).then(|| self.words.count(
                "unranked_note",
                unranked.len() as u64,
                &[("names", &self.names(unranked))],
            )),
            "tiers": self.tiers(true),
            "heatmap": {"dimensions": heatmap_dimensions, "rows": heatmap_rows},
            "heatmap_caption": self.words.fill("heatmap_caption", &[("cycle", &cycle)]),
            "results_file": self.model.files.results,
        })
    }

    fn not_comparable_text(&self, comparability: Comparability) -> String {
        let changes = self.model.summary.changes.as_ref();
        let previous_version = changes.map_or("", |c| c.previous_spec_version.as_str());
        match comparability {
            Comparability::NotComparable => self.words.fill(
                "not_comparable",
                &[
                    ("previous", &self.previous_year()),
                    ("cycle", &self.year(self.cycle())),
                    ("previous_version", previous_version),
                    ("version", self.model.spec().version()),
                ],
            ),
            Comparability::DeclaredSome => {
                let comparable = changes.map(|c| c.comparable.join(", ")).unwrap_or_default();
                self.words.fill(
                    "partly_comparable",
                    &[
                        ("previous", &self.previous_year()),
                        ("previous_version", previous_version),
                        ("version", self.model.spec().version()),
                        ("nodes", &comparable),
                    ],
                )
            }
            Comparability::SameVersion | Comparability::DeclaredAll => String::new(),
        }
    }

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
                            .map(|item| self.item_row(entity.id(), item))
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
    fn item_row(&self, entity: &str, item: &openness::results::ItemScore<'_>) -> Value {
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
        // TODO(evidence): take the evidence from the results once the core repeats it there
        // (ItemScore::evidence, on the wasm branch); until then it is read from the inputs.
        let key = (entity.to_owned(), item.id.to_owned(), item.unit.map(str::to_owned));
        let evidence = self.model.evidence.get(&key);
        let mut links = Vec::new();
        let mut unlinked = Vec::new();
        let mut archived = None;
        let mut checked = None;
        let mut note_text = None;
        if let Some(evidence) = evidence {
            use openness::assessment::lenient::Lenient;
            for url in evidence.urls.as_ref().and_then(Lenient::valid).into_iter().flatten() {
                match safe::http_url(url) {
                    Some(href) => links.push(json!({"href": href, "text": display_url(href)})),
                    None => unlinked.push(url.clone()),
                }
            }
            archived = evidence
                .archived_url
                .as_ref()
                .and_then(Lenient::valid)
                .and_then(|url| safe::http_url(url).map(str::to_owned));
            checked = evidence.checked.as_ref().and_then(Lenient::valid).map(|date| {
                self.words
                    .fill("checked_on", &[("date", &self.words.isolate(&self.words.digits(date)))])
            });
            note_text = evidence.note.as_ref().and_then(Lenient::valid).cloned();
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

    /// The open data page.
    pub(crate) fn data_page(&self, files: &[super::data::DataFile]) -> Value {
        let definition = self.model.spec().definition();
        let source = definition.source.as_ref();
        let groups = ["data", "spec", "schema"]
            .iter()
            .map(|group| {
                let entries: Vec<Value> = files
                    .iter()
                    .filter(|file| file.group == *group)
                    .map(|file| {
                        json!({
                            "name": file.path,
                            "href": format!("../data/{}", file.path),
                            "description": self.words.fill(&file.description_key, &file.values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>()),
                            "size": human_size(&self.words, file.size),
                            "sha256": file.sha256,
                        })
                    })
                    .collect();
                json!({"id": group, "title": self.t(&format!("data_group_{group}")), "files": entries})
            })
            .collect::<Vec<_>>();
        json!({
            "heading": self.words.fill("data_heading", &[("title", &self.title()), ("cycle", &self.year(self.cycle()))]),
            "licence_text": source.and_then(|s| s.licence.as_deref()).map_or_else(
                || self.t("licence_unknown"),
                |licence| self.words.fill("data_licence", &[("licence", licence)]),
            ),
            "citation": source.and_then(|s| s.citation.as_deref()),
            "groups": groups,
        })
    }

    /// The language's section of the root page that lets the reader choose.
    pub(crate) fn choice(&self) -> Value {
        json!({
            "lang": self.lang(),
            "dir": self.words.meta.dir,
            "title": self.words.fill("report_heading", &[("cycle", &self.year(self.cycle()))]),
            "description": self.model.spec().definition().description.get(self.lang()),
            "dashboard": self.t("nav_dashboard"),
            "report": self.t("nav_report"),
            "data": self.t("nav_data"),
            "fictional_title": self.t("fictional_title"),
            "fictional_text": self.t("fictional_text"),
        })
    }

    /// The README of the open data, in this language.
    pub(crate) fn readme(&self, files: &[super::data::DataFile]) -> Value {
        let definition = self.model.spec().definition();
        let source = definition.source.as_ref();
        json!({
            "heading": self.words.fill("data_heading", &[("title", &self.title()), ("cycle", &self.year(self.cycle()))]),
            "intro": self.t("data_intro"),
            "licence": source.and_then(|s| s.licence.as_deref()).map_or_else(
                || self.t("licence_unknown"),
                |licence| self.words.fill("data_licence", &[("licence", licence)]),
            ),
            "cite_heading": self.t("how_to_cite"),
            "citation": source.and_then(|s| s.citation.clone()).unwrap_or_else(|| self.t("citation_unknown")),
            "files_heading": self.t("data_files"),
            "files": files.iter().map(|file| json!({
                "name": file.path,
                "description": self.words.fill(&file.description_key, &file.values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>()),
            })).collect::<Vec<_>>(),
        })
    }

    /// Charts and paragraphs of the annual report.
    pub(crate) fn report(&self) -> Value {
        let summary = &self.model.summary;
        let definition = self.model.spec().definition();
        let cycle = self.year(self.cycle());
        let counts = &summary.counts;
        let rtl = self.words.rtl();
        let score_ticks: Vec<(f64, String)> =
            [0.0, 25.0, 50.0, 75.0, 100.0].iter().map(|v| (*v, self.words.score(*v, 0))).collect();

        let mut paragraphs = vec![self.words.count(
            "summary_assessed",
            u64::from(counts.assessed),
            &[
                ("ranked", &self.words.integer(u64::from(counts.ranked))),
                ("cycle", &cycle),
                ("title", &self.title()),
            ],
        )];
        if !counts.unranked.is_empty() {
            paragraphs.push(self.words.count(
                "unranked_note",
                counts.unranked.len() as u64,
                &[("names", &self.names(&counts.unranked))],
            ));
        }
        paragraphs.push(self.words.fill(
            "summary_index",
            &[
                ("mean", &self.figure(summary.index.mean)),
                ("median", &self.figure(summary.index.median)),
                ("min", &self.figure(summary.index.min)),
                ("max", &self.figure(summary.index.max)),
            ],
        ));

        let tier_rows: Vec<Row> = summary
            .tiers
            .iter()
            .map(|tier| Row {
                label: self.tier_label(&tier.tier),
                values: vec![Some((
                    f64::from(tier.count),
                    self.words.integer(u64::from(tier.count)),
                ))],
                marker: None,
            })
            .collect();
        let max_count = summary.tiers.iter().map(|t| t.count).max().unwrap_or(1).max(1);
        let count_ticks = |max: u32| -> Vec<(f64, String)> {
            let step = (max / 4).max(1);
            (0..=max)
                .step_by(step as usize)
                .map(|v| (f64::from(v), self.words.integer(u64::from(v))))
                .collect()
        };
        let tier_chart = charts::bar_chart(
            charts::Spec {
                id: "chart-tiers",
                title: self.words.fill("chart_tiers", &[("cycle", &cycle)]),
                description: self.describe_tiers(),
                label_header: self.t("tier"),
                marker_header: None,
                series: vec![Series { label: self.t("parties"), class: "bar".to_owned() }],
                max: f64::from(max_count),
                ticks: count_ticks(max_count),
                rtl,
            },
            tier_rows,
        );

        let histogram_rows: Vec<Row> = summary
            .histogram
            .iter()
            .map(|bin| {
                let last = bin.to >= 100.0;
                let high = if last { bin.to } else { bin.to - 1.0 };
                Row {
                    label: format!(
                        "{}–{}",
                        self.words.score(bin.from, 0),
                        self.words.score(high, 0)
                    ),
                    values: vec![Some((
                        f64::from(bin.count),
                        self.words.integer(u64::from(bin.count)),
                    ))],
                    marker: None,
                }
            })
            .collect();
        let max_bin = summary.histogram.iter().map(|b| b.count).max().unwrap_or(1).max(1);
        let histogram_chart = charts::bar_chart(
            charts::Spec {
                id: "chart-histogram",
                title: self.words.fill(
                    "chart_histogram",
                    &[("cycle", &cycle), ("index", definition.root.name.get(self.lang()))],
                ),
                description: self.words.fill(
                    "chart_histogram_desc",
                    &[
                        ("count", &self.words.integer(u64::from(counts.ranked))),
                        ("min", &self.figure(summary.index.min)),
                        ("max", &self.figure(summary.index.max)),
                    ],
                ),
                label_header: self.t("score_band"),
                marker_header: None,
                series: vec![Series { label: self.t("parties"), class: "bar".to_owned() }],
                max: f64::from(max_bin),
                ticks: count_ticks(max_bin),
                rtl,
            },
            histogram_rows,
        );

        let dimension_rows: Vec<Row> = self
            .dimensions()
            .iter()
            .filter_map(|dimension| summary.nodes.iter().find(|n| n.id == dimension.id))
            .map(|node| Row {
                label: self.node_name(&node.id),
                values: vec![node.scores.mean.map(|m| (m.rounded, self.figure(Some(m))))],
                marker: node.scores.median.map(|m| (m.rounded, self.figure(Some(m)))),
            })
            .collect();
        let dimension_chart = charts::bar_chart(
            charts::Spec {
                id: "chart-dimensions",
                title: self.words.fill("chart_dimensions", &[("cycle", &cycle)]),
                description: self.describe_means(self.dimensions().iter().map(|d| d.id.as_str())),
                label_header: self.t("dimension"),
                marker_header: Some(self.t("median")),
                series: vec![Series { label: self.t("mean"), class: "bar".to_owned() }],
                max: 100.0,
                ticks: score_ticks.clone(),
                rtl,
            },
            dimension_rows,
        );

        let highlight = |ids: &[String]| -> Vec<Value> {
            ids.iter()
                .map(|id| {
                    let mean = summary.nodes.iter().find(|n| &n.id == id).and_then(|n| n.scores.mean);
                    json!({"id": id, "name": self.node_name(id), "mean": self.words.fill("mean_of", &[("mean", &self.figure(mean))])})
                })
                .collect()
        };

        let groups = &summary.signatories;
        let signatories_text = self.words.fill(
            "signatories_text",
            &[
                ("signatories", &self.words.integer(u64::from(groups.signatories.count))),
                ("signatory_mean", &self.figure(groups.signatories.mean)),
                ("others", &self.words.integer(u64::from(groups.non_signatories.count))),
                ("other_mean", &self.figure(groups.non_signatories.mean)),
            ],
        );
        let signatories_chart = charts::bar_chart(
            charts::Spec {
                id: "chart-signatories",
                title: self.t("chart_signatories"),
                description: signatories_text.clone(),
                label_header: self.t("dimension"),
                marker_header: None,
                series: vec![
                    Series { label: self.t("signatories"), class: "bar series-a".to_owned() },
                    Series { label: self.t("non_signatories"), class: "bar series-b".to_owned() },
                ],
                max: 100.0,
                ticks: score_ticks.clone(),
                rtl,
            },
            groups
                .nodes
                .iter()
                .map(|node| Row {
                    label: self.node_name(&node.id),
                    values: vec![
                        node.signatories.map(|m| (m.rounded, self.figure(Some(m)))),
                        node.non_signatories.map(|m| (m.rounded, self.figure(Some(m)))),
                    ],
                    marker: None,
                })
                .collect(),
        );

        let commitment_rows: Vec<Value> = summary
            .commitments
            .iter()
            .map(|commitment| {
                let text = definition.commitments.iter().find(|c| c.id == commitment.id);
                let signatories = commitment.met_by.len() as u32 + commitment.not_met + commitment.not_scored;
                json!({
                    "text": text.map_or("", |c| c.text.get(self.lang())),
                    "node": format!("{} · {}", commitment.node, self.node_name(&commitment.node)),
                    "met": if commitment.met_by.is_empty() {
                        self.words.fill("met_by_none", &[("total", &self.words.integer(u64::from(signatories)))])
                    } else {
                        self.words.fill("met_by_some", &[
                            ("met", &self.words.integer(commitment.met_by.len() as u64)),
                            ("total", &self.words.integer(u64::from(signatories))),
                            ("names", &self.names(&commitment.met_by)),
                        ])
                    },
                })
            })
            .collect();
        let signatory_commitments: Vec<String> = summary
            .signatory_commitments
            .iter()
            .map(|entry| {
                self.words.count(
                    "signatory_meets",
                    u64::from(entry.met),
                    &[
                        ("name", &self.name_by_id(&entry.entity)),
                        ("total", &self.words.integer(u64::from(entry.total))),
                    ],
                )
            })
            .collect();
        let commitments_text = if summary.commitments.is_empty() {
            self.t("no_commitments")
        } else {
            self.words.count(
                "commitments_summary",
                u64::from(counts.signatories),
                &[("commitments", &self.words.integer(summary.commitments.len() as u64))],
            )
        };

        let dimensions: Vec<Value> = self
            .dimensions()
            .iter()
            .map(|dimension| self.report_dimension(dimension, &score_ticks))
            .collect();

        let mut toc = vec![json!({"id": "summary", "title": self.t("summary_heading")})];
        for dimension in self.dimensions() {
            toc.push(json!({"id": format!("dimension-{}", dimension.id), "title": self.words.fill("dimension_heading", &[("name", dimension.name.get(self.lang()))])}));
        }
        toc.push(json!({"id": "ranking", "title": self.t("ranking_annex")}));
        toc.push(json!({"id": "methodology", "title": self.t("methodology")}));

        let source = definition.source.as_ref();
        json!({
            "kicker": self.title(),
            "heading": self.words.fill("report_heading", &[("cycle", &cycle)]),
            "subtitle": self.words.fill("report_subtitle", &[("title", &self.title()), ("version", self.model.spec().version()), ("cycle", &cycle)]),
            "publisher": source.map_or_else(String::new, |s| self.words.fill("published_by", &[("publisher", &s.publisher)])),
            "toc": toc,
            "entity_label": self.entity_label(),
            "index_name": definition.root.name.get(self.lang()),
            "summary": {
                "paragraphs": paragraphs,
                "figures": self.key_figures(),
                "tier_chart": tier_chart,
                "histogram_chart": histogram_chart,
                "dimension_chart": dimension_chart,
                "strongest": highlight(&summary.strongest),
                "weakest": highlight(&summary.weakest),
                "signatories_text": signatories_text,
                "signatories_chart": signatories_chart,
                "commitments_text": commitments_text,
                "commitments": commitment_rows,
                "commitments_caption": self.words.fill("commitments_table_caption", &[("cycle", &cycle)]),
                "signatory_commitments": signatory_commitments,
                "changes": self.report_changes(&score_ticks),
            },
            "dimensions": dimensions,
            "dimension_columns": self.dimension_columns(),
            "ranking": self.ranking_rows(""),
            "ranking_caption": self.words.fill("ranking_caption", &[("title", &self.title()), ("cycle", &cycle)]),
            "method": self.methodology(),
        })
    }

    fn describe_tiers(&self) -> String {
        let parts: Vec<String> = self
            .model
            .summary
            .tiers
            .iter()
            .map(|tier| {
                format!(
                    "{}: {}",
                    self.tier_label(&tier.tier),
                    self.words.integer(u64::from(tier.count))
                )
            })
            .collect();
        parts.join(&self.t("list_separator"))
    }

    fn describe_means<'i>(&self, ids: impl Iterator<Item = &'i str>) -> String {
        let parts: Vec<String> = ids
            .filter_map(|id| self.model.summary.nodes.iter().find(|n| n.id == id))
            .map(|node| {
                self.words.fill(
                    "mean_median_of",
                    &[
                        ("name", &self.node_name(&node.id)),
                        ("mean", &self.figure(node.scores.mean)),
                        ("median", &self.figure(node.scores.median)),
                    ],
                )
            })
            .collect();
        parts.join(&self.t("list_separator"))
    }

    fn report_dimension(
        &self,
        dimension: &openness::spec::model::Node,
        ticks: &[(f64, String)],
    ) -> Value {
        let summary = &self.model.summary;
        let results = &self.model.current.results;
        let rtl = self.words.rtl();
        let name = dimension.name.get(self.lang());
        let cycle = self.year(self.cycle());
        let node = summary.nodes.iter().find(|n| n.id == dimension.id);

        let mut ranked: Vec<(String, Option<f64>)> = results
            .ranking()
            .iter()
            .filter(|e| e.rank().is_some())
            .map(|e| (self.name_of(e), e.node(&dimension.id).and_then(|n| n.rounded)))
            .collect();
        ranked.sort_by(|a, b| b.1.unwrap_or(-1.0).total_cmp(&a.1.unwrap_or(-1.0)));
        let party_rows: Vec<Row> = ranked
            .iter()
            .map(|(label, rounded)| Row {
                label: label.clone(),
                values: vec![rounded.map(|r| (r, self.score(Some(r))))],
                marker: None,
            })
            .collect();
        let parties_chart = charts::bar_chart(
            charts::Spec {
                id: &format!("chart-{}-parties", slug_id(&dimension.id)),
                title: self
                    .words
                    .fill("chart_dimension_parties", &[("name", name), ("cycle", &cycle)]),
                description: self.words.fill(
                    "chart_dimension_parties_desc",
                    &[
                        ("name", name),
                        ("mean", &self.figure(node.and_then(|n| n.scores.mean))),
                        ("median", &self.figure(node.and_then(|n| n.scores.median))),
                        ("min", &self.figure(node.and_then(|n| n.scores.min))),
                        ("max", &self.figure(node.and_then(|n| n.scores.max))),
                    ],
                ),
                label_header: self.entity_label(),
                marker_header: None,
                series: vec![Series { label: name.to_owned(), class: "bar".to_owned() }],
                max: 100.0,
                ticks: ticks.to_vec(),
                rtl,
            },
            party_rows,
        );

        let indicator_rows: Vec<Row> = dimension
            .children
            .iter()
            .filter_map(|indicator| summary.nodes.iter().find(|n| n.id == indicator.id))
            .map(|node| Row {
                label: format!("{} · {}", node.id, self.node_name(&node.id)),
                values: vec![node.scores.mean.map(|m| (m.rounded, self.figure(Some(m))))],
                marker: node.scores.median.map(|m| (m.rounded, self.figure(Some(m)))),
            })
            .collect();
        let indicators_chart = charts::bar_chart(
            charts::Spec {
                id: &format!("chart-{}-indicators", slug_id(&dimension.id)),
                title: self
                    .words
                    .fill("chart_dimension_indicators", &[("name", name), ("cycle", &cycle)]),
                description: self.describe_means(dimension.children.iter().map(|c| c.id.as_str())),
                label_header: self.t("indicator"),
                marker_header: Some(self.t("median")),
                series: vec![Series { label: self.t("mean"), class: "bar".to_owned() }],
                max: 100.0,
                ticks: ticks.to_vec(),
                rtl,
            },
            indicator_rows,
        );

        let indicator_ids: Vec<&str> = dimension.children.iter().map(|c| c.id.as_str()).collect();
        let practices: Vec<Value> = summary
            .rare_practices
            .iter()
            .filter_map(|id| summary.items.iter().find(|item| &item.id == id))
            .filter(|item| indicator_ids.contains(&item.node.as_str()))
            .map(|item| {
                json!({
                    "id": item.id,
                    "question": self.item_text(&item.id),
                    "met_by": self.names(&item.met_by),
                })
            })
            .collect();
        let practices_intro = if practices.is_empty() {
            self.t("no_rare_practices")
        } else {
            self.words.count("rare_practices_intro", u64::from(summary.rare_at_most), &[])
        };

        let mut paragraphs = vec![self.words.fill(
            "dimension_scores",
            &[
                ("name", name),
                ("mean", &self.figure(node.and_then(|n| n.scores.mean))),
                ("median", &self.figure(node.and_then(|n| n.scores.median))),
            ],
        )];
        if let Some(change) =
            summary.changes.as_ref().and_then(|c| c.nodes.iter().find(|n| n.id == dimension.id))
            && let Some(difference) = change.change
        {
            paragraphs.push(self.words.fill(
                "dimension_change",
                &[
                    ("previous", &self.previous_year()),
                    ("before", &self.figure(change.previous)),
                    ("now", &self.figure(change.current)),
                    ("change", &self.words.change(difference.displayed, self.decimals())),
                    ("count", &self.words.integer(u64::from(change.count))),
                ],
            ));
        }

        json!({
            "id": slug_id(&dimension.id),
            "heading": self.words.fill("dimension_heading", &[("name", name)]),
            "description": dimension.description.get(self.lang()),
            "paragraphs": paragraphs,
            "parties_chart": parties_chart,
            "indicators_chart": indicators_chart,
            "practices_intro": practices_intro,
            "practices": practices,
        })
    }

    fn report_changes(&self, ticks: &[(f64, String)]) -> Value {
        let Some(changes) = self.model.summary.changes.as_ref() else {
            return json!({"paragraphs": [self.t("no_previous_cycle")], "rows": [], "chart": null});
        };
        let mut paragraphs = Vec::new();
        let root = self.root_id();
        let previous = self.previous_year();
        match changes.comparability {
            Comparability::NotComparable => {
                paragraphs.push(self.not_comparable_text(changes.comparability));
            }
            Comparability::DeclaredSome => {
                paragraphs.push(self.not_comparable_text(changes.comparability));
            }
            Comparability::SameVersion | Comparability::DeclaredAll => {
                paragraphs.push(self.words.fill(
                    if changes.comparability == Comparability::SameVersion {
                        "comparable_same"
                    } else {
                        "comparable_declared"
                    },
                    &[
                        ("previous", &previous),
                        ("version", self.model.spec().version()),
                        ("previous_version", &changes.previous_spec_version),
                    ],
                ));
            }
        }
        if let Some(moves) = changes.index_moves {
            paragraphs.push(self.words.fill(
                "index_moves",
                &[
                    ("up", &self.words.integer(u64::from(moves.up))),
                    ("down", &self.words.integer(u64::from(moves.down))),
                    ("same", &self.words.integer(u64::from(moves.same))),
                    ("previous", &previous),
                ],
            ));
        }
        if let Some(mean) = changes.nodes.iter().find(|n| n.id == root)
            && let Some(change) = mean.change
        {
            paragraphs.push(self.words.fill(
                "mean_change",
                &[
                    ("count", &self.words.integer(u64::from(mean.count))),
                    ("before", &self.figure(mean.previous)),
                    ("now", &self.figure(mean.current)),
                    ("change", &self.words.change(change.displayed, self.decimals())),
                    ("previous", &previous),
                ],
            ));
        }
        if !changes.new_entities.is_empty() {
            paragraphs.push(self.words.count(
                "new_entities",
                changes.new_entities.len() as u64,
                &[("names", &self.names(&changes.new_entities)), ("previous", &previous)],
            ));
        }
        if !changes.departed.is_empty() {
            paragraphs.push(self.words.count(
                "departed_entities",
                changes.departed.len() as u64,
                &[("names", &self.names(&changes.departed)), ("previous", &previous)],
            ));
        }

        let index_comparable = self.index_comparable();
        let rank = |rank: Option<u32>| {
            rank.map_or_else(|| "–".to_owned(), |r| self.words.integer(u64::from(r)))
        };
        let rows: Vec<Value> = if index_comparable {
            changes
                .entities
                .iter()
                .filter_map(|entity| {
                    let index = entity.nodes.iter().find(|n| n.id == root)?;
                    let change = self.change(index.change);
                    Some(json!({
                        "name": self.name_by_id(&entity.entity),
                        "previous": self.figure(index.previous),
                        "current": self.figure(index.current),
                        "change": change["text"],
                        "direction": change["direction"],
                        "ranks": format!("{} → {}", rank(entity.previous_rank), rank(entity.rank)),
                    }))
                })
                .collect()
        } else {
            Vec::new()
        };
        let chart = (!changes.nodes.is_empty()).then(|| {
            let rows: Vec<Row> = changes
                .nodes
                .iter()
                .filter(|n| n.id == root || self.dimensions().iter().any(|d| d.id == n.id))
                .map(|node| Row {
                    label: self.node_name(&node.id),
                    values: vec![
                        node.previous.map(|m| (m.rounded, self.figure(Some(m)))),
                        node.current.map(|m| (m.rounded, self.figure(Some(m)))),
                    ],
                    marker: None,
                })
                .collect();
            let cycle = self.year(self.cycle());
            charts::bar_chart(
                charts::Spec {
                    id: "chart-changes",
                    title: self
                        .words
                        .fill("chart_changes", &[("previous", &previous), ("cycle", &cycle)]),
                    description: self
                        .words
                        .fill("chart_changes_desc", &[("previous", &previous), ("cycle", &cycle)]),
                    label_header: self.t("node"),
                    marker_header: None,
                    series: vec![
                        Series { label: previous.clone(), class: "bar series-b".to_owned() },
                        Series { label: cycle.clone(), class: "bar series-a".to_owned() },
                    ],
                    max: 100.0,
                    ticks: ticks.to_vec(),
                    rtl: self.words.rtl(),
                },
                rows,
            )
        });
        json!({
            "paragraphs": paragraphs,
            "rows": rows,
            "caption": self.words.fill("changes_caption", &[("previous", &previous), ("cycle", &self.year(self.cycle()))]),
            "previous_header": previous,
            "current_header": self.year(self.cycle()),
            "chart": chart,
        })
    }

    /// The methodology, generated from the spec.
    fn methodology(&self) -> Value {
        let spec = self.model.spec();
        let definition = spec.definition();
        let lang = self.lang();
        let source = definition.source.as_ref();

        let mut facts = vec![
            json!({"label": self.t("fact_spec"), "value": format!("{} {}", definition.id, definition.version), "code": true}),
            json!({"label": self.t("fact_sha"), "value": spec.sha256(), "code": true}),
        ];
        if let Some(source) = source {
            facts.push(json!({"label": self.t("fact_publisher"), "value": source.publisher, "code": false}));
            if let Some(licence) = &source.licence {
                facts.push(
                    json!({"label": self.t("fact_licence"), "value": licence, "code": false}),
                );
            }
            if let Some(url) = source.url.as_deref().and_then(safe::http_url) {
                facts.push(json!({"label": self.t("fact_url"), "value": url, "code": true}));
            }
        }
        facts.push(json!({"label": self.t("fact_languages"), "value": definition.languages.join(", "), "code": false}));

        let mut rules = Vec::new();
        let root = &definition.root;
        let index_name = root.name.get(lang);
        match &root.aggregation.over_level {
            Some(level) => {
                let level_name = definition
                    .levels
                    .iter()
                    .find(|l| &l.id == level)
                    .map_or(level.clone(), |l| l.name.get(lang).to_owned());
                rules.push(self.words.fill(
                    "rule_index_over_level",
                    &[
                        ("index", index_name),
                        ("level", &level_name),
                        (
                            "method",
                            &self.t(&format!("method_{}", method_key(root.aggregation.method))),
                        ),
                    ],
                ));
            }
            None => rules.push(self.words.fill(
                "rule_index_children",
                &[
                    ("index", index_name),
                    ("method", &self.t(&format!("method_{}", method_key(root.aggregation.method)))),
                ],
            )),
        }
        rules.push(self.t(&format!("weights_{}", weight_key(root.aggregation.weights))));
        if let Some(min) = root.min_scored {
            rules.push(self.words.fill(
                "rule_min_scored",
                &[("index", index_name), ("count", &self.words.integer(u64::from(min)))],
            ));
        }
        if let Some(min) = root.min_coverage {
            rules.push(self.words.fill(
                "rule_min_coverage",
                &[
                    ("index", index_name),
                    ("share", &self.words.digits(&format!("{}", (min * 100.0).round()))),
                ],
            ));
        }
        rules.push(self.t(match definition.missing_data.unanswered {
            openness::spec::model::UnansweredPolicy::Missing => "rule_unanswered_missing",
            openness::spec::model::UnansweredPolicy::Error => "rule_unanswered_error",
        }));
        rules.push(self.t("rule_not_scored"));
        rules.push(self.words.fill(
            "rule_rounding",
            &[("decimals", &self.words.integer(u64::from(definition.display.decimals)))],
        ));
        rules.push(self.t(match definition.ranking.basis {
            openness::spec::model::RankingBasis::Unrounded => "rule_rank_unrounded",
            openness::spec::model::RankingBasis::Displayed => "rule_rank_displayed",
        }));
        if let Some(tiers) = &definition.tiers {
            rules.push(self.t(match tiers.basis {
                ThresholdBasis::Displayed => "rule_tiers_displayed",
                ThresholdBasis::Unrounded => "rule_tiers_unrounded",
            }));
        }

        let scales: Vec<Value> = definition
            .scales
            .iter()
            .map(|scale| {
                json!({
                    "name": if scale.name.is_empty() { scale.id.clone() } else { scale.name.get(lang).to_owned() },
                    "options": scale.options.iter().map(|option| json!({
                        "label": option.label.get(lang),
                        "code": option.code,
                        "points": option.points.map_or_else(|| self.t("excluded"), |p| self.words.measured(p.0)),
                        "description": option.description.get(lang),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();

        let requirement = |r: Requirement| {
            self.t(match r {
                Requirement::Required => "required",
                Requirement::Recommended => "recommended",
                Requirement::Optional => "optional",
            })
        };
        let mut evidence: Vec<String> = Vec::new();
        if let Some(zone) = &definition.evidence.timezone {
            evidence.push(self.words.fill("evidence_timezone", &[("zone", zone)]));
        }
        evidence.push(self.words.fill(
            "evidence_coder",
            &[
                ("coder", &requirement(definition.evidence.coder)),
                ("reviewer", &requirement(definition.evidence.reviewer)),
            ],
        ));
        for rule in &definition.evidence.rules {
            let answers: Vec<String> = rule.answers.iter().map(|a| format!("`{a}`")).collect();
            evidence.push(
                self.words
                    .fill(
                        "evidence_rule",
                        &[
                            ("answers", &answers.join(", ")),
                            ("url", &requirement(rule.url)),
                            ("checked", &requirement(rule.checked)),
                            ("archived", &requirement(rule.archived_url)),
                            ("note", &requirement(rule.note)),
                            (
                                "https",
                                &if rule.https_only { self.t("https_only") } else { String::new() },
                            ),
                        ],
                    )
                    .trim()
                    .to_owned(),
            );
        }

        let weight_text = |node: &openness::spec::model::Node| {
            node.weight.map_or_else(String::new, |w| {
                self.words.fill("weight", &[("weight", &self.words.measured(w.0))])
            })
        };
        let tree: Vec<Value> = root
            .children
            .iter()
            .map(|dimension| {
                json!({
                    "id": dimension.id,
                    "name": dimension.name.get(lang),
                    "description": dimension.description.get(lang),
                    "weight": weight_text(dimension),
                    "indicators": dimension.children.iter().map(|indicator| {
                        let mut items: Vec<Value> = indicator.elements.iter().map(|element| {
                            let mut flags = Vec::new();
                            if element.reversed {
                                flags.push(self.t("flag_reversed"));
                            }
                            if let Some(gate) = &element.gate {
                                flags.push(self.words.fill("flag_gated", &[("gate", &gate.element), ("answers", &gate.closed_by.join(", "))]));
                            }
                            if let Some(weight) = element.weight {
                                flags.push(self.words.fill("weight", &[("weight", &self.words.measured(weight.0))]));
                            }
                            json!({"id": element.id, "question": element.question.get(lang), "flags": flags})
                        }).collect();
                        items.extend(indicator.measures.iter().map(|measure| {
                            let mut flags = vec![self.measure_rule(measure)];
                            if let Some(weight) = measure.weight {
                                flags.push(self.words.fill("weight", &[("weight", &self.words.measured(weight.0))]));
                            }
                            let question = if measure.question.is_empty() { measure.name.get(lang) } else { measure.question.get(lang) };
                            json!({"id": measure.id, "question": format!("{} — {}", measure.name.get(lang), question), "flags": flags})
                        }));
                        json!({
                            "id": indicator.id,
                            "name": indicator.name.get(lang),
                            "description": indicator.description.get(lang),
                            "weight": weight_text(indicator),
                            "items": items,
                        })
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();

        let commitments: Vec<Value> = definition
            .commitments
            .iter()
            .map(|c| {
                json!({
                    "id": c.id,
                    "text": c.text.get(lang),
                    "rule": self.words.fill("commitment_rule", &[("node", &format!("{} · {}", c.node, self.node_name(&c.node))), ("threshold", &self.words.score(c.threshold, self.decimals()))]),
                })
            })
            .collect();
        let decisions: Vec<Value> = definition
            .decisions
            .iter()
            .map(|d| json!({"id": d.id, "text": d.text.get(lang)}))
            .collect();

        let mut comparability: Vec<String> = definition
            .comparable_with
            .iter()
            .map(|entry| {
                if entry.all {
                    self.words.fill("comparable_with_all", &[("version", &entry.version)])
                } else if entry.unchanged.is_empty() {
                    self.words.fill("comparable_with_none", &[("version", &entry.version)])
                } else {
                    self.words.fill(
                        "comparable_with_some",
                        &[("version", &entry.version), ("nodes", &entry.unchanged.join(", "))],
                    )
                }
            })
            .collect();
        if comparability.is_empty() {
            comparability
                .push(self.words.fill("comparable_with_nothing", &[("version", spec.version())]));
        }
        comparability.push(self.t("comparability_rule"));

        let mut provenance = vec![
            json!({"label": self.words.fill("provenance_spec", &[("version", spec.version())]), "value": spec.sha256()}),
        ];
        let mut inputs = |cycle: &super::model::Cycle| {
            for input in &cycle.results.provenance().inputs {
                let name = input.name.as_deref().map(file_name).unwrap_or_default();
                provenance.push(json!({
                    "label": self.words.fill("provenance_input", &[("name", &name), ("cycle", &self.year(cycle.year()))]),
                    "value": input.sha256,
                }));
            }
        };
        inputs(self.model.current);
        if let Some(previous) = self.model.previous {
            inputs(previous);
        }
        provenance.push(
            json!({"label": self.t("provenance_engine"), "value": openness::results::ENGINE}),
        );

        json!({
            "paragraphs": [definition.description.get(lang), self.t("methodology_intro")],
            "facts": facts,
            "rules": rules,
            "scales": scales,
            "tiers": self.tiers(false),
            "evidence": evidence,
            "tree": tree,
            "commitments": commitments,
            "decisions": decisions,
            "comparability": comparability,
            "provenance": provenance,
        })
    }

    fn measure_rule(&self, measure: &openness::spec::model::Measure) -> String {
        let unit = measure.unit.get(self.lang());
        match &measure.normalisation {
            Normalisation::Goalposts { points } => {
                let steps: Vec<String> = points
                    .iter()
                    .map(|p| {
                        format!(
                            "{} {unit} → {}",
                            self.words.measured(p.value),
                            self.words.measured(p.points)
                        )
                        .replace("  ", " ")
                    })
                    .collect();
                self.words.fill("goalposts", &[("steps", &steps.join("; "))])
            }
            other => {
                let direction = match measure.direction {
                    Direction::HigherIsBetter => self.t("higher_is_better"),
                    Direction::LowerIsBetter => self.t("lower_is_better"),
                };
                let name = serde_json::to_value(other)
                    .ok()
                    .and_then(|v| v.get("method").and_then(Value::as_str).map(str::to_owned))
                    .unwrap_or_default();
                format!("{name}, {direction}")
            }
        }
    }
}

fn direction(displayed: f64) -> &'static str {
    if displayed > 0.0 {
        "up"
    } else if displayed < 0.0 {
        "down"
    } else {
        "same"
    }
}

fn capitalise(text: &str) -> Option<String> {
    let mut chars = text.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
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

/// An id as part of an HTML id: letters, digits and `-`.
fn slug_id(id: &str) -> String {
    id.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_owned(), |name| name.to_string_lossy().into_owned())
}

fn method_key(method: openness::spec::model::Method) -> &'static str {
    use openness::spec::model::Method;
    match method {
        Method::Arithmetic => "arithmetic",
        Method::Geometric => "geometric",
        Method::Harmonic => "harmonic",
        Method::Sum => "sum",
    }
}

fn weight_key(mode: openness::spec::model::WeightMode) -> &'static str {
    use openness::spec::model::WeightMode;
    match mode {
        WeightMode::Relative => "relative",
        WeightMode::Absolute => "absolute",
        WeightMode::Equal => "equal",
    }
}

/// A file size for people: bytes, kB or MB.
pub(crate) fn human_size(words: &I18n, bytes: u64) -> String {
    if bytes < 1024 {
        words.fill("size_bytes", &[("size", &words.integer(bytes))])
    } else if bytes < 1024 * 1024 {
        words.fill("size_kb", &[("size", &words.integer(bytes.div_ceil(1024)))])
    } else {
        words.fill("size_mb", &[("size", &words.integer(bytes.div_ceil(1024 * 1024)))])
    }
}
