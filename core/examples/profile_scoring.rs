//! Scores synthetic charter assessments repeatedly, for profilers: `cargo run --release
//! --example profile_scoring -- ENTITIES [REPEATS]` (default 20000 and 5).
#![allow(clippy::print_stdout, clippy::unwrap_used)]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let entities: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(20_000);
    let spec = openness::charter("1.0.0").unwrap();
    let file = openness::synthetic::assessment(&spec, entities, 7);
    let input = openness::Assessment::from_file(file, "synthetic.json");
    let options =
        openness::ValidationOptions { today: "2026-12-03".parse().ok(), ..Default::default() };
    let prepared = spec.prepare(&[input], &options).unwrap();
    println!("{} warnings", prepared.warnings().issues.len());
    let start = std::time::Instant::now();
    let results = openness::Spec::score_prepared(&prepared).unwrap();
    println!("{} entities scored in {:?}", results.len(), start.elapsed());
    let start = std::time::Instant::now();
    drop(results);
    println!("dropped in {:?}", start.elapsed());
    let start = std::time::Instant::now();
    let repeats: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(5);
    for _ in 0..repeats {
        std::hint::black_box(openness::Spec::score_prepared(&prepared).unwrap());
    }
    let elapsed = start.elapsed();
    let rate = (entities * repeats) as f64 / elapsed.as_secs_f64();
    println!("{repeats} more scorings in {elapsed:?}: {rate:.0} entities per second");
}
