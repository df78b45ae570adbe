"""Each recogniser, with sentences of our own and a small made-up catalogue."""

from __future__ import annotations

import pytest

from kg.catalogue import Catalogue, Entry
from kg.extract.pipeline import find_candidates
from kg.model import EntityType

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE

CATALOGUE = Catalogue.from_entries([
    Entry(id="zeta", type=M, label="Zeta"),
    Entry(id="zeta-2", type=M, label="Zeta 2", aliases=("ZETA-V2",), variant_of="zeta"),
    Entry(id="zeta-3", type=M, label="Zeta 3", variant_of="zeta"),
    Entry(id="orbit", type=M, label="Orbit", cased=True),
    Entry(id="mathx", type=B, label="MATHX", cased=True),
    Entry(id="widgetqa", type=B, label="WidgetQA"),
    Entry(id="the-heap", type=D, label="The Heap", cased=True),
    Entry(id="quora-tuning", type=T, label="QuRA", aliases=("Quantized Rank Adaptation",)),
    Entry(id="chain-of-steps", type=T, label="chain-of-steps", aliases=("CoS",)),
])


def found(text: str, title: str = "A Study") -> dict[str, object]:
    """Surface → candidate for a paper with this title and abstract."""
    full = f"{title}\n{text}"
    out: dict[str, object] = {}
    for c in find_candidates(full, len(title), CATALOGUE):
        out.setdefault(c.text, c)  # the first occurrence, where a name is defined
    return out


def names(text: str, title: str = "A Study") -> set[str]:
    return set(found(text, title))


# --- catalogue


@pytest.mark.parametrize("surface", ["Zeta 2", "Zeta-2", "Zeta2", "ZETA-V2", "zeta 2"])
def test_spellings_of_a_known_name_are_one_entry(surface):
    cands = found(f"We study {surface} closely.")
    assert cands[surface].entry_id == "zeta-2"


def test_cased_entries_match_only_as_written():
    assert "MATHX" in names("Results on MATHX improve.")
    assert "mathx" not in names("We teach mathx to children.")
    assert "Orbit" in names("We compare with Orbit.")
    assert "orbit" not in names("Satellites orbit the earth.")


def test_multiword_names_and_expansions():
    got = found("We pre-train on The Heap and use Quantized Rank Adaptation and chain of steps.")
    assert got["The Heap"].type == D
    assert got["Quantized Rank Adaptation"].entry_id == "quora-tuning"
    assert got["chain of steps"].entry_id == "chain-of-steps"


# --- variants, compounds, coordination


def test_sizes_and_variant_words_make_a_variant_of_the_known_base():
    c = found("We fine-tune Zeta-2-7B-Instruct today.")["Zeta-2-7B-Instruct"]
    assert (c.rule, c.entry_id, c.base, c.suffixes) == ("variant", "zeta-2", "Zeta-2", ("7B", "Instruct"))


def test_space_separated_suffixes_join_the_name():
    c = found("We evaluate Zeta 3 13B Chat here.")["Zeta 3 13B Chat"]
    assert c.suffixes == ("13B", "Chat") and c.entry_id == "zeta-3"


def test_version_with_v_stays_one_part():
    c = found("Zeta-2-v0.3 is used.")["Zeta-2-v0.3"]
    assert c.suffixes == ("v0.3",)


def test_attributive_suffix_keeps_only_the_base():
    got = found("A Zeta-based recipe and a QuRA-style update.")
    assert got["Zeta"].entry_id == "zeta" and got["QuRA"].entry_id == "quora-tuning"
    assert "Zeta-based" not in got


def test_compound_on_a_known_model_is_a_new_model_below_it():
    c = found("We release Zeta-Med for clinics.")["Zeta-Med"]
    assert (c.type, c.rule, c.entry_id, c.suffixes) == (M, "compound", "zeta", ("Med",))


def test_compound_on_a_known_technique_is_a_new_technique():
    c = found("Our QuRA-GX improves memory use.")["QuRA-GX"]
    assert (c.type, c.rule, c.entry_id) == (T, "compound", None)


def test_coordinated_sizes_name_two_models():
    got = found("We prune Zeta-2 7B and 13B.")
    assert got["Zeta-2 7B"].suffixes == ("7B",)
    assert got["Zeta-2 13B"].suffixes == ("13B",)


def test_hub_style_ids_drop_the_organisation():
    assert found("We load acme-labs/Zeta-2-7B from the hub.")["Zeta-2-7B"].entry_id == "zeta-2"


