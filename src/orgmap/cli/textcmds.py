"""Build from text: ingest, extract, eval, review, merge, unmerge, candidates."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from orgmap.cli.common import (
    CaseOption,
    DbOption,
    JsonOption,
    WhoOption,
    console,
    default_who,
    err_console,
    esc,
    fail,
    open_store,
    print_json,
)
from orgmap.store.engine import StaleDecision

PANEL = "Build from text"


def ingest(
    paths: list[Path] = typer.Argument(..., help="Files (.txt .md .html .pdf) or folders (recursive)."),
    case: str = typer.Option("inbox", "--case", "-c", help="Case to ingest into (created if new)."),
    title: str | None = typer.Option(None, help="Override the title of every file."),
    author: str | None = typer.Option(None, help="Override the author."),
    publisher: str | None = typer.Option(None, help="Override the publisher."),
    published: str | None = typer.Option(None, help="Override the publication date (YYYY[-MM[-DD]])."),
    workers: int | None = typer.Option(
        None,
        "--workers",
        "-w",
        min=1,
        help="Extract on N local Dask worker processes (this process writes); same result as one.",
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        metavar="ADDRESS",
        help="Extract on a running Dask cluster, e.g. tcp://host:8786 (workers need orgmap).",
    ),
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Read documents, extract candidate entities and relations, and store them for review.

    Each document is one transaction; documents already in the case (same content) are
    skipped, so re-running an interrupted ingest finishes the job. Metadata comes from the
    file, then from a sidecar FILE.meta.json / FILE.meta.yaml, then from these options.
    With --workers or --scheduler extraction runs on Dask and this process stays the one
    writer: the store ends up exactly as a single-process ingest leaves it.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from orgmap.ingest import ingest_paths, iter_files

    store = open_store(db, create=True)
    files = list(iter_files(paths))
    if not files:
        fail("no documents found; give .txt, .md, .html or .pdf files or folders holding them")
    overrides = {"title": title, "author": author, "publisher": publisher, "published": published}
    with Progress(
        TextColumn("[bold]ingest[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        disable=json,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=len(files))

        def step(path: Path) -> None:
            bar.update(task, advance=1, description=esc(path.name))

        if workers or scheduler:
            from orgmap.scale import ScaleError, ingest_distributed

            try:  # the cluster is reached (or refused) before any document is touched
                report = ingest_distributed(
                    store,
                    case,
                    files,
                    workers=workers,
                    scheduler=scheduler,
                    overrides=overrides,
                    progress=step,
                )
            except ScaleError as exc:
                bar.stop()
                fail(str(exc))
        else:
            report = ingest_paths(store, case, files, overrides=overrides, progress=step)
        bar.update(task, completed=len(files))
    if json:
        print_json(report.to_dict())
        return
    table = Table(title=f"ingest into case {esc(case)}")
    for col in ("file", "status", "entities", "relations", "why"):
        table.add_column(col)
    for r in report.rows:
        colour = {"ingested": "green", "skipped": "yellow", "failed": "red"}[r.status]
        table.add_row(
            esc(r.path),
            f"[{colour}]{r.status}[/]",
            str(r.entities or ""),
            str(r.relations or ""),
            esc(r.detail),
        )
    console.print(table)
    console.print(
        f"{report.count('ingested')} ingested, {report.count('skipped')} skipped, "
        f"{report.count('failed')} failed. Next: `orgmap review --case {esc(case)}`"
    )
    if report.count("failed") and not report.count("ingested") and not report.count("skipped"):
        raise typer.Exit(1)


def extract(
    file: Path = typer.Argument(..., help="A text, Markdown, HTML or PDF file."), json: bool = JsonOption
) -> None:
    """Extract one document and print it (gold format with --json); the store is not touched."""
    from orgmap.extract import extract_document
    from orgmap.ingest import read_document

    doc = read_document(file)
    result = extract_document(doc.text, doc_date=doc.published or None)
    gold = result.to_gold(file.name)
    if json:
        print_json(gold)
        return
    names = {e["id"]: e["name"] for e in gold["entities"]}
    table = Table(title=f"{len(gold['entities'])} entities")
    table.add_column("type")
    table.add_column("name")
    table.add_column("aliases")
    for e in gold["entities"]:
        table.add_row(e["type"], esc(e["name"]), esc(", ".join(e.get("aliases", []))))
    console.print(table)
    rt = Table(title=f"{len(gold['relations'])} relations")
    for col in ("source", "type", "target", "modality", "score", "evidence"):
        rt.add_column(col)
    for r in gold["relations"]:
        rt.add_row(
            esc(names[r["source"]]),
            r["type"],
            esc(names[r["target"]]),
            r["modality"],
            f"{r['score']:.2f}",
            esc(r["evidence"]),
        )
    console.print(rt)


def _score_row(table: Table, label: str, s) -> None:
    table.add_row(
        esc(label),
        f"{s.entities.f1:.3f}",
        f"{s.strict.precision:.3f}",
        f"{s.strict.recall:.3f}",
        f"{s.strict.f1:.3f}",
        f"{s.lenient.f1:.3f}",
        "-" if s.modality.accuracy is None else f"{s.modality.accuracy:.3f}",
    )


def eval(
    gold: list[Path] = typer.Argument(..., help="Gold files (docs/gold-format.md)."),
    cross_validate: int | None = typer.Option(
        None,
        "--cross-validate",
        "-k",
        min=2,
        metavar="K",
        help="Train the relation model K times, each time without one K-th of the documents, and score "
        "each document with the model that did not see it (honest figures on a training corpus).",
    ),
    by_genre: bool = typer.Option(
        False, "--by-genre", help="Cross-validate holding out one genre (file-name prefix letters) at a time."
    ),
    patterns_only: bool = typer.Option(
        False, "--patterns-only", help="Score the hand-written patterns alone, without the relation model."
    ),
    seed: int = typer.Option(0, help="Seed of the folds and the solver."),
    json: bool = JsonOption,
) -> None:
    """Extract each gold file's document and print P/R/F1 per file, per type and micro-averaged."""
    import os

    from orgmap.evaluate import micro_average
    from orgmap.evaluate.run import evaluate_gold

    if (cross_validate or by_genre) and patterns_only:
        fail("--patterns-only scores no model; drop --cross-validate/--by-genre or --patterns-only")
    try:
        if cross_validate or by_genre:
            scores = _cross_validated(gold, k=cross_validate or 5, by_genre=by_genre, seed=seed, json=json)
        else:
            if patterns_only:
                os.environ["ORGMAP_RELATION_MODEL"] = "none"
            else:
                _warn_if_trained_on(gold)
            scores = [evaluate_gold(g) for g in gold]
    except ValueError as exc:
        fail(str(exc))
    total = micro_average(scores)
    if json:
        print_json({"files": [s.to_dict() for s in scores], "micro": total.to_dict()})
        return
    table = Table(title="extraction against gold")
    for col in ("file", "entity F1", "rel P", "rel R", "rel F1 strict", "rel F1 lenient", "modality acc"):
        table.add_column(col)
    for s in scores:
        _score_row(table, s.document, s)
    _score_row(table, "micro-average", total)
    console.print(table)
    if cross_validate or by_genre:
        _genre_table(scores)
    e = total.entities
    console.print(f"entities: P {e.precision:.3f} R {e.recall:.3f} F1 {e.f1:.3f}")
    bt = Table(title="relations by type (micro, strict)")
    for col in ("type", "P", "R", "F1", "tp", "fp", "fn"):
        bt.add_column(col)
    for rtype, sc in sorted(total.by_type.items()):
        bt.add_row(
            rtype,
            f"{sc.precision:.2f}",
            f"{sc.recall:.2f}",
            f"{sc.f1:.2f}",
            str(sc.tp),
            str(sc.fp),
            str(sc.fn),
        )
    console.print(bt)


