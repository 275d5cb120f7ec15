"""How much an edge counts: tie weights and keep probabilities from grade and modality.

An assertion's *weight* is the product of three numbers the vocabulary file holds:
the reliability weight of its source grade (A-F), the credibility weight of its
information grade (1-6) and the weight of its modality (asserted ... denied).
The same number is, by default, the probability that the edge is kept when
:mod:`orgmap.network.uncertainty` samples graphs. A :class:`KeepRule` can override any
of the three tables, or set a floor, from a small YAML file::

    reliability: {E: 0.05}
    modality: {hedged: 0.3}
    floor: 0.0

>>> rule = KeepRule.default()
>>> round(rule.probability("B", "2", "asserted"), 4)
0.7225
>>> round(rule.probability("F", "6", "hedged"), 4)
0.1
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from orgmap.schema import Schema, load_schema

__all__ = ["KeepRule"]

_TABLES = ("reliability", "credibility", "modality")


@dataclass(frozen=True)
class KeepRule:
    """Weights per reliability grade, credibility grade and modality; their product is the weight."""

    reliability: Mapping[str, float]
    credibility: Mapping[str, float]
    modality: Mapping[str, float]
    floor: float = 0.0
    unknown: tuple[str, str] = field(default=("F", "6"))

    @classmethod
    def default(cls, schema: Schema | None = None) -> KeepRule:
        """The weights of the vocabulary file."""
        s = schema or load_schema()
        return cls(
            {k: g.weight for k, g in s.reliability.items()},
            {k: g.weight for k, g in s.credibility.items()},
            {k: m.weight for k, m in s.modalities.items()},
            0.0,
            s.unknown_grade,
        )

    @classmethod
    def from_mapping(cls, raw: Any, where: str = "<keep rule>", schema: Schema | None = None) -> KeepRule:
        """Override the defaults with a mapping such as ``{"modality": {"hedged": 0.3}}``."""
        base = cls.default(schema)
        if raw is None:
            return base
        if not isinstance(raw, Mapping):
            raise ValueError(f"{where}: expected a mapping of reliability/credibility/modality/floor")
        tables = {name: dict(getattr(base, name)) for name in _TABLES}
        for key, value in raw.items():
            if key == "floor":
                continue
            if key not in tables:
                raise ValueError(f"{where}: unknown key {key!r}; known: {', '.join(_TABLES)}, floor")
            if not isinstance(value, Mapping):
                raise ValueError(f"{where}: {key}: expected a mapping of code to probability")
            for code, p in value.items():
                code = str(code)
                if code not in tables[key]:
                    raise ValueError(f"{where}: {key}.{code}: unknown; known: {', '.join(tables[key])}")
                tables[key][code] = _probability(p, f"{where}: {key}.{code}")
        floor = _probability(raw.get("floor", 0.0), f"{where}: floor")
        return cls(tables["reliability"], tables["credibility"], tables["modality"], floor, base.unknown)

    @classmethod
    def from_file(cls, path: str | Path, schema: Schema | None = None) -> KeepRule:
        """Read overrides from a YAML file (see the module docstring)."""
        p = Path(path)
        try:
            raw = yaml.safe_load(p.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ValueError(f"{p}: not valid YAML ({exc})") from None
        return cls.from_mapping(raw, str(p), schema)

    def probability(self, reliability: str | None, credibility: str | None, modality: str | None) -> float:
        """The weight (and default keep probability) of one assertion; unknown grades count as F/6."""
        rel = self.reliability.get(str(reliability or self.unknown[0]), self.reliability[self.unknown[0]])
        cred = self.credibility.get(str(credibility or self.unknown[1]), self.credibility[self.unknown[1]])
        mod = self.modality.get(str(modality or "asserted"), 1.0)
        return max(self.floor, rel * cred * mod)


def _probability(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{where}: expected a probability between 0 and 1, got {value!r}")
    return float(value)