# --- names the catalogue has never seen


@pytest.mark.parametrize("surface,base,suffixes", [
    ("Blorp-2.5-7B-Instruct", "Blorp", ("2.5", "7B", "Instruct")),
    ("Quill-1.3B", "Quill", ("1.3B",)),
    ("Vanta 70B", "Vanta", ("70B",)),
    ("Fenix-30B-A3B", "Fenix", ("30B", "A3B")),
])
def test_unknown_models_by_their_shape(surface, base, suffixes):
    c = found(f"We compare against {surface} on several tasks.")[surface]
    assert (c.type, c.rule, c.base, c.suffixes) == (M, "model-shape", base, suffixes)


@pytest.mark.parametrize("text", [
    "Our 7B model is small.", "We train a 1.3B model.", "Using 70B parameters is costly.",
    "It needs 350GB of memory.", "Large language models (LLMs) are popular.",
])
def test_sizes_alone_are_not_models(text):
    assert not any(c.type == M for c in found(text).values())


@pytest.mark.parametrize("surface", ["GizmoBench", "Spark-Eval", "TinyMedQA", "CRUXish-Bench"])
def test_unknown_benchmarks_by_their_shape(surface):
    assert found(f"Scores on {surface} rise.")[surface].type == B


@pytest.mark.parametrize("text", ["We study VQA and QA in general.", "A new benchmark is needed."])
def test_task_acronyms_are_not_benchmarks(text):
    assert not any(c.type == B for c in found(text).values())


# --- acronyms


def test_an_acronym_definition_is_one_entity_with_both_names():
    c = found("We adopt Contrastive Reward Shaping (CRS) for alignment. CRS is stable.")
    crs = c["CRS"]
    assert crs.type == T and "Contrastive Reward Shaping" in crs.aliases


def test_a_definition_names_a_known_entity_too():
    assert "Quantized Rank Adaptation" in found("We use Quantized Rank Adaptation (QuRA).")["QuRA"].aliases


@pytest.mark.parametrize("text", [
    "Automatic speech recognition (ASR) is hard.",
    "Large language models (LLMs) are everywhere.",
    "The word error rate (WER) drops.",
    "Out-of-distribution (OOD) inputs hurt.",
])
def test_definitions_of_tasks_classes_and_metrics_are_not_entities(text):
    assert not found(text)


# --- proposals


def test_the_name_before_a_title_colon_is_proposed():
    c = found("Zorp trains faster than Zeta 2.", title="Zorp: Faster Training for Everyone")["Zorp"]
    assert c.proposed


def test_title_colon_type_comes_from_the_subtitle():
    assert found("We describe it.", title="Zorp: A Benchmark for Robots")["Zorp"].type == B


@pytest.mark.parametrize("text,name,etype", [
    ("We introduce a new benchmark, QuuxEval, for agents.", "QuuxEval", B),
    ('We propose a method termed "glim tuning" that helps.', "glim tuning", T),
    ("The resulting model, Zeta-Doc, answers questions.", "Zeta-Doc", M),
    ("In this work we present Dual Path Merging (DPM), a simple method.", "DPM", T),
    ("We release Tarn, a family of open models.", "Tarn", M),
])
def test_names_the_paper_introduces_are_proposed(text, name, etype):
    c = found(text)[name]
    assert c.proposed and c.type == etype


def test_presenting_results_proposes_nothing():
    got = found("We present results using Zeta 2 and WidgetQA.")
    assert not any(c.proposed for c in got.values())


def test_a_known_model_is_not_proposed_by_a_description():
    assert not found("We introduce a new recipe for Zeta 2 training.")["Zeta 2"].proposed


# --- lists


def test_names_in_a_list_take_the_type_of_its_noun():
    got = found("We evaluate strong models such as Grommet, FluxNet and XQ-9 on it.")
    assert {got[n].type for n in ("Grommet", "FluxNet", "XQ-9")} == {M}


def test_names_before_a_type_noun():
    got = found("Experiments use the PlutoSet and MarsQA datasets for evaluation of accuracy.")
    assert got["PlutoSet"].type == B and got["MarsQA"].type == B


def test_title_case_titles_are_not_lists():
    assert not found("Nothing here.", title="Enabling Weak Models to Judge Better Models")


def test_a_list_after_a_dash_takes_its_noun():
    got = found("We report a baseline on three models - Grommet, FluxNet, and XQ-9.")
    assert {got[n].type for n in ("Grommet", "FluxNet", "XQ-9")} == {M}


