"""Node sizes for the network page from :mod:`orgmap.network`'s measures (same filters as the page)."""

from __future__ import annotations

from typing import Any

from orgmap import network as net

__all__ = ["measure_names", "network_communities", "network_measure", "network_view"]


def measure_names() -> list[str]:
    """Measures that can size nodes: orgmap.network's "higher is more central" ones."""
    return [name for name, (_, higher) in net.MEASURES.items() if higher]


#: Node sizes need the ranking's top only roughly: pivots until the bound is this share of the top value.
SIZING_TOLERANCE = 0.25


def network_view(store, q: Any, relations: list | None = None):
    """The orgmap.network view of the page's filters (None when nothing is left); from
    ``relations`` (all layers, the page's other filters) when given."""
    from orgmap.network.view import EmptyView, build_view, view_from_relations

    try:
        if relations is None:
            return build_view(
                store,
                q.case_id,
                as_of=q.as_of,
                layers=list(q.layers) or None,
                min_grade=q.min_grade,
                status=list(q.statuses) or None,
            )
        layers, groups = set(q.layers), set(store.schema.roles.group_relations)
        return view_from_relations(
            store.schema,
            [r for r in relations if r.layer in layers],
            [r for r in relations if r.type in groups],
        )
    except EmptyView:
        return None


def network_measure(
    store, case_id: int, q: Any, relations: list | None = None, view: Any = None
) -> tuple[dict[int, float], str] | None:
    """Scores by entity id for ``q.measure`` from orgmap.network (same filters as the page),
    and how they were computed ("orgmap.network", or with the pivots it was estimated from).

    None when orgmap.network does not know the measure (igraph is used then).
    Betweenness and closeness are estimated from sampled pivots on large views, as
    ``orgmap analyze --pivots auto`` does.
    """
    if q.measure not in net.MEASURES:
        return None
    from orgmap.network.measures.pivots import describe, plan_path_measures

    g = view if view is not None else network_view(store, _Filters(case_id, q), relations)
    if g is None:
        return {}, "orgmap.network"
    plan = plan_path_measures(g, [q.measure], seed=q.seed, tolerance=SIZING_TOLERANCE)
    pivots = {m: e.pivots for m, e in plan.items() if not e.exact}
    values = net.analyze(g, [q.measure], seed=q.seed, pivots=pivots).get(q.measure, {})
    how = "orgmap.network" + "".join(f", {describe(e)}" for e in plan.values() if not e.exact)
    return {eid: float(values.get(name, 0.0)) for name, eid in zip(g.vs["name"], g.vs["entity_id"])}, how


def network_communities(view: Any, seed: int) -> dict[int, int] | None:
    """Community number by entity id of a view (Leiden, seeded); None without a view."""
    from orgmap.network.measures.communities import communities

    if view is None:
        return None
    found = communities(view, seed=seed)
    return {eid: found[name] for name, eid in zip(view.vs["name"], view.vs["entity_id"])}


class _Filters:
    """The page's query with the case it applies to."""

    def __init__(self, case_id: int, q: Any):
        self.case_id, self.as_of, self.layers = case_id, q.as_of, q.layers
        self.min_grade, self.statuses = q.min_grade, q.statuses
