"""Case-insensitive patterns compiled as case-sensitive ones that match exactly the same text, faster.

Python's ``re`` under ``IGNORECASE`` lower-cases every character it compares and,
in an alternation, enters every branch in turn; a case-sensitive branch that opens
with a character class is skipped at once when the class does not hold.  So
:func:`compile_ignorecase` parses the pattern once and writes each cased letter
``x`` as the class of every character ``re`` would let it match (``[xX]``; ``i``
also matches ``İ`` and ``ı``, ``k`` the Kelvin sign, ``s`` the long s), each class
likewise, then compiles the result without ``IGNORECASE``.  A pattern with a cased
letter outside ASCII, or a back-reference, is compiled with ``IGNORECASE`` as written:
the pure ``re`` path, same matches either way.
"""

from __future__ import annotations

import re

try:  # the regular-expression parser and compiler of CPython 3.11+; without them, re.I as written
    import _sre
    from re import _compiler, _parser
    from re._constants import (ASSERT, ASSERT_NOT, ATOMIC_GROUP, BRANCH, CATEGORY, GROUPREF_EXISTS, IN,
                               LITERAL, MAX_REPEAT, MIN_REPEAT, NEGATE, NOT_LITERAL, POSSESSIVE_REPEAT,
                               RANGE, SRE_FLAG_IGNORECASE, SUBPATTERN)
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
        tree = _parser.parse(pattern, flags)
        if not tree.state.flags & SRE_FLAG_IGNORECASE:  # a leading (?-i) would be odd; keep it simple
            raise _Uncased
        _rewrite(tree, True)
    except (_Uncased, re.error, RecursionError):
        return re.compile(pattern, flags)
    tree.state.flags &= ~SRE_FLAG_IGNORECASE
    code = _compiler._code(tree, 0)
    groupindex = tree.state.groupdict
    indexgroup = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return _sre.compile(pattern, tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup))


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
        elif op is BRANCH:
            for p in av[1]:
                _rewrite(p, ignore)
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            _rewrite(av[2], ignore)
        elif op in (ASSERT, ASSERT_NOT):
            _rewrite(av[1], ignore)
        elif op is ATOMIC_GROUP:
            _rewrite(av, ignore)
        elif op is GROUPREF_EXISTS:
            _rewrite(av[1], ignore)
            if av[2] is not None:
                _rewrite(av[2], ignore)
        elif str(op) not in ("AT", "ANY", "NOT_LITERAL", "LITERAL"):  # back-references and the unknown
            raise _Uncased