def _cross_validated(gold: list[Path], *, k: int, by_genre: bool, seed: int, json: bool) -> list:
    from orgmap.cli.modelcmds import corpus_progress
    from orgmap.extract.relmodel import train

    bar, step = corpus_progress("parse", len(gold), json)
    with bar:
        docs = train.read_corpus(gold, progress=step)
    folds = train.by_genre(docs) if by_genre else None
    bar, step = corpus_progress("cross-validate", len(docs) + (len(folds) if folds else k), json)
    with bar:
        found = train.cross_validate(
            docs, k=k, seed=seed, held_out=(lambda _: folds) if folds else None, progress=step
        )
    return next(iter(found.values()))


def _genre_table(scores: list) -> None:
    """Micro-averages per genre (the letters that start a corpus file name)."""
    from orgmap.evaluate import micro_average
    from orgmap.extract.relmodel.train import genre_of

    table = Table(title="cross-validated, by genre")
    for col in ("genre", "entity F1", "rel P", "rel R", "rel F1 strict", "rel F1 lenient", "modality acc"):
        table.add_column(col)
    for genre in sorted({genre_of(s.document) for s in scores}):
        part = [s for s in scores if genre_of(s.document) == genre]
        _score_row(table, f"{genre} ({len(part)} documents)", micro_average(part))
    console.print(table)


