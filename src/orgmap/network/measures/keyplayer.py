"""Borgatti's key players: who, removed, fragments the network most; who reaches most of it.

* ``fragmentation`` F = 1 - sum_k s_k(s_k - 1) / (n(n - 1)) over the components left after
  removing a set (n: actors left). 0 for a connected graph, 1 when all are isolates.
* ``distance_fragmentation`` DF = 1 - sum_{i != j} (1/d_ij) / (n(n - 1)); 1/inf = 0.
* ``m_reach``: share of the other actors within ``m`` steps of the set.
* ``distance_reach``: mean over the other actors of 1 / (distance to the nearest member).

:func:`key_players` searches the best set of ``k`` by greedy swaps (Borgatti 2006); for
fragmentation each step scores every outsider in one linear-time pass, so the search
stays exact on networks of tens of thousands of actors.
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
import numpy as np
from scipy.sparse import coo_matrix

from orgmap.network.measures.fragmentation import RemovalScores, key_player_fragmentation
from orgmap.network.measures.pivots import EXACT_UP_TO, betweenness_pivots, describe, plan_path_measures
from orgmap.network.view import collapse

__all__ = [
    "GOALS",
    "SHORTLIST",
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
    searched: str = ""  # which actors the swaps were drawn from


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


def _reach_distances(g: ig.Graph, players: Sequence[int]) -> np.ndarray:
    """Each other actor's distance to the nearest player."""
    others = [i for i in range(g.vcount()) if i not in set(players)]
    if not others:
        return np.empty(0)
    return np.asarray(g.distances(source=list(players), target=others), dtype=float).min(axis=0)


def _m_reach_of(nearest: np.ndarray, m: int) -> float:
    """Share of ``nearest`` distances within ``m`` (1 when nobody is left to reach)."""
    return float(np.count_nonzero(nearest <= m) / nearest.size) if nearest.size else 1.0


def _distance_reach_of(nearest: np.ndarray) -> float:
    """Mean of 1 / distance over ``nearest``, 0 for the unreachable (1 when nobody is left)."""
    if not nearest.size:
        return 1.0
    with np.errstate(divide="ignore"):
        return float(np.where(np.isinf(nearest), 0.0, 1.0 / nearest).sum() / nearest.size)


def _m_reach(g: ig.Graph, players: Sequence[int], m: int) -> float:
    return _m_reach_of(_reach_distances(g, players), m)


def _distance_reach(g: ig.Graph, players: Sequence[int]) -> float:
    return _distance_reach_of(_reach_distances(g, players))


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


#: Above this many actors the reach goals swap among a shortlist of the highest-betweenness actors.
SHORTLIST = 200

