//! Today's date in the spec's time zone, for the rule that evidence is not checked in the future.

#[cfg(feature = "clock")]
use jiff::civil::Date;

/// Whether `name` has the shape of an IANA time zone name (`Africa/Casablanca`, `UTC`).
pub(crate) fn is_timezone_name(name: &str) -> bool {
    name == "UTC"
        || (name.contains('/')
            && name.split('/').all(|part| {
                !part.is_empty()
                    && part.chars().all(|c| c.is_ascii_alphanumeric() || "_-+".contains(c))
            }))
}

/// Today's date in the IANA time zone `zone` (UTC when `None`), from the system clock and the
/// system's time-zone database.
///
/// Returns `None` when the time zone is unknown to the system.
#[cfg(feature = "clock")]
pub fn today_in(zone: Option<&str>) -> Option<Date> {
    let zone = jiff::tz::TimeZone::get(zone.unwrap_or("UTC")).ok()?;
    Some(zone.to_datetime(jiff::Timestamp::now()).date())
}
