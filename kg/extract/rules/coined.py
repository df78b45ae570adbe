"""Coined names: one word written the way nobody writes an English word ("KelpGen", "ZR3D", "FERNIX").

A paper names the systems, data and methods it compares with, and its own,
with words made up for the purpose: a capital inside a word after a small
letter (``KelpMeanNet``, ``QPMixer``), letters and digits mixed
(``F4XR``, ``fern2vec``), a run of capitals (``QZRT``), or capitalised
parts joined by hyphens (``Quill-Pentathlon``).  None of the other rules
sees such a name when it stands alone, in a list of other unknown names
("against FRN-Caption, KelpGen, and TriQuill") or after its kind ("the knee
MRI dataset MR-KNEX").  This rule proposes every one of them; it
over-generates on purpose (an abbreviation such as "GPU" has the same
shape), and the learned decider keeps a name only where its words and
context look like an entity of the paper (they share the open model of the
``capitalised-phrase`` rule).  Its type comes from the words around it
(:func:`_coined_type`), else from a known name
it is listed with, else Technique.
"""

from __future__ import annotations

import re
from functools import cache

from kg import names
from kg.catalogue import name_key
from kg.extract.rules.common import GENERIC_KEYS, _MEASURE, stop_words
from kg.extract.rules.ids import CAPITALISED_PHRASE
from kg.extract.rules.kinds import _described_type, _noun_before_type, _role_before_type, describes_a_name
from kg.extract.rules.vocab import Vocab
from kg.extract.text import Coverage, Text
from kg.extract.types import Candidate
from kg.lexicon import Lexicon
from kg.model import EntityType
from kg.extract.uncased import compile_ignorecase

_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]{2}")  # "KelpGen", "QPMixer", "FERNtime"
_MIXED = re.compile(r"[A-Za-z]{2}\d|[A-Za-z]\d+[A-Za-z]|[a-z]\d")  # "QXR2", "ZR3D", "F4XR", "fern2vec"
_CAPITALS = re.compile(r"[A-Z]{3,}")  # "QZRT", "FERNIX"
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")  # "LLMs", "GPUs": a class written in the plural
_ENTITY_CODE = re.compile(r"x[0-9a-fA-F]{4}[a-z]?")  # "x2014": what is left of an HTML entity, no name
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)$")


def coined_shape(word: str, title_case: bool) -> bool:
    """Is ``word`` written like a coined name?  In a Title Case title a capital opens every word, so it tells nothing.

    >>> [coined_shape(w, False) for w in ("KelpGen", "F4XR", "QZRT", "Quill-Pentathlon", "LLMs", "Table", "3D", "GPT")]
    [True, True, True, True, False, False, False, True]
    """
    if "-" not in word and word[1:].islower() and word.isalpha():
        return False  # "table", "Table": the common case, settled before any pattern is tried
    if len(word) < 3 or not word[0].isalpha() or _ENTITY_CODE.fullmatch(word) or _PLURAL_ACRONYM.fullmatch(word) or _MEASURE.match(word):
        return False
    parts = word.split("-")
    if any(not p for p in parts):
        return False
    if any(_CAMEL.search(p) or _MIXED.search(p) for p in parts):
        return True
    if _CAPITALS.fullmatch(word.replace("-", "")):
        return True
    if len(parts) > 1 and not title_case:  # "Quill-Pentathlon", "FERNO-cls": a capitalised part joined to another
        return parts[0][0].isupper() and (parts[1][0].isupper() or _CAPITALS.fullmatch(parts[0]) is not None)
    return False


def _emphasis(word: str) -> bool:
    """"hARmful", "mOdality": capitals inside a lower-case word mark the letters of an acronym, not a name."""
    return word[0].islower() and word.isalpha() and re.search(r"[A-Z][a-z]", word) is not None


