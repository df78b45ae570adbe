"""The relations of the graph, read from one table: ``kg/data/predicates.tsv``.

Each relation is one row (its id, ontology term and label, API and CLI
keyword, verb, page colour, and what it becomes for another entity type), so
adding a relation is one row here plus its cues (``kg/extract/``) and its
ontology terms (``ontology/mlkg.ttl``, checked by ``tests/test_predicates.py``).
The model (:class:`kg.model.Predicate`), resolve, the RDF export, the page, the
query API and the CLI all read it.  This module imports no heavy library, so
``mlkg --help`` can read it.

>>> relations()[:3]
('proposes', 'fineTunes', 'trainsOn')
>>> precedence()["mentions"], filters()["fine_tunes"], member_name("usesTechnique")
(6, ('fineTunes',), 'USES_TECHNIQUE')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

TABLE = "data/predicates.tsv"
ENTITY_TYPES = ("Model", "Benchmark", "Dataset", "Technique")
COLUMNS = ("id", "kind", "term", "label", "keyword", "verb", "colour", "dashed", "family", "counted", *ENTITY_TYPES)
KINDS = ("relation", "lineage")
NONE = "-"


class PredicateTableError(ValueError):
    """The predicate table cannot be read: the message names the file and line."""


@dataclass(frozen=True)
class Row:
    """One relation of the table."""

    id: str
    kind: str
    term: str
    label: str
    keyword: str | None
    verb: str | None
    colour: str
    dashed: bool
    family: bool
    counted: bool
    as_type: tuple[tuple[str, str], ...]  # (entity type, the relation it becomes) where it changes


def parse(text: str, where: str = TABLE) -> tuple[Row, ...]:
    """The rows of a table's text, checked; a bad line is one :class:`PredicateTableError` naming it."""
    rows: list[Row] = []
    header = None
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = tuple(cells)
            if header != COLUMNS:
                raise PredicateTableError(f"{where}:{n}: the header must be {' '.join(COLUMNS)}")
            continue
        if len(cells) != len(COLUMNS):
            raise PredicateTableError(f"{where}:{n}: {len(cells)} columns, expected {len(COLUMNS)}")
        rows.append(_row(dict(zip(COLUMNS, cells)), f"{where}:{n}"))
    _check(rows, where)
    return tuple(rows)


def _flag(value: str, column: str, at: str) -> bool:
    if value not in ("yes", "no"):
        raise PredicateTableError(f"{at}: {column} is yes or no, not {value!r}")
    return value == "yes"


def _row(c: dict[str, str], at: str) -> Row:
    if c["kind"] not in KINDS:
        raise PredicateTableError(f"{at}: kind is one of {', '.join(KINDS)}, not {c['kind']!r}")
    if not re.fullmatch(r"[a-z][A-Za-z]*", c["id"]) or not c["term"].startswith("mlkg:"):
        raise PredicateTableError(f"{at}: an id is a camel-case word and a term an mlkg: name")
    optional = {k: None if c[k] == NONE else c[k] for k in ("keyword", "verb")}
    return Row(id=c["id"], kind=c["kind"], term=c["term"], label=c["label"], colour=c["colour"], **optional,
               dashed=_flag(c["dashed"], "dashed", at), family=_flag(c["family"], "family", at),
               counted=_flag(c["counted"], "counted", at),
               as_type=tuple((t, c[t]) for t in ENTITY_TYPES if c[t] != NONE))


def _check(rows: list[Row], where: str) -> None:
    ids = [r.id for r in rows]
    keywords = [r.keyword for r in rows if r.keyword]
    for what, values in (("id", ids), ("keyword", keywords)):
        doubled = sorted({v for v in values if values.count(v) > 1})
        if doubled:
            raise PredicateTableError(f"{where}: {what} {', '.join(doubled)} given twice")
    relation_ids = {r.id for r in rows if r.kind == "relation"}
    for r in rows:
        unknown = [target for _, target in r.as_type if target not in relation_ids]
        if unknown:
            raise PredicateTableError(f"{where}: {r.id} becomes unknown relation {', '.join(unknown)}")


@cache
def table() -> tuple[Row, ...]:
    """The shipped table, read once (from a zipped wheel too)."""
    return parse(resources.files("kg").joinpath(TABLE).read_text(encoding="utf-8"))


def row(predicate: str) -> Row:
    """The row of one relation id (a :class:`kg.model.Predicate` is one)."""
    return _by_id()[predicate]


@cache
def _by_id() -> dict[str, Row]:
    return {r.id: r for r in table()}


@cache
def relations() -> tuple[str, ...]:
    """The paper → entity relations, most specific first."""
    return tuple(r.id for r in table() if r.kind == "relation")


@cache
def lineage() -> tuple[str, ...]:
    """The entity → entity (lineage) relations."""
    return tuple(r.id for r in table() if r.kind == "lineage")


def precedence() -> dict[str, int]:
    """Relation → rank, 0 the most specific: one paper–entity pair keeps the edge of lowest rank."""
    return {p: i for i, p in enumerate(relations())}


@cache
def filters() -> dict[str, tuple[str, ...]]:
    """Filter keyword (``fine_tunes``) → the relation ids it accepts, in table order."""
    return {r.keyword: (r.id,) for r in table() if r.kind == "relation" and r.keyword}


def verbs() -> dict[str, str]:
    """Filter keyword → its verb (``fine_tunes`` → ``fine-tune``) for help texts."""
    return {r.keyword: r.verb or r.keyword for r in table() if r.kind == "relation" and r.keyword}


def family() -> tuple[str, ...]:
    """What "a paper works with a model" means (``family=`` filters)."""
    return tuple(r.id for r in table() if r.kind == "relation" and r.family)


def counted() -> tuple[str, ...]:
    """The relations counted by default when ranking entities."""
    return tuple(r.id for r in table() if r.kind == "relation" and r.counted)


def styles() -> dict[str, tuple[str, bool]]:
    """Relation → (edge colour, dashed) on the page, relations then lineage."""
    return {r.id: (r.colour, r.dashed) for r in table()}


@cache
def fit() -> dict[str, dict[str, str]]:
    """Entity type → {relation: the relation it becomes for an entity of that type} (only the changes)."""
    out: dict[str, dict[str, str]] = {t: {} for t in ENTITY_TYPES}
    for r in table():
        for etype, target in r.as_type:
            out[etype][r.id] = target
    return out


def member_name(predicate: str) -> str:
    """The enum member name of a relation id: ``fineTunes`` → ``FINE_TUNES``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", predicate).upper()
