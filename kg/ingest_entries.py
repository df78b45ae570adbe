"""What every input format of ingest shares: the limits, the ``_Entry`` a paper is read into, problems, keys.

A page (``kg/ingest_listing.py``) and a JSON record (``kg/ingest_records.py``)
both become ``_Entry`` values; ``kg/ingest.py`` reads the files, merges the
entries seen more than once into ``Paper`` records and reports every
:class:`Problem` with its file and line.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from kg.clean import plain_text
from kg.model import Paper
from kg.safe_text import printable

MAX_TITLE_CHARS = 300
MIN_ABSTRACT_WORDS = 8
# Limits that keep memory bounded on hostile input (see SECURITY.md).  Real
# abstracts are under 3,000 characters; spaCy refuses texts over 1,000,000.
MAX_ENTRY_CHARS = 100_000  # title + abstract; a longer entry is skipped
MAX_LINE_BYTES = 4 * MAX_ENTRY_CHARS  # a longer line is skipped without being held in memory
MAX_PROBLEMS_PER_FILE = 50  # the rest are counted in one more problem
MAX_COUNT_DIGITS = 9  # an author or upvote count longer than this is no count (int() refuses 4,300 digits)

_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", re.IGNORECASE)
_ARXIV_ID = re.compile(r"^(?:arXiv:)?(\d{4}\.\d{4,5})(?:v\d+)?$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C1 too: \x9b is a terminal's CSI
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # only JSON escapes can make one; no encoder takes it


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


_NOT_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"[ \t\u00a0]+")


def normalize_title(title: str) -> str:
    """Case-, accent- and punctuation-free form used to recognise the same paper."""
    if title.isascii():  # nothing to decompose, no accent to drop: the same result, at a fraction of the cost
        return _NOT_WORD.sub("", title.casefold())
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_WORD.sub("", text.casefold())


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
    if not text.isascii():  # ASCII holds no surrogate and is its own NFC
        text = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


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


_SETTLED: list[str] = []  # the lines of every settled entry: none (shared, never added to)


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
    page: str = ""  # the label of the file it was read from (kg/ingest.py sets it)
    plain: str | None = None  # the plain abstract, once the entry is settled
    _plain: tuple[tuple[str, ...], str] | None = field(default=None, repr=False)

    @property
    def abstract(self) -> str:
        """The abstract as plain text, cleaned once for each state of its lines (markup is slow to read)."""
        if self.plain is not None:
            return self.plain
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

    def settle(self) -> "_Entry":
        """Keep only the plain abstract, not its lines and their cache: a build holds every entry until merged."""
        self.plain = self.abstract
        self.abstract_lines, self._plain = _SETTLED, None
        return self

    def drop(self) -> None:
        """Too long to be a paper: skipped, its text no longer kept (but it has had its abstract)."""
        self.too_long = True
        self.abstract_lines = [""]


def _count(digits: str) -> int | None:
    """An author or upvote count from a page; a run of digits too long to be one is none."""
    return int(digits) if len(digits) <= MAX_COUNT_DIGITS else None
