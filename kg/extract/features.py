"""What the learned decider reads about one entity in one paper.

Every sentence that names the entity contributes: the recogniser and relation
cue the rules found there (as named features), the words just around the
name, where the sentence stands (title, first, last), and what it says of
itself (ours, background, experiment, related work, contrast).  Facts of the
name (catalogue, shape, closed weights, the paper's own proposal) and of the
paper (does it train models, is it a survey) complete the picture.

An open-vocabulary candidate (a lower-case method phrase, a capitalised run)
adds its head noun's kind, whether its words are the title's and whether it
is repeated, and has all its features prefixed ``open:`` (a method phrase:
``phrase:``), so that :func:`kg.learn.fit` weighs it with a model of its own.

Features are plain ``{name: value}`` dicts, so a linear model stored as JSON
can score them without any library (:mod:`kg.extract.decide`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from kg.extract.recognise import Candidate
from kg.extract.rules.ids import CAPITALISED_PHRASE, METHOD_PHRASE, REPEAT
from kg.extract.rules.introduced import introduced_part
from kg.extract.rules.titles import any_method_heads, title_phrase_span
from kg.extract.cues.patterns import Cues
from kg.extract.cues.reading import cue_ends
from kg.extract.cues.reading import sentence_facts as _facts_of_sentence
from kg.extract.cues.relation_rules import basis_of_ours, fine_tune_cue, id_of
from kg.extract.relations import PaperContext, strongest
from kg.lexicon import Lexicon

WINDOW = 3  # words on each side of a mention
CATALOGUE = "catalogue"  # the feature of a name the catalogue knows (its own drop bar in the decider)
OPEN = "open"  # the feature of an open-vocabulary candidate; its other features are prefixed "open:"
PHRASE = "phrase"  # and of a lower-case method phrase among them, whose features are prefixed "phrase:" instead
OPEN_RULES = frozenset({METHOD_PHRASE, CAPITALISED_PHRASE})  # the rules that propose them
# a method phrase the text says it introduces ("we further introduce X"), or a capitalised part of the paper's own
# work it writes as a new thing ("a Temporal Mixing Block governed by …"; rules/introduced.py): a proposal the
# decider keeps, as it keeps a named one
INTRODUCED = "introduced"
# "we fine-tune X", "our X-based model, fine-tuned on ...": the text itself says the weights change
SAID_FINE_TUNED = "said-fine-tuned"
_SAYING_CUES = frozenset({id_of(fine_tune_cue), id_of(basis_of_ours)})
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")
# a name just before the mention, with a comma or "and"/"or" between ("A, B and C"); or after it
_LIST_BEFORE = re.compile(r"[A-Z0-9][\w.\-]*\)?\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)$")
_LIST_AFTER = re.compile(r"^\s*(?:\([^)]{0,20}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s*(?:and|or)\s+)[A-Z0-9]")


def _shape(text: str) -> str:
    """``Llama-3-8B`` → ``Xx-d-dX``: the look of a name, runs collapsed, cut to 8."""
    out = []
    for ch in text:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _name_features(main: Candidate, group: Sequence[Candidate]) -> dict[str, float]:
    text = main.text
    words = text.split()
    f = {f"shape={_shape(text)}": 1.0, f"nwords={min(len(words), 4)}": 1.0}
    if text.islower():
        f["lowercase"] = 1.0
    if text.isupper() and len(text) <= 6:
        f["acronym-like"] = 1.0
    if any(ch.isdigit() for ch in text):
        f["has-digit"] = 1.0
    if len(words) > 1:
        f[f"head={words[-1].lower()}"] = 1.0
        f[f"mod={words[0].lower()}"] = 1.0
    if main.entry_id:
        f[CATALOGUE] = 1.0
    if main.suffixes:
        f["variant"] = 1.0
    if any(c.aliases for c in group):
        f["defined-alias"] = 1.0
    return f


def group_features(group: Sequence[Candidate], main: Candidate, etype: str, text: str, title_end: int,
                   ctx: PaperContext, closed: bool, lexicon: Lexicon | None = None) -> dict[str, float]:
    """Features of one entity (its candidates ``group``) in one paper."""
    f = _name_features(main, group)
    f[f"type={etype}"] = 1.0
    f["bias-n"] = min(len(group), 5) / 5
    if closed:
        f["closed"] = 1.0
    if any(c.proposed for c in group):
        f["proposed"] = 1.0
    if ctx.trains_models:
        f["paper-trains"] = 1.0
        f[f"paper-trains&type={etype}"] = 1.0
    genre = _title_genre(text[:title_end], Cues.of(lexicon))
    if genre is not None:
        f[f"title-genre={genre}"] = 1.0
    predicates = [c.predicate for c in group if c.predicate is not None]
    if predicates:  # what the rules alone would decide: the model learns when to overrule it
        rules = strongest(predicates).value
        f[f"strongest={rules}"] = 1.0
        f[f"strongest&type={rules}&{etype}"] = 1.0
    for c in group:
        _occurrence_features(f, c, etype, text, title_end, lexicon)
    _title_share(f, main.text, text, title_end, etype)
    if any(c.wraps for c in group):  # a capitalised run built on a known name ("Tempered Gibbs Sampling")
        f["wraps-known"] = 1.0
    open_rules = {f"rec={c.rule}" for c in group if c.rule in OPEN_RULES}
    named = any(c.rule not in OPEN_RULES and c.rule != REPEAT for c in group)  # "FERA" of "… (FERA)": a name
    if open_rules and not named:  # a model of their own (kg.learn.fit): every feature apart, the rule ids kept as markers
        lexicon = lexicon or Lexicon.load()
        _open_features(f, main.text, text, title_end, lexicon)
        _open_context(f, [c for c in group if c.rule in OPEN_RULES], text, lexicon)
        _long_form_features(f, group, lexicon)
        prefix = PHRASE if f"rec={METHOD_PHRASE}" in open_rules else OPEN  # kg.learn.fit: a model for each
        introduced = any(c.proposed and (c.rule == METHOD_PHRASE or (c.rule == CAPITALISED_PHRASE and (
            introduced_part(text, c.start, c.end, lexicon) if c.start >= title_end
            else _own_title_span(text[:title_end], lexicon) == (c.start, c.end)))) for c in group)
        f = {OPEN: 1.0, **({PHRASE: 1.0} if prefix == PHRASE else {}), **{f"{prefix}:{k}": v for k, v in f.items()},
             **dict.fromkeys(open_rules, 1.0), **({INTRODUCED: 1.0} if introduced else {})}
    return f


@lru_cache(maxsize=64)
def _own_title_span(title: str, lexicon: Lexicon) -> tuple[int, int] | None:
    """"Braided Wavelet Networks for Crop Yield Forecasting": where a plain title that opens with a method's name
    names the paper's own method (:func:`title_phrase_span`); read once per title, not per candidate.  None in a
    survey's or a benchmark's title, or for a phrase that describes rather than names: one opening with a word
    of novelty ("Efficient …", "Unified …") or headed by a generic word for a method ("… Framework"), or a whole
    title of four words or more, which may hold a verb ("Sparse Priors Speed Training")."""
    if _title_genre(title, Cues.of(lexicon)) is not None:
        return None
    span = title_phrase_span(title, any_method_heads(lexicon), lexicon)
    if span is None:
        return None
    s, e = span
    words = _words(title[s:e])
    if words[0] in lexicon.words("novelty_words") or words[-1].removesuffix("s") in lexicon.words("cue_our_method_nouns"):
        return None
    return span if title[e:].strip() or len(title[s:e].split()) <= 3 else None


def _title_share(f: dict[str, float], name: str, text: str, title_end: int, etype: str) -> None:
    """A name the title builds on without writing it ("MambaVision" of Mamba, "Chain-of-Sketched-Thought" of
    Chain-of-Thought): a paper's title names what it works with, so such a name is rarely only background."""
    title = text[:title_end].lower()
    words = [w for w in _words(name) if len(w) >= 3]
    if not words or name.lower() in title:
        return
    share = sum(w in title for w in words) / len(words)
    if share >= 0.5:
        f["title-builds-on"] = share
        f[f"title-builds-on&type={etype}"] = share


