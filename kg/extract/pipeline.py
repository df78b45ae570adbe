"""The spaCy pipeline: ``spacy.blank("en")`` + sentencizer + two components.

``mlkg_names``      runs the recognisers of :mod:`kg.extract.recognise` and
                    puts the surviving spans in ``doc.spans["mlkg"]``, each with
                    its :class:`Candidate` in ``span._.mlkg``.
``mlkg_relations``  gives every span a predicate from the cues of
                    :mod:`kg.extract.relations` (``span._.mlkg_predicate``).

A paper is processed as one ``Doc``: its title, a newline, its abstract; the
title is always a sentence of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from kg import catalogue as catalogue_mod
from kg.catalogue import Catalogue, name_key
from kg.extract import recognise as rec
from kg.extract.decide import LinearModel, decide
from kg.extract.features import group_features
from kg.extract.phrases import method_phrases
from kg.extract.recognise import Candidate, Text
from kg.extract.relations import Occurrence, classify, paper_context, strongest, taken_up
from kg.model import EntityType, Evidence, Mention, Predicate

SPAN_KEY = "mlkg"
CANDIDATES = "mlkg_candidates"  # doc.user_data key: the spans' candidates, in span order
CONTEXT = "mlkg_context"  # doc.user_data key: the paper's PaperContext
FEATURES = "mlkg_features"  # doc.user_data key: a list that collects (mention, features) when present

if not Span.has_extension("mlkg"):
    Span.set_extension("mlkg", default=None)
# Read-only views of what the relation tagger decided, for anyone inspecting a Doc.
for _name, _attr in (("mlkg_predicate", "predicate"), ("mlkg_rule", "relation_rule"),
                     ("mlkg_confidence", "relation_confidence")):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=lambda span, a=_attr: getattr(span._.mlkg, a, None))
if not Doc.has_extension("title_end"):
    Doc.set_extension("title_end", default=0)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get("mlkg_text")
    if text is None:
        text = doc.user_data["mlkg_text"] = doc.text
    return text


def sentence_table(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of every sentence, read in one pass over C arrays."""
    from spacy.attrs import IDX, SENT_START

    arr = doc.to_array([SENT_START, IDX])
    starts = arr[arr[:, 0] == 1, 1].tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = starts[1:] + [len(doc_text(doc))]
    return list(zip(starts, ends))

RULE_RANK = {"catalogue": 0, "variant": 1, "compound": 2, "model-shape": 3, "bench-shape": 3,
             "acronym": 4, "acronym-unsure": 4, "proposal": 5,
             "listed": 6, "list-mate": 6, "score-on": 6, "object": 6, "apposition": 6, "repeat": 7}
# Names found by a pattern, not the catalogue: each is looked for again everywhere in its paper,
# and one the title carries is the paper's own.
NEW_NAME_RULES = frozenset({"model-shape", "bench-shape", "acronym", "acronym-unsure", "proposal",
                            "listed", "list-mate", "score-on", "object", "apposition"})


# --------------------------------------------------------------------------- names

@Language.factory("mlkg_names", default_config={"catalogue_dir": None})
def make_names(nlp: Language, name: str, catalogue_dir: str | None) -> "NameRecognizer":
    cat = catalogue_mod.load(catalogue_dir) if catalogue_dir else catalogue_mod.default()
    return NameRecognizer(cat)


class NameRecognizer:
    """Data-driven like spaCy's EntityRuler: the catalogue is its only knowledge."""

    def __init__(self, catalogue: Catalogue, patterns: bool = True):
        self.catalogue = catalogue
        self.patterns = patterns
        self.open_vocab = False  # lower-case method phrases: only where a learned decider filters them

    def __call__(self, doc: Doc) -> Doc:
        candidates = find_candidates(doc_text(doc), doc._.title_end, self.catalogue, self.patterns,
                                     self.open_vocab)
        spans, kept = [], []
        for cand in candidates:
            span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            if span is None:
                continue
            span._.mlkg = cand
            spans.append(span)
            kept.append(cand)
        doc.spans[SPAN_KEY] = spans
        doc.user_data[CANDIDATES] = kept  # the same objects, without re-creating Spans to read them
        return doc


