//! The JSON pointer (RFC 6901) of the place where serde_json stopped reading a text.
//!
//! serde_json reports an error's line and column (in bytes), not the path to the value it was
//! reading. Rather than track the path during every parse, which costs time in every reader
//! and about 20 KB of code in the WebAssembly module, the path is worked out afterwards and
//! only for a failed parse: a scanner walks the text up to the error's position, keeping the
//! stack of open objects and arrays with the key or index being read in each.
//!
//! A position is given to a value by where serde_json puts each kind of error:
//!
//! * a value of the wrong type is reported just after it (after a string's closing quote, a
//!   number's last digit), or, when it is an object or array, just before or just after its
//!   opening bracket; a missing field just after the object's closing brace: that value;
//! * an unknown field just after its key: that member (`/object/key`);
//! * a syntax error on the byte that breaks the text: inside a value, or where a value was
//!   expected (after a colon, a comma in an array), that value; between the members of an
//!   object or the elements of an array (a missing comma or colon, a trailing comma, a key
//!   that is not a string), the object or array;
//! * the end of the text within an unfinished value, that value; elsewhere, the object or
//!   array that is not closed.
//!
//! This gives the pointers that tracking the path while parsing gives (the
//! `serde_path_to_error` crate, which this replaces), except in three cases: between members,
//! where that crate gave a `?` segment for the key not yet read and the scanner gives the
//! object; an unknown enum variant written as a key (`{"bogus": 1}`), pointed at as a member
//! like an unknown field; and a value that serde reads in two steps (an internally tagged enum
//! such as a measure's `normalisation`), whose errors serde_json reports once the value is
//! read, after the enclosing object when the value is its last member: the pointer is then
//! the enclosing object's. The line and column, reported beside the pointer, are exact in
//! every case.

use serde_json::error::Category;

/// The JSON pointer of the value that serde_json was reading when it failed with `error` on
/// `text`, or `None` when the error has no position (an I/O error, or one raised outside the
/// parse).
///
/// The pointer of the whole document is the empty string.
pub(crate) fn pointer_of_error(text: &[u8], error: &serde_json::Error) -> Option<String> {
    let offset = offset_of(text, error.line(), error.column())?;
    let stop = match error.classify() {
        Category::Eof => Stop::End,
        Category::Syntax => Stop::Byte,
        Category::Data | Category::Io => Stop::Value,
    };
    Some(pointer_at(text, offset, stop))
}

/// Why a parse stopped where it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// The text ended.
    End,
    /// The byte before the position cannot come there.
    Byte,
    /// A value was read but is not what was expected.
    Value,
}

/// The byte offset of a serde_json position: `line` counts from 1, `column` is the number of
/// bytes of that line before the position. Offsets past the end are the end.
fn offset_of(text: &[u8], line: usize, column: usize) -> Option<usize> {
    let start = match line {
        0 => return None,
        1 => 0,
        _ => text.iter().enumerate().filter(|(_, byte)| **byte == b'\n').nth(line - 2)?.0 + 1,
    };
    Some((start + column).min(text.len()))
}

/// A segment of a path: an object's key or an array's index.
#[derive(Debug, Clone)]
enum Segment {
    Key(String),
    Index(usize),
}

/// Where the scanner is within the innermost open object or array (or the document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// After `{` or a comma in an object: a key or the end is expected.
    ExpectKey,
    /// Inside a key's string.
    InKey,
    /// After a key: a colon is expected.
    AfterKey,
    /// After a colon, `[` or a comma in an array, or at the start of the document.
    ExpectValue,
    /// Inside a string value.
    InString,
    /// Inside a number, `true`, `false`, `null` or any other bare word.
    InWord,
    /// After a whole value: a comma or the end of the container is expected.
    AfterValue,
    /// After a byte that cannot come here: the text is broken at this point.
    Broken,
}

