"""The Network page's model: store relations -> cytoscape elements, sized by a measure.

One edge per (subject, type, object): the assertions behind it ride along in the edge's
data, so a click can show every one of them. Node sizes come from ``orgmap.network``
when it provides the measure, else from igraph.

>>> edges = [{"source": "e1", "target": "e2"}, {"source": "e2", "target": "e3"}]
>>> igraph_measure(["e1", "e2", "e3"], edges, "degree")
{'e1': 1.0, 'e2': 2.0, 'e3': 1.0}
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import igraph as ig

from orgmap.schema import Schema
from orgmap.web import graphcache as cache
from orgmap.web.layout import positions
from orgmap.web.scope import DEFAULT_LIMIT, Scope, select

__all__ = [
    "IGRAPH_MEASURES",
    "STATUS_STYLES",
    "GraphQuery",
    "build_elements",
    "igraph_measure",
    "legend_rows",
    "stylesheet",
]

IGRAPH_MEASURES = ("degree", "betweenness", "pagerank")
_COLOURS = ("#1f5aa6", "#d17a00", "#c0392b", "#2e8b57", "#7d3c98", "#5d6d7e")
_LINES = ("solid", "dashed", "solid", "dotted", "dashed", "dotted")
_SHAPES = ("ellipse", "round-rectangle", "diamond", "star", "hexagon", "triangle")
_FILLS = ("#6c8ebf", "#9aa5b1", "#82b366", "#d6b656", "#b85450", "#9673a6")
# how a tie is drawn by its status / modality, and what the legend says about it
STATUS_STYLES: dict[str, tuple[dict[str, Any], str]] = {
    "accepted": ({}, "accepted: full colour"),
    "candidate": ({"opacity": 0.55}, "candidate: faded, waiting for review"),
    "rejected": ({"opacity": 0.3}, "rejected: faint"),
    "superseded": ({"opacity": 0.3, "line-style": "dashed"}, "superseded: faint, dashed (corrected since)"),
    "denied": (
        {"line-style": "dotted", "opacity": 0.35, "line-color": "#7f8c8d", "target-arrow-color": "#7f8c8d"},
        "denied: grey dotted, never counted as a tie",
    ),
}


@dataclass
class GraphQuery:
    """What the Network page's controls select."""

    layers: Sequence[str] = ()
    as_of: date | None = None
    min_grade: str | None = None
    statuses: Sequence[str] = ("accepted",)
    measure: str = "degree"
    search: str = ""
    layout: str = "force"
    seed: int = 1
    pinned: dict[str, dict] | None = None  # node id -> {"x", "y"} where the analyst dragged it
    label_scale: float = 1.0
    view: str = "auto"  # what is drawn of a large case: see orgmap.web.scope.MODES
    limit: int = DEFAULT_LIMIT  # most entities drawn (0: all)
    focus: str | None = None  # node id the neighbourhood is centred on
    opened: Sequence[str] = ()  # communities the analyst opened


def igraph_measure(nodes: Sequence[str], edges: Sequence[dict[str, Any]], measure: str) -> dict[str, float]:
    """Degree, betweenness or PageRank of each node on the undirected multigraph of edges."""
    index = {n: i for i, n in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[e["source"]], index[e["target"]]) for e in edges])
    if measure == "degree":
        values = g.degree()
    elif measure == "betweenness":
        values = g.simplify().betweenness() if len(nodes) else []
    elif measure == "pagerank":
        values = g.pagerank() if len(nodes) else []
    else:
        raise ValueError(f"unknown measure {measure!r}; known: {', '.join(IGRAPH_MEASURES)}")
    return {n: float(values[i]) for n, i in index.items()}


def build_elements(store, case_id: int, q: GraphQuery) -> dict[str, Any]:
    """``{"elements": [...], "nodes": n, "edges": m, "matches": [node ids], "measure_source": ...,
    "drawn": entities drawn, "scope": the line saying what is drawn}``.

    ``nodes`` and ``edges`` count the whole filtered case; at most ``q.limit`` entities
    are drawn (:mod:`orgmap.web.scope`), the rest as collapsed communities.
    """
    if not q.layers:
        return {
            "elements": [],
            "nodes": 0,
            "edges": 0,
            "matches": [],
            "measure_source": "",
            "drawn": 0,
            "scope": "no layer chosen",
        }
    with cache.no_collection():  # 100,000 small objects at 20,000 entities: see no_collection
        return _build(store, case_id, q)


