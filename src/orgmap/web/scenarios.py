"""Scenario files the web app offers: shipped with the case, or saved from the app.

>>> slug("Purge: the old circle!")
'purge-the-old-circle'
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

__all__ = ["save_scenario", "scenario_files", "slug"]


def slug(name: str) -> str:
    """A safe file stem from a scenario name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "scenario"


def scenario_files(case_name: str, kind: str, saved_dir: Path | None = None) -> dict[str, Path]:
    """``{label: path}`` of ``kind`` ("whatif" or "scenarios") files for a case, shipped ones first."""
    from orgmap.casefile import CASES_DIR

    found: dict[str, Path] = {}
    for folder, prefix in ((CASES_DIR / case_name / kind, ""), (saved_dir, "saved: ")):
        if folder is not None and folder.is_dir():
            for p in sorted(folder.glob("*.yaml")):
                found[f"{prefix}{p.stem}"] = p
    return found


def save_scenario(folder: Path, raw: dict) -> Path:
    """Write a scenario mapping as YAML under its slug; returns the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug(str(raw.get('name') or 'scenario'))}.yaml"
    text = yaml.safe_dump(raw, sort_keys=False, allow_unicode=True)
    path.write_text("# saved from the orgmap web app\n" + text, encoding="utf-8")
    return path
