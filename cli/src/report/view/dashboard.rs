//! The dashboard: key figures, the ranking with tiers, the heatmap of indicator scores and
//! the filters by dimension.

use serde_json::{Value, json};

use super::View;

impl View<'_> {
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
}
