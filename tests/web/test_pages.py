"""Pages without a browser: layouts build, review actions."""

from __future__ import annotations

import json
import re

import pytest

from orgmap.model import Assertion, Evidence
from orgmap.web import PAGES, WebConfig, create_app
from orgmap.web.pages import review


@pytest.fixture
def app(qods_db, tmp_path):
    return create_app(WebConfig(db=str(qods_db), who="tester", data_dir=tmp_path / "web"))


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json())


def test_every_page_builds_its_layout(app):
    with app.server.test_request_context("/"):
        for page in PAGES:
            assert page.layout({}) is not None, page.TITLE


def test_router_answers_unknown_paths(app):
    client = app.server.test_client()
    payload = {
        "output": "..page.children...case-title.children..",
        "outputs": [{"id": "page", "property": "children"}, {"id": "case-title", "property": "children"}],
        "inputs": [
            {"id": "url", "property": "pathname", "value": "/nowhere"},
            {"id": "url", "property": "search", "value": ""},
        ],
        "changedPropIds": ["url.pathname"],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    body = json.loads(response.get_data(as_text=True))
    assert "No page at /nowhere." in json.dumps(body["response"]["page"]["children"])


def _candidate(store) -> int:
    case = store.default_case()
    src = store.sources(case)[0]
    qaani, navvab = store.find_entity(case, "Qaani"), store.find_entity(case, "Navvab")
    return store.add_assertion(
        case,
        Assertion(navvab.id, "opposes", qaani.id, status="candidate", evidence=[Evidence(src.id, 0, 20)]),
    )


def test_review_edit_supersedes_and_judges(qods_store):
    from orgmap.resolve.review import apply_decision

    cand = _candidate(qods_store)
    decision = review.decision_from("rev-edit", "wrong type", type_="supports", modality="hedged", grade="D4")
    case = qods_store.default_case()
    result = apply_decision(qods_store, case, qods_store.assertion(cand), decision, "tester")
    new_id = int(result.split("#")[1])
    new = qods_store.assertion(new_id)
    assert (new.predicate, new.modality, new.grade, new.status, new.supersedes) == (
        "supports",
        "hedged",
        "D4",
        "accepted",
        cand,
    )
    assert qods_store.assertion(cand).status == "superseded"
    (j,) = qods_store.judgements("assertion", cand)
    assert (j.action, j.who, j.why) == ("edit", "tester", "wrong type")


def test_review_edit_without_changes_is_refused(qods_store):
    from orgmap.resolve.review import apply_decision

    cand = _candidate(qods_store)
    with pytest.raises(ValueError, match="changes nothing"):
        apply_decision(
            qods_store,
            qods_store.default_case(),
            qods_store.assertion(cand),
            review.decision_from("rev-edit", ""),
            "tester",
        )
    assert qods_store.assertion(cand).status == "candidate"
    assert qods_store.judgements("assertion", cand) == []


def test_queue_is_relations_first_by_score(qods_store):
    case = qods_store.default_case()
    src = qods_store.sources(case)[0]
    qaani, navvab = qods_store.find_entity(case, "Qaani"), qods_store.find_entity(case, "Navvab")
    ev = [Evidence(src.id, 0, 20)]
    low = qods_store.add_assertion(case, Assertion(navvab.id, "opposes", qaani.id, score=0.2, evidence=ev))
    high = qods_store.add_assertion(case, Assertion(qaani.id, "supports", navvab.id, score=0.9, evidence=ev))
    mention = qods_store.add_assertion(case, Assertion(qaani.id, score=0.99, evidence=ev))
    rows = review.candidate_rows(qods_store, case)
    assert [r["id"] for r in rows] == [high, low]  # relations only, as `orgmap review` without --entities
    assert (rows[0]["subject"], rows[0]["object"]) == ("Esmail Qaani", "Majid Navvab")  # names, not ids
    assert [r["id"] for r in review.candidate_rows(qods_store, case, entities=True)] == [high, low, mention]


def test_cli_and_web_walk_the_queue_in_the_same_order(qods_db):
    import re

    from typer.testing import CliRunner

    from orgmap.cli import app as cli
    from orgmap.store import Store

    s = Store.open(str(qods_db))
    case = s.default_case()
    src = s.sources(case)[0]
    ids = [s.find_entity(case, n).id for n in ("Qaani", "Navvab", "Soleimani")]
    for score, (a, b) in zip((0.3, 0.8, 0.5), ((0, 1), (1, 2), (2, 0))):
        s.add_assertion(
            case, Assertion(ids[a], "opposes", ids[b], score=score, evidence=[Evidence(src.id, 0, 20)])
        )
    web = [r["id"] for r in review.candidate_rows(s, case)]
    s.close()
    out = (
        CliRunner()
        .invoke(
            cli,
            ["review", "--db", str(qods_db)],
            input="s\n" * len(web),
            env={"ORGMAP_USER": "t", "COLUMNS": "200"},
        )
        .output
    )
    assert [int(n) for n in re.findall(r"candidate \d+ of \d+ · #(\d+)", out)] == web
    assert len(web) == 3


def test_ids_from_another_case_are_refused(qods_store):
    from orgmap.model import Entity
    from orgmap.store import StoreError

    case = qods_store.default_case()
    other = qods_store.ensure_case("other")
    stranger = qods_store.add_entity(other, Entity("person", "Stranger"))
    mine = qods_store.find_entity(case, "Qaani").id
    assert qods_store.check_in_case(case, "entity", [str(mine)]) == [mine]
    for kind, rid in (("entity", stranger), ("assertion", 10**6), ("source", "1; drop")):
        with pytest.raises(StoreError, match="in this case|is not a number"):
            qods_store.check_in_case(case, kind, [rid])


def test_timeline_rows_are_the_dated_relations(qods_store):
    from orgmap.web.pages import timeline

    case = qods_store.default_case()
    tenures, events = timeline.timeline_rows(qods_store, case, ["accepted"])
    want = {
        r.assertion.id for r in qods_store.relations(case) if r.assertion.valid_from or r.assertion.valid_to
    }
    assert {t["id"] for t in tenures} == want
    names = {e.name for e in qods_store.entities(case, type="event")}
    assert {e["event"] for e in events} <= names


def test_figures_escape_markup_from_sources():
    from orgmap.web.pages import timeline

    fig = timeline.figure(
        [
            {
                "id": 1,
                "who": "<a href='x'>Ali</a>",
                "relation": "leads",
                "what": "<b>Unit</b>",
                "layer": "formal",
                "from": "2020-01-01",
                "to": "",
                "grade": "B2",
                "quote": "",
            }
        ],
        [{"event": "<script>x</script>", "date": "2020-02-02"}],
        {"formal": "#000"},
    )
    labels = [str(v) for trace in fig.data for v in (*trace.y, trace.hovertext or "")]
    assert not any("<a" in v or "<b>" in v or "<script" in v for v in labels)
    assert any("&lt;a href='x'&gt;Ali&lt;/a&gt;" in v for v in labels)


def test_timeline_draws_denied_ties_as_denied(qods_store):
    from orgmap.web.pages import timeline

    case = qods_store.default_case()
    tenures, events = timeline.timeline_rows(qods_store, case, ["accepted"])
    denied = {
        r.assertion.id
        for r in qods_store.relations(case)
        if r.assertion.modality == "denied" and (r.assertion.valid_from or r.assertion.valid_to)
    }
    assert denied and {t["id"] for t in tenures if t["modality"] == "denied"} == denied
    fig = timeline.figure(tenures, events, {"formal": "#000"})
    bars = [tr for tr in fig.data if tr.mode == "lines+markers"]
    dotted = [tr for tr in bars if tr.line.dash == "dot"]
    assert len(dotted) == len(denied)
    assert all(tr.y[0].endswith("(denied)") for tr in dotted)
    assert not any(tr.y[0].endswith("(denied)") for tr in bars if tr.line.dash != "dot")


def _form(**given):
    keys = (
        "subject",
        "type",
        "object",
        "modality",
        "grade",
        "attribution",
        "from",
        "to",
        "entity_type",
        "entity_name",
        "assertion",
        "mode",
        "why",
        "target",
    )
    return {k: given.get(k) for k in keys}


def test_selected_words_become_a_further_source_of_a_tie(qods_store):
    from orgmap.resolve.edits import locate
    from orgmap.store import StoreError
    from orgmap.web import tie

    case = qods_store.default_case()
    rel = next(r for r in qods_store.relations(case) if len(r.assertion.evidence) == 1)
    doc = qods_store.sources(case)[0]
    words = doc.text[100:140]
    span = locate(qods_store, case, doc.id, start=100, end=140)
    message = tie._save(
        qods_store,
        case,
        "tie-save-evidence",
        span,
        _form(assertion=rel.assertion.id, mode="add", why="a second passage"),
        "tester",
    )
    assert f"#{rel.assertion.id} is superseded by" in message
    (j,) = [j for j in qods_store.judgements("assertion", rel.assertion.id) if j.action == "add_evidence"]
    newer = qods_store.assertion(j.payload["superseded_by"])
    assert [e.quote for e in newer.evidence] == [rel.assertion.evidence[0].quote, words]
    assert (j.who, j.why) == ("tester", "a second passage")
    other = qods_store.ensure_case("other")
    with pytest.raises(StoreError, match=f"no assertion #{newer.id} in this case"):
        tie._save(
            qods_store, other, "tie-save-evidence", span, _form(assertion=newer.id, mode="add"), "tester"
        )


def test_endpoints_offer_the_documents_own_mentions_first(qods_store):
    from orgmap.web import tie

    case = qods_store.default_case()
    doc = qods_store.sources(case)[0]
    mentioned = {
        e
        for a in qods_store.assertions(case, source=doc.id)
        if a.status != "superseded"
        for e in (qods_store.canonical_id(a.subject_id), a.object_id and qods_store.canonical_id(a.object_id))
        if e
    }
    options = tie.endpoint_options(qods_store, case, doc.id)
    flags = [o["label"].endswith("· in this document") for o in options]
    assert flags == sorted(flags, reverse=True)  # all of the document's first
    assert {o["value"] for o in options if o["label"].endswith("· in this document")} == mentioned
    assert len(options) == len(qods_store.entities(case))


def test_selected_words_become_a_new_entity(qods_store):
    from orgmap.resolve.edits import locate
    from orgmap.web import tie

    case = qods_store.default_case()
    doc = qods_store.sources(case)[0]
    word = "Qods Force"
    at = doc.text.index(word)
    span = locate(qods_store, case, doc.id, start=at, end=at + len(word))
    message = tie._save(
        qods_store,
        case,
        "tie-save-entity",
        span,
        _form(entity_type="event", entity_name="the Qods Force reshuffle", why="named here"),
        "tester",
    )
    (made,) = [e for e in qods_store.entities(case, type="event") if e.name == "the Qods Force reshuffle"]
    assert f"#{made.id}" in message
    (a,) = qods_store.assertions(case, entity=made.id)
    assert (a.predicate, a.status, [(e.start, e.end, e.quote) for e in a.evidence]) == (
        None,
        "accepted",
        [(at, at + len(word), word)],
    )
    (j,) = qods_store.judgements("assertion", a.id)
    assert (j.action, j.who, j.why) == ("add", "tester", "named here")


def _accept_in_the_web(app, assertion_id: int, headers: dict) -> dict:
    """Press Accept on the review page for ``assertion_id`` through Dash's callback endpoint."""
    (key,) = [k for k in app.callback_map if "rev-grid.scrollTo" in k]
    outputs = [dict(zip(("id", "property"), o.rsplit(".", 1))) for o in key.strip(".").split("...")]
    states = {"rev-selected.data": assertion_id, "rev-why.value": "", "rev-entities.value": []}
    payload = {
        "output": key,
        "outputs": outputs,
        "inputs": [
            {"id": b, "property": "n_clicks", "value": 1 if b == "rev-accept" else None}
            for b in ("rev-accept", "rev-reject", "rev-edit")
        ],
        "state": [
            {**x, "value": states.get(f"{x['id']}.{x['property']}")} for x in app.callback_map[key]["state"]
        ],
        "changedPropIds": ["rev-accept.n_clicks"],
    }
    response = app.server.test_client().post(
        "/_dash-update-component", json=payload, headers={"Host": "127.0.0.1:8050", **headers}
    )
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))["response"]["rev-message"]["children"]["props"]


