"""Reports on a case: its summary (:mod:`.summary`) and one entity's profile (:mod:`.profile`).

>>> from orgmap.casefile import CASES_DIR, load_case
>>> from orgmap.report.profile import entity_profile
>>> from orgmap.report.summary import case_summary
>>> from orgmap.store import Store
>>> store = Store.open(":memory:")
>>> case = store.case_id(load_case(store, CASES_DIR / "qods-force")["case"])
>>> chain = case_summary(store, case)["formal_chain"]  # organizations top-down
>>> [(org["organization"], org["depth"]) for org in chain[:2]]
[('Islamic Revolutionary Guard Corps', 0), ('Qods Force', 1)]
>>> chain[1]["holders"][0]
{'who': 'Esmail Qaani', 'role': 'leads', 'when': 'from 2020-01-03', 'modality': 'asserted'}
>>> profile = entity_profile(store, case, "Qaani")
>>> profile["name"], profile["type"]
('Esmail Qaani', 'person')
"""
