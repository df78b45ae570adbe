"""Builds that are killed, run twice or run again: exports are whole, identical and independent of history.

A build is killed for real, in a child process: by SIGKILL while rendering,
and by SIGXFSZ in the middle of writing a file (a file-size limit set with
RLIMIT_FSIZE), which is the same as a power cut halfway through a write.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg import job
from kg.outlock import LOCK_NAME
from kg.cache import CACHE_DIR

from conftest import EXAMPLES, SEEDS

ALL = ("ttl", "nt", "jsonld", "json", "html")
ORDER = "ttl,nt,jsonld,json,html"  # the order the files are written in


def corpus_a(tmp_path: Path) -> Path:
    path = tmp_path / "a" / "sample.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((EXAMPLES / "daily-papers-sample.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def corpus_b(tmp_path: Path) -> Path:
    """About forty papers from a seed page, and one hostile one."""
    path = tmp_path / "b" / "seed-part.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = sorted(SEEDS.glob("*.txt"))[1].read_text(encoding="utf-8").split("\n")[:120]
    hostile = ('\n\n"""Quotes""" \\ <script>alert(1)</script> \u202e\U0001F600\n\n'
               "We fine-tune Llama 3 with LoRA and evaluate it on GSM8K; e\u0301 \x01 \ufffd \"\"\" done.\n")
    path.write_text("\n".join(lines) + hostile, encoding="utf-8")
    return path


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file in the directory, hidden temporaries included; the store (a directory) as its sorted triples.

    The extraction cache is not an export: it only ever gains entries, each valid whatever build wrote it.
    """
    return {p.name: p.read_bytes() if p.is_file() else store_triples(p) for p in sorted(out.iterdir())
            if p.name not in (CACHE_DIR, LOCK_NAME)}


def store_triples(path: Path) -> bytes:
    """A store directory's triples, sorted (the database files themselves differ from build to build)."""
    try:
        db = ox.Store.read_only(str(path / "db"))
    except (OSError, RuntimeError):  # a store a killed build left half-written (its loader runs beside rendering)
        return b"<not a store>"
    return "\n".join(sorted(str(q) for q in db)).encode()


def visible(files: dict[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in files.items() if not k.startswith(".")}


def assert_readable(out: Path) -> None:
    for name, fmt in (("kg.ttl", "turtle"), ("kg.nt", "nt"), ("kg.jsonld", "json-ld")):
        store = ox.Store()
        store.load(path=str(out / name), format=ox.RdfFormat.from_extension(name.rsplit(".", 1)[1]))
        assert len(store) > 0
        assert len(rdflib.Graph().parse(out / name, format=fmt)) == len(store)
    json.loads((out / "kg.json").read_text(encoding="utf-8"))
    assert (out / "kg.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def build_in_child(inputs: list[Path], out: Path, *, file_limit: int | None = None, kill_on_xfsz: bool = True,
                   kill_while_rendering: str | None = None) -> subprocess.CompletedProcess:
    """`mlkg build` in a child process that a file-size limit or a SIGKILL stops part way."""
    script = textwrap.dedent(f"""
        import os, resource, signal, sys
        from kg.cli import main
        from kg import export
        if {kill_while_rendering!r}:
            real = export.render_into
            def render_into(fh, g, fmt, *args):
                if fmt == {kill_while_rendering!r}:
                    fh.write(b"<!DOCTYPE html>")  # part of the page is on disk when the build dies
                    fh.flush()
                    os.kill(os.getpid(), signal.SIGKILL)
                return real(fh, g, fmt, *args)
            export.render_into = render_into
        if {kill_while_rendering!r} == "html":  # the page of a build into an earlier one's directory is spliced
            from kg.export import html
            def page_into(fh, g, *args, **kwargs):
                fh.write(b"<!DOCTYPE html>")
                fh.flush()
                os.kill(os.getpid(), signal.SIGKILL)
            html.render_into = page_into
        if {file_limit!r} is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_DFL if {kill_on_xfsz!r} else signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, ({file_limit!r}, {file_limit!r}))
        sys.argv = ["mlkg", "build", *{[str(p) for p in inputs]!r}, "--out", {str(out)!r},
                    "--format", {ORDER!r}, "-j", "1", "--quiet"]
        main()
    """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, timeout=300)


@pytest.fixture
def previous_and_next(tmp_path):
    """An export directory built from A, and (in another directory) the files a build of B writes."""
    a, b = corpus_a(tmp_path), corpus_b(tmp_path)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    job.run([a], out, formats=ALL)
    job.run([b], fresh, formats=ALL)
    old, new = snapshot(out), snapshot(fresh)
    assert all(old[name] != new[name] for name in old)
    return b, out, old, new


def test_a_build_killed_while_rendering_leaves_every_previous_export(previous_and_next):
    """Protection: write_all renders every format before it replaces any file."""
    b, out, old, _ = previous_and_next
    proc = build_in_child([b], out, kill_while_rendering="html")  # the last format rendered
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert visible(snapshot(out)) == old
    assert_readable(out)


@pytest.mark.parametrize("where", ["in the first file", "in the second file"])
def test_a_build_killed_mid_write_leaves_every_export_whole(previous_and_next, where):
    """Protection: each file is written beside its target and renamed over it (write_all, write_atomic)."""
    b, out, old, new = previous_and_next
    limit = len(new["kg.ttl"]) // 2 if where == "in the first file" else len(new["kg.ttl"]) + 1
    assert limit < len(new["kg.nt"])
    proc = build_in_child([b], out, file_limit=limit)
    assert proc.returncode == -signal.SIGXFSZ, proc.stderr
    after = visible(snapshot(out))
    assert after.keys() == old.keys()
    for name, data in after.items():
        assert data in (old[name], new[name]), f"{name} is neither the previous nor the new export"
    assert after == old  # nothing is renamed until every format is rendered
    assert_readable(out)


def test_a_full_disk_is_one_clear_error_and_leaves_no_trace(previous_and_next):
    b, out, old, new = previous_and_next
    proc = build_in_child([b], out, file_limit=len(new["kg.ttl"]) // 2, kill_on_xfsz=False)  # write fails: EFBIG
    assert proc.returncode == 1, proc.stderr
    assert "cannot write to" in proc.stderr and "Traceback" not in proc.stderr
    assert snapshot(out) == old  # no temporary file left either
    assert_readable(out)


def test_a_build_run_again_after_a_kill_gives_what_a_fresh_build_gives(previous_and_next):
    b, out, _, new = previous_and_next
    assert build_in_child([b], out, file_limit=len(new["kg.ttl"]) + 1).returncode == -signal.SIGXFSZ
    assert build_in_child([b], out).returncode == 0
    assert visible(snapshot(out)) == new


def test_the_same_input_gives_byte_identical_files_in_fresh_processes(tmp_path):
    """Hash seeds differ between the processes: no set or dict order may reach a file."""
    inputs = [corpus_a(tmp_path), corpus_b(tmp_path)]
    runs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", *map(str, inputs), "--out", str(out),
                               "--format", ORDER, "--quiet"], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        runs.append(snapshot(out))
    assert runs[0] == runs[1]


def test_building_a_then_a_and_b_is_building_a_and_b_at_once(tmp_path):
    a, b = corpus_a(tmp_path), corpus_b(tmp_path)
    out = tmp_path / "out"
    job.run([a], out, formats=ALL)
    job.run([a, b], out, formats=ALL)
    for order, name in (([a, b], "at-once"), ([b, a], "reversed")):
        job.run(order, tmp_path / name, formats=ALL)
        assert snapshot(tmp_path / name) == snapshot(out), name
