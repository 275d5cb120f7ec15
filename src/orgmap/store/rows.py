"""Small values shared by the Store's parts: the clock, a source's hash, an assertion's
fingerprint, a resolved relation.

>>> content_hash("abc")[:12]
'ba7816bf8f01'
>>> a = {"subject_id": 1, "predicate": "leads", "object_id": 2}
>>> assertion_fingerprint(a, [(7, 0, 19)]) == assertion_fingerprint({**a, "note": "x"}, [(7, 0, 19)] * 2)
True
>>> assertion_fingerprint(a, [(7, 0, 19)]) == assertion_fingerprint(a, [(7, 0, 20)])
False
>>> assertion_fingerprint(a, [(7, 0, 19)]) == assertion_fingerprint({**a, "qualifier": None}, [(7, 0, 19)])
True
>>> assertion_fingerprint(a, [(7, 0, 19)]) == assertion_fingerprint({**a, "qualifier": "x"}, [(7, 0, 19)])
False
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from orgmap.model import Assertion, Entity

__all__ = [
    "BOUND_FIELDS",
    "FINGERPRINT_FIELDS",
    "AssertionHead",
    "Relation",
    "RelationHead",
    "assertion_fingerprint",
    "content_hash",
    "inserted_id",
    "now",
]

# what makes two assertions the same statement (with the same evidence spans): not the status,
# grade, score, note or origin, which judgements and re-grading change
FINGERPRINT_FIELDS = (
    "key",
    "subject_id",
    "predicate",
    "object_id",
    "attribution",
    "informant_id",
    "modality",
    "valid_from",
    "valid_to",
    "valid_text",
    "supersedes",
)
# open valid-time bounds (migration 0005): part of the statement only when set, so the
# fingerprints of assertions without them stay those migration 0004 computed
BOUND_FIELDS = ("valid_from_bound", "valid_to_bound")


def now() -> datetime:
    """The current time, in UTC (every timestamp the store writes).

    >>> now().tzinfo is UTC
    True
    """
    return datetime.now(UTC)


def inserted_id(result: sa.CursorResult[Any]) -> int:
    """The primary key of the one row an ``INSERT`` just wrote.

    >>> from orgmap.store import tables as t
    >>> engine = sa.create_engine("sqlite://")
    >>> t.metadata.create_all(engine)
    >>> with engine.begin() as c:
    ...     inserted_id(c.execute(sa.insert(t.cases).values(name="demo", title="", description="", created_at=now())))
    1
    """
    key = result.inserted_primary_key
    assert key is not None, "not a single-row INSERT"
    return key[0]


def content_hash(text: str) -> str:
    """SHA-256 of the UTF-8 text: a source's identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def assertion_fingerprint(values: Mapping[str, Any], spans: Iterable[tuple[int, int, int]]) -> str:
    """SHA-256 of an assertion's statement and its set of evidence spans ``(source_id, start, end)``.

    The store keeps one assertion per case and fingerprint (``uq_assertions_case_fingerprint``),
    so a document ingested twice at once, or an import run again, cannot double the assertions.
    Migration 0004 holds a frozen copy of this function; a test keeps the two equal. A
    ``qualifier`` (added later) joins the statement only when set, so the fingerprints of
    unqualified assertions stay those 0004 wrote.
    """

    def plain(v: Any) -> Any:
        return v.isoformat() if isinstance(v, date) else v

    statement = [plain(values.get(k)) for k in FINGERPRINT_FIELDS]
    if values.get("qualifier"):
        statement.append({"qualifier": values["qualifier"]})
    statement += [f"{k}={values[k]}" for k in BOUND_FIELDS if values.get(k)]
    key = json.dumps(
        [statement, sorted({tuple(int(x) for x in s) for s in spans})],
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(key.encode("ascii")).hexdigest()


@dataclass
class Relation:
    """A relation assertion with its endpoints resolved to canonical entities."""

    assertion: Assertion
    subject: Entity
    object: Entity
    type: str
    layer: str
    symmetric: bool


@dataclass(slots=True)
class AssertionHead:
    """What a graph needs of a relation assertion: its ends, type, modality, grade and status.

    No evidence, no text, no dates: :meth:`~orgmap.store.Store.relation_heads` reads only
    these columns, for drawing and measuring large cases.
    """

    id: int
    subject_id: int
    predicate: str
    object_id: int
    modality: str
    reliability: str
    credibility: str
    status: str

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"


@dataclass(slots=True)
class RelationHead:
    """A :class:`Relation` whose assertion is an :class:`AssertionHead` (same attribute names)."""

    assertion: AssertionHead
    subject: Entity
    object: Entity
    type: str
    layer: str
    symmetric: bool
