"""Exports of the graph: Turtle, N-Triples, JSON-LD, node-link JSON, an HTML page, GraphML and GEXF.

The formats are a registry (:mod:`kg.export.formats`): name → writer, file, description.

:func:`write_all` renders every format to a temporary file first and only then
moves the files into place, each by an atomic rename, so an interrupted build
never leaves a half-written export beside the previous good ones.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kg.export.formats import FORMATS, get

if TYPE_CHECKING:
    import networkx as nx

    from kg.export.splice import Fragments

#: Format name → the file it is written to (from the registry).
FILES = {name: f.file for name, f in FORMATS.items()}
DEFAULT_FORMATS = ("ttl", "json", "html")


def render(g: nx.MultiDiGraph, fmt: str) -> bytes:
    """One export as bytes (:func:`render_into` a buffer)."""
    buffer = io.BytesIO()
    render_into(buffer, g, fmt)
    return buffer.getvalue()


def render_into(fh: BinaryIO, g: nx.MultiDiGraph, fmt: str) -> None:
    """One export written into an open binary file as it is made, never held whole in memory."""
    get(fmt).writer(fh, g)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _open_temp(path: Path) -> tuple[Path, BinaryIO]:
    """A new hidden temporary file beside ``path``, with the permissions a plain new file would have."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    fh = os.fdopen(fd, "wb")
    try:
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        fh.close()
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp), fh


def _sync(fh: BinaryIO) -> None:
    fh.flush()
    os.fsync(fh.fileno())


