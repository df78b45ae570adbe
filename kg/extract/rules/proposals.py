"""Proposals: mark what the paper introduces, and add the names only a proposal reveals."""

from __future__ import annotations

import re

from kg import names

from kg.catalogue import name_key
from kg.extract.sentences import sentence_starts
from kg.extract.rules.common import _name_like
from kg.extract.rules.kinds import (_described_type, _head, _noun_before_type, apposition_before_type, apposition_type,
                                    _type_from_context, described_as_no_entity, described_before_as_no_entity)
from kg.extract.rules.titles import (SUBJECT_DEFINED, earlier_work_named, modifies_next_word, proposal_spans,
                                    software_title, subtitle_type, title_name, title_phrase_span)
from kg.extract.decisions import Add, Decision, Draft, Drop, NoLineage, Propose, Rename, Retype
from kg.extract.engine import rule
from kg.extract.rules.ids import ACRONYM, ACRONYM_UNSURE, BENCH_SHAPE, CAPITALISED_PHRASE, CATALOGUE, METHOD_PHRASE, COMPOUND, MODEL_SHAPE, PROPOSAL, REPEAT, VARIANT, is_new
from kg.extract.text import Page
from kg.extract.types import Candidate
from kg.extract.rules.patterns import context_patterns
from kg.extract.rules.vocab import Vocab
from kg.extract.rules.wordpatterns import word_patterns
from kg.model import EntityType

_PAREN_ACRONYM = re.compile(r"[\w\-]*(?:\s+[\w\-]+){0,6}?\s*\((?:or |aka |a\.k\.a\. )?(?P<acr>[A-Z][A-Za-z0-9\-]{1,11})\)")




def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


def whole_occurrences(text: str, name: str):
    """Where ``name`` stands in ``text`` as a whole word, as ``(?<![\\w\\-])NAME(?!\\w)`` finds it, without
    compiling a pattern for every name."""
    i = text.find(name)
    while i >= 0 and name:
        end = i + len(name)
        if (i == 0 or not (_word_char(text[i - 1]) or text[i - 1] == "-")) \
                and (end == len(text) or not _word_char(text[end])):
            yield i
            i = text.find(name, end)
        else:
            i = text.find(name, i + 1)


def _in_title_as_subject(v: Vocab, title: str, name: str) -> bool:
    """The title carries ``name`` itself, not as the object of a preposition."""
    if len(name_key(name)) < 4:
        return False
    for start in whole_occurrences(title, name):
        before = title[:start].split()
        if not before or before[-1].lower().strip(",:;(") not in v.place_words:
            return True
    return False


def _proposed_variants(text: str, draft: Draft) -> None:
    """"OpenQuill-SFT", "OpenQuill-HH-RLHF-DPO": hyphenated variants of a model the paper introduces.

    A dot belongs to a suffix only between word characters ("-v1.5"); a full stop after it ends the sentence.
    """
    bases = {c.text for c in draft.cands() if c.proposed and c.type == EntityType.MODEL and c.entry_id is None
             and " " not in c.text and len(c.text) >= 3}
    for base in sorted(bases):
        for s, e, suffix in variant_spans(text, base):
            if any(c.start <= s and e <= c.end and c.length > len(base) for c in draft.cands()):
                continue
            draft(*(Drop(i) for i, c in draft.entries() if c.start < e and s < c.end),
                  Add(Candidate(s, e, text[s:e], EntityType.MODEL, COMPOUND, 0.75, base=base,
                                suffixes=(suffix.lstrip("-"),), proposed=True)))


_VARIANT_SUFFIX = re.compile(r"(?:-[A-Za-z0-9]\w*(?:\.\w+)*)+")


def variant_spans(text: str, base: str) -> list[tuple[int, int, str]]:
    r"""(start, end, suffix) of each ``base`` with hyphenated suffixes, not after a word character or a hyphen: the
    matches of ``(?<![\w\-])`` + ``re.escape(base)`` + the suffix pattern, without compiling a pattern per name
    (a cache miss, every paper).  Found by ``str.find``; the scan goes on after a match, as ``finditer``'s does."""
    out, pos = [], 0
    while (i := text.find(base, pos)) >= 0:
        before = text[i - 1:i]
        if not (before.isalnum() or before in ("_", "-")):
            m = _VARIANT_SUFFIX.match(text, i + len(base))
            if m:
                out.append((i, m.end(), m.group()))
                pos = m.end()
                continue
        pos = i + 1
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
        return e, None  # "(FERn-in-the-Loop)" spells a name out; it is not an acronym
    return m.end(), m.start("acr")


