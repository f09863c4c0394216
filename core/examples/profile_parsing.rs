//! Reads and validates a synthetic charter assessment repeatedly, for profilers:
//! `cargo run --release --example profile_parsing -- 2000 5 [compact]`.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let entities: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2_000);
    let repeats: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let spec = openness::charter("1.0.0").unwrap();
    let file = openness::synthetic::assessment(&spec, entities, 7);
    let compact = args.next().is_some_and(|mode| mode == "compact");
    let bytes = if compact {
        serde_json::to_vec(&file).unwrap()
    } else {
        openness::Assessment::from_file(file, "synthetic.json").to_json().into_bytes()
    };
    let options =
        openness::ValidationOptions { today: "2026-12-03".parse().ok(), ..Default::default() };
    let mut parse = std::time::Duration::ZERO;
    let mut validate = std::time::Duration::ZERO;
    for _ in 0..repeats {
        let start = std::time::Instant::now();
        let input = openness::Assessment::from_json_slice(&bytes, "synthetic.json").unwrap();
        let parsed = std::time::Instant::now();
        let prepared = spec.prepare(&[input], &options).unwrap();
        validate += parsed.elapsed();
        parse += parsed - start;
        std::hint::black_box(prepared);
    }
    let megabytes = bytes.len() as f64 * repeats as f64 / 1e6;
    println!(
        "{:.1} MB × {repeats}: parse {:.0} MB/s, validate {:.0} MB/s, both {:.0} MB/s",
        bytes.len() as f64 / 1e6,
        megabytes / parse.as_secs_f64(),
        megabytes / validate.as_secs_f64(),
        megabytes / (parse + validate).as_secs_f64()
    );
}
