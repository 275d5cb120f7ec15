"""Plain-data results of extraction (picklable, so a Dask worker can return them).

>>> r = ExtractionResult(text="Ann leads Acme.", entities=[
...     ExtractedEntity("e1", "Ann", "person", mentions=[(0, 3)]),
...     ExtractedEntity("e2", "Acme", "organization", mentions=[(10, 14)])],
...     relations=[ExtractedRelation("e1", "leads", "e2", evidence=[(0, 15)])])
>>> r.to_gold("doc.txt")["relations"][0]["evidence"]
'Ann leads Acme.'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ExtractedEntity", "ExtractedRelation", "ExtractionResult"]


@dataclass
class ExtractedEntity:
    """One entity of a document with the character spans that mention it."""

    key: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    date: str | None = None
    score: float = 0.5
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class ExtractedRelation:
    """A candidate relation with its evidence spans, modality, attribution, valid time and qualifier."""

    source: str
    type: str
    target: str
    evidence: list[tuple[int, int]] = field(default_factory=list)
    modality: str = "asserted"
    attribution: str = ""
    valid_from: str | None = None
    valid_to: str | None = None
    valid_text: str = ""
    score: float = 0.5
    pattern: str = ""
    qualifier: str | None = None  # a kind of ``type`` the text states (orgmap.extract.qualifiers)


@dataclass
class ExtractionResult:
    """Everything extracted from one text: sentences, entities, relations."""

    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[ExtractedEntity] = field(default_factory=list)
    relations: list[ExtractedRelation] = field(default_factory=list)
    doc_date: str | None = None

    def entity(self, key: str) -> ExtractedEntity:
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(f"no extracted entity {key!r}")

    def to_gold(self, document: str) -> dict[str, Any]:
        """The result in the gold format of docs/gold-format.md."""
        ents = []
        for e in self.entities:
            item: dict[str, Any] = {"id": e.key, "name": e.name, "type": e.type}
            if e.aliases:
                item["aliases"] = list(e.aliases)
            if e.date:
                item["date"] = e.date
            ents.append(item)
        rels = []
        for r in self.relations:
            s, t = r.evidence[0]
            item = {
                "source": r.source,
                "type": r.type,
                "target": r.target,
                "evidence": self.text[s:t],
                "modality": r.modality,
            }
            if r.attribution:
                item["attribution"] = r.attribution
            if r.valid_from:
                item["valid_from"] = r.valid_from
            if r.qualifier:
                item["qualifier"] = r.qualifier
            item["score"] = round(r.score, 3)
            rels.append(item)
        return {"document": document, "entities": ents, "relations": rels}
