"""Ingest files into a case: read, split into sentences, extract, write — one transaction
per document, so an interrupted run leaves no half-written source and a re-run finishes
the job (documents already stored, by content hash, are skipped).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgmap.extract.markup import strip_markup
from orgmap.extract.nlp import get_nlp, parse_all
from orgmap.extract.pipeline import extract_parsed, known_pairs
from orgmap.ingest.decode import MAX_DOCUMENT_BYTES, UnreadableDocument
from orgmap.ingest.index import EntityIndex
from orgmap.ingest.readers import SUPPORTED, read_document
from orgmap.ingest.write import write_document
from orgmap.model import Source
from orgmap.store.api import content_hash
from orgmap.store.engine import SourceExists, StoreError

__all__ = ["IngestReport", "IngestRow", "case_for_ingest", "ingest_paths", "iter_files"]


@dataclass
class IngestRow:
    path: str
    status: str  # ingested | skipped | failed
    detail: str = ""
    source_id: int | None = None
    entities: int = 0
    relations: int = 0


@dataclass
class IngestReport:
    rows: list[IngestRow] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.rows)

    def to_dict(self) -> dict:
        return {
            "ingested": self.count("ingested"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "files": [vars(r) for r in self.rows],
        }


def iter_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files named, and supported files under folders (recursively, sorted).

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.txt", "a.html", "notes.odt", ".hidden.txt"):
    ...     _ = (folder / name).write_text("x")
    >>> [p.name for p in iter_files([folder])], [p.name for p in iter_files([folder / "notes.odt"])]
    (['a.html', 'b.txt'], ['notes.odt'])
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED and not f.name.startswith(".")
            )
        else:
            yield p


@contextlib.contextmanager
def case_for_ingest(store: Any, case: str) -> Iterator[int]:
    """The id of ``case``, created if new; a case this run created is removed again if it stays empty.

    So a failed ingest (no document readable, or the run stopped) creates no case.

    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:")
    >>> with case_for_ingest(store, "new") as case_id:
    ...     case_id, store.cases()[0].name
    (1, 'new')
    >>> store.cases()  # nothing was stored in it
    []
    """
    created = store.case_id(case, missing_ok=True) is None
    case_id = store.ensure_case(case)
    try:
        yield case_id
    finally:
        if created and not store.sources(case_id):
            store.delete_case(case)


def ingest_paths(
    store,
    case: str,
    paths: Iterable[Path | str],
    *,
    overrides: dict[str, str] | None = None,
    limit: int = MAX_DOCUMENT_BYTES,
    progress: Callable[[Path], None] | None = None,  # called as each file is done
    batch: int = 16,
) -> IngestReport:
    """Ingest every file; bad files are reported and the batch goes on.

    Files are parsed ``batch`` at a time with ``nlp.pipe`` (faster); each is still written
    in its own transaction. Entities stored by earlier batches teach the EntityRuler.

    >>> import pathlib, tempfile
    >>> from orgmap.store import Store
    >>> memo = pathlib.Path(tempfile.mkdtemp()) / "memo.txt"
    >>> _ = memo.write_text("Hasan Nasrallah, the secretary general of Hizballah, met Esmail Qaani.")
    >>> store = Store.open(":memory:")
    >>> row = ingest_paths(store, "demo", [memo]).rows[0]
    >>> row.status, row.entities, row.relations
    ('ingested', 3, 2)
    >>> ingest_paths(store, "demo", [memo, memo.with_name("gone.txt")]).to_dict()["skipped"]
    1
    """
    with case_for_ingest(store, case) as case_id:
        return _ingest(
            store, case_id, paths, overrides=overrides, limit=limit, progress=progress, batch=batch
        )


def _ingest(
    store,
    case_id: int,
    paths: Iterable[Path | str],
    *,
    overrides: dict[str, str] | None,
    limit: int,
    progress: Callable[[Path], None] | None,
    batch: int,
) -> IngestReport:
    report = IngestReport()
    files = list(iter_files(paths))
    known = [(e.name, e.type, tuple(e.aliases)) for e in store.entities(case_id)]
    index = EntityIndex(store, case_id)  # kept up to date across documents, not rebuilt for each
    nlp = get_nlp()
    slots: list[IngestRow | None] = []  # one per file visited, in order
    for first in range(0, len(files), batch):
        ready = []  # (path, document) pairs to parse together
        hashes: set[str] = set()
        for path in files[first : first + batch]:
            slots.append(None)
            row = _read(path, limit, overrides)
            if isinstance(row, IngestRow):
                slots[-1] = row
                if progress:
                    progress(path)
                continue
            if len(row.text) > nlp.max_length:
                slots[-1] = IngestRow(
                    str(path),
                    "failed",
                    f"{path}: {len(row.text):,} characters is more than the "
                    f"parser's {nlp.max_length:,}; split the document and ingest the parts",
                )
                if progress:
                    progress(path)
                continue
            digest = content_hash(row.text)
            existing = store.source_id_by_hash(case_id, digest)
            if existing is not None or digest in hashes:
                slots[-1] = IngestRow(str(path), "skipped", "already ingested (same content)", existing)
                if progress:
                    progress(path)
                continue
            hashes.add(digest)
            ready.append((len(slots) - 1, path, row))
        cleaned = [strip_markup(d.text) for _, _, d in ready]
        parsed_all = parse_all([c.text for c in cleaned], known=known_pairs(known))
        for (slot, path, doc), clean, parsed in zip(ready, cleaned, parsed_all):
            try:
                result = extract_parsed(parsed, known=known, doc_date=doc.published or None, markup=clean)
                source = Source(
                    text=doc.text,
                    title=doc.title,
                    author=doc.author,
                    publisher=doc.publisher,
                    published=doc.published,
                    origin=str(path),
                    media_type=doc.media_type,
                    metadata={**doc.metadata, "extracted": True},
                )
                sid, counts = write_document(
                    store, case_id, source, result, reported_on=doc.published or None, index=index
                )
            except SourceExists as exc:  # another ingest stored it meanwhile
                slots[slot] = IngestRow(str(path), "skipped", str(exc), exc.source_id)
            except StoreError:
                raise  # the store itself is in trouble (locked, gone): stop, nothing half-written
            except Exception as exc:
                slots[slot] = IngestRow(
                    str(path),
                    "failed",
                    f"{path}: extraction failed ({type(exc).__name__}: {exc}); nothing was stored for it",
                )
            else:
                slots[slot] = IngestRow(
                    str(path), "ingested", "", sid, counts["entities"], counts["relations"]
                )
            if progress:
                progress(path)
        if ready:
            known = [(e.name, e.type, tuple(e.aliases)) for e in store.entities(case_id)]
    report.rows = [r for r in slots if r is not None]
    if report.count("ingested"):
        store.analyze()  # fresh planner statistics for the queries that follow
    return report


def _read(path: Path, limit: int, overrides: dict[str, str] | None):
    """The document, or a failed :class:`IngestRow` saying why not."""
    try:
        if not path.exists():
            raise UnreadableDocument(f"{path}: no such file")
        doc = read_document(path, limit=limit)
    except UnreadableDocument as exc:
        return IngestRow(str(path), "failed", str(exc))
    except (OSError, MemoryError) as exc:
        return IngestRow(str(path), "failed", f"{path}: {exc}")
    for key, value in (overrides or {}).items():
        if value:
            setattr(doc, key, value)
    return doc
