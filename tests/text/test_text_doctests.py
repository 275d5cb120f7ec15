"""The examples in the docstrings of the text modules run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "orgmap.extract", "orgmap.extract.lexicon", "orgmap.extract.nlp", "orgmap.extract.mentions",
    "orgmap.extract.events", "orgmap.extract.cluster", "orgmap.extract.modality", "orgmap.extract.timex",
    "orgmap.extract.result", "orgmap.extract.pipeline", "orgmap.ingest.readers", "orgmap.resolve",
    "orgmap.resolve.variants", "orgmap.evaluate.run", "orgmap.extract.gazetteer", "orgmap.extract.mention_votes",
    "orgmap.resolve.review", "orgmap.extract.mention_span",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
