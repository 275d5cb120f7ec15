"""Select words in a source, make a tie: the Sources page's selection menu and its forms.

Selecting text in a document (``assets/select.js`` reports the selection's UTF-16 offsets)
opens a menu: *new relation*, *new entity*, *use as evidence for …*. Each form saves
through :mod:`orgmap.resolve.edits` - the code behind ``orgmap add`` / ``orgmap edit`` - so
every addition is tied to the selected words and recorded as a judgement (who, when, why).
Opened from a tie's evidence panel (``?for=ID&mode=quote|source``), the menu offers to make
the selection that tie's quote or a further source of it.
"""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, ctx, dcc, html, no_update

from orgmap.resolve import edits
from orgmap.store import StoreError
from orgmap.web.state import current, store
from orgmap.web.text import selection_span

__all__ = ["EVIDENCE_MODES", "assertion_label", "endpoint_options", "menu", "register", "tie_options"]

EVIDENCE_MODES = {
    "add": "add as a further source",
    "replace": "replace its quote",
    "widen": "widen its quote",
    "narrow": "narrow its quote",
}
_DATE_HINT = "YYYY, YYYY-MM or YYYY-MM-DD"


def assertion_label(s, a) -> str:
    """``Subject — type (kind) — Object (#id)`` for an assertion (names, not ids)."""
    subject = s.entity(s.canonical_id(a.subject_id)).name
    if a.predicate is None:
        return f"{subject} (entity, #{a.id})"
    obj = s.entity(s.canonical_id(a.object_id)).name
    kind = f" ({a.qualifier})" if a.qualifier else ""
    return f"{subject} — {a.predicate.replace('_', ' ')}{kind} — {obj} (#{a.id})"


def endpoint_options(s, case_id: int, source_id: int) -> list[dict[str, Any]]:
    """Entities for a relation's ends: the document's own mentions first, then every other one."""
    mentioned = edits.document_entities(s, case_id, source_id)
    seen = {e.id for e in mentioned}
    rest = sorted((e for e in s.entities(case_id) if e.id not in seen), key=lambda e: e.name.casefold())
    return [{"label": f"{e.name} ({e.type}) · in this document", "value": e.id} for e in mentioned] + [
        {"label": f"{e.name} ({e.type})", "value": e.id} for e in rest
    ]


def tie_options(s, case_id: int, source_id: int) -> list[dict[str, Any]]:
    """Current relations (not superseded) to use a selection as evidence for; this document's first."""
    rels = [a for a in s.assertions(case_id, kind="relation") if a.status in ("accepted", "candidate")]
    rels.sort(key=lambda a: (all(ev.source_id != source_id for ev in a.evidence), a.id))
    return [{"label": assertion_label(s, a), "value": a.id} for a in rels]


def _field(label: str, control) -> html.Div:
    return html.Div(className="field", children=[html.Span(label, className="field-label"), control])


