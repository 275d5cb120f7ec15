"""What-if page: remove or replace actors, compare the network before and after, save a scenario."""

from __future__ import annotations

from dash import html

from orgmap.web.needs import capability, needs_panel

PATH, TITLE, SLUG = "/whatif", "What-if", "whatif"
MODULE = "orgmap.network.whatif"


def layout(query: dict[str, str]) -> html.Div:
    if capability(MODULE) is None:
        return html.Div(className="whatif-page", children=[needs_panel(
            "What-if", MODULE, "Succession what-if (remove or replace actors, compare the network analysis "
            "before and after, save as a scenario) comes from the network analysis package.")])
    return html.Div(className="whatif-page", children=[html.P("What-if is available.")])


def register(app) -> None:
    return None
