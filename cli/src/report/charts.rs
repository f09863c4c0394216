//! Horizontal bar charts laid out for inline SVG: the geometry is computed here, the template
//! `charts.html` only draws it, so that every label stays data that the template escapes.
//!
//! Each chart carries a title, a one-sentence text alternative and the table of its data. In
//! right-to-left pages the chart is mirrored: labels on the right, bars growing leftwards.

use serde::Serialize;

/// Width of every chart, in SVG units (CSS pixels at 100 %).
const WIDTH: f64 = 640.0;
/// Width of the column of row labels: room for `LABEL_CHARS` characters of Latin text at the
/// stylesheet's 13 px (about 7.5 px each on average), and the gap before the bars.
const LABEL_WIDTH: f64 = 250.0;
/// Room after the longest bar for its value.
const VALUE_ROOM: f64 = 48.0;
/// Height of one bar, and the gap between the bars of a row and between rows.
const BAR: f64 = 16.0;
const BAR_GAP: f64 = 2.0;
const ROW_GAP: f64 = 10.0;
/// Room above the bars for the legend, and below for the axis.
const LEGEND: f64 = 24.0;
const AXIS: f64 = 22.0;
/// Labels longer than this are shortened in the chart (the table keeps them whole).
const LABEL_CHARS: usize = 30;

/// One series of values (one bar per row), with its CSS class and legend label.
#[derive(Debug, Clone)]
pub(crate) struct Series {
    pub label: String,
    pub class: String,
}

/// One row: its label, and a value per series (`None` when missing), each with the text shown.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub label: String,
    pub values: Vec<Option<(f64, String)>>,
    /// A second figure drawn as a tick on the row (a median), with its text.
    pub marker: Option<(f64, String)>,
}

/// A chart ready to draw.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Chart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub width: f64,
    pub height: f64,
    pub rtl: bool,
    pub grid: Vec<GridLine>,
    pub bars: Vec<Bar>,
    pub labels: Vec<Text>,
    pub markers: Vec<Marker>,
    pub legend: Vec<LegendEntry>,
    pub table: Table,
}

/// A vertical line of the scale, with its value.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GridLine {
    pub x: f64,
    pub top: f64,
    pub bottom: f64,
    pub text: String,
}

/// One bar with its value written beside it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub class: String,
    pub value: Text,
    pub title: String,
}

/// A text at a point; `anchor` is logical (`start`, `end`), so mirrored charts keep it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Text {
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
    pub text: String,
    pub full: String,
}

/// A tick across a bar (the median).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Marker {
    pub x: f64,
    pub top: f64,
    pub bottom: f64,
    pub title: String,
}

/// A legend entry: a swatch and its label.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LegendEntry {
    pub x: f64,
    pub y: f64,
    pub class: String,
    pub text: Text,
}

/// The data behind a chart, as a table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// What a chart shows and how.
pub(crate) struct Spec<'a> {
    pub id: &'a str,
    pub title: String,
    pub description: String,
    /// Heading of the label column of the table.
    pub label_header: String,
    /// Heading of the marker column of the table, when rows have markers.
    pub marker_header: Option<String>,
    pub series: Vec<Series>,
    /// The largest value of the scale (100 for scores, the largest count for counts).
    pub max: f64,
    /// Values of the grid lines, with their text.
    pub ticks: Vec<(f64, String)>,
    pub rtl: bool,
}

