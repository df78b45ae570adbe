"""The relation cue rules: what a paper does with one mention, each rule a small named function.

Every rule reads a :class:`~kg.extract.cues.reading.Reading` of the mention and
returns the predicate it finds, or ``None``.  :func:`kg.extract.relations.classify`
runs the rules of stage ``"cue"`` in rank order and the first that fires decides
(its id is the cue exported in the edge's rule, its confidence the edge's).  A
rule applies to one kind of mention (model, data or technique) unless it says
otherwise, so the ranks interleave three chains: a model's, a data set's and a
technique's.  Words live in the lexicon (:mod:`kg.extract.cues.patterns`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from kg import names
from kg.keys import singular
from kg.extract.cues.reading import NAME_WORD, B, Reading, whose
from kg.extract.engine import REGISTRY, Rule, rule
from kg.model import Predicate as P

STAGE = "cue"
_WORDS = re.compile(r"[^\s,;:()]+")
FOLLOW_UP = "cue-follow-up"  # rules over the next sentence rather than one mention


@lru_cache(maxsize=64)
def chain(disabled: frozenset[str] = frozenset(), stage: str = STAGE) -> tuple[Rule, ...]:
    """The stage's rules that are switched on, in rank order (the registry is complete once imported)."""
    return tuple(REGISTRY.stage(stage, disabled))


def id_of(fn: Callable) -> str:
    """The registered id of a rule function, so that code names a rule by its function, never by a string."""
    return next(r for r in map(REGISTRY.get, REGISTRY.ids()) if r.run is fn).id


@rule("basis-of-ours", stage=STAGE, rank=-1, confidence=0.7,
      finds='what the paper builds its own on: "a GRPO-based framework" uses GRPO, "a SigLIP-based critic" runs '
            'SigLIP as a part (evaluates), neither is the proposal; "our X-based model, fine-tuned on Y" fine-tunes X')
def basis_of_ours(r: Reading) -> P | None:
    if r.as_data or not r.cues.BASIS_AFTER.match(r.right):
        return None
    if r.as_model and r.cues.OURS_BASED_ON.search(r.left) and r.cues.EXPLICIT_FINE_TUNE.search(r.right):
        return P.FINE_TUNES  # "our X-based model, fine-tuned on ...": ours is X with its weights changed
    return P.EVALUATES if r.as_model else P.USES_TECHNIQUE


@rule("proposal-cue", stage=STAGE, rank=0, confidence=0.85, shown="proposal",
      finds="what the paper itself introduces (any type)")
def proposal(r: Reading) -> P | None:
    return P.PROPOSES if r.o.proposed else None


@rule("introduced-here", stage=STAGE, rank=3, confidence=0.7,
      finds='a new name the paper introduces in its own words: "we propose two algorithms -- A and B", '
            '"a newly collected dataset, C", "we propose D, a unified fusion model" (the description of D)')
def introduced_here(r: Reading) -> P | None:
    if (r.o.known or r.o.is_title or r.name.islower() or r.in_contrast_clause
            or r.cues.INTRODUCED_NOT_AFTER.match(r.right)):
        return None  # a known name is the recognisers' to call new, a lower-case phrase is mostly a description
    triggered = r.before("INTRODUCE_TRIGGER") >= 0
    said = triggered and bool(r.cues.INTRODUCED_BEFORE.search(r.left) or (
        r.cues.DESCRIBED_AFTER.match(r.right) and not r.cues.OBJECT_BEFORE.search(r.left)))
    said = said or bool(r.cues.INTRODUCED_AFTER.match(r.right))
    beside = r.cues.APPOSED_TO.search(r.left) if r.ctx.proposed and not said else None
    described = beside is not None and beside.group("name") in r.ctx.proposed and bool(r.cues.KIND_AFTER.match(r.right))
    return P.PROPOSES if (said or described) and whose(r.o, r.ctx, r.cues) != "background" else None


# --- models

@rule("own-size-or-variant", stage=STAGE, rank=1, confidence=0.75,
      finds='a size or variant of a model the paper introduces ("Zeta-7B" of Zeta), or the family of its sized one')