def _build(store, case_id: int, q: GraphQuery) -> dict[str, Any]:
    key = cache.read_key(store, case_id, q)
    everything = cache.relations(store, case_id, q, key)
    nodes, grouped, denied = cache.ties(store, q, everything, key)
    ordered = [f"e{i}" for i in sorted(nodes)]

    def links() -> list[tuple[str, str]]:  # the counted ties; built only when a rule needs them
        return [(f"e{a}", f"e{b}") for (a, _, b), d in denied.items() if not d]

    external = cache.scores(store, case_id, q, everything, key)
    if external is not None:
        values, source = external
        scores = {f"e{i}": float(values.get(i, 0.0)) for i in nodes}
    else:
        pairs = [{"source": a, "target": b} for a, b in links()]
        scores = igraph_measure(ordered, pairs, _fallback(q.measure))
        source = "igraph"
    matches = _matches(nodes.values(), q.search)
    focus = q.focus if q.focus in scores else (matches[0] if matches else None)
    pick = select(
        ordered,
        links,
        scores,
        Scope(q.view, q.limit, focus, tuple(q.opened), q.measure),
        groups=lambda: cache.communities(store, case_id, q, everything, key),
    )
    shown = set(pick.shown)
    drawn_ids = {int(x[1:]) for x in shown}
    edges = [
        _edge(a, rtype, b, grouped[(a, rtype, b)], denied[(a, rtype, b)])
        for a, rtype, b in grouped
        if a in drawn_ids and b in drawn_ids
    ]
    metas = _meta_edges(denied, drawn_ids, pick.hidden)
    top = max(scores.values(), default=0.0) or 1.0
    ranked = []
    for e in edges:
        above = store.schema.relation(e["data"]["type"]).above
        if above and not e["data"]["denied"]:
            d = e["data"]
            ranked.append((d["source"], d["target"]) if above == "source" else (d["target"], d["source"]))
    drawn = [*pick.shown, *pick.groups]
    placed = positions(
        drawn,
        [(e["data"]["source"], e["data"]["target"]) for e in [*edges, *metas]],
        kind=q.layout,
        seed=q.seed,
        ranked=ranked,
        pinned=q.pinned,
    )
    node_elements = [
        {
            "data": {
                "id": f"e{e.id}",
                "label": e.name,
                "type": e.type,
                "entity": e.id,
                "score": round(scores[f"e{e.id}"], 4),
                "size": round(22 + 38 * scores[f"e{e.id}"] / top, 1),
                "font": round((13 + 12 * scores[f"e{e.id}"] / top) * q.label_scale, 1),
            },
            "position": placed[f"e{e.id}"],
            "classes": " ".join([e.type, "match" if f"e{e.id}" in matches else ""]).strip(),
        }
        for e in (nodes[int(x[1:])] for x in pick.shown)
    ]
    found = set(matches)
    for k, members in pick.groups.items():
        lead = max(members, key=lambda x: (scores[x], -int(x[1:])))
        name = nodes[int(lead[1:])].name
        node_elements.append(
            {
                "data": {
                    "id": k,
                    "label": f"{name} and {len(members) - 1:,} more" if len(members) > 1 else name,
                    "community": k,
                    "members": len(members),
                    "score": 0.0,
                    "size": round(min(30 + 12 * math.log2(len(members)), 120), 1),
                    "font": round(14 * q.label_scale, 1),
                },
                "position": placed[k],
                "classes": " ".join(["community", "match" if found & set(members) else ""]).strip(),
            }
        )
    return {
        "elements": node_elements + edges + metas,
        "nodes": len(nodes),
        "edges": len(grouped),
        "matches": matches,
        "measure_source": source,
        "drawn": len(pick.shown),
        "scope": pick.note,
    }


def _fallback(measure: str) -> str:
    return measure if measure in IGRAPH_MEASURES else "degree"


def _edge(a: int, rtype: str, b: int, group: list[Any], denied: bool) -> dict[str, Any]:
    """One drawn tie: every assertion behind (subject, type, object) rides along."""
    first = group[0]
    statuses = sorted({g.assertion.status for g in group})
    return {
        "data": {
            "id": f"r{a}-{rtype}-{b}",
            "source": f"e{a}",
            "target": f"e{b}",
            "label": rtype.replace("_", " "),
            "type": rtype,
            "layer": first.layer,
            "assertions": [g.assertion.id for g in group],
            "statuses": statuses,
            "denied": denied,  # drawn faint, never counted as a tie
        },
        "classes": " ".join(
            [
                first.layer,
                "symmetric" if first.symmetric else "directed",
                *statuses,
                *(["denied"] if denied else []),
            ]
        ),
    }


def _meta_edges(denied, shown: set[int], hidden: dict[str, str]) -> list[dict[str, Any]]:
    """Ties with a collapsed end, one per pair of drawn ends, carrying how many they stand for.

    ``shown``: entity ids drawn as themselves; ``hidden``: node id -> its collapsed community.
    """
    collapsed = {int(x[1:]): k for x, k in hidden.items()}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for (a, _, b), d in denied.items():
        if d:
            continue
        a_shown, b_shown = a in shown, b in shown
        if a_shown and b_shown:
            continue
        x = f"e{a}" if a_shown else collapsed.get(a)
        y = f"e{b}" if b_shown else collapsed.get(b)
        if x is None or y is None or x == y:
            continue
        counts[(min(x, y), max(x, y))] += 1
    return [
        {
            "data": {
                "id": f"m{x}-{y}",
                "source": x,
                "target": y,
                "ties": n,
                "label": f"{n:,} tie{'' if n == 1 else 's'}",
                "width": round(min(1.5 + math.log2(n), 9), 1),
            },
            "classes": "meta",
        }
        for (x, y), n in sorted(counts.items())
    ]


