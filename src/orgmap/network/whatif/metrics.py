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
  brokerage layers.

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
from orgmap.network.view import collapse, layer_subgraph
from orgmap.schema import Roles

__all__ = [
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
    out = set()
    for e in g.es:
        if e["layer"] == layer:
            out.add(names[e.source])
            out.add(names[e.target])
    return out


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
) -> dict:
    """Every figure of one state (before or after) as plain data.

    ``actors`` are each layer's actors before the change; ``fate`` maps the removed to
    their successor (or None) - see the module docstring.
    """
    fate = fate or {}
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
