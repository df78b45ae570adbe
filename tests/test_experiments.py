"""Experiments: which model ran on which data, with the result stated.

Every rule of kg/extract/experiments.py, experiment_records.py and results.py has a
sentence of its own here (none is taken from the gold or the seeds).
"""

from __future__ import annotations

import json
import sys

import pytest
import rdflib

from kg.extract import extract
from kg.extract import results as res
from kg.extract.experiments import RULES
from kg.model import Paper

from test_rdf import MLKG, RDF


def runs(title: str, abstract: str) -> set[tuple]:
    """(kind, model, data, value) of every experiment extracted from one made-up paper."""
    [ex] = extract([Paper(key="p", title=title, abstract=abstract)])
    return {(x.kind.value, ex.mentions[x.model_mention].text, ex.mentions[x.data_mention].text, x.value)
            for x in ex.experiments}


def pairs(title: str, abstract: str) -> set[tuple]:
    """(kind, model, data) of every experiment extracted from one made-up paper."""
    return {(k, m, d) for k, m, d, _ in runs(title, abstract)}


# --------------------------------------------------------------------------- values

@pytest.mark.parametrize("sentence, expected", [
    ("It reaches 76.4% on A and 3.5 points more on B.", ["76.4%", "3.5 points"]),
    ("Accuracy rises from 42.3% to 57.9% and F1 from 31.2->34.8.", ["57.9%", "34.8"]),
    ("We train 7B models for 5 epochs on 60 examples at 224 x 224 pixels.", []),
    ("It is 2.5x faster and scores 7.85/10 with -1.2% error.", ["2.5x", "7.85/10", "-1.2%"]),
    ("Using 40% of the labelled data and 1/4 of their compute, it keeps 97.5% of its F1.", ["97.5%"]),
])
def test_values_are_results_not_counts_sizes_or_starting_points_nor_shares_of_a_cost(sentence, expected):
    assert [v.text for v in res.values(sentence)] == expected


def test_value_units_and_numbers():
    vals = res.values("Gains of +4.0%, 1.5 points and 3x.")
    assert [(v.number, v.unit) for v in vals] == [(4.0, "%"), (1.5, "points"), (3.0, "×")]


def test_metric_names_are_normalised_through_the_vocabulary():
    s = "Zeta gets an exact match of 71.0, a pass@1 of 40.2% and a win-rate of 55%."
    assert [res.metric_near(s, v) for v in res.values(s)] == ["exact match", "pass@1", "win rate"]


# --------------------------------------------------------------------------- linking model and data

def test_the_subject_of_a_result_verb_is_credited_and_a_compared_model_gets_its_bracketed_score():
    got = runs("Zorba: small math models",
               "We present Zorba-7B, a compact math model. Zorba-7B achieves 86.8% accuracy on GSM8K, "
               "outperforming GPT-4 (62.1%).")
    assert ("evaluatedOn", "Zorba-7B", "GSM8K", "86.8%") in got
    assert ("evaluatedOn", "GPT-4", "GSM8K", "62.1%") in got


def test_fine_tune_on_one_set_and_evaluate_it_on_others():
    got = runs("Tuning for math", "We fine-tune Llama-2-7B on MetaMathQA and evaluate it on GSM8K and SVAMP.")
    assert got >= {("trainedOn", "Llama-2-7B", "MetaMathQA", None), ("evaluatedOn", "Llama-2-7B", "GSM8K", None),
                   ("evaluatedOn", "Llama-2-7B", "SVAMP", None)}
    assert ("evaluatedOn", "Llama-2-7B", "MetaMathQA", None) not in got
    assert ("trainedOn", "Llama-2-7B", "GSM8K", None) not in got


def test_our_fine_tuned_model_is_the_named_model():
    got = runs("Better reasoning", "We fine-tune Llama-3-8B with a new curriculum. "
                                   "Our fine-tuned Llama-3-8B reaches 71.2% on GSM8K.")
    assert ("evaluatedOn", "Llama-3-8B", "GSM8K", "71.2%") in got


def test_our_model_stands_for_the_proposed_one_only_when_no_other_model_is_named():
    got = runs("Quill: a coding model", "We introduce Quill-3B, a small code model. "
                                        "Our model reaches 55.0% on HumanEval. "
                                        "Our method also lifts StarCoder-7B on MBPP.")
    assert ("evaluatedOn", "Quill-3B", "HumanEval", "55.0%") in got
    assert not any(m == "Quill-3B" and d == "MBPP" for _, m, d, _ in got)


