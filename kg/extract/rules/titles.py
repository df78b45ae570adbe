"""What a paper says it introduces: "we propose X", "X: …" titles, "our method X", "X, a novel …"."""

from __future__ import annotations

import re
from functools import cache

from kg.catalogue import name_key
from kg.extract.sentences import sentence_starts
from kg.extract.rules.common import (_NAME, stop_words, GENERIC_KEYS, _inner_capital_or_digit,
                                     _name_like, _trim_name)
from kg.extract.rules.kinds import describes_a_name
from kg.extract.rules.patterns import proposal_patterns
from kg.extract.rules.vocab import Vocab, vocab
from kg.extract.rules.wordpatterns import word_patterns
from kg.lexicon import Lexicon
from kg.model import EntityType


def title_phrase(title: str, heads: frozenset[str], lexicon: Lexicon | None = None) -> str | None:
    """The method a plain title opens with: "Stacked Hourglass Networks for …" → "Stacked Hourglass Networks".

    Only a short noun phrase that ends in a method word (``heads``) counts, and
    not one that opens with a verb ("Scaling …", "Improving …").

    >>> title_phrase("Covariance Pooling for Facial Expression Recognition", frozenset({"pooling"}))
    'Covariance Pooling'
    >>> title_phrase("Improving Pooling for Faces", frozenset({"pooling"})) is None
    True
    """
    span = title_phrase_span(title, heads, lexicon)
    return title[span[0]:span[1]] if span else None


@cache
def any_method_heads(lexicon: Lexicon) -> frozenset[str]:
    """Method heads and method-phrase heads, the nouns a method's name may end in (a title's method phrase, a long
    form): one set made once, not a union per call."""
    return lexicon.words("method_heads") | lexicon.words("method_phrase_heads")


def title_phrase_span(title: str, heads: frozenset[str], lexicon: Lexicon | None = None) -> tuple[int, int] | None:
    """Where :func:`title_phrase`'s phrase stands in ``title``: after an opening article, which names nothing
    ("A Sparse Mixing Network for …", "The Wavelet Pooling Layer": the name is the words after it).

    >>> t = "A Sparse Mixing Network for Speech"
    >>> [t[s:e] for s, e in [title_phrase_span(t, frozenset({"network"}))]]
    ['Sparse Mixing Network']
    """
    lexicon = lexicon or Lexicon.load()
    lead = len(title) - len(title.lstrip())
    article = re.match(r"(?:A|An|The)\s+(?=[A-Z0-9])", title[lead:])
    start = lead + (article.end() if article else 0)
    phrase = word_patterns(lexicon).title_phrase_end.split(title[start:].rstrip(), maxsplit=1)[0].strip()
    words = phrase.split()
    if not 2 <= len(words) <= 4 or words[0].lower().endswith("ing") or words[0].lower() in stop_words(lexicon):
        return None
    if not all(w[0].isupper() or w[0].isdigit() for w in words) or any(q in phrase for q in "'’"):
        return None  # "Let's Braid …": a contraction is a verb's, no name's
    last = re.sub(r"[^a-z]", "", words[-1].lower())
    if last not in heads and last.rstrip("s") not in heads:
        return None
    return start, start + len(phrase)


# "Xmodel-2 is a 1.2-billion-parameter language model": a sentence that opens by defining a name
SUBJECT_DEFINED = re.compile(_NAME + r"\s+(?:is|are)\s+(?:a|an|the|our)\s+")


def title_name(title: str, v: Vocab | None = None) -> str | None:
    """The name a title gives before its colon: ``Kelpa: The Power of …`` → ``Kelpa``.

    >>> title_name("Wren: Advancing Recurrent Models"), title_name("Fine-tuning large models: a study")
    ('Wren', None)
    >>> title_name("Xmodel-2 Technical Report"), title_name('"FooBench": Testing Agents')
    ('Xmodel-2', 'FooBench')
    """
    v = v or vocab(Lexicon.load())
    report = word_patterns(v.lexicon).report_title.match(title.strip())
    if report:
        return report.group(1)
    head, sep, _ = title.partition(":")
    head = head.strip().strip("\"'`“”‘’").strip()  # '"FooBench": …': the quotes are no part of the name
    if not sep or not head or len(head) > 40:
        return None
    words = head.split()
    if len(words) > 3:
        return None
    if len(words) > 1 and not all(w[0].isupper() or w[0].isdigit() for w in words):
        return None
    if len(words) > 1 and not any(_inner_capital_or_digit(w) for w in words):
        return None  # "Beyond Words", "Many Hands": title case, not a name
    if words[0].lower() in stop_words(v.lexicon) or name_key(head) in GENERIC_KEYS or head.lower() in v.genre_heads:
        return None  # "Position: …", "Survey: …": the kind of paper, not a name
    return head


