"""A paper in which no name is found is extracted without a spaCy ``Doc``, and gives what the full pipeline gives."""

from __future__ import annotations

import pytest

from kg.extract import extract_batch
from kg.extract.experiment_records import experiments_of
from kg.extract.pipeline import build_nlp, mentions_of, paper_text
from kg.model import Paper, PaperExtraction

PAPERS = [
    Paper(key="a", title="Notes on a quiet afternoon", abstract="We walk along the river and talk."),
    Paper(key="b", title="Small models for math", abstract="We fine-tune Llama-2-7B with LoRA and test it on GSM8K."),
    Paper(key="c", title="Paper number 12", abstract="We study things."),
    Paper(key="d", title="A BERT probe", abstract="We probe BERT on GLUE and report a 3.1 point gain."),
]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def _full(nlp, paper: Paper) -> PaperExtraction:
    """The pipeline run on every paper, as before the early exit."""
    text, title_end = paper_text(paper.title, paper.abstract)
    doc = nlp.make_doc(text)
    doc.user_data["mlkg_text"] = text
    doc._.title_end = title_end
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    tagger = nlp.get_pipe("mlkg_relations")
    mentions = tuple(mentions_of(doc, True, tagger.model))
    return PaperExtraction(paper_key=paper.key, mentions=mentions,
                           experiments=experiments_of(doc, mentions, tagger.lexicon, tagger.disabled))


def test_same_extractions_as_the_full_pipeline(nlp):
    assert extract_batch(nlp, PAPERS) == [_full(nlp, p) for p in PAPERS]


def test_no_doc_for_a_paper_without_names(nlp, monkeypatch):
    made = []
    make_doc = nlp.make_doc
    monkeypatch.setattr(nlp, "make_doc", lambda text: made.append(text) or make_doc(text))
    out = extract_batch(nlp, PAPERS)
    assert [ex.paper_key for ex in out] == ["a", "b", "c", "d"]
    assert not out[0].mentions and not out[2].mentions and out[1].mentions and out[3].mentions
    assert [t.split("\n")[0] for t in made] == ["Small models for math", "A BERT probe"]
