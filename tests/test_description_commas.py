"""Coordinate adjectives stand with commas ("a large-scale, curated corpus"): the noun after them still says
what the name is. Sentences made up for the test."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Paper


def _types(abstract: str) -> dict[str, str]:
    [ex] = extract([Paper(key="p", title="Tracing Diagrams Back to Code", abstract=abstract)])
    return {m.text: m.type.value for m in ex.mentions}


@pytest.mark.parametrize("abstract, name, kind", [
    ("We release Quillset, a large-scale, hand-checked dataset of 40k diagrams.", "Quillset", "Dataset"),
    ("We release Quillset-40K, a large-scale, hand-checked dataset of diagrams.", "Quillset-40K", "Dataset"),
    ("We present Quillbench, a small, multilingual benchmark for diagram repair.", "Quillbench", "Benchmark"),
    ("We present Quillbench-2, a small, multilingual benchmark for diagram repair.", "Quillbench-2", "Benchmark"),
])
def test_a_description_with_commas_between_adjectives_types_the_name(abstract, name, kind):
    assert _types(abstract)[name] == kind


def test_a_method_described_with_commas_stays_a_method():
    assert _types("We present Quillfix, a simple, scalable method for diagram repair.")["Quillfix"] == "Technique"


def test_an_item_of_a_list_described_on_its_own_takes_the_type_its_description_gives():
    got = _types("We build a closed-loop framework featuring: Quillset-40K, a large-scale, hand-checked dataset of diagrams; "
                 "Quillbench-2, a small benchmark for diagram repair.")
    assert got["Quillset-40K"] == "Dataset"
    assert got["Quillbench-2"] == "Benchmark"
