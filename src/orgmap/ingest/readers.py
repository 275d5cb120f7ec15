"""Read a document file into text plus metadata: .txt, .md, .html/.htm, .pdf.

Every failure is an :class:`UnreadableDocument` naming the file and the reason; files
over the size limit are refused before they are read.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "note.md"
>>> _ = p.write_text("# Acme report\\n\\nAnn leads Acme.", encoding="utf-8")
>>> doc = read_document(p)
>>> doc.title, doc.text.endswith("Ann leads Acme.")
('Acme report', True)
>>> _ = p.write_text("---\\ntitle: Acme\\ndate: 2022-04-11\\n---\\nAnn leads Acme.", encoding="utf-8")
>>> doc = read_document(p)
>>> doc.title, doc.published, doc.text
('Acme', '2022-04-11', 'Ann leads Acme.')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from orgmap.ingest.decode import (
    MAX_DOCUMENT_BYTES,
    UnreadableDocument,
    decode_bytes,
    over_limit,
    read_text_file,
)

__all__ = ["SUPPORTED", "Document", "iso_date", "read_document", "read_sidecar"]

SUPPORTED = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
}
_DROP = (
    "nav",
    "header",
    "footer",
    "aside",
    "script",
    "style",
    "noscript",
    "form",
    "template",
    "svg",
    "iframe",
)
_META = ("title", "author", "publisher", "published")
MAX_SIDECAR_BYTES = 64_000
MAX_FIELDS = 50
MAX_FIELD_CHARS = 2_000


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


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_DATE_LINE = re.compile(
    r"^\s*(?:(?:date|dated|published|posted|updated|release date)\s*:?\s*)?(?P<date>"
    r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}"
    r"|(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
    r"|(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?,?\s+\d{4})"
    r"|(?:[A-Z][a-z]+\s+\d{4}))\s*$",
    re.IGNORECASE,
)
_HEAD_LINES = 5  # a .txt gives its date on one of its first lines, or not at all


def iso_date(text: str) -> str:
    """``"YYYY-MM-DD"`` (or as precise as given) for a written date, or ``""`` if it is not one.

    >>> iso_date("April 11, 2022"), iso_date("11 April 2022"), iso_date("2022-04-11T09:00Z"), iso_date("soon")
    ('2022-04-11', '2022-04-11', '2022-04-11', '')
    """
    from orgmap.casefile.spans import parse_period
    from orgmap.extract.timex import parse_date_text

    raw = str(text).strip()
    m = re.match(r"^(\d{4}-\d{2}(?:-\d{2})?)(?:[T ]|$)", raw)
    if m:
        found = m.group(1)
    elif re.search(r"\b(1[89]|20)\d\d\b", raw):
        found = parse_date_text(raw) or ""
    else:
        return ""
    try:
        parse_period(found)
    except ValueError:
        return ""
    return found


def _front_matter(doc: Document) -> None:
    """Move YAML front matter of a Markdown text into the document's metadata."""
    m = _FRONT.match(doc.text)
    if not m:
        return
    import yaml

    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        raise UnreadableDocument(
            f"{doc.path}: front matter is not valid YAML ({exc.__class__.__name__}); "
            "fix it or remove the leading '---' block"
        ) from None
    if not isinstance(data, dict):
        return
    doc.text = doc.text[m.end() :].lstrip("\r\n")
    for key in ("title", "author", "publisher"):
        if data.get(key):
            setattr(doc, key, str(data[key]).strip())
    for key in ("date", "published", "pubdate"):
        if data.get(key):
            doc.published = iso_date(str(data[key])) or doc.published
            break
    doc.metadata.update(
        {
            str(k): str(v)
            for k, v in data.items()
            if k not in ("title", "author", "publisher", "date", "published", "pubdate")
        }
    )


def _date_line(doc: Document) -> None:
    """A date on a line of its own among the first lines of a plain text is the document's date."""
    for line in doc.text.splitlines()[:_HEAD_LINES]:
        m = _DATE_LINE.match(line)
        if m and iso_date(m.group("date")):
            doc.published = iso_date(m.group("date"))
            return


def _check_size(p: Path, limit: int) -> None:
    size = p.stat().st_size
    if size > limit:
        raise UnreadableDocument(f"{p}: {over_limit(size, limit)}")
    if size == 0:
        raise UnreadableDocument(f"{p}: empty file")