def subtitle_type(title: str, v: Vocab | None = None) -> EntityType | None:
    """What a title says its named thing is: "X: A Benchmark for …" → Benchmark.

    Only a subtitle that opens with a noun phrase counts; "X: Advancing
    Recurrent Models" describes a goal, not X.

    >>> subtitle_type("Heron: A Scalable Weather Forecast Model with Long Horizons")
    <EntityType.MODEL: 'Model'>
    >>> subtitle_type("Wren: Advancing Recurrent Models with Curriculum-Led Objectives") is None
    True
    >>> subtitle_type("Quokka: An Efficient 3B Instruct-Model Tuned on Curated Data")
    <EntityType.MODEL: 'Model'>
    >>> subtitle_type("Zork: Benchmarking Agents on Text Games")
    <EntityType.BENCHMARK: 'Benchmark'>
    """
    _, sep, sub = title.partition(":")
    if not sep:
        return None
    v = v or vocab(Lexicon.load())
    phrase = word_patterns(v.lexicon).subtitle_stop.split(sub.strip(), maxsplit=1)[0].split()
    if phrase and phrase[0].lower() in v.lexicon.words("evaluation_gerunds"):
        return EntityType.BENCHMARK  # "X: Evaluating LLMs on …": what X does is measure
    if not phrase or phrase[0].lower().endswith("ing") or phrase[0].lower() in ("how", "why", "what", "when"):
        return None
    while len(phrase) > 1 and phrase[-1].lower().endswith("ed"):
        phrase = phrase[:-1]  # "A 7B Model Fine-Tuned …": the participle describes the noun before it
    head = phrase[-1]
    # "An Efficient 7B Instruct-Model": a hyphenated compound is the kind its last word names
    return v.head_type([head]) or (v.head_type([head.rpartition("-")[2]]) if "-" in head else None)



def software_title(title: str, lexicon: Lexicon | None = None) -> bool:
    """"X: An Advanced Toolbox for …", "X: Open-source software to …": the title's name is a tool, no entity.

    >>> software_title("Quokka: A Lightweight and Extensible Toolbox for Robustness"), software_title("Quokka: A 3B Model")
    (True, False)
    """
    _, sep, sub = title.partition(":")
    if not sep:
        return False
    lexicon = lexicon or Lexicon.load()
    # "A Lightweight and Extensible Toolbox for …": the words up to the preposition
    phrase = word_patterns(lexicon).subtitle_head_end.split(sub.strip(), maxsplit=1)[0].split()
    return bool(phrase) and phrase[-1].lower().rstrip("s") in lexicon.words("software_heads")


def proposal_spans(t: str, lexicon: Lexicon | None = None) -> list[tuple[int, int, bool]]:
    """Names the text says it introduces: (start, end, right after the verb).

    The flag tells a name that follows its verb directly ("we present OLMo 2")
    from one found after a description ("we introduce a new benchmark, X").

    >>> t = 'We introduce a new benchmark, FooBench, and a method termed "bar tuning".'
    >>> [(t[s:e], direct) for s, e, direct in proposal_spans(t)]
    [('FooBench', False), ('bar tuning', True)]
    """
    lexicon = lexicon or Lexicon.load()
    spans = [(s, e, direct) for s, e, direct in _proposal_sites(t, lexicon)
             if not _attributive(t, s, e, lexicon) and not _cut_short(t, e)]
    return sorted(set(spans))


