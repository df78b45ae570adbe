"""Experiments across stages: resolved to entity keys, kept on the graph, read back.

Extraction (:mod:`kg.extract.experiments`) names a model and a data set by the
paper's mentions; :func:`resolve_keyed` turns them into entity keys once
the corpus has settled every entity's type.  In the NetworkX graph a paper's
experiments are a list of dicts on its node (``experiments``), with model and
data as entity IRIs, so the graph keeps one node per paper and entity.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kg.model import EntityType, Experiment, ResolvedExperiment

DATA_TYPES = (EntityType.BENCHMARK, EntityType.DATASET)
# Metrics where less is better (kg/data/metrics.txt names); every other metric ranks higher values first.
LOWER_IS_BETTER = frozenset({"FID", "perplexity", "error rate", "attack success rate"})
# A proposed method evaluated as a system ("QUILLNET outperforms … on KITTI") is run like a model.
MODEL_TYPES = (EntityType.MODEL, EntityType.TECHNIQUE)


def resolve_keyed(found: Iterable[tuple[str, Experiment, str, str]],
                  types: Mapping[str, EntityType]) -> tuple[ResolvedExperiment, ...]:
    """Experiments given as (paper, experiment, model key, data key), one per (paper, kind, model, data), the best
    stated.

    A pair whose entities the corpus typed otherwise (the "data" is a model
    after all) is dropped: an experiment runs a model (or a proposed method) on data.
    """
    best: dict[tuple, ResolvedExperiment] = {}
    for paper, x, model, data in found:
        if types.get(model) not in MODEL_TYPES or types.get(data) not in DATA_TYPES or model == data:
            continue
        r = ResolvedExperiment(paper=paper, kind=x.kind, model=model, data=data, metric=x.metric,
                               value=x.value, number=x.number, unit=x.unit, evidence=x.evidence)
        k = (r.paper, r.kind.value, r.model, r.data)
        if k not in best or _rank(r) > _rank(best[k]):
            best[k] = r
    return tuple(best[k] for k in sorted(best))


def _rank(r: ResolvedExperiment) -> tuple:
    """A stated value first, then the first sentence that states the pair (abstracts lead with the headline)."""
    return (r.value is not None, r.evidence.field == "abstract", -r.evidence.sentence_start, r.evidence.confidence,
            -r.evidence.start)


def graph_record(r: ResolvedExperiment, entity_iri) -> dict:
    """The dict kept on the paper node for one experiment (JSON-ready, keys sorted on export)."""
    from kg.graph import evidence_record  # kg.graph imports this module

    return {
        "kind": r.kind.value,
        "model": entity_iri(r.model),
        "data": entity_iri(r.data),
        "metric": r.metric,
        "value": r.value,
        "number": r.number,
        "unit": r.unit,
        "evidence": evidence_record(r.evidence),
    }
