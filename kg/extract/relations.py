"""What a paper does with each name it mentions, read from the words around it.

Each occurrence of an entity gets a predicate from cues in its sentence; the
paper's edge to the entity is then the most specific predicate over all its
occurrences (``Predicate`` order).

A cue *governs* a mention when only a list stands between them: in "fine-tuning
models such as CLIP, ALIGN, and a ViT-G", "fine-tuning" governs all three
names, while in "LoRA-GA outperforms LoRA with T5-Base" the comparison governs
LoRA, not T5-Base.  Each cue is a small regular expression, testable with one
sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kg.model import EntityType, Predicate

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE
P = Predicate

LEFT_WINDOW = 160  # characters of the sentence before a mention that cues may use
RIGHT_WINDOW = 80


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Words that may stand between a cue and the name it governs: list material.
_FILLER_WORDS = frozenset("""
the a an both either several various other strong popular open open-source closed closed-source
proprietary state-of-the-art sota existing large larger small smaller base pre-trained pretrained
instruction-tuned chat powerful recent leading representative widely-used widely used model models
llm llms lm lms baseline baselines backbone backbones architecture architectures family families
variant variants version versions checkpoint checkpoints such as like including e.g. i.e. namely
and or well up to size sizes scale scales parameter parameters series e g i of
two three four five six seven eight nine ten eleven twelve fifteen twenty thirty dozen dozens many multiple
numerous diverse frontier mainstream advanced commercial any additional extra explicit
open-weight open-weights only similar comparable much even larger bigger stronger top best
method methods approach approaches technique techniques algorithm algorithms work works
""".split())
_GAP_TOKEN = re.compile(r"[\w.\-+/]+|[^\w\s]")
_NAME_TOKEN = re.compile(r"^(?:[A-Z0-9][\w.\-+/]*|\d+(?:\.\d+)?[BMbm]?|[a-z][\w.]*-[\w.\-]*\d[\w.\-]*)$")  # gpt-oss-120b


def _only_list_material(gap: str) -> bool:
    for tok in _GAP_TOKEN.findall(gap):
        if tok in ",;()/&":
            continue
        if tok.lower().rstrip(".,") in _FILLER_WORDS or _NAME_TOKEN.match(tok):
            continue
        return False
    return True


def governs(left: str, cue: re.Pattern[str]) -> bool:
    """The last match of ``cue`` in ``left`` reaches the end of ``left`` through list material only.

    >>> governs("When fine-tuning large pre-trained models such as CLIP, ALIGN, and a ", FINE_TUNE)
    True
    >>> governs("LoRA-GA outperforms LoRA by 5% with ", COMPARE)
    False
    """
    end = _last(cue, left)
    return end >= 0 and _only_list_material(left[end:])


@lru_cache(maxsize=4096)
def _ends(cue: re.Pattern[str], sentence: str) -> tuple[int, ...]:
    """Where each match of a cue ends in a sentence: found once, shared by its mentions."""
    return tuple(m.end() for m in cue.finditer(sentence))


def _before(cue: re.Pattern[str], o: "Occurrence") -> int:
    """End of the last match of ``cue`` before the mention (within the left window), or -1."""
    ends = _ends(cue, o.sentence)
    i = bisect_right(ends, o.start) - 1
    return ends[i] if i >= 0 and ends[i] >= o.start - LEFT_WINDOW else -1


def _governing(cue: re.Pattern[str], o: "Occurrence") -> int:
    """Like :func:`_before`, but only a cue that governs the mention (see :func:`governs`)."""
    end = _before(cue, o)
    return end if end >= 0 and _only_list_material(o.sentence[end:o.start]) else -1


def _last(cue: re.Pattern[str], text: str) -> int:
    end = -1
    for m in cue.finditer(text):
        end = m.end()
    return end


# --- whose work a sentence describes
OURS = _rx(r"\b(?:we|our|us|this (?:paper|work|study|report|article)|here|the proposed|in this (?:paper|work))\b"
           r"|^(?:this|the) (?:new |resulting |proposed |final )?(?:method|approach|framework|architecture|"
           r"recipe|technique|algorithm|pipeline|strategy|training recipe|design)\b|^this (?:model|system)\b"
           # a sentence opening with what the authors do: "Testing six models (…) shows …"
           r"|^(?:by\s+)?(?:testing|evaluating|benchmarking|probing|comparing|fine-?tuning|training|applying|"
           r"analy[sz]ing|studying|auditing)\b")
# Earlier work, said outright ...
BACKGROUND = _rx(
    r"\b(?:recent(?:ly)?|popular|prevalent|widely|commonly|"
    r"have (?:been|shown|demonstrated|achieved|become|emerged)|has (?:been|shown|become|emerged)|"
    r"emerg\w*|typically|often|traditional(?:ly)?)\b"
)
# ... even in a sentence that says "we": "we also discuss related fields such as X"
RELATED_WORK = _rx(r"\brelated\s+(?:work|works|fields?|areas?|literature|approaches|methods|techniques|studies|"
                   r"directions|research)\b")
# ... or only hinted at: these words also compare our results with earlier ones.
BACKGROUND_HINT = _rx(r"\b(?:existing|prior|previous(?:ly)?|conventional(?:ly)?|current(?:ly)?|remains?|lack\w*|"
                      r"however|although)\b")
EXPERIMENT = _rx(r"\b(?:experiments?|experimental(?:ly)?|empirical(?:ly)?|results?|evaluations?|"
                 r"ablations?|outperform\w*|surpass\w*|achiev\w*|improv\w*|beat(?:s|ing)?|exceed\w*|rival\w*)\b")

# --- models
FINE_TUNE = _rx(  # "…ed from" first: an alternation takes the first branch that matches
    r"\b(?:(?:post-?trained|fine-?tuned|finetuned|continued|adapted|derived|built|trained)\s+(?:\w+\s+){0,2}?from|"
    r"fine-?tun\w*|finetun\w*|instruction[- ]tun\w*|post-?train\w*|continu\w*\s+(?:pre-?)?train\w*|"
    r"further\s+(?:pre-?)?train\w*|re-?train\w*|distill\w*\s+(?:[\w\-()]+\s+){0,7}?(?:into|to)|adapt(?:s|ed|ing)?|"
    r"training\s+on|supervis(?:es|ed|ing)|"
    r"align(?:s|ed|ing)?|RL-?tun\w*|(?:we|to)\s+train|training|trains|trained\s+(?:with|using|via)|"
    r"based\s+on|built\s+(?:up)?on|build\s+(?:up)?on|initiali[sz](?:ed|ing|e)\s+(?:from|with)|"
    r"starting\s+(?:from|with)|on\s+top\s+of|apply(?:ing)?\s+(?:[\w\-]+\s+){0,5}?(?:to|on)|"
    r"applied\s+(?:[\w\-]+\s+){0,5}?(?:to|on)|upcycl\w*|specializ\w*|merg(?:e|es|ed|ing)|"
    r"(?:LoRA|QLoRA|DPO|PPO|GRPO|SFT|RLHF|RL)\s+(?:on|to|for))"
)
FINE_TUNE_AFTER = _rx(
    r"^\s*(?:(?:base|backbone)\s+)?(?:models?\s+|checkpoints?\s+)?(?:is|are|was|were|being|,)?\s*"
    r"(?:(?:further|then|first|also)\s+)?(?:fine-?tuned|finetuned|instruction[- ]tuned|post-?trained|"
    r"further\s+(?:pre-?)?trained|continually\s+pre-?trained|trained\s+with|adapted|aligned|"
    r"as\s+(?:the|our|a)?\s*(?:base|backbone|student|initiali[sz]ation|starting point|policy|"
    r"foundation|seed)\s*(?:model|LLM|network)?\b)"
)
ROLE_AFTER = _rx(r"^\s*(?:\([^)]{0,40}\)\s*)?(?:models?\s+)?(?:is\s+used\s+)?as\s+(?:a|an|the|our)?\s*"
                 r"(?:strong\s+)?(?:baselines?|judges?|teachers?|evaluators?|annotators?|critics?|"
                 r"oracles?|labelers?|graders?|reference|verifiers?|reward models?|user simulators?)\b")
ROLE_NEAR = _rx(r"\b(?:teachers?|judges?|judging|evaluators?|annotators?|supervis\w*|simulat\w*|reward models?|"
                r"generat\w*|synthesi[sz]\w*|label(?:s|led|ed|ing)?|distill\w*\s+(?:[\w\-]+\s+){0,3}?from)\b")
ROLE_BEFORE = _rx(r"\b(?:teachers?|judges?|judged by|evaluated by|annotated by|graded by|labell?ed by|"
                  r"generated (?:by|with|using)|synthesi[sz]ed (?:by|with|using)|distill\w*\s+(?:[\w\-]+\s+){0,3}?from|"
                  r"from|distill(?:s|ed|ing)?|prompt(?:s|ed|ing)?|quer(?:y|ies|ied|ying)|"
                  r"baselines?(?:\s+(?:such as|like|including))?)")
# An experiment on a model that is not a fine-tune: "we evaluate 18 models, including X".
EVALUATE = _rx(r"\b(?:evaluat\w*|benchmark(?:s|ed|ing)|test(?:s|ed|ing)?|assess\w*|analy[sz]\w*|prob(?:e|es|ed|ing)|"
               r"examin\w*|investigat\w*|audit\w*|red-?team\w*|measur\w*|study|studies|studied|studying|"
               r"results?\s+(?:with|for|of|from|using))\b")
COMPARE = _rx(r"\b(?:compar\w*(?:\s+(?:to|with|against))?|outperform\w*|surpass\w*|beat\w*|better than|than|"
              r"versus|vs\.?|against|over|competitive with|on par with|rival\w*|exceed\w*|match(?:es|ing)?)")
FROM_SCRATCH = _rx(r"\bfrom scratch\b")
# The verbs that say outright that weights change: all a closed model's fine-tune edge may rest on.
EXPLICIT_FINE_TUNE = _rx(r"\b(?:fine-?tun\w*|finetun\w*|instruction[- ]tun\w*|post-?train\w*|RL-?tun\w*|"
                         r"continu\w*\s+(?:pre-?)?train\w*|further\s+(?:pre-?)?train\w*|"
                         r"distill\w*\s+(?:[\w\-()]+\s+){0,7}?(?:into|to))")
# "agents built on X", "a pipeline powered by X": a system that calls the model as it is.
SYSTEM_ON = _rx(r"\b(?:agents?|frameworks?|systems?|pipelines?|scaffold\w*|tools?|applications?|assistants?|"
                r"workflows?|harness\w*|chatbots?|products?|services?)\s+(?:that\s+(?:are|is)\s+|are\s+|is\s+)?"
                r"(?:built\s+(?:up)?on(?:\s+top\s+of)?|based\s+on|running\s+on|powered\s+by|backed\s+by|using)")

# --- data
TRAIN_ON = _rx(
    r"\b(?:(?:pre-?|fine-?|re-?|post-?|co-?)?train(?:s|ed|ing)?|fine-?tun\w*|finetun\w*|learn\w*|"
    r"distill\w*|instruction-?tun\w*|sft|upcycl\w*)\s+"
    r"(?:(?!evaluat|test|report|measur|assess|benchmark|achiev|compar)[\w\-.]+\s+){0,10}?(?:on|using)\b"
    r"|\b(?:(?:pre-?|fine-?|re-?|post-?|co-?)?train(?:s|ed|ing)?|fine-?tun\w*|finetun\w*|learn\w*|"
    r"instruction-?tun\w*|sft)\s+(?:[\w\-.]+\s+){0,4}?(?:with|from)\b"
)
TRAIN_AFTER = _rx(r"^\s*(?:dataset|data|corpus)?\s*(?:for|as)\s+(?:training|fine-?tuning|pre-?training|"
                  r"instruction tuning|sft)|^\s*(?:training|fine-?tuning|pre-?training)\s+(?:data|set|corpus)")
# "models trained on X", "a ViT-G pre-trained on X": someone else's training, unless ours
SOMEONE_ELSES = _rx(r"(?<!\bour )(?<!\bwe )\b(?:models?|[A-Z][\w.\-]*)\s+(?:pre-?)?trained\s+on\s+"
                    r"(?:other\s+|existing\s+)?(?:[\w\-]+\s+){0,3}?$")
DATA_NOUN_AFTER = _rx(r"^[\s\-]*(?:(?:training|instruction|preference|sft|rl)\s+)?(?:dataset|data|corpus|split|set)s?\b")
EVAL_ON = _rx(r"\b(?:evaluat\w*|test\w*|benchmark\w*|results?|accuracy|performance|scores?|"
              r"state-of-the-art|sota|achiev\w*|improv\w*|outperform\w*|gains?|experiments?)\b")

# --- contrast and negation
CONTRAST = _rx(
    r"\b(?:unlike|without|instead of|rather than|orthogonal to|complementary to|"
    r"(?:do|does|did|need|needs|will|can|should)(?: not|n't)(?:\s+(?:\w+ly\s+)?(?:use|apply|employ|require|"
    r"rely\s+on|need|involve|include|perform|leverage|adopt|depend\s+on|add))?|"
    r"no need for|free of|w/o|alternatives? to|replac\w*|compared (?:to|with)|outperform\w*|"
    r"better than|surpass\w*|than|over|versus|vs\.?|beyond|limitations? of|drawbacks? of|"
    r"(?:existing|prior|previous|other|standard|conventional|traditional) (?:methods|approaches|"
    r"techniques|benchmarks|datasets|baselines|works?)(?: such as| like| including)?)"
)
# "compared against training on X", "instead of pre-training on X": training that is not ours
CONTRASTED_TRAINING = _rx(
    r"\b(?:compar\w*\s+(?:to|with|against)|against|versus|vs\.?|than|unlike|instead\s+of|rather\s+than|"
    r"without|no\s+need\s+for|avoid\w*)\s+(?:\w+\s+){0,2}?(?:(?:pre-?|fine-?|re-?|post-?)?train\w*|fine-?tun\w*)"
    r"\s+(?:[\w\-]+\s+){0,3}?(?:on|using|with)\s+(?:the\s+)?$")
CONTRAST_OPENING = _rx(r"^\W*(?:unlike|instead of|rather than|in contrast to|as opposed to|compared (?:to|with)|"
                       r"beyond|without)\b")


@lru_cache(maxsize=256)
def contrast_clause_end(sentence: str) -> int:
    """Where an opening "Unlike …," / "Instead of …," clause ends (its first top-level comma), or 0.

    >>> s = "Instead of reusing old suites (like AAA, BBB), we build a new one."
    >>> s[:contrast_clause_end(s)]
    'Instead of reusing old suites (like AAA, BBB)'
    """
    if not CONTRAST_OPENING.match(sentence):
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


CONTRAST_AFTER = _rx(r"^[\s\-]*(?:-?free|baselines?|is not|are not|fails?|struggl\w*|suffers?)\b")


@dataclass(frozen=True, slots=True)
class PaperContext:
    """What the whole paper says about itself, shared by all its occurrences."""

    trains_models: bool = False
    proposed: frozenset[str] = frozenset()  # surface forms of what it introduces


# The paper itself updates weights: "we fine-tune …", "parameter-efficient fine-tuning" in the title.
TRAINS_MODELS = _rx(
    r"\b(?:we|our\s+(?:method|approach|framework|strategy|recipe))\s+(?:(?!not\b|never\b)\w+\s+){0,3}?"
    r"(?:fine-?tun\w*|finetun\w*|instruction-?tun\w*|post-?train\w*|continu\w* pre-?train\w*|"
    r"further (?:pre-?)?train\w*|distill\w*|upcycl\w*|specializ\w*)"
)
TRAINS_MODELS_TITLE = _rx(r"\b(?:fine-?tun\w*|finetun\w*|instruction[- ]tun\w*|post-?training|adaptation|"
                          r"low[- ]rank|lora|peft|parameter[- ]efficient|alignment|continual pre-?training)\b")
# Training methods named where the paper describes its own work.
TRAINING_METHODS = _rx(r"\b(?:q?lora|dora|adapters?|peft|parameter[- ]efficient|prefix[- ]tuning|prompt[- ]tuning|"
                       r"sft|supervised fine-?tuning|instruction[- ]tuning|rlhf|rlaif|rlvr|dpo|ppo|grpo|orpo|kto|simpo|"
                       r"preference optimi[sz]ation|reinforcement learning|distillation|continual pre-?training|"
                       r"adaptation)\b")
NOT_TRAINING = _rx(r"\b(?:training-free|without (?:any )?(?:training|fine-?tuning)|no (?:training|fine-?tuning)|"
                   r"(?:do|does|did) not (?:\w+ )?(?:train|fine-?tune|update|modify))\b")


def paper_context(title: str, abstract: str, proposed: frozenset[str]) -> PaperContext:
    """Does the paper update model weights at all?  Which names are its own?"""
    text = f"{title}\n{abstract}"
    ours = [sent for sent in re.split(r"(?<=[.!?])\s+", abstract) if OURS.search(sent)]
    trains = bool(TRAINS_MODELS.search(text) or TRAINS_MODELS_TITLE.search(title)
                  or any(TRAINING_METHODS.search(sent) for sent in ours))
    return PaperContext(trains_models=trains and not NOT_TRAINING.search(text), proposed=proposed)


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


def whose(o: Occurrence, ctx: PaperContext, strict: bool = False) -> str:
    """'ours' or 'background': whose work the sentence describes.

    A sentence is the paper's own when it says we/our or names what the paper
    introduces; else it is background when it points at earlier work or opens
    the abstract.  ``strict`` (for models) also counts as background a sentence
    that reports no experiment: a model named in passing is only mentioned.
    """
    if o.is_title:
        return "ours"
    s = o.sentence
    ours, background, experiment, related_work = _sentence_facts(s)
    if related_work and not experiment:
        return "background"
    if ours or any(name in s for name in ctx.proposed):
        return "ours"
    if background or o.sentence_index == 1 or (strict and not experiment):
        return "background"
    return "ours"


@lru_cache(maxsize=256)
def _sentence_facts(sentence: str) -> tuple[bool, bool, bool, bool]:
    """Does a sentence speak of our work, of earlier work, of experiments, of related work?  (Read once.)

    A hint of earlier work ("existing", "conventional") makes a sentence
    background only when it reports no results: "improves on MMLU compared to
    conventional training" is still our result.
    """
    experiment = bool(EXPERIMENT.search(sentence))
    background = bool(BACKGROUND.search(sentence)) or (not experiment and bool(BACKGROUND_HINT.search(sentence)))
    return bool(OURS.search(sentence)), background, experiment, bool(RELATED_WORK.search(sentence))


def classify(o: Occurrence, ctx: PaperContext = PaperContext()) -> tuple[Predicate, str, float]:
    """Predicate, rule name and confidence for one occurrence."""
    if o.proposed:
        return P.PROPOSES, "proposal", 0.85
    left = o.sentence[max(0, o.start - LEFT_WINDOW):o.start]
    right = o.sentence[o.end:o.end + RIGHT_WINDOW]
    context = whose(o, ctx, strict=o.type == M)
    if o.type == M and DATA_NOUN_AFTER.match(right):
        return _data(left, right, o, context)  # "the DeepScaleR dataset": the name of data here, not of weights
    if o.type == M:
        return _model(right, o, context, ctx)
    if o.type in (B, D):
        return _data(left, right, o, context)
    return _technique(right, o, context)


def _model(right: str, o: Occurrence, context: str, ctx: PaperContext) -> tuple[Predicate, str, float]:
    role_after = bool(ROLE_AFTER.match(right))
    role_at = _governing(ROLE_BEFORE, o)
    role = role_after or role_at >= 0
    fine_tune_at = _governing(FINE_TUNE, o)
    compare_at = _governing(COMPARE, o)
    scratch = bool(FROM_SCRATCH.search(o.sentence))
    said_in_background = whose(o, ctx) == "background"
    # the nearest cue wins; "post-trained from X" is both a fine-tune cue and a "from": fine-tune
    fine_tune_nearest = fine_tune_at >= 0 and fine_tune_at >= role_at and fine_tune_at > compare_at
    if o.closed:  # only "we fine-tune GPT-3.5" itself, not "built on GPT-4" or "GPT-4 as the backbone"
        fine_tune_nearest = fine_tune_nearest and _governing(EXPLICIT_FINE_TUNE, o) == fine_tune_at
    if _governing(SYSTEM_ON, o) >= fine_tune_at >= 0:
        return (P.MENTIONS, "background", 0.6) if context == "background" else (P.EVALUATES, "system-built-on", 0.7)
    after = FINE_TUNE_AFTER.match(right)
    fine_tuned_after = bool(after) and (not o.closed or bool(EXPLICIT_FINE_TUNE.search(after.group())))
    if not said_in_background and not scratch and (
            (fine_tune_nearest and not role_after) or fine_tuned_after):
        return P.FINE_TUNES, "fine-tune-cue", 0.8
    if context == "background":
        return P.MENTIONS, "background", 0.6
    if role:
        return P.EVALUATES, "role-cue", 0.8
    if compare_at >= 0:
        return P.EVALUATES, "comparison-cue", 0.8
    if _governing(EVALUATE, o) > fine_tune_at:
        return P.EVALUATES, "evaluation-cue", 0.7
    if (ctx.trains_models and not o.closed and not scratch
            and not COMPARE.search(o.sentence[max(0, o.start - 50):o.start])
            and not ROLE_NEAR.search(o.sentence[max(0, o.start - 50):o.end + 25])):
        return P.FINE_TUNES, "trained-in-our-experiments", 0.55
    return P.EVALUATES, "experiment-context", 0.6


def _data(left: str, right: str, o: Occurrence, context: str) -> tuple[Predicate, str, float]:
    if o.end <= contrast_clause_end(o.sentence) or CONTRASTED_TRAINING.search(left):
        return P.MENTIONS, "contrast", 0.65
    train_at = _governing(TRAIN_ON, o)
    if _governing(CONTRAST, o) >= 0 and train_at < 0:
        return P.MENTIONS, "contrast", 0.65
    eval_at = _before(EVAL_ON, o)
    if SOMEONE_ELSES.search(left):
        return P.MENTIONS, "trained-by-others", 0.6
    if (train_at > eval_at) or TRAIN_AFTER.match(right):
        return P.TRAINS_ON, "train-on-cue", 0.75
    if context == "background":
        return P.MENTIONS, "background", 0.6
    if o.type == B:
        return P.EVALUATES_ON, "benchmark-in-experiments", 0.7
    if EVAL_ON.search(o.sentence):
        return P.EVALUATES_ON, "evaluate-on-cue", 0.65
    return P.TRAINS_ON, "dataset-in-our-work", 0.5


def _technique(right: str, o: Occurrence, context: str) -> tuple[Predicate, str, float]:
    if _governing(CONTRAST, o) >= 0 or CONTRAST_AFTER.match(right) or o.end <= contrast_clause_end(o.sentence):
        return P.MENTIONS, "negation-or-contrast", 0.7
    if context == "background":
        return P.MENTIONS, "background", 0.6
    return P.USES_TECHNIQUE, "used-in-our-work", 0.65


# "X has become the default recipe. We apply it to …": the next sentence takes X up by a pronoun.
TAKEN_UP = _rx(r"^\W*we\s+(?:\w+\s+)?(?:apply|use|adopt|employ|build on|extend|improve|revisit|scale|adapt)\s+"
               r"(?:it|this (?:method|technique|recipe|algorithm|approach|objective))\b")


def taken_up(next_sentence: str) -> bool:
    """Does a sentence open by applying what the sentence before it named (by a pronoun)?"""
    return bool(TAKEN_UP.search(next_sentence))


PRECEDENCE = {p: i for i, p in enumerate(Predicate)}


def strongest(predicates: list[Predicate]) -> Predicate:
    """The edge a paper keeps when several occurrences disagree."""
    return min(predicates, key=PRECEDENCE.__getitem__)