def _cut_short(t: str, e: int) -> bool:
    """Does another capitalised word follow the name?  Then the name is longer than a name pattern takes
    ("Answer-Anchored Group Relative Policy Optimization"): a part of it is no proposal of its own."""
    return re.match(r" [A-Z][\w\-]*(?=[\s,.;:()]|$)", t[e:e + 60]) is not None


def _attributive(t: str, s: int, e: int, lexicon: Lexicon) -> bool:
    """"we introduce a staggered Poisson sampling strategy": a capitalised word inside a lower-case noun phrase.

    A plain capitalised word (no inner capital, digit or hyphen) followed by a
    lower-case word that is neither a stop word nor a kind noun ("Phoenix
    models") qualifies that word; it names nothing of its own.
    """
    if describes_a_name(vocab(lexicon), t, e):
        return True  # "a unified Audio-Text-Motion-Action model, Zorva,": Zorva is the name
    word = t[s:e]
    return word.isalpha() and word[1:].islower() and modifies_next_word(t, e, lexicon)


def modifies_next_word(t: str, e: int, lexicon: Lexicon) -> bool:
    """Is the name at ``e`` followed by a lower-case word that is neither a stop word nor a kind noun?
    Then it qualifies that word ("a GAN smoothing head"): the phrase is what is new, not the name."""
    after = re.match(r" ([a-z][a-z\-]*)", t[e:e + 40])
    if not after:
        return False
    nxt = after.group(1)
    return nxt not in stop_words(lexicon) and vocab(lexicon).head_type([nxt]) is None


def _proposal_sites(t: str, lexicon: Lexicon) -> list[tuple[int, int, bool]]:
    pp = proposal_patterns(lexicon)
    spans = []
    for m in pp.proposal.finditer(t):
        s, e = _trim_name(t, *m.span("name"))
        desc = m.group("desc").strip().lower()
        direct = desc in ("", "a", "an", "the", "our")
        if _name_like(t[s:e]):
            spans.append((s, e, direct))
    for m in pp.named.finditer(t):
        if m.group("quoted"):
            s, e = m.span("quoted")
            spans.append((s, e, True))
            continue
        s, e = _trim_name(t, *m.span("name"))
        if _name_like(t[s:e]) and not earlier_work_named(t, m.start(), lexicon):
            spans.append((s, e, _naming_word(m.group(0), lexicon)))
    for m in word_patterns(lexicon).trained_new.finditer(t):  # not "direct": a known model trained again is not new
        s, e = _trim_name(t, *m.span("name" if m.group("name") else "name2"))
        if _name_like(t[s:e]):
            spans.append((s, e, False))
    starts = [0, *sentence_starts(t)]
    appositions = filter(None, (pp.novel_apposition.match(t, s) for s in starts))
    for matches in (pp.our.finditer(t), appositions):
        for m in matches:
            group = "name" if m.group("name") else "name2"
            s, e = _trim_name(t, *m.span(group))
            if _name_like(t[s:e]):
                spans.append((s, e, group == "name"))
    return spans


def _naming_word(opening: str, lexicon: Lexicon) -> bool:
    """Does a name follow a word that coins it ("a method called X"), rather than "namely", which only lists
    what the words before it describe ("two benchmark suites, namely A and B")?  Only a coined name is direct:
    a known name after "namely" is no proposal of the paper."""
    first = opening.split(None, 1)[0].lower() if opening.strip() else ""
    return first in lexicon.words("naming_words")


_DETERMINER = re.compile(r"(?:^|[\s(])(?:a|an|the|The|A|An)\s")


def earlier_work_named(t: str, at: int, lexicon: Lexicon) -> bool:
    """"an existing approach called X": the noun phrase before the naming word says X is earlier work, not ours."""
    left = re.split(r"[.;:,()]", t[max(0, at - 80):at])[-1]
    starts = [m.end() for m in _DETERMINER.finditer(left)]
    words = left[starts[-1] if starts else 0:].lower().split()
    return any(w in lexicon.words("cue_earlier_work") for w in words)


def said_to_be_proposed(t: str, end: int, lexicon: Lexicon | None = None) -> bool:
    """"… (QRL) method is proposed": the passive voice of a proposal."""
    return bool(word_patterns(lexicon or Lexicon.load()).passive_after.match(t[end:end + 60]))


