"""The Python API and the SPARQL queries of ``queries/`` give the same answers on the seeds export.

One test per query file, each asked with one or more parameter values.  Each
side is read with the semantics its query file documents (which relations
count, lineage through ``variantOf*``) and the answers are compared as sets of
IRIs and counts, since the two sides order ties differently (SPARQL sorts
labels by code point, the API by case-folded label).

Names are the one place the two differ by design: the queries match a label
or alias ignoring case, the API ignoring case *and punctuation*, so the API
also finds a stray "Human-eval" entity for "HumanEval".  ``test_entity_by_name``
checks exactly that difference; the other tests hand the API the entities the
query's own name match found (``sparql_names``), so they compare the questions
themselves.  Exact totals are not asserted, as extraction improves over time;
where a seed abstract plainly states a fact, a test checks that it is there.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import kg
from kg import sparql
from kg.graph import entity_iri, paper_iri
from kg.query import ENTITY_TYPES, WORKS_WITH, normalize

FAMILIES = ["Llama", "Qwen", "Mistral", "GPT"]
BENCHMARKS = ["GSM8K", "MMLU", "HumanEval"]
TECHNIQUES = ["LoRA", "DPO", "chain-of-thought"]


@pytest.fixture(scope="module")
def g(seeds_build) -> kg.KnowledgeGraph:
    return kg.load(seeds_build[0])


@pytest.fixture(scope="module")
def store(seeds_build):
    return sparql.load_export(seeds_build[0])


def ask(store, query: str, **params: str) -> list[dict]:
    return sparql.run(query, store, params).as_dicts()


def sparql_names(store, name: str) -> list[str]:
    """The IRIs of the entities whose label or alias is ``name`` in any case: what every query matches."""
    return sorted({r["entity"] for r in ask(store, "entity-by-name", name=name)})


def counted(summaries) -> set[tuple[str, int]]:
    return {(entity_iri(s.key), s.papers) for s in summaries}


def counted_rows(rows, column: str, count: str = "papers") -> set[tuple[str, int]]:
    return {(r[column], int(r[count])) for r in rows}


# 1
@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("benchmark", BENCHMARKS)
def test_papers_fine_tuning_family_on_benchmark(g, store, family, benchmark):
    rows = ask(store, "papers-fine-tuning-family-on-benchmark", family=family, benchmark=benchmark)
    papers = g.papers(fine_tunes=sparql_names(store, family), evaluated_on=sparql_names(store, benchmark))
    assert {paper_iri(p.key) for p in papers} == {r["paper"] for r in rows}
    assert ({(paper_iri(p.key), link.entity) for p in papers for link in p.links if link.relation == "fineTunes"}
            == {(r["paper"], r["model"]) for r in rows})


def test_a_plain_fact_fine_tuning_llama_on_gsm8k(g):
    """Bone fine-tunes LLaMA2-7B on MetaMathQA and reports its validation on GSM8k."""
    assert any(p.title.startswith("Bone:") for p in g.papers(fine_tunes="Llama", evaluated_on="GSM8K"))


# 2
@pytest.mark.parametrize("benchmark", BENCHMARKS)
def test_models_evaluated_on_benchmark(g, store, benchmark):
    rows = ask(store, "models-evaluated-on-benchmark", benchmark=benchmark)
    api = g.top("models", n=None, evaluated_on=sparql_names(store, benchmark), relations=WORKS_WITH)
    assert counted(api) == counted_rows(rows, "model")


# 3
@pytest.mark.parametrize("family", FAMILIES)
def test_benchmarks_of_family(g, store, family):
    """The query counts whatever a paper evaluates on: benchmarks and datasets."""
    rows = ask(store, "benchmarks-of-family", family=family)
    api = g.top(["benchmarks", "datasets"], n=None, family=sparql_names(store, family), relations=["evaluatesOn"])
    assert counted(api) == counted_rows(rows, "benchmark")


# 4
@pytest.mark.parametrize("technique", TECHNIQUES)
def test_techniques_used_with(g, store, technique):
    rows = ask(store, "techniques-used-with", technique=technique)
    assert counted(g.cooccurring(sparql_names(store, technique), n=None)) == counted_rows(rows, "other")


# 5
def test_papers_proposing_benchmarks(g, store):
    rows = ask(store, "papers-proposing-benchmarks")
    api = {(paper_iri(link.paper_key), entity_iri(link.entity_key)) for link in g.links("proposes", kind="benchmarks")}
    assert api == {(r["paper"], r["benchmark"]) for r in rows}
    assert any(link.entity == "CFDBench" for link in g.links("proposes", kind="benchmarks"))


# 6
def test_lineage_of_models(g, store):
    """The 20 models with the longest lineages, and LLaMA2-7B: ancestors and how many steps up each one is."""
    models = sorted((-len(g.lineage(iri)), d["label"], iri) for iri, d in g.nx.nodes(data=True) if d["type"] == "Model")
    chosen = [(iri, label) for depth, label, iri in models[:20] if depth < -1]
    chosen += [(iri, "LLaMA2-7B") for iri in sparql_names(store, "LLaMA2-7B")]
    assert len(chosen) > 10
    for iri, label in chosen:
        rows = [r for r in ask(store, "lineage-of-model", model=label) if r["start"] == iri]
        api = g.lineage(iri)
        assert {(entity_iri(s.key), step) for step, s in enumerate(api) if step} == {
            (r["ancestor"], int(r["steps"])) for r in rows}, label


def test_a_plain_fact_llama_2_7b_is_a_llama(g):
    assert [s.label for s in g.lineage("LLaMA2-7B")][-1] == "Llama"


# 7
@pytest.mark.parametrize("title", ["Orca-Math", "Bone: Block Affine", "LoRA-GA"])
def test_paper_edges_with_evidence(g, store, title):
    rows = ask(store, "paper-edges-with-evidence", title=title)
    assert len({r["paperTitle"] for r in rows}) <= 1, "the title part should name one paper"
    paper = g.paper(title)
    api = sorted((link.relation, entity_iri(link.entity_key), ev.sentence, ev.rule, Decimal(f"{ev.confidence:.2f}"))
                 for link in paper.links for ev in link.evidence)
    assert api == sorted((r["relation"], r["entity"], r["sentence"], r["rule"], Decimal(r["confidence"]))
                         for r in rows)
    assert api, "every edge has its evidence"


# 8
def test_techniques_per_month(g, store):
    """The query counts whatever a paper uses, whatever its type (a few usesTechnique edges reach a Model)."""
    rows = ask(store, "techniques-per-month")
    api = {(r.period, entity_iri(r.key), r.papers) for r in g.by_date(ENTITY_TYPES, relations=["usesTechnique"])}
    assert api == {(r["month"], r["technique"], int(r["papers"])) for r in rows}
    assert api


# 9
@pytest.mark.parametrize("family", FAMILIES)
def test_datasets_training_family(g, store, family):
    """Papers that fine-tune or propose a model of the family: the union of two API filters."""
    rows = ask(store, "datasets-training-family", family=family)
    models = [iri for iri in sparql_names(store, family) if g.nx.nodes[iri]["type"] == "Model"]
    within = g.papers(fine_tunes=models) + g.papers(proposes=models)
    api = g.top(["datasets", "benchmarks"], n=None, within=within, relations=["trainsOn"])
    assert counted(api) == counted_rows(rows, "dataset")


# 10
def test_models_introduced_and_fine_tuned_by_others(g, store):
    rows = ask(store, "models-introduced-and-fine-tuned-by-others")
    api = set()
    for link in g.links("proposes", kind="models"):
        others = {p.key for p in g.papers(fine_tunes=entity_iri(link.entity_key))} - {link.paper_key}
        if others:
            api.add((entity_iri(link.entity_key), link.paper, len(others)))
    assert api == {(r["model"], r["introducedIn"], int(r["fineTunedBy"])) for r in rows}


# 11
def test_top_models(g, store):
    """The query keeps 25 rows: the same counts, and the same models above the last count (ties may differ)."""
    rows = ask(store, "top-models")
    api = g.top("models", n=len(rows), relations=WORKS_WITH)
    assert [s.papers for s in api] == [int(r["papers"]) for r in rows]
    last = api[-1].papers
    assert {x for x in counted(api) if x[1] > last} == {x for x in counted_rows(rows, "model") if x[1] > last}


def test_top_model_families(g, store):
    rows = ask(store, "top-model-families")
    assert counted(g.top("families", n=None, relations=WORKS_WITH)) == counted_rows(rows, "family")
    assert "Llama" in [s.label for s in g.top("families", n=5)]


# 12
@pytest.mark.parametrize("technique", TECHNIQUES)
def test_papers_using_technique(g, store, technique):
    """Each paper with the first (by code point) sentence that says it uses the technique."""
    rows = ask(store, "papers-using-technique", technique=technique)
    api = {(paper_iri(p.key), p.title, min(ev.sentence for link in p.links for ev in link.evidence))
           for p in g.papers(uses=sparql_names(store, technique))}
    assert api == {(r["paper"], r["title"], r["evidence"]) for r in rows}


# 13
@pytest.mark.parametrize("name", ["RLHF", "LoRA", "GSM8K", "HumanEval", "Llama", "Qwen", "MMLU", "chain-of-thought",
                                  "DPO"])
def test_entity_by_name(g, store, name):
    """The API finds what the query finds, and more only where punctuation alone differs."""
    rows = ask(store, "entity-by-name", name=name)
    found = {r["entity"] for r in rows}
    assert found and found <= g.resolve(name)
    for extra in g.resolve(name) - found:
        d = g.nx.nodes[extra]
        spelled = [n for n in (d["label"], d["key"], *d["aliases"]) if normalize(n) == normalize(name)]
        assert spelled and all(n.casefold() != name.casefold() for n in spelled), (name, d["label"])
    for iri in found:
        e = g.entity(iri)
        mine = [r for r in rows if r["entity"] == iri]
        assert {r["type"] for r in mine} >= {e.type} and {r["label"] for r in mine} == {e.label}
        assert {r["alias"] for r in mine} - {None} == set(e.aliases)
        # papers, not edges: one paper may both train on and evaluate on a benchmark
        assert int(mine[0]["papers"] or 0) == len({link.paper_key for links in e.papers.values() for link in links})
