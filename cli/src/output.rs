//! Text and CSV the CLI prints: ranking tables, problem lists, explanations, spec trees.

use std::fmt::Write;

use openness::explain::Explanation;
use openness::spec::model::{Method, Node};
use openness::{Issue, Report, Results, Spec, Status};

/// Issues one per line.
pub(crate) fn issues_text(issues: &[Issue]) -> String {
    issues.iter().map(|issue| format!("{issue}\n")).collect()
}

/// One line: how many errors and warnings.
pub(crate) fn summary_line(report: &Report) -> String {
    let errors = report.errors().count();
    format!("{errors} error(s), {} warning(s)", report.issues.len() - errors)
}

/// Issues grouped by entity, in the order entities first appear; file-level issues first.
pub(crate) fn report_by_entity(report: &Report) -> String {
    let mut groups: Vec<(Option<&str>, Vec<&Issue>)> = Vec::new();
    for issue in &report.issues {
        let entity = issue.entity.as_deref();
        match groups.iter_mut().find(|(known, _)| *known == entity) {
            Some((_, issues)) => issues.push(issue),
            None => groups.push((entity, vec![issue])),
        }
    }
    groups.sort_by_key(|(entity, _)| entity.is_some());
    let mut text = String::new();
    for (entity, issues) in groups {
        let errors = issues.iter().filter(|issue| issue.is_error()).count();
        let heading = match entity {
            Some(entity) => format!("entity {entity}"),
            None => "file".to_owned(),
        };
        let _ =
            writeln!(text, "{heading}: {errors} error(s), {} warning(s)", issues.len() - errors);
        for issue in issues {
            let _ = writeln!(text, "  {issue}");
        }
    }
    text
}

/// Display width of a string: characters, not bytes.
fn width(text: &str) -> usize {
    text.chars().count()
}

fn pad(text: &str, columns: usize) -> String {
    let missing = columns.saturating_sub(width(text));
    format!("{text}{}", " ".repeat(missing))
}

fn pad_left(text: &str, columns: usize) -> String {
    let missing = columns.saturating_sub(width(text));
    format!("{}{text}", " ".repeat(missing))
}

fn truncate(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_owned();
    }
    let kept: String = text.chars().take(columns.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// The label of a tier in a language.
fn tier_label(spec: &Spec, tier: &str, lang: &str) -> String {
    spec.tier(tier).map_or_else(|| tier.to_owned(), |band| band.label.get(lang).to_owned())
}

fn status_text(status: Status) -> &'static str {
    match status {
        Status::Scored => "",
        Status::NotScored => "not scored",
        Status::InsufficientData => "insufficient data",
    }
}

