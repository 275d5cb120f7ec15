"""Gould-Fernandez brokerage roles.

A broker ``b`` sits on an open two-path ``a -> b -> c`` (``a != c``, no tie ``a -> c``).
Its role depends on the groups of the three actors:

==============  =========================================
coordinator     a, b and c in one group
itinerant       a and c in one group, b outside it
representative  b in a's group, c elsewhere (b speaks for its group)
gatekeeper      b in c's group, a elsewhere (b lets outsiders in)
liaison         all three in different groups
==============  =========================================

Groups come from a vertex attribute (``group`` by default: organization membership in a
store view, or a column of ``--nodes``). Two-paths through an actor without a group are
not counted. On an undirected view every tie counts both ways, so each open pair is
seen twice and representative and gatekeeper counts are equal.

>>> from orgmap.network.edgelist import view_from_rows
>>> g = view_from_rows([("a", "b"), ("b", "c")], directed=True,
...                    nodes={"a": {"group": "X"}, "b": {"group": "Y"}, "c": {"group": "Z"}})
>>> brokerage_roles(g, directed=True)["b"]["liaison"]
1
"""

from __future__ import annotations

from typing import Any

import igraph as ig

from orgmap.network.view import collapse

__all__ = ["ROLES", "brokerage_roles", "role_of"]

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def role_of(ga: Any, gb: Any, gc: Any) -> str:
    """The Gould-Fernandez role of ``b`` on ``a -> b -> c`` given the three groups."""
    if ga == gb == gc:
        return "coordinator"
    if ga == gc:
        return "itinerant"
    if ga == gb:
        return "representative"
    if gb == gc:
        return "gatekeeper"
    return "liaison"


def brokerage_roles(
    graph: ig.Graph, *, group_attr: str = "group", directed: bool = False
) -> dict[str, dict[str, int]]:
    """Counts of each role (and ``total``) per actor; actors without a group count nothing."""
    g = collapse(graph, directed=directed)
    if group_attr not in g.vs.attributes():
        raise KeyError(
            f"no vertex attribute {group_attr!r} to take groups from; known: {', '.join(g.vs.attributes())}"
        )
    groups = g.vs[group_attr]
    if directed:
        out_n = [set(x) for x in g.get_adjlist(mode="out")]
        in_n = [set(x) for x in g.get_adjlist(mode="in")]
    else:
        out_n = [set(x) for x in g.get_adjlist()]
        in_n = out_n
    result = {}
    for b, name in enumerate(g.vs["name"]):
        counts = dict.fromkeys(ROLES, 0)
        gb = groups[b]
        if gb not in (None, ""):
            for a in in_n[b]:
                ga = groups[a]
                if a == b or ga in (None, ""):
                    continue
                for c in out_n[b]:
                    if c == a or c == b or c in out_n[a] or groups[c] in (None, ""):
                        continue
                    counts[role_of(ga, gb, groups[c])] += 1
        counts["total"] = sum(counts[r] for r in ROLES)
        result[name] = counts
    return result
