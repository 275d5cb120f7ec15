"""The structural question: do the key network measures depend on contested claims?

A *contested* assertion is one whose modality is not ``asserted`` (reported, believed,
hedged). Denied assertions (modality weight 0) are never ties. Degree and betweenness of every actor are computed on the accepted
relations with the contested ones in, and again with them out (undirected, simple graph;
betweenness normalised by (n-1)(n-2)/2 as NetworkX does for undirected graphs).

Uses ``orgmap.network.build_view`` when that module provides it; otherwise a minimal
igraph view built here from ``store.relations``.

>>> from orgmap.store import Store
>>> from orgmap.model import Assertion, Entity, Evidence, Source
>>> s = Store.open(":memory:"); case = s.ensure_case("demo")
>>> src = s.add_source(case, Source(text="A B C"))
>>> a, b, c = (s.add_entity(case, Entity("person", n)) for n in "ABC")
>>> ev = [Evidence(src, 0, 1)]
>>> _ = s.add_assertions(case, [Assertion(a, "personal_tie", b, ev, status="accepted"),
...     Assertion(b, "personal_tie", c, ev, status="accepted", modality="hedged")])
>>> r = contested_effect(s, case)
>>> r.rows[0].name, r.rows[0].betweenness_in, r.rows[0].betweenness_out
('B', 1.0, 0.0)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import igraph as ig

from orgmap.model import stored_id
from orgmap.store import Relation, Store

__all__ = ["ActorShift", "StructuralEffect", "contested_effect", "measures", "simple_graph"]


@dataclass
class ActorShift:
    name: str
    degree_in: int
    degree_out: int
    betweenness_in: float
    betweenness_out: float
    rank_in: int  # by betweenness, 1 = most central
    rank_out: int


@dataclass
class StructuralEffect:
    contested: int  # contested relations left out in the second view
    total: int
    rows: list[ActorShift]  # by betweenness with contested claims in
    engine: str  # which code built the graphs

    @property
    def top_changed(self) -> bool:
        return bool(self.rows) and self.rows[0].rank_out != 1


def simple_graph(relations: Iterable[Relation]) -> ig.Graph:
    """An undirected simple graph over canonical entities (vertex attribute ``name``).

    >>> from orgmap.model import Assertion, Entity
    >>> from orgmap.store import Relation
    >>> ali, bob = Entity("person", "Ali", id=1), Entity("person", "Bob", id=2)
    >>> rels = [Relation(Assertion(1, "personal_tie", 2), ali, bob, "personal_tie", "informal", True)] * 2
    >>> g = simple_graph(rels)
    >>> g.vs["name"], g.ecount(), measures(g)
    (['Ali', 'Bob'], 1, {'Ali': (1, 0.0), 'Bob': (1, 0.0)})
    """
    names: dict[int, str] = {}
    edges: set[tuple[int, int]] = set()
    for r in relations:
        s, o = stored_id(r.subject), stored_id(r.object)
        names[s], names[o] = r.subject.name, r.object.name
        if s != o:
            edges.add((min(s, o), max(s, o)))
    ids = sorted(names)
    index = {eid: n for n, eid in enumerate(ids)}
    g = ig.Graph(n=len(ids), edges=sorted((index[a], index[b]) for a, b in edges))
    g.vs["name"] = [names[i] for i in ids]
    g.vs["entity_id"] = ids
    return g


def measures(g: ig.Graph) -> dict[str, tuple[int, float]]:
    """Actor name -> (degree, normalised betweenness)."""
    n = g.vcount()
    scale = (n - 1) * (n - 2) / 2 if n > 2 else 1.0
    between = g.betweenness(directed=False) if n else []
    return {v["name"]: (g.degree(v.index), round(between[v.index] / scale, 9)) for v in g.vs}


def _network_graph(store: Store, case_id: int, as_of: date | None, keep_contested: bool) -> ig.Graph | None:
    """The network engineer's view (:func:`orgmap.network.build_view`); None when it is empty."""
    from orgmap.network import EmptyView, build_view, collapse

    try:
        g = build_view(store, case_id, as_of=as_of)
    except EmptyView:
        return None
    if not keep_contested and "modality" in g.es.attributes():
        g.delete_edges([e.index for e in g.es if e["modality"] != "asserted"])
    return collapse(g)  # undirected simple graph, vertex names kept


def contested_effect(
    store: Store, case_id: int, *, as_of: date | None = None, relations: list[Relation] | None = None
) -> StructuralEffect:
    """Degree and betweenness of every actor with contested relations in and out."""
    rels = relations if relations is not None else store.relations(case_id, as_of=as_of)
    rels = [r for r in rels if store.schema.modality(r.assertion.modality).weight > 0]  # denied: not a tie
    firm = [r for r in rels if r.assertion.modality == "asserted"]
    engine = "orgmap.weigh.structural"
    g_in, g_out = simple_graph(rels), simple_graph(firm)
    if relations is None:
        other_in = _network_graph(store, case_id, as_of, True)
        other_out = _network_graph(store, case_id, as_of, False)
        if other_in is not None and other_out is not None and "name" in other_in.vs.attributes():
            g_in, g_out, engine = other_in, other_out, "orgmap.network.build_view"
    m_in, m_out = measures(g_in), measures(g_out)
    order_in = sorted(m_in, key=lambda k: (-m_in[k][1], -m_in[k][0], k))
    order_out = sorted(m_out, key=lambda k: (-m_out[k][1], -m_out[k][0], k))
    rank_out = {k: n for n, k in enumerate(order_out, 1)}
    rows = [
        ActorShift(
            k,
            m_in[k][0],
            m_out.get(k, (0, 0.0))[0],
            m_in[k][1],
            m_out.get(k, (0, 0.0))[1],
            n,
            rank_out.get(k, len(order_out) + 1),
        )
        for n, k in enumerate(order_in, 1)
    ]
    return StructuralEffect(len(rels) - len(firm), len(rels), rows, engine)
