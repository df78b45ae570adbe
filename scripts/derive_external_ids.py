"""Derive ``kg/data/external_ids.jsonl``: Hugging Face and arXiv ids for names the catalogue knows.

Reads three gazetteers of ``../shared/external/gazetteers/`` (ids copied from
public repositories; see its README for the caveats):

* ``hf_models.jsonl``: model name → Hugging Face model id;
* ``hf_datasets.jsonl``: benchmark name → Hugging Face dataset id;
* ``arxiv_methods.jsonl``: name → arXiv id of the paper its source cites.

Names are compared by ``kg.catalogue.name_key`` only, never guessed.  A
name's ids are kept only when they are not ambiguous:

* models: the id's repository part must be the name itself (its key, after
  the Hub's ``Meta-`` prefix and ``-hf`` suffix are set aside), so a family
  name a source points at one variant (``Qwen`` → ``Qwen-7B-Chat``) gets none;
  several ids left mean none (ids differing only in case are one);
* benchmarks: names a source marks as a suite are left out; mirrors
  (``MIRRORS``: evaluation harnesses' re-uploads) give way to the maker's id,
  ids whose repository is the name itself are preferred, and several left
  mean none;
* arXiv: a name with several arXiv ids gets none.

A row says which catalogue entry its name is (``"catalogue"``), when the
name is a label or alias of exactly one entry of a fitting type; other rows
name entities the recogniser builds (``Llama-2-7B`` below ``Llama 2``) and
are matched to them by the same key when the graph is built (kg/external.py).

Hand-made choices are data: ``kg/data/curated/hf_mirrors.txt`` (organisations
whose dataset ids are used only when no maker's id is left) and
``kg/data/curated/external_ids_wrong.jsonl`` (rows checked by hand and found wrong).

Usage: ``python scripts/derive_external_ids.py [--gazetteers DIR] [--out PATH]``
(``scripts/derive_catalogue.py`` rebuilds every file)
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from derive_common import DATA, GAZETTEERS, curated, curated_words, jsonl, read_jsonl  # noqa: E402

from kg.catalogue import Catalogue, name_key  # noqa: E402
from kg.catalogue import load as load_catalogue  # noqa: E402

OUT = DATA / "external_ids.jsonl"

# Organisations that re-upload other makers' benchmarks for an evaluation harness, or their "plus" versions.
MIRRORS = curated_words("hf_mirrors.txt")
# Rows checked by hand and found wrong: (name, id) a source gives for something else (a Korean RoBERTa).
WRONG = {(r["name"], r["hf_id"]) for r in curated("external_ids_wrong.jsonl")}
# The catalogue types each kind of gazetteer row may name.
TYPES = {"model": {"Model"}, "data": {"Benchmark", "Dataset"}, "model_architecture": {"Model", "Technique"},
         "benchmark": {"Benchmark", "Dataset"}}


def _rows(path: Path) -> list[dict]:
    return read_jsonl(path)


def _repo_key(hf_id: str) -> str:
    return name_key(hf_id.split("/", 1)[1])


def _model_ids(key: str, ids: list[str]) -> list[str]:
    """The ids whose repository is the model itself: exact first, then with Meta-/-hf set aside."""
    exact = [i for i in ids if _repo_key(i) == key]
    if exact:
        return exact
    loose = []
    for i in ids:
        repo = _repo_key(i)
        repo = repo[4:] if repo.startswith("meta") else repo
        repo = repo[:-2] if repo.endswith("hf") else repo
        if repo == key:
            loose.append(i)
    return loose


def _dataset_ids(key: str, ids: list[str]) -> list[str]:
    makers = [i for i in ids if i.split("/", 1)[0].lower() not in MIRRORS] or ids
    exact = [i for i in makers if _repo_key(i) == key]
    return exact or makers


def _one(ids: list[str]) -> str | None:
    """The single id, or None when several different ones remain (case does not make a difference)."""
    distinct: dict[str, str] = {}
    for i in ids:
        distinct.setdefault(i.lower(), i)  # the first spelling the gazetteer gives
    return next(iter(distinct.values())) if len(distinct) == 1 else None


def _grouped(rows: list[dict], field: str, kind_of) -> dict[tuple[str, str], dict]:
    """(kind, key) → {"name": first spelling, "ids": [...], "sources": [...]} for rows with a non-empty key."""
    groups: dict[tuple[str, str], dict] = {}
    for r in rows:
        key = name_key(r["name"])
        if not key or (r["name"], r.get("hf_id")) in WRONG:
            continue
        g = groups.setdefault((kind_of(r), key), {"name": r["name"], "ids": [], "sources": []})
        g["ids"].append(r[field])
        g["sources"].append(r["source"])
    return groups


def _catalogue_entry(cat: Catalogue, key: str, kind: str) -> str | None:
    fitting = [i for i in cat.index.get(key, ()) if cat.entries[i].type.value in TYPES[kind]]
    return fitting[0] if len(fitting) == 1 else None


def derive(gazetteers: Path, data: Path = DATA) -> tuple[list[dict], dict[str, int]]:
    cat = load_catalogue(data)
    found: dict[tuple[str, str], dict] = defaultdict(dict)
    counts = defaultdict(int)
    suites = {name_key(r["name"]) for r in _rows(gazetteers / "hf_datasets.jsonl") if r.get("kind") == "suite"}
    hf = {**_grouped(_rows(gazetteers / "hf_models.jsonl"), "hf_id", lambda r: "model"),
          **_grouped([r for r in _rows(gazetteers / "hf_datasets.jsonl") if name_key(r["name"]) not in suites],
                     "hf_id", lambda r: "data")}
    for (kind, key), g in hf.items():
        chosen = _one((_model_ids if kind == "model" else _dataset_ids)(key, g["ids"]))
        counts[f"{kind} names"] += 1
        if chosen is None:
            counts[f"{kind} names left out (ambiguous or not the name's own repository)"] += 1
            continue
        found[(kind, key)].update(name=g["name"], hf_id=chosen)
    arxiv = _grouped(_rows(gazetteers / "arxiv_methods.jsonl"), "arxiv_id",
                     lambda r: "data" if r["type"] == "benchmark" else r["type"])
    for (kind, key), g in arxiv.items():
        chosen = _one(g["ids"])
        counts["arxiv names"] += 1
        if chosen is None:
            counts["arxiv names left out (several papers)"] += 1
            continue
        found[(kind, key)].setdefault("name", g["name"])
        found[(kind, key)]["arxiv_id"] = chosen
    rows = []
    for (kind, key), row in sorted(found.items()):
        entry = _catalogue_entry(cat, key, kind)
        rows.append({"kind": kind, "name": row["name"], **({"catalogue": entry} if entry else {}),
                     **{f: row[f] for f in ("hf_id", "arxiv_id") if f in row}})
    counts["catalogue entries with an id"] = len({r["catalogue"] for r in rows if "catalogue" in r})
    return rows, dict(counts)


def text(data: Path, gazetteers: Path) -> dict[str, str]:
    """``external_ids.jsonl``'s text, given the other catalogue files in ``data``."""
    rows, counts = derive(gazetteers, data)
    for what, n in sorted(counts.items()):
        print(f"{what}: {n}", file=sys.stderr)
    return {"external_ids.jsonl": jsonl(rows)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gazetteers", type=Path, default=GAZETTEERS)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    args.out.write_text(text(DATA, args.gazetteers)["external_ids.jsonl"], encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
