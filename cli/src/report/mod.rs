//! `openness report`: the public dashboard, the annual report and the open data of a cycle, as
//! a static site that any web host, or a folder opened from a USB stick, can serve.
//!
//! ```text
//! site/
//!   index.html              choose a language
//!   assets/                 the stylesheet and a little progressive-enhancement script
//!   ar/ fr/ en/             per language:
//!     index.html              dashboard: ranking with tiers, heatmap, filters by dimension
//!     report.html             "State of Digital Political Openness <year>", prints to PDF
//!     data.html               the open data, with its licence and how to cite it
//!     party/<id>.html         each party: breakdown, evidence, commitments, change
//!   data/                   assessments, results, scores as CSV, summary, spec, schemas
//!   widget/                 the WebAssembly widget, when built files are given (--widget)
//! ```
//!
//! Every figure comes from the core ([`openness::Summary`], [`openness::Results`]); this module
//! chooses words and lays them out. Pages work without JavaScript and make no request outside
//! the site.

mod charts;
mod data;
mod i18n;
mod model;
mod safe;
mod view;

use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior};
use serde_json::json;

pub(crate) use model::Cycle;
use model::Model;
use view::{PageKind, View};

/// Marks a folder as written by `openness report`, so that writing again may replace it.
const MARKER: &str = ".openness-report";

/// The templates, embedded in the binary. `.html` templates escape every value.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/report/base.html")),
    ("charts.html", include_str!("../../templates/report/charts.html")),
    ("dashboard.html", include_str!("../../templates/report/dashboard.html")),
    ("party.html", include_str!("../../templates/report/party.html")),
    ("report.html", include_str!("../../templates/report/report.html")),
    ("data.html", include_str!("../../templates/report/data.html")),
    ("chooser.html", include_str!("../../templates/report/chooser.html")),
    ("readme.md", include_str!("../../templates/report/readme.md")),
];

/// Files copied as they are.
const ASSETS: &[(&str, &str)] = &[
    ("site.css", include_str!("../../templates/report/site.css")),
    ("site.js", include_str!("../../templates/report/site.js")),
];

/// What to write and where.
pub(crate) struct Options {
    /// The folder of the site.
    pub out: PathBuf,
    /// Languages, in the order of the language chooser.
    pub langs: Vec<String>,
    /// A folder with the built widget (`openness-widget.js`, the engine's files and the
    /// published charter files beside them).
    pub widget: Option<PathBuf>,
}

/// Languages the report can be written in.
pub(crate) fn available_languages() -> Vec<String> {
    i18n::languages()
}

/// Checks a list of languages against the translation file.
pub(crate) fn check_languages(langs: &[String]) -> Result<(), String> {
    let available = available_languages();
    for lang in langs {
        if !available.contains(lang) {
            return Err(format!(
                "no translation for language `{lang}`; available: {}",
                available.join(", ")
            ));
        }
    }
    if langs.is_empty() {
        return Err("give at least one language with --lang".to_owned());
    }
    Ok(())
}

fn environment() -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.add_filter("css_string", css_string);
    for (name, source) in TEMPLATES {
        env.add_template(name, source).map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(env)
}

/// A text as a CSS string literal, for a `<style>` element: every character other than a
/// letter, a digit or a space is written as a CSS escape, so that no text can close the string
/// or the element.
fn css_string(text: String) -> minijinja::Value {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    minijinja::Value::from_safe_string(out)
}

fn render(
    env: &Environment<'_>,
    name: &str,
    context: &serde_json::Value,
) -> Result<String, String> {
    let template = env.get_template(name).map_err(|e| e.to_string())?;
    template.render(minijinja::Value::from(minijinja::value::Serde(context))).map_err(|error| {
        let mut message = format!("rendering {name}: {error}");
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            message.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        message
    })
}

