"""Listing pages and JSON records → merged ``Paper`` records.

Three page layouts are read by one line classifier rather than three parsers:
page chrome ("Subscribe", "Get trending papers…") is dropped, metadata lines
(``• 12 authors``, an organisation, ``·``, ``Oct 9, 2023 14``) attach to the
paper above them, and what is left alternates title, abstract.  Blank lines,
when a page has them, only help: the compact layout has none.

Bad input never raises out of :func:`read` except when nothing at all could be
read; every skipped file or entry becomes a :class:`Problem` naming the file and
line, so the caller can warn with a count.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

from dateutil import parser as dateutil_parser
from pydantic import BaseModel, ConfigDict

from kg import jsonstream
from kg.clean import plain_text
from kg.model import Paper, Source
from kg.safe_text import drop_controls, printable

_M = TypeVar("_M", bound=BaseModel)

LISTING_SUFFIXES = {".txt", ".md", ".text", ".html", ".htm", ""}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = LISTING_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

MAX_TITLE_CHARS = 300
MIN_ABSTRACT_WORDS = 8
# Limits that keep memory bounded on hostile input (see SECURITY.md).  Real
# abstracts are under 3,000 characters; spaCy refuses texts over 1,000,000.
MAX_ENTRY_CHARS = 100_000  # title + abstract; a longer entry is skipped
MAX_LINE_BYTES = 4 * MAX_ENTRY_CHARS  # a longer line is skipped without being held in memory
MAX_JSON_BYTES = 64 * 2**20  # a .json document that is not an array is parsed whole; arrays are streamed
MAX_PROBLEMS_PER_FILE = 50  # the rest are counted in one more problem
MAX_COUNT_DIGITS = 9  # an author or upvote count longer than this is no count (int() refuses 4,300 digits)

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
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", re.IGNORECASE)
_ARXIV_ID = re.compile(r"^(?:arXiv:)?(\d{4}\.\d{4,5})(?:v\d+)?$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C1 too: \x9b is a terminal's CSI
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # only JSON escapes can make one; no encoder takes it
_NOT_AN_ESCAPE = re.compile(r"[\ud800-\udc7f\udd00-\udfff]")  # surrogateescape makes only U+DC80-U+DCFF


class Problem(BaseModel):
    """Something in the input that was skipped or could not be read."""

    model_config = ConfigDict(frozen=True)

    path: str
    line: int | None = None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return printable(f"{where}: {self.message}")


class IngestResult(BaseModel):
    """Papers merged over every input, with what had to be skipped."""

    model_config = ConfigDict(frozen=True)

    papers: tuple[Paper, ...]
    problems: tuple[Problem, ...] = ()
    files_read: int = 0
    entries_read: int = 0


class _Problems(list):
    """One file's problems: the first MAX_PROBLEMS_PER_FILE are kept, the rest only counted."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.more = 0

    def add(self, line: int | None, message: str) -> None:
        if len(self) < MAX_PROBLEMS_PER_FILE:
            self.append(Problem(path=self.path, line=line, message=message))
        else:
            self.more += 1

    def done(self) -> list[Problem]:
        more = [Problem(path=self.path, message=f"and {self.more:,} more problem(s) in this file, not listed")]
        return [*self, *(more if self.more else [])]


class IngestError(Exception):
    """Nothing could be read: the message names every reason."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "no input")


def normalize_title(title: str) -> str:
    """Case-, accent- and punctuation-free form used to recognise the same paper."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", text.casefold())


def paper_key(title: str, arxiv_id: str | None) -> str:
    """Stable key: the arXiv id when known, else a hash of the normalised title.

    >>> paper_key("Attention Is All You Need", "1706.03762")
    'arxiv-1706.03762'
    >>> paper_key("Attention is all you need!", None) == paper_key("ATTENTION IS ALL YOU NEED", None)
    True
    """
    if arxiv_id:
        return f"arxiv-{arxiv_id}"
    digest = hashlib.sha1(normalize_title(title).encode("utf-8")).hexdigest()[:16]
    return f"t-{digest}"


def clean_text(text: str) -> str:
    """NFC, no control characters or lone surrogates, single spaces: what extraction and exports see."""
    text = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
    text = _CONTROL.sub(" ", text)
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def parse_date(mon: str, day: str, year: str | None) -> str | None:
    month = _MONTHS.get(mon[:3].lower())
    d = int(day)
    if month is None or not 1 <= d <= 31:
        return None
    return f"{year}-{month:02d}-{d:02d}" if year else f"--{month:02d}-{d:02d}"


