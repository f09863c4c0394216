#!/usr/bin/env python3
"""Writes the fictional demo assessments demo-2025.json and demo-2026.json.

Every party, name, abbreviation, website and answer below is invented. The profiles show the
charter's rules at work (gates, a reversed element, not applicable, measure codes, the coverage
rule, a tie); they say nothing about any real party.

Run from anywhere, with the standard library only:

    python3 examples/data/generate_demo.py

The output is deterministic: running it twice writes the same bytes.
"""

import json
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPEC_PATH = HERE.parent.parent / "spec" / "charter" / "1.0.0" / "charter.json"

# Each cycle's profile gives, per indicator, a string with one letter per element, in the
# spec's order, followed by the indicator's measure values in order:
#
#   Y yes · P partial · N no · E no_evidence (searched, nothing found) · A not_applicable
#   - not answered (missing data, or an element behind a closed gate)
#
# A measure value is a number, a code of the spec's `measure-codes` scale ("no_reply",
# "no_evidence", "not_applicable"), or None when not answered. An indicator left out of a
# profile is not answered at all.

PARTIES = [
    {
        "id": "phn",
        "abbreviation": "PHN",
        "name": {
            "ar": "حزب الأفق الرقمي",
            "fr": "Parti de l'Horizon numérique",
            "en": "Digital Horizon Party",
        },
        "signed": "2025-02-10",
        "coder": "Salma",
        "reviewer": "Mehdi",
        2025: {
            "T1": ("YYYYYP",),
            "T2": ("YYPYYP", 5.6),
            "T3": ("YYYPP",),
            "P1": ("YYP", 4),
            "P2": ("YYPYY",),
            "P3": ("YYYP", 30.8, 15.4),
            "A1": ("YPPYY",),
            "A2": ("YY", 48, 26),
            "A3": ("YYPNYP",),
            "I1": ("Y", 1.0, 0.4, 0.9),
            "I2": ("YYYPP", 86),
            "I3": ("YPYYP", 1.4),
        },
        2026: {
            "T1": ("YYYYYY",),
            "T2": ("YYYYYP", 4.1),
            "T3": ("YYYPY",),
            "P1": ("YYY", 2.5),
            "P2": ("YYYYY",),
            "P3": ("YYYP", 38.5, 23.1),
            "A1": ("YYPYY",),
            "A2": ("YY", 64, 18),
            "A3": ("YYYNYY",),
            "I1": ("Y", 1.0, 0.7, 0.9),
            "I2": ("YYYYP", 91),
            "I3": ("YYYYP", 1.2),
        },
    },
    {
        "id": "aar",
        "abbreviation": "AAR",
        "name": {
            "ar": "تحالف شجرة الأركان",
            "fr": "Alliance de l'Arganier",
            "en": "Argan Tree Alliance",
        },
        "signed": "2025-05-20",
        "coder": "Youssef",
        "reviewer": "Hajar",
        2025: {
            "T1": ("YYPYPY",),
            "T2": ("YPPPYP", 9.0),
            "T3": ("YPPYP",),
            "P1": ("YPP", 9),
            "P2": ("YPPPY",),
            "P3": ("YPYN", 25.0, 8.3),
            "A1": ("YPNPY",),
            "A2": ("YY", 35, 40),
            "A3": ("PPYPYP",),
            "I1": ("P", 1.0, 0.2, 1.0),
            "I2": ("YYPPP", 80),
            "I3": ("PNPYP", 1.7),
        },
        2026: {
            "T1": ("YYYYPY",),
            "T2": ("YPPPYN", 7.5),
            "T3": ("YPYYP",),
            "P1": ("YYP", 6),
            "P2": ("YPPYP",),
            "P3": ("YPYP", 30.8, 15.4),
            "A1": ("YPPPY",),
            "A2": ("YY", 42, 30),
            "A3": ("YPYPYP",),
            "I1": ("P", 1.0, 0.3, 1.0),
            "I2": ("YYPYP", 84),
            "I3": ("PNPYP", 1.5),
        },
    },
    {
        "id": "pbs",
        "abbreviation": "PBS",
        "name": {
            "ar": "حزب البوصلة",
            "fr": "Parti de la Boussole",
            "en": "Compass Party",
        },
        "signed": "2025-06-03",
        "coder": "Nadia",
        "reviewer": "Mehdi",
        2025: {
            "T1": ("YPPYPP",),
            "T2": ("YYNPNP", 13),
            "T3": ("PPPYN",),
            "P1": ("YPN", 18),
            "P2": ("PYNNY",),
            "P3": ("YPPN", 18.2, 0),
            "A1": ("YNNNY",),
            "A2": ("YP", 20, 60),
            "A3": ("PNPYNA",),
            "I1": ("N", 0.9, 0.0, 0.7),
            "I2": ("YPPPN", 72),
            "I3": ("NNPPN", 2.1),
        },
        2026: {
            "T1": ("YYPYYP",),
            "T2": ("YYNPPY", 11),
            "T3": ("YPPYN",),
            "P1": ("YPP", 14),
            "P2": ("PYNPY",),
            "P3": ("YYPN", 23.1, 7.7),
            "A1": ("YNNPY",),
            "A2": ("YY", 25, 52),
            "A3": ("PNPYNA",),
            "I1": ("P", 0.9, 0.1, 0.8),
            "I2": ("YPPYP", 78),
            "I3": ("NPPYN", 1.9),
        },
    },
    {
        "id": "p2r",
        "abbreviation": "P2R",
        "name": {
            "ar": "حزب الضفتين",
            "fr": "Parti des Deux Rives",
            "en": "Two Shores Party",
        },
        "coder": "Karim",
        "reviewer": "Hajar",
        2025: {
            "T1": ("YYPPNP",),
            "T2": ("PNNYNN", 14),
            "T3": ("YPPNN",),
            "P1": ("YPN", 24),
            "P2": ("PPNNN",),
            "P3": ("YPNN", 33.3, 10),
            "A1": ("YYNNP",),
            "A2": ("PY", 20, 26),
            "A3": ("PPPNNN",),
            "I1": ("P", 1.0, 0.0, 0.5),
            "I2": ("YPNPN", 66),
            "I3": ("NPNPN", 2.2),
        },
        # Ties with ldo in 2026: the two parties' twelve indicator scores are the same numbers
        # in a different order (T1 75 and A3 50 here, T1 50 and A3 75 there; P2 and A1 swap
        # 40 and 60), so their index scores are exactly equal and they share a rank.
        2026: {
            "T1": ("YYPPYP",),
            "T2": ("YPNYNN", 12),
            "T3": ("YYPNN",),
            "P1": ("YPP", 20),
            "P2": ("PYNPN",),
            "P3": ("YPNP", 38, 10),
            "A1": ("YYNPP",),
            "A2": ("PY", 25, 20),
            "A3": ("YPPNNN",),
            "I1": ("P", 1.0, 0.0, 0.5),
            "I2": ("YYNPN", 70),
            "I3": ("NPNYN", 2.0),
        },
    },
    {
        "id": "ldo",
        "abbreviation": "LDO",
        "name": {
            "ar": "رابطة الواحات",
            "fr": "Ligue des Oasis",
            "en": "Oasis League",
        },
        "coder": "Imane",
        "reviewer": "Mehdi",
        2025: {
            "T1": ("YYNPNP",),
            "T2": ("YNPNYN", 12.5),
            "T3": ("YPPAN",),
            "P1": ("YYN", 20),
            "P2": ("YYPNP",),
            "P3": ("PYPN", 40, 10),
            "A1": ("YPNNP",),
            "A2": ("YP", 22, 30),
            "A3": ("YYPNPP",),
            "I1": ("P", 0.5, 0.0, 1.0),
            "I2": ("YNYNP", 68),
            "I3": ("NNPYN", 2.0),
        },
        2026: {
            "T1": ("YYNPNP",),
            "T2": ("YNPNYN", 12),
            "T3": ("YPPAN",),
            "P1": ("YYN", 20),
            "P2": ("YYPNP",),
            "P3": ("PYPN", 40, 10),
            "A1": ("YPNNP",),
            "A2": ("YP", 25, 22),
            "A3": ("YYPNPP",),
            "I1": ("P", 0.5, 0.0, 1.0),
            "I2": ("YNYNP", 70),
            "I3": ("NNPYN", 2.0),
        },
    },
    {
        "id": "phr",
        "abbreviation": "PHR",
        "name": {
            "ar": "حزب المنارة",
            "fr": "Parti du Phare",
            "en": "Lighthouse Party",
        },
        "signed": "2026-04-15",
        "coder": "Omar",
        "reviewer": "Hajar",
        2025: {
            "T1": ("PPNNYN",),
            "T2": ("PNENNN", 17.5),
            "T3": ("PNNNE",),
            "P1": ("NNN", "no_reply"),
            "P2": ("NN-NN",),
            "P3": ("NNNN", 12.5, 0),
            "A1": ("N--NE",),
            "A2": ("PY", 5, 110),
            "A3": ("NENYNE",),
            "I1": ("N", 1.0, 0.0, 0.3),
            "I2": ("YNNNN", 50),
            "I3": ("NNNPN", 2.7),
        },
        # Signed the charter in April 2026 yet meets few of its commitments. A1.01 is "no"
        # (no programme published as text), a closed gate: A1.02 and A1.03 are left
        # unanswered and score 0. P2.01 is "no" too, closing the gate of P2.03. Neither
        # standard request was answered: P1.m1 is "no_reply".
        2026: {
            "T1": ("YPNPYN",),
            "T2": ("PNENNN", 16.5),
            "T3": ("PNNNE",),
            "P1": ("PNN", "no_reply"),
            "P2": ("NP-NN",),
            "P3": ("PNNN", 12.5, 0),
            "A1": ("N--NE",),
            "A2": ("PY", 8, 96),
            "A3": ("NENYNE",),
            "I1": ("N", 1.0, 0.0, 0.4),
            "I2": ("YNNPN", 55),
            "I3": ("NNNPN", 2.6),
        },
    },
    {
        "id": "sept",
        "abbreviation": "SEPT",
        "name": {
            "ar": "حزب الأبواب السبعة",
            "fr": "Parti des Sept Portes",
            "en": "Seven Gates Party",
        },
        "coder": "Salma",
        "reviewer": "Mehdi",
        2025: {
            "T1": ("NNNNEN",),
            "T2": ("E-ENNN", "no_evidence"),
            "T3": ("NNEEN",),
            "P1": ("NNN", 40),
            "P2": ("EN-NN",),
            "P3": ("NNNN", "no_evidence", "no_evidence"),
            "A1": ("PNNNN",),
            "A2": ("YN", 0, "no_reply"),
            "A3": ("NNEYEE",),
            "I1": ("N", 1.0, 0.0, 0.1),
            "I2": ("PNNNN", 42),
            "I3": ("NNNNN", 3.0),
        },
        # T2.01 and P2.01 are "no_evidence": gates closed, T2.02 and P2.03 unanswered.
        # Comments are closed on its accounts: A2.m1 is 0 and A2.m2 "no_reply".
        2026: {
            "T1": ("PNNNEN",),
            "T2": ("E-ENNN", "no_evidence"),
            "T3": ("NNEEN",),
            "P1": ("NNP", 35),
            "P2": ("EN-NN",),
            "P3": ("NNNN", "no_evidence", "no_evidence"),
            "A1": ("PNNNN",),
            "A2": ("YN", 0, "no_reply"),
            "A3": ("NNEYEE",),
            "I1": ("N", 1.0, 0.0, 0.2),
            "I2": ("PNNNN", 48),
            "I3": ("NNNNN", 2.8),
        },
    },
    {
        "id": "src",
        "abbreviation": "SRC",
        "name": {
            "ar": "حزب العين الصافية",
            "fr": "Parti de la Source claire",
            "en": "Clear Spring Party",
        },
        "coder": "Karim",
        "reviewer": "Hajar",
        # Answers still waiting for review, to show the warning.
        "unreviewed": ["I2.01", "I2.02", "I2.03", "I2.05", "I2.m1"],
        # Founded in 2025: new in the 2026 cycle, with no elected official and no election
        # behind it (several not_applicable answers), and only partly assessed: six of the
        # twelve indicators are scored, below the ten the ranking needs.
        2026: {
            "T1": ("YYPY-N",),
            "T3": ("AAAAY",),
            "P2": ("YYPYY",),
            "P3": ("YYAP", 40, 60),
            "A1": ("YNNAA",),
            "I2": ("YYY-Y", 88),
        },
    },
]

