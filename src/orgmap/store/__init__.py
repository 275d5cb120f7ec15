"""The store: tables, migrations and the Store API (the one place for SQL).

>>> from orgmap.store import Store, StoreError
>>> store = Store.open(":memory:")  # a scratch store; a path or a PostgreSQL URL otherwise
>>> store.ensure_case("demo"), store.cases()[0].name
(1, 'demo')
>>> try:
...     store.case_id("other")
... except StoreError as exc:  # every refusal is a StoreError with a one-line message
...     print(exc)
no case called 'other' in the store (cases: demo)
"""

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
