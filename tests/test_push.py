"""`mlkg push`: a build sent to a real Oxigraph server (the `oxigraph` package) started on a loopback port."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from kg import job, push
from kg.cli import cli

# loopback only: the socket guard of tests/conftest.py lets these tests reach 127.0.0.1
pytestmark = pytest.mark.allow_hosts(["127.0.0.1", "::1"])

MLKG = "https://w3id.org/mlkg/ontology#"
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """An Oxigraph server (read-write) on loopback: its base URL."""
    if not Path(OXIGRAPH).exists():
        pytest.fail("the oxigraph server (PyPI package `oxigraph`, a test dependency) is not installed")
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
                break
            except requests.ConnectionError:
                assert proc.poll() is None, proc.stderr.read()
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def build(tmp_path: Path, name: str, *titles: str) -> Path:
    src = tmp_path / f"{name}.jsonl"
    src.write_text("".join(json.dumps({"title": t, "abstract": "We evaluate Qwen2-7B on MMLU."}) + "\n"
                           for t in titles), encoding="utf-8")
    job.run([src], tmp_path / name, ("ttl", "nt"), store=False)
    return tmp_path / name


def titles_in(base: str, graph: str) -> list[str]:
    query = (f"SELECT ?t WHERE {{ GRAPH <{graph}> {{ ?p a <{MLKG}Paper> ; "
             f"<http://purl.org/dc/terms/title> ?t }} }} ORDER BY ?t")
    rows = requests.get(f"{base}/query", params={"query": query}, timeout=10,
                        headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
    return [r["t"]["value"] for r in rows]


def test_push_puts_the_build_in_a_named_graph_and_replaces_it(server, tmp_path):
    first, second = build(tmp_path, "first", "Alpha", "Beta"), build(tmp_path, "second", "Gamma")
    other = "https://example.org/graphs/other"
    push.push(first, f"{server}/store", other)
    runner = CliRunner()
    for directory in (first, second):
        result = runner.invoke(cli, ["push", f"{server}/store", str(directory)])
        assert result.exit_code == 0, result.output
    assert titles_in(server, push.DEFAULT_GRAPH) == ["Gamma"]  # the second version replaced the first
    assert titles_in(server, other) == ["Alpha", "Beta"]  # another graph is untouched
    served = requests.get(f"{server}/store", params={"graph": push.DEFAULT_GRAPH}, timeout=10,
                          headers={"Accept": "application/n-triples"}).text
    sent = (second / "kg.nt").read_text(encoding="utf-8").splitlines()
    assert len(set(served.splitlines())) == len(sent)  # every triple, once (Oxigraph may respell a literal's type)


def test_push_sends_turtle_when_there_is_no_ntriples(server, tmp_path):
    d = build(tmp_path, "ttl-only", "Delta")
    (d / "kg.nt").unlink()
    assert push.source_file(d)[1] == "text/turtle"
    status, _ = push.push(d, f"{server}/store", "https://example.org/g")
    assert status in (200, 201, 204)
    assert titles_in(server, "https://example.org/g") == ["Delta"]


def test_push_errors_are_one_line(server, tmp_path):
    d = build(tmp_path, "x", "Epsilon")
    runner = CliRunner()
    for args, message in (([f"{server}/store", str(tmp_path / "missing")], "no kg.nt or kg.ttl"),
                          (["ftp://example.org/store", str(d)], "must be http"),
                          ([f"http://127.0.0.1:{free_port()}/store", str(d)], "cannot reach"),
                          ([f"{server}/nowhere", str(d)], "HTTP 404"),
                          ([f"{server}/store", str(d), "--name", "not an iri"], "absolute IRI")):
        result = runner.invoke(cli, ["push", *args])
        assert result.exit_code == 1, (args, result.output)
        assert message in result.output and "Traceback" not in result.output
