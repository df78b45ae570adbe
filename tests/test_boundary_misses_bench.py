"""bench/boundary_misses.py: the shape of a longer name around a shorter one, and the details lines it reads."""

from __future__ import annotations

import pytest

from conftest import load_bench


@pytest.fixture(scope="module")
def bench():
    return load_bench("boundary_misses")


@pytest.mark.parametrize("longer, shorter, kind", [
    ("Tempered Gibbs Sampling", "Gibbs Sampling", "title-case"),
    ("WidgetQA Harbour Track", "WidgetQA", "title-case"),
    ("sparse beam search", "beam search", "lower-modifier"),
    ("Zeta-7B", "Zeta", "version"),
    ("Zeta critic", "Zeta", "role-noun"),
    ("lattice samplers", "lattice sampler", "plural"),
])
def test_shapes(bench, longer, shorter, kind):
    assert bench.shape(longer, shorter) == kind


def test_details_lines_are_read_by_kind(bench, tmp_path):
    path = tmp_path / "details0.txt"
    path.write_text("  MISS  Technique 'Tempered Gibbs Sampling'   in 'Faster Lattice Folding'\n"
                    "  EXTRA Technique Gibbs Sampling              in 'Faster Lattice Folding'\n"
                    "  MISS-REL usesTechnique 'temperedgibbssampling' in 'Faster Lattice Folding'\n", encoding="utf-8")
    miss, extra = bench.details_of(path)
    assert miss == {"Faster Lattice Folding": [("Technique", "Tempered Gibbs Sampling")]}
    assert extra == {"Faster Lattice Folding": [("Technique", "Gibbs Sampling")]}
