"""Store reads for cases, sources, passages and informants (part of :class:`orgmap.store.reads.Reads`)."""

from __future__ import annotations

from typing import Any, Literal, overload

import sqlalchemy as sa

from orgmap.model import Case, Informant, Passage, Source, stored_id
from orgmap.store import tables as t
from orgmap.store.engine import StoreError
from orgmap.store.needs import Connected
from orgmap.store.read_helpers import one_connection

__all__ = ["SourceReads"]


def _file_name(source: Source) -> str:
    return source.origin.replace("\\", "/").rsplit("/", 1)[-1].casefold()


class SourceReads(Connected):
    """Cases, sources with their passages, informants."""

    @overload
    def case_id(self, name: str, *, missing_ok: Literal[False] = False) -> int: ...
    @overload
    def case_id(self, name: str, *, missing_ok: bool) -> int | None: ...

    def case_id(self, name: str, *, missing_ok: bool = False) -> int | None:
        """The id of the case called ``name``; ``None`` if there is none and ``missing_ok``.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); store.ensure_case("demo")
        1
        >>> store.case_id("demo"), store.case_id("other", missing_ok=True)
        (1, None)
        >>> store.case_id("other")
        Traceback (most recent call last):
        ...
        orgmap.store.engine.StoreError: no case called 'other' in the store (cases: demo)
        """
        with self.reading():  # one connection for both queries
            with self._connection() as c:
                found = c.scalar(sa.select(t.cases.c.id).where(t.cases.c.name == name))
            if found is None and not missing_ok:
                known = ", ".join(c.name for c in self.cases()) or "none yet"
                raise StoreError(f"no case called {name!r} in the store (cases: {known})")
        return found

    @one_connection
    def case_signature(self, case_id: int) -> tuple:
        """A cheap fingerprint of the case's state: it changes whenever an entity, an assertion
        or any judgement (status, merge, edit) is added, so caches of derived views know
        when to rebuild.

        >>> from orgmap.store import Store
        >>> s = Store.open(":memory:")
        >>> case = s.ensure_case("c")
        >>> before = s.case_signature(case)
        >>> from orgmap.model import Entity
        >>> _ = s.add_entity(case, Entity("person", "Ann"))
        >>> s.case_signature(case) != before
        True
        """
        a, e, j = t.assertions.c, t.entities.c, t.judgements.c
        with self._connection() as c:
            assertions = c.execute(
                sa.select(sa.func.count(), sa.func.max(a.id)).where(a.case_id == case_id)
            ).one()
            entities = c.execute(
                sa.select(sa.func.count(), sa.func.max(e.id), sa.func.count(e.merged_into)).where(
                    e.case_id == case_id
                )
            ).one()
            judged = c.scalar(sa.select(sa.func.max(j.id)))
        return (case_id, *assertions, *entities, judged)

    @one_connection
    def check_in_case(self, case_id: int, kind: str, ids: Any) -> list[int]:
        """``ids`` as integers when every one names a ``kind`` record of the case; StoreError otherwise.

        The web app checks every id a request carries with it, so that a request cannot read
        or change a record of a case the app is not serving.

        >>> from orgmap.store import Store
        >>> s = Store.open(":memory:"); a, b = s.ensure_case("a"), s.ensure_case("b")
        >>> e = s.add_entity(b, __import__("orgmap.model").model.Entity("person", "Ann"))
        >>> s.check_in_case(b, "entity", [str(e)])
        [1]
        >>> s.check_in_case(a, "entity", [e])
        Traceback (most recent call last):
        ...
        orgmap.store.engine.StoreError: no entity #1 in this case
        """
        tables = {
            "assertion": t.assertions,
            "entity": t.entities,
            "source": t.sources,
            "hypothesis": t.hypotheses,
            "item": t.hypothesis_items,
            "informant": t.informants,
        }
        table = tables[kind]
        wanted = []
        for raw in ids:
            if isinstance(raw, bool) or not isinstance(raw, (int, str)) or not str(raw).strip().isdigit():
                raise StoreError(f"{kind} id {str(raw)[:40]!r} is not a number")
            wanted.append(int(raw))
        with self._connection() as c:
            found = set(
                c.scalars(
                    sa.select(table.c.id).where(
                        table.c.case_id == case_id, table.c.id.in_(sorted(set(wanted)))
                    )
                )
            )
        missing = [i for i in wanted if i not in found]
        if missing:
            raise StoreError(f"no {kind} #{missing[0]} in this case")
        return wanted

    def cases(self) -> list[Case]:
        with self._connection() as c:
            rows = c.execute(sa.select(t.cases).order_by(t.cases.c.id)).all()
        return [Case(r.name, r.title, r.description, r.id) for r in rows]

    def find_case(self, ref: str | int | None = None) -> Case:
        """The case named ``ref`` (a name, or an id as a number), or the first case when ``None``.

        The one case lookup: writes name a case, reads take its id, and this gives both.

        >>> from orgmap.store import Store
        >>> s = Store.open(":memory:"); _ = s.ensure_case("a"); b = s.ensure_case("b")
        >>> s.find_case("b").id == b, s.find_case(b).name, s.find_case().name
        (True, 'b', 'a')
        >>> s.find_case("c")
        Traceback (most recent call last):
        ...
        orgmap.store.engine.StoreError: no case called 'c' in the store (cases: a, b)
        """
        cases = self.cases()
        if ref is None or ref == "":
            if not cases:
                raise StoreError("the store holds no case yet: run `orgmap load CASE_DIR` or `orgmap demo`")
            return cases[0]
        by_id = isinstance(ref, int) and not isinstance(ref, bool)
        found = next((c for c in cases if (c.id if by_id else c.name) == ref), None)
        if found is None:
            known = ", ".join(c.name for c in cases) or "none yet"
            what = f"#{ref}" if by_id else f"called {ref!r}"
            raise StoreError(f"no case {what} in the store (cases: {known})")
        return found

    def default_case(self, name: str | None = None) -> int:
        """The id of the case ``name``, or of the first case in the store when none is named."""
        return stored_id(self.find_case(name))

    def _source(self, r: Any) -> Source:
        return Source(
            id=r.id,
            key=r.key,
            text=r.text,
            title=r.title,
            author=r.author,
            publisher=r.publisher,
            published=r.published,
            origin=r.origin,
            kind=r.kind,
            reliability=r.reliability,
            media_type=r.media_type,
            metadata=dict(r.metadata or {}),
            content_hash=r.content_hash,
        )

    def source(self, source_id: int) -> Source:
        with self._connection() as c:
            r = c.execute(sa.select(t.sources).where(t.sources.c.id == source_id)).first()
        if r is None:
            raise StoreError(f"no source with id {source_id}")
        return self._source(r)

    def sources(self, case_id: int) -> list[Source]:
        with self._connection() as c:
            rows = c.execute(
                sa.select(t.sources).where(t.sources.c.case_id == case_id).order_by(t.sources.c.id)
            ).all()
        return [self._source(r) for r in rows]

    @one_connection
    def find_source(self, case_id: int, ref: str | int) -> Source:
        """The source of a case named by ``#id``/id, its case-file key, its title or its file name.

        Raises :class:`StoreError` listing the case's sources when none (or several) match.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> _ = store.add_source(case, Source(text="Ali leads the Unit.", key="memo", origin="/docs/memo.txt"))
        >>> _ = store.add_source(case, Source(text="Bob too.", title="Note"))
        >>> store.find_source(case, "memo").id, store.find_source(case, "#2").title, store.find_source(case, "MEMO.TXT").id
        (1, 'Note', 1)
        >>> store.find_source(case, "diary")
        Traceback (most recent call last):
        ...
        orgmap.store.engine.StoreError: no document 'diary' in this case; documents: #1 memo; #2 Note
        """
        text = str(ref).strip()
        sources = self.sources(case_id)
        if text.lstrip("#").isdigit():
            found = [s for s in sources if s.id == int(text.lstrip("#"))]
        else:
            found = [s for s in sources if text in (s.key, s.title, s.origin)]
            if not found:
                folded = text.casefold()
                found = [
                    s for s in sources if folded in (s.key.casefold(), s.title.casefold(), _file_name(s))
                ]
        if len(found) == 1:
            return found[0]
        listed = "; ".join(f"#{s.id} {s.key or s.title or s.origin}" for s in sources[:8]) or "none"
        if found:
            raise StoreError(
                f"document {text!r} is ambiguous; name it by #id: "
                + "; ".join(f"#{s.id} {s.title or s.origin}" for s in found)
            )
        raise StoreError(f"no document {text!r} in this case; documents: {listed}")

    def source_id_by_hash(self, case_id: int, digest: str) -> int | None:
        with self._connection() as c:
            return c.scalar(
                sa.select(t.sources.c.id).where(
                    t.sources.c.case_id == case_id, t.sources.c.content_hash == digest
                )
            )

    def passages(self, source_id: int) -> list[Passage]:
        """A source's sentences as ingest split them (``(start, end)`` offsets), in order.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> src = store.add_source(case, Source(text="Ali leads. Bob follows."), passages=[(0, 10), (11, 23)])
        >>> [(p.index, p.start, p.end) for p in store.passages(src)]
        [(0, 0, 10), (1, 11, 23)]
        """
        with self._connection() as c:
            rows = c.execute(
                sa.select(t.passages).where(t.passages.c.source_id == source_id).order_by(t.passages.c.idx)
            ).all()
        return [Passage(r.source_id, r.idx, r.start, r.end) for r in rows]

    def informants(self, case_id: int) -> list[Informant]:
        with self._connection() as c:
            rows = c.execute(
                sa.select(t.informants).where(t.informants.c.case_id == case_id).order_by(t.informants.c.id)
            ).all()
        return [Informant(r.name, r.kind, r.reliability, r.description, r.key, r.id) for r in rows]
