//! The open-data page, its README and the language chooser.

use serde_json::{Value, json};

use super::super::i18n::I18n;
use super::View;

impl View<'_> {
    /// The open data page.
    pub(crate) fn data_page(&self, files: &[super::super::data::DataFile]) -> Value {
        let definition = self.model.spec().definition();
        let source = definition.source.as_ref();
        let groups = ["data", "spec", "schema"]
            .iter()
            .map(|group| {
                let entries: Vec<Value> = files
                    .iter()
                    .filter(|file| file.group == *group)
                    .map(|file| {
                        json!({
                            "name": file.path,
                            "href": format!("../data/{}", file.path),
                            "description": self.words.fill(&file.description_key, &file.values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>()),
                            "size": human_size(&self.words, file.size),
                            "sha256": file.sha256,
                        })
                    })
                    .collect();
                json!({"id": group, "title": self.t(&format!("data_group_{group}")), "files": entries})
            })
            .collect::<Vec<_>>();
        json!({
            "heading": self.words.fill("data_heading", &[("title", &self.title()), ("cycle", &self.year(self.cycle()))]),
            "licence_text": source.and_then(|s| s.licence.as_deref()).map_or_else(
                || self.t("licence_unknown"),
                |licence| self.words.fill("data_licence", &[("licence", licence)]),
            ),
            "citation": source.and_then(|s| s.citation.as_deref()),
            "groups": groups,
        })
    }

    /// The language's section of the root page that lets the reader choose.
    pub(crate) fn choice(&self) -> Value {
        json!({
            "lang": self.lang(),
            "dir": self.words.meta.dir,
            "title": self.words.fill("report_heading", &[("cycle", &self.year(self.cycle()))]),
            "description": self.model.spec().definition().description.get(self.lang()),
            "dashboard": self.t("nav_dashboard"),
            "report": self.t("nav_report"),
            "data": self.t("nav_data"),
            "fictional_title": self.t("fictional_title"),
            "fictional_text": self.t("fictional_text"),
        })
    }

    /// The README of the open data, in this language.
    pub(crate) fn readme(&self, files: &[super::super::data::DataFile]) -> Value {
        let definition = self.model.spec().definition();
        let source = definition.source.as_ref();
        json!({
            "heading": self.words.fill("data_heading", &[("title", &self.title()), ("cycle", &self.year(self.cycle()))]),
            "intro": self.t("data_intro"),
            "licence": source.and_then(|s| s.licence.as_deref()).map_or_else(
                || self.t("licence_unknown"),
                |licence| self.words.fill("data_licence", &[("licence", licence)]),
            ),
            "cite_heading": self.t("how_to_cite"),
            "citation": source.and_then(|s| s.citation.clone()).unwrap_or_else(|| self.t("citation_unknown")),
            "files_heading": self.t("data_files"),
            "files": files.iter().map(|file| json!({
                "name": file.path,
                "description": self.words.fill(&file.description_key, &file.values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>()),
            })).collect::<Vec<_>>(),
        })
    }
}

/// A file size for people: bytes, kB or MB.
fn human_size(words: &I18n, bytes: u64) -> String {
    if bytes < 1024 {
        words.fill("size_bytes", &[("size", &words.integer(bytes))])
    } else if bytes < 1024 * 1024 {
        words.fill("size_kb", &[("size", &words.integer(bytes.div_ceil(1024)))])
    } else {
        words.fill("size_mb", &[("size", &words.integer(bytes.div_ceil(1024 * 1024)))])
    }
}
