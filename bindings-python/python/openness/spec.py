"""Index specs: the versioned definition of an index, and the entry points that validate and
score data against it."""

from __future__ import annotations

import datetime
import json
import os
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from . import _native
from ._frames import require
from .assessment import Data, as_assessments
from .errors import Issue, Report, ValidationError, _issue
from .results import Results

__all__ = ["Spec", "charter", "charter_versions"]

#: ``today=`` accepts a date, ``"YYYY-MM-DD"``, ``None`` (today in the spec's time zone) or
#: ``False`` (skip the check that evidence was not checked in the future).
Today = Union[datetime.date, str, None, bool]


class Spec:
    """A checked, compiled index spec, ready to validate and score data.

    Get one from :func:`openness.charter`, :meth:`Spec.load`, :meth:`Spec.from_json` or
    :meth:`Spec.from_dict`. Reading checks the spec: unique ids, known references, weights,
    goalposts; a broken spec raises :class:`~openness.SpecError` listing every problem.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Spec) -> None:
        self._native = native

    @staticmethod
    def load(path: Union[str, os.PathLike[str]]) -> Spec:
        """Reads a spec file."""
        return Spec(_native.Spec.load(os.fspath(path)))

    @staticmethod
    def from_json(text: str, *, file: Optional[str] = None) -> Spec:
        """Reads a spec from JSON text; ``file`` names it in error locations."""
        return Spec(_native.Spec.from_json(text, file))

    @staticmethod
    def from_dict(definition: Mapping[str, Any]) -> Spec:
        """Reads a spec given as a dict in the shape of the spec's JSON format."""
        return Spec(_native.Spec.from_json(json.dumps(definition, ensure_ascii=False), "dict"))

    @property
    def id(self) -> str:
        """The spec's id, such as ``political-openness-charter``."""
        return self._native.id

    @property
    def version(self) -> str:
        """The spec's version (``1.0.0``; ``1.0.0+reweighted`` after :meth:`with_weights`)."""
        return self._native.version

    @property
    def sha256(self) -> str:
        """SHA-256 of the spec file (of its canonical JSON for specs built in memory)."""
        return self._native.sha256

    @property
    def languages(self) -> List[str]:
        """The languages in which every text of the spec is given."""
        return self._native.languages

    @property
    def warnings(self) -> Report:
        """Problems that do not prevent using the spec."""
        return Report([_issue(record) for record in self._native.warnings()])

    def to_json(self) -> str:
        """The spec as pretty-printed JSON."""
        return self._native.to_json()

    def to_dict(self) -> Dict[str, Any]:
        """The spec as a dict in the shape of its JSON format: every label, weight and rule."""
        result: Dict[str, Any] = json.loads(self._native.to_json())
        return result

    @property
    def title(self) -> Dict[str, str]:
        """The index's name in each language."""
        title: Dict[str, str] = self.to_dict()["title"]
        return title

    @property
    def levels(self) -> List[Dict[str, Any]]:
        """The named levels of the tree (``index``, ``dimension``, ``indicator`` …), each with
        its ``id`` and ``name`` in each language."""
        levels: List[Dict[str, Any]] = self.to_dict().get("levels", [])
        return levels

    def nodes(self, level: Optional[str] = None) -> List[Dict[str, Any]]:
        """The nodes of the tree, the root first and each node before its children, as dicts
        with ``id``, ``parent``, ``level``, ``depth``, ``name`` and ``description`` (each a dict
        by language) and ``weight`` (as declared; ``None`` under equal weights). ``level``
        keeps the nodes of one level, such as ``"dimension"`` or ``"indicator"``."""
        nodes = self._native.nodes()
        return [node for node in nodes if level is None or node["level"] == level]

    def items(self) -> List[Dict[str, Any]]:
        """The elements and measures, as dicts with ``id``, ``kind`` (``element`` or
        ``measure``), ``node`` (the node it belongs to; ``None`` for auxiliary items),
        ``text`` (the question of an element, the name of a measure, by language), ``scale``
        and ``weight``."""
        return self._native.items()

    def to_pandas(self, what: str = "items") -> Any:
        """The nodes (``what="nodes"``) or items (``"items"``) as a pandas DataFrame, with a
        column per language for each text (``name_en``, ``name_fr``, ``name_ar`` …)."""
        pd = require("pandas")

        return pd.DataFrame(self._flat(what))

    def to_polars(self, what: str = "items") -> Any:
        """As :meth:`to_pandas`, as a polars DataFrame."""
        pl = require("polars")

        return pl.DataFrame(self._flat(what), infer_schema_length=None)

    def _flat(self, what: str) -> List[Dict[str, Any]]:
        if what not in ("nodes", "items"):
            raise ValueError(f'what must be "nodes" or "items", not {what!r}')
        records = self.nodes() if what == "nodes" else self.items()
        flat = []
        for record in records:
            row: Dict[str, Any] = {}
            for key, value in record.items():
                if isinstance(value, dict):
                    row.update(
                        {f"{key}_{language}": value.get(language) for language in self.languages}
                    )
                else:
                    row[key] = value
            flat.append(row)
        return flat

    def with_weights(self, weights: Mapping[str, float]) -> Spec:
        """A copy of the spec with other weights for some nodes or items, for sensitivity
        analysis: ``charter.with_weights({"T2": 3})``. Its version gains ``+reweighted`` so
        that its results cannot be mistaken for the published spec's."""
        pairs = [(str(node), float(weight)) for node, weight in weights.items()]
        return Spec(self._native.with_weights(pairs))

    def round(self, value: float) -> float:
        """``value`` rounded for display as the spec says: half away from zero (12.5 → 13)."""
        return self._native.round(float(value))

    def format(self, value: float) -> str:
        """``value`` rounded and written for display as the spec says (``"56"``, ``"66.67"``)."""
        return self._native.format(float(value))

    def tier_of(self, value: float) -> Optional[str]:
        """The tier of a score, if the spec has tiers."""
        return self._native.tier_of(float(value))

    def validate(
        self,
        data: Data,
        *,
        today: Today = None,
        aliases: Optional[Mapping[str, str]] = None,
        decimal: str = ".",
        skip_evidence: bool = False,
    ) -> Report:
        """Checks data against the spec and returns every problem found, without raising
        (data that cannot be read is reported the same way, without checking the rest).

        ``data`` is a path to a JSON or CSV file, a dict, JSON text, a long pandas or polars
        DataFrame, an :class:`~openness.Assessment`, or a list of these. ``today`` is the date
        evidence may not be checked after (see :data:`Today`); ``aliases`` maps other ids of
        entities to their ids; ``decimal`` is the decimal separator of numbers written as text.

        ``skip_evidence=True`` leaves out the spec's evidence rules (addresses, dates, notes,
        coders, reviewers), for re-scoring data that has no evidence columns: scores never
        depend on evidence. One warning, ``evidence-not-checked``, then says so; validate with
        evidence before publishing.
        """
        # Data that cannot be read (malformed JSON or CSV, a table without an `entity` column)
        # is reported like any other problem; each part is read on its own so that every
        # unreadable part is listed.
        parts = data if isinstance(data, (list, tuple)) and data else [data]
        inputs: List[_native.Assessment] = []
        unreadable: List[Issue] = []
        for part in parts:
            try:
                inputs.extend(as_assessments(part, decimal))
            except ValidationError as error:
                unreadable.extend(error.issues)
        if unreadable:
            return Report(unreadable)
        records = self._native.validate(inputs, *_options(today, aliases), skip_evidence)
        return Report([_issue(record) for record in records])

    def score(
        self,
        data: Data,
        *,
        today: Today = None,
        aliases: Optional[Mapping[str, str]] = None,
        decimal: str = ".",
        skip_evidence: bool = False,
    ) -> Results:
        """Validates and scores data (given, and validated, as for :meth:`validate`;
        ``skip_evidence=True`` scores data without evidence columns, with one warning).

        Raises :class:`~openness.ValidationError` when the data has errors, listing every one
        with its location, and :class:`~openness.ScoringError` when valid data cannot be scored
        under the spec's rules.

        A long DataFrame is validated straight from its columns when every cell is valid
        (a million rows in a fraction of a second), and row by row otherwise, with the same
        results and the same issues either way.
        """
        inputs = as_assessments(data, decimal)
        return Results(self._native.score(inputs, *_options(today, aliases), skip_evidence))

    def __repr__(self) -> str:
        return f"<Spec {self.id} {self.version}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Spec) and other.sha256 == self.sha256 and other.id == self.id

    def __hash__(self) -> int:
        return hash((self.id, self.sha256))


def _options(
    today: Today, aliases: Optional[Mapping[str, str]]
) -> Tuple[Optional[str], List[Tuple[str, str]], bool]:
    """``today``, ``aliases`` and whether to read the clock, as the native module takes them."""
    pairs = [(str(alias), str(target)) for alias, target in (aliases or {}).items()]
    if today is None or today is True:
        return None, pairs, True
    if today is False:
        return None, pairs, False
    if isinstance(today, datetime.datetime):
        today = today.date()
    if isinstance(today, datetime.date):
        return today.isoformat(), pairs, False
    if isinstance(today, str):
        return today, pairs, False
    raise TypeError(f"today must be a date, a YYYY-MM-DD string, None or False; got {today!r}")


def charter(version: Optional[str] = None) -> Spec:
    """A built-in version of the Political Openness Charter; the latest when ``version`` is
    ``None``. Raises :class:`~openness.UnknownSpecError` for a version not built in."""
    return Spec(_native.charter(version))


def charter_versions() -> List[str]:
    """Versions of the Political Openness Charter built into the engine, oldest first."""
    return list(_native.charter_versions())
