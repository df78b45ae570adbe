"""Names in enumerations: ``listed`` ("models such as X, Y and Z"), ``list-mate`` (a new name coordinated
with known ones of one type) and ``score-on`` (a new name where a score is reported on it)."""

from __future__ import annotations

import re
from functools import cache

from kg import names
from kg.catalogue import name_key
from kg.extract.rules.common import (_ITEM, _LIST, _MEASURE, _SEP, _WORD, GENERIC_KEYS, NAMED_AFTER,
                                     _inner_capital_or_digit, _name_like, _sentence_initial, _trim_name)
from kg.extract.rules.patterns import ContextPatterns, context_patterns
from kg.extract.rules.vocab import Vocab
from kg.extract.engine import rule
from kg.extract.rules.ids import LISTED, LIST_MATE, SCORE_ON
from kg.extract.rules.kinds import apposition_type
from kg.extract.text import Coverage, Page, Text, spans
from kg.extract.types import Candidate
from kg.lexicon import Lexicon
from kg.model import EntityType
from kg.extract.uncased import compile_ignorecase, compile_opening

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE



_NOUN_BEFORE = re.compile(r"(?P<noun>(?:[\w\-]+\s+){0,2}?[\w\-]+)\s*,?\s*\(?\s*$")
_LIST_AT = re.compile(_LIST)
_LIST_BEFORE = re.compile(_LIST + r"\s+$")
@cache
def _counted(lexicon: Lexicon) -> re.Pattern[str]:
    """"three public datasets, A, B and C", "four benchmarks (A, B, C and D)": a counted plural noun, then its items."""
    counts = lexicon.alternation("count_words")
    return compile_ignorecase(rf"\b(?:{counts}|\d+)\s+(?P<noun>(?:[\w\-]+\s+){{0,2}}?(?:benchmarks|datasets|corpora|models|LLMs))"
                              r"\s*(?:,|\(|:)\s*(?=[A-Z0-9])")


def _list_type(v: Vocab, noun_words: list[str], sentence: str) -> EntityType | None:
    ty = v.head_type(list(reversed(noun_words)))
    if ty == D and context_patterns(v.lexicon).result_words.search(sentence):
        return B  # datasets named where results are reported are benchmarks
    if ty in (M, B, D, T):
        return ty
    return None


def _enumerations(cp: ContextPatterns, t: str, start: int, lexicon: Lexicon):
    """(kind, noun, list start, list end, where) of each "N such as A, B and C", "two N, A and B" and "A and B N"."""
    for m in cp.connector.finditer(t, start):
        if not t[m.end():m.end() + 1].isupper() and not t[m.end():m.end() + 1].isdigit():
            continue  # a list of names starts with one
        before = _NOUN_BEFORE.search(t[max(start, m.start() - 40):m.start()])
        lst = _LIST_AT.match(t, m.end())
        if before and lst:
            yield "intro", before.group("noun"), lst.start(), lst.end(), m.start()
    for m in _counted(lexicon).finditer(t, start):
        lst = _LIST_AT.match(t, m.end())
        if lst and _SEP_AT.search(t, lst.start(), lst.end()):  # two items at least
            yield "intro", m.group("noun"), lst.start(), lst.end(), m.start()
    for m in cp.list_noun.finditer(t, start):
        word_start = t.rfind(" ", start, max(start, m.start() - 1)) + 1
        if not (t[word_start:word_start + 1].isupper() or t[word_start:word_start + 1].isdigit()):
            continue  # "language models": no name just before the noun
        if NAMED_AFTER.match(t, m.end()):
            continue  # "a unified Audio-Text-Motion-Action model, Zorva,": the words before describe Zorva
        window_start = max(start, m.start() - 120)
        lst = _LIST_BEFORE.search(t, window_start, m.start())
        if lst:
            yield "trailing", m.group(), lst.start("list"), lst.end("list"), m.start()



def listed_names(text: Text, taken: list[tuple[int, int]], v: Vocab, start: int = 0) -> list[Candidate]:
    """New names in an enumeration typed by its noun: "models such as X, Y and Z", "the A and B datasets".

    Only text from ``start`` on is read: a title's Title Case would read as names.
    """
    t = text.text
    covered = Coverage(taken)
    out: list[Candidate] = []
    for kind, noun, ls, le, at in _enumerations(context_patterns(v.lexicon), t, start, v.lexicon):
        sent_start = max(t.rfind(". ", 0, at) + 2, 0)
        sent_end = t.find(". ", at)
        sentence = t[sent_start:sent_end if sent_end > 0 else len(t)]
        ty = _list_type(v, noun.split(), sentence)
        if ty is None:
            continue
        for item in re.finditer(_ITEM, t[ls:le]):
            s, e = _trim_name(t, ls + item.start(), ls + item.end())
            lead = _MEASURE.match(t[s:e].split(" ", 1)[0])
            if lead and " " in t[s:e]:  # "7M Leaner-Instruct": the amount is not part of the name
                s += lead.end() + 1
            name = t[s:e]
            if (covered.hits(s, e) or not _name_like(name) or name_key(name) in GENERIC_KEYS
                    or _MEASURE.match(name)):
                continue
            if names.is_attributive(names.parts(name)[-1]):
                continue  # "JEPA-based models": the base is named elsewhere
            plain = not _inner_capital_or_digit(name)
            named_kind = noun.split()[-1].lower() in ("datasets", "benchmarks", "corpora", "models", "llms")
            if plain and (_sentence_initial(t, s) or (kind == "intro" and ty != M and not named_kind)):
                continue  # a lone capitalised word is too often prose
            # an item described on its own ("featuring: X, a curated dataset; Y, a benchmark") is what that says
            out.append(Candidate(s, e, name, apposition_type(v, t, e) or ty, LISTED, 0.65))
            covered.add(s, e)
    return out


