"""A known name written only inside a longer kept name built on it is no entity of its own (sentences of our own).

The annotation takes the most specific form written: "Tempered Gibbs Sampling" names one method; a
paper that also writes the known name alone names both (a variant with its own name is no alias).
"""

from __future__ import annotations

import json

import pytest

from kg.extract import extract_batch
from kg.extract.pipeline import build_nlp
from kg.model import Paper

TITLE = "Faster Lattice Folding on Small Machines"


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    directory = tmp_path_factory.mktemp("catalogue")
    rows = {"models.jsonl": [{"label": "Zeta"}], "benchmarks.jsonl": [{"label": "WidgetQA"}],
            "datasets.jsonl": [{"label": "FooCorpus"}], "techniques.jsonl": [{"label": "Gibbs sampling"}]}
    for name, items in rows.items():
        (directory / name).write_text("\n".join(json.dumps(r) for r in items) + "\n")
    return build_nlp(catalogue_dir=str(directory))


def names(nlp, abstract: str) -> set[str]:
    [ex] = extract_batch(nlp, [Paper(key="p", title=TITLE, abstract=abstract)])
    return {m.text.lower() for m in ex.mentions}


def test_a_known_name_only_inside_the_longer_one_is_not_named(nlp):
    got = names(nlp, "Lattice models of folding are slow to sample. We introduce Tempered Gibbs Sampling, which "
                     "draws lattice configurations for a tenth of the usual cost. Tempered Gibbs Sampling "
                     "matches exhaustive enumeration on twelve small chains.")
    assert "tempered gibbs sampling" in got
    assert "gibbs sampling" not in got


def test_a_known_name_also_written_alone_stays(nlp):
    got = names(nlp, "Lattice models of folding are slow to sample. We introduce Tempered Gibbs Sampling, which "
                     "draws lattice configurations for a tenth of the usual cost. Unlike plain Gibbs sampling, "
                     "it mixes across energy barriers.")
    assert {"tempered gibbs sampling", "gibbs sampling"} <= got


def test_the_decider_reads_that_a_capitalised_run_is_built_on_a_known_name(nlp):
    from kg.extract import pipeline

    text, title_end = pipeline.paper_text(TITLE, "Our sampler adds Annealed Gibbs Sampling to a coarse Rotamer "
                                                 "Packing Scheme, and both run on one laptop core.")
    doc = nlp.make_doc(text)
    doc.user_data["mlkg_text"] = text
    doc._.title_end = title_end
    doc.user_data[pipeline.FEATURES] = record = []
    pipeline.mentions_of(nlp(doc), relations=True)
    features = {m.text: f for m, f in record}
    assert features["Annealed Gibbs Sampling"].get("open:wraps-known") == 1.0
    assert "open:wraps-known" not in features["Rotamer Packing Scheme"]
