"""Open-vocabulary candidates: names no catalogue knows, proposed for the learned decider (sentences of our own)."""

from __future__ import annotations

from kg.catalogue import Catalogue, Entry
from kg.extract.pipeline import paper_text
from kg.extract.rules import ids
from kg.extract.runner import find_candidates
from kg.model import EntityType

T = EntityType.TECHNIQUE
CATALOGUE = Catalogue.from_entries([
    Entry(id="knowledge-distillation", type=T, label="knowledge distillation", aliases=("distillation",)),
    Entry(id="zeta", type=EntityType.MODEL, label="Zeta"),
])
TITLE = "Gated Fusion for Longitudinal Scans"


def found(abstract: str, title: str = TITLE, open_vocab: bool = True) -> dict[str, str]:
    text, title_end = paper_text(title, abstract)
    return {c.text: c.rule for c in find_candidates(text, title_end, CATALOGUE, open_vocab=open_vocab)}


def test_title_case_components_in_the_abstract_are_candidates():
    got = found("Central to our network is a Temporal Mixing Block governed by an Adaptive Scan Gate, "
                "which weighs each visit.")
    assert got.get("Temporal Mixing Block") == ids.CAPITALISED_PHRASE
    assert got.get("Adaptive Scan Gate") == ids.CAPITALISED_PHRASE


def test_capitalised_runs_lose_leading_stop_words_and_skip_other_types():
    got = found("Our Sparse Echo Router sends tokens to experts. We show that our Large Language Models gain.")
    assert "Sparse Echo Router" in got and "The Sparse Echo Router" not in got
    assert not any("Language Models" in name for name in got)  # a kind of model: the model rules' business


def test_open_vocabulary_rules_only_run_where_a_decider_filters_them():
    got = found("a Temporal Mixing Block and a contrastive loss function", open_vocab=False)
    assert ids.CAPITALISED_PHRASE not in got.values() and ids.METHOD_PHRASE not in got.values()


def test_lower_case_phrases_with_more_method_heads():
    got = found("We add a simple contrastive loss function and solve it by linear programming.")
    assert got.get("contrastive loss") == ids.METHOD_PHRASE
    assert got.get("linear programming") == ids.METHOD_PHRASE


def test_a_method_phrase_before_based_is_still_a_name():
    got = found("We use a reinforcement learning-based controller.")
    assert got.get("reinforcement learning") == ids.METHOD_PHRASE


def test_a_verb_in_ing_is_no_part_of_a_method_phrase():
    got = found("The gain comes from leveraging distillation on unlabeled scans.")
    assert "leveraging distillation" not in got


def test_a_module_word_stays_with_the_capitalised_name_before_it():
    got = found("Our system adds a Cross-Scale Echo Fusion module to the decoder.")
    assert got.get("Cross-Scale Echo Fusion module") == ids.CAPITALISED_PHRASE


def test_hyphenated_adjectives_are_no_capitalised_names():
    got = found("Our method relies on Multi-view Echo Gain-based scoring and an LR-conditioned SplitWave Flow.")
    assert not any(name.endswith("Gain-based") for name in got)
    assert "SplitWave Flow" in got and "LR-conditioned SplitWave Flow" not in got


def test_a_sentence_opening_verb_is_no_part_of_a_capitalised_name():
    got = found("Adding Sparse Echo Routing helps our model.")
    assert "Sparse Echo Routing" in got and "Adding Sparse Echo Routing" not in got


def test_a_capitalised_run_is_a_proposed_part_only_where_the_paper_speaks_of_itself():
    text, title_end = paper_text(TITLE, "Prior work used Dense Echo Pooling. Our network couples a Temporal "
                                        "Mixing Block with the scans.")
    got = {c.text: c.proposed for c in find_candidates(text, title_end, CATALOGUE, open_vocab=True)
           if c.rule == ids.CAPITALISED_PHRASE and c.start > title_end}  # the title's own phrase: test below
    assert got == {"Temporal Mixing Block": True}


