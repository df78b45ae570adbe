"""Rewrites made for speed match what the plain forms match, on random text (hypothesis)."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from kg.extract.sentences import _BOUNDARY
from kg.keys import _LOOSE_DOT, _NON_KEY, cased_key, fold

# characters that matter to the rules: cases, digits, sentence ends, spaces, and a few beyond ASCII
_CHARS = st.sampled_from(list("aAbZz09 .!?\n\t,-_+/()") + ["\u00e9", "\u0130", "\u0131", "\u017f", "\u212a", "\u00a0"])
_TEXT = st.lists(_CHARS, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_sentence_boundary_matches_the_plain_alternation(text):
    plain = re.compile(r"[.!?]\s+(?=[A-Z0-9])|\n")
    assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_sentence_boundary_examples():
    text = "We use e.g. the model.\n It works!  Next 3? no.\nEnd"
    assert [text[m.start():m.end()] for m in _BOUNDARY.finditer(text)] == [".\n ", "!  ", ".\n"]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_cased_key_matches_the_plain_formula(text):
    assert cased_key(text) == _LOOSE_DOT.sub("", _NON_KEY.sub("", fold(text)))
