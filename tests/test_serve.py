"""`mlkg serve`: a real server process on a free loopback port, queried over HTTP by real clients."""

from __future__ import annotations

import json
import subprocess
import sys

import pyoxigraph as ox
import pytest
import requests
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg import job
from kg.serve import negotiate

# loopback only: the socket guard of tests/conftest.py lets these tests reach 127.0.0.1
pytestmark = pytest.mark.allow_hosts(["127.0.0.1", "::1"])

MLKG = "https://w3id.org/mlkg/ontology#"
PAPERS = f"PREFIX mlkg: <{MLKG}> SELECT ?title WHERE {{ ?p a mlkg:Paper ; <http://purl.org/dc/terms/title> ?title }}"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """A build of two papers served by `mlkg serve` in a child process: the query URL."""
    tmp = tmp_path_factory.mktemp("serve")
    src = tmp / "papers.jsonl"
    src.write_text("".join(json.dumps({"title": t, "abstract": "We fine-tune Mistral-7B with LoRA and report "
                                       "accuracy on GSM8K."}) + "\n" for t in ("Served one", "Served two")),
                   encoding="utf-8")
    job.run([src], tmp / "out", ("ttl",))
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(tmp / "out"), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert "http://127.0.0.1:" in line, proc.stderr.read() if proc.poll() is not None else line
        yield line.split(" at ")[1].split()[0]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_select_with_sparqlwrapper(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery(PAPERS)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert sorted(r["title"]["value"] for r in rows) == ["Served one", "Served two"]


def test_get_post_and_result_formats(endpoint):
    got = requests.get(endpoint, params={"query": PAPERS}, headers={"Accept": "text/csv"}, timeout=10)
    assert got.status_code == 200 and got.headers["Content-Type"] == "text/csv"
    assert sorted(got.text.splitlines()[1:]) == ["Served one", "Served two"]
    posted = requests.post(endpoint, data=PAPERS.encode(), timeout=10,
                           headers={"Content-Type": "application/sparql-query"})
    assert posted.headers["Content-Type"] == "application/sparql-results+json"
    assert len(posted.json()["results"]["bindings"]) == 2
    asked = requests.post(endpoint, data={"query": f"ASK {{ ?p a <{MLKG}Paper> }}"}, timeout=10)
    assert asked.json()["boolean"] is True
    graph = requests.get(endpoint, params={"query": f"CONSTRUCT {{ ?p a <{MLKG}Paper> }} WHERE {{ ?p a <{MLKG}Paper> }}"},
                         timeout=10)
    assert graph.headers["Content-Type"] == "text/turtle"
    assert len(list(ox.parse(graph.content, format=ox.RdfFormat.TURTLE))) == 2


def test_updates_are_refused_and_change_nothing(endpoint):
    insert = f"INSERT DATA {{ <urn:x> a <{MLKG}Paper> }}"
    assert requests.post(endpoint, data={"update": insert}, timeout=10).status_code == 403
    assert requests.post(endpoint, data=insert.encode(), timeout=10,
                         headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert requests.post(endpoint.replace("/query", "/update"), data={"update": insert}, timeout=10).status_code == 404
    assert requests.put(endpoint, data=b"", timeout=10).status_code == 403
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setQuery(insert)
    with pytest.raises((SPARQLWrapperException, OSError)):
        client.query()
    count = requests.get(endpoint, params={"query": f"SELECT (COUNT(*) AS ?n) {{ ?p a <{MLKG}Paper> }}"},
                         timeout=10).json()
    assert count["results"]["bindings"][0]["n"]["value"] == "2"


def test_bad_and_federated_queries_are_clear_errors(endpoint):
    bad = requests.get(endpoint, params={"query": "SELECT WHERE"}, timeout=10)
    assert bad.status_code == 400 and "syntax" in bad.text.lower()
    federated = requests.get(endpoint, params={"query": "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"},
                             timeout=10)
    assert federated.status_code == 403 and "SERVICE" in federated.text
    words = requests.get(endpoint, params={"query": 'SELECT * { ?s ?p "a service" }'}, timeout=10)
    assert words.status_code == 200


def test_content_negotiation_follows_q_values():
    offered = {"application/sparql-results+json": 1, "text/csv": 2}
    assert negotiate("text/csv;q=0.5, application/sparql-results+json", offered) == "application/sparql-results+json"
    assert negotiate("text/html, text/csv;q=0.9", offered) == "text/csv"
    assert negotiate(None, offered) == "application/sparql-results+json"
    assert negotiate("*/*", offered) == "application/sparql-results+json"
