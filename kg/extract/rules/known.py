"""Known names: the catalogue's names, and the variants and compounds written on them.

One left-to-right scan over the text's pieces finds three kinds of candidate:
``catalogue`` (a known name, however it is spaced, hyphenated or cased),
``variant`` (a known model with sizes or variant words, ``Llama-3-8B-Instruct``)
and ``compound`` (a known name joined to a new one, ``LLaVA-Med``, ``LoRA-Fern``).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kg import names
from kg.catalogue import Catalogue, Entry, name_key, read_lines
from kg.extract.rules.common import stop_words, GENERIC_KEYS, _sentence_initial
from kg.extract.engine import rule
from kg.extract.rules.ids import CATALOGUE, COMPOUND, VARIANT
from kg.extract.rules.vocab import Vocab
from kg.extract.rules.wordpatterns import word_patterns
from kg.extract.text import Page, Text
from kg.extract.types import Candidate
from kg.model import EntityType

M = EntityType.MODEL

MAX_PIECES = 7  # the longest catalogue name spans this many space-separated pieces
_APOSTROPHES = ("'", "\u2019")



def _scan_known(text: Text, i: int, catalogue: Catalogue) -> tuple[int, int, Entry] | None:
    """The longest known name starting at piece ``i``: (last piece, parts used in it, entry)."""
    prefixes, index, joins = catalogue.prefixes, catalogue.index, text.joins
    key = ""
    best = None
    for j in range(i, min(i + MAX_PIECES, len(text.pieces))):
        if j > i and not joins[j] and text.text[text.pieces[j - 1][1]:text.pieces[j][0]] not in _APOSTROPHES:
            break  # a space joins the words of a name, and so does an apostrophe ("Humanity's Last Exam")
        spans = text.parts(j)
        for p, part in enumerate(text.keys(j)):
            key += part
            if key not in prefixes:
                return best
            if key in index:
                entry = catalogue.lookup(text.text[text.pieces[i][0]:spans[p][1]])
                if entry is not None:
                    best = (j, p + 1, entry)
    return best


def _blocked_starts(catalogue: Catalogue) -> frozenset[str]:
    """Stop words no catalogue name starts with ("and", "of", "we"): pieces not worth a scan.

    "the" stays open when a name such as "The Pile" starts with it.
    """
    return catalogue.derived("blocked-starts", _no_name_starts_with)


def _no_name_starts_with(catalogue: Catalogue) -> frozenset[str]:
    starts = set()
    for entry in catalogue.entries.values():
        for name in entry.names:
            spans = names.pieces(name)
            if spans:
                starts.add(name[spans[0][0]:spans[0][1]].lower())
                starts.update(p.lower() for p in names.parts(name[spans[0][0]:spans[0][1]])[:1])
    return frozenset(w for w in stop_words() if w not in starts and w.isalpha())


def _suffix_pieces(text: Text, j: int, component: re.Pattern[str]) -> int:
    """How many pieces after ``j`` are space-joined model suffixes ("Llama 2 7B Chat"), not before a ``component``."""
    n = 0
    while j + n + 1 < len(text.pieces) and text.joined(j + n + 1):
        piece = text.piece(j + n + 1)
        ps = names.parts(piece)
        if not ps or not all(names.is_suffix(p) for p in ps):
            break
        if re.fullmatch(r"\d{4}|\d{3,}(?:\.\d+)?|\d{2,}\.\d+", piece):  # a year, a plain number or a score
            break
        if piece[:1].isdigit() and text.text[text.pieces[j + n + 1][1]:][:1] == "%":
            break  # "Zeta 5%/8% errors": a percentage is a score, not a version
        if piece in stop_words():  # "with Zeta-mini it converges": a pronoun, not the -it (instruction-tuned) suffix
            break
        if piece.islower() and j + n + 2 < len(text.pieces) and component.fullmatch(text.piece(j + n + 2)):
            break  # "SigLIP2 vision encoder": the word describes the part, it does not name a variant
        n += 1
    return n


def known_names(text: Text, catalogue: Catalogue, v: Vocab, title_end: int = 0) -> list[Candidate]:
    """Known names, and the variants and compounds built on them (and the longer new names around them)."""
    out: list[Candidate] = []
    prefixes, firsts = catalogue.prefixes, text.firsts
    blocked = _blocked_starts(catalogue)
    i, n = 0, len(text.pieces)
    component = word_patterns(v.lexicon).component
    while i < n:
        first = firsts[i]
        if first in blocked or (first if first is not None else text.keys(i)[0]) not in prefixes:
            i += 1
            continue
        found = _scan_known(text, i, catalogue)
        if found is None:
            i += 1
            continue
        j, used, entry = found
        if len(text.parts(j)) == used:  # the known name ends with its piece
            i = _whole_piece(v, text, i, j, entry, title_end, out)
        else:
            i = _inside_piece(text, catalogue, i, j, used, entry, out, component)
    return out


def _whole_piece(v: Vocab, text: Text, i: int, j: int, entry: Entry, title_end: int,
                 out: list[Candidate]) -> int:
    """A known name that fills pieces ``i..j``: with size pieces after it, a version, or a longer name around it.

    Appends what it finds to ``out``; returns the piece to go on from.
    """
    t = text.text
    start, base_end = text.pieces[i][0], text.parts(j)[-1][1]
    extra = _suffix_pieces(text, j, word_patterns(v.lexicon).component) if entry.type == M else 0
    if extra:
        end = text.pieces[j + extra][1]
        suffixes = [p for k in range(j + 1, j + extra + 1) for p in names.parts(text.piece(k))]
        out.append(_variant(t, start, end, base_end, entry, suffixes))
        out.extend(_coordinated_sizes(t, end, entry, start, base_end))
        return j + extra + 1
    version = _EDITION.fullmatch(text.piece(j + 1)) if entry.type != M and j + 1 < len(
        text.pieces) and text.joined(j + 1) else None
    if version:  # "Vicuna 2.0", "AlpacaEval 2.0": a version of a known name is a name of its own
        end = text.pieces[j + 1][1]
        out.append(Candidate(start, end, t[start:end], entry.type, COMPOUND, 0.85))
        return j + 2
    size = _IMAGE_SIZE.match(t, base_end) if entry.type in (EntityType.BENCHMARK, EntityType.DATASET) else None
    if size:  # "FooNet 96x96": the benchmark at an image size, as written; the known entity all the same
        out.append(Candidate(start, size.end(), t[start:size.end()], entry.type, CATALOGUE, 0.95, entry_id=entry.id))
        return _piece_at(text, size.end()) + 1
    longer = _longer_name(v, text, i, j, entry, title_end, out)
    out.append(longer or Candidate(start, base_end, t[start:base_end], entry.type, CATALOGUE, 0.95,
                                   entry_id=entry.id))
    return (j if longer is None else _piece_at(text, longer.end)) + 1


def _inside_piece(text: Text, catalogue: Catalogue, i: int, j: int, used: int, entry: Entry,
                  out: list[Candidate], component: re.Pattern[str]) -> int:
    """A known name that ends inside piece ``j``: "GPT-3.5/4", a variant, a compound, or a word after it.

    Appends what it finds to ``out``; returns the piece to go on from.
    """
    t = text.text
    start = text.pieces[i][0]
    spans = text.parts(j)
    base_end = spans[used - 1][1]
    rest = [t[s:e] for s, e in spans[used:]]
    if t[base_end:base_end + 1] == "/" and len(rest) == 1 and names.is_version(rest[0]):
        # "LLaMA-V1/V2", "GPT-3.5/4": two names that share everything but a version
        out.append(Candidate(start, base_end, t[start:base_end], entry.type, CATALOGUE, 0.9, entry_id=entry.id))
        other = t[start:spans[used - 1][0]] + rest[0]
        other_entry = catalogue.lookup(other)
        if other_entry is not None:
            rs, re_ = spans[used]
            out.append(Candidate(rs, re_, other, other_entry.type, CATALOGUE, 0.85, entry_id=other_entry.id))
        return j + 1
    if t[base_end:base_end + 1] == "." and rest[0].isalpha() and rest[0].islower():
        return j + 1  # "llama.cpp", "transformers.js", "ollama.ai": a program, a package or a site
    if names.is_attributive(rest[0]) or (rest[0].islower() and not names.is_suffix(rest[0])):
        out.append(Candidate(start, base_end, t[start:base_end], entry.type, CATALOGUE, 0.9, entry_id=entry.id))
    elif entry.type == M and all(names.is_suffix(p) for p in rest):
        extra = _suffix_pieces(text, j, component)
        end = text.pieces[j + extra][1]
        suffixes = rest + [p for k in range(j + 1, j + extra + 1) for p in names.parts(text.piece(k))]
        out.append(_variant(t, start, end, base_end, entry, suffixes))
        out.extend(_coordinated_sizes(t, end, entry, start, base_end))
        j += extra
    elif len(rest) == 1 and t[base_end:base_end + 1] == "-" and (other := catalogue.lookup(rest[0])) is not None \
            and other.type != entry.type:
        # "CNN-ViT": two known names of two types joined describe a hybrid of both, no new name
        rs, re_ = spans[used]
        out.append(Candidate(start, base_end, t[start:base_end], entry.type, CATALOGUE, 0.9, entry_id=entry.id))
        out.append(Candidate(rs, re_, rest[0], other.type, CATALOGUE, 0.85, entry_id=other.id))
    elif _compound_ok(rest):
        out.append(_compound(t, start, text.pieces[j][1], base_end, entry, rest))
    return j + 1


# "AlpacaEval 2.0", "BraTS 2020" (an edition's year); "FooBench 21.4" is a score
_EDITION = re.compile(r"v?\d\.\d+|v\d+|(?:19|20)\d\d", re.IGNORECASE)

_IMAGE_SIZE = re.compile(r"[ -]\d{2,4} ?[x\u00d7] ?\d{2,4}(?!\w|\.\d)")  # "FooNet 96x96"; not "96x96.5"

# Longest span first: a known name inside a longer written name belongs to that name.
_MAKERS = frozenset(w.lower() for w in read_lines("makers.txt"))


def _piece_at(text: Text, end: int) -> int:
    """The index of the piece that ends at ``end``."""
    return bisect_right([e for _, e in text.pieces], end) - 1


def _title_word(text: Text, k: int) -> bool:
    """A capitalised plain word that may be part of a name ("Split", "Deep"), not a stop or generic word."""
    word = text.piece(k)
    return (word.isalpha() and word[:1].isupper() and word[1:].islower() and word.lower() not in stop_words()
            and name_key(word) not in GENERIC_KEYS)


def _longer_name(v: Vocab, text: Text, i: int, j: int, entry: Entry, title_end: int,
                 found: list[Candidate]) -> Candidate | None:
    """A new name written around the known name in pieces ``i..j`` ("Split CIFAR-10", "Gemini Deep Research").

    Only in the abstract (a title capitalises every word); a maker's name before it ("Google
    Speech Commands") or a kind-of-resource word after it ("CIFAR-10 Dataset") extends nothing.
    """
    t, pieces = text.text, text.pieces
    if pieces[i][0] < title_end:
        return None
    start, end = pieces[i][0], pieces[j][1]
    k = j
    while (k + 1 < len(pieces) and k - j < 3 and text.joined(k + 1) and _title_word(text, k + 1)
           and not names.is_suffix(text.piece(k + 1))
           and names.singular(text.piece(k + 1).lower()) not in v.not_name_words):
        k += 1
    if k - j < 2 or entry.type != EntityType.MODEL:  # one capitalised word after a name is too often
        k = j  # a word of the sentence ("Gemini Valence correlates"); a method's long form starts before it
    end = pieces[k][1]
    if entry.type in (EntityType.BENCHMARK, EntityType.DATASET) and i > 0 and text.joined(i) \
            and _title_word(text, i - 1) and text.piece(i - 1).lower() not in _MAKERS \
            and names.singular(text.piece(i - 1).lower()) not in v.not_name_words \
            and pieces[i - 1][0] >= title_end and not _sentence_initial(t, pieces[i - 1][0]) \
            and not (found and found[-1].end > pieces[i - 1][0]):
        start = pieces[i - 1][0]
    if (start, end) == (pieces[i][0], pieces[j][1]):
        return None
    return Candidate(start, end, t[start:end], entry.type, COMPOUND, 0.75)



def _variant(t: str, start: int, end: int, base_end: int, entry: Entry, suffixes: list[str]) -> Candidate:
    return Candidate(start, end, t[start:end], M, VARIANT, 0.9, entry_id=entry.id,
                     base=t[start:base_end], suffixes=tuple(suffixes))


def _compound_ok(rest: list[str]) -> bool:
    """A new name may be built on a known one: ``LLaVA-Med``, ``LoRA-Fern``, ``ImageNet-R``."""
    if len(rest) > 3 or rest[0] == "+":
        return True if rest == ["+"] else False
    return any(names.looks_like_name(p) or p[:1].isdigit() for p in rest)


def _compound(t: str, start: int, end: int, base_end: int, entry: Entry, rest: list[str]) -> Candidate:
    surface = t[start:end]
    if entry.type == M:
        return Candidate(start, end, surface, M, COMPOUND, 0.8, entry_id=entry.id,
                         base=t[start:base_end], suffixes=tuple(rest))
    return Candidate(start, end, surface, entry.type, COMPOUND, 0.75)


_COORDINATED = re.compile(r"(?:\s*(?:,|and|or|&|/)\s*)+(\d+(?:\.\d+)?[BMbm])\b")


def _coordinated_sizes(t: str, end: int, entry: Entry, start: int, base_end: int) -> list[Candidate]:
    """"LLaMA-2 7B and 13B": the second size names a model too (only after a first size)."""
    out = []
    if not names.is_size(names.parts(t[base_end:end])[-1:][0] if t[base_end:end].strip() else ""):
        return out
    pos = end
    while m := _COORDINATED.match(t, pos):
        size = m.group(1)
        surface = f"{t[start:base_end]} {size}"
        out.append(Candidate(m.start(1), m.end(1), surface, M, VARIANT, 0.85, entry_id=entry.id,
                             base=t[start:base_end], suffixes=(size,)))
        pos = m.end()
    return out


@rule(CATALOGUE, stage="names", rank=0, confidence=0.95, finds="a known name, however it is spaced, hyphenated or cased")
@rule(VARIANT, stage="names", rank=1, confidence=0.9, finds="a known model with sizes or variant words (Llama-3-8B-Instruct)")
@rule(COMPOUND, stage="names", rank=2, confidence=0.8, finds="a known name joined to a new one (LLaVA-Med, LoRA-Fern)")
def find_known(page: Page, found: list[Candidate]) -> list[Candidate]:
    return known_names(page.text, page.catalogue, page.vocab, page.title_end)
