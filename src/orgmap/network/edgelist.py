"""Views from outside the store: rows of ``(source, target[, weight[, layer]])`` or CSV files.

Networks often come from elsewhere; these build the same kind of view as
:func:`orgmap.network.view.build_view` (directed multigraph, ``symmetric`` edges unless
``directed``), so every measure and the what-if engine work on them unchanged.

>>> g = view_from_rows([("a", "b", 1.0), ("b", "c", 0.5)])
>>> g.vcount(), g.ecount(), g.es["symmetric"]
(3, 2, [True, True])
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import igraph as ig

from orgmap.network.view import EmptyView

__all__ = ["view_from_edgelist", "view_from_rows"]


def view_from_rows(
    rows: Iterable[Sequence[Any]], *, directed: bool = False, nodes: dict[str, dict[str, Any]] | None = None
) -> ig.Graph:
    """A view from ``(source, target[, weight[, layer]])`` rows; ``nodes`` maps a name to attributes.

    Edges are symmetric unless ``directed``; nodes listed in ``nodes`` but in no row are
    kept as isolates. A ``group`` attribute becomes the brokerage group.

    >>> g = view_from_rows([("a", "b", 2.0)], nodes={"a": {"group": "x"}, "c": {"group": "y"}})
    >>> dict(zip(g.vs["name"], g.vs["group"])), g.es["weight"]  # c is an isolate
    ({'a': 'x', 'c': 'y', 'b': None}, [2.0])
    """
    index: dict[str, int] = {}
    edges, weights, layers = [], [], []
    nodes = {str(k): v for k, v in (nodes or {}).items()}
    for node in nodes:
        index.setdefault(node, len(index))
    for row in rows:
        s, t = str(row[0]), str(row[1])
        w = float(row[2]) if len(row) > 2 and row[2] is not None else 1.0
        edges.append((index.setdefault(s, len(index)), index.setdefault(t, len(index))))
        weights.append(w)
        layers.append(str(row[3]) if len(row) > 3 and row[3] else "tie")
    names = list(index)
    extra = nodes
    columns = sorted({k for v in extra.values() for k in v} - {"name"})
    vattrs: dict[str, list[Any]] = {
        "name": names,
        "type": [str(extra.get(n, {}).get("type", "")) for n in names],
    }
    for col in columns:
        if col != "type":
            vattrs[col] = [extra.get(n, {}).get(col) for n in names]
    vattrs["entity_id"] = [None] * len(names)
    vattrs["kind"] = [str(extra.get(n, {}).get("kind", "")) for n in names]
    vattrs["group"] = [extra.get(n, {}).get("group") or None for n in names]
    vattrs["groups"] = [[g] if g else [] for g in vattrs["group"]]
    m = len(edges)
    eattrs = {
        "type": ["tie"] * m,
        "layer": layers,
        "weight": weights,
        "keep": [1.0] * m,
        "modality": ["asserted"] * m,
        "grade": [""] * m,
        "assertion_id": [None] * m,
        "symmetric": [not directed] * m,
    }
    return ig.Graph(len(names), edges, directed=True, vertex_attrs=vattrs, edge_attrs=eattrs)


def view_from_edgelist(
    edges_csv: str | Path, nodes_csv: str | Path | None = None, *, directed: bool = False
) -> ig.Graph:
    """Read ``source,target[,weight[,layer]]`` (header optional) and optional node attributes.

    The nodes file needs a header whose first column is the node name (``name``, ``id`` or
    ``node``); other columns (e.g. ``group``) become vertex attributes. Errors name the
    file and line.

    >>> import pathlib, tempfile
    >>> edges = pathlib.Path(tempfile.mkdtemp()) / "edges.csv"
    >>> _ = edges.write_text("source,target,weight\\nann,bob,2\\nbob,cy,1\\n")
    >>> g = view_from_edgelist(edges)
    >>> g.vs["name"], g.es["weight"]
    (['ann', 'bob', 'cy'], [2.0, 1.0])
    >>> _ = edges.write_text("ann,bob,heavy\\n")
    >>> view_from_edgelist(edges)
    Traceback (most recent call last):
    ...
    ValueError: ...edges.csv line 1: weight 'heavy' is not a number
    """
    rows = []
    path = Path(edges_csv)
    with path.open(newline="", encoding="utf-8-sig") as fh:
        for lineno, row in enumerate(csv.reader(fh), 1):
            row = [c.strip() for c in row]
            if not row or not any(row) or row[0].startswith("#"):
                continue
            if lineno == 1 and row[0].lower() in ("source", "from", "src"):
                continue
            if len(row) < 2 or not row[0] or not row[1]:
                raise ValueError(f"{path} line {lineno}: expected source,target[,weight]")
            weight = None
            if len(row) > 2 and row[2]:
                try:
                    weight = float(row[2])
                except ValueError:
                    raise ValueError(f"{path} line {lineno}: weight {row[2]!r} is not a number") from None
                if weight <= 0:
                    raise ValueError(f"{path} line {lineno}: weight must be positive, got {row[2]}")
            rows.append((row[0], row[1], weight, row[3] if len(row) > 3 else None))
    if not rows:
        raise EmptyView(f"{path}: no edges (expected lines of source,target[,weight])")
    nodes = _read_nodes(Path(nodes_csv)) if nodes_csv else None
    return view_from_rows(rows, directed=directed, nodes=nodes)


def _read_nodes(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames:
            raise ValueError(f"{path}: empty nodes file (expected a header such as name,group)")
        key = reader.fieldnames[0]
        out: dict[str, dict[str, Any]] = {}
        for lineno, row in enumerate(reader, 2):
            name = (row.get(key) or "").strip()
            if not name:
                raise ValueError(f"{path} line {lineno}: missing node name in column {key!r}")
            out[name] = {k: (v or "").strip() for k, v in row.items() if k != key and k is not None}
    return out
