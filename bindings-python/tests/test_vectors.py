"""Runs every shared test vector in tests/vectors/ (format in its README), with the same
semantics as the Rust runner core/tests/vectors.rs: same inputs, same names in locations, same
comparisons."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import openness
from openness import Assessment, Issue

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
PATHS = sorted(VECTORS.glob("*.json"))


def test_the_vectors_are_there() -> None:
    assert len(PATHS) >= 10, f"expected the shared vectors in {VECTORS}"


@pytest.mark.parametrize("path", PATHS, ids=[path.stem for path in PATHS])
def test_vector(path: Path) -> None:
    vector = json.loads(path.read_text(encoding="utf-8"))
    expect = vector["expect"]
    outcome = expect.get("outcome", "scored")
    tolerance = vector.get("tolerance", 1e-9)

    try:
        spec = load_spec(vector["spec"])
    except openness.SpecError as error:
        assert outcome == "specError", f"spec failed to load: {error}"
        check_issues(expect, error.issues)
        return
    assert outcome != "specError", "the spec loaded, but an error was expected"

    try:
        data = load_input(vector)
    except openness.ValidationError as error:
        assert outcome == "invalid", f"input failed to load: {error}"
        check_issues(expect, error.issues)
        return
    options = vector.get("options", {})
    try:
        results = spec.score(
            data,
            today=options.get("today", False),
            aliases=options.get("aliases"),
            skip_evidence=options.get("skipEvidence", False),
        )
    except openness.ValidationError as error:
        assert outcome == "invalid", f"expected {outcome}, got {error}"
        check_issues(expect, error.issues)
        return
    except openness.ScoringError as error:
        assert outcome == "scoringError", f"expected {outcome}, got {error}"
        check_issues(expect, error.issues)
        return
    assert outcome == "scored", f"scored, but expected {outcome}"
    check_issues(expect, list(results.warnings))
    check_results(expect, results.to_document(), tolerance)


def load_spec(spec: Any) -> openness.Spec:
    if isinstance(spec, str):
        assert spec.startswith("charter:"), "spec names are charter:VERSION"
        return openness.charter(spec[len("charter:") :])
    return openness.Spec.from_json(json.dumps(spec), file="spec")


def load_input(vector: Dict[str, Any]) -> Assessment:
    if "inputCsv" in vector:
        decimal = "," if vector.get("csvDecimal") == "comma" else "."
        return Assessment.from_csv(vector["inputCsv"], name="input.csv", decimal=decimal)
    if "inputText" in vector:
        return Assessment.from_json(vector["inputText"], name="input.json")
    return Assessment.from_json(json.dumps(vector["input"]), name="input.json")


def check_issues(expect: Dict[str, Any], issues: List[Issue]) -> None:
    shown = "".join(f"\n    {issue}" for issue in issues)
    for wanted in expect.get("issues", []):
        assert any(issue_matches(wanted, issue) for issue in issues), (
            f"no issue matches {wanted}; reported:{shown}"
        )
    for key, severity in (("errorCount", "error"), ("warningCount", "warning")):
        if key in expect:
            count = sum(1 for issue in issues if issue.severity == severity)
            assert count == expect[key], (
                f"expected {expect[key]} {severity}(s), got {count}:{shown}"
            )


def issue_matches(wanted: Dict[str, Any], issue: Issue) -> bool:
    for key, value in wanted.items():
        if key == "messageContains":
            matched = value in issue.message
        elif key == "hintContains":
            matched = issue.hint is not None and value in issue.hint
        else:
            matched = getattr(issue, key, None) == value
        if not matched:
            return False
    return True


def check_results(expect: Dict[str, Any], document: Dict[str, Any], tolerance: float) -> None:
    entities = document["entities"]
    if "ranking" in expect:
        actual = [entity["id"] for entity in entities]
        assert actual == expect["ranking"], f"ranking is {actual}, expected {expect['ranking']}"
    for entity_id, wanted in expect.get("entities", {}).items():
        entity = next((e for e in entities if e["id"] == entity_id), None)
        assert entity is not None, f"no entity `{entity_id}` in the results"
        for key, value in wanted.items():
            context = f"{entity_id}.{key}"
            if key in ("nodes", "groups"):
                for node_id, fields in value.items():
                    found = find(entity.get(key, []), lambda n: n["id"] == node_id)
                    assert found is not None, f"{context}: no `{node_id}`"
                    compare_fields(fields, found, f"{context}.{node_id}", tolerance)
            elif key == "items":
                for name, fields in value.items():
                    item_id, _, unit = name.partition("@")
                    found = find(
                        entity["items"],
                        lambda i: i["id"] == item_id and i.get("unit") == (unit or None),
                    )
                    assert found is not None, f"{context}: no item `{name}`"
                    compare_fields(fields, found, f"{context}.{name}", tolerance)
            elif key == "units":
                for node_id, units in value.items():
                    node = find(entity["nodes"], lambda n: n["id"] == node_id)
                    assert node is not None, f"{context}: no node `{node_id}`"
                    for unit_id, unit_value in units.items():
                        unit = find(node.get("units", []), lambda u: u["unit"] == unit_id)
                        assert unit is not None, f"{context}.{node_id}: no unit `{unit_id}`"
                        compare(
                            unit_value, unit["value"], f"{context}.{node_id}.{unit_id}", tolerance
                        )
            elif key == "commitments":
                for commitment_id, met in value.items():
                    found = find(entity.get("commitments", []), lambda c: c["id"] == commitment_id)
                    actual = found["met"] if found is not None else "absent"
                    assert actual == met, f"{context}.{commitment_id} is {actual}, expected {met}"
            else:
                compare(value, entity.get(key), context, tolerance)


def find(entries: List[Dict[str, Any]], test: Any) -> Optional[Dict[str, Any]]:
    return next((entry for entry in entries if test(entry)), None)


def compare_fields(
    wanted: Dict[str, Any], actual: Dict[str, Any], context: str, tolerance: float
) -> None:
    for key, value in wanted.items():
        compare(value, actual.get(key), f"{context}.{key}", tolerance)


def compare(wanted: Any, actual: Any, context: str, tolerance: float) -> None:
    numbers = (int, float)
    if (
        isinstance(wanted, numbers)
        and not isinstance(wanted, bool)
        and isinstance(actual, numbers)
        and not isinstance(actual, bool)
    ):
        equal = abs(actual - wanted) <= tolerance * max(1.0, abs(wanted))
    else:
        equal = wanted == actual
    assert equal, f"{context} is {actual!r}, expected {wanted!r}"
