"""Rewrites made for speed match what the plain forms match, on random text (hypothesis)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from kg.extract.sentences import _BOUNDARY
from kg.keys import _LOOSE_DOT, _NON_KEY, cased_key, fold

SHARED = Path(__file__).resolve().parents[2] / "shared"

# characters that matter to the rules: cases, digits, sentence ends, spaces, and a few beyond ASCII
_CHARS = st.sampled_from(list("aAbZz09 .!?\n\t,-_+/()") + ["\u00e9", "\u0130", "\u0131", "\u017f", "\u212a", "\u00a0"])
_TEXT = st.lists(_CHARS, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_sentence_boundary_matches_the_plain_alternation(text):
    plain = re.compile(r"[.!?]\s+(?=[A-Z0-9])|\n")
    assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_sentence_boundary_examples():
    text = "We use e.g. the model.\n It works!  Next 3? no.\nEnd"
    assert [text[m.start():m.end()] for m in _BOUNDARY.finditer(text)] == [".\n ", "!  ", ".\n"]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_cased_key_matches_the_plain_formula(text):
    assert cased_key(text) == _LOOSE_DOT.sub("", _NON_KEY.sub("", fold(text)))


_PHRASE_TOKENS = st.sampled_from(["learning", "Learning", "training", "tuning", "pre-training", "search", "deep",
                                  "active", "self-paced", "low-rank", "x", "ab", "reinforcement", "learnings",
                                  "ſearch", "K", "é", "-based", "-guided", "2", "Co-training"])
_PHRASE_GAPS = st.sampled_from([" ", " ", " ", "  ", "-", ", ", "\n", "(", ") ", "_", "."])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_PHRASE_TOKENS, _PHRASE_GAPS), max_size=14))
def test_method_phrases_tried_where_they_can_start_match_every_position(parts):
    import kg.extract.rules  # noqa: F401  (phrases is imported through the rules)
    from kg.extract import phrases
    from kg.lexicon import Lexicon

    lexicon = Lexicon.load()
    text = "".join(w + g for w, g in parts)
    plain = [(m.span(), m.groups()) for m in phrases._pattern(lexicon).finditer(text)]
    assert [(m.span(), m.groups()) for m in phrases._phrase_matches(text, lexicon)] == plain


def test_method_phrases_two_words_before_a_head_and_one():
    import kg.extract.rules  # noqa: F401  (phrases is imported through the rules)
    from kg.extract import phrases
    from kg.lexicon import Lexicon

    text = "We study self-paced curriculum learning and (deep learning-based control) with graph search."
    got = [m.group() for m in phrases._phrase_matches(text, Lexicon.load())]
    assert got == [m.group() for m in phrases._pattern(Lexicon.load()).finditer(text)]
    assert got == ["study self-paced curriculum learning"[6:], "deep learning", "with graph search"]


def test_other_cases_are_every_character_re_matches_with_an_ascii_letter():
    """The table of compile_ignorecase, checked against ``re`` itself over every code point."""
    from kg.extract.uncased import OTHER_CASES

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        found = set(re.findall(letter, every, re.IGNORECASE))
        assert found == set(letter + letter.upper() + OTHER_CASES.get(letter, "")), letter


def test_categories_hold_of_a_character_and_its_lower_case_alike():
    """compile_ignorecase keeps \\w, \\d and \\s as they are: re reads them of the lower-cased character."""
    import _sre

    for c in range(0x110000):
        if 0xD800 <= c < 0xE000:
            continue
        lo = _sre.unicode_tolower(c)
        if lo != c:
            for cat in (r"\w", r"\d", r"\s"):
                assert bool(re.match(cat, chr(c))) == bool(re.match(cat, chr(lo))), (hex(c), cat)


_UNCASED_PATTERNS = [r"\b(?:unlike|w(?:ithout|/o)|instead of)\b", r"(?<![\w\-])[a-z][a-z]+(?:-[a-z]+)* (?P<h>learn\w*)s?",
                     r"(?-i:[A-Z0-9])[^\s,;]*|[^a-zA-Z]x|(?i:Kb)|[A-Z][\w.\-]*\s+(?:pre-?)?trained",
                     r"[^s]+i|[k-t]|\(\s*(?:v\d+|[vV]\d+(?:\.\d+)*)\)", r"(?P<a>s)(?(a)k|i)$|^\W*we\s+(?:\w+\s+)?\S+",
                     r"\bfrozen|\b(?:fr(?P<n>ee)z|[0-9]a|_x|i)\b\s*(?:ab)?", r"\b(?:a|-b)", r"\b(?:fr(?:ee)z|7(?P<n>a)|_x)\s*(?P<m>ab)?", r"\b[a-z0-9]+(?P<w>[ ]\w)?"]
_UNCASED_TEXT = st.lists(st.sampled_from(list("aAsSkKiIxXlLeEnNrR wW-_,;()./0129") +
                                         ["\u0130", "\u0131", "\u017f", "\u212a", "\u00e9", "\u00c9", "learn",
                                          "Unlike", "WITHOUT", "w/o", "pre-trained", "v2.1", "V3", "We", "This paper", "on the"]),
                         max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_UNCASED_TEXT)
def test_compile_ignorecase_matches_what_re_ignorecase_matches(text):
    from kg.extract.uncased import compile_ignorecase

    for pattern in _UNCASED_PATTERNS:
        fast, plain = compile_ignorecase(pattern), re.compile(pattern, re.IGNORECASE)
        assert [(m.span(), m.regs) for m in fast.finditer(text)] == [(m.span(), m.regs) for m in plain.finditer(text)]
        assert not fast.flags & re.IGNORECASE


def test_classes_optimised_once_give_the_code_re_gives():
    """Every cue pattern, and the random-test ones: the code with each class optimised once is re's own code."""
    from kg.extract import uncased
    from kg.extract.cues.patterns import TEMPLATES, expand
    from kg.lexicon import Lexicon

    patterns = [expand(t, Lexicon.load()) for t in TEMPLATES.values()] + _UNCASED_PATTERNS + [r"[^sk\W]+|[a-z\d]"]
    uncased._CHARSETS.clear()
    for _ in range(2):  # the first pass fills the table, the second reads it
        for pattern in patterns:
            memo = uncased._code(uncased._uncased_tree(pattern, re.IGNORECASE))
            assert memo == uncased._code(uncased._uncased_tree(pattern, re.IGNORECASE), memo=False), pattern
    assert uncased._CHARSETS  # the classes were shared
    assert re._compiler._optimize_charset is uncased._PLAIN_OPTIMIZE  # and re is left as it was


