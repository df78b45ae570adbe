"""The Python query API on a small hand-made graph whose answers are known exactly."""

from __future__ import annotations

import json

import pytest

import kg
from kg.export import jsongraph
from kg.query import RELATIONS, KnowledgeGraph, Results, UnknownName, example_graph


@pytest.fixture(scope="module")
def g() -> KnowledgeGraph:
    return example_graph()


def titles(results) -> list[str]:
    return [p.title for p in results]


# --- names


@pytest.mark.parametrize("name", ["GSM8K", "gsm8k", "GSM-8K", "gsm 8k", "Gsm_8K"])
def test_names_ignore_case_and_punctuation(g, name):
    assert [g.nx.nodes[i]["label"] for i in g.resolve(name)] == ["GSM8K"]


def test_aliases_resolve_to_the_canonical_entity(g):
    assert g.entity("Low-Rank Adaptation").label == "LoRA"
    assert g.entity("cot").label == "chain-of-thought"


def test_an_iri_is_a_name_too(g):
    assert g.entity("https://w3id.org/mlkg/resource/entity/lora").label == "LoRA"


def test_unknown_name_says_which_names_are_close(g):
    with pytest.raises(UnknownName) as err:
        g.papers(uses="LoRa-X")
    assert "'LoRa-X'" in str(err.value) and "LoRA" in err.value.closest


def test_unknown_name_with_nothing_close(g):
    with pytest.raises(LookupError, match="no close names"):
        g.entity("zzzzqqq")


# --- papers


def test_fine_tunes_a_family_finds_its_variants(g):
    assert titles(g.papers(fine_tunes="Llama-3")) == ["Math reasoning with LoRA"]
    assert titles(g.papers(fine_tunes="Llama")) == ["Math reasoning with LoRA"]


def test_derived_from_is_not_lineage(g):
    """Vicuna is derived from Llama, not a variant: fine-tuning Vicuna is not fine-tuning Llama."""
    assert "Chatting with Vicuna" not in titles(g.papers(fine_tunes="Llama"))
    assert titles(g.papers(fine_tunes="Vicuna")) == ["Chatting with Vicuna"]


def test_a_variant_does_not_match_its_parent(g):
    """Lineage runs downward only: Llama-3-8B-Instruct does not find papers about Llama-3."""
    assert titles(g.papers(evaluates="Llama-3-8B-Instruct")) == []
    assert titles(g.papers(evaluates="Llama-3-8B")) == ["A harder math benchmark"]
    assert titles(g.papers(evaluates="Llama-3")) == ["A harder math benchmark", "Speculative decoding for Llama"]


def test_filters_combine_with_and(g):
    assert titles(g.papers(fine_tunes="Llama-3", evaluated_on="GSM8K")) == ["Math reasoning with LoRA"]
    assert titles(g.papers(fine_tunes="Qwen", evaluated_on="MATH")) == []


def test_a_list_means_any_of_its_names(g):
    assert titles(g.papers(fine_tunes=["Llama", "Qwen"])) == ["Math reasoning with LoRA", "Qwen learns to code"]


@pytest.mark.parametrize("keyword, name, expected", [
    ("proposes", "LoRA", []),
    ("evaluates", "Qwen", ["A harder math benchmark"]),
    ("evaluated_on", "HumanEval", ["Qwen learns to code"]),
    ("trains_on", "MetaMathQA", ["Math reasoning with LoRA"]),
    ("uses", "LoRA", ["Math reasoning with LoRA", "Qwen learns to code"]),
    ("mentions", "LoRA", ["Speculative decoding for Llama"]),
    ("about", "LoRA", ["Math reasoning with LoRA", "Qwen learns to code", "Speculative decoding for Llama"]),
])
def test_every_relation_is_a_filter(g, keyword, name, expected):
    assert titles(g.papers(**{keyword: name})) == expected


def test_without_filters_every_paper(g):
    assert len(g.papers()) == 5


def test_results_carry_the_matching_edges_and_their_evidence(g):
    [paper] = g.papers(fine_tunes="Llama", trains_on="MetaMathQA")
    assert [(link.relation, link.entity) for link in paper.links] == [
        ("fineTunes", "Llama-3-8B-Instruct"), ("trainsOn", "MetaMathQA")]
    assert paper.links[1].evidence[0].sentence == "We fine-tune Llama-3-8B-Instruct with LoRA on MetaMathQA."


