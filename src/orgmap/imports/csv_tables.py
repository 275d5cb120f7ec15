"""Read back the CSV tables ``orgmap export --format csv`` wrote (a folder or a zip).

``nodes.csv``, ``assertions.csv``, ``evidence.csv`` and ``sources.csv`` are needed;
``edges.csv`` is a derived view and is not read. A table's columns must match the
export's header; errors name the table and line.
"""

from __future__ import annotations

import json
import zipfile
from collections import defaultdict
from pathlib import Path

from orgmap.exports.csv_tables import HEADERS
from orgmap.exports.tables import read_tables
from orgmap.imports.bundle import Bundle, ImportFailed

__all__ = ["read_csv"]

NEEDED = ("nodes", "assertions", "evidence", "sources")
# columns older exports lack
OPTIONAL = {"nodes": {"Label"}, "assertions": {"qualifier", "valid_from_bound", "valid_to_bound"}}


def read_csv(path: Path) -> Bundle:
    """The sources, entities and assertions of a CSV export (a folder or a zip).

    >>> import pathlib, tempfile
    >>> from orgmap.model import Assertion, Entity, Evidence, Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> src = store.add_source(case, Source(text="Ali leads the Unit.", key="memo"))
    >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
    >>> _ = store.add_assertion(case, Assertion(ali, "leads", unit, status="accepted",
    ...                                         evidence=[Evidence(src, 0, 18)]))
    >>> from orgmap.exports.csv_tables import write_csv
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "demo.zip"
    >>> write_csv(store, case, out)
    []
    >>> bundle = read_csv(out)
    >>> len(bundle.sources), [e["name"] for e in bundle.entities], bundle.assertions[0]["predicate"]
    (1, ['Ali', 'Unit'], 'leads')
    """
    path = Path(path)
    try:
        read = read_tables(path, NEEDED)
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise ImportFailed(f"{path.name}: {exc}") from None
    tables: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for name in NEEDED:
        rows = read[name]
        if rows is None:
            raise ImportFailed(
                f"{path.name}: {name}.csv is missing (an orgmap CSV export has "
                f"{', '.join(n + '.csv' for n in HEADERS)})"
            )
        if rows:
            if name == "nodes" and "id" in rows[0][1]:  # exports before Gephi's column names
                rows = [(line, {**row, "Id": row["id"]}) for line, row in rows]
            missing = set(HEADERS[name]) - set(rows[0][1]) - OPTIONAL.get(name, set())
            if missing:
                raise ImportFailed(f"{path.name}: {name}.csv lacks columns {', '.join(sorted(missing))}")
        tables[name] = rows
    bundle = Bundle(case=path.stem, origin=path.name)
    for line, row in tables["sources"]:
        bundle.sources.append({**row, "_where": f"{path.name}: sources.csv line {line}"})
    for line, row in tables["nodes"]:
        where = f"{path.name}: nodes.csv line {line}"
        try:
            aliases = json.loads(row["aliases"] or "[]")
            attributes = json.loads(row["attributes"] or "{}")
        except json.JSONDecodeError as exc:
            raise ImportFailed(f"{where}: aliases/attributes are not JSON ({exc.msg})") from None
        bundle.entities.append(
            {**row, "id": row["Id"], "aliases": aliases, "attributes": attributes, "_where": where}
        )
    spans = defaultdict(list)
    for line, row in tables["evidence"]:
        spans[row["assertion"]].append({**row, "_where": f"{path.name}: evidence.csv line {line}"})
    for line, row in tables["assertions"]:
        bundle.assertions.append(
            {
                **row,
                "spans": spans.get(row["assertion"], []),
                "_where": f"{path.name}: assertions.csv line {line}",
            }
        )
    return bundle
