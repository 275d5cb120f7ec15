"""Weigh the claims: Admiralty grading, corroboration, ACH scoring and its sensitivity.

- :mod:`orgmap.weigh.grading` — default grades from modality and attribution, hand grades;
- :mod:`orgmap.weigh.corroboration` — independent sources per relation;
- :mod:`orgmap.weigh.ach` — PARC-ACH weighted inconsistency, ranking, diagnosticity;
- :mod:`orgmap.weigh.sensitivity` — drop each source, informant or item and re-rank;
- :mod:`orgmap.weigh.structural` — network measures with contested claims in and out.

The rules and weights are documented in ``docs/weighing.md``.

>>> from orgmap.schema import load_schema
>>> default_grade(load_schema(), modality="reported", informant_reliability="D")
('D', '3')
>>> from orgmap.casefile import CASES_DIR, load_case
>>> from orgmap.store import Store
>>> store = Store.open(":memory:")
>>> case = store.case_id(load_case(store, CASES_DIR / "qods-force")["case"])
>>> top = corroborate(store, case)[0]
>>> top.subject, top.type, top.object, top.documents, top.independent  # the essay and the note
('Esmail Qaani', 'leads', 'Qods Force', 2, 2)
>>> _, _, ach = case_ach(store, case)
>>> [(h.key, h.origin, h.rank) for h in ach.hypotheses]  # the essay's ranked; the analysts' own apart
[('h1', 'source', 1), ('h2', 'source', 2), ('h3', 'analyst', 1)]
"""

from orgmap.weigh.ach import ACHError, ACHResult, score
from orgmap.weigh.corroboration import Corroboration, corroborate
from orgmap.weigh.grading import apply_default_grades, default_grade, grade_history, set_grade
from orgmap.weigh.sensitivity import case_ach, drop_groups, run_sensitivity
from orgmap.weigh.structural import contested_effect

__all__ = [
    "ACHError",
    "ACHResult",
    "Corroboration",
    "apply_default_grades",
    "case_ach",
    "contested_effect",
    "corroborate",
    "default_grade",
    "drop_groups",
    "grade_history",
    "run_sensitivity",
    "score",
    "set_grade",
]
