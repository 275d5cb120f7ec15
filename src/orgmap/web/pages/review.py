"""Review page: the candidate queue beside its sentence; accept, reject, edit, merge.

Every action goes through the Store API and appends a judgement (who, when, why).
"""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
from dash import Input, Output, State, ctx, dcc, html, no_update

from orgmap.store import StoreError
from orgmap.web.evidence import assertion_card
from orgmap.web.state import current, store

PATH, TITLE, SLUG = "/review", "Review", "review"


def candidate_rows(s, case_id: int) -> list[dict[str, Any]]:
    """The candidate queue as grid rows (plain text values only)."""
    names = {e.id: e.name for e in s.entities(case_id, include_merged=True)}
    rows = []
    for a in s.assertions(case_id, status="candidate"):
        rows.append({
            "id": a.id, "rid": str(a.id), "subject": names.get(s.canonical_id(a.subject_id), "?"),
            "relation": a.predicate or "(entity)",
            "object": names.get(s.canonical_id(a.object_id), "") if a.object_id else "",
            "grade": a.grade, "modality": a.modality, "origin": a.origin,
            "quote": a.evidence[0].quote[:160] if a.evidence else "",
        })
    return rows


def entity_options(s, case_id: int) -> list[dict[str, Any]]:
    """Canonical entities for the merge pickers (merged ones disappear)."""
    return [{"label": f"{e.name} ({e.type}, #{e.id})", "value": e.id} for e in s.entities(case_id)]


def layout(query: dict[str, str]) -> html.Div:
    with store() as (s, case_id):
        rows = candidate_rows(s, case_id)
        schema = s.schema
        ent_options = entity_options(s, case_id)
    columns = [{"field": "id", "width": 70}, {"field": "subject"}, {"field": "relation", "width": 130},
               {"field": "object"}, {"field": "grade", "width": 80}, {"field": "modality", "width": 100},
               {"field": "quote", "flex": 2}]
    return html.Div(className="review-page", children=[
        dcc.Store(id="rev-selected"),
        html.Section(className="queue", children=[
            html.H2(["Candidate queue ", html.Span(id="rev-count", children=f"({len(rows)})")]),
            dag.AgGrid(id="rev-grid", rowData=rows, columnDefs=columns, getRowId="params.data.rid",
                       defaultColDef={"sortable": True, "filter": True, "resizable": True, "flex": 1},
                       dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False,
                                                         "enableClickSelection": True},
                                        "domLayout": "autoHeight", "pagination": True,
                                        "paginationPageSize": 20},
                       className="ag-theme-quartz", style={"width": "100%"}),
        ]),
        html.Section(className="decide", children=[
            html.Div(id="rev-sentence", children=html.P("Pick a candidate in the queue.", className="muted")),
            html.Div(className="row", children=[
                html.Button("Accept", id="rev-accept", className="accept", disabled=True),
                html.Button("Reject", id="rev-reject", className="reject", disabled=True),
            ]),
            dcc.Input(id="rev-why", placeholder="why (recorded with the judgement)", className="wide"),
            html.Details([
                html.Summary("Edit before accepting"),
                dcc.Dropdown(id="rev-edit-type", placeholder="relation type",
                             options=list(schema.relation_types)),
                dcc.Dropdown(id="rev-edit-modality", placeholder="modality", options=list(schema.modalities)),
                dcc.Input(id="rev-edit-grade", placeholder="grade, e.g. C3", maxLength=3),
                html.Button("Save edit", id="rev-edit", disabled=True),
            ]),
            html.Details([
                html.Summary("Merge two entities (same actor under two names)"),
                dcc.Dropdown(id="rev-merge-from", placeholder="this entity…", options=ent_options),
                dcc.Dropdown(id="rev-merge-into", placeholder="…is the same as", options=ent_options),
                html.Button("Merge", id="rev-merge"),
            ]),
            html.Div(id="rev-message", role="status"),
        ]),
    ])