/// An escape sequence being read in a string.
#[derive(Debug, Clone, Copy)]
enum Escape {
    /// After the backslash.
    Started,
    /// After `\u` and some of its four hexadecimal digits.
    Unicode { value: u32, digits: u8 },
}

/// An open object or array.
#[derive(Debug)]
struct Frame {
    is_array: bool,
    /// The member being read: the last key read in an object, the index in an array.
    segment: Segment,
    state: State,
}

/// The scanner: the open containers, innermost last, and the state of the document itself
/// when none is open.
#[derive(Default)]
struct Scanner {
    frames: Vec<Frame>,
    document: Option<State>,
    /// The key being read, as UTF-8 bytes with its escapes decoded.
    key: Vec<u8>,
    /// The number or literal being read.
    word: Vec<u8>,
    escape: Option<Escape>,
    /// A UTF-16 high surrogate waiting for its low half, as in `\ud83d\ude00`.
    high_surrogate: Option<u32>,
}

/// The JSON pointer of the byte offset `offset` of `text`, where a parse stopped.
fn pointer_at(text: &[u8], offset: usize, stop: Stop) -> String {
    let mut scanner = Scanner::default();
    for (position, &byte) in text[..offset].iter().enumerate() {
        if scanner.state() == State::Broken {
            break;
        }
        // After a syntax error, the last byte is the one the parser stopped on: it broke the
        // number or literal being read (`-}`, `1.}`, `tru}`, `01`) unless that was whole (`1}`),
        // and a bracket where a value was expected begins the value complained of.
        if stop == Stop::Byte && position + 1 == offset {
            match scanner.state() {
                State::InWord if scanner.word_is_whole(Some(byte)) => scanner.set(State::Broken),
                State::InWord => {}
                State::ExpectValue if matches!(byte, b'[' | b'{') => scanner.set(State::InWord),
                _ => scanner.step(byte),
            }
            break;
        }
        scanner.step(byte);
    }
    // A whole number or literal at the end of the text was read; the parser went on to look
    // for what follows it.
    if stop == Stop::End && scanner.state() == State::InWord && scanner.word_is_whole(None) {
        scanner.set(State::AfterValue);
    }
    let next = text[offset..].iter().find(|byte| !byte.is_ascii_whitespace()).copied();
    scanner.pointer(stop == Stop::End, next)
}

impl Scanner {
    fn state(&self) -> State {
        match self.frames.last() {
            Some(frame) => frame.state,
            None => self.document.unwrap_or(State::ExpectValue),
        }
    }

    fn set(&mut self, state: State) {
        match self.frames.last_mut() {
            Some(frame) => frame.state = state,
            None => self.document = Some(state),
        }
    }

    fn step(&mut self, byte: u8) {
        let whitespace = matches!(byte, b' ' | b'\t' | b'\n' | b'\r');
        let in_array = self.frames.last().is_some_and(|frame| frame.is_array);
        match self.state() {
            State::InKey | State::InString => self.string_byte(byte),
            State::InWord => {
                if whitespace || b",]}:\"[{".contains(&byte) {
                    self.set(State::AfterValue);
                    self.step(byte);
                } else {
                    self.word.push(byte);
                }
            }
            _ if whitespace => {}
            State::ExpectKey => match byte {
                b'"' => {
                    self.key.clear();
                    self.set(State::InKey);
                }
                b'}' => self.close(),
                _ => self.set(State::Broken),
            },
            State::AfterKey => match byte {
                b':' => self.set(State::ExpectValue),
                _ => self.set(State::Broken),
            },
            // An empty array, or a trailing comma: the array ends with no value begun.
            State::ExpectValue if byte == b']' && in_array => self.close(),
            // Any other byte begins a value, even one that is not JSON (`NaN`, `}`): the
            // parser reports it as the value it expected.
            State::ExpectValue => match byte {
                b'{' => self.open(false),
                b'[' => self.open(true),
                b'"' => self.set(State::InString),
                _ => {
                    self.word.clear();
                    self.word.push(byte);
                    self.set(State::InWord);
                }
            },
            State::AfterValue => match byte {
                b',' if in_array => {
                    if let Some(Frame { segment: Segment::Index(index), state, .. }) =
                        self.frames.last_mut()
                    {
                        *index += 1;
                        *state = State::ExpectValue;
                    }
                }
                b',' if !self.frames.is_empty() => self.set(State::ExpectKey),
                b']' if in_array => self.close(),
                b'}' if !in_array && !self.frames.is_empty() => self.close(),
                _ => self.set(State::Broken),
            },
            State::Broken => {}
        }
    }

