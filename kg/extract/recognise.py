"""Find the names in a text: known ones, and new ones by how they are written.

Every recogniser returns :class:`Candidate` spans over the text of one paper
(title, newline, abstract).  They are plain functions over strings so that each
can be tested with a sentence; the spaCy component in ``pipeline`` runs them
and keeps the best non-overlapping candidates.

Recognisers, most trusted first:

``catalogue``   a known name, however it is spaced, hyphenated or cased
``variant``     a known model with sizes or variant words (``Llama-3-8B-Instruct``)
``compound``    a known name joined to a new one (``LLaVA-Med``, ``LoRA-GA``)
``model-shape`` an unknown name with a size (``GEB-1.3B``, ``Foo-2.5-7B-Instruct``)
``bench-shape`` an unknown name written like a benchmark (``…Bench``, ``…Eval``, ``…QA``)
``acronym``     a definition, ``Contrastive Reward Shaping (CRS)``
``proposal``    a name the paper introduces (``X: …`` titles, "we propose X")
``context``     a name typed by the noun beside it ("the Foo dataset")
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from kg import names
from kg.catalogue import Catalogue, Entry, name_key, read_lines
from kg.model import EntityType, Predicate

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE

# Generic words and classes that are never entities (LLMs, transformers as a
# class of models, tasks …) live in data, not here.
GENERIC = read_lines("generic.txt")
GENERIC_KEYS = frozenset(name_key(g) for g in GENERIC)
_STOP = frozenset(STOP_WORDS) | {"our", "using", "via", "towards", "toward", "beyond"}

MAX_PIECES = 7  # the longest catalogue name spans this many space-separated pieces


@dataclass(slots=True)
class Candidate:
    """A span that may name an entity."""

    start: int
    end: int
    text: str
    type: EntityType
    rule: str
    confidence: float
    entry_id: str | None = None
    base: str | None = None
    suffixes: tuple[str, ...] = ()
    aliases: list[str] = field(default_factory=list)
    proposed: bool = False
    long_span: tuple[int, int] | None = None  # where an acronym's long form was written
    # set by the relation tagger
    predicate: Predicate | None = None
    relation_rule: str | None = None
    relation_confidence: float | None = None
    sentence: tuple[int, int] | None = None  # (start, end) characters of its sentence

    @property
    def length(self) -> int:
        return self.end - self.start


# --------------------------------------------------------------------------- pieces

def part_key(part: str) -> str:
    """:func:`name_key` of one part, fast for the plain ASCII parts that make up most text."""
    key = part.lower()
    if key.isascii() and key.isalnum():
        return key
    return name_key(part)


class Text:
    """A text cut into pieces and parts, computed once and shared by recognisers."""

    __slots__ = ("text", "pieces", "words", "firsts", "joins", "_parts", "_keys")

    def __init__(self, text: str):
        self.text = text
        self.pieces = names.pieces(text)
        self.words = [text[s:e] for s, e in self.pieces]
        # the key of a plain one-word piece is just its lower case: most pieces, no regex needed
        self.firsts = [w.lower() if w.isalpha() and w.isascii() else None for w in self.words]
        self.joins = [False] + [text[a[1]:b[0]] == " " for a, b in zip(self.pieces, self.pieces[1:])]
        self._parts: dict[int, list[tuple[int, int]]] = {}
        self._keys: dict[int, list[str]] = {}

    def parts(self, i: int) -> list[tuple[int, int]]:
        got = self._parts.get(i)
        if got is None:
            s, e = self.pieces[i]
            if self.text[s:e].isalpha():  # most words: one part, no regex needed
                got = self._parts[i] = [(s, e)]
            else:
                got = self._parts[i] = names.part_spans(self.text, s, e)
        return got

    def first_key(self, i: int) -> str:
        """The key of piece ``i``'s first part."""
        return self.firsts[i] or self.keys(i)[0]

    def keys(self, i: int) -> list[str]:
        """The name keys of piece ``i``'s parts."""
        got = self._keys.get(i)
        if got is None:
            first = self.firsts[i]
            if first is not None:
                got = self._keys[i] = [first]
            else:
                t = self.text
                got = self._keys[i] = [part_key(t[s:e]) for s, e in self.parts(i)]
        return got

    def joined(self, i: int) -> bool:
        """Piece ``i`` follows piece ``i-1`` after exactly one space."""
        return self.joins[i]

    def piece(self, i: int) -> str:
        return self.words[i]


# --------------------------------------------------------------------------- catalogue

def _scan_known(text: Text, i: int, catalogue: Catalogue) -> tuple[int, int, Entry] | None:
    """The longest known name starting at piece ``i``: (last piece, parts used in it, entry)."""
    prefixes, index, joins = catalogue.prefixes, catalogue.index, text.joins
    key = ""
    best = None
    for j in range(i, min(i + MAX_PIECES, len(text.pieces))):
        if j > i and not joins[j]:
            break
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


_BLOCKED: dict[int, frozenset[str]] = {}


def _blocked_starts(catalogue: Catalogue) -> frozenset[str]:
    """Stop words no catalogue name starts with ("and", "of", "we"): pieces not worth a scan.

    "the" stays open when a name such as "The Pile" starts with it.
    """
    got = _BLOCKED.get(id(catalogue))
    if got is None:
        starts = set()
        for entry in catalogue.entries.values():
            for name in entry.names:
                spans = names.pieces(name)
                if spans:
                    starts.add(name[spans[0][0]:spans[0][1]].lower())
                    starts.update(p.lower() for p in names.parts(name[spans[0][0]:spans[0][1]])[:1])
        got = _BLOCKED[id(catalogue)] = frozenset(w for w in _STOP if w not in starts and w.isalpha())
    return got


