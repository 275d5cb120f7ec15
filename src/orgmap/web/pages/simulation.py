"""Simulation page: pick scenarios, run an ensemble with progress, see trajectories with bands."""

from __future__ import annotations

from dash import html

from orgmap.web.needs import capability, needs_panel

PATH, TITLE, SLUG = "/simulation", "Simulation", "simulation"
MODULE = "orgmap.simulate"


def layout(query: dict[str, str]) -> html.Div:
    if capability(MODULE, "load_scenario", "run_ensemble") is None:
        return html.Div(className="simulation-page", children=[needs_panel(
            "Simulation", MODULE, "Ensembles of the coordination-and-control model (load_scenario, "
            "run_ensemble) come from the simulation package.")])
    return html.Div(className="simulation-page", children=[html.P("Simulation is available.")])


def register(app) -> None:
    return None
