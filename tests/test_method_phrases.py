"""Lower-case method phrases: what may open one, and what the decider reads around one (sentences of our own)."""

from __future__ import annotations

import pytest

import kg.extract.rules  # noqa: F401  (registers the rules before kg.extract.phrases is read)
from kg.extract.features import _open_context
from kg.extract.phrases import method_phrases
from kg.extract.recognise import Candidate, Text
from kg.lexicon import Lexicon
from kg.model import EntityType


def phrases(sentence: str) -> list[str]:
    return [c.text for c in method_phrases(Text("Title\n" + sentence), [], 5)]


@pytest.mark.parametrize("sentence, unwanted", [
    ("Sparse routers have attracted growing attention in the last year.", "attention"),
    ("To cut the cost we propose training on shorter clips.", "propose training"),
    ("The sampler keeps iteratively denoising the latent until it converges.", "iteratively denoising"),
    ("The student reaches excellent training stability.", "excellent training"),
    ("Both reach high inference throughput on one card.", "high inference"),
])
def test_no_method_phrase_opens_with_a_verb_a_grading_word_or_a_lone_adverb(sentence, unwanted):
    assert not any(unwanted in p for p in phrases(sentence))


@pytest.mark.parametrize("sentence, wanted", [
    ("We tune the width by random search over twelve settings.", "random search"),
    ("Labels come from weakly supervised learning on noisy tags.", "supervised learning"),
    ("Each clip is cut by stratified sampling of the speakers.", "stratified sampling"),
    ("The decoder applies constrained decoding to keep the grammar.", "constrained decoding"),
])
def test_method_phrases_still_found(sentence, wanted):
    assert wanted in phrases(sentence)


def _context(text: str, name: str) -> dict[str, float]:
    start = text.index(name)
    cand = Candidate(start=start, end=start + len(name), text=name, type=EntityType.TECHNIQUE,
                     rule="method-phrase", confidence=0.4)
    f: dict[str, float] = {}
    _open_context(f, [cand], text, Lexicon.load())
    return f


def test_a_phrase_after_a_verb_of_use_or_a_listing_word_says_so():
    assert "open-after-use" in _context("We set the rate via random search.", "random search")
    assert "open-after-use" in _context("Tricks such as label smoothing help.", "label smoothing")
    assert "open-after-use" not in _context("Prior random search was slow.", "random search")


def test_a_phrase_after_a_determiner_is_marked():
    assert "open-after-determiner" in _context("It needs a careful tuning of the rate.", "careful tuning")
    assert "open-after-determiner" not in _context("It relies on curriculum learning.", "curriculum learning")


def test_lower_case_lists_and_acronym_definitions_are_marked():
    f = _context("We mix token dropping, layer skipping and early exiting.", "layer skipping")
    assert "open-lower-list" in f
    assert "open-lower-list" not in _context("We rely on layer skipping to save time.", "layer skipping")
    assert "open-defines-acronym" in _context("We use focal weighting (FW) on hard cases.", "focal weighting")


@pytest.mark.parametrize("name, kind", [
    ("gradient-based pruning", "hyphen-tail"), ("guided decoding", "participle"),
    ("spectral clustering", "adjective"), ("token pruning", "noun"),
])
def test_the_first_word_shape_is_a_feature(name, kind):
    assert _context(f"We apply {name} here.", name).get(f"open-mod-kind={kind}") == 1.0


def test_a_phrase_the_paper_introduces_or_calls_a_method_is_marked():
    assert "open-after-propose" in _context("We propose cache-aware training for long inputs.", "cache-aware training")
    assert "open-after-propose" not in _context("Prior work relies on cache-aware training.", "cache-aware training")
    assert "open-before-kind" in _context("A staged learning mechanism sets the pace.", "staged learning")
    assert "open-before-kind" in _context("It beats a stratified sampling baseline.", "stratified sampling")
    assert "open-before-kind" not in _context("Staged learning is slow on long inputs.", "Staged learning")

