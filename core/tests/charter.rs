//! The built-in Political Openness Charter encodes the methodology brief: structure, measures'
//! goalposts, tiers, commitments, and it never changes once published.

#![allow(clippy::unwrap_used)]

use openness::spec::model::{Measure, Node, Normalisation};
use openness::{Assessment, CsvOptions, Spec, ValidationOptions};

/// SHA-256 of every published charter version. A published version never changes: a new
/// methodology is a new version.
const PUBLISHED: &[(&str, &str)] =
    &[("1.0.0", "03ec8b2daf8b925a772d8047fa9048c5cf89493e4d47513e230503b1f497466f")];

fn charter() -> Spec {
    published("1.0.0")
}

/// A published charter version, its file given to the library first, so that the tests also
/// run without the default feature `embedded-charters`.
fn published(version: &str) -> Spec {
    let path = format!("{}/../spec/charter/{version}/charter.json", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    openness::spec::provide_charter(version, &file).unwrap();
    openness::charter(version).unwrap()
}

fn find_measure<'a>(node: &'a Node, id: &str) -> Option<&'a Measure> {
    node.measures
        .iter()
        .find(|m| m.id == id)
        .or_else(|| node.children.iter().find_map(|child| find_measure(child, id)))
}

#[test]
fn published_versions_never_change() {
    assert_eq!(openness::charter_versions(), PUBLISHED.iter().map(|(v, _)| *v).collect::<Vec<_>>());
    for (version, sha256) in PUBLISHED {
        let spec = published(version);
        assert_eq!(
            spec.sha256(),
            *sha256,
            "spec/charter/{version}/charter.json changed; publish a new version instead"
        );
    }
}

#[test]
fn charter_compiles_without_warnings() {
    let spec = charter();
    assert!(spec.warnings().is_empty(), "{}", spec.warnings());
    assert_eq!(spec.definition().languages, ["ar", "fr", "en"]);
}

#[test]
fn structure_follows_the_brief() {
    let spec = charter();
    let root = &spec.definition().root;
    let dimensions: Vec<&str> = root.children.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(dimensions, ["T", "P", "A", "I"]);
    let indicators: Vec<&str> =
        root.children.iter().flat_map(|d| d.children.iter().map(|i| i.id.as_str())).collect();
    assert_eq!(
        indicators,
        ["T1", "T2", "T3", "P1", "P2", "P3", "A1", "A2", "A3", "I1", "I2", "I3"]
    );
    assert_eq!(root.aggregation.over_level.as_deref(), Some("indicator"));
    assert_eq!(root.min_scored, Some(10));

    let names = [
        ("T1", "Institutional disclosure", "Transparence institutionnelle", "الشفافية المؤسساتية"),
        ("T2", "Financial disclosure", "Transparence financière", "الشفافية المالية"),
        (
            "P1",
            "Response to information requests",
            "Réactivité aux demandes d'information",
            "الاستجابة لطلبات المعلومات",
        ),
        (
            "I3",
            "Open and up-to-date data",
            "Données ouvertes et à jour",
            "المعطيات المفتوحة والمحيّنة",
        ),
    ];
    for (id, en, fr, ar) in names {
        let indicator =
            root.children.iter().flat_map(|d| &d.children).find(|i| i.id == id).unwrap();
        assert_eq!(indicator.name.get("en"), en);
        assert_eq!(indicator.name.get("fr"), fr);
        assert_eq!(indicator.name.get("ar"), ar);
        assert!(indicator.elements.iter().all(|e| e.id.starts_with(&format!("{id}."))));
        assert!(indicator.elements.iter().all(|e| e.guidance.contains_key("partial")), "{id}");
    }

    let reversed: Vec<&str> = root
        .children
        .iter()
        .flat_map(|d| &d.children)
        .flat_map(|i| &i.elements)
        .filter(|e| e.reversed)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(reversed, ["A3.04"], "trackers loading before consent is the reversed element");

    let tiers = spec.definition().tiers.as_ref().unwrap();
    let bands: Vec<(&str, f64)> = tiers.bands.iter().map(|b| (b.id.as_str(), b.min)).collect();
    assert_eq!(bands, [("closed", 0.0), ("limited", 40.0), ("open", 60.0), ("exemplary", 80.0)]);
    let commitments = &spec.definition().commitments;
    assert_eq!(commitments.len(), 12);
    assert!(commitments.iter().all(|c| c.threshold == 60.0));
}