def _retype_described(v: Vocab, text: str, draft: Draft) -> None:
    """"PolyglotMath-1M, a corpus of …", "our dataset KelpSet-5B": a name with a size that is no model.

    And "FooQA, a … dataset", "a dataset, FooQA,": a new name written like a benchmark that the text itself
    calls a dataset in apposition is one (the text's word over the name's shape).
    """
    retyped: dict[str, EntityType] = {}
    for c in (c for c in draft.cands() if c.rule == MODEL_SHAPE):
        described = retyped.get(c.text) or _described_type(v, text, c.end) or _noun_before_type(v, text, c.start)
        if described in (EntityType.DATASET, EntityType.BENCHMARK):
            retyped.setdefault(c.text, described)
    for c in (c for c in draft.cands() if c.rule == BENCH_SHAPE and c.entry_id is None):
        if (apposition_type(v, text, c.end) or apposition_before_type(v, text, c.start)) == EntityType.DATASET:
            retyped.setdefault(c.text, EntityType.DATASET)
    draft(*(Retype(i, retyped[c.text]) for i, c in draft.entries()
            if c.rule in (MODEL_SHAPE, BENCH_SHAPE) and c.text in retyped))


def _proposal_sites(v: Vocab, text: str, title_end: int, name: str | None) -> list[tuple[int, int, bool]]:
    """Where the paper says it introduces a name: (start, end, right after the verb or heading the title)."""
    sites = proposal_spans(text, v.lexicon)
    title = text[:title_end]
    if name:
        at = max(0, title.find(name))
        sites.append((at, at + len(name), True))
    for start in dict.fromkeys([title_end + 1, *sentence_starts(text, title_end)]):
        m = SUBJECT_DEFINED.match(text, start)
        if m and _name_like(m.group("name")) and _in_title_as_subject(v, title, m.group("name")) \
                and not _plain_word(m.group("name"), name):
            sites.append((*m.span("name"), False))
    return sites


def _plain_word(word: str, name: str | None) -> bool:
    """"Sleep is a basic need …": a sentence opens with a capital; a plain word is no name by it alone."""
    return word.isalpha() and word[1:].islower() and word != name


def _mark_or_add(v: Vocab, text: str, title_end: int, draft: Draft, sites: list[tuple[int, int, bool]],
                 name: str | None) -> None:
    """Each site proposes the name found there, or adds it (with the acronym defined right after it)."""
    # a name this paper already uses for something known ("SD" for speculative decoding) is not new
    known = {name_key(n) for c in draft.cands() if c.entry_id and c.rule in (CATALOGUE, VARIANT)
             for n in (c.text, *c.aliases)}
    for s, e, direct in sites:
        if (name_key(text[s:e]) in known and not direct) or described_as_no_entity(v, text, e) \
                or described_before_as_no_entity(v, text, s):
            continue
        name_end = e
        e, acronym = _defined_acronym(text, s, e)
        if context_patterns(v.lexicon).modifier_after.match(text, e):
            continue  # "we propose a Graph Attention Routing (GAR) based algorithm": GAR is not the proposal
        i = draft.overlapping(s, name_end) if acronym is None or acronym > name_end + 1 else None
        i = i if i is not None else draft.overlapping(acronym or s, e)
        if i is not None and draft.items[i].start > s and not (acronym and draft.items[i].start >= acronym):
            i = None  # a known name inside the new one ("… Speculative Decoding") is a part, not the proposal
        if i is not None:
            c = draft.items[i]
            # a known name is proposed only when it follows the verb directly or heads the title
            # … and not when it qualifies the noun after it ("we add a GAN smoothing head")
            if c.entry_id is None or (direct and not modifies_next_word(text, c.end, v.lexicon)) \
                    or c.rule == COMPOUND:
                draft(Propose(i))
            continue
        if acronym:  # "we introduce Long Form Words (LFW)": the acronym names it
            long_form = text[s:text.rfind("(", s, acronym)].rstrip()
            ty = _type_from_context(v, text, s, e, EntityType.TECHNIQUE, long_form)
            # a known word inside the long form ("Adapters" in "Sparse Latent Adapters") is part of the new name
            draft(*(Drop(k) for k, c in draft.entries() if s <= c.start and c.end <= s + len(long_form)),
                  Add(Candidate(acronym, e - 1, text[acronym:e - 1], ty, PROPOSAL, 0.7, proposed=True,
                                aliases=(long_form,), long_span=(s, s + len(long_form)))))
            continue
        cand = _new_proposal(v, text, title_end, draft, s, e, name)
        if cand is not None:
            draft(Add(cand))


