"""Complete and correct the model by hand: ``orgmap add entity|relation`` and ``orgmap edit …``.

Thin commands over :mod:`orgmap.resolve.edits`; every change is a judgement, and a
correction supersedes the assertion it corrects (``orgmap relations --status all``).
"""

from __future__ import annotations

import typer

from orgmap.cli.common import (
    CaseOption,
    DbOption,
    JsonOption,
    WhoOption,
    WhyOption,
    console,
    default_who,
    esc,
    open_store,
    print_json,
)

PANEL = "Build from text"

add_app = typer.Typer(
    help="Add an entity or a relation that extraction missed, quoting a stored document.\n\n"
    "Example: orgmap add relation 'Sami Haddad' reports_to 'Omar Haddad' --doc report.txt "
    "--quote 'Sami Haddad reports to Omar Haddad' --from 2019 --to 2021-03 --why 'stated verbatim'",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
edit_app = typer.Typer(
    help="Correct an assertion (its evidence, dates or type; attach another source) or an entity.\n\n"
    "The corrected assertion supersedes the old one, which stays on record with status superseded "
    "(see `orgmap relations --status all`). Assertion ids are in `orgmap relations --json`.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

DocOption = typer.Option(None, "--doc", "-d", help="The document: #id, case-file key, title or file name.")
QuoteOption = typer.Option(
    None, "--quote", "-q", help="Words of the document, verbatim (whitespace may differ)."
)
OccurrenceOption = typer.Option(
    None, "--occurrence", "-n", min=1, help="Which occurrence of a quote found more than once (1 = first)."
)
StartOption = typer.Option(
    None,
    "--start",
    min=0,
    help="Character offset where the span starts (with --quote: picks that occurrence).",
)
EndOption = typer.Option(None, "--end", min=1, help="Character offset where the span ends (without --quote).")
FromOption = typer.Option(None, "--from", help="When it began: YYYY, YYYY-MM or YYYY-MM-DD.")
ToOption = typer.Option(None, "--to", help="When it ended: YYYY, YYYY-MM or YYYY-MM-DD.")
QualifierOption = typer.Option(
    None,
    "--qualifier",
    metavar="KIND",
    help="The kind the text states, if the type has kinds: personal_tie family|associate, "
    "manages ownership|direction (vocabulary.yaml qualifiers).",
)
AssertionArgument = typer.Argument(..., metavar="ASSERTION", help="Assertion id (e.g. 42 or #42).")


def _span(
    store,
    case_id: int,
    doc: str | None,
    quote: str | None,
    occurrence: int | None,
    start: int | None,
    end: int | None,
):
    from orgmap.resolve.edits import EditError, locate

    if doc is None:
        raise EditError("say which document with --doc (#id, key, title or file name; see `orgmap show`)")
    return locate(store, case_id, doc, quote=quote, start=start, end=end, occurrence=occurrence)


def _assertion_id(text: str) -> int:
    from orgmap.resolve.edits import EditError

    cleaned = text.strip().lstrip("#")
    if not cleaned.isdigit():
        raise EditError(
            f"{text!r} is not an assertion id; give a number such as 42 or #42 "
            "(ids are in `orgmap relations --json`)"
        )
    return int(cleaned)


def _case_of(store, assertion: str, case: str | None) -> tuple[int, int]:
    """(assertion id, its case id), checking it belongs to --case when given."""
    from orgmap.resolve.edits import EditError

    aid = _assertion_id(assertion)
    store.assertion(aid)
    case_id = store.assertion_case(aid)
    if case is not None and store.case_id(case) != case_id:
        raise EditError(f"assertion #{aid} is not in case {case!r}")
    return aid, case_id


def _report(json: bool, data: dict, message: str) -> None:
    if json:
        print_json(data)
    else:
        console.print(message)


@add_app.command("entity")
def add_entity(
    etype: str = typer.Argument(..., metavar="TYPE", help="person, organization, place or event."),
    doc: str | None = DocOption,
    quote: str | None = QuoteOption,
    occurrence: int | None = OccurrenceOption,
    start: int | None = StartOption,
    end: int | None = EndOption,
    name: str | None = typer.Option(None, "--name", help="Name to show \\[default: the quote]."),
    alias: list[str] | None = typer.Option(None, "--alias", help="Another name (repeatable)."),
    kind: str | None = typer.Option(
        None, "--kind", help="A kind of the vocabulary, e.g. company, unit, armed group (organizations)."
    ),
    modality: str = typer.Option(
        "asserted", "--modality", help="asserted, reported, believed, hedged or denied."
    ),
    attribution: str = typer.Option("", "--attribution", help="Who says so, as written."),
    grade: str | None = typer.Option(
        None,
        "--grade",
        help="Admiralty grade, e.g. B2 \\[default: the document's reliability, credibility 6].",
    ),
    why: str = WhyOption,
    who: str | None = WhoOption,
    case: str | None = CaseOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Create an entity the document mentions, with the quote as its evidence.

    Example: orgmap add entity organization --doc report.txt --quote 'Nero Drinks Company Limited'
    --kind company
    """
    from orgmap.resolve import edits

    store = open_store(db)
    case_id = store.default_case(case)
    span = _span(store, case_id, doc, quote, occurrence, start, end)
    made = edits.add_entity(
        store,
        case_id,
        etype,
        span,
        name=name,
        aliases=alias or [],
        kind=kind,
        claim=edits.Claim(modality=modality, attribution=attribution, grade=grade),
        who=who or default_who(),
        why=why,
    )
    entity = store.entity(made.entity_id)
    _report(
        json,
        {"entity": made.entity_id, "assertion": made.assertion_id, "judgement": made.judgement_id},
        f"added {etype} #{made.entity_id} [bold]{esc(entity.name)}[/] (assertion #{made.assertion_id}, "
        f"judgement #{made.judgement_id}) from {esc(span.quote)!r}",
    )


@add_app.command("relation")
def add_relation(
    subject: str = typer.Argument(..., metavar="SUBJECT", help="Source entity: name, alias or #id."),
    rtype: str = typer.Argument(
        ...,
        metavar="TYPE",
        help="Relation type, e.g. leads, reports_to, member_of, personal_tie (see vocabulary.yaml).",
    ),
    obj: str = typer.Argument(..., metavar="OBJECT", help="Target entity: name, alias or #id."),
    doc: str | None = DocOption,
    quote: str | None = QuoteOption,
    occurrence: int | None = OccurrenceOption,
    start: int | None = StartOption,
    end: int | None = EndOption,
    valid_from: str | None = FromOption,
    valid_to: str | None = ToOption,
    modality: str = typer.Option(
        "asserted", "--modality", help="asserted, reported, believed, hedged or denied."
    ),
    qualifier: str | None = QualifierOption,
    attribution: str = typer.Option("", "--attribution", help="Who says so, as written."),
    grade: str | None = typer.Option(
        None,
        "--grade",
        help="Admiralty grade, e.g. B2 \\[default: the document's reliability, credibility 6].",
    ),
    note: str = typer.Option("", "--note", help="Your remark, shown with the assertion."),
    candidate: bool = typer.Option(False, "--candidate", help="Add it for review instead of accepted."),
    why: str = WhyOption,
    who: str | None = WhoOption,
    case: str | None = CaseOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Create a relation SUBJECT -TYPE-> OBJECT that the quoted words state.

    The type must fit its signature (reports_to: person -> person). Dates are as precise as
    the text allows: --from 2019 --to 2021-03.
    """
    from orgmap.resolve import edits

    store = open_store(db)
    case_id = store.default_case(case)
    span = _span(store, case_id, doc, quote, occurrence, start, end)
    claim = edits.Claim(
        modality=modality,
        attribution=attribution,
        grade=grade,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    made = edits.add_relation(
        store,
        case_id,
        subject,
        rtype,
        obj,
        span,
        claim=claim,
        qualifier=qualifier,
        who=who or default_who(),
        why=why,
        status="candidate" if candidate else "accepted",
    )
    a = store.assertion(made.assertion_id)
    s, o = store.entity(a.subject_id), store.entity(a.object_id)
    when = f", {a.period}" if a.period else ""
    kind = f" ({a.qualifier})" if a.qualifier else ""
    _report(
        json,
        {"assertion": made.assertion_id, "judgement": made.judgement_id},
        f"added #{made.assertion_id} [bold]{esc(s.name)}[/] —{rtype}{kind}→ [bold]{esc(o.name)}[/] "
        f"({a.modality}, {a.grade}{esc(when)}; judgement #{made.judgement_id})",
    )


def _superseded(json: bool, old: int, new: int, what: str, store) -> None:
    a = store.assertion(new)
    _report(
        json,
        {"superseded": old, "assertion": new},
        f"#{old} superseded by #{new}: {what} — {esc(' | '.join(e.quote for e in a.evidence))}",
    )


@edit_app.command("evidence")
def edit_evidence(
    assertion: str = AssertionArgument,
    quote: str | None = QuoteOption,
    how: str = typer.Option(
        "replace", "--how", help="widen (the new quote contains the old), narrow (lies inside it) or replace."
    ),
    span_no: int = typer.Option(1, "--span", min=1, help="Which evidence span to correct (1 = first)."),
    doc: str | None = typer.Option(
        None, "--doc", "-d", help="Document of the new quote \\[default: that of the span corrected]."
    ),
    occurrence: int | None = OccurrenceOption,
    start: int | None = StartOption,
    end: int | None = EndOption,
    why: str = WhyOption,
    who: str | None = WhoOption,
    case: str | None = CaseOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Widen, narrow or replace the quote an assertion stands on.

    Example: orgmap edit evidence 42 --how widen --quote 'leaders Christopher Vincent Kinahan Sr'
    """
    from orgmap.resolve import edits

    store = open_store(db)
    aid, case_id = _case_of(store, assertion, case)
    spans = store.assertion(aid).evidence
    if doc is None and span_no <= len(spans):
        doc = f"#{spans[span_no - 1].source_id}"
    span = _span(store, case_id, doc, quote, occurrence, start, end)
    new = edits.correct_evidence(
        store, aid, span, how=how, index=span_no - 1, who=who or default_who(), why=why
    )
    _superseded(json, aid, new, f"evidence {how}", store)


@edit_app.command("dates")
def edit_dates(
    assertion: str = AssertionArgument,
    valid_from: str | None = FromOption,
    valid_to: str | None = ToOption,
    clear_from: bool = typer.Option(False, "--clear-from", help="Remove the start date."),
    clear_to: bool = typer.Option(False, "--clear-to", help="Remove the end date."),
    why: str = WhyOption,
    who: str | None = WhoOption,
    case: str | None = CaseOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Set or correct when an assertion held (a bound not given stays as it is)."""
    from orgmap.resolve import edits

    if valid_from is None and valid_to is None and not clear_from and not clear_to:
        raise edits.EditError(
            "give --from and/or --to (YYYY, YYYY-MM or YYYY-MM-DD), or --clear-from/--clear-to"
        )
    store = open_store(db)
    aid, _ = _case_of(store, assertion, case)
    new = edits.set_valid_time(
        store,
        aid,
        "" if clear_from else valid_from,
        "" if clear_to else valid_to,
        who=who or default_who(),
        why=why,
    )
    _superseded(json, aid, new, f"holds {store.assertion(new).period or 'at any time'}", store)


@edit_app.command("type")
def edit_type(
    assertion: str = AssertionArgument,
    rtype: str = typer.Argument(..., metavar="TYPE", help="The relation type it should have."),
    why: str = WhyOption,
    who: str | None = WhoOption,
    case: str | None = CaseOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Give a relation another type (checked against the vocabulary's signature)."""
    from orgmap.resolve import edits

    store = open_store(db)
    aid, _ = _case_of(store, assertion, case)
    new = edits.retype(store, aid, rtype, who=who or default_who(), why=why)
    _superseded(json, aid, new, f"now {rtype}", store)


@edit_app.command("qualifier")
def edit_qualifier(
    assertion: str = AssertionArgument,
    kind: str | None = typer.Argument(
        None,
        metavar="KIND",
        help="family or associate (personal_tie), ownership or direction (manages); omit with --clear.",
    ),
    clear: bool = typer.Option(False, "--clear", help="Remove the qualifier."),
    why: str = WhyOption,
    who: str | None = WhoOption,
    case: str | None = CaseOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Set, change or clear the kind of a relation (a family tie, an ownership, ...)."""
    from orgmap.resolve import edits

    if (kind is None) == (not clear):
        raise edits.EditError("give a KIND (e.g. family), or --clear to remove the qualifier")
    store = open_store(db)
    aid, _ = _case_of(store, assertion, case)
    new = edits.set_qualifier(store, aid, None if clear else kind, who=who or default_who(), why=why)
    _superseded(json, aid, new, f"qualifier {store.assertion(new).qualifier or 'cleared'}", store)


@edit_app.command("source")
def edit_source(
    assertion: str = AssertionArgument,
    doc: str | None = DocOption,
    quote: str | None = QuoteOption,
    occurrence: int | None = OccurrenceOption,
    start: int | None = StartOption,
    end: int | None = EndOption,
    why: str = WhyOption,
    who: str | None = WhoOption,
    case: str | None = CaseOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Attach a further source (new evidence) to an assertion: another document that states it."""
    from orgmap.resolve import edits

    store = open_store(db)
    aid, case_id = _case_of(store, assertion, case)
    span = _span(store, case_id, doc, quote, occurrence, start, end)
    new = edits.add_evidence(store, aid, span, who=who or default_who(), why=why)
    _superseded(json, aid, new, "source added", store)


@edit_app.command("entity")
def edit_entity(
    entity: str = typer.Argument(..., metavar="ENTITY", help="Name, alias or #id."),
    etype: str | None = typer.Option(
        None, "--type", "-t", help="Its right type: person, organization, place or event."
    ),
    name: str | None = typer.Option(None, "--name", help="Its right name (the old one stays an alias)."),
    why: str = WhyOption,
    who: str | None = WhoOption,
    case: str | None = CaseOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Retype or rename an entity (e.g. before merging it with one of the right type).

    Example: orgmap edit entity 'Trading LLC**(Ducashew' --type organization --name Ducashew
    """
    from orgmap.resolve import edits

    if etype is None and name is None:
        raise edits.EditError("give --type and/or --name")
    store = open_store(db)
    case_id = store.default_case(case)
    jid = edits.edit_entity(store, case_id, entity, etype=etype, name=name, who=who or default_who(), why=why)
    e = store.entity(store.find_entity(case_id, name or entity).id)
    _report(
        json,
        {"entity": e.id, "judgement": jid},
        f"#{e.id} is now {e.type} [bold]{esc(e.name)}[/] (judgement #{jid})",
    )


def register(app: typer.Typer) -> None:
    app.add_typer(add_app, name="add", rich_help_panel=PANEL)
    app.add_typer(edit_app, name="edit", rich_help_panel=PANEL)
