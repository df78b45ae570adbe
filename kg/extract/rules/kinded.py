"""A named kind of a known technique: a classifying word written right before it.

ML names a more specific method by putting what it rests on before a known one:
"latency-aware NAS", "magnitude-based pruning", "uncertainty-weighted distillation"
(``kg/data/lexicon/kind_hyphen_tails.txt``), or the dimension or bit width it works in:
"3D CNN", "4-bit quantization", "1.58-bit quantization".  The annotation takes the most specific form
written, so the whole phrase is proposed as a wrapping name: the known technique
stays a candidate of its own, and is dropped only when the paper never writes it
alone (:func:`kg.extract.pipeline._outside_wrapping_names`).

A hyphenated word that only describes ("parameter-efficient", "training-free") is no
kind; nor is the second half of a longer modifier ("road graph-based routing",
"policy gradient-based pruning"): there the word before it belongs to the modifier.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from kg.catalogue import Catalogue
from kg.extract.engine import rule
from kg.extract.rules.ids import CATALOGUE_RULES, KINDED
from kg.extract.text import Page
from kg.extract.types import Candidate
from kg.lexicon import Lexicon
from kg.model import EntityType

_DIMENSION = r"\d{1,2}(?:\.\d{1,2})?(?:D|-bit)"  # "3D", "4-bit", "1.58-bit": never half a longer modifier


@cache
def _modifier(lexicon: Lexicon) -> re.Pattern[str]:
    """The word right before a name: ``kind`` a hyphenated word with a kind tail, or a dimension; and the word before."""
    tails = lexicon.alternation("kind_hyphen_tails")
    word = rf"(?:[A-Za-z][a-z]+-)+(?:{tails})|{_DIMENSION}"
    return re.compile(rf"(?:(?P<before>[\w\-]+)(?P<gap>[^\w\-]{{0,3}}))?(?<![\w\-])(?<!\d[.,])(?P<kind>{word}) $", re.IGNORECASE)


@cache
def _free_before(lexicon: Lexicon) -> frozenset[str]:
    """Words after which a hyphenated word starts its own modifier: describing words and verbs ("adopt", "use")."""
    return (lexicon.words("method_phrase_modifiers_not") | lexicon.words("method_phrase_verbs")
            | lexicon.words("method_phrase_use_before"))


def _no_kind(m: re.Match[str], catalogue: Catalogue, lexicon: Lexicon) -> bool:
    """Is the word before the kind the first half of one modifier ("road graph-based", "melody model-based"), or
    is the kind's first half a known technique ("LoRA-based")?

    It is when nothing but a space stands between and it is a plain lower-case word that is no stop word,
    describing word or verb, or when the two make a known name ("policy gradient-based").
    """
    before, kind = m.group("before"), m.group("kind")
    if kind[0].isdigit():
        return False
    known = catalogue.lookup(kind.rpartition("-")[0])
    if known is not None and known.type == EntityType.TECHNIQUE:
        return True  # "LoRA-based distillation": two techniques combined, no kind of the second
    if not before or m.group("gap") != " ":
        return False
    word = before.lower()
    if catalogue.lookup(f"{before} {kind.partition('-')[0]}") is not None:
        return True
    return before.isalpha() and before[1:].islower() and word not in STOP_WORDS and word not in _free_before(lexicon)


_NEXT_WORD = re.compile(r" ([A-Z][\w\-]*)")


def _goes_on(t: str, end: int) -> bool:
    """A capitalised word after the known one in the abstract: a longer name ("Margin-based Retrieval Augmentation
    Gate"), not this one.  (A title capitalises every word.)"""
    m = _NEXT_WORD.match(t, end)
    return m is not None and m.group(1).lower() not in STOP_WORDS


def kinded_names(page: Page, found: list[Candidate]) -> list[Candidate]:
    """Every "<kind> <known technique>" of the text, as a wrapping candidate (see the module's doc)."""
    t, lexicon = page.text.text, page.vocab.lexicon
    pattern = _modifier(lexicon)
    out = []
    for c in found:
        if c.type != EntityType.TECHNIQUE or c.rule not in CATALOGUE_RULES:
            continue
        m = pattern.search(t, max(0, c.start - 60), c.start)
        if m is None or m.end() != c.start or _no_kind(m, page.catalogue, lexicon) or (c.start > page.title_end and _goes_on(t, c.end)):
            continue
        s = m.start("kind")
        out.append(Candidate(start=s, end=c.end, text=t[s:c.end], type=EntityType.TECHNIQUE,
                             rule=KINDED, confidence=0.6, wraps=True))
    return out


@rule(KINDED, stage="context", rank=10, confidence=0.6, new=True,
      finds="a known technique with a kind word before it (latency-aware NAS, 4-bit quantization)")
def find_kinded(page: Page, found: list[Candidate]) -> list[Candidate]:
    return kinded_names(page, found)