def test_unknown_filter_is_a_type_error(g):
    with pytest.raises(TypeError):
        g.papers(fine_tune="Llama")  # type: ignore[call-arg]


def test_paper_by_title_key_part_of_title_or_close_title(g):
    assert g.paper("MATH REASONING WITH LORA").key == "p1"
    assert g.paper("p1").title == "Math reasoning with LoRA"
    assert g.paper("vicuna").key == "p4"
    with pytest.raises(LookupError, match="2 papers have 'math'"):
        g.paper("math")
    with pytest.raises(UnknownName, match="closest: Math reasoning with LoRA"):
        g.paper("Math reasoning with LoRAs")


# --- entities, lineage


def test_entity_has_everything(g):
    e = g.entity("llama-3-8b-instruct")
    assert (e.type, e.label, e.lineage) == ("Model", "Llama-3-8B-Instruct",
                                             ["Llama-3-8B-Instruct", "Llama-3-8B", "Llama-3", "Llama"])
    assert list(e.papers) == ["fineTunes"]
    assert e.papers["fineTunes"][0].evidence[0].sentence.startswith("We fine-tune Llama-3-8B-Instruct")


def test_entity_of_a_family_lists_variants_and_derived_models_separately(g):
    llama = g.entity("Llama")
    assert llama.is_family and llama.variants == ["Llama-3", "Llama-3-8B", "Llama-3-8B-Instruct"]
    assert g.entity("Vicuna").derived_from == ["Llama"]
    assert g.entity("Vicuna").lineage == ["Vicuna"]


def test_entity_type_narrows_the_choice(g):
    with pytest.raises(UnknownName):
        g.entity("LoRA", type="Model")
    assert g.entity("LoRA", type="techniques").type == "Technique"


def test_lineage_and_variants(g):
    assert [s.label for s in g.lineage("Qwen2.5-7B")] == ["Qwen2.5-7B", "Qwen2.5", "Qwen"]
    assert [s.label for s in g.variants("Qwen")] == ["Qwen2.5", "Qwen2.5-7B"]
    assert g.variants("GSM8K") == []


# --- analytics


def test_top_counts_distinct_papers_and_not_bare_mentions(g):
    assert [(s.label, s.papers) for s in g.top("techniques")] == [("LoRA", 2), ("chain-of-thought", 1), ("DPO", 1)]
    assert [(s.label, s.papers) for s in g.top("techniques", relations=RELATIONS)][0] == ("LoRA", 3)
    assert [(s.label, s.papers) for s in g.top("models", n=2)] == [("Llama-3", 1), ("Llama-3-8B", 1)]
    assert len(g.top("models", n=None)) == 6  # the Llama and Qwen families have no paper of their own


def test_top_families_count_every_variant(g):
    assert [(s.label, s.papers) for s in g.top("families")] == [("Llama", 3), ("Qwen", 2)]


def test_top_of_several_kinds(g):
    assert [s.label for s in g.top(["benchmarks", "datasets"], family="Llama")] == ["GSM8K", "MATH", "MetaMathQA"]


def test_family_must_name_a_model(g):
    with pytest.raises(UnknownName, match="no model named 'LoRA'"):
        g.top("benchmarks", family="LoRA")


def test_top_within_given_papers(g):
    within = g.papers(fine_tunes="Llama") + g.papers(proposes="Llama")
    assert [s.label for s in g.top("datasets", within=within, relations=["trainsOn"])] == ["MetaMathQA"]
    assert [s.label for s in g.top("benchmarks", within=["p5"])] == ["MATH"]


def test_top_with_filters_leaves_out_the_named_entity(g):
    assert [s.label for s in g.top("techniques", uses="LoRA")] == ["DPO"]
    assert [s.label for s in g.top("techniques", about="LoRA")] == ["chain-of-thought", "DPO"]
    assert [s.label for s in g.top("models", family="Llama")] == ["Qwen2.5"]


def test_family_means_proposes_fine_tunes_or_evaluates(g):
    """Speculative decoding evaluates Llama-3; a paper that only mentioned Llama would not count."""
    assert [(s.label, s.papers) for s in g.top("benchmarks", family="Llama")] == [("GSM8K", 2), ("MATH", 2)]