def test_compile_ignorecase_keeps_a_pattern_it_cannot_rewrite():
    from kg.extract.uncased import compile_ignorecase

    assert compile_ignorecase(r"(a)\1").flags & re.IGNORECASE  # a back-reference
    assert compile_ignorecase("é").flags & re.IGNORECASE  # a cased letter beyond ASCII
    assert compile_ignorecase(r"(a)\1").match("aA") and compile_ignorecase("é").match("É")


def test_boundary_before_letters_opens_on_the_letters():
    """``\\b(?:free|7a)`` is rewritten to open on f, F and 7, so re can look for them in C; same matches."""
    from re import _compiler, _parser
    from kg.extract.uncased import _open_on_letters, _rewrite

    tree = _parser.parse(r"\b(?:free|7a)", re.IGNORECASE)
    _rewrite(tree, True)
    _open_on_letters(tree)
    assert sorted(chr(c) for _, c in _compiler._get_charset_prefix(tree, 0)) == ["7", "F", "f"]
    text = "Free 7a x7a FREE unfree free"
    from kg.extract.uncased import compile_ignorecase
    assert [m.span() for m in compile_ignorecase(r"\b(?:free|7a)").finditer(text)] == [(0, 4), (5, 7), (12, 16), (24, 28)]


_OPENING_PATTERNS = [r"\b(?:[Ww]e|[Tt]his (?:paper|work)|and)\s+(?P<v>\w+)", r"\b(?:on|using)\s+(?:the\s+)?$",
                     r"\bon\s+(?P<name>[A-Z]\w*)", r"\b(?:x|[A-Z]y)", r"\b(?:a|b(?P<g>c))+"]


@settings(max_examples=300, deadline=None)
@given(_UNCASED_TEXT)
def test_compile_opening_matches_what_re_matches(text):
    from kg.extract.uncased import compile_opening

    for pattern in _OPENING_PATTERNS:
        fast, plain = compile_opening(pattern), re.compile(pattern)
        assert [(m.span(), m.regs) for m in fast.finditer(text)] == [(m.span(), m.regs) for m in plain.finditer(text)]


