"""Listing pages and JSON records → merged ``Paper`` records: finding the input files, reading them, merging.

One module per concern:

* ``kg/ingest_entries.py``: the limits, ``_Entry`` (a paper as seen in one
  place), :class:`Problem`, :class:`IngestResult`, keys and text cleaning;
* ``kg/ingest_listing.py``: listing pages, by one line classifier;
* ``kg/ingest_records.py``: JSON records (plain or Hugging Face API records);
* this module: which files to read (:func:`_files`), how each suffix is read
  (:func:`_read_file`), and :func:`read`, which merges every sighting of a
  paper into one ``Paper``.

Bad input never raises out of :func:`read` except when nothing at all could be
read; every skipped file or entry becomes a :class:`Problem` naming the file and
line, so the caller can warn with a count.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from kg import jsonstream
from kg.ingest_entries import (MAX_COUNT_DIGITS, MAX_ENTRY_CHARS, MAX_LINE_BYTES,  # noqa: F401 (kg.ingest API)
                               MAX_PROBLEMS_PER_FILE, MAX_TITLE_CHARS, MIN_ABSTRACT_WORDS, IngestError,
                               IngestResult, Problem, _count, _Entry, _Problems, arxiv_from, clean_text, find_urls,
                               normalize_title, paper_key)
from kg.ingest_listing import parse_date, parse_listing  # noqa: F401 (kg.ingest API)
from kg.ingest_records import parse_records  # noqa: F401 (kg.ingest API)
from kg.memory import compact
from kg.model import Paper, Source
from kg.safe_text import drop_controls

LISTING_SUFFIXES = {".txt", ".md", ".text", ".html", ".htm", ""}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = LISTING_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

MAX_JSON_BYTES = 64 * 2**20  # a .json document that is not an array is parsed whole; arrays are streamed
_NOT_AN_ESCAPE = re.compile(r"[\ud800-\udc7f\udd00-\udfff]")  # surrogateescape makes only U+DC80-U+DCFF


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
    result, papers = read_streamed(paths, on_file, exclude)
    return result.model_copy(update={"papers": tuple(sorted(papers, key=lambda p: p.key))})


def read_streamed(paths: Iterable[str | Path], on_file=None, exclude: Iterable[str | Path] = (),
                  read_file=None) -> tuple[IngestResult, Iterator[Paper]]:
    """:func:`read` with the papers (``IngestResult.papers`` is empty) given one at a time, in the order
    they were first read (:func:`read` sorts them by key).

    Each paper is made only when it is asked for and its sightings are let go then, in the order
    they were made: a build that makes its graph nodes as they come never holds every paper at
    once, and the memory of the sightings is freed in whole blocks, which the nodes reuse.
    ``read_file(path, label)`` replaces the reading of one file (:meth:`kg.cache.ReadCache.read_file`).
    """
    excluded = tuple(Path(p).resolve() for p in exclude)
    problems: list[Problem] = []
    seen: dict[str, _Entry | list[_Entry]] = {}
    entries: list[_Entry] = []
    files_read = entries_read = 0
    for given in paths:
        for path, label in _files(Path(given), problems, excluded):
            entries, file_problems = (read_file or _read_file)(path, label)
            problems.extend(file_problems)
            files_read += 1
            entries_read += len(entries)
            for entry in entries:
                key = normalize_title(entry.title)
                if not key:
                    problems.append(Problem(path=label, line=entry.line,
                                            message="title has no letters or digits: skipped"))
                    continue
                entry.page = label  # the Source is made once merged
                earlier = seen.get(key)  # a title seen once (most) is its entry alone, not a list of one
                if earlier is None:
                    seen[key] = entry
                elif isinstance(earlier, list):
                    earlier.append(entry)
                else:
                    seen[key] = [earlier, entry]
            if on_file:
                on_file(label)
    groups = list(seen.values())
    del seen, entries
    if not groups:
        raise IngestError(problems or [Problem(path="(input)", message="no input paths given")])
    result = IngestResult(papers=(), problems=tuple(problems), files_read=files_read, entries_read=entries_read)
    return result, _merge_by_key(groups)


def _merge_by_key(groups: list[_Entry | list[_Entry]]) -> Iterator[Paper]:
    """One paper per group of sightings (an entry alone, or a list), and one per key, in the order of the
    groups: titles that share an arXiv id are one paper.

    Groups that share a key are joined until no two do; only then is each made a paper, as it is
    asked for, and its group let go, so a build never holds every entry and every paper at once.
    """
    while True:
        merged: dict[str, _Entry | list[_Entry]] = {}
        for group in groups:
            key = _key_of(_listed(group))
            if key in merged:
                merged[key] = [*_listed(merged[key]), *_listed(group)]
            else:
                merged[key] = group
        if len(merged) == len(groups):
            break
        groups = list(merged.values())
    keys = list(merged)  # the key of each group, in order: no group was joined in the last round
    del merged
    for i, key in enumerate(keys):
        group, groups[i] = groups[i], _DONE
        yield _merge(_listed(group), key)


def _listed(group: _Entry | list[_Entry]) -> list[_Entry]:
    return group if isinstance(group, list) else [group]


_DONE: list[_Entry] = []  # a group already made a paper


def _sightings(group: list[_Entry]) -> tuple[list[_Entry], list[str], str | None]:
    """The sightings in source order, the URLs they give, and the arXiv id they name."""
    entries = sorted(group, key=lambda e: (e.page, e.line)) if len(group) > 1 else group  # most are seen once
    urls: list[str] = []
    for e in entries:
        for url in (*e.urls, *find_urls(e.abstract)):
            if url not in urls:
                urls.append(url)
    arxiv = next((e.arxiv_id for e in entries if e.arxiv_id), None) or arxiv_from(None, urls)
    return entries, urls, arxiv


def _key_of(group: list[_Entry]) -> str:
    """The key of the paper :func:`_merge` makes of ``group``."""
    entries, _, arxiv = _sightings(group)
    return paper_key(entries[0].title, arxiv)


def _merge(group: list[_Entry], key: str) -> Paper:
    """One paper from every sighting (``key``: its :func:`_key_of`); the first sighting in source order wins ties."""
    entries, urls, arxiv = _sightings(group)
    first = entries[0]
    abstract = max((e.abstract for e in entries), key=len)
    dated = [e.date for e in entries if e.date]
    date = next((d for d in dated if not d.startswith("--")), dated[0] if dated else None)
    votes = [e.upvotes for e in entries if e.upvotes is not None]
    return compact(Paper(
        key=key,
        title=first.title,
        abstract=abstract,
        sources=tuple(dict.fromkeys(compact(Source(page=e.page, line=e.line)) for e in entries)),
        arxiv_id=arxiv,
        authors=next((e.authors for e in entries if e.authors is not None), None),
        organization=next((e.organization for e in entries if e.organization), None),
        date=date,
        upvotes=max(votes) if votes else None,
        urls=tuple(urls),
    ))
