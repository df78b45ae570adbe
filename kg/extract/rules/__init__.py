"""The recognition rules, one module per family; importing this package registers them all.

See :mod:`kg.extract.runner` for the stages they run in and how overlaps are resolved.
"""

from kg.extract import phrases
from kg.extract.rules import acronyms, ellipsis, introduced, kinded, known, lists, objects, prefixed, proposals, shapes, sizes, spread, versions

__all__ = ["acronyms", "ellipsis", "introduced", "kinded", "known", "lists", "objects", "phrases", "prefixed", "proposals", "shapes", "sizes", "spread", "versions"]
