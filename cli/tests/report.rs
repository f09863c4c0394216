#![allow(clippy::unwrap_used)]

//! `openness report` on the fictional demo data: the files of the site, the key figures, the
//! languages, escaping of data, comparability between cycles, and how the output folder is
//! treated.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn demo(year: u32) -> PathBuf {
    repo().join(format!("examples/data/demo-{year}.json"))
}

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("openness-report-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn openness(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_openness")).args(args).output().unwrap()
}

fn report(
    current: &Path,
    previous: Option<&Path>,
    out: &Path,
    extra: &[&str],
) -> std::process::Output {
    let mut args = vec!["report", current.to_str().unwrap()];
    if let Some(previous) = previous {
        args.extend(["--previous", previous.to_str().unwrap()]);
    }
    args.extend(["--out", out.to_str().unwrap(), "--today", "2026-12-31", "--quiet"]);
    args.extend(extra);
    openness(&args)
}

fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(html_files(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            found.push(path);
        }
    }
    found
}

#[test]
fn the_demo_site_has_every_page_and_file() {
    let out = scratch("demo").join("site");
    let output = report(&demo(2026), Some(&demo(2025)), &out, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    for file in ["index.html", "assets/site.css", "assets/site.js", "data/README.md"] {
        assert!(out.join(file).is_file(), "{file}");
    }
    for lang in ["ar", "fr", "en"] {
        for page in ["index.html", "report.html", "data.html"] {
            assert!(out.join(lang).join(page).is_file(), "{lang}/{page}");
        }
        let parties = std::fs::read_dir(out.join(lang).join("party")).unwrap().count();
        assert_eq!(parties, 8, "{lang}");
    }
    for file in [
        "assessments/2026/demo-2026.json",
        "assessments/2025/demo-2025.json",
        "results-2026.json",
        "results-2025.json",
        "scores-2026.csv",
        "scores-2025.csv",
        "items-2026.csv",
        "summary-2026.json",
        "spec/political-openness-charter-1.0.0.json",
        "schema/spec.schema.json",
        "schema/assessment.schema.json",
        "schema/results.schema.json",
        "schema/summary.schema.json",
    ] {
        assert!(out.join("data").join(file).is_file(), "data/{file}");
    }
    // The assessments and the spec are published byte for byte.
    assert_eq!(read(out.join("data/assessments/2026/demo-2026.json")), read(demo(2026)));
    assert_eq!(
        read(out.join("data/spec/political-openness-charter-1.0.0.json")),
        openness::charter_json("1.0.0").unwrap()
    );
    let readme = read(out.join("data/README.md"));
    assert!(readme.contains("CC BY 4.0") && readme.contains("Political Openness Observatory, "));

    // Every page says the data is fictional, loads nothing from elsewhere, and Arabic pages
    // run right to left.
    let pages = html_files(&out);
    assert_eq!(pages.len(), 1 + 3 * (3 + 8));
    for page in &pages {
        let text = read(page);
        assert!(text.contains("fictional-banner"), "{}", page.display());
        for outside in ["src=\"http", "src=\"//", "href=\"//", "@import", "url(http"] {
            assert!(!text.contains(outside), "{} has {outside}", page.display());
        }
        assert!(!text.contains("<link rel=\"stylesheet\" href=\"http"), "{}", page.display());
        if page.starts_with(out.join("ar")) {
            assert!(text.contains("<html lang=\"ar\" dir=\"rtl\">"), "{}", page.display());
        }
    }
    assert!(read(out.join("fr/index.html")).contains("<html lang=\"fr\" dir=\"ltr\">"));
}

#[test]
fn key_figures_match_the_core_summary() {
    let out = scratch("figures").join("site");
    let output = report(&demo(2026), Some(&demo(2025)), &out, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let summary: serde_json::Value =
        serde_json::from_str(&read(out.join("data/summary-2026.json"))).unwrap();
    assert_eq!(summary["counts"]["assessed"], 8);
    assert_eq!(summary["counts"]["ranked"], 7);
    assert_eq!(summary["counts"]["unranked"], serde_json::json!(["src"]));
    assert_eq!(summary["index"]["mean"]["rounded"], 53.0);
    assert_eq!(summary["index"]["median"]["rounded"], 54.0);
    assert_eq!(summary["changes"]["comparability"], "sameVersion");
    assert_eq!(
        summary["changes"]["indexMoves"],
        serde_json::json!({"up": 6, "down": 0, "same": 1})
    );
    assert_eq!(summary["changes"]["newEntities"], serde_json::json!(["src"]));

    let dashboard = read(out.join("en/index.html"));
    for expected in ["Digital Horizon Party", "Exemplary", "+9", "Since 2025", "parties ranked"] {
        assert!(dashboard.contains(expected), "dashboard lacks {expected}");
    }
    let report = read(out.join("en/report.html"));
    for expected in [
        "State of Digital Political Openness 2026",
        "In 2026, the Political Openness Charter assessed 8 parties; 7 had enough data",
        "a mean of 53 and a median of 54, from 9 to 95",
        "6 rose, 0 fell and 1 kept the same score since 2025",
        "The 4 ranked signatories of the charter have a mean index score of 63",
        "Methodological decisions",
        "index-over-indicators",
        "03ec8b2daf8b925a772d8047fa9048c5cf89493e4d47513e230503b1f497466f",
    ] {
        assert!(report.contains(expected), "report lacks {expected}");
    }
    let french = read(out.join("fr/report.html"));
    assert!(french.contains("État de l&#x27;ouverture politique numérique 2026"));
    let arabic = read(out.join("ar/report.html"));
    assert!(arabic.contains("حالة الانفتاح السياسي الرقمي 2026"));

    let party = read(out.join("en/party/phn.html"));
    assert!(party.contains("12 of 12 commitments met."));
    // The template engine writes `/` as `&#x2f;` in attributes, which browsers read back.
    assert!(party.contains("href=\"https:&#x2f;&#x2f;example.org&#x2f;phn&#x2f;statuts\""));
    let new_party = read(out.join("en/party/src.html"));
    assert!(new_party.contains("This party was not assessed in 2025."));
}

#[test]
fn data_is_escaped_and_only_http_addresses_are_linked() {
    let dir = scratch("escape");
    let mut input: serde_json::Value = serde_json::from_str(&read(demo(2026))).unwrap();
    let party = &mut input["entities"][0];
    party["name"]["en"] = "<script>alert('name')</script> Party".into();
    let response = &mut party["responses"][0]["evidence"];
    response["note"] = "<img src=x onerror=alert(1)>".into();
    response["urls"] = serde_json::json!(["https://example.org/a\"onmouseover=\"alert(1)"]);
    let path = dir.join("hostile.json");
    std::fs::write(&path, serde_json::to_string(&input).unwrap()).unwrap();

    // Validation refuses the hostile address before any page is written…
    let out = dir.join("site");
    let output = report(&path, None, &out, &["--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("error[invalid-url]"));
    // …and when evidence checks are skipped, the report's own escaping keeps it inert.
    let output = report(&path, None, &out, &["--lang", "en", "--skip-evidence"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for page in html_files(&out) {
        let text = read(&page);
        assert!(!text.contains("<script>alert"), "{}", page.display());
        assert!(!text.contains("<img src=x"), "{}", page.display());
        assert!(!text.contains("onmouseover=\"alert"), "{}", page.display());
        assert!(
            !text.contains("href=\"https:&#x2f;&#x2f;example.org&#x2f;a&quot;"),
            "{}",
            page.display()
        );
    }
    let party = read(out.join("en/party/phn.html"));
    assert!(party.contains("&lt;script&gt;alert(&#x27;name&#x27;)&lt;&#x2f;script&gt; Party"));
    assert!(party.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(party.contains(
        "<span class=\"unlinked\">https:&#x2f;&#x2f;example.org&#x2f;a&quot;onmouseover=&quot;"
    ));
    // Only the languages asked for are written.
    assert!(!out.join("ar").exists() && !out.join("fr").exists());
}

/// A copy of the charter under another version, with `comparableWith` as given.
fn charter_as(version: &str, comparable_with: Option<serde_json::Value>, dir: &Path) -> PathBuf {
    let mut spec: serde_json::Value =
        serde_json::from_str(openness::charter_json("1.0.0").unwrap()).unwrap();
    spec["version"] = version.into();
    spec.as_object_mut().unwrap().remove("$schema");
    if let Some(entries) = comparable_with {
        spec["comparableWith"] = entries;
    }
    let path = dir.join(format!("charter-{version}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&spec).unwrap()).unwrap();
    path
}

fn assessment_as(version: &str, dir: &Path) -> PathBuf {
    let mut input: serde_json::Value = serde_json::from_str(&read(demo(2026))).unwrap();
    input["spec"]["version"] = version.into();
    input.as_object_mut().unwrap().remove("$schema");
    let path = dir.join(format!("demo-2026-{version}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&input).unwrap()).unwrap();
    path
}

#[test]
fn cycles_under_different_versions_are_compared_only_where_declared() {
    let dir = scratch("versions");
    let input = assessment_as("1.1.0", &dir);

    let undeclared = charter_as("1.1.0", None, &dir);
    let out = dir.join("undeclared");
    let spec = undeclared.to_str().unwrap();
    let output = report(&input, Some(&demo(2025)), &out, &["--spec", spec, "--lang", "en"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report_page = read(out.join("en/report.html"));
    assert!(report_page.contains(
        "The scores of 2025 (charter 1.0.0) are not comparable with those of 2026 (charter 1.1.0)"
    ));
    assert!(!report_page.contains("kept the same score"));
    let summary = read(out.join("data/summary-2026.json"));
    assert!(summary.contains("\"comparability\": \"notComparable\""));
    // Both specs are published, each as used.
    assert!(out.join("data/spec/political-openness-charter-1.1.0.json").is_file());
    assert!(out.join("data/spec/political-openness-charter-1.0.0.json").is_file());

    let some = charter_as(
        "1.1.0",
        Some(serde_json::json!([{"version": "1.0.0", "unchanged": ["T", "T1", "T2", "T3"]}])),
        &dir,
    );
    let out = dir.join("some");
    let spec = some.to_str().unwrap();
    let output = report(&input, Some(&demo(2025)), &out, &["--spec", spec, "--lang", "en"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report_page = read(out.join("en/report.html"));
    assert!(report_page.contains("changes are shown for T, T1, T2, T3 only"));
    let party = read(out.join("en/party/phn.html"));
    assert!(party.contains("Institutional disclosure"));

    let all =
        charter_as("1.1.0", Some(serde_json::json!([{"version": "1.0.0", "all": true}])), &dir);
    let out = dir.join("all");
    let spec = all.to_str().unwrap();
    let output = report(&input, Some(&demo(2025)), &out, &["--spec", spec, "--lang", "en"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report_page = read(out.join("en/report.html"));
    assert!(report_page.contains("declares every question unchanged since version 1.0.0"));
    assert!(report_page.contains("6 rose, 0 fell and 1 kept the same score since 2025"));
}

#[test]
fn the_output_folder_is_replaced_only_when_it_is_a_site() {
    let dir = scratch("folder");
    let out = dir.join("site");
    assert!(report(&demo(2026), None, &out, &["--lang", "en"]).status.success());
    // A stale page is removed when the site is written again.
    std::fs::write(out.join("en/party/stale.html"), "old").unwrap();
    assert!(report(&demo(2026), None, &out, &["--lang", "en,fr"]).status.success());
    assert!(!out.join("en/party/stale.html").exists());
    assert!(out.join("fr/index.html").is_file());
    let without_previous = read(out.join("en/report.html"));
    assert!(without_previous.contains("No previous cycle was given"));

    let foreign = dir.join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
    let output = report(&demo(2026), None, &foreign, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("was not written by `openness report`")
    );
    assert_eq!(read(foreign.join("keep.txt")), "mine");

    let output = report(&demo(2026), None, &dir.join("german"), &["--lang", "de"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no translation for language `de`"));
}
