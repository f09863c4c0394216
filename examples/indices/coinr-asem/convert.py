#!/usr/bin/env python3
"""Converts COINr's ASEM example to one spec per methodology variant and one assessment.

Reads the raw data, the metadata and the manual weights from the external data folder (by
default `../shared/external` beside the repository) and writes `spec-<variant>.json` for each
variant COINr was run with, and `assessments.json` with the raw values (denominators
included: the engine divides). Python 3 standard library only; the output depends on the
input files alone.

    python3 examples/indices/coinr-asem/convert.py [EXTERNAL_DIR]
"""

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEFAULT_EXTERNAL = REPO / ".." / "shared" / "external"

MIN_MAX = {"method": "minMax", "range": [0, 100]}

# Each variant: its normalisation, its mean, and whether it takes the manual weights.
VARIANTS = {
    "minmax_amean": (MIN_MAX, "arithmetic", False,
                     "min-max to [0, 100], weighted arithmetic mean"),
    "zscore_amean": ({"method": "zScore"}, "arithmetic", False,
                     "z-score (mean 0, sample standard deviation 1), arithmetic mean"),
    "rank_amean": ({"method": "rank"}, "arithmetic", False,
                   "rank (ties take the lowest rank), arithmetic mean"),
    "borda_amean": ({"method": "borda"}, "arithmetic", False,
                    "Borda score (rank − 1), arithmetic mean"),
    "minmax1_gmean": ({"method": "minMax", "range": [1, 100]}, "geometric", False,
                      "min-max to [1, 100], weighted geometric mean"),
    "minmax_amean_manualw": (MIN_MAX, "arithmetic", True,
                             "min-max to [0, 100], arithmetic mean with unequal weights"),
}

LEVELS = {"2": "pillar", "3": "subIndex", "4": "index"}


def read(path):
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def number(text):
    """A number as COINr wrote it (17 significant digits), kept exactly: JSON numbers are
    read back to the same double."""
    value = float(text)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def build_spec(variant, meta, weights):
    normalisation, method, manual, summary = VARIANTS[variant]
    weight = {row["iCode"]: number(row["Weight"]) for row in meta if row["Weight"]}
    if manual:
        weight.update({row["iCode"]: number(row["Weight"]) for row in weights})

    def measure(row):
        entry = {
            "id": row["iCode"],
            "name": {"en": row["iName"]},
            "unit": {"en": row["Unit"]},
            "direction": "lowerIsBetter" if row["Direction"] == "-1" else "higherIsBetter",
            "normalisation": normalisation,
        }
        if row["Denominator"]:
            entry["denominator"] = row["Denominator"]
        entry["weight"] = weight[row["iCode"]]
        return entry

    def node(code):
        row = next(r for r in meta if r["iCode"] == code)
        children = [r for r in meta if r["Parent"] == code]
        entry = {
            "id": code,
            "level": LEVELS[row["Level"]],
            "name": {"en": row["iName"]},
            "weight": weight[code],
            "aggregation": {"method": method},
        }
        indicators = [measure(c) for c in children if c["Type"] == "Indicator"]
        if indicators:
            entry["measures"] = indicators
        else:
            entry["children"] = [node(c["iCode"]) for c in children]
        return entry

    root = node("Index")
    del root["weight"]
    denominators = [
        {
            "id": row["iCode"],
            "name": {"en": row["iName"]},
            "unit": {"en": row["Unit"]},
            "direction": "higherIsBetter",
            "normalisation": {"method": "identity"},
        }
        for row in meta
        if row["Type"] == "Denominator"
    ]
    return {
        # One spec, built six ways: the variants share their items, so the assessment made
        # against version 1.0.0 is scored by each (build metadata does not change a version).
        "id": "coinr-asem",
        "version": f"1.0.0+{variant.replace('_', '-')}",
        "title": {"en": f"ASEM Sustainable Connectivity ({summary})"},
        "description": {"en": (
            "COINr's example index: 49 indicators of 51 Asian and European countries in 8 "
            "pillars, 2 sub-indices and an index, normalised across countries and aggregated "
            f"level by level. This variant: {summary}."
        )},
        "languages": ["en"],
        "entityLabel": {"en": "country"},
        "source": {
            "publisher": "European Commission, Joint Research Centre (COINr)",
            "url": "https://bluefoxr.github.io/COINr/",
            "citation": "Becker W. et al., COINr: an R package for developing composite "
                        "indicators, Journal of Open Source Software 7(78), 4567 (2022); "
                        "outputs of COINr 1.1.14 on its ASEM example data.",
        },
        "levels": [
            {"id": "index", "name": {"en": "index"}},
            {"id": "subIndex", "name": {"en": "sub-index"}},
            {"id": "pillar", "name": {"en": "pillar"}},
        ],
        "scales": [],
        "root": root,
        "auxiliary": {"measures": denominators},
        "missingData": {"constantMeasure": "error"},
        "ranking": {"tiePrecision": 1e-12},
        "display": {"decimals": 2},
        "decisions": [
            {"id": "direction-before-normalising", "text": {"en": (
                "A lower-is-better indicator is negated before it is normalised, as COINr does."
            )}},
            {"id": "missing-renormalised", "text": {"en": (
                "Missing values are left out of each mean and the weights of the other inputs "
                "renormalised; each level is aggregated from the level below."
            )}},
            {"id": "constant-is-error", "text": {"en": (
                "A constant indicator cannot be normalised; COINr returns NaN with a warning, "
                "this spec stops with an error naming it."
            )}},
        ],
    }


