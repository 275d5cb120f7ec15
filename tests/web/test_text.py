"""Sentences around spans and highlighting, against hand-worked offsets."""

import pytest
from dash import html

from orgmap.web.text import highlight, quote_in_sentence, selection_span, sentence_bounds, utf16_index

TEXT = "Soleimani was killed. Qaani took over the role. He met the leaders."


def _flat(parts):
    return "".join(p if isinstance(p, str) else p.children for p in parts)


def test_sentence_found_by_punctuation():
    start = TEXT.index("took over")
    assert TEXT[slice(*sentence_bounds(TEXT, start, start + 9))] == "Qaani took over the role."


def test_stored_passages_win_over_punctuation():
    assert sentence_bounds(TEXT, 30, 35, passages=[(0, 47), (48, len(TEXT))]) == (0, 47)


def test_span_at_text_edges():
    assert sentence_bounds(TEXT, 0, 9) == (0, 21)
    end = len(TEXT)
    assert TEXT[slice(*sentence_bounds(TEXT, end - 8, end))] == "He met the leaders."


def test_highlight_keeps_every_character_and_marks_the_span():
    parts = highlight(TEXT, [(22, 27, "formal accepted")])
    assert _flat(parts) == TEXT
    marks = [p for p in parts if isinstance(p, html.Mark)]
    assert [m.children for m in marks] == ["Qaani"]
    assert marks[0].className == "span formal accepted"


def test_overlapping_spans_take_the_innermost_class():
    parts = highlight("abcdefgh", [(0, 8, "outer"), (2, 4, "inner")])
    assert _flat(parts) == "abcdefgh"
    assert [(p.children, p.className) for p in parts if isinstance(p, html.Mark)] == [
        ("ab", "span outer"),
        ("cd", "span inner"),
        ("efgh", "span outer"),
    ]


def test_markup_in_source_stays_a_plain_string():
    text = "Before. <script>alert(1)</script> is text. After."
    start = text.index("<script>")
    sentence = quote_in_sentence(text, start, start + 8)
    flat = [c for c in sentence.children if isinstance(c, str)] + [
        c.children for c in sentence.children if isinstance(c, html.Mark)
    ]
    assert "<script>" in flat  # a string child: React renders it as text
    assert all(isinstance(c, (str, html.Mark)) for c in sentence.children)


def test_ids_point_at_span_starts():
    parts = highlight("0123456789", [(3, 5, "x")], ids=True)
    assert [p.id for p in parts if isinstance(p, html.Mark)] == ["span-3"]


def test_tooltips_name_the_span():
    parts = highlight("abcdef", [(1, 3, "formal accepted", "leads · B2 · accepted")])
    (mark,) = [p for p in parts if isinstance(p, html.Mark)]
    assert mark.title == "leads · B2 · accepted"


def test_source_spans_are_the_stored_evidence(qods_store):
    from orgmap.web.pages.sources import span_classes

    case = qods_store.default_case()
    src = qods_store.sources(case)[0]
    spans = span_classes(qods_store, case, src.id)
    want = {
        (ev.start, ev.end) for a in qods_store.assertions(case) for ev in a.evidence if ev.source_id == src.id
    }
    assert {(s, e) for s, e, _, _ in spans} == want
    layers = set(qods_store.schema.layers) | {"entity"}
    assert all(
        cls.split()[0] in layers and cls.split()[1] in qods_store.schema.statuses for _, _, cls, _ in spans
    )


SELECTABLE = "Zoë Ağa 🙂 met 𝔸li in Qom. 𝔸li met Zoë Ağa 🙂 in Qom.\r\nZoë Ağa 🙂 met 𝔸li in Qom, said 王."


def _units(text: str, i: int) -> int:
    """How far a browser counts to index ``i``: UTF-16 code units, from Python's own encoder."""
    return len(text[:i].encode("utf-16-le")) // 2


@pytest.mark.parametrize("phrase", ["Zoë Ağa 🙂 met 𝔸li in Qom", "𝔸li", "王", "Qom"])
def test_every_occurrence_of_a_repeated_phrase_maps_to_its_own_offsets(phrase):
    start = -1
    seen = 0
    while (start := SELECTABLE.find(phrase, start + 1)) >= 0:
        seen += 1
        a, b = _units(SELECTABLE, start), _units(SELECTABLE, start + len(phrase))
        assert selection_span(SELECTABLE, a, b, phrase) == (start, start + len(phrase))
        assert (utf16_index(SELECTABLE, a), utf16_index(SELECTABLE, b)) == (start, start + len(phrase))
    assert seen >= 1


def test_a_selection_is_trimmed_and_checked_against_the_stored_text():
    i = SELECTABLE.index(" 𝔸li met")
    a, b = _units(SELECTABLE, i), _units(SELECTABLE, i + len(" 𝔸li met "))
    assert SELECTABLE[slice(*selection_span(SELECTABLE, a, b, " 𝔸li met "))] == "𝔸li met"
    with pytest.raises(ValueError, match="does not match the stored text"):
        selection_span(SELECTABLE, a, b, " Ali met ")  # the page shows other text: stale
    with pytest.raises(ValueError, match="inside a character"):
        utf16_index(SELECTABLE, _units(SELECTABLE, SELECTABLE.index("🙂")) + 1)
    with pytest.raises(ValueError, match="white space"):
        j = SELECTABLE.index("\r\n")
        selection_span(SELECTABLE, _units(SELECTABLE, j), _units(SELECTABLE, j + 2), "\r\n")
