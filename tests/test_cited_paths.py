"""Every repository path a document, docstring or help text cites exists, and nothing points
at material users do not have (the developers' shared folder)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = {"tests/artifacts"}  # written by the test suite (screenshots), not kept in git
PLACEHOLDER = re.compile(r"/[A-Z]+(/|$)")  # cases/NAME/whatif
CITED = re.compile(r"(?<![\w/.-])((?:docs|corpus|benchmarks|tests|cases|src/orgmap)/[\w./-]*\w)")


def _texts():
    yield ROOT / "README.md"
    yield from sorted((ROOT / "docs").glob("*.md"))
    yield from sorted((ROOT / "corpus").glob("*.md"))
    for ext in ("py", "yaml"):
        yield from sorted((ROOT / "src" / "orgmap").rglob(f"*.{ext}"))


def test_every_cited_path_exists():
    missing = []
    for path in _texts():
        text = path.read_text(encoding="utf-8")
        for m in CITED.finditer(text):
            cited = m.group(1).rstrip(".")
            generated = any(cited == g or cited.startswith(g + "/") for g in GENERATED)
            if "*" in cited or "{" in cited or generated or PLACEHOLDER.search(cited):
                continue
            if not (ROOT / cited).exists() and not (ROOT / "src" / "orgmap" / cited).exists():
                missing.append(f"{path.relative_to(ROOT)}: {cited}")
    assert not missing, "\n".join(missing)


def test_nothing_points_at_the_developers_shared_folder():
    found = [str(p.relative_to(ROOT)) for p in _texts() if "../shared" in p.read_text(encoding="utf-8")]
    assert not found, found
