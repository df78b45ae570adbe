"""How ML names are written: pieces, parts, sizes, versions and variant words.

Shared by ``extract`` (to recognise names the catalogue has never seen) and
``resolve`` (to give every model a lineage up to its family).  Pure functions
on strings; no knowledge of particular names lives here.

A *piece* is a run of letters and digits joined by ``-``, ``_``, ``.`` or
``/`` (``Llama-3-8B-Instruct``, ``ViT-B/16``, ``chain-of-thought``).  A piece
splits into *parts* at those joiners and where letters turn into digits
(``Qwen2.5`` → ``Qwen`` ``2.5``), so that ``Llama3-8B``, ``Llama 3 8B`` and
``LLaMA-3-8b`` all read as the parts *llama, 3, 8b*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.keys import singular  # noqa: F401 - a key: kg/keys.py; kept here for its users

# A run of word characters joined by - _ . / ; a trailing "+" belongs to the name
# (HumanEval+).  Apostrophes end a piece, so possessives fall away.
PIECE = re.compile(r"[^\W_]+(?:[-_./][^\W_]+)*\+*")
# "v0.3" and "V2" stay whole; elsewhere letters turn into digits at a part boundary.
_PART = re.compile(r"(?<![^\W\d_])(?:[vV]\d+(?:\.\d+)*|[aA]\d+(?:\.\d+)?[bB](?![^\W_]))"
                   r"|[^\W\d_]+|\d+(?:\.\d+)*[^\W_]*|\++")
# "meta-llama/Llama-3-8B" and "DPO/RLHF" are two names; "ViT-B/16" is one.
_SLASH_SPLIT = re.compile(r"(?<=[^\W\d_]{2})/(?=[^\W\d_]{2})")

SIZE = re.compile(
    r"^(?:\d+(?:\.\d+)?[x×])?\d+(?:\.\d+)?(?:[bmkt]|bn)(?:v\d+)?$"  # 7B, 1.3B, 8x7B, 350M, 1T; 3Bv2: a size's second release
    r"|^a\d+(?:\.\d+)?b$"  # A3B: active parameters of a mixture of experts
    r"|^\d+e$",  # 16E: number of experts
    re.IGNORECASE,
)
VERSION = re.compile(r"^(?:v\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)*[a-z]?|\d{4})$", re.IGNORECASE)

# Words that name a variant of a model rather than a new model.
VARIANT_WORDS = frozenset("""
instruct instruction chat base it sft dpo rlhf rl hf
mini nano micro tiny small medium large xl xxl xxxl huge giant lite light
turbo pro plus max ultra flash preview exp experimental latest
sonnet opus haiku
coder code math vl vision omni audio speech
distill distilled thinking reasoner zero
uncased cased
""".split())

# Words that, joined to a name, describe something built with it rather than a
# new name: "BERT-style", "LLaMA-based", "GPT-generated".
ATTRIBUTIVE_WORDS = frozenset("""
style like based sized size scale level type only free aware guided driven
specific centric tuned generated produced written annotated labeled labelled
aligned trained pretrained finetuned distilled derived inspired powered assisted
compatible equivalent family series class variant variants models model
friendly ready agnostic enabled oriented
""".split())


def pieces(text: str) -> list[tuple[int, int]]:
    """Character spans of the pieces of a text.

    >>> t = "We fine-tune meta-llama/Llama-3-8B-Instruct (LoRA) and ViT-B/16."
    >>> [t[s:e] for s, e in pieces(t)]
    ['We', 'fine-tune', 'meta-llama', 'Llama-3-8B-Instruct', 'LoRA', 'and', 'ViT-B/16']
    """
    spans = [m.span() for m in PIECE.finditer(text)]
    if "/" not in text:
        return spans
    out = []
    for start, end in spans:
        if "/" in text[start:end]:
            for cut in _SLASH_SPLIT.finditer(text, start, end):
                out.append((start, cut.start()))
                start = cut.end()
        out.append((start, end))
    return out


def parts(piece: str) -> list[str]:
    """The parts of a piece.

    >>> parts("Qwen2.5-VL-7B-Instruct")
    ['Qwen', '2.5', 'VL', '7B', 'Instruct']
    >>> parts("ViT-B/16"), parts("HumanEval+"), parts("GPT-4o-mini"), parts("Mistral-7B-v0.3")
    (['ViT', 'B', '16'], ['HumanEval', '+'], ['GPT', '4o', 'mini'], ['Mistral', '7B', 'v0.3'])
    >>> parts("Qwen3-30B-A3B"), parts("Alpha3"), parts("A3Bench")
    (['Qwen', '3', '30B', 'A3B'], ['Alpha', '3'], ['A', '3Bench'])
    """
    return _PART.findall(piece)


def part_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Absolute character spans of the parts of ``text[start:end]``."""
    return [m.span() for m in _PART.finditer(text, start, end)]


