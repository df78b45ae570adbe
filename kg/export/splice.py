"""Incremental RDF exports: a node whose content has not changed is copied from the previous files, not remade.

Turtle, N-Triples and JSON-LD are each a header, then the text of every block of
:func:`kg.export.rdf.block_ids` in order (a node's triples, a paper's evidence),
then a tail: a block's text depends on its node's attributes and out-edges alone
(tests/test_splice.py checks that the blocks' texts, joined, are the file).  So
each build keeps, in ``OUT/.mlkg-cache/fragments.json``, every node's content
digest and each block's place (offset, length) in each file, and the next build
into the same directory renders only the blocks of nodes that are new or whose
digest changed; the others are copied from the previous files, which are still
in place while the new ones are written.

A stale or damaged index never gives a wrong export: the index is keyed by the
version of the export code (and the extractor's), carries its own checksum, and
names the size, modification time and CRC-32 of each file it describes; every
previous file's CRC is checked, in one pass over it, before any block is copied.
Any mismatch raises :class:`Stale` and the formats are rendered again from
scratch (and the store, if its loader was fed the abandoned file, is loaded
from the new files).

The N-Triples of blocks not copied (removed or changed nodes) and of blocks
rendered are the delta that brings the previous SPARQL store up to date
(:func:`kg.store.update_store`), up to :data:`DELTA_BYTES` of each; a larger
change loads the store anew rather than hold it all.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import sys
import zlib
from collections.abc import Callable
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
INDEX_FORMAT = 1
ORDER = ("ttl", "nt", "jsonld")  # the formats a block's places are listed for, in this order
NT_FEED_BYTES = 2**20
RELEASE_BYTES = 2**23  # of a previous file read, given back at once (its pages would count as resident)
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


def _plain(value: object) -> object:
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    return repr(value)


_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain).encode


def node_digest(g: nx.MultiDiGraph, iri: str) -> str:
    """What a node's blocks are made from: its attributes and its out-edges with theirs (no rdflib or
    Oxigraph terms made: about as cheap as the node-link JSON of the node)."""
    succ = g._succ[iri]
    edges = [[target, key, data] for target in sorted(succ) for key, data in sorted(succ[target].items())]
    text = _encode([iri, g._node[iri], edges])
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


@dataclass
class Index:
    """What the previous build wrote: node digests, the blocks' places per format, and the files' identity."""

    version: str
    files: dict[str, dict]  # format → {"size", "mtime_ns", "crc"}
    nodes: dict[str, str]  # IRI → digest
    blocks: dict[str, list[int]]  # kind + IRI → offset, length per format of ORDER that was written
    store_ns: int | None = None  # the stamp of the store made from these files, if any

    def formats(self) -> list[str]:
        """The formats whose places each block lists, in that order."""
        return [f for f in ORDER if f in self.files]

    def dump(self) -> bytes:
        body = json.dumps({"format": INDEX_FORMAT, "version": self.version, "files": self.files,
                           "store_ns": self.store_ns, "nodes": self.nodes, "blocks": self.blocks},
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
            return cls(data["version"], data["files"], data["nodes"], data["blocks"], data.get("store_ns"))
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


def file_identity(path: Path, crc: int) -> dict:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "crc": crc}


class _Old:
    """A previous export, mapped into memory and checked against its index (size, time, CRC-32 of the
    whole file) before any block is copied out of it, front to back."""

    def __init__(self, path: Path, expected: dict, keep_skipped: bool):
        st = path.stat()
        if st.st_size != expected["size"] or st.st_mtime_ns != expected["mtime_ns"]:
            raise Stale(f"{path.name} changed since the index was written")
        with path.open("rb") as fh:
            self.data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if st.st_size else b""
        self.view = memoryview(self.data)
        self.pos = self.released = 0
        crc = 0
        for start in range(0, len(self.data), RELEASE_BYTES):
            crc = zlib.crc32(self.view[start:start + RELEASE_BYTES], crc)
            self._release(start + RELEASE_BYTES)
        self.released = 0
        if crc != expected["crc"]:
            self.close()
            raise Stale(f"{path.name}: its checksum does not match the index")
        self.skipped: list[bytes] | None = [] if keep_skipped else None
        self.skipped_bytes = 0

    def _release(self, end: int) -> None:
        """Pages before ``end`` are read: out of this process's resident memory (the file stays cached)."""
        start = self.released - self.released % mmap.PAGESIZE
        end = min(end, len(self.data))
        if isinstance(self.data, mmap.mmap) and end > start and hasattr(mmap, "MADV_DONTNEED"):
            self.data.madvise(mmap.MADV_DONTNEED, start, end - start)
        self.released = end

    def _skip_to(self, offset: int) -> None:
        if offset < self.pos or offset > len(self.data):
            raise Stale("a block's place in the index is out of order or past the end")
        if self.skipped is not None and offset > self.pos:
            self.skipped.append(self.data[self.pos:offset])
            self.skipped_bytes += offset - self.pos
            if self.skipped_bytes > DELTA_BYTES:
                self.skipped = None  # a large change: the store is loaded anew, not patched
        self.pos = offset

    def copy(self, offset: int, length: int) -> memoryview:
        self._skip_to(offset)
        if offset + length > len(self.data):
            raise Stale("a block's place in the index is past the end")
        self.pos = offset + length
        if offset - self.released >= RELEASE_BYTES:
            self._release(offset)
        return self.view[offset:self.pos]

    def finish(self) -> None:
        """The rest of the file is not copied (its tail, or removed blocks)."""
        self._skip_to(len(self.data))

    def close(self) -> None:
        try:
            if hasattr(self, "view"):
                self.view.release()
            if isinstance(self.data, mmap.mmap):
                self.data.close()
        except BufferError:  # a block's view still held (by a traceback): unmapped when collected
            pass


