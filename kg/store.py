"""The persistent SPARQL store beside the exports: ``OUT/kg.oxigraph``, an on-disk Oxigraph database.

Parsing a large Turtle export for every query costs minutes and gigabytes; an
on-disk store opens in a fraction of a second.  ``mlkg build`` writes the store
from the same triples as the RDF exports, into a hidden directory that is
swapped in only when complete, so a reader sees the old store, the new one,
or (for an instant) none, and then falls back to the Turtle file.

A store whose stamp is older than ``kg.ttl`` (a later build wrote the Turtle
but not the store) is stale: :func:`fresh_store` returns ``None`` and callers
parse the Turtle instead.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

STORE_DIR = "kg.oxigraph"
STAMP = "mlkg-store.json"  # inside the store directory: when it was finished, and how many triples
TURTLE = "kg.ttl"
STORE_FORMAT = 1
CHUNK_BYTES = 2**20  # N-Triples handed to the bulk loader at once (it holds them all: ~15 MB)
CHUNK_QUADS = 50_000  # the same for triples made in Python or parsed from Turtle


class StoreError(RuntimeError):
    """The store cannot be written or opened; the message says why in one line."""


def store_path(directory: str | Path) -> Path:
    return Path(directory) / STORE_DIR


def write_store(source: Iterable | Path, out_dir: str | Path) -> Path:
    """Load ``source`` into a new store and swap it in as ``out_dir/kg.oxigraph``.

    ``source`` is an N-Triples or Turtle file (parsed by Oxigraph itself: the
    fastest way in) or an iterable of pyoxigraph Triples.
    """
    tmp = _new_store_dir(out_dir)
    try:
        count = _fill(tmp, lambda store: _load(store, source))
        return _finish(tmp, count, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _new_store_dir(out_dir: str | Path) -> Path:
    """A hidden temporary directory in ``out_dir`` for a store being written, with a plain directory's permissions."""
    from kg.export import _umask

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{STORE_DIR}.", suffix=".tmp", dir=out))
    os.chmod(tmp, 0o777 & ~_umask())
    return tmp


def _fill(tmp: Path, load) -> int:
    """A new database in ``tmp`` filled by ``load(store)``, compacted and closed; its number of triples."""
    import pyoxigraph as ox

    store = ox.Store(str(tmp / "db"))
    load(store)
    store.flush()
    return _compact(store)


def _compact(store) -> int:
    """One compaction (the many chunks' files would slow every later query), then close; the triples' count."""
    store.optimize()
    count = len(store)
    del store  # closes the database before it is moved
    return count


def _finish(tmp: Path, count: int, out_dir: str | Path) -> Path:
    """Stamp the filled store in ``tmp`` (after the exports it was made from: it is fresh) and swap it in."""
    (tmp / STAMP).write_text(json.dumps({"format": STORE_FORMAT, "triples": count,
                                         "finished_ns": time.time_ns()}) + "\n", encoding="utf-8")
    _swap(tmp, store_path(out_dir))
    return store_path(out_dir)