/// Writes the site; returns the number of files written.
pub(crate) fn write_site(
    current: &Cycle,
    previous: Option<&Cycle>,
    options: &Options,
) -> Result<usize, String> {
    check_languages(&options.langs)?;
    prepare_folder(&options.out)?;
    let widget_files = match &options.widget {
        Some(dir) => widget_files(dir)?,
        None => Vec::new(),
    };
    let model = Model::new(current, previous, options.langs.clone(), !widget_files.is_empty());
    let env = environment()?;
    let mut written = Writer { root: options.out.clone(), count: 0 };

    for (name, text) in ASSETS {
        written.write(&format!("assets/{name}"), text.as_bytes())?;
    }
    for (name, bytes) in &widget_files {
        written.write(&format!("widget/{name}"), bytes)?;
    }
    let files = data::files(&model)?;
    for file in &files {
        written.write(&format!("data/{}", file.path), &file.bytes)?;
    }

    let mut choices = Vec::new();
    let mut readme_sections = Vec::new();
    for lang in &options.langs {
        let view = View { model: &model, words: i18n::I18n::load(lang)? };
        let title = |key: &str| {
            let cycle =
                current.year().map(|y| view.words.digits(&y.to_string())).unwrap_or_default();
            view.words.fill(key, &[("cycle", &cycle)])
        };

        let context = view.context(
            PageKind::Dashboard,
            0,
            "index.html",
            title("nav_dashboard"),
            view.dashboard(),
        );
        written.write(
            &format!("{lang}/index.html"),
            render(&env, "dashboard.html", &context)?.as_bytes(),
        )?;

        let context = view.context(
            PageKind::Report,
            0,
            "report.html",
            title("report_heading"),
            view.report(),
        );
        written.write(
            &format!("{lang}/report.html"),
            render(&env, "report.html", &context)?.as_bytes(),
        )?;

        let context =
            view.context(PageKind::Data, 0, "data.html", title("nav_data"), view.data_page(&files));
        written
            .write(&format!("{lang}/data.html"), render(&env, "data.html", &context)?.as_bytes())?;

        for entity in current.results.ranking() {
            let slug = &model.slugs[entity.id()];
            let file = format!("party/{slug}.html");
            let page = view.party(&entity);
            let name = page["entity"]["name"].as_str().unwrap_or_default().to_owned();
            let context = view.context(PageKind::Party, 1, &file, name, page);
            written.write(
                &format!("{lang}/{file}"),
                render(&env, "party.html", &context)?.as_bytes(),
            )?;
        }

        choices.push(view.choice());
        readme_sections.push(view.readme(&files));
    }

    let first = &choices[0];
    let context = json!({
        "languages": choices,
        "first": first,
        "fictional": model.summary.all_fictional,
        "engine": openness::results::ENGINE,
    });
    written.write("index.html", render(&env, "chooser.html", &context)?.as_bytes())?;
    let readme = render(&env, "readme.md", &json!({"sections": readme_sections}))?;
    written.write("data/README.md", readme.as_bytes())?;
    written.write(MARKER, format!("{}\n", openness::results::ENGINE).as_bytes())?;
    Ok(written.count)
}

/// Makes sure `out` can be written: a new or empty folder, or a site written before (whose
/// generated parts are then removed, so that no page of a party since dropped remains).
fn prepare_folder(out: &Path) -> Result<(), String> {
    let show = out.display();
    if out.exists() {
        let mut entries = std::fs::read_dir(out).map_err(|e| format!("{show}: {e}"))?;
        let empty = entries.next().is_none();
        if !empty {
            if !out.join(MARKER).is_file() {
                return Err(format!(
                    "{show} is not empty and was not written by `openness report`; choose an \
                     empty or new folder"
                ));
            }
            for entry in std::fs::read_dir(out).map_err(|e| format!("{show}: {e}"))? {
                let entry = entry.map_err(|e| format!("{show}: {e}"))?;
                let path = entry.path();
                let result = if path.is_dir() {
                    std::fs::remove_dir_all(&path)
                } else {
                    std::fs::remove_file(&path)
                };
                result.map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{show}: {e}"))
}

/// The built widget's files: JavaScript, WebAssembly and the published charter files
/// (`charter-VERSION.json`, which the engine loads beside its module); not source maps or type
/// stubs.
fn widget_files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    if !dir.join("openness-widget.js").is_file() {
        return Err(format!(
            "{} has no openness-widget.js; build the widget first (bindings-wasm/build.sh)",
            dir.display()
        ));
    }
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let charter_file = name.starts_with("charter-") && name.ends_with(".json");
        let wanted = name.ends_with(".js") || name.ends_with(".wasm") || charter_file;
        if path.is_file() && wanted && !name.ends_with(".d.ts") {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            files.push((name, bytes));
        }
    }
    files.sort();
    Ok(files)
}

struct Writer {
    root: PathBuf,
    count: usize,
}

impl Writer {
    fn write(&mut self, relative: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        self.count += 1;
        Ok(())
    }
}