/// The ranked table printed by `openness score`.
pub(crate) fn ranking_table(spec: &Spec, results: &Results, lang: &str) -> String {
    let definition = spec.definition();
    let columns: Vec<&Node> = definition.root.children.iter().collect();
    let entity_label = match definition.entity_label.get(lang) {
        "" => "Entity".to_owned(),
        label => capitalise(label),
    };
    let mut text = String::new();
    let fictional = results.entities().all(|entity| entity.fictional());
    let _ = writeln!(
        text,
        "{} {}{} · {} {}{}",
        definition.title.get(lang),
        spec.version(),
        results.cycle().map(|cycle| format!(" · cycle {cycle}")).unwrap_or_default(),
        results.len(),
        if results.len() == 1 { "entity" } else { "entities" },
        if fictional { " (fictional data)" } else { "" },
    );
    text.push('\n');

    let ranking = results.ranking();
    let names: Vec<String> = ranking
        .iter()
        .map(|entity| {
            let name = entity.name().get(lang);
            let name = if name.is_empty() { entity.id() } else { name };
            match entity.abbreviation() {
                Some(abbreviation) if abbreviation != name => format!("{name} ({abbreviation})"),
                _ => name.to_owned(),
            }
        })
        .map(|name| truncate(&name, 48))
        .collect();
    let name_width =
        names.iter().map(|name| width(name)).max().unwrap_or(0).max(width(&entity_label));
    let tiers: Vec<String> = ranking
        .iter()
        .map(|entity| {
            let score = entity.score();
            match score.tier {
                Some(tier) => tier_label(spec, tier, lang),
                None => status_text(score.status).to_owned(),
            }
        })
        .collect();
    // Specs without tiers (most published indices) show the column only for unscored entities.
    let tier_title = if definition.tiers.is_some() { "Tier" } else { "Status" };
    let show_tiers = tiers.iter().any(|tier| !tier.is_empty());
    let tier_width = tiers.iter().map(|tier| width(tier)).max().unwrap_or(4).max(width(tier_title));
    let index_title = truncate(definition.root.name.get(lang), 24);
    let value_width = 5.max(width(&index_title));
    let column_width = columns.iter().map(|node| width(&node.id)).max().unwrap_or(0).max(5);

    let mut header = format!(
        "{}  {}  {}",
        pad_left("Rank", 4),
        pad(&entity_label, name_width),
        pad_left(&index_title, value_width),
    );
    if show_tiers {
        let _ = write!(header, "  {}", pad(tier_title, tier_width));
    }
    for node in &columns {
        let _ = write!(header, "  {}", pad_left(&node.id, column_width));
    }
    let _ = writeln!(text, "{}", header.trim_end());

    for ((entity, name), tier) in ranking.iter().zip(&names).zip(&tiers) {
        let score = entity.score();
        // Tied ranks are marked "=" (4=, 4=), as sports tables do.
        let tied = |rank| ranking.iter().filter(|other| other.rank() == Some(rank)).count() > 1;
        let rank = match score.rank {
            Some(rank) if tied(rank) => format!("{rank}="),
            Some(rank) => rank.to_string(),
            None => "–".to_owned(),
        };
        let value = score.value.map_or_else(|| "n/a".to_owned(), |value| spec.format(value));
        let mut line = format!(
            "{}  {}  {}",
            pad_left(&rank, 4),
            pad(name, name_width),
            pad_left(&value, value_width),
        );
        if show_tiers {
            let _ = write!(line, "  {}", pad(tier, tier_width));
        }
        for node in &columns {
            let shown = entity
                .node(&node.id)
                .and_then(|score| score.value)
                .map_or_else(|| "n/a".to_owned(), |value| spec.format(value));
            let _ = write!(line, "  {}", pad_left(&shown, column_width));
        }
        let _ = writeln!(text, "{}", line.trim_end());
    }

    if !columns.is_empty() {
        let legend: Vec<String> =
            columns.iter().map(|node| format!("{} {}", node.id, node.name.get(lang))).collect();
        let _ = writeln!(text, "\n{}", legend.join(" · "));
    }
    let unranked = ranking.iter().filter(|entity| entity.rank().is_none()).count();
    if unranked > 0 {
        let _ = writeln!(
            text,
            "{unranked} unranked: too little data for the spec's coverage rule (see `openness explain`)."
        );
    }
    let provenance = results.provenance();
    let _ = writeln!(text, "spec sha256 {}", provenance.spec_sha256);
    for input in &provenance.inputs {
        let _ = writeln!(
            text,
            "input sha256 {}  {}",
            input.sha256,
            input.name.as_deref().unwrap_or("")
        );
    }
    text
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every score of every entity as long CSV: one row per entity and node or group, with the
/// entity's name in each of the spec's languages.
pub(crate) fn scores_csv(results: &Results) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let languages = &results.spec().definition().languages;
    let mut header: Vec<String> = vec!["entity".to_owned()];
    header.extend(languages.iter().map(|language| format!("name_{language}")));
    header.extend(
        ["kind", "id", "level", "value", "rounded", "status", "coverage", "rank", "tier"]
            .map(String::from),
    );
    writer.write_record(&header).map_err(|e| e.to_string())?;
    let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    for entity in results.ranking() {
        let rows = entity
            .nodes()
            .map(|score| ("node", score))
            .chain(entity.groups().map(|score| ("group", score)));
        for (kind, score) in rows {
            let status = serde_json::to_value(score.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let mut record: Vec<String> = vec![entity.id().to_owned()];
            record.extend(
                languages.iter().map(|l| entity.name().exactly(l).unwrap_or("").to_owned()),
            );
            record.extend([
                kind.to_owned(),
                score.id.to_owned(),
                score.level.unwrap_or("").to_owned(),
                number(score.value),
                number(score.rounded),
                status,
                score.coverage.to_string(),
                score.rank.map(|rank| rank.to_string()).unwrap_or_default(),
                score.tier.unwrap_or("").to_owned(),
            ]);
            writer.write_record(&record).map_err(|e| e.to_string())?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// Name of a node or item in a language, from the spec.
fn label(spec: &Spec, id: &str, lang: &str) -> String {
    fn search(node: &Node, id: &str, lang: &str) -> Option<String> {
        if node.id == id {
            return Some(node.name.get(lang).to_owned());
        }
        if let Some(element) = node.elements.iter().find(|e| e.id == id) {
            return Some(element.question.get(lang).to_owned());
        }
        if let Some(measure) = node.measures.iter().find(|m| m.id == id) {
            return Some(measure.name.get(lang).to_owned());
        }
        node.children.iter().find_map(|child| search(child, id, lang))
    }
    search(&spec.definition().root, id, lang).unwrap_or_default()
}

/// The unit of a measure, in `lang` (empty when it has none); `None` for elements.
fn measure_unit(spec: &Spec, id: &str, lang: &str) -> Option<String> {
    fn search(node: &Node, id: &str, lang: &str) -> Option<String> {
        if let Some(measure) = node.measures.iter().find(|m| m.id == id) {
            return Some(measure.unit.get(lang).to_owned());
        }
        node.children.iter().find_map(|child| search(child, id, lang))
    }
    search(&spec.definition().root, id, lang)
}

/// The text printed by `openness explain`.
pub(crate) fn explanation_text(
    spec: &Spec,
    results: &Results,
    explanation: &Explanation,
    lang: &str,
    top: usize,
) -> String {
    let mut text = String::new();
    let Some(entity) = results.entity(&explanation.entity) else { return text };
    let score = entity.score();
    let name = entity.name().get(lang);
    let _ =
        writeln!(text, "{} — {}", entity.id(), if name.is_empty() { entity.id() } else { name });
    let shown = score.value.map_or_else(|| "n/a".to_owned(), |value| spec.format(value));
    let tier =
        score.tier.map(|tier| format!(" ({})", tier_label(spec, tier, lang))).unwrap_or_default();
    let rank = match score.rank {
        Some(rank) => format!("rank {rank} of {}", results.len()),
        None => format!("unranked: {}", status_text(score.status)),
    };
    let _ = writeln!(
        text,
        "{} {shown}{tier}, {rank}; {} of {} inputs scored (coverage {:.0} %)\n",
        spec.definition().root.name.get(lang),
        score.scored,
        score.inputs,
        score.coverage * 100.0
    );

    let root = &spec.definition().root.id;
    let _ = writeln!(
        text,
        "What each input contributes to the {}:",
        spec.definition().root.name.get(lang)
    );
    for contribution in explanation.contributions.iter().filter(|c| &c.node == root) {
        let value = contribution.value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.1}"));
        let points = contribution.points.map_or_else(|| "–".to_owned(), |p| format!("{p:.2}"));
        let _ = writeln!(
            text,
            "  {}  {}  score {:>5}  weight share {:>5.1} %  adds {:>6}",
            pad(&contribution.input, 6),
            pad(&truncate(&label(spec, &contribution.input, lang), 44), 44),
            value,
            contribution.share * 100.0,
            points
        );
    }

    let _ = writeln!(
        text,
        "\nUnmet items that would raise the {} most:",
        spec.definition().root.name.get(lang)
    );
    if explanation.improvements.is_empty() {
        // No single change raises an index that is not scored: say why rather than suggest
        // that nothing is left to improve.
        let why = match score.value {
            Some(_) => "every item is at its best answer".to_owned(),
            None => format!(
                "the {} is not scored ({}), and no single answer would make it scored; {} of \
                 its {} inputs are scored, answer the items left unanswered first",
                spec.definition().root.name.get(lang),
                status_text(score.status),
                score.scored,
                score.inputs
            ),
        };
        let _ = writeln!(text, "  none: {why}");
    }
    let items = entity.items();
    for improvement in explanation.improvements.iter().take(top) {
        let measure_unit = measure_unit(spec, &improvement.item, lang);
        let value_now = items
            .iter()
            .find(|item| item.id == improvement.item && item.unit == improvement.unit.as_deref())
            .and_then(|item| item.value);
        // A measure is shown by its values (in its unit), an element by its answer codes.
        let in_unit = |value: String| match &measure_unit {
            Some(unit) if !unit.is_empty() => format!("{value} ({unit})"),
            _ => value,
        };
        let now = match (&improvement.answer, value_now, improvement.points) {
            (Some(answer), _, _) => answer.clone(),
            (None, Some(value), _) => format!("value {value}"),
            (None, None, Some(points)) => format!("{} points", spec.format(points)),
            (None, None, None) => "unanswered".to_owned(),
        };
        let best = match &measure_unit {
            Some(_) => in_unit(format!("value {}", improvement.best)),
            None => improvement.best.clone(),
        };
        let unit = improvement.unit.as_ref().map(|unit| format!(" [{unit}]")).unwrap_or_default();
        let _ = writeln!(
            text,
            "  +{:<5.2} {}{unit}  {} → {}  {}",
            improvement.gain,
            pad(&improvement.item, 6),
            now,
            best,
            truncate(&label(spec, &improvement.item, lang), 60)
        );
    }
    text
}

/// The words of `openness spec show` around the spec's own texts, in the spec's languages.
struct TreeWords {
    weight: &'static str,
    arithmetic: &'static str,
    geometric: &'static str,
    harmonic: &'static str,
    sum: &'static str,
    reversed: &'static str,
    gated_by: &'static str,
}

impl TreeWords {
    fn of(lang: &str) -> TreeWords {
        match lang {
            "fr" => TreeWords {
                weight: "poids",
                arithmetic: "moyenne arithmétique",
                geometric: "moyenne géométrique",
                harmonic: "moyenne harmonique",
                sum: "somme",
                reversed: "inversé",
                gated_by: "conditionné par",
            },
            "ar" => TreeWords {
                weight: "الوزن",
                arithmetic: "متوسط حسابي",
                geometric: "متوسط هندسي",
                harmonic: "متوسط توافقي",
                sum: "مجموع",
                reversed: "معكوس",
                gated_by: "مشروط بـ",
            },
            _ => TreeWords {
                weight: "weight",
                arithmetic: "arithmetic mean",
                geometric: "geometric mean",
                harmonic: "harmonic mean",
                sum: "sum",
                reversed: "reversed",
                gated_by: "gated by",
            },
        }
    }
}

/// The tree printed by `openness spec show`.
pub(crate) fn spec_tree(spec: &Spec, lang: &str) -> String {
    let definition = spec.definition();
    let mut text =
        format!("{} {} — {}\n", definition.id, definition.version, definition.title.get(lang));
    let _ = writeln!(text, "sha256 {}\n", spec.sha256());
    fn walk(node: &Node, depth: usize, lang: &str, text: &mut String) {
        let words = TreeWords::of(lang);
        let indent = "  ".repeat(depth);
        let weight = node.weight.map(|w| format!("  {} {}", words.weight, w.0)).unwrap_or_default();
        let level = node.level.as_deref().map(|l| format!("[{l}] ")).unwrap_or_default();
        let method = match node.aggregation.method {
            Method::Arithmetic => words.arithmetic,
            Method::Geometric => words.geometric,
            Method::Harmonic => words.harmonic,
            Method::Sum => words.sum,
        };
        let _ = writeln!(
            text,
            "{indent}{level}{} {}{weight}  ({method})",
            node.id,
            node.name.get(lang)
        );
        for child in &node.children {
            walk(child, depth + 1, lang, text);
        }
        for element in &node.elements {
            let mut flags = Vec::new();
            if element.reversed {
                flags.push(words.reversed.to_owned());
            }
            if let Some(gate) = &element.gate {
                flags.push(format!("{} {}", words.gated_by, gate.element));
            }
            let flags =
                if flags.is_empty() { String::new() } else { format!("  ({})", flags.join(", ")) };
            let _ =
                writeln!(text, "{indent}  {} {}{flags}", element.id, element.question.get(lang));
        }
        for measure in &node.measures {
            let _ = writeln!(
                text,
                "{indent}  {} {} [{}]",
                measure.id,
                measure.name.get(lang),
                measure.unit.get(lang)
            );
        }
    }
    walk(&definition.root, 0, lang, &mut text);
    text
}
