"""The names experiments pair: occurrences of models and data in a paper, and which models are the paper's own.

:mod:`kg.extract.experiments` reads the facts of each pair from the sentences; this module says where the
names are (with the phrases standing for a data set named before), which mentions run as systems, and
which models are the paper's own ("our model" stands for them).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.cues.patterns import Cues
from kg.lexicon import Lexicon
from kg.model import EntityType, Mention, Predicate

MODEL = EntityType.MODEL
DATA = (EntityType.BENCHMARK, EntityType.DATASET)


@dataclass
class _Name:
    """One occurrence of a model or data name: where, which mention, which sentence."""

    start: int
    end: int
    text: str
    mention: int
    sentence: int
    anaphor: bool = False  # "this dataset", "our corpus": a phrase standing for a data name said before



def mention_index(mentions: Sequence[Mention]) -> dict[str, int]:
    """Surface -> index of the mention it belongs to (its text or one of its aliases)."""
    index: dict[str, int] = {}
    for i, m in enumerate(mentions):
        index.setdefault(m.text, i)
    for i, m in enumerate(mentions):
        for a in m.aliases:
            index.setdefault(a, i)
    return index


def names_of(cands, mentions: Sequence[Mention], sentences: list[tuple[int, int]], text: str | None = None,
             lexicon: Lexicon | None = None) -> list[_Name]:
    """The recogniser's candidates as occurrences of mentions (models and data only); with the paper's
    ``text``, also the phrases that stand for a data set named before ("trained on this data")."""
    index = mention_index(mentions)
    starts = [s for s, _ in sentences]
    out = []
    for c in cands:
        i = index.get(c.text)
        if i is None or not (runs(mentions[i]) or mentions[i].type in DATA):
            continue
        out.append(_Name(c.start, c.end, c.text, i, bisect_right(starts, c.start) - 1))
    if text is not None:
        out += _data_anaphors(text, sentences, out, mentions, lexicon)
    return out


def _data_anaphors(text: str, sentences: list[tuple[int, int]], names: list[_Name], mentions: Sequence[Mention],
                   lexicon: Lexicon | None) -> list[_Name]:
    """ "A model trained on this data", "we evaluate X on our benchmark": the phrase stands for the data set
    named last before it ("our": the paper's own), unless a name follows it in apposition ("our dataset D")."""
    data = sorted((n for n in names if mentions[n.mention].type in DATA), key=lambda n: n.start)
    if not data:
        return []
    out = []
    starts = [s for s, _ in sentences]
    for m in Cues.of(lexicon).EXP_DATA_ANAPHOR.finditer(text):
        if any(n.start < m.end() + 3 and m.start() < n.end for n in names):
            continue  # "our dataset KelpSet-5B", "the ImageNet dataset": the name itself is there
        before = [n for n in data if n.end <= m.start()]
        if m.group().lower().startswith("our"):
            before = [n for n in before if mentions[n.mention].predicate == Predicate.PROPOSES]
        if before:
            si = bisect_right(starts, m.start()) - 1
            out.append(_Name(m.start(), m.end(), m.group(), before[-1].mention, si, anaphor=True))
    return out


def runs(m: Mention) -> bool:
    """A model, or a method the paper proposes (evaluated as a system: "QUILLNET outperforms … on KITTI")."""
    return m.type == MODEL or (m.type == EntityType.TECHNIQUE and m.predicate == Predicate.PROPOSES)


def as_models(text: str, names: list[_Name], mentions: Sequence[Mention], has_title: bool,
              cues: Cues) -> Sequence[Mention]:
    """The mentions, with the paper's own methods that are trained systems read as models: named or described as
    a network, transformer, agent or architecture ("KLF-Net", "X, a sparse graph attention network") and
    run on data as a model is, not a method, framework or approach (applied to a model, it leaves the result to
    the model).  A title that names such a system names the paper's one; the others are its parts.  Only the
    pairing reads them so; the graph keeps the type the text gave."""
    own = {n.mention for n in names if runs(mentions[n.mention]) and mentions[n.mention].type != MODEL}
    system = {i for i in own if any(_system_name(s, cues) for s in (mentions[i].text, *mentions[i].aliases))}
    system |= {n.mention for n in names if n.mention in own and not n.anaphor
               and cues.EXP_SYSTEM_DESCRIBED.match(text, n.end, min(len(text), n.end + 160))}
    titled = {n.mention for n in names if n.sentence == 0 and n.mention in system} if has_title else set()
    system = titled or system
    if not system:
        return mentions
    return [m.model_copy(update={"type": MODEL}) if i in system else m for i, m in enumerate(mentions)]


def _system_name(name: str, cues: Cues) -> bool:
    """ "KLF-Net", "Spectral Mixing Network": a name whose capitalised head is a network's; not a kind written
    out in lower case ("data filtering network") nor a plural ("Efficient Transformers": a class of them)."""
    head = cues.EXP_SYSTEM_NAME.search(name)
    return head is not None and name[head.start()].isupper()


def main_models(mentions: Sequence[Mention]) -> set[int]:
    """The paper's own models ("our model" stands for them): proposed ones, else the fine-tuned ones."""
    proposed = {i for i, m in enumerate(mentions) if runs(m) and m.predicate == Predicate.PROPOSES}
    if proposed:
        return proposed
    return {i for i, m in enumerate(mentions) if m.type == MODEL and m.predicate == Predicate.FINE_TUNES}

