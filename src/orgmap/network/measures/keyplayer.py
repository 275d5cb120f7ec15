"""Borgatti's key players: who, removed, fragments the network most; who reaches most of it.

* ``fragmentation`` F = 1 - sum_k s_k(s_k - 1) / (n(n - 1)) over the components left after
  removing a set (n: actors left). 0 for a connected graph, 1 when all are isolates.
* ``distance_fragmentation`` DF = 1 - sum_{i != j} (1/d_ij) / (n(n - 1)); 1/inf = 0.
* ``m_reach``: share of the other actors within ``m`` steps of the set.
* ``distance_reach``: mean over the other actors of 1 / (distance to the nearest member).

:func:`key_players` searches the best set of ``k`` by greedy swaps (Borgatti 2006).
All are computed on the undirected tie graph, by hops.

>>> from orgmap.network.edgelist import view_from_rows
>>> star = view_from_rows([("hub", x) for x in "abcd"])
>>> fragmentation(star, ["hub"])
1.0
>>> key_players(star, 1).players
('hub',)
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import igraph as ig

from orgmap.network.measures.fragmentation import key_player_fragmentation
from orgmap.network.measures.pivots import betweenness_pivots, describe, plan_path_measures
from orgmap.network.view import collapse

__all__ = [
    "GOALS",
    "KeySet",
    "distance_fragmentation",
    "distance_reach",
    "fragmentation",
    "key_players",
    "m_reach",
]


@dataclass(frozen=True)
class KeySet:
    """The best set found, its score for ``goal`` and the score of the graph as it is."""

    players: tuple[str, ...]
    goal: str
    score: float
    baseline: float
    m: int = 2
    start: str = "exact"  # how the betweenness that picked the first start set was computed


def _indices(g: ig.Graph, names: Iterable[str]) -> list[int]:
    index = {n: i for i, n in enumerate(g.vs["name"])}
    out = []
    for name in names:
        if name not in index:
            raise KeyError(f"no actor called {name!r} in the network")
        out.append(index[name])
    return out


def _fragmentation(g: ig.Graph, removed: Sequence[int]) -> float:
    if g.vcount() - len(set(removed)) < 2:
        return 1.0  # nothing left to connect: as fragmented as can be, for the search
    return key_player_fragmentation(g.vcount(), g.get_edgelist(), removed)


def _distance_fragmentation(g: ig.Graph, removed: Sequence[int]) -> float:
    h = g.induced_subgraph(sorted(set(range(g.vcount())) - set(removed))) if removed else g
    n = h.vcount()
    if n < 2:
        return 1.0
    total = 0.0
    for row in h.distances():
        total += sum(1.0 / d for d in row if d and not math.isinf(d))
    return 1.0 - total / (n * (n - 1))


def _reach_distances(g: ig.Graph, players: Sequence[int]) -> list[float]:
    others = [i for i in range(g.vcount()) if i not in set(players)]
    if not others:
        return []
    rows = g.distances(source=list(players), target=others)
    return [min(col) for col in zip(*rows)]


def _m_reach(g: ig.Graph, players: Sequence[int], m: int) -> float:
    dist = _reach_distances(g, players)
    return sum(1 for d in dist if d <= m) / len(dist) if dist else 1.0


def _distance_reach(g: ig.Graph, players: Sequence[int]) -> float:
    dist = _reach_distances(g, players)
    return sum(0.0 if math.isinf(d) else 1.0 / d for d in dist) / len(dist) if dist else 1.0


def fragmentation(graph: ig.Graph, removed: Iterable[str] = ()) -> float:
    """F after removing the named actors (none by default).

    >>> from orgmap.network.edgelist import view_from_rows
    >>> path = view_from_rows([("a", "b"), ("b", "c"), ("c", "d")])  # a - b - c - d
    >>> fragmentation(path), fragmentation(path, ["b"])  # without b, only c-d of 3 pairs connect
    (0.0, 0.6666666666666667)
    """
    g = collapse(graph)
    return _fragmentation(g, _indices(g, removed))


def distance_fragmentation(graph: ig.Graph, removed: Iterable[str] = ()) -> float:
    """Distance-weighted fragmentation DF after removing the named actors.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> path = view_from_rows([("a", "b"), ("b", "c"), ("c", "d")])  # a - b - c - d
    >>> round(distance_fragmentation(path, ["b"]), 6)  # 1 - (1/1) / 3 pairs
    0.666667
    """
    g = collapse(graph)
    return _distance_fragmentation(g, _indices(g, removed))


def m_reach(graph: ig.Graph, players: Iterable[str], m: int = 2) -> float:
    """Share of the other actors within ``m`` steps of at least one player.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> path = view_from_rows([("a", "b"), ("b", "c"), ("c", "d")])  # a - b - c - d
    >>> m_reach(path, ["a"], m=2), m_reach(path, ["b"], m=1)
    (0.6666666666666666, 0.6666666666666666)
    """
    g = collapse(graph)
    return _m_reach(g, _indices(g, players), m)


def distance_reach(graph: ig.Graph, players: Iterable[str]) -> float:
    """Mean of 1/distance from the other actors to the nearest player (0 if unreachable).

    >>> from orgmap.network.edgelist import view_from_rows
    >>> path = view_from_rows([("a", "b"), ("b", "c"), ("c", "d")])  # a - b - c - d
    >>> round(distance_reach(path, ["a"]), 6)  # (1 + 1/2 + 1/3) / 3
    0.611111
    """
    g = collapse(graph)
    return _distance_reach(g, _indices(g, players))


GOALS: dict[str, Callable[[ig.Graph, Sequence[int], int], float]] = {
    "fragmentation": lambda g, s, m: _fragmentation(g, s),
    "distance_fragmentation": lambda g, s, m: _distance_fragmentation(g, s),
    "reach": lambda g, s, m: _m_reach(g, s, m),
    "distance_reach": lambda g, s, m: _distance_reach(g, s),
}


def key_players(
    graph: ig.Graph,
    k: int,
    *,
    goal: str = "fragmentation",
    m: int = 2,
    seed: int = 0,
    restarts: int = 2,
    max_passes: int = 50,
    pivots: int | None = None,
) -> KeySet:
    """The set of ``k`` actors that maximises ``goal`` (see :data:`GOALS`), by greedy swaps.

    Starts from the ``k`` highest-betweenness actors (``pivots`` as ``analyze --pivots``:
    None estimates from pivots above :data:`~orgmap.network.measures.pivots.EXACT_UP_TO`
    actors, 0 is exact, a number forces that many; ``KeySet.start`` says which) and from
    ``restarts`` random sets
    (seeded), swaps a member for an outsider while that improves the score, and keeps the
    best. Raises ``ValueError`` when ``k`` is not between 1 and the number of actors.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> path = view_from_rows([("a", "b"), ("b", "c"), ("c", "d")])  # a - b - c - d
    >>> key_players(path, 2).players  # removing b and c leaves no pair connected
    ('b', 'c')
    >>> key_players(path, 5)
    Traceback (most recent call last):
    ...
    ValueError: k=5 must lie between 1 and the number of actors (4)
    """
    if goal not in GOALS:
        raise ValueError(f"unknown key-player goal {goal!r}; known: {', '.join(GOALS)}")
    g = collapse(graph)
    n = g.vcount()
    if not 1 <= k <= n:
        raise ValueError(f"k={k} must lie between 1 and the number of actors ({n})")
    score_of = GOALS[goal]
    rng = random.Random(seed)
    plan = plan_path_measures(g, ["betweenness"], pivots=pivots, seed=seed)["betweenness"]
    values = plan.values or betweenness_pivots(g, 0 if plan.exact else plan.pivots, seed=seed).values
    bet = [values[name] for name in g.vs["name"]]
    starts = [sorted(range(n), key=lambda i: (-bet[i], i))[:k]]
    starts += [rng.sample(range(n), k) for _ in range(restarts)]
    best_set: list[int] = []
    best = -1.0
    for start in starts:
        current = list(start)
        score = score_of(g, current, m)
        for _ in range(max_passes):
            move = None
            for pos in range(k):
                for cand in range(n):
                    if cand in current:
                        continue
                    trial = [*current[:pos], cand, *current[pos + 1 :]]
                    s = score_of(g, trial, m)
                    if s > score + 1e-12:
                        score, move = s, trial
            if move is None:
                break
            current = move
        if score > best + 1e-12:
            best, best_set = score, current
    names = g.vs["name"]
    baseline = 0.0 if goal.endswith("reach") else score_of(g, [], m)
    players = tuple(sorted((names[i] for i in best_set), key=str))
    return KeySet(players, goal, best, baseline, m, describe(plan))
