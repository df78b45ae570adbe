"""What the recognition rules share: the generic words, how a name is written, where a sentence starts."""

from __future__ import annotations

import re
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from kg import names
from kg.catalogue import name_key, read_lines
from kg.lexicon import Lexicon

# Generic words and classes that are never entities (LLMs, transformers as a
# class of models, tasks …) live in data, not here.
GENERIC = read_lines("generic.txt")
GENERIC_KEYS = frozenset(name_key(g) for g in GENERIC)


@cache
def stop_words(lexicon: Lexicon | None = None) -> frozenset[str]:
    """spaCy's English stop words and the lexicon's extra ones (``stop_words_extra.txt``): no name opens with one."""
    return frozenset(STOP_WORDS) | (lexicon or Lexicon.load()).words("stop_words_extra")



# A name: starts with a capital or digit, may hold hyphens, dots and slashes
# between word characters, and up to four words ("Dolmino Mix 1124", "Dual Path Token Routing").
_WORD = r"[A-Z0-9][\w+]*(?:[.\-/][\w+]+)*"
_NAME = rf"(?P<name>{_WORD}(?: {_WORD}){{0,3}})"
def _inner_capital_or_digit(name: str) -> bool:
    """Written as a name, not a word: "Maze-Extreme", "GridLogic2", not "Table" or "Monday"."""
    return any(c.isupper() for c in name[1:]) or any(c.isdigit() for c in name)


def _name_like(name: str) -> bool:
    """A word group that reads as a name rather than prose."""
    words = name.split()
    if not words or len(words) > 4:
        return False
    first = words[0]
    if first.lower() in stop_words() or name_key(name) in GENERIC_KEYS or name_key(first) in GENERIC_KEYS:
        return False
    if len(name) < 2 or (len(words) == 1 and first.lower().endswith("ly") and first[1:].islower()):
        return False  # "Recently", "Secondly": sentence adverbs, not names
    if not any(c.isalpha() for c in name) or ("-" in first and _MEASURE.match(first)):
        return False  # "1.2-trillion-token": an amount
    if len(words) == 1 and _size_or_adjective(first):
        return False
    if len(words) == 1:
        inner_upper = any(c.isupper() for c in first[1:])
        return inner_upper or any(c.isdigit() for c in first) or "-" in first or first[0].isupper()
    return all(w[0].isupper() or w[0].isdigit() for w in words)


def _size_or_adjective(word: str) -> bool:
    """"4.5B", "50B+", "3D", "LLM-based": a size, a dimension or a hyphenated adjective, never a name alone."""
    head, dash, tail = word.rpartition("-")
    return (names.is_size(word.rstrip("+")) or re.fullmatch(r"\d+D", word) is not None
            or bool(dash and head and tail.lower() in Lexicon.load().words("adjective_hyphen_tails")))


def _trim_name(t: str, s: int, e: int) -> tuple[int, int]:
    """Keep the leading capitalised words of a matched name: "X for Y" keeps X."""
    words = t[s:e].split()
    keep = [words[0]]
    for w in words[1:]:
        if not (w[0].isupper() or w[0].isdigit()):
            break
        keep.append(w)
    name = " ".join(keep).rstrip(".-'")
    return s, s + len(name)



_ITEM = rf"{_WORD}(?: {_WORD}){{0,2}}"
# 350GB, 7B, 4k, 8K-sequence, 52-billion-parameter: amounts, not names
_MEASURE = re.compile(r"^\d+(?:\.\d+)?[A-Za-z]{0,3}(?:-[a-z]+)*$")
_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*/\s*)"
_LIST = rf"(?P<list>{_ITEM}(?:{_SEP}(?:the\s+)?{_ITEM}){{0,8}})"
def _sentence_initial(t: str, s: int) -> bool:
    before = t[max(0, s - 3):s].rstrip(" (\"'“")
    return not before or before[-1] in ".!?:\n" or (before[-1] == ")" and before[-2:-1].isdigit())

# a kind noun's own name right after it: "… benchmark (FernQuiz)", "… model, Zorva,", "… model Qwen2.5-Turbo"
NAMED_AFTER = re.compile(r"\s*(?:,\s*|\(\s*)[A-Z][\w\-.]*(?:\s+[\w\-.]+)?\s*[,)]| [A-Z][\w.\-]*(?: [\w.\-]*)?\d")

# lower-case "bench"/"eval" only after a capital, digit or hyphen: "BIG-bench", never "Retrieval" or "workbench"
_BENCH_SUFFIX = re.compile(r"(?:Bench|BENCH|Eval|EVAL|Arena|QA|(?<![a-z])(?:bench|eval))$")


def modifier_like(word: str, adjective_endings: tuple[str, ...]) -> bool:
    """Can this word open a three-word method name?  Hyphenated or adjective-shaped ("self-paced", "neural")."""
    return "-" in word or word.lower().endswith(adjective_endings)
