"""Weigh commands: grade, corroboration, hypotheses (list, add, add-item, rate, score), brief."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from orgmap.cli.common import (
    CaseOption,
    DbOption,
    JsonOption,
    WhoOption,
    WhyOption,
    console,
    default_who,
    err_console,
    esc,
    fail,
    open_store,
    print_json,
)

hypotheses_app = typer.Typer(
    help="Competing hypotheses (ACH): list, add, rate and score them.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def grade(
    kind: str | None = typer.Argument(None, help="source, informant or assertion."),
    ref: str | None = typer.Argument(None, help="Its key, #id or name."),
    value: str | None = typer.Argument(
        None, help="Grade: A-F (sources, informants); B2, B or 2 (assertions)."
    ),
    history: bool = typer.Option(False, "--history", help="Show the grade history of KIND REF."),
    defaults: bool = typer.Option(
        False, "--defaults", help="Give ungraded assertions the documented default grades."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="With --defaults: show, do not write."),
    recompute: bool = typer.Option(
        False, "--recompute", help="With --defaults: also regrade curated grades (not hand-set ones)."
    ),
    assertions: bool = typer.Option(False, "--assertions", help="List assertion grades too."),
    add: bool = typer.Option(False, "--add", help="Register a new informant KIND=informant REF GRADE."),
    name: str = typer.Option("", "--name", help="With --add: the informant as the text describes them."),
    informant_kind: str = typer.Option(
        "unnamed", "--kind", help="With --add: author, publisher, named, unnamed or analyst."
    ),
    description: str = typer.Option("", "--description", help="With --add: a note on the informant."),
    why: str = WhyOption,
    who: str | None = WhoOption,
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """List and set Admiralty grades (reliability A-F, credibility 1-6), with history.

    [bold]orgmap grade[/] lists sources and informants; [bold]orgmap grade informant insiders E
    --why "..."[/] regrades one; [bold]orgmap grade informant mossad-leak D --add --name "a
    leaked memo" --kind named[/] registers one; [bold]orgmap grade --defaults[/] applies the
    default table (docs/weighing.md) to ungraded assertions.
    """
    from orgmap.weigh.grading import (
        add_informant,
        apply_default_grades,
        grade_history,
        resolve_target,
        set_grade,
    )

    store = open_store(db)
    case_id = store.default_case(case)
    if defaults:
        changes = apply_default_grades(store, case_id, dry_run=dry_run, recompute=recompute)
        if json:
            print_json([vars(c) for c in changes])
            return
        verb = "would change" if dry_run else "changed"
        console.print(f"{verb} {len(changes)} assertion grade(s)")
        for c in changes[:40]:
            console.print(f"  #{c.assertion_id}: {c.before} -> {c.after}  [dim]{esc(c.why)}[/]")
        return
    if kind and ref and history:
        rows = grade_history(store, kind, resolve_target(store, case_id, kind, ref))
        if json:
            print_json(
                [
                    {"at": j.at.isoformat() if j.at else None, "who": j.who, "why": j.why, **j.payload}
                    for j in rows
                ]
            )
            return
        table = Table(
            "when", "who", "before", "after", "why", title=f"grade history of {esc(kind)} {esc(ref)}"
        )
        for j in rows:
            table.add_row(
                str(j.at)[:19],
                esc(j.who),
                esc(_pairs(j.payload.get("before"))),
                esc(_pairs(j.payload.get("after"))),
                esc(j.why),
            )
        console.print(table)
        return
    if add:
        if kind != "informant" or not (ref and value):
            fail("--add registers an informant: orgmap grade informant KEY GRADE --add --name NAME", 2)
        iid = add_informant(
            store,
            case_id,
            ref,
            name,
            value,
            kind=informant_kind,
            description=description,  # type: ignore[arg-type]
            who=who or default_who(),
            why=why,
        )
        print_json({"informant": ref, "id": iid}) if json else console.print(
            f"registered informant {esc(ref)} (#{iid}), reliability {esc(value.upper())}"
        )  # type: ignore[union-attr]
        return
    if kind and ref and value:
        jid = set_grade(store, case_id, kind, ref, value, who=who or default_who(), why=why)
        if json:
            print_json({"kind": kind, "ref": ref, "grade": value.upper(), "judgement": jid})
        else:
            console.print(f"graded {esc(kind)} {esc(ref)}: {esc(value.upper())} (judgement #{jid})")
        return
    if kind or ref or value:
        fail("give KIND REF GRADE to set a grade, KIND REF --history to see changes, or nothing to list", 2)
    _list_grades(store, case_id, assertions, json)


def _case_option(positional: str | None, option: str | None) -> str | None:
    """The case named with --case; the older positional form still works, with a note."""
    if positional is None:
        return option
    if option is not None and option != positional:
        fail(f"two cases named ({positional!r} and --case {option!r}); give only --case", 2)
    err_console.print(
        f"[yellow]note:[/] the case as a positional argument is deprecated; use --case {esc(positional)}"
    )
    return positional


def open_case(db: str | None, name: str | None):
    """The store and case id; a case shipped with orgmap (e.g. qods-force) is loaded on first use."""
    from orgmap.casefile import CASES_DIR, load_case

    shipped = CASES_DIR / name if name else None
    if shipped is not None and (shipped / "case.yaml").is_file():
        store = open_store(db, create=True)
        if store.case_id(name, missing_ok=True) is None:  # type: ignore[arg-type]
            load_case(store, shipped)
            err_console.print(f"loaded the case [bold]{esc(name)}[/] shipped with orgmap into the store")
    else:
        store = open_store(db)
    return store, store.default_case(name)


def _pairs(values: object) -> str:
    """``{"reliability": "E"}`` as ``reliability E``."""
    if isinstance(values, dict):
        return ", ".join(f"{k} {v}" for k, v in values.items()) or "-"
    return "" if values is None else str(values)


def _list_grades(store, case_id: int, with_assertions: bool, json: bool) -> None:
    sources, informants = store.sources(case_id), store.informants(case_id)
    rows = store.assertions(case_id) if with_assertions else []
    if json:
        from orgmap.api.records import grades_record

        print_json(grades_record(sources, informants, rows))
        return
    table = Table("kind", "key", "name", "author / publisher", "reliability", title="sources and informants")
    for s in sources:
        table.add_row(
            "source",
            esc(s.key or f"#{s.id}"),
            esc(s.title),
            esc(" / ".join(x for x in (s.author, s.publisher) if x)),
            s.reliability,
        )
    for i in informants:
        table.add_row(f"informant ({esc(i.kind)})", esc(i.key or f"#{i.id}"), esc(i.name), "", i.reliability)
    console.print(table)
    if rows:
        at = Table("id", "key", "modality", "grade", title="assertions")
        for a in rows:
            at.add_row(str(a.id), esc(a.key), a.modality, a.grade)
        console.print(at)


def corroboration(
    min_sources: int = typer.Option(1, "--min", help="Only relations with at least this many."),
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """How many independent sources state each relation (rule: docs/weighing.md)."""
    from orgmap.api.records import corroboration_record
    from orgmap.weigh.corroboration import corroborate

    store = open_store(db)
    found = [c for c in corroborate(store, store.default_case(case)) if c.independent >= min_sources]
    if json:
        print_json([corroboration_record(c) for c in found])
        return
    table = Table("subject", "type", "object", "documents", "independent", title=f"{len(found)} relations")
    for c in found:
        table.add_row(esc(c.subject), c.type, esc(c.object), str(c.documents), str(c.independent))
    console.print(table)


@hypotheses_app.command("list")
def hypotheses_list(
    db: str | None = DbOption, case: str | None = CaseOption, json: bool = JsonOption
) -> None:
    """List the hypotheses and evidence items of a case."""
    from orgmap.api.records import hypotheses_record

    store, case_id = open_case(db, case)
    hs, items = store.hypotheses(case_id), store.items(case_id)
    if json:
        print_json(hypotheses_record(hs, items))
        return
    table = Table("key", "stated by", "statement", title=f"{len(hs)} hypotheses")
    for h in hs:
        table.add_row(esc(h.key), "a source" if h.origin == "source" else "the analysts", esc(h.statement))
    console.print(table)
    it = Table(
        "item", "cred.", "relevance", *[esc(h.key) for h in hs], "text", title=f"{len(items)} evidence items"
    )
    for i in items:
        it.add_row(
            esc(i.key),
            i.credibility,
            esc(i.relevance),
            *[i.ratings.get(h.key, "-") for h in hs],
            esc(i.text[:80]),
        )
    console.print(it)


@hypotheses_app.command("add")
def hypotheses_add(
    key: str = typer.Argument(..., help="Short key, e.g. h4."),
    statement: str = typer.Argument(..., help="The hypothesis, as a sentence."),
    description: str = typer.Option("", "--description", help="Longer explanation."),
    own: bool = typer.Option(
        False, "--own", help="The analysts' own hypothesis, which no source argues (ACH ranks it apart)."
    ),
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """Add a hypothesis to weigh (rate the evidence against it next)."""
    from orgmap.model import Hypothesis

    store = open_store(db)
    case_id = store.default_case(case)
    if not key.strip() or not statement.strip():
        fail("a hypothesis needs a key and a statement", 2)
    if any(h.key == key for h in store.hypotheses(case_id)):
        fail(f"hypothesis {key!r} already exists in this case")
    hid = store.add_hypothesis(
        case_id, Hypothesis(statement, key, description, origin="analyst" if own else "source")
    )
    print_json({"id": hid, "key": key}) if json else console.print(f"added hypothesis {esc(key)} (#{hid})")


@hypotheses_app.command("add-item")
def hypotheses_add_item(
    key: str = typer.Argument(..., help="Short key for the evidence item, e.g. e9."),
    assertion: str | None = typer.Option(None, "--assertion", help="An assertion's key or id."),
    text: str = typer.Option("", "--text", help="Free-text evidence (give --source too)."),
    source: str | None = typer.Option(None, "--source", help="The source's key or #id."),
    informant: str | None = typer.Option(None, "--informant", help="The informant's key or #id."),
    credibility: str = typer.Option("6", "--credibility", help="1-6."),
    relevance: str = typer.Option("medium", "--relevance", help="low, medium or high."),
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """Add an ACH evidence item: an assertion in the store, or free text with its source."""
    from orgmap.model import HypothesisItem
    from orgmap.weigh.ach import RELEVANCE_WEIGHT
    from orgmap.weigh.grading import resolve_target

    store = open_store(db)
    case_id = store.default_case(case)
    if assertion is None and not (text and source):
        fail("give --assertion, or --text with --source", 2)
    if credibility not in store.schema.credibility:
        fail(f"--credibility {credibility!r} is not one of {', '.join(store.schema.credibility)}", 2)
    if relevance.lower() not in RELEVANCE_WEIGHT:
        fail(f"--relevance {relevance!r} is not one of {', '.join(RELEVANCE_WEIGHT)}", 2)
    if any(i.key == key for i in store.items(case_id)):
        fail(f"evidence item {key!r} already exists in this case")
    item = HypothesisItem(
        text=text,
        credibility=credibility,
        relevance=relevance.lower(),
        key=key,
        assertion_id=resolve_target(store, case_id, "assertion", assertion) if assertion else None,
        source_id=resolve_target(store, case_id, "source", source) if source else None,
        informant_id=resolve_target(store, case_id, "informant", informant) if informant else None,
    )
    iid = store.add_item(case_id, item)
    print_json({"id": iid, "key": key}) if json else console.print(f"added evidence item {esc(key)} (#{iid})")


@hypotheses_app.command("rate")
def hypotheses_rate(
    item: str = typer.Argument(..., help="Evidence item key."),
    hypothesis: str = typer.Argument(..., help="Hypothesis key."),
    rating: str = typer.Argument(..., help="CC, C, N, I, II or NA."),
    why: str = WhyOption,
    who: str | None = WhoOption,
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """Rate an evidence item against a hypothesis (recorded in the judgement log)."""
    store = open_store(db)
    case_id = store.default_case(case)
    found = {i.key: i.id for i in store.items(case_id)}
    if item not in found:
        fail(f"no evidence item {item!r} in this case (known: {', '.join(found) or 'none'})")
    store.rate(case_id, found[item], hypothesis, rating, who=who or default_who(), why=why)
    if json:
        print_json({"item": item, "hypothesis": hypothesis, "rating": rating.strip().upper()})
    else:
        console.print(f"rated {esc(item)} against {esc(hypothesis)}: {esc(rating.strip().upper())}")


@hypotheses_app.command("score")
def hypotheses_score(
    sensitivity: bool = typer.Option(
        False, "--sensitivity", help="Drop each source, informant and item in turn."
    ),
    structural: bool = typer.Option(
        False, "--structural", help="Also: degree and betweenness with contested claims in and out."
    ),
    case_name: str | None = typer.Argument(
        None, metavar="CASE", hidden=True, help="Deprecated: give the case with --case."
    ),
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """Rank the hypotheses by weighted inconsistency (PARC ACH) with each item's diagnosticity."""
    from orgmap.api.records import ach_record
    from orgmap.weigh.ach import ACHError
    from orgmap.weigh.render import render_score
    from orgmap.weigh.sensitivity import case_ach, drop_groups, run_sensitivity
    from orgmap.weigh.structural import contested_effect

    store, case_id = open_case(db, _case_option(case_name, case))
    try:
        hs, items, result = case_ach(store, case_id)
        drops = (
            run_sensitivity(hs, items, store.schema, drop_groups(store, case_id, items))
            if sensitivity
            else None
        )
    except ACHError as exc:
        fail(str(exc))
    effect = contested_effect(store, case_id) if structural else None
    if json:
        print_json(ach_record(result, drops, effect))
        return
    render_score(result, drops, effect)