def update_store(out_dir: str | Path, removed: list[bytes], added: list[bytes]) -> Path:
    """The previous store with the triples of ``removed`` taken out and those of ``added`` put in (N-Triples),
    swapped in as a new store: a copy made with hard links to the previous one's immutable files
    (``Store.backup``), so the store of a large graph is not loaded again for a small change.
    """
    import pyoxigraph as ox

    info = stamp(out_dir)
    if not info or info.get("format") != STORE_FORMAT:
        raise StoreError("no complete store to update")
    tmp = _new_store_dir(out_dir)
    try:
        previous = ox.Store.read_only(str(store_path(out_dir) / "db"))
        previous.backup(str(tmp / "db"))
        del previous
        store = ox.Store(str(tmp / "db"))
        count = int(info["triples"]) + _apply(store, removed, added)
        store.flush()
        del store  # closed before it is moved
        return _finish(tmp, count, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _apply(store, removed: list[bytes], added: list[bytes]) -> int:
    """Take out the triples of ``removed``, then put in those of ``added`` (N-Triples, one triple a line, as
    Oxigraph writes them: one text per triple); the change in the number of triples.

    Each node's triples are in its own blocks (no two blocks share a subject), so the previous store is the
    previous blocks' triples, ``removed`` are among them and ``added`` meet none of the others.
    """
    import pyoxigraph as ox

    gone = {line for text in removed for line in text.splitlines()}
    new = {line for text in added for line in text.splitlines()}
    for lines in _bounded(sorted(gone)):
        store.update("DELETE DATA {\n" + b"\n".join(lines).decode("utf-8") + "\n}")
    for lines in _bounded(sorted(new)):
        _load_chunk(store, b"\n".join(lines) + b"\n")
    return len(new) - len(gone)


def _bounded(lines: list[bytes]) -> Iterator[list[bytes]]:
    """``lines`` in runs of about :data:`CHUNK_BYTES`: Oxigraph holds all it is given at once."""
    run: list[bytes] = []
    size = 0
    for line in lines:
        run.append(line)
        size += len(line) + 1
        if size >= CHUNK_BYTES:
            yield run
            run, size = [], 0
    if run:
        yield run


class BackgroundStore:
    """The store loaded in a thread from the N-Triples file as it is written, while the exports render.

    The writer says how much of the file is whole lines (:meth:`feed`); the
    thread reads and bulk-loads it a chunk of :data:`CHUNK_BYTES` at a time,
    never waiting for the file to be finished, and the writer never waits for
    the thread.  Oxigraph parses, sorts and writes without the GIL, so on two
    cores the store costs a build little more than its last chunks.  It is
    compacted after the other exports, so that its memory does not add to
    theirs.  :meth:`finish` stamps and swaps it in once the exports are in
    place; :meth:`abandon` drops it.
    """

    def __init__(self, out_dir: str | Path):
        self.out_dir = out_dir
        self.tmp: Path | None = None
        self.thread = None
        self.store = None
        self.error: BaseException | None = None
        self.changed = threading.Condition()
        self.available, self.ended = 0, False  # bytes of whole lines written so far; no more to come

    def feed(self, nt_path: Path, available: int) -> None:
        """The first ``available`` bytes of ``nt_path`` are whole lines, flushed; the first call starts the thread."""
        if self.thread is None:
            self.tmp = _new_store_dir(self.out_dir)
            fh = nt_path.open("rb")  # open now: the file renamed or removed later is still read whole
            self.thread = threading.Thread(target=self._run, args=(fh,), name="mlkg-store", daemon=True)
            self.thread.start()
        with self.changed:
            self.available = available
            self.changed.notify()

    def _chunks(self, fh) -> Iterator[bytes]:
        """Whole lines of the file as they become available, about CHUNK_BYTES at a time."""
        read = 0
        while True:
            with self.changed:
                while self.available == read and not self.ended:
                    self.changed.wait()
                if self.available == read:
                    return
                size = min(self.available - read, CHUNK_BYTES)
            data = fh.read(size)
            cut = data.rfind(b"\n") + 1 if read + len(data) < self.available else len(data)
            if cut == 0:  # a line longer than a chunk: read on to its end
                cut = len(data) + len(rest := fh.readline())
                data += rest
            fh.seek(read + cut)
            read += cut
            yield data[:cut]

    def _run(self, fh) -> None:
        try:
            import pyoxigraph as ox

            with fh:
                self.store = ox.Store(str(self.tmp / "db"))
                for data in self._chunks(fh):
                    _load_chunk(self.store, data)
                self.store.flush()
        except BaseException as exc:  # raised again by finish(), in the main thread
            self.error = exc

    def _end(self) -> None:
        """No more lines: wait for the thread to load what was written."""
        with self.changed:
            self.ended = True
            self.changed.notify()
        self.thread.join()

    def finish(self) -> Path:
        """Wait for the load, then stamp and swap the store in; a failed load is raised here."""
        self._end()
        try:
            if self.error is not None:
                raise self.error
            # compacted only now, after the other exports: its memory does not add to theirs
            return _finish(self.tmp, self._compacted(), self.out_dir)
        except BaseException:
            self.store = None
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise

    def _compacted(self) -> int:
        store, self.store = self.store, None
        return _compact(store)  # closed when this returns: nothing else holds it

    def abandon(self) -> None:
        """Wait for the load and remove what it wrote (the exports failed: no store of them)."""
        if self.thread is not None:
            self._end()
            self.store = None
            shutil.rmtree(self.tmp, ignore_errors=True)


def _load(store, source: Iterable | Path) -> None:
    """Bulk-load ``source`` a bounded chunk at a time.

    Oxigraph's bulk loader holds and sorts everything it is given at once:
    1.9 GB for the 1.6 million triples of 10,000 papers in one call, about
    0.1 GB in chunks of 4 MB of N-Triples, at about the same speed; chunks of
    1 MB add 30 MB to a build of 100,000 tiny records where 4 MB added 47 MB.
    """
    import pyoxigraph as ox

    if isinstance(source, Path) and source.suffix == ".nt":
        with source.open("rb") as fh:
            _load_nt(store, fh)
        return
    if isinstance(source, Path):
        source = ox.parse(path=str(source), format=ox.RdfFormat.TURTLE)
    quads = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in source)
    while chunk := list(itertools.islice(quads, CHUNK_QUADS)):
        store.bulk_extend(chunk)


def _load_nt(store, fh) -> None:
    """N-Triples from an open binary file, a bounded chunk of whole lines at a time."""
    while lines := fh.readlines(CHUNK_BYTES):
        _load_chunk(store, b"".join(lines))


def _load_chunk(store, data: bytes) -> None:
    """Whole N-Triples lines into the store at once."""
    import pyoxigraph as ox

    store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the previous store is moved aside first and then removed."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{STORE_DIR}.", suffix=".old", dir=target.parent))
        os.replace(target, old / "store")
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def stamp(directory: str | Path) -> dict | None:
    """The store's stamp, or None when there is no complete store in ``directory``."""
    try:
        return json.loads((store_path(directory) / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def fresh_store(directory: str | Path) -> Path | None:
    """The store's database path if it exists and is not older than ``kg.ttl``; else None."""
    directory = Path(directory)
    if not directory.is_dir():
        return None
    info = stamp(directory)
    if not info or info.get("format") != STORE_FORMAT:
        return None
    try:
        turtle_ns = (directory / TURTLE).stat().st_mtime_ns
    except OSError:
        turtle_ns = None
    if turtle_ns is not None and turtle_ns > int(info.get("finished_ns", 0)):
        return None
    return store_path(directory) / "db"


def open_store(directory: str | Path):
    """The fresh store of ``directory`` opened read-only, or None (then use the Turtle export)."""
    import pyoxigraph as ox

    db = fresh_store(directory)
    if db is None:
        return None
    try:
        return ox.Store.read_only(str(db))
    except OSError as exc:
        raise StoreError(f"cannot open the store {db.parent}: {exc}") from None
