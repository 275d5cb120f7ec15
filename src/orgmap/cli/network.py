"""Network commands: analyze, keyplayers, whatif (thin wrappers over orgmap.network)."""

from __future__ import annotations

import csv
import io
import math
import sys
from pathlib import Path
from typing import Any, List, Optional

import typer
from rich.table import Table

from orgmap.cli.common import CaseOption, DbOption, JsonOption, console, err_console, esc, fail, open_store, \
    parse_date, print_json

PANEL = "Analyse"

LayerOption = typer.Option(None, "--layer", "-l", help="Layer to keep (repeatable): formal, informal, adversarial, "
                           "event. Default: all.")
AsOfOption = typer.Option(None, "--as-of", help="Only what held on this date (YYYY, YYYY-MM or YYYY-MM-DD).")
GradeOption = typer.Option(None, "--min-grade", help="Minimum Admiralty grade, e.g. C or B2.")
StatusOption = typer.Option("accepted", "--status", help="Assertion statuses to use (comma-separated) or all.")
EdgesOption = typer.Option(None, "--edges", help="Analyse a CSV edge list (source,target[,weight[,layer]]) "
                           "instead of the store.", exists=True, dir_okay=False)
NodesOption = typer.Option(None, "--nodes", help="CSV of node attributes for --edges (name,group,...).",
                           exists=True, dir_okay=False)
DirectedOption = typer.Option(False, "--directed", help="Respect edge direction (symmetric ties count both ways).")


def _view(db: Optional[str], case: Optional[str], layer: Optional[List[str]], as_of: Optional[str],
          min_grade: Optional[str], status: str, edges: Optional[Path], nodes: Optional[Path], directed: bool,
          keep: Optional[Path] = None):
    """The graph to analyse, from --edges or from the store, and the case id (or None)."""
    from orgmap.network import KeepRule, build_view, layer_subgraph, view_from_edgelist

    if nodes and not edges:
        fail("--nodes only goes with --edges", 2)
    if edges:
        graph = view_from_edgelist(edges, nodes, directed=directed)
        if layer:
            graph = layer_subgraph(graph, layer)
        return graph, None, None
    store = open_store(db)
    case_id = store.default_case(case)
    rule = KeepRule.from_file(keep, store.schema) if keep else None
    statuses = None if status == "all" else [s.strip() for s in status.split(",")]
    graph = build_view(store, case_id, as_of=parse_date(as_of), layers=layer or None, min_grade=min_grade,
                       status=statuses, keep_rule=rule)
    return graph, store, case_id


