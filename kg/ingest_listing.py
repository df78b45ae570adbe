"""Listing pages (plain text, Markdown, HTML-ish copies of a daily-papers page) → ``_Entry`` values.

Three page layouts are read by one line classifier rather than three parsers:
page chrome ("Subscribe", "Get trending papers…") is dropped, metadata lines
(``• 12 authors``, an organisation, ``·``, ``Oct 9, 2023 14``) attach to the
paper above them, and what is left alternates title, abstract.  Blank lines,
when a page has them, only help: the compact layout has none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import partial

from kg.clean import plain_text
from kg.ingest_entries import (MAX_ENTRY_CHARS, MAX_LINE_BYTES, MAX_TITLE_CHARS, MIN_ABSTRACT_WORDS, Problem,
                               _count, _Entry, _Problems, clean_text)

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_DATE_LINE = re.compile(
    r"^(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? (?P<day>\d{1,2})"
    r"(?:, (?P<year>\d{4}))?(?:\s+(?P<votes>\d+))?$"
)
_AUTHORS_LINE = re.compile(r"^[•·*\-]?\s*(?P<n>\d+)\s+authors?$", re.IGNORECASE)
_SEPARATOR_LINE = re.compile(r"^[·•]$")
_CHROME = re.compile(
    r"^(new|subscribe|daily papers|by ?ak and the research community|"
    r"get trending papers in your email inbox( once a day)?!?|"
    r"submitted by \S.{0,60}|upvotes?(?: \d{1,6})?|\d{1,6}|view (?:arxiv page|pdf)|add to collection|"
    r"\d{1,5} comments?)$",
    re.IGNORECASE,
)
_GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=\S)")


def parse_date(mon: str, day: str, year: str | None) -> str | None:
    month = _MONTHS.get(mon[:3].lower())
    d = int(day)
    if month is None or not 1 <= d <= 31:
        return None
    return f"{year}-{month:02d}-{d:02d}" if year else f"--{month:02d}-{d:02d}"


def _looks_like_title(line: str) -> bool:
    if len(line) > MAX_TITLE_CHARS:
        return False
    # Titles seldom hold two sentences; abstracts nearly always do.
    return len(re.findall(r"[.!?](?:\s|$)", line)) <= 1 or len(line) < 120


def _split_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(text.split("\n"), start=1):
        yield number, raw.rstrip("\r")


def _classify(lines: Iterable[tuple[int, str | None]]) -> Iterator[tuple[int, str, object]]:
    """(line number, kind, value) for each non-blank line of a page, one line behind the input.

    Kinds: ``authors`` (count), ``sep``, ``date`` (match), ``org`` (text),
    ``text`` and ``long`` (a line too long to keep, given as None).  An
    organisation is recognised by its place: the line before a lone ``·`` that
    is not an author count.
    """
    pending: tuple[int, str, object] | None = None
    for number, raw in lines:
        line = raw.strip() if raw is not None else None
        if line is None:
            item: tuple[int, str, object] = (number, "long", None)
        elif not line:
            continue
        else:
            if glued := _GLUED_SUBSCRIBE.match(line):
                line = line[glued.end():]
            if _CHROME.match(line):
                continue
            if m := _AUTHORS_LINE.match(line):
                item = (number, "authors", _count(m.group("n")))
            elif _SEPARATOR_LINE.match(line):
                if pending is not None and pending[1] == "text":
                    pending = (pending[0], "org", pending[2])
                item = (number, "sep", None)
            elif m := _DATE_LINE.match(line):
                item = (number, "date", m)
            else:
                item = (number, "text", line)
        if pending is not None:
            yield pending
        pending = item
    if pending is not None:
        yield pending


def _finish(entry: _Entry | None, entries: list[_Entry], problems: _Problems) -> None:
    """Keep a finished entry, or say why it is no paper."""
    if entry is None:
        return
    if entry.too_long or len(entry.title) + len(entry.abstract) > MAX_ENTRY_CHARS:  # NFC can lengthen text
        problems.add(entry.line, f"entry longer than {MAX_ENTRY_CHARS:,} characters skipped: "
                                 f"{entry.title[:60]!r}")
    elif not entry.abstract_lines:
        problems.add(entry.line, f"title without an abstract skipped: {entry.title[:60]!r}")
    elif len(entry.abstract.split()) < MIN_ABSTRACT_WORDS:
        problems.add(entry.line, f"abstract too short to be one, entry skipped: {entry.title[:60]!r}")
    else:
        entries.append(entry.settle())


def parse_listing(text: str | Iterable[tuple[int, str | None]], page: str) -> tuple[list[_Entry], list[Problem]]:
    """Entries of one listing page (its text, or its numbered lines), in any of the known layouts.

    >>> page = "Subscribe\\n\\nFoo: A Model\\n\\nWe present Foo, a model trained on lots of text and tested well.\\n"
    >>> entries, problems = parse_listing(page, "p.txt")
    >>> [(e.title, e.line) for e in entries], problems
    ([('Foo: A Model', 3)], [])
    """
    entries: list[_Entry] = []
    problems = _Problems(page)
    current: _Entry | None = None
    closed = True  # metadata was seen: the current entry takes no more abstract text
    page_date: str | None = None  # a date line above the first paper: the day the page lists

    finish = partial(_finish, entries=entries, problems=problems)
    for number, kind, value in _classify(_split_lines(text) if isinstance(text, str) else text):
        if kind == "text":
            line = str(value)
            if current is not None and not current.abstract_lines:
                current.add(line)
            elif current is None or closed or _looks_like_title(line):
                finish(current)
                current = _Entry(title=clean_text(plain_text(line)), line=number)
                closed = False
            else:
                current.add(line)
            continue
        if kind == "long":  # as an abstract it makes the entry too long; as a title it is none
            if current is not None and (not current.abstract_lines or not closed):
                current.drop()
            else:
                finish(current)
                current = None
                problems.add(number, f"line longer than {MAX_LINE_BYTES:,} bytes skipped")
            continue
        if current is None:  # the page's own date (given below to papers without one) or stray metadata
            if kind == "date" and page_date is None:
                page_date = parse_date(value.group("mon"), value.group("day"), value.group("year"))  # type: ignore[union-attr]
            continue
        if kind == "authors":
            current.authors = value  # type: ignore[assignment]
        elif kind == "org":
            current.organization = clean_text(str(value))
        elif kind == "date":
            m = value
            current.date = parse_date(m.group("mon"), m.group("day"), m.group("year"))  # type: ignore[union-attr]
            if m.group("votes"):  # type: ignore[union-attr]
                current.upvotes = _count(m.group("votes"))  # type: ignore[union-attr]
        closed = True
    finish(current)
    for entry in entries:
        entry.date = entry.date or page_date
    return entries, problems.done()

