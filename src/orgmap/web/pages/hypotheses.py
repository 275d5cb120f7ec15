"""Hypotheses page: the ACH matrix with editable ratings, scores, diagnosticity, sensitivity.

Ratings are stored with ``Store.rate`` (a judgement each); scoring comes from
``orgmap.weigh`` (PARC-ACH weighted inconsistency).
"""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
from dash import Input, Output, html, no_update

from orgmap.store import StoreError
from orgmap.web.state import current, store
from orgmap.weigh import ACHError, case_ach, drop_groups, run_sensitivity, score

PATH, TITLE, SLUG = "/hypotheses", "Hypotheses", "hypotheses"
RATINGS = ("CC", "C", "N", "I", "II", "NA")


def matrix_rows(s, case_id: int) -> tuple[list[dict[str, Any]], list[Any]]:
    hypotheses = s.hypotheses(case_id)
    rows = []
    for item in s.items(case_id):
        text = item.text
        if not text and item.assertion_id:
            text = " … ".join(e.quote for e in s.assertion(item.assertion_id).evidence)
        row = {
            "item_id": item.id,
            "rid": str(item.id),
            "item": item.key,
            "evidence": text[:200],
            "cred": item.credibility,
            "relevance": item.relevance,
        }
        row.update({f"h:{h.key}": item.ratings.get(h.key, "") for h in hypotheses})
        rows.append(row)
    return rows, hypotheses


def scores_view(s, case_id: int) -> html.Div:
    try:
        hypotheses, items, _ = case_ach(s, case_id)
    except ACHError:  # an unrated hypothesis: score leniently and say so
        hypotheses, items = s.hypotheses(case_id), s.items(case_id)
    if not hypotheses:
        return html.P(
            "No hypotheses in this case yet (add them with `orgmap hypotheses add`).", className="muted"
        )
    result = score(hypotheses, items, s.schema, require_evidence=False)
    drops = run_sensitivity(hypotheses, items, s.schema, drop_groups(s, case_id, items))
    ranked = [
        {
            "rank": h.rank_label,
            "hypothesis": h.key,
            "statement": ("" if h.origin == "source" else "[analysts' own, ranked apart] ") + h.statement,
            "weighted inconsistency": round(h.inconsistency, 3),
            "rated items": h.rated,
        }
        for h in result.hypotheses
    ]
    diag = [
        {
            "item": i.key,
            "diagnosticity": i.diagnosticity,
            "weighted": round(i.weighted_diagnosticity, 3),
            "evidence": i.text[:160],
        }
        for i in result.items
    ]
    sens = [
        {
            "drop": d.label,
            "ranking": " > ".join("=".join(g) for g in d.ranking),
            "changes ranking": "yes" if d.changed else "no",
            "changes top": "yes" if d.top_changed else "no",
        }
        for d in drops
    ]

    def grid(gid: str, rows: list[dict[str, Any]]) -> dag.AgGrid:
        return dag.AgGrid(
            id=gid,
            rowData=rows,
            columnDefs=[{"field": k} for k in (rows[0] if rows else {})],
            defaultColDef={"resizable": True, "flex": 1, "sortable": True},
            dashGridOptions={"domLayout": "autoHeight"},
            className="ag-theme-quartz",
        )

    return html.Div(
        [
            html.H3("Scores (least inconsistent first)"),
            grid("ach-scores", ranked),
            *[html.P(n, className="muted") for n in result.notes],
            html.H3("Diagnosticity"),
            grid("ach-diag", diag),
            html.H3("Sensitivity: drop each source, informant or item"),
            grid("ach-sens", sens),
        ]
    )


def layout(query: dict[str, str]) -> html.Div:
    with store() as (s, case_id):
        rows, hypotheses = matrix_rows(s, case_id)
        scores = scores_view(s, case_id)
    columns: list[dict[str, Any]] = [
        {"field": "item", "pinned": "left", "width": 110},
        {
            "field": "evidence",
            "flex": 2,
            "minWidth": 300,
            "wrapText": True,
            "autoHeight": True,
            "cellStyle": {"lineHeight": "1.35", "wordBreak": "normal"},
        },
        {"field": "cred", "width": 70},
        {"field": "relevance", "width": 100},
    ]
    columns += [
        {
            "field": f"h:{h.key}",
            "headerName": h.key,
            "headerTooltip": h.statement,
            "editable": True,
            "width": 90,
            "cellEditor": "agSelectCellEditor",
            "cellEditorParams": {"values": list(RATINGS)},
        }
        for h in hypotheses
    ]
    return html.Div(
        className="hypotheses-page",
        children=[
            html.H2("Analysis of Competing Hypotheses"),
            html.Ul(
                [html.Li([html.B(h.key), ": ", h.statement]) for h in hypotheses], className="hypothesis-list"
            ),
            html.P(
                "Click a rating to change it (CC, C, N, I, II, NA); each change is a judgement.",
                className="muted",
            ),
            dag.AgGrid(
                id="ach-matrix",
                rowData=rows,
                columnDefs=columns,
                getRowId="params.data.rid",
                defaultColDef={"resizable": True},
                dashGridOptions={"domLayout": "autoHeight", "singleClickEdit": True},
                className="ag-theme-quartz",
            ),
            html.Div(id="ach-message", role="status"),
            html.Div(id="ach-scores-view", children=scores),
        ],
    )


def register(app) -> None:
    @app.callback(
        Output("ach-message", "children"),
        Output("ach-scores-view", "children"),
        Input("ach-matrix", "cellValueChanged"),
        prevent_initial_call=True,
    )
    def rate(changes):
        if not changes:
            return no_update, no_update
        done = []
        with store() as (s, case_id):
            for change in changes if isinstance(changes, list) else [changes]:
                col = change.get("colId", "")
                if not col.startswith("h:"):
                    continue
                value = (change.get("value") or "").strip().upper()
                try:
                    [item_id] = s.check_in_case(case_id, "item", [(change.get("data") or {}).get("item_id")])
                    s.rate(case_id, item_id, col[2:], value, who=current().who, why="rated in the web app")
                except StoreError as exc:
                    return html.P(f"Not saved: {exc}", className="error"), no_update
                done.append(f"{change['data']['item']} vs {col[2:]} = {value}")
            view = scores_view(s, case_id)
        return html.P("Saved: " + "; ".join(done), className="ok"), view
