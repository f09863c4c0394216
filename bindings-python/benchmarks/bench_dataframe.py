"""Scores a long DataFrame of synthetic charter data through the binding, and the same
methodology written in idiomatic pandas (merge, map, groupby) as the baseline a researcher
would otherwise write; checks that both give the same scores and prints the timings.

    python bindings-python/benchmarks/bench_dataframe.py [--rows 1000000] [--repeat 3]

Not a test: timings depend on the machine. Results are recorded in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import platform
import time
from typing import Any, Callable, Dict, List, Tuple

import numpy as np
import pandas as pd

import openness

TODAY = "2026-12-03"


def synthetic(charter: openness.Spec, rows: int, seed: int = 42) -> pd.DataFrame:
    """A long DataFrame of invented parties: every item of the charter for each, answers drawn
    around each party's own level of openness, measures inside their goalposts, and the
    evidence the charter's rules ask for."""
    definition = charter.to_dict()
    items = charter.items()
    goalposts = measure_goalposts(definition)
    parties = -(-rows // len(items))
    rng = np.random.default_rng(seed)

    item_ids = np.tile(np.array([item["id"] for item in items], dtype=object), parties)
    is_measure = np.tile(np.array([item["kind"] == "measure" for item in items]), parties)
    entity = np.repeat(
        np.array([f"party-{i:05d}" for i in range(parties)], dtype=object), len(items)
    )
    openness_level = np.repeat(rng.random(parties), len(items))

    draw = rng.random(len(item_ids))
    others = np.array(["partial", "no", "no_evidence"], dtype=object)
    answer = np.where(draw < openness_level, "yes", others[rng.integers(0, 3, len(item_ids))])
    answer = np.where(draw < 0.04, "not_applicable", answer).astype(object)
    answer[is_measure] = None

    value = np.full(len(item_ids), np.nan)
    for measure, points in goalposts.items():
        where = item_ids == measure
        low, high = points[0][0], points[-1][0]
        value[where] = np.round(low + (high - low) * rng.random(where.sum()), 2)

    described = np.isin(answer, ["yes", "partial", "no"]) | is_measure
    frame = pd.DataFrame(
        {
            "entity": entity,
            "item": item_ids,
            "answer": answer,
            "value": value,
            "evidence_urls": np.where(described, "https://example.org/evidence", None),
            "archived_url": np.where(
                np.isin(answer, ["yes", "partial"]), "https://web.archive.org/evidence", None
            ),
            "checked": np.where(answer == "not_applicable", None, "2026-03-15"),
            "note": np.where(
                np.isin(answer, ["no_evidence", "not_applicable"]), "searched the site", None
            ),
            "coder": "volunteer",
            "reviewer": "reviewer",
        }
    )
    return frame.iloc[:rows].reset_index(drop=True)


def measure_goalposts(definition: Dict[str, Any]) -> Dict[str, List[Tuple[float, float]]]:
    found: Dict[str, List[Tuple[float, float]]] = {}
    for node in walk(definition["root"]):
        for measure in node.get("measures", []):
            points = measure["normalisation"]["points"]
            found[measure["id"]] = [(p["value"], p["points"]) for p in points]
    return found


def walk(node: Dict[str, Any]) -> Any:
    yield node
    for child in node.get("children", []):
        yield from walk(child)


def with_binding(charter: openness.Spec, frame: pd.DataFrame) -> pd.DataFrame:
    """The researcher's code with the package: one call, one table."""
    return charter.score(frame, today=TODAY).to_pandas()


def phases(charter: openness.Spec, frame: pd.DataFrame) -> Dict[str, float]:
    """Where the binding's time goes, step by step (private entry points, for profiling)."""
    from openness import _frames, _native

    seconds = {}
    start = time.perf_counter()
    names, columns, rows = _frames.columns_of(frame)
    seconds["DataFrame to columns (Python)"] = time.perf_counter() - start
    start = time.perf_counter()
    data = _native.Assessment.from_columns(names, columns, rows, "DataFrame", ".")
    seconds["columns to a table, with its SHA-256 (Rust)"] = time.perf_counter() - start
    start = time.perf_counter()
    results = charter._native.score([data], TODAY, [], False, False)
    seconds["validate and score (Rust)"] = time.perf_counter() - start
    start = time.perf_counter()
    _frames.to_pandas(results.table("index"))
    seconds["results to pandas"] = time.perf_counter() - start
    return seconds


def with_pandas(definition: Dict[str, Any], frame: pd.DataFrame) -> pd.DataFrame:
    """The charter's methodology in pandas, as a researcher would write it: points by answer,
    reversed elements, gates, goalposts, means of the indicators skipping missing and
    not-applicable inputs, the index over indicators with its minimum of scored indicators,
    and ranks on scores quantised to the tie precision. (Validation is not reproduced.)"""
    scale = next(s for s in definition["scales"] if s["id"] == definition["defaultScale"])
    points_of = {o["code"]: o.get("points", np.nan) for o in scale["options"]}
    scored = [p for p in points_of.values() if not np.isnan(p)]
    lowest, highest = min(scored), max(scored)

    rows = []
    weights = {}
    for dimension in definition["root"]["children"]:
        for indicator in dimension["children"]:
            weights[indicator["id"]] = indicator.get("weight", 1)
            for element in indicator.get("elements", []):
                gate = element.get("gate") or {}
                rows.append(
                    {
                        "item": element["id"],
                        "indicator": indicator["id"],
                        "reversed": element.get("reversed", False),
                        "gate": gate.get("element"),
                        "closed_by": tuple(gate.get("closedBy", ())),
                    }
                )
            for measure in indicator.get("measures", []):
                rows.append(
                    {
                        "item": measure["id"],
                        "indicator": indicator["id"],
                        "reversed": False,
                        "gate": None,
                        "closed_by": (),
                    }
                )
    items = pd.DataFrame(rows)

    data = frame.merge(items, on="item", how="inner")
    data["points"] = data["answer"].map(points_of)
    data.loc[data["reversed"], "points"] = highest + lowest - data["points"]

    gates = data.loc[data["item"].isin(items["gate"].dropna()), ["entity", "item", "answer"]]
    gates = gates.rename(columns={"item": "gate", "answer": "gate_answer"})
    closers = items[["item", "closed_by"]].explode("closed_by").dropna()
    closers = closers.rename(columns={"closed_by": "gate_answer"}).assign(closed=True)
    data = data.merge(gates, on=["entity", "gate"], how="left")
    data = data.merge(closers, on=["item", "gate_answer"], how="left")
    data.loc[data["closed"].eq(True), "points"] = lowest

    for measure, posts in measure_goalposts(definition).items():
        where = data["item"] == measure
        data.loc[where, "points"] = goalposts(data.loc[where, "value"].to_numpy(), posts)

    indicators = data.groupby(["entity", "indicator"])["points"].mean().rename("score")
    indicators = indicators.reset_index()
    indicators["weight"] = indicators["indicator"].map(weights)
    indicators = indicators.dropna(subset=["score"])
    indicators["weighted"] = indicators["score"] * indicators["weight"]
    index = indicators.groupby("entity").agg(
        weighted=("weighted", "sum"), weight=("weight", "sum"), scored=("score", "size")
    )
    index["score"] = index["weighted"] / index["weight"]
    minimum = definition["root"].get("minScored", 0)
    index.loc[index["scored"] < minimum, "score"] = np.nan
    quantised = (index["score"] * 1e9).round()
    index["rank"] = quantised.rank(method="min", ascending=False).astype("Int64")
    return index.reset_index()[["entity", "score", "rank"]]


def goalposts(values: np.ndarray, posts: List[Tuple[float, float]]) -> np.ndarray:
    """Piecewise-linear points between goalposts, clamped, computed as the engine does."""
    result = np.full(values.shape, np.nan)
    result[values <= posts[0][0]] = posts[0][1]
    result[values >= posts[-1][0]] = posts[-1][1]
    for (low_value, low_points), (high_value, high_points) in zip(posts, posts[1:]):
        inside = (values > low_value) & (values <= high_value) & (values < posts[-1][0])
        share = (values[inside] - low_value) / (high_value - low_value)
        result[inside] = low_points + share * (high_points - low_points)
    return result


def timed(function: Callable[[], Any], repeat: int) -> Tuple[Any, float]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return result, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()

    charter = openness.charter()
    definition = charter.to_dict()
    frame = synthetic(charter, arguments.rows)
    print(
        f"openness {openness.__version__}, pandas {pd.__version__}, numpy {np.__version__}, "
        f"Python {platform.python_version()}, {platform.machine()}"
    )
    print(
        f"{len(frame):,} rows, {frame['entity'].nunique():,} parties, "
        f"{frame['item'].nunique()} items"
    )

    ours, binding_seconds = timed(lambda: with_binding(charter, frame), arguments.repeat)
    theirs, pandas_seconds = timed(lambda: with_pandas(definition, frame), arguments.repeat)

    merged = ours.merge(theirs, on="entity", suffixes=("", "_pandas"), validate="one_to_one")
    assert len(merged) == len(ours) == len(theirs)
    scores, expected = merged["score"].to_numpy(), merged["score_pandas"].to_numpy()
    assert np.array_equal(np.isnan(scores), np.isnan(expected)), "different missing scores"
    difference = np.nanmax(np.abs(scores - expected))
    identical = np.array_equal(scores, expected, equal_nan=True)
    assert difference <= 1e-9, f"scores differ by up to {difference}"
    assert merged["rank"].equals(merged["rank_pandas"]), "different ranks"

    print(f"binding (validate, score, rank, to_pandas): {binding_seconds:.3f} s")
    print(f"pandas baseline (score and rank only):      {pandas_seconds:.3f} s")
    for step, seconds in phases(charter, frame).items():
        print(f"  {step}: {seconds:.3f} s")
    print(
        f"speed-up: {pandas_seconds / binding_seconds:.1f}x; scores "
        + ("identical" if identical else f"equal within {difference:.1e}")
        + "; ranks identical"
    )


if __name__ == "__main__":
    main()
