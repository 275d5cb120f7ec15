"""Network analysis of a case: views, measures, uncertainty and the succession what-if.

>>> from orgmap.network import view_from_rows, measures
>>> g = view_from_rows([("a", "b"), ("b", "c")])
>>> measures.betweenness(g, normalized=False)["b"]
1.0

Entry points: :func:`build_view` (store -> igraph), :func:`view_from_edgelist` (CSV),
:func:`to_networkx`, :mod:`orgmap.network.measures`, :func:`analyze`,
:func:`orgmap.network.uncertainty.sample_measures`, :func:`orgmap.network.whatif.run_scenarios`.
See docs/network.md.
"""

from orgmap.network import measures
from orgmap.network.analyze import MEASURES, analyze
from orgmap.network.edgelist import view_from_edgelist, view_from_rows
from orgmap.network.view import EmptyView, build_view, collapse, layer_subgraph, to_networkx
from orgmap.network.weights import KeepRule

__all__ = [
    "MEASURES",
    "EmptyView",
    "KeepRule",
    "analyze",
    "build_view",
    "collapse",
    "layer_subgraph",
    "measures",
    "to_networkx",
    "view_from_edgelist",
    "view_from_rows",
]
