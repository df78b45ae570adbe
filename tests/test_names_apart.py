"""Names that only look like a known one stay apart across the corpus (made-up names, made-up catalogue)."""

from __future__ import annotations

from kg.catalogue import Catalogue, Entry
from kg.model import EntityType, Evidence, Mention, Paper, PaperExtraction, Predicate
from kg.resolve import resolve

M, T, B = EntityType.MODEL, EntityType.TECHNIQUE, EntityType.BENCHMARK
CATALOGUE = Catalogue.from_entries([
    Entry(id="quorx", type=T, label="QuORX", aliases=("Quantised Orthogonal Rank eXpansion",), cased=True),
    Entry(id="zephyrine", type=M, label="Zephyrine"),
    Entry(id="glimbench", type=B, label="GlimBench"),
    Entry(id="snapt", type=M, label="SNAPT", cased=True),
])


def _mention(text: str, etype: EntityType, **extra) -> Mention:
    ev = Evidence(sentence=text, start=0, end=len(text), rule="test", confidence=1.0)
    return Mention(text=text, type=etype, predicate=Predicate.MENTIONS, evidence=(ev,), **extra)


def _corpus(*papers: tuple[Mention, ...]):
    listing = [Paper(key=f"p{n}", title=f"Paper {n}", abstract="text") for n in range(len(papers))]
    extractions = [PaperExtraction(paper_key=f"p{n}", mentions=ms) for n, ms in enumerate(papers)]
    return resolve(listing, extractions, CATALOGUE)


def _by_label(corpus) -> dict:
    return {e.label: e for e in corpus.entities}


def test_a_new_name_with_the_key_of_a_cased_entry_is_another_entity():
    # "QuoRx" (a made-up sensor protocol) has the slug of the cased technique QuORX, which the catalogue refuses
    corpus = _corpus((_mention("QuORX", T, catalogue_id="quorx"),), (_mention("QuoRx", T),))
    got = _by_label(corpus)
    assert {"QuORX", "QuoRx"} <= set(got)
    assert "QuoRx" not in got["QuORX"].aliases
    assert got["QuoRx"].key != got["QuORX"].key and not got["QuoRx"].in_catalogue


def test_a_paper_alias_in_other_capitals_does_not_name_a_cased_entry():
    # one paper writes both spellings; the known entry does not take the other capitals as a name for everyone
    corpus = _corpus((_mention("QuORX", T, catalogue_id="quorx", aliases=("QuoRx",)),))
    assert "QuoRx" not in _by_label(corpus)["QuORX"].aliases


def test_a_plus_makes_another_model_not_the_base():
    corpus = _corpus((_mention("Zephyrine+", M, catalogue_id="zephyrine", base="Zephyrine", suffixes=("+",)),
                      _mention("Zephyrine", M, catalogue_id="zephyrine")))
    got = _by_label(corpus)
    assert {"Zephyrine", "Zephyrine+"} <= set(got)
    assert got["Zephyrine+"].variant_of == "zephyrine"
    assert "Zephyrine+" not in got["Zephyrine"].aliases


def test_a_new_name_with_pluses_is_neither_the_known_name_nor_a_shorter_new_one():
    corpus = _corpus((_mention("GlimBench++", B), _mention("GlimBench", B, catalogue_id="glimbench")),
                     (_mention("Trivela+", B), _mention("Trivela", B)))
    got = _by_label(corpus)
    assert {"GlimBench", "GlimBench++", "Trivela", "Trivela+"} <= set(got)
    assert "GlimBench++" not in got["GlimBench"].aliases and "Trivela+" not in got["Trivela"].aliases


def test_a_camel_case_name_is_not_an_all_capitals_cased_entry():
    assert CATALOGUE.lookup("SNAPT") is not None and CATALOGUE.lookup("Snapt") is None
    assert CATALOGUE.lookup("SnaPT") is None  # e.g. a plural of a "SnaP" elsewhere


def test_a_size_of_a_plus_model_is_a_variant_of_the_plus_model():
    corpus = _corpus((_mention("Zephyrine+ 9B", M, catalogue_id="zephyrine", base="Zephyrine", suffixes=("9B", "+")),))
    sized = next(e for e in corpus.entities if "Zephyrine+ 9B" in (e.label, *e.aliases))
    assert sized.variant_of == _by_label(corpus)["Zephyrine+"].key