def test_a_judge_is_not_evaluated_nor_trained():
    got = runs("Chat tuning", "We fine-tune Mistral-7B on UltraChat and evaluate it on MT-Bench with GPT-4 as the judge.")
    assert ("evaluatedOn", "Mistral-7B", "MT-Bench", None) in got
    assert not any(m == "GPT-4" for _, m, _, _ in got)


def test_a_method_applied_to_a_named_model_leaves_the_result_to_the_model():
    got = runs("FooTune: cheap adapters", "We propose FooTune, a parameter-efficient fine-tuning method. "
                                          "FooTune improves Llama-2-7B by 4.1 points on GSM8K.")
    assert got == {("evaluatedOn", "Llama-2-7B", "GSM8K", "4.1 points")}


def test_respectively_pairs_values_with_the_data_in_order():
    got = runs("Qux", "We introduce Qux-13B. Qux-13B scores 45.1% and 61.3% on MATH and HumanEval, respectively.")
    assert {("evaluatedOn", "Qux-13B", "MATH", "45.1%"), ("evaluatedOn", "Qux-13B", "HumanEval", "61.3%")} <= got


def test_a_model_compared_with_ours_in_a_sentence_without_data_is_run_on_our_data():
    got = runs("Pico: tiny math models", "We present Pico-1B. Pico-1B achieves 61.0% on GSM8K. "
                                         "Pico-1B surpasses much larger models such as Falcon-40B.")
    assert ("evaluatedOn", "Falcon-40B", "GSM8K", None) in got


def test_a_benchmark_papers_models_are_run_on_its_one_benchmark():
    got = runs("ZebraQA: zoology questions for language models",
               "We introduce ZebraQA, a benchmark of 500 questions on animal behaviour. "
               "We evaluate three frontier models, GPT-4o, Claude 3 Opus and Gemini 1.5 Pro, with zero-shot prompts. "
               "Even GPT-4o answers only 41.2% of the questions correctly.")
    assert {("evaluatedOn", m, "ZebraQA") for m in ("GPT-4o", "Claude 3 Opus", "Gemini 1.5 Pro")} <= {
        (k, m, d) for k, m, d, _ in got}
    assert not any(k == "trainedOn" for k, _, _, _ in got)


def test_with_other_data_named_a_model_is_not_put_on_the_papers_benchmark():
    got = runs("ZebraQA: zoology questions for language models",
               "We introduce ZebraQA, a benchmark of 500 questions on animal behaviour. "
               "We fine-tune Mistral-7B on UltraChat. We evaluate GPT-4o with zero-shot prompts.")
    assert ("evaluatedOn", "GPT-4o", "ZebraQA") not in {(k, m, d) for k, m, d, _ in got}


def test_a_model_outperformed_on_listed_data_is_run_on_them_as_is_the_winner():
    got = pairs(
        "Kestrel: continued training", "We continue training Falcon-7B into Kestrel-7B. "
        "Overall, Kestrel-7B outperforms Falcon-7B on reading tasks (e.g., SQuAD), multilingual tasks (XNLI, PAWS-X) "
        "and ARC.")
    for data in ("SQuAD", "XNLI", "PAWS-X", "ARC"):
        assert ("evaluatedOn", "Kestrel-7B", data) in got and ("evaluatedOn", "Falcon-7B", data) in got


def test_models_listed_together_share_the_result_on_the_data():
    got = pairs(
        "Probing spatial reasoning", "We study spatial reasoning in chat models. "
        "Both GPT-4o and Claude 3 Opus reach only 40% accuracy on BLINK.")
    assert {("evaluatedOn", "GPT-4o", "BLINK"), ("evaluatedOn", "Claude 3 Opus", "BLINK")} <= got


def test_a_model_fine_tuned_on_data_named_after_it_is_trained_on_it():
    got = runs("Tern: a Welsh assistant", "We introduce CymruQA, a question answering dataset in Welsh. We release "
                                          "Tern-8B, an open assistant developed through distillation and fine-tuning "
                                          "on CymruQA.")
    assert ("trainedOn", "Tern-8B", "CymruQA", None) in got
    assert ("evaluatedOn", "Tern-8B", "CymruQA", None) not in got  # only trained on it, by this sentence


