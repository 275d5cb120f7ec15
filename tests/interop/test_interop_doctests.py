"""The docstring examples of the interop, scale and bulk-store modules run as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import orgmap.exports
import orgmap.imports
import orgmap.scale

MODULES = sorted({m.name for pkg in (orgmap.exports, orgmap.imports, orgmap.scale)
                  for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")}
                 | {"orgmap.exports", "orgmap.imports", "orgmap.schemas_xsd", "orgmap.store.bulk"})


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{name}: {result.failed} docstring example(s) failed"


def test_every_format_module_is_covered():
    assert {"orgmap.exports.gexf", "orgmap.imports.ftm", "orgmap.scale.fanout"} <= set(MODULES)
