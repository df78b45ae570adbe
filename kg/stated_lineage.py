"""Lineage a paper states: the model it releases is a fine-tune of the one model it fine-tunes.

A paper that fine-tunes one model (``fineTunes Mistral-7B``) and introduces a
model of its own (``proposes Kelp-Math``) releases that fine-tune: "Kelp-Math, a
7B solver based on Mistral-7B", "we continue training X and call the result Y".
The new model is then a variant of its base (CONTRACT.md: ``mlkg:variantOf``
"up to its family"), so "which papers fine-tune Mistral and evaluate that very
model on GSM8K" finds the experiment credited to Kelp-Math.

The name alone said less: a model the catalogue has never seen is a variant of
the name before its version or sub-family ("OpenQuill-SFT" → "OpenQuill",
"Kelp-Math" → "Kelp"), a guess the paper's own account overrides.  Only models
outside the catalogue are touched (the catalogue's lineage is curated), and only
when the paper fine-tunes exactly one model and a sentence quoted for either
edge names both (with two bases, or the two never side by side, which one a
new name came from is not said).
"""

from __future__ import annotations

import re
from collections import defaultdict

from kg.model import Corpus, Entity, EntityType, Predicate


def with_stated_bases(corpus: Corpus) -> Corpus:
    """The corpus with each paper's own new models linked (``variant_of``) to the one model it fine-tunes."""
    by_key = {e.key: e for e in corpus.entities}
    proposed: dict[str, set[str]] = defaultdict(set)
    tuned: dict[str, set[str]] = defaultdict(set)
    quoted: dict[tuple[str, str], set[str]] = defaultdict(set)  # (paper, entity) -> its evidence sentences
    for r in corpus.relations:
        if by_key[r.entity].type != EntityType.MODEL:
            continue
        if r.predicate == Predicate.PROPOSES:
            proposed[r.paper].add(r.entity)
        elif r.predicate == Predicate.FINE_TUNES:
            tuned[r.paper].add(r.entity)
        quoted[(r.paper, r.entity)].update(ev.sentence for ev in r.evidence)
    parent = {e.key: e.variant_of for e in corpus.entities}
    changed: dict[str, str] = {}
    for paper in sorted(proposed):
        if len(tuned[paper]) != 1:
            continue
        (base,) = tuned[paper]
        for key in sorted(proposed[paper]):
            sentences = quoted[(paper, key)] | quoted[(paper, base)]
            if not any(_names(s, by_key[key]) and _names(s, by_key[base]) for s in sentences):
                continue
            top = _attach_point(key, base, parent, by_key)
            if top is not None and top not in changed:
                parent[top] = changed[top] = base
    if not changed:
        return corpus
    entities = tuple(_reparented(e, changed) for e in corpus.entities)
    return corpus.model_copy(update={"entities": entities})


def _attach_point(key: str, base: str, parent: dict[str, str | None], by_key: dict[str, Entity]) -> str | None:
    """The highest node of ``key``'s lineage outside the catalogue, to hang under ``base``; ``None`` when
    ``key`` is catalogued, already descends from ``base``, or ``base`` descends from it (no cycles)."""
    if by_key[key].in_catalogue or key == base:
        return None
    chain = _ancestors(key, parent)
    if base in chain:
        return None
    top = key
    for node in chain[1:]:
        if by_key[node].in_catalogue:
            break
        top = node
    return None if top in _ancestors(base, parent) else top


def _names(sentence: str, e: Entity) -> bool:
    """Does the sentence name the entity (its label or an alias, as a whole word)?"""
    return any(re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", sentence) for n in (e.label, *e.aliases))


def _ancestors(key: str, parent: dict[str, str | None]) -> list[str]:
    """``key`` and every node above it through ``variant_of``."""
    out, seen = [], set()
    while key is not None and key not in seen:
        out.append(key)
        seen.add(key)
        key = parent.get(key)
    return out


def _reparented(e: Entity, changed: dict[str, str]) -> Entity:
    if e.key not in changed:
        return e
    return e.model_copy(update={"variant_of": changed[e.key], "is_family": False})
