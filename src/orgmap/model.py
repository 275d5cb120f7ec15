"""The claim-level model as plain dataclasses: what the Store API takes and returns.

An :class:`Assertion` is one entity or relation *as one source states it*: it keeps its
evidence spans, attribution, modality, valid time and Admiralty grade. Edits never change
an assertion's evidence; they are :class:`Judgement` rows appended beside it.

>>> ev = Evidence(source_id=1, start=0, end=5, quote="Qaani")
>>> a = Assertion(subject_id=1, predicate="leads", object_id=2, evidence=[ev])
>>> a.is_relation, a.grade
(True, 'F6')
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

__all__ = [
    "Assertion",
    "Case",
    "Entity",
    "Evidence",
    "Hypothesis",
    "HypothesisItem",
    "Informant",
    "Judgement",
    "Passage",
    "Source",
    "default_who",
    "stored_id",
]


@dataclass
class Case:
    """A named collection of sources, entities and assertions (one organization study)."""

    name: str
    title: str = ""
    description: str = ""
    id: int | None = None


@dataclass
class Source:
    """A document. Its text is stored once, identified by its SHA-256, never edited."""

    text: str
    title: str = ""
    author: str = ""
    publisher: str = ""
    published: str = ""  # as precise as known: "2024", "2024-03", "2024-03-05"
    origin: str = ""  # where it came from: a path, a URL, "analyst note"
    kind: str = "document"  # document | analyst_note | import
    reliability: str = "F"
    media_type: str = "text/plain"
    key: str = ""  # the id a case file gives it
    metadata: dict[str, Any] = field(default_factory=dict)
    content_hash: str = ""
    id: int | None = None


@dataclass
class Passage:
    """A sentence of a source, by character offsets into the source text."""

    source_id: int
    index: int
    start: int
    end: int


@dataclass
class Evidence:
    """An exact character span ``text[start:end]`` of one source."""

    source_id: int
    start: int
    end: int
    quote: str = ""
    id: int | None = None


@dataclass
class Informant:
    """Who stands behind a claim: an author, a publisher, a named or unnamed informant."""

    name: str
    kind: str = "unnamed"  # author | publisher | named | unnamed | analyst
    reliability: str = "F"
    description: str = ""
    key: str = ""
    id: int | None = None


@dataclass
class Entity:
    """An actor, place or event; aliases belong to the entity, not the text."""

    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    key: str = ""
    merged_into: int | None = None
    id: int | None = None


@dataclass
class Assertion:
    """An entity (``predicate is None``) or a relation, as one source states it."""

    subject_id: int
    predicate: str | None = None
    object_id: int | None = None
    evidence: list[Evidence] = field(default_factory=list)
    attribution: str = ""
    informant_id: int | None = None
    modality: str = "asserted"
    valid_from: date | None = None
    valid_to: date | None = None
    valid_text: str = ""
    valid_from_bound: str = ""  # "" on that day, "after" or "before" it (orgmap.validtime)
    valid_to_bound: str = ""
    reported_on: date | None = None
    reliability: str = "F"
    credibility: str = "6"
    status: str = "candidate"
    score: float | None = None
    origin: str = "curated"  # curated | extracted | edited | imported
    note: str = ""
    key: str = ""
    supersedes: int | None = None
    qualifier: str | None = None  # a kind of the relation type (vocabulary ``qualifiers``), if the text says
    id: int | None = None

    @property
    def is_relation(self) -> bool:
        return self.predicate is not None

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"

    @property
    def period(self) -> str:
        """When it held, in words: ``"from 2020-01-03"``, ``"after …"``, ``"… to before …"``, or as written.

        >>> Assertion(1, valid_from=date(2020, 1, 3), valid_from_bound="after").period
        'after 2020-01-03'
        """
        from orgmap.validtime import period_words

        words = period_words(self.valid_from, self.valid_from_bound, self.valid_to, self.valid_to_bound)
        return words or self.valid_text


@dataclass
class Judgement:
    """Who decided what about which record, when and why. Appended, never edited."""

    target_kind: str  # assertion | entity | source | informant | hypothesis | item
    target_id: int
    action: str  # accept | reject | edit | merge | unmerge | grade | rate | ...
    who: str
    why: str = ""
    payload: dict[str, Any] = field(default_factory=dict)
    at: datetime | None = None
    id: int | None = None


@dataclass
class Hypothesis:
    """A statement analysts weigh against the evidence (ACH)."""

    statement: str
    key: str = ""
    description: str = ""
    id: int | None = None
    origin: str = "source"  # "source": a source argues it; "analyst": the analysts' own (ranked apart)


@dataclass
class HypothesisItem:
    """An evidence item for ACH: an assertion in the store, or free text with a source.

    ``ratings`` maps hypothesis key to one of CC, C, N, I, II, NA.
    """

    text: str = ""
    assertion_id: int | None = None
    source_id: int | None = None
    informant_id: int | None = None
    credibility: str = "6"
    relevance: str = "medium"  # low | medium | high
    ratings: dict[str, str] = field(default_factory=dict)
    key: str = ""
    id: int | None = None
    evidence: list[Evidence] = field(default_factory=list)  # quoted spans of a free-text item
    reliability: str = ""  # the informant's grade A-F, filled in for scoring (empty: not weighted)


class _Record(Protocol):
    id: int | None


def stored_id(record: _Record) -> int:
    """The id the store gave ``record`` (records the store returns have one).

    >>> stored_id(Entity("person", "Ann", id=7))
    7
    >>> stored_id(Entity("person", "Ann"))
    Traceback (most recent call last):
    ...
    ValueError: this Entity is not stored yet: it has no id
    """
    if record.id is None:
        raise ValueError(f"this {type(record).__name__} is not stored yet: it has no id")
    return record.id


def default_who() -> str:
    """Who judgements are recorded as when nobody is named: $ORGMAP_USER, else the login name.

    >>> isinstance(default_who(), str) and default_who() != ""
    True
    """
    return os.environ.get("ORGMAP_USER") or os.environ.get("USER") or "analyst"