def _write_temp(path: Path, write: Callable[[BinaryIO], object],
                synced: Callable[[BinaryIO], object] | None = None) -> Path:
    """A complete, synced temporary file beside ``path``, written by ``write(fh)`` (then ``synced(fh)``, while
    it is still open); removed on failure."""
    tmp, fh = _open_temp(path)
    try:
        with fh:
            write(fh)
            _sync(fh)
            if synced is not None:
                synced(fh)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write (``write(fh)``) next to ``path`` and rename over it: readers see old or new, never half."""
    tmp = _write_temp(path, write)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_rdf_together(g: nx.MultiDiGraph, out: Path, formats: list[str],
                        on_nt: Callable[[Path, int], None] | None = None,
                        fragments: Fragments | None = None) -> list[tuple[Path, Path]]:
    """The RDF formats into synced temporary files beside their targets, from one pass over the triples
    (with ``fragments``, unchanged nodes' blocks copied from the previous files: :mod:`kg.export.splice`)."""
    from kg.export import rdf, splice

    temps: list[tuple[Path, Path]] = []
    fhs: dict[str, BinaryIO] = {}
    try:
        for fmt in formats:
            path = out / get(fmt).file
            tmp, fhs[fmt] = _open_temp(path)
            temps.append((path, tmp))
        nt_written = _flushed(fhs["nt"], temps[formats.index("nt")][1], on_nt) if on_nt and "nt" in fhs else None
        if fragments is None:
            rdf.write_together(g, fhs, on_nt=nt_written)
        else:
            paths = {fmt: out / get(fmt).file for fmt in formats}
            splice.write(g, fhs, paths, fragments, on_nt=(lambda: nt_written(b"")) if nt_written else None)
        for fh in fhs.values():
            _sync(fh)
        if fragments is not None:
            fragments.seal(fhs)
    except BaseException:
        for _, tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        for fh in fhs.values():
            fh.close()
    return temps


def _write_rdf(g: nx.MultiDiGraph, out: Path, formats: list[str], on_nt: Callable[[Path, int], None] | None,
               fragments: Fragments | None) -> list[tuple[Path, Path]]:
    """:func:`_write_rdf_together`; when the previous files are not what the fragment index says, once more
    without copying from them."""
    from kg.export.splice import Stale

    try:
        return _write_rdf_together(g, out, formats, on_nt, fragments)
    except Stale:
        fragments.previous = None
        fragments.restarted = on_nt is not None  # the loader was fed the abandoned file: the caller reloads
        return _write_rdf_together(g, out, formats, None, fragments)


def _write_spliced(g: nx.MultiDiGraph, path: Path, fragments: Fragments, kind: str) -> Path:
    """The node-link JSON (``kind`` "json", :mod:`kg.export.jsonsplice`) or the page ("html",
    :mod:`kg.export.htmlsplice`), unchanged nodes' parts copied from the previous file; made whole when that
    file is not what the fragment index says."""
    from kg.export import htmlsplice, jsonsplice
    from kg.export.splice import Stale

    module = jsonsplice if kind == "json" else htmlsplice

    def spliced(copy: bool) -> Path:
        return _write_temp(path, lambda fh: module.write(g, fh, path, fragments, copy),
                           lambda fh: fragments.seal({kind: fh}))

    try:
        return spliced(True)
    except Stale:
        return spliced(False)


def _flushed(fh: BinaryIO, path: Path, on_nt: Callable[[Path, int], None]) -> Callable[[bytes], None]:
    """After each chunk: the file flushed, and ``on_nt`` told how many bytes of whole lines it holds."""
    def written(_: bytes) -> None:
        fh.flush()
        on_nt(path, fh.tell())
    return written


def write_all(
    g: nx.MultiDiGraph,
    out_dir: str | Path,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    timings: dict[str, float] | None = None,
    on_format: Callable[[str], None] | None = None,
    on_nt: Callable[[Path, int], None] | None = None,
    fragments: Fragments | None = None,
) -> list[Path]:
    """Render every format to a temporary file beside its target, then rename them all into ``out_dir``.

    Nothing is held whole in memory: each format streams into its file, and
    Turtle, N-Triples and JSON-LD are written side by side from one pass over
    the triples (:func:`kg.export.rdf.write_together`), timed together as
    ``export ttl+nt+jsonld``; after each chunk of N-Triples, ``on_nt`` is given
    the temporary file and the bytes of whole lines in it (the store loads them meanwhile).  No export is touched until
    every format is rendered, and each rename is atomic: a build killed while
    rendering leaves all the previous files, one killed among the renames
    leaves each file whole, new or previous (a hidden ``.kg.*.tmp`` may be
    left behind by a kill; the next build does not read it).

    With ``fragments`` (:class:`kg.export.splice.Fragments`) the RDF formats are written block by block,
    each unchanged node's blocks copied from the previous files; the fragment index of those files is
    dropped before the renames (the caller saves the new one once the store is made).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rendered: list[tuple[Path, Path]] = []
    together = [f for f in formats if get(f).rdf]
    if fragments is None and len(together) < 2:
        together = []
    try:
        if together:  # made from one pass over the triples
            t0 = time.perf_counter()
            rendered.extend(_write_rdf(g, out, together, on_nt, fragments))
            if timings is not None:
                timings["export " + "+".join(together)] = time.perf_counter() - t0
            for fmt in together:
                if on_format:
                    on_format(fmt)
        for fmt in formats:
            if fmt in together:
                continue
            t0 = time.perf_counter()
            path = out / get(fmt).file
            if fmt in ("json", "html") and fragments is not None and fragments.index is not None:
                rendered.append((path, _write_spliced(g, path, fragments, fmt)))
            else:
                rendered.append((path, _write_temp(path, lambda fh: render_into(fh, g, fmt))))
            if timings is not None:
                timings[f"export {fmt}"] = time.perf_counter() - t0
            if on_format:
                on_format(fmt)
        if fragments is not None:
            from kg.export.splice import forget

            forget(fragments.cache_dir)  # it describes the files about to be replaced
        for path, tmp in rendered:
            os.replace(tmp, path)
        if fragments is not None:
            fragments.place(out)
    except BaseException:
        for _, tmp in rendered:
            tmp.unlink(missing_ok=True)
        raise
    order = {get(f).file: n for n, f in enumerate(formats)}
    return sorted((p for p, _ in rendered), key=lambda p: order[p.name])
