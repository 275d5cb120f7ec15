"""The Store's parts declare what they need from each other (orgmap.store.needs), and get it."""

from __future__ import annotations

import inspect

import pytest

from orgmap.store import Store, needs

PROTOCOLS = [getattr(needs, name) for name in needs.__all__]


def _members(protocol: type) -> set[str]:
    names = set(vars(protocol).get("__annotations__", {}))
    names |= {n for n, v in vars(protocol).items() if inspect.isfunction(v) and not n.startswith("__")}
    return names


@pytest.mark.parametrize("protocol", PROTOCOLS, ids=lambda p: p.__name__)
def test_every_declared_need_is_provided_by_a_part_of_the_store(protocol):
    store = Store.open(":memory:")
    for name in sorted(_members(protocol)):
        owner = next((c for c in Store.__mro__ if name in vars(c)), None)
        if owner is None:  # an attribute Store sets in __init__ (schema, _conn)
            assert name in vars(store), f"{protocol.__name__}.{name} is provided by no part of the Store"
        else:
            assert owner.__module__ != needs.__name__, f"{protocol.__name__}.{name} is only declared"


def test_each_mixin_declares_what_it_uses():
    # every mixin but Store itself names the protocols it needs; none inherits another mixin
    mixins = [
        c
        for c in Store.__mro__[1:]
        if c.__module__.startswith(("orgmap.store.reads_", "orgmap.store.writes_"))
    ]
    assert len(mixins) >= 9  # the reads_* and writes_* parts (a new part must declare its needs too)
    for mixin in mixins:
        assert needs.Connected in mixin.__bases__, mixin.__name__
        assert all(b.__module__ == needs.__name__ for b in mixin.__bases__), mixin.__name__