def _new_proposal(v: Vocab, text: str, title_end: int, draft: Draft, s: int, e: int, name: str | None) -> Candidate | None:
    """A proposed name nothing found yet, typed by the title's subtitle or the words around it."""
    surface = text[s:e]
    ty = None
    if s == 0 and e == len(name or ""):
        ty = subtitle_type(text[:title_end], v)
        later = text.find(surface, title_end)
        longer = next((o for o in draft.cands() if later > 0 and o.start == later and o.entry_id is None
                       and o.text.startswith(surface + "-")), None)
        if ty is None and longer is not None:  # "PolyglotMath-1M, a corpus …" names the title's kind
            ty = longer.type
        if ty is None and later > 0:
            ty = _type_from_context(v, text, later, later + len(surface), EntityType.TECHNIQUE)
    ty = ty or _type_from_context(v, text, s, e, EntityType.TECHNIQUE)
    if ty == EntityType.TECHNIQUE and _head(v, surface) in v.not_method_heads:
        return None
    return Candidate(s, e, surface, ty, PROPOSAL, 0.7, proposed=True)


def _title_phrase(v: Vocab, text: str, title_end: int, draft: Draft) -> None:
    """A title that opens with a method the abstract names again: the paper's own ("Sparse Latent Adapters")."""
    span = title_phrase_span(text[:title_end], v.method_heads, v.lexicon)
    if not span:
        return
    at, end = span
    phrase = text[at:end]
    inside = [i for i, c in draft.entries() if c.start < end and at < c.end]
    if not all(draft.items[i].entry_id and draft.items[i].type == EntityType.TECHNIQUE
               and draft.items[i].end == end and draft.items[i].start > at for i in inside):
        return
    pattern = _phrase_pattern(phrase)
    later = pattern.search(text[title_end:])
    if later and not _studied_not_made(v, text, title_end, pattern):
        # a new method whose head word happens to be a known one
        s, e = title_end + later.start(), title_end + later.end()
        draft(*(Drop(i) for i in inside),
              Add(Candidate(at, end, phrase, EntityType.TECHNIQUE, PROPOSAL, 0.65, proposed=True)),
              Add(Candidate(s, e, text[s:e], EntityType.TECHNIQUE, REPEAT, 0.65, proposed=True)))


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """``phrase`` as whole words, in any case, singular or plural."""
    return re.compile(r"(?<!\w)" + re.escape(phrase.removesuffix("s")) + r"s?(?!\w)", re.IGNORECASE)


def _studied_not_made(v: Vocab, text: str, title_end: int, pattern: re.Pattern[str]) -> bool:
    """A survey's title phrase, or one the abstract calls a problem or a setting ("the graph matching problem",
    "this new setting of sparse label learning"), names what the paper studies, not a method it makes."""
    if _survey_title(v, text[:title_end]):
        return True
    settings = v.lexicon.words("setting_nouns")
    for m in pattern.finditer(text, title_end):
        after = re.match(r"\s*(?:\([^)]{1,12}\)\s*)?([a-z]+)", text[m.end():m.end() + 30])
        before = re.search(r"([a-z]+)\s+of\s+$", text[max(0, m.start() - 30):m.start()])
        if any(w and (w.group(1) in settings or w.group(1).removesuffix("s") in settings) for w in (after, before)):
            return True
    return False


def _survey_title(v: Vocab, title: str) -> bool:
    """"…: A Comprehensive Survey", "A Review of …": the paper surveys what its title names."""
    genres = v.lexicon.words("survey_title_words")
    return any(w in genres for w in re.findall(r"[a-z]+", title.lower()))


def _called_here(v: Vocab, text: str, start: int, called: re.Pattern[str]) -> bool:
    """"a task called X" names X here, unless the words before say it is earlier work ("an existing approach called X")."""
    m = called.search(text, max(0, start - 30), start)
    return m is not None and not earlier_work_named(text, m.start(), v.lexicon)


def _called_or_in_title(v: Vocab, text: str, title_end: int, draft: Draft) -> None:
    """A known name "called" here, and a new name the title carries as its subject, are the paper's own."""
    # "a technique called label smoothing": named here, so introduced here
    called = word_patterns(v.lexicon).called
    draft(*(Propose(i) for i, c in draft.entries()
            if c.entry_id and _called_here(v, text, c.start, called)))
    title = text[:title_end]
    title_key = name_key(title)
    for i, c in draft.entries():
        if is_new(c.rule):
            # a new name the title carries is the paper's own, unless the title only places the
            # work somewhere ("… at SemEval-2024") or names a setting ("… on a Pre-trained Model")
            own = _in_title_as_subject(v, title, c.text)
            # … or spells out its long form as a name: capitalised or three words and more
            # ("Contrastive Reward Shaping (CRS)", "sparse routing networks (SRN)"), not a two-word
            # common noun the title happens to hold ("reinforcement learning (RL)")
            spelled = any(len(name_key(a)) >= 4 and name_key(a) in title_key and _head(v, a) in v.method_heads
                          and (a[:1].isupper() or len(re.split(r"[\s\-]+", a)) >= 3) for a in c.aliases)
            if spelled and not own:  # "this new setting of sparse label learning (SLL)": a setting the title names
                spelled = not any(_studied_not_made(v, text, title_end, _phrase_pattern(a)) for a in c.aliases)
            if own or spelled:
                draft(Propose(i))


