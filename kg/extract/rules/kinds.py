"""Noun → entity type: what the words around a name say it is ("the Foo dataset", "X, a benchmark of …")."""

from __future__ import annotations

import re

from kg import names
from kg.extract.rules.common import _BENCH_SUFFIX, NAMED_AFTER
from kg.extract.rules.vocab import Vocab
from kg.extract.rules.wordpatterns import word_patterns
from kg.model import EntityType
from kg.extract.uncased import compile_ignorecase

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE
_BASED = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?based(?=\s)(?!\s+(?:on|upon|in|at)\b)")  # not "… based on X"




def _head(v: Vocab, long_form: str) -> str:
    words = re.findall(r"[^\W\d_]+", long_form.lower())
    if not words:
        return ""
    last = words[-1]
    return last[:-1] if last.endswith("s") and (last[:-1] in v.method_heads or last[:-1] in v.not_method_heads) else last


def _described_type(v: Vocab, text: str, e: int) -> EntityType | None:
    """"X, a benchmark for …", "X is a 1.2B-parameter language model", "X (a family of models)", "X benchmark"."""
    spelled = _spelled_out(text, e)
    if spelled is not None:  # "FERN (Filtering Examples by Rewriting Nodes)": a long form, not a description
        if (ty := _long_form_type(v, spelled)) is not None:
            return ty
        e = text.index(")", e) + 1  # "SpX (Span-refined X), a novel method": the description after it
    phrase = word_patterns(v.lexicon).description.match(text, e, min(len(text), e + 100))
    if not phrase:
        return None
    based = _BASED.match(text, phrase.end())
    if based and (ty := _described_type(v, text, based.end())) is not None:
        return ty  # "the first Vision Language Model (VLM) based framework": the framework is described
    words = re.split(r"[.!?](?:\s|$)|\s(?:--|—|–)\s", phrase.group("words"))[0].split()  # not past the clause
    words = _noun_phrase(v, words)
    if not _OPENER.match(text, e):  # "X dataset", "X yields better models": with no comma, copula or bracket
        words = _kind_right_after(v, words)
    for k, word in enumerate(words):
        if word == "of" and k > 0:
            if words[k - 1].lower() in v.quantifiers:  # "a family of models": the noun after it counts
                return v.head_type(list(reversed(_up_to_preposition(v, words[k + 1:])))) \
                    or v.head_type(list(reversed(words)))
            # "a benchmark of 5,000 question pairs", "80B tokens of code": the noun before "of" heads it
            if words[k - 1].lower() in v.lexicon.words("data_units"):
                return EntityType.DATASET
            return v.head_type(list(reversed(words[:k]))) or v.head_type(list(reversed(words)))
    return _measuring(v, words, v.head_type(list(reversed(words))))


_OPENER = re.compile(r"\)?\s*(?:,|\(|is\b|are\b|:|-{1,2}|—)")


def _kind_right_after(v: Vocab, words: list[str]) -> list[str]:
    """The words of a description that follows a name with no comma, copula or bracket: only a kind noun
    among the next three words, before any verb or adverb ("the Zeb corpus", "Zeb routing strategy"), names
    it; in "Zeb quickly beats larger models" or "Zeb yields better models" the sentence goes on, nothing says
    what Zeb is.  A word in -s right before a kind noun is a noun ("the Zeb news corpus", "Zeb physics
    benchmark"), and an adverb before a participle is part of the phrase ("Zeb weakly supervised model")."""
    keys = [w.lower().strip(",.;:()") for w in words[:4]]
    for k, word in enumerate(words[:3]):
        key, after = keys[k], keys[k + 1] if k + 1 < len(keys) else ""
        if key in v.quantifiers:
            return words
        if v.head_type([key]) is not None:
            return words[:k + 1]
        if not word.islower():
            continue
        if key.endswith("ly") and not after.endswith(("ed", "ing")):
            return []  # an adverb ("successfully") before any kind noun: a verb follows
        if key.endswith("s") and not key.endswith("ss") and v.head_type([after]) is None:
            return []  # a verb ("yields", "outperforms") before any kind noun
    return []


def _up_to_preposition(v: Vocab, words: list[str]) -> list[str]:
    """A noun phrase's words before its first preposition: its head is the last kind noun among them, so "a
    suite of image retrieval models" is models and "a collection of speech compression methods" is methods."""
    cut = next((k for k, w in enumerate(words) if w.lower() in v.prepositions), len(words))
    return words[:cut]


