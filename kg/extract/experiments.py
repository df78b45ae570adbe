"""Experiments: which model a paper trained or evaluated on which data, and the result it states.

Every pair of a model and a data set (benchmark or dataset) the paper names is
a candidate, once as ``evaluatedOn`` and once as ``trainedOn``.  Each sentence
that holds the data name (and the model, or a phrase standing for the paper's
own model: "our model", "it") describes the pair with a few yes/no facts read
from general English; :mod:`kg.extract.pairing` weighs the facts (weights
learned from the gold, kept as JSON) and keeps the pairs it believes.

The facts, each with the reading it stands for:

* ``subject``    "X achieves 86.8% on Y", "X reaches state-of-the-art results on Y", "On Y, X achieves 86.8%":
                 the model is the subject of a result verb whose object (or opening phrase) holds the data;
* ``compared``   "outperforming GPT-4 (62.1%) on Y", "better than X on Y", "on Y, X reaches 91%, 1.4% over Z": a model
                 compared on the data is also run on it;
* ``train_data`` "fine-tuned on Y", "trained with Y", "pretrained from scratch on Y";
* ``train_model`` "we fine-tune X on A", "X trained on A": the model is what is trained;
* ``on_data``    "on Y", "across Y": the data is where something is measured;
* ``ours``       "our model", "our fine-tuned X", "it": the paper's own model, when
                 the sentence names no other (models compared with or given as examples aside);
* ``our_data``   "we evaluate X and Y on our benchmark": the paper's own data, not named again;
* ``sole_data``  "we evaluate five models, X, Y, …" in a paper whose one data set is its own:
                 a benchmark paper runs the models it names on its benchmark;
* ``listed``     "models such as X": a list of examples, often background;
* ``base``       "X, based on Y, achieves …": Y is what X was built from, not what achieves;
* ``background`` "prior work", "recent studies have shown": not this paper's run;
* ``compared_to_ours`` "Kelp-Math surpasses larger models such as X" (no data named):
                 X is compared on the data the paper's own model is named with;
* ``role``       "with Claude 2.1 as the judge": a model that judges or teaches is not run on the data;
* ``method_on_model`` "LoRA-Fern improves Llama 2-7B on GSM8K": the result is the model's.

The paper's own network or agent, though typed a method ("X, a graph attention network"), is paired as a
model (:func:`kg.extract.experiment_names.as_models`).  Facts of the whole paper come beside them: what it
does with the model and the data (``m_<predicate>``, ``d_<predicate>``: ``"m_evaluates"``, ``"m_fineTunes"``,
``"m_proposes"``, …) and what they are (``m_<type>``, ``d_<type>``: ``"d_Benchmark"``, ``"d_Dataset"``);
``main``, ``only_model``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract import results as res
from kg.extract.cues.experiment_rules import RULES  # noqa: F401  (the rule table, by kind)
from kg.extract.cues.patterns import Cues
from kg.extract.experiment_names import DATA, MODEL, _Name, as_models, main_models, runs
from kg.lexicon import Lexicon
from kg.extract.uncased import compile_ignorecase
from kg.model import ExperimentKind, Mention, Predicate

KINDS = (ExperimentKind.EVALUATED_ON, ExperimentKind.TRAINED_ON)


CLAUSE_BREAK = re.compile(r"[;:]\s|\.\s|,\s+(?:while|whereas|but)\b")
_ASIDE = re.compile(r"[(),;]")


@dataclass
class Candidate:
    """A model–data–kind triple with the facts found for it and where they were best stated."""

    kind: ExperimentKind
    model: int
    data: int
    facts: set[str] = field(default_factory=set)
    where: tuple[int, _Name | None, _Name | None] | None = None  # sentence, data, model occurrences
    rank: tuple = ()  # how well ``where`` states the pair
    where_facts: frozenset[str] = frozenset()  # the facts of that sentence alone


def candidates(text: str, title_end: int, sentences: list[tuple[int, int]], names: list[_Name],
               mentions: Sequence[Mention], lexicon: Lexicon | None = None) -> list[Candidate]:
    """Every model–data–kind triple of the paper with its facts."""
    cues = Cues.of(lexicon)
    mentions = as_models(text, names, mentions, title_end > 0, cues)  # its own network or agent: a model
    models = sorted({n.mention for n in names if runs(mentions[n.mention])})
    data = sorted({n.mention for n in names if mentions[n.mention].type in DATA})
    mains = main_models(mentions)
    own_data = {d for d in data if mentions[d].predicate == Predicate.PROPOSES}
    sole_data = own_data if len(data) == 1 else set()  # a benchmark paper's one data set: what it runs models on
    by_sentence: dict[int, list[_Name]] = defaultdict(list)
    for n in names:
        by_sentence[n.sentence].append(n)
    # the data the paper's own model is named with: where its comparisons are measured (a proposed
    # method stands for the model only in a paper that names no model of its own)
    own_models = {m for m in mains if mentions[m].type == MODEL} or mains
    main_data = {n.mention for occ in by_sentence.values() if any(o.mention in own_models for o in occ)
                 for n in occ if mentions[n.mention].type in DATA}
    introduced = _introduced(names, data, title_end > 0)
    # only a sentence that names the model or the data can say anything of the pair
    named_in: dict[int, set[int]] = defaultdict(set)
    for n in names:
        named_in[n.mention].add(n.sentence)
    said = {si: text[sentences[si][0]:sentences[si][1]] for si in by_sentence}  # each sentence sliced once
    meant = _antecedents(by_sentence, mains, mentions, len(sentences))
    prev = _previous_data(by_sentence, mentions, len(sentences), title_end > 0,
                          {si: _said(t, cues) for si, t in said.items()})
    out = []
    for m in models:
        for d in data:
            for kind in KINDS:
                cand = Candidate(kind, m, d)
                _paper_facts(cand, mentions, mains, len(models))
                for si in sorted(named_in[m] | named_in[d]):
                    _sentence_facts(cand, said[si], sentences[si][0], si, by_sentence[si], mentions,
                                    (meant[si], own_data if si > introduced.get(d, -1) else set(), main_data,
                                     sole_data, mains, prev[si]), si == 0 and title_end > 0,
                                    cues)
                out.append(cand)
    return out


def _introduced(names: list[_Name], data: list[int], has_title: bool) -> dict[int, int]:
    """The sentence where the abstract first names each data set: "our benchmark" and a benchmark paper's
    runs come after it ("GPT-4 has transformed the field. We present B …": GPT-4 is not run on B)."""
    first: dict[int, int] = {}
    for n in names:
        if n.mention in data and not n.anaphor and (n.sentence > 0 or not has_title):
            first[n.mention] = min(first.get(n.mention, n.sentence), n.sentence)
    return first


def _antecedents(by_sentence: dict[int, list[_Name]], mains: set[int], mentions: Sequence[Mention],
                 n: int) -> list[set[int]]:
    """Which of the paper's own models "it" or "our model" stands for in each sentence: the models named
    last, in it or before it ("Our X-2B model achieves … . It also achieves …": X-2B, not the X family);
    all of them before any is named; a proposed method run as a system always."""
    models = {m for m in mains if mentions[m].type == MODEL}
    out, last = [], models
    for si in range(n):
        last = {o.mention for o in by_sentence.get(si, ()) if o.mention in models} or last
        out.append(last | (mains - models))
    return out


def _previous_data(by_sentence: dict[int, list[_Name]], mentions: Sequence[Mention], n: int,
                   has_title: bool, said: dict[int, frozenset[str]]) -> list[set[int]]:
    """The data sets an evaluation or result in the sentence before each one is read on (the title is no
    sentence before the abstract's first): a results sentence that names no data continues the one before
    ("We evaluate X on A. Over the Y baseline, we raise accuracy from 72% to 79%": Y is run on A;
    not "We build A from B. Our model outperforms Y": nothing was run on A there)."""
    data = [{o.mention for o in by_sentence.get(si, ()) if mentions[o.mention].type in DATA and not o.anaphor}
            if said.get(si, frozenset()) & {"evaluate_verb", "result_verb"} else set() for si in range(n)]
    if has_title and data:
        data[0] = set()
    return [set()] + data[:-1]


def _paper_facts(cand: Candidate, mentions: Sequence[Mention], mains: set[int], n_models: int) -> None:
    m, d = mentions[cand.model], mentions[cand.data]
    cand.facts |= {f"m_{m.predicate.value}", f"d_{d.predicate.value}", f"d_{d.type.value}", f"m_{m.type.value}"}
    if cand.model in mains:
        cand.facts.add("main")
    if n_models == 1:
        cand.facts.add("only_model")


def _sentence_facts(cand: Candidate, sentence: str, s0: int, si: int, occ: list[_Name],
                    mentions: Sequence[Mention], own: tuple[set[int], ...], is_title: bool,
                    cues: Cues) -> None:
    """Facts from one sentence that names the data (and the model), or stands for one of them."""
    meant, own_data, main_data, sole_data, mains, prev_data = own
    said = _said(sentence, cues) | ({"has_value"} if free_values(sentence, s0, occ) else set())
    data_occ = [n for n in occ if n.mention == cand.data]
    model_occ = [n for n in occ if n.mention == cand.model]
    model_occ = [n for n in model_occ if not _BASED_AFTER.match(sentence, n.end - s0)] or model_occ
    other_models = [n for n in occ if runs(mentions[n.mention]) and n.mention != cand.model]
    facts: set[str] = set()
    if data_occ and model_occ:
        mo = min(model_occ, key=lambda n: abs(n.start - data_occ[0].start))
        d = min(data_occ, key=lambda n: abs(n.start - mo.start))
        facts |= _pair_facts(sentence, s0, mo, d, occ, mentions, cues)
        if d.anaphor:
            facts.add("our_data")  # "alongside the new dataset, X and Y": the paper's data, not named again
    elif data_occ and cand.model in meant and not _names_other_model(sentence, s0, other_models, cues):
        mo, d = None, data_occ[0]
        if "ours" in said:
            facts.add("ours")
        elif "we" in said:
            facts.add("we")
        else:
            return
        facts |= _data_facts(sentence, s0, d, _data_names(occ, mentions), cues)
    elif model_occ and cand.data in own_data and not any(mentions[n.mention].type in DATA for n in occ) and (
            "our_data" in said or (cand.data in sole_data and said & {"evaluate_verb", "result_verb"})):
        mo, d = model_occ[0], None
        facts.add("our_data" if "our_data" in said else "sole_data")  # "we evaluate X and Y" in a benchmark paper
    elif model_occ and cand.data in main_data and _compared_with_ours(sentence, s0, model_occ[0], occ, mains,
                                                                       mentions, cues):
        mo, d = model_occ[0], None
        facts.add("compared_to_ours")  # "Kelp-Math surpasses larger models such as X": on Kelp-Math's data
    elif (model_occ and cand.data in prev_data and not any(mentions[n.mention].type in DATA for n in occ)
          and said & {"result_verb", "has_value"}):
        mo, d = model_occ[0], None
        facts.add("prev_data")  # "We evaluate on A. Compared to the X baseline, we improve accuracy to 87%"
    else:
        return
    facts |= said & _OF_SENTENCE
    if is_title:
        facts.add("title")
    if len({n.mention for n in occ if mentions[n.mention].type in DATA}) > 1:
        facts.add("many_data")
    if len(other_models) >= 2:
        facts.add("many_models")
    cand.facts |= facts
    rank = (mo is not None and d is not None, mo is not None,  # a value tells of an evaluation, not a training
            "has_value" in facts and cand.kind == ExperimentKind.EVALUATED_ON,
            len(facts & _TELLING[cand.kind]), -si)
    if cand.where is None or rank > cand.rank:
        cand.where, cand.rank, cand.where_facts = (si, d, mo), rank, frozenset(facts)


# The facts that make a sentence the one to quote for a kind of experiment.
_TELLING = {
    ExperimentKind.EVALUATED_ON: frozenset({"subject", "on_data", "eval_data", "compared", "ours", "our_data",
                                            "sole_data", "compared_to_ours", "prev_data"}),
    ExperimentKind.TRAINED_ON: frozenset({"train_data", "train_model", "ours", "our_data"}),
}
_STRONG = frozenset({"subject", "train_data", "train_model", "on_data", "eval_data", "compared", "ours",
                     "our_data", "sole_data", "compared_to_ours", "prev_data"})


_OF_SENTENCE = frozenset({"result_verb", "evaluate_verb", "background", "has_value"})


@lru_cache(maxsize=256)
def _said(sentence: str, cues: Cues) -> frozenset[str]:
    """What a whole sentence says, whichever pair asks: read once per sentence (an abstract may be one
    long sentence naming a hundred pairs)."""
    found = {fact for fact, cue in (("result_verb", cues.RESULT_VERB), ("evaluate_verb", cues.EXP_EVALUATE),
                                    ("respectively", cues.RESPECTIVELY),
                                    ("ours", cues.EXP_OURS), ("we", cues.WE), ("our_data", cues.OUR_DATA))
             if cue.search(sentence)}
    if _background(sentence, cues):
        found.add("background")
    return frozenset(found)


def _background(sentence: str, cues: Cues) -> bool:
    """The sentence speaks of earlier work ("Previous studies have shown …"), not of what this one's result is
    compared with ("X outperforms existing methods on D", "better than prior models")."""
    return any(not cues.COMPARE_BEFORE.search(_tail(sentence, m.start(), 40))
               for m in cues.EXP_BACKGROUND.finditer(sentence))


def free_values(sentence: str, s0: int, occ: list[_Name]) -> list[res.Value]:
    """The result values outside the names ("Gemini 1.5 Pro" states no value, "reaches 41.2%" does)."""
    return [v for v in res.values(sentence) if not any(v.start < n.end - s0 and n.start - s0 < v.end for n in occ)]


@lru_cache(maxsize=4096)
def _between(sentence: str, start: int, end: int, cues: Cues) -> tuple[bool, bool]:
    """Is there a result verb, and a clause break, between two offsets of a sentence?"""
    between = sentence[start:end]
    return bool(cues.RESULT_VERB.search(between)), bool(CLAUSE_BREAK.search(between))


@lru_cache(maxsize=4096)
def _may_be_subject(sentence: str, at: int, cues: Cues) -> bool:
    """A model named at ``at`` is not compared with, based on, listed, nor in brackets: it may be the subject."""
    left = _tail(sentence, at, 70)
    return not (cues.COMPARE_BEFORE.search(left) or cues.BASE_BEFORE_MODEL.search(left[-40:])
                or _after_bracket(sentence, at) or cues.LISTED_BEFORE.search(left))


def _tail(sentence: str, end: int, n: int) -> str:
    """``sentence[:end][-n:]`` without copying the sentence's head."""
    return sentence[max(0, min(end, len(sentence)) - n):end]


def _after_bracket(sentence: str, end: int) -> bool:
    """``sentence[:end].rstrip().endswith("(")`` without copying the sentence's head."""
    i = min(end, len(sentence)) - 1
    while i >= 0 and sentence[i].isspace():
        i -= 1
    return i >= 0 and sentence[i] == "("


def _compared_with_ours(sentence: str, s0: int, mo: _Name, occ: list[_Name], mains: set[int],
                        mentions: Sequence[Mention], cues: Cues) -> bool:
    """The sentence names no data, and the model is compared with the paper's own, named before it."""
    if any(mentions[n.mention].type in DATA for n in occ) or mo.mention in mains:
        return False
    left = _tail(sentence, mo.start - s0, 70)
    return (any(n.mention in mains and n.start < mo.start for n in occ)
            and bool(cues.COMPARE_BEFORE.search(left) or cues.LISTED_BEFORE.search(left)))


def _other_subject(sentence: str, s0: int, mo: _Name, d: _Name, occ: list[_Name],
                   mentions: Sequence[Mention], cues: Cues) -> bool:
    """Another model, nearer the data, is the subject of its result: "X reaches 71% on A, while Y reaches 40% on B"
    gives B to Y, not to X, and A to X, not to Y."""
    if cues.COMPARE_BEFORE.search(_tail(sentence, mo.start - s0, 70)):
        return False  # a model compared with the subject is run on the same data
    if mo.start > d.start and not _between(sentence, d.end - s0, mo.start - s0, cues)[1]:
        return False  # "… on A by X": X may still be what the result is about
    for n in occ:
        if n.mention == mo.mention or not runs(mentions[n.mention]) or not n.end <= d.start:
            continue
        if mo.start < d.start and n.start < mo.start:
            continue  # the other model is farther from the data than this one
        if mo.start < n.start and _aside(sentence, s0, mo, n, occ, cues):
            continue  # "X and Y reach 40% on D", "X outperforms Y on D": said of X too
        if (_may_be_subject(sentence, n.start - s0, cues)
                and _between(sentence, n.end - s0, d.start - s0, cues) == (True, False)):
            return True
    return False


def _aside(sentence: str, s0: int, mo: _Name, n: _Name, occ: list[_Name], cues: Cues) -> bool:
    """A model between this one and the data that leaves the result to this one: in brackets ("X achieves
    … (Y: 76.8%) on D"), compared with it ("X outperforms Y on D": both are run on D), or listed with it,
    before the data ("X and Y reach … on D") or after it ("we evaluate on D using Y and X")."""
    if _after_bracket(sentence, n.start - s0) or cues.COMPARE_BEFORE.search(_tail(sentence, n.start - s0, 25)):
        return True
    first, last = (mo, n) if mo.end <= n.start else (n, mo)
    if first.end > last.start:
        return False
    gap = sentence[first.end - s0:last.start - s0]
    for o in sorted(occ, key=lambda o: -o.start):  # the names listed in between go, their commas stay
        if first.end <= o.start and o.end <= last.start:
            gap = gap[:o.start - first.end] + gap[o.end - first.end:]
    return bool(_LIST_GAP.fullmatch(gap))


_LIST_GAP = re.compile(r"(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*,\s*(?:and|or)\s+)+")


def _names_other_model(sentence: str, s0: int, others: list[_Name], cues: Cues) -> bool:
    """The sentence names a model that is not only compared against nor an example ("than models such as
    X"), so "our model" may not be ours."""
    return any(not (cues.COMPARE_BEFORE.search(left) or cues.LISTED_BEFORE.search(left))
               for left in (_tail(sentence, o.start - s0, 70) for o in others))


def _data_names(occ: list[_Name], mentions: Sequence[Mention]) -> list[_Name]:
    return [n for n in occ if mentions[n.mention].type in DATA]


def _list_start(sentence: str, s0: int, d: _Name, data: list[_Name]) -> int:
    """Where the list of data names that ends with ``d`` begins: "on A, B/C and D" is said of each name.

    >>> n = lambda a, b: _Name(a, b, "", 0, 0)
    >>> s = "tested on A, B/C and D"
    >>> _list_start(s, 0, n(21, 22), [n(10, 11), n(13, 14), n(15, 16), n(21, 22)])
    10
    """
    start = d.start
    for n in sorted(data, key=lambda n: -n.start):
        if n.end <= start and _DATA_LIST_GAP.fullmatch(sentence[n.end - s0:start - s0]):
            start = n.start
    return start


_BASED_AFTER = compile_ignorecase(r"-(?:based|like|style|inspired|derived)\b")
_EXAMPLES_BEFORE = compile_ignorecase(r"(?:,?\s*\(?(?:such\s+as|like|including|e\.g\.,?|for\s+example,?|namely)\s*)?$")
# "A, B/C and D"; "A for cooking and B for surgery": each name may carry a short purpose phrase
_DATA_LIST_GAP = re.compile(r"(?:\s+for\s+(?:[\w\-]+\s+){0,2}?[\w\-]+)?"
                            r"(?:\s*/\s*|\s*,\s*|\s+and\s+|\s+or\s+|\s*,\s*(?:and|or)\s+)")


def _data_facts(sentence: str, s0: int, d: _Name, data: list[_Name], cues: Cues) -> set[str]:
    """Is the data where training happens ("fine-tuned on Y") or where results are read ("evaluated on Y")?

    The verb nearest before the data decides: in "fine-tune X on A and evaluate it on B",
    A is trained on and B evaluated on.  A name listed after another data name is read from
    the list's head ("evaluate on A, B and C": C too is evaluated on).
    """
    left = _tail(sentence, _list_start(sentence, s0, d, data) - s0, 110)
    cut = _EXAMPLES_BEFORE.search(left).start()
    left = left[:cut][-90:] + left[cut:][:1]  # "trained on datasets such as A": on A
    facts = set()
    train_at = max((m.start() for m in cues.TRAIN_VERB.finditer(left)), default=-1)
    if left.count(")", train_at) > left.count("(", train_at):
        train_at = -1  # "GPT (trained with 12x more compute) on D": the verb in brackets is not said of D
    eval_at = max((m.start() for m in cues.EXP_EVALUATE.finditer(left)), default=-1)
    eval_at = max([eval_at] + [m.start() for m in cues.RESULT_VERB.finditer(left)])
    if train_at > eval_at and cues.TRAIN_BEFORE_DATA.search(left):
        facts.add("train_data")
    if eval_at > train_at and cues.EVAL_BEFORE_DATA.search(left):
        facts.add("eval_data")
    if cues.ON_BEFORE_DATA.search(left[-40:]):
        facts.add("on_data")
    return facts


def _is_base(sentence: str, s0: int, n: _Name, cues: Cues) -> bool:
    """The model is named as what another is built from ("X, based on Y, achieves …", "Y-based models"):
    it describes the subject, it is not one."""
    return bool(cues.BASE_BEFORE_MODEL.search(_tail(sentence, n.start - s0, 40))
                or _BASED_AFTER.match(sentence, n.end - s0))


def _pair_facts(sentence: str, s0: int, mo: _Name, d: _Name, occ: list[_Name],
                mentions: Sequence[Mention], cues: Cues) -> set[str]:
    facts = {"co"} | _data_facts(sentence, s0, d, _data_names(occ, mentions), cues)
    a, b = sorted((mo, d), key=lambda n: n.start)
    verb_between, break_between = _between(sentence, a.end - s0, b.start - s0, cues)
    left_m = _tail(sentence, mo.start - s0, 70)
    if mo.start < d.start:
        facts.add("model_first")
        if verb_between and not cues.COMPARE_BEFORE.search(left_m[-60:]):
            facts.add("subject")
    elif not verb_between and "," in sentence[d.end - s0:mo.start - s0] and cues.RESULT_AFTER_MODEL.match(
            sentence, mo.end - s0):
        facts.add("subject")  # "On D, X achieves 71%": the opening phrase frames the result of its subject
    # "On D, X reaches 91%, 1.4% over Y": X, between D and Y, is what Y is compared with on D, not another run
    compared_after = d.start < mo.start and bool(cues.COMPARE_BEFORE.search(left_m[-40:]))
    if not compared_after and any(
            a.end <= n.start and n.end <= b.start and n.mention not in (mo.mention, d.mention)
            and mentions[n.mention].type == MODEL and not _aside(sentence, s0, mo, n, occ, cues)
            and not _is_base(sentence, s0, n, cues) for n in occ):
        facts.add("model_between")  # another model nearer the data may be the one it is said of
    if (cues.EXP_ROLE_BEFORE.search(left_m[-40:]) or cues.EXP_ROLE_AFTER.search(sentence[mo.end - s0:mo.end - s0 + 60])
            or cues.EXP_COMPONENT_BEFORE.search(left_m)  # "with frozen X and Y", "using X features"
            or cues.EXP_COMPONENT_AFTER.search(sentence[mo.end - s0:mo.end - s0 + 30])):
        facts.add("role")
    if mentions[mo.mention].type != MODEL and any(
            mentions[n.mention].type == MODEL and not cues.COMPARE_BEFORE.search(_tail(sentence, n.start - s0, 70))
            for n in occ):
        facts.add("method_on_model")  # "LoRA-Fern improves Llama 2-7B by 5% on GSM8K": the model's result
    if break_between:
        facts.add("clause_break")
    if cues.COMPARE_BEFORE.search(left_m):
        facts.add("compared")
    if cues.LISTED_BEFORE.search(left_m):
        facts.add("listed")
    after_m = sentence[mo.end - s0:mo.end - s0 + 80]
    trained_after = cues.TRAIN_AFTER_MODEL.search(after_m)
    if cues.TRAIN_BEFORE_MODEL.search(left_m[-60:]) or (trained_after and not _ASIDE.search(trained_after.group())):
        facts.add("train_model")  # not "X trained without distillation (0.95), with …": the bracket ends it
    if cues.EXP_EVALUATE_BEFORE_MODEL.search(left_m[-60:]):
        facts.add("eval_model")  # "we evaluate the behaviour of X … on D": X is what is evaluated
    if _other_subject(sentence, s0, mo, d, occ, mentions, cues):
        facts.add("other_subject")
    if _is_base(sentence, s0, mo, cues):
        facts.add("base")  # "Kelp-Math, based on Mistral-7B, achieves …", "ResNet-based models": not what achieves
    if "respectively" in _said(sentence, cues):
        facts.add("respectively")
    return facts
