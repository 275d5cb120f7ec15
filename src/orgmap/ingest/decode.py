"""Turn bytes from a file into text, or say clearly why not.

>>> decode_bytes("Qods Force".encode("utf-16"), "x.txt")
'Qods Force'
>>> decode_bytes(b"\\x00\\x01\\x02binary", "x.bin")
Traceback (most recent call last):
...
orgmap.ingest.decode.UnreadableDocument: x.bin: binary data, not text
"""

from __future__ import annotations

import codecs
from pathlib import Path

__all__ = ["MAX_DOCUMENT_BYTES", "UnreadableDocument", "decode_bytes", "over_limit", "read_text_file"]

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


class UnreadableDocument(ValueError):
    """A document that cannot be read as text; the message says which and why."""


def over_limit(size: int, limit: int) -> str:
    """Why a file is too big, in numbers that cannot round to the same value.

    >>> over_limit(52_428_801, 52_428_800)
    '52,428,801 bytes (52.4 MB) is over the 52,428,800-byte (52.4 MB) limit'
    """
    return f"{size:,} bytes ({size / 1e6:.1f} MB) is over the {limit:,}-byte ({limit / 1e6:.1f} MB) limit"


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; refuse binary and bad encodings.

    >>> decode_bytes("Qaani".encode("utf-16")), decode_bytes(b"\\xef\\xbb\\xbfQaani")
    ('Qaani', 'Qaani')
    >>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "logo.png")
    Traceback (most recent call last):
    ...
    orgmap.ingest.decode.UnreadableDocument: logo.png: binary data, not text
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(f"{name}: broken UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise UnreadableDocument(f"{name}: binary data, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableDocument(
            f"{name}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}, line {line}); "
            "convert it with `iconv -f LATIN1 -t UTF-8` or similar"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: Path | str, limit: int = MAX_DOCUMENT_BYTES) -> str:
    """Read a text file, refusing files over ``limit`` bytes before reading them."""
    p = Path(path)
    size = p.stat().st_size
    if size > limit:
        raise UnreadableDocument(f"{p}: {over_limit(size, limit)}")
    return decode_bytes(p.read_bytes(), str(p))
