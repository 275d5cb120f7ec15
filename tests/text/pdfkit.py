"""Write tiny PDFs for tests: with a text layer, or with none (like a scan)."""

from __future__ import annotations


def make_pdf(lines: list[str] | None) -> bytes:
    """A one-page PDF showing ``lines`` in Helvetica; ``None`` gives a page with no text."""
    if lines:
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
        for line in lines:
            safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({safe}) Tj T*")
        ops.append("ET")
    else:
        ops = ["0 0 1 rg", "100 100 200 200 re f"]
    stream = "\n".join(ops).encode("latin-1")
    return assemble(_page_objects(stream))


def _page_objects(stream: bytes, stream_dict: bytes = b"") -> list[bytes]:
    """Catalog, page tree, one page, its content ``stream``, a font and document information."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        (stream_dict or b"<< /Length %d >>" % len(stream)) + b"\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (Test report) /Author (Ann Analyst) /CreationDate (D:20240305120000) >>",
    ]


def assemble(objs: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file of numbered objects (object 1 the catalog, 6 the information) with a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    info = b" /Info 6 0 R" if len(objs) >= 6 else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1,
        info,
        trailer,
        xref,
    )
    return bytes(out)


# -- hostile PDFs (issue 16, item 3): each must be skipped with its reason, never crash a folder --


def _text_stream(line: str) -> bytes:
    return f"BT /F1 11 Tf 50 780 Td ({line}) Tj ET".encode("latin-1")


def encrypted_pdf(filter_name: bytes = b"/Standard") -> bytes:
    """A PDF whose trailer names an encryption dictionary (AES-128 by default, or another handler)."""
    objs = _page_objects(_text_stream("secret"))
    objs.append(
        b"<< /Filter " + filter_name + b" /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 "
        b"/AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF /P -4 "
        b"/O <" + b"00" * 32 + b"> /U <" + b"00" * 32 + b"> >>"
    )
    return assemble(objs, b"/Encrypt 7 0 R /ID [<" + b"11" * 16 + b"> <" + b"11" * 16 + b">] ")


def flate_bomb_pdf(size: int) -> bytes:
    """A content stream that inflates to ``size`` bytes from a few kilobytes."""
    import zlib

    packed = zlib.compress(b" " * size, 9)
    return assemble(_page_objects(packed, b"<< /Length %d /Filter /FlateDecode >>" % len(packed)))


def huge_length_pdf() -> bytes:
    """A content stream that declares a /Length of a terabyte."""
    stream = _text_stream("short")
    return assemble(_page_objects(stream, b"<< /Length 1000000000000 >>"))


def unknown_filter_pdf() -> bytes:
    stream = _text_stream("filtered")
    return assemble(_page_objects(stream, b"<< /Length %d /Filter /OrgmapNoSuchDecode >>" % len(stream)))


def page_tree_cycle_pdf() -> bytes:
    """A page tree whose node lists itself as a kid."""
    objs = _page_objects(_text_stream("loop"))
    objs[1] = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"
    return assemble(objs)


def many_pages_pdf(pages: int) -> bytes:
    """A PDF of ``pages`` empty pages (one shared content stream)."""
    first = 7
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(pages))
    objs = _page_objects(_text_stream("page"))
    objs[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R >>"] * pages
    return assemble(objs)
