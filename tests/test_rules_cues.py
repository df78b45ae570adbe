"""Each relation and experiment cue rule alone, on sentences of our own; switching rules off; the lexicon."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kg.extract.cues import experiment_rules
from kg.extract.cues.patterns import Cues
from kg.extract.cues.reading import Occurrence, PaperContext, Reading
from kg.extract.cues.relation_rules import FOLLOW_UP, STAGE, chain
from kg.extract.engine import REGISTRY
from kg.extract.relations import classify, taken_up
from kg.lexicon import Lexicon
from kg.model import EntityType, ExperimentKind, Predicate

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE
P = Predicate
TRAINS = PaperContext(trains_models=True)


def occurrence(sentence: str, name: str, etype: EntityType, proposed: bool = False) -> Occurrence:
    start = sentence.index(name)
    return Occurrence(type=etype, sentence=sentence, start=start, end=start + len(name), is_title=False,
                      sentence_index=3, proposed=proposed)


def run(rule_id: str, sentence: str, name: str, etype: EntityType, ctx: PaperContext = PaperContext(),
        proposed: bool = False):
    return REGISTRY.get(rule_id).run(Reading(occurrence(sentence, name, etype, proposed), ctx, Cues.of()))


# rule, a sentence it fires on (and what it finds), a sentence it leaves alone
CASES = [
    ("proposal-cue", ("We present Zeta-7B.", "Zeta-7B", M, PaperContext(), True), P.PROPOSES, ("We present Zeta-7B.", "Zeta-7B", M)),
    ("built-into-our-name", ("Recently, QuRA has become popular.", "QuRA", T, PaperContext(proposed=frozenset({"FedQuRA"}))),
     P.USES_TECHNIQUE, ("Recently, QuRA has become popular.", "QuRA", T)),
    ("own-size-or-variant", ("Zeta-7B judges fast.", "Zeta-7B", M, PaperContext(proposed=frozenset({"Zeta"}))),
     P.PROPOSES, ("Zeta-Adapter judges fast.", "Zeta-Adapter", M, PaperContext(proposed=frozenset({"Zeta-Adapter-X"})))),
    ("yardstick", ("With a small supervisor we reach Zeta-7B-level accuracy.", "Zeta-7B", M), P.MENTIONS,
     ("We fine-tune Zeta-7B on trips.", "Zeta-7B", M)),
    ("system-built-on", ("Our agents built on Zeta-7B plan trips.", "Zeta-7B", M), P.EVALUATES,
     ("We fine-tune Zeta-7B on trips.", "Zeta-7B", M)),
    ("fine-tune-cue", ("We fine-tune Zeta-7B on trip plans.", "Zeta-7B", M), P.FINE_TUNES,
     ("Prior work fine-tuned Zeta-7B for trips.", "Zeta-7B", M)),
    ("role-cue", ("We use Zeta-7B as the judge.", "Zeta-7B", M), P.EVALUATES, ("We fine-tune Zeta-7B.", "Zeta-7B", M)),
    ("comparison-cue", ("Our planner outperforms Zeta-7B.", "Zeta-7B", M), P.EVALUATES,
     ("We fine-tune Zeta-7B.", "Zeta-7B", M)),
    ("evaluation-cue", ("We evaluate Zeta-7B on trips.", "Zeta-7B", M), P.EVALUATES,
     ("We fine-tune Zeta-7B.", "Zeta-7B", M)),
    ("experiment-context", ("Zeta-7B plans trips.", "Zeta-7B", M), P.EVALUATES, ("FooCorpus is large.", "FooCorpus", D)),
    ("cited-earlier-work", ("Our tagger borrows the objective of Zeta-7B (Smith et al., 2021).", "Zeta-7B", M),
     P.MENTIONS, ("Our tagger borrows the objective of Zeta-7B in 2021.", "Zeta-7B", M)),
    ("contrast", ("Unlike FooCorpus, our trip data is clean.", "FooCorpus", D), P.MENTIONS,
     ("We train Zeta-7B on FooCorpus.", "FooCorpus", D)),
    ("trained-by-others", ("Models trained on FooCorpus forget trips.", "FooCorpus", D), P.MENTIONS,
     ("We train Zeta-7B on FooCorpus.", "FooCorpus", D)),
    ("train-on-cue", ("We train Zeta-7B on FooCorpus.", "FooCorpus", D), P.TRAINS_ON,
     ("We report accuracy on FooCorpus.", "FooCorpus", D)),
    ("benchmark-in-experiments", ("WidgetQA is hard.", "WidgetQA", B), P.EVALUATES_ON, ("FooCorpus is big.", "FooCorpus", D)),
    ("evaluate-on-cue", ("We report accuracy on FooCorpus.", "FooCorpus", D), P.EVALUATES_ON,
     ("We release FooCorpus.", "FooCorpus", D)),
    ("dataset-in-our-work", ("We release FooCorpus.", "FooCorpus", D), P.MENTIONS, ("We use QuRA.", "QuRA", T)),
    ("negation-or-contrast", ("Our planner works without QuRA.", "QuRA", T), P.MENTIONS, ("We use QuRA.", "QuRA", T)),
    ("used-in-our-work", ("We use QuRA.", "QuRA", T), P.USES_TECHNIQUE, ("We use Zeta-7B.", "Zeta-7B", M)),
    ("background", ("Recently, QuRA has become popular.", "QuRA", T), P.MENTIONS, ("We use QuRA.", "QuRA", T)),
    ("ours-by-possessive", ("Experiments on our curated TripBench benchmark show gains.", "TripBench", B), P.PROPOSES,
     ("Experiments on the public TripBench benchmark show gains.", "TripBench", B)),
    # the paper builds its own on a technique it names: "a QuRA-based planner" uses QuRA, proposes the planner
    ("basis-of-ours", ("We propose a QuRA-based planner for trips.", "QuRA", T, PaperContext(), True),
     P.USES_TECHNIQUE, ("We propose QuRA, a planner for trips.", "QuRA", T, PaperContext(), True)),
    # a model kept frozen is used as it is, even in a paper that trains something else
    ("kept-frozen", ("With a frozen Zeta-7B as the encoder, training only the adapter lifts recall.", "Zeta-7B", M,
                     TRAINS), P.EVALUATES, ("We fine-tune Zeta-7B on trip plans.", "Zeta-7B", M, TRAINS)),
    ("train-and-evaluate", ("We train and evaluate our tagger on the FooCorpus collection.", "FooCorpus", D),
     P.TRAINS_ON, ("We evaluate our tagger on FooCorpus.", "FooCorpus", D)),
    ("introduced-here", ("We propose two samplers -- KiteWalk and KiteJump -- for trips.", "KiteJump", T), P.PROPOSES,
     ("We propose a sampler for trips that calls KiteJump.", "KiteJump", T)),
    # a background technique the title is built on is used; a kind word ("search") shared with the title is not enough
    ("named-by-our-title", ("Recently, beam search has become popular.", "beam search", T,
                            PaperContext(title_words=frozenset({"beam", "decoders", "trips"}))), P.USES_TECHNIQUE,
     ("Recently, beam search has become popular.", "beam search", T,
      PaperContext(title_words=frozenset({"search", "decoders", "trips"})))),
    # an opening "Inspired by X," is said of the main clause's subject, ours even in a line about earlier work
    ("built-upon", ("Inspired by QuRA, which has become popular, the work adds a planner.", "QuRA", T),
     P.USES_TECHNIQUE, ("Recently, planners inspired by QuRA have become popular.", "QuRA", T)),
    # a model named in passing is background, but a stated score is a result: "attain only 41%" is an experiment
    ("background", ("Even the strongest open models, such as Zeta-2-7B, still struggle on long trips.", "Zeta-2-7B", M),
     P.MENTIONS, ("Even the strongest open models, such as Zeta-2-7B, attain only 41 % on long trips.", "Zeta-2-7B", M)),
]


@pytest.mark.parametrize("rule_id, fires, finds, quiet", CASES, ids=[c[0] for c in CASES])
def test_each_cue_rule_alone(rule_id, fires, finds, quiet):
    assert run(rule_id, *fires) == finds
    assert run(rule_id, *quiet) is None


def test_an_open_model_in_a_paper_that_trains_is_trained_unless_compared():
    assert run("trained-in-our-experiments", "Zeta-7B plans trips.", "Zeta-7B", M, TRAINS) == P.FINE_TUNES
    assert run("trained-in-our-experiments", "Zeta-7B plans trips.", "Zeta-7B", M) is None
    assert run("trained-in-our-experiments", "Ours is better than Zeta-7B.", "Zeta-7B", M, TRAINS) is None
    assert run("trained-in-our-experiments", "Our system that runs Zeta-7B plans trips.", "Zeta-7B", M, TRAINS) is None


def test_every_cue_rule_has_a_case_and_distinct_ranks():
    rules = chain(frozenset(), STAGE)
    assert {r.id for r in rules} == {c[0] for c in CASES} | {"trained-in-our-experiments"}
    assert len({r.rank for r in rules}) == len(rules)
    assert all(0 < r.confidence <= 1 and r.finds for r in rules)


def test_switching_a_cue_off_changes_the_decision():
    o = occurrence("We fine-tune Zeta-7B on trip plans.", "Zeta-7B", M)
    assert classify(o) == (P.FINE_TUNES, "fine-tune-cue", 0.8)
    predicate, rule, _ = classify(o, disabled=frozenset({"fine-tune-cue"}))
    assert (predicate, rule) == (P.EVALUATES, "experiment-context")
    everything = frozenset(r.id for r in chain(frozenset(), STAGE))
    assert classify(o, disabled=everything)[1] == "no-cue"


def test_the_pronoun_take_up_is_a_rule_that_can_be_switched_off():
    assert [r.id for r in chain(frozenset(), FOLLOW_UP)] == ["taken-up-by-pronoun"]
    assert taken_up("We apply it to trip planning.")
    assert not taken_up("We apply QuRA to trip planning.")
    assert not taken_up("We apply it to trip planning.", disabled=frozenset({"taken-up-by-pronoun"}))


def test_each_experiment_rule_alone():
    ev, tr = ExperimentKind.EVALUATED_ON, ExperimentKind.TRAINED_ON
    assert experiment_rules.rule_for(ev, set(), frozenset({"subject", "co"})) == "subject"
    assert experiment_rules.rule_for(ev, set(), frozenset({"subject", "co", "listed"})) is None
    assert experiment_rules.rule_for(tr, set(), frozenset({"subject", "co"})) is None
    assert experiment_rules.rule_for(tr, set(), frozenset({"ours", "train_data"})) == "ours-trained"
    assert experiment_rules.rule_for(ev, {"m_Technique"}, frozenset({"subject", "co"})) is None
    facts = frozenset({"subject", "co", "eval_data", "model_first"})
    assert experiment_rules.rule_for(ev, set(), facts) == "subject"
    assert experiment_rules.rule_for(ev, set(), facts, frozenset({"experiment:subject"})) == "evaluated"
    assert all(REGISTRY.get(f"experiment:{name}").finds
               for rows in experiment_rules.RULES.values() for name, _, _ in rows)


def test_a_catalogue_lexicon_replaces_a_shipped_word_list(tmp_path):
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "verbs_fine_tune_stems.txt").write_text("fine-?tun\\w*\nfinetun\\w*\npolish\\w*\n")
    lexicon = Lexicon.load(tmp_path)
    o = occurrence("We polish Zeta-7B on trip plans.", "Zeta-7B", M)
    assert classify(o)[1] != "fine-tune-cue"
    assert classify(o, lexicon=lexicon)[1] == "fine-tune-cue"
    assert Cues.of(lexicon) is Cues.of(Lexicon.load(tmp_path)) and Cues.of(lexicon) is not Cues.of()


def test_no_cue_pattern_is_built_at_import():
    code = ("import kg.extract.relations, kg.extract.experiments, kg.extract.cues.patterns as p; "
            "print(p._cues.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_extract_switches_cue_and_experiment_rules_off_by_id():
    """extract(disabled_rules=...) reaches the cue rules and the experiment rules, not only recognition."""
    from kg.extract import extract
    from kg.model import Paper

    paper = Paper(key="p", title="Trip planning with small models",
                  abstract="Our planner outperforms Zeta-7B on WidgetQA, reaching 81.2% accuracy.")

    def run(*off):
        [ex] = extract([paper], model_path=None, disabled_rules=frozenset(off))
        return {m.text: m.evidence[0].rule for m in ex.mentions}, len(ex.experiments)

    (on, n_on), (off, _) = run(), run("comparison-cue")
    assert on["Zeta-7B"].endswith("+comparison-cue") and not off["Zeta-7B"].endswith("+comparison-cue")
    # the compared model is stated by rule experiment:compared, and else believed by the weights
    assert n_on == 1 and run("experiment:weighed", "experiment:compared")[1] == 0


def test_rule_ids_are_unique_but_a_cue_may_show_a_recogniser_string():
    """Recognition's "proposal" and the proposal cue are two rules; the exports call both "proposal"."""
    assert REGISTRY.get("proposal").stage != REGISTRY.get("proposal-cue").stage
    assert REGISTRY.get("proposal-cue").label == REGISTRY.get("proposal").label == "proposal"


