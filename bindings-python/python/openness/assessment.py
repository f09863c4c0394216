"""Assessment data: the answers and values of entities, from files, text, dicts or DataFrames."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Tuple, Union

from . import _frames, _native

__all__ = ["Assessment", "Data"]

#: What :meth:`openness.Spec.validate` and :meth:`openness.Spec.score` accept as data.
Data = Any


class Assessment:
    """Assessment data read once, to validate or score several times.

    Every field is kept as it was written, valid or not: reading fails only on malformed JSON
    or CSV, and validation reports everything else with its location.

    The long table format (CSV files and DataFrames) has one row per entity and item, with the
    columns ``entity`` (required), ``item``, ``answer`` (an answer code) or ``value`` (a
    number), and optionally ``evidence_urls`` (separated by spaces), ``archived_url``,
    ``checked``, ``note``, ``coder``, ``reviewer``, ``entity_name_<language>``,
    ``abbreviation``, ``fictional``, ``unit``, ``unit_class``, ``spec``, ``spec_version``,
    ``cycle``. In DataFrames, NaN, None and NA mean "not given", never 0; numbers written as
    text (``"٤١٫٢٢٣٧٢"``, ``"9,99"`` with ``decimal=","``) are read as CSV cells are.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Assessment) -> None:
        self._native = native

    @staticmethod
    def load(path: Union[str, os.PathLike[str]], *, decimal: str = ".") -> Assessment:
        """Reads a JSON or CSV file (by its extension). ``decimal`` is the decimal separator of
        numbers written as text in CSV files: ``"."`` or ``","``."""
        return Assessment(_native.Assessment.load(os.fspath(path), decimal))

    @staticmethod
    def from_json(text: Union[str, bytes], *, name: str = "input.json") -> Assessment:
        """Reads JSON text; ``name`` names it in error locations."""
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return Assessment(_native.Assessment.from_json(text, name))

    @staticmethod
    def from_csv(text: str, *, name: str = "input.csv", decimal: str = ".") -> Assessment:
        """Reads long CSV text; ``name`` names it in error locations."""
        return Assessment(_native.Assessment.from_csv(text, name, decimal))

    @staticmethod
    def from_dict(data: Dict[str, Any], *, name: str = "dict") -> Assessment:
        """Reads an assessment given as a dict in the shape of the JSON format.

        Floats are written exactly; NaN and infinities are kept so that validation reports
        them with their JSON pointer.
        """
        text = json.dumps(data, allow_nan=True, indent=1, ensure_ascii=False, default=_plain)
        return Assessment(_native.Assessment.from_json(text, name))

    @staticmethod
    def from_frame(frame: Any, *, name: str = "DataFrame", decimal: str = ".") -> Assessment:
        """Reads a long pandas or polars DataFrame (see the class documentation for columns).

        Locations in issues name the row by its position, 1 being the first row.
        """
        if not (_frames.is_pandas(frame) or _frames.is_polars(frame)):
            raise TypeError(f"expected a pandas or polars DataFrame, got {type(frame).__name__}")
        names, columns, rows = _frames.columns_of(frame)
        return Assessment(_native.Assessment.from_columns(names, columns, rows, name, decimal))

    @property
    def name(self) -> str:
        """The name of the source, as used in issue locations."""
        return self._native.name or ""

    @property
    def sha256(self) -> str:
        """SHA-256 of the bytes read; for a DataFrame, of its cells, computed so that anyone can
        compute it again (the layout is in the engine's documentation of ``Table::sha256``):
        the same whether the frame comes from pandas or polars, categorical or not."""
        return self._native.sha256

    def __len__(self) -> int:
        """Number of entities, valid or not."""
        return len(self._native)

    def to_json(self) -> str:
        """The assessment as pretty-printed JSON, every field as it was read."""
        return self._native.to_json()

    def to_dict(self) -> Dict[str, Any]:
        """The assessment as a dict in the shape of the JSON format."""
        result: Dict[str, Any] = json.loads(self._native.to_json())
        return result

    def to_csv(self) -> Tuple[str, List[str]]:
        """The assessment as long CSV text, and a list of what CSV cannot hold and was left
        out. Raises :class:`~openness.UnrepresentableError` when leaving out would change
        the scores."""
        return self._native.to_csv()

    def __repr__(self) -> str:
        return f"<Assessment {self.name!r}: {len(self)} entities>"


def _plain(value: Any) -> Any:
    """JSON form of numpy scalars and dates inside dicts."""
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be written as JSON: {value!r}")


def as_assessments(data: Data, decimal: str) -> List[_native.Assessment]:
    """The native assessments for what a caller passed as data."""
    if isinstance(data, (list, tuple)):
        if not data:
            raise ValueError("no data: give a path, a dict, JSON text or a DataFrame")
        return [one for part in data for one in as_assessments(part, decimal)]
    if isinstance(data, Assessment):
        return [data._native]
    if isinstance(data, dict):
        return [Assessment.from_dict(data)._native]
    if isinstance(data, bytes):
        return [Assessment.from_json(data)._native]
    if isinstance(data, str) and data.lstrip().startswith("{"):
        return [Assessment.from_json(data, name="JSON text")._native]
    if isinstance(data, (str, os.PathLike)):
        return [Assessment.load(data, decimal=decimal)._native]
    if _frames.is_pandas(data) or _frames.is_polars(data):
        return [Assessment.from_frame(data, decimal=decimal)._native]
    raise TypeError(
        "data must be a path to a JSON or CSV file, a dict, JSON text, a long pandas or polars "
        f"DataFrame, an openness.Assessment, or a list of these; got {type(data).__name__}"
    )
