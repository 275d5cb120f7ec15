"""Network page: the model as a graph, filtered by layer, date, grade, status; click for evidence.

Positions come from :mod:`orgmap.web.layout` (seeded force layout or organigram), so the
same filters and seed draw the same picture; a node the analyst drags stays where it was
put (``assets/graph.js`` reports it) until *Reset positions*.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import dash_cytoscape as cyto
from dash import Input, Output, State, ctx, dcc, html, no_update

from orgmap.store import StoreError
from orgmap.web.bridge import measure_names
from orgmap.web.evidence import evidence_panel
from orgmap.web.graph import GraphQuery, build_elements, layer_colours, legend_rows, stylesheet
from orgmap.web.layout import LAYOUTS
from orgmap.web.scope import DEFAULT_LIMIT, MODES
from orgmap.web.state import store

PATH, TITLE, SLUG = "/", "Network", "network"
LAYOUT = {"name": "preset", "animate": False, "fit": True, "padding": 24}  # positions come with the nodes
ALIASES = ("/network",)


def month_steps(dates: list[date]) -> list[date]:
    """Month ends from a year before the earliest date to a year after the latest.

    >>> [d.isoformat() for d in month_steps([date(2020, 1, 3)])][:2]
    ['2019-01-31', '2019-02-28']
    """
    import calendar

    if not dates:
        return []
    first, last = min(dates).year - 1, max(dates).year + 1
    return [date(y, m, calendar.monthrange(y, m)[1]) for y in range(first, last + 1) for m in range(1, 13)]


def _dates(s, case_id: int) -> list[date]:
    return [d for d in s.valid_span(case_id) if d]


def layout(query: dict[str, str]) -> html.Div:
    with store() as (s, case_id):
        schema = s.schema
        steps = month_steps(_dates(s, case_id))
    colours = layer_colours(schema)
    marks = {0: "all"}
    marks.update({i + 1: str(d.year) for i, d in enumerate(steps) if d.month == 1 and i >= 6})
    grades = list(schema.reliability)
    creds = list(schema.credibility)
    return html.Div(
        className="network-page",
        children=[
            dcc.Store(id="net-steps", data=[d.isoformat() for d in steps]),
            html.Aside(
                className="controls",
                children=[
                    html.Label("Layers"),
                    dcc.Checklist(
                        id="net-layers",
                        options=[
                            {
                                "label": html.Span(
                                    layer, style={"borderBottom": f"3px solid {colours[layer]}"}
                                ),
                                "value": layer,
                            }
                            for layer in schema.layers
                        ],
                        value=list(schema.layers),
                        className="checks",
                    ),
                    html.Label("As of"),
                    dcc.Slider(
                        id="net-asof",
                        min=0,
                        max=len(steps),
                        step=1,
                        value=0,
                        marks=marks,
                        tooltip={"placement": "bottom"},
                        included=False,
                        className="asof",
                    ),
                    html.Div(id="net-asof-label", className="muted"),
                    html.Label("Minimum grade"),
                    html.Div(
                        className="row",
                        children=[
                            dcc.Dropdown(
                                id="net-reliability",
                                options=[{"label": f"reliability ≥ {g}", "value": g} for g in grades],
                                placeholder="any reliability",
                            ),
                            dcc.Dropdown(
                                id="net-credibility",
                                options=[{"label": f"credibility ≥ {c}", "value": c} for c in creds],
                                placeholder="any credibility",
                            ),
                        ],
                    ),
                    html.Label("Status"),
                    dcc.Checklist(
                        id="net-status", options=list(schema.statuses), value=["accepted"], className="checks"
                    ),
                    html.Label("Node size by"),
                    dcc.Dropdown(id="net-measure", options=measure_names(), value="degree", clearable=False),
                    html.Label("Search name or alias"),
                    dcc.Input(
                        id="net-search",
                        type="search",
                        debounce=True,
                        placeholder="e.g. Qaani",
                        value=query.get("q", ""),
                    ),
                    html.Div(id="net-summary", className="muted"),
                    html.Label("Show"),
                    dcc.RadioItems(
                        id="net-view",
                        options=[{"label": v, "value": k} for k, v in MODES.items()],
                        value="auto",
                        className="checks",
                    ),
                    html.Div(
                        className="row",
                        title="large cases are summarised: at most this many entities are drawn",
                        children=[
                            html.Span("at most", className="muted"),
                            dcc.Input(
                                id="net-limit",
                                type="number",
                                min=20,
                                max=2000,
                                step=10,
                                value=DEFAULT_LIMIT,
                                debounce=True,
                            ),
                            html.Span("entities", className="muted"),
                            html.Button(
                                "Collapse all",
                                id="net-collapse",
                                className="small",
                                title="close the communities you opened",
                            ),
                        ],
                    ),
                    html.Label("Layout"),
                    dcc.Dropdown(
                        id="net-layout",
                        options=[{"label": v, "value": k} for k, v in LAYOUTS.items()],
                        value="force",
                        clearable=False,
                    ),
                    html.Div(
                        className="row",
                        title="the same seed draws the same picture",
                        children=[
                            html.Span("seed", className="muted"),
                            dcc.Input(id="net-seed", type="number", min=0, step=1, value=1, debounce=True),
                            html.Button(
                                "Reset positions",
                                id="net-unpin",
                                className="small",
                                title="forget where nodes were dragged",
                            ),
                        ],
                    ),
                    html.Label("Label size"),
                    dcc.Slider(
                        id="net-label-scale",
                        min=0.6,
                        max=2.0,
                        step=0.1,
                        value=1.0,
                        marks={0.6: "small", 1.0: "1×", 2.0: "large"},
                        className="label-scale",
                    ),
                ],
            ),
            dcc.Store(id="net-pinned", data={}),
            dcc.Store(id="net-opened", data=[]),
            dcc.Store(id="net-focus", data=None),  # the last entity clicked (or None: the first search match)
            dcc.Store(id="net-recentre", data=0),  # counts the clicks that recentre a neighbourhood
            html.Div(
                className="graph-column",
                children=[
                    html.Div(id="net-scope", className="scope-note", role="status"),
                    cyto.Cytoscape(
                        id="net-graph",
                        elements=[],
                        stylesheet=stylesheet(schema),
                        layout=LAYOUT,
                        style={"width": "100%", "height": "70vh"},
                        className="graph",
                    ),
                    legend(schema),
                ],
            ),
            html.Aside(
                id="net-evidence",
                className="evidence",
                children=html.P("Click a node or a tie to see the assertions behind it.", className="muted"),
            ),
        ],
    )


def legend(schema) -> html.Div:
    """Shapes, lines and status styles exactly as the graph draws them (one table feeds both)."""
    rows = legend_rows(schema)
    return html.Div(
        className="legend-box",
        children=[
            html.Ul(
                className="legend types",
                children=[
                    html.Li(
                        [
                            html.Span(
                                className=f"swatch {spec['shape']}", style={"background": spec["colour"]}
                            ),
                            name,
                        ]
                    )
                    for name, spec in rows["types"]
                ],
            ),
            html.Ul(
                className="legend lines",
                children=[
                    html.Li(
                        [
                            html.Span(
                                className="line-swatch",
                                style={"borderTop": f"3px {spec['line']} {spec['colour']}"},
                            ),
                            name,
                        ]
                    )
                    for name, spec in rows["layers"]
                ],
            ),
            html.Ul(
                className="legend lines",
                children=[
                    html.Li(
                        [
                            html.Span(
                                className="line-swatch",
                                style={
                                    "borderTop": f"3px {rule.get('line-style', 'solid')} {rule.get('line-color', '#1f5aa6')}",
                                    "opacity": rule.get("opacity", 1),
                                },
                            ),
                            text,
                        ]
                    )
                    for text, rule in rows["statuses"]
                ],
            ),
            html.P(
                "Arrows point from subject to object; node size follows the chosen measure; a yellow ring "
                "marks search matches; small labels appear as you zoom in.",
                className="muted small-print",
            ),
        ],
    )


def warm(state) -> None:
    """Build the page's default view once, so the first analyst to open a large case finds it
    ready (``orgmap serve`` runs this in the background at start; the caches of
    :mod:`orgmap.web.graphcache` keep it until the store changes)."""
    import logging

    try:
        with state.lock:
            build_elements(state.store, state.case_id, GraphQuery(layers=list(state.store.schema.layers)))
    except Exception as exc:  # a failure here only means the first draw is built on demand
        logging.getLogger(__name__).warning("orgmap web: could not prepare the Network page (%s)", exc)


def _grade(reliability: str | None, credibility: str | None, schema) -> str | None:
    if not reliability and not credibility:
        return None
    worst = list(schema.reliability)[-1]
    return f"{reliability or worst}{credibility or ''}"


def register(app) -> None:
    @app.callback(
        Output("net-graph", "elements"),
        Output("net-summary", "children"),
        Output("net-asof-label", "children"),
        Output("net-scope", "children"),
        Input("net-layers", "value"),
        Input("net-asof", "value"),
        Input("net-reliability", "value"),
        Input("net-credibility", "value"),
        Input("net-status", "value"),
        Input("net-measure", "value"),
        Input("net-search", "value"),
        Input("net-layout", "value"),
        Input("net-seed", "value"),
        Input("net-label-scale", "value"),
        Input("net-pinned", "data"),
        Input("net-view", "value"),
        Input("net-limit", "value"),
        Input("net-opened", "data"),
        Input("net-recentre", "data"),
        State("net-focus", "data"),
        State("net-steps", "data"),
    )
    def refresh(
        layers,
        step,
        rel,
        cred,
        statuses,
        measure,
        search,
        kind,
        seed,
        scale,
        pinned,
        view,
        limit,
        opened,
        _recentre,
        focus,
        steps,
    ) -> tuple[Any, str, str, str]:
        if ctx.triggered_id == "net-pinned" and pinned:
            return no_update, no_update, no_update, no_update  # a drag: the graph already shows it
        as_of = date.fromisoformat(steps[step - 1]) if step and steps else None
        with store() as (s, case_id):
            q = GraphQuery(
                layers=layers or [],
                as_of=as_of,
                min_grade=_grade(rel, cred, s.schema),
                statuses=statuses or [],
                measure=measure or "degree",
                search=search or "",
                layout=kind if kind in LAYOUTS else "force",
                seed=int(seed) if isinstance(seed, (int, float)) else 1,
                pinned=pinned if isinstance(pinned, dict) else {},
                label_scale=float(scale) if isinstance(scale, (int, float)) else 1.0,
                view=view if view in MODES else "auto",
                limit=int(limit) if isinstance(limit, (int, float)) and limit >= 1 else DEFAULT_LIMIT,
                focus=focus if isinstance(focus, str) else None,
                opened=[k for k in opened if isinstance(k, str)] if isinstance(opened, list) else [],
            )
            built = build_elements(s, case_id, q)
        found = f"; {len(built['matches'])} match '{search}'" if search else ""
        summary = (
            f"{built['nodes']} actors, {built['edges']} ties; size by {q.measure} "
            f"({built['measure_source']}){found}"
        )
        label = f"as of {as_of.isoformat()}" if as_of else "all time (no date filter)"
        return built["elements"], summary, label, built["scope"]

    @app.callback(
        Output("net-opened", "data", allow_duplicate=True),
        Output("net-focus", "data", allow_duplicate=True),
        Output("net-recentre", "data"),
        Input("net-graph", "tapNodeData"),
        State("net-opened", "data"),
        State("net-view", "value"),
        State("net-recentre", "data"),
        prevent_initial_call=True,
    )
    def tapped(node, opened, view, recentre):
        """A collapsed community opens; an entity becomes the centre of the neighbourhood view
        (redrawn at once when that view is shown)."""
        if not isinstance(node, dict):
            return no_update, no_update, no_update
        key = node.get("community")
        if isinstance(key, str) and key:
            return sorted({*(opened if isinstance(opened, list) else []), key}), no_update, no_update
        if not isinstance(node.get("id"), str):
            return no_update, no_update, no_update
        again = (recentre or 0) + 1 if view == "neighbourhood" else no_update
        return no_update, node["id"], again

    @app.callback(
        Output("net-opened", "data", allow_duplicate=True),
        Input("net-collapse", "n_clicks"),
        prevent_initial_call=True,
    )
    def collapse_all(_n):
        return []

    @app.callback(
        Output("net-focus", "data", allow_duplicate=True),
        Input("net-search", "value"),
        prevent_initial_call=True,
    )
    def search_recentres(_search):
        return None  # the neighbourhood centres on the first match

    @app.callback(
        Output("net-pinned", "data", allow_duplicate=True),
        Input("net-unpin", "n_clicks"),
        prevent_initial_call=True,
    )
    def unpin(_n):
        return {}

    @app.callback(
        Output("net-evidence", "children"),
        Input("net-graph", "tapNodeData"),
        Input("net-graph", "tapEdgeData"),
        State("net-status", "value"),
        prevent_initial_call=True,
    )
    def show_evidence(node, edge, statuses):
        with store() as (s, case_id):
            edge_tapped = ctx.triggered[0]["prop_id"].endswith("tapEdgeData")
            try:  # every id the browser sends must name a record of the served case
                if edge_tapped and edge and edge.get("ties"):
                    return html.P(
                        f"{edge.get('label', '')} between groups: click a community to open it and see them.",
                        className="muted",
                    )
                if not edge_tapped and node and node.get("community"):
                    return html.Div(
                        [
                            html.H3(str(node.get("label", ""))),
                            html.P(
                                f"A community of {_count(node.get('members'))} entities, opened on the graph: "
                                "click one of them to see its assertions.",
                                className="muted",
                            ),
                        ]
                    )
                if edge_tapped and edge:
                    ids = s.check_in_case(case_id, "assertion", list(edge.get("assertions") or []))
                    heading = (
                        f"{_label(s, case_id, edge.get('source'))} — {edge.get('label', '')} — "
                        f"{_label(s, case_id, edge.get('target'))}"
                    )
                    return evidence_panel(s, ids, heading)
                if node:
                    entity = s.check_in_case(case_id, "entity", [node.get("entity")])[0]
                    ids = [a.id for a in s.assertions(case_id, entity=entity, status=statuses or None)]
                    return evidence_panel(s, ids, s.entity(entity).name)
            except (StoreError, AttributeError, TypeError) as exc:
                return html.P(f"Cannot show that: {exc}", className="error")
        return no_update


def _count(value: Any) -> str:
    """A count the browser sent back, printed only if it is one."""
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else "several"


def _label(s, case_id: int, node_id: Any) -> str:
    return s.entity(s.check_in_case(case_id, "entity", [str(node_id)[1:]])[0]).name
