"""A size written with its release ("3Bv2") is part of the model's name, so the base model a paper fine-tunes
keeps its edge, and the experiment-level question finds the paper.  Sentences made up for the test."""

from __future__ import annotations

import json

import kg
from kg import names
from kg.extract import extract
from kg.model import Paper

ABSTRACT = ("With Pythia 1.4Bv2 as a base model, this report shows how we fine-tune the Zorro family of models. "
            "Zorro-Chat reaches 61.2% on MT-Bench.")


def test_a_size_with_a_release_number_is_a_size():
    assert [names.is_size(p) for p in ("3Bv2", "7bv10", "1.4Bv2", "v2", "3Bx")] == [True, True, True, False, False]


def test_the_base_model_named_with_a_released_size_is_fine_tuned():
    [ex] = extract([Paper(key="p", title="Zorro: small chat models", abstract=ABSTRACT)])
    got = {m.text: m.predicate.value for m in ex.mentions}
    assert got.get("Pythia 1.4Bv2") == "fineTunes"


def test_the_evaluated_model_descends_from_the_fine_tuned_base(tmp_path):
    src = tmp_path / "papers.jsonl"
    src.write_text(json.dumps({"title": "Zorro: small chat models", "abstract": ABSTRACT}) + "\n", encoding="utf-8")
    g = kg.build([str(src)])
    [tuned] = [link.entity for p in g.papers(fine_tunes="Pythia") for link in p.links if link.relation == "fineTunes"]
    assert [x.model for x in g.experiments(data="MT-Bench")] == ["Zorro-Chat"]
    assert tuned in [m.label for m in g.lineage("Zorro-Chat")]  # the evaluated model descends from the tuned one
