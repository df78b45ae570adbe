"""Argument checks for the Python API: a wrong type or value is an error that names the argument.

Without them ``g.papers(uses=3)`` failed deep inside with "'int' object is
not iterable" and ``g.top(n=-1)`` quietly dropped the last result.
"""

from __future__ import annotations

from collections.abc import Iterable


def names(arg: str, value: object, single: bool = False) -> list[str]:
    """A name (``str``) or, unless ``single``, an iterable of names, as a list; else a TypeError naming ``arg``.

    >>> names("uses", ["LoRA", "DPO"])
    ['LoRA', 'DPO']
    >>> names("uses", 3)
    Traceback (most recent call last):
    ...
    TypeError: uses= takes a name (str) or a list of names, not int
    """
    if isinstance(value, str):
        return [value]
    wanted = "a name (str)" if single else "a name (str) or a list of names"
    if single or isinstance(value, (bytes, bytearray, dict)) or not isinstance(value, Iterable):
        raise TypeError(f"{arg}= takes {wanted}, not {type(value).__name__}")
    found = list(value)
    for item in found:
        if not isinstance(item, str):
            raise TypeError(f"{arg}= takes {wanted}; it holds a {type(item).__name__}")
    return found


def count(arg: str, value: object, minimum: int = 0, optional: bool = True) -> int | None:
    """A whole number of at least ``minimum`` (or None when ``optional``); else TypeError/ValueError naming ``arg``.

    >>> count("n", -1)
    Traceback (most recent call last):
    ...
    ValueError: n= must be 0 or more, not -1
    """
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{arg}= takes a whole number{' or None' if optional else ''}, not {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{arg}= must be {minimum} or more, not {value}")
    return value
