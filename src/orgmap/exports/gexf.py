"""GEXF 1.3 for Gephi: a dynamic graph whose edges live for their valid time (spells).

Open the file in Gephi and enable the timeline: as it plays, a succession shows as one
``leads`` edge ending where the next begins. Open-ended valid times have no start or end
(they hold from, or until, infinity). Node and edge attributes carry type, layer,
modality, grade, status, attribution and the evidence quotes.

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

from orgmap.exports.snapshot import assertion_row, node_id, spans, take_snapshot

__all__ = ["NS", "NODE_ATTRS", "EDGE_ATTRS", "gexf_bytes", "write_gexf"]

NS = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NODE_ATTRS = {"type": "string", "aliases": "string", "key": "string", "attributes": "string"}
EDGE_ATTRS = {"predicate": "string", "layer": "string", "modality": "string", "attribution": "string",
              "reliability": "string", "credibility": "string", "grade": "string", "status": "string",
              "valid_text": "string", "origin": "string", "assertion": "string", "evidence": "string"}


def _attributes(graph: etree._Element, cls: str, spec: dict[str, str]) -> None:
    block = etree.SubElement(graph, f"{{{NS}}}attributes", {"class": cls, "mode": "static"})
    for name, typ in spec.items():
        etree.SubElement(block, f"{{{NS}}}attribute", id=f"{cls[0]}_{name}", title=name, type=typ)


def _values(parent: etree._Element, cls: str, values: dict[str, Any]) -> None:
    block = etree.SubElement(parent, f"{{{NS}}}attvalues")
    for name, value in values.items():
        if value not in ("", None):
            etree.SubElement(block, f"{{{NS}}}attvalue", {"for": f"{cls[0]}_{name}", "value": str(value)})
    if len(block) == 0:
        parent.remove(block)


def gexf_bytes(store: Any, case_id: int, status: str | None = "accepted") -> bytes:
    """The case as a GEXF 1.3 document with time as spells."""
    snap = take_snapshot(store, case_id, status)
    root = etree.Element(f"{{{NS}}}gexf", nsmap={None: NS, "xsi": XSI}, version="1.3")
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {NS}/gexf.xsd")
    meta = etree.SubElement(root, f"{{{NS}}}meta")
    etree.SubElement(meta, f"{{{NS}}}creator").text = "orgmap"
    etree.SubElement(meta, f"{{{NS}}}description").text = snap.title or snap.case
    graph = etree.SubElement(root, f"{{{NS}}}graph", mode="dynamic", defaultedgetype="directed",
                             timeformat="date", timerepresentation="interval")
    _attributes(graph, "node", NODE_ATTRS)
    _attributes(graph, "edge", EDGE_ATTRS)
    nodes = etree.SubElement(graph, f"{{{NS}}}nodes", count=str(len(snap.entities)))
    for e in snap.entities:
        node = etree.SubElement(nodes, f"{{{NS}}}node", id=node_id(e.id), label=e.name)
        _values(node, "node", {"type": e.type, "key": e.key,
                               "aliases": "|".join(e.aliases),
                               "attributes": json.dumps(e.attributes, ensure_ascii=False, sort_keys=True,
                                                        default=str) if e.attributes else ""})
    rels = snap.relations
    edges = etree.SubElement(graph, f"{{{NS}}}edges", count=str(len(rels)))
    for item in rels:
        row = assertion_row(snap, item)
        edge = etree.SubElement(edges, f"{{{NS}}}edge", {
            "id": row["assertion"], "source": row["subject"], "target": row["object"],
            "type": "undirected" if item.symmetric else "directed", "label": row["predicate"],
            "kind": row["predicate"], "weight": repr(store.schema.modalities[row["modality"]].weight)})
        evidence = json.dumps(spans(snap, item), ensure_ascii=False)
        _values(edge, "edge", {**{k: row[k] for k in EDGE_ATTRS if k in row}, "evidence": evidence})
        if row["valid_from"] or row["valid_to"]:
            spells = etree.SubElement(edge, f"{{{NS}}}spells")
            spell = etree.SubElement(spells, f"{{{NS}}}spell")
            if row["valid_from"]:
                spell.set("start", row["valid_from"])
            if row["valid_to"]:
                spell.set("end", row["valid_to"])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_gexf(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> None:
    from orgmap.exports import write_bytes

    write_bytes(gexf_bytes(store, case_id, status), out)
