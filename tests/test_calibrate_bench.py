"""bench/calibrate.py: the sample is fixed by its seed, gold entities match through any name, kappa is chance-corrected."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import load_bench


@pytest.fixture(scope="module")
def calibrate():
    return load_bench("calibrate")


def edges(n_fine: int, n_proposes: int) -> list[dict]:
    rows = [{"fold": 0, "paper": f"p{i}", "relation": "fineTunes", "name": f"Wren-{i}B"} for i in range(n_fine)]
    return rows + [{"fold": 1, "paper": f"q{i}", "relation": "proposes", "name": f"Heron{i}"} for i in range(n_proposes)]


def test_the_sample_takes_n_per_relation_in_order_and_all_of_a_smaller_pool(calibrate):
    picked = calibrate.sample(edges(70, 30))
    assert [e["relation"] for e in picked] == ["fineTunes"] * 60 + ["proposes"] * 30
    assert len({e["name"] for e in picked}) == 90


def test_the_same_seed_draws_the_same_edges_and_another_seed_others(calibrate):
    pool = edges(70, 80)
    assert calibrate.sample(pool) == calibrate.sample(list(pool))
    assert calibrate.sample(pool, seed=16) != calibrate.sample(pool)


def test_a_gold_entity_matches_through_an_alias_or_a_quoted_form(calibrate):
    norm = calibrate.scorer().norm
    gold = {0: {norm("Teaching Kestrel to Forecast Hail"): {
        "entities": [{"name": "Kestrel-2B", "aliases": ["Kestrel 2B"]}, {"name": "HailSet", "aliases": []}],
        "relations": [{"rel": "fineTunes", "target": "Kestrel-2B"}, {"rel": "trainsOn", "target": "HailSet"},
                      {"rel": "evaluatesOn", "target": "HailSet"}]}}}
    edge = {"fold": 0, "title": "Teaching Kestrel to Forecast Hail", "name": "Kestrel", "aliases": [],
            "forms": ["Kestrel 2B"]}
    assert calibrate.gold_relations(Path("."), edge, gold, norm) == {"fineTunes"}
    data = {**edge, "name": "Hail-Set", "forms": []}
    assert calibrate.gold_relations(Path("."), data, gold, norm) == {"trainsOn", "evaluatesOn"}
    assert calibrate.gold_relations(Path("."), {**edge, "name": "Osprey", "forms": []}, gold, norm) == set()


def test_kappa_is_one_for_full_agreement_and_near_zero_for_a_judge_that_ignores_the_gold(calibrate):
    assert calibrate.kappa(40, 0, 0, 10) == pytest.approx(1.0)
    assert calibrate.kappa(32, 8, 8, 2) == pytest.approx(0.0)
    assert calibrate.kappa(30, 5, 2, 13) > calibrate.kappa(30, 2, 5, 3)