# Where each item's evidence is, under the party's (invented) site or the observatory's.
# `{party}` and `{year}` (the financial year before the cycle) are filled in.
PATHS = {
    "T1.01": "{party}/statuts",
    "T1.02": "{party}/programme",
    "T1.03": "{party}/instances",
    "T1.04": "{party}/dirigeants",
    "T1.05": "{party}/congres",
    "T1.06": "{party}/regions",
    "T2.01": "{party}/finances/comptes-{year}",
    "T2.02": "{party}/finances/comptes-{year}/attestation",
    "T2.03": "{party}/finances/cour-des-comptes",
    "T2.04": "{party}/finances/financement-public",
    "T2.05": "{party}/finances/ressources",
    "T2.06": "{party}/finances/comptes-de-campagne",
    "T2.m1": "{party}/finances/comptes-{year}",
    "T3.01": "{party}/elus",
    "T3.02": "{party}/elus/contacts",
    "T3.03": "{party}/candidats",
    "T3.04": "{party}/elus/activite-parlementaire",
    "T3.05": "{party}/candidats/integrite",
    "P1.01": "{party}/contact",
    "P1.02": "observatoire/demandes/{cycle}/{party}",
    "P1.03": "observatoire/demandes/{cycle}/{party}",
    "P1.m1": "observatoire/demandes/{cycle}/{party}",
    "P2.01": "{party}/participer/consultation",
    "P2.02": "{party}/participer/propositions",
    "P2.03": "{party}/participer/consultation/synthese",
    "P2.04": "{party}/participer/en-direct",
    "P2.05": "{party}/participer",
    "P3.01": "{party}/adherer",
    "P3.02": "{party}/democratie-interne/elections",
    "P3.03": "{party}/democratie-interne/resultats",
    "P3.04": "{party}/candidats/procedure",
    "P3.m1": "{party}/instances",
    "P3.m2": "{party}/instances",
    "A1.01": "{party}/programme/texte",
    "A1.02": "{party}/programme/texte",
    "A1.03": "{party}/programme/chiffrage",
    "A1.04": "{party}/programme/bilan",
    "A1.05": "{party}/programme/archives",
    "A2.01": "{party}/reseaux",
    "A2.02": "{party}/reseaux",
    "A2.m1": "observatoire/reseaux/{cycle}/{party}",
    "A2.m2": "observatoire/reseaux/{cycle}/{party}",
    "A3.01": "{party}/confidentialite",
    "A3.02": "{party}/confidentialite/cndp",
    "A3.03": "{party}/confidentialite/droits",
    "A3.04": "{party}/",
    "A3.05": "{party}/campagne/code-de-conduite",
    "A3.06": "{party}/campagne/publicites",
    "I1.01": "{party}/programme/en-bref",
    "I1.m1": "observatoire/langues/{cycle}/{party}",
    "I1.m2": "observatoire/langues/{cycle}/{party}",
    "I1.m3": "observatoire/langues/{cycle}/{party}",
    "I2.01": "{party}/",
    "I2.02": "{party}/",
    "I2.03": "{party}/recherche",
    "I2.04": "{party}/documents",
    "I2.05": "{party}/",
    "I2.m1": "observatoire/accessibilite/{cycle}/{party}",
    "I3.01": "{party}/donnees",
    "I3.02": "{party}/mentions-legales",
    "I3.03": "{party}/documents",
    "I3.04": "{party}/documents",
    "I3.05": "{party}/documents/archives",
    "I3.m1": "observatoire/fraicheur/{cycle}/{party}",
}