def _fmt(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def _write_csv(path: str, header: list[str], rows: list[list[Any]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    if path == "-":
        sys.stdout.write(buf.getvalue())
    else:
        Path(path).write_text(buf.getvalue(), encoding="utf-8")
        err_console.print(f"wrote {esc(path)}")


def analyze(layer: Optional[List[str]] = LayerOption, as_of: Optional[str] = AsOfOption,
            min_grade: Optional[str] = GradeOption, status: str = StatusOption,
            measure: Optional[List[str]] = typer.Option(None, "--measure", "-m", help="Measure to compute "
                                                        "(repeatable): degree, betweenness, closeness, eigenvector, "
                                                        "pagerank, constraint, effective_size, brokerage, community."),
            top: int = typer.Option(10, "--top", help="Rows per table."),
            directed: bool = DirectedOption,
            weighted: bool = typer.Option(False, "--weighted", help="Use grade/modality weights as tie strength."),
            samples: int = typer.Option(0, "--samples", help="Recompute on N graphs with edges kept at their "
                                        "grade/modality probability; report intervals and P(top k)."),
            seed: int = typer.Option(0, "--seed", help="Random seed (sampling, communities)."),
            top_k: int = typer.Option(3, "--top-k", help="k for P(top k) with --samples."),
            keep: Optional[Path] = typer.Option(None, "--keep", help="YAML overriding keep probabilities "
                                                "(reliability/credibility/modality/floor).", exists=True,
                                                dir_okay=False),
            edges: Optional[Path] = EdgesOption, nodes: Optional[Path] = NodesOption,
            csv_out: Optional[str] = typer.Option(None, "--csv", help="Write one row per actor to FILE ('-': stdout)."),
            db: Optional[str] = DbOption, case: Optional[str] = CaseOption, json: bool = JsonOption) -> None:
    """Rank actors by centrality, structural holes, brokerage and community; compare layers.

    With [bold]--samples N[/] each measure is recomputed on N sampled graphs (seeded) and
    reported as mean, 5-95 % interval and the probability of ranking in the top k.
    """
    from rich.progress import Progress

    from orgmap.network.analyze import analyze as run, measure_functions
    from orgmap.network.measures import layer_gaps
    from orgmap.network.uncertainty import sample_measures

    if samples < 0 or top_k < 1:
        fail("--samples must be 0 or more and --top-k at least 1", 2)
    graph, _store, _case = _view(db, case, layer, as_of, min_grade, status, edges, nodes, directed, keep)
    names = list(measure or [])
    measure_functions(names)  # validates names
    result: dict[str, dict[str, Any]]
    if samples:
        fns = measure_functions(names, directed=directed, weighted=weighted, seed=seed)
        if "group" not in graph.vs.attributes() or not any(graph.vs["group"]):
            fns.pop("brokerage", None)
        fns.pop("community", None)
        with Progress(console=err_console, transient=True, disable=json) as bar:
            task = bar.add_task("sampling", total=samples)
            est = sample_measures(graph, fns, samples=samples, seed=seed, top_k=top_k,
                                  progress=lambda i: bar.update(task, completed=i))
        result = {m: {n: {"mean": e.mean, "low": e.low, "high": e.high, "p_top": e.p_top} for n, e in v.items()}
                  for m, v in est.items()}
    else:
        result = run(graph, names or None, directed=directed, weighted=weighted, seed=seed)
    layers_present = set(graph.es["layer"])
    gaps = layer_gaps(graph) if {"formal", "informal"} <= layers_present and not samples else []
    if gaps and not names:
        result["layer_gap"] = {g.name: g.gap for g in gaps}
    if json:
        print_json(result)
        return
    if csv_out:
        actors = list(graph.vs["name"])
        if samples:
            header = ["actor"] + [f"{m}_{s}" for m in result for s in ("mean", "low", "high", "p_top")]
            rows = [[a] + [result[m][a][s] for m in result for s in ("mean", "low", "high", "p_top")] for a in actors]
        else:
            header = ["actor"] + list(result)
            rows = [[a] + [result[m].get(a) for m in result] for a in actors]
        _write_csv(csv_out, header, rows)
        if csv_out == "-":
            return
    console.print(f"[dim]{graph.vcount()} actors, {graph.ecount()} assertions "
                  f"({', '.join(sorted(layers_present))})[/]")
    from orgmap.network.analyze import MEASURES

    for m, values in result.items():
        if m == "layer_gap":
            continue
        if m == "community" and not samples:
            _print_communities(values, top)
            continue
        help_text, high_first = MEASURES.get(m, ("", True))
        if samples:
            ranked = sorted(values.items(), key=lambda kv: (-_num(kv[1]["mean"]), kv[0]))
            table = Table("actor", "mean", "5 %", "95 %", f"P(top {top_k})", title=f"{m} - {help_text}")
            for actor, e in ranked[:top]:
                table.add_row(esc(actor), _fmt(e["mean"]), _fmt(e["low"]), _fmt(e["high"]), _fmt(e["p_top"]))
        else:
            sign = -1 if high_first else 1
            ranked = sorted(values.items(), key=lambda kv: (sign * _num(kv[1]), kv[0]))
            table = Table("#", "actor", m, title=f"{m} - {help_text}")
            for i, (actor, v) in enumerate(ranked[:top], 1):
                table.add_row(str(i), esc(actor), _fmt(v))
        console.print(table)
    if gaps:
        _print_gaps(gaps, top)


def _num(v: Any) -> float:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return 0.0
    return -math.inf if math.isnan(f) else f


def _print_communities(values: dict[str, int], top: int) -> None:
    groups: dict[int, list[str]] = {}
    for actor, c in values.items():
        groups.setdefault(c, []).append(actor)
    table = Table("community", "size", "members", title="community - Leiden (modularity)")
    for c in sorted(groups)[:top]:
        members = sorted(groups[c])
        shown = ", ".join(members[:12]) + (f" … (+{len(members) - 12})" if len(members) > 12 else "")
        table.add_row(str(c), str(len(members)), esc(shown))
    console.print(table)


def _print_gaps(gaps: list, top: int) -> None:
    table = Table("actor", "formal betweenness", "informal betweenness", "gap (pct)", "reading",
                  title="Layer comparison: informal brokerage against formal position")
    shown = [g for g in gaps if g.label][:top] or gaps[:top]
    for g in shown:
        table.add_row(esc(g.name), _fmt(g.formal), _fmt(g.informal), f"{g.gap:+.2f}", esc(g.label))
    console.print(table)


def keyplayers(k: int = typer.Option(2, "--k", "-k", help="Size of the set."),
               goal: str = typer.Option("fragmentation", "--goal", help="fragmentation, distance_fragmentation "
                                        "(who to remove) or reach, distance_reach (who reaches most)."),
               m: int = typer.Option(2, "--m", help="Steps for m-reach."),
               seed: int = typer.Option(0, "--seed", help="Seed of the random restarts."),
               layer: Optional[List[str]] = LayerOption, as_of: Optional[str] = AsOfOption,
               min_grade: Optional[str] = GradeOption, status: str = StatusOption,
               edges: Optional[Path] = EdgesOption, nodes: Optional[Path] = NodesOption,
               db: Optional[str] = DbOption, case: Optional[str] = CaseOption, json: bool = JsonOption) -> None:
    """Find the k actors whose removal fragments the network most, or who reach most of it."""
    from orgmap.network.measures import key_players
    from orgmap.network.measures.keyplayer import GOALS

    if goal not in GOALS:
        fail(f"--goal {goal!r}: choose one of {', '.join(GOALS)}", 2)
    graph, _s, _c = _view(db, case, layer, as_of, min_grade, status, edges, nodes, False)
    found = key_players(graph, k, goal=goal, m=m, seed=seed)
    if json:
        print_json({"players": list(found.players), "goal": found.goal, "score": found.score,
                    "baseline": found.baseline, "k": k, "m": m})
        return
    table = Table("#", "key player", title=f"best set of {k} for {goal}")
    for i, name in enumerate(found.players, 1):
        table.add_row(str(i), esc(name))
    console.print(table)
    what = "fragmentation after removal" if "fragmentation" in goal else f"share reached{' within ' + str(m) if goal == 'reach' else ''}"
    console.print(f"{what}: [bold]{found.score:.3f}[/] (network as it is: {found.baseline:.3f})")


def whatif(scenario: List[str] = typer.Argument(..., help="Scenario YAML files, or names of scenarios shipped "
                                                 "with the case (e.g. as-it-happened)."),
           plot: Optional[Path] = typer.Option(None, "--plot", help="Also draw the comparison as a PNG."),
           db: Optional[str] = DbOption, case: Optional[str] = CaseOption, json: bool = JsonOption) -> None:
    """Remove, replace or purge actors and compare fragmentation, reach and brokerage with the baseline."""
    from rich.progress import Progress

    from orgmap.casefile import CASES_DIR
    from orgmap.network.whatif import load_scenario, resolve_scenario_paths, run_scenarios

    store = open_store(db)
    case_id = store.default_case(case)
    case_name = next(c.name for c in store.cases() if c.id == case_id)
    paths = resolve_scenario_paths(scenario, CASES_DIR / case_name)
    scenarios = [load_scenario(p, store.schema) for p in paths]
    with Progress(console=err_console, transient=True, disable=json or len(scenarios) < 2) as bar:
        task = bar.add_task("scenarios", total=len(scenarios))
        result = run_scenarios(store, case_id, scenarios, progress=lambda i: bar.update(task, completed=i))
    if plot:
        from orgmap.network.whatif.plot import plot_comparison

        plot_comparison(result, plot)
    if json:
        print_json(result)
        return
    _print_whatif(result)
    if plot:
        console.print(f"chart written to {esc(plot)}")


def _arrow(before: Any, after: Any) -> str:
    def two(v: Any) -> str:
        return "-" if v is None else f"{v:.2f}"
    return f"{two(before)} → {two(after)}"


def _print_whatif(result: dict) -> None:
    scenarios = result["scenarios"]
    present = list(scenarios[0]["baseline"]["fragmentation"]) if scenarios else []
    layers = [x for x in ("formal", "informal") if x in present] or present
    table = Table("scenario", "as of", "leader", *[f"F {x}" for x in layers], "informal reach",
                  "command coverage", title="What-if: before → after (F: fragmentation; all layers in --json)")
    for s in scenarios:
        b, a = s["baseline"], s["after"]
        table.add_row(esc(s["name"]), esc(s["as_of"] or "all"), esc(f"{b['leader'] or '-'} → {a['leader'] or '-'}"),
                      *[_arrow(b["fragmentation"].get(x), a["fragmentation"].get(x)) for x in layers],
                      f"{_arrow(b['reach'], a['reach'])} (≤{s['k']})", _arrow(b["coverage"], a["coverage"]))
    console.print(table)
    shifts = Table("scenario", "gain brokerage", "lose brokerage", "emergent brokers",
                   title="Brokerage (pairs an actor sits between)")
    for s in scenarios:
        shifts.add_row(esc(s["name"]),
                       esc(", ".join(f"{g['name']} {g['change']:+.3g}" for g in s["gains"]) or "-"),
                       esc(", ".join(f"{g['name']} {g['change']:+.3g}" for g in s["losses"]) or "-"),
                       esc(", ".join(f"{g['name']} {g['betweenness']:.3g}" for g in s["emergent_brokers"]) or "none"))
    console.print(shifts)
    for s in scenarios:
        console.print(f"[dim]{esc(s['name'])}: {esc('; '.join(s['operations']))}; "
                      f"affiliates: {esc(', '.join(s['affiliates']) or 'none')}[/]")
        for note in s["notes"]:
            console.print(f"  [yellow]note:[/] {esc(note)}")


def register(app: typer.Typer) -> None:
    """Add analyze, keyplayers and whatif to the ``orgmap`` app."""
    app.command(rich_help_panel=PANEL)(analyze)
    app.command(rich_help_panel=PANEL)(keyplayers)
    app.command(rich_help_panel=PANEL)(whatif)
