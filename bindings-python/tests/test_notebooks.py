"""Every notebook under examples/notebooks runs top to bottom without an error."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "examples" / "notebooks").glob("*.ipynb"))
DEMO = ROOT / "examples" / "data" / "demo-2026.json"


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "no notebook under examples/notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs(path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    if not DEMO.exists():
        pytest.skip(f"the demo data {DEMO.relative_to(ROOT)} is not in this checkout")
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        assert not cell.get("outputs"), f"{path.name} is committed with outputs; clear them"
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
