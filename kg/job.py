"""The main job: input paths → ingest → extract → resolve → graph → exports.

Each stage is timed, so ``mlkg build`` and ``bench/build.py`` report the same
figures.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg import catalogue, export, ingest, outlock
from kg.extract import extract
from kg.graph import NodePapers, PaperGraph, add_corpus, add_papers_in_key_order
from kg.ingest import Problem
from kg.memory import frozen_gc, paused_gc
from kg.model import Paper, PaperExtraction
from kg.resolve import Resolution

Extractor = Callable[[Sequence[Paper]], list[PaperExtraction | None]]


@dataclass
class BuildReport:
    """What a build read, skipped, made and how long each stage took."""

    graph: nx.MultiDiGraph
    problems: tuple[Problem, ...] = ()
    files_read: int = 0
    entries_read: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    cached: int = 0  # papers whose extraction came from the cache
    spliced: int = 0  # RDF blocks copied from the previous exports (kg/export/splice.py)


def build_graph_from(
    paths: Sequence[str | Path],
    processes: int = 1,
    on_stage: Callable[[str, int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    exclude: Sequence[str | Path] = (),
    extractor: Extractor | None = None,
    read_file: Callable | None = None,
    chunk: int | None = None,
) -> BuildReport:
    """Read and extract every input; raises :class:`kg.ingest.IngestError` if nothing is readable.

    ``extractor`` replaces local extraction (the cache, a Dask cluster: see :func:`run`); it is given
    ``chunk`` papers at a time (default :data:`CHUNK`; a cluster's extractor takes them all at once).
    ``read_file`` replaces the reading of each input file (the cache of files read before).
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    g = PaperGraph()
    with paused_gc():  # the entries read live until their papers are made: nothing for the collector to free
        read, stream = ingest.read_streamed(paths, exclude=exclude, read_file=read_file)
        add_papers_in_key_order(g, stream)  # each paper is made, becomes its node and is let go
    papers = NodePapers(g)  # what extraction reads of them, from their nodes
    timings["ingest"] = time.perf_counter() - t0
    if on_stage:
        on_stage("extract", len(papers))
    resolution = Resolution(catalogue.default())
    _extract_and_resolve(papers, extractor or _local_extractor(processes, on_progress), resolution, timings,
                         chunk or CHUNK)
    del papers
    with paused_gc():
        t0 = time.perf_counter()
        corpus = resolution.corpus()  # papers need no resolving: they are nodes
        del resolution  # resolved: not kept while the graph is built
        timings["resolve"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        add_corpus(g, corpus)
        timings["graph"] = time.perf_counter() - t0
    return BuildReport(graph=g, problems=read.problems, files_read=read.files_read,
                       entries_read=read.entries_read, timings=timings)


CHUNK = 4096  # papers extracted at a time, then resolved and let go


def _extract_and_resolve(papers: Sequence[Paper], extractor: Extractor, resolution: Resolution,
                         timings: dict[str, float], chunk: int = CHUNK) -> None:
    """Extract the papers a chunk at a time and add each chunk to ``resolution`` before the next.

    Every paper's extraction held at once was the largest part of a large build's peak memory
    (about 17 kB a paper, 1.7 GB at 100,000); a chunk's is about 70 MB whatever the corpus.
    """
    timings["extract"] = timings["resolve"] = 0.0
    for start in range(0, len(papers), chunk):
        t0 = time.perf_counter()
        made = extractor(papers if chunk >= len(papers) else papers[start:start + chunk])
        t1 = time.perf_counter()
        with paused_gc():
            _resolve_each(resolution, made)
        del made
        timings["extract"] += t1 - t0
        timings["resolve"] += time.perf_counter() - t1


def _local_extractor(processes: int, on_progress: Callable[[int], None] | None) -> Extractor:
    """Extraction in this machine's processes (:func:`kg.extract.extract`).

    A whole chunk is one of several: spaCy is loaded here first, so the pipeline is built once
    and every chunk's forked workers inherit it instead of loading it again (seconds a chunk).
    """
    def local(papers: Sequence[Paper]) -> list[PaperExtraction | None]:
        if processes > 1 and len(papers) >= CHUNK:
            import spacy  # noqa: F401  (kg.extract builds the pipeline in a parent that has spaCy)
        return extract(papers, processes=processes, on_progress=on_progress, sparse=True)

    return local


def _resolve_each(resolution: Resolution, extractions: Sequence[PaperExtraction | None]) -> None:
    """Each extraction added to ``resolution`` and let go from a list (``None``): a paper's mentions are
    freed as soon as they are resolved, not held until every paper's are.  A paper in which nothing was
    found (None: sparse) adds nothing."""
    let_go = isinstance(extractions, list)
    for i, ex in enumerate(extractions):
        if let_go:
            extractions[i] = None
        if ex is not None and (ex.mentions or ex.experiments):
            resolution.add(ex)


def run(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    formats: tuple[str, ...] = export.DEFAULT_FORMATS,
    processes: int = 1,
    on_stage: Callable[[str, int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    store: bool = True,
    cache: bool = True,
    update: bool = False,
    cluster: str | None = None,
) -> BuildReport:
    """Build and write the exports; the previous exports stay until all new ones are rendered.

    With ``store`` the on-disk SPARQL store (:mod:`kg.store`) is written too, after the files.
    With ``cache`` papers extracted by an earlier build into ``out_dir`` are not extracted again;
    ``update`` adds ``paths`` to the inputs of that earlier build (:mod:`kg.cache`).  ``cluster``
    extracts on Dask workers (:mod:`kg.distributed`).
    """
    from kg.cache import ExtractionCache, ReadCache, UpdateError, absolute

    extractor = _cluster_extractor(cluster, on_progress) if cluster else None
    xcache = ExtractionCache(out_dir) if cache or update else None
    if update:
        if xcache is None:
            raise UpdateError("--update needs the extraction cache")
        paths = absolute([*xcache.earlier_inputs(), *paths])
    hits: list[int] = []
    if xcache is not None:
        extractor = _cached(xcache, extractor or _local_extractor(processes, on_progress), hits)
    report = build_graph_from(paths, processes, on_stage, on_progress, exclude=[out_dir], extractor=extractor,
                              read_file=ReadCache(out_dir).read_file if xcache is not None else None,
                              chunk=sys.maxsize if cluster else CHUNK)  # a cluster is connected once a call
    with outlock.locked(out_dir):  # one build at a time writes a directory (kg/outlock.py)
        fragments = _fragments(out_dir) if xcache is not None else None
        _write_exports(report, out_dir, formats, store, fragments)
        if xcache is not None:
            xcache.record_inputs(paths)
            xcache.prune()
            report.cached = sum(hits)
    return report


def _cached(xcache, plain: Extractor, hits: list[int]) -> Extractor:
    """``plain`` for the papers ``xcache`` does not hold; each call's cache hits appended to ``hits``."""
    def extractor(papers: Sequence[Paper]) -> list[PaperExtraction | None]:
        made = xcache.extract(papers, plain)
        hits.append(xcache.hits)  # the cache counts one call's: a build calls it once a chunk
        return made

    return extractor


def _write_exports(report: BuildReport, out_dir: str | Path, formats: tuple[str, ...], store: bool,
                   fragments) -> None:
    """The files, then the store: loaded beside the files as they are written, or the previous store patched
    with the changed blocks' N-Triples when ``fragments`` can splice; the fragment index saved last."""
    patch = store and fragments is not None and _store_patchable(out_dir, fragments, formats)
    loader = _StoreAlongside(out_dir) if store and not patch else None
    try:
        with frozen_gc():  # the graph lives to the end: collections scan only what the writers make
            report.written = export.write_all(report.graph, out_dir, formats, timings=report.timings,
                                              on_nt=loader.feed if loader else None, fragments=fragments)
    except BaseException:
        if loader is not None:
            loader.abandon()
        raise
    if loader is not None and fragments is not None and fragments.restarted:
        loader.abandon()  # it was fed a file written in vain: the store is loaded from the files
        loader = None
    if store:
        write_store_timed(report, out_dir, loader, fragments if patch else None)
    if fragments is not None:
        from kg.store import stamp

        fragments.save(Path(out_dir), (stamp(out_dir) or {}).get("finished_ns") if store else None)
        report.spliced = fragments.copied


def _fragments(out_dir: str | Path):
    from kg.cache import CACHE_DIR
    from kg.export.splice import Fragments

    return Fragments(Path(out_dir) / CACHE_DIR)


def _store_patchable(out_dir: str | Path, fragments, formats: Sequence[str]) -> bool:
    """The previous store is the one made from the previous files, whose N-Triples this build copies from."""
    from kg.store import stamp

    info = stamp(out_dir)
    previous = fragments.previous
    return bool("nt" in formats and previous is not None and "nt" in previous.files and info
                and previous.store_ns is not None and info.get("finished_ns") == previous.store_ns)


def _cluster_extractor(address: str, on_progress: Callable[[int], None] | None) -> Extractor:
    from kg.distributed import cluster_extractor

    return cluster_extractor(address, on_progress)


class _StoreAlongside:
    """The store loaded from the N-Triples file as it is written, in a thread, while the exports render (kg.store)."""

    def __init__(self, out_dir: str | Path):
        self.out_dir = out_dir
        self.background = None

    def feed(self, nt_path: Path, available: int) -> None:
        """The N-Triples export's first ``available`` bytes are written; the first call starts the loading thread."""
        if self.background is None:
            from kg.store import BackgroundStore

            self.background = BackgroundStore(self.out_dir)
        self.background.feed(nt_path, available)

    def abandon(self) -> None:
        if self.background is not None:
            self.background.abandon()


def write_store_timed(report: BuildReport, out_dir: str | Path, loader: _StoreAlongside | None = None,
                      fragments=None) -> None:
    """Write the store of ``report.graph`` beside the exports (or finish the one loading, or patch the
    previous one with the changed blocks of ``fragments``) and time it."""
    from kg.export import rdf
    from kg.store import update_store, write_store

    t0 = time.perf_counter()
    if fragments is not None and fragments.removed is not None and fragments.added is not None:
        try:
            report.written.append(update_store(out_dir, fragments.removed, fragments.added))
            report.timings["export store"] = time.perf_counter() - t0
            return
        except Exception:  # noqa: BLE001 (any failure to patch, Oxigraph's parse errors too: loaded anew below)
            pass
    if loader is not None and loader.background is not None:
        report.written.append(loader.background.finish())
    else:
        # the N-Triples or Turtle just written, if any: Oxigraph parses it faster than Python makes the triples
        files = [p for p in report.written if p.name in ("kg.nt", "kg.ttl")]
        source = min(files, key=lambda p: p.suffix != ".nt") if files else rdf.triples(report.graph)
        report.written.append(write_store(source, out_dir))
    report.timings["export store"] = time.perf_counter() - t0