#: How precisely the betweenness that picks the first start set must rank the top (it only seeds the search).
START_TOLERANCE = 0.25


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
    shortlist: int = SHORTLIST,
) -> KeySet:
    """The set of ``k`` actors that maximises ``goal`` (see :data:`GOALS`), by greedy swaps.

    Starts from the ``k`` highest-betweenness actors (``pivots`` as ``analyze --pivots``:
    None estimates from pivots above :data:`~orgmap.network.measures.pivots.EXACT_UP_TO`
    actors, 0 is exact, a number forces that many; ``KeySet.start`` says which) and from
    ``restarts`` random sets (seeded); each pass makes the best swap of a member for an
    outsider while that improves the score, and the best set found is kept.

    For ``fragmentation`` every outsider is tried at every step, however large the
    network: one linear-time pass scores removing each actor
    (:func:`~orgmap.network.measures.fragmentation.fragmentation_without_each`). The
    reach goals keep each candidate's distances to everyone, so a trial costs one
    vectorised minimum; above :data:`~orgmap.network.measures.pivots.EXACT_UP_TO` actors
    their candidates are the ``shortlist`` highest-betweenness actors, and
    ``KeySet.searched`` says so. ``distance_fragmentation`` needs every pair's distance
    for each trial and is refused above that size. Raises ``ValueError`` when ``k`` is
    not between 1 and the number of actors.

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
    if goal == "distance_fragmentation" and n > EXACT_UP_TO:
        raise ValueError(
            f"distance_fragmentation needs every pair's distance for each trial set, too slow at {n:,} "
            f"actors (at most {EXACT_UP_TO:,}); use goal fragmentation, exact at any size, or a smaller layer"
        )
    rng = random.Random(seed)
    plan = plan_path_measures(g, ["betweenness"], pivots=pivots, seed=seed, tolerance=START_TOLERANCE)
    est = plan["betweenness"]
    values = est.values or betweenness_pivots(g, 0 if est.exact else est.pivots, seed=seed).values
    bet = [values[name] for name in g.vs["name"]]
    ranked = sorted(range(n), key=lambda i: (-bet[i], i))
    starts = [ranked[:k]] + [rng.sample(range(n), k) for _ in range(restarts)]
    pool = (
        list(range(n)) if goal == "fragmentation" or n <= EXACT_UP_TO else sorted(ranked[: max(shortlist, k)])
    )
    score_of = _scorer(g, goal, m, sorted(set(pool).union(*starts)))
    one_pass = goal == "fragmentation" and n - k >= 2
    best_set: list[int] = []
    best = -1.0
    for start in starts:
        current, score = _climb(g, score_of, list(start), pool, one_pass, max_passes)
        if score > best + 1e-12:
            best, best_set = score, current
    names = g.vs["name"]
    baseline = 0.0 if goal.endswith("reach") else GOALS[goal](g, [], m)
    players = tuple(sorted((names[i] for i in best_set), key=str))
    searched = (
        f"all {n:,} actors" if len(pool) == n else f"the {len(pool):,} highest-betweenness of {n:,} actors"
    )
    return KeySet(players, goal, best, baseline, m, describe(est), searched)


def _scorer(g: ig.Graph, goal: str, m: int, rows: list[int]) -> Callable[[Sequence[int]], float]:
    """The goal's score of a set of actor indices; the reach goals read distances kept for ``rows``."""
    if not goal.endswith("reach"):
        return lambda players: GOALS[goal](g, players, m)
    from scipy.sparse.csgraph import shortest_path

    edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    n = g.vcount()
    adjacency = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n)).tocsr()
    table = shortest_path(adjacency, directed=False, unweighted=True, indices=rows)
    where = {v: i for i, v in enumerate(rows)}

    def score(players: Sequence[int]) -> float:
        nearest = np.delete(table[[where[p] for p in players]].min(axis=0), list(set(players)))
        return _m_reach_of(nearest, m) if goal == "reach" else _distance_reach_of(nearest)

    return score


def _climb(
    g: ig.Graph,
    score_of: Callable[[Sequence[int]], float],
    current: list[int],
    pool: list[int],
    one_pass: bool,
    max_passes: int,
) -> tuple[list[int], float]:
    """Steepest-ascent swaps from ``current`` until no swap with a ``pool`` actor improves the score."""
    score = score_of(current)
    removal = RemovalScores(g.vcount(), g.get_edgelist()) if one_pass else None
    for _ in range(max_passes):
        move = None
        for pos in range(len(current)):
            others = [*current[:pos], *current[pos + 1 :]]
            if removal is not None:
                trials = removal.without_each(others)  # the other members are NaN: they stay
                cand = int(np.nanargmax(trials))
                if trials[cand] > score + 1e-12:
                    score, move = float(trials[cand]), [*others[:pos], cand, *others[pos:]]
                continue
            for cand in pool:
                if cand in current:
                    continue
                trial = [*others[:pos], cand, *others[pos:]]
                s = score_of(trial)
                if s > score + 1e-12:
                    score, move = s, trial
        if move is None:
            break
        current = move
    return current, score
