"""Garbage-collector control around the steps that make millions of long-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside the block; objects that exist at its start are frozen.

    Loading or resolving a large graph makes millions of objects that live as
    long as the graph, and almost no cyclic garbage; the collector would
    rescan them ever more often as they pile up, which makes the step
    superlinear (2.3x slower loading 100,000 papers).  Afterwards everything
    is handed back to the collector, so nothing stays alive that it would free.

    >>> with paused_gc():
    ...     data = [[i] for i in range(3)]
    >>> data, gc.isenabled()
    ([[0], [1], [2]], True)
    """
    enabled = gc.isenabled()
    gc.disable()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()
