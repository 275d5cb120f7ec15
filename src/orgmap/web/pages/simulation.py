"""Simulation page: pick scenarios, run an ensemble with progress, see trajectories with bands.

Ensembles come from ``orgmap.simulate.run_ensemble``; the run happens in a background
job and the page polls it (a progress bar), so the app stays responsive.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go
from dash import Input, Output, State, dcc, html, no_update
from plotly.subplots import make_subplots

from orgmap import simulate as sim
from orgmap.web.scenarios import scenario_files
from orgmap.web.state import current, store
from orgmap.web.timelinefmt import plot_text

PATH, TITLE, SLUG = "/simulation", "Simulation", "simulation"
MAX_RUNS = 1000
_COLOURS = ("#1f5aa6", "#d17a00", "#2e8b57", "#c0392b", "#7d3c98")


def _files(s, case_id: int) -> dict:
    case = s.find_case(case_id)
    return scenario_files(case.name, "scenarios", current().data_dir / "scenarios" / "simulate")


def layout(query: dict[str, str]) -> html.Div:
    with store() as (s, case_id):
        files = list(_files(s, case_id))
        case = s.find_case(case_id).name
    if not files:
        return html.Div(
            className="simulation-page",
            children=[
                html.Div(
                    className="needs",
                    children=[
                        html.H3("No simulation scenario for this case yet"),
                        html.P(
                            [
                                "A scenario says who is removed or replaced when, and for how long to run (see "
                                "docs/simulation-model.md). Put one as YAML in ",
                                html.Code(f"cases/{case}/scenarios/"),
                                " or ",
                                html.Code(str(current().data_dir / "scenarios" / "simulate")),
                                " and reload this page; the Qods Force case ships five to copy from.",
                            ]
                        ),
                    ],
                )
            ],
        )
    return html.Div(
        className="simulation-page split",
        children=[
            dcc.Store(id="sim-job"),
            dcc.Interval(id="sim-poll", interval=400, disabled=True),
            html.Aside(
                className="controls",
                children=[
                    html.Label("Scenarios"),
                    dcc.Checklist(id="sim-scenarios", options=files, value=files[:1], className="checks"),
                    html.Label("Runs per scenario"),
                    dcc.Input(id="sim-runs", type="number", min=1, max=MAX_RUNS, step=1, value=50),
                    html.Label("Seed (empty: the scenario's own)"),
                    dcc.Input(id="sim-seed", type="number", min=0, step=1),
                    html.Label("Measures"),
                    dcc.Checklist(
                        id="sim-metrics",
                        options=list(sim.METRICS),
                        value=list(sim.METRICS[:2]),
                        className="checks",
                    ),
                    html.Button("Run", id="sim-run", className="accept"),
                    html.Progress(id="sim-progress", max=1, value=0, style={"width": "100%"}),
                    html.Div(id="sim-status", role="status"),
                ],
            ),
            html.Section(
                className="panel",
                children=[
                    html.P(
                        id="sim-placeholder",
                        className="muted placeholder",
                        children=(
                            "Pick one or more scenarios, the number of runs and a seed, then Run: the median trajectory "
                            "of each measure appears here with its 5–95 % band, and each scenario's summary below."
                        ),
                    ),
                    dcc.Graph(id="sim-figure", config={"displaylogo": False}, style={"display": "none"}),
                    html.Pre(id="sim-summary", className="summary"),
                ],
            ),
        ],
    )


def figure(results: list[Any], metrics: list[str]) -> go.Figure:
    """Median trajectories with 5–95 % bands of the same runs, one panel per measure, one colour per scenario.

    The median (not the mean) is drawn, so the line always lies inside its band, as the
    summary's headline numbers (medians with their 5-95 %) do.
    """
    metrics = metrics or ["coordination"]
    fig = make_subplots(
        rows=len(metrics), cols=1, shared_xaxes=True, subplot_titles=metrics, vertical_spacing=0.08
    )
    for i, res in enumerate(results):
        colour = _COLOURS[i % len(_COLOURS)]
        dates = [d.isoformat() for d in res.dates]
        name = plot_text(res.scenario.title or res.scenario.name)
        for row, metric in enumerate(metrics, 1):
            _, lo, hi = res.band(metric)
            mid = np.median(res.data[metric], axis=0)
            fig.add_trace(
                go.Scatter(
                    x=dates + dates[::-1],
                    y=list(hi) + list(lo[::-1]),
                    fill="toself",
                    fillcolor=colour,
                    opacity=0.18,
                    line={"width": 0},
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=name,
                ),
                row=row,
                col=1,
            )
            fig.add_trace(
                go.Scatter(
                    x=dates,
                    y=list(mid),
                    name=name,
                    line={"color": colour},
                    showlegend=row == 1,
                    legendgroup=name,
                ),
                row=row,
                col=1,
            )
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor="#fff",
        legend={"orientation": "h", "y": -0.08},
    )
    return fig


def register(app) -> None:
    @app.callback(
        Output("sim-job", "data"),
        Output("sim-poll", "disabled"),
        Output("sim-status", "children"),
        Input("sim-run", "n_clicks"),
        State("sim-scenarios", "value"),
        State("sim-runs", "value"),
        State("sim-seed", "value"),
        prevent_initial_call=True,
    )
    def start(_n, chosen, runs, seed):
        if not chosen:
            return no_update, True, html.P("Pick at least one scenario.", className="error")
        if not isinstance(runs, int) or not 1 <= runs <= MAX_RUNS:
            message = f"Runs must be a whole number from 1 to {MAX_RUNS}."
            return no_update, True, html.P(message, className="error")
        state = current()
        with store() as (s, case_id):
            files = _files(s, case_id)
            try:
                scenarios = [sim.load_simulation_scenario(files[c]) for c in chosen]
                prepared = [sim.prepare(sc, s) for sc in scenarios]
            except (ValueError, KeyError) as exc:
                return no_update, True, html.P(f"Cannot run: {exc}", className="error")

        def work(progress):
            total = runs * len(scenarios)
            out = []
            for k, (sc, prep) in enumerate(zip(scenarios, prepared)):
                out.append(
                    sim.run_ensemble(
                        sc,
                        runs=runs,
                        seed=seed,
                        prepared=prep,
                        progress=lambda done, _n, k=k: progress(k * runs + done, total),
                    )
                )
            return out

        jid = state.jobs.start(work)
        return jid, False, html.P(f"Running {len(scenarios)} scenario(s) × {runs} runs…")

    @app.callback(
        Output("sim-progress", "value"),
        Output("sim-figure", "figure"),
        Output("sim-figure", "style"),
        Output("sim-placeholder", "hidden"),
        Output("sim-summary", "children"),
        Output("sim-poll", "disabled", allow_duplicate=True),
        Output("sim-status", "children", allow_duplicate=True),
        Input("sim-poll", "n_intervals"),
        State("sim-job", "data"),
        State("sim-metrics", "value"),
        prevent_initial_call=True,
    )
    def poll(_n, jid, metrics):
        job = current().jobs.get(jid)
        wait = (no_update,) * 5  # progress, figure, its style, placeholder, summary
        if job is None:
            return *wait, True, html.P("That run is gone; run again.", className="error")
        if not job.done:
            return job.fraction, *wait[1:], False, no_update
        if job.error:
            return 0, *wait[1:], True, html.P(f"The run failed: {job.error}", className="error")
        summary = "\n\n".join(r.summary_text() for r in job.result)
        runs = sum(r.runs for r in job.result)
        shown = {"height": "70vh"}
        return (
            1,
            figure(job.result, metrics),
            shown,
            True,
            summary,
            True,
            html.P(f"Done: {runs} runs.", className="ok"),
        )
