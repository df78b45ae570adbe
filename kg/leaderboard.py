"""Experiments as query results: filtered lists, leaderboards, and the experiment-level headline question.

:class:`kg.query.KnowledgeGraph` calls these with itself; they read the
``experiments`` list each paper node carries (see :mod:`kg.experiments`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.experiments import LOWER_IS_BETTER
from kg.model import DERIVED_FROM, VARIANT_OF, Evidence
from kg.query import Record, Results, _short


class ExperimentResult(Record):
    """One experiment: a model run on data in a paper, with the result the paper states."""

    kind: str
    model: str
    model_key: str
    data: str
    data_key: str
    metric: str | None = None
    value: str | None = None
    number: float | None = None
    unit: str | None = None
    paper: str
    paper_key: str
    date: str | None = None
    evidence: Evidence

    def __repr__(self) -> str:
        result = f" {self.value}" + (f" {self.metric}" if self.metric else "") if self.value else ""
        return f"<Experiment {self.model} {self.kind} {self.data}{result} in {_short(self.paper, 40)!r}>"

    def to_record(self) -> dict:
        row = self.model_dump(mode="json", exclude={"evidence"})
        row["sentence"] = self.evidence.sentence
        return row


def all_experiments(G) -> Iterator[tuple[str, dict]]:
    """(paper IRI, experiment dict) for every experiment of the graph, papers in IRI order."""
    for iri in sorted(G.nodes):
        for x in G.nodes[iri].get("experiments", ()):
            yield iri, x


def result(G, paper: str, x: dict) -> ExperimentResult:
    p, m, d = G.nodes[paper], G.nodes[x["model"]], G.nodes[x["data"]]
    return ExperimentResult(kind=x["kind"], model=m["label"], model_key=m["key"], data=d["label"],
                            data_key=d["key"], metric=x.get("metric"), value=x.get("value"),
                            number=x.get("number"), unit=x.get("unit"), paper=p["title"], paper_key=p["key"],
                            date=p.get("date"), evidence=Evidence(**x["evidence"]))


def experiments(kg, model=None, data=None, kind: str | None = None) -> Results[ExperimentResult]:
    """Experiments whose model is (a variant of) ``model`` and whose data is ``data``."""
    if kind not in (None, "evaluatedOn", "trainedOn"):
        raise ValueError(f"unknown experiment kind {kind!r}; use evaluatedOn or trainedOn")
    models = kg._with_variants(kg.resolve(model)) if model is not None else None
    datas = kg.resolve(data) if data is not None else None
    if model is not None and not models:
        raise kg._index.unknown(model if isinstance(model, str) else list(model)[0], "Model")
    if data is not None and not datas:
        raise kg._index.unknown(data if isinstance(data, str) else list(data)[0])
    G = kg.nx
    out = [result(G, p, x) for p, x in all_experiments(G)
           if (kind is None or x["kind"] == kind) and (models is None or x["model"] in models)
           and (datas is None or x["data"] in datas)]
    return Results(sorted(out, key=lambda r: (r.paper.casefold(), r.paper_key, r.kind, r.model, r.data)))


def leaderboard(kg, data, model=None) -> Results[ExperimentResult]:
    """Evaluations on ``data`` with a stated value, best first within each metric.

    ``model`` narrows to a family or model with all its variants ("Llama" groups
    Llama-2-7B and Llama-3-8B-Instruct).  Metrics are listed by how many results
    they hold; within one, results of the same unit are compared by number.
    """
    rows = [r for r in experiments(kg, model=model, data=data, kind="evaluatedOn") if r.number is not None]
    per_metric: dict[str, int] = {}
    for r in rows:
        per_metric[r.metric or ""] = per_metric.get(r.metric or "", 0) + 1

    def order(r: ExperimentResult) -> tuple:
        metric = r.metric or ""
        sign = 1 if metric in LOWER_IS_BETTER else -1
        return (-per_metric[metric], metric, r.unit or "", sign * r.number, r.model, r.paper_key)
    return Results(sorted(rows, key=order))


def same_model_papers(kg, matched: dict[str, list[tuple[str, str]]], data: Iterable[str],
                      kinds: tuple[str, ...] = ("evaluatedOn",)) -> dict[str, list[tuple[str, str]]]:
    """Of papers matched by a fine-tuning filter, those whose fine-tuned model itself was run on ``data``.

    The paper-level question joins two edges of a paper; this keeps a paper only
    when one of its experiments has as model the very model it fine-tunes
    (matched by the filter), or the paper's own model made from it ("we
    fine-tune Llama-3-8B to obtain Quokka-8B": a model the paper proposes whose
    lineage, ``variantOf``/``derivedFrom``, reaches the tuned one), and one of
    ``data`` as data.  Another released variant of the base is not the tuned model.
    """
    wanted = set(data)
    G = kg.nx
    kept = {}
    for paper, links in matched.items():
        tuned = {e for rel, e in links if rel == "fineTunes"}
        own = {t for _, t, k in G.out_edges(paper, keys=True) if k == "proposes"}
        if any(x["kind"] in kinds and x["data"] in wanted and
               (x["model"] in tuned or (x["model"] in own and _reaches(G, x["model"], tuned)))
               for x in G.nodes[paper].get("experiments", ())):
            kept[paper] = links
    return kept


def _reaches(G, model: str, targets: set[str]) -> bool:
    """Whether ``model``'s lineage (``variantOf``/``derivedFrom`` upwards) reaches one of ``targets``."""
    seen, todo = {model}, [model]
    while todo:
        for _, up, k in G.out_edges(todo.pop(), keys=True):
            if k in (VARIANT_OF, DERIVED_FROM) and up not in seen:
                if up in targets:
                    return True
                seen.add(up)
                todo.append(up)
    return False
