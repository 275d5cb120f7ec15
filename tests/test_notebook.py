"""The example notebook (examples/qods-force.ipynb) runs from a fresh kernel and shows the case."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = Path(__file__).resolve().parent.parent / "examples" / "qods-force.ipynb"
SRC = Path(__file__).resolve().parent.parent / "src"


def _text(cell) -> str:
    return "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in cell.outputs)


def test_the_qods_force_notebook_runs(tmp_path, monkeypatch):
    # the kernel is this interpreter; it must import this checkout's orgmap
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # a cell that raises fails the test (CellExecutionError)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    outputs = [_text(c) for c in code]
    assert all(not any(o.get("output_type") == "error" for o in c.outputs) for c in code)
    # the README's published counts, and what the essay says happened
    assert "organization    35" in outputs[1] and "person          19" in outputs[1]
    assert "Esmail Qaani succeeded Qasem Soleimani" in outputs[4]
    holders = next(o for o in outputs if "2019" in o and "2024" in o)
    assert "Qasem Soleimani                 5     0" in holders
    assert list(tmp_path.iterdir()) == []  # the notebook leaves nothing behind