def find_urls(text: str) -> tuple[str, ...]:
    """URLs in running text, without the sentence punctuation that follows them."""
    urls = []
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(".,;:!?")
        if url not in urls:
            urls.append(url)
    return tuple(urls)


def arxiv_from(value: str | None, urls: Iterable[str] = ()) -> str | None:
    if value:
        m = _ARXIV_ID.match(value.strip())
        if m:
            return m.group(1)
        m = _ARXIV_URL.search(value)
        if m:
            return m.group(1)
    for url in urls:
        m = _ARXIV_URL.search(url)
        if m:
            return m.group(1)
    return None


# --------------------------------------------------------------------------- entries

@dataclass(slots=True)
class _Entry:
    """A paper as seen in one place, before merging (slots: a build may hold a million of them)."""

    title: str
    line: int
    abstract_lines: list[str] = field(default_factory=list)
    authors: int | None = None
    organization: str | None = None
    date: str | None = None
    upvotes: int | None = None
    arxiv_id: str | None = None
    urls: tuple[str, ...] = ()
    chars: int = 0
    too_long: bool = False  # over MAX_ENTRY_CHARS: skipped, and its text no longer kept
    _plain: tuple[tuple[str, ...], str] | None = field(default=None, repr=False)

    @property
    def abstract(self) -> str:
        """The abstract as plain text, cleaned once for each state of its lines (markup is slow to read)."""
        lines = tuple(self.abstract_lines)
        if self._plain is None or self._plain[0] != lines:
            self._plain = (lines, clean_text(plain_text("\n".join(lines))))
        return self._plain[1]

    def add(self, line: str) -> None:
        """One more line of the abstract, unless the entry has grown past MAX_ENTRY_CHARS."""
        self.chars += len(line) + 1
        if len(self.title) + self.chars > MAX_ENTRY_CHARS:
            self.drop()
        elif not self.too_long:
            self.abstract_lines.append(line)

    def drop(self) -> None:
        """Too long to be a paper: skipped, its text no longer kept (but it has had its abstract)."""
        self.too_long = True
        self.abstract_lines = [""]


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

    def finish(entry: _Entry | None) -> None:
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
            entries.append(entry)

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


def parse_records(records: Iterable[tuple[int, object]], path: str) -> tuple[list[_Entry], list[Problem]]:
    """Entries from JSON objects; ``records`` yields (line or index, object)."""
    entries: list[_Entry] = []
    problems = _Problems(path)
    for where, record in records:
        problem = partial(problems.add, where)
        if not isinstance(record, dict):
            problem(f"record is a {type(record).__name__}, not an object: skipped")
            continue
        record = _flatten_hf_record(record)
        title = record.get("title")
        abstract = record.get("abstract")
        if not isinstance(title, str) or not clean_text(title):
            problem("record without a title: skipped")
            continue
        if not isinstance(abstract, str) or not clean_text(abstract):
            problem(f"record without an abstract: skipped ({clean_text(title)[:60]!r})")
            continue
        # Checked on the text as kept: normalisation can make a text longer (NFC: up to three times).
        if len(title) + len(abstract) > MAX_LINE_BYTES or _too_long(title, abstract):
            problem(f"record longer than {MAX_ENTRY_CHARS:,} characters: skipped ({clean_text(title[:200])[:60]!r})")
            continue
        entry = _Entry(title=clean_text(plain_text(title)), line=where, abstract_lines=[abstract])
        authors = record.get("authors")
        if isinstance(authors, list):
            entry.authors = len(authors)
        elif isinstance(authors, int) and not isinstance(authors, bool):
            entry.authors = authors
        org = record.get("organization") or record.get("organisation")
        if isinstance(org, str) and clean_text(org):
            entry.organization = clean_text(org)
        date = record.get("date")
        if isinstance(date, str):
            entry.date = _parse_any_date(date)
        votes = record.get("upvotes")
        if isinstance(votes, int) and not isinstance(votes, bool):
            entry.upvotes = votes
        url = clean_text(record["url"]) if isinstance(record.get("url"), str) else None
        arxiv = record.get("arxiv_id") if isinstance(record.get("arxiv_id"), str) else None
        entry.arxiv_id = arxiv_from(arxiv) or arxiv_from(url)
        if url:
            entry.urls = (url,)
        entries.append(entry)
    return entries, problems.done()


def _too_long(title: str, abstract: str) -> bool:
    return len(clean_text(title)) + len(clean_text(abstract)) > MAX_ENTRY_CHARS


def _count(digits: str) -> int | None:
    """An author or upvote count from a page; a run of digits too long to be one is none."""
    return int(digits) if len(digits) <= MAX_COUNT_DIGITS else None