def test_it_is_still_our_model_beside_examples_it_is_compared_with():
    got = runs("Wren: small hybrid models", "We present Wren-2B, a small hybrid language model. "
               "It also scores higher on MMLU than much larger dense models such as Falcon-40B.")
    assert ("evaluatedOn", "Wren-2B", "MMLU") in {(k, m, d) for k, m, d, _ in got}


def test_recent_models_compared_with_are_not_background_but_recent_studies_are():
    got = pairs(
        "Kite: small dense models", "We present Kite-3B, a small dense language model. "
        "It also achieves better accuracy on MMLU and ARC than recent and far larger mixture-of-experts "
        "models, such as Falcon-40B.")
    assert {("evaluatedOn", "Kite-3B", "MMLU"), ("evaluatedOn", "Falcon-40B", "ARC")} <= got
    assert runs("Efficient math", "Recent studies report that GPT-4 achieves 92.0% on GSM8K. "
                                  "We study data selection instead.") == set()


def test_models_evaluated_on_our_dataset_without_naming_it_again_is_a_stated_rule():
    [ex] = extract([Paper(key="p", title="Tamil legal NER", abstract=(
        "We present TamLex, a corpus for legal named entity recognition in Tamil, and we fine-tune XLM-R on "
        "CoNLL-2003 first. To show the utility of the corpus, we evaluated several models on it, including mBERT "
        "and RoBERTa-large."))])
    got = {(x.model, x.data): x.evidence.rule for x in ex.experiments if x.kind.value == "evaluatedOn"}
    assert got[("mBERT", "TamLex")].startswith("experiment:our-data:")
    assert got[("RoBERTa-large", "TamLex")].startswith("experiment:our-data:")


def test_a_benchmark_papers_evaluated_models_are_run_on_it_by_a_stated_rule():
    [ex] = extract([Paper(key="p", title="ZebraQA: zoology questions for language models", abstract=(
        "We introduce ZebraQA, a benchmark of 500 questions on animal behaviour. Experiments with several chat "
        "assistants show that even GPT-4o and Claude 3 Opus reach only 41.2% accuracy."))])
    got = {(x.kind.value, x.model, x.data): x.evidence.rule for x in ex.experiments}
    assert got[("evaluatedOn", "GPT-4o", "ZebraQA")].startswith("experiment:benchmark-run:")
    assert got[("evaluatedOn", "Claude 3 Opus", "ZebraQA")].startswith("experiment:benchmark-run:")


def test_models_a_dataset_paper_evaluates_beside_the_new_dataset_are_run_on_it():
    [ex] = extract([Paper(key="p", title="KhmerOCR: a dataset for Khmer scene text", abstract=(
        "We present KhmerOCR, a dataset of 9,000 photographed signs in Khmer script. We pretrain TrOCR on "
        "synthetic text images. Alongside the new dataset, strong baselines come from two recognisers, TrOCR "
        "and Donut."))])
    got = {(x.kind.value, x.model, x.data): x.evidence.rule for x in ex.experiments}
    assert got[("evaluatedOn", "TrOCR", "KhmerOCR")].startswith("experiment:our-data-run:")


def test_every_data_name_of_a_list_after_on_is_evaluated_on():
    [ex] = extract([Paper(key="p", title="Heron: commonsense models", abstract=(
        "We present Heron-7B, a commonsense reasoning model. We evaluate Heron-7B on HellaSwag/PIQA/WinoGrande "
        "and on the ARC-Challenge, ARC-Easy, CommonsenseQA, SocialIQA and OpenBookQA benchmarks."))])
    got = {(x.kind.value, x.model, x.data): x.evidence.rule for x in ex.experiments}
    for data in ("HellaSwag", "PIQA", "WinoGrande", "ARC-Challenge", "SocialIQA", "OpenBookQA"):
        assert got[("evaluatedOn", "Heron-7B", data)].startswith("experiment:evaluated:"), data
    assert not any(kind == "trainedOn" for kind, _, _ in got)


