"""The docstring examples of orgmap.network run as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import orgmap.network

MODULES = sorted(m.name for m in pkgutil.walk_packages(orgmap.network.__path__, "orgmap.network."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{name}: {result.failed} docstring example(s) failed"


def test_every_module_is_covered():
    expected = {"orgmap.network.view", "orgmap.network.measures.keyplayer", "orgmap.network.whatif.apply"}
    assert expected <= set(MODULES)