# Patterns whose opening characters re cannot see by itself: a boundary or look-around first, optional or repeated
# first items, nested branches, digits, a case-sensitive group inside a case-insensitive pattern.
_OPENING_SET_PATTERNS = [r"\b(?:(?:ka|x)|\d+)\s+(?P<n>[a-z]+)", r"(?:\b(?:sle|i\.e\.)| [-:]|:) +(?:a +)?",
                         r"(?<![\w.])(?:an?)?(?:s|\d)x*", r"(?:(?=[ik])|-)?(?:ik|k\d{0,2}|i+)",
                         r"\b(?-i:[A-Z0-9])[\w\-]*\s+x", r"(?:x{0}|a)(?:n|)e", r"\B(?:sa|x)(?:(?P<e>e)|i)?",
                         r"(?:\b|x-?)(?:lake|in)\b", r"\b(?:w(?:e|ill)|a(?:n|s)(?=\s))", r"\b(x?|k)(?>s?)\d",
                         r"(?a)\bx|(?u:\d)s"]
_OPENING_SET_TEXT = st.lists(st.sampled_from(list("aAsSkKiIxXlLeEnNwW rR-_:,.;09") +
                                             ["\u0130", "\u0131", "\u017f", "\u212a", "ka ", "i.e. ", "lake", " - ",
                                              "an ", "\u017fle", "will", "\u0663"]), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_OPENING_SET_TEXT, st.integers(0, 30))
def test_patterns_searched_from_their_opening_set_match_what_re_matches(text, pos):
    """A search that skips to the next character of the opening set finds every match re finds, from any start."""
    from kg.extract.uncased import compile_ignorecase, compile_opening

    for pattern in _OPENING_SET_PATTERNS:
        for fast, plain in ((compile_opening(pattern), re.compile(pattern)),
                            (compile_ignorecase(pattern), re.compile(pattern, re.IGNORECASE))):
            for start in (0, pos):
                assert [m.regs for m in fast.finditer(text, start)] == [m.regs for m in plain.finditer(text, start)]


def test_opening_set_is_every_first_character_or_none():
    from re import _parser
    from re._constants import SRE_INFO_CHARSET
    from kg.extract import uncased

    def opening(pattern):
        got = uncased.opening_set(_parser.parse(pattern))
        return got and ["\\d" if av == re._constants.CATEGORY_DIGIT else "%c-%c" % av if isinstance(av, tuple)
                        else chr(av) for _, av in got]

    assert opening(r"\b(?:ka|x)\s") == ["k", "x"]
    assert opening(r"(?<!\w)(?:ab?)?(?:c|[d-f])") == ["a", "c", "d-f"]
    assert opening(r"\b\d+x|(?=y)y") == ["\\d", "y"]
    for pattern in (r"^abc", r"\b\w+", r"(?:a|)", r"[^a]b", r"(?i:a)b", r"(a)?(?(1)b|c)"):
        assert opening(pattern) is None, pattern  # anchored, too broad, possibly empty, negated, other case, unknown
    tree = _parser.parse(r"\b(?:ka|x)\s")
    assert uncased._code(tree, opening=uncased.opening_set(tree))[2] & SRE_INFO_CHARSET  # re searches for it
    assert not uncased._code(tree)[2] & SRE_INFO_CHARSET  # and could not see it by itself
    assert re._compiler._get_charset_prefix is uncased._PLAIN_PREFIX  # re is left as it was


def _url_spans_word_by_word(text):
    from kg.extract.rules.spread import _TOKEN, _URL

    return [m.span() for word in _TOKEN.finditer(text) if "/" in word.group() or "www." in word.group()
            for m in _URL.finditer(text, word.start(), word.end())]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["https://", "www.", "x.org/", "a/b", "/", "w", ".", "ab", "-", " ", "\n", "\u2003",
                                 "GPT-3.5/4", "ex.com", "/path", "\u00e9"]), max_size=20).map("".join))
def test_url_spans_found_from_their_slashes_match_the_word_by_word_scan(text):
    from kg.extract.rules.spread import _url_spans

    assert _url_spans(text) == _url_spans_word_by_word(text)



@cache
def _shipped_model():
    from kg.extract.decide import LinearModel
    from kg.extract.pipeline import DEFAULT_MODEL

    return LinearModel.load(DEFAULT_MODEL)


_MODEL_FEATURES = sorted(_shipped_model().weights)[::37] + ["not-a-feature", "open:nor-this"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_MODEL_FEATURES),
                          st.sampled_from([1.0, 1, 0.2, 0.4, 0.6, 0.8, 2.5, -1.0, 1e-7])), max_size=60))
