"""bench/technique_losses.py: a missed technique is classed by where it is lost, on a paper of our own."""

from __future__ import annotations

import pytest

from conftest import load_bench


@pytest.fixture(scope="module")
def losses():
    return load_bench("technique_losses")


def test_a_name_is_found_however_its_words_are_joined_and_in_the_plural(losses):
    text = "We compare Tree-Walking with tree walkings, treewalking and treewalker."
    assert losses.occurrences("tree walking", text) == [(11, 23), (29, 42), (44, 55)]  # as the scorer's keys compare
    assert losses.shape("tree walking") == "lower-phrase" and losses.shape("XQZ") == "acronym"


def test_missed_techniques_are_classed_as_inside_a_candidate_none_or_not_written(losses):
    from kg import learn
    from kg.extract import pipeline
    from kg.extract.decide import LinearModel
    from kg.model import Paper

    paper = Paper(key="title-widgets", title="Sparse Widgets", abstract="We apply staged pruning and tree walking to widgets.")
    gold = {"entities": [{"name": name, "type": "Technique"}
                         for name in ("staged pruning", "tree walking", "quantum folding")]}
    nlp = pipeline.build_nlp(model_path=None, open_vocab=True)
    model = LinearModel.load(pipeline.DEFAULT_MODEL)
    got = losses.classify_paper(nlp, model, paper, gold, {learn.norm(e["name"]) for e in gold["entities"]},
                                learn.norm)
    classes = {name: cls for cls, _, name in got}
    # "pruning" is a known technique written inside the longer name; nothing reads "tree walking"
    assert classes == {"staged pruning": "inside", "tree walking": "none", "quantum folding": "not-in-text"}


def test_missed_names_of_other_types_are_read_and_classed_when_asked(losses, tmp_path):
    details = tmp_path / "details.txt"
    details.write_text("  MISS  Model     'Kestrel-7B'     in 'Sparse Widgets'\n"
                       "  MISS  Dataset   \"Bob's Widgets\"  in 'Sparse Widgets'\n"
                       "  MISS  Technique 'tree walking'   in 'Sparse Widgets'\n", encoding="utf-8")
    assert losses.missed_of(details) == {"Sparse Widgets": {"tree walking"}}
    assert losses.missed_of(details, ("Model", "Dataset")) == {"Sparse Widgets": {"Kestrel-7B", "Bob's Widgets"}}

    from kg import learn
    from kg.extract import pipeline
    from kg.extract.decide import LinearModel
    from kg.model import Paper

    paper = Paper(key="title-widgets", title="Sparse Widgets", abstract="We apply tree walking to widgets.")
    gold = {"entities": [{"name": "Kestrel-7B", "type": "Model"}, {"name": "tree walking", "type": "Technique"}]}
    nlp = pipeline.build_nlp(model_path=None, open_vocab=True)
    model = LinearModel.load(pipeline.DEFAULT_MODEL)
    missed = {learn.norm(e["name"]) for e in gold["entities"]}
    assert [name for _, _, name in losses.classify_paper(nlp, model, paper, gold, missed, learn.norm)] == ["tree walking"]
    got = losses.classify_paper(nlp, model, paper, gold, missed, learn.norm, ("Model",))
    assert [(cls, name) for cls, _, name in got] == [("not-in-text", "Kestrel-7B")]