def _warn_if_trained_on(gold: list[Path]) -> None:
    """Say so when the installed relation model was trained on some of these documents."""
    from orgmap.evaluate.run import load_gold
    from orgmap.extract.relmodel import default_decider
    from orgmap.extract.relmodel.train import text_digest
    from orgmap.ingest.decode import read_text_file

    decider = default_decider()
    if decider is None:
        return
    seen = set(decider.model.meta.get("documents") or ())
    used = sum(text_digest(read_text_file(load_gold(g)[1])) in seen for g in gold)
    if used:
        err_console.print(
            f"[yellow]note:[/] the relation model was trained on {used} of these {len(gold)} "
            "document(s): their relation figures flatter it. Use --cross-validate K for honest ones."
        )


def _sentence(store, ev) -> str:
    """The sentence around an evidence span, the span highlighted; source text escaped."""
    src = store.source(ev.source_id)
    text = src.text
    start = max(text.rfind("\n", 0, ev.start), text.rfind(". ", 0, ev.start) + 1, 0)
    end_candidates = [i for i in (text.find("\n", ev.end), text.find(". ", ev.end)) if i >= 0]
    end = min(end_candidates) + 1 if end_candidates else len(text)
    return f"{esc(text[start : ev.start])}[reverse]{esc(text[ev.start : ev.end])}[/reverse]{esc(text[ev.end : end])}"


def _describe(store, a) -> str:
    """What a candidate states: its ends and type, layer, modality, grade, valid time and documents."""
    subj = store.entity(a.subject_id)
    docs = []
    for ev in a.evidence:
        src = store.source(ev.source_id)
        name = src.title or src.origin or f"#{src.id}"
        if name not in docs:
            docs.append(name)
    where = f"\n  [dim]in {esc('; '.join(docs))}[/]" if docs else ""
    if a.predicate is None:
        return f"entity [bold]{esc(subj.name)}[/] ({subj.type}) · grade {a.grade}{where}"
    obj = store.entity(a.object_id)
    layer = store.schema.relation(a.predicate).layer
    extra = f" — {layer} layer · {a.modality} · grade {a.grade}"
    extra += f" · {esc(a.period)}" if a.period else ""
    extra += f" · per {esc(a.attribution)}" if a.attribution else ""
    return f"[bold]{esc(subj.name)}[/] —{a.predicate}→ [bold]{esc(obj.name)}[/]{extra}{where}"


