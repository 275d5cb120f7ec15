"""What is derived from a case, kept with it until the case changes (mixed into :class:`orgmap.store.api.Store`).

The web app's Network page summarises a large case (its communities, node sizes); computing
that takes seconds at 20,000 entities. Kept here, a fresh ``orgmap serve`` or a second
worker reads it instead. A summary is stored with the case's signature
(:meth:`~orgmap.store.Store.case_signature`) and returned only while the case still has
that signature: any write to the case (an entity, an assertion, a judgement) makes it stale,
and the next summary kept for the case removes the stale ones. Derived data only: no
judgement is recorded, and forgetting every summary loses nothing but time.

>>> from orgmap.store import Store
>>> s = Store.open(":memory:"); case = s.ensure_case("c")
>>> now_ = s.case_signature(case)
>>> s.keep_summary(case, "communities", "seed=1", now_, {"c1": [1, 2]})
>>> s.summary(case, "communities", "seed=1", now_), s.summary(case, "communities", "seed=2", now_)
({'c1': [1, 2]}, None)
>>> from orgmap.model import Entity
>>> _ = s.add_entity(case, Entity("person", "Ann"))
>>> s.summary(case, "communities", "seed=1", s.case_signature(case)) is None  # the case changed
True
"""

from __future__ import annotations

import hashlib
from typing import Any

import sqlalchemy as sa

from orgmap.store import tables as t
from orgmap.store.needs import Connected
from orgmap.store.rows import now

__all__ = ["SummaryStore"]


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _signature(signature: Any) -> str:
    return ",".join(map(str, signature)) if isinstance(signature, tuple) else str(signature)


class SummaryStore(Connected):
    """Keep a JSON value derived from a case, by kind and key, for one state of the case."""

    def summary(self, case_id: int, kind: str, key: str, signature: Any) -> Any:
        """The value kept for ``kind`` and ``key`` while the case's signature is ``signature``; else None."""
        s = t.summaries.c
        with self._connection() as c:
            return c.scalar(
                sa.select(s.value).where(
                    s.case_id == case_id,
                    s.kind == kind,
                    s.key == _digest(key),
                    s.signature == _signature(signature),
                )
            )

    def keep_summary(self, case_id: int, kind: str, key: str, signature: Any, value: Any) -> None:
        """Keep ``value`` (JSON: dicts, lists, strings, numbers) for ``kind`` and ``key`` at ``signature``,
        replacing what was kept for them and removing the case's summaries of other states."""
        s, sig, digest = t.summaries.c, _signature(signature), _digest(key)
        with self.transaction():
            self._write(sa.delete(t.summaries).where(s.case_id == case_id, s.signature != sig))
            self._write(sa.delete(t.summaries).where(s.case_id == case_id, s.kind == kind, s.key == digest))
            self._write(
                sa.insert(t.summaries).values(
                    case_id=case_id, kind=kind, key=digest, signature=sig, value=value, made_at=now()
                )
            )

    def forget_summaries(self, case_id: int | None = None) -> None:
        """Remove the summaries of a case (of every case without one): they are computed again when needed."""
        where = t.summaries.c.case_id == case_id if case_id is not None else sa.true()
        self._write(sa.delete(t.summaries).where(where))
