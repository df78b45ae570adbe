"""What a paper does with each name it mentions, read from the words around it.

Each occurrence of an entity gets a predicate from cues in its sentence; the
paper's edge to the entity is then the most specific predicate over all its
occurrences (``Predicate`` order).  The cues are small regular expressions over
the words just before and after the mention, so each can be tested with one
sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import EntityType, Predicate

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE
P = Predicate

LEFT_WINDOW = 90  # characters of the sentence before a mention that cues may use
RIGHT_WINDOW = 70


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- the paper's own work, as opposed to background
OUR_WORK = _rx(
    r"\b(?:we|our|us|this (?:paper|work|study|report)|here|the proposed|experiments?|experimental|"
    r"empirical(?:ly)?|results?|evaluations?|outperform\w*|surpass\w*|achiev\w*|demonstrat\w*|"
    r"show(?:s|n|ing)?|find|found|extensive)\b"
)
BACKGROUND = _rx(
    r"\b(?:recent(?:ly)?|existing|prior|previous(?:ly)?|popular|prevalent|widely|commonly|"
    r"have (?:been|shown|demonstrated|achieved|become)|has (?:been|shown|become)|emerg\w*|such as|e\.g\.|"
    r"like|typically|often|traditional(?:ly)?|conventional(?:ly)?|current)\b"
)

# --- models
FINE_TUNE_BEFORE = _rx(
    r"(?:\b(?:fine-?tun\w*|finetun\w*|instruction[- ]tun\w*|post-?train\w*|continu\w*\s+(?:pre-?)?train\w*|"
    r"further\s+(?:pre-?)?train\w*|re-?train\w*|distill\w*\s+(?:\w+\s+){0,3}into|adapt(?:s|ed|ing)?|"
    r"align(?:s|ed|ing)?|(?:we|to)\s+train|training|trains|RL-?tun\w*|"
    r"based on|built (?:up)?on|build (?:up)?on|initiali[sz](?:ed|ing|e) (?:from|with)|starting from|start from|"
    r"on top of|upon|apply(?:ing)? [\w\s\-]{0,30}? to|applied [\w\s\-]{0,30}? to|specializ\w* |"
    r"(?:LoRA|QLoRA|DPO|PPO|GRPO|SFT|RLHF|RL)\s+(?:on|to|for)|update|equip\w*|enhanc\w*|improv\w*)"
    r"(?:\s+(?:the|a|an|our|pre-?trained|open(?:-source)?|base|strong|existing|two|three|several|"
    r"popular|off-the-shelf|\d+[bm]?|models?|llms?|such as|like|including|e\.g\.,?|,|and))*\s*$)"
)
FINE_TUNE_AFTER = _rx(
    r"^\s*(?:[\w.\-]+\s+){0,2}?(?:models?\s+)?(?:is|are|was|were|being|,)?\s*"
    r"(?:fine-?tuned|finetuned|instruction[- ]tuned|post-?trained|further\s+(?:pre-?)?trained|"
    r"continually\s+pre-?trained|trained\s+with|adapted|aligned|as\s+(?:the|our|a)?\s*"
    r"(?:base|backbone|student|initiali[sz]ation|starting point|policy|foundation|seed)\b)"
)
TEACHER = _rx(r"\b(?:teacher|judge|evaluator|annotator|critic|oracle|labeler|grader|generator|"
              r"distill\w*\s+(?:\w+\s+){0,3}from|generated (?:by|with|using)|synthesi[sz]ed (?:by|with|using)|"
              r"prompt\w*|quer\w*)\b")
COMPARE = _rx(r"\b(?:compar\w*|outperform\w*|surpass\w*|beat\w*|better than|than|versus|vs\.?|against|"
              r"baselines?|competitive with|on par with|rival\w*|exceed\w*|match\w*)\b")
FROM_SCRATCH = _rx(r"\bfrom scratch\b")

# --- data
TRAIN_VERB = _rx(
    r"\b(?:(?:pre-?|fine-?|re-?|post-?|co-?)?train\w*|fine-?tun\w*|finetun\w*|learn\w*|distill\w*|"
    r"instruction-?tun\w*|sft|upcycl\w*|continu\w* pre-?train\w*)\b"
)
EVAL_VERB = _rx(r"\b(?:evaluat\w*|test\w*|benchmark\w*|results?|accuracy|performance|scores?|measur\w*|"
                r"report\w*|achiev\w*|outperform\w*|compar\w*|assess\w*|validat\w*|experiments?)\b")
TRAIN_ON = _rx(r"\b(?:on|using|with|from)\s+(?:the\s+|a\s+|our\s+)?(?:[\w\-]+\s+){0,2}$")
TRAIN_AFTER = _rx(r"^\s*(?:dataset|data|corpus)?\s*(?:for|as)\s+(?:training|fine-?tuning|pre-?training|"
                  r"instruction tuning|sft)|^\s*(?:training|fine-?tuning|pre-?training)\s+(?:data|set|corpus)")
EVAL_ON = _rx(r"\b(?:evaluat\w*|test\w*|benchmark\w*|results?|accuracy|performance|scores?|"
              r"state-of-the-art|sota|achiev\w*|improv\w*|outperform\w*|gains?|experiments?)\b")

# --- techniques
NEGATION_BEFORE = _rx(
    r"\b(?:unlike|without|instead of|rather than|(?:do|does|did|need|needs) not (?:\w+ ){0,2}|"
    r"no need for|free of|w/o|alternative(?:s)? to|replac\w*|compared (?:to|with)|outperform\w*|"
    r"better than|surpass\w*|than|over|versus|vs\.?|beyond|limitations? of|drawbacks? of|"
    r"unlike (?:\w+ ){0,3})\s*(?:the\s+|standard\s+|conventional\s+|traditional\s+|vanilla\s+|existing\s+|"
    r"prior\s+|previous\s+|[\w\-]+\s+){0,2}$"
)
NEGATION_AFTER = _rx(r"^[\s\-]*(?:-?free|baselines?|is not|are not|fails?|struggl\w*|suffers?)\b")


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


def classify(o: Occurrence) -> tuple[Predicate, str, float]:
    """Predicate, rule name and confidence for one occurrence."""
    if o.proposed:
        return P.PROPOSES, "proposal", 0.85
    left = o.sentence[max(0, o.start - LEFT_WINDOW):o.start]
    right = o.sentence[o.end:o.end + RIGHT_WINDOW]
    ours = o.is_title or bool(OUR_WORK.search(o.sentence))
    background = not ours or (o.sentence_index == 1 and bool(BACKGROUND.search(o.sentence))
                              and not re.search(r"\b(?:we|our)\b", o.sentence, re.IGNORECASE))
    if o.type == M:
        return _model(left, right, o, ours, background)
    if o.type in (B, D):
        return _data(left, right, o, background)
    return _technique(left, right, background)


def _model(left: str, right: str, o: Occurrence, ours: bool, background: bool) -> tuple[Predicate, str, float]:
    near_left = left[-60:]
    teacher = TEACHER.search(near_left) or TEACHER.search(right[:25])
    if not teacher and not FROM_SCRATCH.search(o.sentence):
        if FINE_TUNE_BEFORE.search(near_left) and not COMPARE.search(near_left[-25:]):
            return P.FINE_TUNES, "fine-tune-cue", 0.75
        if FINE_TUNE_AFTER.search(right):
            return P.FINE_TUNES, "fine-tune-cue", 0.75
    if background:
        return P.MENTIONS, "background", 0.6
    if teacher:
        return P.EVALUATES, "judge-teacher-cue", 0.75
    if COMPARE.search(left[-50:]) or COMPARE.search(right[:30]):
        return P.EVALUATES, "comparison-cue", 0.75
    return P.EVALUATES, "experiment-context", 0.6


def _last(rx: re.Pattern[str], text: str) -> int:
    """Where the last match of ``rx`` in ``text`` ends, or -1."""
    end = -1
    for m in rx.finditer(text):
        end = m.end()
    return end


def _data(left: str, right: str, o: Occurrence, background: bool) -> tuple[Predicate, str, float]:
    train_at, eval_at = _last(TRAIN_VERB, left), _last(EVAL_VERB, left)
    if (train_at > eval_at and TRAIN_ON.search(left)) or TRAIN_AFTER.search(right):
        return P.TRAINS_ON, "train-on-cue", 0.7
    if background:
        return P.MENTIONS, "background", 0.6
    if o.type == B:
        return P.EVALUATES_ON, "benchmark-in-experiments", 0.7
    if EVAL_ON.search(o.sentence):
        return P.EVALUATES_ON, "evaluate-on-cue", 0.65
    return P.MENTIONS, "named", 0.5


def _technique(left: str, right: str, background: bool) -> tuple[Predicate, str, float]:
    if NEGATION_BEFORE.search(left[-60:]) or NEGATION_AFTER.search(right):
        return P.MENTIONS, "negation-or-contrast", 0.7
    if background:
        return P.MENTIONS, "background", 0.6
    return P.USES_TECHNIQUE, "used-in-our-work", 0.65


PRECEDENCE = {p: i for i, p in enumerate(Predicate)}


def strongest(predicates: list[Predicate]) -> Predicate:
    """The edge a paper keeps when several occurrences disagree."""
    return min(predicates, key=PRECEDENCE.__getitem__)