def find_candidates(text: str, title_end: int, catalogue: Catalogue, patterns: bool = True,
                    open_vocab: bool = False) -> list[Candidate]:
    """Every name in a paper's text, overlaps resolved, aliases and proposals linked."""
    tx = Text(text)
    found = rec.known_names(tx, catalogue, title_end)
    if not patterns:
        return _without_overlaps(found)
    found += rec.shaped_names(tx, [(c.start, c.end) for c in found], catalogue, title_end)
    found = _without_overlaps(found)
    found = _link_acronyms(text, title_end, found)
    found = _without_overlaps(found + rec.listed_names(tx, [(c.start, c.end) for c in found], title_end))
    found = _without_overlaps(found + rec.object_names(tx, [(c.start, c.end) for c in found]))
    found = _without_overlaps(found + rec.typed_appositions(tx, [(c.start, c.end) for c in found], title_end))
    found = _without_overlaps(found + rec.list_mates(tx, found, title_end))
    found = _without_overlaps(found + rec.scored_names(tx, [(c.start, c.end) for c in found], title_end))
    found = _link_proposals(text, title_end, found)
    if open_vocab:
        found = _without_overlaps(found + method_phrases(tx, [(c.start, c.end) for c in found], title_end))
    spread: set[str] = set()
    for cand in [c for c in found if c.rule in NEW_NAME_RULES]:
        if cand.text not in spread:  # a name already spread has taken every spot it could
            spread.add(cand.text)
            found = _add_everywhere(text, found, cand)
    urls = _url_spans(text)
    if urls:  # "github.com/HumanEval-V/HumanEval-V-Benchmark": a path, not a mention
        found = [c for c in found if not any(s < c.end and c.start < e for s, e in urls)]
    return _without_overlaps(found)


_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,6}/\S*")  # not "GPT-3.5/4"
_TOKEN = re.compile(r"\S+")


def _url_spans(text: str) -> list[tuple[int, int]]:
    """``_URL``'s matches, in linear time: it is tried only on the words holding "/" or "www.".

    A match never holds a space, and always a "/" or "www."; run over the whole
    text, the pattern would rescan a long hyphenated run from each of its
    words (quadratic), though it can never match there.
    """
    spans = []
    for word in _TOKEN.finditer(text):
        w = word.group()
        if "/" in w or "www." in w:
            spans.extend(m.span() for m in _URL.finditer(text, word.start(), word.end()))
    return spans


def _without_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Longest span first, then the most trusted rule."""
    ranked = sorted(cands, key=lambda c: (-c.length, RULE_RANK.get(c.rule, 9), c.start))
    kept: list[Candidate] = []
    taken = rec._Coverage([])  # sorted spans and a binary search, not a look at every kept one
    for c in ranked:
        if taken.hits(c.start, c.end):
            continue
        kept.append(c)
        taken.add(c.start, c.end)
    return sorted(kept, key=lambda c: c.start)


def _overlapping(cands: list[Candidate], s: int, e: int) -> Candidate | None:
    """The candidate whose span (or defined long form) overlaps ``[s, e)`` most."""
    best, best_overlap = None, 0
    for c in cands:
        spans = [(c.start, c.end)] + ([c.long_span] if c.long_span else [])
        for a, b in spans:
            overlap = min(b, e) - max(a, s)
            if overlap > best_overlap:
                best, best_overlap = c, overlap
    return best


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of a surface form (a final plural -s allowed)."""
    if not surface.strip():
        return []
    out, n, at = [], len(surface), text.find(surface)
    while at >= 0:
        before = text[at - 1:at]
        after = text[at + n:at + n + 2]
        if after[:1] == "s":
            after = after[1:]
        if not (before.isalnum() or before in "-_") and not (after[:1].isalnum() or after[:1] == "_"
                                                              or (after[:1] == "-" and after[1:2].isalnum())):
            out.append((at, at + n))
        at = text.find(surface, at + n)
    return out


def _add_everywhere(text: str, found: list[Candidate], template: Candidate) -> list[Candidate]:
    """A new name found once is the same name everywhere else in the paper."""
    out = list(found)
    spots = _occurrences(text, template.text)
    if len(spots) < 2:
        return out
    taken = rec._Coverage([(c.start, c.end) for c in out])
    for s, e in spots:
        if taken.hits(s, e):
            continue
        taken.add(s, e)
        out.append(Candidate(s, e, template.text, template.type, "repeat", template.confidence,
                             entry_id=template.entry_id, base=template.base, suffixes=template.suffixes,
                             proposed=template.proposed))
    return out


_METHOD_HEADS = rec.read_lines("method_heads.txt")
_NOT_METHOD_HEADS = rec.read_lines("not_method_heads.txt")


# "we present a new Long Form (LF)": the verb before a definition makes it the paper's own
# "we propose a Reinforcement Learning (RL) based algorithm": the acronym qualifies what is proposed
_MODIFIER_AFTER = re.compile(r"\)?\s*-?\s*(?:based(?!\s+(?:on|upon)\b)|driven|guided|style|like|inspired|enhanced|"
                             r"powered|aware|oriented|assisted|augmented)\b(?!\s+(?:on|upon|by)\b)", re.IGNORECASE)
