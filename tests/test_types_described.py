"""The type a new name gets from the words that describe it (sentences of our own)."""

from __future__ import annotations

from kg.catalogue import Catalogue, Entry
from kg.extract.pipeline import find_candidates
from kg.model import EntityType

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE

CATALOGUE = Catalogue.from_entries([Entry(id="zeta", type=M, label="Zeta")])


def typed(text: str, title: str = "A Study", open_vocab: bool = False) -> dict[str, EntityType]:
    """Surface → type of its first candidate, for a paper with this title and abstract."""
    out: dict[str, EntityType] = {}
    for c in find_candidates(f"{title}\n{text}", len(title), CATALOGUE, open_vocab=open_vocab):
        out.setdefault(c.text, c.type)
    return out


def test_a_participle_after_the_kind_noun_does_not_move_the_head():
    got = typed("We introduce Layered Recall (LR), a novel retrieval approach enabling LLMs to recall facts.")
    assert got["LR"] == T


def test_a_kind_noun_stays_the_head_before_a_participle_with_data():
    got = typed("We release Quill-Set, a dataset containing ten thousand annotated models of ships.")
    assert got.get("Quill-Set") in (D, B)


def test_a_gerund_after_a_quantifier_is_still_inside_the_phrase():
    got = typed("We propose Weight Steering Nets (WSN), a collection of small editing networks that adjust weights.")
    assert got["WSN"] == T


def test_a_capitalised_preposition_ends_the_subtitle_phrase():
    got = typed("T7Q guides students through modelling tasks.", title="T7Q: A Lightweight Tutoring Architecture For Large Language Models")
    assert got["T7Q"] == T


def test_a_subtitle_about_evaluating_names_a_benchmark():
    got = typed("We test twenty systems on planning puzzles.", title="Plannix: Evaluating Language Agents on Long Plans")
    assert got["Plannix"] == B


def _shipped(text: str, title: str = "A Study") -> dict[str, EntityType]:
    from kg import catalogue

    out: dict[str, EntityType] = {}
    for c in find_candidates(f"{title}\n{text}", len(title), catalogue.default()):
        out.setdefault(c.text, c.type)
    return out


def test_network_architectures_are_techniques_in_the_shipped_catalogue():
    got = _shipped("A small CNN reads the gauges, and a recurrent neural network smooths the readings over time.")
    assert got["CNN"] == T and got["recurrent neural network"] == T


def test_mamba_is_an_architecture_and_a_name_built_on_it_follows():
    got = _shipped("We replace attention with Mamba blocks in a speech encoder.", title="MambaEar: Listening Faster")
    assert got["Mamba"] == T
    assert got.get("MambaEar", T) == T


def test_letters_and_digits_run_together_are_no_size():
    got = typed("We propose a novel method, Learning-to-Merge (L2M), that keeps earlier skills.")
    assert got["L2M"] == T


def test_an_english_word_ending_in_eval_is_no_benchmark_name():
    got = typed("We present Retrieval Guided Pruning (RGP), an algorithm that removes weights.")
    assert got["RGP"] == T


def test_a_spelled_out_name_in_parentheses_is_not_a_description():
    got = typed("We introduce PACT (Planning After Careful Test runs), which repairs programs from feedback.")
    assert got["PACT"] == T


def test_a_kind_named_before_based_modifies_the_next_noun():
    got = typed("We propose NOVA, the first Vision Language Model (VLM) based framework for video search.")
    assert got["NOVA"] == T


def test_quotes_around_a_title_name_are_no_part_of_it():
    got = typed("This paper presents QuuxBench, a benchmark designed to evaluate planners.",
                title='"QuuxBench": A Comprehensive Evaluation of Planners')
    assert not any('"' in name for name in got) and got["QuuxBench"] == B


def test_a_coined_name_trained_from_is_a_model_and_one_trained_on_is_data():
    got = typed("Continually pretrained from CodeWrenPlus on 400 billion tokens, our model is strong.", open_vocab=True)
    assert got["CodeWrenPlus"] == M
    got = typed("We fine-tune a detector pre-trained on QXT-9 and report accuracy.", open_vocab=True)
    assert got["QXT-9"] == D


def test_a_coined_name_after_a_kind_and_a_comma_is_of_that_kind():
    got = typed("We then augment data using a layout-guided image generation model, GLYPHEN, to make examples.", open_vocab=True)
    assert got["GLYPHEN"] == M


