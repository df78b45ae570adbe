"""Longest span first: a known name inside a longer written name belongs to that name; spans end where names do."""

from __future__ import annotations

import pytest

from kg import catalogue
from kg.extract import extract
from kg.extract.pipeline import find_candidates
from kg.model import EntityType, Evidence, Mention, Paper, PaperExtraction, Predicate
from kg.resolve import resolve

TITLE = "A study of things\n"


def names_in(sentence: str) -> dict[str, str | None]:
    """surface -> catalogue id, for the names found in one abstract sentence."""
    found = find_candidates(TITLE + sentence, len(TITLE) - 1, catalogue.default())
    return {c.text: c.entry_id for c in found}


@pytest.mark.parametrize("sentence, longer, known", [
    ("We train continual learners on Split CIFAR-100 and report forgetting.", "Split CIFAR-100", "CIFAR-100"),
    ("Robustness drops on Occluded nuScenes scenes at night.", "Occluded nuScenes", "nuScenes"),
    ("Agents such as Gemini Ultra Deep Planner write long reports.", "Gemini Ultra Deep Planner", "Gemini"),
])
def test_a_known_name_inside_a_longer_name_is_the_longer_name(sentence, longer, known):
    got = names_in(sentence)
    assert longer in got and got[longer] is None  # a new entity, not the catalogue entry
    assert known not in got


@pytest.mark.parametrize("sentence, name", [
    ("We use the Google Speech Commands corpus for keyword spotting.", "Speech Commands"),
    ("Results on the CIFAR-10 Dataset improve by two points.", "CIFAR-10"),
    ("Gemini Valence correlates with human ratings.", "Gemini"),
])
def test_makers_and_words_of_the_sentence_do_not_extend_a_known_name(sentence, name):
    assert name in names_in(sentence)


def test_a_score_after_a_name_is_not_a_version():
    got = names_in("Our model reaches MMLU 71.3 and ZetaBench 21.4, while AlpacaEval 2.0 ranks it first.")
    assert "MMLU" in got and "MMLU 71.3" not in got
    assert "AlpacaEval 2.0" in got


def test_a_pronoun_after_a_model_is_not_a_variant_word():
    got = names_in("We evaluate Qwen2.5 it is fast, and Gemma-2-2b-it is slower.")
    assert "Qwen2.5" in got and "Qwen2.5 it" not in got
    assert "Gemma-2-2b-it" in got


def test_modalities_languages_and_descriptions_are_not_entities():
    papers = [Paper(key="a", title="Tumour maps from scans",
                    abstract="We evaluate on a public MRI dataset and on two private CT datasets, and add EEG "
                             "recordings. Our ZetaNet-based pipeline and a Kappa-friendly design beat a "
                             "QuillNet-driven baseline."),
              Paper(key="b", title="Speech models for Hausa",
                    abstract="We train speech models for Hausa and Igbo and evaluate them on FLEURS.")]
    corpus = resolve(papers, extract(papers), catalogue.default())
    labels = {e.label for e in corpus.entities}
    assert not labels & {"MRI", "CT", "EEG", "Hausa", "Igbo", "ZetaNet-based", "Kappa-friendly", "QuillNet-driven"}


def test_a_name_with_a_describing_word_is_a_description_not_an_entity():
    text = "We keep a Kappa-friendly design and a ZetaNet-based encoder."
    mentions = tuple(
        Mention(text=name, type=EntityType.MODEL, predicate=Predicate.EVALUATES,
                evidence=(Evidence(sentence=text, start=text.index(name), end=text.index(name) + len(name),
                                   rule="r", confidence=0.5),))
        for name in ("Kappa-friendly", "ZetaNet-based"))
    paper = Paper(key="p", title="Designs", abstract=text)
    corpus = resolve([paper], [PaperExtraction(paper_key="p", mentions=mentions)], catalogue.default())
    assert corpus.entities == () and corpus.relations == ()


def test_a_percentage_after_a_model_is_a_score_not_a_version():
    got = names_in("Errors differ: Codex 5% against Kimi Code 77%/72%, while Llama 3 8B is steady.")
    assert "Codex" in got and "Codex 5" not in got
    assert "Kimi Code" in got and "Kimi Code 77" not in got
    assert "Llama 3 8B" in got


@pytest.mark.parametrize("sentence, name, kind", [
    ("We align the model with Quasi-DPO on chat data.", "Quasi-DPO", "Technique"),
    ("Segmentation uses Cloud-SAM on point clouds.", "Cloud-SAM", "Model"),
    ("The tuner z2-LLaDA decodes in parallel.", "z2-LLaDA", "Model"),
])
def test_a_word_hyphened_before_a_known_name_makes_a_new_name(sentence, name, kind):
    found = find_candidates(TITLE + sentence, len(TITLE) - 1, catalogue.default())
    got = {c.text: c for c in found}
    assert name in got and got[name].type.value == kind and got[name].entry_id is None


@pytest.mark.parametrize("sentence, absent", [
    ("We freeze the non-LoRA layers.", "non-LoRA"),
    ("We prune multi-LoRA stacks.", "multi-LoRA"),
    ("We add self-attention blocks.", "self-attention block"),
])
def test_a_prefix_word_before_a_known_name_makes_no_new_name(sentence, absent):
    assert absent not in names_in(sentence)


def test_two_known_names_hyphened_describe_a_hybrid_not_a_new_name():
    got = names_in("We search a CNN-ViT space of hybrids.")
    assert "CNN-ViT" not in got


def test_a_hyphened_known_name_ending_a_longer_capitalised_name_is_left_to_it():
    assert "Audio-SDS" not in names_in("We add Guided Audio-SDS to the loss.")
