#!/usr/bin/env python3
"""Converts the International Budget Partnership's Open Budget Survey to a spec and assessments.

Reads the questionnaire, the groupings and the item scores of one survey year from the external
data folder (by default `../shared/external` beside the repository) and writes `spec.json` and
`assessments.json` into the folder of that year (`obs-2019/`, `obs-2017/`). Python 3 standard
library only; the output depends on the input files alone.

    python3 examples/indices/obs-2019/convert.py [EXTERNAL_DIR]
"""

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEFAULT_EXTERNAL = REPO / ".." / "shared" / "external"

# The publisher's groups, named as in `obsYYYY_groupings.csv`, and the ids of the scores they
# make in the publisher's statistics file. The Open Budget Index itself is the tree's root.
GROUPS = [
    ("Legislative oversight", "leg_obi", "Legislative oversight"),
    ("Supreme Audit Institution oversight", "sai_obi", "Supreme audit institution oversight"),
    ("Role and Effectiveness of Oversight Institutions", "oversight_obi", "Overall oversight"),
    ("Public Participation in the Budget Process", "pub_eng", "Public participation"),
    ("Pre-Budget Statement", "obi_pbs", "Pre-Budget Statement"),
    ("Executive's Budget Proposal", "obi_ebp", "Executive's Budget Proposal"),
    ("Enacted Budget", "obi_eb", "Enacted Budget"),
    ("Citizens Budget", "obi_cb", "Citizens Budget"),
    ("In-Year Reports", "obi_iyr", "In-Year Reports"),
    ("Mid-Year Review", "obi_myr", "Mid-Year Review"),
    ("Year-End Report", "obi_yer", "Year-End Report"),
    ("Audit Report", "obi_ar", "Audit Report"),
]
INDEX_GROUP = "The Open Budget Index"

# The availability items' columns in the publisher's statistics file.
STATFILE_AVAILABILITY = {
    "PBS-2": "t3pbs", "EBP-2": "t3ebp", "EB-2": "t3eb", "IYRs-2": "t3iyr", "IYR-2": "t3iyr",
    "MYR-2": "t3myr", "YER-2": "t3yer", "AR-2": "t3ar",
}

# Points of the answers as the scores file codes them: a 100, b 67, c 33, d 0, e excluded.
FILE_POINTS = {"a": 100, "b": 67, "c": 33, "d": 0, "e": None}

# The three shapes of question, by number of options. A yes/no question's options are a (yes),
# b (no) and c (not applicable); the scores file codes them a, d and e.
SCALES = {
    5: ("five-options", [("a", 100), ("b", 67), ("c", 33), ("d", 0), ("e", None)], {}),
    3: ("yes-no", [("a", 100), ("b", 0), ("c", None)], {"a": "a", "d": "b", "e": "c"}),
    4: ("availability", [("a", 100), ("b", 67), ("c", 33), ("d", 0)], {}),
}


def read(path):
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def item_id(number):
    """`q1` for question 1, the publisher's name (`PBS-2`) for the availability items."""
    return f"q{number}" if number.isdigit() else number


def file_column(number):
    return f"Q {number}" if number.isdigit() else number


def options_of(question):
    return [letter.lower() for letter in "ABCDE" if question[letter].strip()]