_PROPOSED_BEFORE = re.compile(
    r"\b(?:we|our (?:study|work|paper)|this (?:paper|work|study))\s+(?:\w+ly\s+)?(?:\w+\s+to\s+)?"
    r"(?:propose|present|introduce|develop|design|devise|call|term|name|dub)(?:s|d|ed)?\s+"
    r"(?:(?:a|an|the|our)\s+)?(?:(?:new|novel|simple|general|unified|efficient|effective)\s+)?"
    r"(?:[\w\-]+\s+){0,2}?$", re.IGNORECASE)
# "we adopt Long Form (LF)": a method the paper uses, whatever its head word
_USED = re.compile(r"\b(?:we|our)\s+(?:\w+\s+){0,2}?(?:use|uses|adopt|adopts|apply|applies|employ|employs|"
                   r"leverage|leverages|incorporate|incorporates|follow|follows|build on|rely on|extend|extends)"
                   r"\s+(?:\w+\s+){0,3}?$", re.IGNORECASE)


def _head(long_form: str) -> str:
    words = re.findall(r"[^\W\d_]+", long_form.lower())
    if not words:
        return ""
    last = words[-1]
    return last[:-1] if last.endswith("s") and last[:-1] in _METHOD_HEADS | _NOT_METHOD_HEADS else last


def _link_acronyms(text: str, title_end: int, found: list[Candidate]) -> list[Candidate]:
    """``Long Form (LF)``: one entity with both names, new or known."""
    out = list(found)
    for ls, le, ss, se in rec.acronym_pairs(text):
        long_form, short = text[ls:le], text[ss:se]
        c_short = _overlapping(out, ss, se)
        c_short = c_short if c_short and c_short.start <= ss and se <= c_short.end else None
        c_long = next((c for c in out if ls <= c.start and c.end <= le and c.length >= (le - ls) * 0.6), None)
        if c_long is not None and _names_more_than(c_long, ls, le, c_short):
            # "dynamic low-rank adaptation (DyLoRA)": the short form names the whole long form, a thing
            # of its own that contains the known one, never an alias of it
            out.remove(c_long)
            c_long = None
        if c_short and c_long and c_short is not c_long:
            if c_short.entry_id and c_long.entry_id and c_short.entry_id != c_long.entry_id:
                continue  # two different known entries are two things
            c_short.aliases.append(long_form)
            c_long.aliases.append(short)
            continue
        known = c_short or c_long
        if known is not None:
            known.aliases.append(long_form if known is c_short else short)
            known.long_span = known.long_span or (ls, le)
            continue
        if name_key(short) in rec.GENERIC_KEYS or name_key(long_form) in rec.GENERIC_KEYS:
            continue
        head = _head(long_form)
        if head in _NOT_METHOD_HEADS or len(long_form.split()) > 8:
            continue
        ty = _type_from_context(text, ls, se + 1, EntityType.TECHNIQUE, long_form)
        cand = Candidate(ss, se, short, ty, "acronym", 0.7, aliases=[long_form], long_span=(ls, le))
        # An acronym only we define is kept if it names a method or the paper introduces it.
        cand.proposed = ((rec.said_to_be_proposed(text, se) or bool(_PROPOSED_BEFORE.search(text, max(0, ls - 90), ls)))
                         and not _MODIFIER_AFTER.match(text, se))
        if (ty == EntityType.TECHNIQUE and head not in _METHOD_HEADS and not cand.proposed
                and not _USED.search(text[max(0, ls - 60):ls])):
            cand.rule = "acronym-unsure"  # decided after proposals are known
        out = [c for c in out if not (c.start < le and ls < c.end)]
        out.append(cand)
    return out


def _names_more_than(c_long: Candidate, ls: int, le: int, c_short: Candidate | None) -> bool:
    """A known name inside a longer defined long form, whose short form is not that known name."""
    if not c_long.entry_id or (c_short is not None and c_short.entry_id == c_long.entry_id):
        return False
    return c_long.start > ls or c_long.end < le


_CALLED = re.compile(r"\b(?:called|termed|dubbed|coined|we name|we call)\s+(?:as\s+)?[\"“']?$")
_PAREN_ACRONYM = re.compile(r"[\w\-]*(?:\s+[\w\-]+){0,6}?\s*\((?:or |aka |a\.k\.a\. )?(?P<acr>[A-Z][A-Za-z0-9\-]{1,11})\)")


_SENTENCE_START = re.compile(r"[.!?]\s+(?=[A-Z0-9])")
_PLACE_WORDS = {"at", "on", "for", "in", "with", "using", "via", "from", "to", "of", "beyond", "across", "than", "vs"}


