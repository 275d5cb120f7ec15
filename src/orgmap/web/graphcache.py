"""The filtered case behind the Network page, kept per state of the store.

Reading a large case is most of a redraw's cost, so the page keeps, for the last few
queries, the relations read (every layer, under the date, grade and status filters), the
ties of the chosen layers, the orgmap.network views, the communities and the scores. Each
entry belongs to one store object and is keyed by the case's signature
(:meth:`~orgmap.store.Store.case_signature`): any write to the case - an assertion, an
entity, a judgement - makes the next query read again. Callers hold the store's lock
(:func:`orgmap.web.state.store`), so the caches need none of their own.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import igraph as ig

__all__ = ["communities", "forget", "read_key", "relations", "scores", "ties", "view"]

_READS: OrderedDict[tuple, tuple[Any, list[Any]]] = (
    OrderedDict()
)  # the last two reads (the big ones), see _relations
_GROUPS: OrderedDict[tuple, tuple[Any, dict[str, str]]] = OrderedDict()
_VIEWS: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()
_SCORES: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()
_TIES: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()  # these keep the last four


def _remember(cache: OrderedDict, key: tuple, store: Any, make: Any) -> Any:
    """``make()``'s value, kept in ``cache`` under ``key`` for this very ``store`` (least recently used go)."""
    hit = cache.get(key)
    if hit is not None and hit[0] is store:
        cache.move_to_end(key)
        return hit[1]
    value = make()
    cache[key] = (store, value)
    while len(cache) > (2 if cache is _READS else 4):
        cache.popitem(last=False)
    return value


def read_key(store: Any, case_id: int, q: Any) -> tuple:
    statuses = tuple(sorted(q.statuses)) if q.statuses else None
    return (id(store), store.case_signature(case_id), q.as_of, q.min_grade, statuses)


def relations(store: Any, case_id: int, q: Any, key: tuple) -> list[Any]:
    """The relations of every layer under the query's other filters, read once per state of the case.

    Reading a large case is most of a redraw's cost; the layers are chosen from this in
    memory, and the case's signature (:meth:`~orgmap.store.Store.case_signature`) tells
    when the store changed.
    """
    return _remember(
        _READS,
        key,
        store,
        lambda: store.relations(
            case_id, as_of=q.as_of, min_grade=q.min_grade, status=list(q.statuses) or None
        ),
    )


def view(store: Any, case_id: int, q: Any, rels: list[Any], key: tuple, layers: Sequence[str]) -> Any:
    """The orgmap.network view of ``layers`` (None without the package or with no tie), kept per read."""
    from orgmap.web.bridge import network_view

    chosen = tuple(sorted(layers))
    return _remember(
        _VIEWS, (*key, chosen), store, lambda: network_view(store, replace(q, layers=chosen), rels)
    )


def communities(store: Any, case_id: int, q: Any, rels: list[Any], key: tuple) -> dict[str, str]:
    """Community key of each node id (``c`` + the smallest entity id of the community).

    Communities come from the ties of every layer (under the query's other filters), so a
    community stays the same group of actors while the analyst toggles layers.
    """
    from orgmap.web.bridge import network_communities

    def make() -> dict[str, str]:
        found = network_communities(view(store, case_id, q, rels, key, store.schema.layers), q.seed)
        if found is None:  # without orgmap.network: connected components
            pairs = [(r.subject.id, r.object.id) for r in rels]
            ids = sorted({x for pair in pairs for x in pair})
            index = {eid: i for i, eid in enumerate(ids)}
            parts = ig.Graph(
                n=len(ids), edges=[(index[a], index[b]) for a, b in pairs]
            ).connected_components()
            found = dict(zip(ids, parts.membership))
        first: dict[int, int] = {}
        for eid, m in sorted(found.items()):
            first.setdefault(m, eid)
        return {f"e{eid}": f"c{first[m]}" for eid, m in found.items()}

    return _remember(_GROUPS, (*key, q.seed), store, make)


def scores(store: Any, case_id: int, q: Any, rels: list[Any], key: tuple) -> Any:
    """``(scores by entity id, how)`` from orgmap.network, or None; kept per read, layers and measure.

    The key names the bridge function too, so a replaced implementation is not served
    another's cached scores.
    """
    from orgmap.web import bridge

    fn = bridge.network_measure
    drawn = view(store, case_id, q, rels, key, q.layers)
    return _remember(
        _SCORES,
        (*key, tuple(sorted(q.layers)), q.measure, q.seed, fn),
        store,
        lambda: fn(store, case_id, q, rels, drawn),
    )


def _group_ties(everything: list[Any], layers: set[str]) -> tuple[dict, dict, dict]:
    """(entities by id, relations by (subject, type, object), whether each tie is only denied)
    for the relations of ``layers``; a symmetric tie's ends in id order."""
    nodes: dict[int, Any] = {}
    grouped: dict[tuple[int, str, int], list[Any]] = defaultdict(list)
    for r in everything:
        if r.layer not in layers:
            continue
        nodes[r.subject.id] = r.subject
        nodes[r.object.id] = r.object
        a, b = r.subject.id, r.object.id
        if r.symmetric and a > b:
            a, b = b, a
        grouped[(a, r.type, b)].append(r)
    denied = {k: all(g.assertion.modality == "denied" for g in group) for k, group in grouped.items()}
    return nodes, dict(grouped), denied


def ties(store: Any, q: Any, rels: list[Any], key: tuple) -> tuple[dict, dict, dict]:
    """:func:`_group_ties` of the query's layers, kept per read."""
    return _remember(_TIES, (*key, tuple(sorted(q.layers))), store, lambda: _group_ties(rels, set(q.layers)))


def forget() -> None:
    """Empty every cache: the next query reads the store again (benchmarks time cold draws so)."""
    for cache in (_READS, _TIES, _VIEWS, _GROUPS, _SCORES):
        cache.clear()
