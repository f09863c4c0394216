//! Times the reproduction of the published indices of `examples/indices/`: for each, the whole
//! run a user makes (read the spec, read the assessments, validate, score), step by step.
//!
//! `cargo run --release -p openness --example reproduce_indices`

#![allow(clippy::print_stdout)]

use std::path::Path;
use std::time::{Duration, Instant};

use openness::{Assessment, Spec, ValidationOptions};

const INDICES: [(&str, &str); 4] = [
    ("rdr-2022", "spec.json"),
    ("obs-2019", "spec.json"),
    ("obs-2017", "spec.json"),
    ("coinr-asem", "spec-minmax1_gmean.json"),
];

fn main() -> Result<(), openness::Error> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/indices");
    println!(
        "{:<12} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "index", "spec", "input", "validate", "score", "total"
    );
    for (name, spec_file) in INDICES {
        let folder = root.join(name);
        let mut best = [Duration::MAX; 5];
        for _ in 0..10 {
            let start = Instant::now();
            let spec = Spec::load(folder.join(spec_file))?;
            let read_spec = start.elapsed();
            let bytes = std::fs::read(folder.join("assessments.json"))
                .map_err(|e| openness::Error::Io { path: name.into(), message: e.to_string() })?;
            let input = Assessment::from_json_slice(&bytes, "assessments.json")?;
            let read_input = start.elapsed();
            let prepared = spec.prepare(&[input], &ValidationOptions::default())?;
            let validated = start.elapsed();
            let results = Spec::score_prepared(&prepared)?;
            let scored = start.elapsed();
            assert!(!results.is_empty());
            let steps = [
                read_spec,
                read_input - read_spec,
                validated - read_input,
                scored - validated,
                scored,
            ];
            for (best, step) in best.iter_mut().zip(steps) {
                *best = (*best).min(step);
            }
        }
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
        println!(
            "{name:<12} {:>9} {:>9} {:>9} {:>9} {:>9}",
            ms(best[0]),
            ms(best[1]),
            ms(best[2]),
            ms(best[3]),
            ms(best[4])
        );
    }
    Ok(())
}
