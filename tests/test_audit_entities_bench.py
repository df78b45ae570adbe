"""bench/audit_entities.py: pairs read from a tiny invented kg.json, the seeded draw, precision and pairs gone."""

import json
from collections import Counter

from conftest import load_bench

audit = load_bench("audit_entities")

P = "https://w3id.org/mlkg/resource/paper/"
E = "https://w3id.org/mlkg/resource/entity/"


def _build(tmp_path, edges):
    nodes = [{"id": P + "a", "type": "Paper", "arxiv_id": "0001.1"}, {"id": P + "b", "type": "Paper", "arxiv_id": "0002.2"},
             {"id": E + "kelp", "type": "Model", "label": "KelpNet-3B"}, {"id": E + "tide", "type": "Benchmark", "label": "TideQA"},
             {"id": E + "fam", "type": "Model", "label": "KelpNet"}]
    graph = {"nodes": nodes, "edges": [{"source": s, "target": t, "predicate": r, "evidence": []} for s, t, r in edges]}
    (tmp_path / "kg.json").write_text(json.dumps(graph), encoding="utf-8")
    return tmp_path


def test_pairs_are_paper_entity_edges_only_and_merge_relations(tmp_path):
    build = _build(tmp_path, [(P + "a", E + "kelp", "proposes"), (P + "a", E + "kelp", "evaluates"),
                              (P + "b", E + "tide", "evaluatesOn"), (E + "kelp", E + "fam", "variantOf")])
    pairs = audit.pairs_of(build)
    assert set(pairs) == {("0001.1", "KelpNet-3B", "Model"), ("0002.2", "TideQA", "Benchmark")}
    assert pairs[("0001.1", "KelpNet-3B", "Model")]["relations"] == {"proposes", "evaluates"}
    assert audit.draw(pairs, n=2, seed=15) == audit.draw(dict(reversed(list(pairs.items()))), n=2, seed=15)


def test_precision_counts_present_pairs_by_type_and_gone_ones_apart():
    pairs = {("1", "KelpNet-3B", "Model"): {}, ("2", "TideQA", "Benchmark"): {}}
    verdicts = {("1", "KelpNet-3B", "Model"): {"verdict": "right"},
                ("2", "TideQA", "Benchmark"): {"verdict": "wrong-type"},
                ("3", "reef scanning", "Technique"): {"verdict": "not-an-entity"}}
    present, gone = audit.precision(pairs, verdicts)
    assert present["Model"] == Counter(right=1) and present["Benchmark"] == Counter({"wrong-type": 1})
    assert gone == Counter({"not-an-entity": 1})
    text = audit.report(present, gone)
    assert "all        P 0.500  (1/2; wrong-type 1)" in text and "not-an-entity" in text.splitlines()[-1]


def test_the_estimate_weighs_unchanged_pairs_by_the_draw_and_judges_changed_ones_themselves():
    before = {("1", "KelpNet-3B", "Model"): {}, ("2", "TideQA", "Benchmark"): {}, ("3", "reef scanning", "Technique"): {}}
    after = {("1", "KelpNet-3B", "Model"): {}, ("2", "TideQA", "Benchmark"): {}, ("4", "ReefMix", "Dataset"): {}}
    verdicts = {("1", "KelpNet-3B", "Model"): {"verdict": "right"},
                ("2", "TideQA", "Benchmark"): {"verdict": "wrong-type"},
                ("3", "reef scanning", "Technique"): {"verdict": "not-an-entity", "outside_draw": True},
                ("4", "ReefMix", "Dataset"): {"verdict": "right", "outside_draw": True}}
    text = audit.estimate(before, after, verdicts)
    assert "removed 1 (0 right), added 1 (1 right)" in text and "0.333 -> 0.667" in text
    del verdicts[("4", "ReefMix", "Dataset")]
    assert text != audit.estimate(before, after, verdicts) and "not judged yet" in audit.estimate(before, after, verdicts)


def test_pairs_judged_outside_the_draw_are_kept_apart(tmp_path):
    path = tmp_path / "judged.jsonl"
    rows = [{"arxiv_id": "1", "name": "KelpNet-3B", "type": "Model", "verdict": "right"},
            {"arxiv_id": "4", "name": "ReefMix", "type": "Dataset", "verdict": "right", "outside_draw": True}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert set(audit.judged(path)) == {("1", "KelpNet-3B", "Model")}
    assert set(audit.judged(path, drawn=False)) == {("4", "ReefMix", "Dataset")}
    assert len(audit.judged(path, drawn=None)) == 2


def test_papers_without_an_arxiv_id_are_keyed_by_title_and_a_second_judgement_file_scores(tmp_path, capsys):
    nodes = [{"id": P + "c", "type": "Paper", "arxiv_id": "", "title": "Herding Drones with Tidal Priors"},
             {"id": E + "gull", "type": "Technique", "label": "GullNet"}, {"id": E + "wave", "type": "Benchmark", "label": "WaveSet"}]
    edges = [{"source": P + "c", "target": E + t, "predicate": "mentions", "evidence": []} for t in ("gull", "wave")]
    (tmp_path / "kg.json").write_text(json.dumps({"nodes": nodes, "edges": edges}), encoding="utf-8")
    assert set(audit.pairs_of(tmp_path)) == {("Herding Drones with Tidal Priors", "GullNet", "Technique"),
                                             ("Herding Drones with Tidal Priors", "WaveSet", "Benchmark")}
    assert audit.main(["--from", str(tmp_path), "--draw", "--n", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Herding Drones with Tidal Priors"
    rows = [{"title": "Herding Drones with Tidal Priors", "name": "GullNet", "type": "Technique", "verdict": "right"},
            {"title": "Herding Drones with Tidal Priors", "name": "WaveSet", "type": "Benchmark", "verdict": "not-an-entity"}]
    judged = tmp_path / "seed.jsonl"
    judged.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert audit.main(["--from", str(tmp_path), "--judged", str(judged)]) == 0
    assert "all        P 0.500  (1/2; not-an-entity 1)" in capsys.readouterr().out


def test_the_seed_judgements_are_well_formed():
    path = audit.ROOT / "bench" / "audit" / "seed_entities.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(audit.judged(path)) == len(rows) == 250  # one verdict per drawn pair, keyed by title
    for row in rows:
        assert row["title"] and "arxiv_id" not in row and row["type"] in audit.TYPES and row["why"]
        assert row["verdict"] in ("right", "wrong-type", "not-an-entity", "wrong-boundary")
        assert (row["should_be"] is not None) == (row["verdict"] in ("wrong-type", "wrong-boundary"))