def test_a_capitalised_word_inside_a_lower_case_phrase_is_not_proposed():
    got = typed("First, we introduce a delayed Bayesian pruning schedule that keeps early weights. We propose "
                "Phoenix models for translation.")
    assert "Bayesian" not in got and "Phoenix" in got


def test_a_sentence_opening_with_a_plain_word_of_the_title_proposes_nothing():
    got = typed("Sleep is a basic need of every patient. We study wearables.", title="A Wearable Sleep Coach")
    assert "Sleep" not in got


def test_a_toolbox_named_by_the_title_is_no_proposed_entity():
    got = typed("We introduce QuillKit, an open-source toolbox that runs attacks on chat models.",
                title="QuillKit: A Lightweight and Extensible Toolbox for Robustness Research")
    assert "QuillKit" not in got


def test_words_before_a_kind_noun_and_its_name_describe_the_name():
    got = typed("We then propose a unified Vision-Speech-Action model, Corvo, for planning. We also "
                "introduce an Agentic Planning and Math benchmark (PlanMa) of 500 tasks.",
                title="Corvo: Planning with Speech", open_vocab=True)
    assert "Corvo" in got and "PlanMa" in got
    assert not {"Vision-Speech-Action", "Agentic Planning"} & set(got)


def test_a_new_task_is_no_entity():
    got = typed("We introduce Sparse Story Captioning, a novel task that asks models to describe long videos, and "
                "present TaleSet, a dataset of 9,000 clips.", title="Sparse Story Captioning", open_vocab=True)
    assert "Sparse Story Captioning" not in got and got.get("TaleSet") in (D, B)


def test_based_on_after_the_kind_noun_leaves_the_kind_noun_the_head():
    got = typed("We propose LiveQuiz: A scalable evolving live benchmark based on scientific papers.")
    assert got["LiveQuiz"] == B


def test_an_acronym_before_a_gerund_modifies_the_noun_after_it():
    got = typed("We propose QuickServe, an LLM serving system that batches requests.")
    assert got["QuickServe"] == T


def test_a_coined_adjective_before_a_kind_and_a_versioned_name_is_no_name():
    got = typed("The series includes the API-served model Zeta 3-Turbo and two open models.", open_vocab=True)
    assert "API-served" not in got


def test_a_platform_or_a_metric_described_after_its_name_is_no_entity():
    got = typed("We also release HarborView, an open platform for browsing point clouds, and Quillmark, a "
                "fluency metric that needs no references. Finally, we propose FernNet, a small network enabling "
                "fast inference.")
    assert "HarborView" not in got and "Quillmark" not in got and got["FernNet"] == T


def test_a_metric_set_in_apposition_before_its_name_is_no_entity():
    got = typed("We introduce a simple metric, the Drift Ratio of Answers (DRA), which counts answers that flip. "
                "DRA grows with model size. "
                "We introduce a decoding method, the Lattice Sampler (LS), that cuts cost.")
    assert "DRA" not in got and got["LS"] == T


def test_a_coined_name_ending_in_a_model_word_is_a_model_unless_described():
    got = typed("We present QuillVLM, which reads charts without a detector. We also propose KelpLM, an "
                "alignment approach for small readers.")
    assert got["QuillVLM"] == M and got["KelpLM"] == T


def test_an_all_capital_acronym_ending_in_a_model_word_is_not_typed_by_its_ending():
    got = typed("We present QUALM, which scores charts without a detector.")
    assert got.get("QUALM") != M


def test_a_framework_or_pipeline_for_evaluation_is_a_benchmark():
    got = typed("To score answers of chat models we build an evaluation pipeline, HarborCheck, from public "
                "logs. We also release KelpTest, a testing framework that feeds noisy labels to segmenters. "
                "We propose a training framework, FernFlow, for readers. We also propose QuillJudge, an evaluation "
                "method for readers.")
    assert got["HarborCheck"] == B and got["KelpTest"] == B
    assert got["FernFlow"] == T and got["QuillJudge"] == T


def test_a_description_after_a_spelled_out_long_form_types_the_name():
    got = typed("We introduce QuillBERT (Query-refined BERT), a new method for pretraining encoders. We also "
                "release KelpSet (Kelp Leaf Scans), a dataset of 4,000 images for training detectors.")
    assert got["QuillBERT"] == T and got["KelpSet"] == D