def test_scores_by_the_matrix_are_the_floats_the_lists_give(pairs):
    """The numpy running sum adds the same rows in the same order: equal floats, not merely close ones."""
    model = _shipped_model()
    features = dict(pairs)
    assert model._scores_numpy(features) == model._scores(features)


def test_scores_by_the_matrix_on_a_hand_made_model():
    from kg.extract.decide import LinearModel

    model = LinearModel({"classes": ["a", "b"], "intercept": [0.1, -0.3],
                         "weights": {"x": [0.7, 0.2], "y": [1e16, -1e16], "z": [1.0, 3.0]}})
    for features in ({}, {"x": 1.0}, {"y": 1.0, "x": 1.0, "z": 0.5}, {"x": 1.0, "y": 1.0}, {"q": 1.0}):
        assert model._scores_numpy(features) == model._scores(features), features
    assert model._scores_numpy({"x": 1.0, "y": 1.0}) == [0.1 + 0.7 + 1e16, -0.3 + 0.2 - 1e16]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_MODEL_FEATURES),
                          st.sampled_from([1.0, 1, 0.2, 0.4, 0.6, 0.8, 2.5, -1.0, 1e-7])), max_size=60),
       st.integers(0, 40), st.integers(1, 4))
def test_reasons_from_the_gathered_rows_are_the_ones_the_lists_give(pairs, cls, n):
    """The decider reads its reasons off the rows it scored with: the same features, order and ties."""
    from kg.extract.decide import _reasons_of

    model = _shipped_model()
    features = dict(pairs)
    cls %= len(model.classes)
    names, picked = model._gather(features)
    assert _reasons_of(names, picked, cls, n) == model.reasons(features, cls, n)


def test_reasons_on_a_hand_made_model_with_ties_and_scaled_values():
    from kg.extract.decide import LinearModel, _reasons_of

    model = LinearModel({"classes": ["a", "b"], "intercept": [0.1, -0.3],
                         "weights": {"x": [0.5, 0.2], "y": [1.0, -1.0], "z": [1.0, 3.0], "w": [-2.0, 0.0]}})
    for features in ({}, {"x": 1.0, "y": 0.5, "z": 0.5}, {"y": 1.0, "z": 1.0, "x": 2.0}, {"w": -1.0, "q": 1.0}):
        names, picked = model._gather(features)
        for cls in (0, 1):
            assert _reasons_of(names, picked, cls) == model.reasons(features, cls), (features, cls)
    names, picked = model._gather({"x": 1.0, "y": 0.5, "z": 0.5})
    assert _reasons_of(names, picked, 0) == ("z", "y", "x")  # 0.5 == 0.5 == 0.5: the later name first


def test_allowed_classes_are_the_classes_a_type_may_take():
    from kg.extract.decide import NONE, _allowed
    from kg.model import EntityType

    model = _shipped_model()
    for etype in EntityType:
        if etype.name in ("MODEL", "BENCHMARK", "DATASET", "TECHNIQUE"):
            assert model.allowed_classes(etype) == [i for i, c in enumerate(model.classes)
                                                    if c != NONE and _allowed(c, etype)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["we", "fine-tune", "fine-tuned", "on", "unlike", "than", "X", "Llama", ",", "and",
                                 "instruction-tuned", "models", "(", ")", "trained", "over", "a", "b"]),
                max_size=40).map(" ".join),
       st.lists(st.integers(0, 300), min_size=1, max_size=8),
       st.sampled_from(["FINE_TUNE", "CONTRAST", "TRAIN_ON", "DESCRIBING_PARTICIPLE", "EVALUATE"]))
def test_cue_ends_read_lazily_are_the_ends_of_every_match(sentence, starts, name):
    """Mentions of one sentence, asked in any order, get the ends a full ``finditer`` gives up to their start."""
    from kg.extract.cues import reading
    from kg.extract.cues.patterns import Cues

    cue = getattr(Cues.of(), name)
    every = [m.end() for m in cue.finditer(sentence)]
    reading._ENDS.clear()
    for start in starts:
        start = min(start, len(sentence))
        got = reading.cue_ends(cue, sentence, start)
        assert [e for e in got if e <= start] == [e for e in every if e <= start]
        assert got == every[:len(got)]
        o = reading.Occurrence(type=reading.M, sentence=sentence, start=start, end=start, is_title=False,
                               sentence_index=1, proposed=False)
        plain = max((e for e in every if e <= start), default=-1)
        assert reading.before(cue, o) == (plain if plain >= start - reading.LEFT_WINDOW else -1)
    assert reading.cue_ends(cue, sentence) == every


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["we", "unlike", "than", "X", "over", "without", "w/o", "models", ",", "prior",
                                 "methods", "better", "Over", "a"]), max_size=30).map(" ".join),
       st.lists(st.integers(-1, 200), max_size=3))
