"""The titles', descriptions' and appositions' patterns, their words from the lexicon (built once per lexicon).

The regex skeleton stays here; the English (title connectors, report genres,
description stops, apposition heads, component nouns ...) is read from
``kg/data/lexicon/``, and each pattern is cached on the lexicon, never built at
import time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.rules.common import _NAME, _WORD
from kg.lexicon import Lexicon
from kg.extract.uncased import compile_ignorecase, compile_opening


@dataclass(frozen=True)
class WordPatterns:
    """Patterns of the title, description, apposition and component rules."""

    trained_new: re.Pattern[str]  # "we train Foo-7B, a … model": a new model named by its training run
    passive_after: re.Pattern[str]  # "… (QRL) method is proposed"
    title_phrase_end: re.Pattern[str]  # where the noun phrase a title opens with ends
    report_title: re.Pattern[str]  # "Xmodel-2 Technical Report"
    subtitle_stop: re.Pattern[str]  # where the noun phrase a subtitle opens with ends
    description: re.Pattern[str]  # "X, a benchmark for …": the words that describe a name
    called: re.Pattern[str]  # "a task called X": named here
    typed_apposition: re.Pattern[str]  # "CodeRiver, a new suite of …"
    component: re.Pattern[str]  # "vision encoder": a part of a model
    trained_from: re.Pattern[str]  # "continually pretrained from (the)" right before a name: the weights it started from
    subtitle_head_end: re.Pattern[str]  # where a subtitle's head phrase ends: a preposition or a comma
    speaks_of_training: re.Pattern[str]  # "trained on", "fine-tuning", "SFT" anywhere in a text
    speaks_of_evaluating: re.Pattern[str]  # "we evaluate", "benchmarking", "a test set" anywhere in a text


def _trained_new(lexicon: Lexicon) -> re.Pattern[str]:
    nouns = lexicon.fragments("trained_model_nouns")
    return compile_opening(r"\b(?:[Ww]e|[Hh]ere,? we|and)\s+(?:also\s+|have\s+(?:also\s+)?)?(?:pre-?)?train(?:ed)?\s+(?:"
                      + _NAME + r",\s+(?:a|an|our)\s+(?:[\w\-]+,?\s+){0,6}?" + nouns + r"s?\b"
                      r"|(?:a|an)\s+(?:[\w\-]+\s+){0,4}?" + nouns + r",?\s+"
                      + _NAME.replace("name", "name2") + r"(?=[\s,.;:()]|$))")


def _report_title(lexicon: Lexicon) -> re.Pattern[str]:
    genres = lexicon.fragments("report_title_genres")
    return compile_ignorecase(r"^(?:The\s+)?(" + _WORD + r"(?: (?!" + lexicon.branches("report_title_not_name") + r")" + _WORD + r")?)\s+"
                              + genres + r"\s*$")


def _typed_apposition(lexicon: Lexicon) -> re.Pattern[str]:
    """ "X, a new benchmark"; coordinate adjectives may stand with commas ("X, a large-scale, curated corpus")."""
    return re.compile(
        _NAME + r",\s+(?P<det>a|an|our)\s+(?P<adj>(?:(?!" + lexicon.fragments("apposition_stops") + r"\b)[\w\-]+,?\s+){0,3}?)"
        r"(?P<head>" + lexicon.branches("apposition_heads") + r")s?"
        r"(?=\s*(?:[,.;:()]|" + lexicon.fragments("apposition_after") + r"\b))")


@cache
def word_patterns(lexicon: Lexicon) -> WordPatterns:
    """The patterns for one lexicon (cached on it: one set per data directory)."""
    passive = re.compile(r"^\)?\s*(?:[a-z\-]+\s+){0,2}(?:is|are)\s+(?:" + lexicon.branches("passive_adverbs")
                         .replace("|", r"\s+|") + r"\s+)?" + lexicon.fragments("passive_propose_verbs") + r"\b")
    title_end = compile_ignorecase(r"\s+" + lexicon.fragments("title_phrase_end") + r"\s+|[:,?!]")
    subtitle_stop = compile_ignorecase(r"\s+" + lexicon.fragments("subtitle_stop") + r"\s+|[,:;]")  # "… Architecture For …"
    description = re.compile(
        r"\)?\s*(?:,|\(|is|are|:|-{1,2}|—)?\s*(?:(?:a|an|the|our)\s+)?"
        r"(?P<words>(?:(?!" + lexicon.fragments("description_stops") + r"\b)"
        r"(?:[\w\-.]+|\([A-Z][\w\-]{0,11}\))(?:,(?=\s+[a-z]))?\s*){1,8})")  # "a large-scale, curated corpus": adjectives
    # with commas; "a speaker identification (SID) model": an acronym defined inside the description is one of its words
    called = compile_opening(r"\b" + lexicon.fragments("called_words")
                        + r"\s+(?:as\s+)?[\"“']?$")
    component = re.compile(lexicon.fragments("component_nouns") + r"s?[,.;:)]?")
    trained_from = compile_ignorecase(r"(?:\b|pre-?)" + lexicon.fragments("verbs_fine_tuned_from") + r"\s+from\s+(?:the\s+)?$")
    subtitle_head_end = compile_ignorecase(r"\s+(?:" + lexicon.branches("prepositions") + r")\s+|[,;:]")
    return WordPatterns(_trained_new(lexicon), passive, title_end, _report_title(lexicon), subtitle_stop,
                        description, called, _typed_apposition(lexicon), component, trained_from, subtitle_head_end,
                        _words_at_word_start(lexicon, "training_words"),
                        _words_at_word_start(lexicon, "evaluation_words"))


def _words_at_word_start(lexicon: Lexicon, name: str) -> re.Pattern[str]:
    """The words of list ``name`` as one pattern, each at a word start (not after a letter or a hyphen)."""
    return compile_ignorecase(r"(?<![\w\-])" + lexicon.fragments(name))