def _in_title_as_subject(title: str, name: str) -> bool:
    """The title carries ``name`` itself, not as the object of a preposition."""
    if len(name_key(name)) < 4:
        return False
    for m in re.finditer(r"(?<![\w\-])" + re.escape(name) + r"(?![\w])", title):
        before = title[:m.start()].split()
        if not before or before[-1].lower().strip(",:;(") not in _PLACE_WORDS:
            return True
    return False


def _proposed_variants(text: str, found: list[Candidate]) -> list[Candidate]:
    """"OpenBezoar-SFT", "OpenBezoar-HH-RLHF-DPO": hyphenated variants of a model the paper introduces."""
    bases = {c.text for c in found if c.proposed and c.type == EntityType.MODEL and c.entry_id is None
             and " " not in c.text and len(c.text) >= 3}
    out = list(found)
    for base in sorted(bases):
        for m in re.finditer(r"(?<![\w\-])" + re.escape(base) + r"((?:-[A-Za-z0-9][\w.]*)+)", text):
            s, e = m.span()
            if any(c.start <= s and e <= c.end and c.length > len(base) for c in out):
                continue
            out = [c for c in out if not (c.start < e and s < c.end)]
            out.append(Candidate(s, e, m.group(), EntityType.MODEL, "compound", 0.75, base=base,
                                 suffixes=(m.group(1).lstrip("-"),), proposed=True))
    return out


def _defined_acronym(text: str, s: int, e: int) -> tuple[int, int | None]:
    """A proposed name followed in the same phrase by "(ACR)": extend to it.

    Returns the new end (after the parenthesis) and where the acronym starts.
    """
    m = _PAREN_ACRONYM.match(text, e)
    if not m or any(c in text[e:m.start("acr")] for c in ",.;:"):
        return e, None
    acr = m.group("acr")
    if sum(c.isupper() for c in acr) * 2 < sum(c.isalpha() for c in acr):
        return e, None  # "(FILl-in-the-Middle)" spells a name out; it is not an acronym
    return m.end(), m.start("acr")


# The words that describe a name right after it, up to the first clause word or punctuation.
_DESCRIPTION = re.compile(
    r"\)?\s*(?:,|\(|is|are|:|-{1,2}|—)?\s*(?:(?:a|an|the|our)\s+)?"
    r"(?P<words>(?:(?!(?:for|that|which|with|to|in|on|by|designed|trained|built|based|using|where|and|such|like|"
    r"including|e\.g)\b)"
    r"[\w\-.]+\s*){1,8})"
)


def _described_type(text: str, e: int) -> EntityType | None:
    """"X, a benchmark for …", "X is a 1.2B-parameter language model", "X (a family of models)", "X benchmark"."""
    phrase = _DESCRIPTION.match(text, e, min(len(text), e + 100))
    if not phrase:
        return None
    words = re.split(r"[.!?](?:\s|$)|\s(?:--|—|–)\s", phrase.group("words"))[0].split()  # not past the clause
    for k, word in enumerate(words):
        if word == "of" and k > 0:
            if words[k - 1].lower() in rec.QUANTIFIERS:  # "a family of models": the noun after it counts
                return rec.head_type(words[k + 1:]) or rec.head_type(list(reversed(words)))
            # "a benchmark of 5,000 question pairs", "80B tokens of code": the noun before "of" heads it
            if words[k - 1].lower() in ("tokens", "documents"):
                return EntityType.DATASET
            return rec.head_type(list(reversed(words[:k]))) or rec.head_type(list(reversed(words)))
    return rec.head_type(list(reversed(words)))


def _noun_before_type(text: str, s: int) -> EntityType | None:
    """"our best dataset DFN-5B": the kind named right before a name."""
    m = re.search(r"(\w+)\s+$", text[max(0, s - 30):s])
    return rec.head_type([m.group(1)]) if m else None


def _type_from_context(text: str, s: int, e: int, default: EntityType,
                       long_form: str | None = None) -> EntityType:
    """The type the words around a new name give it (then its long form's head word, then the words before)."""
    name = text[s:e]
    parts = rec.names.parts(name)
    if any(rec.names.is_size(p) and not p.lower().endswith(("k", "e")) for p in parts[1:]):
        return EntityType.MODEL
    if parts and rec._BENCH_SUFFIX.search(parts[0]):
        return EntityType.BENCHMARK
    ty = _described_type(text, e)
    if ty is not None:
        return ty
    if long_form and (ty := _long_form_type(long_form)):
        return ty
    window = text[max(0, s - 50):s]
    window = window[max(window.rfind(". "), window.rfind("\n")) + 1:]  # not from the sentence before
    before = re.findall(r"[\w\-]+", window)
    naming = any(w.lower() in ("name", "call", "named", "called", "dubbed", "termed", "coined") for w in before[-3:])
    if naming:  # "a … corpus, which we name X": the noun the clause is about, not one in a phrase after it
        before = before[-8:]
        for k in range(len(before) - 1, -1, -1):
            ty = rec.head_type([before[k]])
            if ty is not None and not any(w.lower() in _PREPOSITIONS for w in before[max(0, k - 2):k]):
                return ty  # "a model trained on this data, which we call X": not "data", the model
        return default
    return rec.head_type(list(reversed(before[-3:]))) or default


