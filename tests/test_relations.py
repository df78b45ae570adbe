"""Each relation cue, with sentences of our own: what a paper does with a name."""

from __future__ import annotations

import json

import pytest

from kg.extract import extract, extract_batch
from kg.extract.pipeline import build_nlp
from kg.extract.relations import PaperContext, Occurrence, classify, governs, FINE_TUNE, COMPARE
from kg.model import EntityType, Paper, Predicate

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE
P = Predicate

CATALOGUE = {
    "models.jsonl": [
        {"label": "Zeta"}, {"label": "Zeta 2", "variant_of": "Zeta"},
        {"label": "Oracle-9", "cased": True},
    ],
    "benchmarks.jsonl": [{"label": "WidgetQA"}, {"label": "PuzzleSet"}],
    "datasets.jsonl": [{"label": "FooCorpus"}],
    "techniques.jsonl": [{"label": "QuRA", "aliases": ["Quantized Rank Adaptation"]},
                         {"label": "beam search"}],
}


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    directory = tmp_path_factory.mktemp("catalogue")
    for name, rows in CATALOGUE.items():
        (directory / name).write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    (directory / "closed_models.txt").write_text("Oracle-9\n")
    return build_nlp(catalogue_dir=str(directory))


def edges(nlp, abstract: str, title: str = "A Study of Things") -> dict[str, Predicate]:
    [ex] = extract_batch(nlp, [Paper(key="p", title=title, abstract=abstract)])
    return {m.text: m.predicate for m in ex.mentions}


def occurrence(sentence: str, name: str, etype: EntityType, index: int = 3) -> Occurrence:
    start = sentence.index(name)
    return Occurrence(type=etype, sentence=sentence, start=start, end=start + len(name),
                      is_title=False, sentence_index=index, proposed=False)


# --- governing cues


def test_a_cue_governs_across_a_list_only():
    assert governs("We fine-tune strong open models such as Zeta, Kappa and ", FINE_TUNE)
    assert not governs("We fine-tune Zeta and then measure accuracy of ", FINE_TUNE)
    assert governs("Our method outperforms ", COMPARE)
    assert not governs("Our method outperforms the old one when used with ", COMPARE)


# --- models


@pytest.mark.parametrize("abstract,name", [
    ("We fine-tune Zeta-2-7B on our data and report accuracy on WidgetQA.", "Zeta-2-7B"),
    ("Zeta 2 is further fine-tuned with QuRA in our experiments.", "Zeta 2"),
    ("We build our assistant on top of Zeta 2 and release it.", "Zeta 2"),
    ("We apply our adapters to Zeta-2-13B and observe gains.", "Zeta-2-13B"),
    ("We distill knowledge from Oracle-9 into Zeta-2-1B for mobile use.", "Zeta-2-1B"),
])
def test_fine_tuning_cues(nlp, abstract, name):
    assert edges(nlp, "Models keep growing. " + abstract)[name] == P.FINE_TUNES


@pytest.mark.parametrize("abstract,name", [
    ("Our method outperforms Zeta 2 by four points on WidgetQA in our experiments.", "Zeta 2"),
    ("We use Oracle-9 as a judge to score the answers.", "Oracle-9"),
    ("We distill knowledge from Oracle-9 into Zeta-2-1B for mobile use.", "Oracle-9"),
    ("We compare our model with Zeta-2-70B and report results.", "Zeta-2-70B"),
])
def test_baselines_judges_and_teachers_are_evaluated(nlp, abstract, name):
    assert edges(nlp, "Models keep growing. " + abstract)[name] == P.EVALUATES


def test_an_evaluation_verb_governs_a_list_given_by_e_g(nlp):
    """"(e.g., X, Y)" is list material like "such as": the closing dot of "e.g." once hid the filler, so the models
    fell to the fine-tuning paper's fallback."""
    abstract = ("Board games need commentary. We fine-tune small models with QuRA on annotated chess games. "
                "We then test seven open models (e.g., Zeta-2-3B, Zeta-2-9B) and two closed ones on PuzzleSet.")
    got = edges(nlp, abstract)
    assert got["Zeta-2-3B"] == got["Zeta-2-9B"] == P.EVALUATES


