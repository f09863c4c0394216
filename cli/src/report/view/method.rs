//! The methodology, generated from the spec: rules, scales, tiers, evidence, the tree of
//! questions, commitments, decisions, comparability and provenance.

use openness::spec::model::{Direction, Normalisation, Requirement, ThresholdBasis};
use serde_json::{Value, json};

use super::super::safe;
use super::View;

impl View<'_> {
    /// The methodology, generated from the spec.
    pub(super) fn methodology(&self) -> Value {
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
            let answers: Vec<String> = rule.answers.iter().map(|a| self.answer_label(a)).collect();
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
                                flags.push(self.words.fill("flag_gated", &[("gate", &gate.element), ("answers", &gate.closed_by.iter().map(|a| self.answer_label(a)).collect::<Vec<_>>().join(&self.t("or")))]));
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
        let mut inputs = |cycle: &super::super::model::Cycle| {
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

    /// The label of an answer code in this language, quoted, from the first scale that
    /// has it; `value` stands for a measured number.
    fn answer_label(&self, code: &str) -> String {
        if code == "value" {
            return self.t("measured_value");
        }
        let label = self.model.spec().definition().scales.iter().find_map(|scale| {
            scale
                .options
                .iter()
                .find(|option| option.code == code)
                .map(|o| o.label.get(self.lang()))
        });
        match label {
            Some(label) => self.words.fill("quoted", &[("text", label)]),
            None => code.to_owned(),
        }
    }

    fn measure_rule(&self, measure: &openness::spec::model::Measure) -> String {
        let unit = measure.unit.get(self.lang());
        match &measure.normalisation {
            Normalisation::Goalposts { points } => {
                let steps: Vec<String> = points
                    .iter()
                    .map(|p| {
                        let value = format!("{} {unit}", self.words.measured(p.value));
                        self.words.fill(
                            "goalpost_step",
                            &[("value", value.trim()), ("points", &self.words.measured(p.points))],
                        )
                    })
                    .collect();
                self.words.fill("goalposts", &[("steps", &steps.join(&self.t("step_separator")))])
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
