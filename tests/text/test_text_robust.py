"""Hostile and odd text: extraction terminates, spans stay exact, nothing is evaluated."""

from __future__ import annotations

import random

import pytest

from orgmap.extract import extract_document

WORDS = [
    "Marco Vitti",
    "the Vitti Clan",
    "Vitti",
    "Clan",
    "Unit 7",
    "Units 7, 8 and 9",
    "commander",
    "of",
    "'s",
    "’s",
    "(",
    ")",
    ",",
    "—",
    "the",
    "leader",
    "leaders",
    "deputy",
    "its",
    "he",
    "his",
    "met",
    "funds",
    "led by",
    "Islamic Republic of Iran",
    "IRGC",
    "LH",
    "Lebanese Hezbollah",
    "on October 7",
    "since 2019",
    "attack",
    "meeting",
    "reportedly",
    "denied",
    "according to",
    "sources",
    "believe",
    "that",
    "and",
    "as",
    "chief",
    "executive",
    "{0}",
    "[bold]",
    "[/]",
    "$(rm -rf /)",
    "__import__('os')",
    "\u202e",
    "\u00a0",
    "...",
]


@pytest.mark.parametrize("seed", range(12))
def test_random_word_salad_terminates_with_exact_spans(seed):
    rng = random.Random(seed)
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 120))) + "."
    r = extract_document(text)
    for e in r.entities:
        for s, t in e.mentions:
            assert 0 <= s < t <= len(text)
    for x in r.relations:
        for s, t in x.evidence:
            assert 0 <= s < t <= len(text)
    gold = r.to_gold("salad.txt")
    assert all(rel["evidence"] in text for rel in gold["relations"])


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", ".", "(((((", "IRGC", "a" * 5000, "The the the the."])
def test_degenerate_texts(text):
    r = extract_document(text)
    assert r.text == text