def _suffix_pieces(text: Text, j: int) -> int:
    """How many pieces after ``j`` are space-joined model suffixes ("Llama 2 7B Chat")."""
    n = 0
    while j + n + 1 < len(text.pieces) and text.joined(j + n + 1):
        piece = text.piece(j + n + 1)
        ps = names.parts(piece)
        if not ps or not all(names.is_suffix(p) for p in ps):
            break
        if re.fullmatch(r"\d{4}|\d{3,}(?:\.\d+)?|\d{2,}\.\d+", piece):  # a year, a plain number or a score
            break
        if piece in _STOP:  # "with Zeta-mini it converges": a pronoun, not the -it (instruction-tuned) suffix
            break
        if piece.islower() and j + n + 2 < len(text.pieces) and _COMPONENT.fullmatch(text.piece(j + n + 2)):
            break  # "SigLIP2 vision encoder": the word describes the part, it does not name a variant
        n += 1
    return n


_COMPONENT = re.compile(r"(?:encoder|decoder|backbone|tower|module|branch|head|projector|component)s?[,.;:)]?")


def known_names(text: Text, catalogue: Catalogue, title_end: int = 0) -> list[Candidate]:
    """Known names, and the variants and compounds built on them (and the longer new names around them)."""
    out: list[Candidate] = []
    t = text.text
    prefixes, firsts = catalogue.prefixes, text.firsts
    blocked = _blocked_starts(catalogue)
    i, n = 0, len(text.pieces)
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
        start = text.pieces[i][0]
        spans = text.parts(j)
        base_end = spans[used - 1][1]
        rest = [t[s:e] for s, e in spans[used:]]
        piece_end = text.pieces[j][1]
        if not rest:
            extra = _suffix_pieces(text, j) if entry.type == M else 0
            if extra:
                end = text.pieces[j + extra][1]
                suffixes = [p for k in range(j + 1, j + extra + 1) for p in names.parts(text.piece(k))]
                out.append(_variant(t, start, end, base_end, entry, suffixes))
                out.extend(_coordinated_sizes(t, end, entry, start, base_end))
                i = j + extra + 1
                continue
            version = _DOTTED_VERSION.fullmatch(text.piece(j + 1)) if entry.type != M and j + 1 < len(
                text.pieces) and text.joined(j + 1) else None
            if version:  # "SteerLM 2.0", "AlpacaEval 2.0": a version of a known name is a name of its own
                end = text.pieces[j + 1][1]
                out.append(Candidate(start, end, t[start:end], entry.type, "compound", 0.85))
                i = j + 2
                continue
            longer = _longer_name(text, i, j, entry, title_end, out)
            out.append(longer or Candidate(start, base_end, t[start:base_end], entry.type, "catalogue", 0.95,
                                           entry_id=entry.id))
            i = (j if longer is None else _piece_at(text, longer.end)) + 1
            continue
        if t[base_end:base_end + 1] == "/" and len(rest) == 1 and names.is_version(rest[0]):
            # "LLaMA-V1/V2", "GPT-3.5/4": two names that share everything but a version
            out.append(Candidate(start, base_end, t[start:base_end], entry.type, "catalogue", 0.9,
                                 entry_id=entry.id))
            last_part = spans[used - 1][0]
            other = t[start:last_part] + rest[0]
            other_entry = catalogue.lookup(other)
            rs, re_ = spans[used]
            if other_entry is not None:
                out.append(Candidate(rs, re_, other, other_entry.type, "catalogue", 0.85, entry_id=other_entry.id))
            i = j + 1
            continue
        if t[base_end:base_end + 1] == "." and rest[0].isalpha() and rest[0].islower():
            i = j + 1  # "llama.cpp", "transformers.js", "ollama.ai": a program, a package or a site
            continue
        if names.is_attributive(rest[0]) or (rest[0].islower() and not names.is_suffix(rest[0])):
            out.append(Candidate(start, base_end, t[start:base_end], entry.type, "catalogue", 0.9,
                                 entry_id=entry.id))
        elif entry.type == M and all(names.is_suffix(p) for p in rest):
            extra = _suffix_pieces(text, j)
            end = text.pieces[j + extra][1]
            suffixes = rest + [p for k in range(j + 1, j + extra + 1) for p in names.parts(text.piece(k))]
            out.append(_variant(t, start, end, base_end, entry, suffixes))
            out.extend(_coordinated_sizes(t, end, entry, start, base_end))
            j += extra
        elif _compound_ok(rest):
            out.append(_compound(t, start, piece_end, base_end, entry, rest))
        i = j + 1
    return out


_DOTTED_VERSION = re.compile(r"v?\d\.\d+|v\d+", re.IGNORECASE)  # "AlpacaEval 2.0"; "FooBench 21.4" is a score

# Longest span first: a known name inside a longer written name belongs to that name.
_MAKERS = frozenset(w.lower() for w in read_lines("makers.txt"))
_NOT_NAME_WORDS = read_lines("not_name_words.txt")


def _piece_at(text: Text, end: int) -> int:
    """The index of the piece that ends at ``end``."""
    return bisect_right([e for _, e in text.pieces], end) - 1


def _title_word(text: Text, k: int) -> bool:
    """A capitalised plain word that may be part of a name ("Split", "Deep"), not a stop or generic word."""
    word = text.piece(k)
    return (word.isalpha() and word[:1].isupper() and word[1:].islower() and word.lower() not in _STOP
            and name_key(word) not in GENERIC_KEYS)


