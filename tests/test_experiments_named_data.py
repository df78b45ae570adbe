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
    ex = _paper(ABSTRACT.replace("Robot Cooking Benchmark", "Recipe Chain Planning"))
    got = {m.text: m.type.value for m in ex.mentions}
    assert got.get("RCB") != "Benchmark"
    assert not [x for x in ex.experiments if x.data == "RCB"]
