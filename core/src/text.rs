//! Text in several languages, and the identifiers that name things across files.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
#[cfg(feature = "unicode-tables")]
use unicode_normalization::UnicodeNormalization;

/// A text given in one or more languages, keyed by BCP 47 language tag (`en`, `fr`, `ar`, …).
///
/// Specs of the Political Openness Charter carry every text in Arabic, French and English;
/// other indices may carry fewer. [`Text::get`] falls back along a fixed chain so that a
/// widget asked for a language the spec lacks still shows something meaningful.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, else in English, else in any language the text has, else "".
    ///
    /// ```
    /// use openness::Text;
    ///
    /// let title = Text::from([("en", "Transparency"), ("fr", "Transparence")]);
    /// assert_eq!(title.get("fr"), "Transparence");
    /// assert_eq!(title.get("ar"), "Transparency"); // falls back to English
    /// ```
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("en"))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }

    /// The text in exactly `lang`, without falling back.
    pub fn exactly(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).map(String::as_str)
    }

    /// Whether no language has any text.
    pub fn is_empty(&self) -> bool {
        self.0.values().all(|text| text.trim().is_empty())
    }
}

impl Text {
    /// The text of each language from `(language, text)` pairs; the last of a language wins.
    ///
    /// Inserted one by one rather than collected: collecting a `BTreeMap` sorts the pairs
    /// first, with a copy of the stable sort of its own (3 KB of WebAssembly) for nothing.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut text = BTreeMap::new();
        for (language, words) in pairs {
            text.insert(language, words);
        }
        Text(text)
    }
}

impl<const N: usize> From<[(&str, &str); N]> for Text {
    fn from(pairs: [(&str, &str); N]) -> Self {
        Text::from_pairs(pairs.map(|(lang, text)| (lang.to_owned(), text.to_owned())))
    }
}

/// Characters that change the display direction of text without being visible: the marks
/// U+200E, U+200F and U+061C, the embeddings and overrides U+202A–U+202E and the isolates
/// U+2066–U+2069. Spreadsheets edited in Arabic often carry them invisibly around names.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The form of an identifier used to decide whether two identifiers name the same thing:
/// bidirectional control characters removed, then Unicode NFC normalisation.
///
/// Two party ids typed in different editors, one with an invisible right-to-left mark, are
/// the same party. The identifier as written is kept for writing the file back.
///
/// ```
/// use openness::text::identity_key;
/// # // Builds without the default feature `unicode-tables` are given NFC.
/// # use unicode_normalization::UnicodeNormalization;
/// # openness::text::provide_nfc(|text| text.nfc().collect());
///
/// assert_eq!(identity_key("\u{200F}حزب"), identity_key("حزب"));
/// assert_eq!(identity_key("e\u{301}"), "é"); // decomposed accent composed
/// ```
pub fn identity_key(id: &str) -> String {
    if id.is_ascii() {
        return id.to_owned();
    }
    let visible = id.chars().filter(|&c| !is_bidi_control(c));
    #[cfg(feature = "unicode-tables")]
    let key = visible.nfc().collect();
    #[cfg(not(feature = "unicode-tables"))]
    let key = {
        let visible: String = visible.collect();
        match PROVIDED_NFC.get() {
            Some(nfc) => nfc(&visible),
            None => visible,
        }
    };
    key
}

/// NFC normalisation provided by the application, for builds without `unicode-tables`.
static PROVIDED_NFC: std::sync::OnceLock<fn(&str) -> String> = std::sync::OnceLock::new();

/// Provides Unicode NFC normalisation for [`identity_key`] from a platform that has it, for
/// builds without the `unicode-tables` feature: the WebAssembly binding passes the JavaScript
/// engine's `String.prototype.normalize("NFC")` when it starts. Until one is provided, such
/// builds compare identifiers without normalisation. With `unicode-tables` (the default) the
/// crate's own tables are used and the function is kept but not called.
///
/// Returns `false`, keeping the first, when one was already provided.
pub fn provide_nfc(nfc: fn(&str) -> String) -> bool {
    PROVIDED_NFC.set(nfc).is_ok()
}
