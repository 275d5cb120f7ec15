"""The docstring examples of every orgmap module run and give what they say."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import orgmap

MODULES = [
    "orgmap",
    *sorted(
        m.name
        for m in pkgutil.walk_packages(orgmap.__path__, "orgmap.")
        if not m.name.endswith("__main__") and ".migrations" not in m.name
    ),
]

# modules whose examples document their use: a module here that loses them fails
DOCUMENTED = {
    "orgmap",
    "orgmap.api.analysis",
    "orgmap.api.case",
    "orgmap.api.handle",
    "orgmap.api.records",
    "orgmap.schema",
    "orgmap.model",
    "orgmap.names",
    "orgmap.store.api",
    "orgmap.store.rows",
    "orgmap.store.engine",
    "orgmap.casefile.spans",
    "orgmap.casefile.yamlines",
    "orgmap.casefile.load",
    "orgmap.ingest.decode",
    "orgmap.report.summary",
    "orgmap.report.profile",
    "orgmap.extract",
    "orgmap.extract.lexicon",
    "orgmap.extract.nlp",
    "orgmap.extract.mentions",
    "orgmap.extract.events",
    "orgmap.extract.cluster",
    "orgmap.extract.modality",
    "orgmap.extract.timex",
    "orgmap.extract.result",
    "orgmap.extract.pipeline",
    "orgmap.ingest.readers",
    "orgmap.resolve",
    "orgmap.resolve.variants",
    "orgmap.evaluate.run",
    "orgmap.extract.gazetteer",
    "orgmap.extract.mention_votes",
    "orgmap.resolve.review",
    "orgmap.extract.mention_span",
    "orgmap.extract.patterns.roles",
    "orgmap.extract.patterns.holders",
    "orgmap.extract.patterns.verbs",
    "orgmap.extract.patterns.nouns",
    "orgmap.extract.patterns.structure",
    "orgmap.web.text",
    "orgmap.web.security",
    "orgmap.store.reads_names",
    "orgmap.web.graph",
    "orgmap.web.jobs",
    "orgmap.web.scenarios",
    "orgmap.web.timelinefmt",
    "orgmap.web.app",
    "orgmap.web.pages.network",
}


# the core packages (also type-checked, see [tool.mypy]): every module of theirs has examples
CORE = (
    "orgmap.store",
    "orgmap.schema",
    "orgmap.model",
    "orgmap.network",
    "orgmap.simulate",
    "orgmap.weigh",
    "orgmap.resolve",
    "orgmap.casefile",
    "orgmap.evaluate",
    "orgmap.exports",
    "orgmap.imports",
    "orgmap.ingest",
    "orgmap.report",
)


def _in_core(name: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in CORE)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{name}: {result.failed} docstring example(s) failed"
    if name in DOCUMENTED or _in_core(name):
        assert result.attempted > 0, f"{name} has no examples"


def test_every_package_is_walked():
    assert set(MODULES) >= DOCUMENTED
    assert {
        "orgmap.network.view",
        "orgmap.network.measures.keyplayer",
        "orgmap.network.whatif.apply",
        "orgmap.exports.gexf",
        "orgmap.imports.ftm",
        "orgmap.scale.fanout",
        "orgmap.store.bulk",
        "orgmap.schemas_xsd",
        "orgmap.simulate.engine",
        "orgmap.weigh.ach",
        "orgmap.brief",
    } <= set(MODULES)
