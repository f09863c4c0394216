//! The annual report: the year in figures, a section per dimension with its charts and rare
//! practices, and the changes since the previous cycle.

use openness::summary::Comparability;
use serde_json::{Value, json};

use super::super::charts::{self, Row, Series};
use super::View;

impl View<'_> {
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
        // From the previous rank to the current one, in the reading direction of the page, as
        // the table's columns run (the previous year first: on the right in Arabic).
        let arrow = if self.words.rtl() { "←" } else { "→" };
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
                        "ranks": format!(
                            "{} {arrow} {}",
                            rank(entity.previous_rank),
                            rank(entity.rank)
                        ),
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
}

/// An id as part of an HTML id: letters, digits and `-`.
fn slug_id(id: &str) -> String {
    id.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}
