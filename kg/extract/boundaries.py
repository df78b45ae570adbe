"""Sentence starts of a ``Doc`` in one pass over its C arrays: spaCy's sentencizer and the title boundary.

spaCy's ``Sentencizer`` walks the tokens in Python, making a ``Token`` object for
each (about 6% of extraction); the title boundary walked them again.  The same
rule, read off arrays: a token that is neither punctuation nor a sentence-final
mark starts a sentence when a final mark stands between it and the previous such
token; the title ends a sentence wherever its last character falls.  The plain
components (``sentencizer`` + ``mlkg_title_boundary``) stay the reference the tests
compare with; both give the same ``SENT_START`` array.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, ORTH, SENT_START
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

STARTS = "mlkg_sentence_starts"  # doc.user_data key: the character offset where each sentence starts


class SentenceBoundaries:
    """``sentencizer`` then ``mlkg_title_boundary``, with numpy instead of a loop over tokens."""

    def __init__(self, vocab, punct_chars=Sentencizer.default_punct_chars):
        self.marks = np.array(sorted({vocab.strings.add(c) for c in punct_chars}), dtype=np.uint64)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        arr = doc.to_array([ORTH, IS_PUNCT, IS_SPACE, IDX, SENT_START])
        idx = arr[:, 3].astype(np.int64)
        sent = self._starts(arr)
        end = doc._.title_end
        if end:
            after = np.flatnonzero((idx >= end) & (arr[:, 2] == 0))
            k = int(after[0]) if len(after) else n
            sent[:k][idx[:k] > 0] = -1  # what the title boundary sets, token by token, before its sentence
            if k < n:
                sent[k] = 1
        doc.from_array([SENT_START], sent.astype(np.uint64))
        doc.user_data[STARTS] = idx[sent == 1].tolist()  # what sentence_table would read back, kept
        return doc

    def _final(self, orth: np.ndarray) -> np.ndarray:
        """Is each token a sentence-final mark?  ``np.isin`` by a binary search in the sorted marks: ``isin``
        sorts the tokens' hashes on every call, a tenth of this component's time."""
        at = np.searchsorted(self.marks, orth)
        return self.marks[np.minimum(at, len(self.marks) - 1)] == orth

    def _starts(self, arr: np.ndarray) -> np.ndarray:
        """The sentencizer's guesses, 1 or -1 (a start set before it runs is kept, as spaCy keeps it)."""
        final = self._final(arr[:, 0])
        plain = np.flatnonzero(~final & (arr[:, 1] == 0))
        seen = np.cumsum(final)[plain]  # final marks up to each plain token
        before = np.concatenate(([0], seen[:-1]))
        sent = np.full(len(arr), -1, dtype=np.int64)
        sent[0] = 1
        sent[plain[seen > before]] = 1
        given = arr[:, 4].view(np.int64)
        return np.where(given != 0, given, sent)
