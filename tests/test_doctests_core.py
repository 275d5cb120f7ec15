"""The docstring examples of the core modules run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "orgmap.schema", "orgmap.model", "orgmap.names", "orgmap.store.api", "orgmap.store.rows",
    "orgmap.store.engine", "orgmap.casefile.spans", "orgmap.casefile.yamlines", "orgmap.casefile.load",
    "orgmap.ingest.decode", "orgmap.report.summary", "orgmap.report.profile",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