# Why an answer is not applicable, by item.
NOT_APPLICABLE = {
    "T3.01": "The party has no elected official at any level: it was founded in 2025.",
    "T3.02": "The party has no elected official at any level: it was founded in 2025.",
    "T3.03": "The party did not stand in the latest general election (2021).",
    "T3.04": "The party has no member of parliament; its elected officials are councillors.",
    "P3.03": "The party has held no internal election to national positions yet.",
    "A1.04": "The party has had no elected official since its programme was published.",
    "A1.05": "The party had no programme before its current one: it was founded in 2025.",
    "A3.06": "The Meta and Google ad libraries show no paid political ad by the party in the "
             "last 12 months.",
}

# Notes for measure codes.
CODE_NOTES = {
    ("P1.m1", "no_reply"): "Standard requests sent on {cycle}-03-02 and {cycle}-05-11; no reply "
                           "to either after 40 working days.",
    ("A2.m2", "no_reply"): "Comments are closed on both sampled accounts: no question could be "
                           "answered.",
    ("T2.m1", "no_evidence"): "The {year} accounts are not on the party's site; searched the "
                              "finance pages, the site search and a web search.",
    ("P3.m1", "no_evidence"): "The party publishes no list of the members of its political "
                              "bureau; searched the site, its accounts and a web search.",
    ("P3.m2", "no_evidence"): "The party publishes no list of the members of its political "
                              "bureau; searched the site, its accounts and a web search.",
}

