"""Exceptions raised by :mod:`openness`, and the issues they carry.

Every exception derives from :class:`OpennessError`. Errors about the content of a spec or of
assessment data (:class:`SpecError`, :class:`ValidationError`, :class:`ScoringError`) are also
:class:`ValueError` and carry every problem found as :class:`Issue` records in ``.issues``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Dict, Iterator, List, Optional, Sequence, Union, overload

from ._frames import require

__all__ = [
    "FileError",
    "InternalError",
    "Issue",
    "OpennessError",
    "Report",
    "ScoringError",
    "SpecError",
    "UnknownEntityError",
    "UnknownNodeError",
    "UnknownSpecError",
    "UnrepresentableError",
    "ValidationError",
]


@dataclass(frozen=True)
class Issue:
    """One problem found in a spec, in assessment data or while scoring.

    ``code`` is stable (``"answer-not-on-scale"``) and safe to match on; ``severity`` is
    ``"error"`` (stops scoring) or ``"warning"``. ``file``, ``line``, ``column`` and
    ``pointer`` say where the problem is: a JSON pointer for JSON input, a line and column for
    CSV files, and for DataFrames the row number (1 is the first row, ``df.iloc[0]``) and the
    column. ``location`` is the same written out for people.
    """

    code: str
    severity: str
    message: str
    location: str
    hint: Optional[str] = None
    value: Optional[str] = None
    entity: Optional[str] = None
    item: Optional[str] = None
    file: Optional[str] = None
    line: Optional[int] = None
    column: Optional[str] = None
    pointer: Optional[str] = None
    text: str = ""

    @property
    def is_error(self) -> bool:
        """Whether this issue stops scoring."""
        return self.severity == "error"

    def to_dict(self) -> Dict[str, Any]:
        """The issue as a dict of plain values."""
        record = asdict(self)
        del record["text"]
        return record

    def __str__(self) -> str:
        return self.text or f"{self.severity}[{self.code}] {self.location}: {self.message}"


class Report(Sequence[Issue]):
    """Every issue found in one pass, errors and warnings together, in the order found.

    A report is a sequence of :class:`Issue`; ``errors`` and ``warnings`` split it, ``ok``
    says whether scoring can go ahead, and :meth:`to_pandas` / :meth:`to_polars` give a table.
    """

    def __init__(self, issues: Sequence[Issue]) -> None:
        self._issues: List[Issue] = list(issues)

    @overload
    def __getitem__(self, index: int) -> Issue: ...

    @overload
    def __getitem__(self, index: slice) -> Report: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Issue, Report]:
        if isinstance(index, slice):
            return Report(self._issues[index])
        return self._issues[index]

    def __len__(self) -> int:
        return len(self._issues)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self._issues)

    @property
    def errors(self) -> List[Issue]:
        """The issues that stop scoring."""
        return [issue for issue in self._issues if issue.is_error]

    @property
    def warnings(self) -> List[Issue]:
        """The issues that do not."""
        return [issue for issue in self._issues if not issue.is_error]

    @property
    def ok(self) -> bool:
        """Whether no issue is an error, so that the data can be scored."""
        return not any(issue.is_error for issue in self._issues)

    def to_dicts(self) -> List[Dict[str, Any]]:
        """The issues as dicts of plain values."""
        return [issue.to_dict() for issue in self._issues]

    def to_pandas(self) -> Any:
        """The issues as a pandas DataFrame, one row per issue."""
        pd = require("pandas")

        return pd.DataFrame(self.to_dicts(), columns=_ISSUE_COLUMNS)

    def to_polars(self) -> Any:
        """The issues as a polars DataFrame, one row per issue."""
        pl = require("polars")

        schema = {name: (pl.Int64 if name == "line" else pl.String) for name in _ISSUE_COLUMNS}
        return pl.DataFrame(self.to_dicts(), schema=schema)

    def __repr__(self) -> str:
        errors = len(self.errors)
        return f"<Report: {errors} error(s), {len(self) - errors} warning(s)>"

    def __str__(self) -> str:
        return "\n".join(str(issue) for issue in self._issues)


_ISSUE_COLUMNS = [
    "code",
    "severity",
    "message",
    "location",
    "hint",
    "value",
    "entity",
    "item",
    "file",
    "line",
    "column",
    "pointer",
]


class OpennessError(Exception):
    """Base class of every error raised by :mod:`openness`."""

    issues: List[Issue]

    def __init__(self, message: str, issues: Sequence[Issue] = ()) -> None:
        super().__init__(message)
        self.issues = list(issues)

    @property
    def report(self) -> Report:
        """The issues as a :class:`Report`."""
        return Report(self.issues)


class SpecError(OpennessError, ValueError):
    """The spec is not valid JSON, does not follow the spec format, or breaks a rule of it."""


class ValidationError(OpennessError, ValueError):
    """The assessment data is unreadable or fails validation; ``.issues`` lists why."""


class ScoringError(OpennessError, ValueError):
    """Valid data that cannot be scored under the spec's rules (a zero under a geometric
    mean, a constant measure under the ``error`` policy)."""


class UnknownSpecError(OpennessError, LookupError):
    """No built-in spec has the id and version asked for."""


class UnknownEntityError(OpennessError, LookupError):
    """An entity asked for is not in the results."""


class UnknownNodeError(OpennessError, LookupError):
    """A node, item or group asked for is not in the spec."""


class UnrepresentableError(OpennessError, ValueError):
    """Data cannot be written in the format asked for without losing part of it."""


class FileError(OpennessError, OSError):
    """A file could not be read or written."""


class InternalError(OpennessError, RuntimeError):
    """A bug in the engine. Please report it with the data that triggered it."""


_CLASSES = {
    cls.__name__: cls
    for cls in (
        OpennessError,
        SpecError,
        ValidationError,
        ScoringError,
        UnknownSpecError,
        UnknownEntityError,
        UnknownNodeError,
        UnrepresentableError,
        FileError,
        InternalError,
    )
}


def _issue(record: Dict[str, Any]) -> Issue:
    return Issue(**record)


def _from_native(class_name: str, message: str, records: List[Dict[str, Any]]) -> OpennessError:
    """Builds the exception the native module raises: called from Rust only."""
    return _CLASSES.get(class_name, OpennessError)(message, [_issue(r) for r in records])
