"""A new name found once is the same name everywhere in its paper; a name inside a URL is none."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.decisions import Add, Decision, Drop
from kg.extract.engine import rule
from kg.extract.rules.ids import IN_URL, MODIFIER_ONLY, REPEAT, is_new
from kg.extract.text import Coverage, Page, spans
from kg.extract.types import Candidate
from kg.extract.uncased import compile_ignorecase
from kg.lexicon import Lexicon
from kg.model import EntityType

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,6}/\S*")  # not "GPT-3.5/4"
_TOKEN = re.compile(r"\S+")
_URL_HINT = re.compile(r"/|www\.")


def _url_spans(text: str) -> list[tuple[int, int]]:
    """``_URL``'s matches, in linear time: it is tried only on the words holding "/" or "www.".

    A match never holds a space, and always a "/" or "www."; run over the whole
    text, the pattern would rescan a long hyphenated run from each of its
    words (quadratic), though it can never match there.  The words are found from
    their "/" or "www." (re finds those in C), each once, in text order.
    """
    spans, end = [], 0
    for hint in _URL_HINT.finditer(text):
        start = hint.start()
        if start < end:
            continue  # a word already read
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = _TOKEN.match(text, start).end()
        spans.extend(m.span() for m in _URL.finditer(text, start, end))
    return spans


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
    taken = Coverage(spans(out))
    for s, e in spots:
        if taken.hits(s, e):
            continue
        taken.add(s, e)
        out.append(Candidate(s, e, template.text, template.type, REPEAT, template.confidence,
                             entry_id=template.entry_id, base=template.base, suffixes=template.suffixes,
                             proposed=template.proposed))
    return out


@rule(REPEAT, stage="spread", rank=11, confidence=0.0, finds="a new name found once, wherever else its paper writes it")
def spread(page: Page, found: list[Candidate]) -> list[Decision]:
    text, done, out = page.text.text, set(), list(found)
    for cand in [c for c in found if is_new(c.rule)]:
        if cand.text not in done:  # a name already spread has taken every spot it could
            done.add(cand.text)
            out = _add_everywhere(text, out, cand)
    return [Add(c) for c in out[len(found):]]


@rule(IN_URL, stage="spread", rank=13, confidence=0.0, finds="nothing: drops the names written inside a URL")
def drop_urls(page: Page, found: list[Candidate]) -> list[Decision]:
    urls = _url_spans(page.text.text)  # "github.com/HumanEval-V/HumanEval-V-Benchmark": a path, not a mention
    return [Drop(i) for i, c in enumerate(found) if urls and any(s < c.end and c.start < e for s, e in urls)]


@cache
def _modifier_after(lexicon: Lexicon) -> re.Pattern[str]:
    return compile_ignorecase(r"-" + lexicon.fragments("modifier_words") + r"\b")


def _architectures(catalogue, lexicon: Lexicon) -> frozenset[str]:
    """Ids of the known techniques one of whose names ends in an architecture word ("… neural network")."""
    heads = lexicon.words("architecture_heads")
    return catalogue.derived(("architectures", heads), lambda cat: frozenset(
        e.id for e in cat.entries.values() if e.type == EntityType.TECHNIQUE
        and any(words[-1] in heads for n in e.names if (words := re.findall(r"[a-z]+", n.lower())))))


@rule(MODIFIER_ONLY, stage="spread", rank=15, confidence=0.0,
      finds="nothing: drops a known architecture the paper writes only as a modifier ('transformer-based')")
def drop_modifier_architectures(page: Page, found: list[Candidate]) -> list[Decision]:
    """"A transformer-based tagger": the tagger is described, the Transformer is not named (GUIDELINES decision 3)."""
    text, lexicon = page.text.text, page.vocab.lexicon
    known = [(i, c) for i, c in enumerate(found) if c.entry_id]
    if not known:
        return []
    arch = _architectures(page.catalogue, lexicon)
    after = _modifier_after(lexicon)
    groups: dict[str, list[int]] = {}
    for i, c in known:
        if c.entry_id in arch:
            groups.setdefault(c.entry_id, []).append(i)
    return [Drop(i) for idx in groups.values() if all(after.match(text, found[i].end) for i in idx) for i in idx]
