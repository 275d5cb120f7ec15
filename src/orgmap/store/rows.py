"""Small values shared by the Store's parts: the clock, a source's hash, a resolved relation.

>>> content_hash("abc")[:12]
'ba7816bf8f01'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from orgmap.model import Assertion, Entity

__all__ = ["Relation", "content_hash", "now"]


def now() -> datetime:
    return datetime.now(timezone.utc)


def content_hash(text: str) -> str:
    """SHA-256 of the UTF-8 text: a source's identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Relation:
    """A relation assertion with its endpoints resolved to canonical entities."""

    assertion: Assertion
    subject: Entity
    object: Entity
    type: str
    layer: str
    symmetric: bool
