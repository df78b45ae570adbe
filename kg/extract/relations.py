"""What a paper does with each name it mentions, read from the words around it.

Each occurrence of an entity gets a predicate from the first cue rule that
fires on its sentence (:mod:`kg.extract.cues.relation_rules`, in rank order);
the paper's edge to the entity is then the most specific predicate over all its
occurrences (``Predicate`` order).  The cues are regular expressions composed
from the word lists of the lexicon (:mod:`kg.extract.cues.patterns`); what a
rule may ask about a mention is in :mod:`kg.extract.cues.reading`.
"""

from __future__ import annotations

import re

from kg.extract.cues import relation_rules as rules
from kg.extract.cues.patterns import TEMPLATES, Cues
from kg.extract.cues.reading import (LEFT_WINDOW, NAME_WORD, RIGHT_WINDOW, Occurrence, PaperContext, Reading, clause_end,
                                     only_list_material)
from kg.extract.cues.reading import sentence_facts as _sentence_facts
from kg.extract.cues.reading import whose as _whose
from kg.extract.sentences import split_sentences
from kg.extract.types import changed
from kg.lexicon import Lexicon
from kg.model import Predicate

__all__ = ["LEFT_WINDOW", "RIGHT_WINDOW", "Occurrence", "PaperContext", "PRECEDENCE", "classify", "contrast_clause_end",
           "governs", "paper_context", "sentence_facts", "strongest", "taken_up", "yield_default_fine_tunes", "whose"]

P = Predicate
NO_CUE = (P.MENTIONS, "no-cue", 0.5)  # only when every rule that could fire is switched off


