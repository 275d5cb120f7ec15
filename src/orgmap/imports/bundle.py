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

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import StoreError, content_hash
from orgmap.store.bulk import bulk_add_entities

__all__ = ["Bundle", "ImportFailed", "parse_day", "write_bundle"]


class ImportFailed(StoreError):
    """An import file that cannot be taken in; the message says where and why."""


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
    """``YYYY[-MM[-DD]]`` (or a date) → a date; a period gives its first day (last if ``last``)."""
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
        key = str(s.get("source") or "")
        if not key:
            raise ImportFailed(f"{where}: a source needs an id")
        text = s.get("text")
        if not isinstance(text, str) or not text:
            raise ImportFailed(f"{where}: source {key!r} has no text")
        if s.get("sha256") and s["sha256"] != content_hash(text):
            raise ImportFailed(f"{where}: source {key!r} text does not match its sha256")
        _grade(schema, s.get("reliability") or "F", "6", where)
        texts[key] = text
    ids = set()
    for i, e in enumerate(b.entities):
        where = _where(e, f"{b.origin} entity {i + 1}")
        if not e.get("id") or not str(e.get("name") or "").strip():
            raise ImportFailed(f"{where}: an entity needs an id and a name")
        if e.get("type") not in schema.entity_types:
            raise ImportFailed(f"{where}: entity {e['id']!r} has unknown type {e.get('type')!r}; "
                               f"known: {', '.join(schema.entity_types)}")
        ids.add(str(e["id"]))
    for i, a in enumerate(b.assertions):
        where = _where(a, f"{b.origin} assertion {i + 1}")
        for end in ("subject", "object"):
            ref = a.get(end)
            if ref not in (None, "") and str(ref) not in ids:
                raise ImportFailed(f"{where}: {end} {ref!r} is not an entity of the file")
        if not a.get("subject"):
            raise ImportFailed(f"{where}: an assertion needs a subject")
        pred = a.get("predicate") or None
        if pred is not None and pred not in schema.relation_types:
            raise ImportFailed(f"{where}: unknown relation type {pred!r}; known: {', '.join(schema.relation_types)}")
        if pred is not None and not a.get("object"):
            raise ImportFailed(f"{where}: relation {pred!r} needs an object")
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
                raise ImportFailed(f"{where}: evidence quote does not match source {sp['source']!r} "
                                   f"at {start}:{stop}")
    return texts


def _grade(schema: Any, rel: str, cred: str, where: str) -> None:
    try:
        schema.check_grade(rel, cred)
    except KeyError as exc:
        raise ImportFailed(f"{where}: {exc.args[0]}") from None


def write_bundle(store: Any, b: Bundle, *, case: str | None = None, replace: bool = False,
                 status: str | None = None) -> dict[str, Any]:
    """Write a checked bundle into case ``case`` (default: the bundle's) in one transaction.

    An existing case is added to, or emptied first when ``replace``; ``status`` overrides
    every assertion's status. Returns counts of what was written.
    """
    name = case or b.case
    texts = _check(store, b)
    try:
        with store.transaction():
            if replace and store.case_id(name, missing_ok=True) is not None:
                store.delete_case(name)
            case_id = store.ensure_case(name, title=b.title)
            sid = {}
            for s in b.sources:
                sid[str(s["source"])] = store.add_source(case_id, Source(
                    text=texts[str(s["source"])], key=str(s["source"]), title=s.get("title") or "",
                    author=s.get("author") or "", publisher=s.get("publisher") or "",
                    published=s.get("published") or "", origin=s.get("origin") or "",
                    kind=s.get("kind") or "import", reliability=s.get("reliability") or "F",
                    media_type=s.get("media_type") or "text/plain", metadata=s.get("metadata") or {}))
            new = [Entity(e["type"], str(e["name"]).strip(), aliases=[str(x) for x in e.get("aliases") or []],
                          attributes=dict(e.get("attributes") or {}), key=str(e.get("key") or ""))
                   for e in b.entities]
            eid = dict(zip((str(e["id"]) for e in b.entities), bulk_add_entities(store, case_id, new)))
            batch = [_assertion(a, eid, sid, status, _where(a, f"{b.origin} assertion {i + 1}"))
                     for i, a in enumerate(b.assertions)]
            store.add_assertions(case_id, batch)
    except ImportFailed:
        raise
    except StoreError as exc:
        raise ImportFailed(f"{b.origin}: {exc}") from None
    return {"case": name, "sources": len(b.sources), "entities": len(b.entities),
            "assertions": len(b.assertions), "skipped": b.skipped}


def _assertion(a: dict[str, Any], eid: dict[str, int], sid: dict[str, int], status: str | None,
               where: str) -> Assertion:
    score = a.get("score")
    return Assertion(
        subject_id=eid[str(a["subject"])], predicate=a.get("predicate") or None,
        object_id=eid[str(a["object"])] if a.get("object") else None,
        evidence=[Evidence(sid[str(sp["source"])], int(sp["start"]), int(sp["end"])) for sp in a["spans"]],
        attribution=a.get("attribution") or "", modality=a.get("modality") or "asserted",
        valid_from=parse_day(a.get("valid_from"), where),
        valid_to=parse_day(a.get("valid_to"), where, last=True),
        valid_text=a.get("valid_text") or "", reported_on=parse_day(a.get("reported_on"), where),
        reliability=a.get("reliability") or "F", credibility=str(a.get("credibility") or "6"),
        status=status or a.get("status") or "candidate",
        score=float(score) if score not in (None, "") else None,
        origin="imported", note=a.get("note") or "", key=a.get("key") or "",
    )
