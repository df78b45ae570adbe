"""Exports of the graph: Turtle, N-Triples, JSON-LD, node-link JSON and an HTML page.

:func:`write_all` renders every format in memory first and only then moves the
files into place, each by an atomic rename, so an interrupted build never
leaves a half-written export beside the previous good ones.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from kg.export import html, jsongraph, rdf

FILES = {"ttl": "kg.ttl", "nt": "kg.nt", "jsonld": "kg.jsonld", "json": "kg.json", "html": "kg.html"}
DEFAULT_FORMATS = ("ttl", "json", "html")


def render(g: nx.MultiDiGraph, fmt: str, rdf_triples: list | None = None) -> bytes:
    if fmt in rdf.FORMATS:
        return rdf.serialize(g, fmt, rdf_triples)
    if fmt == "json":
        return jsongraph.dumps(g).encode("utf-8")
    if fmt == "html":
        return html.render(g).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FILES)}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write next to ``path`` and rename over it: readers see old or new, never half."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all(
    g: nx.MultiDiGraph,
    out_dir: str | Path,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    timings: dict[str, float] | None = None,
    on_format: Callable[[str], None] | None = None,
) -> list[Path]:
    """Render every format, then move them all into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rendered: list[tuple[Path, bytes]] = []
    rdf_triples = None
    for fmt in formats:
        t0 = time.perf_counter()
        if fmt in rdf.FORMATS and rdf_triples is None and sum(f in rdf.FORMATS for f in formats) > 1:
            rdf_triples = list(rdf.triples(g))  # made once, serialised in each RDF format
        rendered.append((out / FILES[fmt], render(g, fmt, rdf_triples)))
        if timings is not None:
            timings[f"export {fmt}"] = time.perf_counter() - t0
        if on_format:
            on_format(fmt)
    for path, data in rendered:
        write_atomic(path, data)
    return [p for p, _ in rendered]
