"""Case-insensitive patterns compiled as case-sensitive ones that match exactly the same text, faster.

Python's ``re`` under ``IGNORECASE`` lower-cases every character it compares and,
in an alternation, enters every branch in turn; a case-sensitive branch that opens
with a character class is skipped at once when the class does not hold.  So
:func:`compile_ignorecase` parses the pattern once and writes each cased letter
``x`` as the class of every character ``re`` would let it match (``[xX]``; ``i``
also matches ``İ`` and ``ı``, ``k`` the Kelvin sign, ``s`` the long s), each class
likewise, then compiles the result without ``IGNORECASE``.  A pattern with a cased
letter outside ASCII, or a back-reference, is compiled with ``IGNORECASE`` as written:
the pure ``re`` path, same matches either way.  Both compile functions also give ``re``
the set of characters a match can start with when it cannot see it (:func:`opening_set`),
so a search skips in C to the next place a match may begin.
"""

from __future__ import annotations

import re
import sys
import threading

# The rewrite reads re's private parse trees, whose shape may change between Python versions; it is used
# only on the versions tests/test_fast_paths.py has checked it against re (elsewhere: re as written, the
# same matches, just slower).  Add a version here after running those tests on it.
CHECKED_VERSIONS = {(3, 11)}

try:  # the regular-expression parser and compiler of CPython 3.11+; without them, re.I as written
    if sys.version_info[:2] not in CHECKED_VERSIONS:
        raise ImportError
    import _sre
    from re import _compiler, _parser
    from re._constants import (ANY, ASSERT, ASSERT_NOT, AT, AT_BEGINNING, AT_BEGINNING_STRING, AT_BOUNDARY,
                               ATOMIC_GROUP, BRANCH, CATEGORY, CATEGORY_DIGIT, GROUPREF_EXISTS, IN, LITERAL,
                               MAX_REPEAT, MIN_REPEAT, NEGATE, NOT_LITERAL, POSSESSIVE_REPEAT, RANGE,
                               SRE_FLAG_ASCII, SRE_FLAG_IGNORECASE, SRE_FLAG_UNICODE, SUBPATTERN)
    _PLAIN_OPTIMIZE, _PLAIN_PREFIX = _compiler._optimize_charset, _compiler._get_charset_prefix
except ImportError:  # pragma: no cover - another Python
    _parser = None

# Characters outside ASCII that ``re`` matches case-insensitively with an ASCII letter (a test scans
# every code point for this table).
OTHER_CASES = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_ANY_OTHER = frozenset("".join(OTHER_CASES.values()))


class _Uncased(Exception):
    """The pattern needs ``IGNORECASE`` as written."""


def compile_ignorecase(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags | re.IGNORECASE)``: the same matches, groups and spans, without the flag."""
    flags |= re.IGNORECASE
    if _parser is None or flags & (re.LOCALE | re.ASCII | re.VERBOSE | re.DEBUG) or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    try:
        return _built(pattern, _uncased_tree(pattern, flags))
    except (_Uncased, re.error, RecursionError, TypeError, AttributeError, ValueError):  # the last three: another re
        return re.compile(pattern, flags)


def _uncased_tree(pattern: str, flags: int):
    """The parse tree of ``pattern`` under IGNORECASE, rewritten to match the same without it."""
    tree = _parser.parse(pattern, flags)
    if not tree.state.flags & SRE_FLAG_IGNORECASE or tree.state.flags & SRE_FLAG_ASCII:  # (?-i) or an inline (?a)
        raise _Uncased
    _rewrite(tree, True)
    _open_on_letters(tree)
    tree.state.flags &= ~SRE_FLAG_IGNORECASE
    return tree


def compile_opening(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)`` for a case-sensitive pattern, written to open on its first characters when it
    opens on ``\\b`` before letters (see :func:`_open_on_letters`): the same matches, found sooner."""
    if _parser is None or not isinstance(pattern, str):
        return re.compile(pattern)
    try:
        tree = _parser.parse(pattern, 0)
        if tree.state.flags & SRE_FLAG_IGNORECASE:  # an inline (?i): compile_ignorecase's business
            raise _Uncased
        _open_on_letters(tree)
        return _built(pattern, tree)
    except (_Uncased, re.error, RecursionError, TypeError, AttributeError, ValueError):
        return re.compile(pattern)


def _built(pattern: str, tree) -> re.Pattern[str]:
    """The compiled pattern of a parsed (and rewritten) one, as ``re._compiler.compile`` makes it, told which
    characters a match can start with when ``re`` cannot see it (see :func:`opening_set`)."""
    code = _code(tree, opening=opening_set(tree))
    groupindex = tree.state.groupdict
    indexgroup = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return _sre.compile(pattern, tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup))


