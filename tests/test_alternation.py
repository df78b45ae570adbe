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


def _all(pattern, text):
    return [(m.span(), m.regs) for m in re.finditer(pattern, text, re.I)]


def test_factored_branches_match_as_written():
    from kg.extract.alternation import factored

    branches = ["fine-?tun\\w*", "finetun\\w*", "(?:pre-?)?train\\w*", "fin", "Fine-grained", "f[io]x", "a|b", "q?lora"]
    assert factored(branches[:2]) == "f(?:i(?:n(?:e(?:-?tun\\w*|tun\\w*))))"
    assert factored(branches) == "|".join(branches)  # a top-level "|": left as written
    text = "We fine-tune, finetuned and pre-train; fine-grained fin fox QLoRA lora fix"
    kept = branches[:6] + branches[7:]
    assert _all(rf"\b(?:{factored(kept)})", text) == _all(rf"\b(?:{'|'.join(kept)})", text)
    rng = random.Random(5)
    for _ in range(300):
        parts = [rng.choice(["a", "b", "ab", "b?", "a\\w*", "(?:ba)?", "[ab]", "A", "-"]) for _ in range(rng.randrange(1, 9))]
        branches = ["".join(rng.sample(parts, k=rng.randrange(1, len(parts) + 1))) for _ in range(rng.randrange(1, 6))]
        text = "".join(rng.choice("aAb- ") for _ in range(40))
        assert _all(rf"(?:{factored(branches)})c?", text) == _all(rf"(?:{'|'.join(branches)})c?", text), branches


def test_a_capturing_branch_keeps_its_place():
    from kg.extract.alternation import factored

    assert factored(["a(b)", "c", "ad"]) == "a(b)|c|ad"
