"""Compiled patterns whose words come from the lexicon, built once per lexicon (cached on it, so on its path).

The regex skeleton stays here; the English in it (propose verbs, naming words,
clause words, head nouns, novelty adjectives) is read from ``kg/data/lexicon/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.rules.common import _LIST, _NAME, _WORD
from kg.lexicon import Lexicon
from kg.extract.uncased import compile_ignorecase, compile_opening


@dataclass(frozen=True)
class ProposalPatterns:
    """The patterns of "we propose X", "called X", "our method X" and "X, a novel …"."""

    proposal: re.Pattern[str]
    named: re.Pattern[str]
    our: re.Pattern[str]
    novel_apposition: re.Pattern[str]


def _proposal_heads(lexicon: Lexicon) -> str:
    heads = [line.split()[0] for line in lexicon.lines("head_nouns") if "proposal" in line.split()[2:]]
    return Lexicon.alternation_of(heads, in_file_order=True) + "s?"


@cache
def proposal_patterns(lexicon: Lexicon) -> ProposalPatterns:
    verb = lexicon.fragments("propose_verbs") + "(?:s|d|ed)?"
    naming = lexicon.alternation("naming_words", in_file_order=True)
    # Words a description may hold before the name, but not words that start a new clause.
    description_word = rf"(?!{lexicon.fragments('clause_words')}\b)[\w\-]+,?"
    heads = _proposal_heads(lexicon)
    proposal = compile_opening(
        r"\b(?:[Ww]e|[Tt]his (?:paper|work|study|report)|[Oo]ur (?:paper|work|study|report)|[Hh]ere,? we)"
        r"\s+(?:\w+ly\s+)?"
        r"(?:first\s+|further\s+|also\s+|then\s+|thus\s+|hence\s+|therefore\s+|"
        r"(?:[\w\-]+\s+){1,4}?to\s+)?"
        + verb + r"\s+(?P<desc>(?:(?:a|an|the|our)\s+)?(?:" + description_word + r"\s+){0,6}?)"
        r"(?:" + naming + r"\s+)?" + _NAME + r"(?=[\s,.;:()]|$)")
    named = compile_opening(r"\b(?:" + lexicon.branches("naming_words", escape=True) + r"|namely)\s+(?:as\s+)?"
                       r"(?:[\"“'‘](?P<quoted>[^\"”'’]{2,60}?)[\"”'’]|" + _NAME + r"(?=[\s,.;:()]|$))")
    # compile_opening gives re the letters a match opens on (O, o, T, t): it skips to the next of them in C
    # instead of trying the boundary and both branches at every position.
    our = compile_opening(r"\b(?:(?:[Oo]ur|[Tt]he proposed)\s+(?:proposed\s+|new\s+|novel\s+|resulting\s+)?"
                          + heads + r",?\s+" + _NAME + r"(?=[\s,.;:()]|$)"
                          r"|(?:[Tt]he|[Oo]ur) resulting\s+(?:" + heads + r",?\s+)?" + _NAME.replace("name", "name2")
                          + r"(?=[\s,.;:()]|$))")
    novel = re.compile(_NAME + r",\s+(?:a|an|our)\s+" + lexicon.alternation("novelty_words", in_file_order=True)
                       + r"\b")
    return ProposalPatterns(proposal, named, our, novel)


@dataclass(frozen=True)
class ContextPatterns:
    """The patterns of the context and definition rules, their words from the lexicon."""

    modifier_after: re.Pattern[str]  # "(GAR) based algorithm"
    proposed_before: re.Pattern[str]  # "we present a new Long Form (LF)"
    used_before: re.Pattern[str]  # "we adopt Long Form (LF)"
    tuned: re.Pattern[str]  # "fine-tune X"
    evaluated: re.Pattern[str]  # "we evaluate Orion-3 and Vela 2.5"
    released_before: re.Pattern[str]  # "we collect X, a dataset"
    connector: re.Pattern[str]  # "models such as X, Y"
    list_noun: re.Pattern[str]  # "the A and B datasets"
    result_words: re.Pattern[str]
    score_before: re.Pattern[str]  # "45% on X"


def _gerunds(lexicon: Lexicon, name: str) -> str:
    """The -ing forms of a list of verbs, as one group: "introduce" -> "introducing"."""
    forms = sorted({w[:-1] + "ing" if w.endswith("e") else w + "ing" for w in lexicon.words(name)})
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")"


@cache
def context_patterns(lexicon: Lexicon) -> ContextPatterns:
    alt = lexicon.fragments
    return ContextPatterns(
        modifier_after=compile_ignorecase(r"\)?\s*-?\s*" + alt("modifier_words") + r"\b(?!\s+(?:on|upon|by)\b)"),
        proposed_before=compile_ignorecase(
            r"\b(?:(?:we|our (?:study|work|paper)|this (?:paper|work|study))\s+(?:\w+ly\s+)?(?:\w+\s+to\s+)?"
            + alt("definition_verbs") + r"(?:s|d|ed)?|by\s+" + _gerunds(lexicon, "definition_verbs") + r")\s+"
            r"(?:(?:a|an|the|our)\s+)?(?:" + alt("definition_adjectives") + r"\s+)?"
            r"(?:[\w\-]+\s+){0,2}?(?:[\w\-]+,\s+)?$"  # "by introducing a new framework, X (X)"
            r"|\bour\s+(?:" + alt("cue_own_modifiers") + r"\s+)?$"),  # "our (proposed) long form (LF)": ours
        used_before=compile_ignorecase(r"\b(?:we|our)\s+(?:\w+\s+){0,2}?" + alt("use_verbs") + r"\s+(?:\w+\s+){0,3}?$"),
        tuned=compile_opening(r"\b" + alt("tune_verbs") + r"\s+(?:the\s+|a\s+)?(?P<name>" + _WORD + r")"),
        evaluated=compile_opening(r"\b" + alt("evaluate_verbs") + r"\s+(?:the\s+)?" + _LIST),
        released_before=compile_ignorecase(r"\b(?:we|by)\s+(?:\w+\s+){0,2}?" + alt("release_stems")
                                           + r"(?:e|es|ed|ing)?\s+$"),
        connector=compile_opening(r"(?:\b" + alt("list_connectors") + r"| [-–—]|:) +(?:the +)?"),
        list_noun=compile_opening(r"\b" + alt("list_nouns") + r"\b"),
        result_words=compile_ignorecase(r"\b" + alt("result_words") + r"\b"),
        score_before=re.compile(alt("score_words") + r"\s+(?:\w+\s+){0,2}?$"),
    )
