"""Resolution with a small made-up catalogue: one node per name, lineage, labels."""

from __future__ import annotations

import pytest

from kg import catalogue
from kg.extract import extract_batch
from kg.extract.pipeline import build_nlp
from kg.model import EntityType, Evidence, Mention, Paper, PaperExtraction, Predicate
from kg.resolve import resolve

from conftest import write_catalogue

MODELS = [{"label": "Zeta"}, {"label": "Zeta 2", "variant_of": "Zeta", "aliases": ["ZETA-2"]}]


@pytest.fixture(scope="module")
def catalogue_dir(tmp_path_factory):
    return write_catalogue(tmp_path_factory.mktemp("catalogue"), MODELS)


def resolved(catalogue_dir, abstracts: list[str]):
    papers = [Paper(key=f"p{n}", title=f"Paper {n}", abstract=a) for n, a in enumerate(abstracts)]
    extractions = extract_batch(build_nlp(catalogue_dir=str(catalogue_dir)), papers)
    return resolve(papers, extractions, catalogue.load(catalogue_dir))


def test_spellings_of_one_variant_are_one_node_named_like_its_parent(catalogue_dir):
    corpus = resolved(catalogue_dir, ["We fine-tune ZETA2-7B on maths.", "We prompt ZETA2-7B for proofs.",
                                      "We fine-tune Zeta-2-7B for code."])
    variants = [e for e in corpus.entities if e.variant_of == "zeta-2"]
    assert len(variants) == 1
    # the most frequent spelling is "ZETA2-7B", but the catalogue writes the parent "Zeta 2"
    assert variants[0].label == "Zeta-2-7B" and "ZETA2-7B" in variants[0].aliases


def test_a_new_entity_is_labelled_by_its_acronym_and_case_variants_prefer_mixed_case(catalogue_dir):
    corpus = resolved(catalogue_dir, ["We propose Q-Routing Mixer (QRM), a way to route tokens in Zeta 2.",
                                      "We introduce TokMix, a mixing method. It beats Zeta 2.",
                                      "We compare with methods such as TOKMIX and RouteNet on Zeta 2."])
    labels = {e.label: e for e in corpus.entities}
    assert "QRM" in labels and "Q-Routing Mixer" in labels["QRM"].aliases
    assert "TokMix" in labels and "TOKMIX" in labels["TokMix"].aliases


def test_every_variant_is_labelled_in_its_family_style_and_keeps_every_spelling(catalogue_dir):
    corpus = resolved(catalogue_dir, ["We fine-tune ZETA2-7b-instruct on maths.",
                                      "We prompt Zeta 2 7B Instruct for proofs and compare with zeta2-7b-instruct.",
                                      "We evaluate Zeta 2-13B-chat, Zeta 2 13B base and ZETA-2 13B."])
    by_label = {e.label: e for e in corpus.entities}
    assert {"Zeta-2-7B", "Zeta-2-7B-Instruct", "Zeta-2-13B", "Zeta-2-13B-Chat", "Zeta-2-13B-Base"} <= set(by_label)
    assert {"ZETA2-7b-instruct", "zeta2-7b-instruct"} <= set(by_label["Zeta-2-7B-Instruct"].aliases)
    assert "Zeta 2-13B-chat" in by_label["Zeta-2-13B-Chat"].aliases


def test_sizes_and_variant_words_alone_are_never_nodes(catalogue_dir):
    corpus = resolved(catalogue_dir, ["We train a 13B model and compare Base and Instruct models with V3.",
                                      "Our 4.5B model beats Zeta 2 on every task.",
                                      "The best model is QuillNet-7B-Instruct."])
    labels = {e.label for e in corpus.entities}
    assert not labels & {"13B", "Base", "Instruct", "V3", "4.5B"}
    assert "QuillNet-7B-Instruct" in labels


def test_labels_never_end_in_punctuation(catalogue_dir):
    text = "We release QuillSet-T. It holds forms."
    evidence = Evidence(sentence="We release QuillSet-T.", start=11, end=22, rule="r", confidence=0.9)
    mention = Mention(text="QuillSet-T.", type=EntityType.DATASET, predicate=Predicate.PROPOSES, evidence=(evidence,))
    paper = Paper(key="p", title="Forms", abstract=text)
    corpus = resolve([paper], [PaperExtraction(paper_key="p", mentions=(mention,))], catalogue.load(catalogue_dir))
    assert [e.label for e in corpus.entities] == ["QuillSet-T"]


def test_experiments_follow_their_mentions_when_resolve_drops_a_bare_name():
    """tidy() drops "Base" (a variant word alone); the experiment's indices must still name its model and data."""
    from kg.model import Experiment, ExperimentKind, PaperExtraction
    from kg.resolve import tidy

    ev = Evidence(sentence="s", start=0, end=1, rule="r", confidence=0.9)
    mentions = (Mention(text="Base", type=EntityType.MODEL, predicate=Predicate.EVALUATES, evidence=(ev,)),
                Mention(text="Zeta-7B", type=EntityType.MODEL, predicate=Predicate.EVALUATES, evidence=(ev,)),
                Mention(text="FooBench", type=EntityType.BENCHMARK, predicate=Predicate.EVALUATES_ON, evidence=(ev,)))
    x = Experiment(kind=ExperimentKind.EVALUATED_ON, model="Zeta-7B", model_mention=1, data="FooBench",
                   data_mention=2, evidence=ev)
    gone = Experiment(kind=ExperimentKind.EVALUATED_ON, model="Base", model_mention=0, data="FooBench",
                      data_mention=2, evidence=ev)
    ex = tidy(PaperExtraction(paper_key="p", mentions=mentions, experiments=(x, gone)))
    assert [m.text for m in ex.mentions] == ["Zeta-7B", "FooBench"]
    assert [(e.model_mention, e.data_mention) for e in ex.experiments] == [(0, 1)]


def test_a_proposed_models_variant_at_the_end_of_a_sentence_leaves_the_full_stop(catalogue_dir):
    corpus = resolved(catalogue_dir, ["We propose QuillLM, a maths model. We fine-tune Zeta 2 to obtain QuillLM-8B. "
                                      "Then QuillLM-v1.5 improves on QuillLM-8B."])
    spellings = {s for e in corpus.entities for s in (e.label, *e.aliases)}
    assert {"QuillLM-8B", "QuillLM-v1.5"} <= spellings
    assert not [s for s in spellings if s.endswith(".")]