def test_contrast_feature_read_off_the_shared_cue_ends_is_a_search(sentence, asked):
    """Whatever the cue rules read of the sentence before, the contrast flag is ``CONTRAST.search``'s answer."""
    from kg.extract import features
    from kg.extract.cues import reading
    from kg.extract.cues.patterns import Cues

    cues = Cues.of()
    reading._ENDS.clear()
    features._contrast.cache_clear()
    for upto in asked:
        reading.cue_ends(cues.CONTRAST, sentence, upto)
    assert features._contrast(sentence, cues) == bool(cues.CONTRAST.search(sentence))


def _trains_by_every_owner_first(title: str, abstract: str) -> bool:
    """The plain form of paper_context's training flag: every sentence's owner read, then its training methods."""
    from kg.extract.cues.patterns import Cues
    from kg.extract.sentences import split_sentences

    cues = Cues.of()
    text = f"{title}\n{abstract}"
    ours = [s for s in split_sentences(abstract) if cues.OURS.search(s) or cues.OURS_OPENER.search(s)]
    trains = bool(cues.TRAINS_MODELS.search(text) or cues.TRAINS_MODELS_TITLE.search(title)
                  or any(cues.TRAINING_METHODS.search(s) for s in ours))
    return trains and not cues.NOT_TRAINING.search(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["We", "we", "our", "This", "paper", "use", "LoRA", "DPO", "fine-tune", "train",
                                 "training-free", "models", "Testing", "six", ".", ". ", "!", "\n", " ", "X"]),
                max_size=30).map(" ".join), st.sampled_from(["", "A title", "Fine-tuning X", "LoRA for all"]))
def test_paper_trains_models_reads_sentences_lazily_with_the_same_answer(abstract, title):
    from kg.extract.relations import paper_context

    assert paper_context(title, abstract, frozenset()).trains_models == _trains_by_every_owner_first(title, abstract)


@pytest.mark.skipif(not (SHARED / "seeds").exists(), reason="the shared seeds are not here")
def test_paper_trains_models_on_every_shared_text():
    from kg import ingest
    from kg.extract.relations import paper_context

    pairs = [(p.title, p.abstract) for p in ingest.read([SHARED / "seeds"]).papers]
    for rel in ("external/recent-papers/papers.jsonl", "external/scirex/scirex_papers.jsonl"):
        if (SHARED / rel).exists():
            for line in (SHARED / rel).read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                pairs.append((rec.get("title") or "", rec.get("abstract") or ""))
    assert sum(_trains_by_every_owner_first(t, a) for t, a in pairs) > 100
    for title, abstract in pairs:
        assert paper_context(title, abstract, frozenset()).trains_models == _trains_by_every_owner_first(title, abstract)


_FIELD_VALUES = {
    "start": st.integers(0, 50), "end": st.integers(0, 80), "text": st.sampled_from(["X", "Llama-3", ""]),
    "rule": st.sampled_from(["known", "listed"]), "confidence": st.floats(0, 1),
    "entry_id": st.none() | st.just("m1"), "base": st.none() | st.just("Llama"),
    "suffixes": st.sampled_from([(), ("8B",)]), "aliases": st.sampled_from([(), ("L3", "Llama3")]),
    "proposed": st.booleans(), "long_span": st.none() | st.just((0, 4)), "wraps": st.booleans(),
    "relation_rule": st.none() | st.just("known+evaluate"), "relation_confidence": st.none() | st.floats(0, 1),
    "sentence": st.none() | st.just((0, 9)),
}


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({}, optional=_FIELD_VALUES), st.fixed_dictionaries({}, optional=_FIELD_VALUES))
def test_changed_candidate_equals_dataclasses_replace(made, changes):
    """The relation tagger's copy-with-changes gives what ``dataclasses.replace`` gives, field for field."""
    from dataclasses import fields, replace

    from kg.extract.types import Candidate, changed
    from kg.model import EntityType

    base = dict(start=1, end=4, text="Foo", type=EntityType.MODEL, rule="known", confidence=0.5)
    cand = Candidate(**{**base, **made})
    got, want = changed(cand, **changes), replace(cand, **changes)
    assert got == want and type(got) is Candidate
    assert all(getattr(got, f.name) is getattr(want, f.name) for f in fields(Candidate))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["we", "our", "unlike", "than", "previous", "work", "related", "results", "show",
                                 "95%", "X", "outperforms", "Testing", "existing", "methods", "."]),
                max_size=25).map(" ".join), st.sampled_from(["Model", "Benchmark", "Technique"]))
