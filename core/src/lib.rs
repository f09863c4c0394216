//! Validate, score, rank and explain composite indices: checklists of questions answered from
//! public evidence, and measures mapped to points, combined up a tree of indicators.
//!
//! The engine behind the **Political Openness Charter**, which scores political parties each
//! year on twelve indicators of digital openness. The charter is a versioned *spec* — data,
//! not code — and any index of the same shape can be written as a spec and scored by the same
//! engine: Ranking Digital Rights, the Open Budget Survey, the statistical indices of the
//! European Commission's COINr.
//!
//! # Scoring the charter
//!
//! ```
//! use openness::{Assessment, CsvOptions, ValidationOptions};
//!
//! # // Builds without the default feature `embedded-charters` are given the published file.
//! # let published = std::fs::read("../spec/charter/1.0.0/charter.json").unwrap();
//! # openness::spec::provide_charter("1.0.0", &published).unwrap();
//! let charter = openness::charter("1.0.0")?;
//! let demo = Assessment::load("../examples/data/demo-2026.json", &CsvOptions::default())?;
//! let results = charter.score(&[demo], &ValidationOptions::default())?;
//!
//! for party in results.ranking() {
//!     let score = party.score();
//!     let shown = score.value.map_or("insufficient data".to_owned(), |v| charter.format(v));
//!     let tier = score.tier.and_then(|id| charter.tier(id)).map_or("", |t| t.label.get("en"));
//!     println!("{:>4} {:<40} {:>5} {}", party.rank().map_or("–".into(), |r| r.to_string()),
//!              party.name().get("en"), shown, tier);
//! }
//! # Ok::<(), openness::Error>(())
//! ```
//!
//! # An index of your own
//!
//! A spec names its answer scales and a tree of nodes; every node has a `name`, and its inputs
//! are weighted as its `aggregation` says (`relative` weights, the default, must be given on
//! every input; `equal` needs none). An assessment names the spec's id and version and gives
//! each entity's answers. The JSON Schemas of both are in `spec/schema/` and
//! [`schema`].
//!
//! ```
//! use openness::{Assessment, Spec, ValidationOptions};
//!
//! let spec = Spec::from_json_str(r#"{
//!   "id": "my-index", "version": "1.0.0", "title": {"en": "My index"},
//!   "scales": [{"id": "answers", "options": [
//!     {"code": "yes", "label": {"en": "Yes"}, "points": 100},
//!     {"code": "no", "label": {"en": "No"}, "points": 0},
//!     {"code": "not_applicable", "label": {"en": "Not applicable"}, "excluded": true}]}],
//!   "defaultScale": "answers",
//!   "root": {"id": "index", "name": {"en": "My index"}, "aggregation": {"weights": "equal"},
//!     "children": [
//!       {"id": "A", "name": {"en": "Access"}, "aggregation": {"weights": "equal"},
//!        "elements": [{"id": "A.1", "question": {"en": "Is there a contact form?"}},
//!                     {"id": "A.2", "question": {"en": "Is it answered?"}}]},
//!       {"id": "B", "name": {"en": "Budget"}, "aggregation": {"weights": "equal"},
//!        "elements": [{"id": "B.1", "question": {"en": "Is the budget published?"}}]}]}
//! }"#, Some("my-index.json"))?;
//!
//! let input = Assessment::from_json_str(r#"{
//!   "spec": {"id": "my-index", "version": "1.0.0"}, "cycle": 2026,
//!   "entities": [{"id": "p1", "name": {"en": "Party One"}, "responses": [
//!     {"item": "A.1", "answer": "yes"}, {"item": "A.2", "answer": "no"},
//!     {"item": "B.1", "answer": "not_applicable"}]}]
//! }"#, "input.json")?;
//!
//! let results = spec.score(&[input], &ValidationOptions::default())?;
//! let party = &results.ranking()[0];
//! // A is mean(100, 0) = 50; B has nothing applicable, so it is not scored and the index is A.
//! assert_eq!(party.score().value, Some(50.0));
//! # Ok::<(), openness::Error>(())
//! ```
//!
//! # The steps
//!
//! 1. A [`Spec`] is read from JSON ([`Spec::load`]) or taken from the built-in charter versions
//!    ([`charter`]). Reading checks it: unique ids, known references, weights, goalposts.
//! 2. An [`Assessment`] is read from JSON or long CSV, or built from table rows. Reading keeps
//!    every field as written, valid or not.
//! 3. [`Spec::validate`] reports every problem at once, each an [`Issue`] with a stable
//!    [`IssueCode`], a severity, a [`Location`] (file and line or JSON pointer), the value and
//!    a hint. [`Spec::score`] validates, then scores.
//! 4. [`Results`] give every node's score (unrounded and rounded for display), coverage, rank
//!    and tier; [`Results::explain`] says why.
//! 5. [`Results::summary`] gives the figures of a year's report: distributions, means and
//!    medians, rare practices, signatories against the others, changes since the previous
//!    cycle where the two can be compared.
//!
//! # Rules that hold for every spec
//!
//! * Excluded answers (`not_applicable`) and missing data are left out of means and the
//!   weights of the other inputs renormalised; "searched, nothing found" scores 0.
//! * A node with no scored input is *not scored*, never 0; below its coverage rule it is
//!   *insufficient data*. Entities whose index is not scored are unranked.
//! * Sums are exact, so the order of inputs never changes a score in its last bit.
//! * Ranks use unrounded scores quantised to the spec's tie precision (1, 2, 2, 4), or the
//!   displayed scores where the spec ranks on those.
//! * Rounding is for display only, half away from zero (12.5 → 13).
//! * No NaN or infinity reaches a result: missing scores are `None` with a status.
//!
//! # Features
//!
//! All on by default; the WebAssembly binding turns them off and gives the library what they
//! would have built in from the JavaScript host.
//!
//! * `clock`: today's date in the spec's time zone from the system clock (`today_in`).
//! * `unicode-tables`: Unicode NFC for comparing identifiers; without it, see
//!   [`text::provide_nfc`].
//! * `embedded-charters`: the published charter files built in; without it, see
//!   [`spec::provide_charter`].

pub mod assessment;
mod clock;
mod columnar;
pub mod date;
mod error;
pub mod explain;
pub mod issue;
mod json_pointer;
pub mod normalise;
pub mod numbers;
mod order;
mod pipeline;
mod prepare;
pub mod results;
pub mod round;
pub mod schema;
pub mod score;
pub mod spec;
pub mod suggest;
pub mod sum;
pub mod summary;
pub mod synthetic;
pub mod text;
pub mod web_address;

pub use assessment::{
    Assessment, AssessmentFile, Column, CsvOptions, Table, TableHeader, TableRow, TableValue,
};
#[cfg(feature = "clock")]
pub use clock::today_in;
pub use error::Error;
pub use explain::Explanation;
pub use issue::{Issue, IssueCode, Location, Report, Severity};
pub use jiff::civil::Date;
pub use numbers::DecimalSeparator;
pub use pipeline::{AsInput, Input};
pub use prepare::{Prepared, ValidationOptions};
pub use results::{EntityResult, NodeScore, Results, ResultsDocument};
pub use score::{ItemStatus, Status};
pub use spec::{CHARTER_ID, Spec, charter, charter_json, charter_versions, latest_charter};
pub use summary::Summary;
pub use text::Text;
