"""One build at a time per output directory.

Each export is renamed into place atomically, but two builds writing one
``--out`` at once could still interleave their renames and leave ``kg.ttl``
from one and ``kg.json`` from the other.  A build therefore holds an
exclusive lock on ``OUT/.mlkg.lock`` (``filelock``: ``flock`` on POSIX,
released by the kernel if the process dies) while it renders and renames;
a second build waits for it, up to :data:`LOCK_WAIT` seconds, then gives up
with :class:`OutputBusy` and leaves the directory as the first build left it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_NAME = ".mlkg.lock"  # hidden: never read as an input, kept between builds
LOCK_WAIT = 600.0  # seconds a build waits for another one writing the same directory


class OutputBusy(OSError):
    """Another build is writing the same output directory and did not finish in time."""


@contextmanager
def locked(out_dir: str | Path, wait: float | None = None) -> Iterator[None]:
    """Hold the output directory's lock (made if missing) for the duration of the block."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    wait = LOCK_WAIT if wait is None else wait
    lock = FileLock(out / LOCK_NAME, timeout=wait, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise OutputBusy(f"another mlkg build is writing to {out} (it holds {out / LOCK_NAME}) and did not "
                         f"finish within {wait:g} s; nothing was written: run again when it has") from None
    try:
        yield
    finally:
        lock.release()
