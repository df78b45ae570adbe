"""Resolution fed paper by paper (kg.resolve.Resolution): the corpus of resolving all at once, with each
paper's mentions let go as they are added (kg.job)."""

from __future__ import annotations

import pytest

from kg import catalogue
from kg.job import _resolve_each
from kg.model import EntityType, Evidence, Mention, PaperExtraction, Predicate
from kg.resolve import Resolution, resolve

from conftest import write_catalogue

MODELS = [{"label": "Zeta"}, {"label": "Zeta 2", "variant_of": "Zeta"}]


@pytest.fixture(scope="module")
def cat(tmp_path_factory):
    return catalogue.load(write_catalogue(tmp_path_factory.mktemp("catalogue"), MODELS))


def _ev(sentence: str, start: int, end: int) -> Evidence:
    return Evidence(sentence=sentence, start=start, end=end, rule="r", confidence=0.9)


def _mention(text, predicate=Predicate.MENTIONS, evidence=None, **more) -> Mention:
    return Mention(text=text, type=EntityType.MODEL, predicate=predicate,
                   evidence=evidence or (_ev(f"We use {text}.", 7, 7 + len(text)),), **more)


def test_an_alias_met_before_the_catalogue_claims_its_node_is_judged_by_the_catalogue(cat):
    # the first paper writes the catalogue's name without being linked to it, with a name of its own
    # beside it; the second links the name: the entity may not take the first paper's other name
    first = PaperExtraction(paper_key="a", mentions=(_mention("Zeta", aliases=("ZetaNet",)),))
    second = PaperExtraction(paper_key="b", mentions=(_mention("Zeta", catalogue_id="zeta"),))
    fed = Resolution(cat)
    fed.add(first)
    fed.add(second)
    corpus = fed.corpus()
    assert corpus == resolve((), [first, second], cat)
    (zeta,) = [e for e in corpus.entities if e.key == "zeta"]
    assert "ZetaNet" not in zeta.aliases


def test_an_edge_keeps_three_evidence_the_most_specific_relation_first(cat):
    s = "We compare with Quokka and prompt Quokka."
    one, two, three = _ev(s, 16, 22), _ev(s, 34, 40), _ev("Quokka is small.", 0, 6)
    tuned = _ev("We fine-tune Quokka on proofs.", 13, 19)
    ex = PaperExtraction(paper_key="p", mentions=(
        _mention("Quokka", evidence=(one, two)),
        _mention("Quokka", evidence=(two, three)),  # "two" again: kept once
        _mention("Quokka", Predicate.FINE_TUNES, evidence=(tuned,)),
    ))
    fed = Resolution(cat)
    fed.add(ex)
    (relation,) = fed.corpus().relations
    assert relation.predicate == Predicate.FINE_TUNES
    assert relation.evidence == (tuned, one, two)


def test_a_build_lets_each_extraction_go_once_resolved(cat):
    made = [PaperExtraction(paper_key="a", mentions=(_mention("Quokka"),)), None,
            PaperExtraction(paper_key="b", mentions=(_mention("Zeta 2", catalogue_id="zeta-2"),))]
    expected = resolve((), [ex for ex in made if ex is not None], cat)
    fed = Resolution(cat)
    _resolve_each(fed, made)
    assert made == [None, None, None]
    assert fed.corpus() == expected
