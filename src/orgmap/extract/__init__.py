"""Offline extraction: text -> candidate entities and relations with exact spans.

>>> from orgmap.extract import extract_document
>>> r = extract_document("Unit 400 is part of the Qods Force.")
>>> [(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations]
[('Unit 400', 'part_of', 'Qods Force')]
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