_PREPOSITIONS = {"on", "of", "from", "with", "for", "by", "in", "using", "over", "across"}


# Head words that say what a long form names whatever surrounds it ("… Model", "… Benchmark").
_NAMING_HEADS = {"model": EntityType.MODEL, "llm": EntityType.MODEL,
                 "benchmark": EntityType.BENCHMARK, "bench": EntityType.BENCHMARK,
                 "dataset": EntityType.DATASET, "corpus": EntityType.DATASET}


def _long_form_type(long_form: str) -> EntityType | None:
    """"Sparse Lookahead Decoding": a method by its head word.

    Only singular naming heads count: "compact vision models (CVMs)" names a kind of model, not one.
    """
    head = _head(long_form)
    if head in _METHOD_HEADS:
        return EntityType.TECHNIQUE
    return _NAMING_HEADS.get(head)


def _link_proposals(text: str, title_end: int, found: list[Candidate]) -> list[Candidate]:
    """Mark what the paper introduces; add the names only a proposal reveals."""
    retyped: dict[str, EntityType] = {}  # "PolyglotMath-1M, a corpus of …", "our dataset DFN-5B": not a model
    for c in (c for c in found if c.rule == "model-shape"):
        described = retyped.get(c.text) or _described_type(text, c.end) or _noun_before_type(text, c.start)
        if described in (EntityType.DATASET, EntityType.BENCHMARK):
            retyped.setdefault(c.text, described)
    for c in (c for c in found if c.rule == "model-shape" and c.text in retyped):
        c.type = retyped[c.text]
    spans = rec.proposal_spans(text)
    title = text[:title_end]
    name = rec.title_name(title)
    if name:
        at = max(0, title.find(name))
        spans.append((at, at + len(name), True))
    for start in [title_end + 1] + [m.end() for m in _SENTENCE_START.finditer(text, title_end)]:
        m = rec.SUBJECT_DEFINED.match(text, start)
        if m and rec._name_like(m.group("name")) and _in_title_as_subject(title, m.group("name")):
            spans.append((*m.span("name"), False))
    out = list(found)
    # a name this paper already uses for something known ("SD" for speculative decoding) is not new
    known = {name_key(n) for c in out if c.entry_id and c.rule in ("catalogue", "variant")
             for n in (c.text, *c.aliases)}
    for s, e, direct in spans:
        if name_key(text[s:e]) in known and not direct:
            continue
        name_end = e
        e, acronym = _defined_acronym(text, s, e)
        if _MODIFIER_AFTER.match(text, e):
            continue  # "we propose a Graph Attention Routing (GAR) based algorithm": GAR is not the proposal
        c = _overlapping(out, s, name_end) if acronym is None or acronym > name_end + 1 else None
        c = c or _overlapping(out, acronym or s, e)
        if c is not None and c.start > s and not (acronym and c.start >= acronym):
            c = None  # a known name inside the new one ("… Speculative Decoding") is a part, not the proposal
        if c is not None:
            # a known name is proposed only when it follows the verb directly or heads the title
            if c.entry_id is None or direct or c.rule == "compound":
                c.proposed = True
            continue
        if acronym:  # "we introduce Long Form Words (LFW)": the acronym names it
            long_form = text[s:text.rfind("(", s, acronym)].rstrip()
            surface = text[acronym:e - 1]
            ty = _type_from_context(text, s, e, EntityType.TECHNIQUE, long_form)
            # a known word inside the long form ("Adapters" in "Sparse Latent Adapters") is part of the new name
            out = [c for c in out if not (s <= c.start and c.end <= s + len(long_form))]
            out.append(Candidate(acronym, e - 1, surface, ty, "proposal", 0.7, proposed=True,
                                 aliases=[long_form], long_span=(s, s + len(long_form))))
            continue
        surface = text[s:e]
        ty = None
        if s == 0 and e == len(name or ""):
            ty = rec.subtitle_type(title)
            later = text.find(surface, title_end)
            longer = next((o for o in out if later > 0 and o.start == later and o.entry_id is None
                           and o.text.startswith(surface + "-")), None)
            if ty is None and longer is not None:  # "PolyglotMath-1M, a corpus …" names the title's kind
                ty = longer.type
            if ty is None and later > 0:
                ty = _type_from_context(text, later, later + len(surface), EntityType.TECHNIQUE)
        ty = ty or _type_from_context(text, s, e, EntityType.TECHNIQUE)
        if ty == EntityType.TECHNIQUE and _head(surface) in _NOT_METHOD_HEADS:
            continue
        out.append(Candidate(s, e, surface, ty, "proposal", 0.7, proposed=True))
    phrase = None if name else rec.title_phrase(title, _METHOD_HEADS)
    inside = [c for c in out if c.start < len(phrase or "")]
    if phrase and all(c.entry_id and c.type == EntityType.TECHNIQUE and c.end == len(phrase) and c.start > 0
                      for c in inside):
        # the title opens with a method the abstract names again: the paper's own
        later = re.search(r"(?<!\w)" + re.escape(phrase.rstrip("s")) + r"s?(?!\w)", text[title_end:], re.IGNORECASE)
        if later:
            # "Sparse Latent Adapters": a new method whose head word happens to be a known one
            out = [c for c in out if c not in inside]
            out.append(Candidate(0, len(phrase), phrase, EntityType.TECHNIQUE, "proposal", 0.65, proposed=True))
            s = title_end + later.start()
            out.append(Candidate(s, title_end + later.end(), text[s:title_end + later.end()],
                                 EntityType.TECHNIQUE, "repeat", 0.65, proposed=True))
    for c in out:  # "a task called replaced token detection": named here, so introduced here
        if c.entry_id and _CALLED.search(text, max(0, c.start - 30), c.start):
            c.proposed = True
    title_key = name_key(text[:title_end])
    for c in out:
        if c.rule in NEW_NAME_RULES:
            # a new name the title carries is the paper's own, unless the title only places the
            # work somewhere ("… at SemEval-2024") or names a setting ("… on a Pre-trained Model")
            own = _in_title_as_subject(title, c.text)
            # … or spells out its long form as a name: capitalised or three words and more
            # ("Contrastive Reward Shaping (CRS)", "data filtering networks (DFN)"), not a two-word
            # common noun the title happens to hold ("reinforcement learning (RL)")
            spelled = any(len(name_key(a)) >= 4 and name_key(a) in title_key and _head(a) in _METHOD_HEADS
                          and (a[:1].isupper() or len(re.split(r"[\s\-]+", a)) >= 3) for a in c.aliases)
            if own or spelled:
                c.proposed = True
    keep = []
    for c in out:
        if c.rule == "acronym-unsure":
            if not c.proposed:
                continue
            c.rule = "acronym"
        keep.append(c)
    keep = _proposed_variants(text, keep)
    proposed_keys = {name_key(c.text) for c in keep if c.proposed}
    proposed_models = {c.text for c in keep if c.proposed and c.type == EntityType.MODEL and len(c.text) >= 3}
    for c in keep:
        if c.entry_id is None and ((c.base and name_key(c.base) in proposed_keys)
                                   or (c.type == EntityType.MODEL and _extends_one_of(c.text, proposed_models))):
            c.proposed = True
    for c in keep:  # the base served to find proposals; a retyped name has no model lineage
        if c.rule == "model-shape" and c.type != EntityType.MODEL:
            c.base, c.suffixes = None, ()
    return keep


