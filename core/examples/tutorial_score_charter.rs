//! The README's example: score the fictional demo data with the built-in charter, print the
//! ranking and explain one party. Run it from the repository root:
//! `cargo run -p openness --example tutorial_score_charter`.
#![allow(clippy::print_stdout)]

use openness::{Assessment, CsvOptions, ValidationOptions};

fn main() -> Result<(), openness::Error> {
    let charter = openness::charter("1.0.0")?;
    let demo = Assessment::load("examples/data/demo-2026.json", &CsvOptions::default())?;
    let results = charter.score(&[demo], &ValidationOptions::default())?;

    for party in results.ranking() {
        let score = party.score();
        let shown = score.value.map_or("n/a".to_owned(), |value| charter.format(value));
        let rank = party.rank().map_or("–".to_owned(), |rank| rank.to_string());
        let tier = score.tier.unwrap_or("insufficient data");
        println!("{rank:>2} {:<28} {shown:>3} {tier}", party.name().get("en"));
    }

    // What each indicator contributes to a party's index, and the unmet items worth most.
    let why = results.explain("pbs")?;
    let best = &why.improvements[0];
    println!("pbs would gain most from {} (+{:.1} points)", best.item, best.gain);
    Ok(())
}
