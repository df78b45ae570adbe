"""What the relation cue rules may ask about one mention, each answer read once.

A cue *governs* a mention when only a list stands between them: in "fine-tuning
models such as KelpNet, QuillNet, and a ViT-L", "fine-tuning" governs all three
names, while in "LoRA-Fern outperforms LoRA with T5-Base" the comparison governs
LoRA, not T5-Base.  :class:`Reading` answers such questions for one
:class:`Occurrence` (where the last governing cue ends, whose work the sentence
describes, ...), computing each answer on first use, so a rule costs only what
it reads.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.cues.patterns import Cues
from kg.model import EntityType

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE

LEFT_WINDOW = 160  # characters of the sentence before a mention that cues may use
RIGHT_WINDOW = 80

_GAP_TOKEN = re.compile(r"[\w.\-+/]+|[^\w\s]")
_NAME_TOKEN = re.compile(r"^(?:[A-Z0-9][\w.\-+/]*|\d+(?:\.\d+)?[BMbm]?|[a-z][\w.]*-[\w.\-]*\d[\w.\-]*)$")  # gpt-oss-120b


# the words a title and a name are compared by (PaperContext.title_words, the rule named-by-our-title)
NAME_WORD = re.compile(r"[A-Za-z]{3,}")


@dataclass(frozen=True, slots=True)
class PaperContext:
    """What the whole paper says about itself, shared by all its occurrences."""

    trains_models: bool = False
    proposed: frozenset[str] = frozenset()  # surface forms of what it introduces
    title_words: frozenset[str] = frozenset()  # the title's words (NAME_WORD), lower-cased


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
    known: bool = False  # a catalogue name (or a variant of one): not new in this paper
    lead: int = -1  # where its long form begins when an acronym follows it: "without Mask Modelling (MM)"


def only_list_material(gap: str, fillers: frozenset[str]) -> bool:
    """Only names, fillers ("such as", "models", "e.g.") and list punctuation in ``gap``: a filler is read
    as written and without a closing dot, so "e.g." is one as much as "models." is."""
    for tok in _GAP_TOKEN.findall(gap):
        if tok in ",;()/&":
            continue
        low = tok.lower()
        if low in fillers or low.rstrip(".,") in fillers or _NAME_TOKEN.match(tok):
            continue
        return False
    return True


_ENDS: dict[tuple[int, str], list] = {}
_ENDS_MAX = 4096


def cue_ends(cue: re.Pattern[str], sentence: str, upto: int | None = None) -> list[int]:
    """Where the matches of a cue end in a sentence, in order: found once, shared by its mentions.

    Read lazily: the list holds every end up to ``upto`` (and at most one past it; ``None``: all of them).
    The matches of ``finditer`` do not overlap, so their ends only grow: once one ends past ``upto``, no
    later one ends before it, and the rest of the sentence need not be read for this mention.
    Kept by the pattern's identity: hashing a ``re.Pattern`` (as ``lru_cache`` would) reads its whole
    compiled code on every call.  The entry holds the pattern, so its id stays its own.
    """
    key = (id(cue), sentence)
    got = _ENDS.get(key)
    if got is None or got[0] is not cue:
        if len(_ENDS) >= _ENDS_MAX:
            _ENDS.clear()
        got = _ENDS[key] = [cue, [], cue.finditer(sentence)]
    ends, matches = got[1], got[2]
    while matches is not None and (upto is None or not ends or ends[-1] <= upto):
        m = next(matches, None)
        if m is None:
            got[2] = matches = None
        else:
            ends.append(m.end())
    return ends


def _front(o: Occurrence) -> int:
    """Where the words that name the mention begin: its long form's start for an acronym defined right there."""
    return o.lead if 0 <= o.lead < o.start else o.start


def before(cue: re.Pattern[str], o: Occurrence) -> int:
    """End of the last match of ``cue`` before the mention (within the left window), or -1."""
    front = _front(o)
    ends = cue_ends(cue, o.sentence, front)
    i = bisect_right(ends, front) - 1
    return ends[i] if i >= 0 and ends[i] >= front - LEFT_WINDOW else -1


