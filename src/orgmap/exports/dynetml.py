"""DyNetML, the meta-network format of CMU's ORA, written the way ORA's own tools write it.

Node classes come from the vocabulary's ``dynetml`` export of each entity type, with ORA's
class names (``Agent``, ``Organization``, ``Location``, ``Event``). Each node class
declares its node properties in ``propertyIdentities`` (id, ORA type ``text`` or
``categoryText``, ``singleValued``), and each node lists its ``property`` values. The
structure follows CMU's ``dynetml2other`` reader, written for ORA's files (``nodeclass``
with ``propertyIdentities``, nodes with ``property`` children, ``properties`` and
``propertyIdentities`` on the ``MetaNetwork``); CMU's Construct simulator writes node
properties and their identities the same way. Not checked in ORA itself.

Each relation type becomes one network per (source class, target class) pair, with id
``"<relation> (<source class> x <target class>)"``. ORA holds one value per matrix cell,
so several relations of a type between the same two nodes become one link whose value is
the strongest modality weight among them. Denied relations are left out (a denial is not
a tie; ORA would read its 0 as no link, or it would overwrite another) and counted in the
returned notes. Links carry nothing else, so grades, valid time and evidence stay behind:
use GraphML or GEXF alongside when they matter.

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

from orgmap.exports.snapshot import denials_note, node_id, take_snapshot
from orgmap.exports.xmltext import XmlText
from orgmap.model import stored_id

__all__ = ["ORA_CLASSES", "dynetml_bytes", "dynetml_document", "node_class", "write_dynetml"]

ORA_CLASSES = (
    "Agent",
    "Organization",
    "Location",
    "Event",
    "Resource",
    "Knowledge",
    "Task",
    "Belief",
    "Role",
)
# node property -> ORA property type
NODE_PROPERTIES = {"type": "categoryText", "aliases": "text"}


def node_class(schema: Any, entity_type: str) -> str:
    """The ORA node class of an entity type, from the vocabulary (``dynetml`` export).

    >>> from orgmap.schema import load_schema
    >>> node_class(load_schema(), "person")
    'Agent'
    """
    name = schema.entity_type(entity_type).exports.get("dynetml") or "Agent"
    if name not in ORA_CLASSES:
        raise ValueError(
            f"vocabulary: entity type {entity_type!r} exports to DyNetML class {name!r}, "
            f"which is not an ORA node class ({', '.join(ORA_CLASSES)})"
        )
    return name


def dynetml_document(store: Any, case_id: int, status: str | None = "accepted") -> tuple[bytes, list[str]]:
    """The case as a DyNetML ``DynamicMetaNetwork`` with one ``MetaNetwork``, and the notes."""
    schema = store.schema
    snap = take_snapshot(store, case_id, status)
    clean = XmlText()
    root = etree.Element("DynamicMetaNetwork", id=clean(snap.case, "case name"))
    meta = etree.SubElement(root, "MetaNetwork", id=clean(snap.case, "case name"))
    etree.SubElement(meta, "properties")
    etree.SubElement(meta, "propertyIdentities")
    nodes = etree.SubElement(meta, "nodes")
    by_class: dict[str, list[Any]] = defaultdict(list)
    cls_of = {}
    for e in snap.entities:
        cls_of[e.id] = node_class(schema, e.type)
        by_class[cls_of[e.id]].append(e)
    for cls in sorted(by_class):
        block = etree.SubElement(nodes, "nodeclass", type=cls, id=cls)
        idents = etree.SubElement(block, "propertyIdentities")
        for name, typ in NODE_PROPERTIES.items():
            etree.SubElement(idents, "propertyIdentity", id=name, type=typ, singleValued="true")
        for e in by_class[cls]:
            where = f"entity {node_id(stored_id(e))}"
            node = etree.SubElement(
                block, "node", id=node_id(stored_id(e)), title=clean(e.name, f"{where} name")
            )
            for name, value in (("type", e.type), ("aliases", "|".join(e.aliases))):
                if value:
                    etree.SubElement(node, "property", id=name, value=clean(value, f"{where} {name}"))
    networks = etree.SubElement(meta, "networks")
    cells: dict[tuple[str, str, str], dict[tuple[str, str], float]] = defaultdict(dict)
    for item in snap.ties:
        assert item.assertion.predicate is not None  # ties are relations
        key = (item.assertion.predicate, cls_of[stored_id(item.subject)], cls_of[stored_id(item.target)])
        cell = (node_id(stored_id(item.subject)), node_id(stored_id(item.target)))
        weight = schema.modalities[item.assertion.modality].weight
        cells[key][cell] = max(weight, cells[key].get(cell, 0.0))  # one link per cell: the strongest
    for (pred, src, tgt), links in sorted(cells.items()):
        net = etree.SubElement(
            networks,
            "network",
            {
                "id": f"{pred} ({src} x {tgt})",
                "sourceType": src,
                "source": src,
                "targetType": tgt,
                "target": tgt,
                "isDirected": "false" if schema.relation(pred).symmetric else "true",
                "allowSelfLoops": "false",
                "isBinary": "false",
            },
        )
        for (a, b), value in sorted(links.items()):
            etree.SubElement(net, "link", source=a, target=b, value=repr(value))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data, denials_note(snap, "DyNetML") + clean.notes


def dynetml_bytes(store: Any, case_id: int, status: str | None = "accepted") -> bytes:
    """The case as DyNetML (see :func:`dynetml_document`)."""
    return dynetml_document(store, case_id, status)[0]


def write_dynetml(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> list[str]:
    from orgmap.exports import write_bytes

    data, notes = dynetml_document(store, case_id, status)
    write_bytes(data, out)
    return notes
