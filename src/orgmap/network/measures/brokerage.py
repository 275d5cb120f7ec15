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
import numpy as np

from orgmap.network.view import collapse

__all__ = ["ROLES", "brokerage_roles", "role_of"]

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def role_of(ga: Any, gb: Any, gc: Any) -> str:
    """The Gould-Fernandez role of ``b`` on ``a -> b -> c`` given the three groups.

    >>> role_of("x", "x", "x"), role_of("x", "y", "x"), role_of("x", "y", "z")
    ('coordinator', 'itinerant', 'liaison')
    """
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
    if not directed:
        return _undirected_roles(g, groups)
    out_n = [set(x) for x in g.get_adjlist(mode="out")]
    in_n = [set(x) for x in g.get_adjlist(mode="in")]
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
                    if c in (a, b) or c in out_n[a] or groups[c] in (None, ""):
                        continue
                    counts[role_of(ga, gb, groups[c])] += 1
        counts["total"] = sum(counts[r] for r in ROLES)
        result[name] = counts
    return result


def _undirected_roles(g: ig.Graph, groups: list) -> dict[str, dict[str, int]]:
    """The same counts on a simple undirected graph, by counting instead of enumerating two-paths.

    For broker b, ordered pairs (a, c) of distinct grouped neighbours fall in each role by
    how many neighbours share a group (n_g: neighbours in group g, k: in b's group, N: all
    grouped neighbours): coordinator k(k-1), itinerant sum over g != gb of n_g(n_g-1),
    representative and gatekeeper k(N-k) each, liaison the rest; the closed pairs (the
    triangles through b) are then taken off role by role. O(m + triangles), not O(sum d²).
    """
    n = g.vcount()
    codes: dict[Any, int] = {}
    grp = np.array(
        [-1 if x in (None, "") else codes.setdefault(x, len(codes)) for x in groups], dtype=np.int64
    )
    edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    b = np.concatenate([edges[:, 0], edges[:, 1]])
    a = np.concatenate([edges[:, 1], edges[:, 0]])
    keep = (grp[a] >= 0) & (grp[b] >= 0)
    b, a = b[keep], a[keep]
    total = np.bincount(b, minlength=n)
    k = np.bincount(b[grp[a] == grp[b]], minlength=n)
    pair_key, per_group = np.unique(b * (len(codes) + 1) + grp[a], return_counts=True)
    same_group = np.bincount(pair_key // (len(codes) + 1), weights=per_group * (per_group - 1), minlength=n)
    counts = {
        "coordinator": k * (k - 1),
        "itinerant": same_group.astype(np.int64) - k * (k - 1),
        "representative": k * (total - k),
        "gatekeeper": k * (total - k),
    }
    counts["liaison"] = (total - k) * (total - k - 1) - counts["itinerant"]
    tri = np.asarray(g.list_triangles(), dtype=np.int64).reshape(-1, 3)
    for broker, x, y in ((0, 1, 2), (1, 0, 2), (2, 0, 1)):
        bb, xx, yy = tri[:, broker], tri[:, x], tri[:, y]
        ok = (grp[bb] >= 0) & (grp[xx] >= 0) & (grp[yy] >= 0)
        bb, gb, gx, gy = bb[ok], grp[bb[ok]], grp[xx[ok]], grp[yy[ok]]
        both = (gx == gb) & (gy == gb)
        one = (gx == gb) ^ (gy == gb)
        itinerant = (gx == gy) & (gx != gb)
        for role, mask, per_pair in (
            ("coordinator", both, 2),
            ("itinerant", itinerant, 2),
            ("representative", one, 1),
            ("gatekeeper", one, 1),
            ("liaison", ~(both | one | itinerant), 2),
        ):
            counts[role] = counts[role] - per_pair * np.bincount(bb[mask], minlength=n)
    result = {}
    for i, name in enumerate(g.vs["name"]):
        row = {r: int(counts[r][i]) for r in ROLES}
        row["total"] = sum(row.values())
        result[name] = row
    return result
