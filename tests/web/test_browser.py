"""The web app in Debian's Chromium, driven by Playwright: pages, evidence, review, safety.

One app over a copy of the Qods Force store (plus a candidate and a hostile document)
runs in a thread for the whole module. Screenshots go to tests/artifacts/screenshots/, or to
docs/screenshots/ (the README's pictures) when ORGMAP_UPDATE_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store import Store
from orgmap.web import BackgroundServer, WebConfig, create_app

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("ORGMAP_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_ROOT = Path(__file__).resolve().parents[2]
SHOTS = (
    _ROOT / "docs" / "screenshots"
    if os.environ.get("ORGMAP_UPDATE_SCREENSHOTS") == "1"
    else _ROOT / "tests" / "artifacts" / "screenshots"
)
HOSTILE = (
    "Field note, unverified. <script>alert('pwned')</script><img src=x onerror=alert(2)> "
    "Majid Navvab openly opposes Esmail Qaani."
)
TOKEN = "browser-test-token-0123456789"
# non-ASCII (𝔸 takes two UTF-16 units, as emoji do) and a phrase that occurs twice
FIELD = (
    "Zoë Ağa of cell 𝔸-7 leads the Ünit. Zoë Ağa reports to Ömer Çelik, say the files. "
    "Since 2021 Zoë Ağa reports to Ömer Çelik — again."
)
PHRASE = "Zoë Ağa reports to Ömer Çelik"


def _entity(s: Store, case: int, name: str) -> int:
    found = s.find_entities(case, name)
    return found[0].id if found else s.add_entity(case, Entity("person", name))


@pytest.fixture(scope="module")
def prepared(_qods_template, tmp_path_factory):
    """(db path, candidate id, hostile source id, the quote of the candidate, the non-ASCII source id)."""
    db = tmp_path_factory.mktemp("web") / "qods.db"
    shutil.copy(_qods_template, db)
    s = Store.open(str(db), create=True)
    case = s.default_case()
    sid = s.add_source(case, Source(text=HOSTILE, title="<b>hostile</b> note", kind="analyst_note"))
    quote = "Majid Navvab openly opposes Esmail Qaani"
    start = HOSTILE.index(quote)
    cand = s.add_assertion(
        case,
        Assertion(
            _entity(s, case, "Majid Navvab"),
            "opposes",
            _entity(s, case, "Esmail Qaani"),
            status="candidate",
            origin="extracted",
            evidence=[Evidence(sid, start, start + len(quote))],
            key="web-test-candidate",
        ),
    )
    s.add_entity(case, Entity("person", "M. Navvab"))  # a duplicate for the merge test
    for score, words in ((0.9, "Majid Navvab"), (0.5, "Esmail Qaani")):  # the queue: 0.9, 0.5, then cand
        at = HOSTILE.index(words)
        s.add_assertion(
            case,
            Assertion(
                _entity(s, case, "Esmail Qaani"),
                "supports",
                _entity(s, case, "Majid Navvab"),
                score=score,
                evidence=[Evidence(sid, at, at + len(words))],
                key=f"web-test-queue-{score}",
            ),
        )
    field = s.add_source(case, Source(text=FIELD, title="field report", kind="analyst_note"))
    for name in ("Zoë Ağa", "Ömer Çelik"):  # mentioned in the document: offered first as endpoints
        at = FIELD.index(name)
        s.add_assertion(
            case,
            Assertion(
                s.add_entity(case, Entity("person", name)),
                status="accepted",
                evidence=[Evidence(field, at, at + len(name))],
            ),
        )
    s.close()
    return db, cand, sid, quote, field


@pytest.fixture(scope="module")
def server(prepared, tmp_path_factory):
    db = prepared[0]
    app = create_app(WebConfig(db=str(db), who="web-tester", upload_dir=tmp_path_factory.mktemp("uploads")))
    srv = BackgroundServer(app).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set ORGMAP_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    pg.outside = []  # type: ignore[attr-defined]
    pg.on(
        "request",
        lambda r: (
            None if r.url.startswith(server.url) or r.url.startswith("data:") else pg.outside.append(r.url)
        ),
    )  # type: ignore[attr-defined]
    yield pg
    context.close()


def _pick(pg, picker: str, typed: str, option: str, *, exact: bool = False) -> None:
    """Open a dropdown, type to filter, click the option labelled ``option`` (or starting so)."""
    search = pg.locator("input.dash-dropdown-search")
    for _ in range(3):  # a click may only close another dropdown's popup
        pg.click(picker)
        try:
            search.wait_for(state="visible", timeout=2000)
            break
        except Exception:
            continue
    search.fill(typed)
    pattern = re.compile("^" + re.escape(option) + ("$" if exact else ""))
    pg.get_by_role("option", name=pattern).first.click()
    pg.wait_for_selector(f"{picker} >> text={option}")
    pg.keyboard.press("Escape")
    search.wait_for(state="hidden", timeout=2000)


def _shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.wait_for_timeout(300)
    pg.screenshot(path=str(SHOTS / f"{name}.png"))


PAGES = [
    ("/", "network", "#net-summary >> text=actors"),
    ("/sources", "sources", "#src-text mark.span"),
    ("/review", "review", "#rev-grid .ag-row"),
    ("/timeline", "timeline", "#tl-figure .main-svg"),
    ("/whatif", "whatif", ".whatif-page"),
    ("/simulation", "simulation", ".simulation-page"),
    ("/hypotheses", "hypotheses", ".hypotheses-page"),
]


@pytest.mark.parametrize("path,name,ready", PAGES, ids=[p[1] for p in PAGES])
def test_each_page_opens_offline(page, server, path, name, ready):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    response = page.goto(server.url + path)
    assert response is not None and response.status == 200
    page.wait_for_selector(ready)
    _shot(page, name)
    assert errors == []
    assert page.outside == []  # every asset came from the app itself


def _cy(page, script: str):
    return page.evaluate(
        """(script) => {
        const el = [...document.querySelectorAll('#net-graph, #net-graph div')].find(d => d._cyreg);
        const cy = el._cyreg.cy, box = el.getBoundingClientRect();
        return (new Function('cy', 'box', script))(cy, box);
    }""",
        script,
    )


def _tap_node(page, label: str) -> None:
    """A real click on a node, again if it was lost (a busy machine can drop the first)."""
    for _ in range(3):
        point = _cy(
            page,
            f"""const n = cy.nodes().filter(n => n.data('label') === {label!r})[0];
            const p = n.renderedPosition(); return {{x: box.left + p.x, y: box.top + p.y}};""",
        )
        page.mouse.click(point["x"], point["y"])
        try:
            page.wait_for_selector(f"#net-evidence h3 >> text={label}", timeout=5000)
            return
        except Exception:
            continue
    raise AssertionError(f"no click on {label!r} reached the app")


def test_click_an_edge_to_see_its_quote(page, server, prepared):
    page.goto(server.url + "/")
    page.wait_for_selector("#net-summary >> text=actors")
    page.wait_for_timeout(500)
    points = _cy(
        page,
        """
        const free = cy.edges().filter(e => { const m = e.renderedMidpoint();
            return m.x > 20 && m.y > 20 && m.x < box.width - 20 && m.y < box.height - 20 &&
                   cy.nodes().every(n => { const b = n.renderedBoundingBox();
                       return m.x < b.x1 - 4 || m.x > b.x2 + 4 || m.y < b.y1 - 4 || m.y > b.y2 + 4; }); });
        return free.slice(0, 5).map(e => { const m = e.renderedMidpoint(); return {x: box.left + m.x, y: box.top + m.y}; });""",
    )
    selected: list = []
    for point in points:  # a real click on a tie's midpoint (the next one if it missed)
        page.mouse.click(point["x"], point["y"])
        page.wait_for_timeout(300)
        selected = _cy(
            page, "const e = cy.edges(':selected'); return e.length ? e[0].data('assertions') : [];"
        )
        if selected:
            break
    assert selected, "no click landed on a tie"
    page.wait_for_selector("#net-evidence mark.quote")
    s = Store.open(str(prepared[0]))
    quotes = {" ".join(ev.quote.split()) for aid in selected for ev in s.assertion(aid).evidence}
    s.close()
    shown = page.locator("#net-evidence mark.quote").first.inner_text()
    assert " ".join(shown.split()) in quotes
    assert page.locator("#net-evidence .assertion-card").count() == len(selected)
    _shot(page, "network-evidence")


def test_search_by_alias_marks_the_node(page, server):
    page.goto(server.url + "/?q=Ghaani")
    page.wait_for_selector("#net-summary >> text=match")
    matched = _cy(page, "return cy.nodes('.match').map(n => n.data('label'));")
    assert matched == ["Esmail Qaani"]


def test_open_the_source_from_the_evidence_panel(page, server, prepared):
    page.goto(server.url + "/")
    page.wait_for_selector("#net-summary >> text=actors")
    page.wait_for_timeout(500)
    _tap_node(page, "Esmail Qaani")
    page.wait_for_selector("#net-evidence .open-source")
    page.locator("#net-evidence .open-source").first.click()
    page.wait_for_selector("#src-text mark.flash")
    assert "/sources" in page.url


def test_set_dates_from_the_evidence_panel(page, server, prepared):
    import json

    page.goto(server.url + "/")
    page.wait_for_selector("#net-summary >> text=actors")
    page.wait_for_timeout(500)
    _tap_node(page, "Unit 400")
    card = page.locator("#net-evidence .assertion-card:has(.card-tools)").first
    card.wait_for()
    aid = json.loads(card.get_attribute("id"))["id"]
    assert card.locator("a.fix-quote").get_attribute("href").startswith(f"/sources?for={aid}&mode=quote")
    card.locator("summary", has_text="set dates").click()
    fields = card.locator(".card-tools input")
    fields.nth(0).fill("2020-02")
    fields.nth(1).fill("2021")
    fields.nth(2).fill("dated in the annual report")
    card.locator("button", has_text="Set dates").click()
    page.wait_for_selector(f"#net-evidence >> text=#{aid} is superseded by")
    s = Store.open(str(prepared[0]))
    assert s.assertion(aid).status == "superseded"
    (j,) = [j for j in s.judgements("assertion", aid) if j.action == "set_dates"]
    newer = s.assertion(j.payload["superseded_by"])
    assert (str(newer.valid_from), str(newer.valid_to)) == ("2020-02-01", "2021-12-31")
    assert (j.who, j.why) == ("web-tester", "dated in the annual report")
    s.close()


def test_accept_a_candidate_and_find_it_in_the_store(page, server, prepared):
    db, cand, _, quote, _ = prepared
    page.goto(server.url + "/review")
    page.locator(f"#rev-grid .ag-row[row-id='{cand}'] .ag-cell").first.click()
    page.wait_for_selector(f"#rev-sentence mark.quote >> text={quote}")
    page.fill("#rev-why", "checked against the note")
    _shot(page, "review-selected")
    page.click("#rev-accept")
    page.wait_for_selector(f"#rev-message >> text=#{cand} accepted by web-tester")
    s = Store.open(str(db), create=True)
    assert s.assertion(cand).status == "accepted"
    (j,) = [j for j in s.judgements("assertion", cand) if j.action == "accept"]
    assert (j.who, j.why) == ("web-tester", "checked against the note") and j.at is not None
    s.close()
    page.wait_for_selector(f"#rev-grid .ag-row[row-id='{cand}']", state="detached")


def _queue(db) -> list[int]:
    from orgmap.resolve.review import review_queue

    s = Store.open(str(db), create=True)
    ids = [a.id for a in review_queue(s, s.default_case())]
    s.close()
    return ids


def _selected_row(page) -> str:
    page.wait_for_selector("#rev-grid .ag-row-selected")
    return page.locator("#rev-grid .ag-center-cols-container .ag-row-selected").get_attribute("row-id")


def test_queue_moves_with_keys_and_after_a_decision(page, server, prepared):
    db = prepared[0]
    page.goto(server.url + "/review")
    page.wait_for_selector("#rev-grid .ag-row")
    assert "a accept" in " ".join(page.locator(".keys").inner_text().split())  # the keys are on the page
    queue = _queue(db)
    assert len(queue) >= 2
    rows = "#rev-grid .ag-center-cols-container .ag-row"
    shown = [page.locator(f"{rows}[row-index='{i}']").get_attribute("row-id") for i in range(len(queue))]
    assert shown == [str(i) for i in queue]  # the CLI's order
    first, second = queue[0], queue[1]
    assert _selected_row(page) == str(first)  # the best candidate is selected on arrival
    page.locator(".queue h2").click()  # focus on the page, not in a field
    page.keyboard.press("j")
    page.wait_for_function(
        "document.querySelector('#rev-grid .ag-center-cols-container .ag-row-selected')"
        f".getAttribute('row-id') === '{second}'"
    )
    page.keyboard.press("k")
    page.wait_for_function(
        "document.querySelector('#rev-grid .ag-center-cols-container .ag-row-selected')"
        f".getAttribute('row-id') === '{first}'"
    )
    page.keyboard.press("e")
    page.wait_for_function("document.getElementById('rev-edit-box').open")  # the edit form opens
    page.fill("#rev-why", "keyboard review")
    page.locator("h2").first.click()  # leave the field: keys act only outside inputs
    page.keyboard.press("a")
    page.wait_for_selector(f"#rev-message >> text=#{first} accepted by web-tester")
    page.wait_for_function(
        "document.querySelector('#rev-grid .ag-center-cols-container .ag-row-selected')"
        f".getAttribute('row-id') === '{second}'"
    )
    s = Store.open(str(db), create=True)
    assert s.assertion(first).status == "accepted"
    (j,) = s.judgements("assertion", first)
    assert (j.action, j.who, j.why) == ("accept", "web-tester", "keyboard review")
    quote = s.assertion(second).evidence[0].quote
    s.close()
    page.wait_for_selector(f"#rev-sentence mark.quote >> text={quote}")  # the next one is on show
    page.wait_for_selector(f"#rev-grid .ag-row[row-id='{first}']", state="detached")
    _shot(page, "review")


def test_merge_asks_first_and_can_be_undone(page, server, prepared):
    page.goto(server.url + "/review")
    page.click("text=Merge two entities")
    _pick(page, "#rev-merge-from", "M. Navvab", "M. Navvab (person")
    _pick(page, "#rev-merge-into", "Majid Navvab", "Majid Navvab (person")
    page.fill("#rev-why", "same commander")
    page.click("#rev-merge")
    page.wait_for_selector("#rev-merge-question >> text=Merge M. Navvab")
    s = Store.open(str(prepared[0]))
    case = s.default_case()
    dup = next(e for e in s.entities(case, include_merged=True) if e.name == "M. Navvab")
    assert s.canonical_id(dup.id) == dup.id  # asking changed nothing
    page.click("#rev-merge-yes")
    page.wait_for_selector("#rev-message >> text=Merged M. Navvab into Majid Navvab")
    assert s.canonical_id(dup.id) == s.find_entity(case, "Majid Navvab").id
    (j,) = s.judgements("entity", dup.id)
    assert (j.action, j.who, j.why) == ("merge", "web-tester", "same commander")
    page.wait_for_selector("#rev-merged >> text=M. Navvab → Majid Navvab")
    page.fill("#rev-why", "two people after all")
    page.click("#rev-message >> text=Undo")
    page.wait_for_selector("#rev-message >> text=Unmerged M. Navvab")
    assert s.canonical_id(dup.id) == dup.id
    assert [(j.action, j.who, j.why) for j in s.judgements("entity", dup.id)] == [
        ("merge", "web-tester", "same commander"),
        ("unmerge", "web-tester", "two people after all"),
    ]
    proposal = page.locator("#rev-proposals li", has_text="M. Navvab → Majid Navvab")  # orgmap candidates'
    assert "initials" in proposal.inner_text()
    proposal.locator("button").click()
    question = "Merge M. Navvab (person, 0 assertions) into Majid Navvab"
    page.wait_for_selector(f"#rev-merge-question >> text={question}")
    page.click("#rev-merge-no")
    page.wait_for_selector("#rev-message >> text=Merge cancelled")
    assert s.canonical_id(dup.id) == dup.id and len(s.judgements("entity", dup.id)) == 2
    s.close()


def test_a_script_in_a_document_stays_text(page, server, prepared):
    _, _, sid, _, _ = prepared
    page.goto(server.url + f"/sources?source={sid}")
    page.wait_for_selector("#src-text >> text=<script>alert('pwned')</script>")
    page.wait_for_timeout(500)
    assert page.dialogs == []
    assert page.locator("#src-text script, #src-text img").count() == 0
    assert "<img src=x onerror=alert(2)>" in page.locator("#src-text").inner_text()
    tag = "<script>alert('pwned')</script>"
    _drag_select(page, HOSTILE, HOSTILE.index(tag), HOSTILE.index(tag) + len(tag))
    page.wait_for_selector("#tie-quote >> text=<script>alert('pwned')</script>")  # the menu quotes it as text
    page.wait_for_timeout(300)
    assert page.dialogs == [] and page.locator("#tie-menu script").count() == 0
    _shot(page, "sources-hostile")


def _drag_select(page, text: str, start: int, end: int) -> None:
    """Select ``text[start:end]`` in the source view with a real mouse drag (offsets in code points)."""
    units = [len(text[:i].encode("utf-16-le")) // 2 for i in (start, end)]  # what the browser counts
    page.wait_for_selector("#src-text .doc")  # the source view renders after the banner
    box = page.evaluate(
        """([a, b]) => {
        const root = document.querySelector('#src-text .doc');
        const at = (unit) => {
            const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let n, seen = 0;
            while ((n = w.nextNode())) {
                if (unit < seen + n.data.length) return [n, unit - seen];
                seen += n.data.length;
            }
        };
        const [n1, o1] = at(a), [n2, o2] = at(b - 1);
        const r1 = document.createRange(); r1.setStart(n1, o1); r1.setEnd(n1, o1 + 1);
        const r2 = document.createRange(); r2.setStart(n2, o2); r2.setEnd(n2, o2 + 1);
        const p = r1.getBoundingClientRect(), q = r2.getBoundingClientRect();
        return {x1: p.left + 1, y1: (p.top + p.bottom) / 2, x2: q.right - 1, y2: (q.top + q.bottom) / 2};
    }""",
        units,
    )
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move((box["x1"] + box["x2"]) / 2, box["y2"], steps=4)
    page.mouse.move(box["x2"], box["y2"], steps=4)
    page.mouse.up()


def test_select_text_to_make_a_tie(page, server, prepared):
    db, field = prepared[0], prepared[4]
    page.goto(server.url + f"/sources?source={field}")
    page.wait_for_selector("#src-text >> text=Since 2021")
    second = FIELD.index(PHRASE, FIELD.index(PHRASE) + 1)  # the repeated phrase, second time
    _drag_select(page, FIELD, second, second + len(PHRASE))
    page.wait_for_selector(f"#tie-quote >> text={PHRASE}")
    page.click("#tie-new-relation")
    _pick(page, "#tie-subject", "Zoë", "Zoë Ağa (person) · in this document")
    _pick(page, "#tie-type", "reports", "reports to (formal)")
    _pick(page, "#tie-object", "Ömer", "Ömer Çelik (person) · in this document")
    page.fill("#tie-from", "2021")
    page.fill("#tie-why", "stated, missed by extraction")
    _shot(page, "sources-select")
    page.click("#tie-save-relation")
    page.wait_for_selector("#tie-result >> text=Added Zoë Ağa — reports to — Ömer Çelik")
    s = Store.open(str(db), create=True)
    case = s.default_case()
    zoe, omer = s.find_entity(case, "Zoë Ağa").id, s.find_entity(case, "Ömer Çelik").id
    (made,) = [a for a in s.assertions(case, entity=zoe, kind="relation") if a.predicate == "reports_to"]
    assert (made.subject_id, made.object_id, made.status) == (zoe, omer, "accepted")
    (ev,) = made.evidence
    assert (ev.source_id, ev.start, ev.end, ev.quote) == (field, second, second + len(PHRASE), PHRASE)
    assert str(made.valid_from) == "2021-01-01"
    (j,) = s.judgements("assertion", made.id)
    assert (j.action, j.who, j.why) == ("add", "web-tester", "stated, missed by extraction")
    s.close()
    page.wait_for_selector(f"#src-text mark#span-{second}")  # the new tie is highlighted at once


def test_correct_a_quote_from_the_source_view(page, server, prepared):
    db, field = prepared[0], prepared[4]
    s = Store.open(str(db), create=True)
    case = s.default_case()
    at = FIELD.index("Zoë Ağa reports")
    zoe, omer = s.find_entity(case, "Zoë Ağa").id, s.find_entity(case, "Ömer Çelik").id
    fragment = s.add_assertion(
        case,
        Assertion(
            zoe,
            "supports",
            omer,
            status="accepted",
            evidence=[Evidence(field, at, at + len("Zoë Ağa reports"))],
        ),
    )
    s.close()
    page.goto(server.url + f"/sources?source={field}&for={fragment}&mode=quote")
    page.wait_for_selector(".target-banner >> text=Select the words that should be its quote")
    _drag_select(page, FIELD, at, at + len(PHRASE))
    page.click("#tie-target-button")
    page.wait_for_selector(f"#tie-result >> text=#{fragment} is superseded by")
    s = Store.open(str(db), create=True)
    assert s.assertion(fragment).status == "superseded"
    (j,) = s.judgements("assertion", fragment)
    newer = s.assertion(j.payload["superseded_by"])
    assert [e.quote for e in newer.evidence] == [PHRASE] and newer.supersedes == fragment
    assert (j.action, j.who) == ("replace_evidence", "web-tester")
    s.close()


def test_upload_a_document(page, server, tmp_path):
    doc = tmp_path / "report.html"
    doc.write_text("<html><body><p>Unit 400 answers to the Qods Force.</p></body></html>")
    page.goto(server.url + "/sources")
    page.wait_for_selector("#src-upload")
    page.set_input_files("#src-upload input[type=file]", str(doc))
    page.wait_for_selector("#src-upload-result >> text=Added document")
    page.wait_for_selector("#src-text >> text=Unit 400 answers to the Qods Force.")


def test_timeline_shows_dated_ties(page, server):
    page.goto(server.url + "/timeline")
    page.wait_for_selector("#tl-grid .ag-row")
    assert page.locator("#tl-grid .ag-row").count() >= 1
    assert page.locator("#tl-empty").is_hidden()


def test_empty_pages_say_what_to_do(browser, tmp_path):
    db = tmp_path / "fresh.db"
    s = Store.open(str(db), create=True)
    case = s.ensure_case("fresh")
    src = s.add_source(case, Source(text="Ali leads the Unit."))
    ali = s.add_entity(case, Entity("person", "Ali"))
    unit = s.add_entity(case, Entity("organization", "Unit"))
    s.add_assertion(case, Assertion(ali, "leads", unit, status="accepted", evidence=[Evidence(src, 0, 18)]))
    s.close()
    srv = BackgroundServer(create_app(WebConfig(db=str(db), who="t", data_dir=tmp_path / "web"))).start()
    try:
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        pg = context.new_page()
        pg.goto(srv.url + "/timeline")
        pg.wait_for_selector("#tl-empty >> text=set dates")  # nothing dated: words, not an empty axis
        assert pg.locator("#tl-figure").is_hidden()
        _shot(pg, "timeline-empty")
        pg.goto(srv.url + "/simulation")
        pg.wait_for_selector(".simulation-page >> text=No simulation scenario for this case yet")
        assert pg.locator("#sim-figure").count() == 0
        context.close()
    finally:
        srv.stop()


def _node_position(page, label: str) -> dict:
    return _cy(
        page,
        f"""const n = cy.nodes().filter(n => n.data('label') === {label!r})[0];
        const p = n.position(), r = n.renderedPosition();
        return {{x: p.x, y: p.y, sx: box.left + r.x, sy: box.top + r.y, font: n.data('font')}};""",
    )


def test_layout_is_the_same_each_time_and_keeps_a_dragged_node(page, server):
    page.goto(server.url + "/")
    page.wait_for_selector("#net-summary >> text=actors")
    page.wait_for_timeout(800)
    sizes = _cy(
        page,
        """const z = cy.zoom();
        return cy.nodes().map(n => [n.data('score'), parseFloat(n.style('font-size')) * z])
                 .sort((a, b) => b[0] - a[0]).map(p => p[1]);""",
    )
    assert min(sizes) >= 9 and min(sizes[:2]) >= 14  # on screen at the default fit: every label legible
    before = _node_position(page, "Yemen")
    page.reload()
    page.wait_for_selector("#net-summary >> text=actors")
    page.wait_for_timeout(800)
    again = _node_position(page, "Yemen")
    assert (again["x"], again["y"]) == (before["x"], before["y"])  # seeded: the same picture
    page.mouse.move(again["sx"], again["sy"])
    page.mouse.down()
    page.mouse.move(again["sx"] + 60, again["sy"] + 40, steps=6)
    page.mouse.up()
    page.wait_for_timeout(400)
    dragged = _node_position(page, "Yemen")
    assert abs(dragged["x"] - again["x"]) > 20
    page.locator("#net-label-scale [role=slider]").focus()
    page.keyboard.press("End")  # the label-size control at its largest: a redraw
    page.wait_for_function(
        """() => {{ const el = [...document.querySelectorAll('#net-graph, #net-graph div')]
        .find(d => d._cyreg); const n = el._cyreg.cy.nodes().filter(n => n.data('label') === 'Yemen')[0];
        return n.data('font') > {}; }}""".format(dragged["font"])
    )
    kept = _node_position(page, "Yemen")
    assert (kept["x"], kept["y"]) == pytest.approx((dragged["x"], dragged["y"]), abs=0.2)


def test_non_local_bind_refuses_requests_without_the_token(browser, prepared):
    app = create_app(WebConfig(db=str(prepared[0]), host="0.0.0.0", token=TOKEN))
    srv = BackgroundServer(app).start()  # reachable on 127.0.0.1, configured as non-local
    try:
        context = browser.new_context()
        pg = context.new_page()
        refused = pg.goto(srv.url + "/")
        assert refused is not None and refused.status == 403
        assert "token" in pg.content()
        assert pg.request.post(srv.url + "/_dash-update-component", data="{}").status == 403
        allowed = pg.goto(srv.url + f"/?token={TOKEN}")
        assert allowed is not None and allowed.status == 200
        assert "token" not in pg.url  # redirected to the same page without it
        pg.wait_for_selector("#net-summary >> text=actors")  # callbacks pass with the cookie
        context.close()
    finally:
        srv.stop()


def test_rate_an_ach_item_and_see_it_judged(page, server, prepared):
    pytest.importorskip("orgmap.weigh")
    page.goto(server.url + "/hypotheses")
    page.wait_for_selector("#ach-scores .ag-row")
    row = page.locator("#ach-matrix .ag-center-cols-container .ag-row").first
    item_id = int(row.get_attribute("row-id"))
    s = Store.open(str(prepared[0]))
    case = s.default_case()
    (item,) = [i for i in s.items(case) if i.id == item_id]
    hkey = s.hypotheses(case)[0].key
    new = "NA" if item.ratings.get(hkey) != "NA" else "N"
    row.locator(f"[col-id='h:{hkey}']").click()
    page.locator(".ag-cell-editor .ag-picker-field-wrapper").click()
    page.get_by_role("option", name=new, exact=True).click()
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#ach-message >> text={item.key} vs {hkey} = {new}")
    assert {i.id: i for i in s.items(case)}[item_id].ratings[hkey] == new
    (j,) = [j for j in s.judgements("item", item_id) if j.action == "rate"]
    assert j.payload == {"hypothesis": hkey, "rating": new} and j.who == "web-tester"
    s.close()
    _shot(page, "hypotheses-rated")


def test_run_a_small_whatif(page, server, prepared):
    pytest.importorskip("orgmap.network.whatif")
    page.goto(server.url + "/whatif")
    page.wait_for_selector("#wi-who")
    _pick(page, "#wi-org", "Qods Force", "Qods Force", exact=True)
    page.fill("#wi-asof", "2019-12")
    _pick(page, "#wi-who", "Qasem Soleimani", "Qasem Soleimani (person)")
    page.click("#wi-add")
    page.wait_for_selector("#wi-oplist >> text=remove: Qasem Soleimani")
    page.click("#wi-run")
    page.wait_for_selector("#wi-figures .ag-row")
    # the page shows what orgmap.network.whatif computes for the same scenario
    from orgmap.network.whatif import parse_whatif_scenario, run_scenarios

    s = Store.open(str(prepared[0]))
    raw = {
        "name": "My scenario",
        "as_of": "2019-12",
        "organization": "Qods Force",
        "operations": [{"remove": "Qasem Soleimani"}],
    }
    from orgmap.web.pages.whatif import SAMPLES

    scenario = parse_whatif_scenario(raw, "test", s.schema)
    want = run_scenarios(s, s.default_case(), [scenario], samples=SAMPLES, seed=0)["scenarios"][0]
    s.close()
    leader_row = page.locator("#wi-figures .ag-row[row-index='0']")
    assert want["baseline"]["leader"] in leader_row.inner_text()
    label, before, after = page.locator("#wi-figures .ag-row[row-index='1']").inner_text().split("\n")
    assert label.startswith("reach of affiliates")
    iv = want["intervals"]  # medians over the same sampled views, with their 5-95 % interval
    for shown, state in ((before, "baseline"), (after, "after")):
        x = iv[state]["reach"]
        assert shown == f"{x['median']:.3f} [{x['low']:.3f}–{x['high']:.3f}]"
        assert x["low"] <= x["median"] <= x["high"]
    _shot(page, "whatif-run")
    with page.expect_download() as download:
        page.click("#wi-save")
    assert download.value.suggested_filename == "my-scenario.yaml"
    page.wait_for_selector("#wi-message >> text=Saved as my-scenario.yaml")


def test_run_a_small_simulation(page, server):
    pytest.importorskip("orgmap.simulate")
    page.goto(server.url + "/simulation")
    page.wait_for_selector("#sim-run")
    assert page.locator("#sim-placeholder").is_visible()  # words, not an empty axis, before a run
    assert not page.locator("#sim-figure").is_visible()
    page.fill("#sim-runs", "8")
    page.click("#sim-run")
    page.wait_for_selector("#sim-status >> text=Done: 8 runs.", timeout=60000)
    assert page.locator("#sim-figure .scatterlayer .trace").count() >= 2  # a band and a mean per measure
    assert page.locator("#sim-progress").get_attribute("value") == "1"
    assert "8 runs" in page.locator("#sim-summary").inner_text()
    assert not page.locator("#sim-placeholder").is_visible()
    _shot(page, "simulation-run")


@pytest.fixture(scope="module")
def large_server(tmp_path_factory):
    """The app over a synthetic case of 400 entities in 16 organizations (tests/synthetic_case.py)."""
    from synthetic_case import build

    folder = tmp_path_factory.mktemp("large")
    s = Store.open(str(folder / "large.db"), create=True)
    build(s, groups=16, size=25)
    s.close()
    app = create_app(WebConfig(db=str(folder / "large.db"), who="web-tester", upload_dir=folder / "uploads"))
    srv = BackgroundServer(app).start()
    yield srv
    srv.stop()


def test_large_case_draws_communities_that_open_on_click(browser, large_server):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.set_default_timeout(20000)
    try:
        page.goto(large_server.url + "/")
        page.wait_for_selector("#net-scope >> text=16 communities collapsed")
        counts = _cy(page, "return [cy.nodes().length, cy.nodes('.community').length, cy.elements().length];")
        assert counts == [16, 16, 32]  # 400 entities and 4,816 ties drawn as 16 meta-nodes and 16 meta-ties
        assert "showing 0 of 400 entities" in page.inner_text("#net-scope")
        script = """const n = cy.nodes().filter(n => n.data('label').startsWith('Person 3-'))[0];
            const p = n.renderedPosition(); return {x: box.left + p.x, y: box.top + p.y};"""
        for _ in range(3):  # a real click on the meta-node (again if a busy machine lost it)
            point = _cy(page, script)
            page.mouse.click(point["x"], point["y"])
            try:
                page.wait_for_selector("#net-scope >> text=1 open", timeout=5000)
                break
            except Exception:
                continue
        page.wait_for_selector("#net-scope >> text=1 open")
        page.wait_for_function(
            """() => { const el = [...document.querySelectorAll('#net-graph, #net-graph div')].find(d => d._cyreg);
            return el && el._cyreg.cy.nodes('[entity]').length > 0; }"""
        )
        labels = _cy(page, "return cy.nodes('[entity]').map(n => n.data('label'));")
        assert len(labels) == 25 and all(x.startswith("Person 3-") for x in labels)
        assert _cy(page, "return cy.nodes('.community').length;") == 15
        assert "showing 25 of 400 entities" in page.inner_text("#net-scope")
        _shot(page, "network-communities")
        page.click("#net-collapse")
        page.wait_for_selector("#net-scope >> text=showing 0 of 400")
        assert _cy(page, "return cy.nodes('.community').length;") == 16
    finally:
        page.close()
