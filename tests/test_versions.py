"""A name and its version number written apart are one name (sentences of our own)."""

from __future__ import annotations

from kg.catalogue import Catalogue, Entry
from kg.extract.pipeline import paper_text
from kg.extract.rules import ids
from kg.extract.runner import find_candidates
from kg.model import EntityType

M, B, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.TECHNIQUE
CATALOGUE = Catalogue.from_entries([
    Entry(id="roadset", type=B, label="RoadSet"),
    Entry(id="zeta", type=M, label="Zeta"),
    Entry(id="pathrank", type=T, label="PathRank"),
])


def found(abstract: str, title: str = "Driving Scenes at Night") -> dict[str, tuple[str, EntityType]]:
    text, title_end = paper_text(title, abstract)
    return {c.text: (c.rule, c.type) for c in find_candidates(text, title_end, CATALOGUE)}


def test_a_catalogue_name_with_a_version_is_a_new_name_of_its_type():
    got = found("We report results on RoadSet 2 and on the older RoadSet 1, where PathRank 3 helps.")
    assert got["RoadSet 2"] == (ids.VERSIONED, B)
    assert got["RoadSet 1"] == (ids.VERSIONED, B)
    assert got["PathRank 3"] == (ids.VERSIONED, T)
    assert "RoadSet" not in got


def test_a_new_name_takes_its_dotted_version_everywhere():
    got = found("We propose NightNav 2.0, a planner. NightNav 2.0 beats its first release.",
                title="NightNav 2.0: Planning at Night")
    assert "NightNav 2.0" in got and "NightNav" not in got


def test_counts_and_ranges_are_no_versions():
    got = found("We run RoadSet 5 times, and RoadSet 1 to 3 in turn; PathRank 2 and 4 too.")
    assert "RoadSet" in got and not any(name.startswith(("RoadSet ", "PathRank ")) for name in got)


def test_a_catalogue_model_keeps_its_own_variant_reading():
    got = found("We fine-tune Zeta 2 on RoadSet.")
    assert got.get("Zeta 2", ("",))[0] != ids.VERSIONED


def test_an_image_size_after_a_benchmark_names_its_variant():
    """"RoadSet 96x96" is the known benchmark at that size, written so (the size form becomes one of its names);
    a number after a model is no image size."""
    got = found("We report depth error on RoadSet 96x96 and on RoadSet 48 x 48.")
    assert got["RoadSet 96x96"] == (ids.CATALOGUE, B) and got["RoadSet 48 x 48"] == (ids.CATALOGUE, B)
    assert "RoadSet" not in got
    got = found("Zeta 64x64 patches blur the lanes of RoadSet.")
    assert "Zeta 64x64" not in got and got["RoadSet"][1] == B