@pytest.mark.parametrize("abstract", [
    "Applied to Zeta-2-7B, our layer-reuse schedule halves the latency of every decoding step.",
    "We apply our probing protocol on Zeta-2-7B and map which heads carry the speaker's dialect.",
])
def test_applying_a_method_that_trains_nothing_to_a_model_is_no_fine_tune(nlp, abstract):
    """"apply X to Y" changes Y's weights only when X is a way of training (the adapters above)."""
    assert edges(nlp, "Caching speeds up decoders. " + abstract)["Zeta-2-7B"] == P.EVALUATES


def test_a_model_whose_features_are_read_is_evaluated(nlp):
    """"X patch features", "X descriptors": the model serves as a fixed feature extractor, whatever else the
    work tunes."""
    abstract = ("Bird calls overlap. We fine-tune small models with QuRA on field recordings. "
                "A linear probe on Zeta-2-7B patch features separates the two warblers.")
    assert edges(nlp, abstract)["Zeta-2-7B"] == P.EVALUATES


def test_data_named_in_our_work_with_no_training_word_is_only_mentioned(nlp):
    """A data set with no cue is not trained on by default: on papers nobody annotated that fallback was right
    about one time in three (proposed corpora, evaluation sets, sources of a derived set)."""
    got = edges(nlp, "Harbour cranes idle often. Our planner schedules lifts from the FooCorpus records "
                     "of three ports and cuts idle time by a third.")
    assert got["FooCorpus"] == P.MENTIONS
    assert edges(nlp, "Harbour cranes idle often. We train our planner on FooCorpus.")["FooCorpus"] == P.TRAINS_ON


def test_a_model_trained_from_scratch_is_evaluated_not_fine_tuned(nlp):
    got = edges(nlp, "Models keep growing. We train a Zeta-2-1B model from scratch and report results.")
    assert got["Zeta-2-1B"] == P.EVALUATES


def test_background_mentions(nlp):
    got = edges(nlp, "Recent models such as Zeta 2 have shown strong results. We study sorting.")
    assert got["Zeta 2"] == P.MENTIONS


def test_models_in_experiments_of_a_fine_tuning_paper_are_fine_tuned_unless_closed(nlp):
    abstract = ("Adapting models is costly. We fine-tune small models with QuRA. "
                "Experiments with Zeta-2-7B and Oracle-9 show gains on WidgetQA.")
    got = edges(nlp, abstract)
    assert got["Zeta-2-7B"] == P.FINE_TUNES
    assert got["Oracle-9"] == P.EVALUATES  # its weights were never released


def test_a_model_first_presented_as_earlier_work_is_no_fine_tune_by_default(nlp):
    abstract = ("Routing encoders such as Zeta-2-7B have set the pace in harbour logistics. "
                "We fine-tune small models with QuRA. "
                "Experiments with Zeta-2-7B and Zeta-3-8B show gains on WidgetQA.")
    got = edges(nlp, abstract)
    assert got["Zeta-2-7B"] == P.EVALUATES  # the default guessed; the abstract presents it as others' work
    assert got["Zeta-3-8B"] == P.FINE_TUNES  # the same default, with no such sentence