def test_sentence_flags_named_once_are_the_flags_of_the_sentence(sentence, etype):
    """The features a sentence gives each name in it, named once per sentence: the plain loop's, in its order."""
    from kg.extract import features
    from kg.extract.cues.patterns import Cues
    from kg.extract.relations import sentence_facts

    ours, background, experiment, related = sentence_facts(sentence)
    plain = {}
    for flag, on in (("ours", ours), ("background", background), ("experiment", experiment),
                     ("related-work", related), ("contrast", bool(Cues.of().CONTRAST.search(sentence)))):
        if on:
            plain[f"sent-{flag}"] = 1.0
            plain[f"sent-{flag}&type={etype}"] = 1.0
    assert list(features._sentence_flags(sentence, etype, Cues.of())) == list(plain)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Foo", "Foo", "oFoo", "-", "_", " ", "7B", "v1", ".", "5", "x", "\u00e9", "\u0661",
                                 "SFT", "-Foo", "FooFoo", ",", "\n"]), max_size=25).map("".join),
       st.sampled_from(["Foo", "FooFoo", "Fo.o", "o-F"]))
def test_variant_spans_by_find_equal_the_pattern_per_name(text, base):
    """A proposed model's hyphenated variants found by str.find equal the matches of the pattern made per name."""
    from kg.extract.rules.proposals import variant_spans

    plain = re.compile(r"(?<![\w\-])" + re.escape(base) + r"((?:-[A-Za-z0-9]\w*(?:\.\w+)*)+)")
    assert variant_spans(text, base) == [(m.start(), m.end(), m.group(1)) for m in plain.finditer(text)]


