"""Read a document file into text plus metadata: .txt, .md, .html/.htm, .pdf.

Every failure is an :class:`UnreadableDocument` naming the file and the reason; files
over the size limit are refused before they are read.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "note.md"
>>> _ = p.write_text("# Acme report\\n\\nAnn leads Acme.", encoding="utf-8")
>>> doc = read_document(p)
>>> doc.title, doc.text.endswith("Ann leads Acme.")
('Acme report', True)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgmap.ingest.decode import MAX_DOCUMENT_BYTES, UnreadableDocument, decode_bytes, read_text_file

__all__ = ["Document", "read_document", "SUPPORTED", "read_sidecar"]

SUPPORTED = {".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown",
             ".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf"}
_DROP = ("nav", "header", "footer", "aside", "script", "style", "noscript", "form", "template", "svg", "iframe")
_META = ("title", "author", "publisher", "published")


@dataclass
class Document:
    """Text read from a file with what the file says about itself."""

    path: str
    text: str
    media_type: str
    title: str = ""
    author: str = ""
    publisher: str = ""
    published: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


def _check_size(p: Path, limit: int) -> None:
    size = p.stat().st_size
    if size > limit:
        raise UnreadableDocument(f"{p}: {size / 1e6:.0f} MB is over the {limit / 1e6:.0f} MB limit")
    if size == 0:
        raise UnreadableDocument(f"{p}: empty file")


def _read_html(p: Path, data: bytes) -> Document:
    from bs4 import BeautifulSoup

    raw = decode_bytes(data, str(p))
    soup = BeautifulSoup(raw, "lxml")
    meta = {}
    if soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    for tag in soup.find_all("meta"):
        key = (tag.get("name") or tag.get("property") or "").lower()
        val = (tag.get("content") or "").strip()
        if not val:
            continue
        if key in ("author", "article:author", "dc.creator"):
            meta.setdefault("author", val)
        elif key in ("og:site_name", "publisher", "dc.publisher"):
            meta.setdefault("publisher", val)
        elif key in ("article:published_time", "date", "dc.date", "pubdate"):
            meta.setdefault("published", val[:10])
        elif key == "og:title":
            meta.setdefault("title", val)
    for name in _DROP:
        for tag in soup.find_all(name):
            tag.decompose()
    for tag in soup.find_all(attrs={"role": ["navigation", "banner", "contentinfo", "complementary"]}):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    blocks = [re.sub(r"\s+", " ", b.get_text(" ")).strip()
              for b in root.find_all(["p", "h1", "h2", "h3", "h4", "li", "blockquote", "td", "pre"])]
    text = "\n".join(b for b in blocks if b) or re.sub(r"[ \t]+", " ", root.get_text("\n")).strip()
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if len(re.findall(r"\w+", text)) < 5:
        raise UnreadableDocument(f"{p}: no main text once navigation, headers and scripts are dropped")
    return Document(str(p), text, "text/html", **meta)


def _read_pdf(p: Path) -> Document:
    from orgmap.ingest.pdf import read_pdf

    text, meta = read_pdf(p, str(p))
    if not re.search(r"\w{2,}", text):
        raise UnreadableDocument(f"{p}: PDF has no text layer (scanned?); run OCR on it first")
    return Document(str(p), text, "application/pdf", **meta)


def read_sidecar(p: Path) -> dict[str, Any]:
    """Metadata from ``FILE.meta.json`` or ``FILE.meta.yaml`` beside the file, if there is one."""
    for suffix in (".meta.json", ".meta.yaml", ".meta.yml"):
        side = p.with_name(p.name + suffix)
        if side.exists():
            raw = side.read_text(encoding="utf-8")
            try:
                if suffix == ".meta.json":
                    data = json.loads(raw)
                else:
                    import yaml

                    data = yaml.safe_load(raw)
            except Exception as exc:  # noqa: BLE001 - any parse error is the sidecar's fault
                raise UnreadableDocument(f"{side}: unreadable sidecar ({exc})") from None
            if not isinstance(data, dict):
                raise UnreadableDocument(f"{side}: sidecar must be a mapping of title/author/publisher/published")
            return {k: str(v) for k, v in data.items() if v is not None}
    return {}


def read_document(path: Path | str, *, limit: int = MAX_DOCUMENT_BYTES) -> Document:
    """Read one file by its extension; metadata from the file, then its sidecar."""
    p = Path(path)
    media = SUPPORTED.get(p.suffix.lower())
    if media is None:
        raise UnreadableDocument(f"{p}: unsupported file type {p.suffix or '(none)'}; "
                                 f"use one of {', '.join(sorted(SUPPORTED))}")
    _check_size(p, limit)
    if media == "application/pdf":
        doc = _read_pdf(p)
    elif media == "text/html":
        doc = _read_html(p, p.read_bytes())
    else:
        text = read_text_file(p, limit).strip("\ufeff")
        if not text.strip():
            raise UnreadableDocument(f"{p}: no text (only whitespace)")
        doc = Document(str(p), text, media)
        if media == "text/markdown":
            m = re.match(r"\s*#\s+(.+)", text)
            if m:
                doc.title = m.group(1).strip()
    side = read_sidecar(p)
    for key in _META:
        if side.get(key):
            setattr(doc, key, side[key])
    doc.metadata.update({k: v for k, v in side.items() if k not in _META})
    if not doc.title:
        doc.title = p.stem.replace("_", " ").replace("-", " ")
    return doc
