"""The shape of the code: cyclomatic complexity and length of every function, per folder.

Complexity is McCabe's, as ruff computes it (rule C901, run with a threshold of 0 so every
function is reported); length is the function's lines from ``def`` to its last statement,
docstring included. Nested functions count on their own and inside their parent.

    PYTHONPATH=src python benchmarks/code_shape.py src/orgmap/extract [--top 10] [--json]
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
    args = ap.parse_args(argv)
    s = shape(args.folder)
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