def _extends_one_of(name: str, bases: set[str]) -> bool:
    """"Foo-2-32B-Instruct" extends "Foo-2": a size or variant of a model the paper introduces."""
    return any(name != base and name.startswith(base) and name[len(base)] in "- " for base in bases)


# --------------------------------------------------------------------------- relations

@Language.factory("mlkg_relations", default_config={"catalogue_dir": None, "model_path": None})
def make_relations(nlp: Language, name: str, catalogue_dir: str | None, model_path: str | None) -> "RelationTagger":
    cat = catalogue_mod.load(catalogue_dir) if catalogue_dir else catalogue_mod.default()
    return RelationTagger(cat, LinearModel.load(model_path) if model_path else None)


class RelationTagger:
    """Give each name span the predicate its sentence supports.

    The cue rules tag every occurrence; with a ``model`` (:mod:`kg.extract.decide`)
    the entity's relations are then decided from all its occurrences at once.
    """

    def __init__(self, catalogue: Catalogue, model: LinearModel | None = None):
        self.closed = catalogue.closed
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        title_end = doc._.title_end
        table = sentence_table(doc)
        starts = [s for s, _ in table]
        cands: list[Candidate] = doc.user_data.get(CANDIDATES, [])
        proposed = frozenset(n for c in cands if c.proposed for n in (c.text, *c.aliases) if len(n) > 2)
        text = doc_text(doc)
        ctx = paper_context(text[:title_end], text[title_end + 1:], proposed)
        doc.user_data[CONTEXT] = ctx
        doc.user_data["mlkg_closed"] = self.closed
        for cand in cands:
            index = bisect_right(starts, cand.start) - 1
            s_start, s_end = cand.sentence = table[index]
            o = Occurrence(type=cand.type, sentence=text[s_start:s_end], start=cand.start - s_start,
                           end=cand.end - s_start, is_title=cand.start < title_end,
                           sentence_index=index, proposed=cand.proposed,
                           closed=cand.entry_id in self.closed)
            pred, rule, conf = classify(o, ctx)
            cand.predicate = pred
            cand.relation_rule = f"{cand.rule}+{rule}"
            cand.relation_confidence = round(min(cand.confidence, conf), 2)
        _take_up_by_pronoun(text, table, cands)
        return doc


