"""Store writes for cases, sources and informants (mixed into :class:`orgmap.store.api.Store`)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlalchemy.dialects.postgresql
import sqlalchemy.dialects.sqlite

from orgmap.model import Informant, Source
from orgmap.store import tables as t
from orgmap.store.engine import SourceExists
from orgmap.store.needs import Connected, SourceLookup
from orgmap.store.rows import content_hash, inserted_id, now

__all__ = ["CaseWrites"]


class CaseWrites(Connected, SourceLookup):
    """Create and delete cases; add sources (once per content hash) and informants."""

    def ensure_case(self, name: str, title: str = "", description: str = "") -> int:
        """The id of the case called ``name``, created if new.

        Safe when several writers create the same case at once: the insert does nothing when
        the name exists (``ON CONFLICT DO NOTHING``), and every caller gets the one id.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:")
        >>> store.ensure_case("demo", title="A demo"), store.ensure_case("demo")
        (1, 1)
        """
        found = self.case_id(name, missing_ok=True)
        if found is not None:
            return found
        with self.transaction():
            c = self._conn
            assert c is not None
            insert = (
                sa.dialects.postgresql.insert if c.dialect.name == "postgresql" else sa.dialects.sqlite.insert
            )(t.cases)
            c.execute(
                insert.values(
                    name=name, title=title, description=description, created_at=now()
                ).on_conflict_do_nothing(index_elements=["name"])
            )
            return c.execute(sa.select(t.cases.c.id).where(t.cases.c.name == name)).scalar_one()

    def delete_case(self, name: str) -> None:
        """Remove a case and everything in it (judgements on its records included).

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); store.ensure_case("old")
        1
        >>> store.delete_case("old"); store.cases()
        []
        """
        case_id = self.case_id(name)
        with self.transaction():
            c = self._conn
            assert c is not None
            ids = {
                "assertion": sa.select(t.assertions.c.id).where(t.assertions.c.case_id == case_id),
                "entity": sa.select(t.entities.c.id).where(t.entities.c.case_id == case_id),
                "source": sa.select(t.sources.c.id).where(t.sources.c.case_id == case_id),
                "hypothesis": sa.select(t.hypotheses.c.id).where(t.hypotheses.c.case_id == case_id),
                "item": sa.select(t.hypothesis_items.c.id).where(t.hypothesis_items.c.case_id == case_id),
                "informant": sa.select(t.informants.c.id).where(t.informants.c.case_id == case_id),
            }
            for kind, sub in ids.items():
                c.execute(
                    sa.delete(t.judgements).where(
                        t.judgements.c.target_kind == kind, t.judgements.c.target_id.in_(sub)
                    )
                )
            c.execute(sa.delete(t.ratings).where(t.ratings.c.item_id.in_(ids["item"])))
            c.execute(sa.delete(t.item_evidence).where(t.item_evidence.c.item_id.in_(ids["item"])))
            for table in (t.hypothesis_items, t.hypotheses, t.scenarios, t.summaries):
                c.execute(sa.delete(table).where(table.c.case_id == case_id))
            c.execute(sa.delete(t.evidence).where(t.evidence.c.assertion_id.in_(ids["assertion"])))
            c.execute(
                sa.update(t.assertions).where(t.assertions.c.case_id == case_id).values(supersedes=None)
            )
            c.execute(sa.delete(t.assertions).where(t.assertions.c.case_id == case_id))
            c.execute(sa.delete(t.aliases).where(t.aliases.c.entity_id.in_(ids["entity"])))
            c.execute(sa.update(t.entities).where(t.entities.c.case_id == case_id).values(merged_into=None))
            for table in (t.entities, t.informants):
                c.execute(sa.delete(table).where(table.c.case_id == case_id))
            c.execute(sa.delete(t.passages).where(t.passages.c.source_id.in_(ids["source"])))
            c.execute(sa.delete(t.sources).where(t.sources.c.case_id == case_id))
            c.execute(sa.delete(t.cases).where(t.cases.c.id == case_id))

    def add_source(
        self, case_id: int, source: Source, passages: Sequence[tuple[int, int]] = (), *, new: bool = False
    ) -> int:
        """Store a document once per case (by content hash) and return its id.

        ``passages`` are (start, end) sentence offsets, stored when the source is new. With
        ``new`` a document already in the case raises :class:`SourceExists` instead of
        returning the stored one (ingest: whoever stored it first also extracted from it).

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
        >>> first = store.add_source(case, Source(text="Ali leads the Unit.", title="Report"))
        >>> store.add_source(case, Source(text="Ali leads the Unit.")) == first  # same text, same source
        True
        >>> store.add_source(case, Source(text="Ali leads the Unit."), new=True)
        Traceback (most recent call last):
        ...
        orgmap.store.engine.SourceExists: already ingested (same content as source #1)
        """
        digest = content_hash(source.text)
        with self.transaction():
            existing = self.source_id_by_hash(case_id, digest)
            if existing is not None and new:
                raise SourceExists(f"already ingested (same content as source #{existing})", existing)
            if existing is not None:
                return existing
            return self._insert_source(case_id, source, digest, passages)

    def _insert_source(
        self, case_id: int, source: Source, digest: str, passages: Sequence[tuple[int, int]]
    ) -> int:
        self.schema.check_grade(source.reliability, "6")
        values = dict(
            case_id=case_id,
            key=source.key,
            content_hash=digest,
            text=source.text,
            title=source.title,
            author=source.author,
            publisher=source.publisher,
            published=source.published,
            origin=source.origin,
            kind=source.kind,
            reliability=source.reliability,
            media_type=source.media_type,
            metadata=source.metadata,
            added_at=now(),
        )
        with self.transaction():
            sid = inserted_id(self._write(sa.insert(t.sources).values(**values)))
            if passages:
                self._write(
                    sa.insert(t.passages),
                    [{"source_id": sid, "idx": i, "start": s, "end": e} for i, (s, e) in enumerate(passages)],
                )
        return sid

    def add_informant(self, case_id: int, informant: Informant) -> int:
        """Store who relayed information (graded A-F) and return its id.

        >>> from orgmap.store import Store
        >>> store = Store.open(":memory:")
        >>> store.add_informant(store.ensure_case("demo"), Informant("Defector", "person", "C"))
        1
        """
        self.schema.check_grade(informant.reliability, "6")
        return inserted_id(
            self._write(
                sa.insert(t.informants).values(
                    case_id=case_id,
                    key=informant.key,
                    name=informant.name,
                    kind=informant.kind,
                    reliability=informant.reliability,
                    description=informant.description,
                )
            )
        )
