"""Resolution with a small made-up catalogue: one node per name, lineage, labels."""

from __future__ import annotations

import json

import pytest

from kg import catalogue
from kg.extract import extract_batch
from kg.extract.pipeline import build_nlp
from kg.model import Paper
from kg.resolve import resolve

MODELS = [{"label": "Zeta"}, {"label": "Zeta 2", "variant_of": "Zeta", "aliases": ["ZETA-2"]}]


@pytest.fixture(scope="module")
def catalogue_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("catalogue")
    (directory / "models.jsonl").write_text("\n".join(json.dumps(r) for r in MODELS) + "\n")
    for name in ("benchmarks.jsonl", "datasets.jsonl", "techniques.jsonl"):
        (directory / name).write_text("")
    return directory


def resolved(catalogue_dir, abstracts: list[str]):
    papers = [Paper(key=f"p{n}", title=f"Paper {n}", abstract=a) for n, a in enumerate(abstracts)]
    extractions = extract_batch(build_nlp(catalogue_dir=str(catalogue_dir)), papers)
    return resolve(papers, extractions, catalogue.load(catalogue_dir))


def test_spellings_of_one_variant_are_one_node_named_like_its_parent(catalogue_dir):
    corpus = resolved(catalogue_dir, ["We fine-tune ZETA2-7B on maths.", "We prompt ZETA2-7B for proofs.",
                                      "We fine-tune Zeta-2-7B for code."])
    variants = [e for e in corpus.entities if e.variant_of == "zeta-2"]
    assert len(variants) == 1
    # the most frequent spelling is "ZETA2-7B", but the catalogue writes the parent "Zeta 2"
    assert variants[0].label == "Zeta-2-7B" and "ZETA2-7B" in variants[0].aliases


def test_a_new_entity_is_labelled_by_its_acronym_and_case_variants_prefer_mixed_case(catalogue_dir):
    corpus = resolved(catalogue_dir, ["We propose Q-Routing Mixer (QRM), a way to route tokens in Zeta 2.",
                                      "We introduce TokMix, a mixing method. It beats Zeta 2.",
                                      "We compare with methods such as TOKMIX and RouteNet on Zeta 2."])
    labels = {e.label: e for e in corpus.entities}
    assert "QRM" in labels and "Q-Routing Mixer" in labels["QRM"].aliases
    assert "TokMix" in labels and "TOKMIX" in labels["TokMix"].aliases
