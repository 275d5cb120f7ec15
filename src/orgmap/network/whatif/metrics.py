"""What a scenario is judged by: fragmentation per layer, the leader's reach and command
coverage over the affiliates, and brokerage.

* ``fragmentation[layer]``: Borgatti's F over the actors that had a tie in that layer
  before the change. The actor set stays fixed so scenarios compare: someone removed
  counts as cut off from everyone (an isolate); a successor takes the predecessor's
  place; newcomers with ties in the layer join.
* ``reach``: share of affiliates within ``k`` steps of the leader through the ties layer.
* ``coverage``: share of affiliates the leader is connected to through the command layer
  (any number of steps, either direction): the command chain.
* ``brokerage``: raw betweenness (pairs the actor sits between) in the scenario's
  brokerage layers; on large views estimated from sampled pivots
  (:func:`brokerage_estimate` decides, as ``orgmap analyze --pivots`` does).

The layers and relation types come from the vocabulary's roles (``Schema.roles``): with
the packaged vocabulary the ties layer is ``informal``, the command layer ``formal``, the
leader who ``leads``, units what is ``part_of``, affiliates tied by ``manages``,
``member_of`` or ``funds``.

Affiliates, unless the scenario lists them: bodies tied to the organization or to one of
its units (transitively) by an affiliation relation, other than its units. Actors without
a leader reach nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import igraph as ig

from orgmap.network.measures.centrality import betweenness
from orgmap.network.measures.fragmentation import key_player_fragmentation
from orgmap.network.measures.pivots import PathEstimate, betweenness_pivots, plan_path_measures
from orgmap.network.view import collapse, layer_subgraph
from orgmap.schema import Roles

__all__ = [
    "brokerage_estimate",
    "default_affiliates",
    "layer_actors",
    "layer_fragmentation",
    "leaders_of",
    "reach",
    "state_metrics",
]


def _index(g: ig.Graph) -> dict[str, int]:
    return {n: i for i, n in enumerate(g.vs["name"])}


def layer_actors(g: ig.Graph, layer: str) -> set[str]:
    """Names of actors with at least one tie in ``layer``."""
    names = g.vs["name"]
    ends = {v for e, tie_layer in zip(g.get_edgelist(), g.es["layer"]) if tie_layer == layer for v in e}
    return {names[v] for v in ends}


def layer_fragmentation(g: ig.Graph, layer: str, actors: Iterable[str], lost: int = 0) -> float | None:
    """F of ``layer`` over ``actors`` still in ``g`` plus ``lost`` isolates; None below two actors.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> g = view_from_rows([("a", "b", 1, "informal")])
    >>> layer_fragmentation(g, "informal", ["a", "b"]), layer_fragmentation(g, "informal", ["a", "b"], lost=1)
    (0.0, 0.6666666666666667)
    """
    idx = _index(g)
    keep = sorted(idx[a] for a in set(actors) if a in idx)
    n = len(keep) + lost
    if n < 2:
        return None
    sub = collapse(layer_subgraph(g, [layer]).induced_subgraph(keep))
    return key_player_fragmentation(n, sub.get_edgelist())  # the lost are the nodes past the kept


def units_of(g: ig.Graph, org: str, roles: Roles) -> set[str]:
    """The organization and everything a unit of it (``roles.unit_of``), transitively."""
    names = g.vs["name"]
    found, frontier = {org}, [org]
    idx = _index(g)
    while frontier:
        cur = frontier.pop()
        for e in g.es.select(_target=idx[cur], type_in=roles.unit_of):
            child = names[e.source]
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def default_affiliates(g: ig.Graph, org: str, roles: Roles) -> list[str]:
    """Bodies tied to ``org``'s units by an affiliation relation (see module docstring)."""
    names, types = g.vs["name"], g.vs["type"]
    units = units_of(g, org, roles)
    out = set()
    for e in g.es:
        if e["type"] not in roles.affiliation:
            continue
        s, t = names[e.source], names[e.target]
        for a, b, i in ((s, t, e.target), (t, s, e.source)):
            if a in units and b not in units and types[i] == roles.body:
                out.add(b)
    return sorted(out)


def leaders_of(g: ig.Graph, org: str, roles: Roles) -> list[str]:
    """Who heads the organization in ``g`` (``roles.heads``), best-connected first."""
    idx = _index(g)
    if org not in idx:
        return []
    deg = g.degree()
    found = {e.source for e in g.es.select(_target=idx[org], type_in=roles.heads)}
    return [g.vs[i]["name"] for i in sorted(found, key=lambda i: (-deg[i], g.vs[i]["name"]))]


