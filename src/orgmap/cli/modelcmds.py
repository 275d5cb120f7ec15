"""Build from text: train the relation model on gold files (``orgmap train-relations``)."""

from __future__ import annotations

from pathlib import Path

import typer

from orgmap.cli.common import JsonOption, console, esc, fail, print_json

PANEL = "Build from text"


def corpus_progress(label: str, total: int, json: bool):
    """A Rich progress bar over ``total`` steps and the callback that advances it."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn(f"[bold]{label}[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        disable=json,
        transient=True,
    )
    task = bar.add_task("", total=total)

    def step(name: str) -> None:
        bar.update(task, advance=1, description=esc(name))

    return bar, step


def train_relations(
    gold: list[Path] = typer.Argument(
        ..., help="Gold files to learn from (docs/gold-format.md), e.g. corpus/gold/*.gold.json."
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help="Where to write the weights (.npz). Default: the model orgmap ships "
        "(src/orgmap/extract/relmodel/relations.npz).",
    ),
    seed: int = typer.Option(0, help="Seed of the solver (same gold + seed = same weights)."),
    json: bool = JsonOption,
) -> None:
    """Train the relation model on gold-annotated documents and write its weights.

    Every pair of entities named in one sentence becomes an example, labelled with the
    gold relations whose evidence lies in that sentence. Use a model of your own with
    ORGMAP_RELATION_MODEL=PATH (or =none for the hand-written patterns alone); measure
    one honestly with `orgmap eval GOLD... --cross-validate 5`.
    """
    from orgmap.extract.relmodel import MODEL_PATH
    from orgmap.extract.relmodel.train import read_corpus, train_model

    target = out or MODEL_PATH
    if target.suffix != ".npz":
        fail(f"{target}: the weights are written as .npz; give a path ending in .npz")
    try:
        bar, step = corpus_progress("parse", len(gold), json)
        with bar:
            docs = read_corpus(gold, progress=step)
        bar, step = corpus_progress("label", len(docs), json)
        with bar:
            model = train_model(docs, seed=seed, progress=step)
    except ValueError as exc:
        fail(str(exc))
    target.parent.mkdir(parents=True, exist_ok=True)
    model.save(target)
    summary = {
        "out": str(target),
        "documents": len(docs),
        "examples": model.meta["examples"],
        "labels": len(model.labels),
        "features": len(model.features),
        "threshold": model.threshold,
    }
    if json:
        print_json(summary)
        return
    console.print(
        f"trained on {len(docs)} documents ({model.meta['examples']} candidate pairs): "
        f"{len(model.labels)} labels, {len(model.features)} features -> {esc(str(target))}"
    )


def register(app: typer.Typer) -> None:
    app.command("train-relations", rich_help_panel=PANEL)(train_relations)
