//! What makes data safe to put in a page or a path: links only to http(s) addresses, file
//! names that cannot leave their folder.

use std::collections::HashSet;

/// `url` if it is an absolute http or https address that can be used as a link as is: no
/// space, no control character, no quote or angle bracket. Anything else (`javascript:`,
/// `data:`, a relative path) is shown as text, never linked.
///
/// Validation already refuses evidence that is not http(s); this is the last line for data
/// that reached the report some other way.
pub(crate) fn http_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let has_host = url.split_once("://").is_some_and(|(_, rest)| {
        rest.split(['/', '?', '#']).next().is_some_and(|host| !host.is_empty())
    });
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c));
    (scheme_ok && has_host && clean).then_some(url)
}

/// A file name for each id: lowercase ASCII letters, digits, `-` and `_`, unique among
/// `ids`. Ids are data, so an id like `../x` or `حزب` must not become a path as written.
pub(crate) fn slugs<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = HashSet::new();
    ids.into_iter()
        .enumerate()
        .map(|(position, id)| {
            let mut slug: String = id
                .chars()
                .map(|c| match c.to_ascii_lowercase() {
                    c @ ('a'..='z' | '0'..='9' | '-' | '_') => c,
                    _ => '-',
                })
                .collect();
            slug = slug.trim_matches('-').chars().take(60).collect();
            if slug.is_empty() {
                slug = format!("entity-{}", position + 1);
            }
            let mut unique = slug.clone();
            let mut n = 2;
            while !taken.insert(unique.clone()) {
                unique = format!("{slug}-{n}");
                n += 1;
            }
            unique
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_addresses_become_links() {
        assert_eq!(http_url("https://example.org/a?b=1#c"), Some("https://example.org/a?b=1#c"));
        assert_eq!(http_url(" HTTP://example.org "), Some("HTTP://example.org"));
        for refused in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            "//example.org",
            "/local/path",
            "https://",
            "https://example.org/\"onmouseover=\"x",
            "https://exa mple.org",
            "ftp://example.org",
        ] {
            assert_eq!(http_url(refused), None, "{refused}");
        }
    }

    #[test]
    fn slugs_are_safe_and_unique() {
        assert_eq!(
            slugs(["phn", "PHN", "../etc/passwd", "حزب", "a b"]),
            ["phn", "phn-2", "etc-passwd", "entity-4", "a-b"]
        );
    }
}