def review(
    case: str | None = CaseOption,
    accept_above: float | None = typer.Option(
        None, "--accept-above", help="Accept every candidate scoring at least this."
    ),
    decisions: Path | None = typer.Option(
        None,
        "--decisions",
        help="JSON list of "
        "{id, action: accept|reject|edit|skip, type, source, target, "
        "modality, grade, why}.",
    ),
    entities: bool = typer.Option(
        False, "--entities", help="Review entity mentions too, not only relations."
    ),
    who: str | None = WhoOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Walk candidate assertions beside their sentence: accept, reject, edit, skip or quit.

    Every decision is a judgement recorded with who and when. Scriptable with
    --accept-above and --decisions.
    """
    from rich.prompt import Prompt

    from orgmap.resolve.review import apply_decision, plan_decisions, read_decisions, review_queue

    store = open_store(db)
    case_id = store.default_case(case)
    who = who or default_who()
    cands = review_queue(store, case_id, entities=entities)
    log: list[dict] = []
    if accept_above is not None or decisions is not None:
        try:
            from_file = read_decisions(decisions, cands, case) if decisions is not None else None
        except ValueError as exc:
            fail(str(exc))
        plan = plan_decisions(cands, from_file, accept_above)
        with store.transaction():
            for a, d in plan:
                log.append({"id": a.id, "result": apply_decision(store, case_id, a, d, who)})
    else:
        for n, a in enumerate(cands):
            console.rule(f"candidate {n + 1} of {len(cands)} · #{a.id} · score {a.score or 0:.2f}")
            console.print(_describe(store, a))
            for ev in a.evidence[:3]:
                console.print("  " + _sentence(store, ev))
            choice = Prompt.ask(
                r"\[a]ccept \[r]eject \[e]dit \[s]kip \[q]uit",
                choices=["a", "r", "e", "s", "q"],
                default="s",
                console=console,
            )
            if choice == "q":
                break
            d: dict = {"action": choice}
            if choice == "e":
                types = list(store.schema.relation_types) if a.predicate else []
                if types:
                    d["type"] = Prompt.ask("type", choices=types, default=a.predicate, console=console)
                d["source"] = Prompt.ask("source (name or #id)", default=f"#{a.subject_id}", console=console)
                if a.predicate:
                    d["target"] = Prompt.ask(
                        "target (name or #id)", default=f"#{a.object_id}", console=console
                    )
                d["why"] = Prompt.ask("why", default="", console=console)
            try:
                log.append({"id": a.id, "result": apply_decision(store, case_id, a, d, who)})
            except (ValueError, KeyError, StaleDecision) as exc:  # stale: another analyst decided meanwhile
                console.print(f"[red]not applied:[/] {esc(exc)}")
    if json:
        print_json({"decisions": log})
    else:
        done = sum(1 for x in log if x["result"] != "skipped")
        console.print(f"{done} decision(s) recorded as {esc(who)}; {len(cands) - done} candidate(s) left.")


def merge(
    absorbed: str = typer.Argument(..., help="Name or #id of the entity to fold in."),
    into: str = typer.Argument(..., help="Name or #id of the entity it is the same as."),
    why: str = typer.Option(..., "--why", help="Why they are one (kept with the judgement)."),
    case: str | None = CaseOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Record that two entities are one (a judgement; `orgmap unmerge` undoes it)."""
    store = open_store(db)
    case_id = store.default_case(case)
    a, b = store.find_entity(case_id, absorbed), store.find_entity(case_id, into)
    jid = store.merge(a.id, b.id, who=default_who(), why=why)
    if json:
        print_json({"judgement": jid, "absorbed": a.id, "into": b.id})
    else:
        console.print(
            f"merged #{a.id} {esc(a.name)} into #{b.id} {esc(b.name)} (judgement #{jid}): {esc(why)}"
        )


def unmerge(
    entity: str = typer.Argument(..., help="#id (or name) of the merged entity to split off again."),
    why: str = typer.Option(..., "--why", help="Why they are not one."),
    case: str | None = CaseOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Undo a merge; the merge judgement stays in the log beside the unmerge."""
    store = open_store(db)
    case_id = store.default_case(case)
    if entity.startswith("#") and entity[1:].isdigit():
        target = store.entity(int(entity[1:]))
    else:
        found = [
            e
            for e in store.entities(case_id, include_merged=True)
            if e.merged_into is not None and entity.casefold() in (e.name.casefold(),)
        ]
        if not found:
            fail(f"no merged entity called {entity!r}; name it by #id (see `orgmap candidates --merged`)")
        target = found[0]
    jid = store.unmerge(target.id, who=default_who(), why=why)
    if json:
        print_json({"judgement": jid, "entity": target.id})
    else:
        console.print(f"unmerged #{target.id} {esc(target.name)} (judgement #{jid}): {esc(why)}")


def candidates(
    case: str | None = CaseOption,
    min_score: float = typer.Option(80.0, "--min-score", help="Lowest score to show (0-100)."),
    accept_above: float | None = typer.Option(
        None,
        "--accept-above",
        metavar="SCORE",
        help="Merge every proposal scoring at least SCORE (each a judgement with its reason).",
    ),
    merged: bool = typer.Option(False, "--merged", help="List merges already made, with their reasons."),
    who: str | None = WhoOption,
    db: str | None = DbOption,
    json: bool = JsonOption,
) -> None:
    """Propose merges with a reason and a score, merge those above a score, or list merges made.

    Reasons: short forms the text declares ("Daniel Joseph Kinahan (Daniel Kinahan)"), accents,
    company legal forms (Ltd, LLC, S.A. de C.V. ...), spelling variants, middle names, acronyms,
    initials and bare surnames. `orgmap unmerge` undoes a merge.
    """
    from orgmap.resolve import merge_candidates
    from orgmap.resolve.candidates import accept_candidates
    from orgmap.resolve.review import merges_in_force

    store = open_store(db)
    case_id = store.default_case(case)
    if merged:
        rows = merges_in_force(store, case_id)
        if json:
            print_json(rows)
            return
        table = Table(title="merges in force")
        for col in ("id", "name", "merged into", "who", "why"):
            table.add_column(col)
        for r in rows:
            table.add_row(
                f"#{r['id']}",
                esc(r["name"]),
                f"#{r['into']} {esc(r['into_name'])}",
                esc(r["who"]),
                esc(r["why"]),
            )
        console.print(table)
        return
    if accept_above is not None and accept_above < min_score:
        min_score = accept_above
    found = merge_candidates(store, case_id, min_score=min_score)
    if accept_above is not None:
        done = accept_candidates(store, case_id, found, above=accept_above, who=who or default_who())
        if json:
            print_json(done)
            return
        names = {c.absorbed: c for c in found}
        for d in done:
            c = names[d["absorbed"]]
            extra = f"; rejected {len(d['rejected'])} tie(s) between them" if d.get("rejected") else ""
            console.print(
                f"{d['result']}: #{c.absorbed} {esc(c.absorbed_name)} into #{c.into} "
                f"{esc(c.into_name)} ({c.score:.0f}, {esc(c.reason)}){extra}"
            )
        made = sum(d["result"] == "merged" for d in done)
        console.print(f"{made} merge(s) recorded as {esc(who or default_who())}.")
        return
    if json:
        print_json([vars(c) for c in found])
        return
    table = Table(title=f"{len(found)} merge candidate(s)")
    for col in ("absorb", "into", "type", "score", "reason"):
        table.add_column(col)
    for c in found:
        table.add_row(
            f"#{c.absorbed} {esc(c.absorbed_name)}",
            f"#{c.into} {esc(c.into_name)}",
            c.type,
            f"{c.score:.0f}",
            esc(c.reason),
        )
    console.print(table)
    if found:
        console.print(
            "Merge one with `orgmap merge '#ID' '#ID' --why '...'`, or all above a score with "
            "`orgmap candidates --accept-above 90`."
        )


def register(app: typer.Typer) -> None:
    for fn in (ingest, extract, eval, review, merge, unmerge, candidates):
        app.command(rich_help_panel=PANEL)(fn)
