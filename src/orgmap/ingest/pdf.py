"""Read a PDF's text layer safely: hostile files are refused with a reason, never a crash.

A PDF comes from outside and may be built to hurt: encrypted, a flate bomb that
decompresses to gigabytes, a ``/Length`` of a terabyte, a filter nobody implements, a page
tree that points at itself, or a million pages. Every such file raises
:class:`~orgmap.ingest.decode.UnreadableDocument` with a one-line reason ("encrypted",
"over the safety limit", ...), so a folder ingest skips it and goes on, and the web upload
says why. Limits: ``MAX_PAGES`` pages, ``MAX_STREAM_BYTES`` decompressed bytes per stream,
``MAX_TEXT_CHARS`` characters of text in all.

>>> read_pdf(b"%PDF-1.4 nothing else", "x.pdf")
Traceback (most recent call last):
...
orgmap.ingest.decode.UnreadableDocument: x.pdf: damaged or truncated PDF (PdfStreamError)
"""

from __future__ import annotations

import logging
import re
from io import BytesIO
from pathlib import Path
from typing import Any

from orgmap.ingest.decode import UnreadableDocument

__all__ = ["MAX_PAGES", "MAX_STREAM_BYTES", "MAX_TEXT_CHARS", "read_pdf"]

MAX_PAGES = 2000
MAX_STREAM_BYTES = 20_000_000
MAX_TEXT_CHARS = 5_000_000


def _limits() -> dict[str, int]:
    """pypdf's resource limits, lowered to ours (each is a ceiling on one stream or structure)."""
    return dict(
        maximum_declared_stream_length=MAX_STREAM_BYTES,
        zlib_maximum_output_length=MAX_STREAM_BYTES,
        lzw_maximum_output_length=MAX_STREAM_BYTES,
        run_length_maximum_output_length=MAX_STREAM_BYTES,
        brotli_maximum_output_length=MAX_STREAM_BYTES,
        array_based_stream_maximum_output_length=MAX_STREAM_BYTES,
        jbig2_maximum_output_length=MAX_STREAM_BYTES,
        image_maximum_buffer_size=MAX_STREAM_BYTES,
        stream_decoding_work_maximum_length=4 * MAX_STREAM_BYTES,
        page_tree_maximum_entries=4 * MAX_PAGES,
        page_tree_maximum_page_entries=40 * MAX_PAGES,
    )


def read_pdf(source: Path | bytes, name: str) -> tuple[str, dict[str, Any]]:
    """(text, document information) of a PDF file or its bytes; ``name`` is used in errors."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings would garble the summary
    try:
        with apply_configuration(None, **_limits()):
            reader = PdfReader(BytesIO(source) if isinstance(source, bytes) else str(source))
            if reader.is_encrypted:
                raise UnreadableDocument(
                    f"{name}: encrypted PDF; save a decrypted copy (e.g. `qpdf --decrypt`) and ingest that"
                )
            pages = len(reader.pages)
            if pages > MAX_PAGES:
                raise UnreadableDocument(
                    f"{name}: {pages:,} pages is over the {MAX_PAGES:,}-page limit; split the PDF"
                )
            texts, total = [], 0
            for page in reader.pages:
                text = (page.extract_text() or "").strip()
                total += len(text)
                if total > MAX_TEXT_CHARS:
                    raise UnreadableDocument(
                        f"{name}: more than {MAX_TEXT_CHARS:,} characters of text; split the PDF"
                    )
                texts.append(text)
            info = _info(reader)
    except UnreadableDocument:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise UnreadableDocument(f"{name}: encrypted PDF; save a decrypted copy and ingest that") from None
    except LimitReachedError:
        raise UnreadableDocument(
            f"{name}: PDF over a safety limit (a stream decompresses to more than "
            f"{MAX_STREAM_BYTES / 1e6:.0f} MB, or its structure is too large)"
        ) from None
    except NotImplementedError as exc:
        if "encrypt" in str(exc).lower():  # a security handler other than the standard one
            raise UnreadableDocument(
                f"{name}: encrypted PDF (non-standard encryption); save a decrypted copy and ingest that"
            ) from None
        raise UnreadableDocument(
            f"{name}: PDF uses a compression filter or feature orgmap cannot read"
        ) from None
    except RecursionError:
        raise UnreadableDocument(f"{name}: damaged PDF (its objects refer to themselves)") from None
    except MemoryError:
        raise UnreadableDocument(f"{name}: PDF too large to read in memory") from None
    except Exception as exc:
        if "cyclic" in str(exc).lower():
            raise UnreadableDocument(f"{name}: damaged PDF (its page tree loops back on itself)") from None
        raise UnreadableDocument(f"{name}: damaged or truncated PDF ({type(exc).__name__})") from None
    return "\n\n".join(texts).strip(), info


def _info(reader: Any) -> dict[str, Any]:
    """Title, author and published date from the document information, as plain strings."""
    info = reader.metadata or {}
    meta: dict[str, Any] = {}
    if not hasattr(info, "get"):
        return meta
    for key, field_ in (("/Title", "title"), ("/Author", "author")):
        val = info.get(key)
        if val:
            meta[field_] = str(val).strip()
    created = info.get("/CreationDate")
    if created:
        m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", str(created))
        if m:
            meta["published"] = "-".join(x for x in m.groups() if x)
    return meta
