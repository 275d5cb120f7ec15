"""The annotated corpus (corpus/): every gold file is well formed, and the agreement the
corpus README quotes is what the scorer computes from the two annotations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from orgmap.evaluate import micro_average
from orgmap.evaluate.score import score_document
from orgmap.extract.relmodel.train import locate
from orgmap.schema import load_schema

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GOLD = sorted((CORPUS / "gold").glob("*.gold.json"))


def test_the_corpus_is_the_size_its_readme_says():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    docs = re.search(
        r"\*\*(\d+) documents, ([\d,]+) words, ([\d,]+) entities, ([\d,]+) relations\*\*", readme
    )
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD]
    assert int(docs.group(1)) == len(GOLD) == len(list((CORPUS / "docs").glob("*.txt")))
    assert int(docs.group(3).replace(",", "")) == sum(len(g["entities"]) for g in golds)
    assert int(docs.group(4).replace(",", "")) == sum(len(g["relations"]) for g in golds)
    rows = (CORPUS / "sources.tsv").read_text(encoding="utf-8").splitlines()[1:]
    listed = [line.split("\t")[0] for line in rows]
    assert sorted(listed) == sorted(p.name.removesuffix(".gold.json") for p in GOLD)


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name.split("_")[0])
def test_every_gold_file_follows_the_format(path):
    schema = load_schema()
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / gold["document"]).read_text(encoding="utf-8")
    ids = [e["id"] for e in gold["entities"]]
    assert len(ids) == len(set(ids)), "entity ids are unique"
    types = {e["id"]: e["type"] for e in gold["entities"]}
    assert set(types.values()) <= set(schema.entity_types)
    for r in gold["relations"]:
        assert r["source"] in types and r["target"] in types, r
        assert r["type"] in schema.relation_types, r
        signature = schema.relation_types[r["type"]]  # extraction can only propose what fits it
        assert types[r["source"]] in signature.source_types, f"{r['type']} from a {types[r['source']]}: {r}"
        assert types[r["target"]] in signature.target_types, f"{r['type']} to a {types[r['target']]}: {r}"
        assert r.get("modality", "asserted") in schema.modalities, r
        assert locate(text, r["evidence"]) is not None, f"evidence not in the text: {r['evidence']!r}"
    # scoring a file against itself is perfect: the scorer reads every part of it
    s = score_document(gold, gold)
    assert s.entities.f1 == 1.0 and s.strict.f1 == (1.0 if gold["relations"] else 0.0)


# Each round of double annotation, with the micro strict relation F1 and entity F1 that
# corpus/agreement/README.md reports for it (second annotation scored against the first).
AGREEMENT_ROUNDS = {
    "round 2: Treasury and CRS": (
        ["a01", "a06", "b03", "b07", "c01", "d04", "e03", "f02"],
        0.81,
        0.83,
    ),
    "round 3: State Department": (
        ["g02", "g06", "i07", "i09", "j04", "j07", "k03", "k05"],
        0.87,
        0.96,
    ),
}


@pytest.mark.parametrize("round_name", AGREEMENT_ROUNDS)
def test_second_annotation_agrees_as_the_readme_says(round_name):
    prefixes, strict_f1, entity_f1 = AGREEMENT_ROUNDS[round_name]
    pairs = []
    for prefix in prefixes:
        (second,) = (CORPUS / "agreement" / "gold").glob(f"{prefix}_*.gold.json")
        first = json.loads((CORPUS / "gold" / second.name).read_text(encoding="utf-8"))
        pairs.append(score_document(first, json.loads(second.read_text(encoding="utf-8"))))
    total = micro_average(pairs)
    assert round(total.strict.f1, 2) == strict_f1 and round(total.entities.f1, 2) == entity_f1


def test_every_second_annotation_belongs_to_one_round():
    listed = sorted(p for prefixes, _, _ in AGREEMENT_ROUNDS.values() for p in prefixes)
    found = sorted(p.name.split("_")[0] for p in (CORPUS / "agreement" / "gold").glob("*.gold.json"))
    assert listed == found
