"""Language knowledge as data: the word lists under ``kg/data/lexicon/``.

English that the rules rely on (type-bearing head nouns, verbs by relation,
fillers, genre words, ...) is kept in plain text files, one entry per line with
``#`` comments, so a linguist can read and extend it without reading Python.
A :class:`Lexicon` is loaded for one data directory and passed explicitly to
whoever needs it; a custom catalogue directory may carry its own ``lexicon/``
whose files replace the shipped ones of the same name.

>>> lex = Lexicon.load()
>>> lex.alternation_of(["tune", "fine-tune"])
'(?:fine\\\\-tune|tune)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.paths import shipped


class LexiconError(ValueError):
    """A lexicon file that is missing or cannot be read."""


def _entries(path: Path) -> tuple[str, ...]:
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@dataclass(frozen=True)
class Lexicon:
    """The word lists of one data directory: ``<root>/lexicon/*.txt`` over the shipped ones."""

    root: Path | None = None
    _memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @staticmethod
    def load(catalogue_dir: str | Path | None = None) -> "Lexicon":
        """The lexicon for a catalogue directory (``None``: the shipped one); one object per directory."""
        return _load(str(Path(catalogue_dir).resolve()) if catalogue_dir else None)

    def path(self, name: str) -> Path:
        """The file that defines list ``name``: the custom directory's if it has one, else the shipped one."""
        filename = name if name.endswith(".txt") else f"{name}.txt"
        if self.root is not None and (self.root / "lexicon" / filename).exists():
            return self.root / "lexicon" / filename
        path = shipped("data") / "lexicon" / filename
        if not path.exists():
            raise LexiconError(f"{path}: no such lexicon list")
        return path

    def lines(self, name: str) -> tuple[str, ...]:
        """The entries of list ``name`` in file order (order matters for regex alternations)."""
        if name not in self._memo:
            self._memo[name] = _entries(self.path(name))
        return self._memo[name]

    def words(self, name: str) -> frozenset[str]:
        """The entries of list ``name`` as a set, made once (rules ask for it inside their loops)."""
        key = ("set", name)
        if key not in self._memo:
            self._memo[key] = frozenset(self.lines(name))
        return self._memo[key]

    def alternation(self, name: str, escape: bool = True, in_file_order: bool = False) -> str:
        """A non-capturing regex group matching any entry of list ``name``, longest first.

        With ``escape=False`` the entries are regex fragments themselves (for
        lists of stems such as ``evaluat\\w*``); with ``in_file_order`` the
        branches keep the file's order (a regex takes the first branch that
        matches, so a list of fragments may need its own order).
        """
        return self.alternation_of(self.lines(name), escape, in_file_order)

    def fragments(self, name: str) -> str:
        """A non-capturing group of list ``name``'s entries as regex fragments, in file order (what rules compose)."""
        return "(?:" + self.branches(name) + ")"

    def branches(self, name: str, escape: bool = False) -> str:
        """The entries of list ``name`` joined by ``|`` in file order, for a group the caller writes itself."""
        return "|".join(re.escape(s) if escape else s for s in dict.fromkeys(self.lines(name)))

    @staticmethod
    def alternation_of(entries, escape: bool = True, in_file_order: bool = False) -> str:
        """A non-capturing group of ``entries``, longest first so that no prefix hides a longer entry."""
        items = list(dict.fromkeys(entries)) if in_file_order else sorted(set(entries), key=lambda s: (-len(s), s))
        return "(?:" + "|".join(re.escape(s) if escape else s for s in items) + ")"


@cache
def _load(root: str | None) -> Lexicon:
    return Lexicon(Path(root) if root else None)
