"""Network commands: analyze, keyplayers, whatif (thin wrappers over orgmap.network)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from orgmap.cli.common import (
    AsOfOption,
    CaseOption,
    DbOption,
    GradeOption,
    JsonOption,
    LayerOption,
    StatusOption,
    console,
    err_console,
    esc,
    fail,
    get_case,
    parse_date,
    print_json,
)
from orgmap.cli.scenarios import DeriveOption, derive_scenario, keep_scenarios
from orgmap.cli.scenarios import KeepOption as KeepScenarioOption

PANEL = "Analyse"

EdgesOption = typer.Option(
    None,
    "--edges",
    exists=True,
    dir_okay=False,
    help="Analyse a CSV edge list (source,target[,weight[,layer]]) instead of the store.",
)
NodesOption = typer.Option(
    None, "--nodes", exists=True, dir_okay=False, help="CSV of node attributes for --edges (name,group,...)."
)
MeasureOption = typer.Option(
    None,
    "--measure",
    "-m",
    help="Measure to compute (repeatable): degree, betweenness, closeness, "
    "eigenvector, pagerank, constraint, effective_size, brokerage, community.",
)
KeepOption = typer.Option(
    None,
    "--keep",
    exists=True,
    dir_okay=False,
    help="YAML overriding keep probabilities (reliability/credibility/modality/floor).",
)
CsvOption = typer.Option(None, "--csv", help="Write one row per actor to FILE ('-': stdout).")


def _view(
    db: str | None,
    case: str | None,
    layer: list[str] | None,
    as_of: str | None,
    min_grade: str | None,
    status: str,
    edges: Path | None,
    nodes: Path | None,
    directed: bool = False,
    keep: Path | None = None,
):
    """The graph to analyse: from --edges, or from the store."""
    from orgmap.network import KeepRule, layer_subgraph, view_from_edgelist

    if nodes and not edges:
        fail("--nodes only goes with --edges", 2)
    if edges:
        graph = view_from_edgelist(edges, nodes, directed=directed)
        return layer_subgraph(graph, layer) if layer else graph
    chosen = get_case(db, case).as_of(parse_date(as_of))
    rule = KeepRule.from_file(keep, chosen.store.schema) if keep else None
    return chosen.graph(layer or None, min_grade=min_grade, status=status, keep=rule)


def _print(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = Table(*header, title=esc(title))
    for row in rows:
        table.add_row(*(esc(c) for c in row))
    console.print(table)


def _write_csv(path: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    if path == "-":
        sys.stdout.write(buf.getvalue())
    else:
        Path(path).write_text(buf.getvalue(), encoding="utf-8")
        err_console.print(f"wrote {esc(path)}")


PivotsOption = typer.Option(
    "auto",
    "--pivots",
    help="Betweenness and closeness: exact, a "
    "number of sampled pivots, or auto (exact up to 2,000 actors, else "
    "enough pivots for the top of the ranking).",
)


def _pivots(value: str) -> int | None:
    """--pivots: auto (None), exact (0) or a positive number."""
    if value == "auto":
        return None
    if value == "exact":
        return 0
    if value.isdigit() and int(value) > 0:
        return int(value)
    fail(f"--pivots {value!r}: give auto, exact or a positive number of pivots", 2)


def analyze(
    layer: list[str] | None = LayerOption,
    as_of: str | None = AsOfOption,
    min_grade: str | None = GradeOption,
    status: str = StatusOption,
    measure: list[str] | None = MeasureOption,
    top: int = typer.Option(10, "--top", help="Rows per table."),
    directed: bool = typer.Option(False, "--directed", help="Respect edge direction."),
    weighted: bool = typer.Option(False, "--weighted", help="Grade/modality weights as strength."),
    samples: int = typer.Option(
        0,
        "--samples",
        help="Recompute on N graphs whose edges are kept "
        "with their grade/modality probability; intervals and P(top k).",
    ),
    seed: int = typer.Option(0, "--seed", help="Random seed (sampling, communities)."),
    top_k: int = typer.Option(3, "--top-k", help="k of P(top k) with --samples."),
    group_by: str = typer.Option(
        "group",
        "--group-by",
        help="Vertex attribute defining brokerage "
        "groups: group (organization membership), kind, type or a --nodes "
        "column.",
    ),
    pivots: str = PivotsOption,
    workers: int = typer.Option(
        0, "--workers", help="Processes for --samples (0: one per core); the numbers do not depend on it."
    ),
    until_stable: float | None = typer.Option(
        None,
        "--until-stable",
        help="With --samples N: sample in rounds of 10 and stop before N "
        "once no mean, interval end or P(top k) moves by more than this (e.g. 0.02; means and ends "
        "relative to the largest value).",
    ),
    keep: Path | None = KeepOption,
    edges: Path | None = EdgesOption,
    nodes: Path | None = NodesOption,
    csv_out: str | None = CsvOption,
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """Rank actors by centrality, structural holes, brokerage and community; compare layers.

    With [bold]--samples N[/] each measure is recomputed on N sampled graphs (seeded) and
    reported as mean, 5-95 % interval and the probability of ranking in the top k. On large
    graphs betweenness and closeness are estimated from sampled pivots; the output says how.
    """
    from rich.progress import Progress

    from orgmap.api.analysis import regroup, run_analysis
    from orgmap.network.analyze import MEASURES, measure_functions
    from orgmap.network.report import (
        community_rows,
        csv_rows,
        gap_rows,
        interval_rows,
        ranked_rows,
        role_rows,
    )

    if samples < 0 or top_k < 1 or top < 1 or workers < 0:
        fail("--samples and --workers must be 0 or more, --top-k and --top at least 1", 2)
    if until_stable is not None and (not samples or until_stable <= 0):
        fail("--until-stable needs --samples N (the most to draw) and a tolerance above 0, e.g. 0.02", 2)
    fixed_pivots = _pivots(pivots)
    names = list(measure or [])
    measure_functions(names)  # unknown names fail before any work
    graph = _view(db, case, layer, as_of, min_grade, status, edges, nodes, directed, keep)
    try:
        regroup(graph, group_by)
    except ValueError as exc:
        fail(str(exc), 2)
    with Progress(console=err_console, transient=True, disable=json or not samples) as bar:
        task = bar.add_task("sampling graphs", total=samples)
        found = run_analysis(
            graph,
            names,
            directed=directed,
            weighted=weighted,
            samples=samples,
            seed=seed,
            top_k=top_k,
            pivots=fixed_pivots,
            workers=workers,
            until_stable=until_stable,
            progress=lambda i: bar.update(task, completed=i),
        )
    result, how, gaps, used = found.results, found.how, found.gaps, found.samples
    if json:
        print_json(found.to_dict())
        return
    if csv_out:
        flat = {m: v for m, v in result.items() if m != "brokerage_roles"}
        _write_csv(csv_out, *csv_rows(flat, graph.vs["name"], sampled=bool(samples)))
        if csv_out == "-":
            return
    layers = esc(", ".join(found.layers))
    console.print(f"[dim]{len(found.actors)} actors, {found.assertions} assertions ({layers})[/]")
    if until_stable is not None:
        console.print(
            f"[dim]intervals stable after {used} of at most {samples} samples "
            f"(nothing moved by more than {until_stable:g})[/]"
            if used < samples
            else f"[dim]all {samples} samples drawn: the intervals still moved by more than "
            f"{until_stable:g}[/]"
        )
    for m, values in result.items():
        help_text, high_first = MEASURES.get(m, ("", True))
        if m == "brokerage_roles":
            _print("Gould-Fernandez roles (open two-paths brokered)", *role_rows(values, top=top))
        elif m == "layer_gap":
            _print("Layer comparison: informal brokerage against formal position", *gap_rows(gaps, top=top))
        elif samples:
            _print(f"{m} - {help_text}", *interval_rows(values, top=top, top_k=top_k))
        elif m == "community":
            _print("community - Leiden (modularity)", *community_rows(values, top=top))
        else:
            _print(f"{m} - {help_text}", *ranked_rows(m, values, top=top, high_first=high_first))
        if m in how and how[m] != "exact":
            console.print(f"[dim]{m}: {esc(how[m])}[/]")


def keyplayers(
    k: int = typer.Option(2, "--k", "-k", help="Size of the set."),
    goal: str = typer.Option(
        "fragmentation",
        "--goal",
        help="fragmentation or "
        "distance_fragmentation (whom to remove); reach or distance_reach "
        "(who reaches most).",
    ),
    m: int = typer.Option(2, "--m", help="Steps for m-reach."),
    seed: int = typer.Option(0, "--seed", help="Seed of the random restarts (and of the pivots)."),
    pivots: str = typer.Option(
        "auto",
        "--pivots",
        help="Betweenness that picks the first starting set: exact, a number of sampled pivots, "
        "or auto (exact up to 2,000 actors).",
    ),
    layer: list[str] | None = LayerOption,
    as_of: str | None = AsOfOption,
    min_grade: str | None = GradeOption,
    status: str = StatusOption,
    edges: Path | None = EdgesOption,
    nodes: Path | None = NodesOption,
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """Find the k actors whose removal fragments the network most, or who reach most of it."""
    from orgmap.api.records import keyplayers_record
    from orgmap.network.measures import key_players
    from orgmap.network.measures.keyplayer import GOALS

    if goal not in GOALS:
        fail(f"--goal {goal!r}: choose one of {', '.join(GOALS)}", 2)
    fixed = _pivots(pivots)
    graph = _view(db, case, layer, as_of, min_grade, status, edges, nodes)
    found = key_players(graph, k, goal=goal, m=m, seed=seed, pivots=fixed)
    if json:
        print_json(keyplayers_record(found, goal=goal, k=k, m=m))
        return
    rows = [[str(i), p] for i, p in enumerate(found.players, 1)]
    _print(f"best set of {k} for {goal}", ["#", "key player"], rows)
    what = {
        "fragmentation": "fragmentation after removal",
        "distance_fragmentation": "distance fragmentation after removal",
        "reach": f"share reached within {m} steps",
        "distance_reach": "distance-weighted reach",
    }
    console.print(f"{what[goal]}: [bold]{found.score:.3f}[/] (network as it is: {found.baseline:.3f})")
    console.print(f"[dim]first starting set: the top {k} by betweenness, {esc(found.start)}[/]")
    console.print(f"[dim]swaps tried with {esc(found.searched)}[/]")


def whatif(
    scenario: list[str] | None = typer.Argument(
        None, help="Scenario YAML files, or names of scenarios shipped with the case (e.g. as-it-happened)."
    ),
    plot: Path | None = typer.Option(None, "--plot", help="Also draw the comparison as a PNG."),
    samples: int = typer.Option(
        100,
        "--samples",
        min=0,
        help=(
            "Views sampled by credibility (edges kept by reliability x credibility x modality); every "
            "figure is then the median with its 5-95 % interval. 0: the whole view, no intervals."
        ),
    ),
    seed: int = typer.Option(0, "--seed", help="Seed of the sampling (same seed, same numbers)."),
    derive: Path | None = DeriveOption,
    keep: bool = KeepScenarioOption,
    pivots: str = typer.Option(
        "auto",
        "--pivots",
        help="Brokerage (betweenness): exact, a number of sampled pivots, or auto (exact up to "
        "2,000 actors, else enough pivots for the top of the ranking).",
    ),
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """Remove, replace or purge actors; compare fragmentation, reach and brokerage with the baseline.

    Start a scenario of your own with --derive-scenario FILE (the case's succession as the model
    states it), edit it, run it, and --keep it for the briefing.
    """
    from rich.progress import Progress

    from orgmap.casefile import CASES_DIR
    from orgmap.network.report import brokerage_rows, whatif_rows
    from orgmap.network.whatif import resolve_scenario_paths

    fixed = _pivots(pivots)
    chosen = get_case(db, case)
    if derive is not None:
        derive_scenario(chosen.store, chosen.id, "whatif", derive)
        return
    if not scenario:
        fail(
            "give scenario files (or names shipped with the case), or --derive-scenario FILE to start one", 2
        )
    paths = resolve_scenario_paths(scenario, CASES_DIR / chosen.name)
    with Progress(console=err_console, transient=True, disable=json or len(paths) < 2) as bar:
        task = bar.add_task("scenarios", total=len(paths))
        result = chosen.whatif(
            *paths,
            progress=lambda i: bar.update(task, completed=i),
            samples=samples,
            seed=seed,
            pivots=fixed,
        )
    if plot:
        from orgmap.network.whatif.plot import plot_comparison

        plot_comparison(result, plot)
    if json:
        print_json(result)
        return
    title = "What-if: before → after (F: fragmentation; all layers in --json)"
    if samples:
        title += (
            f"; median [5-95 %] over {samples} views sampled by credibility, every layer of the view; "
            "brokerage below on the whole view"
        )
    if any(s.get("observed") for s in result["scenarios"]):
        title += "; 'observed': the later view in the model as it stands (≠: outside the scenario's interval)"
    _print(title, *whatif_rows(result))
    _print("Brokerage (pairs an actor sits between)", *brokerage_rows(result))
    for s in result["scenarios"]:
        console.print(
            f"[dim]{esc(s['name'])}: {esc('; '.join(s['operations']))}; "
            f"affiliates: {esc(', '.join(s['affiliates']) or 'none')}; "
            f"brokerage {esc(s['brokerage_estimate']['how'])}[/]"
        )
        for note in s["notes"]:
            console.print(f"  [yellow]note:[/] {esc(note)}")
    if plot:
        console.print(f"chart written to {esc(plot)}")
    if keep:
        keep_scenarios(chosen.store, chosen.id, "whatif", paths)


def register(app: typer.Typer) -> None:
    """Add analyze, keyplayers and whatif to the ``orgmap`` app."""
    for command in (analyze, keyplayers, whatif):
        app.command(rich_help_panel=PANEL)(command)
