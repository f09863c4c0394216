//! The committed JSON Schemas in `spec/schema/` must be the ones the Rust types generate.

use std::path::Path;

#[test]
fn committed_schemas_match_the_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/schema");
    let mut stale = Vec::new();
    for (name, generated) in openness::schema::all() {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        if committed != generated {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "spec/schema/ is out of date ({}); regenerate it with:\n    \
         cargo run -p openness-cli -- spec schema --write spec/schema",
        stale.join(", ")
    );
}
