"""New names by how they are written: ``model-shape`` (a name with a size, ``KELP-1.3B``) and
``bench-shape`` (``…Bench``, ``…Eval``, ``…QA``)."""

from __future__ import annotations

import re

from kg import names
from kg.catalogue import Catalogue, name_key
from kg.extract.rules.common import _BENCH_SUFFIX, stop_words, GENERIC_KEYS
from kg.extract.rules.known import _suffix_pieces
from kg.extract.rules.wordpatterns import word_patterns
from kg.extract.engine import rule
from kg.extract.rules.ids import BENCH_SHAPE, MODEL_SHAPE
from kg.extract.text import Coverage, Page, Text, spans
from kg.extract.types import Candidate
from kg.lexicon import Lexicon
from kg.model import EntityType

M, B = EntityType.MODEL, EntityType.BENCHMARK



def _is_name_start(part: str) -> bool:
    low = part.lower()
    return (len(part) >= 2 and names.looks_like_name(part) and low not in stop_words()
            and name_key(part) not in GENERIC_KEYS and not part[0].isdigit())




def shaped_names(text: Text, taken: list[tuple[int, int]], catalogue: Catalogue,
                 title_end: int = 0, lexicon: Lexicon | None = None) -> list[Candidate]:
    """Unknown names written like models or benchmarks (``lexicon``: whose component nouns end a model's suffixes)."""
    out: list[Candidate] = []
    component = word_patterns(lexicon or Lexicon.load()).component
    t = text.text
    title_words = re.findall(r"[A-Za-z]\w*", t[:title_end])
    title_case = len(title_words) >= 4 and sum(w[0].isupper() for w in title_words) >= 0.6 * len(title_words)
    covered = Coverage(taken)
    # every shape needs a capital letter: only those pieces are read
    capitalised = [k for k, w in enumerate(text.words) if w != w.lower()]
    skip_to = -1
    for i in capitalised:
        s, e = text.pieces[i]
        if i <= skip_to or covered.hits(s, e):
            continue
        ps = [t[a:b] for a, b in text.parts(i)]
        cand = _model_shape(t, text, i, ps, component) or _bench_shape(t, s, e, ps)
        if (cand is not None and title_case and cand.end <= title_end and _plain_word_and_size(cand.text)
                and cand.text not in t[title_end:]):
            continue  # "… Train and Serve 70B Model Ensembles": Title Case makes any word look like a name
        if cand is not None and name_key(cand.text) not in GENERIC_KEYS:
            out.append(cand)
            skip_to = i
            while skip_to + 1 < len(text.pieces) and text.pieces[skip_to + 1][0] < cand.end:
                skip_to += 1
    return out


def _plain_word_and_size(name: str) -> bool:
    """"Accelerate 100B": a capitalised word, a space, then only a size."""
    words = name.split()
    return len(words) == 2 and words[0][1:].islower() and words[0].isalpha() and names.is_size(words[1])


def _model_shape(t: str, text: Text, i: int, ps: list[str], component: re.Pattern[str]) -> Candidate | None:
    if not ps or not _is_name_start(ps[0]):
        return None
    k = 1
    while k < len(ps) and not names.is_suffix(ps[k]):
        if not (names.looks_like_name(ps[k]) or ps[k][:1].isdigit()):
            return None
        k += 1
    s, e = text.pieces[i]
    suffixes = ps[k:]
    extra = _suffix_pieces(text, i, component)
    if extra:
        e = text.pieces[i + extra][1]
        suffixes += [p for n in range(i + 1, i + extra + 1) for p in names.parts(text.piece(n))]
    if not suffixes or not all(names.is_suffix(p) for p in suffixes):
        return None
    sizes = [p for p in suffixes if names.is_size(p) and not p.lower().endswith(("k", "e"))]
    has_variant = any(names.is_variant_word(p) for p in suffixes) and any(names.is_version(p) for p in suffixes)
    if not sizes and not has_variant:
        return None
    base_end = text.parts(i)[k - 1][1]
    return Candidate(s, e, t[s:e], M, MODEL_SHAPE, 0.8, base=t[s:base_end], suffixes=tuple(suffixes))


def _bench_shape(t: str, s: int, e: int, ps: list[str]) -> Candidate | None:
    """``KELP-Bench``, ``LiveCodeBench``, ``C-Eval``, ``FailSafeQA``, ``FernEval-O``."""
    for k, part in enumerate(ps):
        m = _BENCH_SUFFIX.search(part)
        if not m:
            continue
        if m.group().islower() and m.start() > 0:
            continue  # "Retrieval", "Testbench": lower-case "eval"/"bench" counts only as a part of its own
        head = "".join(ps[:k]) + part[: m.start()]
        if not head or not any(c.isupper() for c in head + part):
            return None
        if part.endswith("QA") and head.isupper() and k == 0 and len(head) <= 3:
            return None  # VQA, ODQA, KBQA: tasks
        if name_key(head) in GENERIC_KEYS or head.lower() in stop_words():
            return None
        return Candidate(s, e, t[s:e], B, BENCH_SHAPE, 0.8)
    return None


@rule(MODEL_SHAPE, stage="names", rank=3, confidence=0.8, new=True,
      finds="an unknown name with a size (KELP-1.3B, Foo-2.5-7B-Instruct)")
@rule(BENCH_SHAPE, stage="names", rank=3, confidence=0.8, new=True,
      finds="an unknown name written like a benchmark (…Bench, …Eval, …QA)")
def find_shaped(page: Page, found: list[Candidate]) -> list[Candidate]:
    return shaped_names(page.text, spans(found), page.catalogue, page.title_end, page.vocab.lexicon)