def test_cooccurring_techniques(g):
    assert [(s.label, s.papers) for s in g.cooccurring("low-rank adaptation")] == [("DPO", 1)]
    assert g.cooccurring("chain-of-thought") == []
    with pytest.raises(UnknownName, match="no technique named 'GSM8K'"):
        g.cooccurring("GSM8K")


def test_links_of_a_relation_or_kind(g):
    assert [(l.paper_key, l.entity) for l in g.links("proposes")] == []
    assert [l.entity for l in g.links(kind="datasets")] == ["MetaMathQA"]
    assert len(g.links("mentions")) == 1 and len(g.links()) == 18
    with pytest.raises(ValueError, match="unknown relation"):
        g.links("cites")


def test_top_can_count_only_some_relations(g):
    assert [s.label for s in g.top("techniques", relations=["mentions"])] == ["LoRA"]
    assert [s.label for s in g.top("benchmarks", relations=["trainsOn"])] == []
    with pytest.raises(ValueError, match="unknown relation"):
        g.top("techniques", relations=["uses"])


def test_top_refuses_an_unknown_kind(g):
    with pytest.raises(ValueError, match="unknown kind"):
        g.top("papers")


def test_by_date_per_month_and_year(g):
    months = [(r.period, r.label, r.papers) for r in g.by_date("models")]
    assert ("--06", "Vicuna", 1) in months  # a date without a year keeps its month
    assert ("2024-05", "Llama-3", 1) in months
    years = [(r.period, r.label, r.papers) for r in g.by_date("benchmarks", period="year")]
    assert years == [("2024", "GSM8K", 3), ("2024", "MATH", 2), ("2024", "HumanEval", 1)]
    assert [r.label for r in g.by_date("techniques", period="year", relations=["mentions"])] == ["LoRA"]
    assert [r.label for r in g.by_date("benchmarks", family="Qwen")] == ["GSM8K", "HumanEval", "MATH"]


def test_subgraph_is_a_view_to_a_depth(g):
    sub = g.subgraph("Vicuna", depth=1)
    assert sorted(d["label"] for _, d in sub.nx.nodes(data=True)) == ["Chatting with Vicuna", "Llama", "Vicuna"]
    assert sub.nx.is_multigraph() and sub.nx.number_of_edges() == 2
    bigger = g.subgraph("Vicuna", depth=3)
    assert "Llama-3" in {d["label"] for _, d in bigger.nx.nodes(data=True)}


def test_stats(g):
    s = g.stats()
    assert s.nodes["Paper"] == 5 and s.edges["variantOf"] == 5 and s.families == 2
    assert (s.first_date, s.last_date, s.papers_with_date) == ("2024-05-01", "2024-06-15", 5)


# --- results


def test_results_print_one_per_line_and_flatten(g):
    found = g.papers(uses="LoRA")
    assert isinstance(found, Results) and repr(found).count("\n") == 1
    rows = found.to_records()
    assert rows[0]["title"] == "Math reasoning with LoRA" and rows[0]["links"] == ["usesTechnique LoRA"]
    json.dumps(rows)
    assert isinstance(found[:1], Results)


def test_every_result_serialises_to_json(g):
    for result in (g.entity("LoRA"), g.stats(), g.paper("p2")):
        json.dumps(result.model_dump(mode="json"))
        json.dumps(result.to_record())
        assert str(result) == repr(result)


def test_long_results_are_cut_in_their_repr():
    rows = Results(range(30))
    assert "10 more" in repr(rows)


# --- loading


def test_load_round_trips_and_indexes_follow_edits(tmp_path, g):
    (tmp_path / "kg.json").write_text(jsongraph.dumps(g.nx))
    loaded = kg.load(tmp_path)
    assert loaded == g
    assert titles(loaded.papers(fine_tunes="Llama-3")) == ["Math reasoning with LoRA"]
    loaded.nx.add_node("https://example.org/new", type="Technique", key="new", label="NewThing", aliases=[])
    assert loaded.entity("newthing").label == "NewThing"
    loaded.nx.nodes["https://example.org/new"]["aliases"].append("NT")
    loaded.refresh()
    assert loaded.entity("NT").label == "NewThing"


def test_load_of_a_missing_graph_says_how_to_build_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="mlkg build"):
        kg.load(tmp_path)