def test_plain_words_listed_after_a_dataset_noun():
    got = found("We train the model on domain datasets like Pebble for cooking.")
    assert got["Pebble"].type == D


def test_new_names_right_after_fine_tune_are_models():
    assert found("Our approach focuses on fine-tuning ChatWeave to summarise videos.")["ChatWeave"].type == M


def test_versions_joined_by_a_slash_are_two_names():
    got = found("Experiments on ZETA-V2/V3 follow.")
    assert "ZETA-V2" in got and got["ZETA-V2"].entry_id == "zeta-2"


def test_our_study_presents_a_defined_acronym():
    c = found("Our study presents evidence-dense (ED3) training, a data-driven fix.")["ED3"]
    assert c.proposed and c.type == T


def test_hyphenated_variants_of_a_proposed_model_are_proposed_below_it():
    got = found("We release Bezor, a family of small models. Bezor-SFT and Bezor-HH-DPO follow.",
                title="Bezor: Small Open Models")
    c = got["Bezor-HH-DPO"]
    assert c.proposed and c.type == M and (c.base, c.suffixes) == ("Bezor", ("HH-DPO",))


def test_a_dotted_version_of_a_known_benchmark_is_its_own_name():
    assert found("Scores on WidgetQA 2.0 rise.")["WidgetQA 2.0"].type == B


def test_a_yearly_edition_of_a_known_benchmark_is_its_own_name():
    """Issue 14, span boundaries: "BraTS 2020" is the 2020 edition, not BraTS itself; a model keeps no year."""
    got = found("We segment tumours on WidgetQA 2021 and compare with Orbit 2021 baselines.")
    assert got["WidgetQA 2021"].type == B and "WidgetQA" not in got


def test_dubbed_as_introduces_a_name():
    assert found("We propose a framework, dubbed as Gather-Merge-Ensemble (GME).")["GME"].proposed


def test_a_technical_report_title_names_its_model():
    got = found("Quibble-3 is a 1.2-billion-parameter language model built for reasoning.",
                title="Quibble-3 Technical Report")
    assert got["Quibble-3"].proposed and got["Quibble-3"].type == M


def test_a_venue_in_the_title_is_not_proposed():
    got = found("We describe our entry to the shared task.", title="Team Foo at SemEval-2030: Notes")
    assert not got.get("SemEval-2030") or not got["SemEval-2030"].proposed


@pytest.mark.parametrize("text, name, etype", [
    # the long form's head word decides, not a "model" in the sentence before or in the clause after
    ("Drafting needs a second model. We propose Shallow Lookahead Decoding (SLD), which reuses the "
     "target model's own layers.", "SLD", T),
    ("Retrieval is slow. We introduce the Grounded Answer Benchmark (GAB), which asks models for sources.", "GAB", B),
    ("Annotation is costly. We present the Open Legal Corpus (OLC), with models trained on it.", "OLC", D),
])
def test_a_defined_acronym_takes_the_type_of_its_long_form(text, name, etype):
    c = found(text)[name]
    assert c.proposed and c.type == etype


def test_the_words_before_a_new_name_are_read_within_its_sentence():
    c = found("Drafting needs a second model. We propose Tidewalk, which reuses layers.")["Tidewalk"]
    assert c.proposed and c.type == T


def test_an_acronym_for_a_kind_of_model_is_not_an_entity():
    got = found("Clinics need privacy. We explore training compact vision models (CVMs) on local scans.")
    assert "CVMs" not in got and "CVM" not in got


def test_a_released_set_counted_in_trajectories_is_a_dataset():
    c = found("Agents need data. We release Glimmer-Train, 9K trajectories for supervised fine-tuning.")["Glimmer-Train"]
    assert c.proposed and c.type == D


def test_a_new_model_named_by_its_training_run_is_proposed():
    got = found("Hybrids are fast. We train Quill-Linear-30B-A3B, a hybrid sparse model, on web text. "
                "We also train Zeta 2, a dense model, as a control.")
    assert got["Quill-Linear-30B-A3B"].proposed and got["Quill-Linear-30B-A3B"].type == M
    assert not got["Zeta 2"].proposed  # a known model trained again is not new


def test_a_new_name_coordinated_with_known_benchmarks_is_a_benchmark():
    got = found("Results improve on WidgetQA, MATHX, Tangle-Hard and PuzzleSet-2 across the board.")
    assert got["Tangle-Hard"].type == B and got["Tangle-Hard"].rule == "list-mate"
    assert got["PuzzleSet-2"].type == B


