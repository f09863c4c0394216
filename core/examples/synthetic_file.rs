//! Writes a synthetic charter assessment of N entities, for load and memory measurements:
//! `cargo run --release --example synthetic_file -- 100000 /tmp/synthetic.json`.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

fn main() {
    let mut args = std::env::args().skip(1);
    let entities: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let path = args.next().unwrap_or_else(|| "synthetic.json".to_owned());
    let spec = openness::charter("1.0.0").unwrap();
    let file = openness::synthetic::assessment(&spec, entities, 7);
    let text = openness::Assessment::from_file(file, "synthetic.json").to_json();
    std::fs::write(&path, &text).unwrap();
    println!("wrote {path}: {entities} entities, {} bytes", text.len());
}
