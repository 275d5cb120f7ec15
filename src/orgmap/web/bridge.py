"""Node sizes for the network page from :mod:`orgmap.network`'s measures (same filters as the page)."""

from __future__ import annotations

from typing import Any

from orgmap import network as net

__all__ = ["measure_names", "network_measure"]


def measure_names() -> list[str]:
    """Measures that can size nodes: orgmap.network's "higher is more central" ones."""
    return [name for name, (_, higher) in net.MEASURES.items() if higher]


def network_measure(store, case_id: int, q: Any) -> dict[int, float] | None:
    """Scores by entity id for ``q.measure`` from orgmap.network (same filters as the page).

    None when orgmap.network does not know the measure (igraph is used then).
    """
    if q.measure not in net.MEASURES:
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
