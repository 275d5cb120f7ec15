"""Document structure for mentions: headings and field labels are never entities, identifier
blocks name one subject, and names that are laws, lists or designation labels are dropped.

An identifier block (``Individual: IQBAL, ZAFAR`` / ``AKA: Iqbal, Zaffer`` / ``DOB: ...``)
names its subject in a name field and again in each alias field: every variant becomes a
mention that is ``same_as`` the subject (a "Surname, Given" value is read as "Given
Surname"); values of the other fields (dates, titles, numbers, nationality) yield nothing.

>>> from orgmap.extract.lexicon import load_lexicon
>>> lex = load_lexicon()
>>> is_not_entity("Global Magnitsky Human Rights Accountability Act", lex), is_not_entity("SDN List", lex)
(True, True)
>>> is_not_entity("Foreign Terrorist Organization", lex), is_not_entity("Norvik Holdings", lex)
(True, False)
>>> invert_surname_first("IQBAL, ZAFAR"), invert_surname_first("Rui da Costa")
('ZAFAR IQBAL', 'Rui da Costa')
"""

from __future__ import annotations

import re

from orgmap.extract.alias_phrases import link_alias_phrases
from orgmap.extract.gazetteer import load_gazetteer
from orgmap.extract.lexicon import Lexicon
from orgmap.extract.markup import CleanText
from orgmap.extract.mention_span import Mention
from orgmap.names import normalize_name

__all__ = ["invert_surname_first", "is_not_entity", "structure_mentions"]

_SUBJECT_LABELS = {"individual", "entity", "full name", "name"}


def is_not_entity(name: str, lex: Lexicon) -> bool:
    """A law, list, programme, register, designation or field label, or a boilerplate word."""
    norm = normalize_name(name)
    if not norm or norm in lex.not_entity_names or norm in {normalize_name(f) for f in lex.field_labels}:
        return True
    words = [w for w in norm.split() if not w.isdigit()]
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1] if words else ""
    if len(norm.split()) >= 2 and head in lex.not_entity_heads and any(c.isupper() for c in name):
        return True  # "Norland Accountability Act", "Code of Conduct", "Resolution 2751"
    low = " ".join(name.lower().split())
    if any(low.startswith(p + " ") or low == p for p in lex.not_entity_prefixes):
        return True
    return bool(re.fullmatch(r"(e\.?o\.?|executive order)\s*\d+", low))


def invert_surname_first(value: str) -> str:
    """ "IQBAL, ZAFAR" -> "ZAFAR IQBAL" (one comma, no more than four words a side)."""
    parts = [p.strip() for p in value.split(",")]
    if len(parts) == 2 and all(parts) and len(parts[0].split()) <= 3 and len(parts[1].split()) <= 4:
        return f"{parts[1]} {parts[0]}"
    return value


_DASHES = ("–", "—", "-", "--")
_SUFFIX_WORDS = {"sr": "senior", "jr": "junior", "snr": "senior", "jnr": "junior"}


def _dateline(text: str, m: Mention) -> bool:
    """ "WASHINGTON –", "Ostia, Norland —" opening a line: a dateline, not an entity."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if text[line_start : m.start].strip() or not m.name[:1].isupper():
        return False
    rest = text[m.end : m.end + 40].lstrip(" ,")
    rest = re.sub(r"^[A-Z][A-Za-z. ]{0,20}\s*(?=[–—-])", "", rest)  # "WASHINGTON, D.C. –"
    return rest.startswith(_DASHES)


def _split_repeats(doc, mentions: list[Mention]) -> list[Mention]:
    """ "Zafar Iqbal Zafar Iqbal is ...": a run-in heading repeated by the sentence is two mentions."""
    out = []
    for m in mentions:
        n = (m.j - m.i) // 2
        if (
            m.kind == "name"
            and n >= 1
            and (m.j - m.i) % 2 == 0
            and [t.lower_ for t in doc[m.i : m.i + n]] == [t.lower_ for t in doc[m.i + n : m.j]]
        ):
            for a, b in ((m.i, m.i + n), (m.i + n, m.j)):
                span = doc[a:b]
                half = Mention(a, b, span.start_char, span.end_char, span.text, votes=m.votes.copy())
                out.append(half)
        else:
            out.append(m)
    return out


def _untagged_surnames(doc, mentions: list[Mention]) -> list[Mention]:
    """A capitalised word the tagger left alone that is the surname of a person named in full in
    the text ("Yevgeniy Prigozhin ... Prigozhin and Utkin ran it") mentions that person."""
    surnames = {
        m.name.split()[-1]
        for m in mentions
        if m.kind == "name"
        and len(m.name.split()) >= 2
        and m.votes["person"] > m.votes["organization"]
        and m.name.split()[-1][:1].isupper()
    }
    covered = {k for m in mentions for k in range(m.i, m.j)}
    out = []
    for tok in doc:
        if tok.i not in covered and tok.text in surnames and tok.pos_ == "PROPN":
            m = Mention(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), tok.text)
            m.votes["person"] += 2
            out.append(m)
    return out


def _split_joined_people(doc, mentions: list[Mention]) -> list[Mention]:
    """ "Prigozhin and Utkin" tagged as one body: when both sides are people named elsewhere in the
    text (by full name or surname), the span is two mentions of them."""
    people = {
        w
        for m in mentions
        if m.kind == "name" and m.votes["person"] > m.votes["organization"]
        for w in (normalize_name(m.name), normalize_name(m.name).split()[-1] if m.name.split() else "")
    }
    out = []
    for m in mentions:
        parts = [normalize_name(p) for p in re.split(r"\s+(?:and|&)\s+", m.name)]
        if m.kind == "name" and len(parts) == 2 and all(p in people for p in parts):
            joint = re.search(r"\s+(?:and|&)\s+", m.name)
            for a, b in ((m.start, m.start + joint.start()), (m.start + joint.end(), m.end)):
                span = doc.char_span(a, b, alignment_mode="contract")
                if span is not None and len(span):
                    half = Mention(span.start, span.end, span.start_char, span.end_char, span.text)
                    half.votes["person"] += 3
                    out.append(half)
            continue
        out.append(m)
    return out


_GENERATIONAL = {"senior", "junior", "sr", "sr.", "jr", "jr.", "snr", "jnr", "ii", "iii", "iv"}


def _generational_suffixes(doc, mentions: list[Mention]) -> None:
    """ "Erik Lund Senior", "Erik Lund Jr.": the generation word belongs to the person's name."""
    for m in mentions:
        if (
            m.kind == "name"
            and m.j < len(doc)
            and doc[m.j].lower_ in _GENERATIONAL
            and m.j - m.i >= 2
            and doc[m.j].text[:1].isupper()
            and not m.votes["organization"] > m.votes["person"]
        ):
            end = doc[m.j]
            m.j, m.end = m.j + 1, end.idx + len(end.text.rstrip("."))
            m.name = doc.text[m.start : m.end]