def test_a_capitalised_run_headed_by_a_task_or_measure_is_no_method():
    got = found("Our model improves Urdu Scene Text Recognition and lowers Mean Squared Error.")
    assert not any(name.endswith(("Recognition", "Error")) for name in got)


def test_a_capitalised_run_naming_an_institution_is_no_method():
    """Where the data or the authors come from is no technique, however it is capitalised."""
    got = found("Our Echo Scan Router was tested with scans from the Harbour District Hospital and the "
                "Office of Coastal Survey, and with records of the Lakeside Institute of Imaging.")
    assert got.get("Echo Scan Router") == ids.CAPITALISED_PHRASE
    assert not any(word in name for name in got for word in ("Hospital", "Office", "Institute"))


def test_a_capitalised_run_around_a_known_technique_is_a_name_of_its_own():
    """"Two-Stage Echo Knowledge Distillation" names more than knowledge distillation: both stay candidates."""
    got = found("Our network is trained by Two-Stage Echo Knowledge Distillation, which guides the student.")
    assert got.get("Two-Stage Echo Knowledge Distillation") == ids.CAPITALISED_PHRASE
    assert got.get("Knowledge Distillation") == ids.CATALOGUE


def test_a_capitalised_run_around_a_known_name_of_another_type_is_no_wrapping_name():
    got = found("We compare against Adaptive Zeta on the scans.")
    assert "Adaptive Zeta" not in got and got.get("Zeta") == ids.CATALOGUE


def test_a_title_case_adjective_opening_a_longer_name_is_part_of_it():
    got = found("Our pipeline feeds an Echo-Centric Data Loom that samples scans.")
    assert got.get("Echo-Centric Data Loom") == ids.CAPITALISED_PHRASE


def test_the_method_phrase_a_plain_title_opens_with_is_a_candidate():
    """The whole phrase, around the known technique it ends in; not a title opening with a verb."""
    got = found("We train a student on the scans.", title="Layered Echo Distillation for Small Scans")
    assert got.get("Layered Echo Distillation") == ids.CAPITALISED_PHRASE and got.get("Distillation") == ids.CATALOGUE
    got = found("We train a student on the scans.", title="Reweighting Echo Samples for Small Scans")
    assert "Reweighting Echo Samples" not in got


def test_open_candidates_are_scored_by_a_model_of_their_own():
    """Their many phrases that are no entity leave the named candidates' scores as they were."""
    from kg.extract.decide import LinearModel
    from kg.learn import fit

    named = [(f"p{i}", {"cue=ours": 1.0} if i % 3 else {"cue=other": 1.0}, "proposes" if i % 3 else "none")
             for i in range(12)]
    opened = [(f"q{i}", {"open": 1.0, "open:head=loss": 1.0, "rec=method-phrase": 1.0},
               "usesTechnique" if i % 4 == 0 else "none") for i in range(12)]
    alone, both = LinearModel(fit(named)), LinearModel(fit(named + opened))
    for _, f, _ in named:
        mine = dict(zip(both.classes, both.probabilities(f)))
        assert all(abs(mine[c] - p) < 1e-9 for c, p in zip(alone.classes, alone.probabilities(f)))
        assert mine["usesTechnique"] < 1e-9  # a class only the open candidates have
    p = dict(zip(both.classes, both.probabilities(opened[0][1])))
    assert abs(p["usesTechnique"] - 0.25) < 0.1 and p["proposes"] < 1e-6  # its own rates; no class it never saw


