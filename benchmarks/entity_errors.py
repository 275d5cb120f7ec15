"""Missed and spurious entities per document, by type, for error analysis of the entity layer.

Usage: PYTHONPATH=src python benchmarks/entity_errors.py GOLD.json... [--summary]

Prints, per gold file, the gold entities no prediction matched ("-") and the predictions
that matched no gold entity ("+"), then entity P/R/F1 per type over all files.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from orgmap.evaluate.run import load_gold, predict_gold
from orgmap.evaluate.score import Score, score_document


def main(paths: list[str], summary: bool) -> None:
    per_type: dict[str, Score] = defaultdict(Score)
    for path in paths:
        gold, doc = load_gold(path)
        pred = predict_gold(doc, name=str(gold["document"]))
        s = score_document(gold, pred)
        g_ents = {str(e["id"]): e for e in gold["entities"]}
        p_ents = {str(e["id"]): e for e in pred["entities"]}
        matched_p = set(s.entity_matches.values())
        for e in g_ents.values():
            per_type[e["type"]].tp += str(e["id"]) in s.entity_matches
            per_type[e["type"]].fn += str(e["id"]) not in s.entity_matches
        for e in p_ents.values():
            per_type[e["type"]].fp += str(e["id"]) not in matched_p
        if summary:
            continue
        print(f"== {path}  P {s.entities.precision:.2f} R {s.entities.recall:.2f}")
        for gid in s.missed_entities:
            e = g_ents[gid]
            print(f"  - {e['type']:<12} {e['name']}  {e.get('aliases') or ''}")
        for pid, e in p_ents.items():
            if pid not in matched_p:
                print(f"  + {e['type']:<12} {e['name']}  {e.get('aliases') or ''}")
    total = sum(per_type.values(), Score())
    for t, sc in [*sorted(per_type.items()), ("ALL", total)]:
        print(
            f"{t:<14} P {sc.precision:.3f} R {sc.recall:.3f} F1 {sc.f1:.3f}  (tp {sc.tp} fp {sc.fp} fn {sc.fn})"
        )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(args, "--summary" in sys.argv)
