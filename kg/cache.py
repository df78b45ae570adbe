"""The per-paper extraction cache and the record of a build's inputs, for incremental builds.

Extraction is most of a build's time, and a paper's extraction depends only on
its title and abstract and on the extractor itself.  So each build keeps, in
``OUT/.mlkg-cache/extractions.sqlite``, every paper's mentions under a key
made of its text and of the **extractor's version**: a hash of the sources of
``kg/extract`` and the modules it reads, of every file in ``kg/data`` and of
spaCy's version.  Changing any of them changes every key, so a stale
extraction is never reused (rows of other versions are dropped after a build).

``mlkg build NEW --out DIR --update`` reads the inputs the earlier build of
DIR recorded (``inputs.json``) together with NEW, extracts only the papers the
cache does not hold, and resolves and exports everything again: the result is
what a full build of all the inputs gives.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from kg.model import Paper, PaperExtraction

CACHE_DIR = ".mlkg-cache"
DATABASE = "extractions.sqlite"
INPUTS = "inputs.json"
_PACKAGE = Path(__file__).resolve().parent
# What extraction reads besides kg/extract and kg/data (see the imports of kg/extract).
_EXTRACTOR_MODULES = ("names.py", "catalogue.py", "model.py")
_LOOKUP_CHUNK = 500


class UpdateError(ValueError):
    """An incremental build that cannot be done; the message says why in one line."""


def source_digest(header: str, paths: Iterable[Path]) -> str:
    """A hash of ``header`` and of each file of the package among ``paths`` (its name and bytes): the version
    of whatever those files decide, for a cache keyed by it."""
    h = hashlib.sha256(header.encode())
    for path in paths:
        if path.is_file():
            h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:32]


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of everything that decides what extraction finds: same hash, same output."""
    from importlib.metadata import version

    files = sorted((_PACKAGE / "extract").rglob("*.py")) + [_PACKAGE / m for m in _EXTRACTOR_MODULES]
    files += sorted(p for p in (_PACKAGE / "data").rglob("*") if p.is_file())
    return source_digest(f"spacy {version('spacy')}\n", files)  # spaCy itself is not loaded for its version


def paper_digest(paper: Paper, version: str) -> bytes:
    """The cache key of one paper, its text and the extractor's version, as the digest's bytes (65 bytes
    held in memory, not 113 as hex text; the table stores the hex)."""
    return hashlib.sha256(f"{version}\0{paper.title}\0{paper.abstract}".encode()).digest()


@contextmanager
def _connect(directory: Path) -> Iterator[sqlite3.Connection]:
    """The cache database in ``directory``, in one transaction; its errors (a full disk) are OSErrors, as for
    the exports.  It holds the extractions (:class:`ExtractionCache`) and the inputs read (:class:`ReadCache`)."""
    directory.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(directory / DATABASE, timeout=60)
        try:
            with db:
                db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, version TEXT, mentions TEXT)")
                db.execute("CREATE TABLE IF NOT EXISTS input (key TEXT PRIMARY KEY, version TEXT, digest TEXT, "
                           "data TEXT)")
                yield db
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise OSError(f"the extraction cache {directory / DATABASE}: {exc}") from None


class ExtractionCache:
    """Extractions by paper text, in an SQLite file beside the exports."""

    def __init__(self, out_dir: str | Path):
        self.dir = Path(out_dir) / CACHE_DIR
        self.version = extractor_version()
        self.hits = self.misses = 0

    def extract(self, papers: Sequence[Paper],
                extract: Callable[[list[Paper]], list[PaperExtraction | None]]) -> list[PaperExtraction | None]:
        """Every paper's extraction, in order: cached ones read, the others made by ``extract`` and stored.

        None (from the cache, or from a sparse ``extract``) stands for a paper in which nothing was
        found.  Lean on a large first build: digests are made a chunk at a time, never held for every
        paper, and with nothing cached the papers go to ``extract`` as they are and its list is
        returned as is.
        """
        with _connect(self.dir) as db:
            found = self._lookup(db, papers)
        todo = [i for i, p in enumerate(papers) if self._digest(p) not in found] if found else range(len(papers))
        made = (extract([papers[i] for i in todo] if found else papers) if todo else [])
        self.hits, self.misses = len(papers) - len(todo), len(todo)
        with _connect(self.dir) as db:
            db.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?, ?)",
                           ((self._digest(papers[i]).hex(), self.version, _dump(ex)) for i, ex in zip(todo, made)))
        if not found:
            return made
        fresh = iter(made)
        return [_load(p.key, found[d]) if (d := self._digest(p)) in found else next(fresh) for p in papers]

    def _digest(self, paper: Paper) -> bytes:
        return paper_digest(paper, self.version)

    def _lookup(self, db: sqlite3.Connection, papers: Sequence[Paper]) -> dict[bytes, str]:
        """The stored extractions of these papers, by digest."""
        found: dict[bytes, str] = {}
        for i in range(0, len(papers), _LOOKUP_CHUNK):
            chunk = [self._digest(p).hex() for p in papers[i:i + _LOOKUP_CHUNK]]
            marks = ",".join("?" * len(chunk))
            rows = db.execute(f"SELECT key, mentions FROM extraction WHERE key IN ({marks})", chunk)
            found.update((bytes.fromhex(key), mentions) for key, mentions in rows)
        return found

    def prune(self) -> None:
        """Drop the extractions of other extractor versions: they can never be read again."""
        with _connect(self.dir) as db:
            db.execute("DELETE FROM extraction WHERE version != ?", (self.version,))

    def record_inputs(self, paths: Sequence[str | Path]) -> None:
        """Remember the inputs of the build just written, for a later ``--update``."""
        from kg.export import write_atomic

        self.dir.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"inputs": [str(p) for p in absolute(paths)]}, indent=1, ensure_ascii=False) + "\n"
        write_atomic(self.dir / INPUTS, lambda fh: fh.write(data.encode("utf-8")))

    def earlier_inputs(self) -> list[Path]:
        """The inputs the earlier build recorded; each must still be there."""
        try:
            inputs = [Path(p) for p in json.loads((self.dir / INPUTS).read_text(encoding="utf-8"))["inputs"]]
        except (OSError, ValueError, KeyError, TypeError):
            raise UpdateError(f"{self.dir.parent} holds no earlier build to update "
                              "(build it once without --update)") from None
        missing = [str(p) for p in inputs if not p.exists()]
        if missing:
            raise UpdateError(f"an input of the earlier build is gone: {missing[0]} "
                              "(rebuild without --update from the inputs you have)")
        return inputs