@pytest.mark.parametrize("text", [
    "Results improve on WidgetQA, MATHX and Table across the board.",  # a plain word is prose
    "We compare Zeta 2, WidgetQA and Tangle-Hard in one table.",  # known items of two types
    "Both WidgetQA and Tangle-Hard improve across the board.",  # a pair needs "on" or "using" before it
])
def test_list_mates_need_named_items_and_agreeing_known_ones(text):
    assert all(c.rule != "list-mate" for c in found(text).values())


def test_a_title_case_word_before_a_size_is_not_a_model():
    title = "Using Disks to Fit and Accelerate 100B Model Serving on One GPU"
    assert "Accelerate 100B" not in names("We train Falcon 40B models on one GPU.", title=title)
    assert "Falcon 40B" in names("We train Falcon 40B models on one GPU.", title=title)
    assert "Quokka 40B" in names("Quokka 40B is trained on one GPU.", title="Training Quokka 40B on One GPU")


def test_a_known_name_inside_a_dotted_program_name_is_not_a_mention():
    got = names("We serve it faster than zeta.cpp and orbit.js do, and also faster than Zeta 2.")
    assert got == {"Zeta 2"}


def test_a_lowercase_word_before_a_component_noun_is_not_a_variant():
    got = names("It pairs a Zeta 3 vision encoder with the Zeta 2 base models.")
    assert "Zeta 3" in got and "Zeta 3 vision" not in got
    assert "Zeta 2 base" in got  # a variant word before "models" still names the variant


def test_a_name_with_a_size_described_as_a_corpus_is_a_dataset_and_so_is_its_title_name():
    text = ("We construct Gloss-2M, a corpus of two million glossed sentences. "
            "Models fine-tuned on Gloss-2M improve on WidgetQA.")
    got = [c for c in find_candidates(f"Gloss: Glossing at Scale\n{text}", len("Gloss: Glossing at Scale"), CATALOGUE)]
    assert {(c.text, c.type) for c in got if c.text.startswith("Gloss")} == {("Gloss", D), ("Gloss-2M", D)}
    assert all(c.base is None for c in got if c.text == "Gloss-2M")


@pytest.mark.parametrize("text, word", [
    ("Gains hold for Zeta 2, Orbit, Kestrel and Zeta 3 when the prompts are shuffled.", "Kestrel"),
])
def test_a_plain_capitalised_word_among_known_names_is_not_their_mate(text, word):
    """A capitalised word with no inner capital or digit is as often a day, a maker, a person or a place as a name."""
    assert word not in found(text)


def test_two_names_joined_by_and_after_on_are_mates():
    got = found("We train reward models on WidgetQA and Shepherd-Steps, then test them.")
    assert got["Shepherd-Steps"].type == B and got["Shepherd-Steps"].rule == "list-mate"
    assert "Shepherd-Steps" not in found("On WidgetQA, Shepherd-Steps improves a lot.")


@pytest.mark.parametrize("text, name, etype", [
    ("The result is a cleaned web corpus, which we name Sieve-Web.", "Sieve-Web", D),
    ("We fit a small model on that data, which we call Tallow.", "Tallow", M),
    ("In finance, we deploy an LLM named Brisket for analysts.", "Brisket", M),
])
def test_a_name_given_in_a_naming_clause_takes_the_type_of_the_noun_it_names(text, name, etype):
    c = found(text)[name]
    assert c.proposed and c.type == etype


@pytest.mark.parametrize("text, name", [
    ("The small model scores 45% on Maze-Extreme after training.", "Maze-Extreme"),
    ("It reaches state-of-the-art accuracy on the challenging GridLogic2 suite.", "GridLogic2"),
])
def test_a_new_name_a_score_is_reported_on_is_a_benchmark(text, name):
    c = found(text)[name]
    assert c.type == B and c.rule == "score-on"


@pytest.mark.parametrize("text", [
    "The small model scores 45% on Monday after training.",  # a plain word
    "Accuracy rises by 4 points on 7B models.",  # a size
])
def test_a_score_on_a_plain_word_or_a_size_names_nothing(text):
    assert all(c.rule != "score-on" for c in found(text).values())


@pytest.mark.parametrize("text", [
    "We continually pre-train a 3B-parameter model and compare with 2K-sequence models.",
    "We release a 1.2-trillion-token corpus and a 400-billion-token dataset.",
])
def test_hyphenated_amounts_are_not_names(text):
    assert not names(text)