def test_the_family_of_our_sized_model_is_ours_and_a_fine_tuned_variant_of_a_kind_is_not_trained():
    """Loss kind 1 of issue 13: the paper's own model family is proposed, not fine-tuned."""
    ours = PaperContext(trains_models=True, proposed=frozenset({"Zeta-7B"}))
    assert run("own-size-or-variant", "We have trained Zeta on trips.", "Zeta", M, ours) == P.PROPOSES
    assert run("own-size-or-variant", "We have trained Zeta on trips.", "Zeta", M, TRAINS) is None
    sentence = "We make data with an open instruction fine-tuned variant of the Kite-40B model."
    assert run("trained-in-our-experiments", sentence, "Kite-40B", M, TRAINS) is None


# More sentences for some rules, each a loss kind of issue 13 (all failed on the rules before it):
# a model the paper outperforms in a long list is no fine-tune; baselines and ruled-out techniques are
# only mentioned; a passive fine-tune with a modal or a perfect is a fine-tune.
MORE_CASES = [
    ("trained-in-our-experiments", ("We then tune Zeta-2-70B on notes.", "Zeta-2-70B", M, TRAINS), P.FINE_TUNES,
     ("Our tuned tagger reaches the best scores, consistently outperforming proprietary giants like Orbit-3 and "
      "massive open models like Zeta-2-70B.", "Zeta-2-70B", M, TRAINS)),
    ("negation-or-contrast", ("Our ranker clearly outperforms strong lexical baselines, including QuRA and WordHash, "
                              "on trips.", "WordHash", T), P.MENTIONS,
     ("We rank trips with QuRA and WordHash.", "WordHash", T)),
    ("negation-or-contrast", ("Distinct from static QuRA or WordHash, our approach models trips as fields.",
                              "WordHash", T), P.MENTIONS, ("We rank trips with QuRA and WordHash.", "WordHash", T)),
    ("negation-or-contrast", ("Our planner is fully compatible with QuRA and WordHash.", "WordHash", T), P.MENTIONS,
     ("Our planner is built with QuRA and WordHash.", "WordHash", T)),
    ("fine-tune-cue", ("We show how a small model like Zeta-2-7B can be fine-tuned on our word pairs.", "Zeta-2-7B", M),
     P.FINE_TUNES, ("We show how Zeta-2-7B can be used on trips.", "Zeta-2-7B", M)),
    ("fine-tune-cue", ("In our experiments Zeta-2-7B has been further fine-tuned on trips.", "Zeta-2-7B", M),
     P.FINE_TUNES, ("We show how Zeta-2-7B can be used on trips.", "Zeta-2-7B", M)),
    # "they employ X" speaks of other work; "prior to" only orders steps, it points at no earlier work
    ("background", ("They typically employ QuRA to rank the trips.", "QuRA", T), P.MENTIONS,
     ("The resulting ranker is further tuned with QuRA prior to deployment.", "QuRA", T)),
    # a comparison of sizes names no model the paper runs; what researchers have done is earlier work
    ("yardstick", ("Our tuner trains models larger than Orbit-3 8B and Zeta-2 11B on one GPU.", "Zeta-2 11B", M),
     P.MENTIONS, ("Our tuned tagger is faster than Orbit-3 8B and Zeta-2 11B.", "Zeta-2 11B", M)),
    ("background", ("Researchers have used QuRA to build taggers.", "QuRA", T), P.MENTIONS,
     ("Our taggers have used QuRA to rank trips.", "QuRA", T)),
    # "adaptation results using X" (a parameter-efficient method's results) adapt X's weights
    ("fine-tune-cue", ("We present adaptation results using Zeta-2 and Orbit-3 on vision tasks.", "Orbit-3", M),
     P.FINE_TUNES, ("We present inference results using Zeta-2 and Orbit-3 on vision tasks.", "Orbit-3", M)),
    # "from 7B to 70B" is a range of sizes, not a source the model is drawn from
    ("role-cue", ("We distil the planner from Zeta-2-70B into a small student.", "Zeta-2-70B", M), P.EVALUATES,
     ("Our tuner works on Zeta-2 models from 7B to 70B.", "7B", M)),
    # a bare size after the paper's own model is a size of it, not of a model it compares with
    ("own-size-or-variant", ("We build Zeta in three sizes from 7B, 13B, to 34B parameters.", "13B", M,
                             PaperContext(proposed=frozenset({"Zeta"}))), P.PROPOSES,
     ("We train Zeta and compare it with Orbit at 7B and 13B.", "13B", M, PaperContext(proposed=frozenset({"Zeta"})))),
    # distilling into a model trains it, also past a teacher with a dotted name; "a small X student" is trained
    ("fine-tune-cue", ("We show the skill can be distilled down from Orbit-3.5 (175B) to Zeta-2 variants.", "Zeta-2", M),
     P.FINE_TUNES, ("We show the skill can be distilled down from Orbit-3.5 (175B).", "Orbit-3.5", M)),
    ("fine-tune-cue", ("Our method distils two teachers, Orbit-3 and Orbit-4, into a small Zeta-2 student.", "Zeta-2", M),
     P.FINE_TUNES, ("Our method distils two teachers, Orbit-3 and Orbit-4, into a small Zeta-2 model.", "Zeta-2", M)),
    ("kept-frozen", ("We keep Zeta-2-7B frozen and learn a small routing head.", "Zeta-2-7B", M, TRAINS), P.EVALUATES,
     ("Recently, frozen encoders such as Zeta-2-7B have become popular.", "Zeta-2-7B", M, TRAINS)),
    # a sentence opening on a study verb is ours, unless it speaks of earlier work
    ("background", ("Fine-tuning large models such as Zeta-2-7B has attracted much attention recently.", "Zeta-2-7B", M,
                    TRAINS), P.MENTIONS, ("Fine-tuning large models such as Zeta-2-7B, we halve the error.", "Zeta-2-7B",
                                          M, TRAINS)),
    ("train-on-cue", ("We apply our filter on the FooCorpus collection to continually pre-train a small tagger.",
                      "FooCorpus", D), P.TRAINS_ON, ("We apply our filter on the FooCorpus collection to rank tags.",
                                                     "FooCorpus", D)),
    ("train-and-evaluate", ("Both planners are fine-tuned and tested on BarSet and FooCorpus.", "FooCorpus", D),
     P.TRAINS_ON, ("Both planners are tested on BarSet and FooCorpus.", "FooCorpus", D)),
    ("ours-by-possessive", ("Trained this way, our final model Zeta-8B beats larger ones.", "Zeta-8B", M), P.PROPOSES,
     ("Our Zeta-8B baseline trails the larger ones.", "Zeta-8B", M)),
    ("basis-of-ours", ("Our QuRA-guided sampler needs no labels.", "QuRA", T, PaperContext(), True), P.USES_TECHNIQUE,
     ("Our sampler, QuRA, needs no labels.", "QuRA", T, PaperContext(), True)),
    ("basis-of-ours", ("Ours beats the second-best Zeta-7B based entry by 9 points.", "Zeta-7B", M, TRAINS),
     P.EVALUATES, ("Zeta-7B based on Orbit-3 beats it by 9 points.", "Zeta-7B", M, TRAINS)),
    ("dataset-in-our-work", ("We compare two open post-training datasets: Zeta-Mix and TripTalk.", "TripTalk", M),
     P.MENTIONS, ("We compare two open post-training models: Zeta-Mix and TripTalk.", "TripTalk", M)),
    ("comparison-cue", ("Results show the strong accuracy of our tagger against existing open LLMs, e.g., Zeta-2-7B and "
                        "Orbit-3.", "Zeta-2-7B", M, TRAINS), P.EVALUATES,
     ("We tune existing open LLMs, e.g., Zeta-2-7B and Orbit-3.", "Zeta-2-7B", M, TRAINS)),
    ("basis-of-ours", ("We train a critic on trips, and a Zeta-7B-based judge ranks the plans.", "Zeta-7B", M, TRAINS),
     P.EVALUATES, ("We train a critic on trips, and Zeta-7B ranks the plans.", "Zeta-7B", M, TRAINS)),
    # the list after a training verb's kind of data ("corpora such as X") is trained on; reported on, it is not
    ("train-on-cue", ("We fine-tune a small tagger on public trip corpora such as FooCorpus and BarSet.", "BarSet", D),
     P.TRAINS_ON, ("We report accuracy on public trip corpora such as FooCorpus and BarSet.", "BarSet", D)),
    # "pre-trained from X" starts from X's weights: the "from" is no role
    ("fine-tune-cue", ("Continually pre-trained from Zeta-2-7B on trip logs, our planner wins.", "Zeta-2-7B", M),
     P.FINE_TUNES, ("Distilled from Zeta-2-7B on trip logs, our planner wins.", "Zeta-2-7B", M)),
]