    /// Whether the number or literal being read is whole, and stays whole with `next` after
    /// it: only digits continue a number, except after a leading zero.
    fn word_is_whole(&self, next: Option<u8>) -> bool {
        if !is_json_word(&self.word) {
            return false;
        }
        let number = self.word.last().is_some_and(u8::is_ascii_digit);
        let leading_zero = matches!(self.word.as_slice(), [b'0'] | [b'-', b'0']);
        !(number && next.is_some_and(|byte| byte.is_ascii_digit()) && leading_zero)
    }

    fn open(&mut self, is_array: bool) {
        let (segment, state) = match is_array {
            true => (Segment::Index(0), State::ExpectValue),
            false => (Segment::Key(String::new()), State::ExpectKey),
        };
        self.frames.push(Frame { is_array, segment, state });
    }

    fn close(&mut self) {
        self.frames.pop();
        self.set(State::AfterValue);
    }

    /// A byte inside a string: the end of the string, part of an escape sequence, or text,
    /// which is kept for keys, the segments of the pointer.
    fn string_byte(&mut self, byte: u8) {
        let in_key = self.state() == State::InKey;
        match (self.escape, byte) {
            (Some(Escape::Started), b'u') => {
                self.escape = Some(Escape::Unicode { value: 0, digits: 0 });
            }
            (Some(Escape::Started), _) => {
                self.escape = None;
                let decoded = match byte {
                    b'b' => 0x08,
                    b'f' => 0x0C,
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    other => other,
                };
                self.push_key_char(u32::from(decoded));
            }
            (Some(Escape::Unicode { value, digits }), _) => {
                let value = value * 16 + char::from(byte).to_digit(16).unwrap_or(0);
                if digits < 3 {
                    self.escape = Some(Escape::Unicode { value, digits: digits + 1 });
                } else {
                    self.escape = None;
                    self.push_key_char(value);
                }
            }
            (None, b'\\') => self.escape = Some(Escape::Started),
            (None, b'"') if in_key => {
                self.flush_surrogate();
                let key = String::from_utf8_lossy(&self.key).into_owned();
                if let Some(frame) = self.frames.last_mut() {
                    frame.segment = Segment::Key(key);
                    frame.state = State::AfterKey;
                }
            }
            (None, b'"') => self.set(State::AfterValue),
            (None, _) if in_key => {
                self.flush_surrogate();
                self.key.push(byte);
            }
            (None, _) => {}
        }
    }

