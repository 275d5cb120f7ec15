"""Curated cases: a ``case.yaml`` beside its documents, checked quote by quote.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "case.yaml").write_text('''
... case: demo
... sources:
...   memo: {text: "Ali leads the Unit.", reliability: B}
... entities:
...   - {id: ali, type: person, name: Ali}
...   - {id: unit, type: organization, name: Unit}
... relations:
...   - {id: r1, source: ali, type: leads, target: unit, quotes: [Ali leads the Unit]}
... ''', encoding="utf-8")
>>> spec = read_case(folder)  # checked: every reference resolved, every quote found
>>> spec.name, spec.relations[0]["evidence"]
('demo', [SpanRef(doc='memo', start=0, end=18)])
>>> from orgmap.store import Store
>>> store = Store.open(":memory:")
>>> load_case(store, folder)
{'case': 'demo', 'sources': 1, 'informants': 0, 'entities': 2, 'relations': 1, 'hypotheses': 0, 'items': 0, 'scenarios': 0}
>>> read_case(folder / "missing")
Traceback (most recent call last):
...
orgmap.casefile.yamlines.CaseError: .../missing: no such case directory
"""

from orgmap.casefile.load import CASES_DIR, load_case, write_case
from orgmap.casefile.parse import CaseSpec, read_case
from orgmap.casefile.yamlines import CaseError

__all__ = ["CASES_DIR", "CaseError", "CaseSpec", "load_case", "read_case", "write_case"]