def _longer_name(text: Text, i: int, j: int, entry: Entry, title_end: int,
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
           and names.singular(text.piece(k + 1).lower()) not in _NOT_NAME_WORDS):
        k += 1
    if k - j < 2 or entry.type != EntityType.MODEL:  # one capitalised word after a name is too often
        k = j  # a word of the sentence ("Gemini Valence correlates"); a method's long form starts before it
    end = pieces[k][1]
    if entry.type in (EntityType.BENCHMARK, EntityType.DATASET) and i > 0 and text.joined(i) \
            and _title_word(text, i - 1) and text.piece(i - 1).lower() not in _MAKERS \
            and names.singular(text.piece(i - 1).lower()) not in _NOT_NAME_WORDS \
            and pieces[i - 1][0] >= title_end and not _sentence_initial(t, pieces[i - 1][0]) \
            and not (found and found[-1].end > pieces[i - 1][0]):
        start = pieces[i - 1][0]
    if (start, end) == (pieces[i][0], pieces[j][1]):
        return None
    return Candidate(start, end, t[start:end], entry.type, "compound", 0.75)



def _variant(t: str, start: int, end: int, base_end: int, entry: Entry, suffixes: list[str]) -> Candidate:
    return Candidate(start, end, t[start:end], M, "variant", 0.9, entry_id=entry.id,
                     base=t[start:base_end], suffixes=tuple(suffixes))


def _compound_ok(rest: list[str]) -> bool:
    """A new name may be built on a known one: ``LLaVA-Med``, ``LoRA-GA``, ``ImageNet-R``."""
    if len(rest) > 3 or rest[0] == "+":
        return True if rest == ["+"] else False
    return any(names.looks_like_name(p) or p[:1].isdigit() for p in rest)


def _compound(t: str, start: int, end: int, base_end: int, entry: Entry, rest: list[str]) -> Candidate:
    surface = t[start:end]
    if entry.type == M:
        return Candidate(start, end, surface, M, "compound", 0.8, entry_id=entry.id,
                         base=t[start:base_end], suffixes=tuple(rest))
    return Candidate(start, end, surface, entry.type, "compound", 0.75)


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
        out.append(Candidate(m.start(1), m.end(1), surface, M, "variant", 0.85, entry_id=entry.id,
                             base=t[start:base_end], suffixes=(size,)))
        pos = m.end()
    return out


# --------------------------------------------------------------------------- shapes

def _is_name_start(part: str) -> bool:
    low = part.lower()
    return (len(part) >= 2 and names.looks_like_name(part) and low not in _STOP
            and name_key(part) not in GENERIC_KEYS and not part[0].isdigit())


_BENCH_SUFFIX = re.compile(r"(?:Bench|bench|BENCH|Eval|EVAL|eval|Arena|QA)$")


def shaped_names(text: Text, taken: list[tuple[int, int]], catalogue: Catalogue,
                 title_end: int = 0) -> list[Candidate]:
    """Unknown names written like models or benchmarks."""
    out: list[Candidate] = []
    t = text.text
    title_words = re.findall(r"[A-Za-z]\w*", t[:title_end])
    title_case = len(title_words) >= 4 and sum(w[0].isupper() for w in title_words) >= 0.6 * len(title_words)
    covered = _Coverage(taken)
    # every shape needs a capital letter: only those pieces are read
    capitalised = [k for k, w in enumerate(text.words) if w != w.lower()]
    skip_to = -1
    for i in capitalised:
        s, e = text.pieces[i]
        if i <= skip_to or covered.hits(s, e):
            continue
        ps = [t[a:b] for a, b in text.parts(i)]
        cand = _model_shape(t, text, i, ps) or _bench_shape(t, s, e, ps)
        if (cand is not None and title_case and cand.end <= title_end and _plain_word_and_size(cand.text)
                and cand.text not in t[title_end:]):
            continue  # "… Enable and Accelerate 100B Model Fine-tuning": Title Case makes any word look like a name
        if cand is not None and name_key(cand.text) not in GENERIC_KEYS:
            out.append(cand)
            skip_to = i
            while skip_to + 1 < len(text.pieces) and text.pieces[skip_to + 1][0] < cand.end:
                skip_to += 1
    return out


def _plain_word_and_size(name: str) -> bool:
    """"Accelerate 100B": a capitalised word, a space, then only a size."""
    words = name.split()
    return len(words) == 2 and words[0][1:].islower() and words[0].isalpha() and names.is_size(words[1])


def _model_shape(t: str, text: Text, i: int, ps: list[str]) -> Candidate | None:
    if not ps or not _is_name_start(ps[0]):
        return None
    k = 1
    while k < len(ps) and not names.is_suffix(ps[k]):
        if not (names.looks_like_name(ps[k]) or ps[k][:1].isdigit()):
            return None
        k += 1
    s, e = text.pieces[i]
    suffixes = ps[k:]
    extra = _suffix_pieces(text, i)
    if extra:
        e = text.pieces[i + extra][1]
        suffixes += [p for n in range(i + 1, i + extra + 1) for p in names.parts(text.piece(n))]
    if not suffixes or not all(names.is_suffix(p) for p in suffixes):
        return None
    sizes = [p for p in suffixes if names.is_size(p) and not p.lower().endswith(("k", "e"))]
    has_variant = any(names.is_variant_word(p) for p in suffixes) and any(names.is_version(p) for p in suffixes)
    if not sizes and not has_variant:
        return None
    base_end = text.parts(i)[k - 1][1]
    return Candidate(s, e, t[s:e], M, "model-shape", 0.8, base=t[s:base_end], suffixes=tuple(suffixes))


def _bench_shape(t: str, s: int, e: int, ps: list[str]) -> Candidate | None:
    """``MEGA-Bench``, ``LiveCodeBench``, ``C-Eval``, ``FailSafeQA``, ``CRUXEval-I``."""
    for k, part in enumerate(ps):
        m = _BENCH_SUFFIX.search(part)
        if not m:
            continue
        if m.group().islower() and m.start() > 0:
            continue  # "Retrieval", "Testbench": lower-case "eval"/"bench" counts only as a part of its own
        head = "".join(ps[:k]) + part[: m.start()]
        if not head or not any(c.isupper() for c in head + part):
            return None
        if part.endswith("QA") and head.isupper() and k == 0 and len(head) <= 3:
            return None  # VQA, ODQA, KBQA: tasks
        if name_key(head) in GENERIC_KEYS or head.lower() in _STOP:
            return None
        return Candidate(s, e, t[s:e], B, "bench-shape", 0.8)
    return None


