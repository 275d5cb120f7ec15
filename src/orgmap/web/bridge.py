"""Adapters to the capabilities other packages of orgmap provide (network measures,
what-if, simulation, ACH). Each falls back (or returns None) when its package is
missing, so pages can show what they need instead of breaking.
"""

from __future__ import annotations

from typing import Any

from orgmap.web.needs import capability

__all__ = ["measure_names", "network_measure"]


def measure_names() -> list[str]:
    """Measures that can size nodes: orgmap.network's "higher is more central" ones, else igraph's."""
    net = capability("orgmap.network", "MEASURES", "analyze", "build_view")
    if net is None:
        from orgmap.web.graph import IGRAPH_MEASURES

        return list(IGRAPH_MEASURES)
    return [name for name, (_, higher) in net.MEASURES.items() if higher]


def network_measure(store, case_id: int, q: Any) -> dict[int, float] | None:
    """Scores by entity id for ``q.measure`` from orgmap.network (same filters as the page).

    None when orgmap.network is missing or does not know the measure (igraph is used then).
    """
    net = capability("orgmap.network", "MEASURES", "analyze", "build_view", "EmptyView")
    if net is None or q.measure not in net.MEASURES:
        return None
    try:
        g = net.build_view(
            store,
            case_id,
            as_of=q.as_of,
            layers=list(q.layers) or None,
            min_grade=q.min_grade,
            status=list(q.statuses) or None,
        )
    except net.EmptyView:
        return {}
    values = net.analyze(g, [q.measure]).get(q.measure, {})
    return {eid: float(values.get(name, 0.0)) for name, eid in zip(g.vs["name"], g.vs["entity_id"])}
