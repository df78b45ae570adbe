"""What a paper does with each name it mentions, read from the words around it.

Each occurrence of an entity gets a predicate from cues in its sentence; the
paper's edge to the entity is then the most specific predicate over all its
occurrences (``Predicate`` order).

A cue *governs* a mention when only a list stands between them: in "fine-tuning
models such as CLIP, ALIGN, and a ViT-G", "fine-tuning" governs all three
names, while in "LoRA-GA outperforms LoRA with T5-Base" the comparison governs
LoRA, not T5-Base.  Each cue is a small regular expression composed from the
word lists of the lexicon (:mod:`kg.extract.cues.patterns`), testable with one
sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.cues.patterns import TEMPLATES, Cues
from kg.lexicon import Lexicon
from kg.model import EntityType, Predicate

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE
P = Predicate

LEFT_WINDOW = 160  # characters of the sentence before a mention that cues may use
RIGHT_WINDOW = 80


_GAP_TOKEN = re.compile(r"[\w.\-+/]+|[^\w\s]")
_NAME_TOKEN = re.compile(r"^(?:[A-Z0-9][\w.\-+/]*|\d+(?:\.\d+)?[BMbm]?|[a-z][\w.]*-[\w.\-]*\d[\w.\-]*)$")  # gpt-oss-120b


def __getattr__(name: str):
    """The shipped lexicon's cue patterns under their names (``relations.FINE_TUNE``), built on first use."""
    if name in TEMPLATES:
        return getattr(Cues.of(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _only_list_material(gap: str, fillers: frozenset[str]) -> bool:
    for tok in _GAP_TOKEN.findall(gap):
        if tok in ",;()/&":
            continue
        if tok.lower().rstrip(".,") in fillers or _NAME_TOKEN.match(tok):
            continue
        return False
    return True


def governs(left: str, cue: re.Pattern[str], lexicon: Lexicon | None = None) -> bool:
    """The last match of ``cue`` in ``left`` reaches the end of ``left`` through list material only.

    >>> cues = Cues.of()
    >>> governs("When fine-tuning large pre-trained models such as CLIP, ALIGN, and a ", cues.FINE_TUNE)
    True
    >>> governs("LoRA-GA outperforms LoRA by 5% with ", cues.COMPARE)
    False
    """
    end = _last(cue, left)
    return end >= 0 and _only_list_material(left[end:], Cues.of(lexicon).fillers)


@lru_cache(maxsize=4096)
def _ends(cue: re.Pattern[str], sentence: str) -> tuple[int, ...]:
    """Where each match of a cue ends in a sentence: found once, shared by its mentions."""
    return tuple(m.end() for m in cue.finditer(sentence))


def _before(cue: re.Pattern[str], o: "Occurrence") -> int:
    """End of the last match of ``cue`` before the mention (within the left window), or -1."""
    ends = _ends(cue, o.sentence)
    i = bisect_right(ends, o.start) - 1
    return ends[i] if i >= 0 and ends[i] >= o.start - LEFT_WINDOW else -1


def _governing(cue: re.Pattern[str], o: "Occurrence", fillers: frozenset[str]) -> int:
    """Like :func:`_before`, but only a cue that governs the mention (see :func:`governs`)."""
    end = _before(cue, o)
    return end if end >= 0 and _only_list_material(o.sentence[end:o.start], fillers) else -1


def _last(cue: re.Pattern[str], text: str) -> int:
    end = -1
    for m in cue.finditer(text):
        end = m.end()
    return end


@lru_cache(maxsize=256)
def _clause_end(opening: re.Pattern[str], sentence: str) -> int:
    if not opening.match(sentence):
        return 0
    depth = 0
    for i, c in enumerate(sentence):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif c == "," and depth == 0:
            return i
    return 0


def contrast_clause_end(sentence: str, lexicon: Lexicon | None = None) -> int:
    """Where an opening "Unlike …," / "Instead of …," clause ends (its first top-level comma), or 0.

    >>> s = "Instead of reusing old suites (like AAA, BBB), we build a new one."
    >>> s[:contrast_clause_end(s)]
    'Instead of reusing old suites (like AAA, BBB)'
    """
    return _clause_end(Cues.of(lexicon).CONTRAST_OPENING, sentence)


@dataclass(frozen=True, slots=True)
class PaperContext:
    """What the whole paper says about itself, shared by all its occurrences."""

    trains_models: bool = False
    proposed: frozenset[str] = frozenset()  # surface forms of what it introduces


def paper_context(title: str, abstract: str, proposed: frozenset[str], lexicon: Lexicon | None = None) -> PaperContext:
    """Does the paper update model weights at all?  Which names are its own?

    It does when it says "we fine-tune …", names fine-tuning in its title, or
    names a training method ("LoRA", "DPO") where it describes its own work,
    unless it says it trains nothing ("training-free").
    """
    cues = Cues.of(lexicon)
    text = f"{title}\n{abstract}"
    ours = [sent for sent in re.split(r"(?<=[.!?])\s+", abstract) if cues.OURS.search(sent)]
    trains = bool(cues.TRAINS_MODELS.search(text) or cues.TRAINS_MODELS_TITLE.search(title)
                  or any(cues.TRAINING_METHODS.search(sent) for sent in ours))
    return PaperContext(trains_models=trains and not cues.NOT_TRAINING.search(text), proposed=proposed)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One mention of an entity in one sentence."""

    type: EntityType
    sentence: str
    start: int  # offset of the mention in the sentence
    end: int
    is_title: bool
    sentence_index: int  # 0 for the title, 1 for the abstract's first sentence …
    proposed: bool
    closed: bool = False  # a model whose weights were never released


def whose(o: Occurrence, ctx: PaperContext, strict: bool = False, lexicon: Lexicon | None = None) -> str:
    """'ours' or 'background': whose work the sentence describes.

    A sentence is the paper's own when it says we/our or names what the paper
    introduces; else it is background when it points at earlier work or opens
    the abstract.  ``strict`` (for models) also counts as background a sentence
    that reports no experiment: a model named in passing is only mentioned.
    """
    if o.is_title:
        return "ours"
    s = o.sentence
    ours, background, experiment, related_work = _sentence_facts(s, Cues.of(lexicon))
    if related_work and not experiment:
        return "background"
    if ours or any(name in s for name in ctx.proposed):
        return "ours"
    if background or o.sentence_index == 1 or (strict and not experiment):
        return "background"
    return "ours"


def sentence_facts(sentence: str, lexicon: Lexicon | None = None) -> tuple[bool, bool, bool, bool]:
    """Does a sentence speak of our work, of earlier work, of experiments, of related work?"""
    return _sentence_facts(sentence, Cues.of(lexicon))


@lru_cache(maxsize=256)
def _sentence_facts(sentence: str, cues: Cues) -> tuple[bool, bool, bool, bool]:
    """(Read once per sentence.)  A hint of earlier work ("existing", "conventional") makes a sentence
    background only when it reports no results: "improves on MMLU compared to conventional
    training" is still our result.
    """
    experiment = bool(cues.EXPERIMENT.search(sentence))
    background = bool(cues.BACKGROUND.search(sentence)) or (not experiment and bool(cues.BACKGROUND_HINT.search(sentence)))
    return bool(cues.OURS.search(sentence)), background, experiment, bool(cues.RELATED_WORK.search(sentence))


def classify(o: Occurrence, ctx: PaperContext = PaperContext(),
             lexicon: Lexicon | None = None) -> tuple[Predicate, str, float]:
    """Predicate, rule name and confidence for one occurrence."""
    if o.proposed:
        return P.PROPOSES, "proposal", 0.85
    cues = Cues.of(lexicon)
    left = o.sentence[max(0, o.start - LEFT_WINDOW):o.start]
    right = o.sentence[o.end:o.end + RIGHT_WINDOW]
    context = whose(o, ctx, strict=o.type == M, lexicon=lexicon)
    if o.type == M and cues.DATA_NOUN_AFTER.match(right):
        return _data(left, right, o, context, cues)  # "the DeepScaleR dataset": the name of data here, not of weights
    if o.type == M:
        return _model(right, o, context, ctx, cues, lexicon)
    if o.type in (B, D):
        return _data(left, right, o, context, cues)
    return _technique(right, o, context, cues)


def _model(right: str, o: Occurrence, context: str, ctx: PaperContext, cues: Cues,
           lexicon: Lexicon | None) -> tuple[Predicate, str, float]:
    f = cues.fillers
    role_after = bool(cues.ROLE_AFTER.match(right))
    role_at = _governing(cues.ROLE_BEFORE, o, f)
    role = role_after or role_at >= 0
    fine_tune_at = _governing(cues.FINE_TUNE, o, f)
    compare_at = _governing(cues.COMPARE, o, f)
    scratch = bool(cues.FROM_SCRATCH.search(o.sentence))
    said_in_background = whose(o, ctx, lexicon=lexicon) == "background"
    # the nearest cue wins; "post-trained from X" is both a fine-tune cue and a "from": fine-tune
    fine_tune_nearest = fine_tune_at >= 0 and fine_tune_at >= role_at and fine_tune_at > compare_at
    if o.closed:  # only "we fine-tune GPT-3.5" itself, not "built on GPT-4" or "GPT-4 as the backbone"
        fine_tune_nearest = fine_tune_nearest and _governing(cues.EXPLICIT_FINE_TUNE, o, f) == fine_tune_at
    if _governing(cues.SYSTEM_ON, o, f) >= fine_tune_at >= 0:
        return (P.MENTIONS, "background", 0.6) if context == "background" else (P.EVALUATES, "system-built-on", 0.7)
    after = cues.FINE_TUNE_AFTER.match(right)
    fine_tuned_after = bool(after) and (not o.closed or bool(cues.EXPLICIT_FINE_TUNE.search(after.group())))
    if not said_in_background and not scratch and (
            (fine_tune_nearest and not role_after) or fine_tuned_after):
        return P.FINE_TUNES, "fine-tune-cue", 0.8
    if context == "background":
        return P.MENTIONS, "background", 0.6
    if role:
        return P.EVALUATES, "role-cue", 0.8
    if compare_at >= 0:
        return P.EVALUATES, "comparison-cue", 0.8
    if _governing(cues.EVALUATE, o, f) > fine_tune_at:
        return P.EVALUATES, "evaluation-cue", 0.7
    if (ctx.trains_models and not o.closed and not scratch
            and not cues.COMPARE.search(o.sentence[max(0, o.start - 50):o.start])
            and not cues.ROLE_NEAR.search(o.sentence[max(0, o.start - 50):o.end + 25])):
        return P.FINE_TUNES, "trained-in-our-experiments", 0.55
    return P.EVALUATES, "experiment-context", 0.6


def _data(left: str, right: str, o: Occurrence, context: str, cues: Cues) -> tuple[Predicate, str, float]:
    if o.end <= _clause_end(cues.CONTRAST_OPENING, o.sentence) or cues.CONTRASTED_TRAINING.search(left):
        return P.MENTIONS, "contrast", 0.65
    train_at = _governing(cues.TRAIN_ON, o, cues.fillers)
    if _governing(cues.CONTRAST, o, cues.fillers) >= 0 and train_at < 0:
        return P.MENTIONS, "contrast", 0.65
    eval_at = _before(cues.EVAL_ON, o)
    if cues.SOMEONE_ELSES.search(left):
        return P.MENTIONS, "trained-by-others", 0.6
    if (train_at > eval_at) or cues.TRAIN_AFTER.match(right):
        return P.TRAINS_ON, "train-on-cue", 0.75
    if context == "background":
        return P.MENTIONS, "background", 0.6
    if o.type == B:
        return P.EVALUATES_ON, "benchmark-in-experiments", 0.7
    if cues.EVAL_ON.search(o.sentence):
        return P.EVALUATES_ON, "evaluate-on-cue", 0.65
    return P.TRAINS_ON, "dataset-in-our-work", 0.5


def _technique(right: str, o: Occurrence, context: str, cues: Cues) -> tuple[Predicate, str, float]:
    if (_governing(cues.CONTRAST, o, cues.fillers) >= 0 or cues.CONTRAST_AFTER.match(right)
            or o.end <= _clause_end(cues.CONTRAST_OPENING, o.sentence)):
        return P.MENTIONS, "negation-or-contrast", 0.7
    if context == "background":
        return P.MENTIONS, "background", 0.6
    return P.USES_TECHNIQUE, "used-in-our-work", 0.65


def taken_up(next_sentence: str, lexicon: Lexicon | None = None) -> bool:
    """Does a sentence open by applying what the sentence before it named (by a pronoun)?

    "X has become the default recipe. We apply it to …": the next sentence takes X up.
    """
    return bool(Cues.of(lexicon).TAKEN_UP.search(next_sentence))


PRECEDENCE = {p: i for i, p in enumerate(Predicate)}


def strongest(predicates: list[Predicate]) -> Predicate:
    """The edge a paper keeps when several occurrences disagree."""
    return min(predicates, key=PRECEDENCE.__getitem__)
