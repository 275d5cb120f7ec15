"""Views: from the store to an igraph graph, and back out to NetworkX.

A *view* is a directed igraph multigraph: one edge per accepted relation assertion,
so two sources stating the same tie give two typed edges. Symmetric relation types
(``personal_tie``, ``allied_with``, ``met_with``) are stored once with
``symmetric=True``; :func:`collapse` turns a view into the simple graph a measure needs.

Vertex attributes: ``name`` (unique display name), ``type``, ``entity_id``, ``kind``, ``size``,
``groups`` (organizations the actor belongs to by the vocabulary's heads, deputies,
membership or unit relations: ``Schema.roles.group_relations``) and
``group`` (the first of them, or the organization itself when it belongs to none).
Edge attributes: ``type``, ``layer``, ``weight``, ``keep``, ``modality``, ``grade``,
``assertion_id``, ``symmetric``.

Views built from CSV files or rows come from :mod:`orgmap.network.edgelist`.

>>> from orgmap.network.edgelist import view_from_rows
>>> g = view_from_rows([("a", "b", 1.0), ("b", "c", 0.5)])
>>> g.vcount(), g.ecount(), collapse(g).is_directed()
(3, 2, False)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import igraph as ig

from orgmap.network.weights import KeepRule

__all__ = [
    "EmptyView",
    "build_view",
    "collapse",
    "layer_subgraph",
    "to_networkx",
    "view_from_relations",
]


class EmptyView(ValueError):
    """A view with no edge: nothing to measure. The message says which filters emptied it."""


def build_view(
    store: Any,
    case_id: int,
    *,
    as_of: date | None = None,
    layers: Sequence[str] | None = None,
    min_grade: str | None = None,
    status: Sequence[str] | str | None = ("accepted",),
    keep_rule: KeepRule | None = None,
    include_denied: bool = False,
) -> ig.Graph:
    """The case's relations as a typed directed multigraph (see the module docstring).

    ``layers`` selects layers by name (all by default); ``as_of`` keeps what held on that
    date; ``min_grade`` (e.g. ``"C"`` or ``"B2"``) drops worse-graded assertions. Denied
    assertions (weight 0) are left out unless ``include_denied``. Raises :class:`EmptyView`
    when nothing is left.

    >>> from orgmap.model import Assertion, Entity, Evidence, Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> src = store.add_source(case, Source(text="Ali leads the Unit. Ali and Bob are friends."))
    >>> ali, bob, unit = (store.add_entity(case, Entity(t, n))
    ...                   for t, n in [("person", "Ali"), ("person", "Bob"), ("organization", "Unit")])
    >>> for s, p, o, span in [(ali, "leads", unit, (0, 18)), (ali, "personal_tie", bob, (20, 43))]:
    ...     _ = store.add_assertion(case, Assertion(s, p, o, status="accepted", evidence=[Evidence(src, *span)]))
    >>> g = build_view(store, case)
    >>> sorted(g.vs["name"]), sorted(zip(g.es["type"], g.es["layer"]))
    (['Ali', 'Bob', 'Unit'], [('leads', 'formal'), ('personal_tie', 'informal')])
    >>> build_view(store, case, layers=["informal"]).ecount()
    1
    >>> build_view(store, case, status="candidate")
    Traceback (most recent call last):
    ...
    orgmap.network.view.EmptyView: the network view is empty (all layers; status candidate): widen the filters ...
    """
    schema = store.schema
    for layer in layers or ():
        if layer not in schema.layers:
            raise KeyError(f"unknown layer {layer!r}; known: {', '.join(schema.layers)}")
    rels = store.relations(
        case_id, layer=list(layers) if layers else None, as_of=as_of, min_grade=min_grade, status=status
    )
    group_rels = store.relations(
        case_id,
        as_of=as_of,
        min_grade=min_grade,
        status=status,
        types=list(schema.roles.group_relations),
    )
    return view_from_relations(
        schema,
        rels,
        group_rels,
        keep_rule=keep_rule,
        include_denied=include_denied,
        empty=_empty_message(layers, as_of, min_grade, status),
    )


def view_from_relations(
    schema: Any,
    rels: Iterable[Any],
    group_rels: Iterable[Any] = (),
    *,
    keep_rule: KeepRule | None = None,
    include_denied: bool = False,
    empty: str = "the network view is empty: widen the filters or load a case",
) -> ig.Graph:
    """The view of relations already read from the store (what :func:`build_view` does after
    its queries); ``group_rels`` are the :data:`GROUP_RELATIONS` relations that give actors
    their groups. Callers that keep relations in memory (the web app) build views from
    them without reading again. Raises :class:`EmptyView` (message ``empty``) with no edge.
    """
    rule = keep_rule or KeepRule.default(schema)
    entities: dict[int, Any] = {}
    edges, attrs = [], defaultdict(list)
    for r in rels:
        a = r.assertion
        weight = rule.probability(a.reliability, a.credibility, a.modality)
        if weight <= 0.0 and not include_denied:
            continue
        entities.setdefault(r.subject.id, r.subject)
        entities.setdefault(r.object.id, r.object)
        edges.append((r.subject.id, r.object.id))
        for key, value in (
            ("type", r.type),
            ("layer", r.layer),
            ("weight", weight),
            ("keep", weight),
            ("modality", a.modality),
            ("grade", f"{a.reliability}{a.credibility}"),
            ("assertion_id", a.id),
            ("symmetric", r.symmetric),
        ):
            attrs[key].append(value)
    if not edges:
        raise EmptyView(empty)
    groups: dict[int, list[str]] = defaultdict(list)
    for r in group_rels:
        if r.object.type == schema.roles.body and r.object.name not in groups[r.subject.id]:
            groups[r.subject.id].append(r.object.name)
    ids = sorted(entities)
    index = {eid: i for i, eid in enumerate(ids)}
    names = _unique_names([(entities[e].name, e) for e in ids])
    vattrs = {
        "name": names,
        "type": [entities[e].type for e in ids],
        "entity_id": ids,
        "kind": [str(entities[e].attributes.get("kind", "")) for e in ids],
        "size": [entities[e].attributes.get("size") for e in ids],  # members a population stands for
        "groups": [sorted(groups.get(e, [])) for e in ids],
    }
    vattrs["group"] = [
        _group(g, t == schema.roles.body, n) for g, t, n in zip(vattrs["groups"], vattrs["type"], names)
    ]
    return ig.Graph(
        len(ids),
        [(index[s], index[o]) for s, o in edges],
        directed=True,
        vertex_attrs=vattrs,
        edge_attrs=dict(attrs),
    )


def _group(groups: list[str], is_body: bool, name: str) -> str | None:
    if groups:
        return groups[0]
    return name if is_body else None


def _unique_names(pairs: Iterable[tuple[str, int]]) -> list[str]:
    pairs = list(pairs)
    counts: dict[str, int] = defaultdict(int)
    for name, _ in pairs:
        counts[name] += 1
    return [name if counts[name] == 1 else f"{name} (#{eid})" for name, eid in pairs]


def _empty_message(
    layers: Sequence[str] | None, as_of: date | None, min_grade: str | None, status: Any
) -> str:
    parts = [f"layers {', '.join(layers)}" if layers else "all layers"]
    if as_of:
        parts.append(f"as of {as_of.isoformat()}")
    if min_grade:
        parts.append(f"grade {min_grade} or better")
    if status:
        parts.append(f"status {status if isinstance(status, str) else ', '.join(status)}")
    return (
        "the network view is empty (" + "; ".join(parts) + "): "
        "widen the filters (another --as-of, fewer --layer or no --min-grade) or load a case"
    )


def layer_subgraph(graph: ig.Graph, layers: Iterable[str]) -> ig.Graph:
    """The same vertices with only the edges of ``layers`` (vertex ids unchanged).

    >>> from orgmap.network.edgelist import view_from_rows
    >>> g = view_from_rows([("a", "b", 1.0, "formal"), ("b", "c", 1.0, "informal")])
    >>> sub = layer_subgraph(g, ["informal"])
    >>> sub.vcount(), [(sub.vs[e.source]["name"], sub.vs[e.target]["name"]) for e in sub.es]
    (3, [('b', 'c')])
    """
    wanted = set(layers)
    chosen = [i for i, layer in enumerate(graph.es["layer"]) if layer in wanted]
    return graph.subgraph_edges(chosen, delete_vertices=False)


def collapse(graph: ig.Graph, *, directed: bool = False) -> ig.Graph:
    """A simple graph for measures: parallel edges merged (weight = the strongest), loops dropped.

    Undirected by default. With ``directed=True`` a symmetric edge counts both ways.
    A graph that is already simple in the requested sense is returned as it is.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> g = view_from_rows([("a", "b", 0.4), ("b", "a", 0.9), ("a", "a", 1.0)])
    >>> simple = collapse(g)
    >>> simple.ecount(), simple.es["weight"]
    (1, [0.9])
    >>> collapse(view_from_rows([("a", "b")]), directed=True).ecount()  # a symmetric tie, both ways
    2
    """
    has_weight = "weight" in graph.es.attributes()
    combine = {"weight": "max"} if has_weight else "ignore"
    if not directed:
        if not graph.is_directed():
            if graph.is_simple():
                return graph
            g = graph.copy()
            g.simplify(combine_edges=combine)
            return _only_weight(g)
        g = graph.as_undirected(mode="collapse", combine_edges=combine)
        if not g.is_simple():
            g.simplify(multiple=False, loops=True)
        return _only_weight(g)
    if not graph.is_directed():
        return _only_weight(graph.as_directed(mode="mutual"))
    symmetric = graph.es["symmetric"] if "symmetric" in graph.es.attributes() else None
    if not any(symmetric or ()) and graph.is_simple():
        return graph
    g = graph.copy()
    if symmetric:
        back = [(e.target, e.source) for e, s in zip(g.es, symmetric) if s]
        w = [e["weight"] for e, s in zip(g.es, symmetric) if s] if has_weight else None
        g.add_edges(back, attributes={"weight": w} if has_weight else None)
    g.simplify(combine_edges=combine)
    return _only_weight(g)


def _only_weight(g: ig.Graph) -> ig.Graph:
    for attr in g.es.attributes():
        if attr != "weight":
            del g.es[attr]
    return g


def to_networkx(graph: ig.Graph, *, simple: bool = False, directed: bool = True) -> Any:
    """A NetworkX copy: a ``MultiDiGraph`` with every attribute, or the collapsed simple graph.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> g = view_from_rows([("a", "b", 2.0)])
    >>> sorted(to_networkx(g, simple=True, directed=False).edges(data="weight"))
    [('a', 'b', 2.0)]
    """
    import networkx as nx

    source = collapse(graph, directed=directed) if simple else graph
    if simple:
        out = nx.DiGraph() if directed else nx.Graph()
    else:
        out = nx.MultiDiGraph() if graph.is_directed() else nx.MultiGraph()
    names = source.vs["name"]
    for v in source.vs:
        out.add_node(v["name"], **{k: v[k] for k in source.vs.attributes() if k != "name"})
    for e in source.es:
        out.add_edge(names[e.source], names[e.target], **e.attributes())
    return out