def test_a_stale_accept_in_the_web_is_refused_naming_who_decided(qods_db, tmp_path):
    """Bob's page still shows the candidate Ann has rejected: his Accept must not override her.

    Bob is known by his own token, so what he does accept is recorded as his.
    """
    from orgmap.store import Store
    from orgmap.web.security import HEADER

    bob = "bob-token-0123456789"
    s = Store.open(str(qods_db))
    stale, fresh = (
        _candidate(s),
        s.add_assertion(
            s.default_case(),
            Assertion(
                s.find_entity(s.default_case(), "Qaani").id,
                "supports",
                s.find_entity(s.default_case(), "Navvab").id,
                status="candidate",
                evidence=[Evidence(s.sources(s.default_case())[0].id, 0, 20)],
            ),
        ),
    )
    s.set_status(stale, "rejected", who="ann", why="misread")
    s.close()
    app = create_app(
        WebConfig(
            db=str(qods_db), host="0.0.0.0", who="server", analysts={bob: "bob"}, data_dir=tmp_path / "web"
        )
    )
    shown = _accept_in_the_web(app, stale, {HEADER: bob})
    assert shown["className"] == "error"
    assert re.fullmatch(
        rf"Nothing changed: assertion #{stale} is no longer candidate: "
        r"it is rejected, rejected by ann at .*",
        shown["children"],
    )
    shown = _accept_in_the_web(app, fresh, {HEADER: bob})
    assert (shown["className"], shown["children"].split(".")[0]) == ("ok", f"#{fresh} accepted by bob")
    s = Store.open(str(qods_db))
    assert s.assertion(stale).status == "rejected"
    assert [j.who for j in s.judgements("assertion", stale)] == ["ann"]
    assert [(j.action, j.who) for j in s.judgements("assertion", fresh)] == [("accept", "bob")]
    s.close()


