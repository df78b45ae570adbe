"""The numbers a sentence states as results, and which model–data pair each belongs to.

A result is a value as written ("86.8%", "+5.3 points", "2.1x", "7.85/10"),
with its number, unit and the metric named beside it.  Plain integers are not
results ("5 epochs", "60 examples"); a value needs a percent sign, a decimal
point, a ratio, or a unit of points or times.

Which value a model–data pair gets follows how English states results:

* "X (62.1%)", "(X: 76.8%)": a value right after a model's name is that model's;
* "A and B … respectively": the n-th value goes to the n-th name of the list
  with as many names;
* "from 42.3% to 57.9%", "31.2->34.8": the value reached, not the start;
* otherwise the unclaimed value nearest the data name in its clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.catalogue import read_lines
from kg.extract.uncased import compile_ignorecase, compile_opening

_VALUE = re.compile(
    r"(?<![\w.@/\-])(?P<sign>[+\-−])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?:(?P<ratio>\s?/\s?\d+(?:\.\d+)?)"
    r"|\s?(?P<unit>%|×|x(?![\w])(?!\s*\d)|points?\b|pts?\b|pp\b|percentage points?\b))?"
    r"(?![\w.]*\d)(?!\s?(?:[BMKTk]\b|billion|million|thousand|-shot|-bit|-way|-layer))"
)
_TRANSITION = re.compile(r"\s*(?:->|→|-->|=>|to)\s*(?=[+\-−]?\d)")
_FROM = compile_opening(r"\bfrom\s*$")
_RESPECTIVELY = compile_ignorecase(r"\brespectively\b")
_CLAUSE = re.compile(r"[;]|,\s+(?:while|whereas|but|and\s+(?:we|it|our))\b|\.\s")


@dataclass(frozen=True, slots=True)
class Value:
    """One stated value: where it is in the sentence and what it says."""

    start: int
    end: int
    text: str
    number: float
    unit: str | None


def values(sentence: str) -> list[Value]:
    """The result values of a sentence, in order (a transition's start left out).

    >>> [v.text for v in values("It reaches 76.4% on A, up from 42.3% to 57.9%, and 31.2->34.8 F1.")]
    ['76.4%', '57.9%', '34.8']
    >>> [v.text for v in values("We train 7B models for 5 epochs on 60 examples; +3.2 points, 2.5x faster, 7.85/10.")]
    ['+3.2 points', '2.5x', '7.85/10']
    >>> [v.text for v in values("It needs 41.5% of the full model's VRAM and keeps 97.3% of its accuracy.")]
    ['97.3%']
    """
    return list(_values(sentence))


@lru_cache(maxsize=256)
def _values(sentence: str) -> tuple[Value, ...]:
    """(Read once per sentence: every pair of a long sentence asks.)"""
    out = []
    for m in _VALUE.finditer(sentence):
        unit = m.group("unit")
        if not (unit or m.group("frac") or m.group("ratio")):
            continue
        if _TRANSITION.match(sentence, m.end()):
            continue  # the start of "A -> B" or "from A to B"
        if not (unit or m.group("ratio") or m.group("sign")) and _is_version(sentence, m):
            continue  # "Claude Opus 4.6", "SQuAD 2.0": a name's version, not a result
        if (unit == "%" or m.group("ratio")) and _cost_after().match(sentence, m.end()):
            continue  # "41.5% of the full model's VRAM": a share of a cost, not a result
        number = float((m.group("num") + (m.group("frac") or "")).replace(",", ""))
        if m.group("sign") in ("-", "−"):
            number = -number
        out.append(Value(m.start(), m.end(), m.group().strip(), number, _unit(unit, m.group("ratio"))))
    return tuple(out)


@cache
def _cost_after() -> re.Pattern:
    """ "of the full model's VRAM", "of their compute": what follows a share of a cost or budget."""
    from kg.lexicon import Lexicon

    return compile_ignorecase(r"\s*of\s+(?:the\s+|its\s+|their\s+|our\s+)?(?:original\s+|full\s+|baseline\s+)?"
                              r"(?:[\w\-]+(?:'s|’s)\s+)?" + Lexicon.load().fragments("exp_cost_nouns") + r"\b")


_NAME_BEFORE = re.compile(r"(?<![\w\-])([A-Z][A-Za-z]*)\s$")


def _is_version(sentence: str, m: re.Match) -> bool:
    """A short decimal right after a capitalised word that is no metric ("Gemini 2.5", not "FID 29.15" or
    "BLEU 31.2"): English writes a model's or data set's version so.

    >>> [v.text for v in values("Gemini 2.5 Pro reaches 81.5% and SQuAD 2.0 a BLEU 31.2 at FID 2.1.")]
    ['81.5%', '31.2', '2.1']
    """
    before = _NAME_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
    if before is None or len(m.group("num")) > 2 or len(m.group("frac") or "") != 2:
        return False
    return before.group(1).lower() not in _metric_surfaces()


@cache
def _metric_surfaces() -> frozenset[str]:
    return frozenset(surface for surface, _ in _metric_table())


def _unit(unit: str | None, ratio: str | None) -> str | None:
    if ratio:
        return "ratio"
    if not unit:
        return None
    unit = unit.strip().lower()
    if unit == "%":
        return "%"
    if unit in ("x", "×"):
        return "×"
    return "points"


@dataclass(frozen=True, slots=True)
class Span:
    """A name in the sentence: its offsets and its identity (a mention index)."""

    start: int
    end: int
    ident: int


def claimed(sentence: str, vals: list[Value], models: list[Span]) -> dict[int, int]:
    """Values written right after a model's name, "X (62.1%)" or "(X: 76.8%)": value index -> model."""
    out = {}
    for i, v in enumerate(vals):
        for m in models:
            if m.end <= v.start <= m.end + 4 and re.fullmatch(r"\s*[:(]?\s*(?:of\s*)?", sentence[m.end:v.start]):
                out[i] = m.ident
    return out


def respectively(sentence: str, vals: list[Value], names: list[Span]) -> dict[int, Value]:
    """ "A and B … respectively": identity -> value, when the counts agree."""
    if not _RESPECTIVELY.search(sentence):
        return {}
    seen: list[int] = []
    for n in sorted(names, key=lambda s: s.start):
        if n.ident not in seen:
            seen.append(n.ident)
    if len(seen) > len(vals) >= 2:  # "G made the data, giving +3% and +4% for X and Y, respectively": X, Y
        seen = _list_before(sentence, names, len(vals))
    if len(seen) < 2 or len(seen) != len(vals):
        return {}
    return dict(zip(seen, vals))


_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def _list_before(sentence: str, names: list[Span], n: int) -> list[int]:
    """The last ``n`` names before "respectively" when they form one list ("X, Y and Z"), else none."""
    at = sentence.lower().rfind("respectively")
    last = sorted((s for s in names if s.end <= at), key=lambda s: s.start)[-n:]
    if len(last) < n or len({s.ident for s in last}) < n:
        return []
    if any(not _LIST_GLUE.fullmatch(sentence[a.end:b.start]) for a, b in zip(last, last[1:])):
        return []
    return [s.ident for s in last]


def nearest(sentence: str, vals: list[Value], taken: set[int], data: Span, model: Span | None) -> Value | None:
    """The unclaimed value nearest the data name, within its clause and 90 characters.

    "On D, X improves from 42.3% to 57.9%": when the model follows the data, its value follows the model.
    A value in brackets after an ordinary word ("with 60 examples (5%)") is an aside and counts as farther.
    """
    anchor = model if model is not None and model.start > data.end else data
    best, best_gap = None, 91
    for i, v in enumerate(vals):
        if i in taken:
            continue
        lo, hi = (v.end, anchor.start) if v.end <= anchor.start else (anchor.end, v.start)
        if _CLAUSE.search(sentence[lo:hi]):
            continue
        gap = hi - lo + (0 if v.end <= anchor.start else 10)  # "N on Y" reads before "Y … N"
        if anchor is data and model is not None and model.start < data.start and v.end <= model.start:
            gap += 60  # a value before the model is rarely its own
        if anchor is model and v.start < model.start:
            gap += 60
        if anchor is data and model is not None and model.end <= v.start <= data.start and v.end <= data.start:
            gap -= 30  # "X achieves 79.8% on D and a 3.6% gain over Y": between the model and its data
        if sentence[:v.start].rstrip().endswith("("):
            gap += 30
        if gap < best_gap:
            best, best_gap = v, gap
    return best


@cache
def _metric_table() -> tuple[tuple[str, str], ...]:
    rows = []
    for line in sorted(read_lines("metrics.txt")):
        canonical, _, surfaces = line.partition("=")
        for s in surfaces.split("|"):
            if s.strip():
                rows.append((s.strip().lower(), canonical.strip()))
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0])))


def metric_near(sentence: str, value: Value) -> str | None:
    """The metric named nearest a value in its clause, normalised through ``kg/data/metrics.txt``.

    >>> s = "It achieves 83.0% zero-shot top-1 accuracy on ImageNet and a BLEU of 31.2."
    >>> [metric_near(s, v) for v in values(s)]
    ['top-1 accuracy', 'BLEU']
    """
    lo = max(0, value.start - 60)
    hi = min(len(sentence), value.end + 60)
    best, best_gap = None, None
    lowered = sentence.lower()
    for surface, canonical in _metric_table():
        for m in re.finditer(r"(?<![\w@\-])" + re.escape(surface) + r"(?![\w@\-])", lowered[lo:hi]):
            s, e = lo + m.start(), lo + m.end()
            written = sentence[s:e]
            if len(surface) <= 4 and not any(c.isupper() for c in written) and surface not in ("f1", "acc"):
                continue  # "em", "map", "asr": only as the capitalised abbreviation
            between = sentence[e:value.start] if e <= value.start else sentence[value.end:s]
            if _CLAUSE.search(between) or re.search(r"\d", between.replace("@", "")):
                continue
            gap = len(between)
            if best_gap is None or gap < best_gap:
                best, best_gap = canonical, gap
    return best
