"""Read back a GraphML file that ``orgmap export --format graphml`` wrote.

Other tools' GraphML lacks evidence, and orgmap never stores an assertion without it,
so a file without the ``sources`` graph attribute and edge ``evidence`` is refused with
the line of the first edge that lacks them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

from orgmap.exports.graphml import NS
from orgmap.imports.bundle import Bundle, ImportFailed
from orgmap.imports.xmlsafe import parse_xml

__all__ = ["read_graphml"]


def _json(text: str | None, where: str, what: str) -> Any:
    try:
        return json.loads(text) if text else None
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{where}: {what} is not valid JSON ({exc.msg})") from None


def read_graphml(path: Path) -> Bundle:
    """The sources, entities and assertions of a GraphML export; other tools' GraphML is refused.

    >>> import pathlib, tempfile
    >>> from orgmap.model import Assertion, Entity, Evidence, Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> src = store.add_source(case, Source(text="Ali leads the Unit.", key="memo"))
    >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
    >>> _ = store.add_assertion(case, Assertion(ali, "leads", unit, status="accepted",
    ...                                         evidence=[Evidence(src, 0, 18)]))
    >>> from orgmap.exports.graphml import write_graphml
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "demo.graphml"
    >>> write_graphml(store, case, out)
    []
    >>> bundle = read_graphml(out)
    >>> len(bundle.sources), [e["name"] for e in bundle.entities], bundle.assertions[0]["predicate"]
    (1, ['Ali', 'Unit'], 'leads')
    >>> _ = out.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph/></graphml>')
    >>> read_graphml(out)
    Traceback (most recent call last):
    ...
    orgmap.imports.bundle.ImportFailed: demo.graphml: line 1: no 'sources' graph attribute: only GraphML written by orgmap carries the evidence an import needs
    """
    """Parse ``path`` into a :class:`Bundle` (nothing is written yet)."""
    root = parse_xml(path)
    name = Path(path).name
    if root.tag != f"{{{NS}}}graphml":
        raise ImportFailed(f"{name}: line {root.sourceline}: not a GraphML document (root <{root.tag}>)")
    keys = {k.get("id"): (k.get("for"), k.get("attr.name")) for k in root.iter(f"{{{NS}}}key")}
    graph = root.find(f"{{{NS}}}graph")
    if graph is None:
        raise ImportFailed(f"{name}: no <graph> element")

    def data(el: etree._Element) -> dict[str, str]:
        out = {}
        for d in el.findall(f"{{{NS}}}data"):
            if d.get("key") not in keys:
                raise ImportFailed(
                    f"{name}: line {d.sourceline}: data refers to undeclared key {d.get('key')!r}"
                )
            out[keys[d.get("key")][1]] = d.text or ""
        return out

    g = data(graph)
    bundle = Bundle(
        case=g.get("case") or graph.get("id") or Path(path).stem, title=g.get("title", ""), origin=name
    )
    where = f"{name}: line {graph.sourceline}"
    sources = _json(g.get("sources"), where, "graph attribute 'sources'")
    if not sources:
        raise ImportFailed(
            f"{where}: no 'sources' graph attribute: only GraphML written by orgmap "
            "carries the evidence an import needs"
        )
    bundle.sources = [dict(s, _where=where) for s in sources]
    for node in graph.iter(f"{{{NS}}}node"):
        d, where = data(node), f"{name}: line {node.sourceline}"
        bundle.entities.append(
            {
                "id": node.get("id"),
                "type": d.get("type"),
                "name": d.get("label", ""),
                "aliases": _json(d.get("aliases"), where, "aliases") or [],
                "attributes": _json(d.get("attributes"), where, "attributes") or {},
                "key": d.get("key", ""),
                "_where": where,
            }
        )
        for a in _json(d.get("entity_assertions"), where, "entity_assertions") or []:
            bundle.assertions.append({**a, "subject": node.get("id"), "_where": where})
    for edge in graph.iter(f"{{{NS}}}edge"):
        d, where = data(edge), f"{name}: line {edge.sourceline}"
        evidence = _json(d.get("evidence"), where, "evidence")
        if not evidence:
            raise ImportFailed(f"{where}: edge {edge.get('id')!r} has no evidence spans")
        bundle.assertions.append(
            {
                **d,
                "predicate": d.get("predicate") or d.get("label"),
                "subject": edge.get("source"),
                "object": edge.get("target"),
                "spans": evidence,
                "_where": where,
            }
        )
    return bundle