LETTERS = {
    "Y": "yes",
    "P": "partial",
    "N": "no",
    "E": "no_evidence",
    "A": "not_applicable",
}

# Answers that the demo leaves without an archived copy, to show the warning.
NO_ARCHIVE = {(2026, "aar", "T1.05")}


def spec_items():
    """(indicator id, element ids, measure ids) for every indicator, in the spec's order."""
    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    indicators = []

    def walk(node):
        if node.get("level") == "indicator":
            elements = [element["id"] for element in node.get("elements", [])]
            measures = [measure["id"] for measure in node.get("measures", [])]
            indicators.append((node["id"], elements, measures))
        for child in node.get("children", []):
            walk(child)

    walk(spec["root"])
    return indicators


def check_date(cycle, party_position, item_position):
    """A fieldwork date: September to November of the cycle year, spread by party and item."""
    start = date(cycle, 9, 1)
    offset = (party_position * 11 + item_position * 3) % 89
    return start + timedelta(days=offset)


def evidence(cycle, party, item, answer, checked):
    """The evidence a response carries, as the spec's evidence rules ask."""
    url = "https://example.org/" + PATHS[item].format(
        party=party["id"], cycle=cycle, year=cycle - 1
    )
    archive = "https://web.archive.org/web/{}103000/{}".format(checked.strftime("%Y%m%d"), url)
    out = {}
    if answer in ("yes", "partial", "value"):
        out["urls"] = [url]
        if (cycle, party["id"], item) not in NO_ARCHIVE:
            out["archivedUrl"] = archive
    elif answer == "no":
        out["urls"] = [url]
    if answer != "not_applicable":
        out["checked"] = checked.isoformat()
    if answer == "no_evidence" and (item, answer) not in CODE_NOTES:
        out["note"] = (
            "Searched the party's site (menus, site search, sitemap), its official accounts "
            "and a web search; nothing found."
        )
    elif answer == "not_applicable":
        out["note"] = NOT_APPLICABLE.get(item, "No genuine citizen question in the sample.")
    elif (item, answer) in CODE_NOTES:
        out["note"] = CODE_NOTES[(item, answer)].format(cycle=cycle, year=cycle - 1)
    elif item == "I2.m1":
        out["note"] = "axe-core 4.10.2 run with @axe-core/cli; page scores in the worksheet."
    return out


