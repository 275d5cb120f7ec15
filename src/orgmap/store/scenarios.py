"""Scenario files kept with a case in the store (mixed into :class:`orgmap.store.api.Store`).

``orgmap load`` keeps a case folder's ``whatif/*.yaml`` and ``scenarios/*.yaml``; ``orgmap
simulate/whatif --keep`` and the web app's "save" add more. The briefing runs them all.

>>> from orgmap.store import Store
>>> s = Store.open(":memory:"); case = s.ensure_case("c")
>>> s.keep_scenario(case, "whatif", "as-it-happened", "name: As it happened")
>>> s.keep_scenario(case, "whatif", "as-it-happened", "name: As it happened, again")
>>> s.kept_scenarios(case, "whatif")
[('as-it-happened', 'name: As it happened, again')]
"""

from __future__ import annotations

import sqlalchemy as sa

from orgmap.store import tables as t
from orgmap.store.engine import StoreError
from orgmap.store.needs import Connected
from orgmap.store.rows import now

__all__ = ["SCENARIO_KINDS", "ScenarioStore"]

SCENARIO_KINDS = ("whatif", "simulate")


class ScenarioStore(Connected):
    """Keep scenario texts with their case (one per kind and name) and list them."""

    def keep_scenario(self, case_id: int, kind: str, name: str, text: str) -> None:
        """Store (or replace) the scenario ``name`` of ``kind`` ("whatif" or "simulate")."""
        if kind not in SCENARIO_KINDS:
            raise StoreError(f"scenario kind {kind!r} is not one of {', '.join(SCENARIO_KINDS)}")
        if not name.strip():
            raise StoreError("a scenario kept with a case needs a name")
        s = t.scenarios.c
        with self.transaction():
            self._write(sa.delete(t.scenarios).where(s.case_id == case_id, s.kind == kind, s.name == name))
            self._write(
                sa.insert(t.scenarios).values(
                    case_id=case_id, kind=kind, name=name, text=text, added_at=now()
                )
            )

    def kept_scenarios(self, case_id: int, kind: str) -> list[tuple[str, str]]:
        """``[(name, text)]`` of the case's scenarios of ``kind``, by name."""
        s = t.scenarios.c
        with self._connection() as c:
            rows = c.execute(
                sa.select(s.name, s.text).where(s.case_id == case_id, s.kind == kind).order_by(s.name)
            ).all()
        return [(r.name, r.text) for r in rows]
