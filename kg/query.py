"""Asking the graph from Python: :class:`KnowledgeGraph`.

One object wraps the ``networkx.MultiDiGraph`` (``g.nx``, always the live
graph) and answers the questions researchers ask of it in one readable call.
Every example below runs as a test against :func:`example_graph`, five made-up
papers about Llama, Qwen, LoRA and GSM8K:

>>> g = example_graph()
>>> g  # doctest: +ELLIPSIS
<KnowledgeGraph 3 Benchmark, 1 Dataset, 8 Model, 5 Paper, 3 Technique, ...>
>>> g.papers(fine_tunes="Llama-3", evaluated_on="gsm8k")
[<Paper 2024-05-01 'Math reasoning with LoRA' fineTunes Llama-3-8B-Instruct; evaluatesOn GSM8K>]

Names are matched without regard to case or punctuation, through labels and
aliases, and a model matches every variant below it in its lineage
(``Llama-3`` finds ``Llama-3-8B-Instruct``).  Results are pydantic models or
:class:`Results` lists of them: they print compactly, serialise with
``model_dump()``, and flatten with ``to_records()`` for pandas or CSV.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

import networkx as nx
from pydantic import BaseModel

from kg import checks, predicates
from kg.export import jsongraph
from kg import notebook
from kg.external import hub_count
from kg.keys import lookup_key
from kg.model import DERIVED_FROM, VARIANT_OF, Evidence

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


HUB_TOP = 50  # stats: the most frequent models and benchmarks checked for a Hugging Face id


class UnknownName(LookupError):
    """A name that is no entity's label or alias (or no paper's title); says which names are close."""

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


# --- results -----------------------------------------------------------------

T = TypeVar("T", bound="Record")


class Record(BaseModel):
    """A result: ``model_dump()`` gives all of it, ``to_record()`` one flat row."""

    def to_record(self) -> dict:
        return self.model_dump(mode="json")

    def __str__(self) -> str:
        return repr(self)

    def _repr_html_(self) -> str:
        return notebook.record_html(self)


class Results(list, Generic[T]):
    """A list of results that prints one per line and flattens with ``to_records()``."""

    def to_records(self) -> list[dict]:
        """One flat dict per result: ``pandas.DataFrame(results.to_records())``."""
        return [r.to_record() for r in self]

    records = to_records

    def to_pandas(self):
        """A ``pandas.DataFrame`` with one row per result (pandas is the ``notebook`` extra)."""
        return notebook.to_pandas(self.to_records())

    def _repr_html_(self) -> str:
        return notebook.results_html(self)

    def __getitem__(self, item):
        found = super().__getitem__(item)
        return Results(found) if isinstance(item, slice) else found

    def __repr__(self) -> str:
        shown = [repr(r) for r in self[:MAX_SHOWN]]
        if len(self) > MAX_SHOWN:
            shown.append(f"... {len(self) - MAX_SHOWN} more")
        if len(shown) <= 1:
            return "[" + "".join(shown) + "]"
        return "[" + ",\n ".join(shown) + "]"


MAX_SHOWN = 20


class Link(Record):
    """One paper → entity edge, with the sentences it was read from."""

    relation: str
    paper: str
    paper_key: str
    entity: str
    entity_type: str
    entity_key: str
    evidence: list[Evidence] = []

    def __repr__(self) -> str:
        return f"<Link {_short(self.paper)!r} {self.relation} {self.entity}>"

    def to_record(self) -> dict:
        row = self.model_dump(mode="json", exclude={"evidence"})
        row["sentence"] = self.evidence[0].sentence if self.evidence else None
        return row


class PaperResult(Record):
    """A paper, with the edges that made it a result (all of them for :meth:`KnowledgeGraph.paper`)."""

    key: str
    title: str
    date: str | None = None
    arxiv_id: str | None = None
    organization: str | None = None
    upvotes: int | None = None
    same_as: list[str] = []  # its arXiv page and Hugging Face paper page
    links: list[Link] = []

    def __repr__(self) -> str:
        how = "; ".join(f"{link.relation} {link.entity}" for link in self.links)
        return f"<Paper {self.date or '----'} {_short(self.title)!r}" + (f" {how}>" if how else ">")

    def to_record(self) -> dict:
        row = self.model_dump(mode="json", exclude={"links"})
        row["links"] = [f"{link.relation} {link.entity}" for link in self.links]
        return row


class EntitySummary(Record):
    """An entity and the number of distinct papers counted for it (by default, bare mentions are not)."""

    key: str
    label: str
    type: str
    papers: int = 0
    is_family: bool = False

    def __repr__(self) -> str:
        return f"<{self.type} {self.label}: {self.papers} paper{'s' * (self.papers != 1)}>"


class DateCount(Record):
    """Papers about one entity in one period (``2024-05``; ``--05`` when the year is unknown)."""

    period: str
    key: str
    label: str
    type: str
    papers: int

    def __repr__(self) -> str:
        return f"<{self.period} {self.type} {self.label}: {self.papers}>"


class EntityInfo(Record):
    """Everything the graph says about one entity: lineage, variants and papers by relation."""

    key: str
    iri: str
    type: str
    label: str
    aliases: list[str] = []
    is_family: bool = False
    in_catalogue: bool = False
    same_as: list[str] = []  # Hugging Face Hub page (kg/external.py)
    source: str | None = None  # the arXiv page of the paper that introduced it
    lineage: list[str] = []
    derived_from: list[str] = []
    variants: list[str] = []
    papers: dict[str, list[Link]] = {}

    def __repr__(self) -> str:
        lines = [f"<{self.type} {self.label}" + (f" (aka {', '.join(self.aliases)})" if self.aliases else "")]
        if len(self.lineage) > 1:
            lines.append("  lineage: " + " → ".join(self.lineage))
        if self.derived_from:
            lines.append("  derived from: " + ", ".join(self.derived_from))
        if self.variants:
            lines.append("  variants: " + ", ".join(self.variants))
        for relation, links in self.papers.items():
            shown = "; ".join(repr(_short(link.paper)) for link in links[:5])
            lines.append(f"  {relation} ({len(links)}): {shown}" + (" ..." if len(links) > 5 else ""))
        return "\n".join(lines) + ">"

    def to_record(self) -> dict:
        row = self.model_dump(mode="json", exclude={"papers"})
        row["papers"] = {relation: [link.paper for link in links] for relation, links in self.papers.items()}
        return row


class Stats(Record):
    """What is in the graph: nodes per type, edges per relation, and how complete the papers are."""

    nodes: dict[str, int]
    edges: dict[str, int]
    families: int
    catalogue_entities: int
    papers_with_entities: int
    papers_with_date: int
    first_date: str | None = None
    last_date: str | None = None
    evidence_sentences: int
    # Of the HUB_TOP models / benchmarks in most papers, how many have a Hugging Face id: {"models": [n, of]}.
    with_hub_id: dict[str, list[int]] = {}

    def __repr__(self) -> str:
        parts = [f"{v} {k}" for k, v in {**self.nodes, **self.edges}.items()]
        return f"<Stats {', '.join(parts)}; dates {self.first_date} .. {self.last_date}>"


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- the graph ---------------------------------------------------------------


class KnowledgeGraph:
    """The knowledge graph; the full ``networkx.MultiDiGraph`` is ``.nx``.

    Indexes for name look-up are built on the first question and rebuilt if
    ``.nx`` has gained or lost nodes since; call :meth:`refresh` after
    editing labels, aliases or lineage edges in place.
    """

    def __init__(self, graph: nx.MultiDiGraph):
        self.nx = graph

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KnowledgeGraph):
            return NotImplemented
        a, b = self.nx, other.nx
        return (dict(a.nodes(data=True)) == dict(b.nodes(data=True))
                and sorted(a.edges(keys=True, data=True), key=_edge_key)
                == sorted(b.edges(keys=True, data=True), key=_edge_key))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        counts = self.counts()
        return "<KnowledgeGraph " + ", ".join(f"{v} {k}" for k, v in counts.items()) + ">"

    def _repr_html_(self) -> str:
        return notebook.graph_html(self)

    def counts(self) -> dict[str, int]:
        """Nodes per type and edges per relation."""
        nodes = Counter(d["type"] for _, d in self.nx.nodes(data=True))
        edges = Counter(k for _, _, k in self.nx.edges(keys=True))
        return {**{t: nodes[t] for t in sorted(nodes)}, **{k: edges[k] for k in sorted(edges)}}

    @classmethod
    def load(cls, directory: str | Path) -> "KnowledgeGraph":
        """The graph a build wrote (``DIR/kg.json``, or that file itself)."""
        path = Path(directory)
        if path.suffix != ".json":
            path = path / "kg.json"
        if not path.is_file():
            raise FileNotFoundError(f"no graph at {path}; build one with `mlkg build PAGES --out {path.parent}`")
        return cls(jsongraph.loads(path.read_text(encoding="utf-8")))

    # --- names

    @property
    def _index(self) -> "_Index":
        cached = self.__dict__.get("_cached_index")
        if cached is None or cached.size != self.nx.number_of_nodes():  # counting edges would cost O(E)
            cached = self.__dict__["_cached_index"] = _Index(self.nx)
        return cached

    def refresh(self) -> None:
        """Rebuild the name and lineage indexes after editing ``.nx`` (added nodes are noticed anyway)."""
        self.__dict__.pop("_cached_index", None)

    def resolve(self, name: Name) -> set[str]:
        """The IRIs of the entities a name (or any of a list of names) denotes, without lineage.

        >>> g = example_graph()
        >>> sorted(g.nx.nodes[n]["label"] for n in g.resolve(["low-rank adaptation", "GSM-8K"]))
        ['GSM8K', 'LoRA']
        """
        found: set[str] = set()
        for one in checks.names("name", name):
            found |= self._index.lookup(one)
        return found

    def _with_variants(self, iris: Iterable[str]) -> set[str]:
        """The entities and every variant below them (``variantOf*``, not ``derivedFrom``)."""
        out = set()
        for iri in iris:
            out.add(iri)
            out |= self._index.descendants(iri)
        return out

    def _best(self, name: str, type: str | None = None) -> str:
        """The one entity a name shows: exact label first, then catalogue entries, then most papers."""
        wanted = _type(type) if type else None
        checks.names("name", name, single=True)
        iris = [i for i in self.resolve(name) if wanted is None or self.nx.nodes[i]["type"] == wanted]
        if not iris:
            raise self._index.unknown(name, wanted)
        G = self.nx
        return min(iris, key=lambda i: (G.nodes[i]["label"] != name, G.nodes[i]["label"].casefold() != name.casefold(),
                                        not G.nodes[i].get("in_catalogue"), -self._index.paper_count(i), i))

    # --- papers

    def papers(self, *, proposes: Name | None = None, fine_tunes: Name | None = None,
               evaluates: Name | None = None, evaluated_on: Name | None = None, trains_on: Name | None = None,
               uses: Name | None = None, mentions: Name | None = None,
               about: Name | None = None, same_model: bool = False, **more: Name) -> Results[PaperResult]:
        """Papers that satisfy every filter given; a list of names means any of them.

        ``about=`` matches any relation; ``more`` takes the keywords of further
        relations of ``kg/data/predicates.tsv``.  Each result lists the edges that
        matched, with their evidence; without filters, every paper.

        >>> g = example_graph()
        >>> g.papers(uses="LoRA", evaluated_on=["GSM8K", "HumanEval"])
        [<Paper 2024-05-01 'Math reasoning with LoRA' evaluatesOn GSM8K; usesTechnique LoRA>,
         <Paper 2024-06-10 'Qwen learns to code' evaluatesOn GSM8K; evaluatesOn HumanEval; usesTechnique LoRA>]
        >>> g.papers(fine_tunes="Llama")[0].links[0].evidence[0].sentence
        'We fine-tune Llama-3-8B-Instruct with LoRA on MetaMathQA.'
        >>> g.papers(fine_tunes="Lama-3")
        Traceback (most recent call last):
        ...
        kg.query.UnknownName: no entity named 'Lama-3'; closest: Llama-3, Llama, Llama-3-8B
        """
        filters = {k: v for k, v in dict(proposes=proposes, fine_tunes=fine_tunes, evaluates=evaluates,
                                         evaluated_on=evaluated_on, trains_on=trains_on, uses=uses,
                                         mentions=mentions, about=about, **more).items() if v is not None}
        matched = self._match(filters)
        if same_model:  # the fine-tuned model itself is the one evaluated on (or trained on) the data
            from kg.leaderboard import same_model_papers

            if fine_tunes is None or (evaluated_on is None and trains_on is None):
                raise ValueError("same_model=True needs fine_tunes= and evaluated_on= (or trains_on=)")
            kinds = ("evaluatedOn",) if evaluated_on is not None else ("trainedOn",)
            data = self.resolve(evaluated_on if evaluated_on is not None else trains_on)
            matched = same_model_papers(self, matched, data, kinds)
        return Results(self._paper_result(p, links) for p, links in sorted(matched.items(), key=self._paper_order))

    # --- experiments (kg/leaderboard.py)

    def experiments(self, model: Name | None = None, data: Name | None = None, kind: str | None = None):
        """Experiments (a model evaluated or trained on data, with the stated result) matching the filters.

        A model matches its variants; ``kind`` is ``evaluatedOn`` or ``trainedOn``.
        """
        from kg.leaderboard import experiments

        return experiments(self, model=model, data=data, kind=kind)

    def leaderboard(self, data: Name, model: Name | None = None):
        """Stated results on a benchmark, best first within each metric; ``model`` narrows to a family."""
        from kg.leaderboard import leaderboard

        return leaderboard(self, data, model=model)

    def _match(self, filters: dict[str, Name]) -> dict[str, list[tuple[str, str]]]:
        """Paper IRI → the (relation, entity IRI) edges that satisfied the filters."""
        G = self.nx
        if not filters:
            return {p: [] for p in self._index.papers}
        matched: dict[str, list[tuple[str, str]]] | None = None
        for keyword, name in filters.items():
            if keyword not in _ALL_FILTERS:
                raise TypeError(f"unknown filter {keyword!r}; use one of {', '.join(_ALL_FILTERS)}")
            predicates = _ALL_FILTERS[keyword]
            checks.names(keyword, name)
            hits: dict[str, list[tuple[str, str]]] = defaultdict(list)
            named = self._family(name) if keyword == "family" else self.resolve(name)
            for target in sorted(self._with_variants(named)):
                for paper, _, key in G.in_edges(target, keys=True):
                    if key in predicates:
                        hits[paper].append((key, target))
            if matched is None:
                matched = dict(hits)
            else:
                matched = {p: links + hits[p] for p, links in matched.items() if p in hits}
        return matched or {}

    def _family(self, name: Name) -> set[str]:
        """The models a family name denotes (other entities of that name are not families)."""
        found = set()
        for one in _names(name):
            models = {i for i in self.resolve(one) if self.nx.nodes[i]["type"] == "Model"}
            if not models:
                raise self._index.unknown(one, "Model")
            found |= models
        return found

    def _paper_order(self, item: tuple[str, list]) -> tuple:
        d = self.nx.nodes[item[0]]
        return (d["title"].casefold(), item[0])

    def _paper_result(self, iri: str, links: Iterable[tuple[str, str]]) -> PaperResult:
        d = self.nx.nodes[iri]
        unique = sorted(set(links), key=lambda link: (RELATIONS.index(link[0]), self.nx.nodes[link[1]]["label"]))
        return PaperResult(key=d["key"], title=d["title"], date=d.get("date"), arxiv_id=d.get("arxiv_id"),
                           organization=d.get("organization"), upvotes=d.get("upvotes"),
                           same_as=list(d.get("same_as", [])), links=[self._link(iri, relation, e) for relation, e in unique])

    def _link(self, paper: str, relation: str, entity: str) -> Link:
        G = self.nx
        p, e = G.nodes[paper], G.nodes[entity]
        evidence = G.edges[paper, entity, relation].get("evidence", [])
        return Link(relation=relation, paper=p["title"], paper_key=p["key"], entity=e["label"],
                    entity_type=e["type"], entity_key=e["key"], evidence=[Evidence(**ev) for ev in evidence])

    def paper(self, title: str) -> PaperResult:
        """One paper by title (any case or punctuation), a part of its title, key, IRI or arXiv id, with all its edges.

        >>> p = example_graph().paper("qwen learns to code")
        >>> p.title, [(link.relation, link.entity) for link in p.links]  # doctest: +NORMALIZE_WHITESPACE
        ('Qwen learns to code', [('fineTunes', 'Qwen2.5-7B'), ('evaluatesOn', 'GSM8K'),
         ('evaluatesOn', 'HumanEval'), ('usesTechnique', 'DPO'), ('usesTechnique', 'LoRA')])
        """
        iri = self._index.paper(title)
        return self._paper_result(iri, [(k, e) for _, e, k in self.nx.out_edges(iri, keys=True) if k in RELATIONS])

    # --- entities

    def entity(self, name: str, type: str | None = None) -> EntityInfo:
        """One entity: type, label, aliases, lineage, variants, and its papers by relation with evidence.

        A name several entities share shows the one whose label it is
        exactly, else the catalogue's, else the one in most papers; ``type``
        narrows the choice (``"Technique"``).

        >>> e = example_graph().entity("low rank adaptation")
        >>> e
        <Technique LoRA (aka Low-Rank Adaptation)
          usesTechnique (2): 'Math reasoning with LoRA'; 'Qwen learns to code'
          mentions (1): 'Speculative decoding for Llama'>
        >>> e.label, e.type, e.aliases
        ('LoRA', 'Technique', ['Low-Rank Adaptation'])
        >>> [link.paper for link in e.papers["mentions"]]
        ['Speculative decoding for Llama']
        >>> e.papers["usesTechnique"][0].evidence[0].sentence
        'We fine-tune Llama-3-8B-Instruct with LoRA on MetaMathQA.'
        """
        G = self.nx
        iri = self._best(name, type)
        d = G.nodes[iri]
        edges = [(paper, key) for paper, _, key in G.in_edges(iri, keys=True) if key in RELATIONS]
        by_relation: dict[str, list[Link]] = {}
        for paper, key in sorted(edges, key=lambda e: (RELATIONS.index(e[1]), G.nodes[e[0]]["title"].casefold())):
            by_relation.setdefault(key, []).append(self._link(paper, key, iri))
        return EntityInfo(
            key=d["key"], iri=iri, type=d["type"], label=d["label"], aliases=list(d.get("aliases", [])),
            is_family=bool(d.get("is_family")), in_catalogue=bool(d.get("in_catalogue")),
            same_as=list(d.get("same_as", [])), source=d.get("source"),
            lineage=[G.nodes[i]["label"] for i in self._index.ancestors(iri)],
            derived_from=sorted(G.nodes[t]["label"] for _, t, k in G.out_edges(iri, keys=True) if k == DERIVED_FROM),
            variants=sorted((G.nodes[i]["label"] for i in self._index.descendants(iri)), key=str.casefold),
            papers=by_relation,
        )

    def lineage(self, name: str) -> Results[EntitySummary]:
        """The model and its ancestors up to its family, most specific first (``variantOf*``).

        >>> example_graph().lineage("llama 3 8b instruct")
        [<Model Llama-3-8B-Instruct: 1 paper>,
         <Model Llama-3-8B: 1 paper>,
         <Model Llama-3: 1 paper>,
         <Model Llama: 0 papers>]
        """
        return Results(self._summary(i) for i in self._index.ancestors(self._best(name)))

    def variants(self, name: str) -> Results[EntitySummary]:
        """Every model below one in its lineage, by label (not the fine-tunes ``derivedFrom`` it).

        >>> example_graph().variants("Llama")
        [<Model Llama-3: 1 paper>,
         <Model Llama-3-8B: 1 paper>,
         <Model Llama-3-8B-Instruct: 1 paper>]
        """
        found = self._index.descendants(self._best(name))
        return Results(sorted((self._summary(i) for i in found), key=lambda s: (s.label.casefold(), s.key)))

    def _summary(self, iri: str, papers: int | None = None) -> EntitySummary:
        d = self.nx.nodes[iri]
        return EntitySummary(key=d["key"], label=d["label"], type=d["type"], is_family=bool(d.get("is_family")),
                             papers=self._index.paper_count(iri) if papers is None else papers)

    # --- analytics

    def top(self, kind: str | list[str], n: int | None = 10, *, family: Name | None = None,
            relations: Iterable[str] | None = None, within: Iterable | None = None,
            **filters: Name) -> Results[EntitySummary]:
        """The entities of a kind in most papers, most first (``n=None``: all of them).

        ``kind`` is ``models``, ``benchmarks``, ``datasets``, ``techniques``,
        a list of them, or ``families`` (a family counts the papers of every
        model below it).
        The papers counted are those that pass ``filters`` (the keywords of
        :meth:`papers`, and ``family=``: papers that propose, fine-tune or
        evaluate a model of the family), or the papers given as ``within=``.
        ``relations`` are the edges that count; by default all but a bare
        mention.  Entities named in the filters are left out of the ranking.

        >>> g = example_graph()
        >>> g.top("benchmarks", n=2)
        [<Benchmark GSM8K: 3 papers>,
         <Benchmark MATH: 2 papers>]
        >>> g.top("benchmarks", family="Qwen")
        [<Benchmark GSM8K: 1 paper>,
         <Benchmark HumanEval: 1 paper>,
         <Benchmark MATH: 1 paper>]
        >>> g.top("families")
        [<Model Llama: 3 papers>,
         <Model Qwen: 2 papers>]
        """
        if family is not None:
            filters = {**filters, "family": family}
        if within is not None:
            papers = {self._paper_iri(p) for p in within}
        else:
            papers = set(self._match(filters))
        named = self._with_variants(self.resolve([n for v in filters.values() for n in _names(v)]))
        return self._rank(kind, papers, _relations(relations), named, n)

    def cooccurring(self, technique: Name, n: int | None = 10) -> Results[EntitySummary]:
        """Techniques used or proposed in the same papers as a technique, by number of papers.

        >>> example_graph().cooccurring("LoRA")
        [<Technique DPO: 1 paper>]
        """
        techniques = {i for i in self.resolve(technique) if self.nx.nodes[i]["type"] == "Technique"}
        if not techniques:
            raise self._index.unknown(_names(technique)[0], type="Technique")
        pair = ("usesTechnique", "proposes")
        papers = {p for t in techniques for p, _, k in self.nx.in_edges(t, keys=True) if k in pair}
        return self._rank("techniques", papers, set(pair), techniques, n)

    def _rank(self, kind: str | list[str], papers: Iterable[str], allowed: set[str], excluded: set[str],
              n: int | None) -> Results[EntitySummary]:
        n = checks.count("n", n)
        G = self.nx
        families = isinstance(kind, str) and kind.casefold() in ("family", "families")
        wanted = {"Model"} if families else _types(kind)
        counts: Counter = Counter()
        index = self._index
        for paper in papers:
            seen = {e for _, e, k in G.out_edges(paper, keys=True) if k in allowed and G.nodes[e]["type"] in wanted}
            if families:
                seen = {a for e in seen for a in index.ancestors(e) if G.nodes[a].get("is_family")}
            counts.update(seen - excluded)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], G.nodes[kv[0]]["label"].casefold(), kv[0]))
        return Results(self._summary(iri, count) for iri, count in ranked[:n])

    def _paper_iri(self, paper) -> str:
        return self._index.paper(paper.key if isinstance(paper, PaperResult) else paper)

    def links(self, relation: str | None = None, kind: str | list[str] | None = None) -> Results[Link]:
        """Every paper → entity edge of a relation and/or to a kind of entity, by paper title.

        ``relation`` is a predicate (``proposes``, ``fineTunes``...) or a
        keyword of :meth:`papers` (``fine_tunes``).

        >>> example_graph().links("fine_tunes", kind="models")
        [<Link 'Chatting with Vicuna' fineTunes Vicuna>,
         <Link 'Math reasoning with LoRA' fineTunes Llama-3-8B-Instruct>,
         <Link 'Qwen learns to code' fineTunes Qwen2.5-7B>]
        """
        allowed = FILTERS[relation] if relation in FILTERS else _relations([relation] if relation else RELATIONS)
        wanted = _types(kind) if kind else set(ENTITY_TYPES)
        G = self.nx
        edges = [(p, k, e) for p, e, k in G.edges(keys=True) if k in allowed and G.nodes[e]["type"] in wanted]
        edges.sort(key=lambda x: (G.nodes[x[0]]["title"].casefold(), RELATIONS.index(x[1]),
                                  G.nodes[x[2]]["label"].casefold(), x))
        return Results(self._link(p, k, e) for p, k, e in edges)

    def by_date(self, kind: str | list[str], period: str = "month", relations: Iterable[str] | None = None,
                **filters: Name) -> Results[DateCount]:
        """Papers per entity of a kind per ``month`` or ``year``: oldest period first, most papers first within it.

        Filters and ``relations`` are those of :meth:`top`.  Undated papers
        are left out; a date without a year (``--06-01``) counts in month
        ``--06`` and in no year.

        >>> example_graph().by_date("techniques")
        [<2024-05 Technique chain-of-thought: 1>,
         <2024-05 Technique LoRA: 1>,
         <2024-06 Technique DPO: 1>,
         <2024-06 Technique LoRA: 1>]
        """
        if period not in ("month", "year"):
            raise ValueError("period is 'month' or 'year'")
        wanted = _types(kind)
        allowed = _relations(relations)
        G = self.nx
        counts: Counter = Counter()
        for paper in self._match(filters):
            when = _period(G.nodes[paper].get("date"), period)
            if when is None:
                continue
            counts.update({(when, e) for _, e, k in G.out_edges(paper, keys=True)
                           if k in allowed and G.nodes[e]["type"] in wanted})
        rows = [DateCount(period=when, key=G.nodes[e]["key"], label=G.nodes[e]["label"], type=G.nodes[e]["type"],
                          papers=c)
                for (when, e), c in counts.items()]
        return Results(sorted(rows, key=lambda r: (r.period, -r.papers, r.label.casefold(), r.key)))

    def subgraph(self, name: Name, depth: int = 1) -> "KnowledgeGraph":
        """The graph around entities, to ``depth`` steps along edges either way (a view, not a copy).

        >>> sub = example_graph().subgraph("MetaMathQA", depth=2)
        >>> sorted(d["label"] for _, d in sub.nx.nodes(data=True) if d["type"] != "Paper")
        ['GSM8K', 'Llama-3-8B-Instruct', 'LoRA', 'MATH', 'MetaMathQA']
        """
        checks.count("depth", depth, optional=False)
        starts = self.resolve(name)
        if not starts:
            raise self._index.unknown(next(iter(_names(name)), ""))
        undirected = self.nx.to_undirected(as_view=True)
        keep: set[str] = set()
        for start in starts:
            keep |= set(nx.single_source_shortest_path_length(undirected, start, cutoff=depth))
        return KnowledgeGraph(self.nx.subgraph(keep))

    def stats(self) -> Stats:
        """Counts for a first look at a graph.

        >>> example_graph().stats()  # doctest: +ELLIPSIS
        <Stats 3 Benchmark, 1 Dataset, 8 Model, 5 Paper, 3 Technique, ...; dates 2024-05-01 .. 2024-06-15>
        """
        G = self.nx
        nodes = Counter(d["type"] for _, d in G.nodes(data=True))
        edges = Counter(k for _, _, k in G.edges(keys=True))
        papers = self._index.papers
        dates = sorted(d for p in papers if (d := G.nodes[p].get("date")) and not d.startswith("--"))
        entities = [d for _, d in G.nodes(data=True) if d["type"] != "Paper"]
        return Stats(
            nodes={t: nodes[t] for t in sorted(nodes)}, edges={k: edges[k] for k in sorted(edges)},
            families=sum(bool(d.get("is_family")) for d in entities),
            catalogue_entities=sum(bool(d.get("in_catalogue")) for d in entities),
            papers_with_entities=sum(1 for p in papers if G.out_degree(p)),
            papers_with_date=sum(1 for p in papers if G.nodes[p].get("date")),
            first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
            evidence_sentences=sum(len(d.get("evidence", ())) for _, _, d in G.edges(data=True)),
            with_hub_id={kind: hub_count(self.nx, [s.key for s in self.top(kind, HUB_TOP)])
                         for kind in ("models", "benchmarks")},
        )


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


# --- a small graph for examples and tests ------------------------------------


def example_graph() -> KnowledgeGraph:
    """Five made-up papers, hand-annotated: the graph every example in this module asks.

    Llama → Llama-3 → Llama-3-8B → Llama-3-8B-Instruct and Qwen → Qwen2.5 →
    Qwen2.5-7B are lineages; Vicuna is derived from Llama (not a variant).
    """
    from kg.graph import build_graph
    from kg.model import Corpus, Entity, Paper, Relation

    models = [("llama", "Llama", None, True), ("llama-3", "Llama-3", "llama", False),
              ("llama-3-8b", "Llama-3-8B", "llama-3", False),
              ("llama-3-8b-instruct", "Llama-3-8B-Instruct", "llama-3-8b", False),
              ("qwen", "Qwen", None, True), ("qwen2.5", "Qwen2.5", "qwen", False),
              ("qwen2.5-7b", "Qwen2.5-7B", "qwen2.5", False)]
    entities = [Entity(key=k, type="Model", label=label, variant_of=parent, is_family=family, in_catalogue=True)
                for k, label, parent, family in models]
    entities += [
        Entity(key="vicuna", type="Model", label="Vicuna", derived_from="llama", in_catalogue=True),
        Entity(key="gsm8k", type="Benchmark", label="GSM8K", aliases=("GSM-8K",), in_catalogue=True),
        Entity(key="math", type="Benchmark", label="MATH", in_catalogue=True),
        Entity(key="humaneval", type="Benchmark", label="HumanEval", in_catalogue=True),
        Entity(key="metamathqa", type="Dataset", label="MetaMathQA", in_catalogue=True),
        Entity(key="lora", type="Technique", label="LoRA", aliases=("Low-Rank Adaptation",), in_catalogue=True),
        Entity(key="dpo", type="Technique", label="DPO", in_catalogue=True),
        Entity(key="cot", type="Technique", label="chain-of-thought", aliases=("CoT",), in_catalogue=True),
    ]
    labels = {e.key: e.label for e in entities}
    papers = [
        ("p1", "Math reasoning with LoRA", "2024-05-01",
         ["We fine-tune Llama-3-8B-Instruct with LoRA on MetaMathQA.",
          "It improves accuracy on GSM8K and MATH."],
         [("fineTunes", "llama-3-8b-instruct", 0), ("usesTechnique", "lora", 0), ("trainsOn", "metamathqa", 0),
          ("evaluatesOn", "gsm8k", 1), ("evaluatesOn", "math", 1)]),
        ("p2", "Qwen learns to code", "2024-06-10",
         ["We fine-tune Qwen2.5-7B with DPO and LoRA.",
          "Results on HumanEval and GSM8K improve."],
         [("fineTunes", "qwen2.5-7b", 0), ("usesTechnique", "dpo", 0), ("usesTechnique", "lora", 0),
          ("evaluatesOn", "humaneval", 1), ("evaluatesOn", "gsm8k", 1)]),
        ("p3", "Speculative decoding for Llama", "2024-05-20",
         ["We evaluate Llama-3 with chain-of-thought prompting on GSM8K.",
          "Unlike LoRA, our method needs no training."],
         [("evaluates", "llama-3", 0), ("usesTechnique", "cot", 0), ("evaluatesOn", "gsm8k", 0),
          ("mentions", "lora", 1)]),
        ("p4", "Chatting with Vicuna", "--06-01",
         ["We fine-tune Vicuna for dialogue."],
         [("fineTunes", "vicuna", 0)]),
        ("p5", "A harder math benchmark", "2024-06-15",
         ["We evaluate Qwen2.5 and Llama-3-8B on MATH."],
         [("evaluates", "qwen2.5", 0), ("evaluates", "llama-3-8b", 0), ("evaluatesOn", "math", 0)]),
    ]
    paper_records, relations = [], []
    for key, title, date, sentences, edges in papers:
        abstract = " ".join(sentences)
        paper_records.append(Paper(key=key, title=title, abstract=abstract, date=date))
        for predicate, entity, n in edges:
            sentence = sentences[n]
            offset = abstract.index(sentence)
            at = sentence.index(labels[entity])
            ev = Evidence(sentence=sentence, start=offset + at, end=offset + at + len(labels[entity]),
                          sentence_start=offset, rule="example", confidence=1.0)
            relations.append(Relation(paper=key, predicate=predicate, entity=entity, evidence=(ev,)))
    return KnowledgeGraph(build_graph(Corpus(papers=tuple(paper_records), entities=tuple(entities),
                                             relations=tuple(relations))))