def _attr(tag: Any, name: str) -> str:
    """A tag's attribute as text: ``""`` when absent, a multi-valued one joined by spaces."""
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def _read_html(p: Path, data: bytes) -> Document:
    from bs4 import BeautifulSoup

    raw = decode_bytes(data, str(p))
    soup = BeautifulSoup(raw, "lxml")
    meta: dict[str, Any] = {}
    if soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    for tag in soup.find_all("meta"):
        key = (_attr(tag, "name") or _attr(tag, "property")).lower()
        val = _attr(tag, "content").strip()
        if not val:
            continue
        if key in ("author", "article:author", "dc.creator"):
            meta.setdefault("author", val)
        elif key in ("og:site_name", "publisher", "dc.publisher"):
            meta.setdefault("publisher", val)
        elif key in (
            "article:published_time",
            "date",
            "dc.date",
            "dcterms.date",
            "dc.date.issued",
            "pubdate",
            "publish-date",
            "citation_publication_date",
            "og:published_time",
            "datepublished",
        ):
            if iso_date(val):
                meta.setdefault("published", iso_date(val))
        elif key == "og:title":
            meta.setdefault("title", val)
    if "published" not in meta:
        stamp = soup.find(itemprop="datePublished") or soup.find("time", datetime=True)
        if stamp is not None and iso_date(_attr(stamp, "content") or _attr(stamp, "datetime")):
            meta["published"] = iso_date(_attr(stamp, "content") or _attr(stamp, "datetime"))
    for name in _DROP:
        for tag in soup.find_all(name):
            tag.decompose()
    for tag in soup.find_all(role=["navigation", "banner", "contentinfo", "complementary"]):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    blocks = [
        re.sub(r"\s+", " ", b.get_text(" ")).strip()
        for b in root.find_all(["p", "h1", "h2", "h3", "h4", "li", "blockquote", "td", "pre"])
    ]
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
    """Metadata from ``FILE.meta.json`` or ``FILE.meta.yaml`` beside the file, if there is one.

    Values must be text, numbers or dates (a list or mapping is refused: turned into text
    it could be huge); each is capped at ``MAX_FIELD_CHARS`` characters, and at most
    ``MAX_FIELDS`` fields are read. YAML is loaded with alias limits (``orgmap.safeyaml``).

    >>> import json, pathlib, tempfile
    >>> page = pathlib.Path(tempfile.mkdtemp()) / "memo.html"
    >>> _ = page.write_text("<html><head><title>Memo</title><meta name='author' content='Ann'></head>"
    ...                     "<body><nav>menu</nav><p>Ali leads the Unit. He signs every order.</p></body></html>")
    >>> _ = page.with_name("memo.html.meta.json").write_text(json.dumps({"published": "2021-03-04"}))
    >>> read_sidecar(page), read_sidecar(page.with_name("other.html"))
    ({'published': '2021-03-04'}, {})
    """
    for suffix in (".meta.json", ".meta.yaml", ".meta.yml"):
        side = p.with_name(p.name + suffix)
        if side.exists():
            if not side.is_file() or side.stat().st_size > MAX_SIDECAR_BYTES:
                raise UnreadableDocument(
                    f"{side}: sidecar must be a regular file of at most {MAX_SIDECAR_BYTES // 1000} kB"
                )
            try:
                raw = side.read_text(encoding="utf-8")
                if suffix == ".meta.json":
                    data = json.loads(raw)
                else:
                    from orgmap.safeyaml import load_yaml

                    data = load_yaml(raw, str(side))
            except Exception as exc:
                reason = " ".join(str(exc).split())[:200]
                raise UnreadableDocument(f"{side}: unreadable sidecar ({reason})") from None
            if not isinstance(data, dict):
                raise UnreadableDocument(
                    f"{side}: sidecar must be a mapping of title/author/publisher/published"
                )
            if len(data) > MAX_FIELDS:
                raise UnreadableDocument(f"{side}: more than {MAX_FIELDS} fields")
            out = {}
            for key, value in data.items():
                if value is None:
                    continue
                if not isinstance(value, (str, int, float, date)):
                    raise UnreadableDocument(
                        f"{side}: field {str(key)[:40]!r} must be text, a number or a date"
                    )
                out[str(key)[:100]] = str(value)[:MAX_FIELD_CHARS]
            return out
    return {}


def read_document(path: Path | str, *, limit: int = MAX_DOCUMENT_BYTES) -> Document:
    """Read one file by its extension; metadata from the file, then its sidecar.

    >>> import json, pathlib, tempfile
    >>> page = pathlib.Path(tempfile.mkdtemp()) / "memo.html"
    >>> _ = page.write_text("<html><head><title>Memo</title><meta name='author' content='Ann'></head>"
    ...                     "<body><nav>menu</nav><p>Ali leads the Unit. He signs every order.</p></body></html>")
    >>> _ = page.with_name("memo.html.meta.json").write_text(json.dumps({"published": "2021-03-04"}))
    >>> doc = read_document(page)  # the navigation is dropped; the sidecar adds the date
    >>> doc.title, doc.author, doc.published, doc.text
    ('Memo', 'Ann', '2021-03-04', 'Ali leads the Unit. He signs every order.')
    >>> read_document(page.with_suffix(".odt"))
    Traceback (most recent call last):
    ...
    orgmap.ingest.decode.UnreadableDocument: ...memo.odt: unsupported file type .odt; use one of ...
    """
    p = Path(path)
    media = SUPPORTED.get(p.suffix.lower())
    if media is None:
        raise UnreadableDocument(
            f"{p}: unsupported file type {p.suffix or '(none)'}; use one of {', '.join(sorted(SUPPORTED))}"
        )
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
            _front_matter(doc)
            m = re.match(r"\s*#\s+(.+)", doc.text)
            if m and not doc.title:
                doc.title = m.group(1).strip()
        else:
            _date_line(doc)
    side = read_sidecar(p)
    for key in _META:
        if side.get(key):
            setattr(doc, key, side[key])
    doc.metadata.update({k: v for k, v in side.items() if k not in _META})
    if not doc.title:
        doc.title = p.stem.replace("_", " ").replace("-", " ")
    doc.text = doc.text.replace("\x00", "")  # PostgreSQL text cannot hold NUL; offsets are taken after this
    for key in _META:  # whatever the file or its sidecar says, a metadata field stays small
        setattr(
            doc,
            key,
            " ".join(str(getattr(doc, key)).split())[: 32 if key == "published" else MAX_FIELD_CHARS],
        )
    return doc
