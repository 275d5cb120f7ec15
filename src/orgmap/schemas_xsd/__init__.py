"""XML schemas orgmap validates its exports against, and :func:`validate`.

``graphml.xsd`` and ``gexf-1.3.xsd`` are reduced versions of the official schemas,
written without network access (see docs/interop.md); they cover what orgmap writes.

>>> validate(b'<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph/></gexf>', "gexf-1.3")
[]
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

__all__ = ["SCHEMAS", "validate"]

HERE = Path(__file__).parent
SCHEMAS = {"graphml": HERE / "graphml.xsd", "gexf-1.3": HERE / "gexf-1.3.xsd"}


@lru_cache(maxsize=None)
def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS[name])))


def validate(document: bytes, name: str) -> list[str]:
    """Errors of ``document`` against schema ``name`` ("graphml" or "gexf-1.3"); [] when valid."""
    schema = _schema(name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    ok = schema.validate(etree.fromstring(document, parser))
    return [] if ok else [f"line {e.line}: {e.message}" for e in schema.error_log]
