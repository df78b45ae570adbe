"""bench/audit.py: reading an export's edges, the hash-ranked sample, judgements matched by any quoted form,
and the Wilson interval."""

from __future__ import annotations

import json

import pytest

from conftest import load_bench

P1, P2 = "https://w3id.org/mlkg/resource/paper/arxiv-9901.00001", "https://w3id.org/mlkg/resource/paper/arxiv-9901.00002"
ENT = "https://w3id.org/mlkg/resource/entity/"
ABSTRACT = "We retrain the Otter-3B parser on the QuarryTalk corpus."


@pytest.fixture(scope="module")
def audit():
    return load_bench("audit")


def _export(tmp_path, edges):
    nodes = [{"id": P1, "type": "Paper", "key": "arxiv-9901.00001", "arxiv_id": "9901.00001",
              "title": "Parsing quarry talk", "abstract": ABSTRACT},
             {"id": P2, "type": "Paper", "key": "arxiv-9901.00002", "arxiv_id": "9901.00002",
              "title": "Another paper", "abstract": "Nothing here."},
             {"id": ENT + "otter-3b", "type": "Model", "label": "Otter 3B"},
             {"id": ENT + "quarrytalk", "type": "Dataset", "label": "QuarryTalk"}]
    path = tmp_path / "kg.json"
    path.write_text(json.dumps({"nodes": nodes, "edges": edges}), encoding="utf-8")
    return path


def _edge(source, target, predicate, start=None, end=None):
    ev = {"sentence": ABSTRACT, "field": "abstract", "rule": "r"}
    if start is not None:
        ev.update(start=start, end=end)
    return {"source": source, "target": ENT + target, "predicate": predicate, "evidence": [ev]}


def test_edges_carry_the_forms_their_evidence_quotes(audit, tmp_path):
    start = ABSTRACT.index("Otter-3B")
    path = _export(tmp_path, [_edge(P1, "otter-3b", "fineTunes", start, start + 8),
                              {"source": ENT + "otter-3b", "target": ENT + "quarrytalk", "predicate": "variantOf"}])
    [edge] = audit.edges_of(path)  # an entity → entity edge is no claim about a paper
    assert (edge["arxiv_id"], edge["name"], edge["relation"]) == ("9901.00001", "Otter 3B", "fineTunes")
    assert edge["forms"] == ["Otter 3B", "Otter-3B"] and edge["sentence"] == ABSTRACT


def test_a_judgement_matches_by_a_quoted_form_and_a_later_line_wins(audit, tmp_path):
    start = ABSTRACT.index("Otter-3B")
    edges = audit.edges_of(_export(tmp_path, [_edge(P1, "otter-3b", "fineTunes", start, start + 8)]))
    judged = tmp_path / "relations.jsonl"
    judged.write_text("\n".join(json.dumps(j) for j in [
        {"arxiv_id": "9901.00001", "name": "otter-3b", "relation": "fineTunes", "verdict": "wrong"},
        {"arxiv_id": "9901.00001", "name": "OTTER-3B", "relation": "fineTunes", "verdict": "right"},
        {"arxiv_id": "9901.00001", "name": "QuarryTalk", "relation": "trainsOn", "verdict": "wrong"}]) + "\n",
        encoding="utf-8")
    table = audit.load_judgements(judged, "relation")
    assert audit.judgement_of(edges[0], table, "relation")["verdict"] == "right"
    t = audit.tally(edges, table, "relation")
    assert (t["right"], t["judged"], t["unjudged"]) == (1, 1, [])
    # the trainsOn judgement names an edge the export does not have: counted as gone, by verdict
    assert dict(audit.gone(edges, table, "relation", ["trainsOn"])["trainsOn"]) == {"wrong": 1}


def test_a_judgement_without_a_verdict_is_refused(audit, tmp_path):
    judged = tmp_path / "relations.jsonl"
    judged.write_text(json.dumps({"arxiv_id": "9901.00001", "name": "Otter 3B", "relation": "fineTunes"}) + "\n",
                      encoding="utf-8")
    with pytest.raises(ValueError, match="verdict"):
        audit.load_judgements(judged, "relation")


def test_the_sample_keeps_an_edges_place_when_others_come_and_go(audit):
    edges = [{"arxiv_id": f"9901.{i:05d}", "name": f"Heron-{i}", "relation": "fineTunes"} for i in range(40)]
    first = audit.sample(edges, "relation", ["fineTunes"], 10, seed=3)["fineTunes"]
    fewer = [e for e in edges if e is not first[0]]
    again = audit.sample(fewer, "relation", ["fineTunes"], 10, seed=3)["fineTunes"]
    assert again[:9] == first[1:]  # the removed edge's place goes to the next in line
    assert audit.sample(edges, "relation", ["fineTunes"], 10, seed=4)["fineTunes"] != first


def test_unseen_papers_leave_out_gold_titles_whatever_their_case_or_punctuation(audit, tmp_path):
    recent = tmp_path / "papers.jsonl"
    recent.write_text("".join(json.dumps({"title": t, "abstract": "x"}) + "\n"
                              for t in ("Parsing Quarry-Talk!", "Weaving baskets with herons",
                                        "K$^{3}$Loom: looms at 40$^\\circ$")), encoding="utf-8")
    gold = tmp_path / "gold.json"
    # a gold title keeps its LaTeX, which ingest turns into text in the paper it reads
    gold.write_text(json.dumps([{"title": "parsing quarry talk"}, {"title": "K$^{3}$Loom: looms at 40$^\\circ$"}]),
                    encoding="utf-8")
    assert [p.title for p in audit.unseen_papers(recent, [gold])] == ["Weaving baskets with herons"]


