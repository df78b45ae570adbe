"""Experiments across a paper's sentences: what "this data" stands for, when the paper's own data is
introduced, and which data the paper's own model is named with.

The names and their types are given here (not recognised), so that each test reads the experiment
stage alone; every sentence is made up for the test.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from kg.extract import pairing
from kg.extract.cues.patterns import Cues
from kg.extract.experiment_records import extract_experiments
from kg.extract.experiment_names import _Name, names_of
from kg.extract.experiments import _data_facts, candidates
from kg.model import EntityType, Evidence, Mention, Predicate

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE
P = Predicate


def paper(title: str, abstract: str, names: list[tuple[str, EntityType, Predicate]]):
    """The text, title end, sentence table, recognised names and mentions of a made-up paper."""
    text = title + "\n" + abstract
    sentences, start = [(0, len(title))], len(title) + 1
    for m in re.finditer(r".*?(?:\.(?:\s+|$)|$)", abstract):
        if m.group().strip():
            sentences.append((start + m.start(), start + m.end()))
    ev = (Evidence(sentence=title, field="title", start=0, end=1, sentence_start=0, rule="test", confidence=1.0),)
    mentions = [Mention(text=n, type=t, predicate=p, evidence=ev) for n, t, p in names]
    found = [SimpleNamespace(text=n, start=m.start(), end=m.end())
             for n, _, _ in names for m in re.finditer(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", text)]
    return text, len(title), sentences, sorted(found, key=lambda c: c.start), mentions


def experiments(title: str, abstract: str, names, weights=None) -> set[tuple[str, str, str]]:
    """(kind, model, data) of the experiments the rules state (the learned scorer off unless given)."""
    text, title_end, sentences, found, mentions = paper(title, abstract, names)
    weights = weights or {"threshold": 1.01, "weights": {}}
    return {(x.kind.value, mentions[x.model_mention].text, mentions[x.data_mention].text)
            for x in extract_experiments(text, title_end, sentences, found, mentions, weights=weights)}


def facts_of(title: str, abstract: str, names, model: str, data: str, kind: str = "evaluatedOn"):
    """The evidence sentence and its facts for one candidate pair (``None`` when no sentence states it)."""
    text, title_end, sentences, found, mentions = paper(title, abstract, names)
    index = {m.text: i for i, m in enumerate(mentions)}
    for c in candidates(text, title_end, sentences, names_of(found, mentions, sentences, text), mentions):
        if (c.kind.value, c.model, c.data) == (kind, index[model], index[data]):
            return None if c.where is None else (c.where[0], c.where_facts)
    raise AssertionError("no such candidate")


# --------------------------------------------------------------------------- "this data", "our corpus"

def test_a_model_trained_on_this_data_is_trained_on_the_data_named_before():
    names = [("WikiMath-200K", D, P.PROPOSES), ("Llama-3-8B", M, P.FINE_TUNES), ("GSM8K", B, P.EVALUATES_ON)]
    got = experiments("WikiMath: worked solutions", "We release WikiMath-200K, a corpus of 200K worked solutions. "
                      "A Llama-3-8B model fine-tuned on this data reaches 61.2% on GSM8K.", names)
    assert ("trainedOn", "Llama-3-8B", "WikiMath-200K") in got
    assert ("trainedOn", "Llama-3-8B", "GSM8K") not in got


def test_our_corpus_stands_for_the_papers_own_data_not_the_last_named():
    names = [("TinyStories", D, P.MENTIONS), ("FableSet", D, P.PROPOSES), ("Fable-1B", M, P.PROPOSES)]
    got = experiments("FableSet", "We build FableSet from public-domain tales, unlike TinyStories. "
                      "Fable-1B is pretrained from scratch on our corpus.", names)
    assert ("trainedOn", "Fable-1B", "FableSet") in got
    assert ("trainedOn", "Fable-1B", "TinyStories") not in got


def test_a_phrase_in_apposition_to_a_name_is_not_a_second_occurrence():
    names = [("OldSet", D, P.MENTIONS), ("NewSet", D, P.PROPOSES), ("Kite-2B", M, P.PROPOSES)]
    text, _, sentences, found, mentions = paper("Kite", "We describe OldSet. Our dataset NewSet trains Kite-2B.",
                                                names)
    anaphors = [n for n in names_of(found, mentions, sentences, text) if n.anaphor]
    assert anaphors == []


# --------------------------------------------------------------------------- the paper's own data, introduced

def test_models_named_before_a_benchmark_is_introduced_are_not_run_on_it():
    names = [("GPT-4", M, P.MENTIONS), ("Claude 3", M, P.MENTIONS), ("CodeArena", B, P.PROPOSES),
             ("Llama-3-70B", M, P.EVALUATES)]
    abstract = ("GPT-4 and Claude 3 achieve impressive results in code generation. We present CodeArena, a benchmark "
                "of 500 repository-level tasks. Llama-3-70B reaches only 31.5%.")
    assert facts_of("CodeArena", abstract, names, "GPT-4", "CodeArena") is None
    where, facts = facts_of("CodeArena", abstract, names, "Llama-3-70B", "CodeArena")
    assert where == 3 and "sole_data" in facts


# --------------------------------------------------------------------------- training, said outright

def test_training_base_models_with_the_papers_corpus_trains_its_own_model():
    names = [("AbacusPile", D, P.PROPOSES), ("Abacus-7B", M, P.PROPOSES)]
    got = experiments("Abacus", "We collect AbacusPile, a corpus of mathematical web text. "
                      "Training two open base models with AbacusPile leads to the Abacus-7B model family.", names)
    assert got == {("trainedOn", "Abacus-7B", "AbacusPile")}


def test_a_training_verb_inside_brackets_is_not_said_of_the_data_after_them():
    cues = Cues.of()
    s = "Zeta outperforms GPT-2 (trained with 12x more compute) on the GLUE benchmark."
    d = _Name(s.index("GLUE"), s.index("GLUE") + 4, "GLUE", 0, 0)
    assert "train_data" not in _data_facts(s, 0, d, [d], cues)
    s2 = "Zeta is trained with little compute on the GLUE benchmark."
    d2 = _Name(s2.index("GLUE"), s2.index("GLUE") + 4, "GLUE", 0, 0)
    assert "train_data" in _data_facts(s2, 0, d2, [d2], cues)


# --------------------------------------------------------------------------- comparisons with the paper's model

def test_models_compared_with_ours_are_run_on_the_data_our_model_is_named_with_not_our_methods_data():
    names = [("ChartForge", T, P.PROPOSES), ("ChartBench", B, P.PROPOSES), ("ChartCoder-8B", M, P.PROPOSES),
             ("GPT-4o", M, P.EVALUATES), ("ChartQA", D, P.MENTIONS)]
    abstract = ("We introduce ChartForge, a data engine that builds ChartBench from ChartQA. "
                "Our model ChartCoder-8B achieves strong accuracy, outperforming larger models like GPT-4o.")
    assert facts_of("ChartCoder", abstract, names, "GPT-4o", "ChartBench") is None
    abstract2 = ("ChartCoder-8B reaches 71.0% on ChartBench, built from ChartQA. "
                 "ChartCoder-8B thereby outperforms larger models like GPT-4o.")
    where, facts = facts_of("ChartCoder", abstract2, names, "GPT-4o", "ChartBench")
    assert "compared_to_ours" in facts


# --------------------------------------------------------------------------- lists, asides and evaluated objects

def test_data_listed_each_with_its_purpose_share_the_verb_before_the_list():
    names = [("Zephyr-7B", M, P.FINE_TUNES), ("RecipeQA", D, P.TRAINS_ON), ("PubMedQA", B, P.EVALUATES_ON)]
    got = experiments("Domain tuning", "By training Zephyr-7B on domain corpora like RecipeQA for cooking and "
                      "PubMedQA for medicine, we obtain shorter answers.", names)
    assert {("trainedOn", "Zephyr-7B", "RecipeQA"), ("trainedOn", "Zephyr-7B", "PubMedQA")} <= got


def test_a_training_participle_ends_at_a_bracket_or_comma():
    names = [("Split-B", D, P.EVALUATES_ON), ("Bar-S", M, P.EVALUATES), ("FooNet", M, P.PROPOSES)]
    abstract = ("On Split-B, FooNet reaches an F1 of 91.2%, outperforming the Bar-S baseline trained without "
                "distillation (88.0%), with a wide margin.")
    where = facts_of("FooNet", abstract, names, "Bar-S", "Split-B", "trainedOn")
    assert where is None or "train_model" not in where[1]
    trained = "FooNet is compared with Bar-S trained with distillation on Split-B."
    assert "train_model" in facts_of("FooNet", trained, names, "Bar-S", "Split-B", "trainedOn")[1]


def test_the_object_of_an_evaluating_verb_is_run_on_the_data_after_it():
    names = [("Zeta", M, P.EVALUATES), ("HardBench", B, P.PROPOSES), ("WikiText", D, P.MENTIONS)]
    got = experiments("HardBench", "HardBench has 200 tasks drawn from WikiText. We evaluate the behaviour of "
                      "Acme's Zeta models and of several dense transformers on HardBench across many sizes.", names)
    assert ("evaluatedOn", "Zeta", "HardBench") in got


def test_respectively_pairs_values_with_the_list_nearest_the_word():
    names = [("CleanSet", D, P.EVALUATES_ON), ("HardBench", B, P.EVALUATES_ON), ("Zeta-7B", M, P.FINE_TUNES),
             ("Omega-13B", M, P.FINE_TUNES)]
    text, title_end, sentences, found, mentions = paper(
        "SharpTune", "On HardBench, tuning with CleanSet adds 4.10 and 1.25 points over plain tuning for Zeta-7B "
                     "and Omega-13B, respectively.", names)
    got = {(mentions[x.model_mention].text, mentions[x.data_mention].text): x.value
           for x in extract_experiments(text, title_end, sentences, found, mentions,
                                        weights={"threshold": 1.01, "weights": {}})}
    assert got[("Zeta-7B", "HardBench")] == "4.10"
    assert got[("Omega-13B", "HardBench")] == "1.25 points"


def test_a_short_decimal_after_a_name_is_its_version_not_a_result():
    from kg.extract import results as res
    s = "Agents built on Opus 4.6 and Nova 2.5 Pro score 41.5% on HardBench 2.0, and a BLEU 31.2 and FID 2.1."
    assert [v.text for v in res.values(s)] == ["41.5%", "31.2", "2.1"]


# --------------------------------------------------------------------------- a results sentence after the evaluation

def test_a_results_sentence_without_data_continues_the_evaluation_before_it():
    names = [("Quill", T, P.PROPOSES), ("CodeTrial", B, P.EVALUATES_ON), ("Falcon-40B", M, P.EVALUATES)]
    abstract = ("We test Quill on the CodeTrial benchmark of programming puzzles. "
                "Against the Falcon-40B baseline, accuracy rises from 40.5% to 52.5%.")
    where, facts = facts_of("Quill", abstract, names, "Falcon-40B", "CodeTrial")
    assert "prev_data" in facts and where == 2
    text, title_end, sentences, found, mentions = paper("Quill", abstract, names)
    got = extract_experiments(text, title_end, sentences, found, mentions, weights={"threshold": 0.0, "weights": {}})
    assert {(mentions[x.model_mention].text, x.value) for x in got} >= {("Falcon-40B", "52.5%")}
    # a sentence that only builds the data set runs nothing on it
    built = ("We assemble CodeTrial from public contests. "
             "Against the Falcon-40B baseline, accuracy rises from 40.5% to 52.5%.")
    assert facts_of("Quill", built, names, "Falcon-40B", "CodeTrial") is None
    # nor does the title count as the sentence before the abstract's first
    titled = "Falcon-40B reaches 40.5% after our fixes."
    assert facts_of("Quill on CodeTrial", titled, names, "Falcon-40B", "CodeTrial") is None


def test_a_model_only_named_beside_the_data_is_not_evaluated_on_it():
    names = [("Agora", B, P.PROPOSES), ("Nova Coder", M, P.EVALUATES), ("Lynx-2", M, P.EVALUATES)]
    abstract = "Agora is a small scaffold in which agents such as Nova Coder and Lynx-2 write papers."
    weights = {"threshold": 0.0, "weights": {}}  # a scorer that believes every pair
    assert not {x for x in experiments("Agora", abstract, names, weights) if x[0] == "evaluatedOn"}
    said = "In Agora we examine the efficacy of Nova Coder and Lynx-2 at writing papers."
    assert ("evaluatedOn", "Nova Coder", "Agora") in experiments("Agora", said, names, weights)


def test_the_model_another_is_based_on_does_not_stand_between_it_and_its_result():
    names = [("Zebra-7B", M, P.PROPOSES), ("Falcon-7B", M, P.FINE_TUNES), ("MathSet", B, P.EVALUATES_ON)]
    abstract = "We present Zebra-7B, a small model based on the Falcon-7B, which reaches 70.2% on MathSet."
    _, facts = facts_of("Zebra", abstract, names, "Zebra-7B", "MathSet")
    assert "subject" in facts and "model_between" not in facts
    assert ("evaluatedOn", "Zebra-7B", "MathSet") in experiments("Zebra", abstract, names)  # the subject rule
    other = "We present Zebra-7B, a small model, while Falcon-7B reaches 70.2% on MathSet."
    assert "model_between" in facts_of("Zebra", other, names, "Zebra-7B", "MathSet")[1]


def test_earlier_work_a_result_is_compared_with_does_not_make_the_sentence_background():
    names = [("Heron", M, P.PROPOSES), ("MotionSet", D, P.PROPOSES)]
    beats = "Our experiments show that Heron clearly outperforms existing methods on MotionSet."
    assert "background" not in facts_of("Heron", beats, names, "Heron", "MotionSet")[1]
    earlier = "Existing methods reach 40% on MotionSet, and Heron is built from them."
    assert "background" in facts_of("Heron", earlier, names, "Heron", "MotionSet")[1]


def test_a_fine_tuned_models_result_on_a_data_set_means_it_was_tuned_there():
    names = [("NoisePO", T, P.PROPOSES), ("Kestrel-XL", M, P.FINE_TUNES), ("PrefPairs", D, P.EVALUATES_ON),
             ("Heron-2", M, P.FINE_TUNES)]
    abstract = ("We propose NoisePO, a robust preference loss. "
                "On the noisy PrefPairs dataset, Kestrel-XL trained with NoisePO achieves a gain of 4.1 points.")
    got = experiments("NoisePO", abstract, names)
    assert ("trainedOn", "Kestrel-XL", "PrefPairs") in got  # the tuned-on-dataset rule
    # a model only compared with, or one the paper does not fine-tune, is not said to be trained there
    compared = "On the noisy PrefPairs dataset, NoisePO achieves 4.1 points more than the Heron-2 baseline."
    assert ("trainedOn", "Heron-2", "PrefPairs") not in experiments("NoisePO", compared, names)
    evaluated = [("Kestrel-XL", M, P.EVALUATES), ("PrefPairs", D, P.EVALUATES_ON)]
    assert not {x for x in experiments("NoisePO", abstract, evaluated) if x[0] == "trainedOn"}


def test_respectively_reads_the_list_right_before_the_word_when_the_sentence_names_more_models():
    from kg.extract import results as res
    s = "Data made by the generator Gamma-2 gives gains of +12% and +15% for Zeta and Omega, respectively."
    names = [res.Span(s.index(w), s.index(w) + len(w), i) for i, w in enumerate(("Gamma-2", "Zeta", "Omega"))]
    vals = res.values(s)
    assert {k: v.text for k, v in res.respectively(s, vals, names).items()} == {1: "+12%", 2: "+15%"}
    apart = "Gamma-2 and Zeta help; gains of +12% and +15% follow for Omega alone, respectively."
    spans = [res.Span(apart.index(w), apart.index(w) + len(w), i) for i, w in enumerate(("Gamma-2", "Zeta", "Omega"))]
    assert res.respectively(apart, res.values(apart), spans) == {}  # the names before the word form no list of two


# --------------------------------------------------------------------------- models listed after the data

def test_models_listed_after_the_data_are_each_run_on_it():
    names = [("CodeArena", B, P.EVALUATES_ON), ("MathPile", B, P.EVALUATES_ON), ("Zeta-7B", M, P.EVALUATES),
             ("Zeta-13B", M, P.EVALUATES)]
    abstract = ("We propose Recall, a memory for coding agents. "
                "We evaluate on CodeArena and MathPile using Zeta-7B and Zeta-13B.")
    _, facts = facts_of("Recall", abstract, names, "Zeta-13B", "MathPile")
    assert "model_between" not in facts  # Zeta-7B is listed with Zeta-13B, not said of the data instead
    got = experiments("Recall", abstract, names, weights=pairing.default_weights())  # no rule: the shipped scorer
    assert {("evaluatedOn", m, d) for m in ("Zeta-7B", "Zeta-13B") for d in ("CodeArena", "MathPile")} <= got


def test_a_model_between_the_data_and_another_is_still_between_when_not_listed_with_it():
    names = [("CodeArena", B, P.EVALUATES_ON), ("Zeta-7B", M, P.EVALUATES), ("Zeta-13B", M, P.EVALUATES)]
    _, facts = facts_of("Recall", "On CodeArena, Zeta-7B with a judge helps Zeta-13B.", names, "Zeta-13B", "CodeArena")
    assert "model_between" in facts
    # compared with it ("beats Zeta-13B"), Zeta-13B is run on CodeArena too: Zeta-7B is what it is compared with
    _, facts = facts_of("Recall", "On CodeArena, Zeta-7B with a judge beats Zeta-13B.", names, "Zeta-13B", "CodeArena")
    assert "model_between" not in facts and "compared" in facts
