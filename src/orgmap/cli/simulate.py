"""``orgmap simulate``: run scenario ensembles, write CSV/Parquet/PNG, print the summary."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer

from orgmap.cli.common import CaseOption, JsonOption, console, err_console, esc, fail, open_store, print_json
from orgmap.cli.scenarios import DeriveOption, KeepOption, derive_scenario, keep_scenarios


def simulate(
    scenarios: list[Path] | None = typer.Argument(
        None, help="Scenario YAML files, e.g. cases/qods-force/scenarios/*.yaml."
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
    sensitivity: str | None = typer.Option(
        None,
        "--sensitivity",
        metavar="morris|sobol|both",
        help="Also vary every parameter over its documented range (SALib): Morris screening (mu*, sigma) "
        "or Sobol indices (S1, ST), or both; which parameters move each outcome, and a one-line verdict per "
        "conclusion (robust, or depends on named parameters). Cost: docs/simulation-model.md.",
    ),
    trajectories: int = typer.Option(
        4, "--trajectories", min=1, help="Morris trajectories (each is one ensemble per parameter + 1)."
    ),
    sobol_n: int = typer.Option(
        8, "--sobol-n", min=2, help="Sobol base sample, a power of two: n x (parameters + 2) ensembles."
    ),
    point_runs: int = typer.Option(
        10, "--point-runs", min=1, help="Runs per sampled point (seeded); Sobol uses at most 4."
    ),
    derive: Path | None = DeriveOption,
    keep: bool = KeepOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """Simulate coordination and control of an organization under a change of leader.

    Start a scenario of your own with --derive-scenario FILE (with --db and --case: leader,
    successor, circle and affiliates as the case's model states them), edit it, run it, and
    --keep it so that `orgmap brief` includes it.

    Each scenario runs as an ensemble of independent runs (same seed, same numbers). For each
    one this writes NAME.csv, NAME.parquet (per step: mean, 5 % and 95 % of coordination,
    control, principals per affiliate, routing shares, fragmentation), NAME.png and NAME.txt,
    and prints a one-paragraph summary. The model: docs/simulation-model.md.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from orgmap.simulate import load_simulation_scenario, plot_results, prepare, run_ensemble
    from orgmap.simulate.ensemble import check_memory

    if derive is not None:
        store = open_store(db or os.environ.get("ORGMAP_DB"))
        derive_scenario(store, store.default_case(case), "simulate", derive)
        return
    if not scenarios:
        fail("give scenario files, or --derive-scenario FILE to start one from a case", 2)
    methods = {"morris": ["morris"], "sobol": ["sobol"], "both": ["morris", "sobol"], None: []}.get(
        sensitivity
    )
    if methods is None:
        fail(f"--sensitivity must be morris, sobol or both, not {sensitivity!r}", 2)
    if "sobol" in methods and (sobol_n < 2 or sobol_n & (sobol_n - 1)):
        fail(f"--sobol-n must be a power of two (2, 4, 8, 16, ...), not {sobol_n}", 2)
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
    if keep:  # each with the case it names, in the store given (or $ORGMAP_DB, ./orgmap.db)
        keeper = store or open_store(db or os.environ.get("ORGMAP_DB"))
        for s, path in zip(loaded, scenarios):
            case_id = keeper.case_id(s.case, missing_ok=True)
            if case_id is None:
                fail(f"{path}: case {s.case!r} is not in the store; load it first, then --keep")
            keep_scenarios(keeper, case_id, "simulate", [path])
    screens: dict[str, dict[str, Any]] = {}
    if methods:
        from orgmap.simulate.sensitivity import morris, sobol

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
                for method in methods:
                    task = bar.add_task(f"{esc(s.name)}: {method}")
                    tick = lambda d, n, t=task: bar.update(t, completed=d, total=n)  # noqa: E731
                    if method == "morris":
                        screen = morris(
                            p, trajectories=trajectories, runs=point_runs, seed=s.seed, progress=tick
                        )
                    else:
                        screen = sobol(p, n=sobol_n, runs=min(point_runs, 4), seed=s.seed, progress=tick)
                    stem = f"{s.name}.sensitivity" + ("" if method == "morris" else ".sobol")
                    (out / f"{stem}.txt").write_text(screen.text() + "\n", encoding="utf-8")
                    screen.plot(out / f"{stem}.png", s.title or s.name)
                    screens.setdefault(s.name, {})[method] = screen
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
        for screen in screens.get(r.scenario.name, {}).values():
            console.print(esc(screen.text()))
        console.print(
            f"[dim]wrote {esc(w['csv'])}, {esc(w['parquet'].name)}, {esc(w['png'].name)}, "
            f"{esc(w['txt'].name)}[/]\n"
        )
    if chart:
        console.print(f"comparison chart: [bold]{esc(chart)}[/]")


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Simulate")(simulate)
