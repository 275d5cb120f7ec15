"""Names a document sets in bold are whole names.

Sanctions releases set each designee's name in bold, often glued to the words around it
(``Minister of the Interior**Yuriy Khadzymuratavich Kareau**(**Kareau**)``). Once the markup is
stripped the tagger may run such a name into its neighbours ("the Interior Yuriy ...") or cut
it in pieces ("Saw Htoo" and "Eh Moo"). A bold run shaped like a name (capitalised words, with
joining words such as "of", "al", "bin") is read as one name: mentions that cross its edges
give way, and pieces inside it become one mention that keeps their type votes.

>>> from orgmap.extract.markup import strip_markup
>>> from orgmap.extract.nlp import get_nlp
>>> from orgmap.extract.mentions import find_mentions
>>> clean = strip_markup("He named his two sons, **Saw Htoo Eh Moo **and **Saw Chit Chit**, as officers.")
>>> doc = get_nlp()(clean.text)
>>> [m.name for m in find_mentions(doc, emphasis=clean.emphasis) if m.kind == "name"]
['Saw Htoo Eh Moo', 'Saw Chit Chit']
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

from orgmap.extract.lexicon import Lexicon
from orgmap.extract.mention_span import Mention, make_mention
from orgmap.extract.mention_votes import org_word

__all__ = ["emphasised_names"]

_MAX_TOKENS = 12  # "Agape Ana Lund i Iva Lund s.p. Banja Luka"
_INNER_PUNCT = {"-", "'", "’", ".", "&"}  # "Al-Mohaimen", "Qa'ida", "S.A.", "M&S"


@dataclass(frozen=True)
class _LegalForms:
    """The company suffixes' words, read once per document: ``forms`` the one-word suffixes
    ("d.o.o.", "s.p.", "llc"), ``words`` every word of any suffix ("de", "c.v."), without a final dot."""

    forms: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, lex: Lexicon) -> _LegalForms:
        return cls(
            frozenset(f.rstrip(".") for f in lex.company_suffixes if " " not in f),
            frozenset(w.rstrip(".") for f in lex.company_suffixes for w in f.split()),
        )

    def at(self, doc, i: int, j: int) -> int | None:
        """Where a lower-case company form ("d.o.o.", "s.p.") stands inside tokens (i, j), if anywhere."""
        return next(
            (k for k in range(i + 1, j) if doc[k].text.islower() and doc[k].lower_.rstrip(".") in self.forms),
            None,
        )


def _name_like(span, lex: Lexicon, legal: _LegalForms, form: int | None) -> bool:
    """Whether every word is capitalised, a number, a joining word or inner punctuation, and the
    run starts and ends with a capitalised word ("Abd al-Rahman Ghanimat", not "Source:"); a
    company's name with its legal form (at token ``form``) may hold any word ("Agape Ana i Iva
    Lund s.p. Banja Luka")."""
    words = [t for t in span if not (t.is_punct and t.text in _INNER_PUNCT)]
    if len(words) < 2 or not (span[0].is_title or span[0].is_upper) or not (span[-1].text[:1].isupper()):
        return False
    if form is not None:
        return not any(t.is_punct and t.text not in _INNER_PUNCT for t in span)
    return all(
        t.text[:1].isupper()
        or t.like_num
        or t.lower_ in lex.name_joining_words
        or t.lower_.rstrip(".") in legal.words
        for t in words
    )


def _joined(pieces: list[Mention], doc) -> bool:
    """Whether "and", "&" or a comma stands between two of the pieces ("Kobe Yamaguchi-gumi and Yamaken-gumi")."""
    pieces = sorted(pieces, key=lambda m: m.i)
    return any(t.lower_ in {"and", "&", ","} for a, b in itertools.pairwise(pieces) for t in doc[a.j : b.i])


def _mend_inside(doc, i: int, j: int, inside: list[Mention], common: set[str]) -> bool:
    """Whether the mentions inside bold tokens [i, j) cut one name: several pieces not joined by
    "and", or part of the run with the rest no common word ("Zhao Wei TCO Leadership" is a
    heading about a name; "Saw Htoo Eh Moo" is one name). A run the tagger found nothing in
    is a name only inside a sentence (a bold line of its own is a heading)."""
    if len(inside) >= 2:
        return not _joined(inside, doc)
    if inside and (inside[0].i, inside[0].j) == (i, j):
        return False
    covered = {k for m in inside for k in range(m.i, m.j)}
    if any(doc[k].lower_ in common for k in range(i, j) if k not in covered):
        return False
    line_start = i == 0 or "\n" in doc[i - 1].whitespace_ + doc[i - 1].text
    line_end = j >= len(doc) or "\n" in doc[j - 1].whitespace_ + doc[j].text
    return bool(inside) or not (line_start and line_end)


def emphasised_names(doc, names: list[Mention], spans: list[tuple[int, int]], lex: Lexicon) -> list[Mention]:
    """``names`` with every bold name run (``spans``: character offsets) read as one mention."""
    common = lex.org_nouns | lex.collective_nouns | lex.function_nouns | set(lex.list_heads)
    common |= lex.title_words  # "Leadership", "Companies", "Minister"
    legal = _LegalForms.of(lex)
    for start, end in spans:
        run = doc.char_span(start, end, alignment_mode="expand")
        if run is None or len(run) > _MAX_TOKENS:
            continue
        form = legal.at(doc, run.start, run.end)
        if not _name_like(run, lex, legal, form):
            continue
        i, j = run.start, run.end
        crossing = [m for m in names if m.i < j and m.j > i and not (i <= m.i and m.j <= j)]
        inside = [m for m in names if i <= m.i and m.j <= j and m.kind == "name"]
        if not crossing and not _mend_inside(doc, i, j, inside, common):
            continue
        whole = make_mention(doc, i, j, lex)
        if whole is None or (whole.i, whole.j) != (i, j):
            continue  # a title or an article in bold: leave it to the tagger's reading
        votes: Counter = Counter()
        for m in inside:  # (a name crossing the edge was read over other words: its type is no vote)
            votes.update(m.votes)
        whole.aliases = [a for m in inside for a in m.aliases if a != whole.name]
        whole.votes = votes
        if form is not None:  # "Global Liberty d.o.o. Laktasi": a company with its seat after the form
            whole.votes["organization"] += 6
            whole.aliases.append(doc[i:form].text)
        elif not votes and not any(org_word(t, lex) for t in run):
            whole.votes["person"] += 1  # a bold name no reading typed, with no body's word: a designee
        gone = {id(m) for m in crossing + inside}
        names = [m for m in names if id(m) not in gone] + [whole]
    return sorted(names, key=lambda m: (m.i, -m.j))