/// Lays out a horizontal bar chart.
pub(crate) fn bar_chart(spec: Spec<'_>, rows: Vec<Row>) -> Chart {
    let series_count = spec.series.len().max(1) as f64;
    let legend = if spec.series.len() > 1 { LEGEND } else { 0.0 };
    let row_height = series_count * BAR + (series_count - 1.0) * BAR_GAP;
    let plot_top = legend + 4.0;
    let plot_height = rows.len() as f64 * (row_height + ROW_GAP);
    let height = plot_top + plot_height + AXIS;
    let area = WIDTH - LABEL_WIDTH - VALUE_ROOM;
    let max = if spec.max > 0.0 { spec.max } else { 1.0 };
    let scale = |value: f64| LABEL_WIDTH + area * (value.clamp(0.0, max) / max);
    let mirror = |x: f64| if spec.rtl { WIDTH - x } else { x };

    let grid = spec
        .ticks
        .iter()
        .map(|(value, text)| GridLine {
            x: mirror(scale(*value)),
            top: plot_top,
            bottom: plot_top + plot_height,
            text: text.clone(),
        })
        .collect();

    let mut bars = Vec::new();
    let mut labels = Vec::new();
    let mut markers = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let top = plot_top + index as f64 * (row_height + ROW_GAP) + ROW_GAP / 2.0;
        labels.push(Text {
            x: mirror(LABEL_WIDTH - 8.0),
            y: top + row_height / 2.0 + 4.5,
            anchor: "end",
            text: shorten(&row.label),
            full: row.label.clone(),
        });
        // Values are written after the bar, or after the marker when it lies further out.
        let marker_end = row.marker.as_ref().map_or(0.0, |(value, _)| scale(*value) + 2.0);
        for (position, value) in row.values.iter().enumerate() {
            let Some((value, text)) = value else { continue };
            let y = top + position as f64 * (BAR + BAR_GAP);
            let end = scale(*value);
            let text_at = end.max(marker_end);
            let width = (end - LABEL_WIDTH).max(1.0);
            let series = spec.series.get(position);
            let title = match series {
                Some(series) if spec.series.len() > 1 => {
                    format!("{} · {}: {text}", row.label, series.label)
                }
                _ => format!("{}: {text}", row.label),
            };
            bars.push(Bar {
                x: if spec.rtl { WIDTH - end } else { LABEL_WIDTH },
                y,
                width,
                height: BAR,
                class: series.map_or_else(|| "bar".to_owned(), |s| s.class.clone()),
                value: Text {
                    x: mirror(text_at + 4.0),
                    y: y + BAR / 2.0 + 4.5,
                    anchor: "start",
                    text: text.clone(),
                    full: text.clone(),
                },
                title,
            });
        }
        if let Some((value, text)) = &row.marker {
            markers.push(Marker {
                x: mirror(scale(*value)),
                top: top - 3.0,
                bottom: top + row_height + 3.0,
                title: format!("{}: {text}", row.label),
            });
        }
    }

    let legend_entries = if spec.series.len() > 1 {
        let step = (WIDTH - LABEL_WIDTH) / spec.series.len() as f64;
        spec.series
            .iter()
            .enumerate()
            .map(|(position, series)| {
                let x = LABEL_WIDTH + position as f64 * step;
                LegendEntry {
                    x: if spec.rtl { WIDTH - x - 12.0 } else { x },
                    y: 6.0,
                    class: series.class.clone(),
                    text: Text {
                        x: mirror(x + 18.0),
                        y: 16.0,
                        anchor: "start",
                        text: series.label.clone(),
                        full: series.label.clone(),
                    },
                }
            })
            .collect()
    } else {
        Vec::new()
    };

    let mut head = vec![spec.label_header.clone()];
    head.extend(spec.series.iter().map(|series| series.label.clone()));
    if let Some(header) = &spec.marker_header {
        head.push(header.clone());
    }
    let table_rows = rows
        .iter()
        .map(|row| {
            let mut cells = vec![row.label.clone()];
            cells.extend(
                row.values
                    .iter()
                    .map(|value| value.as_ref().map_or_else(|| "–".to_owned(), |v| v.1.clone())),
            );
            if spec.marker_header.is_some() {
                cells.push(row.marker.as_ref().map_or_else(|| "–".to_owned(), |m| m.1.clone()));
            }
            cells
        })
        .collect();

    Chart {
        id: spec.id.to_owned(),
        title: spec.title,
        description: spec.description,
        width: WIDTH,
        height,
        rtl: spec.rtl,
        grid,
        bars,
        labels,
        markers,
        legend: legend_entries,
        table: Table { head, rows: table_rows },
    }
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_owned();
    }
    let kept: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(rtl: bool) -> Spec<'static> {
        Spec {
            id: "c",
            title: "Scores".to_owned(),
            description: "Two parties".to_owned(),
            label_header: "Party".to_owned(),
            marker_header: None,
            series: vec![Series { label: "Index".to_owned(), class: "bar".to_owned() }],
            max: 100.0,
            ticks: vec![(0.0, "0".to_owned()), (100.0, "100".to_owned())],
            rtl,
        }
    }

    fn rows() -> Vec<Row> {
        vec![
            Row {
                label: "A".to_owned(),
                values: vec![Some((100.0, "100".to_owned()))],
                marker: None,
            },
            Row {
                label: "B".to_owned(),
                values: vec![Some((50.0, "50".to_owned()))],
                marker: None,
            },
        ]
    }

    #[test]
    fn bars_are_proportional_and_mirrored_right_to_left() {
        let ltr = bar_chart(spec(false), rows());
        let area = WIDTH - LABEL_WIDTH - VALUE_ROOM;
        assert_eq!(ltr.bars[0].x, LABEL_WIDTH);
        assert_eq!(ltr.bars[0].width, area);
        assert_eq!(ltr.bars[1].width, area / 2.0);
        let rtl = bar_chart(spec(true), rows());
        assert_eq!(rtl.bars[1].x + rtl.bars[1].width, WIDTH - LABEL_WIDTH);
        assert_eq!(rtl.labels[0].x, WIDTH - ltr.labels[0].x);
        assert_eq!(rtl.table.rows, [["A", "100"], ["B", "50"]]);
    }

    #[test]
    fn long_labels_are_shortened_in_the_chart_only() {
        let long = "Parti de l'Horizon numérique et de la Transparence";
        let chart = bar_chart(
            spec(false),
            vec![Row { label: long.to_owned(), values: vec![None], marker: None }],
        );
        assert!(chart.labels[0].text.ends_with('…'));
        assert_eq!(chart.labels[0].full, long);
        assert_eq!(chart.table.rows[0], [long, "–"]);
        assert!(chart.bars.is_empty());
    }
}
