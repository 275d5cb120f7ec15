"""Key-player fragmentation (Borgatti 2006): the one implementation of the formula.

F = 1 - sum_k s_k (s_k - 1) / (n (n - 1)), where s_k are the component sizes of the n
present nodes: 0 when everyone can reach everyone, 1 when all are isolated. Below two
nodes there is no pair and F is undefined; callers say what that means for them (the
key-player search scores it 1, the what-if shows no value, the simulation 0).

:func:`key_player_fragmentation` serves the network measures and the what-if;
:func:`batch_fragmentation` many graphs at once; :func:`fragmentation_without_each` the
fragmentation after removing each node in turn, all in one linear-time pass (what the
key-player search asks at every step); :func:`fragmentation_from_reach` is the
last step all share with the simulation's fast path
(:class:`orgmap.simulate.fragmentation.BipartiteFragmentation`).

>>> key_player_fragmentation(4, [(0, 1), (2, 3)])        # two pairs: 1 - (2 + 2) / 12
0.6666666666666667
>>> key_player_fragmentation(3, [(0, 1), (1, 2)])
0.0
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

__all__ = [
    "RemovalScores",
    "batch_fragmentation",
    "fragmentation_from_reach",
    "fragmentation_without_each",
    "key_player_fragmentation",
]


def batch_fragmentation(present: np.ndarray, runs: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Fragmentation of R graphs on N nodes each: ``present`` is (R, N) bool; edge k joins
    nodes ``i[k]`` and ``j[k]`` of graph ``runs[k]`` (edges touching absent nodes are ignored)."""
    R, N = present.shape
    keep = present[runs, i] & present[runs, j]
    rows, cols = runs[keep] * N + i[keep], runs[keep] * N + j[keep]
    graph = coo_matrix((np.ones(rows.size, dtype=np.int8), (rows, cols)), shape=(R * N, R * N)).tocsr()
    n_comp, labels = connected_components(graph, directed=False)
    alive = present.ravel().astype(float)
    sizes = np.bincount(labels, weights=alive, minlength=n_comp)
    comp_run = np.empty(n_comp, dtype=np.int64)
    comp_run[labels] = np.repeat(np.arange(R), N)
    reach = np.bincount(comp_run, weights=sizes * (sizes - 1), minlength=R)
    return fragmentation_from_reach(reach, present.sum(axis=1))


def fragmentation_from_reach(reach: np.ndarray, n: np.ndarray) -> np.ndarray:
    """F per graph from ``reach`` = sum_k s_k (s_k - 1) and ``n`` present nodes; 0 below two nodes.

    >>> fragmentation_from_reach(np.array([4.0, 0.0]), np.array([4, 1]))
    array([0.66666667, 0.        ])
    """
    n = np.asarray(n, dtype=float)
    pairs = n * (n - 1)
    out = np.zeros(pairs.shape)
    ok = pairs > 0
    out[ok] = 1.0 - np.asarray(reach, dtype=float)[ok] / pairs[ok]
    return out


def key_player_fragmentation(n: int, edges: Iterable[tuple[int, int]], absent: Iterable[int] = ()) -> float:
    """Fragmentation of one undirected graph on nodes 0..n-1 with ``absent`` nodes removed.

    0 when fewer than two nodes are left (see the module docstring).
    """
    e = np.asarray(list(edges), dtype=np.int64).reshape(-1, 2)
    present = np.ones((1, n), dtype=bool)
    present[0, list(absent)] = False
    return float(batch_fragmentation(present, np.zeros(len(e), dtype=np.int64), e[:, 0], e[:, 1])[0])