@pytest.mark.parametrize("rule_id, fires, finds, quiet", MORE_CASES, ids=[c[0] for c in MORE_CASES])
def test_more_sentences_per_cue_rule(rule_id, fires, finds, quiet):
    assert run(rule_id, *fires) == finds
    assert run(rule_id, *quiet) is None


def test_the_base_of_our_fine_tuned_model_is_fine_tuned():
    """"our X-based model, fine-tuned ..." changes X's weights; X as the base of someone's model, or of ours with
    no training said, stays a model we run."""
    ours = "We present Tripster, our Zeta-7B based planner, fine-tuned on one GPU for a day."
    assert run("basis-of-ours", ours, "Zeta-7B", M, TRAINS) == P.FINE_TUNES
    assert run("basis-of-ours", ours.replace("our ", "a "), "Zeta-7B", M, TRAINS) == P.EVALUATES
    assert run("basis-of-ours", "We present Tripster, our Zeta-7B based planner.", "Zeta-7B", M, TRAINS) == P.EVALUATES


def test_a_new_name_the_paper_introduces_in_its_own_words_is_proposed():
    """Issue 13's last kind: the paper's own named parts (a second algorithm of a list, a dataset it collected,
    the description beside its own name) were applied or trained on, not proposed."""
    fires = [("We present KiteJump, a sampler for long trips.", "KiteJump", T),
             ("We test on TripSet and a newly collected dataset, Harbour-Log (HL), of ten thousand ports.", "HL", D),
             ("We contribute a large and varied benchmark suite, PortBench, with graded tasks.", "PortBench", B),
             ("Our results rest on a new data mixture, KiteTalk, which is half the size.", "KiteTalk", D),
             ("We tune the Kite models on notes, creating their chat counterparts (Kite-Talk).", "Kite-Talk", M),
             ("We present two parts: PortSet, a large-scale, clean dataset of routes; and PortBench, a benchmark of "
              "graded tasks.", "PortBench", B),
             ("Results confirm that the KiteGAN algorithm developed in this research runs fast.", "KiteGAN", T)]
    for sentence, name, etype in fires:
        assert run("introduced-here", sentence, name, etype) == P.PROPOSES, sentence
    ours = PaperContext(proposed=frozenset({"Tripster"}))
    assert run("introduced-here", "We propose Tripster, a Graded Route Fusion model for trips.", "Graded Route Fusion",
               T, ours) == P.PROPOSES
    quiet = [("We propose a new KiteJump variant for trips.", "KiteJump", T),  # the variant is new, not KiteJump
             ("Recently, prior work has proposed KiteJump, a sampler for trips.", "KiteJump", T),  # earlier work
             ("Unlike the recently introduced KiteJump, our sampler needs no labels.", "KiteJump", T),
             ("We propose a method for tuning samplers, KiteJump and KiteWalk.", "KiteJump", T),
             ("We design a KiteJump-based sampler for trips.", "KiteJump", T),
             ("We propose a framework that joins Harbour Sensing (HS) with routing.", "HS", T),  # the name is not it
             ("We further introduce temporal smoothing between frames.", "temporal smoothing", T),  # a description
             ("Established samplers such as KiteJump fail on trips.", "KiteJump", T),
             ("We propose Tripster and evaluate it on PortBench, a benchmark of graded tasks.", "PortBench", B),
             ("We present Tripster, which uses KiteNet, a pre-trained detector, to find ports.", "KiteNet", M),
             ("Results confirm that the KiteGAN algorithm developed by Orbit Labs is fast.", "KiteGAN", T)]
    for sentence, name, etype in quiet:
        assert run("introduced-here", sentence, name, etype) is None, sentence
    o = occurrence("We present KiteJump, a sampler for long trips.", "KiteJump", T)
    known = Occurrence(**{**{f: getattr(o, f) for f in o.__slots__}, "known": True})
    assert Reading(known, PaperContext(), Cues.of()) and classify(known)[1] != "introduced-here"  # the catalogue's