def _list_features(f: dict[str, float], sentence: str, start: int, end: int, etype: str) -> None:
    """Is the mention one member of a list of names, or inside parentheses?  Models listed side by side
    are mostly compared or evaluated; the one model named alone is more often the one trained."""
    left, right = sentence[max(0, start - 40):start], sentence[end:end + 40]
    listed = bool(_LIST_BEFORE.search(left) or _LIST_AFTER.match(right))
    if listed:
        f["in-list"] = 1.0
        f[f"in-list&type={etype}"] = 1.0
    if left.rfind("(") > left.rfind(")"):
        f["in-parens"] = 1.0
        f[f"in-parens&type={etype}"] = 1.0


def _open_features(f: dict[str, float], name: str, text: str, title_end: int, lexicon: Lexicon) -> None:
    """What tells a method the paper names from a phrase that only describes: head noun, title, repetition."""
    words = _words(name)
    head = words[-1] if words else ""
    single = head[:-1] if head.endswith("s") else head
    for flag, on in (("head-method", head in lexicon.words("method_heads") or single in lexicon.words("method_heads")),
                     ("head-not-method", head in lexicon.words("not_method_heads")
                      or single in lexicon.words("not_method_heads")),
                     ("hyphen", "-" in name), ("long", len(words) >= 3)):
        if on:
            f[f"open-{flag}"] = 1.0
    title = set(_words(text[:title_end]))
    if words and name.lower() not in text[:title_end].lower():
        share = sum(w in title for w in words) / len(words)
        if share >= 0.5:
            f["open-title-words"] = share
    if text.lower().count(name.lower()) >= 2:
        f["open-repeated"] = 1.0


