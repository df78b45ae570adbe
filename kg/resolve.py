"""Mentions → canonical entities, one per real thing, with model lineage.

A mention resolves to:

* a catalogue entry (``Llama 2`` for ``LLaMA-V2``), whose lineage the catalogue gives;
* a variant of one (``Llama-2-7B-Chat`` → ``Llama-2-7B`` → ``Llama 2`` → ``Llama``),
  built from the suffixes extraction parsed, every step a node of its own;
* a model the catalogue has never seen, with the same kind of lineage up to the
  name before its version (``Foo-2.5-7B-Instruct`` → ``Foo-2.5-7B`` → ``Foo-2.5`` → ``Foo``);
* any other new name, keyed by its expansion when it has one (so two papers'
  different "CPT"s stay apart) and else by its name key.

Identity is a slug, stable across runs: the same input always yields the same
entities, labels and IRIs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg import names, predicates
from kg.catalogue import Catalogue, Entry
from kg.experiments import resolve_keyed
from kg.keys import name_key, slug
from kg.stated_lineage import with_stated_bases
from kg.model import (Corpus, Entity, EntityType, Evidence, Experiment, Mention, Paper, PaperExtraction, Predicate,
                      Relation)

PRECEDENCE = {Predicate(p): i for p, i in predicates.precedence().items()}
_TYPE_ORDER = {t: i for i, t in enumerate(EntityType)}
# A sub-family word keeps its written place; versions, sizes and variant words
# follow in that order: Qwen2.5-VL-7B-Instruct, WizardLM-V1.2-13B.
_SUBFAMILY = {"vl", "coder", "code", "math", "vision", "omni", "audio", "speech", "distill", "distilled"}


@dataclass
class _Node:
    key: str
    type: EntityType
    surfaces: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    variant_of: str | None = None
    entry: Entry | None = None
    types: Counter = field(default_factory=Counter)
    suffix: str | None = None  # the part that makes a new variant of its parent ("8B", "Instruct")


def suffix_order(suffixes: Sequence[str]) -> tuple[str, ...]:
    """Canonical order of a model's suffixes.

    >>> suffix_order(["Chat", "7b"]), suffix_order(["VL", "7B", "Instruct"]), suffix_order(["13B", "V1.2"])
    (('7B', 'Chat'), ('VL', '7B', 'Instruct'), ('V1.2', '13B'))
    >>> suffix_order(["16B", "+"])  # a "+" belongs to the name: CodeT5+ 16B is a size of CodeT5+
    ('+', '16B')
    """
    def rank(part: str) -> int:
        if part.lower() in _SUBFAMILY or not names.is_suffix(part) or set(part) == {"+"}:
            return 0
        if names.is_size(part):
            return 2
        if names.is_version(part):
            return 1
        return 3

    normal = [p.upper() if names.is_size(p) else p for p in suffixes]
    normal = [p.replace("X", "x") if names.is_size(p) else p for p in normal]
    return tuple(sorted(normal, key=rank))


class Resolver:
    """Collects nodes as mentions are resolved; ``corpus()`` returns the result."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.nodes: dict[str, _Node] = {}
        self._labels: dict[str, str] = {}

    # --- nodes
    def _node(self, key: str, etype: EntityType, entry: Entry | None = None) -> _Node:
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = _Node(key=key, type=etype, entry=entry)
        return node

    def _catalogue_node(self, entry: Entry) -> _Node:
        """A catalogue entry and, for models, its whole lineage."""
        node = self._node(entry.id, entry.type, entry)
        node.entry = entry
        if entry.variant_of and node.variant_of is None:
            node.variant_of = entry.variant_of
            self._catalogue_node(self.catalogue.entries[entry.variant_of])
        if entry.derived_from and entry.derived_from not in self.nodes:
            self._catalogue_node(self.catalogue.entries[entry.derived_from])
        return node

    def _variant_chain(self, parent_key: str, base_surface: str, suffixes: tuple[str, ...]) -> str:
        """Nodes for base+suffix[:1], base+suffix[:2] …; returns the most specific key."""
        key = parent_key
        for n in range(1, len(suffixes) + 1):
            child_key = _new_slug(parent_key + "-" + "-".join(suffixes[:n]))
            entry = self.catalogue.entries.get(child_key)
            if entry is not None and entry.type == EntityType.MODEL:
                self._catalogue_node(entry)
            else:
                child = self._node(child_key, EntityType.MODEL)
                child.variant_of = child.variant_of or key
                child.suffix = child.suffix or suffixes[n - 1]
                child.surfaces[names.lineage_surfaces(base_surface, suffixes[:n])[0]] += 0
            key = child_key
        return key

    def key_of(self, m: Mention) -> str:
        """Resolve a mention to a node key, creating nodes (and lineage) on the way."""
        entry = self.catalogue.entries.get(m.catalogue_id) if m.catalogue_id else None
        if m.type == EntityType.MODEL and m.base and (entry is None or entry.type == EntityType.MODEL):
            suffixes = suffix_order(m.suffixes)
            if entry is not None:
                self._catalogue_node(entry)
                return self._variant_chain(entry.id, m.base, suffixes)
            family = self._node(self._apart(_new_slug(m.base), m.base), EntityType.MODEL)
            family.surfaces[m.base] += 0
            family.types[EntityType.MODEL] += 1
            return self._variant_chain(family.key, m.base, suffixes)
        if entry is not None:
            return self._catalogue_node(entry).key
        acronym = next((a for a in m.aliases if len(a) > len(m.text) and " " in a), None)
        if acronym:  # keyed by the expansion: two papers' "CPT" may be two things, and a bare
            key = _singular_slug(acronym)  # "CPT" elsewhere joins neither (aliases stay in their paper)
        else:
            key = _singular_slug(m.text)
        return self._node(self._apart(key, acronym or m.text), m.type).key

    def _apart(self, key: str, text: str) -> str:
        """A new name's key, never a catalogue entry's: the catalogue did not take the name, so it is
        another thing ("LoRa" the radio protocol beside "LoRA"), kept apart by its written capitals."""
        entry = self.catalogue.entries.get(key)
        if entry is None or self.catalogue.lookup(text) is entry:  # a spelling the catalogue takes joins it
            return key
        split = _new_slug(_CAMEL_BREAK.sub(" ", text))
        return split if split != key and split not in self.catalogue.entries else f"{key}-name"

    def add(self, key: str, m: Mention) -> None:
        node = self.nodes[key]
        node.surfaces[m.text] += 1
        node.aliases.update(m.aliases)  # which may name the node is asked once its catalogue entry is settled
        node.types[m.type] += 1

    def _may_name(self, node: _Node, alias: str) -> bool:
        """A paper's alias names a known entity across the corpus only through the catalogue.

        "dynamic low-rank adaptation (DyLoRA)" may group names inside its paper, but DyLoRA
        never becomes a name of LoRA for every other paper.
        """
        if node.entry is None:
            return True
        found = self.catalogue.lookup(alias)
        if found is None:  # a cased entry's other capitals are another name ("LoRa" is not LoRA)
            return not node.entry.cased and name_key(alias) == name_key(node.entry.label)
        return found.id == node.entry.id

    # --- result
    def label_of(self, key: str) -> str:
        """A node's label: a variant is named the way its parent is ("Llama-2-7B", not "LLaMA2-7B")."""
        return self._labels[key] if key in self._labels else self.entity(self.nodes[key]).label

    def entity(self, node: _Node) -> Entity:
        if node.entry is not None:
            label = node.entry.label
            etype = node.entry.type
            named = {a for a in node.aliases if self._may_name(node, a)}
            aliases = set(node.entry.aliases) | set(node.surfaces) | named
        else:
            seen = [s for s, n in node.surfaces.items()]
            parent = self.label_of(node.variant_of) if node.variant_of in self.nodes else None
            # written in a text first (not only generated for the lineage), then spelled like its parent
            acronyms = _acronyms(seen + sorted(node.aliases))
            label = min(seen, key=lambda s: (node.surfaces[s] == 0, not _spelled_like(s, parent),
                                             -node.surfaces[s], _label_rank(s, acronyms), s)) if seen else node.key
            if parent and node.suffix and (names.is_size(node.suffix) or not names.is_version(node.suffix)):
                # one style for a family: Llama-3-8B-Instruct, however each paper wrote it (a version
                # keeps its written form: Aquila2, Claude 2.0)
                label = variant_label(parent, node.suffix)
            label = label.rstrip(_TRAILING) or label
            etype = (max(node.types, key=lambda t: (node.types[t], -_TYPE_ORDER[t]))
                     if node.types else node.type)
            aliases = set(node.surfaces) | node.aliases
        aliases = tuple(sorted(a for a in aliases if a != label and a.strip()))
        self._labels[node.key] = label
        return Entity(
            key=node.key,
            type=etype,
            label=label,
            aliases=aliases,
            variant_of=node.variant_of if etype == EntityType.MODEL else None,
            derived_from=node.entry.derived_from if node.entry is not None else None,
            is_family=etype == EntityType.MODEL and node.variant_of is None,
            in_catalogue=node.entry is not None,
        )


