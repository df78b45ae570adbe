"""A known name written as one joined token (BookCorpus, OpenWebText) is not matched by ordinary lower-case
words that spell it with a space ("a small book corpus"); the name itself, and a known spaced form, still
are.  Sentences made up for the test."""

from __future__ import annotations

from kg import catalogue
from kg.extract import extract
from kg.model import Paper


def _known(abstract: str) -> set[str | None]:
    [ex] = extract([Paper(key="p", title="Reading Old Sailing Logs", abstract=abstract)])
    return {m.catalogue_id for m in ex.mentions}


def test_lower_case_words_spelling_a_joined_name_are_no_mention():
    got = _known("We digitise a small book corpus of sailing logs and train a tagger on the open web text "
                 "of harbour blogs.")
    assert not got & {"bookcorpus", "openwebtext"}


def test_the_joined_name_and_a_known_spaced_form_still_match():
    assert {"bookcorpus", "openwebtext"} <= _known("We pretrain the tagger on OpenWebText and BookCorpus.")
    cat = catalogue.default()
    assert cat.lookup("Toronto Book Corpus").id == "bookcorpus"
    assert cat.lookup("book corpus") is None and cat.lookup("Book Corpus") is not None
