"""Text an XML 1.0 file can hold: characters it cannot (most C0 controls, U+FFFE/FFFF, lone
surrogates) are removed, and each change is reported with the record it was in.

XML 1.0 has no escape for them (``&#x0B;`` is as illegal as the raw byte), so lxml refuses
them; exporters clean every free-text value through :class:`XmlText` and return its notes.

>>> clean = XmlText()
>>> clean("Qods\\x0bForce", "entity e3 name")
'QodsForce'
>>> clean.notes
['entity e3 name: removed 1 character XML cannot hold (U+000B)']
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["XmlText"]

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class XmlText:
    """A cleaner that remembers what it removed, per record."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def __call__(self, value: Any, where: str) -> str:
        text = "" if value is None else str(value)
        found = _ILLEGAL.findall(text)
        if not found:
            return text
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
        self.notes.append(
            f"{where}: removed {len(found)} character{'s' if len(found) > 1 else ''} "
            f"XML cannot hold ({codes})"
        )
        return _ILLEGAL.sub("", text)
