"""Bounded queries: a time limit, a row cap and a memory budget for every SPARQL query mlkg runs.

A query over a cross product can run for hours or fill the memory, and
neither engine can be stopped from Python once it is computing.  So the
query runs in a forked child process: the child's address space is capped
(``RLIMIT_AS``: what it had at the fork plus :data:`MEMORY_BUDGET`), it reads
at most ``max_rows + 1`` rows and sends them back as JSON through a pipe, and
the parent kills it when ``timeout`` seconds have passed.  Hitting any of the
three raises :class:`QueryLimitError` (``mlkg sparql`` exits with status 3);
the parent's memory never holds more than the rows asked for.  Where there
is no ``fork`` (Windows) the query runs in the process, with the row cap only.
"""

from __future__ import annotations

import faulthandler
import json
import os
import resource
import select
import signal
import time
from collections.abc import Callable, Sequence

DEFAULT_TIMEOUT = 60.0  # seconds; the shipped queries take well under one on 100,000 papers
DEFAULT_MAX_ROWS = 100_000
MEMORY_BUDGET = 2 * 2**30  # bytes a query may add to the process it runs from

Rows = tuple[list[str], list[tuple]]
_MEMORY_MESSAGE = (f"the query needed more than the {MEMORY_BUDGET // 2**20:,} MB of memory a query may use: "
                   f"stopped (narrow the query, e.g. with LIMIT)")


class QueryLimitError(Exception):
    """A query stopped at a limit: ``limit`` is ``timeout``, ``rows`` or ``memory``; ``partial`` holds the
    rows read before a row cap (as ``(columns, rows)``)."""

    def __init__(self, limit: str, message: str, partial: Rows | None = None):
        super().__init__(message)
        self.limit, self.partial = limit, partial


def check_limits(timeout: float | None, max_rows: int | None) -> None:
    """Wrong types or negative values are a TypeError/ValueError naming the argument."""
    for name, value in (("timeout", timeout), ("max_rows", max_rows)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (name == "max_rows"
                                                                               and not isinstance(value, int)):
            raise TypeError(f"{name} must be a {'number' if name == 'timeout' else 'whole number'} or None, "
                            f"not {type(value).__name__}")
        if value < 0 or value != value:
            raise ValueError(f"{name} must be 0 (no limit) or more, not {value}")


def run_bounded(evaluate: Callable[[int | None], Rows], timeout: float | None = DEFAULT_TIMEOUT,
                max_rows: int | None = DEFAULT_MAX_ROWS, errors: Sequence[type[Exception]] = ()) -> Rows:
    """``evaluate(limit)`` → (columns, at most ``limit`` rows), run within the limits (0 or None: no limit).

    Exceptions of the types in ``errors`` raised by ``evaluate`` are raised
    again here, with their message.
    """
    check_limits(timeout, max_rows)
    limit = max_rows + 1 if max_rows else None
    if hasattr(os, "fork"):
        columns, rows = _in_child(evaluate, limit, timeout or None, errors)
    else:
        columns, rows = evaluate(limit)
    if max_rows and len(rows) > max_rows:
        raise QueryLimitError("rows", f"the query returned more than {max_rows:,} rows: stopped there "
                              f"(raise the cap with --max-rows / max_rows=, or narrow the query with LIMIT)",
                              partial=(columns, rows[:max_rows]))
    return columns, rows


def _in_child(evaluate: Callable[[int | None], Rows], limit: int | None, timeout: float | None,
              errors: Sequence[type[Exception]]) -> Rows:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(evaluate, limit, write_end)
    os.close(write_end)
    try:
        data = _read_until(read_end, timeout)
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):  # Rust aborts when an allocation fails; the kernel kills at out-of-memory
        raise QueryLimitError("memory", _MEMORY_MESSAGE)
    if not data:
        raise RuntimeError("the query process ended without an answer")
    reply = json.loads(data)
    if "rows" in reply:
        return reply["columns"], [tuple(row) for row in reply["rows"]]
    kind, message = reply["error"]
    if kind == "MemoryError":
        raise QueryLimitError("memory", _MEMORY_MESSAGE)
    for error in errors:
        if error.__name__ == kind:
            raise error(message)
    raise RuntimeError(f"{kind}: {message}")


def _read_until(fd: int, timeout: float | None) -> bytes:
    """Everything the child writes, or :class:`QueryLimitError` once ``timeout`` seconds have passed."""
    deadline = None if timeout is None else time.monotonic() + timeout
    chunks = []
    while True:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            raise QueryLimitError("timeout", f"the query ran for {timeout:g} s, its time limit: stopped "
                                             f"(raise it with --timeout / timeout=, or narrow the query)")
        ready, _, _ = select.select([fd], [], [], wait)
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _child(evaluate: Callable[[int | None], Rows], limit: int | None, fd: int) -> None:
    """Run the query under the memory cap, write the reply, and exit without running the parent's cleanup."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        faulthandler.disable()  # an abort at the memory cap is reported by the parent, in one line
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)  # Rust's "memory allocation failed" would reach the user's terminal
        _cap_memory(MEMORY_BUDGET)
        try:
            columns, rows = evaluate(limit)
            reply = json.dumps({"columns": columns, "rows": rows}, ensure_ascii=True)
        except MemoryError:
            reply = json.dumps({"error": ["MemoryError", ""]})
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it again
            reply = json.dumps({"error": [type(exc).__name__, str(exc)]}, ensure_ascii=True)
        data = reply.encode("ascii")
        while data:
            data = data[os.write(fd, data):]
    except BaseException:  # noqa: BLE001 - the parent sees no reply
        code = 1
    finally:
        os._exit(code)


def _cap_memory(budget: int) -> None:
    try:
        with open("/proc/self/statm") as fh:
            size = int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = size + budget if hard == resource.RLIM_INFINITY else min(size + budget, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
