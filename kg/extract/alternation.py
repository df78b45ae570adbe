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


_QUANTIFIERS = frozenset("?*+{")


def _leading_literal(fragment: str) -> str | None:
    """The character every match of ``fragment`` starts with, lower-cased, when plainly written; else None."""
    if not fragment or not (fragment[0].isascii() and (fragment[0].isalnum() or fragment[0] in " -")):
        return None
    if fragment[1:2] and fragment[1] in _QUANTIFIERS:
        return None
    return fragment[0].lower()


def _movable(fragment: str) -> bool:
    """A branch that may change place: no top-level ``|`` and no capturing group (whose number would change)."""
    depth, i = 0, 0
    while i < len(fragment):
        ch = fragment[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a character class: skip to its end
            i = _class_end(fragment, i)
            if i < 0:
                return False
            continue
        if ch == "(":
            if not fragment.startswith("(?", i) or fragment.startswith("(?P<", i):
                return False
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return False
        i += 1
    return depth == 0


def _class_end(fragment: str, i: int) -> int:
    """Where the character class opened at ``i`` ends (after its ``]``), or -1."""
    j = i + 1 + (fragment[i + 1:i + 2] == "^")
    j += fragment[j:j + 1] == "]"  # a "]" first is a member
    while j < len(fragment):
        if fragment[j] == "\\":
            j += 2
        elif fragment[j] == "]":
            return j + 1
        else:
            j += 1
    return -1


def factored(branches: list[str]) -> str:
    """``"|".join(branches)``, with the branches that start with one plain character written under it once.

    Under ``re.IGNORECASE``: "fine-?tun\\w*|finetun\\w*|merg\\w*" becomes "fine(?:-?tun\\w*|tun\\w*)|merg\\w*".
    Branches that start with different characters never match at one place, so only the order of
    branches of one start matters; it is kept, and any other branch stays where it was written.
    """
    if not all(_movable(b) for b in branches):
        return "|".join(branches)
    out: list[str] = []
    run: dict[str, list[str]] = {}
    for branch in [*branches, None]:
        lead = _leading_literal(branch) if branch is not None else None
        if lead is not None:
            run.setdefault(lead, []).append(branch)
            continue
        out.extend(_grouped(lead, members) for lead, members in run.items())
        run = {}
        if branch is not None:
            out.append(branch)
    return "|".join(out)


def _grouped(lead: str, members: list[str]) -> str:
    if len(members) == 1:
        return members[0]
    return f"{re.escape(lead)}(?:{factored([m[1:] for m in members])})"


_LEADING_WORDS = re.compile(r"\(\?:((?:[A-Za-z0-9' ]+\|)*[A-Za-z0-9' ]+)\)(\?)?(?![?*+{])")


def distributed(branch: str) -> list[str]:
    """``branch`` as the branches it stands for when it opens on a group of plain words, so they can be factored.

    ``(?:do|does)(?: not)X`` is ``do(?: not)X|does(?: not)X`` and ``(?:fully |readily )?X`` (greedy) is
    ``fully X|readily X|X``: ``re`` tries the same alternatives in the same order either way.  Anything
    else (another opening, a lazy or repeated group, a rest that is no single branch) is kept as written.
    """
    m = _LEADING_WORDS.match(branch)
    rest = branch[m.end():] if m else ""
    if not m or not rest or not _movable(rest):
        return [branch]
    return [word + rest for word in m.group(1).split("|")] + ([rest] if m.group(2) else [])
