"""The Python API: specs, inputs, results, errors."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

import pytest

import openness
from conftest import assessment, entity


def full(id: str, t101: str = "yes", t102: str = "no", share: float = 40.0) -> Dict[str, Any]:
    return entity(
        id,
        {"item": "T1.01", "answer": t101},
        {"item": "T1.02", "answer": t102},
        {"item": "T2.m1", "value": share},
    )


def test_the_package_imports_without_pandas_and_polars() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None; sys.modules['polars'] = None\n"
        "import openness\n"
        "c = openness.charter()\n"
        "print(c.id)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "political-openness-charter"


def test_the_version_is_the_engines() -> None:
    assert openness.__version__ == openness._native.__version__
    assert openness._native.ENGINE.endswith(openness.__version__)


def test_charter_versions_and_unknown_version() -> None:
    versions = openness.charter_versions()
    assert "1.0.0" in versions
    assert openness.charter().version == versions[-1]
    assert openness.charter("1.0.0").id == "political-openness-charter"
    with pytest.raises(openness.UnknownSpecError, match="0.9.0") as caught:
        openness.charter("0.9.0")
    assert isinstance(caught.value, LookupError)


def test_spec_exposes_its_tree_and_labels_in_three_languages(spec: openness.Spec) -> None:
    assert spec.languages == ["ar", "fr", "en"]
    assert spec.title["ar"] == "Test index (ar)"
    assert [level["id"] for level in spec.levels] == ["index", "dimension", "indicator"]
    assert [node["id"] for node in spec.nodes(level="indicator")] == ["T1", "T2"]
    t1 = spec.nodes(level="indicator")[0]
    assert t1["parent"] == "T" and t1["depth"] == 2 and t1["name"]["fr"] == "Finances (fr)"
    items = {item["id"]: item for item in spec.items()}
    assert items["T1.01"]["kind"] == "element" and items["T1.01"]["node"] == "T1"
    assert items["T2.m1"]["kind"] == "measure"
    assert items["T1.02"]["text"]["en"] == "Donors listed?"


def test_spec_as_dataframes(spec: openness.Spec) -> None:
    pytest.importorskip("pandas")
    frame = spec.to_pandas("items")
    assert list(frame["id"]) == ["T1.01", "T1.02", "T2.m1"]
    assert {"text_ar", "text_fr", "text_en"} <= set(frame.columns)
    pl = pytest.importorskip("polars")
    nodes = spec.to_polars("nodes")
    assert isinstance(nodes, pl.DataFrame)
    assert nodes["name_en"].to_list() == ["Index", "Transparency", "Finances", "Turnout"]


def test_spec_from_json_load_and_dict_agree(spec_dict: Dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec_dict), encoding="utf-8")
    loaded = openness.Spec.load(path)
    from_text = openness.Spec.from_json(path.read_text(encoding="utf-8"))
    assert loaded == from_text
    assert loaded.sha256 == from_text.sha256
    assert openness.Spec.from_dict(spec_dict).to_dict()["id"] == "test-index"


def test_broken_spec_raises_spec_error_with_issues(spec_dict: Dict[str, Any]) -> None:
    spec_dict["root"]["children"][0]["children"][0]["elements"][1]["id"] = "T1.01"
    with pytest.raises(openness.SpecError) as caught:
        openness.Spec.from_dict(spec_dict)
    error = caught.value
    assert isinstance(error, ValueError) and isinstance(error, openness.OpennessError)
    assert error.issues[0].code == "spec-duplicate-id"
    assert error.issues[0].severity == "error"


def test_score_from_dict_json_text_and_files(spec: openness.Spec, tmp_path: Path) -> None:
    data = assessment(full("p1"), full("p2", t101="partial"))
    from_dict = spec.score(data).to_dicts()
    from_text = spec.score(json.dumps(data)).to_dicts()
    json_path = tmp_path / "data.json"
    json_path.write_text(json.dumps(data), encoding="utf-8")
    from_path = spec.score(json_path).to_dicts()
    from_str_path = spec.score(str(json_path)).to_dicts()
    assert from_dict == from_text == from_path == from_str_path
    csv_path = tmp_path / "data.csv"
    csv_path.write_text(openness.Assessment.from_dict(data).to_csv()[0], encoding="utf-8")
    assert spec.score(csv_path).to_dicts() == from_dict


def test_index_scores_ranks_and_tiers(spec: openness.Spec) -> None:
    results = spec.score(assessment(full("p1"), full("p2", t101="partial", share=10)))
    rows = results.ranking()
    assert [row["entity"] for row in rows] == ["p1", "p2"]
    # p1: T1 = (100 + 0) / 2 = 50, T2 = 40, index = 45; p2: T1 = 25, T2 = 10, index = 17.5.
    assert rows[0]["score"] == 45.0 and rows[0]["rank"] == 1 and rows[0]["tier"] == "closed"
    assert rows[1]["score"] == 17.5 and rows[1]["rounded"] == 17.5
    assert rows[0]["name_ar"] == "P1 (ar)"
    assert len(results) == 2 and results.cycle == 2026


def test_rounding_is_half_away_from_zero_not_pythons(spec: openness.Spec) -> None:
    assert spec.round(0.25) == 0.3  # Python's round(0.25, 1) is 0.2
    assert spec.round(-0.25) == -0.3
    assert spec.format(2.0) == "2.0"
    charter = openness.charter()
    assert charter.round(2.5) == 3.0 and round(2.5) == 2
    assert charter.round(12.5) == 13.0


def test_ranks_skip_missing_scores(spec: openness.Spec) -> None:
    na = {"item": "T1.01", "answer": "not_applicable"}
    data = assessment(
        entity(
            "gone",
            na,
            {"item": "T1.02", "answer": "not_applicable"},
            {"item": "T2.m1", "answer": "not_applicable"},
        ),
        entity("high", {"item": "T2.m1", "value": 0.9}),
        entity("low", {"item": "T2.m1", "value": 0.8}),
    )
    results = spec.score(data, aliases={})
    by_entity = {row["entity"]: row for row in results.to_dicts()}
    assert [by_entity[e]["rank"] for e in ("gone", "high", "low")] == [None, 1, 2]
    assert by_entity["gone"]["score"] is None
    assert by_entity["gone"]["status"] == "notScored"
    document = results.to_document()
    assert document["entities"][-1]["score"] is None
    assert "NaN" not in results.to_json()


def test_missing_scores_in_dataframes(spec: openness.Spec) -> None:
    pd = pytest.importorskip("pandas")
    data = assessment(
        entity("gone", {"item": "T2.m1", "answer": "not_applicable"}),
        entity("high", {"item": "T2.m1", "value": 0.9}),
    )
    results = spec.score(data)
    frame = results.to_pandas()
    assert str(frame["score"].dtype) == "float64"
    assert math.isnan(frame["score"].iloc[1]) and frame["status"].iloc[1] == "notScored"
    assert str(frame["rank"].dtype) == "Int64" and frame["rank"].iloc[1] is pd.NA
    pl = pytest.importorskip("polars")
    polars_frame = results.to_polars()
    assert polars_frame["score"].to_list() == [0.9, None]
    assert polars_frame["score"].dtype == pl.Float64


def test_levels(spec: openness.Spec) -> None:
    results = spec.score(assessment(full("p1"), full("p2", t102="yes")))
    indicators = results.to_dicts("indicator")
    assert [(row["entity"], row["node"]) for row in indicators] == [
        ("p2", "T1"),
        ("p2", "T2"),
        ("p1", "T1"),
        ("p1", "T2"),
    ]
    assert indicators[0]["score"] == 100.0 and indicators[0]["rank"] == 1
    assert {row["node"] for row in results.to_dicts("dimension")} == {"T"}
    assert len(results.to_dicts("node")) == 2 * 4
    items = results.to_dicts("item")
    assert {
        "entity": "p1",
        "item": "T2.m1",
        "unit": None,
        "answer": None,
        "value": 40.0,
        "points": 40.0,
        "status": "scored",
    } in items
    assert {row["item"] for row in results.to_dicts("element")} == {"T1.01", "T1.02"}
    assert {row["item"] for row in results.to_dicts("measure")} == {"T2.m1"}
    with pytest.raises(ValueError, match="levels are: index, index, dimension, indicator"):
        results.to_dicts("pillar")


def test_explain(spec: openness.Spec) -> None:
    results = spec.score(assessment(full("p1"), full("p2")))
    explanation = results.explain("p1")
    assert explanation.entity == "p1" and explanation.score["value"] == 45.0
    contributions = {(c["node"], c["input"]): c for c in explanation.contributions}
    assert contributions[("index", "T1")]["share"] == 0.5
    assert explanation.improvements[0]["item"] in ("T1.02", "T2.m1")
    with pytest.raises(openness.UnknownEntityError, match="p1"):
        results.explain("p11")
    pytest.importorskip("pandas")
    assert "gain" in explanation.to_pandas("improvements").columns


def test_reweighting(spec: openness.Spec) -> None:
    data = assessment(full("p1"), full("p2", t101="no", share=90))
    heavier = spec.with_weights({"T2": 3})
    assert heavier.version == "1.0.0+reweighted" and spec.version == "1.0.0"
    before = {r["entity"]: r["score"] for r in spec.score(data).to_dicts()}
    after = {r["entity"]: r["score"] for r in heavier.score(data).to_dicts()}
    assert before == {"p1": 45.0, "p2": 45.0}
    # The index is the mean of the indicators: p1 (50 + 3 × 40) / 4, p2 (0 + 3 × 90) / 4.
    assert after == {"p1": 42.5, "p2": 67.5}
    with pytest.raises(openness.SpecError) as caught:
        spec.with_weights({"T9": 1})
    assert caught.value.issues[0].code == "spec-unknown-reference"
    with pytest.raises(openness.SpecError, match="never used"):
        spec.with_weights({"T1.01": 2})  # T1 gives its elements equal weights


def test_validation_error_carries_issues(spec: openness.Spec) -> None:
    data = assessment(
        entity("p1", {"item": "T1.01", "answer": "yess"}, {"item": "T1.02", "answer": "maybe"})
    )
    with pytest.raises(openness.ValidationError) as caught:
        spec.score(data)
    error = caught.value
    assert isinstance(error, ValueError)
    first = error.issues[0]
    assert (first.code, first.severity, first.value) == ("answer-not-on-scale", "error", "yess")
    assert first.pointer == "/entities/0/responses/0/answer" and first.file == "dict"
    assert "did you mean" in (first.hint or "")
    assert first.location == "dict: /entities/0/responses/0/answer"
    message = str(error)
    assert message.startswith("invalid assessment: 2 error(s)")
    assert "yess" in message and "maybe" in message
    report = spec.validate(data)
    assert not report.ok and len(report.errors) == 2
    assert report.to_dicts()[0]["code"] == "answer-not-on-scale"


def test_validate_returns_warnings_without_raising(spec: openness.Spec) -> None:
    report = spec.validate(assessment(entity("p1", {"item": "T1.01", "answer": "yes"})))
    assert report.ok
    assert any(issue.code == "unanswered" for issue in report.warnings)


def test_validate_reports_unreadable_data_without_raising(spec: openness.Spec) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"party": ["p1"], "Item": ["T1.01"], "Answer": ["yes"]})
    report = spec.validate(frame)
    assert [issue.code for issue in report.errors] == ["missing-field"]
    assert "entity_name_<language>" in (report.errors[0].hint or "")
    hints = {issue.value: issue.hint for issue in report.warnings}
    assert hints["Item"] == "did you mean `item`?"
    assert hints["Answer"] == "did you mean `answer`?"
    broken = spec.validate(['{"entities": [', frame])
    assert [issue.code for issue in broken.errors] == ["syntax", "missing-field"]
    with pytest.raises(openness.ValidationError):
        spec.score(frame)


def test_today_checks_evidence_dates(spec: openness.Spec) -> None:
    response = {"item": "T1.01", "answer": "yes", "evidence": {"checked": "2026-06-01"}}
    data = assessment(entity("p1", response))
    assert spec.validate(data, today="2026-12-31").ok
    future = spec.validate(data, today="2026-01-01")
    assert [issue.code for issue in future.errors] == ["future-date"]
    import datetime

    assert not spec.validate(data, today=datetime.date(2026, 1, 1)).ok
    assert spec.validate(data, today=False).ok
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        spec.validate(data, today="tomorrow")


def test_aliases(spec: openness.Spec) -> None:
    first = assessment(entity("p1", {"item": "T1.01", "answer": "yes"}))
    old = entity("old-p1", {"item": "T1.02", "answer": "yes"})
    old["name"] = first["entities"][0]["name"]
    second = assessment(old)
    results = spec.score([first, second], aliases={"old-p1": "p1"})
    assert len(results) == 1


def test_nan_and_infinity_in_a_dict_are_refused_with_their_place(spec: openness.Spec) -> None:
    data = assessment(entity("p1", {"item": "T2.m1", "value": float("nan")}))
    with pytest.raises(openness.ValidationError) as caught:
        spec.score(data)
    issue = caught.value.issues[0]
    assert issue.code == "not-finite" and issue.value == "NaN"
    assert issue.line is not None
    data = assessment(entity("p1", {"item": "T2.m1", "value": float("inf")}))
    with pytest.raises(openness.ValidationError, match="Infinity"):
        spec.score(data)


def test_wrong_data_types_get_a_clear_error(spec: openness.Spec) -> None:
    with pytest.raises(TypeError, match="a path to a JSON or CSV file, a dict"):
        spec.score(42)
    with pytest.raises(openness.FileError, match="no-such-file.json"):
        spec.score("no-such-file.json")


def test_repr_and_html(spec: openness.Spec) -> None:
    data = assessment(full("p1"), entity("<b>", {"item": "T2.m1", "value": 60}))
    results = spec.score(data)
    assert repr(results) == "<Results test-index 1.0.0: 2 entities>"
    page = results._repr_html_()
    assert "&lt;b&gt;" in page and "<b>" not in page
    assert "open" in page and "closed" in page and "45.0" in page


def test_a_panic_becomes_an_internal_error() -> None:
    with pytest.raises(openness.InternalError, match="internal error in the engine: boom"):
        openness._native._panic("boom")


def test_assessment_round_trips(spec: openness.Spec) -> None:
    data = assessment(full("p1"))
    loaded = openness.Assessment.from_dict(data)
    assert len(loaded) == 1 and loaded.name == "dict" and len(loaded.sha256) == 64
    assert loaded.to_dict()["entities"][0]["id"] == "p1"
    text, left_out = loaded.to_csv()
    assert text.splitlines()[0].startswith("spec,spec_version,cycle,entity")
    assert left_out == []
    assert spec.score(loaded).to_dicts() == spec.score(data).to_dicts()


def test_missing_optional_dependencies_say_how_to_install_them(spec: openness.Spec) -> None:
    code = (
        "import sys; sys.modules['pandas'] = None; sys.modules['numpy'] = None\n"
        "import json, openness\n"
        "spec = openness.Spec.from_json(sys.argv[1])\n"
        "data = {'entities': [{'id': 'p1', 'responses': [{'item': 'T1.01', 'answer': 'yes'}]}]}\n"
        "results = spec.score(data)\n"
        "try:\n"
        "    results.to_pandas()\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, spec.to_json()], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "pip install" in done.stdout