PAGE = """Glazing Kilns with Sparrow-2

We present Sparrow-2, a kiln controller. We fine-tune Otter-3B on firing logs to obtain it.

  • 3 authors
·
Feb 2, 2026 4

Parsing Quarry-Talk

We retrain the Otter-3B parser on the QuarryTalk corpus.

  • 2 authors
·
Feb 3, 2026 1
"""


def test_another_corpus_a_listing_page_is_audited_by_paper_key(audit, tmp_path, monkeypatch, capsys):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps([{"title": "parsing quarry talk"}]), encoding="utf-8")
    monkeypatch.setattr(audit, "GOLD", [gold])  # the gold paper of the page is left out, as for the recent papers
    [paper] = audit.unseen_papers(page, [gold])
    assert paper.title.startswith("Glazing") and paper.arxiv_id is None
    out = tmp_path / "build"
    monkeypatch.setattr("sys.argv", ["audit.py", "--input", str(page), "--out", str(out),
                                     "--relations", "fineTunes", "--judged", str(tmp_path / "none.jsonl"),
                                     "--unjudged"])
    audit.main()
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()[2:]]
    titles = {n.get("title") for n in json.loads((out / "kg.json").read_text(encoding="utf-8"))["nodes"]}
    assert "Parsing Quarry-Talk" not in titles
    assert rows and {r["arxiv_id"] for r in rows} == {paper.key}  # no arXiv id: the export's key


@pytest.mark.parametrize("k, n, lo, hi", [(79, 120, 0.570, 0.737), (0, 10, 0.0, 0.278), (10, 10, 0.722, 1.0)])
def test_wilson_interval(audit, k, n, lo, hi):
    got = audit.wilson(k, n)
    assert got == pytest.approx((lo, hi), abs=0.001)


def test_wilson_of_nothing_is_the_whole_range(audit):
    assert audit.wilson(0, 0) == (0.0, 1.0)


def test_judged_option_scores_against_the_file_it_names(audit, tmp_path, monkeypatch, capsys):
    start = ABSTRACT.index("Otter-3B")
    _export(tmp_path, [_edge(P1, "otter-3b", "fineTunes", start, start + 8), _edge(P1, "quarrytalk", "trainsOn")])
    other = tmp_path / "heldout.jsonl"
    other.write_text(json.dumps({"arxiv_id": "9901.00001", "name": "QuarryTalk", "relation": "trainsOn",
                                 "verdict": "wrong", "should_be": "evaluatesOn", "sample": "heldout"}) + "\n",
                     encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["audit.py", "--from", str(tmp_path), "--relations", "fineTunes,trainsOn",
                                     "--judged", str(other), "--unjudged"])
    audit.main()
    out = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split() for line in out[1:3]}
    assert rows["trainsOn"][1:5] == ["1", "1", "1", "0"]  # edges, sample, judged, right: the file's verdict
    assert rows["fineTunes"][3] == "0"  # judged nowhere in that file: listed as unjudged, not scored
    assert [json.loads(line)["name"] for line in out[3:]] == ["Otter 3B"]


def test_the_heldout_sample_is_well_formed(audit):
    # r1 later judged edges that its fixes moved into its window, 29 of them also in the held-out file (the two
    # judges agreed on all 29): the files may overlap, but each held-out line is one blind judgement
    held = audit.load_judgements(audit.JUDGED / "heldout.jsonl", "relation")
    lines = (audit.JUDGED / "heldout.jsonl").read_text(encoding="utf-8").splitlines()
    assert held and len(held) == len([line for line in lines if line.strip()])  # no edge judged twice in it
    for j in held.values():
        assert j["sample"] == "heldout" and j["verdict"] in ("right", "wrong") and j["why"]
        assert j["should_be"] is None or j["verdict"] == "wrong"


def test_a_line_not_yet_judged_or_not_json_is_a_one_line_error(audit, tmp_path):
    path = tmp_path / "j.jsonl"
    path.write_text(json.dumps({"arxiv_id": "9901.00001", "name": "Otter-3B", "relation": "fineTunes",
                                "verdict": None}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"j\.jsonl:1: verdict must be right or wrong"):
        audit.load_judgements(path, "relation")
    path.write_text('{"arxiv_id": "9901.00001",\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"j\.jsonl:1: not JSON"):
        audit.load_judgements(path, "relation")


def test_the_seed_sample_is_well_formed(audit):
    # one blind judgement per edge of the unannotated seed papers, keyed by the export's paper key
    seeds = audit.load_judgements(audit.JUDGED / "seeds.jsonl", "relation")
    lines = [line for line in (audit.JUDGED / "seeds.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert seeds and len(seeds) == len(lines)
    for (key, relation, _), j in seeds.items():
        assert j["sample"] == "seeds" and j["verdict"] in ("right", "wrong") and j["why"] and j["sentence"]
        assert j["should_be"] is None or (j["verdict"] == "wrong" and j["should_be"] != relation)
        assert key.startswith("t-") or "." in key
