"""A byte-exact snapshot of what extraction produces, to prove a refactoring changed nothing.

For every document the evaluation reads (the annotated corpus, the dev and blind gold texts,
the Qods Force essay) it records, as JSON:

- the result of ``extract_document`` with the shipped relation model (entities with their
  mentions, aliases, dates and event roles; relations with evidence, modality, attribution,
  valid time, score and pattern), and with the hand-written patterns alone;
- the patterns' raw hits in the order they were found, before the pipeline deduplicates them;
- the relation model's features of every candidate pair (what training sees);
- for the non-corpus texts, the result again with their gold entities as known entities
  (the ingest path: the EntityRuler taught the store's names).

Usage (from the repository root, with ``PYTHONPATH=src``)::

    python benchmarks/extract_snapshot.py --out /tmp/before.json        # baseline
    python benchmarks/extract_snapshot.py --out /tmp/after.json --compare /tmp/before.json

``--compare`` prints the first differing document and part, and exits 1 on any difference.
``--only a01,b03`` restricts to documents whose name starts with one of the prefixes.
``tests/text/test_extraction_snapshot.py`` checks a sample against digests kept in
``tests/text/extraction_snapshot.json`` (rewrite them with ``--digests``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# the fields compared: listed, so a field added later does not by itself break the snapshot
ENTITY_FIELDS = ("key", "name", "type", "aliases", "mentions", "date", "score", "attributes")
RELATION_FIELDS = (
    "source",
    "type",
    "target",
    "evidence",
    "modality",
    "attribution",
    "valid_from",
    "valid_to",
    "valid_text",
    "score",
    "pattern",
)


def documents() -> list[tuple[str, Path, Path | None]]:
    """(name, text path, gold path or None) of every document, in a fixed order."""
    out = [(p.stem, p, None) for p in sorted((ROOT / "corpus/docs").glob("*.txt"))]
    for gold in [
        ROOT / "src/orgmap/cases/qods-force/gold.json",
        *sorted((ROOT / "tests/gold").glob("*.gold.json")),
        *sorted((ROOT / "tests/gold/blind").glob("*.gold.json")),
    ]:
        doc = json.loads(gold.read_text(encoding="utf-8"))["document"]
        name = "qods-force" if gold.name == "gold.json" else gold.name.removesuffix(".gold.json")
        out.append((name, (gold.parent / doc).resolve(), gold))
    return out


def _plain(result) -> dict:
    return {
        "sentences": [list(s) for s in result.sentences],
        "entities": [{f: getattr(e, f) for f in ENTITY_FIELDS} for e in result.entities],
        "relations": [{f: getattr(r, f) for f in RELATION_FIELDS} for r in result.relations],
    }


def _hits_and_features(text: str, doc_date: str | None) -> dict:
    """The patterns' raw hits and the model's features of every candidate pair."""
    from orgmap.extract.lexicon import load_lexicon
    from orgmap.extract.markup import strip_markup
    from orgmap.extract.nlp import parse
    from orgmap.extract.pipeline import extract_parsed
    from orgmap.extract.relmodel import Recorder
    from orgmap.extract.relmodel.candidates import candidate_pairs, rescan_names
    from orgmap.extract.relmodel.decide import pattern_votes
    from orgmap.extract.relmodel.features import pair_features

    clean = strip_markup(text, load_lexicon().field_labels)
    doc = parse(clean.text)
    rec = Recorder()
    extract_parsed(doc, doc_date=doc_date, markup=clean, decider=rec)
    hits = [
        [h.source.name, h.type, h.target.name, h.anchor.i, list(h.tokens), h.score, h.pattern]
        for h in rec.hits
    ]
    cands = candidate_pairs(doc, rescan_names(doc, rec.groups, rec.tok_group))
    features = [
        [c.a.group.name, c.b.group.name, pair_features(doc, c, votes=pattern_votes(c, rec.hits))]
        for c in cands
    ]
    return {"hits": hits, "features": features}


def snapshot_document(text_path: Path, gold_path: Path | None) -> dict:
    """Everything recorded for one document (see the module docstring)."""
    from orgmap.extract import extract_document
    from orgmap.ingest.decode import read_text_file
    from orgmap.ingest.readers import read_sidecar

    text = read_text_file(text_path)
    doc_date = read_sidecar(text_path).get("published") or None
    out = {
        "model": _plain(extract_document(text, doc_date=doc_date)),
        "patterns": _plain(extract_document(text, doc_date=doc_date, decider=None)),
        **_hits_and_features(text, doc_date),
    }
    if gold_path is not None:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        known = [(e["name"], e["type"], tuple(e.get("aliases") or ())) for e in gold["entities"]]
        out["known"] = _plain(extract_document(text, known_entities=known, doc_date=doc_date))
    return out


def canonical(data: object) -> str:
    """The JSON text compared byte for byte."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1)


def digest(data: object) -> str:
    return hashlib.sha256(canonical(data).encode("utf-8")).hexdigest()


def snapshot(only: Iterable[str] = ()) -> dict[str, dict]:
    prefixes = tuple(only)
    out = {}
    for name, text_path, gold_path in documents():
        if prefixes and not name.startswith(prefixes):
            continue
        print(f"  {name}", file=sys.stderr, flush=True)
        out[name] = snapshot_document(text_path, gold_path)
    return out


def compare(new: dict, old: dict) -> list[str]:
    """One line per document or part that differs."""
    lines = []
    for name in sorted(set(new) | set(old)):
        if name not in new or name not in old:
            lines.append(f"{name}: only in {'new' if name in new else 'old'}")
            continue
        for part in sorted(set(new[name]) | set(old[name])):
            a, b = new[name].get(part), old[name].get(part)
            if canonical(a) != canonical(b):
                lines.append(f"{name}/{part}: differs")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="write the snapshot here")
    ap.add_argument("--compare", type=Path, help="a snapshot written before; exit 1 if they differ")
    ap.add_argument("--only", default="", help="comma-separated document name prefixes")
    ap.add_argument("--digests", type=Path, help="write per-document SHA-256 digests here (for the test)")
    args = ap.parse_args(argv)
    data = snapshot([p for p in args.only.split(",") if p])
    if args.out:
        args.out.write_text(canonical(data), encoding="utf-8")
    if args.digests:
        args.digests.write_text(
            json.dumps({n: digest(d) for n, d in data.items()}, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    if args.compare:
        old = json.loads(args.compare.read_text(encoding="utf-8"))
        if args.only:
            old = {n: d for n, d in old.items() if n in data}
        diffs = compare(json.loads(canonical(data)), old)
        for line in diffs:
            print(line)
        print(f"{len(data)} documents: {'identical' if not diffs else f'{len(diffs)} parts differ'}")
        return 1 if diffs else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