def absolute(paths: Sequence[str | Path]) -> list[Path]:
    """Paths made absolute, each once, in order."""
    return list(dict.fromkeys(Path(p).resolve() for p in paths))


def _dump(extraction: PaperExtraction | None) -> str:
    """Everything extracted from one paper (mentions and experiments), without its key; None is nothing."""
    if extraction is None:
        return "{}"
    return json.dumps(extraction.model_dump(mode="json", exclude_defaults=True, exclude={"paper_key"}),
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _load(paper_key: str, stored: str) -> PaperExtraction | None:
    """The extraction :func:`_dump` stored, validated from the JSON text itself (a third faster than via dicts);
    None for a paper in which nothing was found."""
    if stored == "{}":
        return None
    head = '{"paper_key":' + json.dumps(paper_key, ensure_ascii=False)
    return PaperExtraction.model_validate_json(head + "," + stored[1:])


# What reading an input file depends on besides its bytes and its label (see the imports of kg/ingest*.py).
_READER_MODULES = ("ingest.py", "ingest_entries.py", "ingest_listing.py", "ingest_records.py", "clean.py",
                   "safe_text.py", "model.py", "keys.py", "names.py", "memory.py", "cache.py")
# an entry's fields that only reading uses (its lines, their count) or that the caller sets (its page)
_READING_STATE = frozenset({"abstract_lines", "chars", "too_long", "page", "_plain", "urls"})


@lru_cache(maxsize=1)
def reader_version() -> str:
    """A hash of the code that turns an input file into entries: same hash and same bytes, same entries."""
    from importlib.metadata import version

    return source_digest(f"{version('python-dateutil')} {version('pylatexenc')} {extractor_version()}\n",
                         [_PACKAGE / name for name in _READER_MODULES])


class ReadCache:
    """The entries and problems each input file gave, by its path, label and the digest of its bytes.

    Reading (parsing JSON or a listing page, cleaning the text) is the part of a build that an update repeats
    for every earlier input; a file whose bytes are unchanged is read back from here instead (a fraction
    of the time: its entries are stored settled, as JSON, and made again without any parsing or cleaning).
    """

    def __init__(self, out_dir: str | Path):
        self.dir = Path(out_dir) / CACHE_DIR
        self.version = reader_version()

    def read_file(self, path: Path, label: str) -> tuple[list, list]:
        """:func:`kg.ingest._read_file`, from the cache when this file was read before with these bytes."""
        from kg import ingest

        try:
            with path.open("rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
        except OSError:
            return ingest._read_file(path, label)  # it says why
        # a file name need not be UTF-8: its bytes are hashed, never stored as text
        key = hashlib.sha256(os.fsencode(path.resolve()) + b"\0" + label.encode("utf-8", "surrogatepass")).hexdigest()
        with _connect(self.dir) as db:
            row = db.execute("SELECT data FROM input WHERE key = ? AND version = ? AND digest = ?",
                             (key, self.version, digest)).fetchone()
        if row is not None:
            return _entries_from(row[0])
        entries, problems = ingest._read_file(path, label)
        with _connect(self.dir) as db:
            db.execute("INSERT OR REPLACE INTO input VALUES (?, ?, ?, ?)",
                       (key, self.version, digest, _entries_text(entries, problems)))
        return entries, problems


@lru_cache(maxsize=1)
def _entry_fields() -> tuple[str, ...]:
    """The fields of a settled entry that are stored: every field but reading's own state."""
    import dataclasses

    from kg.ingest_entries import _Entry

    return tuple(f.name for f in dataclasses.fields(_Entry) if f.name not in _READING_STATE)


def _entries_text(entries: list, problems: list) -> str:
    rows = [[getattr(e, f) for f in _entry_fields()] + [list(e.urls)] for e in entries]
    # escaped to ASCII: a lone surrogate in a message survives the database
    return json.dumps({"entries": rows, "problems": [p.model_dump() for p in problems]})


def _entries_from(text: str) -> tuple[list, list]:
    """The settled entries (as every file reader returns them) and problems :func:`_entries_text` stored."""
    from kg.ingest_entries import _SETTLED, Problem, _Entry

    data = json.loads(text)
    names = _entry_fields()
    entries = [_Entry(**dict(zip(names, row)), abstract_lines=_SETTLED, urls=tuple(row[-1])) for row in data["entries"]]
    return entries, [Problem(**p) for p in data["problems"]]