def governing(cue: re.Pattern[str], o: Occurrence, fillers: frozenset[str]) -> int:
    """Like :func:`before`, but only a cue that governs the mention (list material between them)."""
    end = before(cue, o)
    return end if end >= 0 and only_list_material(o.sentence[end:_front(o)], fillers) else -1


@lru_cache(maxsize=256)
def clause_end(opening: re.Pattern[str], sentence: str) -> int:
    """Where a clause opened by ``opening`` ends (its first top-level comma), or 0."""
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


@lru_cache(maxsize=256)
def sentence_facts(sentence: str, cues: Cues) -> tuple[bool, bool, bool, bool]:
    """Does a sentence speak of our work, of earlier work, of experiments, of related work?  (Read once.)

    A hint of earlier work ("existing", "conventional") makes a sentence
    background only when it reports no results: "improves on MMLU compared to
    conventional training" is still our result, and so is a result whose
    earlier-work word stands after the comparison ("higher accuracy than recent
    models").  A sentence that only opens on
    a study verb ("Fine-tuning large models ...") is ours unless it also speaks
    of earlier work ("... has attracted attention recently").
    """
    experiment = bool(cues.EXPERIMENT.search(sentence))
    hint = not experiment and bool(cues.BACKGROUND_HINT.search(sentence))
    tail = compared_from(sentence, cues)  # "than recent models": theirs, not the line's
    background = bool(cues.BACKGROUND.search(sentence, 0, tail if tail >= 0 else len(sentence))) or hint
    ours = bool(cues.OURS.search(sentence)) or (not background and bool(cues.OURS_OPENER.search(sentence)))
    return ours, background, experiment, bool(cues.RELATED_WORK.search(sentence))


@lru_cache(maxsize=256)
def compared_from(sentence: str, cues: Cues) -> int:
    """Where a results line turns to what it is compared with ("... outperforms", "... than"), or -1."""
    if not cues.EXPERIMENT.search(sentence):
        return -1
    tail = cues.COMPARED_TAIL.search(sentence)
    return tail.start() if tail else -1


def whose(o: Occurrence, ctx: PaperContext, cues: Cues, strict: bool = False) -> str:
    """'ours' or 'background': whose work the sentence describes.

    A sentence is the paper's own when it says we/our or names what the paper
    introduces; else it is background when it points at earlier work or opens
    the abstract.  ``strict`` (for models) also counts as background a sentence
    that reports no experiment: a model named in passing is only mentioned.
    """
    if o.is_title:
        return "ours"
    s = o.sentence
    if o.type == T and 0 <= (tail := compared_from(s, cues)) < o.start and cues.BACKGROUND.search(s, tail):
        return "background"  # "better than traditional methods like X": a technique only compared with is earlier work
    ours, background, experiment, related_work = sentence_facts(s, cues)
    if related_work and not experiment:
        return "background"
    if ours or any(name in s for name in ctx.proposed):
        return "ours"
    if background or o.sentence_index == 1 or (strict and not experiment):
        return "background"
    return "ours"


class cached_property:  # noqa: N801 - functools' name, for what it does
    """``functools.cached_property`` without its lock: Python 3.11's takes one on every first read, a tenth
    of the cue rules' time on the thousands of readings a paper makes; a reading is never shared by threads."""

    def __init__(self, func):
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