def test_a_default_fine_tune_yields_to_a_sentence_about_earlier_work_not_to_a_stated_one():
    from kg.extract.relations import YIELDED, yield_default_fine_tunes
    from kg.extract.types import Candidate, changed

    def tag(rule: str, pred: Predicate) -> Candidate:
        return Candidate(0, 9, "Zeta-2-7B", EntityType.MODEL, "variant", 1.0, predicate=pred,
                         relation_rule=f"variant+{rule}")
    default, earlier = tag("trained-in-our-experiments", P.FINE_TUNES), tag("background", P.MENTIONS)
    stated = changed(default, relation_rule="variant+fine-tune-cue")
    got = yield_default_fine_tunes([earlier, default])
    assert [c.predicate for c in got] == [P.MENTIONS, P.EVALUATES] and got[1].relation_rule.endswith(YIELDED)
    assert yield_default_fine_tunes([default]) == [default]
    assert yield_default_fine_tunes([earlier, default, stated]) == [earlier, default, stated]


def test_a_paper_whose_method_is_reinforcement_learning_trains_its_models(nlp):
    """"an RL framework" is a training method by its usual abbreviation, as "reinforcement learning" is."""
    abstract = ("Reasoning is hard. We propose Kite, an RL framework that rewards short proofs. "
                "Experiments with Zeta-2-7B and Zeta-2-13B show gains on WidgetQA.")
    got = edges(nlp, abstract)
    assert got["Zeta-2-7B"] == P.FINE_TUNES and got["Zeta-2-13B"] == P.FINE_TUNES


@pytest.mark.parametrize("title,trained", [("Short Proofs by Reinforcement Learning", True),
                                           ("Short Proofs by Search", False)])
def test_a_title_that_names_reinforcement_learning_trains_the_models(nlp, title, trained):
    abstract = ("Provers ramble. We propose a length reward that favours short proofs. "
                "Experiments with Zeta-2-7B show gains on WidgetQA.")
    assert edges(nlp, abstract, title=title)["Zeta-2-7B"] == (P.FINE_TUNES if trained else P.EVALUATES)


@pytest.mark.parametrize("abstract", [
    "Pruning saves memory. We prune weights without any training. Experiments with Zeta-2-7B show gains on WidgetQA.",
    "Pruning saves memory. We fine-tune nothing: our pruner is plug-and-play. Experiments with Zeta-2-7B show gains "
    "on WidgetQA.",
    "Pruning saves memory. We insert small adapters with no additional training. Experiments with Zeta-2-7B show "
    "gains on WidgetQA.",
])
def test_a_paper_that_trains_nothing_evaluates_its_models(nlp, abstract):
    assert edges(nlp, abstract)["Zeta-2-7B"] == P.EVALUATES


# --- data


def test_benchmarks_reported_on_are_evaluated_on(nlp):
    got = edges(nlp, "Reasoning is hard. We report accuracy on WidgetQA and PuzzleSet for our method.")
    assert got["WidgetQA"] == P.EVALUATES_ON and got["PuzzleSet"] == P.EVALUATES_ON


def test_data_trained_on(nlp):
    got = edges(nlp, "Data matters. We train our model on FooCorpus and evaluate it on WidgetQA.")
    assert got["FooCorpus"] == P.TRAINS_ON and got["WidgetQA"] == P.EVALUATES_ON


def test_data_someone_else_trained_on_is_mentioned(nlp):
    got = edges(nlp, "Data matters. Our data beats models trained on FooCorpus in our experiments.")
    assert got["FooCorpus"] == P.MENTIONS


@pytest.mark.parametrize("abstract", [
    "Data matters. The tagger is pretrained on FooCorpus and then tuned on trip logs.",
    "Data matters. We feed the features into a small probe trained on the FooCorpus dataset.",
])
def test_data_our_own_model_is_trained_on_is_not_someone_elses(abstract, nlp):
    """"X trained on D" is someone's trained model only when X is a name or "models"; the cue patterns ignore case,
    so the name's capital must be asked for: "is pretrained on D", "a probe trained on D" train on D."""
    assert edges(nlp, abstract)["FooCorpus"] == P.TRAINS_ON


def test_benchmarks_contrasted_with_are_mentioned(nlp):
    got = edges(nlp, "Evaluation is narrow. Unlike existing benchmarks such as WidgetQA, ours is open-ended.")
    assert got["WidgetQA"] == P.MENTIONS


