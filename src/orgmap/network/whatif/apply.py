"""Apply a scenario's operations to a copy of a view.

Names go through a *resolver* (``name -> (vertex name, attributes or None)``): the store's
alias look-up for a case, or the vertex names of a plain graph. Attributes come back
when the person exists but has no tie in the view, so a successor can be brought in.

>>> from orgmap.network.edgelist import view_from_rows
>>> from orgmap.network.whatif.scenario import Operation
>>> g = view_from_rows([("boss", "unit", 1, "formal"), ("boss", "ally", 1, "informal")])
>>> ops = [Operation("replace", ("boss",), by="heir", new=True)]
>>> h, notes, fate = apply_operations(g, ops, graph_resolver(g))
>>> sorted((h.vs[e.source]["name"], h.vs[e.target]["name"]) for e in h.es)
[('heir', 'unit')]
>>> fate
{'boss': 'heir'}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import igraph as ig
from rapidfuzz import process

from orgmap.network.whatif.scenario import Operation, WhatIfScenarioError

__all__ = ["Resolver", "apply_operations", "graph_resolver"]

Resolver = Callable[[str], "tuple[str, dict[str, Any] | None]"]


def graph_resolver(graph: ig.Graph) -> Resolver:
    """Resolve names against the vertex names of ``graph`` (with close-name suggestions).

    >>> from orgmap.network.edgelist import view_from_rows
    >>> resolve = graph_resolver(view_from_rows([("boss", "aide")]))
    >>> resolve("boss")
    ('boss', None)
    >>> resolve("bos")
    Traceback (most recent call last):
    ...
    orgmap.network.whatif.scenario.WhatIfScenarioError: no actor called 'bos' in the network; did you mean 'boss'?
    """
    names = list(graph.vs["name"])
    known = set(names)

    def resolve(name: str) -> tuple[str, dict[str, Any] | None]:
        if name in known:
            return name, None
        close = [m[0] for m in process.extract(name, names, limit=3, score_cutoff=60)]
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise WhatIfScenarioError(f"no actor called {name!r} in the network{hint}")

    return resolve


def _check_cycles(ops: Sequence[Operation], resolved: dict[str, str]) -> None:
    chain: dict[str, str] = {}
    for op in ops:
        if op.op != "replace":
            continue
        assert op.by is not None  # parse_whatif_scenario: a replace names its successor
        old, new = resolved[op.names[0]], (op.by if op.new else resolved[op.by])
        if old == new:
            raise WhatIfScenarioError(
                f"replace {op.names[0]} by {op.by}: the same person; use remove or drop the line"
            )
        chain[old] = new
    for start in chain:
        seen, cur = [start], chain[start]
        while cur in chain:
            if cur in seen:
                loop = " -> ".join([*seen[seen.index(cur) :], cur])
                raise WhatIfScenarioError(
                    f"cyclic replacement {loop}: a person cannot succeed their own successor "
                    "in one scenario; split it into two scenarios"
                )
            seen.append(cur)
            cur = chain[cur]


def _vertex(g: ig.Graph, name: str, attrs: dict[str, Any] | None) -> int:
    found = g.vs.select(name_eq=name)
    if len(found):
        return found[0].index
    base = dict.fromkeys(g.vs.attributes())
    base.update({"name": name, "groups": [], "group": None, "type": "person", "kind": ""})
    base.update(attrs or {})
    g.add_vertex(**{k: v for k, v in base.items() if k in g.vs.attributes() or k == "name"})
    return g.vcount() - 1


def apply_operations(
    graph: ig.Graph, ops: Sequence[Operation], resolve: Resolver, schema: Any = None
) -> tuple[ig.Graph, list[str], dict[str, str | None]]:
    """A changed copy of ``graph``, notes on operations that found nothing to act on, and the
    fate of everyone removed: their successor's name, or None.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> from orgmap.network.whatif.scenario import parse_whatif_scenario
    >>> g = view_from_rows([("boss", "aide", 1.0, "informal"), ("aide", "x", 1.0, "informal")])
    >>> ops = parse_whatif_scenario({"operations": [{"remove": "aide"}]}).operations
    >>> after, notes, fate = apply_operations(g, ops, graph_resolver(g))
    >>> sorted(after.vs["name"]), after.ecount(), fate, g.ecount()  # the view itself is unchanged
    (['boss', 'x'], 0, {'aide': None}, 2)
    >>> ops = parse_whatif_scenario({"operations": [{"replace": "boss", "by": "aide"}]}).operations
    >>> apply_operations(g, ops, graph_resolver(g))[2]  # the fate of the replaced: their successor
    {'boss': 'aide'}
    """
    from orgmap.schema import load_schema

    schema = schema or load_schema()
    names: dict[str, str] = {}
    attrs: dict[str, dict[str, Any] | None] = {}
    for op in ops:
        wanted = list(op.names) + ([op.by] if op.by and not op.new else [])
        for n in wanted:
            if n not in names:
                names[n], attrs[n] = resolve(n)
    _check_cycles(ops, names)
    g = graph.copy()
    notes: list[str] = []
    gone: dict[str, int] = {}
    fate: dict[str, str | None] = {}

    def alive(n: str, i: int) -> str:
        v = names[n]
        if v in gone:
            raise WhatIfScenarioError(
                f"operations[{i}] ({ops[i - 1].describe()}): {n} was already removed by operations[{gone[v]}]"
            )
        return v

    for i, op in enumerate(ops, 1):
        if op.op in ("remove", "purge"):
            for n in op.names:
                v = alive(n, i)
                found = g.vs.select(name_eq=v)
                if len(found):
                    g.delete_vertices(found[0].index)
                else:
                    notes.append(f"{op.op} {n}: no tie in this view, nothing to remove")
                gone[v] = i
                fate[v] = None
        elif op.op == "replace":
            assert op.by is not None  # parse_whatif_scenario: a replace names its successor
            old = alive(op.names[0], i)
            new = op.by if op.new else alive(op.by, i)
            b = _vertex(g, new, None if op.new else attrs[op.by])
            found = g.vs.select(name_eq=old)
            if not len(found):
                notes.append(f"replace {op.names[0]}: no tie in this view, nothing to inherit")
                gone[old] = i
                fate[old] = new
                continue
            a = found[0].index
            # inherit: formal = the vocabulary's command layer, none = nothing, all = every layer
            layers = {"none": set(), "formal": {schema.roles.command_layer}}.get(op.inherit)
            new_edges: list[tuple[int, int]] = []
            new_attrs: dict[str, list[Any]] = {k: [] for k in g.es.attributes()}
            for e in g.es[g.incident(a, mode="all")]:
                if layers is not None and e["layer"] not in layers:
                    continue
                s, t = (b if e.source == a else e.source), (b if e.target == a else e.target)
                if s == t:
                    continue
                new_edges.append((s, t))
                for k in new_attrs:
                    new_attrs[k].append(e[k])
            g.add_edges(new_edges, attributes=new_attrs)
            g.delete_vertices(a)
            gone[old] = i
            fate[old] = new
        else:
            assert op.edge is not None  # parse_whatif_scenario: an add or cut names its edge
            s_name, t_name, rtype = op.edge
            s = _vertex(g, alive(s_name, i), attrs[s_name])
            t = _vertex(g, alive(t_name, i), attrs[t_name])
            if op.op == "add":
                rel = schema.relation(rtype)
                edge = {
                    "type": rtype,
                    "layer": rel.layer,
                    "weight": 1.0,
                    "keep": 1.0,
                    "modality": "asserted",
                    "grade": "",
                    "assertion_id": None,
                    "symmetric": rel.symmetric,
                }
                g.add_edge(s, t, **{k: v for k, v in edge.items() if k in g.es.attributes()})
            else:
                doomed = [e.index for e in g.es.select(_between=([s], [t])) if rtype in (None, e["type"])]
                doomed += [e.index for e in g.es.select(_between=([t], [s])) if rtype in (None, e["type"])]
                if not doomed:
                    notes.append(f"{op.describe()}: no such tie in this view")
                g.delete_edges(sorted(set(doomed)))
    return g, notes, fate
