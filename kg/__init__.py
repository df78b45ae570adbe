"""mlkg: a knowledge graph of machine-learning papers, models, benchmarks, datasets and techniques.

>>> import kg
>>> g = kg.build(["examples"])        # doctest: +SKIP
>>> g == kg.load("exports/")          # doctest: +SKIP
True
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kg.query import KnowledgeGraph

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "build", "load", "__version__"]


def build(paths: Sequence[str | Path] | str | Path, processes: int = 1) -> KnowledgeGraph:
    """Read listing pages or JSON records and return their knowledge graph."""
    from kg.job import build_graph_from

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return KnowledgeGraph(build_graph_from(paths, processes=processes).graph)


def load(directory: str | Path) -> KnowledgeGraph:
    """The graph a build wrote to ``directory`` (its ``kg.json``), without re-extracting."""
    return KnowledgeGraph.load(directory)
