"""DyNetML, the meta-network format of CMU's ORA.

Node classes come from the vocabulary's ``dynetml`` export of each entity type (agent,
organization, location, event). ORA keeps one network per pair of node classes and
link type, so each relation type becomes one network per (source class, target class)
pair, with id ``"<relation> (<source class> x <target class>)"``. A link's value is the
modality weight. Links carry nothing else (ORA's link element has no property list), so
grades, valid time and evidence stay behind: use GraphML or GEXF when they matter.

>>> from orgmap.store import Store
>>> store = Store.open(":memory:")
>>> dynetml_bytes(store, store.ensure_case("empty"))[:38]
b"<?xml version='1.0' encoding='UTF-8'?>"
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from lxml import etree

from orgmap.exports.snapshot import assertion_row, node_id, take_snapshot

__all__ = ["node_class", "dynetml_bytes", "write_dynetml"]

def node_class(schema: Any, entity_type: str) -> str:
    """The ORA node class of an entity type, from the vocabulary (``dynetml`` export)."""
    return schema.entity_type(entity_type).exports.get("dynetml") or "agent"


def _properties(parent: etree._Element, values: dict[str, Any]) -> None:
    block = etree.SubElement(parent, "properties")
    for name, value in values.items():
        if value not in ("", None):
            etree.SubElement(block, "property", id=name, value=str(value))


def dynetml_bytes(store: Any, case_id: int, status: str | None = "accepted") -> bytes:
    """The case as a DyNetML ``DynamicMetaNetwork`` with one ``MetaNetwork``."""
    schema = store.schema
    snap = take_snapshot(store, case_id, status)
    root = etree.Element("DynamicMetaNetwork", id=snap.case)
    meta = etree.SubElement(root, "MetaNetwork", id=snap.case)
    nodes = etree.SubElement(meta, "nodes")
    by_class: dict[str, list[Any]] = defaultdict(list)
    cls_of = {}
    for e in snap.entities:
        cls_of[e.id] = node_class(schema, e.type)
        by_class[cls_of[e.id]].append(e)
    for cls in sorted(by_class):
        block = etree.SubElement(nodes, "nodeclass", type=cls, id=cls)
        for e in by_class[cls]:
            node = etree.SubElement(block, "node", id=node_id(e.id), title=e.name)
            _properties(node, {"type": e.type, "aliases": "|".join(e.aliases)})
    networks = etree.SubElement(meta, "networks")
    groups: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for item in snap.relations:
        groups[(item.assertion.predicate, cls_of[item.subject.id], cls_of[item.object.id])].append(item)
    for (pred, src, tgt), items in sorted(groups.items()):
        net = etree.SubElement(networks, "network", {
            "id": f"{pred} ({src} x {tgt})", "sourceType": src, "source": src, "targetType": tgt,
            "target": tgt, "isDirected": "false" if schema.relation(pred).symmetric else "true",
            "allowSelfLoops": "false", "isBinary": "false"})
        for item in items:
            row = assertion_row(snap, item)
            etree.SubElement(net, "link", source=row["subject"], target=row["object"],
                             type="double", value=repr(schema.modalities[row["modality"]].weight))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_dynetml(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> None:
    from orgmap.exports import write_bytes

    write_bytes(dynetml_bytes(store, case_id, status), out)
