"""A data set whose own name says what it is ("the Robot Cooking Benchmark (RCB)") is data, whatever the
phrase after it calls it ("an evaluation framework"), so the models the paper evaluates are run on it.
Sentences made up for the test."""

from __future__ import annotations

from kg.extract import extract
from kg.model import ExperimentKind, Paper

TITLE = "Assessing Planning in Kitchen Robots"
ABSTRACT = ("We introduce the Robot Cooking Benchmark (RCB), a multi-step evaluation framework designed to assess "
            "planning across four dimensions. We evaluate three systems: GPT-4, Claude and Gemini, using 120 "
            "recipes. GPT-4 achieves the highest score of 7.1/10.")


def _paper(abstract: str = ABSTRACT):
    [ex] = extract([Paper(key="p", title=TITLE, abstract=abstract)])
    return ex


def test_a_name_spelled_out_as_a_benchmark_is_a_benchmark():
    got = {m.text: (m.type.value, m.predicate.value) for m in _paper().mentions}
    assert got["RCB"] == ("Benchmark", "proposes")


def test_the_models_evaluated_in_a_benchmark_paper_run_on_its_benchmark():
    ex = _paper()
    runs = {(x.model, x.data) for x in ex.experiments if x.kind == ExperimentKind.EVALUATED_ON}
    assert runs == {("GPT-4", "RCB"), ("Claude", "RCB"), ("Gemini", "RCB")}
    [gpt] = [x for x in ex.experiments if x.model == "GPT-4"]
    assert gpt.value == "7.1/10"


def test_a_spelled_out_method_stays_a_method():
    ex = _paper(ABSTRACT.replace("Robot Cooking Benchmark", "Recipe Chain Prompting"))
    got = {m.text: m.type.value for m in ex.mentions}
    assert got.get("RCB") != "Benchmark"
    assert not [x for x in ex.experiments if x.data == "RCB"]


COMPARED = ("We release ZetaLM, an encoder pre-trained from scratch. On the GLUE benchmark, the "
            "ZetaLM Large model reaches a 90.42% mean score, which is 1.25% over RoBERTa and 1.83% over XLNet.")


def test_models_compared_after_the_subject_run_on_the_data_named_first():
    """"On D, X reaches 91%, 1.4% over Y": X stands between D and Y as what Y is compared with, not as
    another model the data belongs to, so Y is run on D too."""
    [ex] = extract([Paper(key="p", title="Better encoders", abstract=COMPARED)])
    rules = {(x.model, x.data): x.evidence.rule for x in ex.experiments if x.kind == ExperimentKind.EVALUATED_ON}
    assert rules[("RoBERTa", "GLUE")].startswith("experiment:compared:")  # stated outright, not only weighed
    assert rules[("XLNet", "GLUE")].startswith("experiment:compared:")


def test_a_model_named_between_a_result_and_another_data_keeps_it():
    """Not "X reaches 71% on A, while Y reaches 40% on B": B is Y's, not X's, whatever the change above."""
    text = "We release Fooformer. Fooformer reaches 71.2% on MMLU, while Llama-2-7B reaches 40.1% on GSM8K."
    [ex] = extract([Paper(key="p", title="Fooformer", abstract=text)])
    runs = {(x.model, x.data) for x in ex.experiments if x.kind == ExperimentKind.EVALUATED_ON}
    assert ("Llama-2-7B", "GSM8K") in runs and ("Llama-2-7B", "MMLU") not in runs
