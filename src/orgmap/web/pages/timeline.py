"""Timeline page: tenures (who held which tie when) and dated events on one time axis.

Denied ties are drawn as denied (grey, dotted, marked "denied"), as on the Network page;
open bounds stay open (orgmap.report.timeline): a filled end is the day itself, a hollow
one a tie that began after / ended before that day, an arrow a tie that reaches beyond the
bar (dashed where it began before / ended after the day shown); a legend says so. With
nothing dated, the page says how to date ties instead of drawing an empty axis.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import dash_ag_grid as dag
import plotly.graph_objects as go
from dash import Input, Output, dcc, html

from orgmap.report.timeline import end_marks, timeline_rows
from orgmap.web.graph import layer_colours
from orgmap.web.state import store
from orgmap.web.timelinefmt import plot_text

__all__ = ["figure", "layout", "register", "timeline_rows"]

PATH, TITLE, SLUG = "/timeline", "Timeline", "timeline"
DENIED_COLOUR = "#7f8c8d"  # as the Network page draws denied ties
# a bar end's mark (orgmap.report.timeline.end_marks) as a Plotly marker symbol
MARKER = {"●": "circle", "○": "circle-open", "◀": "triangle-left", "▶": "triangle-right"}
LEGEND_MARKS = (
    ("●", "on that day"),
    ("○", "open bound: began after / ended before that day"),
    ("▶", "reaches beyond: no date known, or began before / ended after (dashed)"),
)
NOTHING_DATED = [
    "Nothing dated yet with these statuses. Give ties a valid time: on the Network page click a "
    "tie and use “set dates” in its evidence panel; when you make a tie from selected words "
    "on the Sources page, fill in from / to; or run ",
    html.Code("orgmap edit dates"),
    ". Events are dated by a date attribute in the case file.",
]


def figure(tenures: list[dict[str, Any]], events: list[dict[str, Any]], colours: dict[str, str]) -> go.Figure:
    dates = [d for t in tenures for d in (t["from"], t["to"]) if d] + [e["date"] for e in events]
    # open ends (no valid_from / valid_to) reach a year before the first / half a year after the last date
    lo = (date.fromisoformat(min(dates)) - timedelta(days=365)).isoformat() if dates else "2000-01-01"
    hi = (
        (date.fromisoformat(max(dates)) + timedelta(days=182)).isoformat()
        if dates
        else date.today().isoformat()
    )
    fig = go.Figure()
    for t in sorted(tenures, key=lambda t: (t["from"] or lo, t["to"] or hi), reverse=True):
        left, right = end_marks(t)
        denied = t.get("modality") == "denied"
        label = plot_text(
            f"{t['who']} — {t['relation'].replace('_', ' ')} — {t['what']}" + (" (denied)" if denied else "")
        )
        line = (
            {"width": 4, "color": DENIED_COLOUR, "dash": "dot"}
            if denied
            else {"width": 10, "color": colours.get(t["layer"], "#888")}
        )
        colour = line["color"]
        for x0, x1 in (
            (lo, t["from"]) if t.get("from_bound") == "before" else (None, None),
            (t["to"], hi) if t.get("to_bound") == "after" else (None, None),
        ):
            if x0:  # known on the day shown, reaching beyond it: a thin dashed stretch to the edge
                fig.add_trace(
                    go.Scatter(
                        x=[x0, x1],
                        y=[label, label],
                        mode="lines",
                        line={"width": 2, "color": colour, "dash": "dash"},
                        showlegend=False,
                        hoverinfo="skip",
                    )
                )
        fig.add_trace(
            go.Scatter(
                x=[t["from"] or lo, t["to"] or hi],
                y=[label, label],
                mode="lines+markers",
                line=line,
                marker={
                    "symbol": [MARKER[left], MARKER[right]],
                    "size": 12,
                    "color": colour,
                    "line": {"width": 2, "color": colour},
                },
                opacity=0.6 if denied else 1.0,
                name=plot_text(t["layer"]),
                showlegend=False,
                hovertext=plot_text(
                    f"{label} ({t.get('valid') or t['from'] + ' – ' + t['to']}, {t['grade']})"
                ),
                hoverinfo="text",
            )
        )
    for e in sorted(events, key=lambda e: e["date"], reverse=True):
        label = plot_text(f"◆ {e['event']}")
        fig.add_trace(
            go.Scatter(
                x=[e["date"]],
                y=[label],
                mode="markers",
                marker={"size": 12, "symbol": "diamond", "color": "#333"},
                showlegend=False,
                hovertext=plot_text(f"{e['event']} ({e['date']})"),
                hoverinfo="text",
            )
        )
    for mark, meaning in LEGEND_MARKS:  # the legend: what each end of a bar says
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={
                    "symbol": MARKER[mark],
                    "size": 11,
                    "color": "#555",
                    "line": {"width": 2, "color": "#555"},
                },
                name=meaning,
                showlegend=True,
            )
        )
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
        margin={"l": 10, "r": 10, "t": 30, "b": 30},
        height=max(320, 26 * (len(tenures) + len(events)) + 80),
        xaxis={"type": "date", "side": "top", "gridcolor": "#eee"},
        plot_bgcolor="#fff",
        yaxis={"automargin": True},
        title="Dated ties (bars, by layer colour; denied: grey dotted) and events (◆); ends as the legend says",
    )
    return fig


def layout(query: dict[str, str]) -> html.Div:
    with store() as (s, _):
        statuses = list(s.schema.statuses)
    return html.Div(
        className="timeline-page",
        children=[
            html.Div(
                className="panel",
                children=[
                    html.Label("Status"),
                    dcc.Checklist(id="tl-status", options=statuses, value=["accepted"], className="checks"),
                ],
            ),
            html.Div(id="tl-empty", className="needs", hidden=True),
            dcc.Graph(id="tl-figure", config={"displaylogo": False}),
            html.Div(
                id="tl-table",
                children=[
                    html.H3("Dated ties"),
                    dag.AgGrid(
                        id="tl-grid",
                        columnDefs=[
                            {"field": f}
                            for f in ("who", "relation", "what", "modality", "valid", "grade", "quote")
                        ],
                        defaultColDef={"sortable": True, "filter": True, "resizable": True, "flex": 1},
                        dashGridOptions={"domLayout": "autoHeight"},
                        className="ag-theme-quartz",
                    ),
                ],
            ),
        ],
    )


def register(app) -> None:
    @app.callback(
        Output("tl-figure", "figure"),
        Output("tl-figure", "style"),
        Output("tl-grid", "rowData"),
        Output("tl-empty", "children"),
        Output("tl-empty", "hidden"),
        Output("tl-table", "hidden"),
        Input("tl-status", "value"),
    )
    def refresh(statuses):
        with store() as (s, case_id):
            tenures, events = timeline_rows(s, case_id, statuses or [])
            colours = layer_colours(s.schema)
        if not tenures and not events:  # no empty axis: say what to do
            return {}, {"display": "none"}, [], [html.H3("No dated ties"), html.P(NOTHING_DATED)], False, True
        return figure(tenures, events, colours), {}, tenures, "", True, False