def test_an_acronym_that_qualifies_the_proposal_is_not_proposed():
    got = found("We propose an innovative Graph Attention Routing (GAR) based algorithm for scheduling.")
    assert "GAR" in got and not got["GAR"].proposed


@pytest.mark.parametrize("title, text, proposed", [
    ("Mid-Training Shapes Policy Learning", "We study policy learning (PL) dynamics in two families.", False),
    ("Subclass-Balancing Contrastive Learning for Long Tails",
     "We use subclass-balancing contrastive learning (SBCL) that clusters each class.", True),
])
def test_a_long_form_the_title_spells_is_proposed_only_when_written_as_a_name(title, text, proposed):
    c = next(c for c in found(text, title=title).values() if c.aliases)
    assert c.proposed is proposed


def test_a_proposal_based_on_something_is_still_proposed():
    got = found("We propose the Folded Sequence Model (FSM) based on a new parameterization.")
    assert got["FSM"].proposed


def test_a_sized_name_right_after_dataset_is_a_dataset():
    got = found("Our best performing dataset Quartz-5B trains strong image encoders.")
    assert got["Quartz-5B"].type == D and got["Quartz-5B"].base is None


def test_a_description_stops_at_a_dash_clause():
    got = found("It outperforms Granite 4.0 90B -- the largest open model -- across many benchmarks.")
    assert got["Granite 4.0 90B"].type == M


def test_versioned_names_the_paper_evaluates_are_models():
    got = found("We evaluate Orion-3 and Vela 2.5 on WidgetQA, then compare Delta with Epsilon.")
    assert got["Orion-3"].type == M and got["Vela 2.5"].type == M
    assert "Delta" not in got and "Epsilon" not in got  # no version: too often a word


@pytest.mark.parametrize("text, name, etype, proposed", [
    ("Agents fail. We test them on CodeRiver, a new suite of repository tasks.", "CodeRiver", B, True),
    ("We begin by collecting PyFlow, a clean code corpus of runnable files.", "PyFlow", D, True),
    ("HairGen, a pose-invariant transfer model, still blurs strands.", "HairGen", M, False),
])
def test_a_name_and_the_kind_it_is(text, name, etype, proposed):
    c = found(text)[name]
    assert c.type == etype and c.proposed is proposed


@pytest.mark.parametrize("text", [
    "We build on Unit Scaling, a method for designing models that train well.",  # the head is "method"
    "It ships under the Open Weights License, a permissive model license.",  # "model" modifies "license"
])
def test_an_apposition_whose_head_is_another_noun_names_nothing(text):
    assert all(c.rule != "apposition" for c in found(text).values())


@pytest.mark.parametrize("title", ["Position: Benchmarks Are Saturating", "Survey: Efficient Reasoning Today",
                                   "Case Study: Agents in the Wild"])
def test_a_title_that_names_its_genre_proposes_nothing(title):
    assert not any(c.proposed for c in found("We argue for dynamic evaluation.", title=title).values())


@pytest.mark.parametrize("text, name, etype", [
    ("We curate CodeHeap, 80B tokens of permissive code, for pre-training.", "CodeHeap", D),
    ("We introduce RubricSet, a benchmark of 3,000 rubric and answer pairs.", "RubricSet", B),
])
def test_the_noun_before_of_heads_a_description(text, name, etype):
    c = found(text)[name]
    assert c.proposed and c.type == etype


def test_a_new_model_named_after_its_description_is_proposed():
    got = found("We curate the data and pre-train a 3B model, Quillet-3B, from scratch on it.")
    assert got["Quillet-3B"].proposed and got["Quillet-3B"].type == M


def test_names_inside_urls_are_not_mentions():
    got = names("We fine-tune Zeta 2. Code: https://github.com/lab/Zeta-2-Tuned and huggingface.co/lab/WidgetQA-Hard.")
    assert got == {"Zeta 2"}


def test_a_description_stops_at_such_as():
    from kg.extract.pipeline import _described_type

    text = "Mixo, an approach such as data augmentation, helps."
    assert _described_type(text, len("Mixo")) == T


def test_a_version_pair_with_a_slash_is_not_a_url():
    got = names("We compare Zeta 2.5/3 with others on WidgetQA.")
    assert any(n.startswith("Zeta 2") for n in got) and "WidgetQA" in got