def variant_label(parent_label: str, suffix: str) -> str:
    """A variant's label: its parent's, spaces as hyphens, then the suffix in one case.

    >>> variant_label("Llama 3", "8B"), variant_label("Llama-3-8B", "instruct"), variant_label("Gemma-2-2B", "it")
    ('Llama-3-8B', 'Llama-3-8B-Instruct', 'Gemma-2-2B-IT')
    >>> variant_label("Qwen2.5", "7B"), variant_label("Mistral-7B", "v0.3"), variant_label("CodeT5", "+")
    ('Qwen2.5-7B', 'Mistral-7B-v0.3', 'CodeT5+')
    """
    if suffix.isalpha() and suffix.islower() and names.is_variant_word(suffix):
        suffix = suffix.upper() if len(suffix) <= 2 else suffix.capitalize()
    if set(suffix) == {"+"}:  # "CodeT5+", never "CodeT5-+"
        return parent_label + suffix
    return f"{parent_label.replace(' ', '-')}-{suffix.rstrip(_TRAILING)}"


def tidy(ex: PaperExtraction) -> PaperExtraction:
    """A paper's mentions without bare sizes, variant words or descriptions, names without trailing punctuation.

    "the 13B model", "Base LLMs" and "V3" alone name no thing of their own; a name that ends a
    sentence ("...-Instruct.") does not keep the full stop.
    """
    kept, new_index = [], {}
    for i, m in enumerate(ex.mentions):
        text = m.text.rstrip(_TRAILING)
        if text != m.text and text:
            m = m.model_copy(update={"text": text})
        if text and not _bare_suffix(m) and not (m.catalogue_id is None and _describes(text)):
            new_index[i] = len(kept)
            kept.append(m)
    if len(kept) == len(ex.mentions) and all(a is b for a, b in zip(kept, ex.mentions)):
        return ex
    experiments = tuple(  # an experiment points at mentions by index: follow them, drop what lost one
        x.model_copy(update={"model_mention": new_index[x.model_mention], "data_mention": new_index[x.data_mention]})
        for x in ex.experiments if x.model_mention in new_index and x.data_mention in new_index)
    return ex.model_copy(update={"mentions": tuple(kept), "experiments": experiments})