def _measuring(v: Vocab, words: list[str], ty: EntityType | None) -> EntityType | None:
    """"an evaluation framework", "a stress-testing pipeline": a method word after an evaluation word names a
    benchmark.  ``words`` end at or after the kind noun that gave ``ty``."""
    if ty != EntityType.TECHNIQUE:
        return ty
    keys = [w.lower().strip(",.;:()") for w in words]
    k = max((i for i, w in enumerate(keys) if w in v.head_types), default=-1)
    return EntityType.BENCHMARK if k > 0 and keys[k - 1] in v.lexicon.words("evaluation_modifiers") \
        and keys[k].rstrip("s") in v.lexicon.words("evaluation_containers") else ty


_APPOSITION_START = re.compile(r",\s+(?:a|an|our)\s")


def apposition_type(v: Vocab, text: str, e: int) -> EntityType | None:
    """"X, a large-scale dataset of …": the type that an apposition right after a name gives it, if any."""
    return _described_type(v, text, e) if _APPOSITION_START.match(text, e) else None


def described_as_no_entity(v: Vocab, text: str, e: int) -> bool:
    """"X, an open-source toolbox that …", "X, a novel task that …", "X, a metric of …": software, a task or a
    quantity, never an entity."""
    phrase = word_patterns(v.lexicon).description.match(text, e, min(len(text), e + 100))
    if not phrase or not phrase.group().lstrip(" )").startswith((",", "is", "are", "(")):
        return False
    words = _noun_phrase(v, re.split(r"[.!?,;:]", phrase.group("words"))[0].split())
    head = words[-1].lower().rstrip("s") if words else ""
    return _no_entity_head(v, head)


def _no_entity_head(v: Vocab, head: str) -> bool:
    return any(head in v.lexicon.words(name) for name in ("software_heads", "task_heads", "description_no_entity_heads"))


# "a layout-guided image generation model, X", "a simple score, the Foo Ratio": a kind with its article, a comma,
# then the name in apposition (group 2: a "the" before the name)
_KIND_COMMA = compile_ignorecase(r"\b(?:a|an|the)\s+(?:[\w\-]+\s+){0,4}?(\w+),\s+(the\s+)?$")


def described_before_as_no_entity(v: Vocab, text: str, s: int) -> bool:
    """"a simple score, the Foo Ratio (FR),": the kind set in apposition right before a name is no entity."""
    m = _KIND_COMMA.search(text[max(0, s - 80):s])
    return bool(m) and _no_entity_head(v, m.group(1).lower().rstrip("s"))


def describes_a_name(v: Vocab, text: str, e: int) -> bool:
    """"a unified Audio-Text-Motion-Action model, Zorva,": words before a kind noun and its name describe it."""
    kind = re.match(r"\s+(?:and\s+[A-Z][\w\-]*\s+)?([a-z]+)", text[e:e + 40])
    return bool(kind) and v.head_type([kind.group(1)]) is not None and NAMED_AFTER.match(text, e + kind.end()) is not None


def _spelled_out(text: str, e: int) -> str | None:
    """The Title Case words in a parenthesis right after a name, which spell it out rather than describe it."""
    m = re.compile(r"\s*\(([^()]{3,80})\)").match(text, e)
    if not m:
        return None
    words = m.group(1).split()
    capitals = sum(w[:1].isupper() for w in words)
    return m.group(1) if len(words) >= 2 and capitals * 2 > len(words) else None


def _noun_phrase(v: Vocab, words: list[str]) -> list[str]:
    """The words up to the phrase's head: a participle after a kind noun starts a modifier.

    "a novel planning approach guiding LLMs": the approach is described, not the LLMs.
    """
    # a kind written as a word ("approach", "dataset"), not an acronym ("an LLM serving system"), nor a
    # quantifier ("a collection of editing networks")
    kinds = [w for w in words if w.islower() and w not in v.quantifiers]
    for k, word in enumerate(words[1:], 1):
        if word.lower().endswith(("ing", "ed")) and "-" not in word and v.head_type([w for w in words[:k] if w in kinds]) \
                and not _method_word(v, words[k + 1:k + 2]):  # "model pruning methods": a compound, not a participle
            return words[:k]
    return words


def _method_word(v: Vocab, words: list[str]) -> bool:
    return bool(words) and words[0].lower().strip(",.;:()").removesuffix("s") in v.method_heads