def is_size(part: str) -> bool:
    """A parameter count, or an expert count of a mixture of experts.

    >>> [is_size(p) for p in ("7B", "1.3b", "8x7B", "350M", "A3B", "B", "2024")]
    [True, True, True, True, True, False, False]
    """
    return bool(SIZE.match(part))


def extends(name: str, base: str) -> bool:
    """"Foo-2-32B-Instruct" extends "Foo-2": the base, then a hyphen or space, then more.

    >>> extends("Foo-2-32B-Instruct", "Foo-2"), extends("Foo-20", "Foo-2"), extends("Foo-2", "Foo-2")
    (True, False, False)
    """
    return name.startswith(base) and name[len(base):len(base) + 1] in ("-", " ")


def is_version(part: str) -> bool:
    """A version number, with an optional letter (``4o``) or date code (``2407``).

    >>> [is_version(p) for p in ("2", "3.5", "v0.3", "V2", "4o", "2407", "Chat")]
    [True, True, True, True, True, True, False]
    """
    return bool(VERSION.match(part))


def is_variant_word(part: str) -> bool:
    return part.lower() in VARIANT_WORDS


def is_suffix(part: str) -> bool:
    """A part that makes a variant of the model named before it."""
    return is_size(part) or is_version(part) or is_variant_word(part) or part == "+"


def is_attributive(part: str) -> bool:
    return part.lower() in ATTRIBUTIVE_WORDS


@dataclass(frozen=True)
class ModelName:
    """A model name read as a base and the suffixes that make it a variant.

    ``base`` is the surface of the part that names the family or version
    (``Llama-3``), ``suffixes`` the parts after it, in a canonical order:
    sizes first, then every other variant word in the order written.
    """

    base: str
    suffixes: tuple[str, ...]


def canonical_suffixes(suffixes: list[str]) -> tuple[str, ...]:
    """Sizes first, then versions and words as written; one case for each.

    >>> canonical_suffixes(["Chat", "7b"])
    ('7B', 'Chat')
    >>> canonical_suffixes(["v0.3", "Instruct"])
    ('v0.3', 'Instruct')
    """
    sizes = [s.upper() if s[-1:].lower() in "bmkte" else s for s in suffixes if is_size(s)]
    sizes = [s.replace("X", "x") for s in sizes]
    rest = [s for s in suffixes if not is_size(s)]
    return tuple(sizes + rest)


def lineage_surfaces(base: str, suffixes: tuple[str, ...]) -> list[str]:
    """Names from the most specific variant down to (and excluding) the base.

    >>> lineage_surfaces("Foo-2.5", ("7B", "Instruct")), lineage_surfaces("Foo", ("+",))
    (['Foo-2.5-7B-Instruct', 'Foo-2.5-7B'], ['Foo+'])
    """
    out = []
    for n in range(len(suffixes), 0, -1):
        out.append("-".join([base, *suffixes[:n]]).replace("-+", "+"))
    return out


_STARTS_UPPER = re.compile(r"^[^\W\d_]*[A-Z]")


def looks_like_name(part: str) -> bool:
    """A part written the way names are: an uppercase letter somewhere, or digits mixed in.

    >>> [looks_like_name(p) for p in ("Llama", "GEB", "xLSTM", "model", "the")]
    [True, True, True, False, False]
    """
    return bool(_STARTS_UPPER.match(part)) or any(c.isupper() for c in part)
