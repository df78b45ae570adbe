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

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from kg.model import Paper, Source

LISTING_SUFFIXES = {".txt", ".md", ".text", ".html", ".htm", ""}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = LISTING_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

MAX_TITLE_CHARS = 300
MIN_ABSTRACT_WORDS = 8

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_DATE_LINE = re.compile(
    r"^(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? (?P<day>\d{1,2})"
    r"(?:, (?P<year>\d{4}))?(?:\s+(?P<votes>\d+))?$"
)
_AUTHORS_LINE = re.compile(r"^[•·*\-]?\s*(?P<n>\d+)\s+authors?$", re.IGNORECASE)
_SEPARATOR_LINE = re.compile(r"^[·•]$")
_CHROME = re.compile(
    r"^(new|subscribe|daily papers|byak and the research community|"
    r"get trending papers in your email inbox( once a day)?!?)$",
    re.IGNORECASE,
)
_GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=\S)")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", re.IGNORECASE)
_ARXIV_ID = re.compile(r"^(?:arXiv:)?(\d{4}\.\d{4,5})(?:v\d+)?$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Problem(BaseModel):
    """Something in the input that was skipped or could not be read."""

    model_config = ConfigDict(frozen=True)

    path: str
    line: int | None = None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class IngestResult(BaseModel):
    """Papers merged over every input, with what had to be skipped."""

    model_config = ConfigDict(frozen=True)

    papers: tuple[Paper, ...]
    problems: tuple[Problem, ...] = ()
    files_read: int = 0
    entries_read: int = 0


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
    """NFC, no control characters, single spaces: what extraction and exports see."""
    text = unicodedata.normalize("NFC", text)
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

@dataclass
class _Entry:
    """A paper as seen in one place, before merging."""

    title: str
    line: int
    abstract_lines: list[str] = field(default_factory=list)
    authors: int | None = None
    organization: str | None = None
    date: str | None = None
    upvotes: int | None = None
    arxiv_id: str | None = None
    urls: tuple[str, ...] = ()

    @property
    def abstract(self) -> str:
        return clean_text("\n".join(self.abstract_lines))


def _looks_like_title(line: str) -> bool:
    if len(line) > MAX_TITLE_CHARS:
        return False
    # Titles seldom hold two sentences; abstracts nearly always do.
    return len(re.findall(r"[.!?](?:\s|$)", line)) <= 1 or len(line) < 120


def _split_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(text.split("\n"), start=1):
        yield number, raw.rstrip("\r")


def _classify(text: str) -> list[tuple[int, str, object]]:
    """(line number, kind, value) for each non-blank line of a page.

    Kinds: ``authors`` (count), ``sep``, ``date`` (match), ``org`` (text) and
    ``text``.  An organisation is recognised by its place: the line before a
    lone ``·`` that is not an author count.
    """
    lines: list[tuple[int, str, object]] = []
    for number, raw in _split_lines(text):
        line = raw.strip()
        if not line:
            continue
        if glued := _GLUED_SUBSCRIBE.match(line):
            line = line[glued.end():]
        if _CHROME.match(line):
            continue
        if m := _AUTHORS_LINE.match(line):
            lines.append((number, "authors", int(m.group("n"))))
        elif _SEPARATOR_LINE.match(line):
            if lines and lines[-1][1] == "text":
                lines[-1] = (lines[-1][0], "org", lines[-1][2])
            lines.append((number, "sep", None))
        elif m := _DATE_LINE.match(line):
            lines.append((number, "date", m))
        else:
            lines.append((number, "text", line))
    return lines


def parse_listing(text: str, page: str) -> tuple[list[_Entry], list[Problem]]:
    """Entries of one listing page, in any of the known layouts.

    >>> page = "Subscribe\\n\\nFoo: A Model\\n\\nWe present Foo, a model trained on lots of text and tested well.\\n"
    >>> entries, problems = parse_listing(page, "p.txt")
    >>> [(e.title, e.line) for e in entries], problems
    ([('Foo: A Model', 3)], [])
    """
    entries: list[_Entry] = []
    problems: list[Problem] = []
    current: _Entry | None = None
    closed = True  # metadata was seen: the current entry takes no more abstract text

    def finish(entry: _Entry | None) -> None:
        if entry is None:
            return
        if not entry.abstract_lines:
            problems.append(Problem(path=page, line=entry.line,
                                    message=f"title without an abstract skipped: {entry.title[:60]!r}"))
        elif len(entry.abstract.split()) < MIN_ABSTRACT_WORDS:
            problems.append(Problem(path=page, line=entry.line,
                                    message=f"abstract too short to be one, entry skipped: {entry.title[:60]!r}"))
        else:
            entries.append(entry)

    for number, kind, value in _classify(text):
        if kind == "text":
            line = str(value)
            if current is not None and not current.abstract_lines:
                current.abstract_lines.append(line)
            elif current is None or closed or _looks_like_title(line):
                finish(current)
                current = _Entry(title=clean_text(line), line=number)
                closed = False
            else:
                current.abstract_lines.append(line)
            continue
        if current is None:  # the page's own date or stray metadata in the header
            continue
        if kind == "authors":
            current.authors = int(value)  # type: ignore[arg-type]
        elif kind == "org":
            current.organization = clean_text(str(value))
        elif kind == "date":
            m = value
            current.date = parse_date(m.group("mon"), m.group("day"), m.group("year"))  # type: ignore[union-attr]
            if m.group("votes"):  # type: ignore[union-attr]
                current.upvotes = int(m.group("votes"))  # type: ignore[union-attr]
        closed = True
    finish(current)
    return entries, problems


def parse_records(records: Iterable[tuple[int, object]], path: str) -> tuple[list[_Entry], list[Problem]]:
    """Entries from JSON objects; ``records`` yields (line or index, object)."""
    entries: list[_Entry] = []
    problems: list[Problem] = []
    for where, record in records:
        def problem(message: str) -> None:
            problems.append(Problem(path=path, line=where, message=message))

        if not isinstance(record, dict):
            problem(f"record is a {type(record).__name__}, not an object: skipped")
            continue
        title = record.get("title")
        abstract = record.get("abstract")
        if not isinstance(title, str) or not clean_text(title):
            problem("record without a title: skipped")
            continue
        if not isinstance(abstract, str) or not clean_text(abstract):
            problem(f"record without an abstract: skipped ({clean_text(title)[:60]!r})")
            continue
        entry = _Entry(title=clean_text(title), line=where, abstract_lines=[abstract])
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
        url = record.get("url") if isinstance(record.get("url"), str) else None
        arxiv = record.get("arxiv_id") if isinstance(record.get("arxiv_id"), str) else None
        entry.arxiv_id = arxiv_from(arxiv) or arxiv_from(url)
        if url:
            entry.urls = (url,)
        entries.append(entry)
    return entries, problems


def _parse_any_date(text: str) -> str | None:
    text = text.strip()
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", text):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    if m := _DATE_LINE.match(text):
        return parse_date(m.group("mon"), m.group("day"), m.group("year"))
    return None


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


def _read_file(path: Path, label: str) -> tuple[list[_Entry], list[Problem]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(path=label, message=f"cannot read: {exc.strerror or exc}")]
    if not data.strip():
        return [], [Problem(path=label, message="empty file: skipped")]
    text, problem = _decode(data, label)
    if problem:
        return [], [problem]
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            return [], [Problem(path=label, line=exc.lineno, message=f"invalid JSON: {exc.msg}")]
        if isinstance(doc, dict) and isinstance(doc.get("papers"), list):
            doc = doc["papers"]
        if not isinstance(doc, list):
            return [], [Problem(path=label, message="JSON is not a list of paper records")]
        entries, problems = parse_records(enumerate(doc, start=1), label)
        problems = [p.model_copy(update={"message": f"record {p.line}: {p.message}", "line": None})
                    for p in problems]
    elif suffix in JSONL_SUFFIXES:
        records, problems = [], []
        for number, line in _split_lines(text):
            if not line.strip():
                continue
            try:
                records.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                problems.append(Problem(path=label, line=number, message=f"invalid JSON: {exc.msg}"))
        entries, more = parse_records(records, label)
        problems += more
    else:
        entries, problems = parse_listing(text, label)
    if not entries and suffix in JSON_SUFFIXES | JSONL_SUFFIXES:
        problems.append(Problem(path=label, message="no usable paper records in this file"))
    elif not entries:  # the line-by-line complaints would only be noise here
        problems = [Problem(path=label, message="no papers found: not a listing page "
                            "(expected title lines each followed by an abstract)")]
    return entries, problems


def _files(root: Path, problems: list[Problem], exclude: tuple[Path, ...] = ()) -> Iterator[tuple[Path, str]]:
    """Files under an input path, with the label each source is recorded under.

    Directories in ``exclude`` (the build's own output) are never read.
    """
    if root.is_file():
        yield root, root.name
        return
    if not root.is_dir():
        problems.append(Problem(path=str(root), message="no such file or directory"))
        return
    found = False
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if exclude and any(path.resolve().is_relative_to(ex) for ex in exclude):
            continue
        if path.suffix.lower() not in READABLE_SUFFIXES:
            continue
        found = True
        yield path, f"{root.resolve().name}/{rel.as_posix()}"
    if not found:
        problems.append(Problem(path=str(root), message="directory holds no listing or JSON files"))


def read(paths: Iterable[str | Path], on_file=None, exclude: Iterable[str | Path] = ()) -> IngestResult:
    """Read every input and merge papers seen more than once.

    Raises :class:`IngestError` when not a single paper could be read.
    ``on_file(label)`` is called after each file, for progress reporting;
    directories in ``exclude`` (such as the output directory) are skipped.
    """
    excluded = tuple(Path(p).resolve() for p in exclude)
    problems: list[Problem] = []
    seen: dict[str, list[tuple[_Entry, Source]]] = {}
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
                seen.setdefault(key, []).append((entry, Source(page=label, line=entry.line)))
            if on_file:
                on_file(label)
    papers = sorted((_merge(group) for group in seen.values()), key=lambda p: p.key)
    if not papers:
        raise IngestError(problems or [Problem(path="(input)", message="no input paths given")])
    return IngestResult(papers=tuple(papers), problems=tuple(problems),
                        files_read=files_read, entries_read=entries_read)


def _merge(group: list[tuple[_Entry, Source]]) -> Paper:
    """One paper from every sighting; the first sighting in source order wins ties."""
    group = sorted(group, key=lambda es: (es[1].page, es[1].line))
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
    return Paper(
        key=paper_key(first.title, arxiv),
        title=first.title,
        abstract=abstract,
        sources=tuple(dict.fromkeys(s for _, s in group)),
        arxiv_id=arxiv,
        authors=next((e.authors for e in entries if e.authors is not None), None),
        organization=next((e.organization for e in entries if e.organization), None),
        date=date,
        upvotes=max(votes) if votes else None,
        urls=tuple(urls),
    )
