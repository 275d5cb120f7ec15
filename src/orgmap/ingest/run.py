"""Ingest files into a case: read, split into sentences, extract, write — one transaction
per document, so an interrupted run leaves no half-written source and a re-run finishes
the job (documents already stored, by content hash, are skipped).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from orgmap.extract.pipeline import extract_parsed
from orgmap.extract.nlp import get_nlp, set_known_entities
from orgmap.ingest.decode import MAX_DOCUMENT_BYTES, UnreadableDocument
from orgmap.ingest.readers import SUPPORTED, read_document
from orgmap.ingest.write import write_result
from orgmap.model import Source
from orgmap.store.api import content_hash

__all__ = ["IngestRow", "IngestReport", "iter_files", "ingest_paths"]


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
        return {"ingested": self.count("ingested"), "skipped": self.count("skipped"),
                "failed": self.count("failed"), "files": [vars(r) for r in self.rows]}


def iter_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files named, and supported files under folders (recursively, sorted)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED
                              and not f.name.startswith("."))
        else:
            yield p


def ingest_paths(store, case: str, paths: Iterable[Path | str], *, overrides: dict[str, str] | None = None,
                 limit: int = MAX_DOCUMENT_BYTES, progress: Callable[[Path], None] | None = None
                 ) -> IngestReport:
    """Ingest every file; bad files are reported and the batch goes on."""
    case_id = store.ensure_case(case)
    report = IngestReport()
    files = list(iter_files(paths))
    known = [(e.name, e.type, tuple(e.aliases)) for e in store.entities(case_id)]
    nlp = get_nlp()
    for path in files:
        if progress:
            progress(path)
        try:
            if not path.exists():
                raise UnreadableDocument(f"{path}: no such file")
            doc = read_document(path, limit=limit)
        except UnreadableDocument as exc:
            report.rows.append(IngestRow(str(path), "failed", str(exc)))
            continue
        except (OSError, MemoryError) as exc:
            report.rows.append(IngestRow(str(path), "failed", f"{path}: {exc}"))
            continue
        for key, value in (overrides or {}).items():
            if value:
                setattr(doc, key, value)
        existing = store.source_id_by_hash(case_id, content_hash(doc.text))
        if existing is not None:
            report.rows.append(IngestRow(str(path), "skipped", "already ingested (same content)", existing))
            continue
        set_known_entities((n, t) for name, t, aliases in known for n in (name, *aliases))
        parsed = nlp(doc.text)
        result = extract_parsed(parsed, known=known, doc_date=doc.published or None)
        source = Source(text=doc.text, title=doc.title, author=doc.author, publisher=doc.publisher,
                        published=doc.published, origin=str(path), media_type=doc.media_type,
                        metadata={**doc.metadata, "extracted": True})
        with store.transaction():
            sid = store.add_source(case_id, source, result.sentences)
            counts = write_result(store, case_id, sid, result, reported_on=doc.published or None)
        report.rows.append(IngestRow(str(path), "ingested", "", sid, counts["entities"], counts["relations"]))
        known = [(e.name, e.type, tuple(e.aliases)) for e in store.entities(case_id)]
    return report
