"""The official GraphML and GEXF 1.3 schemas, vendored, and :func:`validate`.

``graphml/`` holds the GraphML 1.0 XSDs (``graphml.xsd`` redefines
``graphml-structure.xsd``); ``gexf-1.3/`` the GEXF 1.3 RelaxNG grammar and XSDs from the
format's own repository. The official GEXF 1.3 XSD does not compile (its ``graph``,
``node`` and ``edge`` types are missing: gephi/gexf issue 19), so GEXF is validated
against the RelaxNG grammar the XSD was generated from. ``SOURCES.md`` says where each
file came from, its licence, and which two small files are stand-ins.

>>> validate(b'<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes/><edges/></graph></gexf>',
...          "gexf-1.3")
[]
>>> validate(b'<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph/></gexf>', "gexf-1.3") != []
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

__all__ = ["HERE", "SCHEMAS", "validate"]

HERE = Path(__file__).parent
SCHEMAS = {"graphml": HERE / "graphml" / "graphml.xsd", "gexf-1.3": HERE / "gexf-1.3" / "gexf.rng"}
_GRAPHML_STRUCTURE = "http://graphml.graphdrawing.org/xmlns/1.0/graphml-structure.xsd"


class _Local(etree.Resolver):
    """Serves the vendored copy where an official schema names its parts by URL (offline)."""

    def resolve(self, url: str, pubid: Any, context: Any) -> Any:
        if url == _GRAPHML_STRUCTURE:
            return self.resolve_filename(str(HERE / "graphml" / "graphml-structure.xsd"), context)
        return None


@cache
def _schema(name: str) -> etree._Validator:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Local())
    doc = etree.parse(str(SCHEMAS[name]), parser)
    return etree.RelaxNG(doc) if SCHEMAS[name].suffix == ".rng" else etree.XMLSchema(doc)


def validate(document: bytes, name: str) -> list[str]:
    """Errors of ``document`` against schema ``name`` ("graphml" or "gexf-1.3"); [] when valid."""
    schema = _schema(name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    ok = schema.validate(etree.fromstring(document, parser))
    return [] if ok else [f"line {e.line}: {e.message}" for e in schema.error_log]
