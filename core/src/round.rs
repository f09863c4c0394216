//! Rounding for display, and the quantisation that decides ties.
//!
//! Scores are compared and rounded as integer multiples of 10^-k, where 10^-k is the spec's
//! tie precision (1e-9 by default). Two effects follow:
//!
//! * ties are transitive: 500, 500.0001 and 500.0002 are three scores, however close;
//! * floating-point noise cannot flip a rounding: a mean that is 12.5 on paper but
//!   12.499999999999998 in binary is still displayed as 13, as published indices do.
//!
//! Rounding is half away from zero (12.5 → 13, 2.5 → 3, −2.5 → −3), never banker's rounding.

/// `value` as an integer count of 10^-`decimals` steps, rounded half away from zero.
///
/// ```
/// use openness::round::quantise;
///
/// assert_eq!(quantise(500.0001, 9), 500_000_100_000);
/// assert_eq!(quantise(0.1 + 0.2, 9), quantise(0.3, 9));
/// ```
pub fn quantise(value: f64, decimals: u8) -> i128 {
    (value * 10f64.powi(i32::from(decimals))).round() as i128
}

/// `value` rounded half away from zero to `decimals` decimals, after quantising it to
/// `tie_decimals` decimals.
///
/// ```
/// use openness::round::round_half_away;
///
/// assert_eq!(round_half_away(12.5, 0, 9), 13.0);
/// assert_eq!(round_half_away(2.5, 0, 9), 3.0);
/// assert_eq!(round_half_away(-2.5, 0, 9), -3.0);
/// assert_eq!(round_half_away(200.0 / 3.0, 2, 9), 66.67);
/// assert_eq!(round_half_away(12.499999999999998, 0, 9), 13.0);
/// ```
pub fn round_half_away(value: f64, decimals: u8, tie_decimals: u8) -> f64 {
    let steps = rounded_steps(value, decimals, tie_decimals);
    steps as f64 / 10f64.powi(i32::from(decimals))
}

/// `value` rounded as by [`round_half_away`], written with exactly `decimals` decimals.
///
/// ```
/// use openness::round::format_rounded;
///
/// assert_eq!(format_rounded(94.0 / 9.0, 1, 9), "10.4");
/// assert_eq!(format_rounded(56.0, 0, 9), "56");
/// assert_eq!(format_rounded(-0.04, 1, 9), "0.0");
/// assert_eq!(format_rounded(7.0, 2, 9), "7.00");
/// ```
pub fn format_rounded(value: f64, decimals: u8, tie_decimals: u8) -> String {
    let steps = rounded_steps(value, decimals, tie_decimals);
    let digits = steps.unsigned_abs().to_string();
    let decimals = usize::from(decimals);
    let sign = if steps < 0 { "-" } else { "" };
    if decimals == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = decimals + 1);
    let (whole, fraction) = padded.split_at(padded.len() - decimals);
    format!("{sign}{whole}.{fraction}")
}

/// The value in units of 10^-`decimals`, rounded half away from zero from its quantised form.
fn rounded_steps(value: f64, decimals: u8, tie_decimals: u8) -> i128 {
    let tie_decimals = tie_decimals.max(decimals);
    let quantised = quantise(value, tie_decimals);
    let divisor = 10i128.pow(u32::from(tie_decimals - decimals));
    let (quotient, remainder) = (quantised / divisor, quantised % divisor);
    if 2 * remainder.abs() >= divisor { quotient + quantised.signum() } else { quotient }
}

/// A number for messages: at most ten significant digits, without trailing zeros, so that
/// 0.4 + 0.4 + 0.4 reads "1.2".
pub(crate) fn trim_float(value: f64) -> String {
    let text = format!("{value:.10}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}
