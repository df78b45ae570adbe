"""Lower-case method phrases the paper says it introduces: "we further introduce drift-aware replay, which …".

A method phrase (:mod:`kg.extract.phrases`) is a candidate the learned decider
weighs; most are techniques the paper only uses.  In general English the
object of "we propose / our method introduces" is the writer's own contribution,
so a phrase standing right after such a verb is the paper's proposal.  Only a
bare phrase counts: one followed by another noun ("we propose a drift
matching mechanism") is a word of a longer description, which names no method of
its own.  Phrases joined to it by "and" or a comma ("we introduce A and B") are
introduced by the same verb.

:func:`introduced_part` reads the same of a capitalised run of the paper's own
work written as a new thing ("a Slab Mixing Block governed by …"): the
features mark both (``introduced``) and the decider keeps them as proposals.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from kg.extract.decisions import Decision, Draft, Propose
from kg.extract.engine import rule
from kg.extract.rules.ids import INTRODUCED_PHRASE, METHOD_PHRASE
from kg.extract.text import Page
from kg.extract.uncased import compile_opening
from kg.lexicon import Lexicon

_LOOK_BACK = 120  # characters before a phrase searched for its verb
_JOINED = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)")
# "a", "an" or "our", and at most two lower-case words ("a novel", "our density-aware"), right before a name
_INDEFINITE = compile_opening(r"\b(?:a|an|A|An|[Oo]ur)\s+(?:[a-z][\w\-]*\s+){0,2}$")


@cache
def _introducing(lexicon: Lexicon) -> re.Pattern[str]:
    """The words that end right before a phrase the writer introduces: subject, adverb, verb, article, "novel"."""
    adverbs = lexicon.alternation("proposal_adverbs")
    subject = (r"\b(?:[Ww]e|[Oo]ur\s+(?:own\s+)?" + lexicon.alternation("cue_our_method_nouns") + r"s?"
               r"|[Tt]his\s+" + lexicon.alternation("cue_work_nouns") + ")")
    return compile_opening(subject + r"\s+(?:(?:" + adverbs + r"|\w+ly)\s+)?" + lexicon.fragments("cue_introduce_verbs")
                           + r"\w*\s+(?:(?:a|an)\s+)?(?:" + lexicon.alternation("novelty_words") + r"\s+)*$")


def _bare(text: str, end: int, lexicon: Lexicon) -> bool:
    """Does the phrase end its noun phrase?  Punctuation, a function word or a participle may follow; a noun may
    not, nor a method noun in -ing ("… token merging method": the phrase is the start of a longer one)."""
    rest = text[end:end + 30]
    if not rest or not rest[0].isspace():
        return not rest[:1].isalnum()
    word = re.match(r"\s+([A-Za-z]+)", rest)
    if word is None or word.group(1).lower() in STOP_WORDS:
        return True
    return word.group(1).endswith(("ing", "ed")) and word.group(1).lower() not in lexicon.words("method_phrase_heads")


def introduced_part(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """"a Temporal Mixing Block governed by …", "our novel Echo Routing strategy": a capitalised name after an
    indefinite article or "our" introduces a thing of the writer's own (a known thing takes "the").  Not when a
    noun other than a kind of part follows it: "a pre-trained Sky Survey foundation model" is no name there."""
    if not _INDEFINITE.search(text[max(0, start - 60):start]):
        return False
    acronym = re.match(r"\s*\([^)]{1,15}\)", text[end:end + 20])  # "… Fusion (SF) module"
    stop = end + (acronym.end() if acronym else 0)
    word = re.match(r"\s+([a-z]+)\b", text[stop:stop + 30])
    kinds = lexicon.words("named_part_kinds")
    if word and (word.group(1) in kinds or word.group(1).removesuffix("s") in kinds):
        return True
    return _bare(text, stop, lexicon)


def introduced_phrases(text: str, draft: Draft, lexicon: Lexicon) -> list[int]:
    """The indices of the method phrases ``text`` says it introduces, and of those joined to them."""
    by_start = {c.start: i for i, c in draft.entries() if c.rule == METHOD_PHRASE}
    pattern, out = _introducing(lexicon), []
    for start, i in sorted(by_start.items()):
        if i in out or not pattern.search(text[max(0, start - _LOOK_BACK):start]):
            continue
        chain = [i]
        while True:
            joined = _JOINED.match(text, draft.items[chain[-1]].end)
            nxt = by_start.get(joined.end()) if joined else None
            if nxt is None:
                break
            chain.append(nxt)
        if _bare(text, draft.items[chain[-1]].end, lexicon):  # the last phrase ends the list's noun phrase
            out += chain
    return out


@rule(INTRODUCED_PHRASE, stage="spread", rank=9, confidence=0.0,
      finds="nothing: marks a lower-case method phrase right after 'we propose/introduce' as the paper's proposal")
def propose_introduced(page: Page, found: list) -> list[Decision]:
    draft = Draft(found)
    return [Propose(i) for i in introduced_phrases(page.text.text, draft, page.vocab.lexicon)
            if not draft.items[i].proposed]