def register(app) -> None:
    @app.callback(Output("rev-selected", "data"), Input("rev-grid", "selectedRows"),
                  Input("rev-grid", "cellClicked"), prevent_initial_call=True)
    def select(rows, clicked):
        if ctx.triggered_id == "rev-grid" and ctx.triggered[0]["prop_id"].endswith("cellClicked") and clicked:
            return int(clicked["rowId"])
        return rows[0]["id"] if rows else None

    @app.callback(Output("rev-sentence", "children"), Output("rev-accept", "disabled"),
                  Output("rev-reject", "disabled"), Output("rev-edit", "disabled"),
                  Input("rev-selected", "data"))
    def show(assertion_id):
        if not assertion_id:
            return html.P("Pick a candidate in the queue.", className="muted"), True, True, True
        with store() as (s, case_id):
            try:
                s.check_in_case(case_id, "assertion", [assertion_id])
            except StoreError as exc:
                return html.P(str(exc), className="error"), True, True, True
            a = s.assertion(assertion_id)
            card = assertion_card(s, a)
        pending = a.status != "candidate"
        return card, pending, pending, pending

    @app.callback(Output("rev-message", "children"), Output("rev-grid", "rowData"),
                  Output("rev-count", "children"), Output("rev-selected", "data", allow_duplicate=True),
                  Input("rev-accept", "n_clicks"), Input("rev-reject", "n_clicks"),
                  Input("rev-edit", "n_clicks"),
                  State("rev-selected", "data"), State("rev-why", "value"), State("rev-edit-type", "value"),
                  State("rev-edit-modality", "value"), State("rev-edit-grade", "value"),
                  prevent_initial_call=True)
    def decide(_a, _r, _e, assertion_id, why, new_type, new_modality, new_grade):
        if not assertion_id:
            return html.P("Pick a candidate first.", className="error"), no_update, no_update, no_update
        who = current().who
        with store() as (s, case_id):
            try:
                s.check_in_case(case_id, "assertion", [assertion_id])
                with s.transaction():
                    message = _apply(s, ctx.triggered_id, assertion_id, who, why or "",
                                     new_type, new_modality, new_grade)
            except (StoreError, KeyError, ValueError) as exc:
                text = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
                return html.P(f"Nothing changed: {text}", className="error"), no_update, no_update, no_update
            rows = candidate_rows(s, case_id)
        return html.P(message, className="ok"), rows, f"({len(rows)})", None

    @app.callback(Output("rev-message", "children", allow_duplicate=True),
                  Output("rev-merge-from", "options"), Output("rev-merge-into", "options"),
                  Input("rev-merge", "n_clicks"), State("rev-merge-from", "value"),
                  State("rev-merge-into", "value"), State("rev-why", "value"), prevent_initial_call=True)
    def merge(_n, absorbed, into, why):
        if not absorbed or not into:
            return html.P("Choose both entities to merge.", className="error"), no_update, no_update
        with store() as (s, case_id):
            try:
                absorbed, into = s.check_in_case(case_id, "entity", [absorbed, into])
                jid = s.merge(absorbed, into, who=current().who, why=why or "merged in the web app")
            except StoreError as exc:
                return html.P(f"Nothing changed: {exc}", className="error"), no_update, no_update
            a, b = s.entity(absorbed).name, s.entity(into).name
            options = entity_options(s, case_id)
        return html.P(f"Merged {a} into {b} (judgement #{jid}).", className="ok"), options, options


def _apply(s, action: str, assertion_id: int, who: str, why: str, new_type, new_modality, new_grade) -> str:
    # the queue shows candidates only: a decision made on it saw "candidate", and is refused
    # (naming who decided what) when another analyst has decided since
    if action == "rev-accept":
        jid = s.set_status(assertion_id, "accepted", who=who, why=why, seen="candidate")
        return f"Accepted #{assertion_id} (judgement #{jid} by {who})."
    if action == "rev-reject":
        jid = s.set_status(assertion_id, "rejected", who=who, why=why, seen="candidate")
        return f"Rejected #{assertion_id} (judgement #{jid} by {who})."
    changes: dict[str, Any] = {}
    if new_type:
        s.schema.relation(new_type)
        changes["predicate"] = new_type
    if new_modality:
        changes["modality"] = new_modality
    if new_grade:
        rel, cred = s.schema.parse_grade(new_grade)
        changes["reliability"] = rel
        if cred:
            changes["credibility"] = cred
    if not changes:
        raise ValueError("choose a new relation type, modality or grade to edit")
    new_id = s.edit_assertion(assertion_id, who=who, why=why, seen="candidate", **changes)
    return f"Edited #{assertion_id}: accepted as #{new_id} ({', '.join(changes)} changed)."
