"""All SQL lives in ``orgmap.store``: no other module imports SQLAlchemy or reaches into the Store's connection."""

from __future__ import annotations

import ast
from pathlib import Path

import orgmap

PACKAGE = Path(orgmap.__file__).parent
STORE = PACKAGE / "store"


def _offences(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [f"imports {a.name}" for a in node.names if a.name.split(".")[0] == "sqlalchemy"]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.split(".")[0] == "sqlalchemy" or (
                module == "orgmap.store" and any(a.name == "tables" for a in node.names)
            ):
                found.append(f"imports from {module}")
            elif module == "orgmap.store.tables":
                found.append("imports orgmap.store.tables")
        elif isinstance(node, ast.Attribute) and node.attr in {"_connection", "_conn", "_write"}:
            found.append(f"uses .{node.attr}")
    return [f"{path.relative_to(root)}:{offence}" for offence in found]


def test_no_module_outside_the_store_writes_sql():
    outside = [p for p in sorted(PACKAGE.rglob("*.py")) if STORE not in p.parents]
    assert len(outside) > 100  # the walk found the package
    assert [o for p in outside for o in _offences(p)] == []


def test_the_check_catches_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import sqlalchemy as sa\nfrom orgmap.store import tables as t\n"
        "def f(store):\n    with store._connection() as c:\n        return c\n"
    )
    offences = [o.split(":", 1)[1] for o in _offences(sample, tmp_path)]
    assert offences == ["imports sqlalchemy", "imports from orgmap.store", "uses ._connection"]