_LIST_RUN = re.compile(_LIST)
_ON_BEFORE = compile_opening(r"\b(?:on|using)\s+(?:the\s+)?$")
_SEP_AT = re.compile(_SEP)


def list_mates(text: Text, found: list[Candidate], start: int = 0) -> list[Candidate]:
    """New names coordinated with known ones of one type: "on GSM8K, MATH and Foo-Hard" makes Foo-Hard a benchmark.

    Only in lists of three or more where at least two items are known (one, after
    "on" or "using", except techniques), all of one type, and only items
    written as names (an inner capital or a digit): "on GSM8K, MATH and Table" stays prose.
    """
    t = text.text
    out: list[Candidate] = []
    for m in _LIST_RUN.finditer(t, start):
        ls, le = m.span("list")
        bounds = [ls] + [x for sep in _SEP_AT.finditer(t, ls, le) for x in sep.span()] + [le]
        segments = [(a + 4 if t.startswith("the ", a) else a, b) for a, b in zip(bounds[::2], bounds[1::2])]
        on_before = bool(_ON_BEFORE.search(t, max(0, ls - 8), ls))
        pair = (len(segments) == 2 and on_before
                and re.search(r"\b(?:and|or)\b", t[bounds[1]:bounds[2]]) is not None)
        if len(segments) < 3 and not pair:
            continue  # two items only after "on"/"using" and joined by and/or: "on PRM800K and Math-Shepherd"
        known, unknown = [], []
        for s, e in segments:
            inside = [c for c in found if c.start < e and s < c.end]
            if not inside:
                unknown.append((s, e))
            elif len(inside) == 1 and s <= inside[0].start and inside[0].end <= e:
                known.append(inside[0].type)
            else:
                known.append(None)
        # after "on"/"using" the items are the data a result is reported on: one known item types the rest
        if (len(known) < (1 if len(segments) == 2 or on_before else 2) or len(set(known)) != 1
                or known[0] not in (B, D, M, T) or len(unknown) > len(known) + on_before
                or (known[0] == T and len(known) < 2)):
            continue
        for s, e in unknown:
            name = t[s:e]
            if (_inner_capital_or_digit(name) and _name_like(name) and name_key(name) not in GENERIC_KEYS
                    and not _MEASURE.match(name)):
                out.append(Candidate(s, e, name, known[0], LIST_MATE, 0.6))
    return out


# "45% on Sudoku-Extreme", "accuracy on MedCalc-Bench", "pass@1 on CodeArena-X": where a score is reported.
# Found from each "on <Name>", then the score looked for just before it (one pass of a cheap pattern).
_ON_NAME = compile_opening(r"\bon\s+(?:the\s+)?(?:challenging\s+|popular\s+|recent\s+)?(?P<name>" + _WORD + r")")
def scored_names(text: Text, taken: list[tuple[int, int]], v: Vocab, start: int = 0) -> list[Candidate]:
    """A new name written as one (inner capital, digit) right where a score is reported on it: a benchmark."""
    t = text.text
    covered = Coverage(taken)
    out = []
    score_before = context_patterns(v.lexicon).score_before
    for m in _ON_NAME.finditer(t, start):
        if not score_before.search(t, max(0, m.start() - 40), m.start()):
            continue
        s, e = m.span("name")
        name = t[s:e]
        if (covered.hits(s, e) or not _inner_capital_or_digit(name) or not _name_like(name) or _MEASURE.match(name)
                or name_key(name) in GENERIC_KEYS or names.is_size(name)):
            continue
        out.append(Candidate(s, e, name, B, SCORE_ON, 0.6))
        covered.add(s, e)
    return out


@rule(LISTED, stage="context", rank=6, confidence=0.65, new=True,
      finds="new names in an enumeration typed by its noun (models such as X, Y and Z)")
def find_listed(page: Page, found: list[Candidate]) -> list[Candidate]:
    return listed_names(page.text, spans(found), page.vocab, page.title_end)


@rule(LIST_MATE, stage="context", rank=9, confidence=0.6, new=True,
      finds="a new name coordinated with known ones of one type (on GSM8K, MATH and Foo-Hard)")
def find_list_mates(page: Page, found: list[Candidate]) -> list[Candidate]:
    return list_mates(page.text, found, page.title_end)


@rule(SCORE_ON, stage="context", rank=8, confidence=0.6, new=True,
      finds="a new name right where a score is reported on it (45% on Foo-Hard): a benchmark")
def find_scored(page: Page, found: list[Candidate]) -> list[Candidate]:
    return scored_names(page.text, spans(found), page.vocab, page.title_end)
