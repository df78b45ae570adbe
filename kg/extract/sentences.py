"""The one sentence boundary of the rules that read raw text (the pipeline's cues read spaCy's sentences).

A boundary is a line break (the title's end) or ``.``/``!``/``?`` and space
before a capital or a digit, so "e.g. the" and "v2.1" end no sentence.

>>> split_sentences("We use e.g. the Foo-7B model. It scores 3.5 points!\\nNext")
['We use e.g. the Foo-7B model.', 'It scores 3.5 points!', 'Next']
"""

from __future__ import annotations

import re

# Written to open on a character class, so that ``re`` skips to the next candidate character in C
# rather than trying both branches at every position: the same matches as "[.!?]\s+(?=[A-Z0-9])|\n".
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=\n)|(?<=[.!?])\s+(?=[A-Z0-9]))")


def sentence_starts(text: str, pos: int = 0) -> list[int]:
    """Where sentences begin after ``pos`` (not counting ``pos`` itself)."""
    return [m.end() for m in _BOUNDARY.finditer(text, pos)]


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, in order."""
    bounds = [0, *sentence_starts(text), len(text)]
    return [s for s in (text[a:b].strip() for a, b in zip(bounds, bounds[1:])) if s]
