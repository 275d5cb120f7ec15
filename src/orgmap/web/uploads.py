"""Uploaded documents: check, keep by content hash, add to the case as a source.

An upload goes through the full ingest (:func:`orgmap.ingest.ingest_paths`: readers,
sentences, extraction of candidates), as ``orgmap ingest`` would take it.
"""

from __future__ import annotations

from pathlib import Path

from orgmap.ingest import ingest_paths
from orgmap.web.security import MAX_UPLOAD_BYTES, UploadRefused, store_upload

__all__ = ["ingest_upload"]


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

    The file goes through the full ingest (sentences, extraction of candidates).
    """
    kept_before = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    path, _media = store_upload(folder, data, max_bytes=max_bytes)
    title = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    try:
        known = {s.id for s in store.sources(case_id)}
        sid, note = _full_ingest(store, case_id, path, title)
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


def _full_ingest(store, case_id: int, path: Path, title: str) -> tuple[int, str]:
    case = store.find_case(case_id).name
    overrides = {"title": title or f"upload {path.stem[:12]}"}
    report = ingest_paths(store, case, [path], overrides=overrides)
    row = report.rows[0]
    if row.status == "failed":
        raise UploadRefused(row.detail.replace(str(path), "the file"))
    if row.status == "skipped":
        return row.source_id, f"Already in the case as document #{row.source_id} (same text)."
    return row.source_id, (
        f"Added document #{row.source_id}: {row.entities} entities and {row.relations} "
        "relations extracted as candidates - review them on the Review page."
    )
