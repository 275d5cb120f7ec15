"""The evidence panel: every assertion behind a node or an edge, quote in its sentence.

Each current card offers corrections: *correct the quote* and *add a source* open the
Sources page to select the words; *set dates* saves here. All go through
:mod:`orgmap.resolve.edits` and supersede the assertion with a judgement.
"""

from __future__ import annotations

from collections.abc import Iterable

from dash import MATCH, Input, Output, State, dcc, html, no_update

from orgmap.model import Assertion
from orgmap.resolve import edits
from orgmap.store import StoreError
from orgmap.web.state import current, store
from orgmap.web.text import quote_in_sentence

__all__ = ["assertion_card", "evidence_panel", "register"]


def _name(store, entity_id: int | None) -> str:
    if entity_id is None:
        return ""
    return store.entity(store.canonical_id(entity_id)).name


def assertion_card(store, a: Assertion, *, texts: dict[int, str] | None = None) -> html.Div:
    """One assertion: what it says, who says it, how, its grade and its quote(s)."""
    texts = {} if texts is None else texts
    what = [html.B(_name(store, a.subject_id))]
    if a.predicate:
        what += [
            " ",
            html.Span(a.predicate.replace("_", " "), className="predicate"),
            *([" ", html.Span(f"({a.qualifier})", className="qualifier")] if a.qualifier else []),
            " ",
            html.B(_name(store, a.object_id)),
        ]
    when = a.valid_text or " – ".join(str(d) if d else "…" for d in (a.valid_from, a.valid_to))
    facts = [("layer", store.schema.relation(a.predicate).layer)] if a.predicate else []
    if a.qualifier:
        kind = store.schema.relation(a.predicate).qualifiers.get(a.qualifier)
        facts.append(("kind", f"{a.qualifier}: {kind.definition}" if kind else a.qualifier))
    facts += [
        ("attribution", a.attribution or "—"),
        ("modality", a.modality),
        ("grade", a.grade),
        ("status", a.status),
    ]
    if a.valid_from or a.valid_to or a.valid_text:
        facts.append(("valid", when))
    quotes = []
    for ev in a.evidence:
        if ev.source_id not in texts:
            texts[ev.source_id] = store.source(ev.source_id).text
        src = store.source(ev.source_id)
        passages = [(p.start, p.end) for p in store.passages(ev.source_id)]
        quotes.append(html.Blockquote(quote_in_sentence(texts[ev.source_id], ev.start, ev.end, passages)))
        quotes.append(
            html.Div(
                className="source-line",
                children=[
                    "source: ",
                    html.Span(src.title or src.key or f"#{src.id}", className="source-title"),
                    f" ({src.reliability}) ",
                    dcc.Link(
                        "open the source",
                        href=f"/sources?source={src.id}&at={ev.start}",
                        className="open-source",
                    ),
                ],
            )
        )
    card_id = {"kind": "assertion-card", "id": a.id}
    return html.Div(
        className=f"assertion-card {a.status}",
        id=card_id,
        children=[
            html.Div(what, className="claim"),
            html.Dl([part for k, v in facts for part in (html.Dt(k), html.Dd(v))], className="facts"),
            *quotes,
            *([card_tools(a)] if a.predicate and a.status == "accepted" else []),
        ],
    )


def card_tools(a: Assertion) -> html.Div:
    """Correct the quote, set dates, add a source: the corrections an accepted tie offers.

    (A candidate is judged on the Review page first: a correction would accept it.)
    """
    first = a.evidence[0] if a.evidence else None
    at = f"&source={first.source_id}&at={first.start}" if first else ""
    valid_from, valid_to = edits.period_of(a)
    hint = "YYYY, YYYY-MM or YYYY-MM-DD"
    return html.Div(
        className="card-tools",
        children=[
            dcc.Link("correct the quote", href=f"/sources?for={a.id}&mode=quote{at}", className="fix-quote"),
            dcc.Link("add a source", href=f"/sources?for={a.id}&mode=source{at}", className="add-source"),
            html.Details(
                [
                    html.Summary("set dates"),
                    html.Div(
                        className="row",
                        children=[
                            dcc.Input(
                                id={"kind": "dates-from", "id": a.id},
                                value=valid_from,
                                placeholder=f"from: {hint}",
                            ),
                            dcc.Input(
                                id={"kind": "dates-to", "id": a.id}, value=valid_to, placeholder=f"to: {hint}"
                            ),
                        ],
                    ),
                    dcc.Input(id={"kind": "dates-why", "id": a.id}, placeholder="why", className="wide"),
                    html.Button("Set dates", id={"kind": "dates-set", "id": a.id}, className="small"),
                    html.Div(id={"kind": "dates-result", "id": a.id}, role="status"),
                ]
            ),
        ],
    )


def register(app) -> None:
    """The *set dates* callback of every card (cards appear on several pages)."""

    @app.callback(
        Output({"kind": "dates-result", "id": MATCH}, "children"),
        Input({"kind": "dates-set", "id": MATCH}, "n_clicks"),
        State({"kind": "dates-set", "id": MATCH}, "id"),
        State({"kind": "dates-from", "id": MATCH}, "value"),
        State({"kind": "dates-to", "id": MATCH}, "value"),
        State({"kind": "dates-why", "id": MATCH}, "value"),
        prevent_initial_call=True,
    )
    def set_dates(clicks, button, valid_from, valid_to, why):
        if not clicks:
            return no_update
        with store() as (s, case_id):
            try:
                aid = s.check_in_case(case_id, "assertion", [button["id"]])[0]
                new = edits.set_valid_time(
                    s,
                    aid,
                    (valid_from or "").strip(),
                    (valid_to or "").strip(),
                    who=current().who,
                    why=why or "",
                )
                period = s.assertion(new).period or "any time"
            except (StoreError, ValueError) as exc:
                return html.P(f"Nothing changed: {exc}", className="error")
        return html.P(f"Dates set: {period}. #{aid} is superseded by #{new}.", className="ok")


def evidence_panel(store, assertion_ids: Iterable[int], heading: str) -> html.Div:
    """The panel shown when a node or an edge is clicked."""
    ids = list(dict.fromkeys(assertion_ids))
    texts: dict[int, str] = {}
    cards = [assertion_card(store, store.assertion(i), texts=texts) for i in ids]
    return html.Div(
        [
            html.H3(heading),
            html.P(f"{len(cards)} assertion{'s' if len(cards) != 1 else ''} behind it", className="muted"),
            *cards,
        ]
    )
