"""DataFrames in and out.

In: a long DataFrame (one row per entity and item, columns named as in the CSV format) is
reduced column by column to shapes the native module reads without a Python object per cell:
numbers packed as little-endian bytes, and text as integer codes into the column's distinct
values. pandas and polars are imported only when a DataFrame of theirs is given.

Out: results tables become DataFrames with float64 scores. pandas has no missing value for
float64 but NaN, so missing scores are NaN there, always beside a ``status`` column that says
why; ranks are nullable ``Int64``. polars has nulls, so missing is null there.
"""

from __future__ import annotations

import datetime
import importlib
from typing import Any, Dict, List, Optional, Sequence, Tuple

# One column for the native module: (kind, packed data, mask or categories).
NativeColumn = Tuple[str, bytes, Any]


def require(name: str) -> Any:
    """Imports an optional dependency, or says how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise ImportError(
            f"this needs {name}, which is not installed; install it with `pip install {name}`"
        ) from error


def is_pandas(data: Any) -> bool:
    """Whether ``data`` is a pandas DataFrame (without importing pandas)."""
    return type(data).__module__.split(".")[0] == "pandas" and hasattr(data, "columns")


def is_polars(data: Any) -> bool:
    """Whether ``data`` is a polars DataFrame or LazyFrame (without importing polars)."""
    kind = type(data)
    return kind.__module__.split(".")[0] == "polars" and kind.__name__ in ("DataFrame", "LazyFrame")


def columns_of(frame: Any) -> Tuple[List[str], List[NativeColumn], int]:
    """Column names, native columns and row count of a long pandas or polars DataFrame."""
    if is_polars(frame):
        return _polars_columns(frame)
    return _pandas_columns(frame)


def _pandas_columns(frame: Any) -> Tuple[List[str], List[NativeColumn], int]:
    if any(name is not None for name in frame.index.names):
        # Columns moved into the index by set_index or groupby are still columns of the table.
        frame = frame.reset_index()
    names = [_column_name(name) for name in frame.columns]
    if len(set(names)) != len(names):
        duplicated = sorted({name for name in names if names.count(name) > 1})
        raise ValueError(f"the DataFrame has duplicated columns: {', '.join(duplicated)}")
    columns = [_pandas_column(name, frame.iloc[:, i]) for i, name in enumerate(names)]
    return names, columns, len(frame)


def _column_name(name: Any) -> str:
    if not isinstance(name, str):
        raise TypeError(
            f"DataFrame column names must be text, found {name!r}: a long table has columns "
            "such as entity, item, answer, value (see openness.Assessment)"
        )
    return name


def _pandas_column(name: str, series: Any) -> NativeColumn:
    np = require("numpy")
    pd = require("pandas")

    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = np.asarray(series.cat.codes, dtype="<i8")
        return ("codes", codes.tobytes(), _categories(name, list(series.cat.categories)))
    if pd.api.types.is_bool_dtype(dtype):
        mask = np.asarray(series.isna(), dtype="u1")
        values = np.asarray(series.fillna(False), dtype="u1")
        return ("bool", values.tobytes(), mask.tobytes() if mask.any() else None)
    if pd.api.types.is_float_dtype(dtype):
        # float16 and float32 widen to float64 exactly; NaN and NA both mean "missing".
        values = series.to_numpy(dtype="<f8", na_value=np.nan)
        return ("float", np.ascontiguousarray(values).tobytes(), None)
    if pd.api.types.is_integer_dtype(dtype):
        mask = np.asarray(series.isna(), dtype="u1")
        if dtype == np.dtype("uint64") and len(series) and series.max() > np.iinfo("int64").max:
            values = series.to_numpy(dtype="<f8")
            return ("float", values.tobytes(), None)
        values = series.to_numpy(dtype="<i8", na_value=0)
        return (
            "int",
            np.ascontiguousarray(values).tobytes(),
            mask.tobytes() if mask.any() else None,
        )
    if pd.api.types.is_datetime64_any_dtype(dtype):
        series = series.dt.strftime("%Y-%m-%d")
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return ("codes", np.asarray(codes, dtype="<i8").tobytes(), _categories(name, list(uniques)))


def _polars_columns(frame: Any) -> Tuple[List[str], List[NativeColumn], int]:
    pl = require("polars")

    if isinstance(frame, pl.LazyFrame):
        frame = frame.collect()
    names = list(frame.columns)
    return names, [_polars_column(name, frame.get_column(name)) for name in names], frame.height


def _polars_column(name: str, series: Any) -> NativeColumn:
    np = require("numpy")
    pl = require("polars")

    dtype = series.dtype
    nulls = series.null_count() > 0

    def mask() -> Optional[bytes]:
        return series.is_null().cast(pl.UInt8).to_numpy().tobytes() if nulls else None

    if dtype.is_float():
        values = series.cast(pl.Float64).fill_null(float("nan")).to_numpy()
        return ("float", np.ascontiguousarray(values, dtype="<f8").tobytes(), None)
    if dtype.is_integer():
        if dtype == pl.UInt64 and series.max() is not None and series.max() > 2**63 - 1:
            values = series.cast(pl.Float64).fill_null(float("nan")).to_numpy()
            return ("float", np.ascontiguousarray(values, dtype="<f8").tobytes(), None)
        values = series.cast(pl.Int64).fill_null(0).to_numpy()
        return ("int", np.ascontiguousarray(values, dtype="<i8").tobytes(), mask())
    if dtype == pl.Boolean:
        values = series.fill_null(False).cast(pl.UInt8).to_numpy()
        return ("bool", np.ascontiguousarray(values, dtype="u1").tobytes(), mask())
    if dtype.is_temporal():
        series = series.dt.strftime("%Y-%m-%d")
    elif dtype == pl.Object:
        values = series.to_list()
        pd = require("pandas")

        codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
        return ("codes", np.asarray(codes, dtype="<i8").tobytes(), _categories(name, list(uniques)))
    elif not (dtype == pl.String or dtype == pl.Categorical or isinstance(dtype, pl.Enum)):
        raise TypeError(
            f"column `{name}` has type {dtype}, which a table cell cannot be: use text, "
            "numbers or flags"
        )
    # Codes are dense ranks of the text: equal texts share a code, in sorted order.
    text = series.cast(pl.String)
    codes = (text.rank("dense").cast(pl.Int64) - 1).fill_null(-1).to_numpy()
    categories = text.drop_nulls().unique().sort().to_list()
    return ("codes", np.ascontiguousarray(codes, dtype="<i8").tobytes(), categories)


def _categories(name: str, values: Sequence[Any]) -> List[Any]:
    """Distinct cells as text, numbers or flags, for the native module to read."""
    return [_cell(name, value) for value in values]


def _cell(name: str, value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return value.item()  # numpy scalars: float32 widens to float exactly
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    raise TypeError(
        f"column `{name}` holds {value!r} ({type(value).__name__}), which a table cell cannot "
        "be: use text, numbers or flags"
    )


# Results out.


def to_pandas(columns: Dict[str, List[Any]]) -> Any:
    """A results table as a pandas DataFrame: float64 scores with NaN beside ``status``,
    nullable integer ranks and counts, text as ``object``."""
    np = require("numpy")
    pd = require("pandas")

    data = {}
    for name, values in columns.items():
        if name in _FLOAT_COLUMNS:
            data[name] = pd.Series(
                np.array([np.nan if v is None else v for v in values], dtype="float64")
            )
        elif name in _INTEGER_COLUMNS:
            data[name] = pd.Series(values, dtype="Int64")
        elif name == "fictional":
            data[name] = pd.Series(values, dtype="bool")
        else:
            data[name] = pd.Series(values, dtype="object")
    return pd.DataFrame(data)


def to_polars(columns: Dict[str, List[Any]]) -> Any:
    """A results table as a polars DataFrame: missing values are null."""
    pl = require("polars")

    schema: Dict[str, Any] = {}
    for name in columns:
        if name in _FLOAT_COLUMNS:
            schema[name] = pl.Float64
        elif name in _INTEGER_COLUMNS:
            schema[name] = pl.Int64
        elif name == "fictional":
            schema[name] = pl.Boolean
        else:
            schema[name] = pl.String
    return pl.DataFrame(columns, schema=schema)


_FLOAT_COLUMNS = {"score", "rounded", "coverage", "value", "points"}
_INTEGER_COLUMNS = {"rank", "scored", "inputs"}