def _take_up_by_pronoun(text: str, table: list[tuple[int, int]], cands: list[Candidate]) -> None:
    """The one technique of a background sentence that the next sentence applies ("… We apply it") is used."""
    by_sentence: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    for cand in cands:
        by_sentence[cand.sentence].append(cand)
    for i, span in enumerate(table[:-1]):
        named = [c for c in by_sentence.get(span, []) if c.type == EntityType.TECHNIQUE]
        if len({c.text for c in named}) != 1 or named[0].predicate != Predicate.MENTIONS:
            continue
        if taken_up(text[table[i + 1][0]:table[i + 1][1]]):
            for cand in named:
                cand.predicate = Predicate.USES_TECHNIQUE
                cand.relation_rule = f"{cand.rule}+taken-up-by-pronoun"


@Language.component("mlkg_title_boundary")
def title_boundary(doc: Doc) -> Doc:
    """The title is a sentence of its own, whatever its punctuation."""
    end = doc._.title_end
    if end:
        for tok in doc:
            if tok.idx >= end and not tok.is_space:
                tok.is_sent_start = True
                break
            if tok.idx > 0:
                tok.is_sent_start = False
    return doc


DEFAULT_MODEL = str(Path(__file__).resolve().parent.parent / "data" / "models" / "relations.json")

# Abbreviations whose full stop ends no sentence.
ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "al.", "etc.", "vs.", "cf.", "Fig.", "Figs.", "Eq.", "Eqs.", "Sec.",
                 "Tab.", "approx.", "resp.", "w.r.t.", "a.k.a.", "No.", "Dr.", "Mr.", "Ms.", "Inc.", "Ltd.",
                 "e.g", "i.e")
_PREFIX = re.compile(r"""^[("'“‘\[{<]""")
_SUFFIX = re.compile(r"""[)"'”’\]}>.,;:!?]$""")


@spacy.registry.tokenizers("mlkg.light_tokenizer.v1")
def light_tokenizer():
    """Whitespace and outer punctuation only.

    The recognisers read characters, not tokens: tokens only have to carry
    sentence boundaries and let spans align.  Without spaCy's infix and
    exception rules the tokenizer runs about four times faster, and names such
    as ``Llama-3-8B-Instruct`` stay one token.
    """
    def make(nlp: Language) -> Tokenizer:
        rules = {a: [{ORTH: a}] for a in ABBREVIATIONS}
        rules.update({a.capitalize(): [{ORTH: a.capitalize()}] for a in ABBREVIATIONS if a[0].islower()})
        return Tokenizer(nlp.vocab, rules=rules, prefix_search=_PREFIX.search, suffix_search=_SUFFIX.search)
    return make


def build_nlp(catalogue_dir: str | None = None, patterns: bool = True, relations: bool = True,
              model_path: str | None = DEFAULT_MODEL, open_vocab: bool | None = None) -> Language:
    """The extraction pipeline; ``patterns``/``relations`` off serve the ablation, ``model_path=None`` the rules alone."""
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "mlkg.light_tokenizer.v1"}}})
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("mlkg_title_boundary")
    names = nlp.add_pipe("mlkg_names", config={"catalogue_dir": catalogue_dir})
    names.patterns = patterns
    names.open_vocab = patterns and (bool(model_path) if open_vocab is None else open_vocab)
    if relations:
        nlp.add_pipe("mlkg_relations", config={"catalogue_dir": catalogue_dir,
                                               "model_path": str(model_path) if model_path else None})
    return nlp


# --------------------------------------------------------------------------- papers

def paper_text(title: str, abstract: str) -> tuple[str, int]:
    return f"{title}\n{abstract}", len(title)