_LOWER_LIST_BEFORE = re.compile(r"[a-z\-]+,\s*(?:and\s+|or\s+)?$|[a-z\-]+\s(?:and|or)\s+$")
_LOWER_LIST_AFTER = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)[a-z]")


def _open_context(f: dict[str, float], cands: Sequence[Candidate], text: str, lexicon: Lexicon) -> None:
    """The words around an open phrase and its modifier's shape, in classes a small training set can weigh.

    A method named in lower case tends to stand bare after a verb of use or a
    listing word ("via random search", "such as weight pruning"), often among
    other such phrases; a description tends to follow a determiner ("a careful
    tuning").  One the paper introduces follows a verb of introducing ("we propose
    cache-aware training"), or is called a method by the noun after it ("a self-paced
    learning mechanism").  Its first word's shape: a hyphenated "-based"/"-aware" adjective,
    a participle ("constrained decoding"), another adjective, or a noun.
    """
    use_before, determiners = lexicon.words("method_phrase_use_before"), lexicon.words("determiners")
    introduce, kinds = tuple(lexicon.lines("cue_introduce_verbs")), lexicon.words("method_phrase_kind_after")
    for c in cands:
        left = text[max(0, c.start - 40):c.start]
        before = left.lower().split()
        if before and before[-1] in determiners:
            f["open-after-determiner"] = 1.0
        if any(w in use_before or " ".join(before[i:i + 2]) in use_before for i, w in enumerate(before[-3:], len(before) - 3)):
            f["open-after-use"] = 1.0
        if _LOWER_LIST_BEFORE.search(left) or _LOWER_LIST_AFTER.match(text[c.end:c.end + 30]):
            f["open-lower-list"] = 1.0
        if text[c.end:c.end + 2] == " (" and text[c.end + 2:c.end + 3].isupper():
            f["open-defines-acronym"] = 1.0
        if any(w.startswith(introduce) for w in before[-4:]):
            f["open-after-propose"] = 1.0
        after = _words(text[c.end:c.end + 20])[:1]
        if after and (after[0] in kinds or after[0][:-1] in kinds):
            f["open-before-kind"] = 1.0
    words = cands[0].text.split() if cands else []
    if len(words) < 2:
        return
    first, tails = words[0].lower(), lexicon.words("adjective_hyphen_tails")
    kind = ("hyphen-tail" if first.rpartition("-")[2] in tails and "-" in first else "hyphen" if "-" in first
            else "participle" if first.endswith("ed") else
            "adjective" if first.endswith(lexicon.lines("adjective_endings")) else "noun")
    f[f"open-mod-kind={kind}"] = 1.0
    if words[-1].lower().endswith(("ing", "ings")):
        f["open-head-gerund"] = 1.0


