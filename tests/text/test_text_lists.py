"""Lists distribute (annotation guide): what a sentence says of "the following officers" or "three
companies owned by X" holds for each name listed after it; entries of one list are not tied
to each other by it; bulleted lines are statements of their own."""

from __future__ import annotations

from orgmap.extract import extract_document
from orgmap.extract.markup import strip_markup
from orgmap.extract.nlp import get_nlp
from orgmap.extract.relmodel.candidates import LINE_BREAKS, candidate_pairs

BULLETED = """On May 2, the Norlandic army named the following three officers as members of the Ostia Council:

- General **Lars Holm**;
- Colonel **Erik Lund**; and
- Major **Anna Berg**.

These individuals are members of the Norlandic army."""


def _triples(text: str, decider: object = "default") -> set[tuple[str, str, str]]:
    r = extract_document(text, decider=decider)
    return {(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations}


def test_a_bulleted_list_takes_what_its_sentence_says_of_it():
    found = _triples(BULLETED, decider=None)
    for name in ("Lars Holm", "Erik Lund", "Anna Berg"):
        assert (name, "member_of", "Ostia Council") in found
        assert (name, "member_of", "Norlandic army") in found  # "These individuals ..." after the list


def test_the_list_is_the_evidence_of_each_distributed_relation():
    r = extract_document(BULLETED, decider=None)
    berg = next(e.key for e in r.entities if e.name == "Anna Berg")
    council = next(e.key for e in r.entities if e.name == "Ostia Council")
    rel = next(x for x in r.relations if x.source == berg and x.target == council)
    quoted = r.text[rel.evidence[0][0] : rel.evidence[0][1]]
    assert "members of the Ostia Council" in quoted and "Anna Berg" in quoted


def test_names_after_a_colon_take_what_the_sentence_says_of_them():
    text = (
        "Treasury also designated three companies owned or controlled by Karim Bassal: Alpha Trading LLC, "
        "Beta Holding Ltd., and Gamma Shipping Ltd."
    )
    found = _triples(text)
    for name in ("Alpha Trading LLC", "Beta Holding Ltd.", "Gamma Shipping Ltd."):
        assert ("Karim Bassal", "manages", name) in found
    entries = {"Alpha Trading LLC", "Beta Holding Ltd.", "Gamma Shipping Ltd."}
    assert not [t for t in found if t[0] in entries and t[2] in entries]  # a list ties no entry to another


def test_names_running_into_a_clause_are_no_list():
    text = "Two companies owned by Karim Bassal: Alpha Trading LLC, which Omar Haddad founded in Ostia."
    found = _triples(text, decider=None)
    assert ("Karim Bassal", "manages", "Omar Haddad") not in found


def test_bulleted_lines_are_not_paired_with_each_other():
    clean = strip_markup("Designated today:\n\n- Lars Holm, a banker\n- Erik Lund, a lawyer\n")
    doc = get_nlp()(clean.text)
    holm = [t.i for t in doc if t.text in {"Lars", "Holm"}]
    lund = [t.i for t in doc if t.text in {"Erik", "Lund"}]
    tok_group = dict.fromkeys(holm, "holm") | dict.fromkeys(lund, "lund")
    assert len(candidate_pairs(doc, tok_group)) == 1  # the parser made one sentence of both lines
    doc.user_data[LINE_BREAKS] = [doc.char_span(s, e, alignment_mode="expand").start for s, e in clean.items]
    assert candidate_pairs(doc, tok_group) == []


def test_the_sentences_of_the_paragraph_before_a_list_that_point_at_it_speak_of_it():
    text = (
        "Treasury is designating ten officials today. Six of these individuals are members of the Ostia "
        "Council. These individuals are designated for being officials of the Norlandic army:\n\n"
        "- General **Lars Holm**;\n- Colonel **Erik Lund**; and\n- Major **Anna Berg**.\n\n"
        "The Vesh Front names its officers. Its spokesman praised the Ostia Council.\n\n"
        "- **Tom Reed**;\n- **Ana Gil**.\n"
    )
    found = _triples(text)
    for name in ("Lars Holm", "Erik Lund", "Anna Berg"):
        assert (name, "member_of", "Ostia Council") in found  # two sentences before the list
    for name in ("Tom Reed", "Ana Gil"):  # a sentence that does not point at the list
        assert (name, "member_of", "Ostia Council") not in found


def test_people_who_make_up_a_body_are_its_members():
    text = (
        "Today, OFAC is designating the ten individuals comprising Norvik Bank's management board.\n\n"
        "- **Olga Berg**\n- **Anna Lund**\n- **Erik Holm**\n\nAll were designated. "
        "The Ostia Council comprises Tom Reed and Ana Gil. The Vesh Front includes the Red Hand Brigade."
    )
    found = _triples(text)
    for name in ("Olga Berg", "Anna Lund", "Erik Holm"):
        assert (name, "member_of", "Norvik Bank's management board") in found
    assert {("Tom Reed", "member_of", "Ostia Council"), ("Ana Gil", "member_of", "Ostia Council")} <= found
    assert not [t for t in found if t[0] == "Red Hand Brigade" and t[1] == "member_of"]  # a body is a part
