"""The shape of the codebase: module sizes, function lengths, complexity, package imports.

Prints the figures docs/architecture.md quotes, from the tree as it is:

- lines per module (non-blank, non-comment) — median, p90, max;
- lines per function — median, p90, max, and how many exceed 60;
- cyclomatic complexity per function, as ruff's McCabe check (C901) counts it;
- which orgmap package imports which (the arrows of the data-flow picture).

Run: ``.venv/bin/python benchmarks/code_shape.py [--markdown]``
"""

from __future__ import annotations

import ast
import json
import re
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "orgmap"
LONG_FUNCTION = 60


def code_lines(path: Path) -> int:
    """Lines that hold code: not blank, not a comment."""
    return sum(
        1
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    )


def function_lengths(path: Path) -> list[tuple[str, int]]:
    """Every function and method with its length in lines, decorators excluded."""
    tree = ast.parse(path.read_text("utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            out.append((node.name, (node.end_lineno or node.lineno) - node.lineno + 1))
    return out


def complexities() -> list[tuple[str, int]]:
    """(file:function, McCabe complexity) for every function, from ruff's C901 with threshold 0."""
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [
            str(ruff),
            "check",
            str(PACKAGE),
            "--select",
            "C901",
            "--no-cache",
            "--exit-zero",
            "--config",
            "lint.mccabe.max-complexity=0",
            "--output-format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = []
    for item in json.loads(result.stdout):
        m = re.match(r"`(.+)` is too complex \((\d+) > 0\)", item["message"])
        if m:
            where = Path(item["filename"]).relative_to(PACKAGE)
            found.append((f"{where}:{m.group(1)}", int(m.group(2))))
    return found


def package_imports() -> dict[str, set[str]]:
    """orgmap package → the other orgmap packages it imports (module-level or inside functions)."""
    edges: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        here = parts[0].removesuffix(".py") if len(parts) > 1 else "(top)"
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                bits = name.split(".")
                if bits[0] == "orgmap" and len(bits) > 1 and bits[1] != here:
                    edges[here].add(bits[1])
    return edges


def summary(values: list[int]) -> tuple[float, float, int]:
    """(median, 90th percentile, max) of ``values``.

    >>> summary([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    (5.5, 9.1, 10)
    """
    p90 = statistics.quantiles(values, n=10, method="inclusive")[-1]
    return statistics.median(values), round(p90, 1), max(values)


def main(markdown: bool = False) -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    sizes = [code_lines(p) for p in modules]
    lengths = [(p, name, n) for p in modules for name, n in function_lengths(p)]
    cc = complexities()
    long_ones = sorted((n, f"{p.relative_to(PACKAGE)}:{name}") for p, name, n in lengths if n > LONG_FUNCTION)
    rows = [
        ("modules", len(sizes), *summary(sizes)),
        ("function lines", len(lengths), *summary([n for _, _, n in lengths])),
        ("complexity", len(cc), *summary([c for _, c in cc])),
    ]
    if markdown:
        print("| measure | count | median | p90 | max |\n|---|---:|---:|---:|---:|")
        for name, count, med, p90, top in rows:
            print(f"| {name} | {count} | {med:g} | {p90:g} | {top} |")
        print(f"\nFunctions over {LONG_FUNCTION} lines: {len(long_ones)}.")
        print("\nMost complex functions:\n")
        for where, c in sorted(cc, key=lambda x: (-x[1], x[0]))[:10]:
            print(f"- `{where}` — {c}")
        return
    for name, count, med, p90, top in rows:
        print(f"{name:15} n={count:5}  median {med:6g}  p90 {p90:6g}  max {top}")
    print(f"functions over {LONG_FUNCTION} lines: {len(long_ones)}")
    for n, where in long_ones[-10:]:
        print(f"  {n:4}  {where}")
    print("most complex:")
    for where, c in sorted(cc, key=lambda x: (-x[1], x[0]))[:10]:
        print(f"  {c:4}  {where}")
    print("package imports:")
    for here, there in sorted(package_imports().items()):
        print(f"  {here:10} → {', '.join(sorted(there))}")


if __name__ == "__main__":
    main(markdown="--markdown" in sys.argv)