def test_a_kept_pipeline_extracts_what_a_fresh_one_does(tmp_path):
    """extract() reuses the pipeline of its last options: the same results as a new pipeline, rebuilt when the
    options or the model file change."""
    import os
    import shutil

    import kg.extract as ex
    from kg.extract.pipeline import build_nlp
    from kg.model import Paper

    first = [Paper(key="a", title="Orbit: small tuned models",
                   abstract="We fine-tune Mistral-7B with QLoRA on the Alpaca data and report 61.2% on MMLU.")]
    second = [Paper(key="b", title="Lattice: robust vision",
                    abstract="We propose Lattice-B, a ViT-B/16 trained on ImageNet-1k, and evaluate it on COCO.")]
    model = tmp_path / "relations.json"
    shutil.copy(ex.DEFAULT_MODEL, model)
    ex.extract(first, model_path=str(model))
    kept = ex._BUILT[0][1]
    got = ex.extract(second, model_path=str(model))
    assert ex._BUILT[0][1] is kept  # no second build
    assert got[0].mentions and got == ex.extract_batch(build_nlp(model_path=str(model)), second)
    ex.extract(second, model_path=str(model), relations=False)
    assert ex._BUILT[0][1] is not kept  # other options: another pipeline
    again = ex._BUILT[0][1]
    ex.extract(second, model_path=str(model), relations=False)
    assert ex._BUILT[0][1] is again
    stat = model.stat()
    os.utime(model, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a retrained model
    ex.extract(second, model_path=str(model), relations=False)
    assert ex._BUILT[0][1] is not again


def test_a_branch_opening_on_a_group_of_words_is_one_branch_per_word():
    from kg.extract.alternation import distributed

    assert distributed("(?:fully |readily )?compatible with") == [
        "fully compatible with", "readily compatible with", "compatible with"]
    assert distributed("(?:do|does)(?: not|n't)\\s+x") == ["do(?: not|n't)\\s+x", "does(?: not|n't)\\s+x"]
    for kept in ("(?:a|b)??c", "(?:a|b)*c", "(?:a|b)", "(?:a|b)c|d", "(?:a|b)(c)", "(?:a\\w|b)c", "(?:{x}) y", "plain"):
        assert distributed(kept) == [kept]


@cache
def _cue_patterns_both_ways():
    """Every cue template compiled from the lexicon as written (branches only factored) and as distributed."""
    from kg.extract.alternation import factored
    from kg.extract.cues import patterns
    from kg.extract.uncased import compile_ignorecase
    from kg.lexicon import Lexicon

    lexicon = Lexicon.load()

    def plain(lex, name):
        return "(?:" + factored(list(dict.fromkeys(lex.lines(name)))) + ")"

    shipped = patterns._fragments
    patterns._fragments = plain
    try:
        old = {n: compile_ignorecase(patterns.expand(t, lexicon)) for n, t in patterns.TEMPLATES.items()}
    finally:
        patterns._fragments = shipped
    new = {n: compile_ignorecase(patterns.expand(t, lexicon)) for n, t in patterns.TEMPLATES.items()}
    return [(n, old[n], new[n]) for n in old if old[n].pattern != new[n].pattern]


_CUE_WORDS = st.sampled_from(["do", "does", "Did", "not", "n't", "don't", "use", "rely on", "fully", "readily",
                              "Directly", "compatible", "with", "without", "existing", "prior", "methods", "such as",
                              "than", "X-1", "needs", "need", "no need for", "ſ", "K", "tuned", "fine-tuned",
                              "trained", "on", "we", "our", "datasets", ",", "."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CUE_WORDS, max_size=14).map(" ".join))
def test_cues_from_distributed_branches_match_the_cues_as_written(sentence):
    changed = _cue_patterns_both_ways()
    assert any(name == "CONTRAST" for name, _, _ in changed)
    for name, old, new in changed:
        assert [(m.span(), m.groups()) for m in new.finditer(sentence)] == \
               [(m.span(), m.groups()) for m in old.finditer(sentence)], name


def test_cues_from_distributed_branches_match_on_every_shared_sentence():
    texts = []
    for path in (SHARED / "external" / "recent-papers" / "papers.jsonl", SHARED / "external" / "scirex" / "scirex_papers.jsonl"):
        if path.exists():
            texts += [f"{r['title']}\n{r['abstract']}" for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    if not texts:
        pytest.skip("no shared texts")
    sentences = sorted({s for t in texts for s in re.split(r"(?<=[.!?])\s+|\n", t) if s})
    for name, old, new in _cue_patterns_both_ways():
        assert [[m.span() for m in new.finditer(s)] for s in sentences] == \
               [[m.span() for m in old.finditer(s)] for s in sentences], name


_ROLE_WORDS = st.sampled_from(["continually", "pretrained", "pre-trained", "Pre-Trained", "fine-tuned", "finetuned",
                               "trained", "distilled", "from", "on", "the", "THE", "X", "ſ", "\u212a", "a", "model"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ROLE_WORDS, max_size=8).map(" ".join), st.sampled_from(["", " ", "  ", "\n"]))
def test_role_before_a_name_compiled_once_is_the_pattern_built_per_call(before, gap):
    """The role words before a name, read by patterns compiled once per lexicon: what the per-call patterns read."""
    from kg.extract.rules.kinds import _role_before_type
    from kg.extract.rules.vocab import vocab
    from kg.lexicon import Lexicon
    from kg.model import EntityType

    text = before + gap + "Zeta-7B"
    trained = Lexicon.load().fragments("verbs_fine_tuned_from")
    head = text[max(0, len(before + gap) - 60):len(before + gap)]
    plain = (EntityType.MODEL if re.search(r"(?:\b|pre-?)" + trained + r"\s+from\s+(?:the\s+)?$", head, re.I)
             else EntityType.DATASET if re.search(r"(?:\b|pre-?)(?:trained|fine-?tuned|finetuned)\s+on\s+(?:the\s+)?$",
                                                  head, re.I) else None)
    assert _role_before_type(vocab(Lexicon.load()), text, len(before + gap)) == plain


_TITLE_WORDS = st.sampled_from(["A", "Unified", "Toolbox", "toolkit", "Library", "for", "FOR", "with", "of", "in", ",",
                                ";", "Model", "Framework", "Software", "\u0130n", "ſ", "  ", "Tools"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_TITLE_WORDS, max_size=9).map(" ".join))
def test_software_title_cut_compiled_once_is_the_split_built_per_call(subtitle):
    from kg.extract.rules.titles import software_title
    from kg.lexicon import Lexicon

    lexicon = Lexicon.load()
    phrase = re.split(r"\s+(?:" + lexicon.branches("prepositions") + r")\s+|[,;:]", subtitle.strip(), maxsplit=1,
                      flags=re.IGNORECASE)[0].split()
    plain = bool(phrase) and phrase[-1].lower().rstrip("s") in lexicon.words("software_heads")
    assert software_title("Zeta: " + subtitle, lexicon) == plain


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Foo", "Bar", "Deep", "x", "of", " ", " of ", "-", ".", "\n", "Loss", "A", "b9",
                                 "\u00c9t\u00e9", "Net-Tuning", "(", "_"]), max_size=16).map("".join))