class _Out:
    """One new export file: its bytes counted and checksummed as written."""

    def __init__(self, fh: BinaryIO):
        self.fh, self.pos, self.crc = fh, 0, 0

    def write(self, data: bytes) -> None:
        self.fh.write(data)
        self.pos += len(data)
        self.crc = zlib.crc32(data, self.crc)


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
    crcs: dict[str, int] = field(default_factory=dict)  # of the new files

    def __post_init__(self) -> None:
        self.previous = Index.load(self.cache_dir)

    def save(self, out_dir: Path, store_ns: int | None) -> None:
        """Record the files just put in place in ``out_dir`` (and the stamp of the store made from them)."""
        from kg.export.formats import get

        if self.index is None:
            return
        self.index.files = {f: file_identity(out_dir / get(f).file, self.crcs[f]) for f in self.index.files}
        self.index.store_ns = store_ns
        self.index.save(self.cache_dir)


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
        texts = None
        if self.old is not None and self.previous.nodes.get(iri) == digest:
            places = self.previous.blocks.get(key)
            if places is None and kind == "e":
                return  # the same paper had no evidence before
            if places is not None:
                texts = {f: self.old[f].copy(places[2 * s], places[2 * s + 1]) for f, s in zip(self.formats, self.slots)}
                self.copied += 1
        if texts is None:
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

    def _write(self, key: str, texts: dict[str, bytes]) -> None:
        places: list[int] = []
        for f in self.formats:
            out = self.out[f]
            if f == "jsonld":
                out.write(b"\n" if self.first else b",\n")
            elif f == "ttl" and self.first:
                out.write(self.ttl_header)
            places += [out.pos, len(texts[f])]
            out.write(texts[f])
        self.first = False
        self.index.blocks[key] = places
        if self.on_nt is not None and "nt" in self.out and self.out["nt"].pos - self.flushed >= NT_FEED_BYTES:
            self.flushed = self.out["nt"].pos
            self.on_nt()

    def close(self) -> dict[str, int]:
        if "jsonld" in self.out:
            self.out["jsonld"].write(b"\n]\n}\n")
        if self.on_nt is not None and "nt" in self.out:
            self.on_nt()
        return {f: o.crc for f, o in self.out.items()}


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
          on_nt: Callable[[], None] | None = None) -> dict[str, int]:
    """The RDF formats of ``outputs`` (whose previous files are ``paths``), copying unchanged blocks;
    returns each new file's CRC and leaves the new index (and the store's delta) in ``state``.
    Raises :class:`Stale` when a previous file is not what the index says."""
    prev = state.previous
    old = None
    if prev is not None and set(outputs) <= set(prev.formats()):
        old = {f: _Old(paths[f], prev.files[f], keep_skipped=f == "nt") for f in outputs}
    try:
        writer = _Writer(outputs, old, prev, on_nt)
        digests = writer.index.nodes
        for kind, iri in rdf.block_ids(g):
            digest = digests.get(iri) or digests.setdefault(iri, node_digest(g, iri))
            writer.block(g, kind, iri, digest)
        crcs = writer.close()
        for o in (old or {}).values():
            o.finish()
    finally:
        for o in (old or {}).values():
            o.close()
    state.index, state.copied, state.rendered = writer.index, writer.copied, writer.rendered
    state.added = writer.added
    state.removed = old["nt"].skipped if old and "nt" in old else None
    return crcs
