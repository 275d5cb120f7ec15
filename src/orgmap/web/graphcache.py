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

import contextlib
import gc
import hashlib
import importlib.metadata
import logging
from collections import OrderedDict, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import igraph as ig

__all__ = ["communities", "forget", "no_collection", "read_key", "relations", "scores", "ties", "view"]

_FORMAT = "v1"  # how _kept's values are encoded; a new encoding computes them again
try:
    _VERSION = importlib.metadata.version("orgmap")  # a new orgmap may compute them otherwise
except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
    _VERSION = "unknown"

_READS: OrderedDict[tuple, tuple[Any, list[Any]]] = (
    OrderedDict()
)  # the last two reads (the big ones), see _relations
_GROUPS: OrderedDict[tuple, tuple[Any, dict[str, str]]] = OrderedDict()
_VIEWS: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()
_SCORES: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()
_TIES: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()  # these keep the last four


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a large case is read and summarised.

    Building 100,000 small objects triggers full collections that rescan every object
    already kept (the caches themselves): half the time of a cold read of 20,000 entities.
    Nothing built here is garbage yet; the collector resumes afterwards (unless it was
    already paused by the caller).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _remember(cache: OrderedDict, key: tuple, store: Any, make: Any) -> Any:
    """``make()``'s value, kept in ``cache`` under ``key`` for this very ``store`` (least recently used go)."""
    hit = cache.get(key)
    if hit is not None and hit[0] is store:
        cache.move_to_end(key)
        return hit[1]
    with no_collection():
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
        lambda: store.relation_heads(
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


def _kept(
    store: Any, case_id: int, key: tuple, kind: str, what: str, make: Any, encode: Any, decode: Any
) -> Any:
    """``make()``'s value, or the one a process kept in the store for the same case state and ``what``.

    The value is kept in the store (:meth:`~orgmap.store.Store.keep_summary`) under the
    case's signature (``key[1]``), so a fresh ``orgmap serve`` or a second worker reads it
    instead of computing it; a write to the case makes it stale, and so does another
    orgmap version or vocabulary (both are part of the key). Keeping it is only a
    saving: when the store refuses the write (locked by another writer, read-only), the
    value is still returned.
    """
    vocabulary = hashlib.sha256(repr(store.schema).encode("utf-8")).hexdigest()[:16]  # layers, weights
    label = f"{what};orgmap={_VERSION};vocabulary={vocabulary};{_FORMAT}"
    found = store.summary(case_id, kind, label, key[1])
    if found is not None:
        return decode(found)
    value = make()
    if value is not None:
        try:
            store.keep_summary(case_id, kind, label, key[1], encode(value))
        except Exception as exc:  # a summary not kept costs time, never the drawing
            logging.getLogger(__name__).warning("orgmap web: could not keep the %s (%s)", kind, exc)
    return value


def _query_label(q: Any) -> str:
    statuses = ",".join(sorted(q.statuses)) if q.statuses else "any"
    return f"as_of={q.as_of};grade={q.min_grade};status={statuses};seed={q.seed}"


def communities(store: Any, case_id: int, q: Any, rels: list[Any], key: tuple) -> dict[str, str]:
    """Community key of each node id (``c`` + the smallest entity id of the community).

    Communities come from the ties of every layer (under the query's other filters), so a
    community stays the same group of actors while the analyst toggles layers. They are
    kept in the store for this state of the case (:func:`_kept`).
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

    def encode(found: dict[str, str]) -> dict[str, list[int]]:
        members: dict[str, list[int]] = defaultdict(list)
        for node, group in found.items():
            members[group].append(int(node[1:]))
        return dict(members)

    def decode(kept: dict[str, list[int]]) -> dict[str, str]:
        return {f"e{eid}": group for group, ids in kept.items() for eid in ids}

    return _remember(
        _GROUPS,
        (*key, q.seed),
        store,
        lambda: _kept(store, case_id, key, "communities", _query_label(q), make, encode, decode),
    )


def scores(store: Any, case_id: int, q: Any, rels: list[Any], key: tuple) -> Any:
    """``(scores by entity id, how)`` from orgmap.network, or None; kept per read, layers and measure,
    and in the store for this state of the case (:func:`_kept`).

    The keys name the bridge function too, so a replaced implementation is not served
    another's scores.
    """
    from orgmap.web import bridge

    fn = bridge.network_measure
    layers = tuple(sorted(q.layers))
    what = f"{_query_label(q)};layers={','.join(layers)};measure={q.measure};by={fn.__module__}.{fn.__qualname__}"

    def make() -> Any:
        return fn(store, case_id, q, rels, view(store, case_id, q, rels, key, q.layers))

    def encode(found: tuple[dict[int, float], str]) -> dict[str, Any]:
        values, how = found
        return {"how": how, "values": [[eid, value] for eid, value in values.items()]}

    def decode(kept: dict[str, Any]) -> tuple[dict[int, float], str]:
        return {int(eid): float(value) for eid, value in kept["values"]}, kept["how"]

    return _remember(
        _SCORES,
        (*key, layers, q.measure, q.seed, fn),
        store,
        lambda: _kept(store, case_id, key, "scores", what, make, encode, decode),
    )


def _group_ties(everything: list[Any], layers: set[str]) -> tuple[dict, dict, dict]:
    """(entities by id, relations by (subject, type, object), whether each tie is only denied)
    for the relations of ``layers``; a symmetric tie's ends in id order."""
    nodes: dict[int, Any] = {}
    grouped: dict[tuple[int, str, int], list[Any]] = {}
    counted = set()  # ties with an assertion that is not a denial
    for r in everything:
        if r.layer not in layers:
            continue
        subject, obj = r.subject, r.object
        a, b = subject.id, obj.id
        nodes[a] = subject
        nodes[b] = obj
        if r.symmetric and a > b:
            a, b = b, a
        key = (a, r.type, b)
        group = grouped.get(key)
        if group is None:
            grouped[key] = [r]
        else:
            group.append(r)
        if r.assertion.modality != "denied":
            counted.add(key)
    denied = {k: k not in counted for k in grouped}
    return nodes, grouped, denied


def ties(store: Any, q: Any, rels: list[Any], key: tuple) -> tuple[dict, dict, dict]:
    """:func:`_group_ties` of the query's layers, kept per read."""
    return _remember(_TIES, (*key, tuple(sorted(q.layers))), store, lambda: _group_ties(rels, set(q.layers)))


def forget(store: Any = None) -> None:
    """Empty every cache: the next query reads the store again (benchmarks time cold draws so).

    With a ``store``, the summaries kept in it go too: the next query computes them again,
    as on a case never drawn before.
    """
    for cache in (_READS, _TIES, _VIEWS, _GROUPS, _SCORES):
        cache.clear()
    if store is not None:
        store.forget_summaries()
