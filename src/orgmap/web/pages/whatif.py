"""What-if page: remove or replace actors, compare the network before and after, save a scenario.

The comparison is ``orgmap.network.whatif.run_scenarios``; nothing is written to the store.
"""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
import plotly.graph_objects as go
import yaml
from dash import Input, Output, State, ctx, dcc, html, no_update

from orgmap.network import whatif
from orgmap.safeyaml import YamlRefused, load_yaml
from orgmap.web.scenarios import save_scenario, scenario_files, slug
from orgmap.web.state import current, store
from orgmap.web.timelinefmt import plot_text

PATH, TITLE, SLUG = "/whatif", "What-if", "whatif"
SAMPLES = 40
"""Views sampled by credibility per run (as the briefing): every figure is their median with its 5-95 %."""


def _saved_dir():
    return current().data_dir / "scenarios" / "whatif"


def _files(s, case_id: int) -> dict:
    case = s.find_case(case_id)
    return scenario_files(case.name, "whatif", _saved_dir())


def layout(query: dict[str, str]) -> html.Div:
    with store() as (s, case_id):
        files = _files(s, case_id)
        entities = s.entities(case_id)
    people = [{"label": f"{e.name} ({e.type})", "value": e.name} for e in entities]
    orgs = [{"label": e.name, "value": e.name} for e in entities if e.type == "organization"]
    return html.Div(
        className="whatif-page split",
        children=[
            dcc.Store(id="wi-ops", data=[]),
            dcc.Store(id="wi-base", data={}),
            dcc.Download(id="wi-download"),
            html.Aside(
                className="controls",
                children=[
                    html.Label("Start from"),
                    dcc.Dropdown(
                        id="wi-file", options=list(files), placeholder="a shipped or saved scenario"
                    ),
                    html.Label("Name"),
                    dcc.Input(id="wi-name", value="My scenario", className="wide"),
                    html.Label("As of (the view before the change)"),
                    dcc.Input(
                        id="wi-asof", placeholder="YYYY or YYYY-MM (empty: everything)", className="wide"
                    ),
                    html.Label("Organization measured"),
                    dcc.Dropdown(id="wi-org", options=orgs),
                    html.Label("Change"),
                    dcc.RadioItems(
                        id="wi-op", options=["remove", "replace"], value="remove", className="checks"
                    ),
                    dcc.Dropdown(id="wi-who", options=people, placeholder="who"),
                    dcc.Dropdown(id="wi-by", options=people, placeholder="replaced by (for replace)"),
                    dcc.RadioItems(
                        id="wi-inherit", options=["formal", "all", "none"], value="formal", className="checks"
                    ),
                    html.Div(
                        className="row",
                        children=[
                            html.Button("Add change", id="wi-add"),
                            html.Button("Clear", id="wi-clear"),
                        ],
                    ),
                    html.Ol(id="wi-oplist"),
                    html.Div(
                        className="row",
                        children=[
                            html.Button("Run", id="wi-run", className="accept"),
                            html.Button("Save as scenario", id="wi-save"),
                        ],
                    ),
                    html.Div(id="wi-message", role="status"),
                ],
            ),
            html.Section(
                id="wi-result",
                className="panel",
                children=html.P(
                    "Choose changes and press Run to compare the network before and after.", className="muted"
                ),
            ),
        ],
    )


def scenario_dict(base: dict, name: str, as_of: str | None, org: str | None, ops: list) -> dict[str, Any]:
    """The scenario mapping the controls describe (the loaded file's other keys kept)."""
    raw = {k: v for k, v in (base or {}).items() if k not in ("name", "as_of", "organization", "operations")}
    raw = {"name": name or "scenario", **raw}
    if as_of:
        raw["as_of"] = str(as_of).strip()
    if org:
        raw["organization"] = org
    raw["operations"] = list(ops or [])
    return raw


