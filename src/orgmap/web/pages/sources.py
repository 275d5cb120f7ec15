"""Sources page: each document with its spans highlighted by type; select words to make a tie; upload.

Selecting words opens :mod:`orgmap.web.tie`'s menu (new relation, new entity, use as evidence).
``?source=ID&at=OFFSET`` opens a document at a span; ``&for=ASSERTION&mode=quote|source``
comes from a tie's evidence panel (correct its quote, add a source).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from dash import Input, Output, State, dcc, html

from orgmap.store import StoreError
from orgmap.web import tie
from orgmap.web.state import current, store
from orgmap.web.text import highlight

PATH, TITLE, SLUG = "/sources", "Sources", "sources"


def span_classes(s, case_id: int, source_id: int) -> list[tuple[int, int, str, str]]:
    """(start, end, class, tooltip) of every evidence span in a source.

    Superseded assertions are left out. The class is the layer (``entity`` for entity
    assertions) and the status; the tooltip names the relation type, its grade and status.
    """
    out = []
    for a in s.assertions(case_id, source=source_id):
        if a.status == "superseded":  # its successor carries the words now
            continue
        kind = s.schema.relation(a.predicate).layer if a.predicate else "entity"
        tip = f"{(a.predicate or 'entity').replace('_', ' ')} · {a.grade} · {a.status} · #{a.id}"
        for ev in a.evidence:
            if ev.source_id == source_id:
                out.append((ev.start, ev.end, f"{kind} {a.status}", tip))
    return out


def _target(s, case_id: int, query: dict[str, str]) -> tuple[dict | None, list]:
    """The tie the page was opened for (``for``/``mode``) and the banner that says what to do."""
    if not query.get("for"):
        return None, []
    try:
        a = s.assertion(s.check_in_case(case_id, "assertion", [query["for"]])[0])
    except StoreError as exc:
        return None, [html.P(str(exc), className="error")]
    mode = "quote" if query.get("mode") == "quote" else "source"
    todo = (
        "Select the words that should be its quote, then choose “Make this the quote”."
        if mode == "quote"
        else "Select words in any document that state it, then choose “Add this as a source”."
    )
    return {"id": a.id, "mode": mode}, [
        html.Div(className="target-banner", children=[html.B(tie.assertion_label(s, a)), html.Br(), todo])
    ]


def layout(query: dict[str, str]) -> html.Div:
    with store() as (s, case_id):
        docs = s.sources(case_id)
        schema = s.schema
        layers = list(schema.layers)
        target, banner = _target(s, case_id, query)
    chosen = int(query["source"]) if query.get("source", "").isdigit() else (docs[0].id if docs else None)
    return html.Div(
        className="sources-page",
        children=[
            dcc.Store(id="src-at", data=int(query["at"]) if query.get("at", "").isdigit() else None),
            dcc.Store(id="src-selection"),
            dcc.Store(id="src-target", data=target),
            dcc.Store(id="src-changed", data=0),
            html.Aside(
                className="controls",
                children=[
                    html.Label("Document"),
                    dcc.Dropdown(
                        id="src-select",
                        value=chosen,
                        clearable=False,
                        options=[{"label": d.title or d.key or f"#{d.id}", "value": d.id} for d in docs],
                    ),
                    html.Div(id="src-meta", className="muted"),
                    *banner,
                    html.P(
                        "Select words in the text to add a relation or an entity, or to use them as evidence.",
                        className="muted hint",
                    ),
                    html.Label("Highlights"),
                    html.Ul(
                        className="legend",
                        children=[
                            html.Li(html.Mark(name, className=f"span {name} accepted"))
                            for name in [*layers, "entity"]
                        ]
                        + [html.Li(html.Mark("candidate", className="span candidate"))],
                    ),
                    html.Hr(),
                    html.Label("Add a document"),
                    dcc.Upload(
                        id="src-upload",
                        multiple=False,
                        max_size=current().config.max_upload,
                        className="upload",
                        children=html.Div(
                            ["Drop a .txt, .md, .html or .pdf here, or ", html.A("choose a file")]
                        ),
                    ),
                    html.Div(id="src-upload-result", role="status"),
                ],
            ),
            html.Article(id="src-text", className="source-text"),
            tie.menu(schema),
        ],
    )


def register(app) -> None:
    tie.register(app)

    @app.callback(
        Output("src-text", "children"),
        Output("src-meta", "children"),
        Input("src-select", "value"),
        Input("src-upload-result", "children"),
        Input("src-changed", "data"),
    )
    def show(source_id: int | None, _uploaded: Any, _changed: Any):
        if source_id is None:
            return html.P("No document in this case yet: upload one.", className="muted"), ""
        with store() as (s, case_id):
            try:
                src = s.source(s.check_in_case(case_id, "source", [source_id])[0])
            except StoreError:
                return html.P(f"No document #{str(source_id)[:40]} in this case.", className="muted"), ""
            spans = span_classes(s, case_id, src.id)
        meta = [
            f"{src.author or 'unknown author'} · {src.publisher or 'unknown publisher'} · "
            f"{src.published or 'undated'} · reliability {src.reliability} · {len(spans)} spans · "
            f"sha256 {src.content_hash[:12]}…"
        ]
        doc = html.Div(highlight(src.text, spans, ids=True), className="doc", **{"data-source": str(src.id)})
        return doc, meta

    app.clientside_callback(
        """function(children, at) {
            if (at === null || at === undefined) { return window.dash_clientside.no_update; }
            setTimeout(function() {
                var el = document.getElementById('span-' + at);
                if (el) { el.scrollIntoView({block: 'center'}); el.classList.add('flash'); }
            }, 50);
            return window.dash_clientside.no_update;
        }""",
        Output("src-at", "data"),
        Input("src-text", "children"),
        State("src-at", "data"),
    )

    @app.callback(
        Output("src-upload-result", "children"),
        Output("src-select", "options"),
        Output("src-select", "value"),
        Input("src-upload", "contents"),
        State("src-upload", "filename"),
        prevent_initial_call=True,
    )
    def upload(contents: str | None, filename: str | None):
        from dash import no_update

        from orgmap.web.uploads import ingest_upload

        if not contents:
            return no_update, no_update, no_update
        try:
            data = base64.b64decode(contents.split(",", 1)[1], validate=True)
        except (IndexError, binascii.Error):
            return html.P("The upload arrived damaged; try again.", className="error"), no_update, no_update
        state = current()
        with store() as (s, case_id):
            try:
                source_id, note = ingest_upload(
                    s,
                    case_id,
                    data,
                    state.upload_dir,
                    who=state.who,
                    max_bytes=state.config.max_upload,
                    name=filename or "",
                )
            except (ValueError, StoreError) as exc:  # refused, or the store busy: say why, never a 500
                return html.P(f"Not added: {exc}", className="error"), no_update, no_update
            docs = s.sources(case_id)
        options = [{"label": d.title or d.key or f"#{d.id}", "value": d.id} for d in docs]
        return html.P(note, className="ok"), options, source_id
