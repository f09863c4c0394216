//! Properties that hold for any assessment of the charter, checked on random assessments.

#![allow(clippy::unwrap_used)]

use openness::spec::model::{Element, Measure, Node, Normalisation};
use openness::{Assessment, CsvOptions, Results, Spec, ValidationOptions};
use proptest::prelude::*;
use serde_json::{Value, json};

/// The published charter, its file given to the library first, so that the tests also run
/// without the default feature `embedded-charters`.
fn charter() -> Spec {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/charter/1.0.0/charter.json");
    openness::spec::provide_charter("1.0.0", &std::fs::read(path).unwrap()).unwrap();
    openness::charter("1.0.0").unwrap()
}

/// Every element and measure of the spec's tree.
fn items(spec: &Spec) -> (Vec<Element>, Vec<Measure>) {
    fn walk(node: &Node, elements: &mut Vec<Element>, measures: &mut Vec<Measure>) {
        elements.extend(node.elements.iter().cloned());
        measures.extend(node.measures.iter().cloned());
        for child in &node.children {
            walk(child, elements, measures);
        }
    }
    let (mut elements, mut measures) = (Vec::new(), Vec::new());
    walk(&spec.definition().root, &mut elements, &mut measures);
    (elements, measures)
}

/// The answer codes of an element's scale.
fn codes(spec: &Spec, element: &Element) -> Vec<String> {
    let scale_id = element.scale.clone().or(spec.definition().default_scale.clone()).unwrap();
    let scale = spec.definition().scales.iter().find(|s| s.id == scale_id).unwrap();
    scale.options.iter().map(|o| o.code.clone()).collect()
}

/// A value a measure accepts, from a number in [0, 1).
fn measure_value(measure: &Measure, unit: f64) -> f64 {
    let (low, high) = match &measure.normalisation {
        Normalisation::Goalposts { points } => {
            let first = points.first().unwrap().value;
            let last = points.last().unwrap().value;
            let span = last - first;
            (first - span * 0.5, last + span * 0.5)
        }
        _ => (0.0, 100.0),
    };
    let low = measure.domain.min.map_or(low, |min| low.max(min));
    let high = measure.domain.max.map_or(high, |max| high.min(max));
    low + (high - low) * unit
}

/// One random choice per item: `None` leaves the item unanswered; otherwise an index into
/// the element's codes, or a position in [0, 1) for measures.
#[derive(Debug, Clone)]
struct Draw {
    answers: Vec<Option<usize>>,
    values: Vec<Option<f64>>,
}

fn draws(entities: usize) -> impl Strategy<Value = Vec<Draw>> {
    let (elements, measures) = items(&charter());
    let draw = (
        proptest::collection::vec(proptest::option::weighted(0.9, 0usize..16), elements.len()),
        proptest::collection::vec(proptest::option::weighted(0.9, 0.0f64..1.0), measures.len()),
    )
        .prop_map(|(answers, values)| Draw { answers, values });
    proptest::collection::vec(draw, 1..=entities)
}

fn assessment_json(spec: &Spec, draws: &[Draw]) -> Value {
    let (elements, measures) = items(spec);
    let entities: Vec<Value> = draws
        .iter()
        .enumerate()
        .map(|(position, draw)| {
            let mut responses = Vec::new();
            for (element, answer) in elements.iter().zip(&draw.answers) {
                let Some(answer) = answer else { continue };
                let codes = codes(spec, element);
                let code = &codes[answer % codes.len()];
                responses.push(json!({
                    "item": element.id, "answer": code,
                    "evidence": {"urls": [format!("https://example.org/p{position}/{}", element.id)],
                                 "archivedUrl": "https://web.archive.org/web/2026/https://example.org/",
                                 "checked": "2026-03-01", "note": "searched the site"},
                    "coder": "test", "reviewer": "test"
                }));
            }
            for (measure, value) in measures.iter().zip(&draw.values) {
                let Some(value) = value else { continue };
                responses.push(json!({
                    "item": measure.id, "value": measure_value(measure, *value),
                    "evidence": {"urls": ["https://example.org/m"], "checked": "2026-03-01"},
                    "coder": "test", "reviewer": "test"
                }));
            }
            json!({"id": format!("p{position}"), "name": {"en": format!("Party {position}"),
                   "fr": format!("Parti {position}"), "ar": format!("حزب {position}")},
                   "fictional": true, "responses": responses})
        })
        .collect();
    json!({"spec": {"id": spec.id(), "version": spec.version()}, "cycle": 2026, "fictional": true,
           "entities": entities})
}

