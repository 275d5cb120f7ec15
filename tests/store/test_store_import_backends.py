"""Exports and imports run on both backends: a GraphML round trip, and a refused file left no trace."""

from __future__ import annotations

import pytest

from orgmap.exports import FORMATS
from orgmap.imports import ImportFailed, import_file


def _view(store, case):
    ents = sorted((e.type, e.name, tuple(sorted(e.aliases))) for e in store.entities(case))
    rels = sorted(
        (
            (
                r.subject.name,
                r.type,
                r.object.name,
                r.assertion.grade,
                r.assertion.valid_from,
                r.assertion.valid_to,
                tuple((e.start, e.end, e.quote) for e in r.assertion.evidence),
            )
            for r in store.relations(case, status=None)
        ),
        key=repr,
    )
    return ents, rels


def test_graphml_round_trip_on_each_backend(qstore, qcase, tmp_path):
    FORMATS["graphml"](qstore, qcase, tmp_path / "q.graphml", status=None)
    import_file(qstore, tmp_path / "q.graphml", case="back")
    assert _view(qstore, qstore.case_id("back")) == _view(qstore, qcase)


def test_failed_import_leaves_no_case_on_each_backend(qstore, qcase, tmp_path):
    FORMATS["graphml"](qstore, qcase, tmp_path / "q.graphml", status=None)
    text = (tmp_path / "q.graphml").read_text()
    last = text.rindex('<data key="e_modality">')
    (tmp_path / "bad.graphml").write_text(
        text[:last] + '<data key="e_modality">certain' + text[text.index("</data>", last) :]
    )
    with pytest.raises(ImportFailed, match="unknown modality 'certain'"):
        import_file(qstore, tmp_path / "bad.graphml", case="back")
    assert qstore.case_id("back", missing_ok=True) is None


def test_import_failing_mid_write_is_rolled_back(qstore, qcase, tmp_path, monkeypatch):
    from orgmap.store import StoreError

    FORMATS["csv"](qstore, qcase, tmp_path / "q.zip", status=None)
    before = (len(qstore.cases()), len(qstore.judgements()))

    def broken(case_id, batch, **options):  # sources and entities are already written when this runs
        assert qstore.case_id("back", missing_ok=True) is not None
        raise StoreError("disk full")

    monkeypatch.setattr(qstore, "add_assertions", broken)
    with pytest.raises(ImportFailed, match="disk full"):
        import_file(qstore, tmp_path / "q.zip", case="back")
    monkeypatch.undo()
    assert qstore.case_id("back", missing_ok=True) is None
    assert (len(qstore.cases()), len(qstore.judgements())) == before
    assert len(qstore.entities(qcase)) == len({e.id for e in qstore.entities(qcase)})
