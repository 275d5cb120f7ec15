"""CSV for spreadsheets: nodes, edges, assertions, evidence and sources, in a folder or a zip.

- ``nodes.csv``: one row per entity, Gephi's ``Id`` and ``Label`` first, then orgmap's
  type, name, aliases (JSON) and attributes (JSON);
- ``edges.csv``: one row per tie, for Gephi's spreadsheet importer and pandas: Gephi's
  ``Source``, ``Target``, ``Type`` (always ``Directed``; a ``symmetric`` column says which
  relation types run both ways, as in GraphML and GEXF), ``Id``, ``Label`` and ``Kind``
  (the relation type) and ``Weight`` (the modality weight), then layer, modality, grade,
  status, valid time, attribution and the first quote. Denied relations are not ties and
  are left out (counted in the returned notes); ``assertions.csv`` keeps them;
- ``assertions.csv`` + ``evidence.csv``: every assertion and every evidence span;
- ``sources.csv``: every source with its text, so ``orgmap import`` rebuilds the model.

>>> from orgmap.store import Store
>>> import tempfile, os
>>> store = Store.open(":memory:")
>>> out = os.path.join(tempfile.mkdtemp(), "case.zip")
>>> write_csv(store, store.ensure_case("empty"), out)  # the notes: nothing left out
[]
>>> import zipfile; sorted(zipfile.ZipFile(out).namelist())
['assertions.csv', 'edges.csv', 'evidence.csv', 'nodes.csv', 'sources.csv']
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from orgmap.exports.snapshot import assertion_row, denials_note, entity_row, source_row, spans, take_snapshot
from orgmap.exports.tables import write_tables
from orgmap.model import stored_id

__all__ = ["HEADERS", "write_csv"]

ASSERTION_COLUMNS = [
    "assertion",
    "key",
    "subject",
    "predicate",
    "qualifier",
    "object",
    "layer",
    "modality",
    "attribution",
    "reliability",
    "credibility",
    "grade",
    "valid_from",
    "valid_to",
    "valid_from_bound",
    "valid_to_bound",
    "valid_text",
    "reported_on",
    "status",
    "score",
    "origin",
    "note",
]
HEADERS = {
    "nodes": ["Id", "Label", "type", "name", "aliases", "attributes", "key"],
    "edges": [
        "Source",
        "Target",
        "Type",
        "Id",
        "Label",
        "Weight",
        "Kind",
        "qualifier",
        "symmetric",
        "layer",
        "modality",
        "grade",
        "status",
        "valid_from",
        "valid_to",
        "attribution",
        "evidence",
    ],
    "assertions": ASSERTION_COLUMNS,
    "evidence": ["assertion", "source", "start", "end", "quote"],
    "sources": [
        "source",
        "title",
        "author",
        "publisher",
        "published",
        "origin",
        "kind",
        "reliability",
        "media_type",
        "sha256",
        "text",
    ],
}


def write_csv(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> list[str]:
    """Write the five tables to folder ``out`` (or ``out.zip``); returns the notes."""
    snap = take_snapshot(store, case_id, status)
    nodes = []
    for e in snap.entities:
        row = entity_row(e)
        nodes.append(
            {
                **row,
                "Id": row["id"],
                "Label": e.name,
                "aliases": json.dumps(row["aliases"], ensure_ascii=False),
                "attributes": json.dumps(row["attributes"], ensure_ascii=False, sort_keys=True, default=str),
            }
        )
    rows = [assertion_row(snap, i) for i in snap.assertions]
    edges = []
    for item in snap.ties:
        r = assertion_row(snap, item)
        edges.append(
            {
                **r,
                "Source": r["subject"],
                "Target": r["object"],
                "Type": "Directed",
                "Id": r["assertion"],
                "Label": r["predicate"],
                "Kind": r["predicate"],
                "Weight": repr(store.schema.modalities[r["modality"]].weight),
                "symmetric": "true" if item.symmetric else "false",
                "evidence": item.assertion.evidence[0].quote if item.assertion.evidence else "",
            }
        )
    evidence = [{"assertion": f"a{i.assertion.id}", **sp} for i in snap.assertions for sp in spans(snap, i)]
    sources = [source_row(s, snap.source_key[stored_id(s)]) for s in snap.sources]
    write_tables(
        {
            "nodes": (HEADERS["nodes"], nodes),
            "edges": (HEADERS["edges"], edges),
            "assertions": (HEADERS["assertions"], rows),
            "evidence": (HEADERS["evidence"], evidence),
            "sources": (HEADERS["sources"], sources),
        },
        out,
    )
    return denials_note(snap, "CSV edges.csv")
