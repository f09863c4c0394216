//! Speed of the two halves of a run on synthetic charter assessments: reading and validating
//! JSON (bytes per second), and scoring already-validated input (entities per second).
//!
//! `cargo bench -p openness --bench scoring`; figures are recorded in BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use openness::{Assessment, Spec, ValidationOptions};

fn options() -> ValidationOptions {
    ValidationOptions { today: "2026-12-03".parse().ok(), aliases: Vec::new() }
}

fn scoring(c: &mut Criterion) {
    let Ok(spec) = openness::charter("1.0.0") else { return };
    let mut group = c.benchmark_group("score_prepared");
    for entities in [1_000, 10_000, 100_000] {
        let file = openness::synthetic::assessment(&spec, entities, 7);
        let input = Assessment::from_file(file, "synthetic.json");
        let Ok(prepared) = spec.prepare(&[input], &options()) else { return };
        group.throughput(Throughput::Elements(entities as u64));
        group.bench_with_input(BenchmarkId::from_parameter(entities), &prepared, |b, prepared| {
            b.iter(|| Spec::score_prepared(prepared).map(|results| results.len()))
        });
    }
    group.finish();
}

fn parsing(c: &mut Criterion) {
    let Ok(spec) = openness::charter("1.0.0") else { return };
    let mut group = c.benchmark_group("parse_and_validate_json");
    group.sample_size(20);
    for entities in [1_000, 10_000] {
        let file = openness::synthetic::assessment(&spec, entities, 7);
        let bytes = Assessment::from_file(file, "synthetic.json").to_json().into_bytes();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(entities), &bytes, |b, bytes| {
            b.iter(|| {
                let input = Assessment::from_json_slice(bytes, "synthetic.json").ok()?;
                spec.prepare(&[input], &options()).ok().map(|prepared| prepared.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, scoring, parsing);
criterion_main!(benches);
