"""A plain title that opens with a method's name names the paper's own method (sentences of our own)."""

from __future__ import annotations

from kg.catalogue import Catalogue
from kg.extract import extract
from kg.extract.features import _own_title_span
from kg.extract.pipeline import paper_text
from kg.extract.rules import ids
from kg.extract.rules.titles import title_phrase_span
from kg.extract.runner import find_candidates
from kg.lexicon import Lexicon
from kg.model import Paper, Predicate

ABSTRACT = ("Forecasting crop yield from satellite images needs both fine texture and the field's layout. "
            "Our network braids two branches of wavelet filters, one at full resolution and one pooled, "
            "and reaches a mean absolute error of 0.41 t/ha on held-out farms.")


def _candidates(title: str) -> dict[str, tuple[str, bool]]:
    text, title_end = paper_text(title, ABSTRACT)
    return {c.text: (c.rule, c.proposed) for c in find_candidates(text, title_end, Catalogue.from_entries([]),
                                                                  open_vocab=True)}


def test_an_opening_article_is_no_part_of_the_title_method():
    got = _candidates("A Braided Wavelet Network for Crop Yield Forecasting")
    assert got.get("Braided Wavelet Network") == (ids.CAPITALISED_PHRASE, True)
    assert not any(name.startswith("A ") for name in got)


def test_the_method_a_plain_title_opens_with_is_proposed():
    title = "Braided Wavelet Networks for Crop Yield Forecasting"
    [ex] = extract([Paper(key="p", title=title, abstract=ABSTRACT)])
    got = {m.text: m.predicate for m in ex.mentions}
    assert got.get("Braided Wavelet Networks") == Predicate.PROPOSES


def _own(title: str) -> bool:
    text, title_end = paper_text(title, ABSTRACT)
    cands = [c for c in find_candidates(text, title_end, Catalogue.from_entries([]), open_vocab=True)
             if c.start < title_end and c.rule == ids.CAPITALISED_PHRASE]
    return any(_own_title_span(text[:title_end], Lexicon.load()) == (c.start, c.end) for c in cands)


def test_a_title_phrase_that_describes_is_not_taken_for_the_papers_own_method():
    assert _own("Braided Wavelet Networks for Crop Yield Forecasting")
    assert _own("Braided Wavelet Networks")
    assert not _own("Braided Wavelet Networks: A Survey")  # the paper's genre: it studies others' work
    assert not _own("Efficient Wavelet Networks for Crop Yield Forecasting")  # a quality, not a name
    assert not _own("A Braided Wavelet Framework for Crop Yield Forecasting")  # a generic word for a method
    assert "Braided Filters Speed Distillation" in _candidates("Braided Filters Speed Distillation")
    assert not _own("Braided Filters Speed Distillation")  # a whole title with a verb in it
    heads = frozenset({"pooling"})  # a contraction belongs to a verb, never to a name
    assert title_phrase_span("Braided Wavelet Pooling for Crop Yields", heads) is not None
    assert title_phrase_span("Let's Braid Wavelet Pooling for Crop Yields", heads) is None


def _mentions(title: str, abstract: str) -> dict[str, Predicate]:
    [ex] = extract([Paper(key="p", title=title, abstract=abstract)])
    return {m.text: m.predicate for m in ex.mentions}


def test_an_acronym_defined_after_our_is_the_papers_own():
    got = _mentions("Braided Filters for Crop Yields", "Our braided wavelet filter banks (BWFB) cut the error of "
                    "yield forecasts by a third on held-out farms. We compare against gradient boosting.")
    assert got.get("BWFB") == Predicate.PROPOSES


def test_net_is_no_method_head_in_ordinary_english():
    """"net" names safety nets, fishing nets and net income as often as networks: no proposal from it."""
    for title in ("The Household Safety Net in Rural Districts", "Household Safety Nets in Rural Districts"):
        got = _mentions(title, "We survey cash transfers to farming households over a decade of droughts.")
        assert Predicate.PROPOSES not in got.values()
