"""Whole-word occurrences of a name, found without a pattern per name, are the ones the pattern finds."""

import random
import re

from kg.extract.rules.proposals import whole_occurrences


def _by_pattern(text, name):
    return [m.start() for m in re.finditer(r"(?<![\w\-])" + re.escape(name) + r"(?![\w])", text)]


def test_a_name_inside_a_longer_word_or_after_a_hyphen_is_no_occurrence():
    # "FooNet-2" holds FooNet (a hyphen may follow it); "pre-FooNet", "FooNets" and "_FooNet" do not
    title = "FooNet-2 and FooNet: pre-FooNet, FooNets, (FooNet) _FooNet FooNet"
    assert list(whole_occurrences(title, "FooNet")) == [0, 13, 43, 59] == _by_pattern(title, "FooNet")


def test_same_starts_as_the_pattern_on_random_text():
    rng = random.Random(1)
    for _ in range(2000):
        name = "".join(rng.choice("ab -.é_") for _ in range(rng.randrange(1, 4)))
        text = "".join(rng.choice("ab -.é_1(") for _ in range(rng.randrange(0, 30)))
        assert list(whole_occurrences(text, name)) == _by_pattern(text, name), (text, name)


def test_occurrences_do_not_overlap():
    assert list(whole_occurrences("x a a a", "a a")) == [2] == _by_pattern("x a a a", "a a")
