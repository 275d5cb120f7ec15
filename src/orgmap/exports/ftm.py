"""FollowTheMoney entities as JSON lines, for Aleph, OpenSanctions tools and ``ftm`` itself.

Entities become the FtM schema the vocabulary names (``exports.ftm``: Person,
Organization, Address, Event). Each relation assertion becomes the relationship
schema its type names (Directorship, Membership, Associate, Succession, Payment, ...)
when both ends fit that schema's ranges, else an ``UnknownLink`` whose ``role`` is the
relation type. Provenance travels in FtM's own properties: ``summary`` holds the
evidence quote(s), ``description`` the layer, modality, grade, status and attribution,
``publisher``/``sourceUrl`` the source, ``recordId`` the assertion, and ``proof`` points
to a ``PlainText`` entity per source whose ``bodyText`` is the source text.

FtM has no way to say a relation is *not* so (a ``Directorship`` is read as a
directorship whatever its ``status``), so denied relations are left out and counted in
the returned notes. ``part_of`` (X is a sub-unit of Y) maps to ``Ownership`` with Y as
the owner and X as the asset, when X is an FtM ``Asset``. A relation's qualifier picks
the schema its vocabulary entry names (``personal_tie`` family → ``Family``, associate →
``Associate``; ``manages`` ownership → ``Ownership`` with X the owner, direction →
``Directorship``), is written as the ``relationship`` of a Family or Associate, and
recorded in ``description`` ("kind family") so that an import restores it. An
organization something owns (kind ownership) is written as a ``Company``, the
``Organization`` that FtM lets be an ``Ownership`` asset.

>>> from orgmap.store import Store
>>> store = Store.open(":memory:")
>>> ftm_entities(store, store.ensure_case("empty"))
[]
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from orgmap.exports.ftm_model import EDGE_ENDS, OBJECT_FIRST, is_a, properties
from orgmap.exports.snapshot import Item, Snapshot, denials_note, iso, take_snapshot
from orgmap.model import stored_id

__all__ = ["entity_id", "ftm_entities", "iter_ftm", "write_ftm"]

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def entity_id(case: str, kind: str, record_id: int) -> str:
    """A stable FtM id: ``orgmap-`` + a short hash of the case name, + kind and store id.

    >>> entity_id("qods-force", "e", 7) == "orgmap-" + hashlib.sha1(b"qods-force").hexdigest()[:8] + "-e7"
    True
    >>> entity_id("qods-force", "e", 7) == entity_id("other", "e", 7)  # ids differ by case
    False
    """
    return f"orgmap-{hashlib.sha1(case.encode('utf-8')).hexdigest()[:8]}-{kind}{record_id}"


def _put(props: dict[str, list[str]], name: str, *values: Any) -> None:
    clean = [str(v) for v in values if v not in (None, "")]
    if clean:
        props.setdefault(name, []).extend(v for v in clean if v not in props.get(name, []))


def _schema_for(store: Any, item: Item, schema_of: dict[int, str]) -> str:
    a = item.assertion
    wanted = store.schema.export_of(a.predicate, a.qualifier, "ftm", "UnknownLink")
    ends = EDGE_ENDS.get(wanted)
    if ends is None:
        return "UnknownLink"
    ranges = properties(wanted)
    first, second = stored_id(item.subject), stored_id(item.target)
    if (wanted, a.predicate) in OBJECT_FIRST:
        first, second = second, first
    if is_a(schema_of[first], ranges[ends[0]]) and is_a(schema_of[second], ranges[ends[1]]):
        return wanted
    return "UnknownLink"


def _relationship(
    store: Any, snap: Snapshot, item: Item, schema_of: dict[int, str], doc_ids: dict[int, str]
) -> dict[str, Any]:
    a = item.assertion
    schema = _schema_for(store, item, schema_of)
    subj_prop, obj_prop = EDGE_ENDS[schema]
    if (schema, a.predicate) in OBJECT_FIRST:
        subj_prop, obj_prop = obj_prop, subj_prop
    props: dict[str, list[str]] = {}
    _put(props, subj_prop, entity_id(snap.case, "e", stored_id(item.subject)))
    _put(props, obj_prop, entity_id(snap.case, "e", stored_id(item.target)))
    if "role" in properties(schema):
        _put(props, "role", a.predicate)
    elif "relationship" in properties(schema):  # Family, Associate: the kind when the text says it
        _put(props, "relationship", a.qualifier or a.predicate)
    _put(props, "startDate", iso(a.valid_from))
    _put(props, "endDate", iso(a.valid_to))
    _put(props, "summary", *[ev.quote for ev in a.evidence])
    _put(
        props,
        "description",
        f"orgmap {a.predicate} ({item.layer} layer); modality {a.modality}; "
        f"grade {a.grade}; status {a.status}"
        + (f"; kind {a.qualifier}" if a.qualifier else "")
        + (f"; attribution: {a.attribution}" if a.attribution else ""),
    )
    _put(props, "recordId", a.key or f"a{a.id}")
    by_id = {s.id: s for s in snap.sources}
    for ev in a.evidence:
        src = by_id[ev.source_id]
        _put(props, "publisher", src.publisher)
        if src.origin.startswith(("http://", "https://")):
            _put(props, "sourceUrl", src.origin)
        _put(props, "proof", doc_ids[stored_id(src)])
    return {"id": entity_id(snap.case, "a", stored_id(a)), "schema": schema, "properties": props}


def _owned(store: Any, snap: Snapshot) -> set[int]:
    """Organizations that are the asset of an ownership (FtM: an Ownership asset must be an Asset)."""
    return {
        stored_id(item.target)
        for item in snap.ties
        if item.assertion.qualifier
        and store.schema.export_of(item.assertion.predicate, item.assertion.qualifier, "ftm") == "Ownership"
        and ("Ownership", item.assertion.predicate) not in OBJECT_FIRST
    }


def iter_ftm(
    store: Any, case_id: int, status: str | None = "accepted", snap: Snapshot | None = None
) -> Iterator[dict[str, Any]]:
    """FtM entity dicts: source documents, then entities, then relationships (denials left out)."""
    snap = snap or take_snapshot(store, case_id, status)
    doc_ids: dict[int, str] = {}
    for s in snap.sources:
        doc_ids[stored_id(s)] = entity_id(snap.case, "s", stored_id(s))
        props: dict[str, list[str]] = {}
        _put(props, "title", s.title or snap.source_key[stored_id(s)])
        _put(props, "fileName", snap.source_key[stored_id(s)])
        _put(props, "author", s.author)
        _put(props, "publisher", s.publisher)
        _put(props, "publishedAt", s.published)
        _put(props, "contentHash", s.content_hash)
        _put(props, "mimeType", s.media_type)
        _put(props, "bodyText", s.text)
        if s.origin.startswith(("http://", "https://")):
            _put(props, "sourceUrl", s.origin)
        yield {"id": doc_ids[stored_id(s)], "schema": "PlainText", "properties": props}
    schema_of = {}
    owned = _owned(store, snap)
    for e in snap.entities:
        schema = store.schema.entity_type(e.type).exports.get("ftm", "Thing")
        if stored_id(e) in owned and schema == "Organization":
            schema = "Company"
        schema_of[stored_id(e)] = schema
        props = {}
        _put(props, "name", e.name)
        _put(props, "alias", *e.aliases)
        if schema == "Event" and _ISO_DATE.match(str(e.attributes.get("date", ""))):
            _put(props, "date", str(e.attributes["date"]))
        if schema == "Address":
            _put(props, "full", e.name)
        yield {"id": entity_id(snap.case, "e", stored_id(e)), "schema": schema, "properties": props}
    for item in snap.ties:
        yield _relationship(store, snap, item, schema_of, doc_ids)


def ftm_entities(store: Any, case_id: int, status: str | None = "accepted") -> list[dict[str, Any]]:
    return list(iter_ftm(store, case_id, status))


def write_ftm(store: Any, case_id: int, out: Path | None, status: str | None = "accepted") -> list[str]:
    from orgmap.exports import write_text

    snap = take_snapshot(store, case_id, status)
    lines = [
        json.dumps(e, ensure_ascii=False, sort_keys=True) for e in iter_ftm(store, case_id, status, snap)
    ]
    write_text("".join(line + "\n" for line in lines), out)
    return denials_note(snap, "FtM")
