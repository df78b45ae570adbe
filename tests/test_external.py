"""External ids: Hugging Face and arXiv ids matched by name key, never guessed; links in RDF, Python, CLI, page."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest
import rdflib
from click.testing import CliRunner

from conftest import ROOT, SHARED
from kg import external
from kg.cli import cli
from kg.export import html, rdf
from kg.graph import build_graph
from kg.model import Corpus, Entity, Evidence, Paper, Relation
from kg.query import KnowledgeGraph

GAZETTEERS = SHARED / "external" / "gazetteers"
SCHEMA = rdflib.Namespace("http://schema.org/")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


def _script():
    spec = importlib.util.spec_from_file_location("derive_external_ids", ROOT / "scripts" / "derive_external_ids.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_only_unambiguous_ids_are_kept(tmp_path):
    src = {"source": "s", "from": "x"}
    _write(tmp_path / "hf_models.jsonl", [
        {"name": "Zorp", "hf_id": "zlab/Zorp-7B-Chat", **src},           # a family pointed at one variant
        {"name": "Zorp-7B", "hf_id": "zlab/Zorp-7B", **src},
        {"name": "zorp 7b", "hf_id": "zlab/zorp-7b", **src},             # same id, other case
        {"name": "Vela-2-13B", "hf_id": "vela/Meta-Vela-2-13b-hf", **src},
        {"name": "Kite-1B", "hf_id": "a/Kite-1B", **src},
        {"name": "Kite-1B", "hf_id": "b/Kite-1B", **src},                 # two makers: none
    ])
    _write(tmp_path / "hf_datasets.jsonl", [
        {"name": "QuuxQA", "hf_id": "lighteval/quuxqa", "kind": "benchmark", **src},
        {"name": "QuuxQA", "hf_id": "quux-lab/QuuxQA", "kind": "benchmark", **src},
        {"name": "QuuxQA", "hf_id": "quux-lab/QuuxQA-plus", "kind": "benchmark", **src},
        {"name": "MegaSuite", "hf_id": "m/one", "kind": "suite", **src},
        {"name": "Blip", "hf_id": "one/blip-a", "kind": "benchmark", **src},
        {"name": "Blip", "hf_id": "two/blip-b", "kind": "benchmark", **src},
    ])
    _write(tmp_path / "arxiv_methods.jsonl", [
        {"name": "QuuxQA", "arxiv_id": "2401.00001", "type": "benchmark", **src},
        {"name": "Zorp", "arxiv_id": "2402.00002", "type": "model", **src},
        {"name": "Zorp", "arxiv_id": "2402.00003", "type": "model", **src},
    ])
    rows, _ = _script().derive(tmp_path)
    got = {(r["kind"], r["name"]): {k: r[k] for k in ("hf_id", "arxiv_id") if k in r} for r in rows}
    assert got == {
        ("model", "Zorp-7B"): {"hf_id": "zlab/Zorp-7B"},
        ("model", "Vela-2-13B"): {"hf_id": "vela/Meta-Vela-2-13b-hf"},
        ("data", "QuuxQA"): {"hf_id": "quux-lab/QuuxQA", "arxiv_id": "2401.00001"},
    }


@pytest.mark.skipif(not GAZETTEERS.is_dir(), reason="needs ../shared/external/gazetteers")
def test_the_script_reproduces_the_shipped_file(tmp_path):
    out = tmp_path / "external_ids.jsonl"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "derive_external_ids.py"), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == (ROOT / "kg" / "data" / "external_ids.jsonl").read_bytes()


def test_the_shipped_file_gives_catalogue_entries_ids():
    rows = list(external.table().values())
    assert len({r["catalogue"] for r in rows if "catalogue" in r}) >= 200
    assert external.entity_ids("Benchmark", ["gsm8k"]) == {"hf_id": "openai/gsm8k", "arxiv_id": "2110.14168"}
    assert external.entity_ids("Technique", ["gsm8k"]) == {}  # a benchmark's row never names a technique


def test_names_leading_to_different_ids_give_none():
    a, b = external.entity_ids("Benchmark", ["GSM8K"]), external.entity_ids("Benchmark", ["MMLU"])
    assert a["hf_id"] != b["hf_id"]
    assert "hf_id" not in external.entity_ids("Benchmark", ["GSM8K", "MMLU"])


def _graph():
    ev = Evidence(sentence="We evaluate on GSM8K.", start=15, end=20, rule="r", confidence=0.9)
    corpus = Corpus(
        papers=(Paper(key="p1", title="A paper", abstract="We evaluate on GSM8K.", arxiv_id="2401.01234"),),
        entities=(Entity(key="gsm8k", type="Benchmark", label="GSM8K", in_catalogue=True),
                  Entity(key="zz-unknown", type="Model", label="Zz-Unknown-9")),
        relations=(Relation(paper="p1", predicate="evaluatesOn", entity="gsm8k", evidence=(ev,)),
                   Relation(paper="p1", predicate="evaluates", entity="zz-unknown", evidence=(ev,))))
    return build_graph(corpus)


def test_links_reach_rdf_python_and_the_page():
    g = _graph()
    data = rdflib.Graph().parse(data=rdf.serialize(g, "ttl"), format="turtle")
    gsm = rdflib.URIRef("https://w3id.org/mlkg/resource/entity/gsm8k")
    paper = rdflib.URIRef("https://w3id.org/mlkg/resource/paper/p1")
    assert set(data.objects(gsm, SCHEMA.sameAs)) == {rdflib.URIRef("https://huggingface.co/datasets/openai/gsm8k")}
    assert set(data.objects(gsm, DCT.source)) == {rdflib.URIRef("https://arxiv.org/abs/2110.14168")}
    assert set(data.objects(paper, SCHEMA.sameAs)) == {rdflib.URIRef("https://arxiv.org/abs/2401.01234"),
                                                       rdflib.URIRef("https://huggingface.co/papers/2401.01234")}
    unknown = rdflib.URIRef("https://w3id.org/mlkg/resource/entity/zz-unknown")
    assert not set(data.objects(unknown, SCHEMA.sameAs))
    kg = KnowledgeGraph(g)
    assert kg.entity("GSM8K").same_as == ["https://huggingface.co/datasets/openai/gsm8k"]
    assert kg.paper("A paper").same_as[1] == "https://huggingface.co/papers/2401.01234"
    nodes, _ = html.vis_data(g)
    links = {n["label"]: n["links"] for n in nodes}
    assert "https://huggingface.co/datasets/openai/gsm8k" in links["GSM8K"]


def test_show_and_stats_print_the_links(tmp_path):
    from kg.export import jsongraph

    (tmp_path / "kg.json").write_text(jsongraph.dumps(_graph()), encoding="utf-8")
    shown = CliRunner().invoke(cli, ["show", "GSM8K", "--graph", str(tmp_path)])
    assert "same as: https://huggingface.co/datasets/openai/gsm8k" in shown.output
    stats = CliRunner().invoke(cli, ["stats", "--graph", str(tmp_path)])
    assert "1 of the 1 benchmarks in most papers have a Hugging Face id" in stats.output
    assert "0 of the 1 models in most papers have a Hugging Face id" in stats.output
