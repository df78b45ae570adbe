"""Where this session's cue rules must not reach: another subject's verb, an explicit fine-tune, a relative
clause (sentences invented for these tests)."""

from __future__ import annotations

import pytest

from kg.extract import extract_batch
from kg.extract.pipeline import build_nlp
from kg.model import Paper, Predicate as P


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def relation(nlp, abstract: str, name: str) -> P:
    [ex] = extract_batch(nlp, [Paper(key="p", title="Harbour Logistics with Language Models", abstract=abstract)])
    return {m.text: m.predicate for m in ex.mentions}[name]


@pytest.mark.parametrize("abstract, expected", [
    # the verb's subject is a relative pronoun, not "we": the data is someone else's
    ("We evaluate Marlin on HarborBench, which extends PortSet and introduces the DockLog split for testing.",
     P.EVALUATES_ON),
    ("We test on the benchmark of Lee et al., who cleaned port logs and released the DockLog corpus.",
     P.EVALUATES_ON),
    ("We propose Marlin, a port router, and introduce the DockLog corpus for training it.", P.PROPOSES),
])
def test_a_second_introducing_verb_is_ours_only_with_our_subject(nlp, abstract, expected):
    assert relation(nlp, abstract, "DockLog") == expected


def test_embeddings_fine_tuned_are_no_frozen_features(nlp):
    assert relation(nlp, "We fine-tune BERT embeddings jointly with the classifier on harbour logs.",
                    "BERT") == P.FINE_TUNES
    assert relation(nlp, "We train a probe on frozen BERT features extracted from harbour logs.",
                    "BERT") == P.EVALUATES


@pytest.mark.parametrize("abstract, expected", [
    ("We apply our red-teaming protocol on Llama-2-7B, which was trained on web data.", P.EVALUATES),
    ("We apply our method to Llama-2-7B and Mistral-7B; it requires no training.", P.EVALUATES),
    ("We apply LoRA to Llama-2-7B for harbour routing.", P.FINE_TUNES),
    ("We apply our recipe to Llama-2-7B with DPO on harbour dialogues.", P.FINE_TUNES),
])
def test_applying_to_a_model_trains_it_only_by_a_training_word_of_its_own_clause(nlp, abstract, expected):
    assert relation(nlp, abstract, "Llama-2-7B") == expected