# --- techniques


def test_techniques_used(nlp):
    got = edges(nlp, "Decoding matters. We apply beam search and QuRA to our models.")
    assert got["beam search"] == P.USES_TECHNIQUE and got["QuRA"] == P.USES_TECHNIQUE


def test_a_technique_our_result_is_set_against_is_mentioned_unless_the_title_builds_on_it(nlp):
    """Guidelines: a technique only compared against is mentioned; one the paper builds on (its title names it)
    is used even where it is the baseline.  Describing words may stand between the verb and the name."""
    text = "Adapters are popular. Our tagger outperforms a supervised QuRA on trip logs."
    assert edges(nlp, text)["QuRA"] == P.MENTIONS
    assert edges(nlp, "Adapters are popular. Our planner is compared with standard beam search.")["beam search"] == \
        P.MENTIONS
    assert edges(nlp, text, title="Sparse QuRA for Trip Taggers")["QuRA"] == P.USES_TECHNIQUE


@pytest.mark.parametrize("abstract", [
    "Adapters are popular. Unlike QuRA, our method needs no extra parameters.",
    "Adapters are popular. Our approach works without QuRA entirely.",
    "Adapters are popular. Our method outperforms QuRA on every task.",
])
def test_negated_or_contrasted_techniques_are_only_mentioned(nlp, abstract):
    assert edges(nlp, abstract)["QuRA"] == P.MENTIONS


@pytest.mark.parametrize("abstract", [
    "Adapters are popular. Our tagger works without quantized rank adapters (QuRA) and keeps its accuracy.",
    "Adapters are popular. Our tagger improves on them by replacing quantized rank adapters (QuRA) with a sparse update.",
])
def test_an_acronym_is_governed_by_the_cue_before_its_long_form(nlp, abstract):
    """"without long form (LF)": the acronym stands where its long form does, so the cue before that governs it."""
    assert edges(nlp, abstract)["QuRA"] == P.MENTIONS


def test_negation_in_one_sentence_does_not_hide_use_in_another(nlp):
    abstract = "Adapters are popular. Unlike plain QuRA, we add a gate. We then apply QuRA to every layer."
    assert edges(nlp, abstract)["QuRA"] == P.USES_TECHNIQUE


# --- proposals


def test_a_proposed_model_is_proposed_only(nlp):
    abstract = "We present Zeta-Doc, a model for clinics. Zeta-Doc outperforms Zeta 2 on WidgetQA."
    got = edges(nlp, abstract)
    assert got["Zeta-Doc"] == P.PROPOSES and got["Zeta 2"] == P.EVALUATES


def test_a_second_verb_of_ours_introduces_data_too(nlp):
    """"We propose A, a ..., and introduce the B corpus": the coordinated verb shares the subject "we"."""
    abstract = ("Harbour cranes idle often. We propose Marlin, a lift planner for container yards, "
                "and introduce the DockLog corpus of annotated lifts.")
    got = edges(nlp, abstract)
    assert got["Marlin"] == got["DockLog"] == P.PROPOSES


def test_classify_marks_proposals_first():
    o = occurrence("We compare MyNet with others.", "MyNet", M)
    proposed = Occurrence(**{**{f: getattr(o, f) for f in o.__slots__}, "proposed": True})
    assert classify(proposed, PaperContext())[0] == P.PROPOSES


def test_names_inside_an_opening_contrast_clause_are_mentioned(nlp):
    abstract = ("Evaluation is narrow. Instead of reusing suites (like WidgetQA and PuzzleSet), "
                "we build a new one and apply QuRA. Unlike beam search, our decoder is parallel.")
    got = edges(nlp, abstract)
    assert got["WidgetQA"] == P.MENTIONS and got["PuzzleSet"] == P.MENTIONS
    assert got["beam search"] == P.MENTIONS and got["QuRA"] == P.USES_TECHNIQUE


