"""Pages without a browser: layouts build, missing capabilities show what they need, review actions."""

from __future__ import annotations

import json

import pytest

from orgmap.model import Assertion, Evidence
from orgmap.web import PAGES, WebConfig, create_app
from orgmap.web.pages import hypotheses, review, simulation, whatif


@pytest.fixture
def app(qods_db, tmp_path):
    return create_app(WebConfig(db=str(qods_db), who="tester", data_dir=tmp_path / "web"))


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json())


def test_every_page_builds_its_layout(app):
    with app.server.test_request_context("/"):
        for page in PAGES:
            assert page.layout({}) is not None, page.TITLE


@pytest.mark.parametrize("page,module", [(whatif, "orgmap.network.whatif"), (simulation, "orgmap.simulate")])
def test_missing_capability_shows_what_the_page_needs(app, monkeypatch, page, module):
    monkeypatch.setattr(page, "capability", lambda *a, **k: None)
    with app.server.test_request_context("/"):
        text = _text(page.layout({}))
    assert f"needs {module}" in text
    assert '"className": "needs"' in text


def test_hypotheses_without_weigh_still_show_the_matrix(app, monkeypatch):
    monkeypatch.setattr(hypotheses, "capability", lambda *a, **k: None)
    with app.server.test_request_context("/"):
        text = _text(hypotheses.layout({}))
    assert "Scoring needs orgmap.weigh" in text
    assert '"id": "ach-matrix"' in text


def test_router_answers_unknown_paths(app):
    client = app.server.test_client()
    payload = {"output": "..page.children...case-title.children..",
               "outputs": [{"id": "page", "property": "children"}, {"id": "case-title", "property": "children"}],
               "inputs": [{"id": "url", "property": "pathname", "value": "/nowhere"},
                          {"id": "url", "property": "search", "value": ""}],
               "changedPropIds": ["url.pathname"]}
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    body = json.loads(response.get_data(as_text=True))
    assert "No page at /nowhere." in json.dumps(body["response"]["page"]["children"])


def _candidate(store) -> int:
    case = store.default_case()
    src = store.sources(case)[0]
    qaani, navvab = store.find_entity(case, "Qaani"), store.find_entity(case, "Navvab")
    return store.add_assertion(case, Assertion(navvab.id, "opposes", qaani.id, status="candidate",
                                               evidence=[Evidence(src.id, 0, 20)]))


def test_review_edit_supersedes_and_judges(qods_store):
    cand = _candidate(qods_store)
    message = review._apply(qods_store, "rev-edit", cand, "tester", "wrong type", "supports", "hedged", "D4")
    new_id = int(message.split("accepted as #")[1].split()[0])
    new = qods_store.assertion(new_id)
    assert (new.predicate, new.modality, new.grade, new.status, new.supersedes) == (
        "supports", "hedged", "D4", "accepted", cand)
    assert qods_store.assertion(cand).status == "superseded"
    (j,) = qods_store.judgements("assertion", cand)
    assert (j.action, j.who, j.why) == ("edit", "tester", "wrong type")


def test_review_edit_without_changes_is_refused(qods_store):
    cand = _candidate(qods_store)
    with pytest.raises(ValueError, match="choose a new relation type"):
        review._apply(qods_store, "rev-edit", cand, "tester", "", None, None, None)
    assert qods_store.assertion(cand).status == "candidate"
    assert qods_store.judgements("assertion", cand) == []


def test_candidate_rows_are_the_candidates(qods_store):
    cand = _candidate(qods_store)
    rows = review.candidate_rows(qods_store, qods_store.default_case())
    assert [r["id"] for r in rows] == [a.id for a in qods_store.assertions(qods_store.default_case(),
                                                                            status="candidate")]
    assert {"id": cand, "relation": "opposes"}.items() <= next(r for r in rows if r["id"] == cand).items()


def test_timeline_rows_are_the_dated_relations(qods_store):
    from orgmap.web.pages import timeline

    case = qods_store.default_case()
    tenures, events = timeline.timeline_rows(qods_store, case, ["accepted"])
    want = {r.assertion.id for r in qods_store.relations(case) if r.assertion.valid_from or r.assertion.valid_to}
    assert {t["id"] for t in tenures} == want
    names = {e.name for e in qods_store.entities(case, type="event")}
    assert {e["event"] for e in events} <= names


def test_figures_escape_markup_from_sources():
    from orgmap.web.pages import timeline

    fig = timeline.figure([{"id": 1, "who": "<a href='x'>Ali</a>", "relation": "leads", "what": "<b>Unit</b>",
                            "layer": "formal", "from": "2020-01-01", "to": "", "grade": "B2", "quote": ""}],
                          [{"event": "<script>x</script>", "date": "2020-02-02"}], {"formal": "#000"})
    labels = [str(v) for trace in fig.data for v in (*trace.y, trace.hovertext or "")]
    assert not any("<a" in v or "<b>" in v or "<script" in v for v in labels)
    assert any("&lt;a href='x'&gt;Ali&lt;/a&gt;" in v for v in labels)


def test_a_stale_accept_in_the_web_is_refused_naming_who_decided(qods_store):
    """Bob's page still shows the candidate Ann has rejected: his Accept must not override her."""
    from orgmap.store import StaleDecision

    cand = _candidate(qods_store)
    qods_store.set_status(cand, "rejected", who="ann", why="misread")
    with pytest.raises(StaleDecision, match=r"no longer candidate: it is rejected, rejected by ann at"):
        review._apply(qods_store, "rev-accept", cand, "bob", "", None, None, None)
    assert qods_store.assertion(cand).status == "rejected"
    assert [j.who for j in qods_store.judgements("assertion", cand)] == ["ann"]
