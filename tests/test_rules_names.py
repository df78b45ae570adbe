"""Each recognition rule alone, from its registry record, on sentences of our own; and the runner's switches."""

from __future__ import annotations

import pytest

from kg.catalogue import Catalogue, Entry
from kg.extract.decisions import Add, AliasOf, Propose, apply
from kg.extract.engine import REGISTRY
from kg.extract.pipeline import build_nlp, mentions_of, paper_text
from kg.extract.rules import ids
from kg.extract.runner import STAGES, find_candidates, resolve
from kg.extract.text import Page, Text
from kg.extract.rules.vocab import vocab
from kg.extract.types import Candidate
from kg.lexicon import Lexicon
from kg.model import EntityType

VOCAB = vocab(Lexicon.load())
M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE

CATALOGUE = Catalogue.from_entries([
    Entry(id="zeta", type=M, label="Zeta"),
    Entry(id="mathx", type=B, label="MATHX", cased=True),
    Entry(id="widgetqa", type=B, label="WidgetQA"),
    Entry(id="quora-tuning", type=T, label="QuRA", aliases=("Quantized Rank Adaptation",)),
])


def run_alone(rule_id: str, abstract: str, found: list[Candidate] = (), title: str = "A Study") -> list[Candidate]:
    """The candidates after rule ``rule_id`` alone for one paper, given what earlier rules found.

    A find rule returns new candidates; a link rule returns decisions, applied here as the runner does.
    """
    text, title_end = paper_text(title, abstract)
    record = REGISTRY.get(rule_id)
    got = record.run(Page(Text(text), title_end, CATALOGUE, VOCAB), list(found))
    return got if dict(STAGES)[record.stage] == "find" else apply(list(found), got)


def texts(cands, rule_id=None):
    return [(c.text, c.type) for c in cands if rule_id is None or c.rule == rule_id]


def test_every_exported_rule_is_registered_once_with_a_stage_that_runs():
    stages = {s for s, _ in STAGES}
    for rule_id in (ids.CATALOGUE, ids.VARIANT, ids.COMPOUND, ids.MODEL_SHAPE, ids.BENCH_SHAPE, ids.ACRONYM,
                    ids.ACRONYM_UNSURE, ids.PROPOSAL, ids.LISTED, ids.OBJECT, ids.APPOSITION, ids.LIST_MATE,
                    ids.SCORE_ON, ids.METHOD_PHRASE, ids.REPEAT):
        record = REGISTRY.get(rule_id)
        assert record.id == rule_id and record.stage in stages and record.finds
    assert REGISTRY.get(ids.CATALOGUE).rank < REGISTRY.get(ids.MODEL_SHAPE).rank < REGISTRY.get(ids.LISTED).rank


def test_catalogue_rule_alone_finds_known_names_and_variants():
    got = run_alone(ids.CATALOGUE, "We tune Zeta-9B-Chat and test it on MATHX.")
    assert ("Zeta-9B-Chat", M) in texts(got, ids.VARIANT) and ("MATHX", B) in texts(got, ids.CATALOGUE)


def test_shape_rule_alone_finds_sized_and_bench_shaped_names():
    got = run_alone(ids.MODEL_SHAPE, "Quokka-3B beats everything on HarborBench today.")
    assert texts(got) == [("Quokka-3B", M), ("HarborBench", B)]


def test_shape_rule_does_not_claim_a_taken_span():
    taken = [Candidate(8, 17, "Quokka-3B", M, ids.CATALOGUE, 0.9)]  # "A Study\n" puts the abstract at 8
    assert texts(run_alone(ids.MODEL_SHAPE, "Quokka-3B is small.", taken)) == []


def test_acronym_rule_alone_defines_a_new_method_and_aliases_a_known_one():
    got = run_alone(ids.ACRONYM, "We propose Gradient Lantern Sampling (GLS) for speed.")
    [gls] = [c for c in got if c.text == "GLS"]
    assert gls.rule == ids.ACRONYM and gls.aliases == ("Gradient Lantern Sampling",) and gls.proposed
    known = run_alone(ids.CATALOGUE, "We adopt Quantized Rank Adaptation (QuRA) here.")
    linked = run_alone(ids.ACRONYM, "We adopt Quantized Rank Adaptation (QuRA) here.", resolve(known))
    assert any("QuRA" in c.aliases or "Quantized Rank Adaptation" in c.aliases for c in linked)


def test_link_rules_return_decisions_and_leave_candidates_alone():
    abstract = "We adopt Quantized Rank Adaptation (QuRA) here."
    text, title_end = paper_text("A Study", abstract)
    known = resolve(run_alone(ids.CATALOGUE, abstract))
    before = list(known)
    decisions = REGISTRY.get(ids.ACRONYM).run(Page(Text(text), title_end, CATALOGUE, VOCAB), known)
    assert decisions and all(isinstance(d, AliasOf) for d in decisions)
    assert known == before and all(c.aliases == () for c in known)  # frozen, untouched
    with pytest.raises(AttributeError):
        known[0].proposed = True
    assert [c.proposed for c in apply(known, [Propose(0)])][:1] == [True]
    assert apply(known, [Add(known[0])])[-1] is known[0]


