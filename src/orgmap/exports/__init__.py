"""Exports of the model to formats other tools read (one module per format).

:data:`FORMATS` maps a format name to ``write(store, case_id, out_path_or_None, status=...)``,
which returns its notes: one line per thing the format left out or changed (denied
relations a graph format does not draw, characters XML cannot hold), for the CLI to print.

>>> import json, pathlib, tempfile
>>> from orgmap.store import Store
>>> sorted(FORMATS)
['case', 'csv', 'dynetml', 'ftm', 'gexf', 'graphml', 'json', 'neo4j']
>>> store = Store.open(":memory:"); case = store.ensure_case("empty")
>>> out = pathlib.Path(tempfile.mkdtemp()) / "empty.json"
>>> FORMATS["json"](store, case, out), json.loads(out.read_text())["relations"]
([], [])
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["FORMATS", "write_bytes", "write_text"]


def write_text(text: str, out: Path | None) -> None:
    """Write to ``out`` atomically (temp file + rename), or to stdout.

    >>> write_text("written whole or not at all\\n", None)
    written whole or not at all
    """
    if out is None:
        sys.stdout.write(text)
        return
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)


def write_bytes(data: bytes, out: Path | None) -> None:
    """Write bytes to ``out`` atomically, or to stdout.

    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "graph.xml"
    >>> write_bytes(b"<graph/>", out); out.read_bytes(), out.with_name("graph.xml.part").exists()
    (b'<graph/>', False)
    """
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)


def _lazy(module: str, name: str) -> Callable[..., list[str]]:
    """A writer imported on first use, so ``orgmap --help`` stays fast."""

    def write(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> list[str]:
        import importlib

        writer = getattr(importlib.import_module(f"orgmap.exports.{module}"), name)
        return writer(store, case_id, out, status=status) or []

    write.__doc__ = f"orgmap.exports.{module}.{name}"
    return write


def _json(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> list[str]:
    from orgmap.exports.model_json import model_document

    doc = model_document(store, case_id, status=status)
    write_text(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n", out)
    return []


def _case(store: Any, case_id: int, out: Path | None, status: str | None = None) -> list[str]:
    """A case file with everything in it (every status, the judgement log): --out FOLDER writes
    case.yaml and the documents; without --out the documents are written into the YAML."""
    from orgmap.casefile.export import case_document, case_yaml, write_case_dir

    if out is not None:
        write_case_dir(store, case_id, out)
        return []
    doc, files = case_document(store, case_id)
    for node in doc["sources"].values():
        node["text"] = files[node.pop("file")]
    write_text(case_yaml(doc), None)
    return []


FORMATS: dict[str, Callable[..., list[str]]] = {
    "json": _json,
    "case": _case,
    "graphml": _lazy("graphml", "write_graphml"),
    "gexf": _lazy("gexf", "write_gexf"),
    "dynetml": _lazy("dynetml", "write_dynetml"),
    "ftm": _lazy("ftm", "write_ftm"),
    "csv": _lazy("csv_tables", "write_csv"),
    "neo4j": _lazy("neo4j", "write_neo4j"),
}
