"""The packages below the front ends never import a front end (cli, web, api)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONT_ENDS = {"cli", "web", "api"}


def _package_imports():
    spec = importlib.util.spec_from_file_location("code_shape", ROOT / "benchmarks" / "code_shape.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.package_imports(ROOT / "src" / "orgmap")


def test_no_package_below_the_front_ends_imports_one():
    edges = _package_imports()
    wrong = {
        f"{here} -> {there}"
        for here, targets in edges.items()
        if here not in FRONT_ENDS | {"(top)"}
        for there in targets & FRONT_ENDS
    }
    assert not wrong, sorted(wrong)


def test_the_check_sees_imports():
    edges = _package_imports()
    assert "store" in edges["cli"] and "api" in edges["cli"]  # it would notice a new arrow
