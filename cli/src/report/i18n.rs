//! The report's own words in each language, and numbers written for a language.
//!
//! Everything that names the index (its title, dimensions, indicators, questions, tiers,
//! answers, commitments, decisions) comes from the spec. Everything else the site says comes
//! from `cli/translations/report.json`, keyed by language; nothing is written in one language
//! in the code or the templates.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The translation file, embedded in the binary.
const TRANSLATIONS: &str = include_str!("../../translations/report.json");

/// How a language writes numbers and text.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Meta {
    /// The language's name in itself ("العربية").
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// `latn` for 0–9, `arab` for Arabic-Indic digits ٠–٩.
    pub digits: String,
    /// The decimal separator.
    pub decimal: String,
    /// Why these choices were made: read by the observatory's editors, not by the code.
    #[serde(default, rename = "note")]
    #[allow(dead_code)]
    pub _note: String,
}

/// One language's strings as stored: a plain string, or plural forms by CLDR category.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Entry {
    Plain(String),
    Plural(BTreeMap<String, String>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Language {
    meta: Meta,
    strings: BTreeMap<String, Entry>,
}

/// The words of one language.
#[derive(Debug, Clone)]
pub(crate) struct I18n {
    /// The language tag (`ar`, `fr`, `en`).
    pub lang: String,
    /// How the language writes.
    pub meta: Meta,
    strings: BTreeMap<String, Entry>,
}

/// Languages of the translation file, in the file's order.
pub(crate) fn languages() -> Vec<String> {
    match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(TRANSLATIONS) {
        Ok(map) => map.keys().cloned().collect(),
        Err(_) => Vec::new(),
    }
}

impl I18n {
    /// The words of `lang`, or an error naming the languages available.
    pub(crate) fn load(lang: &str) -> Result<I18n, String> {
        let mut all: BTreeMap<String, Language> = serde_json::from_str(TRANSLATIONS)
            .map_err(|e| format!("cli/translations/report.json is not valid: {e}"))?;
        let language = all.remove(lang).ok_or_else(|| {
            format!("no translation for language `{lang}`; available: {}", languages().join(", "))
        })?;
        Ok(I18n { lang: lang.to_owned(), meta: language.meta, strings: language.strings })
    }

    /// Whether the language is written right to left.
    pub(crate) fn rtl(&self) -> bool {
        self.meta.dir == "rtl"
    }

    /// A plain string. A missing key shows as itself, so that a gap is visible, and the test
    /// of the translation file keeps every language complete.
    pub(crate) fn t(&self, key: &str) -> String {
        match self.strings.get(key) {
            Some(Entry::Plain(text)) => text.clone(),
            Some(Entry::Plural(forms)) => forms.get("other").cloned().unwrap_or_default(),
            None => key.to_owned(),
        }
    }

    /// A string with `{name}` placeholders filled in.
    pub(crate) fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        substitute(&self.t(key), values)
    }

    /// The plural form of `key` for `count`, with `{n}` set to the count as written in this
    /// language and other placeholders filled in.
    pub(crate) fn count(&self, key: &str, count: u64, values: &[(&str, &str)]) -> String {
        let template = match self.strings.get(key) {
            Some(Entry::Plural(forms)) => forms
                .get(plural_category(&self.lang, count))
                .or_else(|| forms.get("other"))
                .cloned()
                .unwrap_or_default(),
            Some(Entry::Plain(text)) => text.clone(),
            None => key.to_owned(),
        };
        let n = self.integer(count);
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(values);
        substitute(&template, &all)
    }

    /// Every plain string, for templates.
    pub(crate) fn table(&self) -> BTreeMap<String, String> {
        self.strings.keys().map(|key| (key.clone(), self.t(key))).collect()
    }

    /// Digits and decimal separator of this language applied to a number written with ASCII
    /// digits and a dot: the text of a score rounded by the engine, never rounded again.
    pub(crate) fn digits(&self, ascii: &str) -> String {
        ascii
            .chars()
            .flat_map(|c| match c {
                '.' => self.meta.decimal.chars().collect::<Vec<_>>(),
                '0'..='9' if self.meta.digits == "arab" => {
                    vec![char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c)]
                }
                other => vec![other],
            })
            .collect()
    }

    /// `text` kept left to right inside a right-to-left sentence (a date, a version, a signed
    /// change), between the Unicode isolates LRI and PDI; unchanged in left-to-right languages.
    pub(crate) fn isolate(&self, text: &str) -> String {
        if self.rtl() { format!("\u{2066}{text}\u{2069}") } else { text.to_owned() }
    }

    /// A whole number.
    pub(crate) fn integer(&self, value: u64) -> String {
        self.digits(&value.to_string())
    }

    /// A score already rounded by the engine, written with `decimals` decimals.
    pub(crate) fn score(&self, rounded: f64, decimals: u8) -> String {
        let text = format!("{:.*}", usize::from(decimals), rounded);
        // `-0` would read oddly; a rounded zero is zero.
        let text = if text.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
            text.trim_start_matches('-').to_owned()
        } else {
            text
        };
        self.digits(&text)
    }

    /// A change of displayed score: `+9`, `−3`, `0`.
    pub(crate) fn change(&self, displayed: f64, decimals: u8) -> String {
        let magnitude = self.score(displayed.abs(), decimals);
        if magnitude == self.score(0.0, decimals) {
            magnitude
        } else if displayed > 0.0 {
            self.isolate(&format!("+{magnitude}"))
        } else {
            self.isolate(&format!("\u{2212}{magnitude}"))
        }
    }

    /// A measured value exactly as given in the assessment (`35`, `0.125`).
    pub(crate) fn measured(&self, value: f64) -> String {
        self.digits(&value.to_string())
    }
}

