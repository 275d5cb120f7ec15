"""The store: tables, migrations and the Store API (the one place for SQL)."""

from orgmap.store.api import Relation, Store, content_hash
from orgmap.store.engine import (
    Conflict,
    DuplicateAssertion,
    SourceExists,
    StaleDecision,
    StoreError,
    StoreLocked,
    StoreMissing,
    StoreNotOrgmap,
    StoreTooNew,
    StoreUnavailable,
)
from orgmap.store.reads import UnknownName

__all__ = [
    "Conflict",
    "DuplicateAssertion",
    "Relation",
    "SourceExists",
    "StaleDecision",
    "Store",
    "StoreError",
    "StoreLocked",
    "StoreMissing",
    "StoreNotOrgmap",
    "StoreTooNew",
    "StoreUnavailable",
    "UnknownName",
    "content_hash",
]
