"""Helpers for the text tests: extract a sentence and name its relations."""

from __future__ import annotations

from orgmap.extract import extract_document


def triples(text: str, **kw) -> set[tuple[str, str, str]]:
    r = extract_document(text, **kw)
    return {(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations}


def relation(text: str, source: str, rtype: str, target: str):
    r = extract_document(text)
    for x in r.relations:
        if (r.entity(x.source).name, x.type, r.entity(x.target).name) == (source, rtype, target):
            return r, x
    raise AssertionError(f"no {source} {rtype} {target} in {triples(text)}")
