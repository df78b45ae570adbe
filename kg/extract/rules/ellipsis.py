"""Coordinated names that share their head: "prompt/prefix tuning", "data and model parallelism".

English leaves out the shared words of coordinated phrases: "data and model
parallelism" names data parallelism and model parallelism, "prompt or prefix
tuning" prompt tuning and prefix tuning.  When a technique of two or more words
is found right after "X and", "X or", "X," or "X/", this link rule (``shared-head``)
adds "X" plus the technique's words after its first as a name of its own, written
where "X" is: a known one when the catalogue has it, else, when "X" reads as a modifier
("masked", "self-paced"; not a noun ending a phrase of its own, "cluster analysis and data
distillation"), an open candidate for the learned decider (rule ``method-phrase``).
"""

from __future__ import annotations

import re

from kg.extract.decisions import Add, Decision
from kg.extract.engine import rule
from kg.extract.rules.common import modifier_like, stop_words
from kg.extract.rules.ids import METHOD_PHRASE, SHARED_HEAD
from kg.extract.text import Coverage, Page, spans
from kg.extract.types import T, Candidate

# "X and ", "X or ", "X, ", "X/" right before the name (a word of letters, maybe hyphenated)
_BEFORE = re.compile(r"(?<![\w\-/])(?P<x>[A-Za-z][a-z]*(?:-[A-Za-z][a-z]*)*)(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|/)$")
_MAX_LIST = 2  # "data, tensor and pipeline parallelism"


def _shared(page: Page, cand: Candidate, taken: Coverage) -> list[Candidate]:
    """The names "X" + the candidate's words after its first, for each X coordinated before it."""
    t = page.text.text
    first, space, rest = cand.text.partition(" ")
    if not space or not rest or cand.start < page.title_end:
        return []
    lower = cand.text.islower()
    excluded = stop_words(page.vocab.lexicon) | page.vocab.lexicon.words("method_phrase_modifiers_not")
    out, pos = [], cand.start
    for _ in range(_MAX_LIST):
        m = _BEFORE.search(t, max(0, pos - 40), pos)
        if not m or taken.hits(m.start("x"), m.end("x")):
            break
        x = m.group("x")
        if out and not re.fullmatch(r"\s*,\s*", t[m.end("x"):m.end()]):
            break  # "data, tensor and": only commas go on before the last "and"
        if x.lower() in excluded or x.islower() != lower or x.lower() == first.lower():
            break
        name = f"{x} {rest}"
        entry = page.catalogue.lookup(name)
        s, e = m.span("x")
        if entry is not None and entry.type == cand.type:
            out.append(Candidate(s, e, name, entry.type, SHARED_HEAD, 0.85, entry_id=entry.id))
        elif lower and cand.type == T and modifier_like(x, page.vocab.lexicon.lines("adjective_endings")):
            out.append(Candidate(s, e, name, T, METHOD_PHRASE, 0.4))
        else:
            break
        pos = m.start()
    return out


@rule(SHARED_HEAD, stage="spread", rank=10, confidence=0.85,
      finds="a name that shares its head with the next one (prompt/prefix tuning, data and model parallelism)")
def shared_heads(page: Page, found: list[Candidate]) -> list[Decision]:
    taken = Coverage(spans(found))
    out: list[Decision] = []
    for cand in found:
        if cand.type != T:
            continue
        for new in _shared(page, cand, taken):
            taken.add(new.start, new.end)
            out.append(Add(new))
    return out
