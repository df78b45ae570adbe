"""A known or capitalised name the own work draws on is used, not proposed (sentences of our own).

"we add a GAN smoothing head" proposes the head, not GAN; "borrowing from Elastic
Weight Averaging as inspired by it …" and "our planner mixes heuristics such as Greedy
Lookahead, …" name what the method rests on.
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
    got = edges(nlp, "Phone photos lose texture in low light. Our recipe keeps the base network frozen and "
                     "we introduce a GAN smoothing head on top of its last layer.")
    assert got.get("GAN") not in (None, P.PROPOSES)


def test_a_known_name_right_after_the_verb_is_still_proposed(nlp):
    got = edges(nlp, "In this paper we introduce GAN, a generator trained against a critic. "
                     "It sharpens blurry photos.")
    assert got.get("GAN") == P.PROPOSES


def test_a_name_our_method_is_inspired_by_is_not_proposed(nlp):
    got = edges(nlp, "Merging checkpoints usually needs a validation set. Our merger, inspired by "
                     "Elastic Weight Averaging, needs none and merges two denoisers at test time.")
    assert "Elastic Weight Averaging" in got and got["Elastic Weight Averaging"] != P.PROPOSES


@pytest.mark.parametrize("left, drawn_on", [
    ("Our planner mixes heuristics such as ", True),
    ("Our planner mixes heuristics such as Greedy Lookahead, Beam Pruning (BP), and ", True),
    ("Inspired by the ", True),
    ("Our pipeline builds on ", True),
    ("Our method adds a ", False),
    ("We propose ", False),
    ("Our planner mixes heuristics such as greedy lookahead; we then introduce ", False),
])
def test_what_a_name_is_drawn_on_after(left, drawn_on):
    assert (Cues.of().DRAWN_ON_BEFORE.search(left) is not None) is drawn_on


def test_a_capitalised_part_of_our_method_is_still_proposed(nlp):
    got = edges(nlp, "We denoise phone photos. Our method adds a Residual Texture Gate that keeps fine "
                     "detail while smoothing flat regions.")
    assert got.get("Residual Texture Gate") == P.PROPOSES