def test_training_on_a_kind_of_data_and_pretraining_from_a_model_beat_the_weaker_cues():
    """The whole chain: "trained on corpora like X" is trainsOn, not the sentence's evaluation word; "pre-trained
    from X" fine-tunes X, not a role of X's ("distilled from X")."""
    data = occurrence("By training the tagger on noisy trip corpora like FooCorpus, we raise accuracy on BarSet.",
                      "FooCorpus", D)
    assert classify(data)[:2] == (P.TRAINS_ON, "train-on-cue")
    model = occurrence("Our planner is pretrained from Zeta-2-7B weights on trip logs.", "Zeta-2-7B", M)
    assert classify(model, TRAINS)[:2] == (P.FINE_TUNES, "fine-tune-cue")
    others = occurrence("Ours beats models trained on other corpora such as BarSet and FooCorpus.", "FooCorpus", D)
    assert classify(others)[1] != "train-on-cue"  # someone else's data, even past the first of the list
    scored = occurrence("Tuned taggers fall behind on benchmarks like BarSet and FooCorpus.", "FooCorpus", B)
    assert classify(scored)[0] == P.EVALUATES_ON
    scratch = occurrence("Our planner is pretrained from scratch and compared with Zeta-2-7B.", "Zeta-2-7B", M)
    assert classify(scratch, TRAINS)[0] == P.EVALUATES


