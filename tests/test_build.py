"""The main job on the seeds: every paper once, deterministic exports, load round trip."""

from __future__ import annotations

import re
import subprocess
import sys

import pyoxigraph as ox

import kg
from kg import job

from conftest import GOLD, ROOT

DCTERMS_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")


def test_every_distinct_seed_paper_has_one_title(seeds_build):
    out, _ = seeds_build
    store = ox.Store()
    store.bulk_load(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    titles = list(store.quads_for_pattern(None, DCTERMS_TITLE, None))
    assert len(titles) == 632
    assert len({q.subject for q in titles}) == 632


def test_same_input_gives_byte_identical_exports(seeds_build, seeds_dir, tmp_path):
    out, _ = seeds_build
    job.run([seeds_dir], tmp_path, formats=("ttl", "nt", "jsonld", "json", "html"), processes=1)
    for name in ("kg.ttl", "kg.nt", "kg.jsonld", "kg.json", "kg.html"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_load_returns_the_graph_build_returns(seeds_build, seeds_dir):
    out, report = seeds_build
    loaded = kg.load(out)
    assert loaded == kg.KnowledgeGraph(report.graph)
    assert loaded == kg.build([seeds_dir])
    assert loaded.nx.number_of_nodes() == report.graph.number_of_nodes()


def test_graph_has_every_relation_type_with_evidence(seeds_build):
    _, report = seeds_build
    g = report.graph
    keys = {k for _, _, k in g.edges(keys=True)}
    assert {"proposes", "fineTunes", "evaluates", "evaluatesOn", "trainsOn", "usesTechnique",
            "mentions", "variantOf"} <= keys
    for u, v, k, d in g.edges(keys=True, data=True):
        if k in ("variantOf", "derivedFrom"):  # lineage, not something a paper said
            continue
        assert d["evidence"], (u, v, k)
        ev = d["evidence"][0]
        text = g.nodes[u]["title" if ev["field"] == "title" else "abstract"]
        assert ev["sentence"] in text
        assert text[ev["start"]:ev["end"]].strip()


def test_html_page_needs_no_network(seeds_build):
    out, _ = seeds_build
    page = (out / "kg.html").read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page, re.I)
    assert "new vis.DataSet" in page


def test_scorer_finds_every_gold_paper(seeds_build):
    out, _ = seeds_build
    run = subprocess.run([sys.executable, str(ROOT.parent / "shared" / "tools" / "score.py"),
                          "--ttl", str(out / "kg.ttl"), "--gold", str(GOLD)],
                         capture_output=True, text=True, check=False)
    assert "gold papers: 60, not found in export: 0" in run.stdout, run.stdout + run.stderr
