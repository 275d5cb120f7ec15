"""How surely, and on whose word, a clause states something.

The nearest cue on the path from the relation's anchor word up to the sentence root
decides: a denial or negation gives ``denied``; a belief verb ("insiders believe")
``believed``; a reporting verb ("sources stated") or "according to" ``reported``; a hedge
("purported", "reportedly", "appears") ``hedged``; otherwise ``asserted``.

>>> from orgmap.extract.nlp import get_nlp
>>> doc = get_nlp()("Insiders believe that Qaani planned the attack.")
>>> modality_of(doc[4])
('believed', 'Insiders')
"""

from __future__ import annotations

from orgmap.extract.lexicon import Lexicon, load_lexicon

__all__ = ["modality_of", "resolve_attributions"]

_RELATIVE = {"who", "which", "that", "whom"}
_PRONOUNS = {"they", "he", "she", "we", "it"}


def _speaker(verb) -> str:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                child = verb.head
            end = child.i
            for right in child.rights:
                if right.dep_ not in {"prep", "acl", "amod"}:
                    break
                end = right.right_edge.i
            span = child.doc[child.left_edge.i : end + 1]
            text = span.text if len(span.text) < 120 else child.text
            head, sep, rest = text.partition(", ")
            if sep and rest.split(" ", 1)[0].lower() in _RELATIVE | {"whose"}:
                text = (
                    head  # "sources affiliated with X, whose identities are protected": the speaker ends at X
                )
            return text
    return ""


def _relation_verb(verb, lex: Lexicon) -> bool:
    """ "X reports to Y" states a relation; it does not report a claim."""
    return any(
        ch.dep_ == "prep" and lex.verb_type(f"{verb.lemma_.lower()} {ch.lower_}") for ch in verb.children
    )


def _carried(verb, speaker: str, lex: Lexicon) -> str:
    """A pronoun speaker ("They said ...") is whoever the previous sentence cited.

    >>> from orgmap.extract.nlp import get_nlp
    >>> doc = get_nlp()("Omar met Ali, according to two aides. They said the men agreed.")
    >>> _carried(doc[10], "They", load_lexicon())
    'two aides'
    """
    words = speaker.lower().split()
    if (
        not words
        or verb.sent.start == 0
        or not (speaker.lower() in _PRONOUNS or words[0] in {"these", "those"})
    ):
        return speaker  # "They said", "These sources said": whoever the previous sentence cited
    prev = verb.doc[verb.sent.start - 1].sent
    low = prev.text.lower()
    for phrase in lex.report_phrases:
        k = low.find(phrase + " ")
        if k >= 0 and phrase != "per":
            after = prev.char_span(
                prev.start_char + k + len(phrase) + 1, prev.end_char, alignment_mode="expand"
            )
            return after.text.split(",")[0].rstrip(".") if after is not None else speaker
    for tok in prev:
        if tok.lemma_.lower() in lex.report_verbs | lex.belief_verbs and not _relation_verb(tok, lex):
            found = _speaker(tok)
            if found and found.lower() not in _PRONOUNS:
                return found
    return speaker


def modality_of(anchor, lex: Lexicon | None = None) -> tuple[str, str]:
    """(modality, attribution) for a relation anchored at token ``anchor``."""
    lex = lex or load_lexicon()
    sent = anchor.sent
    low = sent.text.lower()
    tok, seen = anchor, 0
    while True:
        for child in tok.children:
            if child.dep_ == "neg" and tok is anchor:
                return "denied", ""
            if child.lower_ in lex.hedges and child.dep_ in {"advmod", "amod", "aux"}:
                return "hedged", ""
        lemma = tok.lemma_.lower()
        if tok is not anchor or seen:
            if lemma in lex.denial_cues:
                return "denied", _speaker(tok)
            if lemma in lex.belief_verbs:
                return "believed", _speaker(tok)
            if lemma in lex.report_verbs and not _relation_verb(tok, lex):
                return "reported", _carried(tok, _speaker(tok), lex)
            if lemma in lex.hedges:
                return "hedged", ""
        seen += 1
        if tok.head.i == tok.i or seen > 12:
            break
        if tok.dep_ in {"relcl", "appos"}:
            break  # "X, which has financed Y, denied ...": a relative clause or apposition is presupposed
        if anchor.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"nsubj", "nsubjpass"}:
            break  # a role inside the subject ("X's spokesman, Y, denied ...") is described, not claimed
        tok = tok.head
    for phrase in lex.report_phrases:
        k = low.find(phrase + " ")
        if k >= 0 and phrase != "per":
            after = sent.char_span(
                sent.start_char + k + len(phrase) + 1, sent.end_char, alignment_mode="expand"
            )
            text = after.text.split(",")[0].rstrip(".") if after is not None else ""
            return "reported", text[:120]
    return "asserted", ""


_ANAPHORIC_HEADS = {"these", "those", "the", "such", "both"}


def _anaphoric(attribution: str) -> bool:
    words = attribution.lower().split()
    return bool(words) and (
        attribution.lower() in _PRONOUNS or (words[0] in _ANAPHORIC_HEADS and len(words) <= 3)
    )


def resolve_attributions(doc, claims: list[tuple[int, str]], lex: Lexicon | None = None) -> list[str]:
    """Resolve anaphoric attributions ("these sources", "they") to the speaker they refer to.

    ``claims`` are (character offset, attribution) pairs; each anaphoric attribution takes
    the latest full speaker named *earlier in the document* by a reporting or belief verb
    whose words include the anaphor's head noun ("sources"); a pronoun takes the latest
    speaker. Attributions without an antecedent stay as written.

    >>> from orgmap.extract.nlp import get_nlp
    >>> doc = get_nlp()("Two aides of the minister said Omar met Ali. Later these aides said the men agreed.")
    >>> resolve_attributions(doc, [(60, "these aides")])
    ['Two aides of the minister']
    """
    lex = lex or load_lexicon()
    speakers: list[tuple[int, str]] = []
    for tok in doc:
        if tok.lemma_.lower() in lex.report_verbs | lex.belief_verbs and not _relation_verb(tok, lex):
            found = _speaker(tok)
            if found and not _anaphoric(found):
                speakers.append((tok.idx, found))
    out = []
    for offset, attribution in claims:
        if not attribution or not _anaphoric(attribution):
            out.append(attribution)
            continue
        head = attribution.lower().split()[-1]
        earlier = [
            text
            for pos, text in speakers
            if pos < offset and (attribution.lower() in _PRONOUNS or head in text.lower().split())
        ]
        out.append(earlier[-1] if earlier else attribution)
    return out
