"""orgmap: model how an organization is really run, from what is written about it.

The Python API (docs/api.md) is what ``import orgmap`` gives:

>>> import orgmap
>>> om = orgmap.open(":memory:")
>>> qods = om.load(orgmap.CASES_DIR / "qods-force")
>>> qods
<orgmap case 'qods-force' #1>
>>> qods.entity("Qaani").name
'Esmail Qaani'
>>> len(qods.relations(layer="informal")) > len(qods.as_of("2019").relations(layer="informal"))
True

Names are imported on first use, so ``import orgmap`` (and ``orgmap --help``) stays fast.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CASES_DIR",
    "Analysis",
    "Case",
    "Orgmap",
    "StoreError",
    "StoreMissing",
    "open",
]

_WHERE = {
    "open": "orgmap.api.handle",
    "Orgmap": "orgmap.api.handle",
    "Case": "orgmap.api.case",
    "Analysis": "orgmap.api.analysis",
    "CASES_DIR": "orgmap.casefile",
    "StoreError": "orgmap.store",
    "StoreMissing": "orgmap.store",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'orgmap' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
