"""Open-vocabulary method phrases: "active learning", "low-rank approximation", "Adaptive Spectral Gate".

A named technique is often written in lower case, which none of the
name-shaped recognisers see; and a paper's own components are often written
in Title Case without an acronym ("a Spectral Mixing Block governed by an
Adaptive Spectral Gate"), which they do not take either.  This recogniser proposes every two- or
three-word phrase ending in a method head noun (``kg/data/lexicon/method_phrase_heads.txt``)
whose first word is not a stop word or a describing word
(``kg/data/lexicon/method_phrase_modifiers_not.txt``).  It over-generates on purpose:
the learned decider keeps a phrase only when its words and context look like
a technique the paper names (rule ``method-phrase``, low confidence).
:func:`capitalised_phrases` proposes runs of two or more capitalised words
in the abstract the same way (rule ``capitalised-phrase``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from kg.catalogue import name_key
from kg.extract.alternation import longest_first
from kg.extract.cues.patterns import Cues
from kg.extract.engine import rule
from kg.extract.rules.coined import coined_names
from kg.extract.rules.common import GENERIC_KEYS, modifier_like
from kg.extract.sentences import sentence_starts
from kg.extract.rules.ids import CAPITALISED_PHRASE, METHOD_PHRASE
from kg.extract.text import Coverage, Page, Text, spans, strictly_within
from kg.extract.types import Candidate
from kg.lexicon import Lexicon
from kg.model import EntityType
from kg.extract.uncased import compile_ignorecase

_WORD = r"[a-z][a-z]+(?:-[a-z]+)*"


def _head(lexicon: Lexicon) -> str:
    """A method head noun, its plural -s and what may follow it."""
    alternation = longest_first(lexicon.words("method_phrase_heads"))
    suffixes = "|".join(re.escape(w) for w in sorted(lexicon.words("method_phrase_suffixes")))
    end = rf"(?![\w\-])|(?=-(?:{suffixes})(?![\w\-]))" if suffixes else r"(?![\w\-])"
    return rf"(?P<head>{alternation})s?(?:{end})"


@cache
def _pattern(lexicon: Lexicon) -> re.Pattern[str]:
    return compile_ignorecase(rf"(?<![\w\-])(?P<mods>(?:{_WORD} ){{1,2}}){_head(lexicon)}")


@cache
def _space_before_head(lexicon: Lexicon) -> re.Pattern[str]:
    """A space with a head right after it: opens on a literal, which ``re`` finds without trying each position."""
    return compile_ignorecase(rf" (?={_head(lexicon)})")


def _word_start(t: str, end: int) -> int:
    """Where the run of letters and hyphens that ends at ``end`` begins."""
    i = end
    while i > 0 and (t[i - 1].isalpha() or t[i - 1] == "-"):
        i -= 1
    return i


def _phrase_matches(t: str, lexicon: Lexicon) -> Iterator[re.Match[str]]:
    """``_pattern(lexicon).finditer(t)``, tried only where a match can start: one or two words before a head.

    A match's words are whole runs of letters and hyphens (a run's inner positions follow a letter or a
    hyphen, which the pattern's look-behind refuses) joined by single spaces, and its head follows a space;
    so each head found after a space gives at most two starts, tried in text order as ``finditer`` would.
    """
    starts = set()
    for m in _space_before_head(lexicon).finditer(t):
        one = _word_start(t, m.start())
        starts.add(one)
        if one > 0 and t[one - 1] == " ":
            starts.add(_word_start(t, one - 1))
    pattern, pos = _pattern(lexicon), 0
    for start in sorted(starts):
        if start >= pos:
            m = pattern.match(t, start)
            if m:
                yield m
                pos = m.end()


def _excluded(lexicon: Lexicon) -> frozenset[str]:
    return lexicon.words("method_phrase_modifiers_not")


@cache
def _not_opening(lexicon: Lexicon) -> frozenset[str]:
    """Words a lower-case method phrase never opens with: describing words and verbs ("propose training")."""
    return _excluded(lexicon) | lexicon.words("method_phrase_verbs")


def _adverb(word: str, lexicon: Lexicon) -> bool:
    """"iteratively", "jointly": before a method head an adverb modifies a verb ("iteratively denoising")."""
    return "-" not in word and word.lower().endswith(tuple(lexicon.lines("adverb_endings")))


def method_phrases(text: Text, taken: list[tuple[int, int]], title_end: int,
                   lexicon: Lexicon | None = None) -> list[Candidate]:
    """Candidate techniques written as lower-case phrases (Title Case in the title); ``None``: the shipped lexicon."""
    lexicon = lexicon or Lexicon.load()
    t = text.text
    covered = Coverage(taken)
    excluded = _not_opening(lexicon)
    adjective_endings = lexicon.lines("adjective_endings")
    out: list[Candidate] = []
    for m in _phrase_matches(t, lexicon):
        s, e = m.span()
        words = m.group("mods").split()
        while words and (words[0].lower() in STOP_WORDS or words[0].lower() in excluded):
            s += len(words[0]) + 1
            words = words[1:]
        if len(words) == 2 and not modifier_like(words[0], adjective_endings):
            s += len(words[0]) + 1  # "combine active learning": a verb is no part of the name
            words = words[1:]
            if words[0].lower() in excluded:  # "reach high inference": the word left describes too
                continue
        if not words or any(w.lower() in STOP_WORDS for w in words) or (len(words) == 1 and _adverb(words[0], lexicon)):
            continue
        phrase = t[s:e]
        in_title = s < title_end
        if not in_title and not phrase.islower():
            continue  # capitalised outside the title: the name recognisers' business
        if covered.hits(s, e) or name_key(phrase) in GENERIC_KEYS:
            continue
        out.append(Candidate(start=s, end=e, text=phrase, type=EntityType.TECHNIQUE,
                             rule=METHOD_PHRASE, confidence=0.4))
    return out


@rule(METHOD_PHRASE, stage="phrases", rank=12, confidence=0.4,
      finds="a lower-case method phrase (active learning); only where the learned decider filters them")
def find_method_phrases(page: Page, found: list[Candidate]) -> list[Candidate]:
    return method_phrases(page.text, _taken(found), page.title_end, page.vocab.lexicon)


def _taken(found: list[Candidate]) -> list[tuple[int, int]]:
    """The spans of the names found, and of the long forms their acronyms were defined by: words of a name already.

    The long form of an open acronym (one left to the decider) stays open: its capitalised run is
    judged as one, as the paper's own part or not, and joins the acronym as its alias.
    """
    return spans(found) + [c.long_span for c in found if c.long_span and c.rule not in (METHOD_PHRASE, CAPITALISED_PHRASE)]


_CAP_REST = r"[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"  # a capitalised word after its capital
_CAP = r"[A-Z]" + _CAP_REST


@cache
def _run_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    tails = "|".join(re.escape(w) for w in sorted(lexicon.words("phrase_tail_nouns")))
    tail = rf"(?: (?:{tails}))?" if tails else ""
    # "(?<![\w\-.])[A-Z]" written "[A-Z](?<![\w\-.].)": the same matches, but opening on a character class, so
    # ``re`` skips to the next capital in C instead of trying the look-behind at every position
    return re.compile(rf"[A-Z](?<![\w\-.].){_CAP_REST}(?:(?: | of ){_CAP}){{1,5}}{tail}(?![\w\-])")


def _adjective(word: str, tails: frozenset[str]) -> bool:
    """"Margin-based", "Context-aware": a hyphenated adjective, no name."""
    head, dash, tail = word.rpartition("-")
    return bool(dash and head) and tail.lower() in tails


def _trim_run(t: str, s: int, words: list[str], lexicon: Lexicon) -> tuple[int, list[str]]:
    """Drop the words before the name: stop words, describing words, adjectives, a sentence's opening verb.

    A hyphenated adjective written in Title Case before two capitalised words more is a part of the name.
    """
    excluded, tails = _excluded(lexicon), lexicon.words("adjective_hyphen_tails")
    while words:
        w = words[0]
        opening_verb = w.endswith("ing") and (s == 0 or t[:s].rstrip(" ").endswith((".", "\n", ":")))
        named_part = w.rpartition("-")[2][:1].isupper() and len(words) > 2  # "Feedback-Centric Data Engine"
        if not (w.lower() in STOP_WORDS or w.lower() in excluded or opening_verb
                or (_adjective(w, tails) and not (named_part or _title_case_adjective(t, s, w, len(words))))):
            break
        s += len(w) + 1
        words = words[1:]
    return s, words


def _title_case_adjective(t: str, s: int, word: str, n: int) -> bool:
    """"built from Cross-scale Pooling Heads", "a Drift-Aware Re-ranking step": a hyphenated adjective
    whose first word is capitalised in mid-sentence is written as a part of the name after it.  Not an acronym's
    ("LR-conditioned"), and not at a sentence's start, where any word has a capital; with one word after it, only
    when its tail is capitalised too."""
    head, _, tail = word.rpartition("-")
    first = head.split("-")[0]
    if not (len(first) > 1 and first[0].isupper() and first[1:].islower() and (n > 2 or tail[:1].isupper())):
        return False
    return s > 0 and not t[:s].rstrip(" ").endswith((".", "\n", ":", "!", "?"))  # mid-sentence


def capitalised_phrases(text: Text, taken: list[tuple[int, int]], title_end: int,
                        lexicon: Lexicon | None = None, found: Sequence[Candidate] = ()) -> list[Candidate]:
    """Candidate techniques written as runs of capitalised words in the abstract ("Banded Repulsion Loss").

    Leading stop words and describing words are no part of the name ("The",
    "Novel"); a run ending in an adjective ("Margin-based") is none, nor one
    headed by a task or measure ("… Text Recognition", "… Error"), nor one naming an institution
    ("Municipality of Amsterdam", ``institution_words``); one headed
    by a noun of another type ("… Language Models", "… Benchmark") is left to
    the rules that type it.  A run around known techniques of ``found`` (and nothing else taken) is
    proposed as a wrapping name: both it and the techniques inside stay candidates.
    """
    from kg.extract.rules.vocab import vocab

    lexicon = lexicon or Lexicon.load()
    v = vocab(lexicon)
    t = text.text
    covered = Coverage(taken)
    tails, institutions = lexicon.words("adjective_hyphen_tails"), lexicon.words("institution_words")
    out: list[Candidate] = []
    for m in _run_pattern(lexicon).finditer(t, title_end):
        s, words = _trim_run(t, m.start(), m.group().split(" "), lexicon)
        e = m.end()
        if len(words) < 2 or words[-1] == "of" or _adjective(words[-1], tails) \
                or not any(ch.islower() for ch in "".join(words)) or any(w.lower() in institutions for w in words):
            continue
        head = words[-1].lower()
        heads = (head, head[:-1]) if head.endswith("s") else (head,)
        if any(h in v.not_method_heads for h in heads) or v.head_type(list(heads)) not in (None, EntityType.TECHNIQUE):
            continue
        phrase = t[s:e]
        wraps = covered.hits(s, e)
        if (wraps and not _wraps_techniques(t, s, e, found, taken)) or name_key(phrase) in GENERIC_KEYS:
            continue
        out.append(Candidate(start=s, end=e, text=phrase, type=EntityType.TECHNIQUE,
                             rule=CAPITALISED_PHRASE, confidence=0.4, wraps=wraps))
    return out


def title_run(text: Text, taken: list[tuple[int, int]], title_end: int, found: Sequence[Candidate],
              lexicon: Lexicon) -> list[Candidate]:
    """The capitalised method phrase a plain title opens with ("Adaptive Echo-Aware Pruning for …"), for the decider.

    Only a phrase ending in a method head noun, and never one that crosses a name or is one.  A title
    opening with a method names the paper's own: the phrase is proposed (the decider may still drop it).
    """
    from kg.extract.rules.titles import any_method_heads, title_phrase_span

    t = text.text
    span = title_phrase_span(t[:title_end], any_method_heads(lexicon), lexicon)
    if not span or name_key(t[span[0]:span[1]]) in GENERIC_KEYS:
        return []
    s, e = span
    wraps = Coverage(taken).hits(s, e)
    if wraps and not _wraps_techniques(t, s, e, found, taken):
        return []
    return [Candidate(start=s, end=e, text=t[s:e], type=EntityType.TECHNIQUE, rule=CAPITALISED_PHRASE,
                      confidence=0.4, wraps=wraps, proposed=True)]


def _wraps_techniques(t: str, s: int, e: int, found: Sequence[Candidate], taken: list[tuple[int, int]]) -> bool:
    """Does the run hold known techniques and more capitalised words around them?  ("Two-Phase Knowledge
    Distillation", "Personalized PageRank"): a name built on a known one, which the known one does not name.

    Every name the run overlaps must lie inside it, be a technique, and leave a capitalised word outside it.
    """
    if not strictly_within(taken, s, e):
        return False
    inside = [c for c in found if c.start < e and s < c.end]
    if not inside or any(c.start < s or c.end > e or c.type != EntityType.TECHNIQUE for c in inside):
        return False
    if all(c.rule in (METHOD_PHRASE, CAPITALISED_PHRASE) for c in inside):
        return True  # open phrases inside ("Dynamic Loss", "Sample Reweighting") give way to the whole name
    rest = list(t[s:e])
    for c in inside:
        rest[c.start - s:c.end - s] = " " * (c.end - c.start)
    return any(w[:1].isupper() for w in "".join(rest).split())


def _own_parts(t: str, cands: list[Candidate], found: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """The capitalised names first written where the paper speaks of its own work, as proposed parts.

    Elsewhere a capitalised run is as often a field, a task or an institution
    as a method, too often to be worth proposing.
    """
    from kg.extract.relations import sentence_facts

    starts = [0, *sentence_starts(t), len(t)]
    proposed = [n for c in found if c.proposed for n in (c.text, *c.aliases) if len(n) > 2]
    drawn_on = Cues.of(lexicon).DRAWN_ON_BEFORE
    own: dict[str, bool] = {}
    used: dict[str, bool] = {}
    for c in cands:
        key = name_key(c.text)
        if key not in own:
            k = bisect_right(starts, c.start)
            sentence = t[starts[k - 1]:starts[k]]
            ours, background, _, related = sentence_facts(sentence, lexicon)
            own[key] = (ours or any(n in sentence for n in proposed)) and not background and not related
            # "inspired by the X, our method …", "our method uses denoisers such as A and B": drawn on, not new
            used[key] = own[key] and drawn_on.search(t[starts[k - 1]:c.start]) is not None
    # the paper's own are proposed; a run wrapping known techniques stays either way, for the decider
    return [replace(c, proposed=True) if own[name_key(c.text)] and not used[name_key(c.text)] else c
            for c in cands if own[name_key(c.text)] or c.wraps]


@rule(CAPITALISED_PHRASE, stage="phrases", rank=13, confidence=0.4,
      finds="a run of capitalised words in the abstract (Adaptive Spectral Gate); only where the learned decider filters them")
def find_capitalised_phrases(page: Page, found: list[Candidate]) -> list[Candidate]:
    taken = _taken(found)
    got = capitalised_phrases(page.text, taken, page.title_end, page.vocab.lexicon, found)
    runs = _own_parts(page.text.text, got, found, page.vocab.lexicon) if got else got
    runs += title_run(page.text, taken, page.title_end, found, page.vocab.lexicon)
    return runs + coined_names(page.text, taken + spans(runs), page.title_end, page.vocab, found)