def test_a_model_that_is_a_fixed_part_of_the_system_is_not_run_on_the_data():
    got = pairs("Pelican: video captions", (
        "We present Pelican-7B, a video captioning model. Using CLIP features, we evaluate Pelican-7B on MSR-VTT "
        "and VATEX."))
    assert ("evaluatedOn", "Pelican-7B", "MSR-VTT") in got
    assert not any(m == "CLIP" for _, m, _ in got)
    got = pairs("Owl: grounding queries", (
        "We present Owl, a light hook between detectors and language models. With frozen Grounding DINO and "
        "Qwen2.5-VL, tuning just the hook raises accuracy on RefCOCO to 61.2%."))
    assert not any(m in ("Grounding DINO", "Qwen2.5-VL") for _, m, _ in got)
    got = pairs("Owl: grounding queries", (
        "We present Owl, a light hook between detectors and language models. With frozen weights, Qwen2.5-VL "
        "reaches 61.2% accuracy on RefCOCO."))
    assert ("evaluatedOn", "Qwen2.5-VL", "RefCOCO") in got  # frozen weights, not a frozen model


def test_data_given_as_examples_takes_the_verb_before_the_examples():
    got = pairs("Kestrel: a cleaner web corpus", (
        "We present KestrelWeb, a filtered web corpus. A Pythia-1.4B trained on our corpus reaches 41.0% accuracy "
        "on MMLU, outperforming models trained on other corpora such as C4 or RedPajama."))
    assert ("evaluatedOn", "Pythia-1.4B", "MMLU") in got
    assert not any(d in ("C4", "RedPajama") for _, _, d in got)  # what other models were trained on
    got = pairs("Kestrel: instruction tuning", (
        "We present Kestrel-7B, an assistant. We fine-tune Mistral-7B on public instruction sets such as OpenOrca "
        "and UltraChat."))
    assert {("trainedOn", "Mistral-7B", "OpenOrca"), ("trainedOn", "Mistral-7B", "UltraChat")} <= got
    assert not any(k == "evaluatedOn" for k, _, _ in got)  # "sets" is a noun here, not "sets a new record"


def test_the_value_between_a_model_and_its_data_is_its_own():
    got = runs("Kite: small dense models", "We present Kite-3B, a small dense language model. Kite-3B achieves 71.4% "
                                           "zero-shot accuracy on ARC and a 2.5% gain over Falcon-7B.")
    assert ("evaluatedOn", "Kite-3B", "ARC", "71.4%") in got


def test_a_benchmark_papers_model_gets_the_value_stated_beside_it():
    got = runs("ZebraQA: zoology questions for language models", (
        "We introduce ZebraQA, a benchmark of 500 questions on animal behaviour. We evaluate three frontier models, "
        "GPT-4o, Claude 3 Opus and Gemini 1.5 Pro, with zero-shot prompts. Even GPT-4o reaches only 41.2% accuracy."))
    assert ("evaluatedOn", "GPT-4o", "ZebraQA", "41.2%") in got  # "Gemini 1.5 Pro" states no value
    assert ("evaluatedOn", "Claude 3 Opus", "ZebraQA", None) in got


def test_it_stands_for_the_own_model_named_last():
    got = pairs("Kite: a family of small dense models", (
        "We present Kite, a family of small dense language models. Our Kite-2B model matches larger models while "
        "being four times faster. It also achieves better accuracy on MMLU and ARC than Falcon-7B."))
    assert {("evaluatedOn", "Kite-2B", "MMLU"), ("evaluatedOn", "Kite-2B", "ARC")} <= got
    assert not any(m == "Kite" for _, m, _ in got)


def test_a_model_named_only_as_what_others_are_based_on_is_not_run():
    got = pairs("Kite: tiny vision transformers", (
        "We present Kite-S, a tiny vision transformer. Kite-S reaches 94.1% accuracy on CIFAR-10, ahead of "
        "ResNet-based classifiers and of MobileNetV2."))
    assert ("evaluatedOn", "MobileNetV2", "CIFAR-10") in got
    assert not any(m == "ResNet" for _, m, _ in got)


