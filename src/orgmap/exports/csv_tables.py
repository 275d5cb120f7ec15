"""CSV for spreadsheets: nodes, edges, assertions, evidence and sources, in a folder or a zip.

- ``nodes.csv``: one row per entity (id, type, name, aliases as JSON, attributes as JSON);
- ``edges.csv``: one row per relation, ready for a pivot table or Gephi's spreadsheet import
  (source, target, type, layer, modality, grade, valid time, first quote);
- ``assertions.csv`` + ``evidence.csv``: every assertion and every evidence span;
- ``sources.csv``: every source with its text, so ``orgmap import`` rebuilds the model.

>>> from orgmap.store import Store
>>> import tempfile, os
>>> store = Store.open(":memory:")
>>> out = os.path.join(tempfile.mkdtemp(), "case.zip")
>>> write_csv(store, store.ensure_case("empty"), out)
>>> import zipfile; sorted(zipfile.ZipFile(out).namelist())
['assertions.csv', 'edges.csv', 'evidence.csv', 'nodes.csv', 'sources.csv']
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from orgmap.exports.snapshot import assertion_row, entity_row, source_row, spans, take_snapshot
from orgmap.exports.tables import write_tables

__all__ = ["HEADERS", "write_csv"]

ASSERTION_COLUMNS = ["assertion", "key", "subject", "predicate", "object", "layer", "modality", "attribution",
                     "reliability", "credibility", "grade", "valid_from", "valid_to", "valid_text",
                     "reported_on", "status", "score", "origin", "note"]
HEADERS = {
    "nodes": ["id", "type", "name", "aliases", "attributes", "key"],
    "edges": ["assertion", "source", "target", "type", "layer", "directed", "modality", "grade", "status",
              "valid_from", "valid_to", "attribution", "evidence"],
    "assertions": ASSERTION_COLUMNS,
    "evidence": ["assertion", "source", "start", "end", "quote"],
    "sources": ["source", "title", "author", "publisher", "published", "origin", "kind", "reliability",
                "media_type", "sha256", "text"],
}


def write_csv(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> None:
    """Write the five tables to folder ``out`` (or ``out.zip``)."""
    snap = take_snapshot(store, case_id, status)
    nodes = []
    for e in snap.entities:
        row = entity_row(e)
        nodes.append({**row, "aliases": json.dumps(row["aliases"], ensure_ascii=False),
                      "attributes": json.dumps(row["attributes"], ensure_ascii=False, sort_keys=True,
                                               default=str)})
    rows = [assertion_row(snap, i) for i in snap.assertions]
    edges = [{**r, "source": r["subject"], "target": r["object"], "type": r["predicate"],
              "directed": "false" if i.symmetric else "true",
              "evidence": i.assertion.evidence[0].quote if i.assertion.evidence else ""}
             for r, i in zip(rows, snap.assertions) if i.object is not None]
    evidence = [{"assertion": f"a{i.assertion.id}", **sp} for i in snap.assertions for sp in spans(snap, i)]
    sources = [source_row(s, snap.source_key[s.id]) for s in snap.sources]
    write_tables({"nodes": (HEADERS["nodes"], nodes), "edges": (HEADERS["edges"], edges),
                  "assertions": (HEADERS["assertions"], rows), "evidence": (HEADERS["evidence"], evidence),
                  "sources": (HEADERS["sources"], sources)}, out)