def _flatten_hf_record(record: dict) -> dict:
    """A Hugging Face daily-papers API record (``{"paper": {"id", "title", "summary", …}, …}``) as a plain one.

    >>> _flatten_hf_record({"paper": {"id": "2501.00001", "title": "T", "summary": "S", "upvotes": 3},
    ...                     "publishedAt": "2025-01-02T00:00:00Z"})["abstract"]
    'S'
    """
    paper = record.get("paper")
    if not isinstance(paper, dict):
        if not ("summary" in record or "publishedAt" in record or isinstance(record.get("organization"), dict)):
            return record  # a plain record already (the common case, kept cheap)
        paper = {}
    flat = {**paper, **{k: v for k, v in record.items() if k != "paper"}}
    if "abstract" not in flat and isinstance(flat.get("summary"), str):
        flat["abstract"] = flat["summary"]
    if "arxiv_id" not in flat and isinstance(paper.get("id"), str):
        flat["arxiv_id"] = paper["id"]
    if "date" not in flat and isinstance(flat.get("publishedAt"), str):
        flat["date"] = flat["publishedAt"]
    organization = flat.get("organization")
    if isinstance(organization, dict):
        flat["organization"] = organization.get("fullname") or organization.get("name")
    return flat


def _parse_any_date(text: str) -> str | None:
    """A record's date, read by dateutil: ``YYYY-MM-DD``, ``--MM-DD`` when it names no year, else None.

    >>> [_parse_any_date(t) for t in ("May 1 2024", "2025-01-02T23:30:00-05:00", "May 1", "2024-02-30", "May 2024")]
    ['2024-05-01', '2025-01-02', '--05-01', None, None]
    """
    text = text.strip()
    if not text or len(text) > 64:
        return None
    try:  # two defaults that differ in year, month and day tell which of them the text gave
        one = dateutil_parser.parse(text, default=datetime(1904, 1, 1))
        two = dateutil_parser.parse(text, default=datetime(1908, 2, 2))
    except (ValueError, OverflowError):
        return None
    if (one.month, one.day) != (two.month, two.day):
        return None  # a month or a year alone is not a day
    return f"{one.year:04d}-{one.month:02d}-{one.day:02d}" if one.year == two.year else f"--{one.month:02d}-{one.day:02d}"


# --------------------------------------------------------------------------- files

def _decode(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    if b"\x00" in data[:8192]:
        return None, Problem(path=path, message="binary file (contains NUL bytes): skipped")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(path=path, line=line,
                             message=f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}): skipped")
    return text, None


