"""The vocabulary as data: entity types, relation types, layers, modalities, grades.

The vocabulary lives in ``vocabulary.yaml`` beside this module; :func:`load_schema`
reads it (or another file of the same shape) into a frozen :class:`Schema`.

>>> schema = load_schema()
>>> schema.relation("leads").layer
'formal'
>>> schema.relation("personal_tie").symmetric
True
>>> schema.unknown_grade
('F', '6')
>>> list(schema.relation("personal_tie").qualifiers)
['family', 'associate']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "DEFAULT_PATH",
    "EntityType",
    "Grade",
    "Layer",
    "Modality",
    "Qualifier",
    "RelationType",
    "Roles",
    "Schema",
    "SchemaError",
    "load_schema",
]

DEFAULT_PATH = Path(__file__).with_name("vocabulary.yaml")


class SchemaError(ValueError):
    """A schema file that cannot be used; the message names the file and the key."""

    def __init__(self, path: Path | str, key: str, problem: str):
        self.path, self.key, self.problem = str(path), key, problem
        super().__init__(f"{path}: {key}: {problem}")


@dataclass(frozen=True)
class Layer:
    name: str
    definition: str


@dataclass(frozen=True)
class EntityType:
    name: str
    definition: str
    examples: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    exports: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Qualifier:
    """A kind of a relation type that a text can make explicit (``personal_tie`` kind ``family``)."""

    name: str
    definition: str
    cues: tuple[str, ...] = ()
    exports: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RelationType:
    name: str
    layer: str
    definition: str
    example: str
    source_types: tuple[str, ...]
    target_types: tuple[str, ...]
    symmetric: bool = False
    exports: Mapping[str, str] = field(default_factory=dict)
    above: str = ""  # "source" or "target": which end ranks higher in an organigram ("" = no rank)
    qualifiers: Mapping[str, Qualifier] = field(default_factory=dict)


@dataclass(frozen=True)
class Modality:
    name: str
    definition: str
    weight: float


@dataclass(frozen=True)
class Grade:
    code: str
    label: str
    weight: float
    rank: int  # 0 is the best grade


@dataclass(frozen=True)
class Roles:
    """What the analyses take parts of the vocabulary to mean (``roles:`` in the file).

    >>> roles = load_schema().roles
    >>> roles.command_layer, roles.heads, roles.group_relations
    ('formal', ('leads',), ('leads', 'deputy_of', 'member_of', 'part_of'))
    """

    command_layer: str  # the chain of command
    ties_layer: str  # the personal web
    conflict_layer: str  # rivalry and attacks
    event_layer: str  # dated happenings
    individual: str  # entity type of one human actor
    body: str  # entity type of formal bodies
    heads: tuple[str, ...]
    deputies: tuple[str, ...]
    unit_of: tuple[str, ...]
    membership: tuple[str, ...]
    posts: tuple[str, ...]
    affiliation: tuple[str, ...]
    rivalry: tuple[str, ...]
    backing: tuple[str, ...]

    @property
    def group_relations(self) -> tuple[str, ...]:
        """Relation types that make an actor part of an organization: heads, deputies, members, units."""
        return tuple(dict.fromkeys((*self.heads, *self.deputies, *self.membership, *self.unit_of)))


_ROLE_LAYERS = ("command_layer", "ties_layer", "conflict_layer", "event_layer")
_ROLE_ENTITY_TYPES = ("individual", "body")
_ROLE_RELATIONS = ("heads", "deputies", "unit_of", "membership", "posts", "affiliation", "rivalry", "backing")


@dataclass(frozen=True)
class Schema:
    """The typed vocabulary. Look-ups raise ``KeyError`` naming the known values."""

    version: int
    layers: Mapping[str, Layer]
    entity_types: Mapping[str, EntityType]
    relation_types: Mapping[str, RelationType]
    modalities: Mapping[str, Modality]
    reliability: Mapping[str, Grade]
    credibility: Mapping[str, Grade]
    statuses: tuple[str, ...]
    roles: Roles
    path: str = ""

    def relation(self, name: str) -> RelationType:
        return _lookup(self.relation_types, name, "relation type")

    def entity_type(self, name: str) -> EntityType:
        return _lookup(self.entity_types, name, "entity type")

    def modality(self, name: str) -> Modality:
        return _lookup(self.modalities, name, "modality")

    def allows(self, predicate: str, source_type: str, target_type: str) -> bool:
        """Whether ``predicate``'s signature admits a ``source_type`` -> ``target_type`` tie.

        >>> schema = load_schema()
        >>> schema.allows("leads", "person", "place"), schema.allows("reports_to", "person", "place")
        (True, False)
        """
        rtype = self.relation(predicate)
        return source_type in rtype.source_types and target_type in rtype.target_types

    def check_signature(self, predicate: str, source_type: str, target_type: str) -> RelationType:
        """The relation type, if its signature allows a ``source_type`` -> ``target_type`` tie.

        >>> load_schema().check_signature("leads", "person", "organization").layer
        'formal'
        >>> load_schema().check_signature("reports_to", "person", "organization")
        Traceback (most recent call last):
        ...
        ValueError: reports_to needs a person target, not organization (reports_to: person -> person)
        """
        rtype = self.relation(predicate)
        sig = f"{predicate}: {'/'.join(rtype.source_types)} -> {'/'.join(rtype.target_types)}"
        if source_type not in rtype.source_types:
            raise ValueError(
                f"{predicate} needs a {' or '.join(rtype.source_types)} source, not {source_type} ({sig})"
            )
        if target_type not in rtype.target_types:
            raise ValueError(
                f"{predicate} needs a {' or '.join(rtype.target_types)} target, not {target_type} ({sig})"
            )
        return rtype

    def check_qualifier(self, predicate: str, qualifier: str | None) -> str | None:
        """``qualifier`` if the vocabulary declares it for ``predicate`` (None and "" give None).

        >>> load_schema().check_qualifier("manages", "ownership")
        'ownership'
        >>> load_schema().check_qualifier("manages", "family")
        Traceback (most recent call last):
        ...
        ValueError: manages has no qualifier 'family'; allowed: ownership, direction
        >>> load_schema().check_qualifier("leads", "family")
        Traceback (most recent call last):
        ...
        ValueError: leads takes no qualifier (qualified types: manages, personal_tie)
        """
        if not qualifier:
            return None
        allowed = self.relation(predicate).qualifiers
        if not allowed:
            qualified = ", ".join(r.name for r in self.relation_types.values() if r.qualifiers)
            raise ValueError(f"{predicate} takes no qualifier (qualified types: {qualified})")
        if qualifier not in allowed:
            raise ValueError(f"{predicate} has no qualifier {qualifier!r}; allowed: {', '.join(allowed)}")
        return qualifier

    def export_of(self, predicate: str, qualifier: str | None, fmt: str, default: str = "") -> str:
        """The ``fmt`` export of a relation: its qualifier's mapping if it has one, else its type's.

        >>> s = load_schema()
        >>> s.export_of("manages", "ownership", "ftm"), s.export_of("manages", None, "ftm")
        ('Ownership', 'UnknownLink')
        """
        rtype = self.relation(predicate)
        kind = rtype.qualifiers.get(qualifier or "")
        if kind is not None and fmt in kind.exports:
            return kind.exports[fmt]
        return rtype.exports.get(fmt, default)

    def qualifier_for_export(self, predicate: str, fmt: str, value: str) -> str | None:
        """The qualifier of ``predicate`` whose ``fmt`` export is ``value`` (the way back), or None.

        >>> load_schema().qualifier_for_export("personal_tie", "ftm", "Family")
        'family'
        """
        for name, kind in self.relation(predicate).qualifiers.items():
            if kind.exports.get(fmt) == value:
                return name
        return None

    def relations_in(self, *layers: str) -> tuple[str, ...]:
        """Relation type names of the given layers, in vocabulary order."""
        for layer in layers:
            _lookup(self.layers, layer, "layer")
        return tuple(r.name for r in self.relation_types.values() if r.layer in layers)

    @property
    def unknown_grade(self) -> tuple[str, str]:
        """The grade an ungraded assertion carries (the last of each scale)."""
        return list(self.reliability)[-1], list(self.credibility)[-1]

    def check_grade(self, reliability: str, credibility: str | int) -> tuple[str, str]:
        """Validate and normalise an Admiralty grade such as ``("B", 2)``.

        >>> load_schema().check_grade("b", 2)
        ('B', '2')
        """
        rel, cred = str(reliability).strip().upper(), str(credibility).strip()
        _lookup(self.reliability, rel, "reliability grade")
        _lookup(self.credibility, cred, "credibility grade")
        return rel, cred

    def parse_grade(self, text: str) -> tuple[str, str | None]:
        """Parse ``"B2"``, ``"B"`` or ``"b/2"`` into (reliability, credibility or None).

        >>> load_schema().parse_grade("C3")
        ('C', '3')
        """
        cleaned = str(text).strip().upper().replace("/", "").replace(" ", "")
        if not cleaned or cleaned[0] not in self.reliability:
            raise ValueError(
                f"grade {text!r} does not parse: expected a reliability letter "
                f"{'-'.join([next(iter(self.reliability)), list(self.reliability)[-1]])} "
                f"optionally followed by a credibility digit, e.g. B2"
            )
        rel, cred = cleaned[0], cleaned[1:] or None
        if cred is not None and cred not in self.credibility:
            raise ValueError(
                f"grade {text!r} does not parse: credibility must be one of {', '.join(self.credibility)}"
            )
        return rel, cred


def _lookup(table: Mapping[str, Any], name: str, what: str) -> Any:
    try:
        return table[name]
    except KeyError:
        raise KeyError(f"unknown {what} {name!r}; known: {', '.join(table)}") from None


def _need(
    raw: Mapping[str, Any], key: str, path: Path, where: str, kind: type | tuple[type, ...] = dict
) -> Any:
    """``raw[key]``, checked to be a ``kind``; a :class:`SchemaError` naming the key otherwise.

    >>> _need({"weight": "heavy"}, "weight", Path("v.yaml"), "modalities.denied.", (int, float))
    Traceback (most recent call last):
    ...
    orgmap.schema.SchemaError: v.yaml: modalities.denied.weight: expected int or float, got str
    """
    if not isinstance(raw, Mapping) or key not in raw:
        raise SchemaError(path, f"{where}{key}", "missing")
    value = raw[key]
    if not isinstance(value, kind):
        expected = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise SchemaError(path, f"{where}{key}", f"expected {expected}, got {type(value).__name__}")
    return value


def _text(raw: Mapping[str, Any], key: str, path: Path, where: str) -> str:
    return _need(raw, key, path, where, str)


def _names(raw: Any, path: Path, key: str, allowed: Mapping[str, Any]) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise SchemaError(path, key, "expected a non-empty list")
    for name in raw:
        if name not in allowed:
            raise SchemaError(path, key, f"unknown entity type {name!r}")
    return tuple(raw)


def _grades(raw: Mapping[str, Any], path: Path, key: str) -> dict[str, Grade]:
    table = _need(raw, key, path, "")
    out = {}
    for rank, (code, spec) in enumerate(table.items()):
        where = f"{key}.{code}."
        weight = _need(spec, "weight", path, where, (int, float))
        out[str(code)] = Grade(str(code), _text(spec, "label", path, where), float(weight), rank)
    return out


def _qualifiers(raw: Any, path: Path, key: str) -> dict[str, Qualifier]:
    if not isinstance(raw, Mapping):
        raise SchemaError(path, key, "expected a mapping of qualifier names")
    out = {}
    for name, spec in raw.items():
        where = f"{key}.{name}."
        cues = spec.get("cues", []) if isinstance(spec, Mapping) else None
        if not isinstance(cues, list) or not all(isinstance(c, str) and c.strip() for c in cues):
            raise SchemaError(path, f"{where}cues", "expected a list of words or phrases")
        exports = spec.get("exports", {})
        if not isinstance(exports, Mapping):
            raise SchemaError(path, f"{where}exports", "expected a mapping")
        out[str(name)] = Qualifier(
            str(name), _text(spec, "definition", path, where), tuple(cues), dict(exports)
        )
    return out


def parse_schema(raw: Any, path: Path | str = "<schema>") -> Schema:
    """Build a :class:`Schema` from parsed YAML, failing with the offending key."""
    path = Path(path)
    if not isinstance(raw, Mapping):
        raise SchemaError(path, "<top>", "expected a mapping")
    layers = {
        n: Layer(n, _text(s, "definition", path, f"layers.{n}."))
        for n, s in _need(raw, "layers", path, "").items()
    }
    etypes = {}
    for name, spec in _need(raw, "entity_types", path, "").items():
        where = f"entity_types.{name}."
        etypes[name] = EntityType(
            name,
            _text(spec, "definition", path, where),
            tuple(spec.get("examples", ())),
            tuple(spec.get("kinds", ())),
            dict(spec.get("exports", {})),
        )
    rtypes = {}
    for name, spec in _need(raw, "relation_types", path, "").items():
        where = f"relation_types.{name}."
        layer = _text(spec, "layer", path, where)
        if layer not in layers:
            raise SchemaError(path, f"{where}layer", f"unknown layer {layer!r}; known: {', '.join(layers)}")
        symmetric = spec.get("symmetric", False)
        if not isinstance(symmetric, bool):
            raise SchemaError(path, f"{where}symmetric", "expected true or false")
        above = spec.get("above", "")
        if above not in ("", "source", "target"):
            raise SchemaError(path, f"{where}above", "expected source or target (the end that ranks higher)")
        rtypes[name] = RelationType(
            name,
            layer,
            _text(spec, "definition", path, where),
            _text(spec, "example", path, where),
            _names(spec.get("source_types"), path, f"{where}source_types", etypes),
            _names(spec.get("target_types"), path, f"{where}target_types", etypes),
            symmetric,
            dict(spec.get("exports", {})),
            above,
            _qualifiers(spec.get("qualifiers", {}), path, f"{where}qualifiers"),
        )
    modalities = {}
    for name, spec in _need(raw, "modalities", path, "").items():
        where = f"modalities.{name}."
        weight = _need(spec, "weight", path, where, (int, float))
        if not 0.0 <= weight <= 1.0:
            raise SchemaError(path, f"{where}weight", "must lie between 0 and 1")
        modalities[name] = Modality(name, _text(spec, "definition", path, where), float(weight))
    statuses = tuple(_need(raw, "statuses", path, "", list))
    roles = _roles(_need(raw, "roles", path, ""), path, layers, etypes, rtypes)
    return Schema(
        version=_need(raw, "version", path, "", int),
        layers=layers,
        entity_types=etypes,
        relation_types=rtypes,
        modalities=modalities,
        reliability=_grades(raw, path, "reliability"),
        credibility=_grades(raw, path, "credibility"),
        statuses=statuses,
        roles=roles,
        path=str(path),
    )


def _roles(
    raw: Mapping[str, Any],
    path: Path,
    layers: Mapping[str, Layer],
    etypes: Mapping[str, EntityType],
    rtypes: Mapping[str, RelationType],
) -> Roles:
    values: dict[str, Any] = {}
    for key, known, what in (
        *((k, layers, "layer") for k in _ROLE_LAYERS),
        *((k, etypes, "entity type") for k in _ROLE_ENTITY_TYPES),
    ):
        name = _text(raw, key, path, "roles.")
        if name not in known:
            raise SchemaError(path, f"roles.{key}", f"unknown {what} {name!r}; known: {', '.join(known)}")
        values[key] = name
    for key in _ROLE_RELATIONS:
        names = _need(raw, key, path, "roles.", list)
        for name in names:
            if name not in rtypes:
                raise SchemaError(path, f"roles.{key}", f"unknown relation type {name!r}")
        values[key] = tuple(names)
    unknown = sorted(set(raw) - set(values))
    if unknown:
        raise SchemaError(path, f"roles.{unknown[0]}", f"unknown role; known: {', '.join(values)}")
    return Roles(**values)


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Schema:
    p = Path(path)
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaError(p, "<file>", "not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "<yaml>"
        raise SchemaError(p, where, f"not valid YAML ({getattr(exc, 'problem', exc)})") from None
    return parse_schema(raw, p)


def load_schema(path: Path | str | None = None) -> Schema:
    """Load the vocabulary (the packaged one by default); cached per path.

    >>> schema = load_schema()
    >>> schema is load_schema(), schema.relation("leads").layer, "informal" in schema.layers
    (True, 'formal', True)
    >>> load_schema("nowhere.yaml")
    Traceback (most recent call last):
    ...
    orgmap.schema.SchemaError: ...nowhere.yaml: <file>: not found
    """
    return _load_cached(str(Path(path or DEFAULT_PATH).resolve()))
