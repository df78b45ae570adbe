"""The prefix-tree alternation finds what the plain longest-first alternation finds."""

import random
import re

from kg.extract.alternation import longest_first


def _plain(words):
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _matches(body, text):
    pattern = re.compile(rf"(?<![\w\-])(?:[a-z]+ )(?P<head>{body})s?(?![\w\-])", re.I)
    return [(m.span(), m.group("head")) for m in pattern.finditer(text)]


def test_prefers_the_longest_word_that_lets_the_pattern_match():
    body = longest_first({"learn", "learning", "learning rate"})
    assert _matches(body, "we use active learning rates and deep learning, then learn") == \
        _matches(_plain({"learn", "learning", "learning rate"}), "we use active learning rates and deep learning, then learn")
    assert [h for _, h in _matches(body, "adaptive learning rates; fast learns")] == ["learning rate", "learn"]


def test_same_matches_as_the_plain_alternation_on_random_words():
    rng = random.Random(3)
    letters = "abc-"
    for _ in range(300):
        words = {"".join(rng.choice(letters[:3]) + "".join(rng.choice(letters) for _ in range(rng.randrange(4))))
                 for _ in range(rng.randrange(1, 8))}
        text = " ".join("".join(rng.choice(letters + "AB") for _ in range(rng.randrange(1, 7))) for _ in range(30))
        assert _matches(longest_first(words), text) == _matches(_plain(words), text), (words, text)


def test_words_beyond_ascii_keep_the_plain_alternation():
    assert longest_first({"ŝtudo", "ab"}) == _plain({"ŝtudo", "ab"})
