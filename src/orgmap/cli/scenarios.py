"""Scenario files for ``orgmap simulate`` and ``orgmap whatif``: derive a first one, keep them with a case."""

from __future__ import annotations

from pathlib import Path

import typer

from orgmap.cli.common import console, esc, fail

__all__ = ["DeriveOption", "KeepOption", "derive_scenario", "keep_scenarios"]

DeriveOption = typer.Option(
    None,
    "--derive-scenario",
    metavar="FILE",
    help="Write a first scenario derived from the case's model (leader, successor, circle, affiliates, "
    "the succession's date) to FILE, with each choice explained in comments, and stop; edit it, then run it.",
)
KeepOption = typer.Option(
    False,
    "--keep",
    help="Keep the scenario files with their case in the store, so `orgmap brief` runs them too.",
)


def derive_scenario(store, case_id: int, kind: str, out: Path) -> None:
    """Write the derived ``kind`` ("simulate" or "whatif") scenario of a case to ``out``."""
    from orgmap.simulate.derive import DeriveError, simulation_yaml, succession_facts, whatif_yaml

    if out.exists():
        fail(f"{out} exists; give a new file name (a derived scenario never overwrites one)", 2)
    try:
        facts = succession_facts(store, case_id)
    except DeriveError as exc:
        fail(str(exc))
    text = simulation_yaml(facts) if kind == "simulate" else whatif_yaml(facts)
    out.write_text(text, encoding="utf-8")
    console.print(
        f"wrote {esc(out)}: {esc(facts.successor)} after {esc(facts.leader)} in {esc(facts.organization)}, "
        f"{len(facts.circle)} in the circle, {len(facts.affiliates)} affiliates. Edit it, then run "
        f"`orgmap {kind} {esc(out)}` (add --keep to have `orgmap brief` include it)."
    )


def keep_scenarios(store, case_id: int, kind: str, paths: list[Path]) -> None:
    """Store each file's text with the case under its file name (replacing one of that name)."""
    from orgmap.ingest.decode import read_text_file

    for p in paths:
        store.keep_scenario(case_id, kind, Path(p).stem, read_text_file(p))
    console.print(f"[dim]kept {len(paths)} scenario(s) with the case; `orgmap brief` runs them[/]")
