"""The experiment rules: plain statements of a run that need no weighing, each a named rule.

A rule holds for a candidate model–data pair when every fact it lists holds in
the pair's evidence sentence and none of the excluded ones does (the facts are
read by :mod:`kg.extract.experiments`); a rule may also name what the paper as a
whole does with the model or the data (:data:`PAPER_FACTS`:
"the paper evaluates the model", "the data is a benchmark").  Each is registered as rule
``experiment:<name>`` of stage ``"experiment"``, ranked in table order within
its kind; the exported evidence rule is ``experiment:<name>:<facts>``.  A pair no
rule states is left to the learned scorer (rule ``experiment:weighed``).
Each rule has a test sentence in ``tests/test_experiments.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extract import pairing
from kg.extract.cues.relation_rules import chain, id_of
from kg.extract.engine import rule
from kg.model import ExperimentKind

STAGE = "experiment"
# What a sentence must say for an evaluation to be read in it: how the pair is linked, a result or evaluating
# word, or a value (kg.extract.experiments reads them).
RUN_FACTS = frozenset({"subject", "on_data", "eval_data", "compared", "ours", "our_data", "sole_data",
                       "compared_to_ours", "prev_data", "eval_model", "result_verb", "evaluate_verb", "has_value"})
# What the paper does with the model or the data, as a rule may read it beside the sentence's facts.
PAPER_FACTS = frozenset({"m_evaluates", "d_Benchmark", "main", "m_fineTunes", "d_Dataset"})
# A data set (not a benchmark) on which a paper that fine-tunes a model reads that model's result: the
# model was tuned on it ("on noisy datasets like D, our loss gains 6.9 points for X").
TUNED_ON_DATASET = frozenset({"m_fineTunes", "d_Dataset", "co", "on_data", "result_verb"})
PREFIX = "experiment:"

# name, the facts that must hold, the facts that must not.
RULES = {
    ExperimentKind.EVALUATED_ON: (
        ("subject", {"subject", "co"}, {"train_data", "listed", "background", "base", "model_between"}),
        ("evaluated", {"eval_data", "co", "model_first"}, {"train_data", "compared", "listed", "background",
                                                           "model_between", "base", "clause_break"}),
        ("ours", {"ours", "eval_data"}, {"train_data", "background"}),
        # "we evaluate the behaviour of X, Y and Z on D": the verb's object is run on the data after it
        ("evaluated-model", {"eval_model", "on_data", "co", "model_first"},
         {"train_data", "background", "base", "clause_break", "model_between", "role", "compared"}),
        ("respectively", {"respectively", "co", "has_value"}, {"train_data", "background", "listed"}),
        ("our-data", {"our_data", "evaluate_verb"}, {"train_data", "background"}),
        ("compared", {"compared", "co", "result_verb"}, {"train_data", "train_model", "background", "listed",
                                                         "model_between", "clause_break", "base"}),
        # a benchmark paper that evaluates a model runs it on its own benchmark, its one data set
        ("benchmark-run", {"sole_data", "m_evaluates", "d_Benchmark"}, {"train_data", "background"}),
        # "we provide baselines on three models" beside "our dataset": the models it evaluates are run on it
        ("our-data-run", {"our_data", "m_evaluates"}, {"train_data"}),
    ),
    ExperimentKind.TRAINED_ON: (
        ("trained", {"train_model", "train_data", "co"}, {"model_between", "compared", "background", "base", "subject"}),
        ("tuned-on", {"train_data", "co", "model_first"}, {"model_between", "compared", "background", "base",
                                                           "listed", "clause_break", "many_models", "subject"}),
        ("ours-trained", {"ours", "train_data"}, {"background"}),
        # "training base models with this corpus yields X", X the paper's own model: X is what was trained
        ("own-trained", {"train_data", "co", "main"}, {"model_between", "compared", "background", "base", "listed",
                                                      "many_models", "subject", "role"}),
        ("tuned-on-dataset", TUNED_ON_DATASET, {"model_between", "compared", "background", "base", "listed",
                                                "many_models", "role", "clause_break"}),
    ),
}


def _statement(kind: ExperimentKind, needed: frozenset[str], excluded: frozenset[str]) -> Callable:
    def holds(cand_kind: ExperimentKind, facts: frozenset[str]) -> bool:
        return cand_kind == kind and needed <= facts and not facts & excluded
    return holds


for _kind, _rows in RULES.items():
    for _rank, (_name, _needed, _excluded) in enumerate(_rows):
        _finds = f"{_kind.value} stated outright: {' + '.join(sorted(_needed))}, without {', '.join(sorted(_excluded))}"
        rule(PREFIX + _name, stage=STAGE, rank=_rank, confidence=0.8, finds=_finds, shown=_name)(
            _statement(_kind, frozenset(_needed), frozenset(_excluded)))


@rule(PREFIX + "weighed", stage="experiment-weights", rank=0, confidence=0.5, shown="weighed",
      finds="a pair the learned pairing scorer believes (kg/data/models/experiments.json)")
def weighed(weights: dict, kind: ExperimentKind, facts: set[str]) -> float:
    return pairing.probability(weights, kind.value, facts)


WEIGHED = id_of(weighed)


def rule_for(kind: ExperimentKind, facts: set[str], where_facts: frozenset[str],
             disabled: frozenset[str] = frozenset()) -> str | None:
    """The name of the first rule the evidence sentence's facts satisfy, or ``None``."""
    if "m_Technique" in facts:
        return None  # a method run as a system is left to the weights: usually it is only a method
    seen = where_facts | (facts & PAPER_FACTS)
    for r in chain(disabled, STAGE):
        if r.run(kind, seen):
            return r.label
    return None


def vetoed(kind: ExperimentKind, where_facts: frozenset[str]) -> bool:
    """What the guidelines rule out whatever the weights say (``where_facts``: the evidence sentence's facts
    with the paper's :data:`PAPER_FACTS`): a judge or teacher is not evaluated
    nor trained; a method applied to a named model leaves the result to that model, and the
    model another is "based on" leaves it to the other, as does a model nearer the data that is
    the subject of its own result; data a model is only said to be trained on is not evaluated on,
    and a model is trained on data only where the sentence speaks of training (or reads the result of a
    model the paper fine-tunes on a data set, :data:`TUNED_ON_DATASET`), and not on data that
    follows its own result ("X reaches 41% on A, outperforming models trained on B": others' data);
    a model is evaluated on data only where the sentence says something of a run, not where the two
    are only named together ("agents such as X in our scaffold D": co-occurrence, not a result)."""
    if "role" in where_facts:
        return True
    if kind == ExperimentKind.TRAINED_ON:
        if TUNED_ON_DATASET <= where_facts and "compared" not in where_facts:
            return False  # not a baseline compared with ("outperforming the X baseline on D")
        return not where_facts & {"train_data", "train_model"} or "subject" in where_facts
    if kind != ExperimentKind.EVALUATED_ON:
        return False
    # "X, developed by fine-tuning on D": D is trained on; evaluated only if a result is read on it too
    trained_only = "train_data" in where_facts and not where_facts & {"eval_data", "has_value"}
    named_only = not where_facts & RUN_FACTS
    return trained_only or named_only or bool(where_facts & {"method_on_model", "base", "other_subject"})