def test_whatif_page_headlines_sit_inside_their_intervals(qods_store):
    """The what-if page prints medians with their 5-95 % interval and draws the bars at those medians."""
    import re

    from orgmap.casefile import CASES_DIR
    from orgmap.network.whatif import run_scenarios
    from orgmap.web.pages import whatif

    case = qods_store.case_id("qods-force")
    path = CASES_DIR / "qods-force" / "whatif" / "as-it-happened.yaml"
    result = run_scenarios(qods_store, case, [path], samples=20, seed=0)["scenarios"][0]
    page = whatif.comparison(result)
    grid = next(c for c in page.children if getattr(c, "id", None) == "wi-figures")
    cells = [
        str(r[w]) for r in grid.rowData for w in ("before", "after", "observed") if r["figure"] != "leader"
    ]
    found = [re.match(r"(\d\.\d+) \[(\d\.\d+)–(\d\.\d+)\]", c) for c in cells]
    assert len(found) >= 9 and all(found), cells
    assert all(float(m[2]) <= float(m[1]) <= float(m[3]) for m in found)
    chart = next(c for c in page.children if getattr(c, "id", None) == "wi-chart").figure
    for bar in chart.data:
        for y, up, down in zip(bar.y, bar.error_y.array, bar.error_y.arrayminus):
            assert up >= 0 and down >= 0  # the median lies between the whiskers' ends
    assert {bar.name for bar in chart.data} == {"before", "after", "observed"}


def test_simulation_page_draws_the_median_inside_its_band(qods_store):
    import numpy as np

    from orgmap.casefile import CASES_DIR
    from orgmap.simulate.ensemble import run_ensemble
    from orgmap.simulate.scenario import load_simulation_scenario
    from orgmap.web.pages import simulation

    scenario = load_simulation_scenario(CASES_DIR / "qods-force" / "scenarios" / "succession.yaml")
    result = run_ensemble(scenario, store=qods_store, runs=12, seed=5)
    fig = simulation.figure([result], ["coordination", "control"])
    lines = [t for t in fig.data if t.fill != "toself"]
    bands = [t for t in fig.data if t.fill == "toself"]
    for line, band in zip(lines, bands):
        n = len(line.y)
        hi, lo = np.array(band.y[:n]), np.array(band.y[n:][::-1])
        assert np.all(lo - 1e-12 <= np.array(line.y)) and np.all(np.array(line.y) <= hi + 1e-12)
