"""``orgmap simulate``: run scenario ensembles, write CSV/Parquet/PNG, print the summary."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from orgmap.cli.common import JsonOption, console, err_console, esc, fail, open_store, print_json


def simulate(
    scenarios: list[Path] = typer.Argument(
        ..., help="Scenario YAML files, e.g. cases/qods-force/scenarios/*.yaml."
    ),
    runs: int | None = typer.Option(
        None, "--runs", "-n", help="Runs per ensemble (default: the scenario's)."
    ),
    seed: int | None = typer.Option(None, "--seed", help="Seed of the ensemble (default: the scenario's)."),
    workers: int | None = typer.Option(
        None,
        "--workers",
        "-w",
        help="Spread runs over a local Dask cluster of N processes (N > 1; same results).",
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Address of an existing Dask scheduler (tcp://host:8786)."
    ),
    out: Path = typer.Option(
        Path("simulations"), "--out", "-o", help="Folder for CSV, Parquet, PNG and summaries."
    ),
    compare: bool = typer.Option(
        False, "--compare", help="Also draw all scenarios on one chart (compare.png)."
    ),
    db: str | None = typer.Option(
        None,
        "--db",
        help="Store holding the case. Without it, a scenario's case_dir is loaded into a scratch "
        "store (so a fresh clone works); scenarios without case_dir use $ORGMAP_DB or ./orgmap.db.",
        show_default=False,
    ),
    sensitivity: bool = typer.Option(
        False,
        "--sensitivity",
        help="Also screen every parameter over its documented range (Morris, SALib): which parameters "
        "move each outcome, and a one-line verdict per conclusion (robust, or depends on named parameters).",
    ),
    trajectories: int = typer.Option(
        4, "--trajectories", min=1, help="Morris trajectories (each is one run per parameter + 1)."
    ),
    point_runs: int = typer.Option(10, "--point-runs", min=1, help="Runs per Morris point (seeded)."),
    json: bool = JsonOption,
) -> None:
    """Simulate coordination and control of an organization under a change of leader.

    Each scenario runs as an ensemble of independent runs (same seed, same numbers). For each
    one this writes NAME.csv, NAME.parquet (per step: mean, 5 % and 95 % of coordination,
    control, principals per affiliate, routing shares, fragmentation), NAME.png and NAME.txt,
    and prints a one-paragraph summary. The model: docs/simulation-model.md.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from orgmap.simulate import load_simulation_scenario, plot_results, prepare, run_ensemble
    from orgmap.simulate.ensemble import check_memory

    if runs is not None and runs < 1:
        fail(f"--runs must be at least 1, not {runs}", 2)
    if workers is not None and workers < 1:
        fail(f"--workers must be at least 1, not {workers}", 2)
    loaded = [load_simulation_scenario(p) for p in scenarios]
    names = [s.name for s in loaded]
    if len(set(names)) != len(names):
        fail("two scenarios share a name; give each a distinct 'name' (outputs are written by name)")
    store = None
    if db or any(not s.case_dir for s in loaded):
        store = open_store(db or os.environ.get("ORGMAP_DB"))
    prepared = []
    for s in loaded:  # resolve every name and check memory before any run starts
        p = prepare(s, store)
        check_memory(p.network, runs or s.runs, s.steps, workers=workers or 1)
        prepared.append(p)
    if scheduler:
        from orgmap.simulate.ensemble import _client

        client, _ = _client(None, scheduler)
        client.close()
    results = []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=json,
    ) as bar:
        for s, p in zip(loaded, prepared):
            task = bar.add_task(f"{esc(s.name)}: runs", total=runs or s.runs)
            results.append(
                run_ensemble(
                    s,
                    runs=runs,
                    seed=seed,
                    workers=workers,
                    scheduler=scheduler,
                    prepared=p,
                    progress=lambda done, total, t=task: bar.update(t, completed=done),
                )
            )
    written = [r.write(out) for r in results]
    screens = {}
    if sensitivity:
        from orgmap.simulate.sensitivity import morris

        with Progress(
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
            disable=json,
        ) as bar:
            for s, p in zip(loaded, prepared):
                task = bar.add_task(s.name)
                screen = morris(
                    p,
                    trajectories=trajectories,
                    runs=point_runs,
                    seed=s.seed,
                    progress=lambda d, n, t=task: bar.update(t, completed=d, total=n),
                )
                (out / f"{s.name}.sensitivity.txt").write_text(screen.text() + "\n", encoding="utf-8")
                screen.plot(out / f"{s.name}.sensitivity.png", s.title or s.name)
                screens[s.name] = screen
    chart = plot_results(results, out / "compare.png") if compare else None
    if json:
        from orgmap.api.records import simulation_record

        print_json(
            {
                "scenarios": [
                    simulation_record(r, w, screens.get(r.scenario.name)) for r, w in zip(results, written)
                ],
                "compare": str(chart) if chart else None,
            }
        )
        return
    for r, w in zip(results, written):
        console.print(f"[bold]{esc(r.scenario.title or r.scenario.name)}[/]")
        console.print(esc(r.summary_text()))
        if r.scenario.name in screens:
            console.print(esc(screens[r.scenario.name].text()))
        console.print(
            f"[dim]wrote {esc(w['csv'])}, {esc(w['parquet'].name)}, {esc(w['png'].name)}, "
            f"{esc(w['txt'].name)}[/]\n"
        )
    if chart:
        console.print(f"comparison chart: [bold]{esc(chart)}[/]")


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Simulate")(simulate)
