//! Dates written `YYYY-MM-DD`, as assessment files and callers give them.
//!
//! Reading and writing go through [`Date::new`] and the date's fields rather than jiff's
//! general ISO 8601 parser and printer, which accept and write far more than a date: the
//! WebAssembly build, which has to stay small, then carries none of that machinery.

use jiff::civil::Date;

/// Reads a date written exactly `YYYY-MM-DD`; `None` for any other text, or for a day that
/// does not exist.
///
/// ```
/// use openness::date::parse_date;
///
/// assert_eq!(parse_date("2026-02-28").map(|d| d.day()), Some(28));
/// assert!(parse_date("2026-02-30").is_none()); // no such day
/// assert!(parse_date("2026-2-28").is_none());
/// assert!(parse_date("2026-02-28T10:00").is_none());
/// ```
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0i16, |total, &digit| {
            digit.is_ascii_digit().then(|| total * 10 + i16::from(digit - b'0'))
        })
    };
    let year = number(&bytes[0..4])?;
    let month = i8::try_from(number(&bytes[5..7])?).ok()?;
    let day = i8::try_from(number(&bytes[8..10])?).ok()?;
    Date::new(year, month, day).ok()
}

/// Writes a date as `YYYY-MM-DD`.
///
/// ```
/// use openness::date::{format_date, parse_date};
///
/// let date = parse_date("2026-03-05").unwrap();
/// assert_eq!(format_date(date), "2026-03-05");
/// ```
pub fn format_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}