_TRAILING = ".,;:!?-/ "


def _describes(text: str) -> bool:
    """"ResNet-based", "RL-friendly", "Timm-like": a description of something built with a name, not a name.

    (A known name before such a word is recognised on its own.)
    """
    head, sep, last = text.rpartition("-")
    return bool(sep and head) and names.is_attributive(last)


def _bare_suffix(m: Mention) -> bool:
    """A size or version alone, or one variant word alone that is not the paper's own proposal."""
    if m.catalogue_id or m.base or any(" " in a for a in m.aliases):
        return False
    parts = names.parts(m.text)
    if parts and all(names.is_size(p) or names.is_version(p) or p == "+" for p in parts):
        return True
    return len(parts) == 1 and names.is_variant_word(parts[0]) and m.predicate != Predicate.PROPOSES


def _new_slug(text: str) -> str:
    """The slug of a new name, keeping a "+" ("CodeT5+" is not CodeT5, "Foo++" not "Foo+").

    >>> _new_slug("CodeT5+"), _new_slug("codet5-+"), _new_slug("WMT24++"), _new_slug("Llama 3")
    ('codet5-plus', 'codet5-plus', 'wmt24-plus-plus', 'llama-3')
    """
    return slug(text.replace("+", " plus "))


_CAMEL_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _singular_slug(text: str) -> str:
    """The slug of a new name, without a plural -s (``KelpNets`` → ``kelpnet``)."""
    key = _new_slug(text)
    return key[:-1] if names.singular(key.replace("-", "")) != key.replace("-", "") else key


def _spelled_like(surface: str, parent_label: str | None) -> bool:
    """Does ``surface`` begin with the parent's name in the parent's capitals (separators aside)?

    >>> _spelled_like("Llama-2-7B", "Llama 2"), _spelled_like("LLaMA2-7B", "Llama 2")
    (True, False)
    """
    if not parent_label:
        return True
    return _SEPARATORS.sub("", surface).startswith(_SEPARATORS.sub("", parent_label))


_SEPARATORS = re.compile(r"[\s\-_.]")


def _label_rank(surface: str, acronyms: set[str] = frozenset()) -> tuple[int, int, int]:
    """Among equally frequent surfaces: one with capitals, then an acronym the text defines, then mixed case.

    >>> sorted(["lora", "LORA", "LoRA"], key=_label_rank)
    ['LoRA', 'LORA', 'lora']
    >>> sorted(["Sparse Routing Networks", "SRN"], key=lambda s: _label_rank(s, {"SRN"}))
    ['SRN', 'Sparse Routing Networks']
    """
    upper, lower = any(c.isupper() for c in surface), any(c.islower() for c in surface)
    return (0 if upper else 1, 0 if surface in acronyms else 1, 0 if upper and lower else 1)


