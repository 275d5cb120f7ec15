"""Measures: pure functions ``f(graph, ...) -> dict[name, value]`` (or a small dataclass).

Each takes any view (a typed multigraph from :func:`orgmap.network.build_view`, or any
igraph graph with a ``name`` vertex attribute) and collapses it to the simple graph
it needs, undirected unless ``directed=True``. ``weighted=True`` reads the ``weight``
edge attribute as tie strength (distances are ``1/weight``).

Families: :mod:`.centrality`, :mod:`.holes` (Burt), :mod:`.brokerage`
(Gould-Fernandez), :mod:`.keyplayer` (Borgatti), :mod:`.communities` (Leiden),
:mod:`.layers` (formal rank against informal brokerage).

>>> from orgmap.network.edgelist import view_from_rows
>>> chain = view_from_rows([("a", "b"), ("b", "c"), ("c", "d")])  # a - b - c - d
>>> betweenness(chain), degree(chain)["b"]
({'a': 0.0, 'b': 0.6666666666666666, 'c': 0.6666666666666666, 'd': 0.0}, 0.6666666666666666)
>>> key_players(chain, 1).players, fragmentation(chain, ["b"])  # without b only c-d of 3 pairs connect
(('b',), 0.6666666666666667)
>>> constraint(chain)["a"], effective_size(chain)["b"]
(1.0, 2.0)
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
