"""GraphML: entities as nodes, relation assertions as edges, the whole model kept.

Every assertion field is an edge attribute; evidence spans are a JSON list on the edge
and the sources (with their text) a JSON list on the graph, so
``orgmap import file.graphml`` rebuilds the same model. NetworkX
(``networkx.read_graphml``) and python-igraph (``Graph.Read_GraphML``) read every edge
(tested). Every edge is directed and carries ``symmetric``; a denied relation is an edge
with ``denied=true``, modality ``denied`` and weight 0 (filter on ``denied`` before
analysing ties; Gephi drops zero-weight edges on import). Characters XML cannot hold are
removed from names and notes, and the returned notes say from which record.

>>> from orgmap.store import Store
>>> store = Store.open(":memory:")
>>> graphml_bytes(store, store.ensure_case("empty"))[:38]
b"<?xml version='1.0' encoding='UTF-8'?>"
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

from orgmap.exports.snapshot import Snapshot, assertion_row, entity_row, source_row, spans, take_snapshot
from orgmap.exports.xmltext import XmlText
from orgmap.model import stored_id

__all__ = ["EDGE_KEYS", "GRAPH_KEYS", "NODE_KEYS", "NS", "graphml_bytes", "graphml_document", "write_graphml"]

NS = "http://graphml.graphdrawing.org/xmlns"
GRAPH_KEYS = {"case": "string", "title": "string", "sources": "string"}
NODE_KEYS = {
    "label": "string",
    "type": "string",
    "aliases": "string",
    "attributes": "string",
    "key": "string",
    "entity_assertions": "string",
}
EDGE_KEYS = {
    "label": "string",
    "predicate": "string",
    "qualifier": "string",
    "layer": "string",
    "modality": "string",
    "weight": "double",
    "attribution": "string",
    "reliability": "string",
    "credibility": "string",
    "grade": "string",
    "valid_from": "string",
    "valid_to": "string",
    "valid_from_bound": "string",
    "valid_to_bound": "string",
    "valid_text": "string",
    "reported_on": "string",
    "status": "string",
    "score": "double",
    "origin": "string",
    "note": "string",
    "key": "string",
    "assertion": "string",
    "symmetric": "boolean",
    "denied": "boolean",
    "evidence": "string",
}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _data(parent: etree._Element, key: str, value: Any, clean: XmlText, where: str) -> None:
    if isinstance(value, bool):
        value = "true" if value else "false"
    if value in ("", None):
        return
    el = etree.SubElement(parent, f"{{{NS}}}data", key=key)
    el.text = clean(value, f"{where} {key[2:]}")


def _tree(store: Any, snap: Snapshot, clean: XmlText) -> etree._Element:
    root = etree.Element(f"{{{NS}}}graphml", nsmap={None: NS})
    for kind, keys in (("graph", GRAPH_KEYS), ("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, typ in keys.items():
            etree.SubElement(
                root,
                f"{{{NS}}}key",
                {"id": f"{kind[0]}_{name}", "for": kind, "attr.name": name, "attr.type": typ},
            )
    graph = etree.SubElement(root, f"{{{NS}}}graph", id=snap.case, edgedefault="directed")
    _data(graph, "g_case", snap.case, clean, "case")
    _data(graph, "g_title", snap.title, clean, "case")
    sources = _dumps([source_row(s, snap.source_key[stored_id(s)]) for s in snap.sources])
    _data(graph, "g_sources", sources, clean, "case")
    own: dict[int, list[dict[str, Any]]] = {}
    for item in snap.assertions:
        if item.object is None:
            own.setdefault(stored_id(item.subject), []).append(
                {**assertion_row(snap, item), "spans": spans(snap, item)}
            )
    for e in snap.entities:
        row = entity_row(e)
        node = etree.SubElement(graph, f"{{{NS}}}node", id=row["id"])
        where = f"entity {row['id']}"
        _data(node, "n_label", e.name, clean, where)
        _data(node, "n_type", e.type, clean, where)
        _data(node, "n_aliases", _dumps(row["aliases"]) if row["aliases"] else "", clean, where)
        _data(node, "n_attributes", _dumps(row["attributes"]) if row["attributes"] else "", clean, where)
        _data(node, "n_key", e.key, clean, where)
        _data(node, "n_entity_assertions", _dumps(own[e.id]) if e.id in own else "", clean, where)
    for item in snap.relations:
        row = assertion_row(snap, item)
        # symmetric types stay directed edges with symmetric=true: NetworkX and igraph refuse mixed graphs
        attrs = {"id": row["assertion"], "source": row["subject"], "target": row["object"]}
        edge = etree.SubElement(graph, f"{{{NS}}}edge", attrs)
        where = f"relation {row['assertion']}"
        _data(edge, "e_label", row["predicate"], clean, where)
        _data(edge, "e_weight", store.schema.modalities[row["modality"]].weight, clean, where)
        for name in EDGE_KEYS:
            if name in row and name != "subject":
                _data(edge, f"e_{name}", row[name], clean, where)
        _data(edge, "e_symmetric", item.symmetric, clean, where)
        _data(edge, "e_evidence", _dumps(spans(snap, item)), clean, where)
    return root


def graphml_document(store: Any, case_id: int, status: str | None = "accepted") -> tuple[bytes, list[str]]:
    """The case as a GraphML document, and the notes (denials kept, characters removed)."""
    snap = take_snapshot(store, case_id, status)
    clean = XmlText()
    root = _tree(store, snap, clean)
    notes = (
        [
            f"{len(snap.denials)} denied relations kept as edges with denied=true and weight 0: filter on "
            "'denied' before analysing ties"
        ]
        if snap.denials
        else []
    )
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data, notes + clean.notes


def graphml_bytes(store: Any, case_id: int, status: str | None = "accepted") -> bytes:
    """The case as a GraphML document (see :func:`graphml_document`)."""
    return graphml_document(store, case_id, status)[0]


def write_graphml(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> list[str]:
    from orgmap.exports import write_bytes

    data, notes = graphml_document(store, case_id, status)
    write_bytes(data, out)
    return notes
