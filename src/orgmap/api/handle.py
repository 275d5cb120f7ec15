"""The handle on an open store: its cases, and new cases loaded into it.

>>> import orgmap
>>> with orgmap.open(":memory:") as om:
...     _ = om.create_case("a", title="Case A")
...     [c.name for c in om.cases()], om.case("a").title, om.case().name
(['a'], 'Case A', 'a')
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orgmap.api.case import Case
from orgmap.store import Store

__all__ = ["Orgmap", "open"]


class Orgmap:
    """An open orgmap store (SQLite file or PostgreSQL URL): what ``orgmap.open`` gives.

    ``case(name_or_id)`` gets a :class:`~orgmap.api.case.Case`; ``load(folder)`` loads a
    curated case; ``store`` is the low-level :class:`orgmap.store.Store` underneath.
    """

    def __init__(self, store: Store):
        self.store = store

    def __repr__(self) -> str:
        return f"<orgmap store {self.store.engine.url.render_as_string(hide_password=True)}>"

    def __enter__(self) -> Orgmap:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def cases(self) -> list[Case]:
        """Every case in the store, oldest first."""
        return [Case(self.store, c) for c in self.store.cases()]

    def case(self, ref: str | int | None = None) -> Case:
        """The case called ``ref`` or with id ``ref``; the first case when ``None``.

        An unknown one raises :class:`orgmap.store.StoreError` naming the cases there are.
        """
        return Case(self.store, self.store.find_case(ref))

    def create_case(self, name: str, *, title: str = "", description: str = "") -> Case:
        """A new empty case (or the existing one of that name)."""
        return self.case(self.store.ensure_case(name, title, description))

    def load(self, case_dir: str | Path, *, discard_judgements: bool = False) -> Case:
        """Load a curated case folder (``case.yaml`` beside its documents), replacing a case of
        the same name, as ``orgmap load`` does; ``orgmap.CASES_DIR / "qods-force"`` ships."""
        from orgmap.casefile import load_case

        summary = load_case(self.store, Path(case_dir), discard_judgements=discard_judgements)
        return self.case(summary["case"])


def open(db: str | Path = "orgmap.db", *, create: bool = False) -> Orgmap:
    """Open the store at a SQLite path or ``postgresql+psycopg://`` URL (``":memory:"``: a scratch one).

    A path where no store exists is refused (:class:`orgmap.store.StoreMissing`) unless
    ``create=True``: a mistyped path never becomes a new empty store.
    """
    return Orgmap(Store.open(str(db), create=create))
