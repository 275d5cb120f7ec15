"""Relation qualifiers from cue words (orgmap.extract.qualifiers), on invented sentences.

The cue matcher is tested on parsed sentences with the two mentions given, so that a
change in which relations extraction finds does not hide a change in how they are
qualified; a few end-to-end sentences check that the pipeline sets what the matcher says.
"""

from __future__ import annotations

import pytest
from textkit import relation

from orgmap.extract import extract_document
from orgmap.extract.nlp import get_nlp
from orgmap.extract.qualifiers import cue_kind
from orgmap.schema import load_schema


def _span(doc, words: str) -> tuple[int, int]:
    """Token span of the first occurrence of ``words`` in ``doc``."""
    start = doc.text.index(words)
    span = doc.char_span(start, start + len(words))
    assert span is not None, words
    return span.start, span.end


# (sentence, first mention, second mention, relation type, expected qualifier)
CASES = [
    (
        "Rui Costa and his son Tomas Costa ran the network.",
        "Rui Costa",
        "Tomas Costa",
        "personal_tie",
        "family",
    ),
    (
        "Marta Lind, the wife of Erik Lund, signed the lease.",
        "Marta Lind",
        "Erik Lund",
        "personal_tie",
        "family",
    ),
    (
        "Erik Lund's brother-in-law Piet Vos kept the books.",
        "Erik Lund",
        "Piet Vos",
        "personal_tie",
        "family",
    ),
    ("Ana Diaz and Bo Diaz are sisters.", "Ana Diaz", "Bo Diaz", "personal_tie", "family"),
    ("The brothers Ana Diaz and Bo Diaz fled.", "Ana Diaz", "Bo Diaz", "personal_tie", "family"),
    ("Hugo Brandt married Lena Weiss in 2004.", "Hugo Brandt", "Lena Weiss", "personal_tie", "family"),
    (
        "Laith Khazali, Qais Khazali's brother, leads the unit.",
        "Laith Khazali",
        "Qais Khazali",
        "personal_tie",
        "family",
    ),
    (
        "Sean Roe is Bo Diaz's adviser and closest confidant.",
        "Sean Roe",
        "Bo Diaz",
        "personal_tie",
        "associate",
    ),
    ("Carl Roe, a business associate of Bo Diaz, fled.", "Carl Roe", "Bo Diaz", "personal_tie", "associate"),
    (
        "Piet Vos is a close friend and confidant of Erik Lund.",
        "Piet Vos",
        "Erik Lund",
        "personal_tie",
        "associate",
    ),
    (
        "Acme Shipping is owned or controlled by Acme Holdings.",
        "Acme Shipping",
        "Acme Holdings",
        "manages",
        "ownership",
    ),
    ("Lars Holm owns Norvik Trading.", "Lars Holm", "Norvik Trading", "manages", "ownership"),
    (
        "Norvik Trading, a subsidiary of Norvik Holdings, ships oil.",
        "Norvik Trading",
        "Norvik Holdings",
        "manages",
        "ownership",
    ),
    ("The Ostia Front is controlled by Hugo Brandt.", "Ostia Front", "Hugo Brandt", "manages", "direction"),
    ("Hugo Brandt directs the Ostia Front.", "Hugo Brandt", "Ostia Front", "manages", "direction"),
    (
        "Hugo Brandt leads operations of the Ostia Front.",
        "Hugo Brandt",
        "Ostia Front",
        "manages",
        "direction",
    ),
    # nothing said, or two kinds at once: no qualifier
    ("Piet Vos met Erik Lund in Oslo.", "Piet Vos", "Erik Lund", "personal_tie", None),
    (
        "Piet Vos, Erik Lund's cousin and business partner, fled.",
        "Piet Vos",
        "Erik Lund",
        "personal_tie",
        None,
    ),
    ("Acme Holdings owns and runs Acme Shipping.", "Acme Holdings", "Acme Shipping", "manages", None),
    (
        "Acme Holdings uses its own ships for Acme Shipping.",
        "Acme Holdings",
        "Acme Shipping",
        "manages",
        None,
    ),
    # a cue beside the pair that is a third person's tie
    ("Marta Lind met Erik Lund and his wife.", "Marta Lind", "Erik Lund", "personal_tie", None),
    ("His son Tomas Costa met Erik Lund.", "Tomas Costa", "Erik Lund", "personal_tie", None),
    ("Tomas Costa met Erik Lund's brother.", "Tomas Costa", "Erik Lund", "personal_tie", None),
    # types without qualifiers get none, whatever the words
    ("Rui Costa, the son of Aldo Costa, leads the Costa Group.", "Rui Costa", "Costa Group", "leads", None),
]


@pytest.mark.parametrize("text,first,second,rtype,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_cue_words_near_the_mentions_set_the_qualifier(text, first, second, rtype, expected):
    doc = get_nlp()(text)
    assert cue_kind(doc, _span(doc, first), _span(doc, second), rtype, load_schema()) == expected


def test_another_entitys_name_is_no_cue():
    doc = get_nlp()("Ana Diaz of the Son Group met Bo Diaz.")
    a, b, schema = _span(doc, "Ana Diaz"), _span(doc, "Bo Diaz"), load_schema()
    assert cue_kind(doc, a, b, "personal_tie", schema) == "family"  # "Son" read as a word
    other = frozenset(range(*_span(doc, "Son Group")))
    assert cue_kind(doc, a, b, "personal_tie", schema, other=other) is None  # a name, not a cue


def test_the_pipeline_qualifies_the_relations_it_keeps():
    _, tie = relation(
        "Daniel Kinahan is the son of Christopher Kinahan.",
        "Daniel Kinahan",
        "personal_tie",
        "Christopher Kinahan",
    )
    assert tie.qualifier == "family"
    _, own = relation(
        "Acme Shipping is owned or controlled by Acme Holdings.", "Acme Holdings", "manages", "Acme Shipping"
    )
    assert own.qualifier == "ownership"


def test_the_gold_output_carries_the_qualifier_only_when_set():
    r = extract_document("Daniel Kinahan is the son of Christopher Kinahan. Daniel Kinahan met Erik Lund.")
    gold = r.to_gold("doc.txt")
    kinds = {(x["type"], x.get("qualifier")) for x in gold["relations"]}
    assert ("personal_tie", "family") in kinds
    assert ("met_with", None) in kinds
