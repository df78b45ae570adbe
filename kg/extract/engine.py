"""The rule registry: every extraction rule is a named, ranked object in one table.

A rule is a plain function registered with :func:`rule`; its :class:`Rule`
record says which stage runs it, its rank within the stage (lower wins an
overlap), the confidence of what it finds, and what that is in one line.
The id is the string the exports show as the edge's rule, so a rule id is
spelt once, here, and everything else refers to the record.

>>> reg = Registry()
>>> @rule("shout", stage="names", rank=3, confidence=0.5, finds="words in capitals", registry=reg)
... def shout(text): return [w for w in text.split() if w.isupper()]
>>> [(r.id, r.rank) for r in reg.stage("names")], reg.get("shout").run("use GPT and BERT")
([('shout', 3)], ['GPT', 'BERT'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One named extraction rule."""

    id: str
    stage: str
    rank: int
    confidence: float
    finds: str
    run: Callable
    new: bool = False  # finds names the catalogue lacks: each is looked for again across its paper
    shown: str = ""  # the rule string the exports show, where it is not the id (ids are unique; shown strings need not be)

    @property
    def label(self) -> str:
        """What the exports call this rule: ``shown``, or the id."""
        return self.shown or self.id


class Registry:
    """Rules by id, and by stage in rank order."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def add(self, rule: Rule) -> Rule:
        if rule.id in self._rules and self._rules[rule.id].run is not rule.run:
            raise ValueError(f"rule {rule.id!r} is registered twice")
        self._rules[rule.id] = rule
        return rule

    def get(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __contains__(self, rule_id: str) -> bool:
        return rule_id in self._rules

    def ids(self) -> list[str]:
        return sorted(self._rules)

    def stage(self, stage: str, disabled: Iterable[str] = ()) -> list[Rule]:
        """The stage's rules that are switched on, in rank order (then id, so the order is fixed)."""
        off = frozenset(disabled)
        return sorted((r for r in self._rules.values() if r.stage == stage and r.id not in off),
                      key=lambda r: (r.rank, r.id))


REGISTRY = Registry()


def rule(id: str, stage: str, rank: int, confidence: float, finds: str,
         registry: Registry = REGISTRY, new: bool = False, shown: str = "") -> Callable[[Callable], Callable]:
    """Register the decorated function as rule ``id``; the function itself is returned unchanged.

    Decorators may be stacked: one function (one scan of the text) may find
    candidates of several ids, each with its own record.
    """
    def register(fn: Callable) -> Callable:
        registry.add(Rule(id, stage, rank, confidence, finds, fn, new, shown))
        return fn
    return register

