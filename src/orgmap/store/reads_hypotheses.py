"""Store reads for judgements, hypotheses and ACH items (part of :class:`orgmap.store.reads.Reads`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from orgmap.model import Evidence, Hypothesis, HypothesisItem, Judgement
from orgmap.store import tables as t
from orgmap.store.engine import StoreError
from orgmap.store.needs import Connected
from orgmap.store.read_helpers import one_connection

__all__ = ["HypothesisReads"]


class HypothesisReads(Connected):
    """The judgement log; hypotheses and their rated evidence items."""

    def judgements(self, target_kind: str | None = None, target_id: int | None = None) -> list[Judgement]:
        """The judgement log, oldest first, optionally of one kind of record or one record.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:")
        >>> _ = store.judge("entity", 1, "note", who="ann"); _ = store.judge("assertion", 1, "accept", who="bob")
        >>> [(j.target_kind, j.who) for j in store.judgements()], len(store.judgements("entity", 2))
        ([('entity', 'ann'), ('assertion', 'bob')], 0)
        """
        where: list[Any] = []
        if target_kind:
            where.append(t.judgements.c.target_kind == target_kind)
        if target_id is not None:
            where.append(t.judgements.c.target_id == target_id)
        with self._connection() as c:
            rows = c.execute(sa.select(t.judgements).where(*where).order_by(t.judgements.c.id)).all()
        return [
            Judgement(r.target_kind, r.target_id, r.action, r.who, r.why, dict(r.payload or {}), r.at, r.id)
            for r in rows
        ]

    @one_connection
    def judgement_count(self, case_id: int) -> int:
        """How many judgements concern the records of a case (its review history).

        >>> from orgmap.store import Store
        >>> from orgmap.model import Entity
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> ali = store.add_entity(case, Entity("person", "Ali"))
        >>> _ = store.update_entity(ali, who="ann", name="Ali Reza"); store.judgement_count(case)
        1
        """
        kinds = {
            "assertion": t.assertions,
            "entity": t.entities,
            "source": t.sources,
            "hypothesis": t.hypotheses,
            "item": t.hypothesis_items,
            "informant": t.informants,
        }
        j = t.judgements.c
        with self._connection() as c:
            return sum(
                c.scalar(
                    sa.select(sa.func.count()).where(
                        j.target_kind == kind,
                        j.target_id.in_(sa.select(table.c.id).where(table.c.case_id == case_id)),
                    )
                )
                for kind, table in kinds.items()
            )

    def hypotheses(self, case_id: int) -> list[Hypothesis]:
        with self._connection() as c:
            rows = c.execute(
                sa.select(t.hypotheses).where(t.hypotheses.c.case_id == case_id).order_by(t.hypotheses.c.id)
            ).all()
        return [Hypothesis(r.statement, r.key, r.description, r.id, r.origin) for r in rows]

    @one_connection
    def hypothesis_id(self, case_id: int, key: str) -> int:
        """The id of the case's hypothesis ``key``; a StoreError listing the known keys otherwise.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> store.add_hypothesis(case, Hypothesis("Ali runs the Unit", key="H1"))
        1
        >>> store.hypothesis_id(case, "H2")
        Traceback (most recent call last):
        ...
        orgmap.store.engine.StoreError: no hypothesis 'H2' in this case (known: H1)
        """
        with self._connection() as c:
            found = c.scalar(
                sa.select(t.hypotheses.c.id).where(
                    t.hypotheses.c.case_id == case_id, t.hypotheses.c.key == key
                )
            )
        if found is None:
            known = ", ".join(h.key for h in self.hypotheses(case_id)) or "none"
            raise StoreError(f"no hypothesis {key!r} in this case (known: {known})")
        return found

    @one_connection
    def items(self, case_id: int) -> list[HypothesisItem]:
        """ACH evidence items of a case, each with its ratings by hypothesis key."""
        with self._connection() as c:
            rows = c.execute(
                sa.select(t.hypothesis_items)
                .where(t.hypothesis_items.c.case_id == case_id)
                .order_by(t.hypothesis_items.c.id)
            ).all()
            rated = c.execute(
                sa.select(t.ratings.c.item_id, t.hypotheses.c.key, t.ratings.c.rating)
                .join(t.hypotheses)
                .where(t.hypotheses.c.case_id == case_id)
            ).all()
            spans: dict[int, list[Evidence]] = defaultdict(list)
            for e in c.execute(
                sa.select(t.item_evidence)
                .where(
                    t.item_evidence.c.item_id.in_(
                        sa.select(t.hypothesis_items.c.id).where(t.hypothesis_items.c.case_id == case_id)
                    )
                )
                .order_by(t.item_evidence.c.id)
            ):
                spans[e.item_id].append(Evidence(e.source_id, e.start, e.end, e.quote, e.id))
        ratings: dict[int, dict[str, str]] = defaultdict(dict)
        for item_id, hkey, rating in rated:
            ratings[item_id][hkey] = rating
        return [
            HypothesisItem(
                r.text,
                r.assertion_id,
                r.source_id,
                r.informant_id,
                r.credibility,
                r.relevance,
                ratings[r.id],
                r.key,
                r.id,
                spans[r.id],
            )
            for r in rows
        ]