def fragmentation_without_each(
    n: int, edges: Iterable[tuple[int, int]], absent: Iterable[int] = ()
) -> np.ndarray:
    """F after removing ``absent`` and then each further node ``v``, for every ``v`` at once.

    Entry ``v`` equals ``key_player_fragmentation(n, edges, [*absent, v])``; absent nodes
    get NaN. ``edges`` must be simple (no loops or parallel edges), as
    :func:`~orgmap.network.view.collapse` makes them. To ask this many times of one graph,
    keep a :class:`RemovalScores`.

    >>> path = [(0, 1), (1, 2), (2, 3)]                      # 0 - 1 - 2 - 3
    >>> fragmentation_without_each(4, path).round(4).tolist()  # an end leaves a path of 3
    [0.0, 0.6667, 0.6667, 0.0]
    >>> fragmentation_without_each(4, path, absent=[1]).round(4).tolist()
    [0.0, nan, 1.0, 1.0]
    """
    return RemovalScores(n, edges).without_each(absent)


class RemovalScores:
    """One graph's adjacency, kept to score removing each node for many ``absent`` sets.

    One depth-first search (Hopcroft-Tarjan low points) finds, for every node, the pieces
    its removal cuts its component into: O(n + m) for all nodes instead of O(n (n + m)) for
    one call per node. The key-player search asks once per step of its swaps.

    >>> RemovalScores(3, [(0, 1), (1, 2)]).without_each().tolist()  # the middle one cuts the path
    [0.0, 1.0, 0.0]
    """

    def __init__(self, n: int, edges: Iterable[tuple[int, int]]) -> None:
        e = np.asarray(list(edges), dtype=np.int64).reshape(-1, 2)
        heads = np.concatenate([e[:, 0], e[:, 1]])
        order = np.argsort(heads, kind="stable")
        self.n = n
        self._tails: list[int] = np.concatenate([e[:, 1], e[:, 0]])[order].tolist()
        self._start: list[int] = np.searchsorted(heads[order], np.arange(n + 1)).tolist()

    def without_each(self, absent: Iterable[int] = ()) -> np.ndarray:
        """F after removing ``absent`` and then each further node (NaN for the absent)."""
        n, tails, start = self.n, self._tails, self._start
        gone = [False] * n
        for a in absent:
            gone[a] = True
        disc = [-1] * n
        low = [0] * n
        size = [1] * n
        cut = [0] * n  # nodes in the pieces a node's removal cuts off below it in the search tree
        cut_pairs = [0] * n  # sum of p (p - 1) over those pieces
        comp_size = [0] * n
        base = 0  # sum of s (s - 1) over the components left
        clock = 0
        for root in range(n):
            if gone[root] or disc[root] >= 0:
                continue
            members = [root]
            disc[root] = low[root] = clock
            clock += 1
            stack = [(root, -1, start[root])]
            while stack:
                v, parent, i = stack[-1]
                if i < start[v + 1]:
                    stack[-1] = (v, parent, i + 1)
                    u = tails[i]
                    if gone[u]:
                        continue
                    if disc[u] < 0:
                        disc[u] = low[u] = clock
                        clock += 1
                        members.append(u)
                        stack.append((u, v, start[u]))
                    elif u != parent:
                        low[v] = min(low[v], disc[u])
                    continue
                stack.pop()
                if parent >= 0:
                    size[parent] += size[v]
                    low[parent] = min(low[parent], low[v])
                    if low[v] >= disc[parent]:  # the parent separates v's subtree from the rest
                        cut[parent] += size[v]
                        cut_pairs[parent] += size[v] * (size[v] - 1)
            for v in members:
                comp_size[v] = len(members)
            base += len(members) * (len(members) - 1)
        comp = np.asarray(comp_size, dtype=np.int64)
        rest = comp - 1 - np.asarray(cut, dtype=np.int64)  # the piece still holding the search's root
        reach = base - comp * (comp - 1) + np.asarray(cut_pairs, dtype=np.int64) + rest * (rest - 1)
        alive = np.flatnonzero(~np.asarray(gone, dtype=bool))
        out = np.full(n, np.nan)
        out[alive] = fragmentation_from_reach(reach[alive], np.full(alive.size, alive.size - 1))
        return out
