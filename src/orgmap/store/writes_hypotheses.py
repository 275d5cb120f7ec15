"""Store writes for ACH hypotheses, evidence items and ratings (mixed into :class:`orgmap.store.api.Store`)."""

from __future__ import annotations

import sqlalchemy as sa

from orgmap.model import Hypothesis, HypothesisItem
from orgmap.store import tables as t
from orgmap.store.engine import StoreError
from orgmap.store.needs import Connected, HypothesisLookup, Judging
from orgmap.store.rows import inserted_id

__all__ = ["HYPOTHESIS_ORIGINS", "HypothesisWrites"]

HYPOTHESIS_ORIGINS = ("source", "analyst")  # who states a hypothesis (orgmap.model.Hypothesis.origin)


class HypothesisWrites(Connected, HypothesisLookup, Judging):
    """Add hypotheses and evidence items; rate items against hypotheses."""

    def add_hypothesis(self, case_id: int, h: Hypothesis) -> int:
        """Store a hypothesis of a case (its ``key`` names it in ratings) and return its id.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> store.add_hypothesis(case, Hypothesis("Ali runs the Unit", key="H1"))
        1
        >>> [h.key for h in store.hypotheses(case)]
        ['H1']
        """
        if h.origin not in HYPOTHESIS_ORIGINS:
            raise StoreError(
                f"hypothesis {h.key!r}: origin {h.origin!r} is not one of {', '.join(HYPOTHESIS_ORIGINS)}"
            )
        return inserted_id(
            self._write(
                sa.insert(t.hypotheses).values(
                    case_id=case_id,
                    key=h.key,
                    statement=h.statement,
                    description=h.description,
                    origin=h.origin,
                )
            )
        )

    def add_item(self, case_id: int, item: HypothesisItem) -> int:
        """Store an ACH evidence item with its ratings (hypothesis key -> rating).

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> _ = store.add_hypothesis(case, Hypothesis("Ali runs the Unit", key="H1"))
        >>> item = store.add_item(case, HypothesisItem("Ali signs the Unit's orders", ratings={"H1": "c"}))
        >>> store.items(case)[0].ratings
        {'H1': 'C'}
        """
        if item.assertion_id is None and not item.text:
            raise StoreError(f"evidence item {item.key!r} needs an assertion or a text")
        with self.transaction():
            iid = inserted_id(
                self._write(
                    sa.insert(t.hypothesis_items).values(
                        case_id=case_id,
                        key=item.key,
                        text=item.text,
                        assertion_id=item.assertion_id,
                        source_id=item.source_id,
                        informant_id=item.informant_id,
                        credibility=item.credibility,
                        relevance=item.relevance,
                    )
                )
            )
            spans = self._span_rows("item_id", iid, item.evidence, {})
            if spans:
                self._write(sa.insert(t.item_evidence), spans)
            for hkey, rating in item.ratings.items():
                self.rate(case_id, iid, hkey, rating)
        return iid

    def rate(
        self,
        case_id: int,
        item_id: int,
        hypothesis_key: str,
        rating: str,
        *,
        who: str | None = None,
        why: str = "",
    ) -> None:
        """Set an item's rating against a hypothesis (recorded as a judgement when ``who``).

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> _ = store.add_hypothesis(case, Hypothesis("Ali runs the Unit", key="H1"))
        >>> item = store.add_item(case, HypothesisItem("Ali signs orders", ratings={"H1": "C"}))
        >>> store.rate(case, item, "H1", "I", who="ann", why="the orders were forged")
        >>> store.items(case)[0].ratings, store.judgements("item")[0].payload
        ({'H1': 'I'}, {'hypothesis': 'H1', 'rating': 'I'})
        >>> store.rate(case, item, "H1", "maybe")
        Traceback (most recent call last):
        ...
        orgmap.store.engine.StoreError: rating 'MAYBE' is not one of CC, C, N, I, II, NA
        """
        rating = rating.strip().upper()
        if rating not in ("CC", "C", "N", "I", "II", "NA"):
            raise StoreError(f"rating {rating!r} is not one of CC, C, N, I, II, NA")
        hid = self.hypothesis_id(case_id, hypothesis_key)
        with self.transaction():
            self._write(
                sa.delete(t.ratings).where(t.ratings.c.item_id == item_id, t.ratings.c.hypothesis_id == hid)
            )
            self._write(sa.insert(t.ratings).values(item_id=item_id, hypothesis_id=hid, rating=rating))
            if who:
                self.judge(
                    "item",
                    item_id,
                    "rate",
                    who=who,
                    why=why,
                    payload={"hypothesis": hypothesis_key, "rating": rating},
                )
