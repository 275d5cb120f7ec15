"""Neo4j: a Cypher script for ``cypher-shell``, and CSVs for ``neo4j-admin database import``.

Both paths build the same graph: ``(:Entity:Person {id, name, type, aliases, case_name})``
nodes (the second label from the entity type), ``(:Source {key, title, text, ...})``
nodes, and one ``-[:LEADS {assertion, layer, modality, grade, valid_from, valid_to,
evidence, weight, ...}]->`` relationship per tie. ``aliases`` and ``evidence`` (the spans:
source key, start, end, quote) are JSON strings in both. Ids are prefixed with the case
name, so several cases can share a database. Denied relations are not ties and are left
out (counted in the returned notes).

The script is safe to run again: every node and relationship is ``MERGE``d on its stable
key (entity id, source key, assertion id) and its other properties ``SET``, so a second
run changes nothing. It loads into whatever database ``cypher-shell`` is connected to (by
default ``neo4j``, the only one Neo4j Community serves). Apart from the two constraints
and the label statements, the script is plain openCypher: the test suite runs it, twice,
in the embedded engine Kuzu.

``--out x.cypher`` (or stdout) writes the script alone; ``--out FOLDER`` (or ``.zip``)
writes the script, the CSVs and ``import.sh`` with the matching ``neo4j-admin`` command.

>>> print(cypher_string("it's"))
'it\\'s'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from orgmap.exports.snapshot import (
    Snapshot,
    assertion_row,
    denials_note,
    node_id,
    source_row,
    spans,
    take_snapshot,
)
from orgmap.exports.tables import write_tables
from orgmap.model import stored_id

__all__ = ["cypher_script", "cypher_string", "write_neo4j"]

REL_PROPS = (
    "assertion",
    "key",
    "qualifier",
    "layer",
    "modality",
    "attribution",
    "reliability",
    "credibility",
    "grade",
    "status",
    "valid_from_bound",
    "valid_to_bound",
    "valid_text",
    "origin",
)
SOURCE_PROPS = (
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
)


def cypher_string(text: Any) -> str:
    """An openCypher string literal: quote and backslash escaped, C0 controls other than tab, newline
    and CR as ``\\uXXXX``; everything else (newlines, U+2028, any script) as it is, which openCypher
    allows inside a literal.

    >>> print(cypher_string('Ali "the boss" \\\\ Reza'))
    'Ali "the boss" \\\\ Reza'
    >>> cypher_string("it's"), cypher_string("bell\\x07")
    ("'it\\\\'s'", "'bell\\\\u0007'")
    """
    out = []
    for ch in str(text):
        if ch in "\\'":
            out.append("\\" + ch)
        elif ord(ch) < 32 and ch not in "\t\n\r":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def _label(name: str) -> str:
    """A backtick-quoted label or type (vocabulary names are plain, but never trust)."""
    return "`" + name.replace("`", "``") + "`"


def _literal(name: str, value: Any) -> str:
    if name in ("valid_from", "valid_to"):
        return f"date({cypher_string(value)})"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    return cypher_string(value)


def _sets(var: str, values: dict[str, Any]) -> str:
    """``SET v.a = .., v.b = ..`` for the non-empty values (works in Neo4j and Kuzu alike)."""
    parts = [f"{var}.{_label(k)} = {_literal(k, v)}" for k, v in values.items() if v not in ("", None)]
    return (" SET " + ", ".join(parts)) if parts else ""


def _type(predicate: str) -> str:
    return _label(predicate.upper())


def entity_label(store: Any, entity_type: str) -> str:
    return store.schema.entity_type(entity_type).exports.get("ftm") or entity_type.title()


def _entity_props(snap: Snapshot, e: Any) -> dict[str, Any]:
    return {
        "name": e.name,
        "type": e.type,
        "aliases": json.dumps(list(e.aliases), ensure_ascii=False),
        "case_name": snap.case,
    }


def _rel_props(store: Any, snap: Snapshot, item: Any) -> dict[str, Any]:
    row = assertion_row(snap, item)
    return {
        **{k: row[k] for k in REL_PROPS},
        "valid_from": row["valid_from"],
        "valid_to": row["valid_to"],
        "case_name": snap.case,
        "evidence": json.dumps(spans(snap, item), ensure_ascii=False),
        "weight": store.schema.modalities[row["modality"]].weight,
    }


def cypher_script(store: Any, snap: Snapshot) -> str:
    """Statements that load the snapshot into an empty or shared database; a second run changes nothing."""
    lines = [
        "// orgmap export of case "
        + json.dumps(snap.case, ensure_ascii=True)
        + ": cypher-shell -f load.cypher (safe to run again)",
        "CREATE CONSTRAINT orgmap_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;",
        "CREATE CONSTRAINT orgmap_source_key IF NOT EXISTS FOR (s:Source) REQUIRE s.key IS UNIQUE;",
    ]
    for s in snap.sources:
        row = source_row(s, snap.source_key[stored_id(s)])
        key = cypher_string(snap.case + ":" + row["source"])
        lines.append(f"MERGE (s:Source {{key: {key}}}){_sets('s', {k: row[k] for k in SOURCE_PROPS})};")
    for e in snap.entities:
        ident = cypher_string(snap.case + ":" + node_id(stored_id(e)))
        lines.append(f"MERGE (n:Entity {{id: {ident}}}){_sets('n', _entity_props(snap, e))};")
        lines.append(f"MATCH (n:Entity {{id: {ident}}}) SET n:{_label(entity_label(store, e.type))};")
    for item in snap.ties:
        assert item.assertion.predicate is not None  # ties are relations
        props = _rel_props(store, snap, item)
        a = cypher_string(snap.case + ":" + node_id(stored_id(item.subject)))
        b = cypher_string(snap.case + ":" + node_id(stored_id(item.target)))
        key = cypher_string(props.pop("assertion"))
        lines.append(
            f"MATCH (a:Entity {{id: {a}}}), (b:Entity {{id: {b}}}) "
            f"MERGE (a)-[r:{_type(item.assertion.predicate)} {{assertion: {key}}}]->(b)"
            f"{_sets('r', props)};"
        )
    return "\n".join(lines) + "\n"


ENTITY_HEADER = ["id:ID", "name", "type", "aliases", "case_name", ":LABEL"]
REL_HEADER = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    *REL_PROPS,
    "valid_from:date",
    "valid_to:date",
    "case_name",
    "evidence",
    "weight:double",
]
SOURCE_HEADER = ["key:ID(Source)", *SOURCE_PROPS, ":LABEL"]


def _admin_tables(store: Any, snap: Snapshot) -> dict[str, tuple[list[str], list[dict[str, Any]]]]:
    """The same nodes, relationships and properties as :func:`cypher_script`, as neo4j-admin CSVs."""
    nodes = [
        {
            "id:ID": f"{snap.case}:{node_id(stored_id(e))}",
            **_entity_props(snap, e),
            ":LABEL": f"Entity;{entity_label(store, e.type)}",
        }
        for e in snap.entities
    ]
    rels = []
    for item in snap.ties:
        assert item.assertion.predicate is not None  # ties are relations
        props = _rel_props(store, snap, item)
        typed = {
            "valid_from:date": props.pop("valid_from"),
            "valid_to:date": props.pop("valid_to"),
            "weight:double": props.pop("weight"),
        }
        rels.append(
            {
                ":START_ID": f"{snap.case}:{node_id(stored_id(item.subject))}",
                ":END_ID": f"{snap.case}:{node_id(stored_id(item.target))}",
                ":TYPE": item.assertion.predicate.upper(),
                **props,
                **typed,
            }
        )
    sources = [
        {
            "key:ID(Source)": f"{snap.case}:{snap.source_key[stored_id(s)]}",
            **{k: source_row(s, "")[k] for k in SOURCE_PROPS},
            ":LABEL": "Source",
        }
        for s in snap.sources
    ]
    return {
        "entities": (ENTITY_HEADER, nodes),
        "relationships": (REL_HEADER, rels),
        "sources": (SOURCE_HEADER, sources),
    }


IMPORT_SH = """#!/bin/sh
# Load into Neo4j 5's default database "neo4j" - the only database Neo4j Community serves.
# Stop the server first. --overwrite-destination REPLACES everything in that database;
# to add to a running database instead, use load.cypher with cypher-shell.
neo4j-admin database import full neo4j --overwrite-destination \\
  --nodes=entities.csv --nodes=sources.csv --relationships=relationships.csv \\
  --multiline-fields=true --skip-bad-relationships=false
"""


def write_neo4j(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> list[str]:
    from orgmap.exports import write_text

    snap = take_snapshot(store, case_id, status)
    script = cypher_script(store, snap)
    if out is None or Path(out).suffix.lower() == ".cypher":
        write_text(script, out)
    else:
        extra = {"load.cypher": script, "import.sh": IMPORT_SH}
        write_tables(_admin_tables(store, snap), Path(out), extra=extra, guarded=False)
    return denials_note(snap, "Neo4j")
