"""The evidence panel: every assertion behind a node or an edge, quote in its sentence."""

from __future__ import annotations

from typing import Iterable

from dash import dcc, html

from orgmap.model import Assertion
from orgmap.web.text import quote_in_sentence

__all__ = ["assertion_card", "evidence_panel"]


def _name(store, entity_id: int | None) -> str:
    if entity_id is None:
        return ""
    return store.entity(store.canonical_id(entity_id)).name


def assertion_card(store, a: Assertion, *, texts: dict[int, str] | None = None) -> html.Div:
    """One assertion: what it says, who says it, how, its grade and its quote(s)."""
    texts = {} if texts is None else texts
    what = [html.B(_name(store, a.subject_id))]
    if a.predicate:
        what += [" ", html.Span(a.predicate.replace("_", " "), className="predicate"), " ",
                 html.B(_name(store, a.object_id))]
    when = a.valid_text or " – ".join(str(d) if d else "…" for d in (a.valid_from, a.valid_to))
    facts = [("layer", store.schema.relation(a.predicate).layer)] if a.predicate else []
    facts += [("attribution", a.attribution or "—"), ("modality", a.modality),
             ("grade", a.grade), ("status", a.status)]
    if a.valid_from or a.valid_to or a.valid_text:
        facts.append(("valid", when))
    quotes = []
    for ev in a.evidence:
        if ev.source_id not in texts:
            texts[ev.source_id] = store.source(ev.source_id).text
        src = store.source(ev.source_id)
        passages = [(p.start, p.end) for p in store.passages(ev.source_id)]
        quotes.append(html.Blockquote(quote_in_sentence(texts[ev.source_id], ev.start, ev.end, passages)))
        quotes.append(html.Div(className="source-line", children=[
            "source: ", html.Span(src.title or src.key or f"#{src.id}", className="source-title"),
            f" ({src.reliability}) ",
            dcc.Link("open the source", href=f"/sources?source={src.id}&at={ev.start}",
                     className="open-source")]))
    card_id = {"kind": "assertion-card", "id": a.id}
    return html.Div(className=f"assertion-card {a.status}", id=card_id, children=[
        html.Div(what, className="claim"),
        html.Dl([part for k, v in facts for part in (html.Dt(k), html.Dd(v))], className="facts"),
        *quotes,
    ])


def evidence_panel(store, assertion_ids: Iterable[int], heading: str) -> html.Div:
    """The panel shown when a node or an edge is clicked."""
    ids = list(dict.fromkeys(assertion_ids))
    texts: dict[int, str] = {}
    cards = [assertion_card(store, store.assertion(i), texts=texts) for i in ids]
    return html.Div([
        html.H3(heading),
        html.P(f"{len(cards)} assertion{'s' if len(cards) != 1 else ''} behind it", className="muted"),
        *cards,
    ])
