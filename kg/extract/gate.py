"""A conservative gate before the recognition rules: a text in which no rule can start a name skips them all.

Most of a million tiny records ("Paper number 7", "We study things.") hold no
name, and running every rule to learn that costs ~200 µs a paper.  The gate
passes (nothing can be found) only for a text of plain words, and only when:

* its characters are letters, digits, spaces, line breaks, ``.`` and ``,``
  (no hyphen, slash, quote, parenthesis, colon: what compounds, sizes, quoted
  coinages, acronym definitions and ``X: …`` titles need);
* every word is lower case, or a number standing alone, or a capital and
  then lower case at a sentence's start (a name shape needs a capital
  inside a sentence, a capital after the first letter, or a digit in a word;
  a run of capitalised words needs two side by side);
* such a capitalised opener is a stop word (no name opens with one, the
  rules' own list) or a word the text holds only once: a title's first word
  that opens a sentence of the abstract too ("Tokenisation …\nTokenisation is
  …") may be the paper's proposal;
* no run of its words spells a key of the catalogue's index (what the
  known-name rule looks up, read from the catalogue itself);
* no word is a method-phrase head (what the open-vocabulary phrase rule needs,
  read from the lexicon's own list).

Everything else runs the rules as before.  ``tests/test_extract_gate.py`` checks
on the seeds, recent-papers, SciREX and texts made from their sentences that
the rules find nothing wherever the gate passes.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from kg.catalogue import Catalogue
from kg.extract.rules.common import stop_words
from kg.lexicon import Lexicon

_PLAIN = re.compile(r"[A-Za-z0-9 .,\n]*")
_WORD = re.compile(r"[A-Za-z0-9]+")
_NUMBER_PART = re.compile(r"\d[.,]\d")  # "3.5", "1,000": a score or a figure, left to the rules
_INITIAL = re.compile(r"[A-Z][a-z]*")

@cache
def _words(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The method-phrase heads in lower case, singular and plural, and the rules' stop words."""
    heads = {h.lower() for h in lexicon.words("method_phrase_heads")}
    return frozenset(heads | {h + "s" for h in heads}), stop_words(lexicon)


def nothing_to_find(text: str, catalogue: Catalogue, lexicon: Lexicon) -> bool:
    """True only when no recognition rule can find a name in ``text`` (title, line break, abstract)."""
    if not _PLAIN.fullmatch(text) or _NUMBER_PART.search(text):
        return False
    words, openers = [], []
    for m in _WORD.finditer(text):
        w = m.group()
        if not w.islower() and not w.isdigit():
            if not (w.isalpha() and _INITIAL.fullmatch(w) and _sentence_start(text, m.start())):
                return False
            w = w.lower()
            openers.append(w)
        elif not w.isalpha() and not w.isdigit():  # "gpt4": a digit inside a word
            return False
        words.append(w)
    heads, stop = _words(lexicon)
    if not heads.isdisjoint(words):
        return False
    named = set(openers) - stop
    if named:
        counts = Counter(words)
        if any(counts[o] > 1 for o in named):
            return False
    return not _spells_a_known_key(words, catalogue)


def _sentence_start(text: str, i: int) -> bool:
    """The text's start, a line's start, or after ``. ``."""
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    return j < 0 or text[j] in "\n."


def _spells_a_known_key(words: list[str], catalogue: Catalogue) -> bool:
    """Some run of consecutive words, keys joined, is a key of the index (whatever separates the words)."""
    prefixes, index = catalogue.prefixes, catalogue.index
    for i in range(len(words)):
        key = ""
        for w in words[i:]:
            key += w
            if key in index:
                return True
            if key not in prefixes:
                break
    return False
