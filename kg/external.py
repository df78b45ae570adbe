"""Identifiers outside the graph: Hugging Face Hub ids, arXiv papers, as links (``same_as``, ``source``).

``kg/data/external_ids.jsonl`` (made by ``scripts/derive_external_ids.py``
from the gazetteers) holds, per name, a Hugging Face model or dataset id
and the arXiv id of the paper that introduced it.  An entity takes the ids
of the rows whose name has the same key (``kg.catalogue.name_key``) as its
label or one of its aliases, in a kind that fits its type; when its names
lead to different ids it takes none.  Papers link to their arXiv page and
their Hugging Face paper page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

from kg.catalogue import name_key
from kg.paths import shipped

FILE = "external_ids.jsonl"
HF = "https://huggingface.co/"
ARXIV = "https://arxiv.org/abs/"
# Entity type → the kinds of row that may name it.
KINDS = {"Model": ("model", "model_architecture"), "Technique": ("model_architecture",),
         "Benchmark": ("data",), "Dataset": ("data",)}


@cache
def table() -> dict[tuple[str, str], dict]:
    """(kind, name key) → the row of ``external_ids.jsonl``."""
    path = shipped("data") / FILE
    if not path.exists():
        return {}
    rows = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                rows[(row["kind"], name_key(row["name"]))] = row
    return rows


def _unique(values: Iterable[str]) -> str | None:
    distinct: dict[str, str] = {}
    for v in values:
        distinct.setdefault(v.lower(), v)
    return next(iter(distinct.values())) if len(distinct) == 1 else None


def entity_ids(etype: str, names: Iterable[str]) -> dict[str, str]:
    """``{"hf_id": …, "arxiv_id": …}`` for an entity of ``etype`` with these names (only the ids known)."""
    rows = table()
    found = [rows[(kind, key)] for key in sorted({name_key(n) for n in names} - {""}) for kind in KINDS.get(etype, ())
             if (kind, key) in rows]
    ids = {}
    for field in ("hf_id", "arxiv_id"):
        value = _unique(r[field] for r in found if field in r)
        if value:
            ids[field] = value
    return ids


def entity_links(etype: str, ids: dict) -> dict[str, object]:
    """Node attributes for an entity's ids: ``same_as`` (Hub page) and ``source`` (introducing paper)."""
    links: dict[str, object] = {}
    if ids.get("hf_id"):
        links["same_as"] = [HF + ("" if etype == "Model" else "datasets/") + ids["hf_id"]]
    if ids.get("arxiv_id"):
        links["source"] = ARXIV + ids["arxiv_id"]
    return links


def paper_links(arxiv_id: str | None) -> list[str]:
    """A paper's arXiv abstract page and its Hugging Face paper page."""
    if not arxiv_id:
        return []
    return [ARXIV + arxiv_id, HF + "papers/" + arxiv_id]


def hub_count(g, keys: list[str]) -> list[int]:
    """[how many of these entities have a Hugging Face page, how many there are] (for ``mlkg stats``)."""
    from kg.graph import entity_iri

    found = sum(1 for key in keys if any(u.startswith(HF) for u in g.nodes[entity_iri(key)].get("same_as", ())))
    return [found, len(keys)]
