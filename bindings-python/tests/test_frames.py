"""Long DataFrames in, pandas and polars alike: missing values, dtypes, wrong shapes."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest

import openness
from conftest import assessment, entity

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")


def rows() -> List[Dict[str, Any]]:
    """Three parties of the test index as long rows."""
    table = []
    for party, (t101, t102, share) in {
        "p1": ("yes", "no", 40.0),
        "p2": ("partial", "yes", 61.5),
        "p3": ("no", "no", 12.25),
    }.items():
        table.append({"entity": party, "item": "T1.01", "answer": t101, "value": None})
        table.append({"entity": party, "item": "T1.02", "answer": t102, "value": None})
        table.append({"entity": party, "item": "T2.m1", "answer": None, "value": share})
    return table


def scores(results: openness.Results) -> Dict[str, Any]:
    return {row["entity"]: row["score"] for row in results.to_dicts()}


def expected(spec: openness.Spec) -> Dict[str, Any]:
    """The same data as a dict, scored through JSON."""
    parties: Dict[str, List[Dict[str, Any]]] = {}
    for row in rows():
        response = {"item": row["item"]}
        response.update({"answer": row["answer"]} if row["answer"] else {"value": row["value"]})
        parties.setdefault(row["entity"], []).append(response)
    data = assessment(*(entity(party, *responses) for party, responses in parties.items()))
    return scores(spec.score(data))


def test_a_pandas_frame_scores_as_its_json(spec: openness.Spec) -> None:
    frame = pd.DataFrame(rows())
    assert scores(spec.score(frame)) == expected(spec)


def test_nan_none_and_na_are_missing_never_zero(spec: openness.Spec) -> None:
    frame = pd.DataFrame(rows())
    frame["value"] = frame["value"].astype("Float64")  # nullable: pd.NA where missing
    assert frame["value"].isna().sum() == 6
    assert scores(spec.score(frame)) == expected(spec)
    frame = pd.DataFrame(rows())
    frame["answer"] = frame["answer"].astype(object).where(frame["answer"].notna(), np.nan)
    assert scores(spec.score(frame)) == expected(spec)
    # A measure row whose value is missing is an unanswered response, reported, not a 0.
    frame.loc[2, "value"] = np.nan
    with pytest.raises(openness.ValidationError) as caught:
        spec.score(frame)
    issue = caught.value.report.errors[0]
    assert issue.code == "answer-or-value" and issue.line == 3 and issue.file == "DataFrame"


def test_float32_values_are_widened_exactly(spec: openness.Spec) -> None:
    frame = pd.DataFrame(rows())
    frame["value"] = frame["value"].astype("float32")
    results = spec.score(frame)
    values = {(r["entity"], r["item"]): r["value"] for r in results.to_dicts("item")}
    assert values[("p1", "T2.m1")] == float(np.float32(40.0))
    # 61.5 and 12.25 are exact in float32; an inexact one widens to its float32 value, not
    # to the decimal it was typed as.
    frame.loc[2, "value"] = np.float32(41.22372)
    widened = spec.score(frame).to_dicts("item")
    found = next(r["value"] for r in widened if (r["entity"], r["item"]) == ("p1", "T2.m1"))
    assert found == float(np.float32(41.22372)) and found != 41.22372


def test_categorical_columns(spec: openness.Spec) -> None:
    frame = pd.DataFrame(rows())
    for column in ("entity", "item", "answer"):
        frame[column] = frame[column].astype("category")
    assert scores(spec.score(frame)) == expected(spec)


def test_entity_in_the_index(spec: openness.Spec) -> None:
    frame = pd.DataFrame(rows()).set_index("entity")
    assert scores(spec.score(frame)) == expected(spec)


def test_arabic_indic_digits_in_text_cells(spec: openness.Spec) -> None:
    frame = pd.DataFrame(rows())
    frame["value"] = frame["value"].astype(object)
    frame.loc[2, "value"] = "٤١٫٢٢٣٧٢"
    results = spec.score(frame)
    items = {(r["entity"], r["item"]): r["value"] for r in results.to_dicts("item")}
    assert items[("p1", "T2.m1")] == 41.22372


def test_decimal_comma_in_text_cells(spec: openness.Spec) -> None:
    frame = pd.DataFrame(rows())
    frame["value"] = frame["value"].astype(object)
    frame.loc[2, "value"] = "9,99"
    with pytest.raises(openness.ValidationError) as caught:
        spec.score(frame)
    assert caught.value.report.errors[0].code == "not-a-number"
    results = spec.score(frame, decimal=",")
    items = {(r["entity"], r["item"]): r["value"] for r in results.to_dicts("item")}
    assert items[("p1", "T2.m1")] == 9.99


@pytest.mark.parametrize("bad", [float("inf"), float("-inf"), "NaN", "inf"])
def test_nan_and_infinity_are_refused_with_their_row(spec: openness.Spec, bad: Any) -> None:
    frame = pd.DataFrame(rows())
    if isinstance(bad, str):
        frame["value"] = frame["value"].astype(object)
    frame.loc[5, "value"] = bad
    with pytest.raises(openness.ValidationError) as caught:
        spec.score(frame)
    issue = caught.value.report.errors[0]
    assert issue.code == "not-finite"
    assert (issue.line, issue.column, issue.entity) == (6, "value", "p2")


def test_integer_ids_beyond_two_to_the_53_are_refused(spec: openness.Spec) -> None:
    frame = pd.DataFrame(rows())
    frame["entity"] = frame["entity"].map({"p1": 1, "p2": 2, "p3": 2**53 + 1}).astype("int64")
    with pytest.raises(openness.ValidationError) as caught:
        spec.score(frame)
    errors = [issue for issue in caught.value.issues if issue.is_error]
    assert [(e.code, e.line, e.value) for e in errors] == [("invalid-id", 7, str(2**53 + 1))]
    small = frame[frame["entity"] != 2**53 + 1]
    assert set(scores(spec.score(small))) == {"1", "2"}  # read as text, with a warning


def test_a_frame_without_an_entity_column(spec: openness.Spec) -> None:
    frame = pd.DataFrame(rows()).rename(columns={"entity": "party"})
    with pytest.raises(openness.ValidationError, match="no `entity` column") as caught:
        spec.score(frame)
    assert "entity, " in (caught.value.issues[0].hint or "")


def test_a_csv_note_read_as_the_header_is_explained() -> None:
    # pandas reads the file's note (its first line, starting with #) as the header unless told
    # to skip it; the error says so, and skipping it scores as the file does.
    demo = Path(__file__).resolve().parents[2] / "examples" / "data" / "demo-2026.csv"
    charter = openness.charter("1.0.0")
    with pytest.raises(openness.ValidationError, match="no `entity` column") as caught:
        charter.score(pd.read_csv(demo))
    assert "skiprows=1" in (caught.value.issues[0].hint or "")
    from_frame = charter.score(pd.read_csv(demo, skiprows=1), today="2026-12-03")
    from_file = charter.score(demo, today="2026-12-03")
    assert from_frame.to_dicts() == from_file.to_dicts()


def test_a_wide_frame_is_refused_clearly(spec: openness.Spec) -> None:
    wide = pd.DataFrame({"entity": ["p1", "p2"], "T1.01": ["yes", "no"], "T1.02": ["no", "no"]})
    with pytest.raises(openness.ValidationError, match="wide") as caught:
        spec.score(wide)
    first = caught.value.report.errors[0]
    assert first.code == "unknown-field" and "T1.01, T1.02" in first.message
    assert "melt" in (first.hint or "")
    unknown = [issue for issue in caught.value.report.warnings if issue.code == "unknown-field"]
    assert [issue.column for issue in unknown] == ["T1.01", "T1.02"]  # once per column


def test_unknown_columns_are_reported_once(spec: openness.Spec) -> None:
    frame = pd.DataFrame(rows())
    frame["remark"] = "checked twice"
    report = spec.validate(frame)
    assert report.ok
    assert [issue.column for issue in report if issue.code == "unknown-field"] == ["remark"]


def test_column_names_must_be_text(spec: openness.Spec) -> None:
    with pytest.raises(TypeError, match="column names must be text"):
        spec.score(pd.DataFrame({0: ["p1"], 1: ["T1.01"]}))


def test_cells_of_other_types_are_refused(spec: openness.Spec) -> None:
    frame = pd.DataFrame(rows())
    frame["note"] = [object()] * len(frame)
    with pytest.raises(TypeError, match="column `note` holds"):
        spec.score(frame)


def test_checked_dates_from_a_datetime_column(spec: openness.Spec) -> None:
    frame = pd.DataFrame(rows())
    frame["checked"] = pd.to_datetime("2026-06-01")
    assert spec.validate(frame, today="2026-12-31").ok
    assert [i.code for i in spec.validate(frame, today="2026-01-01").errors][0] == "future-date"


def test_polars_frames_score_as_pandas_ones(spec: openness.Spec) -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame(rows())
    assert scores(spec.score(frame)) == expected(spec)
    assert scores(spec.score(frame.lazy())) == expected(spec)
    categorical = frame.with_columns(pl.col("entity").cast(pl.Categorical))
    assert scores(spec.score(categorical)) == expected(spec)
    float32 = frame.with_columns(pl.col("value").cast(pl.Float32))
    assert scores(spec.score(float32)) == expected(spec)
    with_null = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 2).then(None).otherwise(pl.col("value")).alias("value")
    )
    with pytest.raises(openness.ValidationError) as caught:
        spec.score(with_null)
    assert caught.value.report.errors[0].line == 3