def _figure_keys(result: dict[str, Any]) -> list[tuple[str, str]]:
    keys = [
        (f"reach of affiliates within {result['k']} steps", "reach"),
        ("formal coverage of affiliates", "coverage"),
    ]
    return keys + [
        (f"fragmentation ({x})", f"fragmentation:{x}") for x in result["baseline"]["fragmentation"]
    ]


def comparison(result: dict[str, Any]) -> html.Div:
    """Before/after (and observed) figures of one scenario run, as tables and a chart.

    With intervals every figure is the median over views sampled by credibility with its
    5-95 % interval, and the chart's bars stand at those medians with the intervals as
    error bars: the headline number is always inside its printed interval.
    """
    base, after = result["baseline"], result["after"]
    iv = result.get("intervals")
    obs = result.get("observed")
    states = ["before", "after"] + (["observed"] if obs else [])
    ivs = {"before": (iv or {}).get("baseline", {}), "after": (iv or {}).get("after", {})}
    if obs:
        ivs["observed"] = obs.get("intervals") or {}
    plain = {"before": base, "after": after, "observed": obs["state"] if obs else {}}

    def value(state: str, key: str) -> Any:
        if iv:
            return ivs[state].get(key)
        got = plain[state]
        return got.get(key) if ":" not in key else got.get("fragmentation", {}).get(key.split(":", 1)[1])

    rows = [{"figure": "leader", **{w: plain[w].get("leader") or "—" for w in states}}]
    for label, key in _figure_keys(result):
        row = {"figure": label}
        for w in states:
            v = value(w, key)
            if isinstance(v, dict):
                row[w] = f"{v['median']:.3f} [{v['low']:.3f}–{v['high']:.3f}]"
            else:
                row[w] = round(v, 3) if isinstance(v, float) else v
            if w == "observed" and (obs.get("agrees") or {}).get(key) is False:
                row[w] += " ≠"
        rows.append(row)
    bars = []
    for w in states:
        xs, ys, lo, hi = [], [], [], []
        for label, key in _figure_keys(result):
            v = value(w, key)
            mid = v["median"] if isinstance(v, dict) else v
            if isinstance(mid, (int, float)):
                xs.append(plot_text(label))
                ys.append(mid)
                lo.append(mid - v["low"] if isinstance(v, dict) else 0.0)
                hi.append(v["high"] - mid if isinstance(v, dict) else 0.0)
        error = {"type": "data", "symmetric": False, "array": hi, "arrayminus": lo} if iv else None
        bars.append(go.Bar(name=w, x=xs, y=ys, error_y=error))
    fig = go.Figure(bars)
    fig.update_layout(
        barmode="group",
        height=320,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        title=plot_text(result["name"]),
        yaxis={"range": [0, 1.05]},
    )

    def grid(gid, data, cols):
        return dag.AgGrid(
            id=gid,
            rowData=data,
            columnDefs=[{"field": c} for c in cols],
            defaultColDef={"flex": 1, "resizable": True},
            dashGridOptions={"domLayout": "autoHeight"},
            className="ag-theme-quartz",
        )

    moves = [{**m, "change": round(m["change"], 3), "who": w} for w in ("gains", "losses") for m in result[w]]
    return html.Div(
        [
            html.H3(result["name"]),
            html.P("; ".join(result["operations"]), className="muted"),
            html.P(
                (
                    f"Median over {iv['samples']} views whose edges (every layer) are kept with the probability "
                    "their grade and modality give, with its 5-95 % interval [low–high]; bars at the medians, "
                    "whiskers the intervals."
                    if iv
                    else "One view, every edge counted (no sampling)."
                )
                + (
                    f" Observed: the case's view as of {obs['as_of']} as the model states it; ≠ where it falls "
                    "outside the scenario's interval."
                    if obs
                    else ""
                ),
                className="muted",
            ),
            grid("wi-figures", rows, ["figure", *states]),
            dcc.Graph(id="wi-chart", figure=fig, config={"displaylogo": False}),
            html.H4("Brokerage (betweenness) gains and losses"),
            grid("wi-moves", moves, ["who", "name", "before", "after", "change"]),
            html.H4("Emergent brokers"),
            grid(
                "wi-brokers",
                [{**b, "betweenness": round(b["betweenness"], 3)} for b in result["emergent_brokers"]],
                ["name", "betweenness"],
            ),
            *[html.P(n, className="muted") for n in result["notes"]],
        ]
    )


