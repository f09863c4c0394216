//! Numbers written as text, in spreadsheet cells and table columns.
//!
//! Moroccan spreadsheets mix conventions: `9,99` with a decimal comma, `1.234,56` with grouped
//! thousands, `٤١٫٢٢٣٧٢` in Arabic-Indic digits, `۴۱` in Persian digits, invisible direction
//! marks around a number in an Arabic cell. Each is read exactly or refused with a reason,
//! never guessed: `9,99` without a declared decimal comma is an error, not 999 or 9.99.

use std::fmt;

use crate::text::is_bidi_control;

/// Which character separates the decimals in numbers written as text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum DecimalSeparator {
    /// `9.99`; a comma is refused, since it could be either a decimal or a thousands separator.
    #[default]
    Dot,
    /// `9,99` and `1.234,56`; a dot may only group thousands.
    Comma,
}

/// Why a text is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberError {
    /// Whether the text names a value that is not finite (`NaN`, `Infinity`).
    pub not_finite: bool,
    /// What is wrong.
    pub message: String,
    /// What would be accepted.
    pub hint: String,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message, self.hint)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Ascii,
    ArabicIndic,
    ExtendedArabicIndic,
}

/// The digit a character stands for, and its script.
fn digit(c: char) -> Option<(u32, Script)> {
    match c {
        '0'..='9' => Some((c as u32 - '0' as u32, Script::Ascii)),
        '\u{0660}'..='\u{0669}' => Some((c as u32 - 0x0660, Script::ArabicIndic)),
        '\u{06F0}'..='\u{06F9}' => Some((c as u32 - 0x06F0, Script::ExtendedArabicIndic)),
        _ => None,
    }
}

/// Reads a number written as text.
///
/// ```
/// use openness::numbers::{parse_number, DecimalSeparator::*};
///
/// assert_eq!(parse_number("41.5", Dot), Ok(41.5));
/// assert_eq!(parse_number("٤١٫٢٢٣٧٢", Dot), Ok(41.22372));
/// assert_eq!(parse_number("۴۱", Dot), Ok(41.0));
/// assert_eq!(parse_number("9,99", Comma), Ok(9.99));
/// assert_eq!(parse_number("1.234,56", Comma), Ok(1234.56));
/// assert!(parse_number("9,99", Dot).is_err());
/// assert!(parse_number("1٠", Dot).is_err()); // mixed scripts
/// assert!(parse_number("NaN", Dot).unwrap_err().not_finite);
/// ```
pub fn parse_number(text: &str, decimal: DecimalSeparator) -> Result<f64, NumberError> {
    let cleaned: String = text.chars().filter(|&c| !is_bidi_control(c)).collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        return Err(error(
            "the text is empty",
            "write a number, or leave the cell empty for no value",
        ));
    }
    let lowered = cleaned.trim_start_matches(['+', '-', '\u{2212}']).to_ascii_lowercase();
    if matches!(lowered.as_str(), "nan" | "inf" | "infinity") {
        return Err(NumberError {
            not_finite: true,
            message: format!("`{cleaned}` is not a finite number"),
            hint: "leave the value out when it is missing, or use a `not_applicable` answer".into(),
        });
    }

    let mut ascii = String::with_capacity(cleaned.len());
    let mut script = None;
    let mut chars = cleaned.chars().peekable();
    if let Some(&sign) = chars.peek()
        && matches!(sign, '+' | '-' | '\u{2212}')
    {
        ascii.push(if sign == '+' { '+' } else { '-' });
        chars.next();
    }
    let mut integer_groups: Vec<String> = vec![String::new()];
    let mut fraction: Option<String> = None;
    let mut exponent: Option<String> = None;
    for c in chars {
        if let Some(exp) = exponent.as_mut() {
            if c.is_ascii_digit() || (exp.is_empty() && matches!(c, '+' | '-')) {
                exp.push(c);
                continue;
            }
            return Err(not_a_number(cleaned));
        }
        if let Some((value, digit_script)) = digit(c) {
            if script.is_some_and(|s| s != digit_script) {
                return Err(error(
                    &format!("`{cleaned}` mixes digits of different scripts"),
                    "write every digit in one script: 0-9, ٠-٩ or ۰-۹",
                ));
            }
            script = Some(digit_script);
            let ascii_digit = char::from_digit(value, 10).unwrap_or('0');
            match fraction.as_mut() {
                Some(fraction) => fraction.push(ascii_digit),
                None => {
                    if let Some(group) = integer_groups.last_mut() {
                        group.push(ascii_digit);
                    }
                }
            }
            continue;
        }
        let is_decimal = match c {
            '\u{066B}' => true,
            '.' => decimal == DecimalSeparator::Dot,
            ',' => decimal == DecimalSeparator::Comma,
            _ => false,
        };
        let is_grouping = match c {
            '\u{066C}' => true,
            '.' => decimal == DecimalSeparator::Comma,
            _ => false,
        };
        if is_decimal && fraction.is_none() {
            fraction = Some(String::new());
        } else if is_grouping && fraction.is_none() {
            integer_groups.push(String::new());
        } else if c == ',' && decimal == DecimalSeparator::Dot {
            return Err(error(
                &format!("`{cleaned}` has a comma, which could separate decimals or thousands"),
                "write the number with a dot for decimals and no thousands separator (9.99, \
                 1234.56)",
            ));
        } else if matches!(c, 'e' | 'E') && script == Some(Script::Ascii) {
            exponent = Some(String::new());
        } else if c == '%' {
            return Err(error(
                &format!("`{cleaned}` has a percent sign"),
                "write the number alone (45 for 45 %); the measure's unit says what it counts",
            ));
        } else {
            return Err(not_a_number(cleaned));
        }
    }

    let grouped = integer_groups.len() > 1;
    if grouped {
        let well_grouped = !integer_groups[0].is_empty()
            && integer_groups[0].len() <= 3
            && integer_groups[1..].iter().all(|group| group.len() == 3);
        if !well_grouped {
            let hint = match decimal {
                DecimalSeparator::Comma => {
                    "with the comma declared as decimal separator, a dot separates thousands: \
                     group digits by three (1.234.567,89), or write 2,5 for two and a half"
                }
                DecimalSeparator::Dot => {
                    "group digits by three (1٬234٬567), or write them without separator"
                }
            };
            return Err(error(
                &format!("`{cleaned}` has a thousands separator in the wrong place"),
                hint,
            ));
        }
    }
    let integer: String = integer_groups.concat();
    if integer.is_empty() && fraction.as_deref().is_none_or(str::is_empty) {
        return Err(not_a_number(cleaned));
    }
    ascii.push_str(if integer.is_empty() { "0" } else { &integer });
    if let Some(fraction) = fraction {
        ascii.push('.');
        ascii.push_str(if fraction.is_empty() { "0" } else { &fraction });
    }
    if let Some(exponent) = exponent {
        if exponent.trim_start_matches(['+', '-']).is_empty() {
            return Err(not_a_number(cleaned));
        }
        ascii.push('e');
        ascii.push_str(&exponent);
    }
    match ascii.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        _ => Err(not_a_number(cleaned)),
    }
}

fn error(message: &str, hint: &str) -> NumberError {
    NumberError { not_finite: false, message: message.to_owned(), hint: hint.to_owned() }
}

fn not_a_number(text: &str) -> NumberError {
    error(
        &format!("`{text}` is not a number"),
        "write digits with an optional sign and decimals, such as 12 or 4.5",
    )
}
