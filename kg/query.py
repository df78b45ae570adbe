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

Names are matched without regard to case or punctuation (a dot between
digits counts, as in the graph's own name key), through labels and
aliases, and a model matches every variant below it in its lineage
(``Llama-3`` finds ``Llama-3-8B-Instruct``).  Results are pydantic models or
:class:`Results` lists of them: they print compactly, serialise with
``model_dump()``, and flatten with ``to_records()`` for pandas or CSV.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg import checks, notebook
from kg.export import jsongraph
from kg.external import hub_count
from kg.model import DERIVED_FROM, Evidence
# The results, the vocabulary and the look-up live in their own modules; all of it is public here.
from kg.query_example import example_graph  # noqa: F401
from kg.query_index import (  # noqa: F401
    _ALL_FILTERS, COUNTED, ENTITY_TYPES, FILTERS, RELATIONS, WORKS_WITH, Name, UnknownName, _edge_key, _Index,
    _names, _period, _relations, _type, _types, normalize,
)
from kg.query_results import (  # noqa: F401
    MAX_SHOWN, DateCount, EntityInfo, EntitySummary, Link, PaperResult, Record, Results, Stats, _short,
)

HUB_TOP = 50  # stats: the most frequent models and benchmarks checked for a Hugging Face id


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
