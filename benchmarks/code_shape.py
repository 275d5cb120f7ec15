"""The shape of the code: cyclomatic complexity and length of every function, module sizes,
and which package imports which, per folder (the figures docs/architecture.md quotes).

Complexity is McCabe's, as ruff computes it (rule C901, run with a threshold of 0 so every
function is reported); length is the function's lines from ``def`` to its last statement,
docstring included. Nested functions count on their own and inside their parent.

    PYTHONPATH=src python benchmarks/code_shape.py src/orgmap/extract [--top 10] [--json]
    PYTHONPATH=src python benchmarks/code_shape.py src/orgmap --markdown   # docs/architecture.md
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import re
import statistics
import subprocess
import sys
from pathlib import Path

LONG = 60  # a function longer than this many lines is counted


def complexities(folder: Path) -> dict[tuple[str, int], tuple[str, int]]:
    """{(file, line): (function name, complexity)} from ruff's C901 at threshold 0."""
    ruff = Path(sys.executable).with_name("ruff")
    out = subprocess.run(
        [
            str(ruff if ruff.exists() else "ruff"),
            "check",
            "--isolated",
            "--select",
            "C901",
            "--config",
            "lint.mccabe.max-complexity=0",
            "--output-format",
            "json",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    found = {}
    for item in json.loads(out.stdout or "[]"):
        m = re.match(r"`(.+)` is too complex \((\d+) > 0\)", item["message"])
        if m:
            found[(str(Path(item["filename"]).resolve()), item["location"]["row"])] = (
                m.group(1),
                int(m.group(2)),
            )
    return found


def lengths(folder: Path) -> dict[tuple[str, int], int]:
    """{(file, line of the name): lines} of every function under ``folder``."""
    out = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = node.lineno
                out[(str(path.resolve()), first)] = node.end_lineno - first + 1
    return out


def percentile(values: list[int], q: float) -> float:
    """Nearest-rank percentile: ``percentile([1, 2, 3, 4], 0.5)`` is 2."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def code_lines(path: Path) -> int:
    """Lines of a module that hold code: not blank, not a comment."""
    return sum(
        1
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    )


def package_imports(root: Path) -> dict[str, set[str]]:
    """Top-level package under ``root`` -> the other packages under ``root`` it imports."""
    top = root.name
    edges: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        here = parts[0].removesuffix(".py") if len(parts) > 1 else "(top)"
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                bits = name.split(".")
                if bits[0] == top and len(bits) > 1 and bits[1] != here:
                    edges.setdefault(here, set()).add(bits[1])
    return edges


def markdown(folder: Path, s: dict, top: int) -> str:
    """The figures of docs/architecture.md: modules, functions and complexity, then imports."""
    sizes = [code_lines(p) for p in sorted(folder.rglob("*.py"))]
    flen = [f["lines"] for f in s["worst"]]
    fcx = [f["complexity"] for f in s["worst"]]
    rows = [("module size (code lines)", sizes), ("function length (lines)", flen), ("complexity", fcx)]
    out = ["| measure | count | median | p90 | max |", "|---|---:|---:|---:|---:|"]
    for name, v in rows:
        out.append(f"| {name} | {len(v)} | {statistics.median(v):g} | {percentile(v, 0.9):g} | {max(v)} |")
    out.append(
        f"\nFunctions longer than {LONG} lines: {s['longer_than_60_lines']}; over complexity 15: {s['over_15']}."
    )
    out.append("\nMost complex functions:\n")
    out += [f"- `{f['file']}:{f['name']}` — {f['complexity']} ({f['lines']} lines)" for f in s["worst"][:top]]
    out.append("\n| package | imports |\n|---|---|")
    out += [f"| {k} | {', '.join(sorted(v))} |" for k, v in sorted(package_imports(folder).items())]
    return "\n".join(out)


def shape(folder: Path) -> dict:
    cx = complexities(folder)
    ln = lengths(folder)
    funcs = []
    for (path, line), n_lines in ln.items():
        name, c = cx.get((path, line), ("?", 1))
        funcs.append(
            {
                "file": str(Path(path).relative_to(folder.resolve())),
                "line": line,
                "name": name,
                "complexity": c,
                "lines": n_lines,
            }
        )
    values = [f["complexity"] for f in funcs]
    return {
        "functions": len(funcs),
        "complexity_median": statistics.median(values),
        "complexity_p90": percentile(values, 0.9),
        "complexity_max": max(values),
        "over_15": sum(v > 15 for v in values),
        "longer_than_60_lines": sum(f["lines"] > LONG for f in funcs),
        "worst": sorted(funcs, key=lambda f: (-f["complexity"], f["file"], f["line"])),
        "longest": sorted(funcs, key=lambda f: (-f["lines"], f["file"], f["line"])),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--markdown", action="store_true", help="module sizes, complexity and imports as tables")
    args = ap.parse_args(argv)
    s = shape(args.folder)
    if args.markdown:
        print(markdown(args.folder, s, args.top))
        return
    if args.json:
        print(json.dumps({k: v for k, v in s.items() if k not in {"worst", "longest"}}, indent=1))
        return
    print(
        f"{args.folder}: {s['functions']} functions; complexity median {s['complexity_median']:g}, "
        f"p90 {s['complexity_p90']}, max {s['complexity_max']}; {s['over_15']} over 15; "
        f"{s['longer_than_60_lines']} longer than {LONG} lines"
    )
    print("most complex:")
    for f in s["worst"][: args.top]:
        print(f"  {f['complexity']:4d}  {f['lines']:4d} lines  {f['file']}:{f['line']} {f['name']}")
    print("longest:")
    for f in s["longest"][: args.top]:
        print(f"  {f['lines']:4d} lines  {f['complexity']:4d}  {f['file']}:{f['line']} {f['name']}")


if __name__ == "__main__":
    main()
