"""The Dash app: one shell with a navigation bar, one module per page.

>>> app = create_app(WebConfig(db=":memory:"), store=_demo_store())
>>> [p.TITLE for p in PAGES][:3]
['Network', 'Sources', 'Review']
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import parse_qs

import dash
from dash import Input, Output, dcc, html

from orgmap.store import Store
from orgmap.web import evidence
from orgmap.web.pages import hypotheses, network, review, simulation, sources, timeline, whatif
from orgmap.web.security import content_policy, install_guard, is_loopback
from orgmap.web.state import AppState, WebConfig, store

__all__ = ["PAGES", "WebConfig", "create_app"]

PAGES = (network, sources, review, timeline, whatif, simulation, hypotheses)
ASSETS = __import__("pathlib").Path(__file__).with_name("assets")
LAYER_CSS = "/_orgmap/layers.css"


def _demo_store() -> Store:
    s = Store.open(":memory:")
    s.ensure_case("demo")
    return s


def create_app(config: WebConfig, *, store: Store | None = None) -> dash.Dash:
    """Build the app over ``config.db`` (or an open ``store``).

    A non-loopback ``config.host`` without ``config.token`` is refused: call
    :func:`orgmap.web.security.new_token` first (``orgmap serve`` does).
    """
    if not is_loopback(config.host) and not config.token and not config.analysts:
        raise ValueError(f"binding to {config.host} needs a token (give --token or let orgmap make one)")
    from orgmap.model import default_who

    opened = store or Store.open(config.db, create=False)
    case_id = opened.default_case(config.case)
    app = dash.Dash(
        __name__,
        title="orgmap",
        assets_folder=str(ASSETS),
        serve_locally=True,
        suppress_callback_exceptions=True,
        update_title=None,
        compress=False,
        external_stylesheets=[LAYER_CSS],
    )
    state = AppState(config, opened, case_id, config.who or default_who())
    app.server.config["ORGMAP"] = state
    app.layout = _shell()
    _layer_css_route(app, opened)
    _register_router(app)
    for page in PAGES:
        page.register(app)
    evidence.register(app)
    install_guard(
        app.server,
        token=config.token,
        max_upload=config.max_upload,
        policy=content_policy(app.csp_hashes()),
        bind=config.host,
        analysts=config.analysts,
    )
    if config.warm:
        threading.Thread(target=network.warm, args=(state,), name="orgmap-warm", daemon=True).start()
    return app


def layer_css(schema) -> str:
    """CSS for highlighted spans, one colour per layer of the vocabulary."""
    from orgmap.web.graph import layer_colours

    rules = [
        f"mark.span.{layer} {{ border-bottom-color: {colour}; background: {colour}22; }}"
        for layer, colour in layer_colours(schema).items()
    ]
    rules.append("mark.span.entity { border-bottom-color: #5d6d7e; background: #5d6d7e18; }")
    return "\n".join(rules) + "\n"


def _layer_css_route(app: dash.Dash, s: Store) -> None:
    css = layer_css(s.schema)

    @app.server.route(LAYER_CSS)
    def _layers():
        from flask import Response

        return Response(css, mimetype="text/css")


def _shell() -> html.Div:
    return html.Div(
        className="shell",
        children=[
            dcc.Location(id="url", refresh="callback-nav"),
            html.Nav(
                className="topbar",
                children=[
                    html.Span("orgmap", className="brand"),
                    html.Span(id="case-title", className="case-title"),
                    *[
                        dcc.Link(p.TITLE, href=p.PATH, className="nav-link", id=f"nav-{p.SLUG}")
                        for p in PAGES
                    ],
                ],
            ),
            html.Main(id="page", className="page"),
        ],
    )


def _register_router(app: dash.Dash) -> None:
    @app.callback(
        Output("page", "children"),
        Output("case-title", "children"),
        Input("url", "pathname"),
        Input("url", "search"),
    )
    def route(pathname: str | None, search: str | None) -> tuple[Any, str]:
        query = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}
        with store() as (s, case_id):
            case = s.find_case(case_id)
        title = case.title or case.name
        for page in PAGES:
            if (pathname or "/") in (page.PATH, *getattr(page, "ALIASES", ())):
                return page.layout(query), title
        return html.Div(
            [
                html.H2("Not found"),
                html.P(f"No page at {pathname}."),
                dcc.Link("Back to the network", href="/"),
            ]
        ), title
