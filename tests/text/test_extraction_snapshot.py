"""A refactoring guard: extraction of a sample of documents is byte-identical to the snapshot
recorded in ``extraction_snapshot.json`` (per-document SHA-256 of what
``benchmarks/extract_snapshot.py`` records: results with the model and with the patterns
alone, the patterns' raw hits, the model's features, and extraction with known entities).

This is no measure of quality (the floors in test_relation_model.py are): it fails on any
change of output, intended or not. After an intended change, check the figures, then
rewrite the digests from the repository root with

    PYTHONPATH=src python benchmarks/extract_snapshot.py --digests tests/text/extraction_snapshot.json

The sample spans every genre of the corpus and the dev and blind texts; the script checks
all documents (``--out`` before, ``--compare`` after).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIGESTS = Path(__file__).with_name("extraction_snapshot.json")
SAMPLE = [
    "a04_kataib-hizballah-leaders",
    "b01_kinahan",
    "c05_sudan-rsf-hemedti-capital-tap",
    "d03_haiti-tpc-mss",
    "e03_paraguay-cartes-velazquez",
    "g06_qods-force-hizballah-cash-network",
    "j02_iran-arms-transfers-irgc-asf-leaders",
    "qods-force",
    "press_release",
    "militia_coalition",
]


@pytest.fixture(scope="module")
def snapshot():
    spec = importlib.util.spec_from_file_location(
        "extract_snapshot", ROOT / "benchmarks" / "extract_snapshot.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_snapshot_covers_every_document(snapshot):
    names = [name for name, _, _ in snapshot.documents()]
    assert sorted(json.loads(DIGESTS.read_text(encoding="utf-8"))) == sorted(names)
    assert set(SAMPLE) <= set(names)
    assert len(names) == len(set(names)) == 102  # 95 corpus texts, the essay, 3 dev and 3 blind texts


@pytest.mark.slow
@pytest.mark.parametrize("name", SAMPLE)
def test_extraction_is_unchanged(snapshot, name):
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))[name]
    [(text_path, gold_path)] = [(t, g) for n, t, g in snapshot.documents() if n == name]
    got = snapshot.digest(snapshot.snapshot_document(text_path, gold_path))
    assert got == expected, (
        f"extraction of {name} changed; if intended, rewrite tests/text/extraction_snapshot.json "
        "(see this module's docstring)"
    )