def test_a_hint_of_earlier_work_does_not_hide_our_results(nlp):
    abstract = ("Tuning is hard. Our recipe wins. The results show gains on WidgetQA "
                "compared to conventional training.")
    assert edges(nlp, abstract)["WidgetQA"] == P.EVALUATES_ON


def test_a_known_technique_the_paper_calls_by_name_is_proposed(nlp):
    got = edges(nlp, "Pretraining is slow. We propose a faster objective called beam search here.")
    assert got["beam search"] == P.PROPOSES


def test_models_a_fine_tuning_paper_only_evaluates_are_evaluated(nlp):
    abstract = ("Charts confuse models. We study eleven models, including Zeta 2 and Zeta-2-7B, on WidgetQA. "
                "We then fine-tune a small model with QuRA.")
    got = edges(nlp, abstract)
    assert got["Zeta 2"] == P.EVALUATES and got["Zeta-2-7B"] == P.EVALUATES


def test_an_evaluation_verb_does_not_outrank_a_nearer_fine_tuning_cue(nlp):
    abstract = "Charts confuse models. We evaluate how well fine-tuning Zeta-2-7B with QuRA works on WidgetQA."
    assert edges(nlp, abstract)["Zeta-2-7B"] == P.FINE_TUNES


@pytest.mark.parametrize("abstract,names", [
    ("Scans are noisy. Zeta-2-7B and Zeta-2-13B were fine-tuned on FooCorpus with the same settings.",
     ("Zeta-2-7B", "Zeta-2-13B")),
    ("Scans are noisy. We compare two sizes, Zeta-2-7B and Zeta-2-13B, trained on our labelled scans.",
     ("Zeta-2-7B", "Zeta-2-13B")),
    ("Scans are noisy. In our study the Zeta-2-7B model, trained on labelled scans, reaches 91% accuracy.",
     ("Zeta-2-7B",)),
    ("Labels are scarce. We then fine-tune four language models, Zeta-2-1B, Zeta-2-7B and Zeta-2-13B, to generate "
     "summaries.", ("Zeta-2-13B",)),
])
def test_a_list_of_models_trained_by_the_paper_is_fine_tuned(nlp, abstract, names):
    """The participle or passive verb after a list is said of every name in it; "language models" is list material."""
    got = edges(nlp, abstract)
    assert [got[n] for n in names] == [P.FINE_TUNES] * len(names)


def test_models_someone_else_trained_are_not_fine_tuned(nlp):
    got = edges(nlp, "Scans are noisy. Zeta-2-7B models trained on FooCorpus are known to fail on WidgetQA.")
    assert got["Zeta-2-7B"] != P.FINE_TUNES


@pytest.mark.parametrize("title,used", [
    ("Stochastic Beam Decoders for Long Documents", True),
    ("Search Spaces for Long Documents", False),  # "search" is a kind word: it names no technique
    ("Summaries of Long Documents", False),
])
def test_a_background_technique_the_title_builds_on_is_used(nlp, title, used):
    abstract = "Beam search is the usual way to decode long outputs. We study its failures on very long documents."
    got = {name.lower(): p for name, p in edges(nlp, abstract, title=title).items()}
    # set aside: "mentions at most" (GUIDELINES.md); the learned decider may also leave it out
    assert got.get("beam search", P.MENTIONS) == (P.USES_TECHNIQUE if used else P.MENTIONS)


def test_a_title_sharing_only_a_modifier_or_a_plural_kind_word_does_not_make_a_technique_used():
    abstract = ("Recently, recurrent neural networks have become popular for reading scans. We study how leaf "
                "shapes change over a season.")
    [ex] = extract([Paper(key="p", title="Recurrent Networks for Leaf Scans", abstract=abstract)], model_path=None)
    got = {m.text.lower(): m.predicate for m in ex.mentions}
    assert got.get("recurrent neural networks", P.MENTIONS) == P.MENTIONS