    /// A character of a key given by an escape sequence, pairing UTF-16 surrogates.
    fn push_key_char(&mut self, code: u32) {
        if self.state() != State::InKey {
            return;
        }
        let code = match (self.high_surrogate.take(), code) {
            (Some(high), 0xDC00..=0xDFFF) => 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00),
            (high, 0xD800..=0xDBFF) => {
                self.high_surrogate = high;
                self.flush_surrogate();
                self.high_surrogate = Some(code);
                return;
            }
            (high, code) => {
                self.high_surrogate = high;
                self.flush_surrogate();
                code
            }
        };
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        self.key.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }

    /// A high surrogate not followed by a low one stands for no character: serde_json refuses
    /// such a key, and its pointer shows the replacement character.
    fn flush_surrogate(&mut self) {
        if self.high_surrogate.take().is_some() {
            let replacement = char::REPLACEMENT_CHARACTER;
            self.key.extend_from_slice(replacement.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }

    /// The pointer of where the scan stopped (see the module's documentation).
    fn pointer(&self, at_eof: bool, next: Option<u8>) -> String {
        let Some((innermost, outer)) = self.frames.split_last() else {
            return String::new();
        };
        let in_member = match innermost.state {
            State::InString | State::InWord => true,
            State::ExpectValue => match innermost.segment {
                Segment::Key(_) => true,
                _ if at_eof => false,
                // Just after `[`, an array given where another type was expected is reported
                // once opened; an object or array given for its first element is reported
                // before it is opened.
                Segment::Index(0) => matches!(next, Some(b'[' | b'{')),
                Segment::Index(_) => true,
            },
            State::AfterKey | State::AfterValue => !at_eof,
            State::ExpectKey | State::InKey | State::Broken => false,
        };
        let mut pointer = String::new();
        let segments = outer.iter().chain(in_member.then_some(innermost));
        for frame in segments {
            pointer.push('/');
            match &frame.segment {
                Segment::Key(key) => pointer.push_str(&key.replace('~', "~0").replace('/', "~1")),
                Segment::Index(index) => pointer.push_str(&index.to_string()),
            }
        }
        pointer
    }
}

/// Whether `word` is a whole JSON number, `true`, `false` or `null`.
fn is_json_word(word: &[u8]) -> bool {
    if matches!(word, b"true" | b"false" | b"null") {
        return true;
    }
    let digits = |rest: &[u8]| rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut rest = word.strip_prefix(b"-").unwrap_or(word);
    match digits(rest) {
        0 => return false,
        n if n > 1 && rest[0] == b'0' => return false,
        n => rest = &rest[n..],
    }
    if let Some(fraction) = rest.strip_prefix(b".") {
        match digits(fraction) {
            0 => return false,
            n => rest = &fraction[n..],
        }
    }
    if let Some(exponent) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let sign = exponent.strip_prefix(b"+").or_else(|| exponent.strip_prefix(b"-"));
        let unsigned = sign.unwrap_or(exponent);
        match digits(unsigned) {
            0 => return false,
            n => rest = &unsigned[n..],
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::{is_json_word, offset_of, pointer_of_error};

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Document {
        items: Vec<Item>,
        #[serde(default)]
        counts: BTreeMap<String, u32>,
        #[serde(default)]
        grid: Vec<Vec<u32>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        #[serde(default)]
        weight: f64,
        #[serde(default)]
        tags: Vec<String>,
    }

    /// The pointer of the error of reading `text` as a `Document`.
    fn pointer(text: &str) -> String {
        let error = serde_json::from_str::<Document>(text).expect_err(text);
        pointer_of_error(text.as_bytes(), &error).expect("a position")
    }

    /// The same document compact, pretty-printed, and with Windows line ends.
    fn layouts(compact: &str) -> Vec<String> {
        let value: serde_json::Value = serde_json::from_str(compact).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        vec![compact.to_owned(), pretty.replace('\n', "\r\n"), pretty]
    }

    #[test]
    fn nested_objects_and_arrays() {
        let items = r#"{"id":"a"},{"id":"b","tags":["x",2]},{"id":"c","weight":"0.5"}"#;
        let cases = [
            (format!(r#"{{"items":[{items}]}}"#), "/items/1/tags/1"),
            (r#"{"items":[{"id":"a"},{"id":"b","weight":"0.5"}]}"#.to_owned(), "/items/1/weight"),
            (r#"{"items":[],"grid":[[1,2],[3,"4"]]}"#.to_owned(), "/grid/1/1"),
            (r#"{"items":[],"grid":[[1,2],[3,[4]]]}"#.to_owned(), "/grid/1/1"),
            (r#"{"items":[{"id":"a"},{"id":["b"]}]}"#.to_owned(), "/items/1/id"),
        ];
        for (text, expected) in cases {
            for text in layouts(&text) {
                assert_eq!(pointer(&text), expected, "{text}");
            }
        }
    }

    #[test]
    fn every_value_of_the_wrong_type_is_found() {
        for broken in 0..4 {
            let items: Vec<String> = (0..4)
                .map(|i| match i == broken {
                    true => format!(r#"{{"id":"i{i}","tags":["t"],"weight":"heavy"}}"#),
                    false => format!(r#"{{"id":"i{i}","tags":["t"],"weight":{i}}}"#),
                })
                .collect();
            let text = format!(r#"{{"items":[{}]}}"#, items.join(","));
            for text in layouts(&text) {
                assert_eq!(pointer(&text), format!("/items/{broken}/weight"));
            }
        }
    }

    #[test]
    fn keys_with_escapes_tilde_and_slash() {
        // RFC 6901: `~` is written `~0` and `/` is written `~1`, in that order.
        let cases = [
            (r#"{"items":[],"counts":{"a/b":"x"}}"#, "/counts/a~1b"),
            (r#"{"items":[],"counts":{"m~n":"x"}}"#, "/counts/m~0n"),
            (r#"{"items":[],"counts":{"~1":"x"}}"#, "/counts/~01"),
            (r#"{"items":[],"counts":{"say \"hi\"":"x"}}"#, "/counts/say \"hi\""),
            (r#"{"items":[],"counts":{"a\/b\\c":"x"}}"#, "/counts/a~1b\\c"),
            (r#"{"items":[],"counts":{"tab\there":"x"}}"#, "/counts/tab\there"),
            (r#"{"items":[],"counts":{"\u00e9t\u00E9":"x"}}"#, "/counts/été"),
            (r#"{"items":[],"counts":{"\ud83d\ude00":"x"}}"#, "/counts/😀"),
        ];
        for (text, expected) in cases {
            assert_eq!(pointer(text), expected, "{text}");
        }
    }

    #[test]
    fn unicode_before_the_error() {
        // serde_json counts columns in bytes: Arabic letters are two bytes each, emoji four.
        let text = r#"{"items":[{"id":"حزب 😀 é"}],"counts":{"حزب":"x"}}"#;
        assert_eq!(pointer(text), "/counts/حزب");
        let text = "{\"items\":[{\"id\":\"حزب\", \"weight\": \"ثلث\"}]}";
        assert_eq!(pointer(text), "/items/0/weight");
        let text = "{\"items\":[{\"id\":\"ß\",\n \"weight\": \"½\"}]}";
        assert_eq!(pointer(text), "/items/0/weight");
    }

    #[test]
    fn errors_at_a_key() {
        let cases = [
            // An unknown field is the member it names.
            (r#"{"items":[{"id":"a","colour":"red"}]}"#, "/items/0/colour"),
            (r#"{"items":[{"id":"a","colour" : "red"}]}"#, "/items/0/colour"),
            (r#"{"items":[],"extra":1}"#, "/extra"),
            // A key that is not a string, or missing punctuation: the object.
            (r#"{"items":[{"id":"a",weight:1}]}"#, "/items/0"),
            (r#"{"items":[{"id":"a" "weight":1}]}"#, "/items/0"),
            (r#"{"items":[{"id" "a"}]}"#, "/items/0"),
            (r#"{"items":[{"id":"a",}]}"#, "/items/0"),
            (r#"{"items":[{"id":"a\x"}]}"#, "/items/0/id"),
            (r#"{"items":[{"i\x":"a"}]}"#, "/items/0"),
        ];
        for (text, expected) in cases {
            assert_eq!(pointer(text), expected, "{text}");
        }
    }

    #[test]
    fn errors_at_a_value() {
        let cases = [
            // A missing field: the object that lacks it.
            (r#"{"items":[{"id":"a"},{"weight":1}]}"#, "/items/1"),
            (r#"{"counts":{}}"#, ""),
            // Objects and arrays of the wrong type.
            (r#"{"items":{"id":"a"}}"#, "/items"),
            (r#"{"items":[],"counts":[1]}"#, "/counts"),
            (r#"{"items":[],"grid":[{"a":1}]}"#, "/grid/0"),
            (r#"{"items":[],"grid":[[1],{"a":1}]}"#, "/grid/1"),
            (r#"{"items":[[1]]}"#, "/items/0/0"),
            (r#"{"items":[{"id":{"en":"a"}}]}"#, "/items/0/id"),
            (r#"{"items":[{"id":"a","weight":[ 1 ]}]}"#, "/items/0/weight"),
            (r#"{"items":[{"id":"a","weight":{ "a": 1 }}]}"#, "/items/0/weight"),
            // Values that are not JSON, and unfinished ones.
            (r#"{"items":[{"id":"a","weight":NaN}]}"#, "/items/0/weight"),
            (r#"{"items":[{"id":"a","weight":-Infinity}]}"#, "/items/0/weight"),
            (r#"{"items":[{"id":"a","weight":tru}]}"#, "/items/0/weight"),
            (r#"{"items":[{"id":"a","weight":1.}]}"#, "/items/0/weight"),
            (r#"{"items":[{"id":"a","weight":01}]}"#, "/items/0/weight"),
            (r#"{"items":[{"id":"a","weight":}]}"#, "/items/0/weight"),
            (r#"{"items":[{"id":"a"},]}"#, "/items"),
            (r#"{"items":[{"id":"a"} {"id":"b"}]}"#, "/items"),
            (r#"{"items":[],"grid":[[1 2]]}"#, "/grid/0"),
            (r#"{"items":[],"grid":[[1,}]]}"#, "/grid/0/1"),
            (r#"{"items":[],"grid":[[12x]]}"#, "/grid/0"),
        ];
        for (text, expected) in cases {
            assert_eq!(pointer(text), expected, "{text}");
        }
    }

    #[test]
    fn end_of_the_text() {
        let cases = [
            (r#"{"items":[{"id":"a""#, "/items/0"),
            (r#"{"items":[{"id":"a"#, "/items/0/id"),
            (r#"{"items":[{"id":"a","weight":1"#, "/items/0"),
            (r#"{"items":[{"id":"a","weight":1."#, "/items/0/weight"),
            (r#"{"items":[{"id":"a","weight":"#, "/items/0/weight"),
            (r#"{"items":[{"id":"a"},"#, "/items"),
            (r#"{"items":["#, "/items"),
            (r#"{"it"#, ""),
            ("", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(pointer(text), expected, "{text}");
        }
    }

    #[test]
    fn positions_are_bytes_from_the_start_of_the_line() {
        let text = "ab\ncd\r\né€x";
        assert_eq!(offset_of(text.as_bytes(), 1, 0), Some(0));
        assert_eq!(offset_of(text.as_bytes(), 2, 2), Some(5));
        assert_eq!(offset_of(text.as_bytes(), 3, 5), Some(12));
        assert_eq!(offset_of(text.as_bytes(), 3, 99), Some(text.len()));
        assert_eq!(offset_of(text.as_bytes(), 4, 0), None);
        assert_eq!(offset_of(text.as_bytes(), 0, 0), None);
    }

    #[test]
    fn whole_numbers_and_literals() {
        for word in ["0", "-0", "12", "1.5", "-0.25e-3", "1E9", "true", "false", "null"] {
            assert!(is_json_word(word.as_bytes()), "{word}");
        }
        for word in ["", "-", "01", "1.", ".5", "1e", "1e+", "tru", "NaN", "Infinity", "0x1"] {
            assert!(!is_json_word(word.as_bytes()), "{word}");
        }
    }
}