/// Fills `{name}` placeholders.
fn substitute(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The CLDR plural category of a whole number in a language.
fn plural_category(lang: &str, n: u64) -> &'static str {
    match lang {
        "ar" => match n % 100 {
            _ if n == 0 => "zero",
            _ if n == 1 => "one",
            _ if n == 2 => "two",
            3..=10 => "few",
            11..=99 => "many",
            _ => "other",
        },
        // French counts 0 and 1 as singular.
        "fr" => {
            if n <= 1 {
                "one"
            } else {
                "other"
            }
        }
        _ => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key() {
        let english = I18n::load("en").unwrap();
        for lang in languages() {
            let words = I18n::load(&lang).unwrap();
            let missing: Vec<&String> =
                english.strings.keys().filter(|key| !words.strings.contains_key(*key)).collect();
            let extra: Vec<&String> =
                words.strings.keys().filter(|key| !english.strings.contains_key(*key)).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{lang}: {missing:?} {extra:?}");
            assert!(["ltr", "rtl"].contains(&words.meta.dir.as_str()));
            assert!(["latn", "arab"].contains(&words.meta.digits.as_str()));
            for (key, entry) in &words.strings {
                if let Entry::Plural(forms) = entry {
                    assert!(forms.contains_key("other"), "{lang}: {key} has no `other` form");
                }
            }
        }
    }

    #[test]
    fn placeholders_match_across_languages() {
        let english = I18n::load("en").unwrap();
        let names = |text: &str| {
            let mut found: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
                .collect();
            found.sort();
            found.dedup();
            found
        };
        for lang in languages() {
            let words = I18n::load(&lang).unwrap();
            for key in english.strings.keys() {
                let all_forms = |i18n: &I18n| match i18n.strings.get(key) {
                    Some(Entry::Plain(text)) => names(text),
                    Some(Entry::Plural(forms)) => {
                        let mut all: Vec<String> = forms.values().flat_map(|f| names(f)).collect();
                        all.sort();
                        all.dedup();
                        all
                    }
                    None => Vec::new(),
                };
                let (theirs, ours) = (all_forms(&words), all_forms(&english));
                // A plural form may leave out `{n}` ("one party" written as a word).
                let theirs: Vec<&String> = theirs.iter().filter(|n| *n != "n").collect();
                let ours: Vec<&String> = ours.iter().filter(|n| *n != "n").collect();
                assert_eq!(theirs, ours, "{lang}: placeholders of `{key}`");
            }
        }
    }

    #[test]
    fn numbers_follow_the_language() {
        let mut words = I18n::load("en").unwrap();
        assert_eq!(words.score(95.0, 0), "95");
        assert_eq!(words.score(66.67, 2), "66.67");
        assert_eq!(words.score(-0.0, 0), "0");
        assert_eq!(words.change(9.0, 0), "+9");
        assert_eq!(words.change(-3.0, 0), "\u{2212}3");
        assert_eq!(words.change(0.0, 0), "0");
        assert_eq!(words.measured(35.0), "35");
        assert_eq!(words.measured(0.125), "0.125");
        words.meta.digits = "arab".to_owned();
        words.meta.decimal = "\u{066B}".to_owned();
        assert_eq!(words.score(66.67, 2), "٦٦٫٦٧");
        assert_eq!(words.integer(2026), "٢٠٢٦");
    }

    #[test]
    fn plural_categories() {
        let categories: Vec<&str> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103]
            .iter()
            .map(|&n| plural_category("ar", n))
            .collect();
        assert_eq!(
            categories,
            ["zero", "one", "two", "few", "few", "many", "many", "other", "other", "few"]
        );
        assert_eq!(plural_category("fr", 0), "one");
        assert_eq!(plural_category("en", 0), "other");
        let arabic = I18n::load("ar").unwrap();
        assert!(!arabic.count("parties_assessed", 8, &[]).is_empty());
    }
}
