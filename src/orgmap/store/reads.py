"""Read queries of the Store API (mixed into :class:`orgmap.store.api.Store`).

Each job has its module: ``reads_sources``, ``reads_entities``, ``reads_assertions``,
``reads_hypotheses``, ``reads_names``; :class:`Reads` combines them.
"""

from __future__ import annotations

from orgmap.store.read_helpers import UnknownName
from orgmap.store.reads_assertions import AssertionReads
from orgmap.store.reads_entities import EntityReads
from orgmap.store.reads_hypotheses import HypothesisReads
from orgmap.store.reads_names import NameIndexReads
from orgmap.store.reads_sources import SourceReads

__all__ = ["Reads", "UnknownName"]


class Reads(SourceReads, EntityReads, AssertionReads, HypothesisReads, NameIndexReads):
    """Queries. Every method returns model dataclasses, never rows.

    >>> from orgmap.store import Store
    >>> from orgmap.model import Entity, Source
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> store.add_entity(case, Entity("person", "Ali Reza"))
    1
    >>> store.entities(case)[0], store.sources(case)
    (Entity(type='person', name='Ali Reza', aliases=[], attributes={}, key='', merged_into=None, id=1), [])
    """