def brief(
    case_name: str | None = typer.Argument(
        None, metavar="CASE", hidden=True, help="Deprecated: give the case with --case."
    ),
    out: Path = typer.Option(Path("brief.html"), "--out", "-o", help="The HTML file to write."),
    pdf: Path | None = typer.Option(None, "--pdf", help="Also print it to this PDF (needs Chromium)."),
    seed: int = typer.Option(7, "--seed", help="Seed for the layout and the simulation section."),
    db: str | None = DbOption,
    case: str | None = CaseOption,
    json: bool = JsonOption,
) -> None:
    """Write a self-contained briefing (HTML, optionally PDF): every claim links to its quote."""
    from orgmap.brief import write_brief

    store, case_id = open_case(db, _case_option(case_name, case))
    report = write_brief(store, case_id, out, pdf=pdf, seed=seed, progress=not json)
    if json:
        print_json(report)
    else:
        console.print(
            f"wrote [bold]{esc(out)}[/] ({report['statements']} statements, {report['quotes']} quotes"
            + (f"; PDF {esc(pdf)}" if pdf else "")
            + ")"
        )
        for note in report["missing"]:
            console.print(f"  [yellow]note:[/] {esc(note)}")


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Weigh")(grade)
    app.command(rich_help_panel="Weigh")(corroboration)
    app.add_typer(hypotheses_app, name="hypotheses", rich_help_panel="Weigh")
    app.command(rich_help_panel="Share")(brief)
