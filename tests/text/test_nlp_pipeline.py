"""The spaCy pipeline is built once and never changed: known names go with each call."""

from __future__ import annotations

from orgmap.extract.nlp import NO_BREAK, RULER, get_nlp, parse, parse_all

TEXT = "Ann Vole met the Tarvik Circle in Oslo."


def _ents(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_known_names_mark_only_the_call_that_passes_them():
    nlp = get_nlp()
    components = list(nlp.pipe_names)
    plain = _ents(parse(TEXT))
    assert ("Tarvik Circle", "PERSON") not in plain
    taught = _ents(parse(TEXT, known=[("Tarvik Circle", "person")]))
    assert ("Tarvik Circle", "PERSON") in taught
    assert _ents(parse(TEXT)) == plain  # nothing stayed behind
    assert get_nlp() is nlp and list(nlp.pipe_names) == components
    assert components[-1] == RULER and components.index("ner") == len(components) - 2
    assert components.index(NO_BREAK) == components.index("parser") - 1


def test_batches_parse_as_single_calls_do():
    texts = [TEXT, "Bo Strand leads Unit 400 and the Tarvik Circle."]
    known = [("Tarvik Circle", "person"), ("Bo Strand", "organization")]
    batch = [_ents(d) for d in parse_all(texts, known=known)]
    assert batch == [_ents(parse(t, known=known)) for t in texts]
    assert ("Unit 400", "ORG") in batch[1]  # the lexicon's unit pattern stays with known names
    assert ("Bo Strand", "ORG") in batch[1]


def test_a_lettered_name_ends_its_sentence_before_a_capital():
    doc = get_nlp()("He moved money for ISIS-K. Tavrek Olumba lives in Kabul. Mr. K. Lund met Group A.")
    assert [t.text for t in doc][4:8] == ["ISIS", "-", "K", "."]
    assert next(s.text for s in doc.sents) == "He moved money for ISIS-K."
    assert "K." in [t.text for t in doc]  # an initial keeps its point


def test_no_sentence_starts_straight_after_a_word():
    text = (
        "The Department is also designating Kata’ib Sayyid al-Shuhada (KSS) and its leader. "
        "He left. The Board met. Did it? Yes: twice"
    )
    sents = [s.text.strip() for s in get_nlp()(text).sents]
    assert sents[0] == "The Department is also designating Kata’ib Sayyid al-Shuhada (KSS) and its leader."
    assert "The Board met." in sents and "Did it?" in sents  # breaks after punctuation stay
    for s in get_nlp()(text).sents:
        if s.start:
            prev = s.doc[s.start - 1]
            assert not (prev.whitespace_ and prev.text[-1].isalnum())