def test_a_model_is_trained_on_data_only_where_training_is_said(monkeypatch):
    from kg.extract import pairing

    monkeypatch.setattr(pairing, "default_weights", lambda: {"threshold": 0.0, "weights": {}})  # believes all
    got = pairs("Heron: open instruction mixtures", (
        "We release Heron-3B, a small assistant. Its instruction mixture borrows the recipes of Orca and WizardLM "
        "and adds the Flan Collection and databricks-dolly-15k."))
    assert not any(k == "trainedOn" for k, _, _ in got)
    got = pairs("Heron: open instruction mixtures", (
        "We release Heron-3B, a small assistant. Heron-3B is trained on the Flan Collection and "
        "databricks-dolly-15k."))
    assert {("trainedOn", "Heron-3B", "Flan Collection"), ("trainedOn", "Heron-3B", "databricks-dolly-15k")} <= got


def test_a_base_model_is_not_what_achieves():
    got = runs("Tarn", "We present Tarn, a math model based on Mistral-7B, which achieves 80.2% on GSM8K.")
    assert ("evaluatedOn", "Tarn", "GSM8K", "80.2%") in got
    assert not any(m == "Mistral-7B" and k == "evaluatedOn" for k, m, _, _ in got)


def test_background_results_are_not_this_papers_runs():
    got = runs("Efficient math", "Previous studies have shown that GPT-4 achieves 92.0% on GSM8K. "
                                 "We study data selection instead.")
    assert got == set()


def test_every_rule_names_facts_the_extractor_reads():
    from kg.extract import experiments as ex
    source = open(ex.__file__, encoding="utf-8").read()
    for rules in RULES.values():
        for name, needed, excluded in rules:
            for fact in needed | excluded:
                assert f'"{fact}"' in source.replace(f'"{fact}", ', f'"{fact}"', 1), (name, fact)


# --------------------------------------------------------------------------- graph and RDF

@pytest.fixture(scope="module")
def small_build(tmp_path_factory):
    from kg import job

    src = tmp_path_factory.mktemp("exp-src") / "papers.jsonl"
    records = [
        {"title": "Zorba: small math models", "abstract": "We present Zorba-7B, a compact math model. "
         "We fine-tune Zorba-7B on MetaMathQA. Zorba-7B achieves 86.8% accuracy on GSM8K, outperforming GPT-4 (62.1%)."},
        {"title": "Tuning Llama for math", "abstract": "We fine-tune Llama-3-8B on MetaMathQA and evaluate it on GSM8K. "
         "Our fine-tuned Llama-3-8B reaches 71.2% accuracy on GSM8K, while Llama-2-7B reaches 40.5% on SVAMP."},
        {"title": "Two models", "abstract": "We fine-tune Llama-3-8B on OlympicArena. "
         "Llama-2-13B achieves 55.0% accuracy on GSM8K."},
    ]
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("exp-out")
    job.run([src], out, formats=("ttl", "json"), processes=1)
    return out


def test_the_export_reports_evaluations_and_trainings_with_values(small_build):
    g = rdflib.Graph().parse(small_build / "kg.ttl")
    rows = {(str(cls).rsplit("#")[-1], str(next(g.objects(m, rdflib.RDFS.label))),
             str(next(g.objects(d, rdflib.RDFS.label))), str(v) if v else None)
            for x, cls, m, d, v in g.query(
                "SELECT ?x ?c ?m ?d ?v WHERE { ?p mlkg:reports ?x . ?x a ?c ; mlkg:model ?m ; mlkg:data ?d ."
                " OPTIONAL { ?x mlkg:value ?v } }", initNs={"mlkg": MLKG})}
    assert ("Evaluation", "Zorba-7B", "GSM8K", "86.8%") in rows
    assert ("Evaluation", "GPT-4", "GSM8K", "62.1%") in rows
    assert ("Training", "Zorba-7B", "MetaMathQA", None) in rows
    x = next(x for x, _, v in g.triples((None, MLKG.value, rdflib.Literal("86.8%"))))
    assert float(next(g.objects(x, MLKG.numericValue))) == 86.8
    assert str(next(g.objects(x, MLKG.unit))) == "%" and str(next(g.objects(x, MLKG.metric))) == "accuracy"
    # evidence restates the paper's mlkg:reports edge, like any edge
    ev = next(g.subjects(RDF.object, x))
    assert next(g.objects(ev, RDF.predicate)) == MLKG.reports
    assert "86.8%" in str(next(g.objects(ev, MLKG.sentence)))


