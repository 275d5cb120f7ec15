"""Parse untrusted XML safely: no DTDs, no entity expansion, no network; errors with a line.

The parser itself refuses: lxml reads the whole document (any encoding, any length of
comments before it) with DTD loading, entity resolution and network access off, and a
document that declares a DOCTYPE (where entities live) is refused after parsing, from
the parsed tree rather than a byte prefix. An entity reference without a declaration is
broken XML.

>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "bad.xml")
>>> _ = open(p, "w").write("<a><b></a>")
>>> try: parse_xml(p)
... except ImportFailed as e: print(str(e).split(":")[0:2])
['bad.xml', ' line 1']
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from orgmap.imports.bundle import ImportFailed

__all__ = ["parse_xml", "safe_parser"]


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=True,
        remove_blank_text=False,
        collect_ids=False,
    )


def parse_xml(path: Path | str) -> etree._Element:
    """The root element of ``path``; :class:`ImportFailed` naming file and line if malformed."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{path.name}: cannot read ({exc.strerror})") from None
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else "?")
        raise ImportFailed(f"{path.name}: line {line}: broken XML ({exc.msg})") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise ImportFailed(f"{path.name}: refuses DOCTYPE/ENTITY declarations (unsafe XML)")
    return root
