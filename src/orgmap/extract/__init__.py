"""Offline extraction: text -> candidate entities and relations with exact spans.

>>> from orgmap.extract import extract_document
>>> r = extract_document("The Ostia Brigade is part of the Norland Army.")
>>> [(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations]
[('Ostia Brigade', 'part_of', 'Norland Army')]
"""

from orgmap.extract.pipeline import KnownEntity, extract_document, extract_parsed
from orgmap.extract.result import ExtractedEntity, ExtractedRelation, ExtractionResult

__all__ = [
    "ExtractedEntity",
    "ExtractedRelation",
    "ExtractionResult",
    "KnownEntity",
    "extract_document",
    "extract_parsed",
]