def _distances(g: ig.Graph, layers: Sequence[str], leader: str | None, targets: Sequence[str]) -> list[float]:
    idx = _index(g)
    present = [t for t in targets if t in idx]
    if leader is None or leader not in idx or not present:
        return [float("inf")] * len(targets)
    sub = layer_subgraph(g, layers)
    row = sub.distances(source=[idx[leader]], target=[idx[t] for t in present], mode="all")[0]
    d = dict(zip(present, row))
    return [d.get(t, float("inf")) for t in targets]


def reach(g: ig.Graph, leader: str | None, affiliates: Sequence[str], k: int, layers: Sequence[str]) -> float:
    """Share of ``affiliates`` within ``k`` steps of ``leader`` through ``layers``."""
    if not affiliates:
        return 0.0
    return sum(1 for d in _distances(g, layers, leader, affiliates) if d <= k) / len(affiliates)


def _tied(g: ig.Graph, layers: Sequence[str]) -> ig.Graph:
    """The simple graph of ``layers`` among the actors with a tie in them."""
    sub = collapse(layer_subgraph(g, layers))
    return sub.induced_subgraph([v.index for v in sub.vs if v.degree() > 0])


#: How precisely brokerage must rank the top brokers before and after (as a share of the top value);
#: the bound is printed with the result. Finer needs most of the actors as pivots on large views.
BROKERAGE_TOLERANCE = 0.25


def brokerage_estimate(
    g: ig.Graph, brokerage_layers: Sequence[str], pivots: int | None = None, *, seed: int = 0
) -> PathEstimate:
    """How brokerage is computed on ``g``: exact, or from how many pivots, the bound in pairs.

    ``pivots``: None chooses (exact up to :data:`~orgmap.network.measures.pivots.EXACT_UP_TO`
    actors), 0 is exact, a number forces that many - the semantics of ``analyze --pivots``.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> brokerage_estimate(view_from_rows([("a", "b", 1, "informal")]), ["informal"]).exact
    True
    """
    sub = _tied(g, brokerage_layers)
    plan = plan_path_measures(sub, ["betweenness"], pivots=pivots, seed=seed, tolerance=BROKERAGE_TOLERANCE)
    est = plan["betweenness"]
    n = sub.vcount()
    pairs = (n - 1) * (n - 2) / 2 if n > 2 else 1.0  # the normalised bound back in pairs
    return PathEstimate({}, est.pivots, est.bound * pairs, est.exact)


def state_metrics(
    g: ig.Graph,
    *,
    layers: Sequence[str],
    actors: dict[str, set[str]],
    leader: str | None,
    affiliates: Sequence[str],
    k: int,
    brokerage_layers: Sequence[str],
    roles: Roles,
    fate: dict[str, str | None] | None = None,
    pivots: int = 0,
    seed: int = 0,
    brokerage: bool = True,
) -> dict:
    """Every figure of one state (before or after) as plain data.

    ``actors`` are each layer's actors before the change; ``fate`` maps the removed to
    their successor (or None) - see the module docstring. ``pivots`` > 0 estimates
    brokerage from that many pivots drawn with ``seed`` (0: exact); ``brokerage=False``
    leaves it out (empty), for callers that use only the other figures.
    """
    fate = fate or {}
    if not brokerage:
        bet: dict[str, float] = {}
    elif pivots > 0:  # pivots drawn among the actors with a tie there; the others broker nothing
        bet = dict.fromkeys(g.vs["name"], 0.0)
        bet.update(betweenness_pivots(_tied(g, brokerage_layers), pivots, seed=seed, normalized=False).values)
    else:
        bet = betweenness(layer_subgraph(g, brokerage_layers), normalized=False)
    frag = {}
    for layer in layers:
        members = {fate.get(a, a) if a in fate else a for a in actors[layer]}
        lost = sum(1 for a in actors[layer] if a in fate and fate[a] is None)
        kept = {m for m in members if m is not None} | layer_actors(g, layer)
        frag[layer] = layer_fragmentation(g, layer, kept, lost)
    return {
        "leader": leader,
        "fragmentation": frag,
        "reach": reach(g, leader, affiliates, k, (roles.ties_layer,)),
        "coverage": reach(g, leader, affiliates, 10**6, (roles.command_layer,)),
        "brokerage": bet,
    }