class Reading:
    """One occurrence as the cue rules see it; every property is read on first use only."""

    def __init__(self, o: Occurrence, ctx: PaperContext, cues: Cues):
        self.o, self.ctx, self.cues = o, ctx, cues
        self._governing: dict[str, int] = {}

    def governing(self, cue: str) -> int:
        """End of the last match of cue pattern ``cue`` (a :class:`Cues` name) that governs the mention, or -1."""
        if cue not in self._governing:
            self._governing[cue] = governing(getattr(self.cues, cue), self.o, self.cues.fillers)
        return self._governing[cue]

    def before(self, cue: str) -> int:
        """End of the last match of cue pattern ``cue`` before the mention, governing or not, or -1."""
        return before(getattr(self.cues, cue), self.o)

    @cached_property
    def name(self) -> str:
        """The mention as written."""
        return self.o.sentence[self.o.start:self.o.end]

    @cached_property
    def left(self) -> str:
        """The words before the mention (before its long form, for an acronym defined right there)."""
        front = _front(self.o)
        return self.o.sentence[max(0, front - LEFT_WINDOW):front]

    @cached_property
    def right(self) -> str:
        return self.o.sentence[self.o.end:self.o.end + RIGHT_WINDOW]

    @cached_property
    def as_data(self) -> bool:
        """A benchmark or dataset, or a model name used for its data: "the DeepScaleR dataset", "datasets: X"."""
        t = self.o.type
        return t in (B, D) or (t == M and (bool(self.cues.DATA_NOUN_AFTER.match(self.right))
                                            or self.governing("DATA_LIST_BEFORE") >= 0))

    @cached_property
    def as_model(self) -> bool:
        return self.o.type == M and not self.as_data

    @cached_property
    def as_technique(self) -> bool:
        return self.o.type not in (M, B, D)

    @cached_property
    def context(self) -> str:
        """Whose work the sentence describes (strictly, for a model)."""
        return whose(self.o, self.ctx, self.cues, strict=self.o.type == M)

    @cached_property
    def background(self) -> bool:
        return self.context == "background"

    @cached_property
    def in_contrast_clause(self) -> bool:
        """The mention stands in an opening "Unlike …," clause."""
        return self.o.end <= clause_end(self.cues.CONTRAST_OPENING, self.o.sentence)

    @cached_property
    def scratch(self) -> bool:
        return bool(self.cues.FROM_SCRATCH.search(self.o.sentence))

    @cached_property
    def fine_tune_at(self) -> int:
        """The governing fine-tune cue, unless it only describes a noun of kind ("instruction-tuned LLMs (X)"), or
        it is "apply … to" in a sentence that names no way of training: "applied to X, our probe finds …" runs X
        as it is, "we apply low-rank adapters to X" trains it."""
        if self.described:
            return self._opening_fine_tune()
        at = self.governing("FINE_TUNE")
        if at >= 0 and at == self.governing("APPLIED_TO") and not self._training_said():
            return -1
        return at

    def _training_said(self) -> bool:
        """The sentence names a way of training for this name: before it, or after it in its own clause ("apply
        LoRA to X", "apply our recipe to X with DPO"), not in a relative clause about it ("X, which was trained
        on web data") nor in a sentence that says it trains nothing."""
        s, o, cues = self.o.sentence, self.o, self.cues
        if cues.NOT_TRAINING.search(s):
            return False
        stop = cues.CLAUSE_BREAK.search(s, o.end)
        return bool(cues.TRAINING_SAID.search(s, 0, o.start)
                    or cues.TRAINING_SAID.search(s, o.end, stop.start() if stop else len(s)))

    @cached_property
    def described(self) -> bool:
        """The governing fine-tune word only describes a kind: "a fine-tuned variant of X"."""
        at = self.governing("FINE_TUNE")
        return at >= 0 and at in cue_ends(self.cues.DESCRIBING_PARTICIPLE, self.o.sentence, at)

    def _opening_fine_tune(self) -> int:
        """End of an opening "When fine-tuned on T," clause whose subject is the mention, or -1."""
        end = clause_end(self.cues.FINE_TUNED_OPENING, self.o.sentence)
        subject = end and only_list_material(self.o.sentence[end + 1:self.o.start], self.cues.fillers)
        return end if subject else -1

    @cached_property
    def as_architecture(self) -> bool:
        """"adapts the X and Y architectures": the paper takes a model's design, not its weights."""
        m = self.cues.ARCHITECTURE_AFTER.match(self.right)
        return bool(m) and only_list_material(m.group("gap"), self.cues.fillers)

    @cached_property
    def system_on(self) -> bool:
        """"agents built on X": a system that calls the model, nearer than any fine-tune cue."""
        return self.governing("SYSTEM_ON") >= self.fine_tune_at >= 0

    @cached_property
    def role_after(self) -> bool:
        return bool(self.cues.ROLE_AFTER.match(self.right))

    @cached_property
    def train_at(self) -> int:
        """The governing training cue: "trained on X", or "trained on corpora such as X" (the list of a kind)."""
        return max(self.governing("TRAIN_ON"), self.governing("TRAINED_KIND"))
