"""Text from the input, made safe for the place it goes: a terminal, a file name in an export, a spreadsheet.

Input text may hold C0 and C1 control characters; a terminal reads ESC
(U+001B) and CSI (U+009B) as the start of a command, so no message prints
them raw.  A spreadsheet runs a CSV cell that starts with ``=``, ``+``,
``-`` or ``@`` as a formula (OWASP, "CSV Injection"), so such cells get a
leading apostrophe.
"""

from __future__ import annotations

import re

# C0 except tab and line feed, DEL, and C1 (U+0080-U+009F: U+009B is a terminal's CSI).
_MESSAGE_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ALL_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def printable(text: str) -> str:
    r"""``text`` for a terminal: control characters written as ``\xNN`` escapes (tab and line feed kept).

    >>> printable("a\x1b[31mred\x9b2J\tz")
    'a\\x1b[31mred\\x9b2J\tz'
    """
    return _MESSAGE_CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def drop_controls(text: str) -> str:
    """``text`` without any C0 or C1 control character: for names recorded in exports.

    >>> drop_controls("page\\x9b\\x1b.txt")
    'page.txt'
    """
    return _ALL_CONTROLS.sub("", text)


def spreadsheet_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe.

    Plain numbers (``-3``, ``+0.5``) are left as they are: they cannot be formulas.

    >>> [spreadsheet_cell(v) for v in ("=1+2", "@SUM(A1)", "-3", "-2+3", "LoRA")]
    ["'=1+2", "'@SUM(A1)", '-3', "'-2+3", 'LoRA']
    """
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
