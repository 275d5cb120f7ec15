"""What the Store's parts need from each other, declared so that mypy checks it.

:class:`orgmap.store.api.Store` is one class per concern mixed together: the reads
(``reads_*``), the writes (``writes_*``), and ``Store`` itself, which holds the connection
and the transactions. Each mixin inherits the protocols below that name what it calls on
``self`` beyond its own methods:

==================  ============================================  ==========================
protocol            provided by                                   needed by
==================  ============================================  ==========================
``Connected``       ``Store`` (``api.py``)                        every mixin
``SourceLookup``    ``SourceReads``                               ``CaseWrites``,
                                                                  ``EntityReads``,
                                                                  ``AssertionWrites``
``EntityLookup``    ``EntityReads``                               ``AssertionReads``,
                                                                  ``EntityWrites``,
                                                                  ``EditWrites``
``AssertionLookup`` ``AssertionReads``                            ``AssertionWrites``,
                                                                  ``EditWrites``
``HypothesisLookup`` ``HypothesisReads``                          ``HypothesisWrites``
``Judging``         ``AssertionWrites``                           ``EntityWrites``,
                                                                  ``EditWrites``,
                                                                  ``HypothesisWrites``
``Superseding``     ``EditWrites``                                ``AssertionWrites``
``Aliasing``        ``EntityWrites``                              ``EditWrites``
==================  ============================================  ==========================

``Store`` inherits every mixin and so every protocol: mypy reports a part whose method
differs from the declared signature (an incompatible definition in ``Store``'s bases), and
``tests/store/test_store_needs.py`` a declared member that no part provides.

At run time the protocols come after every mixin in ``Store``'s method order, so their
empty bodies never stand in for a real method:

>>> from orgmap.store import Store
>>> parts = ("orgmap.store.reads", "orgmap.store.writes")
>>> mixins = [i for i, c in enumerate(Store.__mro__) if c.__module__.startswith(parts)]
>>> protocols = [i for i, c in enumerate(Store.__mro__) if c.__module__ == "orgmap.store.needs"]
>>> len(protocols), max(mixins) < min(protocols)
(8, True)
>>> Store.judge is Judging.judge, Store.case_id is SourceLookup.case_id
(False, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Literal, Protocol, overload

import sqlalchemy as sa

from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.schema import Schema

__all__ = [
    "Aliasing",
    "AssertionLookup",
    "Connected",
    "EntityLookup",
    "HypothesisLookup",
    "Judging",
    "SourceLookup",
    "Superseding",
]


class Connected(Protocol):
    """The vocabulary, the connection and the transactions (``Store``)."""

    schema: Schema
    _conn: sa.Connection | None  # the open write transaction's connection, if any

    def transaction(self) -> AbstractContextManager[Any]: ...

    def reading(self) -> AbstractContextManager[Any]: ...

    def _connection(self) -> AbstractContextManager[sa.Connection]: ...

    def _write(self, stmt: Any, params: Any = None) -> sa.CursorResult[Any]: ...

    def lock_case(self, case_id: int) -> None: ...


class SourceLookup(Protocol):
    """Cases and sources by name, hash or id (``SourceReads``)."""

    @overload
    def case_id(self, name: str, *, missing_ok: Literal[False] = False) -> int: ...
    @overload
    def case_id(self, name: str, *, missing_ok: bool) -> int | None: ...

    def source_id_by_hash(self, case_id: int, digest: str) -> int | None: ...

    def source(self, source_id: int) -> Source: ...

    def check_in_case(self, case_id: int, kind: str, ids: Any) -> list[int]: ...


class EntityLookup(Protocol):
    """Entities by id or name, merges followed (``EntityReads``)."""

    def _entities(self, where: Any) -> list[Entity]: ...

    def entity(self, entity_id: int) -> Entity: ...

    def entities(
        self, case_id: int, *, type: str | None = None, include_merged: bool = False
    ) -> list[Entity]: ...

    def canonical_id(self, entity_id: int) -> int: ...

    def find_entity(self, case_id: int, name: str) -> Entity: ...


class AssertionLookup(Protocol):
    """Assertions by id, their case and their successors (``AssertionReads``)."""

    def assertion(self, assertion_id: int) -> Assertion: ...

    def assertion_case(self, assertion_id: int) -> int: ...

    def successors(self, case_id: int) -> dict[int, int]: ...


class HypothesisLookup(Protocol):
    """Hypotheses by key (``HypothesisReads``)."""

    def hypothesis_id(self, case_id: int, key: str) -> int: ...


class Judging(Protocol):
    """Assertions added with their evidence, judgements, conditional decisions (``AssertionWrites``)."""

    def add_assertion(self, case_id: int, assertion: Assertion, *, reuse: bool = False) -> int: ...

    def _span_rows(
        self, owner: str, owner_id: int, spans: Sequence[Evidence], texts: dict[int, str]
    ) -> list[dict[str, Any]]: ...

    def judge(
        self,
        target_kind: str,
        target_id: int,
        action: str,
        *,
        who: str,
        why: str = "",
        payload: dict[str, Any] | None = None,
        at: datetime | None = None,
    ) -> int: ...

    def _decide(self, assertion_id: int, seen: str, status: str) -> None: ...

    def last_decision(self, assertion_id: int) -> str: ...


class Superseding(Protocol):
    """An assertion replaced by its corrected copy (``EditWrites``)."""

    def supersede_assertion(
        self,
        assertion_id: int,
        changes: dict[str, Any],
        *,
        who: str,
        why: str = "",
        action: str = "edit",
        payload: dict[str, Any] | None = None,
        status: str = "accepted",
        seen: str | None = None,
    ) -> int: ...


class Aliasing(Protocol):
    """More names for an entity (``EntityWrites``)."""

    def add_aliases(self, entity_id: int, names: Iterable[str]) -> None: ...