def _settle_unsure(draft: Draft) -> None:
    """An unsure acronym is kept, as an acronym, if the paper proposes it; else the learned decider judges it.

    A defined name the paper only uses ("Weighted Least Squares (WLS)", "reward
    modelling (RM)") is as often a method as a task or a quantity: it becomes an
    open-vocabulary candidate, capitalised or lower-case as its long form is
    written, which only a learned decider keeps (without one its rule is off and it goes);
    one the text also names by another rule ("SER benchmark corpora") is left to that rule.
    """
    named = {name_key(c.text) for c in draft.cands() if c.rule != ACRONYM_UNSURE}
    draft(*(Rename(i, ACRONYM) if c.proposed else Drop(i) if name_key(c.text) in named else Rename(i, _open_rule(c))
            for i, c in draft.entries() if c.rule == ACRONYM_UNSURE))


def _open_rule(c: Candidate) -> str:
    long_form = c.aliases[0] if c.aliases else c.text
    return METHOD_PHRASE if long_form.islower() else CAPITALISED_PHRASE


def _measured_data(v: Vocab, text: str, draft: Draft) -> None:
    """A data resource the paper introduces in a text that evaluates and never speaks of training is what it
    measures on.

    Guideline: a resource the text introduces is a benchmark when used to evaluate, a dataset when it is a
    training corpus or data release; "we release FooSet, a dataset of 5,000 annotated scans, and evaluate
    current models on it" trains nothing, so FooSet is evaluated on: a benchmark.
    """
    new = {name_key(c.text) for c in draft.cands() if c.proposed and c.entry_id is None and c.type == EntityType.DATASET}
    said = word_patterns(v.lexicon)
    if not new or said.speaks_of_training.search(text) or not said.speaks_of_evaluating.search(text):
        return  # trained on, or only released ("we release X, a dataset of …"): a dataset
    draft(*(Retype(i, EntityType.BENCHMARK) for i, c in draft.entries()
            if c.entry_id is None and c.type == EntityType.DATASET and name_key(c.text) in new))


def _extensions_proposed(draft: Draft) -> None:
    """A size or variant of a proposed name is proposed too; a retyped name keeps no model lineage."""
    proposed_keys = {name_key(c.text) for c in draft.cands() if c.proposed}
    proposed_models = {c.text for c in draft.cands()
                       if c.proposed and c.type == EntityType.MODEL and len(c.text) >= 3}
    draft(*(Propose(i) for i, c in draft.entries()
            if c.entry_id is None and ((c.base and name_key(c.base) in proposed_keys)
                                       or (c.type == EntityType.MODEL and _extends_one_of(c.text, proposed_models)))))
    # the base served to find proposals; a retyped name has no model lineage
    draft(*(NoLineage(i) for i, c in draft.entries() if c.rule == MODEL_SHAPE and c.type != EntityType.MODEL))


def _extends_one_of(name: str, bases: set[str]) -> bool:
    """"Foo-2-32B-Instruct" extends "Foo-2": a size or variant of a model the paper introduces."""
    return any(names.extends(name, base) for base in bases)




@rule(PROPOSAL, stage="propose", rank=5, confidence=0.7, new=True,
      finds="a name the paper introduces (X: … titles, we propose X); marks known names it introduces")
def link_proposals(page: Page, found: list[Candidate]) -> list[Decision]:
    """Each step reads what the steps before it decided; the runner applies the whole log."""
    text, title_end, v = page.text.text, page.title_end, page.vocab
    draft = Draft(found)
    _retype_described(v, text, draft)
    name = title_name(text[:title_end], v)
    if name and software_title(text[:title_end], v.lexicon):  # guideline: software and tools are no entities
        draft(*(Drop(i) for i, c in draft.entries() if c.entry_id is None and name_key(c.text) == name_key(name)))
        name = None
    _mark_or_add(v, text, title_end, draft, _proposal_sites(v, text, title_end, name), name)
    if not name:
        _title_phrase(v, text, title_end, draft)
    _called_or_in_title(v, text, title_end, draft)
    _settle_unsure(draft)
    _proposed_variants(text, draft)
    _extensions_proposed(draft)
    _measured_data(v, text, draft)
    return draft.log
