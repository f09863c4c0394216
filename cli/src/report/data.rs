//! The open data of the site: assessments as read, scores at every level as JSON and CSV, the
//! summary, the spec as published and the JSON Schemas of the formats.

use std::path::Path;

use openness::assessment::lenient::Lenient;

use super::model::{Cycle, Model};

/// One file of the open data.
pub(crate) struct DataFile {
    /// Path under `data/`, with `/` separators.
    pub path: String,
    /// `data`, `spec` or `schema`: the section of the data page.
    pub group: &'static str,
    /// Translation key of its description, and the values of its placeholders.
    pub description_key: String,
    pub values: Vec<(String, String)>,
    /// Its content.
    pub bytes: Vec<u8>,
    pub size: u64,
    pub sha256: Option<String>,
}

impl DataFile {
    fn new(path: String, group: &'static str, key: &str, bytes: Vec<u8>) -> DataFile {
        DataFile {
            path,
            group,
            description_key: key.to_owned(),
            values: Vec::new(),
            size: bytes.len() as u64,
            bytes,
            sha256: None,
        }
    }

    fn with(mut self, name: &str, value: impl Into<String>) -> DataFile {
        self.values.push((name.to_owned(), value.into()));
        self
    }
}

/// Every open-data file of a site.
pub(crate) fn files(model: &Model<'_>) -> Result<Vec<DataFile>, String> {
    let mut files = Vec::new();
    let mut cycles = vec![(model.current, model.files.current_tag.clone())];
    if let (Some(previous), Some(tag)) = (model.previous, &model.files.previous_tag) {
        cycles.push((previous, tag.clone()));
    }
    for (cycle, tag) in &cycles {
        let year = cycle.year().map_or_else(String::new, |y| y.to_string());
        for input in &cycle.inputs {
            let name =
                input.origin.name.as_deref().and_then(|n| Path::new(n).file_name()).map_or_else(
                    || "assessment.json".to_owned(),
                    |n| n.to_string_lossy().into_owned(),
                );
            let name = super::safe::slugs([name.as_str()])
                .pop()
                .unwrap_or_default()
                .trim_end_matches("-json")
                .trim_end_matches("-csv")
                .to_owned();
            let extension = match input.origin.layout {
                openness::assessment::Layout::Json => "json",
                openness::assessment::Layout::Table { .. } => "csv",
            };
            let bytes = match input.origin.name.as_deref() {
                Some(path) if Path::new(path).is_file() => {
                    std::fs::read(path).map_err(|e| format!("{path}: {e}"))?
                }
                _ => input.to_json().into_bytes(),
            };
            let note =
                input.file.note.as_ref().and_then(Lenient::valid).cloned().unwrap_or_default();
            let mut file = DataFile::new(
                format!("assessments/{tag}/{name}.{extension}"),
                "data",
                "file_assessment",
                bytes,
            )
            .with("cycle", year.clone())
            .with("note", note);
            file.sha256 = Some(input.sha256.clone());
            files.push(file);
        }
        files.push(
            DataFile::new(
                format!("results-{tag}.json"),
                "data",
                "file_results",
                cycle.results.to_json().into_bytes(),
            )
            .with("cycle", year.clone()),
        );
        let scores = crate::output::scores_csv(&cycle.results)?;
        files.push(
            DataFile::new(
                format!("scores-{tag}.csv"),
                "data",
                "file_scores_csv",
                scores.into_bytes(),
            )
            .with("cycle", year.clone()),
        );
        files.push(
            DataFile::new(
                format!("items-{tag}.csv"),
                "data",
                "file_items_csv",
                items_csv(cycle)?.into_bytes(),
            )
            .with("cycle", year.clone()),
        );
    }

    let mut summary = serde_json::to_string_pretty(&model.summary).map_err(|e| e.to_string())?;
    summary.push('\n');
    let year = model.current.year().map_or_else(String::new, |y| y.to_string());
    files.push(
        DataFile::new(
            format!("summary-{}.json", model.files.current_tag),
            "data",
            "file_summary",
            summary.into_bytes(),
        )
        .with("cycle", year),
    );

    let mut specs = vec![model.current];
    if let Some(previous) = model.previous
        && previous.spec.sha256() != model.current.spec.sha256()
    {
        specs.push(previous);
    }
    for cycle in specs {
        let spec = &cycle.spec;
        let name = format!("spec/{}-{}.json", spec.id(), spec.version());
        let name = name.replace('+', "_");
        let mut file =
            DataFile::new(name, "spec", "file_spec", cycle.spec_text.clone().into_bytes())
                .with("version", spec.version());
        file.sha256 = Some(spec.sha256().to_owned());
        files.push(file);
    }
    for (name, text) in openness::schema::all() {
        let key = format!("file_schema_{}", name.trim_end_matches(".schema.json"));
        files.push(DataFile::new(format!("schema/{name}"), "schema", &key, text.into_bytes()));
    }
    Ok(files)
}

/// Every item of every entity as long CSV: answers, values and points.
fn items_csv(cycle: &Cycle) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(["entity", "item", "unit", "answer", "value", "points", "status"])
        .map_err(|e| e.to_string())?;
    let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    for entity in cycle.results.ranking() {
        for item in entity.items() {
            let status = serde_json::to_value(item.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            writer
                .write_record([
                    entity.id(),
                    item.id,
                    item.unit.unwrap_or(""),
                    item.answer.unwrap_or(""),
                    &number(item.value),
                    &number(item.points),
                    &status,
                ])
                .map_err(|e| e.to_string())?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
