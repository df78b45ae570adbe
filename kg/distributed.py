"""Extraction on a Dask distributed cluster: ``mlkg build … --cluster tcp://HOST:8786`` or ``local:N``.

Extraction is a pure function of each paper's text, so batches of papers are
sent to the workers and their extractions gathered back *in input order*;
resolution and export run on the client as in a serial build, which is why
the exports are byte-identical to it.  Each worker process builds the spaCy
pipeline once and keeps it.  Dask is an optional dependency (the ``cluster``
extra): it is imported only when a cluster is asked for.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from kg.model import Paper, PaperExtraction

BATCH = 256  # papers per task: large enough that scheduling costs little next to extracting
_ADDRESS = re.compile(r"^(?:(?:tcp|tls|ucx|inproc)://\S+|local:(?P<workers>[1-9]\d{0,2}))$")
_worker_nlp = None
_worker_lock = threading.Lock()  # a worker's threads share one pipeline


class ClusterError(ValueError):
    """The cluster cannot be used; the message says why in one line."""


def parse_address(address: str) -> int | None:
    """The number of local workers for ``local:N``, None for a scheduler address; else ClusterError.

    >>> parse_address("local:4"), parse_address("tcp://10.0.0.5:8786")
    (4, None)
    """
    m = _ADDRESS.match(address.strip())
    if not m:
        raise ClusterError(f"--cluster takes tcp://HOST:PORT (a running Dask scheduler) or local:N, not {address!r}")
    return int(m["workers"]) if m["workers"] else None


def extract_on_worker(papers: list[Paper]) -> list[PaperExtraction]:
    """Run on a worker: extract one batch with the worker's own pipeline."""
    global _worker_nlp
    from kg.extract import extract_batch
    from kg.extract.pipeline import build_nlp

    with _worker_lock:
        if _worker_nlp is None:
            _worker_nlp = build_nlp()
        return extract_batch(_worker_nlp, papers)


def connect(address: str):
    """(client, cluster it started or None) for ``address``."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--cluster needs Dask: pip install 'mlkg[cluster]' (dask[distributed])") from None
    workers = parse_address(address)
    try:
        if workers is not None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
            return Client(cluster), cluster
        return Client(address.strip(), timeout="20s"), None
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def cluster_extractor(address: str, on_progress: Callable[[int], None] | None = None
                      ) -> Callable[[list[Paper]], list[PaperExtraction]]:
    """An extractor for :func:`kg.job.build_graph_from` that runs on the cluster at ``address``."""
    parse_address(address)  # a bad address fails before any input is read

    def run(papers: list[Paper]) -> list[PaperExtraction]:
        if not papers:
            return []
        client, cluster = connect(address)
        try:
            batches = [papers[i:i + BATCH] for i in range(0, len(papers), BATCH)]
            futures = client.map(extract_on_worker, batches, pure=False)
            out: list[PaperExtraction] = []
            for future in futures:  # in input order, whatever order they finish in
                batch = future.result()
                out.extend(batch)
                if on_progress:
                    on_progress(len(batch))
            return out
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    return run
