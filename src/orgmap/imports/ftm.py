"""Import a FollowTheMoney entity stream (JSON lines, e.g. OpenSanctions data) as sourced assertions.

The file itself becomes a source (kind ``import``); every entity and relationship
becomes an assertion whose evidence is its own line of the file, or, when it has a
``summary`` found in the ``bodyText`` of a document it cites as ``proof``, that span of
the document (how ``orgmap export --format ftm`` output comes back). Schemata map to
entity types through the vocabulary's ``ftm`` exports, relationships through
:data:`RELATIONSHIPS`; a relationship's ``role`` names the relation type when it is one
(orgmap's own export). A relationship schema that a qualifier of the type exports to
sets that qualifier (``Family`` → ``personal_tie`` kind family, ``Ownership`` → ``manages``
kind ownership); orgmap's own export restores the kind it recorded ("kind family" in
``description``). A relation whose ends do not have the types the relation type
allows (an event cannot own or direct anything) is skipped and counted, as are
the FollowTheMoney schemata orgmap has no type for (Vessel, BankAccount, Sanction, Note,
...). A schema FollowTheMoney does not have, an unknown property, bad JSON or a dangling
reference stops the import with file, line and id. Lines end at ``\n`` only: U+2028,
U+2029 and U+0085 inside a JSON string are text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from orgmap.casefile.spans import find_span
from orgmap.exports.ftm_model import EDGE_ENDS, OBJECT_FIRST, check_entity, is_a
from orgmap.imports.bundle import Bundle, ImportFailed, parse_day
from orgmap.schema import Schema, load_schema

__all__ = ["RELATIONSHIPS", "entity_type_for", "read_ftm", "relation_for"]

# FtM relationship schema -> the orgmap relation type it states when its role is not one.
# A Directorship says "director of", which is membership of the board, not heading it; an
# owner manages what it owns (docs/annotation-guide.md: "owned or controlled by P" -> P manages).
RELATIONSHIPS = {
    "Directorship": "member_of",
    "Membership": "member_of",
    "Ownership": "manages",
    "Associate": "personal_tie",
    "Family": "personal_tie",
    "Succession": "succeeded",
    "Payment": "funds",
}


def entity_type_for(schema: Schema, ftm_schema: str) -> str | None:
    """The vocabulary entity type an FtM schema falls under (Company → organization), or None.

    >>> from orgmap.schema import load_schema
    >>> entity_type_for(load_schema(), "Company"), entity_type_for(load_schema(), "Person")
    ('organization', 'person')
    """
    for name, etype in schema.entity_types.items():
        target = etype.exports.get("ftm")
        if target and is_a(ftm_schema, target):
            return name
    return None


def relation_for(schema: Schema, ftm_schema: str, role: str | None) -> str | None:
    """The relation type of an FtM relationship: its ``role`` if that is a type, else :data:`RELATIONSHIPS`.

    >>> from orgmap.schema import load_schema
    >>> s = load_schema()
    >>> relation_for(s, "Directorship", "Director"), relation_for(s, "Directorship", "deputy_of")
    ('member_of', 'deputy_of')
    """
    if role in schema.relation_types:
        return role
    return RELATIONSHIPS.get(ftm_schema)


# the description orgmap's FtM export writes: "orgmap leads (formal layer); modality hedged; ..."
_OWN_DESCRIPTION = re.compile(r"^orgmap \w+ \(\w* ?layer\); modality (\w+);")


_OWN_KIND = re.compile(r"; status \w+; kind (\w+)(;|$)")  # before the attribution, which is free text


def _qualifier(schema: Schema, predicate: str, ftm_schema: str, props: dict[str, list[str]]) -> str | None:
    """The kind orgmap's own export recorded; for anyone else's data, the one the FtM schema implies.

    >>> s = load_schema()
    >>> _qualifier(s, "personal_tie", "Family", {"relationship": ["sister"]})
    'family'
    >>> own = "orgmap personal_tie (informal layer); modality asserted; grade F6; status accepted"
    >>> _qualifier(s, "personal_tie", "Associate", {"description": [own]}) is None
    True
    >>> _qualifier(s, "personal_tie", "Associate", {"description": [own + "; kind family"]})
    'family'
    """
    own = [text for text in props.get("description", []) if _OWN_DESCRIPTION.match(text)]
    if own:
        found = _OWN_KIND.search(own[0])
        kind = found.group(1) if found else None
        return kind if kind in schema.relation(predicate).qualifiers else None
    return schema.qualifier_for_export(predicate, "ftm", ftm_schema)


def _modality(schema: Schema, props: dict[str, list[str]]) -> str:
    """The modality orgmap's own export recorded in ``description``; ``asserted`` for anyone else's data."""
    for text in props.get("description", []):
        found = _OWN_DESCRIPTION.match(text)
        if found and found.group(1) in schema.modalities:
            return found.group(1)
    return "asserted"


def _lines(path: Path) -> tuple[str, list[tuple[int, int, int, dict[str, Any]]]]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{path.name}: not UTF-8 text (byte {exc.start})") from None
    out, pos = [], 0
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): U+2028 is text
        start, body = pos, line.rstrip("\r")
        pos += len(line) + 1
        if not body.strip():
            continue
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            if number == 1 and _is_model_json(text):
                raise ImportFailed(
                    f"{path.name}: this is orgmap's JSON export, which cannot be imported "
                    "(it has no source texts for evidence); import the GraphML or CSV "
                    "export"
                ) from None
            raise ImportFailed(f"{path.name}: line {number}: not a JSON entity ({exc.msg})") from None
        except RecursionError:
            raise ImportFailed(f"{path.name}: line {number}: JSON nested too deeply") from None
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("id"), str)
            or not isinstance(data.get("schema"), str)
        ):
            raise ImportFailed(
                f"{path.name}: line {number}: an FtM entity is an object with text 'id' and 'schema'"
            )
        problems = check_entity(data)
        if problems:
            raise ImportFailed(f"{path.name}: line {number}: {problems[0]}")
        out.append((number, start, start + len(body), data))
    if not out:
        raise ImportFailed(f"{path.name}: no FtM entities in the file")
    return text, out


def _is_model_json(text: str) -> bool:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        return False
    return isinstance(doc, dict) and {"entities", "relations", "sources"} <= set(doc)


def read_ftm(
    path: Path, *, reliability: str = "F", credibility: str = "6", schema: Schema | None = None
) -> Bundle:
    """Parse an FtM JSON-lines file into a :class:`Bundle` (nothing written yet)."""
    schema = schema or load_schema()
    path = Path(path)
    text, rows = _lines(path)
    bundle = Bundle(case=path.stem.split(".")[0], origin=path.name, title=f"FtM import of {path.name}")
    bundle.sources.append(
        {
            "source": path.name,
            "text": text,
            "title": path.name,
            "origin": str(path),
            "kind": "import",
            "media_type": "application/x-ndjson",
            "reliability": reliability,
        }
    )
    merged: dict[str, tuple[int, int, int, dict[str, Any]]] = {}
    for number, start, end, data in rows:
        if data["id"] in merged:
            first = merged[data["id"]][3]
            if first["schema"] != data["schema"]:
                raise ImportFailed(
                    f"{path.name}: line {number}: entity {data['id']!r} appears again as "
                    f"{data['schema']}, first as {first['schema']}"
                )
            for k, vs in data.get("properties", {}).items():
                first.setdefault("properties", {}).setdefault(k, []).extend(vs)
        else:
            merged[data["id"]] = (number, start, end, data)
    grade = {"reliability": reliability, "credibility": credibility}
    docs, kept, skipped = {}, set(), 0
    for eid, (number, start, end, data) in merged.items():
        props, where = data.get("properties", {}), f"{path.name}: line {number}"
        line_span = [{"source": path.name, "start": start, "end": end}]
        if is_a(data["schema"], "Document") and props.get("bodyText"):
            docs[eid] = props["bodyText"][0]
            bundle.sources.append(
                {
                    "source": eid,
                    "text": docs[eid],
                    "title": (props.get("title") or [""])[0],
                    "author": (props.get("author") or [""])[0],
                    "publisher": (props.get("publisher") or [""])[0],
                    "published": (props.get("publishedAt") or [""])[0],
                    "kind": "document",
                    "reliability": reliability,
                    "_where": where,
                }
            )
            continue
        etype = entity_type_for(schema, data["schema"])
        if etype is None:
            continue
        names = props.get("name") or props.get("full") or []
        if not names:
            raise ImportFailed(f"{where}: entity {eid!r} ({data['schema']}) has no name")
        attributes = {"ftm_id": eid, "ftm_schema": data["schema"]}
        if props.get("date"):
            attributes["date"] = props["date"][0]
        bundle.entities.append(
            {
                "id": eid,
                "type": etype,
                "name": names[0],
                "_where": where,
                "aliases": [*names[1:], *props.get("alias", [])],
                "attributes": attributes,
            }
        )
        kept.add(eid)
        bundle.assertions.append({"subject": eid, "spans": line_span, "_where": where, **grade})
    types = {e["id"]: e["type"] for e in bundle.entities}
    for eid, (number, start, end, data) in merged.items():
        if data["schema"] not in EDGE_ENDS:
            if eid not in kept and eid not in docs:
                skipped += 1
            continue
        props, where = data.get("properties", {}), f"{path.name}: line {number}"
        role = (props.get("role") or props.get("relationship") or [None])[0]
        predicate = relation_for(schema, data["schema"], role)
        ends = [(props.get(p) or [None])[0] for p in EDGE_ENDS[data["schema"]]]
        for p, ref in zip(EDGE_ENDS[data["schema"]], ends):
            if ref is None:
                raise ImportFailed(f"{where}: entity {eid!r}: {data['schema']} needs a {p!r}")
            if ref not in merged:
                raise ImportFailed(f"{where}: entity {eid!r}: {p} refers to unknown entity {ref!r}")
        if (
            data["schema"],
            predicate,
        ) in OBJECT_FIRST:  # Ownership as part_of: the asset is part of its owner
            ends.reverse()
        if (
            predicate is None
            or not all(ref in kept for ref in ends)
            or not schema.allows(predicate, types[ends[0]], types[ends[1]])
        ):
            skipped += 1
            continue
        bundle.assertions.append(
            {
                "subject": ends[0],
                "predicate": predicate,
                "object": ends[1],
                "_where": where,
                **grade,
                "spans": _evidence(props, docs) or [{"source": path.name, "start": start, "end": end}],
                "valid_from": parse_day((props.get("startDate") or [None])[0], where),
                "valid_to": parse_day((props.get("endDate") or [None])[0], where, last=True),
                "attribution": "; ".join(props.get("publisher", [])),
                "modality": _modality(schema, props),
                "qualifier": _qualifier(schema, predicate, data["schema"], props),
                "key": (props.get("recordId") or [eid])[0],
            }
        )
    bundle.skipped = skipped
    return bundle


def _evidence(props: dict[str, list[str]], docs: dict[str, str]) -> list[dict[str, Any]]:
    """Spans of the ``summary`` quotes in the ``proof`` documents, when every quote is found."""
    spans = []
    for quote in props.get("summary", []):
        for doc in props.get("proof", []):
            found = find_span(docs.get(doc, ""), quote) if doc in docs else None
            if found:
                spans.append({"source": doc, "start": found[0], "end": found[1]})
                break
        else:
            return []
    return spans
