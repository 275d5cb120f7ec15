"""Core commands: demo, load, entities, relations, show, timeline, export."""

from __future__ import annotations

from pathlib import Path

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
    WhoOption,
    WhyOption,
    console,
    default_who,
    err_console,
    esc,
    fail,
    get_case,
    open_store,
    parse_date,
    print_json,
    statuses,
)
from orgmap.validtime import span_text


def load(
    case_dir: Path = typer.Argument(..., help="A case directory holding case.yaml."),
    discard_judgements: bool = typer.Option(
        False, "--discard-judgements", help="Replace a case even if analysts have judged its records."
    ),
    into: str | None = typer.Option(
        None,
        "--into",
        metavar="CASE",
        help="Add the file's documents, entities and assertions to this "
        "existing case (each an 'add' judgement) instead of replacing a case.",
    ),
    who: str | None = WhoOption,
    why: str = WhyOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Load a curated case into the store (replacing a case of the same name), or add it --into a case.

    `orgmap export --format case --out FOLDER` writes a case this command reads back whole.
    """
    from orgmap.casefile import load_case
    from orgmap.casefile.load import add_case_into

    store = open_store(db, create=True)
    if into is not None:
        summary = add_case_into(store, case_dir, into, who=who or default_who(), why=why)
        if json:
            print_json(summary)
        else:
            console.print(
                f"added to case [bold]{esc(into)}[/]: {summary['added']} assertion(s) "
                f"({summary['already_there']} already there), "
                f"{summary['new_entities']} new entities, {summary['sources']} document(s)"
                + (
                    f"; {summary['hypotheses_not_added']} hypotheses/items not added"
                    if summary["hypotheses_not_added"]
                    else ""
                )
            )
        return
    summary = load_case(store, case_dir, discard_judgements=discard_judgements)
    if json:
        print_json(summary)
    else:
        console.print(
            f"loaded case [bold]{esc(summary['case'])}[/]: "
            + ", ".join(f"{v} {k}" for k, v in summary.items() if k != "case")
        )


def demo(db: str | None = DbOption, json: bool = JsonOption) -> None:
    """Load the Qods Force case afresh (replacing it in the store) and print what it shows."""
    from orgmap.api import Orgmap
    from orgmap.casefile import CASES_DIR

    summary = (
        Orgmap(open_store(db, create=True)).load(CASES_DIR / "qods-force", discard_judgements=True).summary()
    )
    if json:
        print_json(summary)
        return
    from orgmap.cli.render import render_summary

    render_summary(summary, db or "orgmap.db")


def entities(
    type: str | None = typer.Option(None, "--type", "-t", help="person, organization, place, event."),
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """List the entities of a case with their aliases."""
    chosen = get_case(db, case)
    if json:
        print_json(chosen.entity_records(type))
        return
    found = chosen.entities(type)
    table = Table("id", "type", "name", "aliases", title=f"{len(found)} entities")
    for e in found:
        table.add_row(str(e.id), e.type, esc(e.name), esc(", ".join(e.aliases)))
    console.print(table)


def relations(
    layer: list[str] | None = LayerOption,
    as_of: str | None = AsOfOption,
    min_grade: str | None = GradeOption,
    status: str = StatusOption,
    entity: str | None = typer.Option(None, "--entity", "-e", help="Only relations of this entity."),
    rtype: list[str] | None = typer.Option(None, "--type", "-t", help="Relation type (repeatable)."),
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """List relations, filtered by layer, date, grade, status and entity."""
    chosen = get_case(db, case).as_of(parse_date(as_of))
    filters = dict(types=rtype or None, entity=entity, min_grade=min_grade, status=statuses(status))
    if json:
        print_json(chosen.relation_records(layer or None, **filters))
        return
    found = chosen.relations(layer or None, **filters)
    successors = chosen.store.successors(chosen.id) if status != "accepted" else {}
    columns = ["#", "source", "type", "target", "layer", "modality", "grade", "valid", "evidence"]
    if status != "accepted":
        columns.append("status")
    table = Table(*columns, title=f"{len(found)} relations", show_lines=False)
    for r in found:
        a = r.assertion
        valid = span_text(a)
        row = [
            str(a.id),
            esc(r.subject.name),
            r.type + (f" ({a.qualifier})" if a.qualifier else ""),
            esc(r.object.name),
            r.layer,
            a.modality,
            a.grade,
            valid,
            esc(_short(a.evidence[0].quote if a.evidence else "")),
        ]
        if status != "accepted":
            row.append(a.status + (f" by #{successors[a.id]}" if a.id in successors else ""))
        table.add_row(*row)
    console.print(table)


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def show(
    name: str = typer.Argument(..., help="A name or alias, e.g. Qaani; or #ID."),
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """Everything known about one entity, each line with its quote and source."""
    profile = get_case(db, case).profile(name)
    if json:
        print_json(profile)
        return
    from orgmap.cli.render import render_profile

    render_profile(profile)


def timeline(
    status: str = StatusOption,
    entity: str | None = typer.Option(None, "--entity", "-e", help="Only ties of this entity."),
    width: int = typer.Option(48, "--width", min=16, max=400, help="Characters for the time axis."),
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """Draw dated ties as bars on a time axis; open bounds ("after", "before") stay open.

    ● the day itself; ○ an open bound (began after / ended before that day); ◀ ▶ the tie
    reaches beyond the bar (no date known, or began before / ended after the day shown).
    """
    from datetime import date, timedelta

    from orgmap.report.timeline import LEGEND, bar, timeline_rows

    store = open_store(db)
    case_id = store.default_case(case)
    tenures, events = timeline_rows(store, case_id, statuses(status) or [])
    if entity:
        name = store.find_entity(case_id, entity).name
        tenures = [t for t in tenures if name in (t["who"], t["what"])]
    if json:
        print_json({"tenures": tenures, "events": events})
        return
    if not tenures and not events:
        console.print("No dated ties or events. Date a tie with `orgmap edit dates ID --from … --to …`.")
        return
    days = [date.fromisoformat(d) for t in tenures for d in (t["from"], t["to"]) if d]
    days += [date.fromisoformat(e["date"]) for e in events]
    lo, hi = min(days) - timedelta(days=365), max(days) + timedelta(days=182)
    table = Table("tie", f"{lo.year} … {hi.year}", "valid", "grade", title=f"{len(tenures)} dated ties")
    for t in sorted(tenures, key=lambda t: (t["from"] or "", t["to"] or "9999", t["who"], t["what"])):
        label = f"{t['who']} {t['relation'].replace('_', ' ')} {t['what']}"
        label += " (denied)" if t["modality"] == "denied" else ""
        table.add_row(esc(_short(label, 60)), bar(t, lo, hi, width), esc(t["valid"]), t["grade"])
    for e in sorted(events, key=lambda e: e["date"]):
        mark = bar({"from": e["date"], "to": e["date"]}, lo, hi, width).replace("●", "◆")
        table.add_row(f"◆ {esc(_short(e['event'], 58))}", mark, e["date"], "")
    console.print(table)
    console.print(f"[dim]{LEGEND}   ◆ event[/]")


def export(
    fmt: str = typer.Option(
        "json",
        "--format",
        "-f",
        help=(
            "json, case (an editable case.yaml that `orgmap load` reads back: --out FOLDER; every "
            "status and the judgement log), graphml, gexf (Gephi, with time), dynetml (ORA), "
            "ftm (FollowTheMoney lines), "
            "csv (--out FOLDER or .zip), neo4j (Cypher; --out FOLDER adds neo4j-admin CSVs)."
        ),
    ),
    json: bool = typer.Option(False, "--json", help="Same as --format json."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write here instead of stdout."),
    status: str = StatusOption,
    db: str | None = DbOption,
    case: str | None = CaseOption,
) -> None:
    """Export the model of a case for other tools (json: the whole model in the gold-format shape).

    See docs/interop.md for what each format carries; `orgmap import` reads graphml, csv and ftm back.
    """
    from orgmap.exports import FORMATS

    store = open_store(db)
    case_id = store.default_case(case)
    fmt = "json" if json else fmt
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; known: {', '.join(sorted(FORMATS))}", 2)
    notes = FORMATS[fmt](store, case_id, out, status=None if status == "all" else status)
    for note in notes:  # on stderr, so a file written to stdout stays clean
        err_console.print(f"note: {esc(note)}", style="yellow")
    if out:
        console.print(f"wrote {esc(out)}", style="dim")


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Model")(demo)
    app.command(rich_help_panel="Model")(load)
    app.command(rich_help_panel="Model")(entities)
    app.command(rich_help_panel="Model")(relations)
    app.command(rich_help_panel="Model")(show)
    app.command(rich_help_panel="Model")(timeline)
    app.command(rich_help_panel="Share")(export)
