"""``orgmap ingest --workers N`` / ``--scheduler ADDRESS``: extraction on a Dask cluster.

Documents are read here (workers may not see the files), extraction (the pure
``orgmap.extract.extract_document``) runs on the workers, and this process is the one
writer: results are written in input order, one document per transaction, exactly as
:func:`orgmap.ingest.ingest_paths` writes them. Like it, documents go in batches of
``batch``; every document of a batch is extracted knowing the entities stored before
the batch, so with the same ``batch`` the outcome is identical to a single-process
ingest (same sources, entities, merges and assertions, in the same order).

>>> from orgmap.store import Store
>>> from orgmap.extract.result import ExtractedEntity, ExtractionResult
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Ann Lee leads Acme Corp.")
>>> def ann_only(text, **_):  # stands in for extract_document (no spaCy on the worker)
...     ann = ExtractedEntity("e1", "Ann Lee", "person", mentions=[(0, 7)])
...     return ExtractionResult(text, [(0, len(text))], [ann])
>>> store = Store.open(":memory:")
>>> report = ingest_distributed(store, "demo", [folder], workers=1, extract=ann_only)
>>> report.count("ingested"), [e.name for e in store.entities(store.case_id("demo"))]
(1, ['Ann Lee'])
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from orgmap.ingest.decode import MAX_DOCUMENT_BYTES
from orgmap.ingest.index import EntityIndex
from orgmap.ingest.run import IngestReport, IngestRow, _read, case_for_ingest, iter_files
from orgmap.ingest.write import write_document
from orgmap.model import Source
from orgmap.scale.cluster import open_client
from orgmap.scale.fanout import ordered_map
from orgmap.store.api import content_hash
from orgmap.store.engine import SourceExists

__all__ = ["default_extract", "ingest_distributed"]


def default_extract(text: str, *, known_entities: Iterable = (), doc_date: str | None = None) -> Any:
    """The real extraction (imported on the worker, where spaCy loads once per process)."""
    from orgmap.extract.pipeline import extract_document

    return extract_document(text, known_entities=known_entities, doc_date=doc_date)


def _task(extract: Callable[..., Any], item: tuple[str, str | None], known: list) -> Any:
    text, doc_date = item
    return extract(text, known_entities=known, doc_date=doc_date)


def ingest_distributed(
    store: Any,
    case: str,
    paths: Iterable[Path | str],
    *,
    workers: int | None = 2,
    scheduler: str | None = None,
    overrides: dict[str, str] | None = None,
    limit: int = MAX_DOCUMENT_BYTES,
    progress: Callable[[Path], None] | None = None,
    batch: int = 16,
    extract: Callable[..., Any] | None = None,
    client: Any = None,
) -> IngestReport:
    """Ingest ``paths`` into ``case`` with extraction fanned out over Dask; returns the report.

    ``client`` reuses a connected ``distributed.Client``; otherwise one is opened from
    ``scheduler`` or a LocalCluster of ``workers``. A document whose extraction fails on
    a worker is reported ``failed`` and the others go on.
    """
    if client is None:
        with open_client(workers, scheduler) as opened:
            return ingest_distributed(
                store,
                case,
                paths,
                overrides=overrides,
                limit=limit,
                progress=progress,
                batch=batch,
                extract=extract,
                client=opened,
            )
    task = functools.partial(_task, extract or default_extract)
    with case_for_ingest(store, case) as case_id:
        return _ingest(
            store,
            case_id,
            paths,
            task,
            client,
            overrides=overrides,
            limit=limit,
            progress=progress,
            batch=batch,
        )


def _ingest(
    store: Any,
    case_id: int,
    paths: Any,
    task: Any,
    client: Any,
    *,
    overrides: Any,
    limit: int,
    progress: Any,
    batch: int,
) -> IngestReport:
    report = IngestReport()
    files = list(iter_files(paths))
    known = [(e.name, e.type, tuple(e.aliases)) for e in store.entities(case_id)]
    index = EntityIndex(store, case_id)  # kept up to date across documents, not rebuilt for each
    for first in range(0, len(files), batch):
        ready, hashes = [], set()
        for path in files[first : first + batch]:
            if progress:
                progress(path)
            row = _read(path, limit, overrides)
            if isinstance(row, IngestRow):
                report.rows.append(row)
                continue
            digest = content_hash(row.text)
            existing = store.source_id_by_hash(case_id, digest)
            if existing is not None or digest in hashes:
                report.rows.append(
                    IngestRow(str(path), "skipped", "already ingested (same content)", existing)
                )
                continue
            hashes.add(digest)
            ready.append((path, row))
        items = [(doc.text, doc.published or None) for _, doc in ready]
        for (path, doc), outcome in zip(ready, ordered_map(client, task, items, known=known)):
            if outcome.error is not None:
                report.rows.append(
                    IngestRow(str(path), "failed", f"{path}: extraction failed: {outcome.error}")
                )
                continue
            result = outcome.value
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
            try:  # the one writer: one document, all or nothing
                sid, counts = write_document(
                    store, case_id, source, result, reported_on=doc.published or None, index=index
                )
            except SourceExists as exc:  # another ingest stored it meanwhile
                report.rows.append(IngestRow(str(path), "skipped", str(exc), exc.source_id))
                continue
            report.rows.append(
                IngestRow(str(path), "ingested", "", sid, counts["entities"], counts["relations"])
            )
        if ready:
            known = [(e.name, e.type, tuple(e.aliases)) for e in store.entities(case_id)]
    if report.count("ingested"):
        store.analyze()  # fresh planner statistics for the queries that follow
    return report
