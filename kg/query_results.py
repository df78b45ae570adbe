"""The results of :class:`kg.query.KnowledgeGraph`: pydantic records that print compactly.

Each serialises with ``model_dump()`` and flattens with ``to_record()``; a
:class:`Results` list flattens with ``to_records()`` for pandas or CSV.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

from kg import notebook
from kg.model import Evidence


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
