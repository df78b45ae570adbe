"""Incremental RDF exports: a node whose content has not changed is copied from the previous files, not remade.

Turtle, N-Triples and JSON-LD are each a header, then the text of every block of
:func:`kg.export.rdf.block_ids` in order (a node's triples, a paper's evidence),
then a tail: a block's text depends on its node's attributes and out-edges alone
(tests/test_splice.py checks that the blocks' texts, joined, are the file).  So
each build keeps, in ``OUT/.mlkg-cache/fragments.json``, every node's content
digest and each block's place (offset, length) in each file, and the next build
into the same directory renders only the blocks of nodes that are new or whose
digest changed; the others are copied from the previous files, which are still
in place while the new ones are written, by the kernel (``os.copy_file_range``,
consecutive blocks as one run): no byte of an unchanged block passes through
Python.

A stale or damaged index never gives a wrong export: the index is keyed by the
version of the export code (and the extractor's), carries its own checksum, and
names the size, modification and change times and inode of each file it
describes, as this build wrote them (a file changed before the index is saved
gets none).  Any write to a file changes its change time, which ``os.utime``
cannot set back, and the index is saved only once the clock has passed the
files' times (:func:`wait_past`), so a later edit cannot share them.  Any
mismatch raises :class:`Stale` and the formats are rendered again from
scratch (and the store, if its loader was fed the abandoned file, is loaded
from the new files).

The N-Triples of blocks not copied (removed or changed nodes) and of blocks
rendered are the delta that brings the previous SPARQL store up to date
(:func:`kg.store.update_store`), up to :data:`DELTA_BYTES` of each; a larger
change loads the store anew rather than hold it all.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import BinaryIO

import networkx as nx
import pyoxigraph as ox

from kg.export import jsonld, rdf
from kg.export.rdf_plain import PlainPaper, render

INDEX = "fragments.json"
INDEX_FORMAT = 3
ORDER = ("ttl", "nt", "jsonld")  # the formats a block's places are listed for, in this order
NT_FEED_BYTES = 2**20
COPY_BYTES = 2**23  # read at once where the kernel cannot copy between the files
DELTA_BYTES = 64 * 2**20  # N-Triples of changed blocks kept to patch the store; past it the store is reloaded
_PACKAGE = Path(__file__).resolve().parents[1]


class Stale(RuntimeError):
    """The previous files are not what the index says: render everything again."""


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of everything that decides a block's text: export code, ontology, Oxigraph, the extractor."""
    from kg.cache import extractor_version, source_digest

    files = sorted((_PACKAGE / "export").rglob("*.py")) + sorted((_PACKAGE / "ontology").rglob("*"))
    files += [_PACKAGE / "graph.py", _PACKAGE / "predicates.py"]
    return source_digest(f"{ox.__version__} {sys.version_info[:2]} {extractor_version()}\n", files)


class _Pickled(io.BytesIO):
    """A buffer and a pickler without memo (``fast``): the bytes of a value depend on the value alone, not on
    which of its parts are one object."""

    def __init__(self) -> None:
        super().__init__()
        self.pickler = pickle.Pickler(self, protocol=5)
        self.pickler.fast = True

    def digest(self, value: object) -> str:
        self.seek(0)
        self.truncate()
        self.pickler.dump(value)
        return hashlib.blake2b(self.getbuffer(), digest_size=12).hexdigest()


_pickled = _Pickled()


def node_digest(g: nx.MultiDiGraph, iri: str) -> str:
    """What a node's blocks are made from: its attributes and its out-edges with theirs, pickled (no rdflib or
    Oxigraph terms made; 2.3 times faster than their sorted JSON, which was as long as rendering the
    node-link JSON).  The out-edges are taken in the graph's order, which the node-link JSON keeps (the RDF
    sorts them): the same edges in another order, or equal values of another type, give another digest, so
    the node is rendered again, never a changed one copied."""
    edges = [(target, key, data) for target, keyed in g._succ[iri].items() for key, data in keyed.items()]
    return _pickled.digest((iri, g._node[iri], edges))


