"""YAML from outside, loaded with limits: few aliases, bounded size.

A 308-byte YAML file can name an anchor that names an anchor... ("billion laughs"); once
turned into text it was a 312 MB title. :class:`LimitedLoader` (a ``SafeLoader``)
refuses a document with more than ``MAX_ALIASES`` alias references, and :func:`load_yaml`
refuses text over ``MAX_YAML_CHARS`` before parsing.

>>> load_yaml("title: Report\\nauthor: Ann", "x.meta.yaml")
{'title': 'Report', 'author': 'Ann'}
>>> bomb = "a: &a [x, x]\\n" + "".join(f"{c}: &{c} [*{p}, *{p}]\\n" for p, c in zip("abcdefgh", "bcdefghi"))
>>> load_yaml(bomb + "title: *i", "x.meta.yaml")
Traceback (most recent call last):
...
orgmap.safeyaml.YamlRefused: x.meta.yaml: more than 10 aliases (*name); write the values out
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["MAX_ALIASES", "MAX_YAML_CHARS", "LimitedLoader", "YamlRefused", "load_yaml"]

MAX_ALIASES = 10
MAX_YAML_CHARS = 1_000_000


class YamlRefused(ValueError):
    """YAML that is not loaded; the message names the file and the reason."""


class LimitedLoader(yaml.SafeLoader):
    """A SafeLoader that counts alias references and stops past ``max_aliases``."""

    max_aliases = MAX_ALIASES

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases_seen = getattr(self, "aliases_seen", 0) + 1
            if self.aliases_seen > self.max_aliases:
                raise YamlRefused(
                    f"{getattr(self, 'name', '<yaml>')}: more than {self.max_aliases} aliases "
                    "(*name); write the values out"
                )
        return super().compose_node(parent, index)


def load_yaml(text: str, name: str, *, max_chars: int = MAX_YAML_CHARS) -> Any:
    """Parse untrusted YAML text (safe tags only, limited aliases and size); YamlRefused or yaml.YAMLError."""
    if len(text) > max_chars:
        raise YamlRefused(f"{name}: {len(text):,} characters of YAML is over the {max_chars:,} limit")
    loader = LimitedLoader(text)
    loader.name = name
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