def _in_title_case_run(t: str, s: int, e: int, word: str) -> bool:
    """"Vision-Language Models", "the Fine-Grained Visual …": plain capitalised words joined by a hyphen that open
    or continue a run of capitalised words are a phrase's words, not a name of their own."""
    if "-" not in word or not all(p[:1].isupper() and p[1:].islower() for p in word.split("-")):
        return False
    return re.match(r" [A-Z]", t[e:e + 2]) is not None or re.search(r"[A-Z][a-z]* $", t[max(0, s - 30):s]) is not None


def _title_case(t: str, title_end: int) -> bool:
    words = re.findall(r"[A-Za-z]\w*", t[:title_end])
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _listed_type(t: str, s: int, e: int, found: list[Candidate]) -> EntityType | None:
    """The type of a known name next to this one in a list ("ASLX, KPNs-FSL, and Velko")."""
    for c in found:
        if c.end <= s and _LIST_SEP.fullmatch(t[c.end:s] or "x") and c.rule != CAPITALISED_PHRASE:
            return c.type
        if c.start >= e and _LIST_SEP.fullmatch(t[e:c.start] or "x") and c.rule != CAPITALISED_PHRASE:
            return c.type
    return None


def _coined_type(v: Vocab, t: str, s: int, e: int, found: list[Candidate]) -> EntityType:
    """What the words right around a coined name make it: its description ("X, a dataset of …"), the kind
    named right before it ("the MRI dataset X", "a foundation model (X)"), a known name it is listed with,
    the data results are reported on ("experiments on X"); else a technique.

    Only the nearest words count: in "benchmarks show that X outperforms …" X is no benchmark.
    """
    ty = _described_type(v, t, e) or _noun_before_type(v, t, len(t[:s].rstrip("("))) or _role_before_type(v, t, s)
    if ty is not None:
        return ty
    ty = _listed_type(t, s, e, found)
    if ty is not None:
        return ty
    clause = re.split(r"[.;:!?\n]", t[max(0, s - 80):s])[-1]
    if re.search(r"\bon\s+(?:the\s+)?(?:[\w\-.]+,\s+(?:and\s+)?)*$", clause) and _results_on(v.lexicon).search(clause):
        return EntityType.BENCHMARK  # "experiments on ASLX, X and Y"
    return EntityType.TECHNIQUE


@cache
def _results_on(lexicon: Lexicon) -> re.Pattern[str]:
    return compile_ignorecase(r"\b" + lexicon.fragments("result_on_words") + r"\b")


def coined_names(text: Text, taken: list[tuple[int, int]], title_end: int, v: Vocab,
                 found: list[Candidate]) -> list[Candidate]:
    """Candidate names of coined shape that no other rule took, typed by their context."""
    t = text.text
    covered = Coverage(taken)
    title_case = _title_case(t, title_end)
    stops = stop_words(v.lexicon)
    tails = v.lexicon.words("adjective_hyphen_tails")
    known = {name_key(n) for c in found for n in (c.text, *c.aliases)}  # the spread stage finds these again
    out: list[Candidate] = []
    for (s, _), piece in zip(text.pieces, text.words):
        word = piece.rstrip("+")
        if "-" not in word and word[1:].islower() and word.isalpha():
            continue  # "table", "Table": coined_shape's common case, settled without a call
        e = s + len(piece)  # "FernQA+", "KelpNet++": a trailing plus names a new version, so it is the name's own
        if not coined_shape(word, title_case and s < title_end) or covered.hits(s, e) or _emphasis(word) \
                or _in_title_case_run(t, s, e, word):
            continue
        if word.lower() in stops or name_key(word) in GENERIC_KEYS or name_key(word) in known or names.is_size(word) \
                or word.rpartition("-")[2].lower() in tails:
            continue  # "LLM-based": a hyphenated adjective
        if describes_a_name(v, t, e):
            continue  # "a unified Audio-Text-Motion-Action model, Zorva,"
        ty = _coined_type(v, t, s, e, found)
        out.append(Candidate(start=s, end=e, text=piece, type=ty, rule=CAPITALISED_PHRASE, confidence=0.4))
    return out
