"""Interop commands: ``import`` (GraphML, CSV, FtM entity streams) and ``formats``."""

from __future__ import annotations

from pathlib import Path

import typer

from orgmap.cli.common import DbOption, JsonOption, console, esc, fail, open_store, print_json


def import_(
    path: Path = typer.Argument(
        ...,
        help="A .graphml file, a CSV export (folder or .zip) or an FtM entity stream (.json/.jsonl/.ftm).",
    ),
    fmt: str | None = typer.Option(
        None, "--format", "-f", help="graphml, csv or ftm (default: from the file name)."
    ),
    case: str | None = typer.Option(
        None, "--case", "-c", help="Case to import into (default: the file's own case name; created if new)."
    ),
    replace: bool = typer.Option(False, "--replace", help="Empty the case first."),
    discard_judgements: bool = typer.Option(
        False,
        "--discard-judgements",
        help="With --replace: empty the case even if analysts have judged its records.",
    ),
    status: str | None = typer.Option(
        None,
        "--status",
        help="Status for every imported assertion (default: as in the file; FtM streams: candidate).",
    ),
    grade: str = typer.Option("F6", "--grade", help="FtM only: Admiralty grade of the stream, e.g. B2."),
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Import a model file as sourced assertions, all or nothing.

    A malformed file stops with its name, the line or entity id and the reason, and
    the store is left as it was. Importing the same file again adds nothing; --replace
    refuses to drop analysts' judgements without --discard-judgements.
    """
    from orgmap.imports import detect_format, import_file

    store = open_store(db, create=True)
    fmt = fmt or detect_format(path)
    options = {}
    if fmt == "ftm":
        try:
            rel, cred = store.schema.parse_grade(grade)
        except ValueError as exc:
            fail(f"--grade: {exc}", 2)
        options = {"reliability": rel, "credibility": cred or "6"}
        status = status or "candidate"
    if status is not None and status not in store.schema.statuses:
        fail(f"--status must be one of {', '.join(store.schema.statuses)}", 2)
    summary = import_file(
        store,
        path,
        fmt,
        case=case,
        replace=replace,
        status=status,
        discard_judgements=discard_judgements,
        **options,
    )
    if json:
        print_json(summary)
        return
    skipped = (
        (
            f" ({summary['skipped']} records skipped: schemata orgmap does not model, or relations "
            "whose ends do not fit their type)"
        )
        if summary.get("skipped")
        else ""
    )
    console.print(
        f"imported into case [bold]{esc(summary['case'])}[/]: {summary['sources']} sources, "
        f"{summary['entities']} entities, {summary['assertions']} assertions{esc(skipped)}"
    )


def formats(json: bool = JsonOption) -> None:
    """List export and import formats."""
    from orgmap.exports import FORMATS
    from orgmap.imports import READERS

    rows = [{"format": f, "export": True, "import": f in READERS} for f in FORMATS]
    if json:
        print_json(rows)
        return
    for r in rows:
        console.print(f"{r['format']:<8} export" + ("  import" if r["import"] else ""))


def register(app: typer.Typer) -> None:
    app.command("import", rich_help_panel="Share")(import_)
    app.command(rich_help_panel="Share")(formats)