def own_size_or_variant(r: Reading) -> P | None:
    if not r.as_model:
        return None
    name = r.name
    for own in r.ctx.proposed:
        if len(own) >= 3 and names.extends(name, own) or (
                names.extends(own, name) and names.is_size(own[len(name) + 1:])):
            return P.PROPOSES
    return P.PROPOSES if names.is_size(name) and _sizes_of_ours(r) else None


def _sizes_of_ours(r: Reading) -> bool:
    """"We train Zeta at three scales, 7B, 13B and 33B": a bare size whose nearest name before it is ours."""
    at = max((r.left.rfind(own) + len(own) for own in r.ctx.proposed if len(own) >= 3 and own in r.left), default=-1)
    return at >= 0 and all(names.is_size(w) or w.islower() for w in _WORDS.findall(r.left[at:]))


@rule("ours-by-possessive", stage=STAGE, rank=2, confidence=0.75,
      finds='data or a model the paper calls its own: "on our curated X benchmark", "our trained model X"')
def ours_by_possessive(r: Reading) -> P | None:
    cue = "OURS_BEFORE" if r.as_data else "OURS_MODEL_BEFORE" if r.as_model else None
    return P.PROPOSES if cue and getattr(r.cues, cue).search(r.left) else None


@rule("yardstick", stage=STAGE, rank=5, confidence=0.7,
      finds='a model named as a measure of scale: "GPT-3.5-level performance", "a GPT-4-class model", '
            '"models larger than X and Y"')
def yardstick(r: Reading) -> P | None:
    scale = r.cues.YARDSTICK_AFTER.match(r.right) or r.governing("SIZE_THAN") >= 0
    return P.MENTIONS if r.as_model and scale else None


@rule("system-built-on", stage=STAGE, rank=10, confidence=0.7,
      finds='a model that a system of ours calls as it is: "agents built on X"')
def system_built_on(r: Reading) -> P | None:
    return P.EVALUATES if r.as_model and r.system_on and not r.background else None


@rule("kept-frozen", stage=STAGE, rank=12, confidence=0.7,
      finds='a model whose weights stay as they are: "with a frozen X", "keeping X frozen", "X patch features"')
def kept_frozen(r: Reading) -> P | None:
    frozen = (r.governing("FROZEN") >= 0 or r.cues.FROZEN_AFTER.match(r.right)
              or (r.fine_tune_at < 0 and r.cues.FEATURES_AFTER.match(r.right)))  # not "we fine-tune X embeddings"
    return P.EVALUATES if r.as_model and frozen and whose(r.o, r.ctx, r.cues) != "background" else None


@rule("fine-tune-cue", stage=STAGE, rank=20, confidence=0.8,
      finds='a model whose weights the paper changes: "we fine-tune X", "X is further trained"')
def fine_tune_cue(r: Reading) -> P | None:
    if not r.as_model or r.system_on or r.scratch or r.as_architecture or whose(r.o, r.ctx, r.cues) == "background":
        return None
    return P.FINE_TUNES if (_fine_tune_nearest(r) and not r.role_after) or _fine_tuned_after(r) else None


def _fine_tune_nearest(r: Reading) -> bool:
    """The nearest governing cue is a fine-tune verb; "post-trained from X" is both a fine-tune cue and a
    "from": fine-tune.  For a closed model only the explicit verbs count, not "built on GPT-4"."""
    at = r.fine_tune_at
    nearest = at >= 0 and at >= r.governing("ROLE_BEFORE") and at > r.governing("COMPARE")
    return nearest and (not r.o.closed or r.governing("EXPLICIT_FINE_TUNE") == at)


def _fine_tuned_after(r: Reading) -> bool:
    after = r.cues.FINE_TUNE_AFTER.match(r.right)
    return bool(after) and (not r.o.closed or bool(r.cues.EXPLICIT_FINE_TUNE.search(after.group())))


@rule("role-cue", stage=STAGE, rank=40, confidence=0.8,
      finds='a model with a role in the experiments: "X as the judge", "distilled from X", "baselines such as X"')
def role_cue(r: Reading) -> P | None:
    return P.EVALUATES if r.as_model and (r.role_after or r.governing("ROLE_BEFORE") >= 0) else None


