"""The paper's own network or agent is run on data as a model is, though the text may call it a method's way
("TriNet, a graph attention network"); and a result stated after an opening phrase that names the data
("On D, X achieves 71%") is its subject's.  Sentences made up for the test."""

from __future__ import annotations

from kg.extract import extract
from kg.model import ExperimentKind, Paper


def _runs(title: str, abstract: str) -> dict[tuple[str, str], str]:
    [ex] = extract([Paper(key="p", title=title, abstract=abstract)])
    return {(x.model, x.data): x.evidence.rule for x in ex.experiments if x.kind == ExperimentKind.EVALUATED_ON}


def _types(title: str, abstract: str) -> dict[str, str]:
    [ex] = extract([Paper(key="p", title=title, abstract=abstract)])
    return {m.text: m.type.value for m in ex.mentions}


NETWORK = ("Forecasting crop yields from satellite images remains hard. We propose CropGAT, a two-level graph "
           "attention network that links neighbouring fields. On the AgriYield benchmark, CropGAT achieves 81.2% "
           "accuracy, well ahead of earlier approaches.")


def test_a_network_the_paper_proposes_is_run_on_data():
    title = "CropGAT: Field Graphs for Yield Forecasting"
    assert ("CropGAT", "AgriYield") in _runs(title, NETWORK)
    assert _types(title, NETWORK)["CropGAT"] == "Technique"  # the graph keeps the type the text gave


def test_a_method_the_paper_proposes_is_not():
    """"X, a data mixing method": a method is applied to a model; the result is the model's, and none is named."""
    text = NETWORK.replace("a two-level graph attention network that links neighbouring fields",
                           "a simple data mixing method that links neighbouring fields")
    assert ("CropGAT", "AgriYield") not in _runs("CropGAT: Field Graphs for Yield Forecasting", text)


def test_a_title_names_the_system_and_its_parts_are_not_run():
    text = ("We propose CropGAT, a two-level graph attention network. Inside it, a Field Mixing Transformer "
            "merges the views of each field. On the AgriYield benchmark, CropGAT achieves 81.2% accuracy.")
    runs = _runs("CropGAT: Field Graphs for Yield Forecasting", text)
    assert ("CropGAT", "AgriYield") in runs
    assert ("Field Mixing Transformer", "AgriYield") not in runs


def test_a_result_after_an_opening_phrase_is_its_subjects():
    text = ("We study instruction tuning for farm advice. On the AgriYield benchmark, Llama-3-8B achieves 61.0% "
            "accuracy after tuning.")
    runs = _runs("Tuning models for farm advice", text)
    assert runs[("Llama-3-8B", "AgriYield")].startswith("experiment:subject:")


def test_a_model_that_is_not_the_subject_after_the_opening_phrase_is_not_stated_outright():
    text = ("We study instruction tuning for farm advice. On the AgriYield benchmark, tuning Llama-3-8B with our "
            "recipe takes two hours.")
    runs = _runs("Tuning models for farm advice", text)
    assert not runs.get(("Llama-3-8B", "AgriYield"), "").startswith("experiment:subject:")


def test_a_kind_of_network_written_out_in_lower_case_is_no_system():
    """"data sorting networks (DSN)": a kind named in lower case (or a plural) is not one trained system run on data;
    "Sorting Transformer (ST)" would be."""
    text = ("We learn a data sorting network (DSN) that ranks image-text pairs for pre-training. Across our "
            "experiments on ImageNet, DSN achieves 71.2% accuracy.")
    assert ("DSN", "ImageNet") not in _runs("Learning to rank pre-training data", text)
    named = text.replace("a data sorting network (DSN)", "the Data Sorting Network (DSN)")
    assert ("DSN", "ImageNet") in _runs("Learning to rank pre-training data", named)
