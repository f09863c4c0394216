#!/usr/bin/env python3
"""Converts Ranking Digital Rights' 2022 Big Tech Scorecard data to a spec and assessments.

Reads the publisher's tables from the external data folder (by default `../shared/external`
beside the repository) and writes `spec.json` and `assessments.json` next to this script.
Python 3 standard library only; the output depends on the input files alone.

    python3 examples/indices/rdr-2022/convert.py [EXTERNAL_DIR]
"""

import csv
import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEFAULT_EXTERNAL = REPO / ".." / "shared" / "external"

SPEC_ID = "rdr-big-tech-scorecard-2022"
SPEC_VERSION = "1.0.0"
YEAR = "2022"

# The publisher's answers, as written in `rdr2022_elements_long.csv`, and their codes.
ANSWERS = {
    "Yes": "yes",
    "Partial": "partial",
    "No": "no",
    "No Disclosure Found": "no_disclosure_found",
    "NA": "not_applicable",
}

# Elements scored in reverse although the specification table does not flag them: the answer
# the company should *not* give scores 100 (confirmed by the publisher's element scores).
REVERSED = {"F11.01"}

SOURCE_NOTE = (
    "Real published data: Ranking Digital Rights, 2022 Big Tech Scorecard, from the public "
    "repository rankingdigitalrights/index2022 at commit 3e61441 (May 2023), CC BY 4.0. "
    "Converted by examples/indices/rdr-2022/convert.py; answers unchanged."
)


