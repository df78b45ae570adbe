"""Linear-time extraction: the fast paths find exactly what the plain ones found, and long abstracts finish.

Speed itself is measured by ``bench/extract.py --long``; here the rewritten
scans are checked against the straightforward versions they replace, on
texts made to hit their edge cases.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extract, pipeline, recognise
from kg.extract.rules.wordpatterns import word_patterns
from kg.lexicon import Lexicon
from kg.model import Paper

PIECES = ["A-", "B", "Zeta", "Net", "-7B", ", a ", ", an ", ", our ", " ", "  ", "\n", ",", "new ", "benchmark",
          " for", " of", "dataset", "model", "suite", ".", "/", "www.", "http://", "x.com/", "a.b", "(LF)", "9"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(min_value=0, max_value=5))
def test_typed_appositions_are_the_patterns_matches(text, start):
    plain = [m.span() for m in word_patterns(Lexicon.load()).typed_apposition.finditer(text, start)]
    assert [m.span() for m in recognise._typed_apposition_matches(text, start)] == plain


@settings(max_examples=400, deadline=None)
@given(texts)
def test_url_spans_are_the_patterns_matches(text):
    assert pipeline._url_spans(text) == [m.span() for m in pipeline._URL.finditer(text)]


def test_appositions_and_urls_in_prose():
    text = "We release CodeRiver-2, a new benchmark for code, and see github.com/lab/CodeRiver-2 or www.x.org."
    assert [m["name"] for m in recognise._typed_apposition_matches(text, 0)] == ["CodeRiver-2"]
    assert [text[s:e] for s, e in pipeline._url_spans(text)] == ["github.com/lab/CodeRiver-2", "www.x.org."]


def test_overlaps_are_resolved_as_before():
    """Longest first, then the most trusted rule; a span overlapping a kept one is dropped."""
    C = recognise.Candidate
    cands = [C(0, 5, "Alpha", recognise.M, "shape", 0.5), C(3, 12, "ha Beta X", recognise.M, "shape", 0.5),
             C(12, 14, "Ga", recognise.M, "catalogue", 0.9), C(13, 20, "amma-7B", recognise.M, "shape", 0.5),
             C(30, 32, "Om", recognise.M, "catalogue", 0.9)]
    kept = pipeline._without_overlaps(cands)
    assert [(c.start, c.end) for c in kept] == [(3, 12), (13, 20), (30, 32)]


def test_long_and_hostile_abstracts_finish():
    """A 100,000-character abstract of each kind extracts (quadratic paths took minutes on these)."""
    prose = " ".join(f"We fine-tune Model{i}-7B on Set{i} and compare it with Base-{i}, a new baseline."
                     for i in range(1300))[:100_000]
    hostile = {"prose": prose, "hyphen chain": "A-" * 50_000, "capital run": "AbCd" * 25_000,
               "one word": "Q" * 100_000}
    papers = [Paper(key=k, title="A long paper", abstract=a) for k, a in hostile.items()]
    found = {ex.paper_key: ex for ex in extract(papers)}
    names = {m.text for m in found["prose"].mentions}
    assert {"Model0-7B", "Model1000-7B"} <= names