def register(app) -> None:
    @app.callback(
        Output("wi-ops", "data"),
        Output("wi-base", "data"),
        Output("wi-name", "value"),
        Output("wi-asof", "value"),
        Output("wi-org", "value"),
        Output("wi-message", "children"),
        Input("wi-file", "value"),
        Input("wi-add", "n_clicks"),
        Input("wi-clear", "n_clicks"),
        State("wi-ops", "data"),
        State("wi-op", "value"),
        State("wi-who", "value"),
        State("wi-by", "value"),
        State("wi-inherit", "value"),
        prevent_initial_call=True,
    )
    def edit(chosen, _add, _clear, ops, op, who, by, inherit):
        keep = (no_update,) * 4
        if ctx.triggered_id == "wi-clear":
            return [], no_update, no_update, no_update, no_update, ""
        if ctx.triggered_id == "wi-file":
            if not chosen:
                return (no_update,) * 6
            with store() as (s, case_id):
                path = _files(s, case_id).get(chosen)
            try:
                raw = load_yaml(path.read_text(encoding="utf-8"), chosen) if path else None
            except (yaml.YAMLError, YamlRefused, OSError):
                raw = None
            if not isinstance(raw, dict):
                return (*keep, no_update, html.P(f"{chosen} is not a scenario file", className="error"))
            return (
                raw.get("operations") or [],
                raw,
                raw.get("name", chosen),
                raw.get("as_of"),
                raw.get("organization"),
                "",
            )
        if not who:
            return (*keep, no_update, html.P("Choose who the change is about.", className="error"))
        if op == "replace":
            if not by:
                return (*keep, no_update, html.P("Choose who replaces them.", className="error"))
            new = {"replace": who, "by": by, "inherit": inherit or "formal"}
        else:
            new = {"remove": who}
        return [*(ops or []), new], no_update, no_update, no_update, no_update, ""

    @app.callback(Output("wi-oplist", "children"), Input("wi-ops", "data"))
    def list_ops(ops):
        return [html.Li(", ".join(f"{k}: {v}" for k, v in op.items())) for op in ops or []]

    @app.callback(
        Output("wi-result", "children"),
        Output("wi-message", "children", allow_duplicate=True),
        Output("wi-download", "data"),
        Input("wi-run", "n_clicks"),
        Input("wi-save", "n_clicks"),
        State("wi-base", "data"),
        State("wi-name", "value"),
        State("wi-asof", "value"),
        State("wi-org", "value"),
        State("wi-ops", "data"),
        prevent_initial_call=True,
    )
    def run(_run, _save, base, name, as_of, org, ops):
        raw = scenario_dict(base, name, as_of, org, ops)
        with store() as (s, case_id):
            try:
                scenario = whatif.parse_whatif_scenario(raw, f"web scenario {raw['name']!r}", s.schema)
                if ctx.triggered_id == "wi-save":
                    path = save_scenario(_saved_dir(), raw)
                    text = path.read_text(encoding="utf-8")
                    s.keep_scenario(case_id, "whatif", path.stem, text)  # the briefing runs it too
                    saved = html.P(
                        f"Saved as {path.name} (listed under Start from; kept with the case for the briefing).",
                        className="ok",
                    )
                    return no_update, saved, {"content": text, "filename": f"{slug(raw['name'])}.yaml"}
                out = whatif.run_scenarios(s, case_id, [scenario], samples=SAMPLES, seed=0)
            except (ValueError, LookupError) as exc:
                text = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
                return no_update, html.P(f"Cannot run: {text}", className="error"), no_update
        return comparison(out["scenarios"][0]), "", no_update
