"""A name and its version number written apart are one name: "QX-Terra 2.0", "Argoverse 2", "TREC 2019".

A release is commonly named by its family name, a space and a version
("FernStereo 2.0", "KelpRAG 2"); the name rules find the family name and
stop at the space.  This link rule extends every name (but a catalogue model,
whose versions the ``variant`` rule reads) over a version right after it: a
digit with dotted one-digit parts ("2", "2.0", "1.5.1"), or a year.  A number
of two digits or more is a score ("MMLU 71.3"), not a version.  A number followed by a count noun
(``kg/data/lexicon/version_not_before.txt``: "5 times") or a range ("1 to 3")
is no version.  The longer name is a new entity, never the catalogue
entry it extends.
"""

from __future__ import annotations

import re

from kg.extract.decisions import Add, Decision, Drop
from kg.extract.engine import rule
from kg.extract.rules.ids import VERSIONED
from kg.extract.text import Page
from kg.extract.types import Candidate, M

_VERSION = re.compile(r" (v?\d(?:\.\d){0,2}|(?:19|20)\d\d)(?![\w%\-+]|[.,]\d)(?: (?P<next>[A-Za-z]+))?")
_RANGE = re.compile(r" (?:and|or|to) v?\d")  # "Zeta 1 and 2", "Zeta 1 to 3": numbers, not a version


def versioned(t: str, c: Candidate, not_before: frozenset[str]) -> Candidate | None:
    """``c`` extended over the version written right after it, or ``None``."""
    if (c.entry_id and c.type == M) or c.text[-1:].isdigit() or c.suffixes:
        return None
    m = _VERSION.match(t, c.end)
    if m is None or (m.group("next") or "").lower() in not_before or _RANGE.match(t, m.end(1)):
        return None
    end = m.end(1)
    return Candidate(c.start, end, t[c.start:end], c.type, VERSIONED, c.confidence, proposed=c.proposed,
                     aliases=c.aliases, long_span=c.long_span)


@rule(VERSIONED, stage="spread", rank=12, confidence=0.7,
      finds="a name and the version number written after it (QX-Terra 2.0, Argoverse 2)")
def extend_versions(page: Page, found: list[Candidate]) -> list[Decision]:
    t, not_before = page.text.text, page.vocab.lexicon.words("version_not_before")
    out: list[Decision] = []
    for i, c in enumerate(found):
        longer = versioned(t, c, not_before)
        if longer is not None:
            out += [Drop(i), Add(longer)]
    return out
