//! The contexts of the pages in one language: every text chosen and every number written here,
//! so that the templates only lay them out. Scores are shown as the core rounded them.

mod annual;
mod dashboard;
mod method;
mod open_data;
mod party;

use std::collections::HashMap;

use openness::summary::{Change, Comparability, Figure, ScoreChange};
use openness::{EntityResult, Status};
use serde_json::{Value, json};

use super::i18n::I18n;
use super::model::{ItemDef, Model};

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
            .tier(id)
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
