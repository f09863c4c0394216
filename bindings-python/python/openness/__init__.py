"""Validate, score, rank and explain composite indices, such as the Political Openness
Charter, from notebooks.

>>> import openness
>>> charter = openness.charter()
>>> results = charter.score("examples/data/demo-2026.json")      # doctest: +SKIP
>>> results.to_pandas()                                          # doctest: +SKIP

A thin layer over the Rust engine ``openness``: every rule (validation, scoring, rounding,
ranking, messages) is the engine's, so scores here equal the command line's and the web's.
pandas and polars are optional; DataFrames of either are accepted and produced.
"""

from . import _native
from .assessment import Assessment
from .errors import (
    FileError,
    InternalError,
    Issue,
    OpennessError,
    Report,
    ScoringError,
    SpecError,
    UnknownEntityError,
    UnknownNodeError,
    UnknownSpecError,
    UnrepresentableError,
    ValidationError,
)
from .results import Explanation, Results
from .spec import Spec, charter, charter_versions

__version__: str = _native.__version__
"""The package's version, which is the engine's."""

__all__ = [
    "Assessment",
    "Explanation",
    "FileError",
    "InternalError",
    "Issue",
    "OpennessError",
    "Report",
    "Results",
    "ScoringError",
    "Spec",
    "SpecError",
    "UnknownEntityError",
    "UnknownNodeError",
    "UnknownSpecError",
    "UnrepresentableError",
    "ValidationError",
    "__version__",
    "charter",
    "charter_versions",
]
