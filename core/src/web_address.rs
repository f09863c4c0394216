//! Checks that evidence addresses are web addresses a reader can follow, and nothing else.
//!
//! Results are published on the web: an address that is not plainly `http(s)://host/path`
//! (`javascript:` links, spaces, quotes that would break out of an HTML attribute) is refused
//! at validation, before any page shows it.

/// The scheme of a valid web address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `http://`
    Http,
    /// `https://`
    Https,
}

/// Why a text is not a web address, in words for a volunteer, with what would be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub message: &'static str,
    /// What to write instead.
    pub hint: &'static str,
}

/// Characters a browser needs written as `%XX` in an address; they also end an HTML attribute
/// or a Markdown link.
const MUST_BE_ENCODED: &[char] = &['"', '<', '>', '\\', '^', '`', '{', '|', '}'];

/// Checks an address: an `http` or `https` scheme, a host (letters, digits, dots and hyphens in
/// any script, or a bracketed IP address), an optional port, then a path, query and fragment
/// without spaces, control characters or characters that must be written as `%XX`. Spaces
/// around the address are ignored.
///
/// ```
/// use openness::web_address::{check, Scheme};
///
/// assert_eq!(check("https://example.org/statuts.pdf"), Ok(Scheme::Https));
/// assert_eq!(check("http://example.org:8080/a?b=c#d"), Ok(Scheme::Http));
/// assert_eq!(check("https://موقع.المغرب/برنامج"), Ok(Scheme::Https));
/// assert!(check("javascript:alert(1)").is_err());
/// assert!(check("https://example.org/a\"onmouseover=\"alert(1)").is_err());
/// assert!(check("https:///no-host").is_err());
/// assert!(check("https://example.org/two words").is_err());
/// ```
pub fn check(address: &str) -> Result<Scheme, Problem> {
    let address = address.trim();
    let (scheme, rest) = if let Some(rest) = strip_prefix_ignoring_case(address, "https://") {
        (Scheme::Https, rest)
    } else if let Some(rest) = strip_prefix_ignoring_case(address, "http://") {
        (Scheme::Http, rest)
    } else {
        return Err(Problem {
            message: "the evidence address is not a web address",
            hint: "write a full address starting with https://",
        });
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    // Addresses with a user name (`user@host`) are how phishing links hide their real host.
    if authority.contains('@') {
        return Err(Problem {
            message: "the evidence address names a user before its host",
            hint: "write the address as the browser shows it, without `name@`",
        });
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((ip, after))
                if !ip.is_empty()
                    && ip.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') =>
            {
                (ip, after.strip_prefix(':'))
            }
            _ => return Err(bad_host()),
        },
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let host_ok = !host.is_empty()
        && !host.starts_with(['.', '-'])
        && host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    if !host_ok {
        return Err(bad_host());
    }
    if port.is_some_and(|port| port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit())) {
        return Err(bad_host());
    }
    if tail.chars().any(|c| c.is_whitespace() || c.is_control() || MUST_BE_ENCODED.contains(&c)) {
        return Err(Problem {
            message: "the evidence address has a space or a character that must be written as %XX",
            hint: "copy the address from the browser's address bar, which writes such characters as %XX",
        });
    }
    Ok(scheme)
}

fn bad_host() -> Problem {
    Problem {
        message: "the evidence address has no valid host name",
        hint: "write a full address such as https://example.org/page",
    }
}

fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}
