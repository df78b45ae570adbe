"""Acronym definitions, ``Contrastive Reward Shaping (CRS)``: one entity with both names, new or known."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from kg.catalogue import Catalogue, Entry, name_key
from kg.extract.rules.common import stop_words, GENERIC_KEYS
from kg.extract.rules.kinds import _head, _type_from_context
from kg.extract.rules.titles import said_to_be_proposed
from kg.extract.decisions import Add, AliasOf, Decision, Draft, Drop
from kg.extract.engine import rule
from kg.extract.rules.ids import ACRONYM, ACRONYM_UNSURE, TASK_NAMED
from kg.extract.text import Page
from kg.extract.types import Candidate
from kg.extract.rules.patterns import context_patterns
from kg.extract.rules.vocab import Vocab
from kg.extract.uncased import compile_ignorecase
from kg.lexicon import Lexicon
from kg.model import EntityType



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


@lru_cache(maxsize=4)
def _pairs(text: str) -> tuple[tuple[int, int, int, int], ...]:
    """:func:`acronym_pairs` once per paper: the define and the spread stage both read them."""
    return tuple(acronym_pairs(text))


def _long_form(t: str, paren: int, short: str) -> int | None:
    letters = [c.lower() for c in short if c.isalpha()]  # "FX2": digits are not spelled out
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
    if first in stop_words() and first[0] != letters[0]:
        return None
    return start



@cache
def _task_statement(lexicon: Lexicon) -> re.Pattern[str]:
    """What follows a definition of a task or problem: "(LF) aims to …", "(LF) presents a core challenge"."""
    return compile_ignorecase(r"[^)]*\)\s*(?:(?:has|have|is|are|still|also|often|thus|however|,)\s+){0,2}"
                              + lexicon.fragments("task_statements"))


def _states_a_task(v: Vocab, text: str, long_form: str, se: int) -> bool:
    """The definition's sentence goes on as a task's does, and the long form is no procedure or artefact."""
    return (_head(v, long_form) not in v.lexicon.words("procedure_heads")
            and _task_statement(v.lexicon).match(text, se) is not None)


_WORDS = re.compile(r"[\s\-]+")


def _defines_another(entry: Entry, short: str, long_form: str) -> bool:
    """The paper spells the known short form out as words of its own: "Sequence Attention Module (SAM)".

    Only a clean definition counts (its words' initials give the short form's capitals, in order, the
    first one first), against a known entry with a long form; it is another thing when no long form of
    the entry is part of it and none begins with the word it begins with ("masked" = "mask").
    """
    words = [w for w in _WORDS.split(long_form.strip()) if w]
    capitals = [ch.lower() for ch in short if ch.isupper()]
    initials = iter(w[0].lower() for w in words)
    if not words or "(" in long_form or ")" in long_form or not capitals or capitals[0] != words[0][0].lower() \
            or not all(ch in initials for ch in capitals):
        return False
    longs = [n for n in entry.names if len(_WORDS.split(n.strip())) > 1]
    key = name_key(long_form)
    return bool(longs) and not any(name_key(n) in key or key in name_key(n) for n in longs) \
        and all(_WORDS.split(n.strip())[0][:4].lower() != words[0][:4].lower() for n in longs)


def _link_acronyms(v: Vocab, text: str, title_end: int, found: list[Candidate],
                   catalogue: Catalogue) -> list[Decision]:
    """``Long Form (LF)``: one entity with both names, new or known; none when the sentence calls it a task."""
    draft = Draft(found)
    for ls, le, ss, se in _pairs(text):
        long_form, short = text[ls:le], text[ss:se]
        i_short = draft.overlapping(ss, se)
        c_short = draft.items[i_short] if i_short is not None else None
        if not (c_short and c_short.start <= ss and se <= c_short.end):
            i_short, c_short = None, None
        i_long = next((i for i, c in draft.entries() if ls <= c.start and c.end <= le
                       and c.length >= (le - ls) * 0.6), None)
        c_long = draft.items[i_long] if i_long is not None else None
        if (c_short is not None and c_long is None and c_short.entry_id
                and _defines_another(catalogue.entries[c_short.entry_id], short, long_form)):
            # "Sequence Attention Module (SAM)": the paper's own SAM, wherever written, not the known one
            draft(*(Drop(i) for i, c in draft.entries() if c.entry_id == c_short.entry_id
                    and name_key(c.text) == name_key(short)))
            i_short, c_short = None, None
        if _states_a_task(v, text, long_form, se) and not any(c and c.entry_id for c in (c_short, c_long)):
            # "Label-sparse glacier adaptation (LSGA) presents a core challenge": a task, whatever its head
            draft(*(Drop(i) for i, c in draft.entries() if c.start < le and ls < c.end or ss <= c.start < se))
            continue
        if c_long is not None and _names_more_than(c_long, ls, le, c_short):
            # "dynamic low-rank adaptation (DyLoRA)": the short form names the whole long form, a thing
            # of its own that contains the known one, never an alias of it
            draft(Drop(i_long))
            i_long, c_long = None, None
        if c_short and c_long and i_short != i_long:
            if c_short.entry_id and c_long.entry_id and c_short.entry_id != c_long.entry_id:
                continue  # two different known entries are two things
            draft(AliasOf(i_short, long_form), AliasOf(i_long, short))
            continue
        if i_short is not None or i_long is not None:
            draft(AliasOf(i_short, long_form, (ls, le)) if i_short is not None else AliasOf(i_long, short, (ls, le)))
            continue
        cand = _new_acronym(v, text, ls, le, ss, se)
        if cand is not None:
            draft(*(Drop(i) for i, c in draft.entries() if c.start < le and ls < c.end), Add(cand))
    return draft.log


def _new_acronym(v: Vocab, text: str, ls: int, le: int, ss: int, se: int) -> Candidate | None:
    """A name only this definition gives: a method, or whatever the words around it say; unsure if neither."""
    long_form, short = text[ls:le], text[ss:se]
    if name_key(short) in GENERIC_KEYS or name_key(long_form) in GENERIC_KEYS:
        return None
    head = _head(v, long_form)
    if head in v.not_method_heads or len(long_form.split()) > 8:
        return None
    ty = _type_from_context(v, text, ls, se + 1, EntityType.TECHNIQUE, long_form)
    # An acronym only we define is kept if it names a method or the paper introduces it.
    cp = context_patterns(v.lexicon)
    proposed = ((said_to_be_proposed(text, se, v.lexicon) or bool(cp.proposed_before.search(text, max(0, ls - 90), ls)))
                and not cp.modifier_after.match(text, se))
    unsure = (ty == EntityType.TECHNIQUE and head not in v.method_heads and not proposed
              and not cp.used_before.search(text[max(0, ls - 60):ls]))
    return Candidate(ss, se, short, ty, ACRONYM_UNSURE if unsure else ACRONYM, 0.7, aliases=(long_form,),
                     long_span=(ls, le), proposed=proposed)  # an unsure one is decided after proposals


def _names_more_than(c_long: Candidate, ls: int, le: int, c_short: Candidate | None) -> bool:
    """A known name inside a longer defined long form, whose short form is not that known name."""
    if not c_long.entry_id or (c_short is not None and c_short.entry_id == c_long.entry_id):
        return False
    return c_long.start > ls or c_long.end < le


@rule(ACRONYM, stage="define", rank=4, confidence=0.7, new=True,
      finds="a definition, Contrastive Reward Shaping (CRS); links a known name to its other form")
@rule(ACRONYM_UNSURE, stage="define", rank=4, confidence=0.7, new=True,
      finds="a definition whose long form is no method: kept only if the paper proposes it")
def link_acronyms(page: Page, found: list[Candidate]) -> list[Decision]:
    return _link_acronyms(page.vocab, page.text.text, page.title_end, found, page.catalogue)


@rule(TASK_NAMED, stage="spread", rank=14, confidence=0.0,
      finds="nothing: drops the new names a definition calls a task, wherever a later rule found them again")
def drop_task_names(page: Page, found: list[Candidate]) -> list[Decision]:
    """"Audio captioning (AC) aims to …" and later "a novel AC framework": AC names the task, not the framework."""
    text, v = page.text.text, page.vocab
    tasks = {name_key(text[a:b]) for ls, le, ss, se in _pairs(text) if _states_a_task(v, text, text[ls:le], se)
             for a, b in ((ls, le), (ss, se))}
    if not tasks:
        return []
    return [Drop(i) for i, c in enumerate(found)
            if not c.entry_id and any(name_key(n) in tasks for n in (c.text, *c.aliases))]