_PATCHING = threading.Lock()  # _code patches re's compiler for the length of one compile
_CHARSETS: dict[tuple, tuple[tuple, bool]] = {}  # each class's optimised form, shared by every pattern


def _code(tree, memo: bool = True, opening: list | None = None) -> list[int]:
    """re's code for a parse tree; with ``memo`` each distinct class is optimised once, the same code;
    with ``opening`` (the characters every match starts with) that set is the search's opening class
    when ``re`` finds none itself.

    The rewrite writes ``s`` as ``[sSſ]``, ``k`` as ``[kKK]``, ``i`` as ``[iIİı]``: classes beyond
    Latin-1, which ``re`` builds as a 65,536-character map cut into hashed chunks, one class at a time.
    The cue patterns hold thousands of them; compiling them was most of the first papers' time.
    """
    if not memo and opening is None:
        return _compiler._code(tree, 0)
    with _PATCHING:  # one compile at a time holds re's patched functions; each restores re's own
        if memo:
            _compiler._optimize_charset = _optimize_charset_once
        if opening:
            _compiler._get_charset_prefix = lambda p, flags: _PLAIN_PREFIX(p, flags) or (opening if p is tree else None)
        try:
            return _compiler._code(tree, 0)
        finally:
            _compiler._optimize_charset, _compiler._get_charset_prefix = _PLAIN_OPTIMIZE, _PLAIN_PREFIX


def _optimize_charset_once(charset, iscased=None, fixup=None, fixes=None):
    """``re._compiler._optimize_charset``, remembered by its arguments (case-sensitive classes only)."""
    if iscased is not None or fixup is not None or fixes is not None:
        return _PLAIN_OPTIMIZE(charset, iscased, fixup, fixes)
    key = tuple(charset)
    got = _CHARSETS.get(key)
    if got is None:
        out, hascased = _PLAIN_OPTIMIZE(charset)
        got = _CHARSETS[key] = (tuple(out), hascased)
    return list(got[0]), got[1]


def _cases(ch: int) -> list[tuple[object, int]]:
    """Every character ``re`` matches with ``ch`` under IGNORECASE, as class members."""
    c = chr(ch)
    if not _sre.unicode_iscased(ch):
        return [(LITERAL, ch)]
    if not c.isascii() or c in _ANY_OTHER:
        raise _Uncased
    lo = c.lower()
    return [(LITERAL, ord(x)) for x in lo + lo.upper() + OTHER_CASES.get(lo, "")]


def _class(items: list) -> list:
    """A character class (``IN``) under IGNORECASE, as the class of every character it matches."""
    out = []
    for op, av in items:
        if op is LITERAL:
            out.extend(_cases(av))
        elif op is RANGE:
            lo, hi = av
            if hi - lo > 256:
                raise _Uncased
            for ch in range(lo, hi + 1):
                out.extend(_cases(ch))
        elif op in (NEGATE, CATEGORY):  # a category holds of a character and of its other cases alike
            out.append((op, av))
        else:
            raise _Uncased
    return out


def _subpatterns(op, av) -> list | None:
    """The subpatterns directly inside one parsed item: none for a leaf, ``None`` for an item not known here."""
    if op is BRANCH:
        return list(av[1])
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
        return [av[2]]
    if op in (ASSERT, ASSERT_NOT):
        return [av[1]]
    if op is SUBPATTERN:
        return [av[3]]
    if op is ATOMIC_GROUP:
        return [av]
    if op is GROUPREF_EXISTS:
        return [av[1]] if av[2] is None else [av[1], av[2]]
    if op in (LITERAL, NOT_LITERAL, IN, AT, ANY):
        return []
    return None  # back-references and the unknown


def _rewrite(sub, ignore: bool) -> None:
    """Rewrite a parsed (sub)pattern in place; ``ignore``: IGNORECASE is on here."""
    data = sub.data if hasattr(sub, "data") else sub
    for k, (op, av) in enumerate(data):
        if op is LITERAL or op is NOT_LITERAL:
            if ignore and _sre.unicode_iscased(av):
                members = _cases(av)
                data[k] = (IN, [(NEGATE, None), *members] if op is NOT_LITERAL else members)
        elif op is IN:
            if ignore:
                data[k] = (IN, _class(av))
        elif op is SUBPATTERN:
            group, add, remove, p = av
            _rewrite(p, (ignore or bool(add & SRE_FLAG_IGNORECASE)) and not remove & SRE_FLAG_IGNORECASE)
        else:
            subs = _subpatterns(op, av)
            if subs is None:
                raise _Uncased
            for p in subs:
                _rewrite(p, ignore)


