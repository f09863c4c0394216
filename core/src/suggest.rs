//! "Did you mean" suggestions for unknown ids and codes.

/// How similar (Jaro-Winkler, 0 to 1) a known id must be to an unknown one to be suggested.
const SIMILARITY_THRESHOLD: f64 = 0.8;

/// A hint naming the known value most similar to `unknown`, if any is close enough.
///
/// ```
/// use openness::suggest::did_you_mean;
///
/// let codes = ["yes", "partial", "no", "no_evidence", "not_applicable"];
/// assert_eq!(did_you_mean("yess", codes).as_deref(), Some("did you mean `yes`?"));
/// assert_eq!(did_you_mean("Partial", codes).as_deref(), Some("did you mean `partial`?"));
/// assert_eq!(did_you_mean("zzz", codes), None);
/// ```
pub fn did_you_mean<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(unknown, known).map(|best| format!("did you mean `{best}`?"))
}

/// The known value most similar to `unknown`, if any is close enough.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_of(unknown, &mut known.into_iter())
}

/// [`closest`] compiled once for every kind of list, through `dyn`: suggestions are made only
/// when something is wrong, and one copy keeps the WebAssembly module smaller.
fn closest_of<'a>(unknown: &str, known: &mut dyn Iterator<Item = &'a str>) -> Option<&'a str> {
    let lowered = unknown.to_lowercase();
    known
        .map(|candidate| (strsim::jaro_winkler(&lowered, &candidate.to_lowercase()), candidate))
        .filter(|(similarity, _)| *similarity >= SIMILARITY_THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// `a, b, c` — or the first few and a count, for long lists.
pub(crate) fn list<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 12;
    let values: Vec<&str> = values.into_iter().collect();
    if values.len() <= SHOWN {
        return values.join(", ");
    }
    format!("{}, … ({} in all)", values[..SHOWN].join(", "), values.len())
}
