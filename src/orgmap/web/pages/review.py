"""Review page: the candidate queue beside its sentence; accept, reject, edit, merge (and undo a merge).

The queue's order and every decision come from :mod:`orgmap.resolve.review`, the same code
``orgmap review`` runs; each decision appends a judgement (who, when, why). After a decision
the next waiting candidate is selected. Keys: a accept, r reject, e edit, j/k next/previous
(``assets/keys.js``).
"""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from orgmap.resolve import merge_candidates
from orgmap.resolve.review import apply_decision, merges_in_force, next_after, review_queue
from orgmap.store import StoreError
from orgmap.web.evidence import assertion_card
from orgmap.web.state import current, store

PATH, TITLE, SLUG = "/review", "Review", "review"
KEYS = (("a", "accept"), ("r", "reject"), ("e", "edit"), ("j", "next"), ("k", "previous"))
_PROBLEMS = (StoreError, KeyError, ValueError)


def candidate_rows(s, case_id: int, *, entities: bool = False) -> list[dict[str, Any]]:
    """The review queue (``orgmap review``'s order) as grid rows of plain text: names, not ids."""
    names = {e.id: e.name for e in s.entities(case_id, include_merged=True)}
    sources = {src.id: src.title or src.key or f"#{src.id}" for src in s.sources(case_id)}
    rows = []
    for n, a in enumerate(review_queue(s, case_id, entities=entities), 1):
        ev = a.evidence[0] if a.evidence else None
        rows.append(
            {
                "id": a.id,
                "rid": str(a.id),
                "n": n,
                "subject": names.get(s.canonical_id(a.subject_id), "?"),
                "relation": (a.predicate or "(entity)").replace("_", " "),
                "object": names.get(s.canonical_id(a.object_id), "") if a.object_id else "",
                "score": round(a.score or 0, 2),
                "grade": a.grade,
                "modality": a.modality,
                "source": sources.get(ev.source_id, "") if ev else "",
                "quote": ev.quote[:160] if ev else "",
            }
        )
    return rows


def entity_options(s, case_id: int) -> list[dict[str, Any]]:
    """Canonical entities for the pickers (merged ones disappear)."""
    return [{"label": f"{e.name} ({e.type}, #{e.id})", "value": e.id} for e in s.entities(case_id)]


def merged_list(s, case_id: int) -> list:
    """Merges in force, each with an Unmerge button (unmerging is a judgement too)."""
    rows = merges_in_force(s, case_id)
    if not rows:
        return [html.P("No merges yet.", className="muted")]
    return [
        html.Ul(
            className="merged",
            children=[
                html.Li(
                    [
                        f"{r['name']} → {r['into_name']}",
                        html.Span(f" ({r['who']}: {r['why']})", className="muted"),
                        html.Button("Unmerge", id={"kind": "rev-unmerge", "id": r["id"]}, className="small"),
                    ]
                )
                for r in rows
            ],
        )
    ]


def proposals(s, case_id: int, *, limit: int = 12) -> list:
    """``orgmap candidates``' merge proposals (best first), each with a button that asks to merge it."""
    found = merge_candidates(s, case_id)[:limit]
    if not found:
        return [html.P("No merge proposals.", className="muted")]
    return [
        html.Ul(
            className="merged",
            children=[
                html.Li(
                    [
                        f"{c.absorbed_name} → {c.into_name}",
                        html.Span(f" ({c.score:.0f}: {c.reason})", className="muted"),
                        html.Button(
                            "Merge…",
                            id={"kind": "rev-propose", "absorbed": c.absorbed, "into": c.into},
                            className="small",
                        ),
                    ]
                )
                for c in found
            ],
        )
    ]


def _columns() -> list[dict[str, Any]]:
    wide = {"minWidth": 150, "wrapText": True, "autoHeight": True, "flex": 1}
    return [
        {"field": "n", "headerName": "#", "width": 58, "filter": False},
        {"field": "subject", **wide},
        {"field": "relation", "width": 125, "wrapText": True, "autoHeight": True},
        {"field": "object", **wide},
        {"field": "score", "width": 80, "filter": False},
        {"field": "grade", "width": 80, "filter": False},
        {
            "field": "quote",
            "minWidth": 240,
            "flex": 2,
            "wrapText": True,
            "autoHeight": True,
            "tooltipField": "source",
            "headerTooltip": "hover a quote for its source document",
        },
    ]


