"""The packaged catalogue: size, integrity and the promises kg/data/README.md makes."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from kg import catalogue
from kg.catalogue import CatalogueError, name_key
from kg.model import EntityType


@pytest.fixture(scope="module")
def cat():
    return catalogue.load()


def test_catalogue_is_big_enough(cat):
    counts = Counter(e.type for e in cat.entries.values())
    assert counts[EntityType.MODEL] >= 300
    assert counts[EntityType.BENCHMARK] >= 150
    assert counts[EntityType.DATASET] >= 50
    assert counts[EntityType.TECHNIQUE] >= 150


def test_every_model_reaches_a_family(cat):
    for entry in cat.entries.values():
        if entry.type == EntityType.MODEL:
            top = cat.lineage(entry.id)[-1]
            assert top.variant_of is None and top.type == EntityType.MODEL, entry.id


def test_lineage_and_bases_stay_among_models(cat):
    for entry in cat.entries.values():
        for target in (entry.variant_of, entry.derived_from):
            if target:
                assert entry.type == EntityType.MODEL and cat.entries[target].type == EntityType.MODEL


def test_no_name_is_claimed_by_two_types(cat):
    types_by_key: dict[str, set] = {}
    for key, ids in cat.index.items():
        types_by_key[key] = {cat.entries[i].type for i in ids}
    clashes = {k: t for k, t in types_by_key.items() if len(t) > 1}
    assert not clashes


def test_generic_words_are_not_catalogue_names(cat):
    generic = {name_key(w) for w in catalogue.read_lines("generic.txt")}
    assert not (generic & set(cat.index))


@pytest.mark.parametrize("surface,label", [
    ("LLaMA-2", "Llama 2"), ("llama2", "Llama 2"), ("GSM-8K", "GSM8K"), ("Low-Rank Adaptation", "LoRA"),
])
def test_well_known_spellings_resolve(cat, surface, label):
    assert cat.lookup(surface).label == label


def test_a_malformed_line_names_file_and_line(tmp_path):
    (tmp_path / "models.jsonl").write_text('{"label": "A"}\n{"label": \n')
    with pytest.raises(CatalogueError, match=r"models.jsonl:2"):
        catalogue.load(tmp_path)


def test_an_unknown_parent_is_refused(tmp_path):
    (tmp_path / "models.jsonl").write_text(json.dumps({"label": "A", "variant_of": "Nope"}) + "\n")
    with pytest.raises(CatalogueError, match="variant_of"):
        catalogue.load(tmp_path)
