"""Measures: pure functions ``f(graph, ...) -> dict[name, value]`` (or a small dataclass).

Each takes any view (a typed multigraph from :func:`orgmap.network.build_view`, or any
igraph graph with a ``name`` vertex attribute) and collapses it to the simple graph
it needs, undirected unless ``directed=True``. ``weighted=True`` reads the ``weight``
edge attribute as tie strength (distances are ``1/weight``).

Families: :mod:`.centrality`, :mod:`.holes` (Burt), :mod:`.brokerage`
(Gould-Fernandez), :mod:`.keyplayer` (Borgatti), :mod:`.communities` (Leiden),
:mod:`.layers` (formal rank against informal brokerage).
"""

from orgmap.network.measures.brokerage import ROLES, brokerage_roles
from orgmap.network.measures.centrality import betweenness, closeness, degree, eigenvector, pagerank
from orgmap.network.measures.communities import communities
from orgmap.network.measures.holes import constraint, effective_size
from orgmap.network.measures.keyplayer import (
    KeySet,
    distance_fragmentation,
    distance_reach,
    fragmentation,
    key_players,
    m_reach,
)
from orgmap.network.measures.layers import LayerGap, layer_gaps

__all__ = [
    "ROLES",
    "KeySet",
    "LayerGap",
    "betweenness",
    "brokerage_roles",
    "closeness",
    "communities",
    "constraint",
    "degree",
    "distance_fragmentation",
    "distance_reach",
    "effective_size",
    "eigenvector",
    "fragmentation",
    "key_players",
    "layer_gaps",
    "m_reach",
    "pagerank",
]
