"""Store writes for cases, sources and informants (mixed into :class:`orgmap.store.api.Store`)."""

from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa

from orgmap.model import Informant, Source
from orgmap.store import tables as t
from orgmap.store.rows import content_hash, now

__all__ = ["CaseWrites"]


class CaseWrites:
    """Create and delete cases; add sources (once per content hash) and informants."""

    def ensure_case(self, name: str, title: str = "", description: str = "") -> int:
        """The id of the case called ``name``, created if new."""
        found = self.case_id(name, missing_ok=True)
        if found is not None:
            return found
        return self._write(sa.insert(t.cases).values(
            name=name, title=title, description=description, created_at=now())).inserted_primary_key[0]

    def delete_case(self, name: str) -> None:
        """Remove a case and everything in it (judgements on its records included)."""
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
                c.execute(sa.delete(t.judgements).where(
                    t.judgements.c.target_kind == kind, t.judgements.c.target_id.in_(sub)))
            c.execute(sa.delete(t.ratings).where(t.ratings.c.item_id.in_(ids["item"])))
            c.execute(sa.delete(t.item_evidence).where(t.item_evidence.c.item_id.in_(ids["item"])))
            for table in (t.hypothesis_items, t.hypotheses):
                c.execute(sa.delete(table).where(table.c.case_id == case_id))
            c.execute(sa.delete(t.evidence).where(t.evidence.c.assertion_id.in_(ids["assertion"])))
            c.execute(sa.update(t.assertions).where(t.assertions.c.case_id == case_id).values(supersedes=None))
            c.execute(sa.delete(t.assertions).where(t.assertions.c.case_id == case_id))
            c.execute(sa.delete(t.aliases).where(t.aliases.c.entity_id.in_(ids["entity"])))
            c.execute(sa.update(t.entities).where(t.entities.c.case_id == case_id).values(merged_into=None))
            for table in (t.entities, t.informants):
                c.execute(sa.delete(table).where(table.c.case_id == case_id))
            c.execute(sa.delete(t.passages).where(t.passages.c.source_id.in_(ids["source"])))
            c.execute(sa.delete(t.sources).where(t.sources.c.case_id == case_id))
            c.execute(sa.delete(t.cases).where(t.cases.c.id == case_id))

    def add_source(self, case_id: int, source: Source, passages: Sequence[tuple[int, int]] = ()) -> int:
        """Store a document once per case (by content hash) and return its id.

        ``passages`` are (start, end) sentence offsets, stored when the source is new.
        """
        digest = content_hash(source.text)
        existing = self.source_id_by_hash(case_id, digest)
        if existing is not None:
            return existing
        self.schema.check_grade(source.reliability, "6")
        values = dict(
            case_id=case_id, key=source.key, content_hash=digest, text=source.text, title=source.title,
            author=source.author, publisher=source.publisher, published=source.published,
            origin=source.origin, kind=source.kind, reliability=source.reliability,
            media_type=source.media_type, metadata=source.metadata, added_at=now(),
        )
        with self.transaction():
            sid = self._write(sa.insert(t.sources).values(**values)).inserted_primary_key[0]
            if passages:
                self._write(sa.insert(t.passages), [
                    {"source_id": sid, "idx": i, "start": s, "end": e} for i, (s, e) in enumerate(passages)])
        return sid

    def add_informant(self, case_id: int, informant: Informant) -> int:
        self.schema.check_grade(informant.reliability, "6")
        return self._write(sa.insert(t.informants).values(
            case_id=case_id, key=informant.key, name=informant.name, kind=informant.kind,
            reliability=informant.reliability, description=informant.description)).inserted_primary_key[0]
