"""A title phrase that names what the paper studies, a setting, a problem or a survey's topic, is no proposal
(sentences of our own)."""

from __future__ import annotations

import pytest

from kg.catalogue import Catalogue
from kg.extract.pipeline import paper_text
from kg.extract.runner import find_candidates


def proposed(title: str, abstract: str) -> set[str]:
    text, title_end = paper_text(title, abstract)
    return {c.text.lower() for c in find_candidates(text, title_end, Catalogue.from_entries([]), open_vocab=True)
            if c.proposed}


@pytest.mark.parametrize("title, abstract", [
    ("Elastic Rank Learning in Sparse Graphs",
     "We study the elastic rank learning problem on graphs that change every hour. We propose a new sampler."),
    ("Elastic Rank Learning: A Comprehensive Survey",
     "We review elastic rank learning across forty papers and sort them by their samplers."),
    ("Elastic Label Learning: a Graph View",
     "We call this setting of elastic label learning (ELL) open: labels drift and no sampler keeps up."),
])
def test_a_studied_setting_or_a_surveyed_topic_is_not_proposed(title, abstract):
    assert "elastic rank learning" not in proposed(title, abstract)
    assert "elastic label learning" not in proposed(title, abstract)


def test_a_title_method_the_abstract_introduces_is_still_proposed():
    got = proposed("Elastic Rank Learning for Sparse Graphs",
                   "We introduce elastic rank learning, which updates the ranks as edges arrive.")
    assert "elastic rank learning" in got