def test_method_phrases_and_capitalised_names_are_scored_by_models_of_their_own():
    """One in ten lower-case phrases is a name, four in ten capitalised runs: neither model sets the other's rate."""
    from kg.extract.decide import LinearModel
    from kg.learn import fit

    named = [(f"p{i}", {"cue=ours": 1.0} if i % 2 else {"cue=other": 1.0}, "proposes" if i % 2 else "none")
             for i in range(4)]
    runs = [(f"r{i}", {"open": 1.0, "open:head=loss": 1.0, "rec=capitalised-phrase": 1.0},
             "proposes" if i % 2 == 0 else "none") for i in range(12)]
    phrases = [(f"q{i}", {"open": 1.0, "phrase": 1.0, "phrase:head=loss": 1.0, "rec=method-phrase": 1.0},
                "usesTechnique" if i % 6 == 0 else "none") for i in range(12)]
    model = LinearModel(fit(named + runs + phrases))
    run = dict(zip(model.classes, model.probabilities(runs[0][1])))
    phrase = dict(zip(model.classes, model.probabilities(phrases[0][1])))
    assert abs(run["none"] - 0.5) < 0.1 and run["usesTechnique"] < 1e-6  # its own rate; no class it never saw
    assert abs(phrase["none"] - 5 / 6) < 0.1 and phrase["proposes"] < 1e-6


def _recorded(title: str, abstract: str) -> list:
    """The (mention, open features) pairs the open-vocabulary rules record for one paper, rules alone."""
    from kg.extract import pipeline

    nlp = pipeline.build_nlp(model_path=None, open_vocab=True)
    text, title_end = paper_text(title, abstract)
    doc = nlp.make_doc(text)
    doc.user_data["mlkg_text"] = text
    doc._.title_end = title_end
    doc.user_data[pipeline.FEATURES] = record = []
    pipeline.mentions_of(nlp(doc), relations=True)
    return record


def test_an_open_acronym_is_read_through_its_long_form():
    """"WEP" shows nothing; "weighted echo pooling (WEP)" is a method by its head noun, "… fitting" is not one."""
    record = _recorded("Curve Fits for Small Scans", "Prior studies thin the nets by weighted echo pooling (WEP) "
                       "or fit them by slow echo fitting (SEF). We apply WEP and SEF to scans.")
    # its own features, whichever open model reads them ("open:" or, beside a method phrase, "phrase:")
    features = {name: {k.partition(":")[2]: v for k, v in f.items() if ":" in k}
                for m, f in record for name in (m.text, *m.aliases)}  # one entity, the acronym and its long form
    assert features["WEP"].get("open-long-head-method") == 1.0
    assert features["SEF"].get("open-long-form") == 1.0 and "open-long-head-method" not in features["SEF"]


def test_a_long_form_found_before_its_acronym_is_one_entity_with_it():
    """The run "Spectral Drift Operator" is a candidate of its own, written before "(SDO)" defines it as the
    acronym's long form: one entity, not two, whichever of them the text writes first."""
    record = _recorded("Control by Operators", "We steer the plant by defining a Spectral Drift Operator (SDO). "
                       "The SDO maps each state to a drift.")
    named = [(m.text, *m.aliases) for m, _ in record if "SDO" in (m.text, *m.aliases)
             or "Spectral Drift Operator" in (m.text, *m.aliases)]
    assert len(named) == 1 and set(named[0]) >= {"SDO", "Spectral Drift Operator"}


def test_a_title_case_hyphenated_adjective_in_mid_sentence_opens_the_name():
    """"Ridge-wise" capitalised inside a sentence belongs to the run; an acronym's or a sentence opener's does not."""
    got = found("Our decoder is made of Ridge-wise Scan Kernels and Folded Echo Gates.")
    assert got.get("Ridge-wise Scan Kernels") == ids.CAPITALISED_PHRASE
    got = found("Our decoder adds a Pulse-Driven Re-sampling step after each scan.")
    assert got.get("Pulse-Driven Re-sampling") == ids.CAPITALISED_PHRASE
    got = found("Ridge-wise Scan Kernels were slow. Our method uses LR-conditioned Scan Kernels.")
    assert "Ridge-wise Scan Kernels" not in got and "LR-conditioned Scan Kernels" not in got