def _noun_before_type(v: Vocab, text: str, s: int) -> EntityType | None:
    """"our best dataset KelpSet-5B", "a layout-guided image generation model, FERNIX,": the kind named right before a name."""
    m = re.search(r"(\w+)\s+$", text[max(0, s - 30):s])
    return v.head_type([m.group(1)]) if m else apposition_before_type(v, text, s)



def apposition_before_type(v: Vocab, text: str, s: int) -> EntityType | None:
    """"we collect a dataset, X, for …": the kind an article and a comma set right before a name, if any."""
    m = _KIND_COMMA.search(text[max(0, s - 80):s])
    if m is None or m.group(2):  # "a score, the Foo Ratio" is read by described_before_as_no_entity
        return None
    return _measuring(v, m.group(0).rstrip(", ").split()[-2:], v.head_type([m.group(1)]))


def _role_before_type(v: Vocab, text: str, s: int) -> EntityType | None:
    """"pre-trained on X" names data; "continually pretrained from X" names the weights it started from."""
    before = text[max(0, s - 60):s]
    if word_patterns(v.lexicon).trained_from.search(before):
        return M
    if _TRAINED_ON.search(before):
        return D
    return None


_TRAINED_ON = compile_ignorecase(r"(?:\b|pre-?)(?:trained|fine-?tuned|finetuned)\s+on\s+(?:the\s+)?$")


def _type_from_context(v: Vocab, text: str, s: int, e: int, default: EntityType,
                       long_form: str | None = None) -> EntityType:
    """The type the words around a new name give it (then its long form's head word, then the words before)."""
    name = text[s:e]
    parts = names.parts(name)
    # a size is a word of its own ("KELP-1.3B", "Foo 7B"), never letters and digits run together ("K9Q")
    tokens = re.split(r"[\s\-_/]+", name.split("(")[0].strip())
    if any(names.is_size(p) and not p.lower().endswith(("k", "e")) for p in tokens[1:]):
        return EntityType.MODEL
    if parts and _BENCH_SUFFIX.search(parts[0]):
        return EntityType.BENCHMARK
    own = _long_form_type(v, long_form) if long_form else None
    if own in (EntityType.BENCHMARK, EntityType.DATASET):
        return own  # "the Robot Cooking Benchmark (RCB), an evaluation framework": the name says what it is
    ty = _described_type(v, text, e)
    if ty is not None and not (own == EntityType.TECHNIQUE and ty == EntityType.BENCHMARK):
        return ty  # … and "Recipe Chain Planning (RCP), an evaluation framework" names a method
    if own:
        return own
    window = text[max(0, s - 50):s]
    window = window[max(window.rfind(". "), window.rfind("\n")) + 1:]  # not from the sentence before
    before = re.findall(r"[\w\-]+", window)
    naming_verbs = v.lexicon.words("naming_verbs")
    naming = any(w.lower() in naming_verbs for w in before[-3:])
    if naming:  # "a … corpus, which we name X": the noun the clause is about, not one in a phrase after it
        before = before[-8:]
        for k in range(len(before) - 1, -1, -1):
            ty = v.head_type([before[k]])
            if ty is not None and not any(w.lower() in v.prepositions for w in before[max(0, k - 2):k]):
                return ty  # "a model fitted on this data, which we name X": not "data", the model
        return _name_kind(v, name) or default
    return _measuring(v, before[-3:], v.head_type(list(reversed(before[-3:])))) or _name_kind(v, name) or default


def _name_kind(v: Vocab, name: str) -> EntityType | None:
    """"We present FooVLM, which …": a coined name ending in a model word names a model when nothing else says."""
    last = (re.findall(r"[A-Za-z0-9]+", name) or [""])[-1]
    # a coined word (lower-case letters before the ending: "FooLM", "QuillVLM"), not an all-capital acronym ("HELM")
    return EntityType.MODEL if any(last.endswith(tail) and any(c.islower() for c in last[:-len(tail)])
                                   for tail in v.lexicon.lines("model_name_tails")) else None


def _long_form_type(v: Vocab, long_form: str) -> EntityType | None:
    """"Sparse Lookahead Decoding": a method by its head word.

    Only singular naming heads count: "compact vision models (CVMs)" names a kind of model, not one.
    """
    head = _head(v, long_form)
    if head in v.method_heads:
        return EntityType.TECHNIQUE
    return v.naming_type(head)