def build_spec(year, questions, groupings):
    members = {}
    for row in groupings:
        members.setdefault(row["GROUP"], []).append(item_id(row["QUESTION"]))
    in_index = set(members[INDEX_GROUP])

    def element(question):
        options = options_of(question)
        scale, _, _ = SCALES[len(options)]
        guidance = {
            code: {"en": " ".join(question[letter].split())}
            for code, letter in zip(["a", "b", "c", "d", "e"], "ABCDE")
            if question[letter].strip()
        }
        return {
            "id": item_id(question["NUMBER"]),
            "question": {"en": " ".join(question["TEXT"].split())},
            "guidance": guidance,
            "scale": scale,
        }

    index_elements = [element(q) for q in questions if item_id(q["NUMBER"]) in in_index]
    auxiliary = [element(q) for q in questions if item_id(q["NUMBER"]) not in in_index]
    if len(index_elements) != len(in_index):
        raise ValueError("the Open Budget Index names questions the questionnaire lacks")

    scales = []
    for name, options, _ in SCALES.values():
        entries = []
        for code, points in options:
            entry = {"code": code, "label": {"en": f"Answer {code}"}}
            if points is None:
                entry["label"] = {"en": "Not applicable/other"}
                entry["excluded"] = True
            else:
                entry["points"] = points
            entries.append(entry)
        scales.append({"id": name, "options": entries})

    groups = []
    for group_name, group_id, label in GROUPS:
        groups.append({
            "id": group_id,
            "name": {"en": label},
            "members": members[group_name],
            "aggregation": {"weights": "equal"},
        })

    return {
        "id": f"open-budget-survey-{year}",
        "version": "1.0.0",
        "title": {"en": f"Open Budget Survey {year}"},
        "description": {"en": (
            "The International Budget Partnership's survey of budget transparency, oversight "
            "and public participation: the Open Budget Index is the mean of 109 questions, and "
            "twelve sub-scores are means of other, overlapping sets of questions."
        )},
        "languages": ["en"],
        "entityLabel": {"en": "country"},
        "source": {
            "publisher": "International Budget Partnership",
            "url": "https://internationalbudget.org/open-budget-survey",
            "citation": f"International Budget Partnership, Open Budget Survey {year}; data "
                        "from the OBS data explorer, github.com/okfn/open-budget-survey at "
                        "commit c5107f8.",
        },
        "scales": scales,
        "root": {
            "id": "obi",
            "name": {"en": "Open Budget Index"},
            "aggregation": {"weights": "equal"},
            "elements": index_elements,
        },
        "auxiliary": {"elements": auxiliary},
        "groups": groups,
        "display": {"decimals": 0},
        "decisions": [
            {"id": "plain-means", "text": {"en": (
                "Every score is the plain mean of its answered questions; an answer of "
                "not applicable/other is left out."
            )}},
            {"id": "excluded-option-per-question", "text": {"en": (
                "Which option is excluded depends on the question: e on five-option questions, "
                "c on yes/no questions, none on the document-availability questions."
            )}},
        ],
    }


def match_countries(scores, statfile, numbers):
    """The publisher's statistics row of each country of the scores file, found by the answers
    themselves (the two files name countries differently)."""
    def key(row, column):
        return tuple(row[column(n)].strip() for n in numbers)

    stat_columns = {n: f"q{n}" for n in numbers if n.isdigit()}
    stat_columns.update({n: STATFILE_AVAILABILITY[n] for n in numbers if not n.isdigit()})
    by_answers = {}
    for row in statfile:
        by_answers.setdefault(key(row, lambda n: stat_columns[n]), []).append(row)
    matched = {}
    for row in scores:
        found = by_answers.get(key(row, file_column), [])
        if len(found) != 1:
            raise ValueError(f"{row['COUNTRY_CODE']}: {len(found)} rows of the statistics file")
        matched[row["COUNTRY_CODE"]] = found[0]
    return matched


def build_assessments(year, spec, questions, scores, statfile):
    numbers = [q["NUMBER"] for q in questions]
    countries = match_countries(scores, statfile, numbers)
    entities = []
    for row in scores:
        code = row["COUNTRY_CODE"]
        responses = []
        for question in questions:
            number = question["NUMBER"]
            letter = row[f"{file_column(number)} (LETTER)"].strip().lower()
            points = row[file_column(number)].strip()
            if FILE_POINTS[letter] != (int(points) if points else None):
                raise ValueError(f"{code} {number}: letter {letter} and score {points!r}")
            _, _, recode = SCALES[len(options_of(question))]
            responses.append({"item": item_id(number), "answer": recode.get(letter, letter)})
        entities.append({
            "id": code,
            "name": {"en": countries[code]["country"]},
            "fictional": False,
            "responses": responses,
        })
    return {
        "spec": {"id": spec["id"], "version": spec["version"]},
        "cycle": int(year),
        "fictional": False,
        "note": (
            f"Real published data: International Budget Partnership, Open Budget Survey {year}, "
            "from the public repository okfn/open-budget-survey (the OBS data explorer) at "
            f"commit c5107f8. Converted by examples/indices/obs-{year}/convert.py from "
            f"obs{year}_scores.csv; answers unchanged, yes/no questions recoded from the file's "
            "a/d/e to the questionnaire's a/b/c."
        ),
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


def convert(year, external, out):
    folder = external / "obs"
    require_folder(folder)
    questions = read(folder / f"obs{year}_questions.csv")
    groupings = read(folder / f"obs{year}_groupings.csv")
    scores = read(folder / f"obs{year}_scores.csv")
    statfile = read(folder / f"obs{year}_statfile_unrounded.csv")
    spec = build_spec(year, questions, groupings)
    (out / "spec.json").write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n",
                                   encoding="utf-8")
    document = build_assessments(year, spec, questions, scores, statfile)
    write_assessments(out / "assessments.json", document)


def main(year=2019, out=HERE):
    external = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_EXTERNAL
    convert(year, external, out)


if __name__ == "__main__":
    main()
