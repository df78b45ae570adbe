"""Name look-up and the vocabulary of :class:`kg.query.KnowledgeGraph`: relations, filters, kinds.

:class:`_Index` holds the look-up tables over one state of the graph (names,
papers, lineage); names are compared by :func:`kg.keys.lookup_key`.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property

import networkx as nx

from kg import checks, predicates
from kg.keys import lookup_key
from kg.model import VARIANT_OF

RELATIONS = predicates.relations()  # kg/data/predicates.tsv, most specific first
#: What "a paper works with a model" means: it proposes, fine-tunes or evaluates it.
WORKS_WITH = predicates.family()
#: The relations counted by default when ranking: a bare mention does not count.
COUNTED = predicates.counted()

#: Keyword filter of :meth:`KnowledgeGraph.papers` → the edge predicates it accepts.
FILTERS: dict[str, tuple[str, ...]] = {**predicates.filters(), "about": RELATIONS}
_ALL_FILTERS = {**FILTERS, "family": WORKS_WITH}
ENTITY_TYPES = ("Model", "Benchmark", "Dataset", "Technique")

Name = str | Iterable[str]


class UnknownName(LookupError):
    """A name that is no entity's label or alias (or no paper's title); says which names are close."""

    __module__ = "kg.query"  # its public home: documented, caught and shown as kg.query.UnknownName

    def __init__(self, name: str, closest: list[str], what: str = "entity"):
        self.name, self.closest = name, closest
        hint = f"; closest: {', '.join(closest)}" if closest else "; no close names"
        super().__init__(f"no {what} named {name!r}{hint}")


def normalize(name: str) -> str:
    """The form names are compared in: :func:`kg.keys.lookup_key`, the graph's name key in any case.

    >>> normalize("LLaMA-3 8b"), normalize("Llama 3-8B"), normalize("HumanEval+"), normalize("Qwen2.5")
    ('llama38b', 'llama38b', 'humaneval+', 'qwen2.5')
    """
    return lookup_key(name)


class _Index:
    """Look-up tables over one state of the graph: names, papers, lineage."""

    def __init__(self, G: nx.MultiDiGraph):
        self.G, self.size = G, G.number_of_nodes()
        self.names: dict[str, set[str]] = defaultdict(set)
        self.papers: list[str] = []
        self.titles: dict[str, str] = {}
        self.children: dict[str, list[str]] = defaultdict(list)
        self.parent: dict[str, str] = {}
        for iri, d in G.nodes(data=True):
            if d["type"] == "Paper":
                self.papers.append(iri)
                for key in (d.get("title", ""), d.get("key", ""), d.get("arxiv_id") or ""):
                    if key:
                        self.titles.setdefault(normalize(key), iri)
                continue
            for name in (d.get("label", ""), d.get("key", ""), *d.get("aliases", ())):
                if normalize(name):
                    self.names[normalize(name)].add(iri)
        for child, parent, key in G.edges(keys=True):
            if key == VARIANT_OF:
                self.children[parent].append(child)
                self.parent[child] = parent

    def lookup(self, name: str) -> set[str]:
        if name in self.G and self.G.nodes[name]["type"] != "Paper":
            return {name}
        found = self.names.get(normalize(name))
        if not found:
            raise self.unknown(name)
        return set(found)

    def unknown(self, name: str, type: str | None = None) -> UnknownName:
        names = [k for k, iris in self.names.items()
                 if type is None or any(self.G.nodes[i]["type"] == type for i in iris)]
        close = difflib.get_close_matches(normalize(name), names, n=5, cutoff=0.6)
        labels = dict.fromkeys(self.G.nodes[i]["label"] for key in close for i in sorted(self.names[key])
                               if type is None or self.G.nodes[i]["type"] == type)
        return UnknownName(name, list(labels)[:5], what=type.lower() if type else "entity")

    def paper(self, title: str) -> str:
        """A paper by IRI, or by title, key or arXiv id (normalized), or by a part of its title found in no other."""
        checks.names("title", title, single=True)
        if title in self.G and self.G.nodes[title]["type"] == "Paper":
            return title
        wanted = normalize(title)
        if wanted in self.titles:
            return self.titles[wanted]
        containing = sorted({iri for key, iri in self.titles.items() if wanted and wanted in key})
        if len(containing) == 1:
            return containing[0]
        if containing:
            raise LookupError(f"{len(containing)} papers have {title!r} in their title: "
                              + "; ".join(self.G.nodes[i]["title"] for i in containing[:5]))
        close = difflib.get_close_matches(wanted, list(self.titles), n=3, cutoff=0.6)
        raise UnknownName(title, list(dict.fromkeys(self.G.nodes[self.titles[k]]["title"] for k in close)),
                          what="paper")

    def descendants(self, iri: str) -> set[str]:
        out, todo = set(), list(self.children.get(iri, ()))
        while todo:
            child = todo.pop()
            if child not in out:
                out.add(child)
                todo.extend(self.children.get(child, ()))
        return out

    def ancestors(self, iri: str) -> list[str]:
        chain = [iri]
        while chain[-1] in self.parent and self.parent[chain[-1]] not in chain:
            chain.append(self.parent[chain[-1]])
        return chain

    @cached_property
    def _paper_counts(self) -> dict[str, int]:
        counts: Counter = Counter()
        for paper, entity, key in self.G.edges(keys=True):
            if key in COUNTED:
                counts[entity] += 1  # one edge per paper and entity: the graph keeps the most specific
        return counts

    def paper_count(self, iri: str) -> int:
        return self._paper_counts.get(iri, 0)


def _names(name: Name) -> list[str]:
    return [name] if isinstance(name, str) else list(name)


def _relations(relations: Iterable[str] | None) -> set[str]:
    """The predicates to count: those given, or all but a bare mention."""
    chosen = set(COUNTED if relations is None else relations)
    unknown = chosen - set(RELATIONS)
    if unknown:
        raise ValueError(f"unknown relation(s) {', '.join(sorted(unknown))}; use {', '.join(RELATIONS)}")
    return chosen


_KINDS = {t.casefold(): t for t in ENTITY_TYPES} | {t.casefold() + "s": t for t in ENTITY_TYPES}


def _type(kind: str) -> str:
    """``models``, ``Model`` or ``model`` → ``Model``."""
    checks.names("kind", kind, single=True)
    try:
        return _KINDS[kind.casefold()]
    except KeyError:
        raise ValueError(f"unknown kind {kind!r}; use models, benchmarks, datasets or techniques") from None


def _types(kind: str | Iterable[str]) -> set[str]:
    """One kind, or several: ``["benchmarks", "datasets"]``."""
    return {_type(k) for k in checks.names("kind", kind)}


def _period(date: str | None, period: str) -> str | None:
    if not date:
        return None
    if date.startswith("--"):
        return date[:4] if period == "month" else None
    return date[:7] if period == "month" else date[:4]


def _edge_key(edge: tuple) -> tuple:
    u, v, k, _ = edge
    return (u, v, k)
