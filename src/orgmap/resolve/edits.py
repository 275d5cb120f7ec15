"""Add and correct the model by hand, always from the words of a stored source.

The one implementation behind ``orgmap add`` / ``orgmap edit``, the web app's "new
relation", "correct the quote", "set dates", "add a source", and Python callers. Every
change is a judgement (who, when, why); a correction never overwrites evidence: the
corrected assertion supersedes the old one, which keeps status ``superseded``.

>>> from orgmap.store import Store
>>> from orgmap.model import Source
>>> store = Store.open(":memory:")
>>> case = store.ensure_case("demo")
>>> doc = store.add_source(case, Source(text="Ali Reza heads the Unit. Omar reports to Ali Reza.",
...                                     reliability="B"))
>>> ali = add_entity(store, case, "person", locate(store, case, doc, quote="Ali Reza", occurrence=1),
...                  who="ann")
>>> omar = add_entity(store, case, "person", locate(store, case, doc, quote="Omar"), who="ann", why="named")
>>> tie = add_relation(store, case, "Omar", "reports_to", "Ali Reza",
...                    [locate(store, case, doc, quote="Omar reports to")],
...                    claim=Claim(valid_from="2019", valid_to="2021-03", grade="B2"),
...                    who="ann", why="missed")
>>> a = store.assertion(tie.assertion_id)
>>> a.grade, str(a.valid_from), str(a.valid_to), a.valid_text
('B2', '2019-01-01', '2021-03-31', '2019/2021-03')
>>> span = locate(store, case, doc, quote="Omar reports to Ali Reza")
>>> wider = correct_evidence(store, tie.assertion_id, span, how="widen", who="ann", why="fragment")
>>> store.assertion(tie.assertion_id).status, store.assertion(wider).evidence[0].quote
('superseded', 'Omar reports to Ali Reza')
>>> locate(store, case, doc, quote="Ali Reza")
Traceback (most recent call last):
...
orgmap.resolve.edits.EditError: quote 'Ali Reza' occurs 2 times in document #1 (at offsets 0, 41); \
say which with occurrence 1-2 or the start offset
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date  # noqa: F401  (the period_of example uses it)
from typing import Any

from orgmap.casefile.spans import find_all_spans
from orgmap.model import Assertion, Entity, Evidence
from orgmap.store.engine import StoreError
from orgmap.validtime import bound_text, parse_bound

__all__ = [
    "Added",
    "Claim",
    "EditError",
    "add_entity",
    "add_evidence",
    "add_relation",
    "correct_evidence",
    "document_entities",
    "edit_entity",
    "locate",
    "parse_valid_time",
    "period_of",
    "retype",
    "set_qualifier",
    "set_valid_time",
]

HOW = ("widen", "narrow", "replace")


class EditError(ValueError):
    """An edit that cannot be made; the message says what is wrong and what to do."""


@dataclass
class Claim:
    """How a claim is made: modality, who says so, its Admiralty grade and when it held.

    ``grade`` is ``"B2"``, ``"B"`` or None (reliability of the first evidence's source,
    credibility 6); ``valid_from`` / ``valid_to`` are ``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD`` (as precise as the text allows).
    """

    modality: str = "asserted"
    attribution: str = ""
    grade: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    note: str = ""


@dataclass
class Added:
    """What an ``add_*`` call created: the entity (for ``add_entity``), the assertion, the judgement."""

    assertion_id: int
    judgement_id: int
    entity_id: int | None = None


# -- spans and dates ----------------------------------------------------------------------------
def locate(
    store: Any,
    case_id: int,
    doc: str | int,
    *,
    quote: str | None = None,
    start: int | None = None,
    end: int | None = None,
    occurrence: int | None = None,
) -> Evidence:
    """The evidence span of ``quote`` (or of offsets ``start:end``) in a stored document.

    ``doc`` is a source id, ``#id``, case-file key, title or file name. The quote must occur
    verbatim (runs of whitespace, typographic quotes and dashes may differ, as in case
    files). A quote found more than once needs ``occurrence`` (1-based) or the ``start``
    offset of the one meant. Raises :class:`EditError` otherwise.
    """
    source = store.find_source(case_id, doc)
    text = source.text
    where = f"document #{source.id}"
    if quote is None or not quote.strip():
        if quote is not None:
            raise EditError("the quote is empty; give the words that state the claim")
        if start is None or end is None:
            raise EditError("give a quote, or both start and end character offsets")
        if not 0 <= start < end <= len(text):
            raise EditError(f"offsets {start}:{end} are outside {where} (0:{len(text)})")
        return Evidence(source.id, start, end, text[start:end])
    hits = find_all_spans(text, quote)
    short = quote if len(quote) <= 80 else quote[:77] + "..."
    if not hits:
        raise EditError(
            f"quote {short!r} is not in {where} ({source.title or source.origin}); "
            "copy the words exactly as the document has them"
        )
    if occurrence is not None:
        if not 1 <= occurrence <= len(hits):
            raise EditError(
                f"quote {short!r} occurs {len(hits)} time(s) in {where}; occurrence "
                f"{occurrence} does not exist"
            )
        s, e = hits[occurrence - 1]
    elif start is not None:
        chosen = [h for h in hits if h[0] == start]
        if not chosen:
            raise EditError(
                f"quote {short!r} does not start at offset {start} in {where}; it starts at "
                + ", ".join(str(h[0]) for h in hits)
            )
        s, e = chosen[0]
    elif len(hits) > 1:
        offsets = ", ".join(str(h[0]) for h in hits[:8]) + (", …" if len(hits) > 8 else "")
        raise EditError(
            f"quote {short!r} occurs {len(hits)} times in {where} (at offsets {offsets}); "
            f"say which with occurrence 1-{len(hits)} or the start offset"
        )
    else:
        s, e = hits[0]
    return Evidence(source.id, s, e, text[s:e])


def parse_valid_time(valid_from: str | None, valid_to: str | None) -> dict[str, Any]:
    """``valid_from``, ``valid_to`` (first and last day of their periods), their open bounds and ``valid_text``.

    ``valid_text`` keeps the precision given, as case files do: ``"from/to"``, or the one given.
    A bound may be open: ``"after 2020-01-03"``, ``"before 2024"`` (:mod:`orgmap.validtime`).

    >>> parse_valid_time("2019", "2021-03")["valid_to"]
    datetime.date(2021, 3, 31)
    >>> parse_valid_time("after 2020-01-03", None)["valid_from_bound"]
    'after'
    >>> parse_valid_time("2021", "2019")
    Traceback (most recent call last):
    ...
    orgmap.resolve.edits.EditError: from 2021 is after to 2019
    """
    out: dict[str, Any] = {"valid_from": None, "valid_to": None, "valid_from_bound": "", "valid_to_bound": ""}
    texts = []
    for key, value, end in (("valid_from", valid_from, "from"), ("valid_to", valid_to, "to")):
        if value is None or not str(value).strip():
            continue
        try:
            out[key], out[key + "_bound"] = parse_bound(str(value), end)
        except ValueError as exc:
            raise EditError(f"{end}: {exc}") from None
        texts.append(str(value).strip())
    if out["valid_from"] and out["valid_to"] and out["valid_from"] > out["valid_to"]:
        raise EditError(f"from {valid_from} is after to {valid_to}")
    out["valid_text"] = "/".join(texts)
    return out


def period_of(a: Assertion) -> tuple[str, str]:
    """``(from, to)`` as the assertion was given them (``"2019"``, ``"2021-03"``), else ISO dates or ``""``.

    >>> period_of(Assertion(1, valid_from=date(2019, 1, 1), valid_to=date(2021, 3, 31),
    ...                     valid_text="2019/2021-03"))
    ('2019', '2021-03')
    """
    parts = a.valid_text.split("/") if a.valid_text else []
    iso = (bound_text(a.valid_from, a.valid_from_bound), bound_text(a.valid_to, a.valid_to_bound))
    if a.valid_from and a.valid_to and len(parts) == 2:
        return parts[0], parts[1]
    if len(parts) == 1 and (a.valid_from is None) != (a.valid_to is None):
        return (parts[0], "") if a.valid_from else ("", parts[0])
    return iso


def _claim_values(store: Any, claim: Claim, evidence: Sequence[Evidence]) -> dict[str, Any]:
    try:
        store.schema.modality(claim.modality)
    except KeyError as exc:
        raise EditError(exc.args[0]) from None
    rel, cred = store.source(evidence[0].source_id).reliability, "6"
    if claim.grade:
        try:
            rel, parsed = store.schema.parse_grade(claim.grade)
        except ValueError as exc:
            raise EditError(str(exc)) from None
        cred = parsed or cred
    return dict(
        modality=claim.modality,
        attribution=claim.attribution,
        reliability=rel,
        credibility=cred,
        note=claim.note,
        **parse_valid_time(claim.valid_from, claim.valid_to),
    )


def _check_qualifier(store: Any, predicate: str, qualifier: str | None) -> str | None:
    """``qualifier`` normalised ("" -> None), if the vocabulary allows it for ``predicate``.

    >>> from orgmap.store import Store
    >>> _check_qualifier(Store.open(":memory:"), "personal_tie", "cousin")
    Traceback (most recent call last):
    ...
    orgmap.resolve.edits.EditError: personal_tie has no qualifier 'cousin'; allowed: family, associate
    """
    try:
        return store.schema.check_qualifier(predicate, (qualifier or "").strip() or None)
    except (KeyError, ValueError) as exc:
        raise EditError(exc.args[0]) from None


def _need_evidence(evidence: Evidence | Sequence[Evidence]) -> list[Evidence]:
    spans = [evidence] if isinstance(evidence, Evidence) else list(evidence)
    if not spans:
        raise EditError("no evidence: give at least one quote from a stored document")
    return spans


def _span_payload(spans: Sequence[Evidence]) -> list[dict[str, Any]]:
    return [{"source": e.source_id, "start": e.start, "end": e.end, "quote": e.quote} for e in spans]


# -- adding --------------------------------------------------------------------------------------
def add_entity(
    store: Any,
    case_id: int,
    etype: str,
    evidence: Evidence | Sequence[Evidence],
    *,
    name: str | None = None,
    aliases: Sequence[str] = (),
    kind: str | None = None,
    claim: Claim | None = None,
    who: str,
    why: str = "",
) -> Added:
    """Create an entity mentioned in ``evidence`` (its name defaults to the first quote).

    ``kind`` is one of the vocabulary's kinds for the type (organizations: unit, company, …).
    Refused when an entity of that type already has the name (merge or name it apart).
    """
    spans = _need_evidence(evidence)
    name = " ".join((name or spans[0].quote).split())
    try:
        spec = store.schema.entity_type(etype)
    except KeyError as exc:
        raise EditError(exc.args[0]) from None
    if kind is not None and kind not in spec.kinds:
        raise EditError(f"unknown {etype} kind {kind!r}; known: {', '.join(spec.kinds) or 'none'}")
    clash = [e for e in store.find_entities(case_id, name) if e.type == etype]
    if clash:
        raise EditError(
            f"there is already a {etype} called {name!r} (#{clash[0].id}); use it, or give a "
            "distinguishing name"
        )
    values = _claim_values(store, claim or Claim(), spans)
    with store.transaction():
        eid = store.add_entity(case_id, Entity(etype, name, list(aliases), {"kind": kind} if kind else {}))
        aid = store.add_assertion(case_id, Assertion(eid, evidence=spans, status="accepted", **values))
        jid = store.judge(
            "assertion",
            aid,
            "add",
            who=who,
            why=why,
            payload={"entity": eid, "evidence": _span_payload(spans)},
        )
    return Added(aid, jid, eid)


def add_relation(
    store: Any,
    case_id: int,
    subject: str | int,
    predicate: str,
    obj: str | int,
    evidence: Evidence | Sequence[Evidence],
    *,
    claim: Claim | None = None,
    qualifier: str | None = None,
    who: str,
    why: str = "",
    status: str = "accepted",
) -> Added:
    """Create a relation ``subject -predicate-> obj`` stated by ``evidence``.

    Endpoints are names, aliases or ``#id``; the type must fit the vocabulary's signature
    (``reports_to``: person -> person), and a ``qualifier`` must be one the vocabulary
    gives the type (``personal_tie``: family or associate). The relation is accepted unless
    ``status`` says otherwise, and an ``add`` judgement records who, why and the spans.
    """
    spans = _need_evidence(evidence)
    ends = [store.find_entity(case_id, f"#{x}" if isinstance(x, int) else x) for x in (subject, obj)]
    try:
        store.schema.check_signature(predicate, ends[0].type, ends[1].type)
    except (KeyError, ValueError) as exc:
        raise EditError(exc.args[0]) from None
    if ends[0].id == ends[1].id:
        raise EditError(f"a relation needs two entities; both ends are {ends[0].name!r}")
    kind = _check_qualifier(store, predicate, qualifier)
    values = _claim_values(store, claim or Claim(), spans)
    with store.transaction():
        aid = store.add_assertion(
            case_id,
            Assertion(
                ends[0].id, predicate, ends[1].id, evidence=spans, status=status, qualifier=kind, **values
            ),
        )
        jid = store.judge(
            "assertion", aid, "add", who=who, why=why, payload={"evidence": _span_payload(spans)}
        )
    return Added(aid, jid)


# -- correcting (each returns the id of the assertion that supersedes the old one) -----------------
def _current(store: Any, assertion_id: int) -> Assertion:
    a = store.assertion(assertion_id)
    if a.status == "superseded":
        newer = store.successors(store.assertion_case(assertion_id)).get(assertion_id)
        raise EditError(f"assertion #{assertion_id} is superseded by #{newer}; correct that one")
    return a


def correct_evidence(
    store: Any,
    assertion_id: int,
    span: Evidence,
    *,
    how: str = "replace",
    index: int = 0,
    who: str,
    why: str = "",
) -> int:
    """Widen, narrow or replace evidence span ``index`` (0-based) of an assertion.

    ``widen`` needs the new span to contain the old one, ``narrow`` to lie inside it (same
    document); ``replace`` takes any span. Returns the successor's id.
    """
    if how not in HOW:
        raise EditError(f"unknown correction {how!r}; use {', '.join(HOW)}")
    a = _current(store, assertion_id)
    if not 0 <= index < len(a.evidence):
        raise EditError(
            f"assertion #{assertion_id} has {len(a.evidence)} evidence span(s); "
            f"span {index + 1} does not exist"
        )
    old = a.evidence[index]
    if how != "replace":
        inside = (
            (old.start >= span.start and old.end <= span.end)
            if how == "widen"
            else (span.start >= old.start and span.end <= old.end)
        )
        if span.source_id != old.source_id or not inside or (span.start, span.end) == (old.start, old.end):
            raise EditError(
                f"to {how} it the new quote must {'contain' if how == 'widen' else 'lie inside'} "
                f"the old one ({old.quote!r}) in the same document; use replace otherwise"
            )
    spans = [*a.evidence[:index], span, *a.evidence[index + 1 :]]
    return store.supersede_assertion(
        assertion_id,
        {"evidence": spans},
        who=who,
        why=why,
        action=f"{how}_evidence",
        payload={"before": _span_payload([old]), "after": _span_payload([span])},
    )


def add_evidence(store: Any, assertion_id: int, span: Evidence, *, who: str, why: str = "") -> int:
    """Attach a further span (a second source, or more words of the same one) to an assertion.

    >>> from orgmap.model import Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> doc = store.add_source(case, Source(text="Omar reports to Ali Reza. Omar met Ali Reza in 2019."))
    >>> for name in ("Omar", "Ali Reza"):
    ...     _ = add_entity(store, case, "person", locate(store, case, doc, quote=name, occurrence=1), who="ann")
    >>> tie = add_relation(store, case, "Omar", "reports_to", "Ali Reza",
    ...                    [locate(store, case, doc, quote="Omar reports to Ali Reza")], who="ann")
    >>> more = add_evidence(store, tie.assertion_id, locate(store, case, doc, quote="Omar met Ali Reza"), who="ann")
    >>> [e.quote for e in store.assertion(more).evidence]
    ['Omar reports to Ali Reza', 'Omar met Ali Reza']
    """
    a = _current(store, assertion_id)
    if any((e.source_id, e.start, e.end) == (span.source_id, span.start, span.end) for e in a.evidence):
        raise EditError(f"assertion #{assertion_id} already quotes {span.quote!r}")
    return store.supersede_assertion(
        assertion_id,
        {"evidence": [*a.evidence, span]},
        who=who,
        why=why,
        action="add_evidence",
        payload={"after": _span_payload([span])},
    )


def set_valid_time(
    store: Any,
    assertion_id: int,
    valid_from: str | None = None,
    valid_to: str | None = None,
    *,
    who: str,
    why: str = "",
) -> int:
    """Set or correct when an assertion held. ``None`` keeps a bound as it is; ``""`` clears it.

    >>> from orgmap.model import Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> doc = store.add_source(case, Source(text="Omar reports to Ali Reza. Omar met Ali Reza in 2019."))
    >>> for name in ("Omar", "Ali Reza"):
    ...     _ = add_entity(store, case, "person", locate(store, case, doc, quote=name, occurrence=1), who="ann")
    >>> tie = add_relation(store, case, "Omar", "reports_to", "Ali Reza",
    ...                    [locate(store, case, doc, quote="Omar reports to Ali Reza")], who="ann")
    >>> dated = set_valid_time(store, tie.assertion_id, "2019", None, who="ann", why="the second sentence")
    >>> a = store.assertion(dated)
    >>> str(a.valid_from), a.valid_to, a.valid_text
    ('2019-01-01', None, '2019')
    """
    a = _current(store, assertion_id)
    old_from, old_to = period_of(a)
    new_from = old_from if valid_from is None else valid_from
    new_to = old_to if valid_to is None else valid_to
    values = parse_valid_time(new_from, new_to)
    if all(values[k] == getattr(a, k) for k in values):
        raise EditError(
            f"assertion #{assertion_id} already holds {a.period or 'at any time'}; nothing to change"
        )
    return store.supersede_assertion(
        assertion_id,
        values,
        who=who,
        why=why,
        action="set_dates",
        payload={
            "before": {"from": old_from, "to": old_to},
            "after": {"from": new_from or "", "to": new_to or ""},
        },
    )


def retype(store: Any, assertion_id: int, predicate: str, *, who: str, why: str = "") -> int:
    """Give a relation another type (checked against the vocabulary's signature).

    >>> from orgmap.model import Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> doc = store.add_source(case, Source(text="Omar reports to Ali Reza. Omar met Ali Reza in 2019."))
    >>> for name in ("Omar", "Ali Reza"):
    ...     _ = add_entity(store, case, "person", locate(store, case, doc, quote=name, occurrence=1), who="ann")
    >>> tie = add_relation(store, case, "Omar", "reports_to", "Ali Reza",
    ...                    [locate(store, case, doc, quote="Omar reports to Ali Reza")], who="ann")
    >>> new = retype(store, tie.assertion_id, "personal_tie", who="ann", why="not a formal line")
    >>> store.assertion(new).predicate, store.assertion(tie.assertion_id).status
    ('personal_tie', 'superseded')
    >>> retype(store, tie.assertion_id, "leads", who="ann")
    Traceback (most recent call last):
    ...
    orgmap.resolve.edits.EditError: assertion #3 is superseded by #4; correct that one
    """
    a = _current(store, assertion_id)
    if a.predicate is None:
        raise EditError(
            f"assertion #{assertion_id} states an entity, not a relation; it has no type to change"
        )
    if predicate == a.predicate:
        raise EditError(f"assertion #{assertion_id} is already {predicate}")
    subj, obj = store.entity(a.subject_id), store.entity(a.object_id)
    try:
        store.schema.check_signature(predicate, subj.type, obj.type)
    except (KeyError, ValueError) as exc:
        raise EditError(exc.args[0]) from None
    return store.supersede_assertion(
        assertion_id,
        {"predicate": predicate},
        who=who,
        why=why,
        action="retype",
        payload={"before": a.predicate, "after": predicate},
    )


def set_qualifier(store: Any, assertion_id: int, qualifier: str | None, *, who: str, why: str = "") -> int:
    """Set, change or (with None or "") clear the qualifier of a relation; returns the successor's id.

    The value must be one the vocabulary gives the relation's type; the error lists them.
    """
    a = _current(store, assertion_id)
    if a.predicate is None:
        raise EditError(f"assertion #{assertion_id} states an entity, not a relation; it takes no qualifier")
    kind = _check_qualifier(store, a.predicate, qualifier)
    if kind == a.qualifier:
        raise EditError(
            f"assertion #{assertion_id} already has {'qualifier ' + kind if kind else 'no qualifier'}"
        )
    return store.supersede_assertion(
        assertion_id,
        {"qualifier": kind},
        who=who,
        why=why,
        action="set_qualifier",
        payload={"before": a.qualifier, "after": kind},
    )


def edit_entity(
    store: Any,
    case_id: int,
    entity: str | int,
    *,
    etype: str | None = None,
    name: str | None = None,
    who: str,
    why: str = "",
) -> int:
    """Retype or rename an entity; the old name stays an alias. Returns the judgement id.

    A new type must still fit every live relation of the entity (the error lists those that
    would not); a new name another entity of the type already has is refused (merge instead).

    >>> from orgmap.model import Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> doc = store.add_source(case, Source(text="Omar reports to Ali Reza. Omar met Ali Reza in 2019."))
    >>> for name in ("Omar", "Ali Reza"):
    ...     _ = add_entity(store, case, "person", locate(store, case, doc, quote=name, occurrence=1), who="ann")
    >>> tie = add_relation(store, case, "Omar", "reports_to", "Ali Reza",
    ...                    [locate(store, case, doc, quote="Omar reports to Ali Reza")], who="ann")
    >>> _ = edit_entity(store, case, "Omar", name="Omar Hadi", who="ann", why="full name in the annex")
    >>> store.find_entity(case, "Omar").name, store.find_entity(case, "Omar Hadi").aliases
    ('Omar Hadi', ['Omar'])
    """
    found = store.find_entity(case_id, f"#{entity}" if isinstance(entity, int) else entity)
    if etype is not None:
        try:
            store.schema.entity_type(etype)
        except KeyError as exc:
            raise EditError(exc.args[0]) from None
        misfits = []
        for a in store.assertions(
            case_id, kind="relation", entity=found.id, status=["accepted", "candidate"]
        ):
            ends = [store.entity(store.canonical_id(i)) for i in (a.subject_id, a.object_id)]
            types = [etype if e.id == found.id else e.type for e in ends]
            try:
                store.schema.check_signature(a.predicate, *types)
            except ValueError as exc:
                misfits.append(f"#{a.id} ({exc})")
        if misfits:
            raise EditError(
                f"as a {etype}, {found.name!r} would break {len(misfits)} relation(s): "
                + "; ".join(misfits[:3])
                + " - retype or reject those first"
            )
    if name is not None:
        name = " ".join(name.split())
        clash = [
            e
            for e in store.find_entities(case_id, name)
            if e.id != found.id and e.type == (etype or found.type)
        ]
        if not name or clash:
            raise EditError(
                f"{name!r} already names #{clash[0].id}; merge the two instead"
                if clash
                else "the new name is empty"
            )
    try:
        return store.update_entity(found.id, entity_type=etype, name=name, who=who, why=why)
    except StoreError as exc:
        raise EditError(str(exc)) from None


# -- what the web app offers as endpoints ---------------------------------------------------------
def document_entities(store: Any, case_id: int, source_id: int) -> list[Entity]:
    """Canonical entities that a document's assertions mention, by name (endpoint choices).

    >>> from orgmap.model import Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> doc = store.add_source(case, Source(text="Omar reports to Ali Reza. Omar met Ali Reza in 2019."))
    >>> for name in ("Omar", "Ali Reza"):
    ...     _ = add_entity(store, case, "person", locate(store, case, doc, quote=name, occurrence=1), who="ann")
    >>> tie = add_relation(store, case, "Omar", "reports_to", "Ali Reza",
    ...                    [locate(store, case, doc, quote="Omar reports to Ali Reza")], who="ann")
    >>> [e.name for e in document_entities(store, case, doc)]
    ['Ali Reza', 'Omar']
    """
    ids: set[int] = set()
    for a in store.assertions(case_id, source=source_id):
        if a.status != "superseded":
            ids.update(i for i in (a.subject_id, a.object_id) if i is not None)
    found = {store.canonical_id(i) for i in ids}
    return sorted((store.entity(i) for i in found), key=lambda e: (e.name.casefold(), e.id))