def menu(schema) -> html.Div:
    """The floating menu and its three forms (filled in when a selection arrives)."""
    relation_types = [
        {"label": f"{name.replace('_', ' ')} ({spec.layer})", "value": name}
        for name, spec in schema.relation_types.items()
    ]
    kinds = {  # a kind is checked against the chosen type when saved (orgmap.resolve.edits)
        kind: f"{kind} ({name.replace('_', ' ')})"
        for name, spec in schema.relation_types.items()
        for kind in spec.qualifiers
    }
    return html.Div(
        id="tie-menu",
        className="tie-menu",
        hidden=True,
        children=[
            html.Div(
                className="tie-head",
                children=[
                    html.Span("Selected: ", className="muted"),
                    html.Q(id="tie-quote"),
                    html.Button("×", id="tie-close", className="small", title="close (Esc)"),
                ],
            ),
            html.Button(id="tie-target-button", className="accept wide", hidden=True),
            html.Div(
                className="tie-actions",
                children=[
                    html.Button("New relation", id="tie-new-relation"),
                    html.Button("New entity", id="tie-new-entity"),
                    html.Button("Use as evidence for …", id="tie-use-evidence"),
                ],
            ),
            _field("why", dcc.Input(id="tie-why", placeholder="why (recorded with the judgement)")),
            html.Div(
                id="tie-relation-form",
                className="tie-form",
                hidden=True,
                children=[
                    _field("subject", dcc.Dropdown(id="tie-subject", placeholder="type to find…")),
                    _field(
                        "type",
                        dcc.Dropdown(id="tie-type", options=relation_types, placeholder="relation type"),
                    ),
                    _field("object", dcc.Dropdown(id="tie-object", placeholder="type to find…")),
                    _field(
                        "kind",
                        dcc.Dropdown(
                            id="tie-qualifier",
                            options=[{"label": label, "value": kind} for kind, label in kinds.items()],
                            placeholder="only if the text says (optional)",
                        ),
                    ),
                    html.Div(
                        className="row",
                        children=[
                            _field(
                                "modality",
                                dcc.Dropdown(
                                    id="tie-modality",
                                    options=list(schema.modalities),
                                    value="asserted",
                                    clearable=False,
                                ),
                            ),
                            _field("grade", dcc.Input(id="tie-grade", placeholder="e.g. B2", maxLength=2)),
                        ],
                    ),
                    _field(
                        "according to", dcc.Input(id="tie-attribution", placeholder="who says so (optional)")
                    ),
                    html.Div(
                        className="row",
                        children=[
                            _field("from", dcc.Input(id="tie-from", placeholder=_DATE_HINT)),
                            _field("to", dcc.Input(id="tie-to", placeholder=_DATE_HINT)),
                        ],
                    ),
                    html.Button("Save relation", id="tie-save-relation", className="accept"),
                ],
            ),
            html.Div(
                id="tie-entity-form",
                className="tie-form",
                hidden=True,
                children=[
                    _field(
                        "type",
                        dcc.Dropdown(
                            id="tie-entity-type",
                            options=list(schema.entity_types),
                            value="person",
                            clearable=False,
                        ),
                    ),
                    _field("name", dcc.Input(id="tie-entity-name", placeholder="as the text names it")),
                    html.Button("Save entity", id="tie-save-entity", className="accept"),
                ],
            ),
            html.Div(
                id="tie-evidence-form",
                className="tie-form",
                hidden=True,
                children=[
                    _field("tie", dcc.Dropdown(id="tie-assertion", placeholder="type to find the tie…")),
                    dcc.RadioItems(
                        id="tie-evidence-mode",
                        value="add",
                        className="checks",
                        options=[{"label": v, "value": k} for k, v in EVIDENCE_MODES.items()],
                    ),
                    html.Button("Save evidence", id="tie-save-evidence", className="accept"),
                ],
            ),
            html.Div(id="tie-result", role="status"),
        ],
    )


def _target_action(s, case_id: int, target: dict | None) -> str:
    """The label of the button that serves the tie the page was opened for ("" when none)."""
    if not target or not target.get("id"):
        return ""
    try:
        a = s.assertion(s.check_in_case(case_id, "assertion", [target["id"]])[0])
    except StoreError:
        return ""
    what = "Make this the quote of" if target.get("mode") == "quote" else "Add this as a source of"
    return f"{what} {assertion_label(s, a)}"


def _save(s, case_id: int, which: str, span, form: dict[str, Any], who: str) -> str:
    """Apply one form through orgmap.resolve.edits; returns what to tell the analyst."""
    why = form["why"] or ""
    if which == "tie-save-relation":
        if not form["subject"] or not form["object"] or not form["type"]:
            raise edits.EditError("choose the subject, the type and the object")
        subject, obj = s.check_in_case(case_id, "entity", [form["subject"], form["object"]])
        claim = edits.Claim(
            modality=form["modality"] or "asserted",
            attribution=form["attribution"] or "",
            grade=(form["grade"] or "").strip().upper() or None,
            valid_from=form["from"] or None,
            valid_to=form["to"] or None,
        )
        added = edits.add_relation(
            s,
            case_id,
            subject,
            form["type"],
            obj,
            span,
            claim=claim,
            qualifier=form.get("qualifier"),
            who=who,
            why=why,
        )
        label = assertion_label(s, s.assertion(added.assertion_id))
        return f"Added {label}, judgement #{added.judgement_id}."
    if which == "tie-save-entity":
        added = edits.add_entity(
            s, case_id, form["entity_type"], span, name=form["entity_name"] or None, who=who, why=why
        )
        name = s.entity(added.entity_id).name
        return f"Added {name} ({form['entity_type']}, #{added.entity_id}), judgement #{added.judgement_id}."
    tie, mode = form["assertion"], form["mode"]
    if which == "tie-target-button":
        tie, mode = form["target"]["id"], "replace" if form["target"].get("mode") == "quote" else "add"
    if not tie:
        raise edits.EditError("choose the tie these words are evidence for")
    aid = s.check_in_case(case_id, "assertion", [tie])[0]
    if mode == "add":
        new = edits.add_evidence(s, aid, span, who=who, why=why)
    else:
        new = edits.correct_evidence(s, aid, span, how=mode, who=who, why=why)
    return f"#{aid} is superseded by {assertion_label(s, s.assertion(new))} ({EVIDENCE_MODES[mode]})."


