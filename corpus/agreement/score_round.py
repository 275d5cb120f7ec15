"""Print one round's agreement tables: second annotation scored against the first.

Run from the repository root with orgmap importable, naming the round's documents by prefix:

    PYTHONPATH=src python corpus/agreement/score_round.py g02 g06 i07 i09 j04 j07 k03 k05

It checks symmetry on the way: with the roles swapped, tp stays, fp and fn exchange, and every
F1 is the same, for every document.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from orgmap.evaluate.score import micro_average, score_document

CORPUS = Path(__file__).resolve().parents[1]


def _row(name, s):
    m = s.modality
    agreement = m.correct / m.total if m.total else math.nan
    return (
        f"| {name} | {s.entities.precision:.2f} | {s.entities.recall:.2f} | {s.entities.f1:.2f} | "
        f"{s.strict.precision:.2f} | {s.strict.recall:.2f} | {s.strict.f1:.2f} | {s.lenient.f1:.2f} | "
        f"{agreement:.2f} ({m.correct}/{m.total}) |"
    )


def main(prefixes: list[str]) -> None:
    forward, swapped = [], []
    print(
        "| document | ent P | ent R | ent F1 | strict P | strict R | strict F1 | lenient F1 | modality agr. |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for prefix in prefixes:
        (second_path,) = (CORPUS / "agreement" / "gold").glob(f"{prefix}_*.gold.json")
        first = json.loads((CORPUS / "gold" / second_path.name).read_text(encoding="utf-8"))
        second = json.loads(second_path.read_text(encoding="utf-8"))
        a, b = score_document(first, second), score_document(second, first)
        for x, y in ((a.entities, b.entities), (a.strict, b.strict), (a.lenient, b.lenient)):
            assert (x.tp, x.fp, x.fn) == (y.tp, y.fn, y.fp) and math.isclose(x.f1, y.f1), prefix
        forward.append(a)
        swapped.append(b)
        print(_row(second_path.name.removesuffix(".gold.json"), a))
    total, back = micro_average(forward), micro_average(swapped)
    print(_row("**micro-average**", total))
    print(_row("**micro-average, roles swapped**", back))
    print(
        f"\nentities tp/fp/fn {total.entities.tp}/{total.entities.fp}/{total.entities.fn}; "
        f"strict {total.strict.tp}/{total.strict.fp}/{total.strict.fn}; "
        f"lenient {total.lenient.tp}/{total.lenient.fp}/{total.lenient.fn}; "
        f"attribution {total.attribution.correct}/{total.attribution.total} "
        f"(swapped {back.attribution.correct}/{back.attribution.total}); "
        f"dates {total.dates.correct}/{total.dates.total}\n"
    )
    print("| type | tp | fp | fn | F1 |\n|---|---|---|---|---|")
    for rtype in sorted(total.by_type):
        s = total.by_type[rtype]
        print(f"| {rtype} | {s.tp} | {s.fp} | {s.fn} | {s.f1:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