def responses(cycle, party, party_position, indicators):
    """The responses of one party in one cycle, in the spec's item order."""
    profile = party[cycle]
    out = []
    position = 0
    for indicator, elements, measures in indicators:
        if indicator not in profile:
            position += len(elements) + len(measures)
            continue
        letters, *values = profile[indicator]
        if len(letters) != len(elements) or len(values) != len(measures):
            raise ValueError(f"{party['id']} {cycle} {indicator}: profile does not fit the spec")
        items = [(item, LETTERS.get(letter)) for item, letter in zip(elements, letters)]
        items += list(zip(measures, values))
        for item, given in items:
            position += 1
            if given is None:
                continue
            checked = check_date(cycle, party_position, position)
            response = {"item": item}
            if isinstance(given, str):
                response["answer"] = given
                kind = given
            else:
                response["value"] = given
                kind = "value"
            response["evidence"] = evidence(cycle, party, item, kind, checked)
            response["coder"] = party["coder"]
            if "reviewer" in party and item not in party.get("unreviewed", []):
                response["reviewer"] = party["reviewer"]
            out.append(response)
    return out


def assessment(cycle, indicators):
    entities = []
    for position, party in enumerate(PARTIES):
        if cycle not in party:
            continue
        entity = {
            "id": party["id"],
            "name": party["name"],
            "abbreviation": party["abbreviation"],
            "fictional": True,
        }
        if "signed" in party and party["signed"] <= f"{cycle}-12-31":
            entity["signatory"] = {"signed": party["signed"], "charterVersion": "1.0.0"}
        entity["responses"] = responses(cycle, party, position, indicators)
        entities.append(entity)
    return {
        "$schema": "../../spec/schema/assessment.schema.json",
        "spec": {"id": "political-openness-charter", "version": "1.0.0"},
        "cycle": cycle,
        "fictional": True,
        "note": (
            f"Fictional demonstration data for the {cycle} cycle. The parties, their names, "
            "abbreviations and websites, and every answer, value and date are invented to show "
            "how the Political Openness Charter is scored; they describe no real party. "
            "Generated by examples/data/generate_demo.py."
        ),
        "entities": entities,
    }


def main():
    indicators = spec_items()
    for cycle in (2025, 2026):
        path = HERE / f"demo-{cycle}.json"
        with path.open("w", encoding="utf-8") as out:
            json.dump(assessment(cycle, indicators), out, ensure_ascii=False, indent=2)
            out.write("\n")
        print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