@rule("comparison-cue", stage=STAGE, rank=41, confidence=0.8,
      finds='a model compared with: "outperforms X", "against open LLMs, e.g., X"')
def comparison_cue(r: Reading) -> P | None:
    compared = r.governing("COMPARE") >= 0 or r.governing("COMPARED_KIND") >= 0
    return P.EVALUATES if r.as_model and compared else None


@rule("evaluation-cue", stage=STAGE, rank=42, confidence=0.7,
      finds='a model evaluated: "we evaluate 18 models, including X"')
def evaluation_cue(r: Reading) -> P | None:
    return P.EVALUATES if r.as_model and r.governing("EVALUATE") > r.fine_tune_at else None


@rule("trained-in-our-experiments", stage=STAGE, rank=43, confidence=0.55,
      finds="an open model named in our work by a paper that trains models, with no comparison or role near it")
def trained_in_our_experiments(r: Reading) -> P | None:
    o, s = r.o, r.o.sentence
    if (not r.as_model or not r.ctx.trains_models or o.closed or r.scratch or r.as_architecture or r.described
            or r.before("OUTPERFORM") > r.before("FINE_TUNE")  # "outperforming … models like X"
            or r.governing("SYSTEM_ON") >= 0  # "a system that runs X": called as it is, not trained
            or r.cues.ROLE_NEAR.search(s[max(0, o.start - 50):o.end + 25])):
        return None
    return P.FINE_TUNES


# --- data (benchmarks, datasets, and a model name used for its data)

@rule("contrast", stage=STAGE, rank=11, confidence=0.65,
      finds='data set aside: "Unlike X, ...", "instead of training on X", "without X"')
def contrast(r: Reading) -> P | None:
    if r.as_data and (r.in_contrast_clause or r.cues.CONTRASTED_TRAINING.search(r.left)
                      or (r.governing("CONTRAST") >= 0 and r.train_at < 0)):
        return P.MENTIONS
    return None


@rule("trained-by-others", stage=STAGE, rank=13, confidence=0.6,
      finds='data someone else trained on: "models trained on X"')
def trained_by_others(r: Reading) -> P | None:
    return P.MENTIONS if r.as_data and r.cues.SOMEONE_ELSES.search(r.left) else None


@rule("train-and-evaluate", stage=STAGE, rank=14, confidence=0.75,
      finds='data both trained on and reported on: "we train and evaluate our model on X" (decide adds evaluatesOn)')
def train_and_evaluate(r: Reading) -> P | None:
    return P.TRAINS_ON if r.as_data and r.governing("TRAIN_AND_EVALUATE") >= 0 else None


@rule("train-on-cue", stage=STAGE, rank=15, confidence=0.75,
      finds='data trained on: "fine-tuned on X", "X as training data" (nearer than any evaluation word)')
def train_on_cue(r: Reading) -> P | None:
    trained = r.as_data and (r.train_at > r.before("EVAL_ON") or bool(r.cues.TRAIN_AFTER.match(r.right)))
    return P.TRAINS_ON if trained else None


@rule("benchmark-in-experiments", stage=STAGE, rank=44, confidence=0.7, finds="any other benchmark named in our work")
def benchmark_in_experiments(r: Reading) -> P | None:
    return P.EVALUATES_ON if r.as_data and r.o.type == B else None


@rule("evaluate-on-cue", stage=STAGE, rank=45, confidence=0.65,
      finds="a dataset in a sentence that evaluates or reports results")
def evaluate_on_cue(r: Reading) -> P | None:
    return P.EVALUATES_ON if r.as_data and r.cues.EVAL_ON.search(r.o.sentence) else None


# --- techniques

@rule("negation-or-contrast", stage=STAGE, rank=17, confidence=0.7,
      finds='a technique set aside: "without X", "X-free", "Unlike X, ...", "outperforms baselines such as X"')
def negation_or_contrast(r: Reading) -> P | None:
    if r.as_technique and (r.governing("CONTRAST") >= 0 or r.cues.CONTRAST_AFTER.match(r.right)
                           or r.in_contrast_clause or r.governing("COMPARED_KIND") >= 0 or _outperformed(r)):
        return P.MENTIONS
    return None


