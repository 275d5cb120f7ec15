"""The examples in the web package's docstrings run and give what they say."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["orgmap.web.text", "orgmap.web.security", "orgmap.web.needs", "orgmap.web.graph", "orgmap.web.jobs",
           "orgmap.web.scenarios", "orgmap.web.timelinefmt", "orgmap.web.app", "orgmap.web.pages.network"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
