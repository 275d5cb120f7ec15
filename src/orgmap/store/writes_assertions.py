"""Store writes for assertions, their evidence and judgements (mixed into :class:`orgmap.store.api.Store`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from orgmap.model import Assertion, Evidence
from orgmap.store import tables as t
from orgmap.store.engine import DuplicateAssertion, StaleDecision, StoreError
from orgmap.store.needs import AssertionLookup, Connected, SourceLookup, Superseding
from orgmap.store.rows import assertion_fingerprint, inserted_id, now
from orgmap.validtime import BOUNDS

__all__ = ["AssertionWrites"]


class AssertionWrites(Connected, SourceLookup, AssertionLookup, Superseding):
    """Add assertions with evidence; append judgements; accept, reject, edit and regrade."""

    def _assertion_values(self, case_id: int, a: Assertion) -> dict[str, Any]:
        if a.predicate is not None:
            self.schema.relation(a.predicate)
            if a.object_id is None:
                raise StoreError(f"relation {a.predicate!r} needs a target entity")
            try:
                self.schema.check_qualifier(a.predicate, a.qualifier)
            except ValueError as exc:
                raise StoreError(str(exc)) from None
        elif a.qualifier:
            raise StoreError("an entity assertion takes no qualifier (only relations do)")
        self.schema.modality(a.modality)
        rel, cred = self.schema.check_grade(a.reliability, a.credibility)
        if a.status not in self.schema.statuses:
            raise StoreError(f"unknown status {a.status!r}; known: {', '.join(self.schema.statuses)}")
        if not a.evidence:
            raise StoreError("an assertion needs at least one evidence span")
        for end, bound, day in (
            ("from", a.valid_from_bound, a.valid_from),
            ("to", a.valid_to_bound, a.valid_to),
        ):
            if bound not in BOUNDS or (bound and day is None):
                raise StoreError(
                    f"valid {end} bound {bound!r} needs a date and one of: after, before (or none)"
                )
        return dict(
            case_id=case_id,
            key=a.key,
            subject_id=a.subject_id,
            predicate=a.predicate,
            object_id=a.object_id,
            attribution=a.attribution,
            informant_id=a.informant_id,
            modality=a.modality,
            valid_from=a.valid_from,
            valid_to=a.valid_to,
            valid_text=a.valid_text,
            valid_from_bound=a.valid_from_bound,
            valid_to_bound=a.valid_to_bound,
            reported_on=a.reported_on,
            reliability=rel,
            credibility=cred,
            status=a.status,
            score=a.score,
            origin=a.origin,
            note=a.note,
            supersedes=a.supersedes,
            qualifier=a.qualifier or None,
            created_at=now(),
        )

    def add_assertion(self, case_id: int, assertion: Assertion, *, reuse: bool = False) -> int:
        """Add one assertion with its evidence (at least one span is required).

        >>> from orgmap.store import Store
        >>> from orgmap.model import Entity, Source
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> src = store.add_source(case, Source(text="Ali leads the Unit."))
        >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
        >>> a = store.add_assertion(case, Assertion(ali, "leads", unit, evidence=[Evidence(src, 0, 18)]))
        >>> store.assertion(a).evidence[0].quote, store.assertion(a).status
        ('Ali leads the Unit', 'candidate')
        >>> store.add_assertion(case, Assertion(ali, "leads", unit))
        Traceback (most recent call last):
        ...
        orgmap.store.engine.StoreError: an assertion needs at least one evidence span
        """
        return self.add_assertions(case_id, [assertion], reuse=reuse)[0]

    def add_assertions(self, case_id: int, batch: Sequence[Assertion], *, reuse: bool = False) -> list[int]:
        """Add many assertions in one transaction; evidence quotes are read from the sources.

        A case holds one assertion per statement and evidence spans (its fingerprint): a repeat
        inside ``batch`` gets the first one's id; one already stored raises
        :class:`DuplicateAssertion`, or with ``reuse`` returns the stored id (re-run imports).

        >>> from orgmap.store import Store
        >>> from orgmap.model import Entity, Source
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> src = store.add_source(case, Source(text="Ali leads the Unit."))
        >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
        >>> same = Assertion(ali, "leads", unit, evidence=[Evidence(src, 0, 18)])
        >>> store.add_assertions(case, [same, same])  # one statement with the same evidence: one assertion
        [1, 1]
        >>> store.add_assertions(case, [same], reuse=True)
        [1]
        >>> store.add_assertions(case, [same])
        Traceback (most recent call last):
        ...
        orgmap.store.engine.DuplicateAssertion: assertion #1 already states that with the same evidence; nothing was written
        """
        values = [self._assertion_values(case_id, a) for a in batch]
        if not values:
            return []
        texts: dict[int, str] = {}
        with self.transaction():
            spans = [self._span_rows("assertion_id", 0, a.evidence, texts) for a in batch]  # checked first
            for v, group in zip(values, spans):
                v["fingerprint"] = assertion_fingerprint(
                    v, [(r["source_id"], r["start"], r["end"]) for r in group]
                )
            stored = self._fingerprint_ids(case_id, [v["fingerprint"] for v in values])
            if stored and not reuse:
                aid = next(iter(stored.values()))
                raise DuplicateAssertion(
                    f"assertion #{aid} already states that with the same evidence; nothing was written"
                )
            fresh: dict[str, int] = {}  # fingerprint -> position of its first row in this batch
            for i, v in enumerate(values):
                if v["fingerprint"] not in stored:
                    fresh.setdefault(v["fingerprint"], i)
            new_ids = (
                self._insert_returning_ids(t.assertions, [values[i] for i in fresh.values()]) if fresh else []
            )
            ids_by_fp = {**stored, **dict(zip(fresh, new_ids))}
            rows = [
                {**row, "assertion_id": ids_by_fp[values[i]["fingerprint"]]}
                for i in fresh.values()
                for row in spans[i]
            ]
            if rows:
                self._write(sa.insert(t.evidence), rows)
        return [ids_by_fp[v["fingerprint"]] for v in values]

    def _fingerprint_ids(self, case_id: int, fingerprints: Sequence[str]) -> dict[str, int]:
        """Stored assertions of the case among ``fingerprints``: {fingerprint: id}."""
        a = t.assertions.c
        found: dict[str, int] = {}
        unique = sorted(set(fingerprints))
        conn = self._conn
        assert conn is not None, "called inside the write transaction"
        for first in range(0, len(unique), 500):
            found.update(
                conn.execute(
                    sa.select(a.fingerprint, a.id).where(
                        a.case_id == case_id, a.fingerprint.in_(unique[first : first + 500])
                    )
                ).all()
            )
        return found

    def _insert_returning_ids(self, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
        """Insert ``rows`` with one executemany and return their ids in the order of ``rows``.

        SQLite: the ids are assigned here, from the largest one up, which is safe because a
        write transaction holds the database's write lock (``BEGIN IMMEDIATE``) - SQLite's
        RETURNING does not promise row order, so SQLAlchemy would send one row at a time.
        PostgreSQL: ``INSERT … RETURNING`` in batches, sorted back to the order of ``rows``.
        """
        conn = self._conn
        assert conn is not None
        if conn.dialect.name == "sqlite":
            first = (
                int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar_one()) + 1
            )
            conn.execute(sa.insert(table), [{**r, "id": first + i} for i, r in enumerate(rows)])
            return list(range(first, first + len(rows)))
        if conn.dialect.insert_executemany_returning_sort_by_parameter_order:
            stmt = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
            return list(conn.execute(stmt, rows).scalars())
        return [inserted_id(conn.execute(sa.insert(table).values(**r))) for r in rows]

    def _span_rows(
        self, owner: str, owner_id: int, spans: Sequence[Evidence], texts: dict[int, str]
    ) -> list[dict[str, Any]]:
        """Evidence rows for ``spans``, each quote read from its source (``texts`` caches them)."""
        rows = []
        for ev in spans:
            if ev.source_id not in texts:
                texts[ev.source_id] = self.source(ev.source_id).text
            text = texts[ev.source_id]
            if not 0 <= ev.start < ev.end <= len(text):
                raise StoreError(f"evidence span {ev.start}:{ev.end} is outside source {ev.source_id}")
            rows.append(
                {
                    owner: owner_id,
                    "source_id": ev.source_id,
                    "start": ev.start,
                    "end": ev.end,
                    "quote": text[ev.start : ev.end],
                }
            )
        return rows

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
    ) -> int:
        """Append a judgement; nothing is overwritten. ``at`` (default now) restores a logged one.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:")
        >>> store.judge("entity", 7, "note", who="ann", why="checked the spelling")
        1
        >>> [(j.target_id, j.action, j.who) for j in store.judgements("entity")]
        [(7, 'note', 'ann')]
        """
        if not who:
            raise StoreError("a judgement needs who made it")
        return inserted_id(
            self._write(
                sa.insert(t.judgements).values(
                    target_kind=target_kind,
                    target_id=target_id,
                    action=action,
                    payload=payload or {},
                    who=who,
                    why=why,
                    at=at or now(),
                )
            )
        )

    def set_status(
        self, assertion_id: int, status: str, *, who: str, why: str = "", seen: str | None = None
    ) -> int:
        """Accept or reject an assertion (a judgement, plus the current status).

        ``seen`` is the status the decider was shown: when another writer has changed it
        since, nothing is written and :class:`StaleDecision` says who decided what. Without
        ``seen`` the status read inside this transaction is the one decided on.

        >>> from orgmap.store import Store
        >>> from orgmap.model import Entity, Source
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> src = store.add_source(case, Source(text="Ali leads the Unit."))
        >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
        >>> a = store.add_assertion(case, Assertion(ali, "leads", unit, evidence=[Evidence(src, 0, 18)]))
        >>> store.set_status(a, "accepted", who="ann", why="two sources agree")
        1
        >>> store.set_status(a, "rejected", who="bob", seen="candidate")
        Traceback (most recent call last):
        ...
        orgmap.store.engine.StaleDecision: assertion #1 is no longer candidate: it is accepted, accepted by ann at ...
        """
        if status not in self.schema.statuses:
            raise StoreError(f"unknown status {status!r}; known: {', '.join(self.schema.statuses)}")
        if status == "superseded":
            raise StoreError(
                "an assertion is superseded by correcting it (orgmap edit), not by setting its status"
            )
        action = {"accepted": "accept", "rejected": "reject", "candidate": "reopen"}[status]
        with self.transaction():
            current = self.assertion(assertion_id).status
            if current == "superseded":
                raise StoreError(f"assertion #{assertion_id} is superseded; judge its successor instead")
            seen = seen or current
            self._decide(assertion_id, seen, status)
            return self.judge("assertion", assertion_id, action, who=who, why=why, payload={"seen": seen})

    def _decide(self, assertion_id: int, seen: str, status: str) -> None:
        """Move an assertion from ``seen`` to ``status`` in one conditional UPDATE, or refuse."""
        a = t.assertions.c
        conn = self._conn
        assert conn is not None, "called inside the write transaction"
        done = conn.execute(
            sa.update(t.assertions).where(a.id == assertion_id, a.status == seen).values(status=status)
        ).rowcount
        if done == 1:
            return
        now_status = conn.scalar(sa.select(a.status).where(a.id == assertion_id))
        if now_status is None:
            raise StoreError(f"no assertion with id {assertion_id}")
        raise StaleDecision(
            f"assertion #{assertion_id} is no longer {seen}: {self.last_decision(assertion_id)}; "
            "nothing was changed - reload and decide again"
        )

    def last_decision(self, assertion_id: int) -> str:
        """Its status and who last decided what: ``"it is rejected, rejected by ann at 2026-05-01 10:00 UTC"``."""
        j = t.judgements.c
        with self._connection() as c:  # the write transaction's, when inside one
            row = c.execute(
                sa.select(j.action, j.who, j.at, j.payload)
                .where(j.target_kind == "assertion", j.target_id == assertion_id)
                .order_by(j.id.desc())
                .limit(1)
            ).first()
            status = c.scalar(sa.select(t.assertions.c.status).where(t.assertions.c.id == assertion_id))
        if row is None:
            return f"it is {status}"
        done = {"accept": "accepted", "reject": "rejected", "reopen": "reopened", "edit": "edited"}.get(
            row.action, row.action
        )
        successor = (row.payload or {}).get("superseded_by") or (row.payload or {}).get("replaced_by")
        if row.action == "edit" and successor:
            done += f" as #{successor}"
        when = row.at.strftime("%Y-%m-%d %H:%M UTC") if row.at else "an unknown time"
        return f"it is {status}, {done} by {row.who} at {when}"

    def edit_assertion(
        self, assertion_id: int, *, who: str, why: str = "", seen: str | None = None, **changes: Any
    ) -> int:
        """Correct an assertion: a new accepted assertion with the same evidence supersedes it.

        The original keeps its evidence and is marked superseded; both carry judgements
        (see :meth:`supersede_assertion`). ``seen`` is the status the editor was shown (see
        :meth:`set_status`); an assertion already corrected cannot be corrected again (edit its
        successor).

        >>> from orgmap.store import Store
        >>> from orgmap.model import Entity, Source
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> src = store.add_source(case, Source(text="Ali leads the Unit."))
        >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
        >>> old = store.add_assertion(case, Assertion(ali, "leads", unit, evidence=[Evidence(src, 0, 18)]))
        >>> new = store.edit_assertion(old, who="ann", why="a post, not command", predicate="responsible_for")
        >>> store.assertion(new).predicate, store.assertion(old).status, store.successors(case)
        ('responsible_for', 'superseded', {1: 2})
        """
        return self.supersede_assertion(
            assertion_id,
            changes,
            who=who,
            why=why,
            action="edit",
            seen=seen,
            payload={"changes": {k: str(v) for k, v in changes.items()}},
        )

    def set_grade(self, kind: str, record_id: int, grade: str, *, who: str, why: str = "") -> int:
        """Regrade a source, informant or assertion (``"B"``, ``"2"`` or ``"B2"``).

        >>> from orgmap.store import Store
        >>> from orgmap.model import Entity, Source
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> src = store.add_source(case, Source(text="Ali leads the Unit."))
        >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
        >>> a = store.add_assertion(case, Assertion(ali, "leads", unit, evidence=[Evidence(src, 0, 18)]))
        >>> store.set_grade("assertion", a, "b2", who="ann"); store.assertion(a).grade
        1
        'B2'
        """
        table = {"source": t.sources, "informant": t.informants, "assertion": t.assertions}[kind]
        grade = grade.strip().upper()
        values: dict[str, str] = {}
        if grade.isdigit():
            self.schema.check_grade("F", grade)
            values["credibility"] = grade
        else:
            rel, cred = self.schema.parse_grade(grade)
            values["reliability"] = rel
            if cred:
                values["credibility"] = cred
        if "credibility" in values and kind != "assertion":
            raise StoreError("only assertions carry a credibility grade")
        with self.transaction():
            assert self._conn is not None
            before = self._conn.execute(sa.select(table).where(table.c.id == record_id)).mappings().first()
            if before is None:
                raise StoreError(f"no {kind} with id {record_id}")
            self._write(sa.update(table).where(table.c.id == record_id).values(**values))
            return self.judge(
                kind,
                record_id,
                "grade",
                who=who,
                why=why,
                payload={"before": {k: before[k] for k in values}, "after": values},
            )
