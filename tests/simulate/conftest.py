"""A tiny scenario over a tiny case, for fast tests of the scenario and ensemble machinery."""

from pathlib import Path

import pytest

CASE = """\
case: tiny-org
title: A tiny organization
defaults: {doc: text, informant: author, modality: asserted, credibility: 2, status: accepted}
sources:
  text: {file: source.txt, title: Tiny, kind: document, reliability: B}
informants:
  author: {name: the author, kind: author, reliability: B}
entities:
  - {id: boss, type: person, name: Anna Boss, aliases: [Boss]}
  - {id: deputy, type: person, name: Ben Deputy, aliases: [Deputy]}
  - {id: clan, type: organization, name: The Clan}
  - {id: cells, type: organization, name: street cells}
relations:
  - {id: t1, source: boss, type: personal_tie, target: clan, quote: Anna Boss was close to The Clan}
  - {id: t2, source: boss, type: personal_tie, target: deputy, quote: Ben Deputy was her deputy}
"""

SOURCE = "Anna Boss was close to The Clan. Ben Deputy was her deputy. She ran dozens of street cells.\n"

SCENARIO = """\
name: tiny
case: tiny-org
case_dir: case
start: 2020-01-01
horizon: 182
step: 7
runs: 20
seed: 42
styles:
  warm: {contact_rate: 24, formality: 0.1, balancing: 0.9}
  cold: {contact_rate: 2, formality: 0.9, balancing: 0.2, risk_aversion: 0.5}
principals:
  - {name: Boss, role: leader, style: warm}
  - {name: Deputy, role: successor, style: cold}
populations:
  - name: cells
    entity: street cells
    quote: dozens of street cells
    size: 24
    agents: 12
    pattern: random
    density: 0.2
    ties: {Boss: 0.7, Deputy: {strength: 0.3, share: 0.5}}
events:
  - {type: death, day: 28, who: Boss}
  - {type: succession, who: Deputy}
"""


@pytest.fixture
def tiny_dir(tmp_path) -> Path:
    case = tmp_path / "case"
    case.mkdir()
    (case / "case.yaml").write_text(CASE, encoding="utf-8")
    (case / "source.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "tiny.yaml").write_text(SCENARIO, encoding="utf-8")
    return tmp_path


@pytest.fixture
def variant(tiny_dir):
    """``variant(old, new, name="variant.yaml")``: the tiny scenario with one text replaced."""

    def write(old: str, new: str, name: str = "variant.yaml") -> Path:
        text = SCENARIO.replace(old, new)
        assert text != SCENARIO, f"{old!r} not in the scenario"
        path = tiny_dir / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