def test_sizes_and_variants_of_a_proposed_model_are_proposed(nlp):
    abstract = ("We present Quill-3, a family of open models for law. Quill-3-14B-Chat is trained with QuRA "
                "and outperforms Zeta 2 on WidgetQA.")
    got = edges(nlp, abstract, title="Quill-3: Open Models for Legal Text")
    assert got["Quill-3"] == P.PROPOSES and got["Quill-3-14B-Chat"] == P.PROPOSES
    assert got["Zeta 2"] == P.EVALUATES


def test_an_evaluation_verb_governs_a_long_list_with_lowercase_names(nlp):
    abstract = ("Agents fail often. We evaluate frontier models including Zeta 2, Oracle-9 and Zeta-2-7B, and open "
                "models such as the Zeta-2-13B-Chat, zeta-2-20b and Zeta-2-70B on WidgetQA. "
                "We also fine-tune a small model with QuRA.")
    got = edges(nlp, abstract)
    assert got["zeta-2-20b"] == P.EVALUATES and got["Zeta-2-70B"] == P.EVALUATES


@pytest.mark.parametrize("abstract", [
    "Data matters. We train on our own notes and compare against training on FooCorpus.",
    "Data matters. Instead of pre-training on FooCorpus, we distil a small set of notes.",
    "Data matters. Our recipe works without fine-tuning on FooCorpus at all.",
])
def test_training_the_paper_contrasts_itself_with_is_mentioned(nlp, abstract):
    assert edges(nlp, abstract)["FooCorpus"] == P.MENTIONS


def test_a_model_that_systems_are_built_on_is_evaluated(nlp):
    abstract = "Agents cite badly. We benchmark six agent frameworks built on Zeta-2-7B on WidgetQA."
    assert edges(nlp, abstract)["Zeta-2-7B"] == P.EVALUATES


@pytest.mark.parametrize("abstract", [
    "Grading is slow. We build a grading assistant on top of Oracle-9 and test it on WidgetQA.",
    "Grading is slow. Our grader uses Oracle-9 as the backbone model and improves WidgetQA accuracy.",
])
def test_a_closed_model_is_fine_tuned_only_when_the_text_says_so(nlp, abstract):
    assert edges(nlp, abstract)["Oracle-9"] == P.EVALUATES


def test_a_closed_model_the_paper_fine_tunes_is_fine_tuned(nlp):
    abstract = "Grading is slow. We fine-tune Oracle-9 through its API on WidgetQA."
    assert edges(nlp, abstract)["Oracle-9"] == P.FINE_TUNES


@pytest.mark.parametrize("abstract", [
    "Adapters are popular. We do not apply QuRA or any beam search.",
    "Adapters are popular. Our method doesn't use QuRA or beam search at all.",
    "Adapters are popular. Our sampler is orthogonal to QuRA and beam search.",
])
def test_techniques_the_paper_says_it_does_without_are_mentioned(nlp, abstract):
    got = edges(nlp, abstract)
    # ruled out: "mentions at most" (GUIDELINES.md); the learned decider may also leave it out
    assert got["QuRA"] == P.MENTIONS and got.get("beam search", P.MENTIONS) == P.MENTIONS


def test_a_model_name_used_as_the_name_of_data_is_not_fine_tuned(nlp):
    abstract = "Rewards get hacked. We fine-tune a small policy with GRPO on the Zeta-2-7B dataset and report WidgetQA."
    assert edges(nlp, abstract)["Zeta-2-7B"] not in (P.FINE_TUNES, P.EVALUATES)


def test_techniques_named_as_related_fields_are_mentioned(nlp):
    abstract = "Merging is cheap. We also discuss related fields of study such as QuRA and beam search."
    got = edges(nlp, abstract)
    # ruled out: "mentions at most" (GUIDELINES.md); the learned decider may also leave it out
    assert got["QuRA"] == P.MENTIONS and got.get("beam search", P.MENTIONS) == P.MENTIONS