def _words(name: str) -> set[str]:
    return {_SUFFIX_WORDS.get(w, w) for w in normalize_name(name).split()}


_BRACKET = re.compile(r"\s*\(\s*(?:the\s+)?[“\"]?(?P<short>[A-Z][^()“”\"\n]{0,60}?)[”\"]?\s*\)")


def _nickname(long: Mention, short: str, text: str, after: int) -> bool:
    """ "Mohammad Hamdan Daglo Mousa (Hemedti)": a person's bracketed one- or two-word name that the
    text goes on to use is the name it calls that person by, though none of its words are the name's."""
    return (
        long.best_type() == "person"
        and len(short.split()) <= 2
        and not load_gazetteer().is_place(short)
        and re.search(rf"\b{re.escape(short)}\b", text[after:]) is not None
    )


def _bracketed_short_forms(doc, text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Daniel Joseph Kinahan (Daniel)", "Capital Tap Holding L.L.C. (Capital Tap Holding)": a
    bracketed name right after a name, made of its words, is the same entity; returns new mentions."""
    by_start = {m.start: m for m in mentions if m.kind != "pronoun"}
    added = []
    for long in [m for m in mentions if m.kind == "name"]:
        hit = _BRACKET.match(text, long.end)
        if hit is None:
            continue
        words = _words(hit.group("short"))
        if not words or words == _words(long.name):
            continue
        if long.i > 0 and doc[long.i - 1].text == hit.group("short") and doc[long.i - 1].is_title:
            first = doc[long.i - 1]  # "for Algoney [Hamdan Daglo Musa] (Algoney)": the tagger left out a name
            long.i, long.start, long.name = first.i, first.idx, text[first.idx : long.end]
        elif not words <= _words(long.name) and not _nickname(long, hit.group("short"), text, hit.end()):
            continue
        short = by_start.get(hit.start("short"))
        if short is None:
            span = doc.char_span(hit.start("short"), hit.end("short"), alignment_mode="contract")
            if span is None or not len(span):
                continue
            short = Mention(span.start, span.end, span.start_char, span.end_char, span.text.rstrip("."))
            short.votes.update(long.votes)
            added.append(short)
        if short.same_as is None and short is not long:
            short.same_as = long
    return added


def _value_mention(doc, start: int, end: int, subject: Mention | None) -> Mention | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(t.is_alpha for t in span):
        return None
    value = span.text.strip().rstrip(".;,")
    if len(value.split()) > 8:
        return None
    m = Mention(span.start, span.end, span.start_char, span.end_char, invert_surname_first(value))
    m.votes[(subject.best_type() if subject is not None else None) or "person"] += 6
    return m


def structure_mentions(doc, mentions: list[Mention], clean: CleanText, lex: Lexicon) -> list[Mention]:
    """Mentions without headings, field values or non-entities, plus the identifier blocks' names."""
    fields = [(label, s, e) for label, s, e in clean.fields]
    inside = [(s, e) for _, s, e in fields] + list(clean.headings)
    labels = [(clean.text.rfind("\n", 0, s) + 1, s) for _, s, _ in fields]  # "Full name: " itself

    def covered(m: Mention) -> bool:
        return any(s <= m.start and m.end <= e for s, e in inside) or any(
            m.start < e and s < m.end for s, e in labels
        )

    kept = [
        m
        for m in mentions
        if m.kind == "pronoun"
        or (not covered(m) and not is_not_entity(m.name, lex) and not _dateline(clean.text, m))
    ]
    kept = _split_repeats(doc, kept)
    kept = _split_joined_people(doc, kept)
    kept += _untagged_surnames(doc, kept)
    _generational_suffixes(doc, kept)
    kept += _bracketed_short_forms(doc, clean.text, kept)
    link_alias_phrases(clean.text, kept)
    added: list[Mention] = []
    subject: Mention | None = None
    last_end = -1
    for label, s, e in fields:
        if label not in _SUBJECT_LABELS | set(lex.alias_labels):
            continue
        if subject is not None and clean.text[last_end:s].count("\n") > 2:
            subject = None  # a blank gap ends the block
        if subject is None or (label in _SUBJECT_LABELS and label not in lex.alias_labels):
            before = [m for m in kept if m.end <= s and m.kind == "name"]
            subject = before[-1] if label not in _SUBJECT_LABELS and before else None
        m = _value_mention(doc, s, e, subject)
        if m is None:
            continue
        if subject is None:
            subject = m
        else:
            m.same_as = subject
        added.append(m)
        last_end = e
    return sorted(kept + added, key=lambda m: (m.start, -m.end))