def test_capitalised_runs_opening_on_a_capital_match_the_look_behind_form(text):
    """The run pattern opens on ``[A-Z]`` and looks behind it: the runs the look-behind-first form finds."""
    from kg.extract.phrases import _CAP, _run_pattern
    from kg.lexicon import Lexicon

    fast = _run_pattern(Lexicon.load())
    tail = fast.pattern.rpartition("{1,5}")[2]  # the tail nouns and the end, as written
    plain = re.compile(rf"(?<![\w\-.]){_CAP}(?:(?: | of ){_CAP}){{1,5}}{tail}")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Our", "our", "The", "the", "tour", "TOur", " proposed", " resulting", " new",
                                 " model", " method", " ", ",", "Foo", "X-2", "Bar", "(", ".", "\n", "\u00e9",
                                 "_"]), max_size=14).map("".join))
def test_our_method_pattern_opening_on_its_letters_matches_the_boundary_form(text):
    """"our method X", "the resulting model Y": the pattern searched from its opening letters O/o/T/t finds what
    re finds for the same pattern."""
    from kg.extract.rules.common import _NAME
    from kg.extract.rules.patterns import _proposal_heads, proposal_patterns
    from kg.lexicon import Lexicon

    lexicon = Lexicon.load()
    heads = _proposal_heads(lexicon)
    plain = re.compile(r"\b(?:[Oo]ur|[Tt]he proposed)\s+(?:proposed\s+|new\s+|novel\s+|resulting\s+)?" + heads
                       + r",?\s+" + _NAME + r"(?=[\s,.;:()]|$)"
                       r"|\b(?:[Tt]he|[Oo]ur) resulting\s+(?:" + heads + r",?\s+)?" + _NAME.replace("name", "name2")
                       + r"(?=[\s,.;:()]|$)")
    fast = proposal_patterns(lexicon).our
    assert [(m.span(), m.regs) for m in fast.finditer(text)] == [(m.span(), m.regs) for m in plain.finditer(text)]


def test_inline_ascii_or_unicode_flags_keep_what_re_matches():
    """A local (?u:…) under a global (?a), or an inline (?a) under IGNORECASE, changes which characters match."""
    from kg.extract.uncased import compile_ignorecase, compile_opening

    assert compile_opening(r"(?a)\bq|(?u:\d)z").findall("m \u0663z") == ["\u0663z"]
    assert compile_ignorecase(r"(?a)K+").findall(".\u212a") == re.findall(r"(?a)K+", ".\u212a", re.IGNORECASE) == []


def test_a_built_pipeline_has_its_cue_patterns_compiled_before_the_first_paper(monkeypatch):
    """The relation cues are compiled lazily, 0.3-0.7 s: a pipeline is built with them, so the workers a chunked
    build forks inherit them instead of compiling them again for each chunk."""
    import kg.extract as ex
    from kg.extract import uncased
    from kg.extract.cues import patterns
    from kg.model import Paper

    monkeypatch.setattr(ex, "_BUILT", [])
    patterns._cues.cache_clear()  # as in a fresh process: no cue compiled yet
    ex._build(dict(patterns=True, relations=True, model_path=ex.DEFAULT_MODEL, disabled_rules=frozenset()))
    compiled = []
    plain = uncased._code
    monkeypatch.setattr(uncased, "_code", lambda *a, **k: compiled.append(1) or plain(*a, **k))
    paper = Paper(key="c", title="Sundial: pruning speech encoders",
                  abstract="Sundial prunes Whisper-small with magnitude pruning. Unlike prior pruning work, it "
                           "keeps 90% of the word error rate on LibriSpeech while it beats DistilBERT.")
    [got] = ex.extract([paper])
    assert got.mentions and not compiled