class _Unreadable(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class _Lines:
    """The numbered lines of a file opened in binary, read one at a time (memory stays bounded).

    A line longer than MAX_LINE_BYTES is skipped unread and given as None; a
    line that is not UTF-8 stops the reading with :class:`_Unreadable`.
    """

    def __init__(self, fh, label: str):
        self.fh, self.label = fh, label
        self.blank = True  # nothing but white space so far

    def __iter__(self) -> Iterator[tuple[int, str | None]]:
        number = offset = 0
        while raw := self.fh.readline(MAX_LINE_BYTES + 1):
            number += 1
            start, offset = offset, offset + len(raw)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # the rest of the line, in bounded reads
                    raw = self.fh.readline(MAX_LINE_BYTES)
                    offset += len(raw)
                self.blank = False
                yield number, None
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw, start = raw[len(codecs.BOM_UTF8):], start + len(codecs.BOM_UTF8)
            try:
                line = raw.decode("utf-8").rstrip("\n").rstrip("\r")
            except UnicodeDecodeError as exc:
                raise _Unreadable(Problem(path=self.label, line=number, message=(
                    f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {start + exc.start}): skipped"))) from None
            if self.blank and line.strip():
                self.blank = False
            yield number, line


def _json_error(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg}"
    if isinstance(exc, RecursionError):
        return "invalid JSON: nested too deeply"
    return f"invalid JSON: {str(exc).split(':')[0]}"  # an integer of more than 4,300 digits


def _read_json(fh, label: str) -> tuple[list[_Entry], list[Problem]]:
    """A .json file: a top-level array is read one record at a time (kg/jsonstream.py), any size;
    another document (``{"papers": [...]}``) is parsed whole, up to MAX_JSON_BYTES."""
    stopped: list[Problem] = []

    def records() -> Iterator[tuple[int, object]]:
        try:
            yield from jsonstream.array_items(fh)
        except (ValueError, RecursionError) as exc:  # JsonError, and what json.loads raises
            line = exc.line if isinstance(exc, jsonstream.JsonError) else None
            message = str(exc) if isinstance(exc, jsonstream.JsonError) else _json_error(exc)
            stopped.append(Problem(path=label, line=line, message=message))

    try:
        entries, problems = parse_records(records(), label)
    except jsonstream.NotAnArray as exc:
        if not exc.first:
            raise _Unreadable(Problem(path=label, message="empty file: skipped")) from None
        fh.seek(0)
        entries, problems = _read_json_document(fh, label)
    if stopped and not entries and not problems:  # nothing read: the file is unreadable, as a whole
        raise _Unreadable(stopped[0])
    return entries, [p.model_copy(update={"message": f"record {p.line}: {p.message}", "line": None})
                     if p.line is not None else p for p in problems] + stopped


def _read_json_document(fh, label: str) -> tuple[list[_Entry], list[Problem]]:
    size = os.fstat(fh.fileno()).st_size
    if size > MAX_JSON_BYTES:
        raise _Unreadable(Problem(path=label, message=(
            f"a JSON document of {size / 2**20:,.0f} MB that is not an array is over the "
            f"{MAX_JSON_BYTES // 2**20} MB limit: skipped (write the records as an array, or one a line "
            f"as .jsonl; either is read one record at a time)")))
    text, problem = _decode(fh.read(), label)
    if problem:
        raise _Unreadable(problem)
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        raise _Unreadable(Problem(path=label, line=line, message=_json_error(exc))) from None
    if isinstance(doc, dict) and isinstance(doc.get("papers"), list):
        doc = doc["papers"]
    if not isinstance(doc, list):
        raise _Unreadable(Problem(path=label, message="JSON is not a list of paper records"))
    return parse_records(enumerate(doc, start=1), label)


def _read_jsonl(lines: _Lines, label: str) -> tuple[list[_Entry], list[Problem]]:
    problems = _Problems(label)

    def records() -> Iterator[tuple[int, object]]:
        for number, line in lines:
            if line is None:
                problems.add(number, f"line longer than {MAX_LINE_BYTES:,} bytes skipped")
            elif line.strip():
                try:
                    yield number, json.loads(line)
                except (ValueError, RecursionError) as exc:
                    problems.add(number, _json_error(exc))

    entries, more = parse_records(records(), label)
    return entries, problems.done() + more


def _read_file(path: Path, label: str) -> tuple[list[_Entry], list[Problem]]:
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as fh:
            if b"\x00" in fh.read(8192):
                return [], [Problem(path=label, message="binary file (contains NUL bytes): skipped")]
            fh.seek(0)
            if suffix in JSON_SUFFIXES:
                entries, problems = _read_json(fh, label)
            else:
                lines = _Lines(fh, label)
                if suffix in JSONL_SUFFIXES:
                    entries, problems = _read_jsonl(lines, label)
                else:
                    entries, problems = parse_listing(lines, label)
                if lines.blank:
                    return [], [Problem(path=label, message="empty file: skipped")]
    except _Unreadable as exc:
        return [], [exc.problem]
    except OSError as exc:
        return [], [Problem(path=label, message=f"cannot read: {exc.strerror or exc}")]
    if not entries and suffix in JSON_SUFFIXES | JSONL_SUFFIXES:
        problems.append(Problem(path=label, message="no usable paper records in this file"))
    elif not entries:  # the line-by-line complaints would only be noise here
        problems = [Problem(path=label, message="no papers found: not a listing page "
                            "(expected title lines each followed by an abstract)")]
    return entries, problems


def _files(root: Path, problems: list[Problem], exclude: tuple[Path, ...] = ()) -> Iterator[tuple[Path, str]]:
    """Files under an input path, with the label each source is recorded under.

    A file named directly is read wherever it is (a symbolic link given is the
    user's choice); in a directory, a symbolic link to anything outside it is
    not followed, and files in ``exclude`` (the build's own output) are not
    read: each is a problem, never a silent skip.
    """
    if root.is_file():
        yield root, _label(root.name)
        return
    if not root.is_dir():
        problems.append(Problem(path=_label(str(root)), message="no such file or directory"))
        return
    found, base, in_output = False, root.resolve(), Counter()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        label = _label(f"{base.name}/{rel.as_posix()}")
        real = path.resolve() if path.is_symlink() or exclude else path
        if path.is_symlink() and not real.is_relative_to(base) and (path.is_file() or path.is_dir()):
            problems.append(Problem(path=label, message="symbolic link to a path outside the input directory: "
                                                        "not followed"))
            continue
        if not path.is_file() or path.suffix.lower() not in READABLE_SUFFIXES:
            continue
        if outside := next((ex for ex in exclude if real.is_relative_to(ex)), None):
            in_output[outside] += 1
            continue
        found = True
        yield path, label
    for out_dir, n in in_output.items():
        problems.append(Problem(path=_label(str(root)), message=f"{n:,} file(s) inside the output directory "
                                f"{_label(str(out_dir))} not read (exports are never inputs)"))
    if not found:
        problems.append(Problem(path=_label(str(root)), message="directory holds no listing or JSON files"))


def _label(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 become U+FFFD, control characters (C0, C1) are dropped."""
    text = _NOT_AN_ESCAPE.sub("\ufffd", name)  # a lone surrogate that no undecodable byte made
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return drop_controls(text)


def read(paths: Iterable[str | Path], on_file=None, exclude: Iterable[str | Path] = ()) -> IngestResult:
    """Read every input and merge papers seen more than once.

    Raises :class:`IngestError` when not a single paper could be read.
    ``on_file(label)`` is called after each file, for progress reporting;
    directories in ``exclude`` (such as the output directory) are skipped.
    """
    excluded = tuple(Path(p).resolve() for p in exclude)
    problems: list[Problem] = []
    seen: dict[str, list[tuple[_Entry, str]]] = {}
    files_read = entries_read = 0
    for given in paths:
        for path, label in _files(Path(given), problems, excluded):
            entries, file_problems = _read_file(path, label)
            problems.extend(file_problems)
            files_read += 1
            entries_read += len(entries)
            for entry in entries:
                key = normalize_title(entry.title)
                if not key:
                    problems.append(Problem(path=label, line=entry.line,
                                            message="title has no letters or digits: skipped"))
                    continue
                seen.setdefault(key, []).append((entry, label))  # the Source is made once merged
            if on_file:
                on_file(label)
    papers = sorted(_merge_by_key(list(seen.values())), key=lambda p: p.key)
    if not papers:
        raise IngestError(problems or [Problem(path="(input)", message="no input paths given")])
    return IngestResult(papers=tuple(papers), problems=tuple(problems),
                        files_read=files_read, entries_read=entries_read)


def _merge_by_key(groups: list[list[tuple[_Entry, str]]]) -> list[Paper]:
    """One paper per group of sightings, and one per key: titles that share an arXiv id are one paper."""
    while True:
        merged: dict[str, tuple[Paper, list[tuple[_Entry, str]]]] = {}
        for group in groups:
            paper = _merge(group)
            if paper.key in merged:
                merged[paper.key][1].extend(group)
            else:
                merged[paper.key] = (paper, list(group))
        if len(merged) == len(groups):
            return [paper for paper, _ in merged.values()]
        groups = [group for _, group in merged.values()]


def _merge(group: list[tuple[_Entry, str]]) -> Paper:
    """One paper from every sighting; the first sighting in source order wins ties."""
    group = sorted(group, key=lambda es: (es[1], es[0].line))
    entries = [e for e, _ in group]
    first = entries[0]
    abstract = max((e.abstract for e in entries), key=len)
    urls: list[str] = []
    for e in entries:
        for url in (*e.urls, *find_urls(e.abstract)):
            if url not in urls:
                urls.append(url)
    arxiv = next((e.arxiv_id for e in entries if e.arxiv_id), None) or arxiv_from(None, urls)
    dated = [e.date for e in entries if e.date]
    date = next((d for d in dated if not d.startswith("--")), dated[0] if dated else None)
    votes = [e.upvotes for e in entries if e.upvotes is not None]
    return _compact(Paper(
        key=paper_key(first.title, arxiv),
        title=first.title,
        abstract=abstract,
        sources=tuple(dict.fromkeys(_compact(Source(page=page, line=e.line)) for e, page in group)),
        arxiv_id=arxiv,
        authors=next((e.authors for e in entries if e.authors is not None), None),
        organization=next((e.organization for e in entries if e.organization), None),
        date=date,
        upvotes=max(votes) if votes else None,
        urls=tuple(urls),
    ))


_FIELDS_SETS: dict[frozenset, set] = {}


def _compact(model: _M) -> _M:
    """The model with its set of given field names shared with every other of the same fields.

    Pydantic keeps that set per instance (728 bytes for a Paper's ten names, more
    than the rest of a small paper); a frozen model never changes it in place,
    and model_copy copies it, so one set serves them all: a million papers
    take 0.9 GB less.
    """
    names = model.__pydantic_fields_set__
    object.__setattr__(model, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(frozenset(names), names))
    return model
