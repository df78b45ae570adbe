"""A regex alternation of literal words written as a prefix tree, for speed.

Python's ``re`` tries the branches of ``(?:attention|augmentation|…)`` one by
one at every position; written as a tree, ``(?:a(?:ttention|ugmentation)|…)``,
it reads each character once.  The tree prefers the longest word that lets the
rest of the pattern match, as a longest-first alternation does, so a pattern
finds the same matches either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def longest_first(words: Iterable[str]) -> str:
    """The body of a group matching any of ``words``, longest first, under ``re.IGNORECASE``.

    Equivalent to ``"|".join(sorted(words, key=len, reverse=True))`` (escaped) for ASCII words;
    words with other characters (whose case folding is not one-to-one) get that plain alternation.
    """
    words = set(words)
    if not all(w.isascii() for w in words):
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word.lower():
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _branches(tree)


def _branches(node: dict) -> str:
    """The alternatives below ``node``: each next character once; stopping here (if a word ends) last."""
    alts = [re.escape(ch) + _group(node[ch]) for ch in sorted(node) if ch]
    return "|".join(alts)


def _group(node: dict) -> str:
    """What may follow a node: its branches, optional when a word ends at it (greedy: longer words first)."""
    body = _branches(node)
    if not body:
        return ""
    ends = "" in node
    if "|" not in body and not ends:
        return body
    return f"(?:{body})?" if ends else f"(?:{body})"