def test_a_paper_that_says_it_does_not_fine_tune_fine_tunes_nothing(nlp):
    abstract = ("Features hide in models. We probe the residual stream of Zeta-2-7B with sparse probes on WidgetQA. "
                "We do not fine-tune the model.")
    assert edges(nlp, abstract)["Zeta-2-7B"] == P.EVALUATES


def test_a_model_another_model_beats_is_evaluated(nlp):
    abstract = "Code models are costly. In the end, Tiny-1B beats Zeta-2-7B on WidgetQA."
    assert edges(nlp, abstract)["Zeta-2-7B"] == P.EVALUATES


def test_methods_a_paper_outperforms_are_mentioned(nlp):
    abstract = "Alignment is costly. Our recipe outperforms state-of-the-art methods such as QuRA and beam search."
    got = edges(nlp, abstract)
    # ruled out: "mentions at most" (GUIDELINES.md); the learned decider may also leave it out
    assert got["QuRA"] == P.MENTIONS and got.get("beam search", P.MENTIONS) == P.MENTIONS


@pytest.mark.parametrize("abstract,name", [
    ("Errors hide in notes. We evaluated six instruction-tuned LLMs (Zeta-2-7B, Orbit-3 and Kite-8B) on WidgetQA.",
     "Orbit-3"),
    ("Tagging is hard. Our tagger beats strong domain-specialized models like Zeta-2-7B on WidgetQA.", "Zeta-2-7B"),
])
def test_a_participle_describing_a_kind_of_model_is_no_fine_tuning(nlp, abstract, name):
    """Loss kind 1 of issue 13: "instruction-tuned LLMs (A, B)" says what the models are, not what we do."""
    assert edges(nlp, abstract)[name] == P.EVALUATES


def test_our_participle_is_still_our_fine_tuning(nlp):
    abstract = "Tagging is hard. We fine-tuned models such as Zeta-2-7B and Kite-8B on our notes."
    assert edges(nlp, abstract)["Kite-8B"] == P.FINE_TUNES


def test_a_model_whose_architecture_the_paper_adapts_is_evaluated(nlp):
    """GUIDELINES: an architecture trained from scratch is evaluated; "adapts the X architecture" takes no weights."""
    abstract = ("Music is hard to generate. We fine-tune a small decoder and build Tunesmith, "
                "which adapts the Zeta-2-7B and Kite-8B architectures to audio.")
    assert edges(nlp, abstract)["Zeta-2-7B"] != P.FINE_TUNES


def test_an_opening_fine_tuned_clause_is_said_of_its_subject(nlp):
    abstract = ("Tagging is hard. When fine-tuned on our notes, instruction-tuned versions of Zeta-2-7B and Kite-8B "
                "reach high accuracy.")
    assert edges(nlp, abstract)["Kite-8B"] == P.FINE_TUNES



def test_a_known_name_listed_after_namely_is_not_proposed(nlp):
    """"namely" lists what the words before it describe; only a word that coins a name ("called") proposes it."""
    found = edges(nlp, "We pre-train one policy on tasks from two benchmark suites, namely WidgetQA and PuzzleSet. "
                       "The policy is then tested on held-out tasks.")
    assert found["WidgetQA"] != P.PROPOSES
    coined = edges(nlp, "We propose a simple recipe called Widgetize that halves the training cost of agents.")
    assert coined["Widgetize"] == P.PROPOSES


def test_a_model_the_paper_says_it_has_pre_trained_under_a_name_is_proposed(nlp):
    """"We have pre-trained a … model Polyglossa": the paper's own training run, named without a comma."""
    found = edges(nlp, "We have pre-trained a multilingual encoder model Polyglossa and observed large gains "
                       "over monolingual encoders on WidgetQA.")
    assert found["Polyglossa"] == P.PROPOSES


