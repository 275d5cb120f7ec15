"""A format-neutral model read from a file, checked whole, then written in one transaction.

Every importer parses its format into a :class:`Bundle` of plain dicts (the same field
names the exporters write: see ``orgmap.exports.snapshot``) and calls :func:`write_bundle`.
Nothing is written unless every record checks out; a failure names the file and the
line or record id, and leaves the store as it was.

>>> from orgmap.store import Store
>>> b = Bundle("demo", sources=[{"source": "s1", "text": "Ali leads the Unit."}],
...     entities=[{"id": "p", "type": "person", "name": "Ali"},
...               {"id": "u", "type": "organization", "name": "The Unit"}],
...     assertions=[{"subject": "p", "predicate": "leads", "object": "u",
...                  "spans": [{"source": "s1", "start": 0, "end": 19}]}])
>>> write_bundle(Store.open(":memory:"), b)["assertions"]
1
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import StoreError, content_hash
from orgmap.store.bulk import bulk_add_entities
from orgmap.validtime import BOUNDS

__all__ = ["Bundle", "ImportFailed", "describe", "parse_day", "write_bundle"]


class ImportFailed(StoreError):
    """An import file that cannot be taken in; the message says where and why."""


def describe(exc: BaseException) -> str:
    """An unexpected error as a short phrase for a one-line message (no file contents at length).

    >>> describe(TypeError("unhashable type: 'list'"))
    "TypeError: unhashable type: 'list'"
    """
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


@contextlib.contextmanager
def _record(where: str):
    """Turn any unexpected error while handling one record into an ImportFailed naming it."""
    try:
        yield
    except ImportFailed:
        raise
    except RecursionError:
        raise ImportFailed(f"{where}: nested too deeply") from None
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        raise ImportFailed(f"{where}: a value has the wrong type or shape ({describe(exc)})") from None


@dataclass
class Bundle:
    """What an import file holds. Records may carry ``_where`` ("file.csv line 4") for errors."""

    case: str
    title: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    assertions: list[dict[str, Any]] = field(default_factory=list)
    origin: str = ""
    skipped: int = 0  # records the format holds but orgmap has no type for


def _where(record: dict[str, Any], fallback: str) -> str:
    return str(record.get("_where") or fallback)


def parse_day(value: Any, where: str, *, last: bool = False) -> date | None:
    """``YYYY[-MM[-DD]]`` (or a date) → a date; a period gives its first day (last if ``last``).

    >>> parse_day("2020", "x"), parse_day("2020-02", "x", last=True), parse_day("", "x")
    (datetime.date(2020, 1, 1), datetime.date(2020, 2, 29), None)
    """
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    from orgmap.casefile.spans import parse_period

    try:
        first, final = parse_period(str(value)[:10])
    except ValueError as exc:
        raise ImportFailed(f"{where}: {exc}") from None
    return final if last else first


def _check(store: Any, b: Bundle) -> dict[str, str]:
    """Validate everything before writing; returns source texts by key."""
    schema = store.schema
    texts: dict[str, str] = {}
    for i, s in enumerate(b.sources):
        where = _where(s, f"{b.origin} source {i + 1}")
        with _record(where):
            texts.update(_check_source(schema, s, where))
    ids = set()
    for i, e in enumerate(b.entities):
        where = _where(e, f"{b.origin} entity {i + 1}")
        with _record(where):
            ids.add(_check_entity(schema, e, where))
    for i, a in enumerate(b.assertions):
        where = _where(a, f"{b.origin} assertion {i + 1}")
        with _record(where):
            _check_assertion(schema, a, where, ids, texts)
    return texts


def _check_source(schema: Any, s: dict[str, Any], where: str) -> dict[str, str]:
    for name in ("title", "author", "publisher", "published", "origin", "kind", "media_type", "reliability"):
        if s.get(name) is not None and not isinstance(s[name], str):
            raise ImportFailed(f"{where}: source field {name!r} must be text")
    if s.get("metadata") is not None and not isinstance(s["metadata"], dict):
        raise ImportFailed(f"{where}: source metadata must be an object")
    key = str(s.get("source") or "")
    if not key:
        raise ImportFailed(f"{where}: a source needs an id")
    text = s.get("text")
    if not isinstance(text, str) or not text:
        raise ImportFailed(f"{where}: source {key!r} has no text")
    if s.get("sha256") and s["sha256"] != content_hash(text):
        raise ImportFailed(f"{where}: source {key!r} text does not match its sha256")
    _grade(schema, s.get("reliability") or "F", "6", where)
    return {key: text}


def _check_entity(schema: Any, e: dict[str, Any], where: str) -> str:
    if not isinstance(e.get("aliases") or [], list) or not all(
        isinstance(x, (str, int, float)) for x in e.get("aliases") or []
    ):
        raise ImportFailed(f"{where}: an entity's aliases must be a list of names")
    if not isinstance(e.get("attributes") or {}, dict):
        raise ImportFailed(f"{where}: an entity's attributes must be an object")
    if not isinstance(e.get("id"), (str, int)) or not isinstance(e.get("name") or "", (str, int, float)):
        raise ImportFailed(f"{where}: an entity's id and name must be text")
    if not e.get("id") or not str(e.get("name") or "").strip():
        raise ImportFailed(f"{where}: an entity needs an id and a name")
    if e.get("type") not in schema.entity_types:
        raise ImportFailed(
            f"{where}: entity {e['id']!r} has unknown type {e.get('type')!r}; "
            f"known: {', '.join(schema.entity_types)}"
        )
    return str(e["id"])


def _check_assertion(
    schema: Any, a: dict[str, Any], where: str, ids: set[str], texts: dict[str, str]
) -> None:
    for name in (
        "predicate",
        "qualifier",
        "modality",
        "status",
        "attribution",
        "valid_text",
        "valid_from_bound",
        "valid_to_bound",
        "note",
        "key",
    ):
        if a.get(name) is not None and not isinstance(a[name], str):
            raise ImportFailed(f"{where}: assertion field {name!r} must be text")
    if not isinstance(a.get("spans") or [], list) or not all(
        isinstance(sp, dict) for sp in a.get("spans") or []
    ):
        raise ImportFailed(f"{where}: an assertion's spans must be a list of objects")
    for end in ("subject", "object"):
        ref = a.get(end)
        if ref not in (None, "") and str(ref) not in ids:
            raise ImportFailed(f"{where}: {end} {ref!r} is not an entity of the file")
    if not a.get("subject"):
        raise ImportFailed(f"{where}: an assertion needs a subject")
    pred = a.get("predicate") or None
    if pred is not None and pred not in schema.relation_types:
        raise ImportFailed(
            f"{where}: unknown relation type {pred!r}; known: {', '.join(schema.relation_types)}"
        )
    if pred is not None and not a.get("object"):
        raise ImportFailed(f"{where}: relation {pred!r} needs an object")
    if a.get("qualifier"):
        if pred is None:
            raise ImportFailed(f"{where}: an entity assertion takes no qualifier (only relations do)")
        try:
            schema.check_qualifier(pred, a["qualifier"])
        except ValueError as exc:
            raise ImportFailed(f"{where}: {exc}") from None
    for end in ("valid_from_bound", "valid_to_bound"):
        if (a.get(end) or "") not in BOUNDS:
            raise ImportFailed(f"{where}: {end} {a[end]!r} is not one of 'after', 'before' or empty")
    if (a.get("modality") or "asserted") not in schema.modalities:
        raise ImportFailed(f"{where}: unknown modality {a.get('modality')!r}")
    if (a.get("status") or "candidate") not in schema.statuses:
        raise ImportFailed(f"{where}: unknown status {a.get('status')!r}")
    _grade(schema, a.get("reliability") or "F", a.get("credibility") or "6", where)
    if not a.get("spans"):
        raise ImportFailed(f"{where}: an assertion needs at least one evidence span")
    for sp in a["spans"]:
        where = _where(sp, where)
        text = texts.get(str(sp.get("source")))
        if text is None:
            raise ImportFailed(f"{where}: evidence names unknown source {sp.get('source')!r}")
        try:
            start, stop = int(sp["start"]), int(sp["end"])
        except (KeyError, TypeError, ValueError):
            raise ImportFailed(f"{where}: evidence span needs integer start and end") from None
        if not 0 <= start < stop <= len(text):
            raise ImportFailed(f"{where}: evidence span {start}:{stop} is outside source {sp['source']!r}")
        if sp.get("quote") and sp["quote"] != text[start:stop]:
            raise ImportFailed(
                f"{where}: evidence quote does not match source {sp['source']!r} at {start}:{stop}"
            )


def _grade(schema: Any, rel: str, cred: str, where: str) -> None:
    try:
        schema.check_grade(rel, cred)
    except KeyError as exc:
        raise ImportFailed(f"{where}: {exc.args[0]}") from None


def write_bundle(
    store: Any,
    b: Bundle,
    *,
    case: str | None = None,
    replace: bool = False,
    status: str | None = None,
    discard_judgements: bool = False,
) -> dict[str, Any]:
    """Write a checked bundle into case ``case`` (default: the bundle's) in one transaction.

    An existing case is added to, or emptied first when ``replace`` - which, like
    ``orgmap load``, refuses to drop analysts' judgements unless ``discard_judgements``.
    ``status`` overrides every assertion's status. Writing the same bundle again adds
    nothing: sources are matched by content, entities by type, name and key, assertions
    by statement and evidence. Returns counts of what the file holds and of what was new.
    """
    name = case or b.case
    texts = _check(store, b)
    try:
        with store.transaction():
            existing = store.case_id(name, missing_ok=True)
            if replace and existing is not None:
                judged = store.judgement_count(existing)
                if judged and not discard_judgements:
                    raise ImportFailed(
                        f"case {name!r} in the store carries {judged} analyst judgement(s); "
                        "--replace would discard them - export it first, or pass "
                        "--discard-judgements"
                    )
                store.delete_case(name)
            case_id = store.ensure_case(name, title=b.title)
            store.lock_case(case_id)
            sid = {}
            for i, s in enumerate(b.sources):
                with _record(_where(s, f"{b.origin} source {i + 1}")):
                    sid[str(s["source"])] = store.add_source(
                        case_id,
                        Source(
                            text=texts[str(s["source"])],
                            key=str(s["source"]),
                            title=s.get("title") or "",
                            author=s.get("author") or "",
                            publisher=s.get("publisher") or "",
                            published=s.get("published") or "",
                            origin=s.get("origin") or "",
                            kind=s.get("kind") or "import",
                            reliability=s.get("reliability") or "F",
                            media_type=s.get("media_type") or "text/plain",
                            metadata=s.get("metadata") or {},
                        ),
                    )
            known: dict[tuple[str, str, str], int] = {}
            for e in store.entities(case_id, include_merged=True):  # oldest first: a re-run finds these
                known.setdefault((e.type, e.name, e.key), e.id)
            eid: dict[str, Any] = {}
            fresh: dict[tuple[str, str, str], Entity] = {}
            for i, e in enumerate(b.entities):
                with _record(_where(e, f"{b.origin} entity {i + 1}")):
                    entity = Entity(
                        e["type"],
                        str(e["name"]).strip(),
                        aliases=[str(x) for x in e.get("aliases") or []],
                        attributes=dict(e.get("attributes") or {}),
                        key=str(e.get("key") or ""),
                    )
                    ident = (entity.type, entity.name, entity.key)
                    if ident not in known:
                        fresh.setdefault(ident, entity)
                    eid[str(e["id"])] = ident
            known.update(zip(fresh, bulk_add_entities(store, case_id, list(fresh.values()))))  # one insert
            eid = {k: known[ident] for k, ident in eid.items()}
            new_entities = len(fresh)
            batch = []
            for i, a in enumerate(b.assertions):
                where = _where(a, f"{b.origin} assertion {i + 1}")
                with _record(where):
                    batch.append(_assertion(a, eid, sid, status, where))
            before = len(store.assertions(case_id))
            store.add_assertions(case_id, batch, reuse=True)
            new_assertions = len(store.assertions(case_id)) - before
    except ImportFailed:
        raise
    except StoreError as exc:
        raise ImportFailed(f"{b.origin}: {exc}") from None
    return {
        "case": name,
        "sources": len(b.sources),
        "entities": len(b.entities),
        "assertions": len(b.assertions),
        "skipped": b.skipped,
        "new_entities": new_entities,
        "new_assertions": new_assertions,
    }


def _assertion(
    a: dict[str, Any], eid: dict[str, int], sid: dict[str, int], status: str | None, where: str
) -> Assertion:
    score = a.get("score")
    return Assertion(
        subject_id=eid[str(a["subject"])],
        predicate=a.get("predicate") or None,
        object_id=eid[str(a["object"])] if a.get("object") else None,
        evidence=[Evidence(sid[str(sp["source"])], int(sp["start"]), int(sp["end"])) for sp in a["spans"]],
        attribution=a.get("attribution") or "",
        modality=a.get("modality") or "asserted",
        valid_from=parse_day(a.get("valid_from"), where),
        valid_to=parse_day(a.get("valid_to"), where, last=True),
        valid_from_bound=a.get("valid_from_bound") or "",
        valid_to_bound=a.get("valid_to_bound") or "",
        valid_text=a.get("valid_text") or "",
        reported_on=parse_day(a.get("reported_on"), where),
        reliability=a.get("reliability") or "F",
        credibility=str(a.get("credibility") or "6"),
        status=status or a.get("status") or "candidate",
        score=float(score) if score not in (None, "") else None,
        origin="imported",
        note=a.get("note") or "",
        key=a.get("key") or "",
        qualifier=a.get("qualifier") or None,
    )
