"""mlkg: a knowledge graph of machine-learning papers, models, benchmarks, datasets and techniques.

>>> import kg
>>> g = kg.build(["examples"])        # doctest: +SKIP
>>> g == kg.load("exports/")          # doctest: +SKIP
True

Submodules are imported when first used (``kg.KnowledgeGraph`` included), so
``import kg`` and ``mlkg --help`` stay fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.query import KnowledgeGraph

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "build", "load", "__version__"]
_SUBMODULES = {"catalogue", "cli", "export", "extract", "graph", "ingest", "job", "model", "query", "resolve",
               "sparql", "store", "validate"}


def __getattr__(name: str):
    if name == "KnowledgeGraph":
        from kg.query import KnowledgeGraph

        return KnowledgeGraph
    if name in _SUBMODULES:  # ``kg.sparql.run(...)`` after a bare ``import kg``
        import importlib

        return importlib.import_module(f"kg.{name}")
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def build(paths: Sequence[str | Path] | str | Path, processes: int = 1) -> KnowledgeGraph:
    """Read listing pages or JSON records and return their knowledge graph."""
    from kg.job import build_graph_from
    from kg.query import KnowledgeGraph

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return KnowledgeGraph(build_graph_from(paths, processes=processes).graph)


def load(directory: str | Path) -> KnowledgeGraph:
    """The graph a build wrote to ``directory`` (its ``kg.json``), without re-extracting."""
    from kg.memory import paused_gc
    from kg.query import KnowledgeGraph

    with paused_gc():
        return KnowledgeGraph.load(directory)
