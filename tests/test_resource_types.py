"""A new name written like a benchmark ("…QA", "…Bench") that the text itself calls a dataset is a Dataset."""

from __future__ import annotations

import pytest

from kg.catalogue import Catalogue
from kg.extract.pipeline import paper_text
from kg.extract.runner import find_candidates
from kg.model import EntityType

D, B = EntityType.DATASET, EntityType.BENCHMARK


def types(abstract: str) -> dict[str, EntityType]:
    text, title_end = paper_text("A Study", abstract)
    return {c.text: c.type for c in find_candidates(text, title_end, Catalogue.from_entries([]))}


@pytest.mark.parametrize("abstract, name, wanted", [
    ("To teach the model long answers we gather a dataset, HarborQA, for supervised tuning.", "HarborQA", D),
    ("We release KelpQA, a hand-checked dataset of 9k questions, for training small readers.", "KelpQA", D),
    ("We release KelpQA, a hand-checked benchmark of 9k questions, for testing small readers.", "KelpQA", B),
    ("Scores on KelpQA rise by four points with our method.", "KelpQA", B),
])
def test_a_benchmark_shaped_name_called_a_dataset_in_apposition_is_a_dataset(abstract, name, wanted):
    assert types(abstract)[name] == wanted


@pytest.mark.parametrize("abstract, name, wanted", [
    # a new resource in a text that evaluates and trains nothing is measured on: a benchmark (guideline: used to
    # evaluate); one only released, or trained on, is a dataset
    ("We introduce FernScan, a dataset of 4,000 annotated leaf images, and evaluate current detectors on it: "
     "most miss small lesions.", "FernScan", B),
    ("We release FernScan, a hand-checked dataset of 4,000 annotated leaf images.", "FernScan", D),
    # measurements and test-time methods are not evaluation
    ("We release FernScan, a hand-checked dataset of 4,000 leaf images with sensor measurements.", "FernScan", D),
    ("We release FernScan, a dataset of 4,000 leaf images for test-time adaptation.", "FernScan", D),
    ("We introduce FernScan, a dataset of 4,000 annotated leaf images, and fine-tune three detectors on it.",
     "FernScan", D),
    ("We introduce FernScan, a dataset of 4,000 annotated leaf images for pre-training detectors.", "FernScan", D),
])
def test_a_new_dataset_in_a_text_that_evaluates_and_trains_nothing_is_a_benchmark(abstract, name, wanted):
    assert types(abstract)[name] == wanted
