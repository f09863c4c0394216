//! Speed of reproducing the published indices of `examples/indices/`: the whole run a user
//! makes (read the spec file, read the assessment file, validate, score) and its halves.
//!
//! `cargo bench -p openness --bench indices`; figures are recorded in BENCHMARKS.md.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use openness::{Assessment, CsvOptions, Spec, ValidationOptions};

const INDICES: [(&str, &str); 3] = [
    ("rdr-2022", "spec.json"),
    ("obs-2019", "spec.json"),
    ("coinr-asem", "spec-minmax1_gmean.json"),
];

fn folder(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/indices").join(name)
}

/// Loads, validates and scores one index from its files; returns the number of entities.
fn run(name: &str, spec: &str) -> Option<usize> {
    let folder = folder(name);
    let spec = Spec::load(folder.join(spec)).ok()?;
    let input = Assessment::load(folder.join("assessments.json"), &CsvOptions::default()).ok()?;
    let results = spec.score(&[input], &ValidationOptions::default()).ok()?;
    Some(results.len())
}

fn whole_run(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_validate_score");
    group.sample_size(20);
    for (name, spec) in INDICES {
        group.bench_function(name, |b| b.iter(|| run(name, spec)));
    }
    group.finish();
}

/// The RDR run in its steps: the spec, the assessment file, validation, scoring.
fn rdr_steps(c: &mut Criterion) {
    let folder = folder("rdr-2022");
    let Ok(spec_bytes) = std::fs::read(folder.join("spec.json")) else { return };
    let Ok(input_bytes) = std::fs::read(folder.join("assessments.json")) else { return };
    let Ok(spec) = Spec::from_json_slice(&spec_bytes, Some("spec.json")) else { return };
    let Ok(input) = Assessment::from_json_slice(&input_bytes, "assessments.json") else { return };
    let options = ValidationOptions::default();
    let Ok(prepared) = spec.prepare(std::slice::from_ref(&input), &options) else { return };

    let mut group = c.benchmark_group("rdr_2022");
    group.sample_size(20);
    group.bench_function("read_spec", |b| {
        b.iter(|| Spec::from_json_slice(&spec_bytes, Some("spec.json")).is_ok())
    });
    group.bench_function("read_assessments", |b| {
        b.iter(|| Assessment::from_json_slice(&input_bytes, "assessments.json").is_ok())
    });
    group.bench_function("validate", |b| {
        b.iter(|| spec.prepare(std::slice::from_ref(&input), &options).is_ok())
    });
    group.bench_function("score", |b| {
        b.iter(|| Spec::score_prepared(&prepared).map(|results| results.len()))
    });
    group.finish();
}

criterion_group!(benches, whole_run, rdr_steps);
criterion_main!(benches);
