"""A small, pure stand-in for ``extract_document`` in the tests of the Dask fan-out.

Runs of two or more capitalised words are entities (person when two words, else
organization); ``X leads Y`` in one sentence is a ``leads`` relation. ``work`` repeats a
deterministic busy loop per character so benchmarks can give it a realistic cost.

>>> r = standin_extract("Ann Lee leads Acme Holdings Group. Nothing here.")
>>> [(e.name, e.type) for e in r.entities], [x.type for x in r.relations]
([('Ann Lee', 'person'), ('Acme Holdings Group', 'organization')], ['leads'])
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from orgmap.extract.result import ExtractedEntity, ExtractedRelation, ExtractionResult

__all__ = ["standin_extract"]

_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def standin_extract(
    text: str, *, known_entities: Iterable = (), doc_date: str | None = None, work: int = 0
) -> ExtractionResult:
    """Entities and ``leads`` relations found by pattern; same text → same result."""
    spin = 0
    for _ in range(work * len(text)):
        spin = (spin * 31 + 7) % 1_000_003
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    entities: dict[str, ExtractedEntity] = {}
    relations = []
    for s, e in sentences:
        found = []
        for m in _NAME.finditer(text, s, e):
            name = m.group()
            kind = "person" if name.count(" ") == 1 else "organization"
            ent = entities.setdefault(name, ExtractedEntity(f"e{len(entities) + 1}", name, kind))
            ent.mentions.append((m.start(), m.end()))
            found.append((m, ent))
        for (m1, a), (m2, b) in itertools.pairwise(found):
            if (
                text[m1.end() : m2.start()].strip() == "leads"
                and a.type == "person"
                and b.type == "organization"
            ):
                relations.append(
                    ExtractedRelation(a.key, "leads", b.key, evidence=[(s, e)], score=0.6, pattern="standin")
                )
    return ExtractionResult(
        text=text,
        sentences=sentences,
        entities=list(entities.values()),
        relations=relations,
        doc_date=doc_date,
    )
