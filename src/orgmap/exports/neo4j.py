"""Neo4j: a Cypher script for ``cypher-shell``, and CSVs for ``neo4j-admin database import``.

Entities become ``(:Entity:Person {id, name, aliases, ...})`` nodes (label from the
entity type), relations ``-[:LEADS {assertion, layer, modality, grade, valid_from,
valid_to, quotes, spans, ...}]->`` relationships, sources ``(:Source {key, title, text,
...})`` nodes; each span names its source key. ``--out x.cypher`` (or stdout) writes the
script alone; ``--out FOLDER`` (or ``.zip``) writes the script, the CSVs and
``import.sh`` with the matching ``neo4j-admin`` command.

>>> print(cypher_string("it's"))
'it\\'s'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from orgmap.exports.snapshot import Snapshot, assertion_row, node_id, source_row, spans, take_snapshot
from orgmap.exports.tables import write_tables

__all__ = ["cypher_script", "cypher_string", "write_neo4j"]

REL_PROPS = ("assertion", "key", "layer", "modality", "attribution", "reliability", "credibility", "grade",
             "status", "valid_text", "origin")


def cypher_string(text: Any) -> str:
    """A Cypher string literal: quotes, backslashes and control characters escaped."""
    out = []
    for ch in str(text):
        if ch in "\\'\"":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def _label(name: str) -> str:
    """A backtick-quoted label or type (vocabulary names are plain, but never trust)."""
    return "`" + name.replace("`", "``") + "`"


def _map(values: dict[str, Any]) -> str:
    parts = []
    for k, v in values.items():
        if v in ("", None):
            continue
        if isinstance(v, list):
            lit = "[" + ", ".join(cypher_string(x) for x in v) + "]"
        elif k in ("valid_from", "valid_to"):
            lit = f"date({cypher_string(v)})"
        elif isinstance(v, (int, float)):
            lit = repr(v)
        else:
            lit = cypher_string(v)
        parts.append(f"{_label(k)}: {lit}")
    return "{" + ", ".join(parts) + "}"


def _type(predicate: str) -> str:
    return _label(predicate.upper())


def cypher_script(store: Any, snap: Snapshot) -> str:
    """Statements that load the snapshot into an empty (or shared) Neo4j database."""
    lines = ["// orgmap export of case " + json.dumps(snap.case, ensure_ascii=True),
             "CREATE CONSTRAINT orgmap_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;",
             "CREATE CONSTRAINT orgmap_source_key IF NOT EXISTS FOR (s:Source) REQUIRE s.key IS UNIQUE;"]
    for s in snap.sources:
        row = source_row(s, snap.source_key[s.id])
        key = row.pop("source")
        lines.append(f"MERGE (s:Source {{key: {cypher_string(snap.case + ':' + key)}}}) SET s += {_map(row)};")
    for e in snap.entities:
        label = store.schema.entity_type(e.type).exports.get("ftm") or e.type.title()
        props = {"name": e.name, "type": e.type, "aliases": list(e.aliases), "case": snap.case}
        lines.append(f"MERGE (n:Entity {{id: {cypher_string(snap.case + ':' + node_id(e.id))}}}) "
                     f"SET n:{_label(label)} SET n += {_map(props)};")
    for item in snap.relations:
        row = assertion_row(snap, item)
        props: dict[str, Any] = {k: row[k] for k in REL_PROPS}
        props.update(valid_from=row["valid_from"], valid_to=row["valid_to"], case=snap.case,
                     quotes=[sp["quote"] for sp in spans(snap, item)],
                     spans=[f"{sp['source']}:{sp['start']}-{sp['end']}" for sp in spans(snap, item)],
                     weight=store.schema.modalities[row["modality"]].weight)
        a = cypher_string(snap.case + ":" + row["subject"])
        b = cypher_string(snap.case + ":" + row["object"])
        lines.append(f"MATCH (a:Entity {{id: {a}}}), (b:Entity {{id: {b}}}) "
                     f"CREATE (a)-[:{_type(row['predicate'])} {_map(props)}]->(b);")
    return "\n".join(lines) + "\n"


def _admin_tables(store: Any, snap: Snapshot) -> dict[str, tuple[list[str], list[dict[str, Any]]]]:
    nodes = []
    for e in snap.entities:
        label = store.schema.entity_type(e.type).exports.get("ftm") or e.type.title()
        nodes.append({"id:ID": f"{snap.case}:{node_id(e.id)}", "name": e.name, "type": e.type,
                      "aliases": json.dumps(e.aliases, ensure_ascii=False), "case": snap.case,
                      ":LABEL": f"Entity;{label}"})
    rels = []
    for item in snap.relations:
        row = assertion_row(snap, item)
        rels.append({":START_ID": f"{snap.case}:{row['subject']}", ":END_ID": f"{snap.case}:{row['object']}",
                     ":TYPE": row["predicate"].upper(), **{k: row[k] for k in REL_PROPS},
                     "valid_from:date": row["valid_from"], "valid_to:date": row["valid_to"],
                     "weight:double": store.schema.modalities[row["modality"]].weight,
                     "evidence": json.dumps(spans(snap, item), ensure_ascii=False)})
    sources = [{"key:ID(Source)": f"{snap.case}:{snap.source_key[s.id]}", **{
        k: v for k, v in source_row(s, "").items() if k != "source"}, ":LABEL": "Source"} for s in snap.sources]
    rel_header = [":START_ID", ":END_ID", ":TYPE", *REL_PROPS, "valid_from:date", "valid_to:date",
                  "weight:double", "evidence"]
    return {"entities": (list(nodes[0]) if nodes else ["id:ID", "name", "type", "aliases", "case", ":LABEL"],
                         nodes),
            "relationships": (rel_header, rels),
            "sources": ([ "key:ID(Source)", "title", "author", "publisher", "published", "origin", "kind",
                          "reliability", "media_type", "sha256", "text", ":LABEL"], sources)}


IMPORT_SH = """#!/bin/sh
# Load into a new, stopped Neo4j 5 database called orgmap (run from this folder).
neo4j-admin database import full orgmap --overwrite-destination \\
  --nodes=entities.csv --nodes=sources.csv --relationships=relationships.csv \\
  --multiline-fields=true --skip-bad-relationships=false
"""


def write_neo4j(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> None:
    from orgmap.exports import write_text

    snap = take_snapshot(store, case_id, status)
    script = cypher_script(store, snap)
    if out is None or Path(out).suffix.lower() == ".cypher":
        write_text(script, out)
        return
    write_tables(_admin_tables(store, snap), Path(out), extra={"load.cypher": script, "import.sh": IMPORT_SH},
                 guarded=False)
