"""The type stubs and annotations match the module: mypy's stubtest, as in run-tests.sh."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_stubs_match_the_module() -> None:
    pytest.importorskip("mypy")
    done = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "openness", "--mypy-config-file", str(PYPROJECT)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_public_object_has_a_docstring() -> None:
    import inspect

    import openness

    missing = []
    for name in openness.__all__:
        value = getattr(openness, name)
        if name.startswith("__"):
            continue
        if not inspect.getdoc(value):
            missing.append(name)
        if inspect.isclass(value):
            for member_name, member in vars(value).items():
                if member_name.startswith("_") and member_name not in ("__init__",):
                    continue
                if callable(member) or isinstance(member, (property, staticmethod)):
                    target = member.__func__ if isinstance(member, staticmethod) else member
                    if member_name != "__init__" and not inspect.getdoc(target):
                        missing.append(f"{name}.{member_name}")
    assert missing == []
