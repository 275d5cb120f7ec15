"""GEXF 1.3 for Gephi: a dynamic graph whose edges live for their valid time (spells).

Open the file in Gephi and enable the timeline: as it plays, a succession shows as one
``leads`` edge ending where the next begins. Open-ended valid times have no start or end
(they hold from, or until, infinity). Node and edge attributes carry type, layer,
modality, grade, status, attribution and the evidence quotes.

Every edge is directed (subject to object) and carries ``symmetric``: Gephi drops edges
whose type differs from the graph's default and NetworkX refuses mixed graphs. Denied
relations are left out (a denial is not a tie) and counted in the returned notes;
characters XML cannot hold are removed, naming the record.

>>> from orgmap.store import Store
>>> store = Store.open(":memory:")
>>> b'version="1.3"' in gexf_bytes(store, store.ensure_case("empty"))
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

from orgmap.exports.snapshot import assertion_row, denials_note, node_id, spans, take_snapshot
from orgmap.exports.xmltext import XmlText
from orgmap.model import stored_id

__all__ = ["EDGE_ATTRS", "NODE_ATTRS", "NS", "gexf_bytes", "gexf_document", "write_gexf"]

NS = "http://gexf.net/1.3"
NODE_ATTRS = {"type": "string", "aliases": "string", "key": "string", "attributes": "string"}
EDGE_ATTRS = {
    "predicate": "string",
    "qualifier": "string",
    "layer": "string",
    "modality": "string",
    "attribution": "string",
    "reliability": "string",
    "credibility": "string",
    "grade": "string",
    "status": "string",
    "valid_from_bound": "string",
    "valid_to_bound": "string",
    "valid_text": "string",
    "origin": "string",
    "assertion": "string",
    "symmetric": "boolean",
    "evidence": "string",
}


def _attributes(graph: etree._Element, cls: str, spec: dict[str, str]) -> None:
    block = etree.SubElement(graph, f"{{{NS}}}attributes", {"class": cls, "mode": "static"})
    for name, typ in spec.items():
        etree.SubElement(block, f"{{{NS}}}attribute", id=f"{cls[0]}_{name}", title=name, type=typ)


def _values(parent: etree._Element, cls: str, values: dict[str, Any], clean: XmlText, where: str) -> None:
    block = etree.SubElement(parent, f"{{{NS}}}attvalues")
    for name, value in values.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        if value not in ("", None):
            etree.SubElement(
                block,
                f"{{{NS}}}attvalue",
                {"for": f"{cls[0]}_{name}", "value": clean(value, f"{where} {name}")},
            )
    if len(block) == 0:
        parent.remove(block)


def gexf_document(store: Any, case_id: int, status: str | None = "accepted") -> tuple[bytes, list[str]]:
    """The case as a GEXF 1.3 document with time as spells, and the notes (what was left out)."""
    snap = take_snapshot(store, case_id, status)
    clean = XmlText()
    root = etree.Element(f"{{{NS}}}gexf", nsmap={None: NS}, version="1.3")
    meta = etree.SubElement(root, f"{{{NS}}}meta")
    etree.SubElement(meta, f"{{{NS}}}creator").text = "orgmap"
    etree.SubElement(meta, f"{{{NS}}}description").text = clean(snap.title or snap.case, "case title")
    graph = etree.SubElement(
        root,
        f"{{{NS}}}graph",
        mode="dynamic",
        defaultedgetype="directed",
        timeformat="date",
        timerepresentation="interval",
    )
    _attributes(graph, "node", NODE_ATTRS)
    _attributes(graph, "edge", EDGE_ATTRS)
    nodes = etree.SubElement(graph, f"{{{NS}}}nodes", count=str(len(snap.entities)))
    for e in snap.entities:
        where = f"entity {node_id(stored_id(e))}"
        node = etree.SubElement(
            nodes, f"{{{NS}}}node", id=node_id(stored_id(e)), label=clean(e.name, f"{where} name")
        )
        _values(
            node,
            "node",
            {
                "type": e.type,
                "key": e.key,
                "aliases": "|".join(e.aliases),
                "attributes": json.dumps(e.attributes, ensure_ascii=False, sort_keys=True, default=str)
                if e.attributes
                else "",
            },
            clean,
            where,
        )
    ties = snap.ties
    edges = etree.SubElement(graph, f"{{{NS}}}edges", count=str(len(ties)))
    for item in ties:
        row = assertion_row(snap, item)
        # every edge directed: Gephi drops edges of the other type, NetworkX refuses mixed graphs
        edge = etree.SubElement(
            edges,
            f"{{{NS}}}edge",
            {
                "id": row["assertion"],
                "source": row["subject"],
                "target": row["object"],
                "type": "directed",
                "label": row["predicate"],
                "kind": row["predicate"],
                "weight": repr(store.schema.modalities[row["modality"]].weight),
            },
        )
        evidence = json.dumps(spans(snap, item), ensure_ascii=False)
        _values(
            edge,
            "edge",
            {
                **{k: row[k] for k in EDGE_ATTRS if k in row},
                "symmetric": item.symmetric,
                "evidence": evidence,
            },
            clean,
            f"relation {row['assertion']}",
        )
        if row["valid_from"] or row["valid_to"]:
            spells = etree.SubElement(edge, f"{{{NS}}}spells")
            spell = etree.SubElement(spells, f"{{{NS}}}spell")
            if row["valid_from"]:
                spell.set("start", row["valid_from"])
            if row["valid_to"]:
                spell.set("end", row["valid_to"])
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data, denials_note(snap, "GEXF") + clean.notes


def gexf_bytes(store: Any, case_id: int, status: str | None = "accepted") -> bytes:
    """The case as a GEXF 1.3 document (see :func:`gexf_document`)."""
    return gexf_document(store, case_id, status)[0]


def write_gexf(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> list[str]:
    from orgmap.exports import write_bytes

    data, notes = gexf_document(store, case_id, status)
    write_bytes(data, out)
    return notes