def test_a_results_line_stays_ours_when_its_earlier_work_word_describes_what_it_is_compared_with():
    """"It achieves higher accuracy on FooBench than recent models such as Orbit-3": "recent" describes the compared
    models, so the benchmark is reported on and Orbit-3 compared with; "Recent models ..." is still earlier work."""
    line = "It also achieves better accuracy on FooBench and BarBench than recent hybrid models such as Orbit-3."
    assert classify(occurrence(line, "BarBench", B))[0] == P.EVALUATES_ON
    assert classify(occurrence(line, "Orbit-3", M))[0] == P.EVALUATES
    # a technique only compared with is still earlier work (mentions), past a list of lower-case names too
    tuned = "It achieves 7% more and outperforms popular tuning methods, e.g., in-context learning and QuRA tuning."
    assert classify(occurrence(tuned, "QuRA tuning", T))[0] == P.MENTIONS
    earlier = "Recent hybrid models such as Orbit-3 achieve high accuracy on BarBench."
    assert classify(occurrence(earlier, "BarBench", B))[0] == P.MENTIONS
    assert classify(occurrence(earlier, "Orbit-3", M))[0] == P.MENTIONS


def test_a_model_with_full_fine_tuning_or_a_foundation_model_adapted_is_fine_tuned():
    """"X with full fine-tuning" changes X's weights; "adapts a pre-trained foundation model (X)" too; "with
    tuning-free prompting" does not."""
    tuned = "The lowest perplexity is reached by Zeta-2 large with full fine-tuning."
    assert classify(occurrence(tuned, "Zeta-2 large", M), TRAINS)[:2] == (P.FINE_TUNES, "fine-tune-cue")
    adapted = "Our framework adapts a pre-trained Satellite Imaging foundation model (Zeta-Geo) to crop maps."
    assert classify(occurrence(adapted, "Zeta-Geo", M))[:2] == (P.FINE_TUNES, "fine-tune-cue")
    prompted = "We compare Zeta-2 with tuning-free prompting on trips."
    assert classify(occurrence(prompted, "Zeta-2", M), TRAINS)[0] == P.EVALUATES
