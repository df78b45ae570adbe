"""The elements of a JSON array read one at a time, in memory bounded by the largest element.

``json.load`` holds the whole document and every object in it: a 60 MB file
of 20 million empty objects took 2 GB.  :func:`array_items` reads the file in
chunks and hands each top-level element to the standard library's own
decoder (``JSONDecoder.raw_decode``), so the JSON read is exactly what
``json.loads`` reads (NaN, lone surrogates from escapes, the 4,300-digit
limit, the nesting limit as a ``RecursionError``), one element at a time.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import BinaryIO

CHUNK = 1 << 20  # bytes read at a time; an element longer than this is read in growing chunks
_SPACE = re.compile(r"[ \t\n\r]*")
_SEPARATOR = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
_NUMBER_TAIL = re.compile(r"[0-9.eE+-]*")  # what can follow a number's first characters within the number
_DECODER = json.JSONDecoder()


class JsonError(ValueError):
    """The document is not valid JSON (``line``: where, when known), or not valid UTF-8."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


class NotAnArray(Exception):
    """The document's top level is not an array; ``first`` is its first character ("" when empty)."""

    def __init__(self, first: str):
        super().__init__(first)
        self.first = first


class _Buffer:
    """Decoded text of a binary file, a chunk at a time, with the line count of what was dropped."""

    def __init__(self, fh: BinaryIO, chunk: int):
        self.fh, self.chunk = fh, chunk
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text, self.pos, self.eof = "", 0, False
        self.lines_before = 1  # the line number of text[0]
        self.offset = 0  # bytes read so far, for error messages

    def more(self, size: int | None = None) -> bool:
        """Append up to ``size`` more bytes (a chunk), dropping what has been consumed; False at the end."""
        if self.eof:
            return False
        raw = self.fh.read(size or self.chunk)
        try:
            new = self.decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            at = self.offset + exc.start
            line = self.lines_before + self.text.count("\n") + raw[:exc.start].count(b"\n")
            raise JsonError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {at}): skipped", line) from None
        self.offset += len(raw)
        self.lines_before += self.text.count("\n", 0, self.pos)
        self.text, self.pos = self.text[self.pos:] + new, 0
        self.eof = not raw
        return True

    def skip_space(self) -> str:
        """The next non-space character ("" at the end), not consumed."""
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def line(self, pos: int | None = None) -> int:
        return self.lines_before + self.text.count("\n", 0, self.pos if pos is None else pos)

    def value(self) -> object:
        """The next JSON value, read further as long as it is cut off by the end of the buffer."""
        size = self.chunk
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                if self.more(size):  # maybe only cut off: read more, twice as much each time
                    size *= 2
                    continue
                raise JsonError(f"invalid JSON: {exc.msg}", self.line(exc.pos)) from None
            if isinstance(value, (int, float)) and not self.eof and _NUMBER_TAIL.fullmatch(self.text, end):
                self.more(size)  # the number may go on in the next chunk ("0" of "0.5"): read it whole
                continue
            self.pos = end
            return value


def array_items(fh: BinaryIO, chunk: int = CHUNK) -> Iterator[tuple[int, object]]:
    """(1-based index, element) for each element of the top-level array in ``fh``.

    Raises :class:`NotAnArray` before anything is read if the document is not
    an array, and :class:`JsonError` where it stops being valid JSON (the
    elements before that have been given); ``RecursionError`` and
    ``ValueError`` (an integer over 4,300 digits) pass as from ``json.loads``.
    """
    buf = _Buffer(fh, chunk)
    first = buf.skip_space()
    if first != "[":
        raise NotAnArray(first)
    buf.pos += 1
    if buf.skip_space() == "]":
        buf.pos += 1
    else:
        index = 0
        separator, decode = _SEPARATOR.match, _DECODER.raw_decode
        while True:
            index += 1
            text = buf.text
            try:  # the common case first: an element that is not a number, whole in the buffer
                value, end = decode(text, buf.pos)
                if isinstance(value, (int, float)):
                    raise ValueError
                buf.pos = end
            except ValueError:
                value = buf.value()
            yield index, value
            # and a comma (and spaces) followed by more of the buffer
            m = separator(buf.text, buf.pos)
            if m and m.end() < len(buf.text):
                buf.pos = m.end()
                continue
            delimiter = buf.skip_space()
            buf.pos += 1
            if delimiter == "]":
                break
            if delimiter != ",":
                raise JsonError("invalid JSON: Expecting ',' delimiter" if delimiter else
                                "invalid JSON: the array is not closed", buf.line(buf.pos - 1))
            buf.skip_space()
    if buf.skip_space():
        raise JsonError("invalid JSON: Extra data", buf.line())
