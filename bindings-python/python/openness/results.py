"""Results of scoring: every entity's scores, ranks and tiers, as tables and documents."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from . import _frames, _native
from ._frames import require
from .errors import Report, _issue

if TYPE_CHECKING:
    from .spec import Spec

__all__ = ["Explanation", "Results"]


class Results:
    """Scores of every entity under one spec.

    Tables come one level of the tree at a time: ``"index"`` (one row per entity: rank, name,
    score, tier), a level of the spec (``"dimension"``, ``"indicator"`` …), ``"node"`` (every
    node), ``"group"``, or ``"item"`` (every element and measure with its answer and points;
    ``"element"`` or ``"measure"`` for one kind).
    Rows are in ranking order; scores are unrounded float64, with ``rounded`` beside them,
    rounded for display by the engine (half away from zero), never by Python's ``round``.

    A missing score is ``None`` in :meth:`to_dicts` and :meth:`to_json`, null in polars and
    NaN in pandas (whose float64 columns have no other missing value), always with a
    ``status`` saying why: ``notScored`` or ``insufficientData``.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Results) -> None:
        self._native = native

    @property
    def spec(self) -> Spec:
        """The spec the results were computed with."""
        from .spec import Spec

        return Spec(self._native.spec)

    @property
    def cycle(self) -> Optional[int]:
        """The assessment cycle (year), when the data names one."""
        return self._native.cycle

    @property
    def warnings(self) -> Report:
        """Warnings from validation and scoring."""
        return Report([_issue(record) for record in self._native.warnings()])

    def __len__(self) -> int:
        """Number of entities."""
        return len(self._native)

    def to_dicts(self, level: str = "index") -> List[Dict[str, Any]]:
        """The rows of one level (see the class documentation) as dicts; missing is ``None``."""
        columns = self._native.table(level)
        names = list(columns)
        return [dict(zip(names, row)) for row in zip(*columns.values())]

    def to_pandas(self, level: str = "index") -> Any:
        """The rows of one level as a pandas DataFrame (missing scores are NaN)."""
        return _frames.to_pandas(self._native.table(level))

    def to_polars(self, level: str = "index") -> Any:
        """The rows of one level as a polars DataFrame (missing scores are null)."""
        return _frames.to_polars(self._native.table(level))

    def to_json(self) -> str:
        """The results document as JSON (schema ``spec/schema/results.schema.json``): every
        entity, node, group, item and commitment, with provenance and warnings."""
        return self._native.to_json()

    def to_document(self) -> Dict[str, Any]:
        """The results document (as :meth:`to_json`) as a dict."""
        document: Dict[str, Any] = json.loads(self._native.to_json())
        return document

    def ranking(self) -> List[Dict[str, Any]]:
        """Entities by rank, best first, ties sharing a rank, unranked last (rank ``None``):
        the rows of the ``"index"`` level."""
        return self.to_dicts("index")

    def explain(self, entity: str) -> Explanation:
        """Why an entity has its score: what each input contributes, and which unmet items
        would raise the index most. Raises :class:`~openness.UnknownEntityError` (with a
        suggestion) for an id not in the results."""
        return Explanation(json.loads(self._native.explain(entity)))

    def __repr__(self) -> str:
        spec = self._native.spec
        return f"<Results {spec.id} {spec.version}: {len(self)} entities>"

    def _repr_html_(self) -> str:
        rows = self.to_dicts("index")
        spec = self._native.spec
        # English when the spec has it (notebooks are mostly read in it), else its first language.
        language = "en" if "en" in spec.languages or not spec.languages else spec.languages[0]
        head = "".join(f"<th>{name}</th>" for name in ("rank", "entity", "name", "score", "tier"))
        body = []
        for row in rows:
            shown = spec.format(row["score"]) if row["score"] is not None else row["status"]
            cells = (
                "–" if row["rank"] is None else row["rank"],
                row["entity"],
                row.get(f"name_{language}") or "",
                shown,
                row["tier"] or "",
            )
            tds = "".join(f'<td dir="auto">{html.escape(str(cell))}</td>' for cell in cells)
            body.append(f"<tr>{tds}</tr>")
        caption = html.escape(f"{spec.id} {spec.version}: {len(rows)} entities")
        return (
            f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
        )


class Explanation:
    """How an entity's score comes about.

    ``score`` is the index score (value, rounded, status, coverage, rank, tier);
    ``contributions`` lists every input of every node with its weight, its ``share`` of the
    scored weight and the ``points`` it adds (for arithmetic means); ``improvements`` lists the
    items that would raise the index if they reached their best answer, the largest ``gain``
    first.
    """

    __slots__ = ("contributions", "entity", "improvements", "score")

    def __init__(self, document: Dict[str, Any]) -> None:
        self.entity: str = document["entity"]
        self.score: Dict[str, Any] = document["score"]
        self.contributions: List[Dict[str, Any]] = document["contributions"]
        self.improvements: List[Dict[str, Any]] = document["improvements"]

    def to_dict(self) -> Dict[str, Any]:
        """The explanation as a dict."""
        return {
            "entity": self.entity,
            "score": self.score,
            "contributions": self.contributions,
            "improvements": self.improvements,
        }

    def to_pandas(self, part: str = "contributions") -> Any:
        """The ``contributions`` or ``improvements`` as a pandas DataFrame."""
        pd = require("pandas")

        return pd.DataFrame(self._part(part))

    def to_polars(self, part: str = "contributions") -> Any:
        """The ``contributions`` or ``improvements`` as a polars DataFrame."""
        pl = require("polars")

        return pl.DataFrame(self._part(part), infer_schema_length=None)

    def _part(self, part: str) -> List[Dict[str, Any]]:
        if part not in ("contributions", "improvements"):
            raise ValueError(f'part must be "contributions" or "improvements", not {part!r}')
        rows: List[Dict[str, Any]] = getattr(self, part)
        return rows

    def __repr__(self) -> str:
        return (
            f"<Explanation {self.entity}: score {self.score.get('value')}, "
            f"{len(self.improvements)} possible improvements>"
        )
