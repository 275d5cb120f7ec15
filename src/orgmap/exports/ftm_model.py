"""The FollowTheMoney model as data: every schema, its parents and its properties' ranges.

``ftm_schemata.json`` beside this module was generated from ``followthemoney==4.11.2``
(``model.schemata``: each schema's parents and own properties, a property's range being
the schema it refers to or ``null`` for a value); the test suite checks it against the
library. Checking entities with this table is exact for that version and needs neither
the library nor its slow per-entity proxies at run time.

>>> check_entity({"id": "x", "schema": "Person", "properties": {"name": ["Ali"]}})
[]
>>> check_entity({"id": "x", "schema": "Person", "properties": {"colour": ["red"]}})
["entity 'x': Person has no property 'colour'"]
>>> len(SCHEMATA), is_a("Company", "Asset")
(71, True)
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "EDGE_ENDS",
    "FTM_VERSION",
    "OBJECT_FIRST",
    "SCHEMATA",
    "ancestors",
    "check_entity",
    "is_a",
    "properties",
]

_DATA = json.loads((Path(__file__).with_name("ftm_schemata.json")).read_text(encoding="utf-8"))
FTM_VERSION: str = _DATA["followthemoney"]
SCHEMATA: dict[str, dict[str, Any]] = _DATA["schemata"]

# relationship schema -> (property for the assertion's subject, property for its object)
EDGE_ENDS: dict[str, tuple[str, str]] = {
    "Membership": ("member", "organization"),
    "Directorship": ("director", "organization"),
    "Associate": ("person", "associate"),
    "Family": ("person", "relative"),
    "Ownership": ("owner", "asset"),
    "Succession": ("successor", "predecessor"),
    "Payment": ("payer", "beneficiary"),
    "UnknownLink": ("subject", "object"),
    "Representation": ("agent", "client"),
    "Occupancy": ("holder", "post"),
}
# (schema, relation type) whose first end is the orgmap *object*: "X part_of Y" is an Ownership
# with owner Y, asset X; "X manages Y" (kind ownership) is one with owner X, asset Y
OBJECT_FIRST = {("Ownership", "part_of")}


@cache
def _ancestors(schema: str) -> tuple[str, ...]:
    out, todo = [], [schema]
    while todo:
        name = todo.pop(0)
        if name not in out:
            out.append(name)
            todo.extend(SCHEMATA[name]["parents"])
    return tuple(out)


def ancestors(schema: str) -> list[str]:
    """``schema`` and every schema it extends, nearest first.

    >>> ancestors("Person")
    ['Person', 'LegalEntity', 'Thing']
    >>> "Organization" in ancestors("Company") and "Asset" in ancestors("Company")
    True
    """
    return list(_ancestors(schema))


def is_a(schema: str, parent: str | None) -> bool:
    return schema in SCHEMATA and parent in ancestors(schema)


def properties(schema: str) -> dict[str, str | None]:
    """Every property of ``schema`` (inherited ones included) with its range.

    >>> properties("Ownership")["owner"], properties("Ownership")["asset"]
    ('LegalEntity', 'Asset')
    """
    return dict(_properties(schema))


@cache
def _properties(schema: str) -> tuple[tuple[str, str | None], ...]:
    out: dict[str, str | None] = {}
    for name in reversed(_ancestors(schema)):
        out.update(SCHEMATA[name]["props"])
    return tuple(out.items())


def check_entity(entity: Any, known_ids: set[str] | None = None) -> list[str]:
    """Problems with one FtM entity dict (``[]`` when fine); references are checked if ``known_ids``.

    >>> check_entity({"id": "x1", "schema": "Person", "properties": {"name": ["Ali"]}})
    []
    >>> check_entity({"id": "x1", "schema": "Persona"})
    ["entity 'x1': unknown FtM schema 'Persona'"]
    """
    if not isinstance(entity, dict) or not entity.get("id"):
        return ["an FtM entity needs an 'id'"]
    eid, schema = entity["id"], entity.get("schema")
    if not isinstance(schema, str) or schema not in SCHEMATA:
        return [f"entity {eid!r}: unknown FtM schema {schema!r}"]
    props = entity.get("properties", {})
    if not isinstance(props, dict):
        return [f"entity {eid!r}: 'properties' must be an object"]
    allowed = dict(_properties(schema))
    problems = []
    for name, values in props.items():
        if name not in allowed:
            problems.append(f"entity {eid!r}: {schema} has no property {name!r}")
        elif not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.append(f"entity {eid!r}: property {name!r} must be a list of strings")
        elif allowed[name] and known_ids is not None:
            problems += [
                f"entity {eid!r}: {name} refers to unknown entity {v!r}" for v in values if v not in known_ids
            ]
    return problems
