"""Uploaded documents: check, keep by content hash, add to the case as a source.

Readers come from ``orgmap.ingest`` when it provides them; plain text and HTML are read
here otherwise. Extraction runs when ``orgmap.extract`` is installed.
"""

from __future__ import annotations

from pathlib import Path

from orgmap.model import Source
from orgmap.web.needs import capability
from orgmap.web.security import MAX_UPLOAD_BYTES, UploadRefused, store_upload

__all__ = ["document_text", "ingest_upload"]


def document_text(data: bytes, media: str) -> str:
    """The text of an uploaded document (HTML: its visible text; PDF: needs a reader)."""
    from orgmap.ingest.decode import decode_bytes

    if media == "application/pdf":
        from orgmap.ingest.decode import UnreadableDocument
        from orgmap.ingest.pdf import read_pdf

        try:
            return read_pdf(data, "the PDF")[0]
        except UnreadableDocument as exc:
            raise UploadRefused(str(exc)) from None
    text = decode_bytes(data, "upload")
    if media == "text/html":
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(text, "lxml")
        for tag in soup(["script", "style", "noscript", "template"]):
            tag.decompose()
        text = soup.get_text("\n")
        text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return text


def ingest_upload(
    store,
    case_id: int,
    data: bytes,
    folder: Path,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    name: str = "",
    who: str = "",
) -> tuple[int, str]:
    """Store the bytes under their hash, add the document; returns (source id, a note for the user).

    A refused document (unreadable, encrypted, over a limit) raises :class:`UploadRefused`
    with the reason, and its file is removed again. A new document gets an ``upload``
    judgement naming ``who`` uploaded it.

    With ``orgmap.ingest`` installed the file goes through the full ingest (sentences,
    extraction of candidates); otherwise its text is stored as a source.
    """
    kept_before = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    path, media = store_upload(folder, data, max_bytes=max_bytes)
    title = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    ingest = capability("orgmap.ingest", "ingest_paths")
    try:
        known = {s.id for s in store.sources(case_id)}
        if ingest is not None:
            sid, note = _full_ingest(ingest, store, case_id, path, title)
        else:
            sid, note = _text_only(store, case_id, data, path, media, title)
        if who and sid not in known:  # the audit trail says who brought the document in
            store.judge(
                "source",
                sid,
                "upload",
                who=who,
                why="uploaded in the web app",
                payload={"sha256": path.stem, "name": title},
            )
        return sid, note
    except BaseException:
        if path.name not in kept_before:  # a refused upload does not stay on disk
            path.unlink(missing_ok=True)
        raise


def _full_ingest(ingest, store, case_id: int, path: Path, title: str) -> tuple[int, str]:
    case = store.find_case(case_id).name
    overrides = {"title": title or f"upload {path.stem[:12]}"}
    report = ingest.ingest_paths(store, case, [path], overrides=overrides)
    row = report.rows[0]
    if row.status == "failed":
        raise UploadRefused(row.detail.replace(str(path), "the file"))
    if row.status == "skipped":
        return row.source_id, f"Already in the case as document #{row.source_id} (same text)."
    return row.source_id, (
        f"Added document #{row.source_id}: {row.entities} entities and {row.relations} "
        "relations extracted as candidates - review them on the Review page."
    )


def _text_only(store, case_id: int, data: bytes, path: Path, media: str, title: str) -> tuple[int, str]:
    text = document_text(data, media)
    if not text.strip():
        raise UploadRefused("the document holds no text")
    digest = path.stem
    title = title or f"upload {digest[:12]}"
    existing = {s.id for s in store.sources(case_id)}
    sid = store.add_source(
        case_id,
        Source(
            text=text,
            title=title,
            origin=f"upload sha256:{digest}",
            media_type=media,
            metadata={"upload_sha256": digest, "stored_as": path.name},
        ),
    )
    if sid in existing:
        return sid, f"Already in the case as document #{sid} (same text)."
    return sid, f"Added document #{sid} ({len(text):,} characters, {media})."
