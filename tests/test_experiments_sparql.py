"""The experiment queries of ``queries/`` and the Python API agree on the seeds export.

leaderboard.rq against ``g.leaderboard``; papers-fine-tuning-family-evaluated-on-benchmark.rq
(the experiment-level question of CONTRACT.md) against ``g.papers(..., same_model=True)``.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

import kg
from kg import sparql
from kg.graph import entity_iri, paper_iri

from test_api_vs_sparql import ask, g, sparql_names, store  # noqa: E402,F401 - shared fixtures

FAMILIES = ["Llama", "Qwen", "Mistral", "GPT"]
BENCHMARKS = ["GSM8K", "MMLU", "HumanEval", "ImageNet"]


def names(store, name: str) -> list[str]:
    return sparql_names(store, name)


@pytest.mark.parametrize("benchmark", BENCHMARKS)
@pytest.mark.parametrize("family", ["", "Llama"])
def test_leaderboard(g, store, benchmark, family):
    rows = ask(store, "leaderboard", benchmark=benchmark, family=family)
    api = g.leaderboard(names(store, benchmark), model=names(store, family) if family else None)
    assert ({(entity_iri(r.model_key), paper_iri(r.paper_key), r.value) for r in api}
            == {(r["model"], r["paper"], r["value"]) for r in rows})
    by_metric_api, by_metric_sparql = defaultdict(list), defaultdict(list)
    for r in api:
        by_metric_api[r.metric or ""].append(r.number)
    for r in rows:
        by_metric_sparql[r["metric"]].append(float(r["number"]))
    assert by_metric_api == by_metric_sparql  # best first within each metric, on both sides


def test_the_seeds_have_a_leaderboard(g):
    assert any(r.number is not None for r in g.leaderboard("GSM8K"))


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("benchmark", BENCHMARKS)
def test_papers_fine_tuning_family_evaluated_on_benchmark(g, store, family, benchmark):
    rows = ask(store, "papers-fine-tuning-family-evaluated-on-benchmark", family=family, benchmark=benchmark)
    papers = g.papers(fine_tunes=names(store, family), evaluated_on=names(store, benchmark), same_model=True)
    assert {paper_iri(p.key) for p in papers} == {r["paper"] for r in rows}
    paper_level = {paper_iri(p.key) for p in g.papers(fine_tunes=names(store, family),
                                                      evaluated_on=names(store, benchmark))}
    assert {r["paper"] for r in rows} <= paper_level


def test_experiment_level_is_stricter_than_paper_level_somewhere(g):
    """Weak-to-Strong Reasoning fine-tunes Llama 3 and evaluates on GSM8K, but GSM8K is Llama 2's."""
    loose = {p.title for p in g.papers(fine_tunes="Llama-3", evaluated_on="GSM8K")}
    strict = {p.title for p in g.papers(fine_tunes="Llama-3", evaluated_on="GSM8K", same_model=True)}
    assert strict < loose


def test_the_papers_own_model_made_from_the_tuned_one_counts_as_it(tmp_path):
    """'We fine-tune A to obtain B; B reaches x% on D': B is the fine-tuned A, in the API and in SPARQL.

    A model the paper presents without a lineage to the tuned one is not it.
    """
    import json

    from kg import job

    records = [
        {"title": "Quokka: math from a tuned model",
         "abstract": "We fine-tune Llama-3-8B on MetaMathQA to obtain Quokka-8B. "
                     "Quokka-8B reaches 70.1% accuracy on GSM8K."},
        {"title": "A tuned model and a model from scratch",
         "abstract": "We fine-tune Llama-3-8B on MetaMathQA for tool use. Separately, we present Wombat-2B, "
                     "a model trained from scratch. Wombat-2B reaches 50.2% accuracy on GSM8K."},
    ]
    src = tmp_path / "papers.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    job.run([src], tmp_path / "out", formats=("ttl", "json"), processes=1)
    graph = kg.load(tmp_path / "out")
    loose = {p.title for p in graph.papers(fine_tunes="Llama-3", evaluated_on="GSM8K")}
    strict = {p.title for p in graph.papers(fine_tunes="Llama-3", evaluated_on="GSM8K", same_model=True)}
    assert loose == {r["title"] for r in records}
    assert strict == {"Quokka: math from a tuned model"}
    rows = ask(sparql.load_export(tmp_path / "out"), "papers-fine-tuning-family-evaluated-on-benchmark",
               family="Llama 3", benchmark="GSM8K")
    assert {(r["title"], r["model"]) for r in rows} == {("Quokka: math from a tuned model", "Quokka-8B")}