def register(app) -> None:
    @app.callback(
        Output("tie-menu", "hidden"),
        Output("tie-menu", "style"),
        Output("tie-quote", "children"),
        Output("tie-subject", "options"),
        Output("tie-object", "options"),
        Output("tie-assertion", "options"),
        Output("tie-assertion", "value"),
        Output("tie-evidence-mode", "value"),
        Output("tie-entity-name", "value"),
        Output("tie-target-button", "children"),
        Output("tie-target-button", "hidden"),
        Output("tie-result", "children"),
        Input("src-selection", "data"),
        State("src-target", "data"),
        prevent_initial_call=True,
    )
    def open_menu(selection, target):
        if not selection:
            return (True, no_update, "", *(no_update,) * 8, "")
        with store() as (s, case_id):
            try:
                source_id = s.check_in_case(case_id, "source", [selection.get("source")])[0]
                text = s.source(source_id).text
                start, end = selection_span(
                    text, int(selection["start16"]), int(selection["end16"]), str(selection.get("text", ""))
                )
            except (StoreError, ValueError, KeyError, TypeError) as exc:
                return (False, _place(selection), "", *(no_update,) * 8, html.P(str(exc), className="error"))
            ends = endpoint_options(s, case_id, source_id)
            ties = tie_options(s, case_id, source_id)
            target_label = _target_action(s, case_id, target)
        chosen = target.get("id") if target else None
        mode = "replace" if target and target.get("mode") == "quote" else "add"
        quote = text[start:end]
        return (
            False,
            _place(selection),
            quote if len(quote) <= 140 else quote[:137] + "…",
            ends,
            ends,
            ties,
            chosen,
            mode,
            " ".join(quote.split()),
            target_label,
            not target_label,
            "",
        )

    @app.callback(
        Output("tie-relation-form", "hidden"),
        Output("tie-entity-form", "hidden"),
        Output("tie-evidence-form", "hidden"),
        Input("tie-new-relation", "n_clicks"),
        Input("tie-new-entity", "n_clicks"),
        Input("tie-use-evidence", "n_clicks"),
        Input("src-selection", "data"),
        prevent_initial_call=True,
    )
    def open_form(*_):
        chosen = ctx.triggered_id
        return (chosen != "tie-new-relation", chosen != "tie-new-entity", chosen != "tie-use-evidence")

    @app.callback(
        Output("tie-result", "children", allow_duplicate=True),
        Output("src-changed", "data"),
        Input("tie-save-relation", "n_clicks"),
        Input("tie-save-entity", "n_clicks"),
        Input("tie-save-evidence", "n_clicks"),
        Input("tie-target-button", "n_clicks"),
        State("src-selection", "data"),
        State("src-target", "data"),
        State("tie-subject", "value"),
        State("tie-type", "value"),
        State("tie-object", "value"),
        State("tie-qualifier", "value"),
        State("tie-modality", "value"),
        State("tie-grade", "value"),
        State("tie-attribution", "value"),
        State("tie-from", "value"),
        State("tie-to", "value"),
        State("tie-entity-type", "value"),
        State("tie-entity-name", "value"),
        State("tie-assertion", "value"),
        State("tie-evidence-mode", "value"),
        State("tie-why", "value"),
        State("src-changed", "data"),
        prevent_initial_call=True,
    )
    def save(
        _r,
        _e,
        _v,
        _t,
        selection,
        target,
        subject,
        rtype,
        obj,
        qualifier,
        modality,
        grade,
        attribution,
        vfrom,
        vto,
        entity_type,
        entity_name,
        assertion,
        mode,
        why,
        changed,
    ):
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            return no_update, no_update
        if not selection:
            return html.P("Select the words first.", className="error"), no_update
        form = {
            "subject": subject,
            "type": rtype,
            "object": obj,
            "qualifier": qualifier,
            "modality": modality,
            "grade": grade,
            "attribution": attribution,
            "from": vfrom,
            "to": vto,
            "entity_type": entity_type,
            "entity_name": entity_name,
            "assertion": assertion,
            "mode": mode,
            "why": why,
            "target": target,
        }
        who = current().who
        with store() as (s, case_id):
            try:
                source_id = s.check_in_case(case_id, "source", [selection.get("source")])[0]
                start, end = selection_span(
                    s.source(source_id).text,
                    int(selection["start16"]),
                    int(selection["end16"]),
                    str(selection.get("text", "")),
                )
                span = edits.locate(s, case_id, source_id, start=start, end=end)
                message = _save(s, case_id, ctx.triggered_id, span, form, who)
            except (StoreError, ValueError, KeyError, TypeError) as exc:
                text = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
                return html.P(f"Nothing saved: {text}", className="error"), no_update
        return html.P(message, className="ok"), (changed or 0) + 1


def _place(selection: dict) -> dict[str, str]:
    """Where the menu floats: just under the selection (page coordinates from select.js)."""
    try:
        x, y = float(selection.get("x", 0)), float(selection.get("y", 0))
    except (TypeError, ValueError):
        x, y = 0.0, 0.0
    return {"left": f"{max(x, 0):.0f}px", "top": f"{max(y, 0):.0f}px"}