@lru_cache(maxsize=8)
def _content_end(text: str) -> int:
    """``len(text.rstrip())``, once per paper rather than once per occurrence (a copy of the whole text)."""
    return len(text.rstrip())


@lru_cache(maxsize=64)
def _title_genre(title: str, cues: Cues) -> str | None:
    """The genre word of a title ("survey", "benchmark"), cut to 9 letters, or None: read once per paper."""
    genre = cues.TITLE_GENRE.search(title)
    return genre.group(1).lower()[:9] if genre else None


@lru_cache(maxsize=256)
def _contrast(sentence: str, cues: Cues) -> bool:
    """Does the sentence set something against something?  Read once per sentence, not per name in it: its first
    match is the first of the matches the cue rules read for the sentence's mentions (``search`` finds what
    ``finditer`` finds first), so most sentences are not read again."""
    return bool(cue_ends(cues.CONTRAST, sentence, -1))


@lru_cache(maxsize=512)
def _sentence_flags(sentence: str, etype: str, cues: Cues) -> tuple[str, ...]:
    """What a sentence says of itself, as the features of a name of type ``etype`` in it, in the order they are
    added: named once per sentence and type, not once per name in it."""
    ours, background, experiment, related = _facts_of_sentence(sentence, cues)
    out: list[str] = []
    for flag, on in (("ours", ours), ("background", background), ("experiment", experiment),
                     ("related-work", related), ("contrast", _contrast(sentence, cues))):
        if on:
            out += (f"sent-{flag}", f"sent-{flag}&type={etype}")
    return tuple(out)


def _long_form_features(f: dict[str, float], group: Sequence[Candidate], lexicon: Lexicon) -> None:
    """An acronym's long form says what it names: "Weighted Least Squares (WLS)" a method by its head noun,
    "Remote Sensing (RS)" a field; the acronym itself shows nothing of it."""
    for alias in {a for c in group for a in c.aliases}:
        words = _words(alias)
        if len(words) < 2:
            continue
        head = words[-1][:-1] if words[-1].endswith("s") and words[-1][:-1] in lexicon.words("method_heads") \
            else words[-1]
        f["open-long-form"] = 1.0
        f[f"open-long-head={head}"] = 1.0
        if head in any_method_heads(lexicon):
            f["open-long-head-method"] = 1.0
        if alias[:1].isupper():
            f["open-long-capitalised"] = 1.0


def _occurrence_features(f: dict[str, float], c: Candidate, etype: str, text: str, title_end: int,
                         lexicon: Lexicon | None) -> None:
    """Add one occurrence's evidence to ``f`` (binary: seen at least once)."""
    s_start, s_end = c.sentence or (0, len(text))
    sentence = text[s_start:s_end]
    rule, _, cue = (c.relation_rule or c.rule).partition("+")
    pred = c.predicate.value if c.predicate else "none"
    for name in (f"rec={rule}", f"cue={cue}", f"rule-pred={pred}", f"rule-pred&type={pred}&{etype}",
                 f"cue&type={cue}&{etype}"):
        f[name] = 1.0
    if pred == "fineTunes" and cue in _SAYING_CUES:
        f[SAID_FINE_TUNED] = 1.0
    if c.start < title_end:
        f["in-title"] = 1.0
        f[f"in-title&type={etype}"] = 1.0
    elif s_start <= title_end + 1:
        f["first-sentence"] = 1.0
    if s_end >= _content_end(text):
        f["last-sentence"] = 1.0
    for name in _sentence_flags(sentence, etype, Cues.of(lexicon)):
        f[name] = 1.0
    _list_features(f, sentence, c.start - s_start, c.end - s_start, etype)
    left = _words(text[max(s_start, c.start - 60):c.start])[-WINDOW:]
    right = _words(text[c.end:min(s_end, c.end + 60)])[:WINDOW]
    for i, w in enumerate(reversed(left)):
        f[f"L{i}={w}"] = 1.0
        f[f"L={w}&type={etype}"] = 1.0
    for i, w in enumerate(right):
        f[f"R{i}={w}"] = 1.0
        f[f"R={w}&type={etype}"] = 1.0
