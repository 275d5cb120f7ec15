"""Fixtures of the editing tests: a small store with one document, and a snapshot of a store."""

from __future__ import annotations

import pytest

from orgmap.model import Source
from orgmap.store import Store

TEXT = (
    "Omar Haddad heads the Nero Drinks Company Limited. Sami Haddad reports to Omar Haddad. "
    "Sami Haddad met Omar Haddad in Dubai in 2019. The leaders Omar Haddad and Sami Haddad fled."
)


@pytest.fixture
def small(tmp_path):
    """(store, case id, source id) with one document and no entities yet."""
    store = Store.open(str(tmp_path / "edit.db"), create=True)
    case = store.ensure_case("small")
    doc = store.add_source(
        case, Source(text=TEXT, title="Small report", origin="small.txt", key="small", reliability="B")
    )
    yield store, case, doc
    store.close()


def snapshot(store: Store, case: int) -> tuple:
    """Everything an edit could change, to compare before and after a refused edit."""
    return (
        [
            (a.id, a.status, a.predicate, [(e.start, e.end) for e in a.evidence])
            for a in store.assertions(case)
        ],
        [(e.id, e.name, e.type, e.merged_into) for e in store.entities(case, include_merged=True)],
        [(j.id, j.action) for j in store.judgements()],
    )


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``orgmap ARGS`` through the real entry point in this process: (exit code, stdout, stderr)."""
    import sys

    from orgmap.cli import main
    from orgmap.cli.common import console

    monkeypatch.setenv("ORGMAP_USER", "tester")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(console, "width", 200)  # the console may have been made before COLUMNS was set

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["orgmap", *args])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return code, out, err

    return run