def read(folder, name):
    with open(folder / name, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def plain(text):
    """The publisher's HTML question text as plain text."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def unit_rule(scope):
    """How the units of a company combine at an indicator, by the publisher's scoring scope."""
    if scope == "company":
        return {"parts": [{"class": "company"}]}
    if scope == "services":
        return {"parts": [{"class": "service"}]}
    if scope == "full":
        # The services count once together, not each as much as the group.
        return {"parts": [{"class": "company"}, {"class": "service", "collapse": True}]}
    raise ValueError(f"unknown scoring scope {scope!r}")


def build_spec(folder):
    indicators = read(folder, "rdr2022_indicator_specs.csv")
    elements = read(folder, "rdr2022_element_specs.csv")
    by_indicator = {}
    for element in elements:
        by_indicator.setdefault(element["Indicator"], []).append(element)

    def leaf(indicator, level):
        items = sorted(by_indicator[indicator["indicator"]], key=lambda e: int(e["elemNr"]))
        node_elements = []
        for element in items:
            entry = {"id": element["Element"], "question": {"en": plain(element["description"])}}
            if element["Element"] in REVERSED:
                entry["reversed"] = True
            node_elements.append(entry)
        return {
            "id": indicator["indicator"],
            "level": level,
            "name": {"en": f'{indicator["label_short"]}. {indicator["label_long"]}'},
            "aggregation": {"weights": "equal"},
            "units": unit_rule(indicator["scoring_scope"]),
            "elements": node_elements,
        }

    categories = {"G": "Governance", "F": "Freedom of expression and information", "P": "Privacy"}
    children = []
    for category, name in categories.items():
        top = []
        for indicator in indicators:
            if indicator["category"] != category or indicator["indicator_suffix"] != "NA":
                continue
            if indicator["is_parent"] == "TRUE":
                subs = [
                    leaf(sub, "subIndicator")
                    for sub in indicators
                    if sub["indicator_nr"] == indicator["indicator_nr"]
                    and sub["category"] == category
                    and sub["indicator_suffix"] != "NA"
                ]
                top.append({
                    "id": indicator["indicator"],
                    "level": "indicator",
                    "name": {"en": f'{indicator["label_short"]}. {indicator["label_long"]}'},
                    "aggregation": {"weights": "equal"},
                    "children": subs,
                })
            else:
                top.append(leaf(indicator, "indicator"))
        children.append({
            "id": category,
            "level": "category",
            "name": {"en": name},
            "aggregation": {"weights": "equal"},
            "children": top,
        })

    scale = [
        ("yes", "Yes", 100),
        ("partial", "Partial", 50),
        ("no", "No", 0),
        ("no_disclosure_found", "No disclosure found", 0),
    ]
    options = [{"code": c, "label": {"en": label}, "points": p} for c, label, p in scale]
    options.append({"code": "not_applicable", "label": {"en": "Not applicable"}, "excluded": True})

    return {
        "id": SPEC_ID,
        "version": SPEC_VERSION,
        "title": {"en": "Ranking Digital Rights 2022 Big Tech Scorecard"},
        "description": {"en": (
            "How 14 digital platforms disclose their governance, freedom-of-expression and "
            "privacy policies: 58 indicators of 324 elements, assessed at the group and at each "
            "service, reproduced from the publisher's data."
        )},
        "languages": ["en"],
        "entityLabel": {"en": "company"},
        "source": {
            "publisher": "Ranking Digital Rights",
            "url": "https://rankingdigitalrights.org/index2022/",
            "licence": "CC BY 4.0",
            "citation": "Ranking Digital Rights, 2022 Big Tech Scorecard (2022); data from "
                        "github.com/rankingdigitalrights/index2022 at commit 3e61441.",
        },
        "levels": [
            {"id": "total", "name": {"en": "total"}},
            {"id": "category", "name": {"en": "category"}},
            {"id": "indicator", "name": {"en": "indicator"}},
            {"id": "subIndicator", "name": {"en": "sub-indicator"}},
        ],
        "scales": [{"id": "rdr", "name": {"en": "RDR answers"}, "options": options}],
        "defaultScale": "rdr",
        "unitClasses": [
            {"id": "company", "name": {"en": "group or operating company"}},
            {"id": "service", "name": {"en": "service"}},
        ],
        "root": {
            "id": "total",
            "level": "total",
            "name": {"en": "Total"},
            "aggregation": {"weights": "equal", "overLevel": "indicator"},
            "children": children,
        },
        "display": {"decimals": 0},
        "ranking": {"basis": "displayed"},
        "decisions": [
            {"id": "total-over-indicators", "text": {"en": (
                "The total is the mean of every scored top-level indicator of the three "
                "categories, not the mean of the categories."
            )}},
            {"id": "services-count-once", "text": {"en": (
                "An indicator of full scope is the mean of the group, the operating company and "
                "the mean of the services, so that the services count once together."
            )}},
            {"id": "f11-reversed", "text": {"en": (
                "Element F11.01 (identity verification required) is scored in reverse: yes 0, "
                "no 100. The publisher's specification table does not flag it, its element "
                "scores do."
            )}},
            {"id": "excluded-indicators", "text": {"en": (
                "Indicators the publisher excludes for a type of company (F09 and F10 apply to "
                "telecommunications companies only) are answered not applicable at every service."
            )}},
            {"id": "ranks-on-displayed", "text": {"en": (
                "Companies are ranked on their rounded scores, as published: Apple and Kakao "
                "both score 44 and share sixth place."
            )}},
        ],
    }


def build_assessments(folder, spec):
    companies = read(folder, "rdr2022_company_specs.csv")
    services = read(folder, "rdr2022_service_specs.csv")
    rows = [row for row in read(folder, "rdr2022_elements_long.csv") if row["index_year"] == YEAR]
    excludes = read(folder, "rdr2022_indicator_excludes.csv")
    indicator_specs = {i["indicator"]: i for i in read(folder, "rdr2022_indicator_specs.csv")}
    elements = read(folder, "rdr2022_element_specs.csv")

    answers = {}
    for row in rows:
        key = (row["company"], row["level"], row["element"])
        if key in answers:
            raise ValueError(f"element answered twice: {key}")
        answers[key] = row
        # The publisher's points confirm how the answer is scored.
        points = {"Yes": 100, "Partial": 50, "No": 0, "No Disclosure Found": 0}.get(row["answer"])
        if row["element"] in REVERSED and points is not None:
            points = 100 - points
        expected = "NA" if points is None else str(points)
        if row["element_score"] != expected:
            raise ValueError(f"unexpected element score in {row}")

    entities = []
    for company in companies:
        name = company["company"]
        # Every 2022 company is a digital platform, which the exclusion table calls `internet`.
        kind = "telecom" if company["maintype"] == "telecom" else "internet"
        excluded = {e["Indicator"] for e in excludes if e["exclude"] == kind}
        group = next(s for s in services if s["Company"] == name and s["Class"] == "Group")
        units = [{"id": "Group", "class": "company", "name": {"en": group["Label"]}}]
        service_names = []
        for service in services:
            if service["Company"] == name and service["Class"] not in ("Group", "OpCom"):
                units.append({"id": service["Label"], "class": "service",
                              "name": {"en": service["Label"]}})
                service_names.append(service["Label"])
        # Operating companies are not assessed in 2022 (no answers at that level): the unit is
        # not declared.
        if any(row["company"] == name and row["level"] == "OpCom" for row in rows):
            raise ValueError(f"{name} has answers for its operating company")

        responses = []
        for element in elements:
            indicator = element["Indicator"]
            scope = indicator_specs[indicator]["scoring_scope"]
            levels = []
            if scope in ("company", "full"):
                levels.append("Group")
            if scope in ("services", "full"):
                levels.extend(service_names)
            for level in levels:
                row = answers.pop((name, level, element["Element"]), None)
                if row is not None:
                    answer = ANSWERS[row["answer"]]
                elif indicator in excluded:
                    answer = "not_applicable"
                else:
                    continue
                responses.append({"item": element["Element"], "unit": level, "answer": answer})
        entities.append({
            "id": name,
            "name": {"en": name},
            "fictional": False,
            "units": units,
            "responses": responses,
        })
    if answers:
        raise ValueError(f"answers not placed: {sorted(answers)[:5]}")
    return {
        "spec": {"id": spec["id"], "version": spec["version"]},
        "cycle": int(YEAR),
        "fictional": False,
        "note": SOURCE_NOTE,
        "entities": entities,
    }


def write_assessments(path, document):
    """Pretty JSON with one response per line, to keep the file small and diffable."""
    def dumps(value):
        return json.dumps(value, ensure_ascii=False)

    lines = ["{"]
    for key in ("spec", "cycle", "fictional", "note"):
        lines.append(f"  {dumps(key)}: {dumps(document[key])},")
    lines.append('  "entities": [')
    for position, entity in enumerate(document["entities"]):
        lines.append("    {")
        for key, value in entity.items():
            if key == "responses":
                continue
            if key == "units":
                lines.append('      "units": [')
                units = [f"        {dumps(unit)}" for unit in value]
                lines.append(",\n".join(units))
                lines.append("      ],")
            else:
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
    folder = external / "rdr2022"
    require_folder(folder)
    spec = build_spec(folder)
    (HERE / "spec.json").write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n",
                                    encoding="utf-8")
    write_assessments(HERE / "assessments.json", build_assessments(folder, spec))


if __name__ == "__main__":
    main()
