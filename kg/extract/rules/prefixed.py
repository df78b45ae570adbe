"""A new name written as a word, a hyphen and a known name: "Fern-DPO", "d1-Zeta", "Quill-SAM".

The catalogue scan reads names from the start of a written piece, so a known
name after a hyphen inside a piece is found by no one, and the new name it
is part of is lost with it.  Such a piece names a thing of its own (guideline
10: a variant with its own name is never an alias of what it extends), of the
known name's type.  The word before the hyphen must be written as a name or
be a word of its own: not an English prefix ("non-", "multi-"), a maker
("Meta-"), or a describing word (``prefix_words.txt``); the known name after
it must be written as one (a capital letter), so "self-attention" stays prose; a known name or an
acronym joined to one ("ViT-Transformer", "CNN-ViT") describes a hybrid, and a title's name is left to the proposal rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kg import names
from kg.extract.engine import rule
from kg.extract.rules.common import _sentence_initial
from kg.extract.rules.ids import PREFIXED
from kg.extract.rules.known import _MAKERS
from kg.extract.text import Coverage, Page, spans
from kg.extract.types import Candidate

_HYPHENED = re.compile(r"(?<![^\W_])[^\W_]+-(?=[^\W_])")


def prefixed_names(page: Page, found: list[Candidate]) -> list[Candidate]:
    t = page.text.text
    taken = Coverage(spans(found))
    not_names = page.vocab.lexicon.words("prefix_words") | _MAKERS
    out = []
    starts = [a for a, _ in page.text.pieces]
    # the pieces of the abstract that open with a word and a hyphen, only (a title's name is the
    # proposal rules' to read, whole: "Hybrid Foo-Net: …")
    for m in _HYPHENED.finditer(t, page.title_end):
        k = bisect_right(starts, m.start()) - 1
        if k < 0 or starts[k] != m.start():
            continue
        piece, (s, e) = page.text.words[k], page.text.pieces[k]
        cut = piece.find("-")
        if cut <= 0 or taken.hits(s, e):
            continue
        prefix, rest = piece[:cut], piece[cut + 1:]
        if not rest or not names.looks_like_name(rest) or prefix.lower() in not_names or not prefix.isalnum():
            continue
        if page.catalogue.lookup(prefix) is not None or (len(prefix) > 1 and prefix.isupper() and prefix.isalpha()):
            continue  # "ViT-Transformer", "CNN-Transformer": two names (or kinds) joined describe a hybrid
        if k > 0 and page.text.joined(k) and _capitalised_word(page.text.piece(k - 1)) \
                and not _sentence_initial(t, page.text.pieces[k - 1][0]):
            continue  # "Guided Audio-SDS": the last word of a longer capitalised name, read whole elsewhere
        entry = page.catalogue.lookup(rest)
        if entry is None or page.catalogue.lookup(piece) is not None:
            continue
        out.append(Candidate(s, e, piece, entry.type, PREFIXED, 0.7))
        taken.add(s, e)
    return out


def _capitalised_word(word: str) -> bool:
    return word[:1].isupper() and word.isalpha()


@rule(PREFIXED, stage="names", rank=2, confidence=0.7, new=True,
      finds="a new name made of a word, a hyphen and a known name (Fern-DPO, Quill-SAM)")
def find_prefixed(page: Page, found: list[Candidate]) -> list[Candidate]:
    return prefixed_names(page, found)