@dataclass
class Index:
    """What the previous build wrote: node digests, the blocks' places per format, and the files' identity."""

    version: str
    files: dict[str, dict]  # format → its IDENTITY
    nodes: dict[str, str]  # IRI → digest
    blocks: dict[str, list[int]]  # kind + IRI → offset, length per format of ORDER that was written
    store_ns: int | None = None  # the stamp of the store made from these files, if any
    json: dict[str, list[int]] = field(default_factory=dict)  # IRI → its out-edges' and its record's places
    html: dict[str, list] = field(default_factory=dict)  # IRI → page digest, its edges' and record's places

    def formats(self) -> list[str]:
        """The formats whose places each block lists, in that order."""
        return [f for f in ORDER if f in self.files]

    def dump(self) -> bytes:
        body = json.dumps({"format": INDEX_FORMAT, "version": self.version, "files": self.files,
                           "store_ns": self.store_ns, "nodes": self.nodes, "blocks": self.blocks,
                           "json": self.json, "html": self.html},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return hashlib.sha256(body).hexdigest().encode() + b"\n" + body

    @classmethod
    def load(cls, cache_dir: Path) -> Index | None:
        """The index in ``cache_dir``, or None when there is none, it is damaged or of other code."""
        try:
            raw = (cache_dir / INDEX).read_bytes()
            checksum, _, body = raw.partition(b"\n")
            if hashlib.sha256(body).hexdigest().encode() != checksum:
                return None
            data = json.loads(body)
            if data.get("format") != INDEX_FORMAT or data.get("version") != code_version():
                return None
            return cls(data["version"], data["files"], data["nodes"], data["blocks"], data.get("store_ns"),
                       data["json"], data["html"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, cache_dir: Path) -> None:
        from kg.export import write_atomic

        cache_dir.mkdir(parents=True, exist_ok=True)
        data = self.dump()
        write_atomic(cache_dir / INDEX, lambda fh: fh.write(data))


def forget(cache_dir: Path) -> None:
    """Drop the index (the files it describes are about to change without a new one)."""
    (cache_dir / INDEX).unlink(missing_ok=True)


IDENTITY = ("size", "mtime_ns", "ctime_ns", "ino")  # what says a file is the one the index describes


def file_identity(st: os.stat_result) -> dict:
    """A file's size, times and inode: any write to it, or ``os.utime`` after one, changes its ctime, which
    no user can set back (the stat data git and make trust; no byte of the file read)."""
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns, "ino": st.st_ino}


def wait_past(ns: int) -> None:
    """Return once the clock that stamps files has passed ``ns``: a later change to a file stamped ``ns`` or
    before gets a later time, so a time recorded now cannot also be that of an edit made after it
    (at most one tick, a few milliseconds)."""
    coarse = getattr(time, "CLOCK_REALTIME_COARSE", 5 if sys.platform.startswith("linux") else None)
    if coarse is None:  # not Linux: whole seconds at worst
        ns += 10**9
    now = time.clock_gettime_ns(coarse) if coarse is not None else time.time_ns()
    while now <= ns:
        time.sleep(min(0.002, (ns - now + 1) / 1e9))
        now = time.clock_gettime_ns(coarse) if coarse is not None else time.time_ns()


def _copy_range(src: int, dst: int, offset: int, at: int, length: int) -> None:
    """``length`` bytes of file ``src`` from ``offset`` into file ``dst`` at ``at``, in the kernel
    (copy_file_range: no byte through Python), else by pread and pwrite."""
    end = offset + length
    while offset < end:
        try:
            done = os.copy_file_range(src, dst, end - offset, offset, at)
        except (AttributeError, OSError):  # no such call, or not between these file systems
            data = os.pread(src, min(end - offset, COPY_BYTES), offset)
            done = os.pwrite(dst, data, at) if data else 0
        if done <= 0:
            raise Stale("a previous file ended before a block the index places in it")
        offset, at = offset + done, at + done


class _Old:
    """A previous export, open and checked against its index (size, times, inode) before any block is
    copied out of it, front to back; its bytes are never read but those of blocks not copied, when
    they are wanted (the store's delta)."""

    def __init__(self, path: Path, expected: dict, keep_skipped: bool = False, unordered: bool = False):
        try:
            self.fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError as exc:  # moved or deleted since: made whole, and the index with it
            raise Stale(f"{path.name} is gone") from exc
        try:
            st = os.fstat(self.fd)
            if file_identity(st) != {k: expected.get(k) for k in IDENTITY}:
                raise Stale(f"{path.name} changed since the index was written")
        except BaseException:
            os.close(self.fd)
            raise
        self.size, self.pos, self.unordered = st.st_size, 0, unordered
        self.skipped: list[bytes] | None = [] if keep_skipped else None
        self.skipped_bytes = 0

    def _skip_to(self, offset: int) -> None:
        if offset < self.pos or offset > self.size:
            raise Stale("a block's place in the index is out of order or past the end")
        if self.skipped is not None and offset > self.pos:
            self.skipped_bytes += offset - self.pos
            if self.skipped_bytes > DELTA_BYTES:
                self.skipped = None  # a large change: the store is loaded anew, not patched
            else:
                data = os.pread(self.fd, offset - self.pos, self.pos)
                if len(data) != offset - self.pos:
                    raise Stale("a previous file is shorter than its index says")
                self.skipped.append(data)
        self.pos = offset

    def take(self, offset: int, length: int) -> None:
        """The block at ``offset`` is copied: what lies before it is skipped (blocks of a file opened
        ``unordered`` may come in any order)."""
        if not self.unordered:
            self._skip_to(offset)
        if offset < 0 or length < 0 or offset + length > self.size:
            raise Stale("a block's place in the index is past the end")
        self.pos = offset + length

    def finish(self) -> None:
        """The rest of the file is not copied (its tail, or removed blocks)."""
        self._skip_to(self.size)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class _Out:
    """One new export file: its bytes counted as written; consecutive blocks copied from one previous file
    are copied as one run."""

    def __init__(self, fh: BinaryIO):
        self.fh, self.pos = fh, 0  # pos: the bytes written and those of the run pending
        self.run: list | None = None  # [old file, offset in it, length] not copied yet

    def write(self, data: bytes) -> None:
        if self.run is not None:
            self.flush()
        self.fh.write(data)
        self.pos += len(data)

    def copy(self, old: _Old, offset: int, length: int, separator: bytes) -> None:
        """A block of ``old`` after ``separator``; joined to the pending run when the old file has the
        block right after it, with the same separator between (the files are written alike)."""
        old.take(offset, length)
        run = self.run
        if run is not None and run[0] is old and run[1] + run[2] + len(separator) == offset:
            run[2] += len(separator) + length
            self.pos += len(separator) + length
            return
        if separator:
            self.write(separator)
        if self.run is not None:
            self.flush()
        self.run = [old, offset, length]
        self.pos += length

    def piece(self, old: _Old | None, known: Sequence[int] | None, separator: bytes,
              make: Callable[[], bytes]) -> list[int]:
        """One node's part after ``separator``: copied from ``old`` when ``known`` gives its (offset, length)
        there and it is not empty, else ``make()``; its [offset, length] in the new file."""
        if old is not None and known is not None and known[1]:
            self.copy(old, known[0], known[1], separator)
            return [self.pos - known[1], known[1]]
        data = make()
        self.write(separator)
        self.write(data)
        return [self.pos - len(data), len(data)]

    def flush(self) -> None:
        """The pending run copied into place."""
        if self.run is None:
            return
        old, offset, length = self.run
        self.run = None
        self.fh.flush()
        _copy_range(old.fd, self.fh.fileno(), offset, self.pos - length, length)
        self.fh.seek(self.pos)


@dataclass
class Fragments:
    """The splicing state of one build into ``OUT``: the index read before, and what the build made."""

    cache_dir: Path
    previous: Index | None = None
    index: Index | None = None  # the new one, once the files are written
    added: list[bytes] | None = None  # N-Triples rendered, when blocks were copied (the store's delta)
    removed: list[bytes] | None = None  # N-Triples of the previous file not copied
    copied: int = 0
    rendered: int = 0
    restarted: bool = False  # written again without copying after the first attempt fed the store's loader
    written: dict[str, tuple] = field(default_factory=dict)  # format → (inode, size, mtime) of the new file
    placed: dict[str, dict] = field(default_factory=dict)  # format → its IDENTITY once renamed into place

    def __post_init__(self) -> None:
        self.previous = Index.load(self.cache_dir)

    def save(self, out_dir: Path, store_ns: int | None) -> None:
        """Record the files just put in place in ``out_dir`` (and the stamp of the store made from them)."""
        from kg.export.formats import get

        if self.index is None:
            return
        paths = {f: out_dir / get(f).file for f in self.index.files}
        try:
            wait_past(max(p.stat().st_ctime_ns for p in paths.values()))
            stats = {f: p.stat() for f, p in paths.items()}
        except OSError:
            return
        if any(file_identity(st) != self.placed.get(f) for f, st in stats.items()):
            return  # changed since this build put it in place: no index, the next build renders everything
        self.index.files = {f: file_identity(st) for f, st in stats.items()}
        self.index.store_ns = store_ns
        self.index.save(self.cache_dir)

    def seal(self, fhs: dict[str, BinaryIO]) -> None:
        """The new files are written and synced: their identity noted, and the clock let pass their
        time, so that any later change to them changes it."""
        for f, fh in fhs.items():
            st = os.fstat(fh.fileno())
            self.written[f] = (st.st_ino, st.st_size, st.st_mtime_ns)
        if fhs:
            wait_past(max(w[2] for w in self.written.values()))

    def place(self, out_dir: Path) -> None:
        """The sealed files are renamed into ``out_dir``: each one's whole identity noted as it is now (a
        rename changes a file's ctime), so that :meth:`save` trusts no file changed after this, even one
        whose mtime was set back."""
        from kg.export.formats import get

        for f, (ino, size, mtime) in self.written.items():
            try:
                st = (out_dir / get(f).file).stat()
            except OSError:
                continue
            if (st.st_ino, st.st_size, st.st_mtime_ns) == (ino, size, mtime):
                self.placed[f] = file_identity(st)
        if self.placed:
            wait_past(max(identity["ctime_ns"] for identity in self.placed.values()))


class _Writer:
    """The new files, each block copied from the previous ones or rendered, its places recorded."""

    def __init__(self, outputs: dict[str, BinaryIO], old: dict[str, _Old] | None, previous: Index | None,
                 on_nt: Callable[[], None] | None):
        self.formats = [f for f in ORDER if f in outputs]
        self.out = {f: _Out(outputs[f]) for f in self.formats}
        self.old, self.previous, self.on_nt, self.flushed = old, previous, on_nt, 0
        self.slots = [previous.formats().index(f) for f in self.formats] if old else []
        self.index = Index(code_version(), {f: {} for f in self.formats}, {}, {})
        self.compactor = jsonld._Compactor(jsonld.context())
        self.first, self.ttl_header = True, rdf._turtle_header()
        self.added: list[bytes] | None = [] if old else None
        self.added_bytes = 0
        if "jsonld" in self.out:
            jsonld.Writer(self.out["jsonld"])  # writes the context and opens the @graph array
        self.copied = self.rendered = 0

    def block(self, g: nx.MultiDiGraph, kind: str, iri: str, digest: str) -> None:
        key = kind + iri
        if self.old is not None and self.previous.nodes.get(iri) == digest:
            places = self.previous.blocks.get(key)
            if places is None and kind == "e":
                return  # the same paper had no evidence before
            if places is not None:
                self._copy(key, places)
                self.copied += 1
                return
        block = rdf.make_block(g, kind, iri, plain=True)
        if not block:
            return
        texts = _texts(block, self.formats, self.compactor, self.ttl_header)
        self.rendered += 1
        if self.added is not None and "nt" in texts:
            self.added.append(texts["nt"])
            self.added_bytes += len(texts["nt"])
            if self.added_bytes > DELTA_BYTES:
                self.added = None  # a large change: the store is loaded anew, not patched
        self._write(key, texts)

    def _separator(self, f: str) -> bytes:
        if f == "jsonld":
            return b"\n" if self.first else b",\n"
        return self.ttl_header if f == "ttl" and self.first else b""

    def _copy(self, key: str, places: list[int]) -> None:
        """An unchanged block, copied from the previous file of each format."""
        mine: list[int] = []
        for f, s in zip(self.formats, self.slots):
            out, offset, length = self.out[f], places[2 * s], places[2 * s + 1]
            out.copy(self.old[f], offset, length, self._separator(f))
            mine += [out.pos - length, length]
        self._placed(key, mine)

    def _write(self, key: str, texts: dict[str, bytes]) -> None:
        places: list[int] = []
        for f in self.formats:
            out = self.out[f]
            out.write(self._separator(f))
            places += [out.pos, len(texts[f])]
            out.write(texts[f])
        self._placed(key, places)

    def _placed(self, key: str, places: list[int]) -> None:
        self.first = False
        self.index.blocks[key] = places
        if self.on_nt is not None and "nt" in self.out and self.out["nt"].pos - self.flushed >= NT_FEED_BYTES:
            self.out["nt"].flush()
            self.flushed = self.out["nt"].pos
            self.on_nt()

    def close(self) -> None:
        for out in self.out.values():
            out.flush()
        if "jsonld" in self.out:
            self.out["jsonld"].write(b"\n]\n}\n")
        if self.on_nt is not None and "nt" in self.out:
            self.on_nt()


def _texts(block: list[ox.Triple] | PlainPaper, formats: list[str], compactor, ttl_header: bytes) -> dict[str, bytes]:
    """One block's text in each format, as the whole-graph serialisers write it."""
    if isinstance(block, PlainPaper):
        return {f: render(block, f).encode("utf-8") for f in formats}
    texts = {}
    for f in formats:
        if f == "nt":
            texts[f] = ox.serialize(block, format=rdf.FORMATS["nt"])
        elif f == "ttl":
            text = ox.serialize(block, format=rdf.FORMATS["ttl"], prefixes=rdf.PREFIXES)
            if not text.startswith(ttl_header):
                raise RuntimeError("the Turtle serialiser wrote a different header for a block")
            texts[f] = text[len(ttl_header):]
        else:
            texts[f] = ",\n".join(jsonld.encode_value(jsonld._node(compactor, s, group))
                                   for s, group in groupby(block, key=jsonld._subject)).encode("utf-8")
    return texts


def write(g: nx.MultiDiGraph, outputs: dict[str, BinaryIO], paths: dict[str, Path], state: Fragments,
          on_nt: Callable[[], None] | None = None) -> None:
    """The RDF formats of ``outputs`` (whose previous files are ``paths``), copying unchanged blocks;
    leaves the new index (and the store's delta) in ``state``.
    Raises :class:`Stale` when a previous file is not what the index says."""
    prev = state.previous
    old = None
    if prev is not None and set(outputs) <= set(prev.formats()):
        old = {}
        try:
            for f in outputs:
                old[f] = _Old(paths[f], prev.files[f], keep_skipped=f == "nt")
        except BaseException:
            for o in old.values():
                o.close()
            raise
    try:
        writer = _Writer(outputs, old, prev, on_nt)
        digests = writer.index.nodes
        for kind, iri in rdf.block_ids(g):
            digest = digests.get(iri) or digests.setdefault(iri, node_digest(g, iri))
            writer.block(g, kind, iri, digest)
        writer.close()
        for o in (old or {}).values():
            o.finish()
    finally:
        for o in (old or {}).values():
            o.close()
    state.index, state.copied, state.rendered = writer.index, writer.copied, writer.rendered
    state.added = writer.added
    state.removed = old["nt"].skipped if old and "nt" in old else None
