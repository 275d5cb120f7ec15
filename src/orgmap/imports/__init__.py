"""Importers: files other tools (or orgmap's own exports) wrote, taken in as sourced assertions.

:data:`READERS` maps a format name to ``read(path) -> Bundle``; :func:`import_file`
detects the format, reads the whole file, then writes it in one transaction.

>>> sorted(READERS)
['csv', 'ftm', 'graphml']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from orgmap.imports.bundle import Bundle, ImportFailed, describe, write_bundle

__all__ = ["READERS", "Bundle", "ImportFailed", "detect_format", "import_file", "read_file"]

READERS: dict[str, str] = {
    "graphml": "orgmap.imports.graphml:read_graphml",
    "csv": "orgmap.imports.csv_tables:read_csv",
    "ftm": "orgmap.imports.ftm:read_ftm",
}


def detect_format(path: Path) -> str:
    """The format of ``path`` by its name: .graphml, .zip/folder (csv), .json/.jsonl/.ftm (ftm).

    >>> detect_format(Path("case.graphml")), detect_format(Path("case.zip")), detect_format(Path("case.ftm.json"))
    ('graphml', 'csv', 'ftm')
    >>> detect_format(Path("case.gexf"))
    Traceback (most recent call last):
    ...
    orgmap.imports.bundle.ImportFailed: case.gexf: GEXF and DyNetML are export-only (they cannot carry the source texts evidence needs); import the GraphML or CSV export instead
    """
    name = path.name.lower()
    if name.endswith(".graphml"):
        return "graphml"
    if name.endswith((".gexf", ".xml")):
        raise ImportFailed(
            f"{path.name}: GEXF and DyNetML are export-only (they cannot carry the "
            "source texts evidence needs); import the GraphML or CSV export instead"
        )
    if path.is_dir() or name.endswith(".zip"):
        return "csv"
    if name.endswith((".ftm", ".ftm.json", ".jsonl", ".json", ".ijson")):
        return "ftm"
    raise ImportFailed(
        f"{path.name}: cannot tell the format from the name; pass --format ({', '.join(sorted(READERS))})"
    )


def _reader(fmt: str) -> Callable[..., Bundle]:
    if fmt not in READERS:
        raise ImportFailed(f"unknown import format {fmt!r}; known: {', '.join(sorted(READERS))}")
    module, name = READERS[fmt].split(":")
    return getattr(importlib.import_module(module), name)


def read_file(path: Path | str, fmt: str | None = None, **options: Any) -> Bundle:
    """Parse ``path`` into a :class:`Bundle`; any problem is one :class:`ImportFailed` line naming the file.

    The readers name the line or record where they can; whatever else a hostile file
    trips (nesting too deep, a value of the wrong JSON type, a damaged zip) is still
    reported in one line, never as a traceback.

    >>> import pathlib, tempfile
    >>> from orgmap.exports.csv_tables import write_csv
    >>> from orgmap.model import Assertion, Entity, Evidence, Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> src = store.add_source(case, Source(text="Ali leads the Unit.", key="memo"))
    >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
    >>> _ = store.add_assertion(case, Assertion(ali, "leads", unit, status="accepted", evidence=[Evidence(src, 0, 18)]))
    >>> export = pathlib.Path(tempfile.mkdtemp()) / "demo.zip"
    >>> write_csv(store, case, export)
    []
    >>> bundle = read_file(export)  # the format from the name: a .zip is the CSV export
    >>> bundle.case, [e["name"] for e in bundle.entities]
    ('demo', ['Ali', 'Unit'])
    >>> read_file(export.with_name("missing.zip"))
    Traceback (most recent call last):
    ...
    orgmap.imports.bundle.ImportFailed: ...missing.zip: no such file or folder
    """
    path = Path(path)
    if not path.exists():
        raise ImportFailed(f"{path}: no such file or folder")
    if not (path.is_file() or path.is_dir()):  # a FIFO or device would block the reader forever
        raise ImportFailed(f"{path.name}: not a regular file or folder")
    reader = _reader(fmt or detect_format(path))
    try:
        return reader(path, **options)
    except ImportFailed:
        raise
    except RecursionError:
        raise ImportFailed(f"{path.name}: nested too deeply to read") from None
    except MemoryError:
        raise ImportFailed(f"{path.name}: too large to read in memory") from None
    except Exception as exc:
        raise ImportFailed(f"{path.name}: malformed ({describe(exc)})") from None


def import_file(
    store: Any,
    path: Path | str,
    fmt: str | None = None,
    *,
    case: str | None = None,
    replace: bool = False,
    status: str | None = None,
    discard_judgements: bool = False,
    **options: Any,
) -> dict[str, Any]:
    """Read ``path`` whole, check it, and write it in one transaction; returns counts.

    Running it again adds nothing; ``replace`` refuses to drop analysts' judgements
    unless ``discard_judgements`` (see :func:`~orgmap.imports.bundle.write_bundle`).

    >>> import pathlib, tempfile
    >>> from orgmap.exports.csv_tables import write_csv
    >>> from orgmap.model import Assertion, Entity, Evidence, Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> src = store.add_source(case, Source(text="Ali leads the Unit.", key="memo"))
    >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
    >>> _ = store.add_assertion(case, Assertion(ali, "leads", unit, status="accepted", evidence=[Evidence(src, 0, 18)]))
    >>> export = pathlib.Path(tempfile.mkdtemp()) / "demo.zip"
    >>> write_csv(store, case, export)
    []
    >>> other = Store.open(":memory:")
    >>> import_file(other, export)
    {'case': 'demo', 'sources': 1, 'entities': 2, 'assertions': 1, 'skipped': 0, 'new_entities': 2, 'new_assertions': 1}
    >>> import_file(other, export)["new_assertions"]  # again: nothing new
    0
    """
    bundle = read_file(path, fmt, **options)
    return write_bundle(
        store, bundle, case=case, replace=replace, status=status, discard_judgements=discard_judgements
    )
