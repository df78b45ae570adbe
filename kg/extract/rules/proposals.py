"""Proposals: mark what the paper introduces, and add the names only a proposal reveals."""

from __future__ import annotations

import re

from kg.catalogue import name_key
from kg.extract.rules.acronyms import _MODIFIER_AFTER
from kg.extract.rules.common import _name_like
from kg.extract.rules.kinds import (_METHOD_HEADS, _NOT_METHOD_HEADS, _described_type, _head, _noun_before_type,
                                    _type_from_context)
from kg.extract.rules.titles import SUBJECT_DEFINED, proposal_spans, subtitle_type, title_name, title_phrase
from kg.extract.engine import rule
from kg.extract.rules.ids import ACRONYM, ACRONYM_UNSURE, CATALOGUE, COMPOUND, MODEL_SHAPE, PROPOSAL, REPEAT, VARIANT, is_new
from kg.extract.text import Page, overlapping
from kg.extract.types import Candidate
from kg.model import EntityType

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
            out.append(Candidate(s, e, m.group(), EntityType.MODEL, COMPOUND, 0.75, base=base,
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
def _link_proposals(text: str, title_end: int, found: list[Candidate]) -> list[Candidate]:
    """Mark what the paper introduces; add the names only a proposal reveals."""
    retyped: dict[str, EntityType] = {}  # "PolyglotMath-1M, a corpus of …", "our dataset DFN-5B": not a model
    for c in (c for c in found if c.rule == MODEL_SHAPE):
        described = retyped.get(c.text) or _described_type(text, c.end) or _noun_before_type(text, c.start)
        if described in (EntityType.DATASET, EntityType.BENCHMARK):
            retyped.setdefault(c.text, described)
    for c in (c for c in found if c.rule == MODEL_SHAPE and c.text in retyped):
        c.type = retyped[c.text]
    spans = proposal_spans(text)
    title = text[:title_end]
    name = title_name(title)
    if name:
        at = max(0, title.find(name))
        spans.append((at, at + len(name), True))
    for start in [title_end + 1] + [m.end() for m in _SENTENCE_START.finditer(text, title_end)]:
        m = SUBJECT_DEFINED.match(text, start)
        if m and _name_like(m.group("name")) and _in_title_as_subject(title, m.group("name")):
            spans.append((*m.span("name"), False))
    out = list(found)
    # a name this paper already uses for something known ("SD" for speculative decoding) is not new
    known = {name_key(n) for c in out if c.entry_id and c.rule in (CATALOGUE, VARIANT)
             for n in (c.text, *c.aliases)}
    for s, e, direct in spans:
        if name_key(text[s:e]) in known and not direct:
            continue
        name_end = e
        e, acronym = _defined_acronym(text, s, e)
        if _MODIFIER_AFTER.match(text, e):
            continue  # "we propose a Graph Attention Routing (GAR) based algorithm": GAR is not the proposal
        c = overlapping(out, s, name_end) if acronym is None or acronym > name_end + 1 else None
        c = c or overlapping(out, acronym or s, e)
        if c is not None and c.start > s and not (acronym and c.start >= acronym):
            c = None  # a known name inside the new one ("… Speculative Decoding") is a part, not the proposal
        if c is not None:
            # a known name is proposed only when it follows the verb directly or heads the title
            if c.entry_id is None or direct or c.rule == COMPOUND:
                c.proposed = True
            continue
        if acronym:  # "we introduce Long Form Words (LFW)": the acronym names it
            long_form = text[s:text.rfind("(", s, acronym)].rstrip()
            surface = text[acronym:e - 1]
            ty = _type_from_context(text, s, e, EntityType.TECHNIQUE, long_form)
            # a known word inside the long form ("Adapters" in "Sparse Latent Adapters") is part of the new name
            out = [c for c in out if not (s <= c.start and c.end <= s + len(long_form))]
            out.append(Candidate(acronym, e - 1, surface, ty, PROPOSAL, 0.7, proposed=True,
                                 aliases=[long_form], long_span=(s, s + len(long_form))))
            continue
        surface = text[s:e]
        ty = None
        if s == 0 and e == len(name or ""):
            ty = subtitle_type(title)
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
        out.append(Candidate(s, e, surface, ty, PROPOSAL, 0.7, proposed=True))
    phrase = None if name else title_phrase(title, _METHOD_HEADS)
    inside = [c for c in out if c.start < len(phrase or "")]
    if phrase and all(c.entry_id and c.type == EntityType.TECHNIQUE and c.end == len(phrase) and c.start > 0
                      for c in inside):
        # the title opens with a method the abstract names again: the paper's own
        later = re.search(r"(?<!\w)" + re.escape(phrase.rstrip("s")) + r"s?(?!\w)", text[title_end:], re.IGNORECASE)
        if later:
            # "Sparse Latent Adapters": a new method whose head word happens to be a known one
            out = [c for c in out if c not in inside]
            out.append(Candidate(0, len(phrase), phrase, EntityType.TECHNIQUE, PROPOSAL, 0.65, proposed=True))
            s = title_end + later.start()
            out.append(Candidate(s, title_end + later.end(), text[s:title_end + later.end()],
                                 EntityType.TECHNIQUE, REPEAT, 0.65, proposed=True))
    for c in out:  # "a task called replaced token detection": named here, so introduced here
        if c.entry_id and _CALLED.search(text, max(0, c.start - 30), c.start):
            c.proposed = True
    title_key = name_key(text[:title_end])
    for c in out:
        if is_new(c.rule):
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
        if c.rule == ACRONYM_UNSURE:
            if not c.proposed:
                continue
            c.rule = ACRONYM
        keep.append(c)
    keep = _proposed_variants(text, keep)
    proposed_keys = {name_key(c.text) for c in keep if c.proposed}
    proposed_models = {c.text for c in keep if c.proposed and c.type == EntityType.MODEL and len(c.text) >= 3}
    for c in keep:
        if c.entry_id is None and ((c.base and name_key(c.base) in proposed_keys)
                                   or (c.type == EntityType.MODEL and _extends_one_of(c.text, proposed_models))):
            c.proposed = True
    for c in keep:  # the base served to find proposals; a retyped name has no model lineage
        if c.rule == MODEL_SHAPE and c.type != EntityType.MODEL:
            c.base, c.suffixes = None, ()
    return keep


def _extends_one_of(name: str, bases: set[str]) -> bool:
    """"Foo-2-32B-Instruct" extends "Foo-2": a size or variant of a model the paper introduces."""
    return any(name != base and name.startswith(base) and name[len(base)] in "- " for base in bases)


# --------------------------------------------------------------------------- relations


@rule(PROPOSAL, stage="propose", rank=5, confidence=0.7, new=True,
      finds="a name the paper introduces (X: … titles, we propose X); marks known names it introduces")
def link_proposals(page: Page, found: list[Candidate]) -> list[Candidate]:
    return _link_proposals(page.text.text, page.title_end, found)
