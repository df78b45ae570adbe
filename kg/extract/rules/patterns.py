"""Compiled patterns whose words come from the lexicon, built once per lexicon (cached on it, so on its path).

The regex skeleton stays here; the English in it (propose verbs, naming words,
clause words, head nouns, novelty adjectives) is read from ``kg/data/lexicon/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.rules.common import _NAME
from kg.lexicon import Lexicon


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
    verb = lexicon.alternation("propose_verbs", escape=False, in_file_order=True) + "(?:s|d|ed)?"
    naming = lexicon.alternation("naming_words", in_file_order=True)
    # Words a description may hold before the name, but not words that start a new clause.
    description_word = rf"(?!{lexicon.alternation('clause_words', escape=False, in_file_order=True)}\b)[\w\-]+,?"
    heads = _proposal_heads(lexicon)
    proposal = re.compile(
        r"\b(?:[Ww]e|[Tt]his (?:paper|work|study|report)|[Oo]ur (?:paper|work|study|report)|[Hh]ere,? we)"
        r"\s+(?:\w+ly\s+)?"
        r"(?:first\s+|further\s+|also\s+|then\s+|thus\s+|hence\s+|therefore\s+|"
        r"(?:[\w\-]+\s+){1,4}?to\s+)?"
        + verb + r"\s+(?P<desc>(?:(?:a|an|the|our)\s+)?(?:" + description_word + r"\s+){0,6}?)"
        r"(?:" + naming + r"\s+)?" + _NAME + r"(?=[\s,.;:()]|$)")
    named = re.compile(r"\b(?:" + naming[3:-1] + r"|namely)\s+(?:as\s+)?"
                       r"(?:[\"“'‘](?P<quoted>[^\"”'’]{2,60}?)[\"”'’]|" + _NAME + r"(?=[\s,.;:()]|$))")
    our = re.compile(r"\b(?:[Oo]ur|[Tt]he proposed)\s+(?:proposed\s+|new\s+|novel\s+|resulting\s+)?" + heads
                     + r",?\s+" + _NAME + r"(?=[\s,.;:()]|$)"
                     r"|\b(?:[Tt]he|[Oo]ur) resulting\s+(?:" + heads + r",?\s+)?" + _NAME.replace("name", "name2")
                     + r"(?=[\s,.;:()]|$)")
    novel = re.compile(_NAME + r",\s+(?:a|an|our)\s+" + lexicon.alternation("novelty_words", in_file_order=True)
                       + r"\b")
    return ProposalPatterns(proposal, named, our, novel)