/// Points of a charter measure's goalposts at a value, through the engine's own mapping.
fn points(spec: &Spec, measure: &str, value: f64) -> f64 {
    let measure = find_measure(&spec.definition().root, measure).unwrap();
    let Normalisation::Goalposts { points } = &measure.normalisation else { panic!("goalposts") };
    openness::normalise::goalposts(value, points)
}

#[test]
fn measures_map_to_the_briefs_goalposts() {
    let spec = charter();
    // T2: months after year end, ≤ 6 → 100, 12 → 50, ≥ 18 → 0.
    assert_eq!(points(&spec, "T2.m1", 4.0), 100.0);
    assert_eq!(points(&spec, "T2.m1", 9.0), 75.0);
    assert_eq!(points(&spec, "T2.m1", 12.0), 50.0);
    assert_eq!(points(&spec, "T2.m1", 18.0), 0.0);
    // P1: working days, ≤ 3 → 100, 20 → 50, ≥ 40 → 0.
    assert_eq!(points(&spec, "P1.m1", 3.0), 100.0);
    assert_eq!(points(&spec, "P1.m1", 20.0), 50.0);
    assert_eq!(points(&spec, "P1.m1", 30.0), 25.0);
    assert_eq!(points(&spec, "P1.m1", 40.0), 0.0);
    // P3: share of women in national bodies, 0 % → 0, ≥ 33.3 % → 100.
    assert_eq!(points(&spec, "P3.m1", 0.0), 0.0);
    assert!((points(&spec, "P3.m1", 16.65) - 50.0).abs() < 1e-9);
    assert_eq!(points(&spec, "P3.m1", 40.0), 100.0);
    // A2: reply time in hours, ≤ 24 → 100, ≥ 168 → 0.
    assert_eq!(points(&spec, "A2.m2", 24.0), 100.0);
    assert_eq!(points(&spec, "A2.m2", 96.0), 50.0);
    assert_eq!(points(&spec, "A2.m2", 200.0), 0.0);
    // I3: freshness in periods, within the period → 100, linear to 0 at three periods.
    assert_eq!(points(&spec, "I3.m1", 1.0), 100.0);
    assert_eq!(points(&spec, "I3.m1", 2.0), 50.0);
    assert_eq!(points(&spec, "I3.m1", 3.0), 0.0);
}

#[test]
fn demo_data_scores_as_documented() {
    let spec = charter();
    let demo = Assessment::load("../examples/data/demo-2026.json", &CsvOptions::default()).unwrap();
    let options =
        ValidationOptions { today: "2026-12-03".parse().ok(), ..ValidationOptions::default() };
    let results = spec.score(&[demo], &options).unwrap();
    assert_eq!(results.len(), 8);
    assert!(results.entities().all(|entity| entity.fictional()));
    let ranking: Vec<(&str, Option<u32>)> =
        results.ranking().iter().map(|e| (e.id(), e.rank())).collect();
    assert_eq!(
        ranking,
        [
            ("phn", Some(1)),
            ("aar", Some(2)),
            ("pbs", Some(3)),
            ("ldo", Some(4)),
            ("p2r", Some(4)),
            ("phr", Some(6)),
            ("sept", Some(7)),
            ("src", None),
        ]
    );
    // pbs scores 59.94, displayed as 60: its tier follows the displayed score.
    let pbs = results.entity("pbs").unwrap().score();
    assert_eq!(pbs.rounded, Some(60.0));
    assert_eq!(pbs.tier, Some("open"));
    // src has 6 of 12 indicators scored: below the coverage rule, unranked, no index.
    let src = results.entity("src").unwrap().score();
    assert_eq!((src.value, src.scored), (None, 6));
}

#[test]
fn the_csv_twin_holds_the_same_assessment() {
    let json = Assessment::load("../examples/data/demo-2026.json", &CsvOptions::default()).unwrap();
    let csv = Assessment::load("../examples/data/demo-2026.csv", &CsvOptions::default()).unwrap();
    assert_eq!(json.file.entities, csv.file.entities);
    assert_eq!(json.file.spec, csv.file.spec);
    assert_eq!(json.file.cycle, csv.file.cycle);
    assert_eq!(json.file.note, csv.file.note);
}
