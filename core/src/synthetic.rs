//! Synthetic assessments of any spec, for benchmarks and load tests: every entity invented,
//! every answer drawn from a seeded generator, so the same seed gives the same file.

use crate::assessment::lenient::Lenient;
use crate::assessment::{AssessmentFile, Entity, Evidence, Response, SpecRef};
use crate::spec::Spec;
use crate::spec::model::{Node, Normalisation};
use crate::text::Text;

/// A small, fast, seeded generator (SplitMix64): reproducible across platforms.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A fictional assessment of `entities` entities under `spec`: each element answered with a
/// code of its scale, each measure with a value inside its goalposts (or 0–100), with evidence
/// under example.org as a volunteer would write it. Entities of specs scored by unit get no
/// units; use this for specs whose items are scored for the entity as a whole.
///
/// ```
/// # // Builds without the default feature `embedded-charters` are given the published file.
/// # let published = std::fs::read("../spec/charter/1.0.0/charter.json").unwrap();
/// # openness::spec::provide_charter("1.0.0", &published).unwrap();
/// let spec = openness::charter("1.0.0").unwrap();
/// let file = openness::synthetic::assessment(&spec, 3, 42);
/// assert_eq!(file.entities.len(), 3);
/// assert!(spec.validate(&[openness::Assessment::from_file(file, "synthetic")], &Default::default()).errors().next().is_none());
/// ```
pub fn assessment(spec: &Spec, entities: usize, seed: u64) -> AssessmentFile {
    let mut random = SplitMix(seed);
    let definition = spec.definition();
    let mut elements = Vec::new();
    let mut measures = Vec::new();
    collect(&definition.root, &mut elements, &mut measures);
    let codes: Vec<Vec<String>> = elements
        .iter()
        .map(|element| {
            let scale = element.scale.as_ref().or(definition.default_scale.as_ref());
            let scale = definition.scales.iter().find(|s| Some(&s.id) == scale);
            scale.map(|s| s.options.iter().map(|o| o.code.clone()).collect()).unwrap_or_default()
        })
        .collect();

    let evidence = |entity: usize, item: &str, with_url: bool| Evidence {
        urls: with_url
            .then(|| Lenient::Valid(vec![format!("https://example.org/party-{entity}/{item}")])),
        archived_url: with_url.then(|| {
            Lenient::Valid(format!(
                "https://web.archive.org/web/2026/https://example.org/party-{entity}/{item}"
            ))
        }),
        checked: Some(Lenient::Valid("2026-03-15".to_owned())),
        note: Some(Lenient::Valid("searched the site and its archive".to_owned())),
        extra: Vec::new(),
    };

    let entities = (0..entities)
        .map(|position| {
            // Each entity has its own level of openness, so that scores spread out.
            let openness = random.unit();
            let mut responses = Vec::with_capacity(elements.len() + measures.len());
            for (element, codes) in elements.iter().zip(&codes) {
                if codes.is_empty() {
                    continue;
                }
                let draw = random.unit();
                let code = if draw < 0.04 {
                    codes.last().cloned().unwrap_or_default()
                } else if draw < openness {
                    codes[0].clone()
                } else {
                    codes[(random.next() % codes.len().saturating_sub(1).max(1) as u64) as usize]
                        .clone()
                };
                // "Searched, nothing found" has no address to cite, only a note.
                let positive = code != "no_evidence";
                responses.push(Response {
                    item: Some(Lenient::Valid(element.id.clone())),
                    answer: Some(Lenient::Valid(code)),
                    evidence: Some(evidence(position, &element.id, positive)),
                    coder: Some(Lenient::Valid("volunteer".to_owned())),
                    reviewer: Some(Lenient::Valid("reviewer".to_owned())),
                    ..Response::default()
                });
            }
            for measure in &measures {
                let (low, high) = match &measure.normalisation {
                    Normalisation::Goalposts { points } => (
                        points.first().map_or(0.0, |p| p.value),
                        points.last().map_or(100.0, |p| p.value),
                    ),
                    _ => (0.0, 100.0),
                };
                let low = measure.domain.min.map_or(low, |min| low.max(min));
                let high = measure.domain.max.map_or(high, |max| high.min(max));
                let value = low + (high - low) * random.unit();
                responses.push(Response {
                    item: Some(Lenient::Valid(measure.id.clone())),
                    value: Some(Lenient::Valid((value * 100.0).round() / 100.0)),
                    evidence: Some(evidence(position, &measure.id, true)),
                    coder: Some(Lenient::Valid("volunteer".to_owned())),
                    reviewer: Some(Lenient::Valid("reviewer".to_owned())),
                    ..Response::default()
                });
            }
            Entity {
                id: Some(Lenient::Valid(format!("party-{position}"))),
                name: Some(Lenient::Valid(Text::from([
                    ("en", format!("Synthetic Party {position}").as_str()),
                    ("fr", format!("Parti synthétique {position}").as_str()),
                    ("ar", format!("الحزب التجريبي {position}").as_str()),
                ]))),
                abbreviation: Some(Lenient::Valid(format!("SP{position}"))),
                fictional: Some(Lenient::Valid(true)),
                responses,
                ..Entity::default()
            }
        })
        .collect();

    AssessmentFile {
        spec: Some(Lenient::Valid(SpecRef {
            id: spec.id().to_owned(),
            version: spec.version().to_owned(),
        })),
        cycle: Some(Lenient::Valid(2026)),
        fictional: Some(Lenient::Valid(true)),
        note: Some(Lenient::Valid("Synthetic data: every party is invented.".to_owned())),
        entities,
        ..AssessmentFile::default()
    }
}

fn collect<'a>(
    node: &'a Node,
    elements: &mut Vec<&'a crate::spec::model::Element>,
    measures: &mut Vec<&'a crate::spec::model::Measure>,
) {
    elements.extend(node.elements.iter());
    measures.extend(node.measures.iter());
    for child in &node.children {
        collect(child, elements, measures);
    }
}