def layout(query: dict[str, str]) -> html.Div:
    with store() as (s, case_id):
        rows = candidate_rows(s, case_id)
        schema = s.schema
        ent_options = entity_options(s, case_id)
        merged = merged_list(s, case_id)
        proposed = proposals(s, case_id)
    first = rows[0]["id"] if rows else None
    keys = [part for k, what in KEYS for part in (html.Kbd(k), f" {what}  ")]
    return html.Div(
        className="review-page",
        children=[
            dcc.Store(id="rev-selected", data=first),
            dcc.Store(id="rev-merge-pending"),
            html.Section(
                className="queue",
                children=[
                    html.H2(["Candidate queue ", html.Span(id="rev-count", children=f"({len(rows)})")]),
                    html.Div(
                        className="queue-bar",
                        children=[
                            html.P(
                                [
                                    "Relations first, best score first - the order of ",
                                    html.Code("orgmap review"),
                                    ". Keys: ",
                                    *keys,
                                ],
                                className="muted keys",
                            ),
                            dcc.Checklist(
                                id="rev-entities",
                                options=[{"label": "entity mentions too", "value": "yes"}],
                                value=[],
                                className="checks",
                            ),
                        ],
                    ),
                    dag.AgGrid(
                        id="rev-grid",
                        rowData=rows,
                        columnDefs=_columns(),
                        getRowId="params.data.rid",
                        defaultColDef={"sortable": False, "filter": True, "resizable": True},
                        selectedRows={"ids": [str(first)]} if first else [],
                        dashGridOptions={
                            "rowSelection": {
                                "mode": "singleRow",
                                "checkboxes": False,
                                "enableClickSelection": True,
                            }
                        },
                        className="ag-theme-quartz",
                        style={"width": "100%", "height": f"min(72vh, {140 + 48 * len(rows)}px)"},
                    ),
                ],
            ),
            html.Section(
                className="decide",
                children=[
                    html.Div(
                        id="rev-sentence",
                        children=html.P("Pick a candidate in the queue.", className="muted"),
                    ),
                    html.Div(
                        className="row",
                        children=[
                            html.Button(
                                ["Accept ", html.Kbd("a")], id="rev-accept", className="accept", disabled=True
                            ),
                            html.Button(
                                ["Reject ", html.Kbd("r")], id="rev-reject", className="reject", disabled=True
                            ),
                        ],
                    ),
                    dcc.Input(
                        id="rev-why", placeholder="why (recorded with the judgement)", className="wide"
                    ),
                    html.Details(
                        id="rev-edit-box",
                        children=[
                            html.Summary(["Edit before accepting ", html.Kbd("e")]),
                            dcc.Dropdown(
                                id="rev-edit-type",
                                placeholder="relation type",
                                options=list(schema.relation_types),
                            ),
                            dcc.Dropdown(id="rev-edit-subject", placeholder="subject", options=ent_options),
                            dcc.Dropdown(id="rev-edit-object", placeholder="object", options=ent_options),
                            dcc.Dropdown(
                                id="rev-edit-modality",
                                placeholder="modality",
                                options=list(schema.modalities),
                            ),
                            dcc.Input(id="rev-edit-grade", placeholder="grade, e.g. C3", maxLength=3),
                            html.Button("Save edit", id="rev-edit", disabled=True),
                        ],
                    ),
                    html.Details(
                        [
                            html.Summary("Merge two entities (same actor under two names)"),
                            dcc.Dropdown(
                                id="rev-merge-from", placeholder="this entity…", options=ent_options
                            ),
                            dcc.Dropdown(
                                id="rev-merge-into", placeholder="…is the same as", options=ent_options
                            ),
                            html.Button("Merge…", id="rev-merge"),
                            html.Div(
                                id="rev-merge-confirm",
                                className="confirm",
                                hidden=True,
                                children=[
                                    html.P(id="rev-merge-question"),
                                    html.Button("Yes, merge", id="rev-merge-yes", className="accept"),
                                    html.Button("Cancel", id="rev-merge-no"),
                                ],
                            ),
                            html.H4("Proposed merges (as `orgmap candidates`)"),
                            html.Div(id="rev-proposals", children=proposed),
                            html.H4("Merges in force"),
                            html.Div(id="rev-merged", children=merged),
                        ]
                    ),
                    html.Div(id="rev-message", role="status"),
                ],
            ),
        ],
    )


def _failed(exc: Exception) -> html.P:
    text = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
    return html.P(f"Nothing changed: {text}", className="error")