def test_a_name_called_earlier_work_is_not_proposed(nlp):
    """"an existing approach called X" names someone else's method; "a new recipe called X" names ours."""
    found = edges(nlp, "We compare our agent with an existing decoding approach called beam search on long inputs.")
    assert found["beam search"] != P.PROPOSES
    found = edges(nlp, "We set our agent against a previous method called Widgetize, which needs labels.")
    assert found.get("Widgetize") != P.PROPOSES
    coined = edges(nlp, "We propose a new decoding recipe called Gadgetize that halves the cost of agents.")
    assert coined["Gadgetize"] == P.PROPOSES


def test_a_name_given_with_its_authors_reference_is_earlier_work(nlp):
    """A model cited with an author-year reference, and no cue of our own use, is only mentioned."""
    found = edges(nlp, "Our method carries the masked objective of Zeta (Smith et al., 2021) over to images. "
                       "It reaches 70% on WidgetQA.")
    assert found["Zeta"] == P.MENTIONS
    used = edges(nlp, "We fine-tune Zeta (Smith et al., 2021) on WidgetQA and report accuracy.")
    assert used["Zeta"] == P.FINE_TUNES


def test_the_citation_cue_reads_author_year_references():
    from kg.extract.cues.patterns import Cues

    cited = Cues.of().CITED_AFTER
    assert cited.match(" (Smith et al., 2021) to images")
    assert cited.match(" framework by Smith and Jones et al. (2019)")
    assert cited.match("; Smith et. al, 2019)")
    assert not cited.match(" (Smith, 2021)") and not cited.match(" and reach 80% in 2021")


# --- issue 13: labels on found entities (sentences of our own; each failed on the rules of 49cf844)

def test_a_model_a_system_of_ours_runs_is_evaluated_in_a_paper_that_trains(nlp):
    abstract = ("Queues grow at night. We fine-tune small adapters for routing. Our scheduler is a system that "
                "runs Zeta-2-70B and Zeta-2-7B side by side on one rack and picks the cheaper answer.")
    got = edges(nlp, abstract)
    assert got["Zeta-2-70B"] == got["Zeta-2-7B"] == P.EVALUATES


def test_data_named_after_where_the_training_data_comes_from_is_trained_on(nlp):
    abstract = ("Robots forget. Our agent is first trained on data from two collections, namely WidgetQA and "
                "PuzzleSet, before any reward is seen. We report results on PuzzleSet.")
    [ex] = extract_batch(nlp, [Paper(key="p", title="A Study of Things", abstract=abstract)])
    got = {m.text: {m.predicate, *m.also} for m in ex.mentions}
    assert got["WidgetQA"] == {P.TRAINS_ON}
    assert got["PuzzleSet"] == {P.TRAINS_ON, P.EVALUATES_ON}


def test_what_others_have_done_is_background(nlp):
    abstract = ("Search is slow. We propose a new sampler. Others have tuned beam search for long outputs, "
                "with mixed success.")
    assert edges(nlp, abstract)["beam search"] == P.MENTIONS


@pytest.mark.parametrize("abstract, predicate", [
    ("Search is slow. Inspired by beam search, which has become popular in translation, the work introduces a new "
     "sampler for long documents.", P.USES_TECHNIQUE),
    ("Search is slow. Recently, samplers inspired by beam search have become popular.", P.MENTIONS),
])
def test_a_technique_our_work_is_inspired_by_is_used(nlp, abstract, predicate):
    assert edges(nlp, abstract)["beam search"] == predicate


def test_a_fine_tuning_verb_governs_different_models_of_a_family(nlp):
    abstract = ("Spreadsheets confuse chat models. Our recipe finetunes different sizes of Zeta on formula "
                "repair, then checks each on held-out sheets.")
    assert edges(nlp, abstract)["Zeta"] == P.FINE_TUNES