def _outperformed(r: Reading) -> bool:
    """"Ours outperforms a supervised X": a technique the result is set against, unless the title names it (a
    paper that builds on X compares its own variant with X: "FooLoRA ... outperforms standard LoRA")."""
    return bool(r.cues.OUTPERFORMED.search(r.left)) and not any(
        w.lower() in r.ctx.title_words for w in NAME_WORD.findall(r.name))


@rule("built-upon", stage=STAGE, rank=18, confidence=0.65,
      finds='a technique the paper\'s own work rests on: "Inspired by X, we ...", "Building on X and Y, the work '
            'introduces ...", "we build on X" (an opening clause is said of the main clause\'s subject, ours even in a '
            'line that also speaks of earlier work)')
def built_upon(r: Reading) -> P | None:
    if not r.as_technique or r.governing("BUILT_UPON") < 0:
        return None
    opening = r.cues.BUILT_UPON_OPENING.match(r.o.sentence) is not None
    return P.USES_TECHNIQUE if opening or not r.background else None


@rule("built-into-our-name", stage=STAGE, rank=25, confidence=0.6,
      finds='a technique whose name the paper builds its own into: "FedQuRA" applies QuRA, even in a background line')
def built_into_our_name(r: Reading) -> P | None:
    name = r.name
    if not r.as_technique or len(name) < 3:
        return None
    return P.USES_TECHNIQUE if any(name in own and name != own for own in r.ctx.proposed) else None


@rule("cited-earlier-work", stage=STAGE, rank=46, confidence=0.6,
      finds='a model given with its authors\' reference and no cue of our own use: "the masked language '
            'modelling of BERT (Devlin et al., 2019)" names earlier work (data sets and techniques are cited where '
            'used too: CV relation 0.748 either way, but used techniques lost)')
def cited_earlier_work(r: Reading) -> P | None:
    return P.MENTIONS if r.as_model and r.cues.CITED_AFTER.match(r.right) else None



@rule("named-by-our-title", stage=STAGE, rank=29, confidence=0.6,
      finds='a technique the title is built on, though the abstract opens on it as background: "Recently, beam '
            'search has become popular" in a paper titled "Faster Beam Search for Speech" (the kind words, '
            '"learning", "decoding", in any number, never count)')
def named_by_our_title(r: Reading) -> P | None:
    if not r.as_technique or r.o.is_title or not r.background:
        return None
    heads = r.cues.method_heads
    own = [w for w in (w.lower() for w in NAME_WORD.findall(r.name)) if w not in heads and singular(w) not in heads]
    shared = sum(w in r.ctx.title_words for w in own)
    return P.USES_TECHNIQUE if 2 * shared > len(own) else None  # most of its own words


# --- the last word for each kind of mention, when no cue above fired

def _otherwise(kind: str, predicate: P) -> Callable[[Reading], P | None]:
    def otherwise(r: Reading) -> P | None:
        return predicate if getattr(r, kind) else None
    return otherwise


for _id, _rank, _confidence, _kind, _predicate in (
        ("experiment-context", 50, 0.6, "as_model", P.EVALUATES),
        # no cue, no training: on 2,720 recent papers in no gold file a data set with no cue was trained on one
        # time in three (bench/audit), and the text never says so; grouped CV relation F1 moves 0.001
        ("dataset-in-our-work", 51, 0.5, "as_data", P.MENTIONS),
        ("used-in-our-work", 52, 0.65, "as_technique", P.USES_TECHNIQUE)):
    rule(_id, stage=STAGE, rank=_rank, confidence=_confidence,
         finds=f"any other {_kind.removeprefix('as_')} named in our work")(_otherwise(_kind, _predicate))


# --- every type

@rule("background", stage=STAGE, rank=30, confidence=0.6,
      finds="a name in a sentence about earlier work, or (a model) named in passing")
def background(r: Reading) -> P | None:
    return P.MENTIONS if r.background else None


@rule("taken-up-by-pronoun", stage=FOLLOW_UP, rank=0, confidence=0.6,
      finds='the one technique of a background sentence that the next applies: "... We apply it to ..."')
def taken_up_by_pronoun(next_sentence: str, cues) -> P | None:
    return P.USES_TECHNIQUE if cues.TAKEN_UP.search(next_sentence) else None