class _Coverage:
    """Which character ranges are already claimed."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.longest = max((b - a for a, b in self.spans), default=0)

    def hits(self, s: int, e: int) -> bool:
        spans = self.spans
        i = bisect_right(spans, (e, -1))  # spans starting before e
        while i > 0:
            i -= 1
            a, b = spans[i]
            if a < s - self.longest:
                break
            if s < b:
                return True
        return False

    def add(self, s: int, e: int) -> None:
        insort(self.spans, (s, e))
        self.longest = max(self.longest, e - s)


# --------------------------------------------------------------------------- acronyms

_ACRONYM = re.compile(r"\(\s*([A-Za-z][\w.+\-]*?[A-Za-z0-9+])s?\s*(?:[;,][^)]*)?\)")


def acronym_pairs(t: str) -> list[tuple[int, int, int, int]]:
    """Definitions ``long form (SHORT)``: (long start, long end, short start, short end).

    The long form is found as Schwartz and Hearst do: the shortest run of
    preceding words whose letters can spell the short form, first letters first.

    >>> t = "We use Direct Preference Optimization (DPO) and low-rank adapters (LoRAs)."
    >>> [(t[a:b], t[c:d]) for a, b, c, d in acronym_pairs(t)]
    [('Direct Preference Optimization', 'DPO'), ('low-rank adapters', 'LoRA')]
    """
    out = []
    for m in _ACRONYM.finditer(t):
        short = m.group(1)
        upper = sum(c.isupper() for c in short)
        if upper < 2 or len(short) > 16 or not short[0].isalpha():
            continue
        long_start = _long_form(t, m.start(), short)
        if long_start is None:
            continue
        long_end = m.start()
        while long_end > long_start and t[long_end - 1] in " \t":
            long_end -= 1
        out.append((long_start, long_end, m.start(1), m.start(1) + len(short)))
    return out


def _long_form(t: str, paren: int, short: str) -> int | None:
    letters = [c.lower() for c in short if c.isalpha()]  # "IN2": digits are not spelled out
    window_start = max(0, t.rfind(".", 0, paren) + 1, t.rfind(";", 0, paren) + 1,
                       t.rfind("(", 0, paren) + 1, t.rfind(":", 0, paren) + 1)
    words = list(re.finditer(r"[^\W_](?:[\w'’]|-(?=\w))*", t[window_start:paren]))
    if not words:
        return None
    max_words = min(len(letters) + 5, len(letters) * 2)
    words = words[-max_words:]
    chars = t[window_start:paren]
    # Walk the short form backwards through the text, as Schwartz & Hearst do.
    s_idx, l_idx = len(letters) - 1, len(chars) - 1
    lowest = window_start + words[0].start()
    while s_idx >= 0:
        c = letters[s_idx]
        while l_idx >= 0 and (chars[l_idx].lower() != c or (
                s_idx == 0 and l_idx > 0 and chars[l_idx - 1].isalnum())):
            l_idx -= 1
        if l_idx < 0 or window_start + l_idx < lowest:
            return None
        s_idx -= 1
        l_idx -= 1
    start = window_start + l_idx + 1
    # extend to the start of the word
    while start > window_start and (t[start - 1].isalnum() or t[start - 1] in "-'’"):
        start -= 1
    first = t[start:paren].split()[0].lower() if t[start:paren].split() else ""
    if first in _STOP and first[0] != letters[0]:
        return None
    return start


# --------------------------------------------------------------------------- proposals

# A name: starts with a capital or digit, may hold hyphens, dots and slashes
# between word characters, and up to three words ("Dolmino Mix 1124").
_WORD = r"[A-Z0-9][\w+]*(?:[.\-/][\w+]+)*"
_NAME = rf"(?P<name>{_WORD}(?: {_WORD}){{0,2}})"
_PROPOSE_VERB = (r"(?:propose|introduce|present|develop|design|release|build|create|construct|curate|"
                 r"collect|contribute|unveil|open-source|launch|devise|formulate|establish|call|name|term|"
                 r"dub)(?:s|d|ed)?")
# Words a description may hold before the name, but not words that start a
# new clause: "we present results using GPT-2" proposes nothing.
_DESCRIPTION_WORD = (r"(?!(?:using|use|on|with|for|to|of|in|from|by|that|which|via|through|across|over|"
                     r"and|or|results?|experiments?|evidence|analys[ie]s|findings?|insights?)\b)"
                     r"[\w\-]+,?")
_PROPOSAL = re.compile(
    r"\b(?:[Ww]e|[Tt]his (?:paper|work|study|report)|[Oo]ur (?:paper|work|study|report)|[Hh]ere,? we)"
    r"\s+(?:\w+ly\s+)?"
    r"(?:first\s+|further\s+|also\s+|then\s+|thus\s+|hence\s+|therefore\s+|"
    r"(?:[\w\-]+\s+){1,4}?to\s+)?"
    + _PROPOSE_VERB + r"\s+(?P<desc>(?:(?:a|an|the|our)\s+)?(?:" + _DESCRIPTION_WORD + r"\s+){0,6}?)"
    r"(?:(?:called|named|termed|dubbed|coined)\s+)?" + _NAME + r"(?=[\s,.;:()]|$)"
)
_NAMED = re.compile(r"\b(?:called|named|termed|dubbed|coined|namely)\s+(?:as\s+)?"
                    r"(?:[\"“'‘](?P<quoted>[^\"”'’]{2,60}?)[\"”'’]|" + _NAME + r"(?=[\s,.;:()]|$))")
_HEADS = (r"(?:method|model|approach|framework|algorithm|technique|system|benchmark|dataset|corpus|"
          r"pipeline|architecture|strategy|recipe|agent|family|suite|loss|objective|module|mechanism)s?")
_OUR = re.compile(r"\b(?:[Oo]ur|[Tt]he proposed)\s+(?:proposed\s+|new\s+|novel\s+|resulting\s+)?" + _HEADS
                  + r",?\s+" + _NAME + r"(?=[\s,.;:()]|$)"
                  r"|\b(?:[Tt]he|[Oo]ur) resulting\s+(?:" + _HEADS + r",?\s+)?" + _NAME.replace("name", "name2")
                  + r"(?=[\s,.;:()]|$)")
_NOVEL_APPOSITION = re.compile(_NAME + r",\s+(?:a|an|our)\s+"
                               r"(?:novel|new|simple|first|unified|general|efficient|lightweight|open)\b")
# "we train Foo-2-7B, a hybrid mixture-of-experts model": a new model named by its training run
_TRAINED_NEW = re.compile(r"\b(?:[Ww]e|[Hh]ere,? we|and)\s+(?:also\s+)?(?:pre-?)?train\s+(?:" + _NAME
                          + r",\s+(?:a|an|our)\s+(?:[\w\-]+,?\s+){0,6}?(?:model|LLM|LM|VLM|network)s?\b"
                          r"|(?:a|an)\s+(?:[\w\-]+\s+){0,4}?(?:model|LLM|LM|VLM|network),\s+"
                          + _NAME.replace("name", "name2") + r"(?=[\s,.;:()]|$))")
_PASSIVE_AFTER = re.compile(r"^\)?\s*(?:[a-z\-]+\s+){0,2}(?:is|are)\s+(?:newly\s+|thus\s+|hence\s+)?"
                            r"(?:proposed|introduced|presented|developed)\b")


def _inner_capital_or_digit(name: str) -> bool:
    """Written as a name, not a word: "Maze-Extreme", "GridLogic2", not "Table" or "Monday"."""
    return any(c.isupper() for c in name[1:]) or any(c.isdigit() for c in name)


def _name_like(name: str) -> bool:
    """A word group that reads as a name rather than prose."""
    words = name.split()
    if not words or len(words) > 3:
        return False
    first = words[0]
    if first.lower() in _STOP or name_key(name) in GENERIC_KEYS or name_key(first) in GENERIC_KEYS:
        return False
    if len(name) < 2 or (len(words) == 1 and first.lower().endswith("ly") and first[1:].islower()):
        return False  # "Recently", "Secondly": sentence adverbs, not names
    if not any(c.isalpha() for c in name) or ("-" in first and _MEASURE.match(first)):
        return False  # "1.2-trillion-token": an amount
    if len(words) == 1:
        inner_upper = any(c.isupper() for c in first[1:])
        return inner_upper or any(c.isdigit() for c in first) or "-" in first or first[0].isupper()
    return all(w[0].isupper() or w[0].isdigit() for w in words)


_TITLE_PHRASE_END = re.compile(r"\s+(?:for|of|with|via|in|on|from|by|to|as|and|without|towards?|through|using|"
                               r"exists?|is|are|improves?|enables?|makes?|meets?)\s+|[:,?!]", re.IGNORECASE)


def title_phrase(title: str, heads: frozenset[str]) -> str | None:
    """The method a plain title opens with: "Stacked Hourglass Networks for …" → "Stacked Hourglass Networks".

    Only a short noun phrase that ends in a method word (``heads``) counts, and
    not one that opens with a verb ("Scaling …", "Improving …").

    >>> title_phrase("Covariance Pooling for Facial Expression Recognition", frozenset({"pooling"}))
    'Covariance Pooling'
    >>> title_phrase("Improving Pooling for Faces", frozenset({"pooling"})) is None
    True
    """
    phrase = _TITLE_PHRASE_END.split(title.strip(), maxsplit=1)[0].strip()
    words = phrase.split()
    if not 2 <= len(words) <= 4 or words[0].lower().endswith("ing") or words[0].lower() in _STOP:
        return None
    if not all(w[0].isupper() or w[0].isdigit() for w in words):
        return None
    last = re.sub(r"[^a-z]", "", words[-1].lower())
    if last not in heads and last.rstrip("s") not in heads:
        return None
    return phrase


_REPORT_TITLE = re.compile(r"^(?:The\s+)?(" + _WORD + r"(?: (?!Tech|Model Card|System Card)" + _WORD + r")?)\s+(?:Technical Report|Tech(?:nical)? Report|"
                           r"Model Card|System Card|Report)\s*$", re.IGNORECASE)
# "Xmodel-2 is a 1.2-billion-parameter language model": a sentence that opens by defining a name
SUBJECT_DEFINED = re.compile(_NAME + r"\s+(?:is|are)\s+(?:a|an|the|our)\s+")


def title_name(title: str) -> str | None:
    """The name a title gives before its colon: ``Lawma: The Power of …`` → ``Lawma``.

    >>> title_name("Birdie: Advancing State Space Models"), title_name("Fine-tuning large models: a study")
    ('Birdie', None)
    >>> title_name("Xmodel-2 Technical Report")
    'Xmodel-2'
    """
    report = _REPORT_TITLE.match(title.strip())
    if report:
        return report.group(1)
    head, sep, _ = title.partition(":")
    head = head.strip()
    if not sep or not head or len(head) > 40:
        return None
    words = head.split()
    if len(words) > 3:
        return None
    if len(words) > 1 and not all(w[0].isupper() or w[0].isdigit() for w in words):
        return None
    if len(words) > 1 and not any(_inner_capital_or_digit(w) for w in words):
        return None  # "Beyond Words", "Many Hands": title case, not a name
    if words[0].lower() in _STOP or name_key(head) in GENERIC_KEYS or head.lower() in _GENRE_HEADS:
        return None  # "Position: …", "Survey: …": the kind of paper, not a name
    return head


_GENRE_HEADS = frozenset([
    "position", "perspective", "survey", "review", "tutorial", "overview", "editorial", "commentary", "opinion",
    "keynote", "preprint", "report", "technical report", "white paper", "whitepaper", "case study", "erratum",
    "corrigendum", "retraction", "viewpoint", "primer", "roadmap", "manifesto",
])


_SUBTITLE_STOP = re.compile(r"\s+(?:for|of|with|to|in|on|via|as|from|by|and|that|through|towards?|beyond|at)\s+|[,:;]")


def subtitle_type(title: str) -> EntityType | None:
    """What a title says its named thing is: "X: A Benchmark for …" → Benchmark.

    Only a subtitle that opens with a noun phrase counts; "X: Advancing State
    Space Models" describes a goal, not X.

    >>> subtitle_type("Vista: A Generalizable Driving World Model with High Fidelity")
    <EntityType.MODEL: 'Model'>
    >>> subtitle_type("Birdie: Advancing State Space Models with Reward-Driven Objectives") is None
    True
    """
    _, sep, sub = title.partition(":")
    if not sep:
        return None
    phrase = _SUBTITLE_STOP.split(sub.strip(), maxsplit=1)[0].split()
    if not phrase or phrase[0].lower().endswith("ing") or phrase[0].lower() in ("how", "why", "what", "when"):
        return None
    return head_type(phrase[-1:])


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


_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z0-9])|\n")


def proposal_spans(t: str) -> list[tuple[int, int, bool]]:
    """Names the text says it introduces: (start, end, right after the verb).

    The flag tells a name that follows its verb directly ("we present OLMo 2")
    from one found after a description ("we introduce a new benchmark, X").

    >>> t = 'We introduce a new benchmark, FooBench, and a method termed "bar tuning".'
    >>> [(t[s:e], direct) for s, e, direct in proposal_spans(t)]
    [('FooBench', False), ('bar tuning', True)]
    """
    spans = []
    for m in _PROPOSAL.finditer(t):
        s, e = _trim_name(t, *m.span("name"))
        desc = m.group("desc").strip().lower()
        direct = desc in ("", "a", "an", "the", "our")
        if _name_like(t[s:e]):
            spans.append((s, e, direct))
    for m in _NAMED.finditer(t):
        if m.group("quoted"):
            s, e = m.span("quoted")
            spans.append((s, e, True))
            continue
        s, e = _trim_name(t, *m.span("name"))
        if _name_like(t[s:e]):
            spans.append((s, e, True))
    for m in _TRAINED_NEW.finditer(t):  # not "direct": a known model trained again is not new
        s, e = _trim_name(t, *m.span("name" if m.group("name") else "name2"))
        if _name_like(t[s:e]):
            spans.append((s, e, False))
    sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(t)]
    appositions = filter(None, (_NOVEL_APPOSITION.match(t, s) for s in sentence_starts))
    for matches in (_OUR.finditer(t), appositions):
        for m in matches:
            group = "name" if m.group("name") else "name2"
            s, e = _trim_name(t, *m.span(group))
            if _name_like(t[s:e]):
                spans.append((s, e, group == "name"))
    return sorted(set(spans))


def said_to_be_proposed(t: str, end: int) -> bool:
    """"… (MCL) method is proposed": the passive voice of a proposal."""
    return bool(_PASSIVE_AFTER.match(t[end:end + 60]))


# --------------------------------------------------------------------------- typing

HEAD_TYPES = {
    "benchmark": B, "benchmarks": B, "bench": B, "testbed": B, "leaderboard": B, "suite": B,
    "evaluation": B, "test": B, "challenge": B,
    "dataset": D, "datasets": D, "corpus": D, "corpora": D, "collection": D, "data": D,
    # what a training set is counted in: "X, 12K trajectories for fine-tuning"
    "trajectories": D, "demonstrations": D, "conversations": D, "dialogues": D, "instructions": D,
    "model": M, "models": M, "llm": M, "llms": M, "lm": M, "lms": M, "mllm": M, "vlm": M,
    "checkpoint": M, "checkpoints": M, "assistant": M, "chatbot": M,
    "family": M, "series": M,
    "method": T, "approach": T, "framework": T, "algorithm": T, "technique": T, "strategy": T,
    "methods": T, "approaches": T, "frameworks": T, "algorithms": T, "techniques": T, "strategies": T,
    "loss": T, "objective": T, "mechanism": T, "architecture": T, "module": T, "paradigm": T,
    "procedure": T, "recipe": T, "pipeline": T, "scheme": T, "optimizer": T, "attack": T,
    "training": T, "tuning": T, "decoding": T, "prompting": T, "regularization": T,
    "layer": T, "network": T, "networks": T, "technique.": T, "system": T, "agent": T,
}


QUANTIFIERS = frozenset("""collection set suite family families series pair number variety range class
group mixture combination kind type sequence ensemble list""".split())


def head_type(words: list[str]) -> EntityType | None:
    """The type that the nearest telling noun gives: "a benchmark", "models", "method"."""
    for w in words:
        ty = HEAD_TYPES.get(w.lower().strip(",.;:()"))
        if ty is not None:
            return ty
    return None


# --------------------------------------------------------------------------- lists

_ITEM = rf"{_WORD}(?: {_WORD}){{0,2}}"
# 350GB, 7B, 4k, 8K-sequence, 52-billion-parameter: amounts, not names
_MEASURE = re.compile(r"^\d+(?:\.\d+)?[A-Za-z]{0,3}(?:-[a-z]+)*$")
_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*/\s*)"
_LIST = rf"(?P<list>{_ITEM}(?:{_SEP}(?:the\s+)?{_ITEM}){{0,8}})"
_CONNECTOR = re.compile(r"(?:\b(?:such as|including|like|e\.g\.,?|namely|for example,?|for instance,?|i\.e\.,?)"
                        r"| [-–—]|:) +(?:the +)?")
_NOUN_BEFORE = re.compile(r"(?P<noun>(?:[\w\-]+\s+){0,2}?[\w\-]+)\s*,?\s*\(?\s*$")
_LIST_AT = re.compile(_LIST)
_TYPE_NOUN = re.compile(r"\b(?:models?|LLMs?|LMs?|benchmarks?|datasets?|corpora|corpus|model famil(?:y|ies)|"
                        r"checkpoints?|baselines?)\b")
_LIST_BEFORE = re.compile(_LIST + r"\s+$")
_EVAL_WORDS = re.compile(r"\b(?:evaluat\w*|test\w*|benchmark\w*|accuracy|results?|performance|score\w*)\b",
                         re.IGNORECASE)


def _list_type(noun_words: list[str], sentence: str) -> EntityType | None:
    ty = head_type(list(reversed(noun_words)))
    if ty == D and _EVAL_WORDS.search(sentence):
        return B  # datasets named where results are reported are benchmarks
    if ty in (M, B, D, T):
        return ty
    return None


def _enumerations(t: str, start: int):
    """(kind, noun, list start, list end, where) of each "N such as A, B and C" and "A and B N"."""
    for m in _CONNECTOR.finditer(t, start):
        if not t[m.end():m.end() + 1].isupper() and not t[m.end():m.end() + 1].isdigit():
            continue  # a list of names starts with one
        before = _NOUN_BEFORE.search(t[max(start, m.start() - 40):m.start()])
        lst = _LIST_AT.match(t, m.end())
        if before and lst:
            yield "intro", before.group("noun"), lst.start(), lst.end(), m.start()
    for m in _TYPE_NOUN.finditer(t, start):
        word_start = t.rfind(" ", start, max(start, m.start() - 1)) + 1
        if not (t[word_start:word_start + 1].isupper() or t[word_start:word_start + 1].isdigit()):
            continue  # "language models": no name just before the noun
        window_start = max(start, m.start() - 120)
        lst = _LIST_BEFORE.search(t, window_start, m.start())
        if lst:
            yield "trailing", m.group(), lst.start("list"), lst.end("list"), m.start()


def _sentence_initial(t: str, s: int) -> bool:
    before = t[max(0, s - 3):s].rstrip(" (\"'“")
    return not before or before[-1] in ".!?:\n" or (before[-1] == ")" and before[-2:-1].isdigit())


def listed_names(text: Text, taken: list[tuple[int, int]], start: int = 0) -> list[Candidate]:
    """New names in an enumeration typed by its noun: "models such as X, Y and Z", "the A and B datasets".

    Only text from ``start`` on is read: a title's Title Case would read as names.
    """
    t = text.text
    covered = _Coverage(taken)
    out: list[Candidate] = []
    for kind, noun, ls, le, at in _enumerations(t, start):
        sent_start = max(t.rfind(". ", 0, at) + 2, 0)
        sent_end = t.find(". ", at)
        sentence = t[sent_start:sent_end if sent_end > 0 else len(t)]
        ty = _list_type(noun.split(), sentence)
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
            out.append(Candidate(s, e, name, ty, "listed", 0.65))
            covered.add(s, e)
    return out


_LIST_RUN = re.compile(_LIST)
_ON_BEFORE = re.compile(r"\b(?:on|using)\s+(?:the\s+)?$")
_SEP_AT = re.compile(_SEP)


def list_mates(text: Text, found: list[Candidate], start: int = 0) -> list[Candidate]:
    """New names coordinated with known ones of one type: "on GSM8K, MATH and Foo-Hard" makes Foo-Hard a benchmark.

    Only in lists of three or more where at least two items are known, all of
    one type (benchmark, dataset or model), and only items written as names
    (an inner capital or a digit): "on GSM8K, MATH and Table" stays prose.
    """
    t = text.text
    out: list[Candidate] = []
    for m in _LIST_RUN.finditer(t, start):
        ls, le = m.span("list")
        bounds = [ls] + [x for sep in _SEP_AT.finditer(t, ls, le) for x in sep.span()] + [le]
        segments = [(a + 4 if t.startswith("the ", a) else a, b) for a, b in zip(bounds[::2], bounds[1::2])]
        pair = (len(segments) == 2 and bool(_ON_BEFORE.search(t, max(0, ls - 8), ls))
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
        if (len(known) < (1 if len(segments) == 2 else 2) or len(set(known)) != 1 or known[0] not in (B, D, M)
                or len(unknown) > len(known)):
            continue
        for s, e in unknown:
            name = t[s:e]
            if (_inner_capital_or_digit(name) and _name_like(name) and name_key(name) not in GENERIC_KEYS
                    and not _MEASURE.match(name)):
                out.append(Candidate(s, e, name, known[0], "list-mate", 0.6))
    return out


# "45% on Sudoku-Extreme", "accuracy on MedCalc-Bench", "pass@1 on CodeArena-X": where a score is reported.
# Found from each "on <Name>", then the score looked for just before it (one pass of a cheap pattern).
_ON_NAME = re.compile(r"\bon\s+(?:the\s+)?(?:challenging\s+|popular\s+|recent\s+)?(?P<name>" + _WORD + r")")
_SCORE_BEFORE = re.compile(
    r"(?:\d\s?%|\bpoints?|\baccuracy|\bscores?|\bpass@\d+|\bF1|\bEM|\bBLEU|\bROUGE(?:-\w+)?|"
    r"\bwin[- ]rates?|\bSOTA|\bstate[- ]of[- ]the[- ]art(?:\s+results?|\s+performance)?)\s+(?:\w+\s+){0,2}?$")


def scored_names(text: Text, taken: list[tuple[int, int]], start: int = 0) -> list[Candidate]:
    """A new name written as one (inner capital, digit) right where a score is reported on it: a benchmark."""
    t = text.text
    covered = _Coverage(taken)
    out = []
    for m in _ON_NAME.finditer(t, start):
        if not _SCORE_BEFORE.search(t, max(0, m.start() - 40), m.start()):
            continue
        s, e = m.span("name")
        name = t[s:e]
        if (covered.hits(s, e) or not _inner_capital_or_digit(name) or not _name_like(name) or _MEASURE.match(name)
                or name_key(name) in GENERIC_KEYS or names.is_size(name)):
            continue
        out.append(Candidate(s, e, name, B, "score-on", 0.6))
        covered.add(s, e)
    return out


# --------------------------------------------------------------------------- objects

_OBJECT = re.compile(
    r"\b(?:fine-?tun(?:e|es|ed|ing)|finetun(?:e|es|ed|ing)|instruction-tun(?:e|es|ed|ing)|post-train(?:s|ed|ing)?|"
    r"distill\w*\s+(?:[\w\-]+\s+){0,3}?into|prompt(?:s|ed|ing)?|quer(?:y|ies|ied|ying))\s+(?:the\s+|a\s+)?"
    r"(?P<name>" + _WORD + r")"
)


# "we evaluate Orion-3 and Vela 2.5 on …": versioned names the paper evaluates are models
_EVALUATED = re.compile(r"\b(?:evaluat(?:e|es|ed|ing)|benchmark(?:s|ed|ing)|prob(?:e|es|ed|ing)|"
                        r"compar(?:e|es|ed|ing))\s+(?:the\s+)?" + _LIST)
_VERSIONED = re.compile(r"[A-Z][A-Za-z]+(?:[- ]v?\d+(?:\.\d+)*)(?:[- ][A-Z][a-z]+)?")


def object_names(text: Text, taken: list[tuple[int, int]]) -> list[Candidate]:
    """A new name right after "fine-tune", "prompt", "distill … into": a model; and versioned names evaluated."""
    t = text.text
    covered = _Coverage(taken)
    out = []
    for m in _OBJECT.finditer(t):
        s, e = m.span("name")
        name = t[s:e]
        if covered.hits(s, e) or not _inner_capital_or_digit(name) or not _name_like(name) or _MEASURE.match(name):
            continue
        out.append(Candidate(s, e, name, M, "object", 0.6))
        covered.add(s, e)
    for m in _EVALUATED.finditer(t):
        ls = m.start("list")
        for item in re.finditer(_ITEM, m.group("list")):
            s, e = _trim_name(t, ls + item.start(), ls + item.end())
            name = t[s:e]
            if (not _VERSIONED.fullmatch(name) or covered.hits(s, e) or not _name_like(name)
                    or name_key(name) in GENERIC_KEYS):
                continue
            out.append(Candidate(s, e, name, M, "object", 0.55))
            covered.add(s, e)
    return out


# "CodeRiver, a new suite of …", "ForgeMix, our instruction dataset": a name and the kind it is
_TYPED_APPOSITION = re.compile(
    _NAME + r",\s+(?P<det>a|an|our)\s+(?P<adj>(?:(?!(?:for|of|with|to|in|on|by|that|which)\b)[\w\-]+\s+){0,3}?)"
    r"(?P<head>benchmark|suite|testbed|leaderboard|dataset|corpus|model|LLM|VLM|language model)s?"
    r"(?=\s*(?:[,.;:()]|(?:of|for|with|that|which|in|on|to|and|from|built|designed|trained|covering)\b))")


_APPOSITION_SITE = re.compile(r",\s+(?:a|an|our)\s")  # in every match of _TYPED_APPOSITION, after the name


def _typed_apposition_matches(t: str, start: int) -> Iterator[re.Match]:
    """``_TYPED_APPOSITION.finditer(t, start)``, in linear time.

    finditer would try the pattern at every position, and from each one inside
    a long hyphen chain or capitalised run ("A-A-A-…", "AbCdEf…") its name
    part scans to the run's end: quadratic.  A match's name (at most three
    words, single spaces) ends at a comma before "a/an/our", so only the
    positions just before such a comma are tried, in order: the same matches.
    """
    pos = start
    for site in _APPOSITION_SITE.finditer(t, start):
        comma = site.start()
        first, spaces = comma, 0  # the earliest start: at most two spaces, no other space, before the comma
        while first > pos and not (t[first - 1].isspace() and (t[first - 1] != " " or spaces == 2)):
            spaces += t[first - 1] == " "
            first -= 1
        for p in range(max(pos, first), comma):
            m = _TYPED_APPOSITION.match(t, p)
            if m:
                yield m
                pos = m.end()
                break


_RELEASED_BEFORE = re.compile(r"\b(?:we|by)\s+(?:\w+\s+){0,2}?(?:collect|shar|releas|build|construct|creat|curat|"
                              r"introduc|propos|develop|present|compil|assembl)(?:e|es|ed|ing)?\s+$", re.IGNORECASE)


def typed_appositions(text: Text, taken: list[tuple[int, int]], start: int = 0) -> list[Candidate]:
    """A name written as one (inner capital or digit), then ", a … benchmark/dataset/model"."""
    t = text.text
    covered = _Coverage(taken)
    out = []
    for m in _typed_apposition_matches(t, start):
        s, e = _trim_name(t, *m.span("name"))
        name = t[s:e]
        if covered.hits(s, e) or not _inner_capital_or_digit(name) or not _name_like(name) or _MEASURE.match(name):
            continue
        ty = HEAD_TYPES.get(m.group("head").split()[-1].lower(), M)
        new = (m.group("det") == "our" or bool(re.search(r"\b(?:new|novel)\b", m.group("adj")))
               or bool(_RELEASED_BEFORE.search(t, max(0, s - 40), s)))
        out.append(Candidate(s, e, name, ty, "apposition", 0.6, proposed=new))
        covered.add(s, e)
    return out
