"""JSON paper records (``.json`` arrays or documents, ``.jsonl`` lines, Hugging Face API records) → ``_Entry`` values."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial

from dateutil import parser as dateutil_parser

from kg.clean import plain_text
from kg.ingest_entries import (_SETTLED, MAX_ENTRY_CHARS, MAX_LINE_BYTES, Problem, _Entry, _Problems,
                               arxiv_from, clean_text)

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
        clean_title = clean_text(title) if isinstance(title, str) else ""
        if not clean_title:
            problem("record without a title: skipped")
            continue
        clean_abstract = clean_text(abstract) if isinstance(abstract, str) else ""
        if not clean_abstract:
            problem(f"record without an abstract: skipped ({clean_title[:60]!r})")
            continue
        # Checked on the text as kept: normalisation can make a text longer (NFC: up to three times).
        if len(title) + len(abstract) > MAX_LINE_BYTES or len(clean_title) + len(clean_abstract) > MAX_ENTRY_CHARS:
            problem(f"record longer than {MAX_ENTRY_CHARS:,} characters: skipped ({clean_text(title[:200])[:60]!r})")
            continue
        entry = _Entry(title=_plain(title, clean_title), line=where, abstract_lines=_SETTLED,
                       plain=_plain(abstract, clean_abstract))  # settled: only the plain abstract is kept
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


def _plain(text: str, cleaned: str) -> str:
    """``clean_text(plain_text(text))``, given ``cleaned = clean_text(text)``: most texts hold no markup."""
    plain = plain_text(text)
    return cleaned if plain == text else clean_text(plain)


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