def mentions_of(doc: Doc, relations: bool = True, model: LinearModel | None = None) -> list[Mention]:
    """Group a processed paper's names into one mention per entity.

    Without a ``model`` the rules' most specific predicate wins; with one, the
    model decides each entity's relations (or that it is no entity at all).
    """
    title_end = doc._.title_end
    text = doc_text(doc)
    cands: list[Candidate] = doc.user_data.get(CANDIDATES, [])
    if cands and cands[0].sentence is None:  # relations off (ablation): sentences not read yet
        table = sentence_table(doc)
        starts = [s for s, _ in table]
        for c in cands:
            c.sentence = table[bisect_right(starts, c.start) - 1]
    record = doc.user_data.get(FEATURES)
    out = []
    for group in _groups(cands):
        main = _most_specific(group)
        types = [c.type for c in group]
        etype = max(set(types), key=lambda t: (types.count(t), t == main.type))
        best = strongest([c.predicate for c in group]) if relations else Predicate.MENTIONS
        also, because, confidence = _also(best, group), (), None
        features = None
        if relations and (model is not None or record is not None):
            ctx = doc.user_data.get(CONTEXT)
            closed = any(c.entry_id in doc.user_data.get("mlkg_closed", ()) for c in group)
            features = group_features(group, main, etype.value, text, title_end, ctx, closed)
        if model is not None and features is not None:
            decision = decide(model, features, etype, (best, *also))
            if not decision.keep:
                continue
            best, also, because = decision.predicates[0], decision.predicates[1:], decision.because
            confidence = decision.confidence
        chosen = (best, *also)
        decisive = [c for c in group if not relations or c.predicate in chosen]
        ordered = decisive + [c for c in group if relations and c.predicate not in chosen]  # linear time
        evidence = tuple(_evidence(c, text, title_end, relations, because, confidence) for c in ordered[:3])
        aliases = sorted({c.text for c in group if c.text != main.text} |
                         {a for c in group for a in c.aliases if a != main.text})
        mention = Mention.model_construct(  # every field is built right here: no need to validate
            text=main.text, type=etype, predicate=best, also=also, evidence=evidence,
            catalogue_id=main.entry_id, aliases=tuple(aliases), base=main.base, suffixes=main.suffixes,
        )
        if record is not None and features is not None:
            record.append((mention, features))
        out.append(mention)
    return out


def _also(best: Predicate, group: list[Candidate]) -> tuple[Predicate, ...]:
    """Data trained on in one sentence and reported on in another carries both edges (guidelines v2)."""
    if best == Predicate.TRAINS_ON and any(c.predicate == Predicate.EVALUATES_ON for c in group):
        return (Predicate.EVALUATES_ON,)
    return ()


def _groups(cands: list[Candidate]) -> list[list[Candidate]]:
    """Candidates of one entity together, an alias defined after its first use included; in text order."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    alias_of: dict[str, str] = {}
    for cand in cands:
        key = _identity(cand)
        root = alias_of.setdefault(key, key)
        for alias in cand.aliases:
            alias_of.setdefault(rec.names.singular(name_key(alias)), root)
        groups[root].append(cand)
    merged: dict[str, list[Candidate]] = defaultdict(list)
    for key, group in groups.items():
        merged[_find(alias_of, key)].extend(group)
    return [merged[k] for k in sorted(merged, key=lambda k: merged[k][0].start)]


def _find(alias_of: dict[str, str], key: str) -> str:
    seen = set()
    while alias_of.get(key, key) != key and key not in seen:
        seen.add(key)
        key = alias_of[key]
    return key


def _identity(c: Candidate) -> str:
    if c.entry_id and c.base:
        return c.entry_id + "/" + "/".join(name_key(s) for s in c.suffixes)
    if c.entry_id:
        return c.entry_id
    return rec.names.singular(name_key(c.text))


def _most_specific(cands: list[Candidate]) -> Candidate:
    """The surface to name the entity by: catalogue first, then the longest."""
    return sorted(cands, key=lambda c: (RULE_RANK.get(c.rule, 9) > 1, -len(c.suffixes), c.start))[0]


def _evidence(cand: Candidate, text: str, title_end: int, relations: bool, because: tuple[str, ...] = (),
              confidence: float | None = None) -> Evidence:
    s_start, s_end = cand.sentence
    in_title = cand.start < title_end
    offset = 0 if in_title else title_end + 1
    return Evidence.model_construct(
        sentence=text[s_start:s_end].rstrip(),
        field="title" if in_title else "abstract",
        start=cand.start - offset,
        end=cand.end - offset,
        sentence_start=max(0, s_start - offset),
        rule=(cand.relation_rule if relations else cand.rule) or cand.rule,
        confidence=confidence if confidence is not None else
        cand.relation_confidence if relations else cand.confidence,
        because=because,
    )