def _matches(entities, search: str) -> list[str]:
    """Node ids whose name or an alias contains ``search`` (case-insensitive)."""
    from orgmap.names import normalize_name

    needle = normalize_name(search or "")
    if not needle:
        return []
    return [f"e{e.id}" for e in entities if any(needle in normalize_name(n) for n in [e.name, *e.aliases])]


def stylesheet(schema: Schema) -> list[dict[str, Any]]:
    """Cytoscape styles: one colour and line style per layer, one shape per entity type."""
    style: list[dict[str, Any]] = [
        {
            "selector": "node",
            "style": {
                "label": "data(label)",
                "width": "data(size)",
                "height": "data(size)",
                "font-size": "data(font)",
                "background-color": "#8a9bb0",
                "text-valign": "bottom",
                "text-margin-y": 3,
                "text-wrap": "wrap",
                "text-max-width": 120,
                "color": "#1d2433",
                "text-outline-color": "#ffffff",
                "text-outline-width": 2,
                "text-outline-opacity": 0.9,
                "min-zoomed-font-size": 9,
            },
        },  # labels too small to read wait until the analyst zooms in
        {
            "selector": "edge",
            "style": {
                "curve-style": "bezier",
                "width": 1.6,
                "font-size": 10,
                "arrow-scale": 0.8,
                "text-rotation": "autorotate",
                "color": "#333",
                "text-background-color": "#fff",
                "text-background-opacity": 0.85,
            },
        },
        {"selector": "edge:selected", "style": {"label": "data(label)", "width": 4}},
        {"selector": "edge.directed", "style": {"target-arrow-shape": "triangle"}},
        {"selector": "node.match", "style": {"border-width": 4, "border-color": "#e6b800"}},
        {
            "selector": "node.community",
            "style": {
                "shape": "round-octagon",
                "background-color": "#dfe6ee",
                "border-width": 2,
                "border-style": "dashed",
                "border-color": "#5d6d7e",
                "text-valign": "center",
                "text-max-width": 160,
            },
        },  # a collapsed community: click to open
        {"selector": "node.community.match", "style": {"border-width": 4, "border-color": "#e6b800"}},
        {
            "selector": "edge.meta",
            "style": {
                "width": "data(width)",
                "line-color": "#b4bfcc",
                "opacity": 0.7,
                "curve-style": "haystack",
            },
        },
        {"selector": ":selected", "style": {"overlay-color": "#e6b800", "overlay-opacity": 0.25}},
    ]
    for i, layer in enumerate(schema.layers):
        colour = _COLOURS[i % len(_COLOURS)]
        style.append(
            {
                "selector": f"edge.{layer}",
                "style": {
                    "line-color": colour,
                    "target-arrow-color": colour,
                    "line-style": _LINES[i % len(_LINES)],
                },
            }
        )
    for status, (rule, _) in STATUS_STYLES.items():  # after the layers: a status overrides the layer's look
        style.append({"selector": f"edge.{status}", "style": dict(rule)})
    for i, etype in enumerate(schema.entity_types):
        style.append(
            {
                "selector": f"node.{etype}",
                "style": {"shape": _SHAPES[i % len(_SHAPES)], "background-color": _FILLS[i % len(_FILLS)]},
            }
        )
    return style


def legend_rows(schema: Schema) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """What the legend shows, from the same tables as :func:`stylesheet`.

    ``{"types": [(type, {shape, colour})], "layers": [(layer, {colour, line})],
    "statuses": [(text, cytoscape style)]}``.
    """
    return {
        "types": [
            (t, {"shape": shape, "colour": colour}) for t, (shape, colour) in type_styles(schema).items()
        ],
        "layers": [
            (layer, {"colour": _COLOURS[i % len(_COLOURS)], "line": _LINES[i % len(_LINES)]})
            for i, layer in enumerate(schema.layers)
        ],
        "statuses": [(text, rule) for _, (rule, text) in STATUS_STYLES.items()],
    }


def type_styles(schema: Schema) -> dict[str, tuple[str, str]]:
    """(shape, colour) of each entity type, for legends."""
    return {
        t: (_SHAPES[i % len(_SHAPES)], _FILLS[i % len(_FILLS)]) for i, t in enumerate(schema.entity_types)
    }


def layer_colours(schema: Schema) -> dict[str, str]:
    """The colour of each layer, for legends."""
    return {layer: _COLOURS[i % len(_COLOURS)] for i, layer in enumerate(schema.layers)}