def _acronyms(surfaces: list[str]) -> set[str]:
    """Surfaces that abbreviate a longer one of the same node ("SRN" beside "Sparse Routing Networks")."""
    return {s for s in surfaces if " " not in s and len(s) <= 8 and not any(c.islower() for c in s)
            and any(" " in o and o[:1].lower() == s[:1].lower() and len(o) > 2 * len(s) for o in surfaces)}


def resolve(papers: Sequence[Paper], extractions: Sequence[PaperExtraction], catalogue: Catalogue) -> Corpus:
    """Resolve every paper's mentions into one corpus of entities and relations."""
    resolution = Resolution(catalogue)
    for ex in extractions:
        resolution.add(ex)
    return resolution.corpus(papers)


class Resolution:
    """Resolution fed one paper's extraction at a time; :meth:`corpus` settles the entities at the end.

    Nothing of an extraction is kept but its edges' evidence (three at most an edge) and its
    experiments, so a build can let each paper's mentions go as soon as they are added: every
    paper's mentions at once were the largest part of a large build's memory.  A mention's key
    never depends on the mentions added before it, only on the nodes other keys made, so adding
    paper by paper gives the corpus that resolving every key first would.
    """

    def __init__(self, catalogue: Catalogue):
        self.resolver = Resolver(catalogue)
        self.edges: dict[tuple[str, str], tuple[Predicate, list[Evidence]]] = {}
        self.also: dict[tuple[str, str], set[Predicate]] = {}  # further edges the text supports, where any
        self.experiments: list[tuple[str, Experiment, str, str]] = []  # (paper, experiment, model key, data key)

    def add(self, ex: PaperExtraction) -> None:
        """One paper's mentions and experiments, resolved to node keys."""
        ex = tidy(ex)
        paper, resolver, edges = ex.paper_key, self.resolver, self.edges
        keys = [resolver.key_of(m) for m in ex.mentions]
        for m, key in zip(ex.mentions, keys):
            resolver.add(key, m)
            if m.also:
                self.also.setdefault((paper, key), set()).update(m.also)
            got = edges.get((paper, key))
            if got is None:
                edges[(paper, key)] = (m.predicate, _dedupe(list(m.evidence)))
            elif PRECEDENCE[m.predicate] < PRECEDENCE[got[0]]:
                edges[(paper, key)] = (m.predicate, _dedupe(list(m.evidence) + got[1]))
            else:  # the first three distinct of all are the first three of the three kept and the new
                got[1][:] = _dedupe(got[1] + list(m.evidence))
        self.experiments.extend((paper, x, keys[x.model_mention], keys[x.data_mention]) for x in ex.experiments)

    def corpus(self, papers: Sequence[Paper] = ()) -> Corpus:
        """The resolved corpus of everything added (``papers`` are its papers, sorted by key)."""
        resolver, no_more = self.resolver, frozenset()
        entities = sorted((resolver.entity(n) for n in resolver.nodes.values()), key=lambda e: e.key)
        types = {e.key: e.type for e in entities}
        relations = [
            Relation(paper=paper, predicate=p, entity=key, evidence=tuple(evidence))
            for (paper, key), (pred, evidence) in sorted(self.edges.items())
            for p in _predicates(pred, self.also.get((paper, key), no_more), types[key])
        ]
        return with_stated_bases(Corpus(papers=tuple(sorted(papers, key=lambda p: p.key)), entities=tuple(entities),
                                        relations=tuple(relations),
                                        experiments=resolve_keyed(self.experiments, types)))


# What each relation means for an entity of another type than the paper guessed
# (kg/data/predicates.tsv, columns Model … Technique): the corpus may settle a name's
# type differently from one paper's context.
_FIT = {EntityType(t): {Predicate(a): Predicate(b) for a, b in changes.items()}
        for t, changes in predicates.fit().items()}


def _predicates(main: Predicate, also: set[Predicate], etype: EntityType) -> list[Predicate]:
    """The main edge first, then any further one that still means something else for this type."""
    first = fit_predicate(main, etype)
    more = sorted({fit_predicate(p, etype) for p in also} - {first}, key=PRECEDENCE.__getitem__)
    return [first, *more] if first != Predicate.PROPOSES else [first]


def fit_predicate(predicate: Predicate, etype: EntityType) -> Predicate:
    """The predicate a relation keeps once its entity's type is settled.

    >>> fit_predicate(Predicate.USES_TECHNIQUE, EntityType.MODEL).value
    'evaluates'
    >>> fit_predicate(Predicate.PROPOSES, EntityType.DATASET).value
    'proposes'
    """
    return _FIT[etype].get(predicate, predicate)


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for ev in evidence:
        k = (ev.field, ev.start, ev.end)
        if k not in seen:
            seen.add(k)
            out.append(ev)
    return out[:3]
