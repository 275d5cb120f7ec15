"""Shared helpers for the interop tests: a store-independent view of a case's model."""

from __future__ import annotations

import pytest


def model_view(store, case_id, status=None):
    """What a round trip must keep: entities, and every assertion with endpoints, spans, grade, time."""
    texts = {s.id: s.content_hash for s in store.sources(case_id)}
    entities = {e.id: e for e in store.entities(case_id)}
    everyone = {e.id: e for e in store.entities(case_id, include_merged=True)}
    canon = lambda i: entities[store._root(i, everyone)] if i is not None else None
    ents = sorted((e.type, e.name, tuple(sorted(e.aliases))) for e in entities.values())
    rows = []
    for a in store.assertions(case_id, status=status):
        obj = canon(a.object_id)
        rows.append(
            (
                canon(a.subject_id).name,
                a.predicate,
                a.qualifier,
                obj.name if obj else None,
                a.modality,
                a.attribution,
                a.reliability,
                a.credibility,
                a.status,
                a.valid_from,
                a.valid_to,
                a.valid_text,
                a.key,
                tuple(sorted((texts[ev.source_id], ev.start, ev.end, ev.quote) for ev in a.evidence)),
            )
        )
    return ents, sorted(rows, key=repr)


@pytest.fixture
def view():
    return model_view


def cypher_statements(script):
    """Split a Cypher script on ';' outside string literals (an independent tokenizer)."""
    out, buf, quote, escape = [], [], None, False
    for ch in script:
        buf.append(ch)
        if escape:
            escape = False
        elif quote and ch == "\\":
            escape = True
        elif quote and ch == quote:
            quote = None
        elif not quote and ch in "'\"":
            quote = ch
        elif not quote and ch == ";":
            out.append("".join(buf).strip())
            buf = []
    assert quote is None, "unterminated string literal"
    rest = "".join(buf).strip()
    assert not rest or all(line.startswith("//") for line in rest.splitlines())
    return [s[s.index("\n") + 1 :] if s.startswith("//") else s for s in out]


@pytest.fixture
def split_cypher():
    return cypher_statements
