"""Importers: files other tools (or orgmap's own exports) wrote, taken in as sourced assertions.

:data:`READERS` maps a format name to ``read(path) -> Bundle``; :func:`import_file`
detects the format, reads the whole file, then writes it in one transaction.

>>> sorted(READERS)
['csv', 'ftm', 'graphml']
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Callable

from orgmap.imports.bundle import Bundle, ImportFailed, write_bundle

__all__ = ["READERS", "Bundle", "ImportFailed", "detect_format", "import_file", "read_file"]

READERS: dict[str, str] = {
    "graphml": "orgmap.imports.graphml:read_graphml",
    "csv": "orgmap.imports.csv_tables:read_csv",
    "ftm": "orgmap.imports.ftm:read_ftm",
}


def detect_format(path: Path) -> str:
    """The format of ``path`` by its name: .graphml, .zip/folder (csv), .json/.jsonl/.ftm (ftm)."""
    name = path.name.lower()
    if name.endswith(".graphml"):
        return "graphml"
    if name.endswith((".gexf", ".xml")):
        raise ImportFailed(f"{path.name}: GEXF and DyNetML are export-only (they cannot carry the "
                           "source texts evidence needs); import the GraphML or CSV export instead")
    if path.is_dir() or name.endswith(".zip"):
        return "csv"
    if name.endswith((".ftm", ".ftm.json", ".jsonl", ".json", ".ijson")):
        return "ftm"
    raise ImportFailed(f"{path.name}: cannot tell the format from the name; pass --format "
                       f"({', '.join(sorted(READERS))})")


def _reader(fmt: str) -> Callable[..., Bundle]:
    if fmt not in READERS:
        raise ImportFailed(f"unknown import format {fmt!r}; known: {', '.join(sorted(READERS))}")
    module, name = READERS[fmt].split(":")
    return getattr(importlib.import_module(module), name)


def read_file(path: Path | str, fmt: str | None = None, **options: Any) -> Bundle:
    path = Path(path)
    if not path.exists():
        raise ImportFailed(f"{path}: no such file or folder")
    return _reader(fmt or detect_format(path))(path, **options)


def import_file(store: Any, path: Path | str, fmt: str | None = None, *, case: str | None = None,
                replace: bool = False, status: str | None = None, **options: Any) -> dict[str, Any]:
    """Read ``path`` whole, check it, and write it in one transaction; returns counts."""
    bundle = read_file(path, fmt, **options)
    return write_bundle(store, bundle, case=case, replace=replace, status=status)
