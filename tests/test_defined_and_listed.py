"""Defined names the paper only uses, proposals by a gerund, and counted enumerations (sentences of our own)."""

from __future__ import annotations

import pytest

from kg import catalogue
from kg.extract.pipeline import paper_text
from kg.extract.rules import ids
from kg.extract.runner import find_candidates

TITLE = "Better stereo for forest drones"


def found(abstract: str, open_vocab: bool = True) -> dict[str, tuple[str, str, bool]]:
    """surface -> (type, rule, proposed) of the candidates found in an abstract."""
    text, title_end = paper_text(TITLE, abstract)
    return {c.text: (c.type.value, c.rule, c.proposed)
            for c in find_candidates(text, title_end, catalogue.default(), open_vocab=open_vocab)}


def test_a_defined_name_the_paper_only_uses_is_left_to_the_decider():
    abstract = "Classical matchers rely on Smoothed Cost Aggregation (SCA) with weighted median filtering (WMF)."
    got = found(abstract)
    assert got["SCA"][1] == ids.CAPITALISED_PHRASE  # open: the learned decider keeps or drops it
    assert got["WMF"][1] == ids.METHOD_PHRASE
    assert "SCA" not in found(abstract, open_vocab=False)  # the rules alone still drop it


@pytest.mark.parametrize("abstract, name", [
    ("We tackle this by introducing a hybrid framework, branch depth voting (BDV), that fuses views.", "BDV"),
    ("We close the gap by presenting Sparse Canopy Matching (SCM) for aerial scans.", "SCM"),
])
def test_a_definition_after_by_introducing_is_proposed(abstract, name):
    assert found(abstract)[name][2] is True


def test_a_capitalised_run_inside_a_defined_long_form_is_no_name_of_its_own():
    got = found("We present Canopy Depth from Optical Flow (CDOF), which needs no labels.")
    assert got["CDOF"][2] is True
    assert "Optical Flow" not in got and "Canopy Depth" not in got


@pytest.mark.parametrize("abstract, names, kind", [
    ("Experiments on three public datasets, WOODS, PineSet2, and CANOPY, show gains.",
     ["WOODS", "PineSet2", "CANOPY"], "Dataset"),
    ("We test four jailbreak benchmarks (Quill-9K, Harrow, StepFig, and Vault) in all runs.",
     ["Quill-9K", "Harrow", "StepFig", "Vault"], "Benchmark"),
])
def test_the_items_after_a_counted_plural_noun_are_typed_by_it(abstract, names, kind):
    got = found(abstract)
    assert all(got.get(n, ("",))[0] == kind for n in names), got


def test_a_clause_after_a_plural_noun_is_no_enumeration():
    got = found("Across all datasets, Harrow performs best.")
    assert "Harrow" not in got


def test_one_known_benchmark_types_the_list_a_result_is_reported_on():
    got = found("Our system reaches an accuracy of 41.2% on ZetaPath-9, Quill REG, and HistoNorm.")
    assert got["ZetaPath-9"][0] == "Benchmark"
    assert got.get("Quill REG", ("",))[0] == "Benchmark" and got.get("HistoNorm", ("",))[0] == "Benchmark", got


@pytest.mark.parametrize("abstract, names, absent", [
    ("Evaluated on Quillway and Path2Map across three backbones, our agent wins.", ["Path2Map"], ["Quillway"]),
    ("We run experiments on GEOVA and ROUTE-2 for retrieval.", ["GEOVA", "ROUTE-2"], []),
    ("Results on Zorb-2 show gains.", [], ["Zorb-2"]),  # one name after "on" may be a method or a model
])
def test_names_in_a_list_results_are_reported_on_are_benchmarks(abstract, names, absent):
    got = found(abstract)
    assert all(got.get(n, ("",))[0] == "Benchmark" for n in names), got
    assert all(n not in got for n in absent), got


def test_a_named_item_among_known_techniques_is_a_technique():
    got = found("Our prompting beats Self-Refine, QuoT, Tree-of-Thoughts and RAG on every task.")
    assert got.get("QuoT", ("",))[0] == "Technique", got
    assert "Table" not in found("Our prompting beats Self-Refine, Table, Tree-of-Thoughts and RAG on every task.")