def test_the_export_validates_and_a_broken_experiment_does_not(small_build):
    from kg.validate import validate

    assert validate(small_build).conforms
    g = rdflib.Graph().parse(small_build / "kg.ttl")
    x = next(g.subjects(RDF.type, MLKG.Evaluation))
    g.remove((x, MLKG.model, None))
    g.add((x, MLKG.model, next(g.subjects(RDF.type, MLKG.Benchmark))))
    report = validate(g)
    assert not report.conforms and any("mlkg:model" in f.message for f in report.findings)


def test_experiments_are_deterministic(small_build, tmp_path):
    from kg import job

    src = next(small_build.parent.glob("exp-src*")) / "papers.jsonl"
    job.run([src], tmp_path, formats=("ttl",), processes=1)
    assert (tmp_path / "kg.ttl").read_bytes() == (small_build / "kg.ttl").read_bytes()


# --------------------------------------------------------------------------- the shipped scorer

@pytest.mark.slow
def test_retraining_reproduces_the_shipped_weights():
    from pathlib import Path

    scripts = Path(__file__).resolve().parents[1] / "scripts"
    sys.path.insert(0, str(scripts))
    try:
        import train_experiments
        assert train_experiments.main(["--check"]) == 0
    finally:
        sys.path.remove(str(scripts))


def test_when_the_model_follows_the_data_its_value_follows_the_model():
    got = runs("Pretext tasks", "We propose Mosaic, a pretext task. On CIFAR-10 with 100 labels (1%), "
                                "our method improves the accuracy of ResNet-18 from 40.1% to 52.3%.")
    assert ("evaluatedOn", "ResNet-18", "CIFAR-10", "52.3%") in got


# --------------------------------------------------------------------------- Python API and CLI

@pytest.fixture(scope="module")
def small_graph(small_build):
    import kg

    return kg.load(small_build)


def test_experiments_filter_by_model_lineage_data_and_kind(small_graph):
    rows = small_graph.experiments(model="Llama", data="GSM8K")
    assert {(r.model, r.kind) for r in rows} >= {("Llama-3-8B", "evaluatedOn"), ("Llama-2-13B", "evaluatedOn")}
    assert all(r.data == "GSM8K" for r in rows)
    trained = small_graph.experiments(kind="trainedOn")
    assert trained and all(r.kind == "trainedOn" for r in trained)
    with pytest.raises(ValueError):
        small_graph.experiments(kind="fineTunedOn")


def test_leaderboard_is_best_first_within_a_metric_and_groups_a_family(small_graph):
    board = small_graph.leaderboard("GSM8K")
    values = [r.number for r in board if r.metric == "accuracy"]
    assert values == sorted(values, reverse=True) and values[0] == 86.8
    llama = small_graph.leaderboard("GSM8K", model="Llama")
    assert {r.model for r in llama} == {"Llama-3-8B", "Llama-2-13B"}
    assert llama[0].evidence.sentence and llama[0].paper


def test_records_load_into_pandas(small_graph):
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(small_graph.leaderboard("GSM8K").to_records())
    assert {"model", "data", "metric", "value", "number", "unit", "paper", "date", "sentence"} <= set(frame.columns)
    assert len(frame) == len(small_graph.leaderboard("GSM8K"))


def test_same_model_keeps_papers_whose_fine_tuned_model_itself_is_evaluated(small_graph):
    """The second paper fine-tunes Llama 3 and evaluates it on GSM8K; the third fine-tunes Llama 3 on
    other data and reports GSM8K for another model."""
    paper_level = {p.title for p in small_graph.papers(fine_tunes="Llama-3", evaluated_on="GSM8K")}
    exp_level = {p.title for p in small_graph.papers(fine_tunes="Llama-3", evaluated_on="GSM8K", same_model=True)}
    assert exp_level == {"Tuning Llama for math"}
    assert exp_level <= paper_level
    with pytest.raises(ValueError):
        small_graph.papers(fine_tunes="Llama-3", same_model=True)


def test_cli_leaderboard(small_build):
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["leaderboard", "GSM8K", "--graph", str(small_build), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["model"] == "Zorba-7B" and rows[0]["value"] == "86.8%"
    missing = CliRunner().invoke(cli, ["leaderboard", "NoSuchBench", "--graph", str(small_build)])
    assert missing.exit_code == 1 and "NoSuchBench" in missing.output