@pytest.mark.parametrize("rule_id, sentence, expected", [
    (ids.LISTED, "We compare models such as Falcon-X, Heron-2 and Osprey.", [("Falcon-X", M), ("Heron-2", M)]),
    (ids.OBJECT, "We then fine-tune Wren-4 on our data.", [("Wren-4", M)]),
    (ids.APPOSITION, "We release CodeRiver, a new benchmark for repair.", [("CodeRiver", B)]),
    (ids.SCORE_ON, "It reaches 45% on Maze-Extreme without search.", [("Maze-Extreme", B)]),
])
def test_context_rules_alone(rule_id, sentence, expected):
    got = run_alone(rule_id, sentence)
    assert [(c.text, c.type) for c in got if (c.text, c.type) in expected] == expected
    assert all(c.rule == rule_id for c in got)


def test_list_mate_rule_needs_known_neighbours():
    abstract = "We report results on MATHX, WidgetQA and Tide-Hard."
    found = resolve(run_alone(ids.CATALOGUE, abstract))
    assert texts(run_alone(ids.LIST_MATE, abstract, found)) == [("Tide-Hard", B)]
    assert texts(run_alone(ids.LIST_MATE, abstract, [])) == []


def test_proposal_rule_alone_marks_the_title_name_as_proposed():
    got = run_alone(ids.PROPOSAL, "Lumen-Kit solves puzzles.", title="Lumen-Kit: Solving Puzzles")
    assert any(c.text == "Lumen-Kit" and c.proposed for c in got)


def test_repeat_rule_spreads_a_new_name():
    abstract = "Quokka-3B is small. We find Quokka-3B strong."
    first = resolve(run_alone(ids.MODEL_SHAPE, abstract))[:1]  # as if only the first were found
    got = run_alone(ids.REPEAT, abstract, first)
    assert [(c.text, c.rule) for c in got] == [("Quokka-3B", ids.MODEL_SHAPE), ("Quokka-3B", ids.REPEAT)]
    assert got[1].start > got[0].end


def test_disabling_a_rule_removes_its_candidates_only():
    title, abstract = "A Study", "We fine-tune Wren-4 and Zeta on HarborBench."
    text, title_end = paper_text(title, abstract)
    every = find_candidates(text, title_end, CATALOGUE)
    assert {ids.OBJECT, ids.BENCH_SHAPE, ids.CATALOGUE} <= {c.rule for c in every}
    for off in (ids.OBJECT, ids.BENCH_SHAPE):
        without = find_candidates(text, title_end, CATALOGUE, disabled={off})
        assert off not in {c.rule for c in without}
        assert [c.text for c in without if c.rule != off] == [c.text for c in every if c.rule != off]


def test_build_nlp_disabled_rules_reaches_the_mentions():
    text, title_end = paper_text("A Study", "We fine-tune Wren-4 on our data and compare with Zeta.")

    def names(nlp):
        doc = nlp.make_doc(text)
        doc._.title_end = title_end
        return {m.text for m in mentions_of(nlp(doc))}

    assert "Wren-4" in names(build_nlp(model_path=None))
    assert "Wren-4" not in names(build_nlp(model_path=None, disabled_rules=frozenset({ids.OBJECT})))


def test_evidence_keeps_recogniser_and_cue_apart_and_does_not_export_them():
    text, title_end = paper_text("A Study", "We fine-tune Wren-4 on our data.")
    nlp = build_nlp(model_path=None)
    doc = nlp.make_doc(text)
    doc._.title_end = title_end
    [wren] = [m for m in mentions_of(nlp(doc)) if m.text == "Wren-4"]
    ev = wren.evidence[0]
    assert ev.rule == f"{ev.recogniser}+{ev.cue}" and ev.recogniser == ids.OBJECT and ev.cue
    assert "recogniser" not in ev.model_dump() and "cue" not in ev.model_dump(mode="json")


def test_a_custom_lexicon_types_what_the_shipped_one_does_not(tmp_path):
    """Noun → type is data: a catalogue directory's own ``lexicon/head_nouns.txt`` replaces the shipped list."""
    abstract = "We compare zoos such as Falcon-X, Heron-2 and Osprey-7."
    text, title_end = paper_text("A Study", abstract)
    assert [c.text for c in find_candidates(text, title_end, CATALOGUE) if c.rule == ids.LISTED] == []
    shipped = Lexicon.load().path("head_nouns").read_text(encoding="utf-8")
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "head_nouns.txt").write_text(shipped + "zoos Benchmark\n", encoding="utf-8")
    custom = Lexicon.load(tmp_path)
    got = [(c.text, c.type) for c in find_candidates(text, title_end, CATALOGUE, lexicon=custom)
           if c.rule == ids.LISTED]
    assert got == [("Falcon-X", B), ("Heron-2", B), ("Osprey-7", B)]


def test_spans_show_the_tagged_candidates():
    """Candidates are replaced when tagged; ``span._.mlkg`` shows the current one."""
    from kg.extract.pipeline import SPAN_KEY

    nlp = build_nlp(model_path=None)
    text, title_end = paper_text("A Study", "We fine-tune Wren-4 on our data.")
    doc = nlp.make_doc(text)
    doc._.title_end = title_end
    doc = nlp(doc)
    [span] = [s for s in doc.spans[SPAN_KEY] if s.text == "Wren-4"]
    assert span._.mlkg.rule == ids.OBJECT and span._.mlkg_predicate is not None
    assert span._.mlkg_rule == span._.mlkg.relation_rule and span._.mlkg_rule.startswith(ids.OBJECT + "+")