def build_assessments(data, meta):
    measures = [r["iCode"] for r in meta if r["Type"] in ("Indicator", "Denominator")]
    entities = []
    for row in sorted(data, key=lambda r: r["uCode"]):
        responses = [
            {"item": code, "value": number(row[code])} for code in measures if row[code] != ""
        ]
        entities.append({
            "id": row["uCode"],
            "name": {"en": row["uName"]},
            "fictional": False,
            "responses": responses,
        })
    years = {row["Time"] for row in data}
    if len(years) != 1:
        raise ValueError(f"several years: {years}")
    return {
        "spec": {"id": "coinr-asem", "version": "1.0.0"},
        "cycle": int(years.pop()),
        "fictional": False,
        "note": (
            "Real published data: the ASEM Sustainable Connectivity example of COINr, the "
            "European Commission JRC's R package for composite indicators (COINr 1.1.14, "
            "ASEM_iData). Converted by examples/indices/coinr-asem/convert.py; values unchanged."
        ),
        "entities": entities,
    }


def write_assessments(path, document):
    """Pretty JSON with one response per line."""
    def dumps(value):
        return json.dumps(value, ensure_ascii=False)

    lines = ["{"]
    for key in ("spec", "cycle", "fictional", "note"):
        lines.append(f"  {dumps(key)}: {dumps(document[key])},")
    lines.append('  "entities": [')
    for position, entity in enumerate(document["entities"]):
        lines.append("    {")
        for key, value in entity.items():
            if key != "responses":
                lines.append(f"      {dumps(key)}: {dumps(value)},")
        lines.append('      "responses": [')
        lines.append(",\n".join(f"        {dumps(r)}" for r in entity["responses"]))
        lines.append("      ]")
        lines.append("    }" + ("," if position + 1 < len(document["entities"]) else ""))
    lines.append("  ]")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

def require_folder(folder):
    """Stops with a clear message when the publisher's files are not where they are looked for:
    they are not part of this repository (see this folder's README for their source)."""
    if not folder.is_dir():
        sys.exit(
            f"convert.py: the publisher's files are not at {folder}.\n"
            "They are not part of this repository: get them from the source named in "
            f"{HERE / 'README.md'}, then pass the folder that holds `{folder.name}/`:\n"
            f"    python3 {Path(__file__).relative_to(REPO)} /path/to/external"
        )


def main():
    external = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_EXTERNAL
    folder = external / "coinr-asem"
    require_folder(folder)
    meta = read(folder / "ASEM_iMeta.csv")
    weights = read(folder / "minmax_amean_manualw" / "weights.csv")
    for variant in VARIANTS:
        spec = build_spec(variant, meta, weights)
        (HERE / f"spec-{variant}.json").write_text(
            json.dumps(spec, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    data = read(folder / "ASEM_iData.csv")
    write_assessments(HERE / "assessments.json", build_assessments(data, meta))


if __name__ == "__main__":
    main()
