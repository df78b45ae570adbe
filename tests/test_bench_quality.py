"""bench/quality.py's account of where relation edges are lost, on a tiny export and annotation of our own."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "score.py"

TTL = """@prefix mlkg: <https://w3id.org/mlkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:p1> a mlkg:Paper ; dcterms:title "Trip Planning with Zeta" ;
    mlkg:evaluates <urn:zeta> ; mlkg:usesTechnique <urn:qura> , <urn:extra> .
<urn:zeta> a mlkg:Model ; rdfs:label "Zeta-7B" .
<urn:qura> a mlkg:Technique ; rdfs:label "QuRA" .
<urn:extra> a mlkg:Technique ; rdfs:label "careful tuning" .
"""
GOLD = [{"id": "p1", "title": "Trip Planning with Zeta", "experiments": [],
         "entities": [{"name": "Zeta-7B", "type": "Model"}, {"name": "QuRA", "type": "Technique"},
                      {"name": "TripBench", "type": "Benchmark"}],
         "relations": [{"rel": "fineTunes", "target": "Zeta-7B"}, {"rel": "usesTechnique", "target": "QuRA"},
                       {"rel": "evaluatesOn", "target": "TripBench"}]}]


@pytest.mark.skipif(not SCORER.exists(), reason="the shared scorer is not beside the repository")
def test_relation_edges_lost_are_split_into_labels_missing_and_extra_entities(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("quality", ROOT / "bench" / "quality.py")
    quality = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quality)
    ttl = tmp_path / "kg.ttl"
    ttl.write_text(TTL, encoding="utf-8")
    tally = quality.Tally(quality.scorer())
    tally.add(ttl, GOLD)
    # Zeta-7B found with the wrong label (one edge missed, one wrong), QuRA right, TripBench not found, one extra name
    assert dict(tally.loss) == {"right": 1, "label_fn": 1, "label_fp": 1, "missing_fn": 1, "extra_fp": 1}
    tally.report("tiny")
    out = capsys.readouterr().out
    # with Zeta-7B given its annotated label: 2 right, 1 extra edge, 1 missed -> P 2/3, R 2/3
    assert "with the annotated label set on every found entity: relation P 0.667 R 0.667 F1 0.667" in out