def __getattr__(name: str):
    """The shipped lexicon's cue patterns under their names (``relations.FINE_TUNE``), built on first use."""
    if name in TEMPLATES:
        return getattr(Cues.of(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def governs(left: str, cue: re.Pattern[str], lexicon: Lexicon | None = None) -> bool:
    """The last match of ``cue`` in ``left`` reaches the end of ``left`` through list material only.

    >>> cues = Cues.of()
    >>> governs("After fine-tuning two vision backbones such as KelpNet, QuillNet, and a ", cues.FINE_TUNE)
    True
    >>> governs("LoRA-Fern outperforms LoRA by 5% with ", cues.COMPARE)
    False
    """
    end = -1
    for m in cue.finditer(left):
        end = m.end()
    return end >= 0 and only_list_material(left[end:], Cues.of(lexicon).fillers)


def contrast_clause_end(sentence: str, lexicon: Lexicon | None = None) -> int:
    """Where an opening "Unlike …," / "Instead of …," clause ends (its first top-level comma), or 0.

    >>> s = "Instead of reusing old suites (like AAA, BBB), we build a new one."
    >>> s[:contrast_clause_end(s)]
    'Instead of reusing old suites (like AAA, BBB)'
    """
    return clause_end(Cues.of(lexicon).CONTRAST_OPENING, sentence)


def paper_context(title: str, abstract: str, proposed: frozenset[str], lexicon: Lexicon | None = None) -> PaperContext:
    """Does the paper update model weights at all?  Which names are its own?

    It does when it says "we fine-tune …", names fine-tuning in its title, or
    names a training method ("LoRA", "DPO") where it describes its own work,
    unless it says it trains nothing ("training-free").
    """
    cues = Cues.of(lexicon)
    text = f"{title}\n{abstract}"
    # the sentences are read only when the paper says nothing plainer, and a training method (rare) before
    # whose work: the same answer as reading every sentence's owner first.  The method's pattern is bounded by
    # \b alone and a sentence by spaces, so a sentence names one only if the abstract does: one search first.
    trains = bool(cues.TRAINS_MODELS.search(text) or cues.TRAINS_MODELS_TITLE.search(title)
                  or (cues.TRAINING_METHODS.search(abstract)
                      and any(cues.TRAINING_METHODS.search(sent) and (cues.OURS.search(sent)
                                                                       or cues.OURS_OPENER.search(sent))
                              for sent in split_sentences(abstract))))
    return PaperContext(trains_models=trains and not cues.NOT_TRAINING.search(text), proposed=proposed,
                        title_words=frozenset(w.lower() for w in NAME_WORD.findall(title)))


def whose(o: Occurrence, ctx: PaperContext, strict: bool = False, lexicon: Lexicon | None = None) -> str:
    """'ours' or 'background': whose work the sentence describes (see :func:`kg.extract.cues.reading.whose`)."""
    return _whose(o, ctx, Cues.of(lexicon), strict)


def sentence_facts(sentence: str, lexicon: Lexicon | None = None) -> tuple[bool, bool, bool, bool]:
    """Does a sentence speak of our work, of earlier work, of experiments, of related work?"""
    return _sentence_facts(sentence, Cues.of(lexicon))


def classify(o: Occurrence, ctx: PaperContext = PaperContext(), lexicon: Lexicon | None = None,
             disabled: frozenset[str] = frozenset()) -> tuple[Predicate, str, float]:
    """Predicate, rule name and confidence for one occurrence: the first cue rule that fires.

    ``disabled`` names rules to skip (a per-rule ablation); when it leaves no
    rule that fires, the occurrence is only mentioned (rule ``no-cue``).
    """
    reading = Reading(o, ctx, Cues.of(lexicon))
    for cue in rules.chain(disabled):
        predicate = cue.run(reading)
        if predicate is not None:
            return predicate, cue.label, cue.confidence
    return NO_CUE


def taken_up(next_sentence: str, lexicon: Lexicon | None = None, disabled: frozenset[str] = frozenset()) -> bool:
    """Does a sentence open by applying what the sentence before it named (by a pronoun)?

    "X has become the default recipe. We apply it to …": the next sentence takes X up.
    """
    cues = Cues.of(lexicon)
    return any(cue.run(next_sentence, cues) is not None for cue in rules.chain(disabled, rules.FOLLOW_UP))


PRECEDENCE = {p: i for i, p in enumerate(Predicate)}


def strongest(predicates: list[Predicate]) -> Predicate:
    """The edge a paper keeps when several occurrences disagree."""
    return min(predicates, key=PRECEDENCE.__getitem__)


_DEFAULT_FINE_TUNE = f"+{rules.id_of(rules.trained_in_our_experiments)}"
_EARLIER_WORK = f"+{rules.id_of(rules.background)}"
YIELDED = "+yields-to-earlier-work"  # the evidence's rule of a default fine-tune turned into an evaluation


def yield_default_fine_tunes(tagged: list) -> list:
    """An entity's tagged occurrences (``Candidate``), where a fine-tune resting only on the paper-level default
    (a model named in the work of a paper that trains something, with no cue) is re-tagged ``evaluates`` when
    another sentence presents the model as earlier work: such a model is most often one the experiments run as
    it is ("Encoders such as X have shown … Our probes, tested on X and Y, …"); on unannotated papers that
    combination was a wrong fine-tune 11 times in 13 (bench/audit).  Earlier work is the ``background`` rule's
    reading: a pointer to earlier work, the abstract's opening, or (a model) a sentence that reports no
    experiment; read without the last, 2 of the 4 wrong held-out fine-tunes it removes stay.  A missing
    fine-tune costs less than a wrong one."""
    defaults = [c for c in tagged if c.predicate is Predicate.FINE_TUNES]
    if not defaults or not all((c.relation_rule or "").endswith(_DEFAULT_FINE_TUNE) for c in defaults):
        return tagged
    if not any(c.predicate is Predicate.MENTIONS and (c.relation_rule or "").endswith(_EARLIER_WORK) for c in tagged):
        return tagged
    return [changed(c, predicate=Predicate.EVALUATES, relation_rule=c.relation_rule + YIELDED)
            if c.predicate is Predicate.FINE_TUNES else c for c in tagged]
