"""Lower-case method phrases the paper says it introduces are its proposals (sentences of our own)."""

from __future__ import annotations

import pytest

from kg.catalogue import Catalogue
from kg.extract.pipeline import paper_text
from kg.extract.rules import ids
from kg.extract.runner import find_candidates

TITLE = "Stable Rollouts for Long-Horizon World Models"


def proposed(abstract: str) -> dict[str, bool]:
    text, title_end = paper_text(TITLE, abstract)
    return {c.text: c.proposed for c in find_candidates(text, title_end, Catalogue.from_entries([]), open_vocab=True)
            if c.rule == ids.METHOD_PHRASE}


@pytest.mark.parametrize("abstract, name", [
    ("To keep long rollouts stable, we further introduce drift-aware sampling, which resamples stale states.",
     "drift-aware sampling"),
    ("Our framework introduces horizon-banded supervision, where near and far frames get separate targets.",
     "horizon-banded supervision"),
    ("We propose echo-gated pooling to merge the two streams.", "echo-gated pooling"),
    ("We also introduce stale-state reweighting and tile-wise annealing to curb drift.", "tile-wise annealing"),
    ("We also introduce stale-state reweighting and tile-wise annealing to curb drift.", "stale-state reweighting"),
])
def test_a_bare_phrase_after_a_verb_of_introducing_is_proposed(abstract, name):
    assert proposed(abstract).get(name) is True


@pytest.mark.parametrize("abstract, name", [
    ("We propose a drift-aware sampling mechanism that resamples stale states.", "drift-aware sampling"),
    ("Prior methods rely on drift-aware sampling, which resamples stale states.", "drift-aware sampling"),
    ("We introduce a planner and train it with curriculum learning on short clips.", "curriculum learning"),
])
def test_a_phrase_inside_a_longer_description_or_only_used_is_not(abstract, name):
    assert proposed(abstract).get(name) is False


def test_the_decider_keeps_an_introduced_phrase_as_it_keeps_a_named_proposal():
    """A model sure the open phrase is no entity drops it, unless the text introduces it ("we propose x y")."""
    from kg.extract.decide import LinearModel, decide
    from kg.extract.features import INTRODUCED, OPEN
    from kg.model import EntityType, Predicate

    model = LinearModel({"classes": ["proposes", "usesTechnique", "none"], "intercept": [0.0, 0.0, 0.0],
                         "weights": {"other": [0.0, 0.0, 4.0]}, "params": {"phrase_drop_min": 0.5}})
    bare = {OPEN: 1.0, "phrase": 1.0, "other": 1.0}
    assert not decide(model, bare, EntityType.TECHNIQUE, (Predicate.PROPOSES,)).keep
    got = decide(model, {**bare, INTRODUCED: 1.0}, EntityType.TECHNIQUE, (Predicate.PROPOSES,))
    assert got.keep and got.predicates == (Predicate.PROPOSES,)


def test_an_introduced_phrase_is_marked_for_the_decider():
    from kg.extract import pipeline
    from kg.extract.features import INTRODUCED

    nlp = pipeline.build_nlp(model_path=None, open_vocab=True)
    text, title_end = paper_text(TITLE, "We further introduce drift-aware sampling, which resamples stale states. "
                                        "Earlier planners relied on uniform sampling of states.")
    doc = nlp.make_doc(text)
    doc.user_data["mlkg_text"] = text
    doc._.title_end = title_end
    doc.user_data[pipeline.FEATURES] = record = []
    pipeline.mentions_of(nlp(doc), relations=True)
    marked = {m.text: bool(f.get(INTRODUCED)) for m, f in record}
    assert marked.get("drift-aware sampling") is True
    assert not marked.get("uniform sampling")


@pytest.mark.parametrize("sentence, name, introduced", [
    ("Central to it is a Slab Mixing Block governed by an Echo Gate.", "Slab Mixing Block", True),
    ("It couples our novel Echo Routing strategy with a cache.", "Echo Routing", True),
    ("The planner adds a Ridge Scan Encoder (RSE), which reads the map.", "Ridge Scan Encoder", True),
    ("It adapts a pre-trained Sky Survey foundation model to radar.", "Sky Survey", False),
    ("It is tested on the Ridge Scan Encoder of earlier work.", "Ridge Scan Encoder", False),
])
def test_a_capitalised_part_written_as_a_new_thing_is_introduced(sentence, name, introduced):
    from kg.extract.rules.introduced import introduced_part
    from kg.lexicon import Lexicon

    start = sentence.index(name)
    assert introduced_part(sentence, start, start + len(name), Lexicon.load()) is introduced


def test_a_phrase_followed_by_a_method_noun_in_ing_is_the_start_of_a_longer_name():
    got = proposed("We propose a new row-wise embedding pooling method for the two towers.")
    assert got.get("row-wise embedding") is False
