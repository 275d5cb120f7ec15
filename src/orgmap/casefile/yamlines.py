"""YAML with line numbers: mappings remember the line they start on.

>>> doc = load_with_lines("a: 1\\nb:\\n  c: 2\\n", "x.yaml")
>>> doc["b"].line, doc["b"]["c"]  # a block mapping starts on its first key's line
(3, 2)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from orgmap.safeyaml import LimitedLoader, YamlRefused

__all__ = ["CaseError", "LineDict", "LineList", "load_with_lines"]


class CaseError(ValueError):
    """A case file that cannot be loaded: ``file:line: what is wrong``."""

    def __init__(self, path: Path | str, line: int | None, problem: str):
        self.path, self.line, self.problem = str(path), line, problem
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")


class LineDict(dict):
    """A dict that knows the 1-based line where it starts in its file."""

    line: int = 0


class LineList(list):
    line: int = 0


class _Loader(LimitedLoader):
    """Safe tags, a bounded number of aliases (``orgmap.safeyaml``), and line numbers kept.

    Case files use anchors for shared evidence, so they may hold more aliases than a sidecar.
    """

    max_aliases = 5000


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise CaseError(loader.name, key_node.start_mark.line + 1, f"key {key!r} appears twice")
        out[key] = loader.construct_object(value_node, deep=True)
    out.line = node.start_mark.line + 1
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    return out


def _timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)  # dates stay text; the case parser reads them


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def load_with_lines(text: str, path: Path | str) -> Any:
    """Parse YAML text; errors become :class:`CaseError` with the file and line.

    >>> data = load_with_lines("case: demo\\nsources:\\n  memo: {text: hi}\\n", "case.yaml")
    >>> data["sources"]["memo"]["text"], data["sources"]["memo"].line  # a mapping knows its line
    ('hi', 3)
    >>> load_with_lines("case: [demo", "case.yaml")
    Traceback (most recent call last):
    ...
    orgmap.casefile.yamlines.CaseError: case.yaml:1: not valid YAML: expected ',' or ']', but got '<stream end>'
    """
    loader = _Loader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except YamlRefused as exc:
        raise CaseError(path, None, str(exc).split(": ", 1)[-1]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise CaseError(path, mark.line + 1 if mark else None, f"not valid YAML: {problem}") from None
    finally:
        loader.dispose()
