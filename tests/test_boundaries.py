"""The array-based sentence starts (mlkg_sentences) equal spaCy's sentencizer followed by the title boundary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from spacy.attrs import SENT_START
from spacy.pipeline import Sentencizer

from kg.extract.boundaries import SentenceBoundaries
from kg.extract.pipeline import build_nlp, paper_text, sentence_table, title_boundary

SHARED = Path(__file__).resolve().parents[2] / "shared"
_NLP = build_nlp(relations=False)


def _both(text: str, title_end: int):
    """SENT_START by the plain components and by the array pass, with the fast pass's sentence table."""
    plain, fast = _NLP.make_doc(text), _NLP.make_doc(text)
    plain._.title_end = fast._.title_end = title_end
    title_boundary(Sentencizer()(plain))
    SentenceBoundaries(_NLP.vocab)(fast)
    table = sentence_table(fast)
    fast.user_data.clear()
    assert table == sentence_table(fast)  # the kept starts are what the arrays say
    return plain.to_array([SENT_START]).tolist(), fast.to_array([SENT_START]).tolist()


_PIECES = st.sampled_from(["We", "use", "it", "3.5", "e.g.", "Fig.", ".", "!", "?", "!!", "...", "。", "(", ")",
                           ",", ":", "\"", "'", "-", "Llama-3", "v2.", "\n", "\n\n", " ", "  ", "\t", "x.Y", "?)"])
_TEXTS = st.lists(st.tuples(_PIECES, st.sampled_from(["", " ", " ", "  ", "\n"])), max_size=30).map(
    lambda parts: "".join(w + g for w, g in parts))


@settings(max_examples=500, deadline=None)
@given(_TEXTS, _TEXTS)
def test_array_pass_equals_the_sentencizer_and_title_boundary_on_random_text(title, abstract):
    text, title_end = paper_text(title, abstract)
    plain, fast = _both(text, title_end)
    assert fast == plain


def test_examples_with_a_title_without_end_mark_and_marks_in_a_row():
    text, title_end = paper_text("A title: no stop", "We did it!! Then (3.5 pts.) more?) Fine. Done")
    plain, fast = _both(text, title_end)
    assert fast == plain
    doc = _NLP.make_doc(text)
    doc._.title_end = title_end
    for _, proc in _NLP.pipeline:
        doc = proc(doc)
    assert [s.text for s in doc.sents] == ["A title: no stop\n", "We did it!!", "Then (3.5 pts.)", "more?)", "Fine.",
                                          "Done"]


def _shared_texts():
    texts = []
    from kg import ingest

    texts += [(p.title, p.abstract) for p in ingest.read([SHARED / "seeds"]).papers]
    for rel in ("external/recent-papers/papers.jsonl", "external/scirex/scirex_papers.jsonl"):
        path = SHARED / rel
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                texts.append((rec.get("title") or "", rec.get("abstract") or ""))
    return texts


@pytest.mark.skipif(not (SHARED / "seeds").exists(), reason="the shared seeds are not here")
def test_array_pass_equals_the_plain_components_on_every_shared_text():
    texts = _shared_texts()
    assert len(texts) > 500
    for title, abstract in texts:
        text, title_end = paper_text(title, abstract)
        plain, fast = _both(text, title_end)
        assert fast == plain, title


_MARK_HASHES = SentenceBoundaries(_NLP.vocab).marks.tolist()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_MARK_HASHES), st.integers(0, 2**64 - 1),
                          st.sampled_from([0, 2**64 - 1, _MARK_HASHES[0] - 1, _MARK_HASHES[-1] + 1])), max_size=40))
def test_final_marks_by_binary_search_equal_isin(orths):
    """The marks are looked up by a binary search: the same answers as ``np.isin``, at the ends of the range too."""
    import numpy as np

    b = SentenceBoundaries(_NLP.vocab)
    arr = np.array(orths, dtype=np.uint64)
    assert b._final(arr).tolist() == np.isin(arr, b.marks).tolist()
