"""Pieces the Store's read mixins share: the unknown-name error, row -> Assertion, one connection per read."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, Concatenate, ParamSpec, TypeVar

from orgmap.model import Assertion, Evidence
from orgmap.store.engine import StoreError
from orgmap.store.needs import Connected

__all__ = ["UnknownName", "assertion_from_row", "one_connection"]


class UnknownName(StoreError, LookupError):
    """A name that matches no entity; ``suggestions`` holds close names.

    >>> str(UnknownName("Ali Rezza", ["Ali Reza"]))
    "no entity called 'Ali Rezza'; did you mean 'Ali Reza'?"
    """

    def __init__(self, name: str, suggestions: Sequence[str]):
        self.name, self.suggestions = name, list(suggestions)
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no entity called {name!r}{hint}")


def assertion_from_row(row: Any, evidence: list[Evidence]) -> Assertion:
    """The :class:`Assertion` of an ``assertions`` row (any object with its columns as attributes)."""
    return Assertion(
        id=row.id,
        key=row.key,
        subject_id=row.subject_id,
        predicate=row.predicate,
        object_id=row.object_id,
        evidence=evidence,
        attribution=row.attribution,
        informant_id=row.informant_id,
        modality=row.modality,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        valid_text=row.valid_text,
        valid_from_bound=row.valid_from_bound,
        valid_to_bound=row.valid_to_bound,
        reported_on=row.reported_on,
        reliability=row.reliability,
        credibility=row.credibility,
        status=row.status,
        score=row.score,
        origin=row.origin,
        note=row.note,
        supersedes=row.supersedes,
        qualifier=row.qualifier,
    )


S = TypeVar("S", bound=Connected)
P = ParamSpec("P")
R = TypeVar("R")


def one_connection(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run a read that makes several queries on one connection (see ``Store.reading``).

    >>> from orgmap.store import Store
    >>> class Counted(Store):
    ...     @one_connection
    ...     def both(self):
    ...         with self._connection() as first, self._connection() as second:
    ...             return first is second
    >>> Counted.open(":memory:").both()
    True
    """

    @functools.wraps(method)
    def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.reading():
            return method(self, *args, **kwargs)

    return wrapper