fn score(spec: &Spec, document: &Value) -> Results {
    let input = Assessment::from_json_str(&document.to_string(), "random.json").unwrap();
    let options =
        ValidationOptions { today: Some("2026-12-03".parse().unwrap()), ..Default::default() };
    spec.score(&[input], &options).unwrap()
}

/// Every number of a results document.
fn numbers(value: &Value, out: &mut Vec<f64>) {
    match value {
        Value::Number(number) => out.push(number.as_f64().unwrap()),
        Value::Array(items) => items.iter().for_each(|item| numbers(item, out)),
        Value::Object(map) => map.values().for_each(|item| numbers(item, out)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn scores_stay_between_0_and_100(draws in draws(6)) {
        let spec = charter();
        let results = score(&spec, &assessment_json(&spec, &draws));
        for entity in results.entities() {
            for node in entity.nodes() {
                if let Some(value) = node.value {
                    prop_assert!((0.0..=100.0).contains(&value), "{} {} = {value}", entity.id(), node.id);
                }
            }
        }
    }

    #[test]
    fn no_nan_or_infinity_reaches_the_output(draws in draws(6)) {
        let spec = charter();
        let results = score(&spec, &assessment_json(&spec, &draws));
        let text = results.to_json();
        prop_assert!(!text.contains("NaN") && !text.contains("inf"));
        let mut found = Vec::new();
        numbers(&serde_json::from_str(&text).unwrap(), &mut found);
        prop_assert!(found.iter().all(|n| n.is_finite()));
    }

    #[test]
    fn entity_order_changes_nothing(draws in draws(6), seed in any::<u64>()) {
        let spec = charter();
        // A deterministic shuffle from the seed; the ids travel with their responses.
        let document = assessment_json(&spec, &draws);
        let mut entities = document["entities"].as_array().unwrap().clone();
        let mut state = seed;
        for i in (1..entities.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            entities.swap(i, (state >> 33) as usize % (i + 1));
        }
        let mut reordered = document.clone();
        reordered["entities"] = Value::Array(entities);
        let a = score(&spec, &document);
        let b = score(&spec, &reordered);
        for entity in a.entities() {
            let other = b.entity(entity.id()).unwrap();
            let left: Vec<_> = entity.nodes().map(|n| (n.value, n.rank, n.status)).collect();
            let right: Vec<_> = other.nodes().map(|n| (n.value, n.rank, n.status)).collect();
            prop_assert_eq!(left, right);
        }
    }

    #[test]
    fn improving_one_answer_never_lowers_a_score(draws in draws(1), which in any::<prop::sample::Index>()) {
        let spec = charter();
        let document = assessment_json(&spec, &draws);
        let before = score(&spec, &document);
        // Raise one scored answer to the best answer of its scale.
        let responses = document["entities"][0]["responses"].as_array().unwrap();
        let answered: Vec<usize> = responses.iter().enumerate()
            .filter(|(_, r)| matches!(r["answer"].as_str(), Some("no" | "partial" | "no_evidence")))
            .map(|(i, _)| i).collect();
        prop_assume!(!answered.is_empty());
        let position = answered[which.index(answered.len())];
        let item = responses[position]["item"].as_str().unwrap().to_owned();
        let (elements, _) = items(&spec);
        let reversed = elements.iter().any(|e| e.id == item && e.reversed);
        let mut improved = document.clone();
        improved["entities"][0]["responses"][position]["answer"] = json!(if reversed { "no" } else { "yes" });
        prop_assume!(improved != document);
        let after = score(&spec, &improved);
        let (old, new) = (before.entities().next().unwrap(), after.entities().next().unwrap());
        for (a, b) in old.nodes().zip(new.nodes()) {
            if let (Some(a), Some(b)) = (a.value, b.value) {
                prop_assert!(b >= a - 1e-9, "{} fell from {a} to {b} when {item} improved", old.id());
            }
        }
    }

    #[test]
    fn writing_and_reading_back_loses_nothing(draws in draws(4)) {
        let spec = charter();
        let document = assessment_json(&spec, &draws);
        let input = Assessment::from_json_str(&document.to_string(), "in.json").unwrap();
        let again = Assessment::from_json_str(&input.to_json(), "in.json").unwrap();
        prop_assert_eq!(&input.file, &again.file);
        let (csv, _) = input.to_csv().unwrap();
        let from_csv = Assessment::from_csv_str(&csv, "in.csv", &CsvOptions::default()).unwrap();
        let (csv_again, _) = from_csv.to_csv().unwrap();
        prop_assert_eq!(&csv, &csv_again);
        // The CSV form holds the same entities and responses as the JSON it came from.
        let mut expected = input.file.clone();
        expected.schema = None;
        expected.fictional = None;
        prop_assert_eq!(&expected.entities, &from_csv.file.entities);
    }
}
