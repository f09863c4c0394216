"""The Python examples of bindings-python/README.md run, in order, from the repository root."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1]


def test_readme_examples_run() -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("polars")
    text = (HERE / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) >= 4
    namespace: dict = {}
    cwd = os.getcwd()
    os.chdir(HERE.parent)
    try:
        for block in blocks:
            exec(compile(block, "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