_WORD_CHAR = re.compile(r"\w")
# More alternatives than this, each tried in turn where one of their first characters is read, cost more
# than the boundary tried everywhere (measured on the cue patterns: 13-15 faster, 19 and 31 slower).
MAX_OPENINGS = 16


def _letters(item) -> list[int] | None:
    """The characters a first item (a literal or a class of literals) may be, when all are word characters."""
    op, av = item
    chars = [av] if op is LITERAL else [c for o, c in av if o is LITERAL] if op is IN and \
        all(o is LITERAL for o, _ in av) else None
    return chars if chars and all(_WORD_CHAR.match(chr(c)) for c in chars) else None


def _has_group(data) -> bool:
    """Does a (sub)pattern hold a capturing group (which must not be written twice)?"""
    return any((op is SUBPATTERN and av[0] is not None) or any(_has_group(sub) for sub in _subpatterns(op, av) or ())
               for op, av in data)


def _open_on_letters(tree) -> None:
    """``\\b`` before alternatives that each open on a letter becomes one alternative per first letter,
    ``c(?<!\\w.)rest``: the pattern then opens on plain characters, and ``re`` looks for the next of them in C
    instead of trying the boundary at every position.  Before a word character, ``\\b`` says only that no
    word character precedes it, which the look-behind checks once that character is read."""
    data = tree.data
    if len(data) < 2 or data[0] != (AT, AT_BOUNDARY):
        return
    op, av = data[1]
    alts = [[data[1]]] if op in (LITERAL, IN) else [list(alt) for alt in av[1]] if op is BRANCH else None
    if not alts or any(not alt or _letters(alt[0]) is None for alt in alts):
        return
    if op is BRANCH and any(_has_group(alt[1:]) for alt in alts if len(_letters(alt[0])) > 1):
        return
    firsts = [(c, alt) for alt in alts for c in _letters(alt[0])]
    if len(firsts) > MAX_OPENINGS:
        return
    no_word_before = _parser.parse(r"(?<!\w.)").data[0]
    branches = [_parser.SubPattern(tree.state, [(LITERAL, c), no_word_before, *alt[1:]]) for c, alt in firsts]
    tree.data = [(BRANCH, (None, branches)), *data[2:]]
    tree.width = None


def opening_set(tree) -> list | None:
    """Every character a match of the parsed pattern ``tree`` can start with, as class members, or ``None``.

    ``re`` searches fast, in C, for the next character of a pattern's opening class, but it sees one only
    when the pattern opens on a literal, a class or a branch of literals: not behind ``\\b`` or a look-behind,
    nor in a branch of classes (which the case rewrite makes of every letter).  Each match starts with a
    member of this set, so a search that skips the other characters finds the same matches.  ``None`` when
    a first item is not a plain literal, range or digit (a category or negated class would skip too little),
    a match may be empty, or the pattern is anchored at the start (``re`` tries it there only).
    """
    data = tree.data
    if data and data[0][0] is AT and data[0][1] in (AT_BEGINNING, AT_BEGINNING_STRING):
        return None
    out: list = []
    try:
        if _add_openings(data, out):
            return None
    except (_Uncased, RecursionError):
        return None
    return list(dict.fromkeys(out))


def _add_openings(data, out: list) -> bool:
    """Add to ``out`` the characters a match of the sequence ``data`` can start with; True if it may be empty."""
    for op, av in data:
        if op is LITERAL or op is IN:
            members = [(op, av)] if op is LITERAL else av
            if not all(o is LITERAL or o is RANGE or (o is CATEGORY and a is CATEGORY_DIGIT) for o, a in members):
                raise _Uncased
            out.extend(members)
            return False
        if op is AT or op is ASSERT or op is ASSERT_NOT:
            continue  # zero-width: the match starts with what follows
        if op is SUBPATTERN:
            if (av[1] | av[2]) & (SRE_FLAG_IGNORECASE | SRE_FLAG_ASCII | SRE_FLAG_UNICODE):
                raise _Uncased  # (?i:…), (?a:…), (?u:…), (?-a:…): its letters or classes are not as the set reads them
            empty = _add_openings(av[3].data, out)
        elif op is BRANCH:
            empty = any([_add_openings(alt.data, out) for alt in av[1]])  # a list: every branch adds its own
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            empty = _add_openings(av[2].data, out) or av[0] == 0
        elif op is ATOMIC_GROUP:
            empty = _add_openings(av.data, out)
        else:
            raise _Uncased
        if not empty:
            return False
    return True
