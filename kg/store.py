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
import time
from collections.abc import Iterable
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


class BackgroundStore:
    """The store loaded from an N-Triples file in a thread, while the other exports are rendered.

    Oxigraph parses, sorts and writes without the GIL, so on two cores the
    store costs a build little more than the wait for its last chunk; it is
    compacted after the other exports, so that its memory does not add to theirs.  The file
    is opened when the thread starts: the export renamed over it meanwhile, or a
    temporary file removed after a failure, is still read whole.  :meth:`finish`
    stamps and swaps it in once the exports are in place; :meth:`abandon` drops it.
    """

    def __init__(self, out_dir: str | Path):
        self.out_dir = out_dir
        self.tmp: Path | None = None
        self.thread = None
        self.store = None
        self.error: BaseException | None = None

    def start(self, nt_path: Path) -> None:
        import threading

        self.tmp = _new_store_dir(self.out_dir)
        fh = nt_path.open("rb")
        self.thread = threading.Thread(target=self._run, args=(fh,), name="mlkg-store", daemon=True)
        self.thread.start()

    def _run(self, fh) -> None:
        try:
            import pyoxigraph as ox

            with fh:
                self.store = ox.Store(str(self.tmp / "db"))
                _load_nt(self.store, fh)
                self.store.flush()
        except BaseException as exc:  # raised again by finish(), in the main thread
            self.error = exc

    def finish(self) -> Path:
        """Wait for the load, then stamp and swap the store in; a failed load is raised here."""
        self.thread.join()
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
            self.thread.join()
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
    import pyoxigraph as ox

    while lines := fh.readlines(CHUNK_BYTES):
        store.bulk_load(input=b"".join(lines), format=ox.RdfFormat.N_TRIPLES)


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
