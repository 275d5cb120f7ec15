"""The briefing: every quote is in its source, every statement links to evidence, text is escaped."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from orgmap.brief import build_brief, render_html, write_brief
from orgmap.model import Assertion, Entity, Evidence, Hypothesis, HypothesisItem, Source

FAST = ("model", "actors", "ach")  # what-if and simulation are other packages' work; tested there


@pytest.fixture(scope="module")
def qods_html(_qods_template):
    from orgmap.store import Store

    store = Store.open(str(_qods_template))
    try:
        case = store.case_id("qods-force")
        html = render_html(build_brief(store, case, seed=3))  # every section, what-if and simulation too
        texts = {s.id: s.text for s in store.sources(case)}
    finally:
        store.close()
    return html, texts


def _check_links(html: str, texts: dict[int, str]) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    quotes = soup.select("blockquote.quote")
    assert quotes, "the briefing cites no quote"
    ids = {el.get("id") for el in soup.find_all(id=True)}
    for q in quotes:
        sid, start, end = int(q["data-source"]), int(q["data-start"]), int(q["data-end"])
        shown = q.select_one(".qtext").get_text()
        assert shown == texts[sid][start:end], f"quote {q['id']} is not its source's text"
        assert shown in texts[sid]
        target = q.select_one(".meta a")["href"].lstrip("#")
        assert target in ids, f"quote {q['id']} links to a missing place in its source"
    quote_ids = {q["id"] for q in quotes}
    statements = soup.select(".stmt")
    assert statements
    for st in statements:
        refs = [a["href"].lstrip("#") for a in st.select("a.ev")]
        assert refs, f"statement without evidence: {st.get_text()[:80]!r}"
        assert set(refs) <= quote_ids, f"dangling evidence link in {st.get_text()[:80]!r}"
    return soup


def test_every_quote_is_in_its_source_and_every_statement_cites_one(qods_html):
    html, texts = qods_html
    soup = _check_links(html, texts)
    assert not soup.select(".nosrc")
    for section in ("whatif", "simulation", "ach", "actors"):  # the other packages' sections are wired in
        assert not soup.select(f"#{section} .missing"), soup.select_one(f"#{section} .missing").get_text()
        assert soup.select(f"#{section} .stmt"), section
    # quote anchors in the source appendix sit at the quoted characters
    for q in soup.select("blockquote.quote"):
        anchor = soup.find(id=q.select_one(".meta a")["href"].lstrip("#"))
        following = anchor.find_next("mark")
        assert following is not None and texts[int(q["data-source"])][int(q["data-start"]) :].startswith(
            following.get_text()[:20]
        )


def test_the_sections_are_there(qods_html):
    html, _ = qods_html
    soup = BeautifulSoup(html, "html.parser")
    for section in ("network", "actors", "whatif", "simulation", "ach", "timeline", "evidence", "sources"):
        assert soup.find("section", id=section) is not None, section
    assert "Qods Force" in soup.select_one("#network").get_text()
    grades = [g.get_text() for g in soup.select("#sources .grade")]
    assert "B" in grades and "A" in grades  # the essay and the analyst's note
    img = soup.select("#network figure img")
    assert img and all(i["src"].startswith("data:image/png;base64,") for i in img)


def test_self_contained_and_printable(qods_html):
    html, _ = qods_html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "something would be fetched"
    assert "<script" not in html
    assert "@media print" in html


def test_same_seed_same_briefing(_qods_template):
    from orgmap.store import Store

    store = Store.open(str(_qods_template))
    try:
        case = store.case_id("qods-force")
        a = render_html(build_brief(store, case, seed=5, sections=("model",)))
        b = render_html(build_brief(store, case, seed=5, sections=("model",)))
    finally:
        store.close()
    assert a == b


HOSTILE = 'Ali <script>alert(1)</script> leads <b>the</b> Unit & "friends" {{ 7*7 }} ${x}.'


def _hostile_store(store):
    case = store.ensure_case("hostile", title="<i>Case</i>")
    src = store.add_source(case, Source(text=HOSTILE, key="<x>", title="<img src=x onerror=alert(2)>"))
    ali = store.add_entity(case, Entity("person", "Ali <script>alert(3)</script> $x^{2}$ \\(y"))
    unit = store.add_entity(case, Entity("organization", "<b>Unit</b>"))
    start = HOSTILE.index("<script>")
    aid = store.add_assertion(
        case,
        Assertion(
            ali,
            "leads",
            unit,
            [Evidence(src, start, len(HOSTILE))],
            status="accepted",
            attribution="<u>someone</u>",
        ),
    )
    store.add_hypothesis(case, Hypothesis("<script>alert(4)</script>", "h1"))
    store.add_hypothesis(case, Hypothesis("plain", "h2"))
    store.add_item(
        case, HypothesisItem(assertion_id=aid, credibility="2", ratings={"h1": "I", "h2": "C"}, key="e1")
    )
    return case


def test_markup_and_script_in_sources_render_as_text(store, tmp_path):
    case = _hostile_store(store)
    out = tmp_path / "b.html"
    report = write_brief(store, case, out, seed=1, sections=FAST)
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "<img src=x" not in html and "<b>the</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    soup = _check_links(html, {s.id: s.text for s in store.sources(case)})
    assert "<script>alert(1)</script>" in soup.select_one("#evidence").get_text()
    assert "{{ 7*7 }}" in soup.select_one("#sources").get_text()  # never evaluated as a template
    assert "<script>alert(4)</script>" in soup.select_one("#ach").get_text()
    assert report["quotes"] >= 1 and report["statements"] >= 1


def test_missing_sections_are_stated(store, tmp_path):
    case = _hostile_store(store)
    html = render_html(build_brief(store, case, seed=1, sections=("model",)))
    soup = BeautifulSoup(html, "html.parser")
    assert "left out of this briefing" in soup.select_one("#simulation").get_text()


def test_unknown_section_is_named(store):
    case = _hostile_store(store)
    with pytest.raises(ValueError, match="unknown briefing section"):
        build_brief(store, case, sections=("model", "poetry"))


def test_pdf_without_chromium_is_a_clear_error(store, tmp_path, monkeypatch):
    from orgmap.brief import ChromiumMissing, pdf

    monkeypatch.setattr(pdf, "CANDIDATES", ("/nonexistent/chromium",))
    monkeypatch.setattr(pdf.find_chromium, "__defaults__", (("/nonexistent/chromium",),))
    case = _hostile_store(store)
    with pytest.raises(ChromiumMissing, match="Chromium is not installed"):
        write_brief(store, case, tmp_path / "b.html", pdf=tmp_path / "b.pdf", sections=("model",))
    assert not (tmp_path / "b.html").exists()  # failed before writing anything


def test_empty_case_says_what_is_missing(store, tmp_path):
    case = store.ensure_case("empty")
    report = write_brief(store, case, tmp_path / "e.html", sections=("model", "actors", "ach"))
    assert any("no accepted relations" in m for m in report["missing"])
    assert any("no hypotheses" in m for m in report["missing"])
    assert report["statements"] == 0


@pytest.mark.slow
def test_pdf_with_chromium(store, tmp_path):
    from orgmap.brief.pdf import find_chromium

    if find_chromium() is None:
        pytest.skip("Chromium is not installed")
    case = _hostile_store(store)
    write_brief(store, case, tmp_path / "b.html", pdf=tmp_path / "b.pdf", sections=("model",))
    data = (tmp_path / "b.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "b.pdf")).pages)
    assert "<script>alert(1)</script>" in text  # printed as text


def test_marked_segments_agree_with_a_character_by_character_marking():
    import random

    from orgmap.brief.evidence import Quote, marked_segments

    rng = random.Random(11)
    for _ in range(200):
        text = "".join(rng.choice("ab .") for _ in range(rng.randint(1, 60)))
        spans = []
        for n in range(rng.randint(0, 5)):
            a = rng.randrange(len(text))
            b = rng.randint(a + 1, len(text))
            spans.append(Quote(f"q{n}", 1, a, b, text[a:b]))
        segs = marked_segments(text, spans)
        assert "".join(s.text for s in segs) == text
        marked = [
            i for s, start in zip(segs, _offsets(segs)) if s.marked for i in range(start, start + len(s.text))
        ]
        assert marked == sorted({i for q in spans for i in range(q.start, q.end)})
        # every span's anchor sits on the segment where it starts
        for q in spans:
            at = [start for s, start in zip(segs, _offsets(segs)) if q.target in s.anchors]
            assert at == [q.start]


def _offsets(segs):
    out, pos = [], 0
    for s in segs:
        out.append(pos)
        pos += len(s.text)
    return out


def test_long_sources_show_cited_passages_with_context(store, tmp_path, monkeypatch):
    from orgmap.brief import model_sections

    monkeypatch.setattr(model_sections, "FULL_TEXT_LIMIT", 20)
    monkeypatch.setattr(model_sections, "CONTEXT", 2)  # the quote starts at 4: "Ali" (0-3) is cut
    case = _hostile_store(store)
    html = render_html(build_brief(store, case, sections=("model",)))
    soup = _check_links(html, {s.id: s.text for s in store.sources(case)})
    shown = soup.select_one(".srctext").get_text()
    assert shown.startswith(" … ") and "<script>alert(1)</script>" in shown and "Ali" not in shown


def test_every_headline_number_sits_inside_its_printed_interval(qods_html):
    """Issue 14: 'betweenness 0.658 (5-95 %: 0.133-0.316)' printed a point outside its interval."""
    import re

    html, _ = qods_html
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    found = re.findall(
        r"betweenness (\d\.\d+) \(5-95 %: (\d\.\d+)-(\d\.\d+).*?"
        r"degree (\d\.\d+) \((\d\.\d+)-(\d\.\d+)\)",
        text,
    )
    assert len(found) >= 5
    for b, bl, bh, d, dl, dh in found:
        assert float(bl) <= float(b) <= float(bh) and float(dl) <= float(d) <= float(dh)
    assert "views whose edges are kept with the probability" in text
    ranged = re.findall(r"(\d\.\d\d) \[(\d\.\d\d)-(\d\.\d\d)\]", text)  # the what-if table
    assert len(ranged) >= 10
    for m, lo, hi in ranged:
        assert float(lo) <= float(m) <= float(hi)


def test_the_simulation_summary_headlines_sit_inside_their_intervals_and_the_screen_is_there(qods_html):
    import re

    html, _ = qods_html
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    pairs = re.findall(r"(\d\.\d\d) \((\d\.\d\d)-(\d\.\d\d)\)", text)
    pairs += [(a, b, c) for a, b, c in re.findall(r"(\d+) % \((\d+) %-(\d+) %\)", text)]
    assert len(pairs) >= 20
    for mid, lo, hi in pairs:
        assert float(lo) <= float(mid) <= float(hi)
    assert "survive the assumptions (Morris screening" in text
    assert re.search(r"coordination: (robust|depends on)", text)
    sobol = text[text.index("(Sobol indices, SALib;") :]
    assert re.search(r"control: (robust|depends on)", sobol)
    for st, s1 in re.findall(r" ST (\d\.\d\d) \(S1 (-?\d\.\d\d)\)", sobol.split(" . ")[0]):
        assert float(st) >= 0 and float(s1) <= float(st) + 0.5  # S1 <= ST up to the coarse estimate's noise


def test_a_large_case_is_summarised_by_community(store):
    """400 actors in 16 planted organizations: the briefing adds one picture of 16 circles and
    16 lines (the ties between consecutive organizations) instead of drawing every actor."""
    from synthetic_case import build

    case, members = build(store, groups=16, size=25)
    figures = build_brief(store, case, sections=("model",))["figures"]
    summary = [f for f in figures if f["alt"].startswith("The whole network by community")]
    assert len(summary) == 1
    assert "16 communities of 400 actors" in summary[0]["alt"]
    assert "16 ties in 16 lines" in summary[0]["caption"]
    assert summary[0]["src"].startswith("data:image/png;base64,")


def test_a_small_case_has_no_community_summary(qods_html):
    assert "The whole network by community" not in qods_html[0]
