"""A known or capitalised name the own work draws on is used, not proposed (sentences of our own).

"we introduce a GAN refinement stage" proposes the stage, not GAN; "inspired by the
Elastic Weight Averaging, our method …" and "our method combines denoisers, including
Wavelet Shrinkage, …" name what the method rests on.
"""

from __future__ import annotations

import json

import pytest

from kg.extract import extract_batch
from kg.extract.cues.patterns import Cues
from kg.extract.pipeline import build_nlp
from kg.model import Paper, Predicate as P

TITLE = "Fast Texture Recovery for Phone Cameras"


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    directory = tmp_path_factory.mktemp("catalogue")
    rows = {"models.jsonl": [{"label": "Zeta"}], "benchmarks.jsonl": [{"label": "WidgetQA"}],
            "datasets.jsonl": [{"label": "FooCorpus"}], "techniques.jsonl": [{"label": "GAN"}]}
    for name, items in rows.items():
        (directory / name).write_text("\n".join(json.dumps(r) for r in items) + "\n")
    return build_nlp(catalogue_dir=str(directory))


def edges(nlp, abstract: str) -> dict[str, P]:
    [ex] = extract_batch(nlp, [Paper(key="p", title=TITLE, abstract=abstract)])
    return {m.text: m.predicate for m in ex.mentions}


def test_a_known_name_qualifying_the_new_part_is_not_proposed(nlp):
    got = edges(nlp, "We train a one-step model for blurry photos. To recover fine texture, we further "
                     "introduce a GAN refinement stage, where a critic sharpens the output.")
    assert got.get("GAN") not in (None, P.PROPOSES)


def test_a_known_name_right_after_the_verb_is_still_proposed(nlp):
    got = edges(nlp, "In this paper we introduce GAN, a generator trained against a critic. "
                     "It sharpens blurry photos.")
    assert got.get("GAN") == P.PROPOSES


def test_a_name_our_method_is_inspired_by_is_not_proposed(nlp):
    got = edges(nlp, "We denoise phone photos without retraining. Inspired by the Elastic Weight Averaging, our "
                     "method merges two denoisers at test time.")
    assert "Elastic Weight Averaging" in got and got["Elastic Weight Averaging"] != P.PROPOSES


@pytest.mark.parametrize("left, drawn_on", [
    ("Our method combines denoisers, including ", True),
    ("Our method combines denoisers, including Median Filtering, Total Curvature (TC), and ", True),
    ("Inspired by the ", True),
    ("Our pipeline builds on ", True),
    ("Our method adds a ", False),
    ("We propose ", False),
    ("Our method combines denoisers, including median filters; we then introduce ", False),
])
def test_what_a_name_is_drawn_on_after(left, drawn_on):
    assert (Cues.of().DRAWN_ON_BEFORE.search(left) is not None) is drawn_on


def test_a_capitalised_part_of_our_method_is_still_proposed(nlp):
    got = edges(nlp, "We denoise phone photos. Our method adds a Residual Texture Gate that keeps fine "
                     "detail while smoothing flat regions.")
    assert got.get("Residual Texture Gate") == P.PROPOSES