def decision_from(
    action: str,
    why: str,
    *,
    type_: str | None = None,
    subject: int | None = None,
    obj: int | None = None,
    modality: str | None = None,
    grade: str | None = None,
) -> dict:
    """The web form as a decision for :func:`orgmap.resolve.review.apply_decision` (as in a decisions file).

    >>> decision_from("rev-edit", "wrong type", type_="supports", subject=4)
    {'action': 'edit', 'why': 'wrong type', 'type': 'supports', 'source': '#4'}
    """
    actions = {"rev-accept": "accept", "rev-reject": "reject", "rev-edit": "edit"}
    d: dict[str, Any] = {"action": actions[action], "why": why}
    for key, value in (
        ("type", type_),
        ("source", subject and f"#{subject}"),
        ("target", obj and f"#{obj}"),
        ("modality", modality),
        ("grade", grade),
    ):
        if value:
            d[key] = value
    return d


def register(app) -> None:
    @app.callback(
        Output("rev-selected", "data"),
        Input("rev-grid", "selectedRows"),
        Input("rev-grid", "cellClicked"),
        prevent_initial_call=True,
    )
    def select(rows, clicked):
        if ctx.triggered[0]["prop_id"].endswith("cellClicked") and clicked:
            return int(clicked["rowId"])
        if isinstance(rows, dict):  # the server's own {"ids": [...]} before the grid reports back
            return int(rows["ids"][0]) if rows.get("ids") else no_update
        return rows[0]["id"] if rows else no_update

    @app.callback(
        Output("rev-sentence", "children"),
        Output("rev-accept", "disabled"),
        Output("rev-reject", "disabled"),
        Output("rev-edit", "disabled"),
        Input("rev-selected", "data"),
    )
    def show(assertion_id):
        if not assertion_id:
            return html.P("Nothing waiting: the queue is empty.", className="muted"), True, True, True
        with store() as (s, case_id):
            try:
                a = s.assertion(s.check_in_case(case_id, "assertion", [assertion_id])[0])
            except StoreError as exc:
                return html.P(str(exc), className="error"), True, True, True
            card = assertion_card(s, a)
        pending = a.status != "candidate"
        return card, pending, pending, pending

    @app.callback(
        Output("rev-grid", "rowData", allow_duplicate=True),
        Output("rev-count", "children", allow_duplicate=True),
        Output("rev-grid", "selectedRows", allow_duplicate=True),
        Output("rev-selected", "data", allow_duplicate=True),
        Input("rev-entities", "value"),
        prevent_initial_call=True,
    )
    def include_entities(entities):
        with store() as (s, case_id):
            rows = candidate_rows(s, case_id, entities=bool(entities))
        first = rows[0]["id"] if rows else None
        return rows, f"({len(rows)})", {"ids": [str(first)]} if first else [], first

    @app.callback(
        Output("rev-message", "children"),
        Output("rev-grid", "rowData"),
        Output("rev-count", "children"),
        Output("rev-grid", "selectedRows"),
        Output("rev-grid", "scrollTo"),
        Output("rev-selected", "data", allow_duplicate=True),
        Input("rev-accept", "n_clicks"),
        Input("rev-reject", "n_clicks"),
        Input("rev-edit", "n_clicks"),
        State("rev-selected", "data"),
        State("rev-why", "value"),
        State("rev-entities", "value"),
        State("rev-edit-type", "value"),
        State("rev-edit-subject", "value"),
        State("rev-edit-object", "value"),
        State("rev-edit-modality", "value"),
        State("rev-edit-grade", "value"),
        prevent_initial_call=True,
    )
    def decide(_a, _r, _e, assertion_id, why, entities, new_type, subject, obj, modality, grade):
        nothing = (no_update,) * 5
        if not assertion_id:
            return html.P("Pick a candidate first.", className="error"), *nothing
        who = current().who
        with store() as (s, case_id):
            try:
                aid = s.check_in_case(case_id, "assertion", [assertion_id])[0]
                s.check_in_case(case_id, "entity", [e for e in (subject, obj) if e])
                before = [a.id for a in review_queue(s, case_id, entities=bool(entities))]
                decision = decision_from(
                    ctx.triggered_id,
                    why or "",
                    type_=new_type,
                    subject=subject,
                    obj=obj,
                    modality=modality,
                    grade=grade,
                )
                with s.transaction():
                    # the queue shows candidates only and the buttons work on candidates only: the
                    # analyst saw "candidate", so a decision made since by another is refused by name
                    result = apply_decision(s, case_id, s.assertion(aid), decision, who, seen="candidate")
            except _PROBLEMS as exc:
                return _failed(exc), *nothing
            rows = candidate_rows(s, case_id, entities=bool(entities))
        nxt = next_after(before, aid, [r["id"] for r in rows])
        then = f" Next: #{nxt}." if nxt else " The queue is empty."
        message = html.P(f"#{aid} {result} by {who}.{then}", className="ok")
        selected = {"ids": [str(nxt)]} if nxt else []
        return message, rows, f"({len(rows)})", selected, {"rowId": str(nxt)} if nxt else no_update, nxt

    @app.callback(
        Output("rev-merge-confirm", "hidden"),
        Output("rev-merge-question", "children"),
        Output("rev-merge-pending", "data"),
        Output("rev-message", "children", allow_duplicate=True),
        Input("rev-merge", "n_clicks"),
        Input("rev-merge-no", "n_clicks"),
        Input({"kind": "rev-propose", "absorbed": ALL, "into": ALL}, "n_clicks"),
        State("rev-merge-from", "value"),
        State("rev-merge-into", "value"),
        prevent_initial_call=True,
    )
    def ask_merge(_ask, _cancel, _proposed, absorbed, into):
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            return no_update, no_update, no_update, no_update  # a proposal button appearing
        if isinstance(ctx.triggered_id, dict):  # a proposal: its two entities
            absorbed, into = ctx.triggered_id["absorbed"], ctx.triggered_id["into"]
        if ctx.triggered_id == "rev-merge-no":
            return True, "", None, html.P("Merge cancelled; nothing changed.", className="muted")
        if not absorbed or not into:
            return True, "", None, html.P("Choose both entities to merge.", className="error")
        with store() as (s, case_id):
            try:
                a, b = map(s.entity, s.check_in_case(case_id, "entity", [absorbed, into]))
            except StoreError as exc:
                return True, "", None, _failed(exc)
            n = len(s.assertions(case_id, entity=a.id))
        if a.id == b.id or a.type != b.type:
            problem = (
                "that is one entity"
                if a.id == b.id
                else (
                    f"{a.name} is a {a.type}, {b.name} a {b.type}; correct the type first (`orgmap edit entity`)"
                )
            )
            return True, "", None, html.P(f"Cannot merge: {problem}.", className="error")
        question = (
            f"Merge {a.name} ({a.type}, {n} assertion{'s' if n != 1 else ''}) into {b.name}? "
            f"Its names become aliases of {b.name} and its ties are drawn on {b.name}. "
            f"You can undo this (unmerge)."
        )
        return False, question, {"absorbed": a.id, "into": b.id}, ""

    @app.callback(
        Output("rev-message", "children", allow_duplicate=True),
        Output("rev-merge-confirm", "hidden", allow_duplicate=True),
        Output("rev-merge-from", "options"),
        Output("rev-merge-into", "options"),
        Output("rev-edit-subject", "options"),
        Output("rev-edit-object", "options"),
        Output("rev-merged", "children"),
        Output("rev-proposals", "children"),
        Output("rev-grid", "rowData", allow_duplicate=True),
        Input("rev-merge-yes", "n_clicks"),
        Input({"kind": "rev-unmerge", "id": ALL}, "n_clicks"),
        Input({"kind": "rev-undo", "id": ALL}, "n_clicks"),
        State("rev-merge-pending", "data"),
        State("rev-why", "value"),
        State("rev-entities", "value"),
        prevent_initial_call=True,
    )
    def merge_or_undo(_yes, unmerge_clicks, undo_clicks, pending, why, entities):
        nothing = (no_update,) * 8
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            return (*nothing, no_update)  # a button appearing is not a click
        who = current().who
        with store() as (s, case_id):
            try:
                if ctx.triggered_id == "rev-merge-yes":
                    if not pending:
                        return html.P("Choose the two entities again.", className="error"), *nothing
                    absorbed, into = s.check_in_case(
                        case_id, "entity", [pending["absorbed"], pending["into"]]
                    )
                    jid = s.merge(absorbed, into, who=who, why=why or "merged in the web app")
                    a, b = s.entity(absorbed).name, s.entity(into).name
                    message = html.P(
                        className="ok",
                        children=[
                            f"Merged {a} into {b} (judgement #{jid}). ",
                            html.Button("Undo", id={"kind": "rev-undo", "id": absorbed}, className="small"),
                        ],
                    )
                else:
                    entity_id = s.check_in_case(case_id, "entity", [ctx.triggered_id["id"]])[0]
                    jid = s.unmerge(entity_id, who=who, why=why or "merge undone in the web app")
                    name = s.entity(entity_id).name
                    message = html.P(f"Unmerged {name} (judgement #{jid}).", className="ok")
            except _PROBLEMS as exc:
                return _failed(exc), *nothing
            options = entity_options(s, case_id)
            return (
                message,
                True,
                options,
                options,
                options,
                options,
                merged_list(s, case_id),
                proposals(s, case_id),
                candidate_rows(s, case_id, entities=bool(entities)),
            )
