"""Derive ``kg/data/models.jsonl``, the model catalogue, from ``kg/data/curated/models.jsonl``.

Two sources, both in the curated file (fields in ``kg/data/README.md``):

* ``source: team`` entries, written from general knowledge of the field
  (model cards, papers, release notes) up to late 2025: families, their
  versions and the variants that carry names of their own;
* ``source: epoch`` picks from Epoch AI, "Notable AI Models"
  (``shared/external/gazetteers/epoch_models.jsonl``, April 2025 snapshot,
  CC-BY-4.0): specific names that abstracts use, mostly older vision, speech,
  games and science models.  Each pick names the Epoch ``row`` it comes from;
  the script checks that the row exists (when the gazetteer is there).

Sizes and variant words (``-7B``, ``-Instruct``, ``mini``, ``Pro``) are parsed by
the recogniser, so they are listed only when a name has a life of its own.

Run from the repository root (``scripts/derive_catalogue.py`` rebuilds every file)::

    python scripts/derive_models.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

from derive_common import curated, jsonl, read_jsonl

from kg.catalogue import name_key, slug

def entries_of(records: list[dict]) -> list[tuple[dict, str | None]]:
    """Catalogue entries (key order as written) with the Epoch row each pick names."""
    out = []
    for r in records:
        entry: dict = {"label": r["label"]}
        if r.get("aliases"):
            entry["aliases"] = list(r["aliases"])
        if r.get("variant_of"):
            entry["variant_of"] = r["variant_of"]
        if r.get("cased"):
            entry["cased"] = True
        if r.get("derived_from"):
            entry["derived_from"] = r["derived_from"]
        entry["source"] = r["source"]
        out.append((entry, r.get("row")))
    return out


def check(entries: list[dict], epoch_rows: dict[str, dict] | None, picks) -> list[str]:
    problems = []
    by_label = {e["label"]: e for e in entries}
    ids: dict[str, str] = {}
    keys: dict[str, str] = {}
    for e in entries:
        i = slug(e["label"])
        if i in ids:
            problems.append(f"duplicate id {i}: {ids[i]} / {e['label']}")
        ids[i] = e["label"]
        for n in [e["label"], *e.get("aliases", [])]:
            k = name_key(n)
            if len(k) < 2 or k.replace(".", "").isdigit():
                problems.append(f"{e['label']}: name {n!r} has a key too short to be safe ({k!r})")
            if k in keys and keys[k] != e["label"]:
                problems.append(f"key {k!r} of {n!r} ({e['label']}) already names {keys[k]}")
            keys.setdefault(k, e["label"])
        for attr in ("variant_of", "derived_from"):
            if e.get(attr) and e[attr] not in by_label:
                problems.append(f"{e['label']}: {attr} {e[attr]!r} is not a label")
        seen, cur = set(), e
        while cur.get("variant_of"):
            if cur["label"] in seen:
                problems.append(f"{e['label']}: variant_of cycle")
                break
            seen.add(cur["label"])
            cur = by_label.get(cur["variant_of"], {})
    if epoch_rows is not None:
        for entry, row in picks:
            if name_key(row) not in epoch_rows:
                problems.append(f"epoch pick {entry['label']}: no Epoch row {row!r}")
    return problems


def derive(data: Path, gazetteers: Path) -> dict[str, str]:
    """``models.jsonl``'s text; stops with the problems when the curated list is inconsistent."""
    pairs = entries_of(curated("models.jsonl"))
    entries = [e for e, _ in pairs]
    picks = [(e, row) for e, row in pairs if e["source"] == "epoch"]
    epoch_path = gazetteers / "epoch_models.jsonl"
    epoch_rows = {name_key(r["model"]): r for r in read_jsonl(epoch_path)} if epoch_path.exists() else None
    problems = check(entries, epoch_rows, picks)
    if problems:
        raise SystemExit("\n".join(f"problem: {p}" for p in problems))
    families = sum(1 for e in entries if not e.get("variant_of"))
    print(f"{len(entries)} models ({len(entries) - len(picks)} team, {len(picks)} epoch), {families} families",
          file=sys.stderr)
    return {"models.jsonl": jsonl(entries)}


if __name__ == "__main__":
    import derive_catalogue
    sys.exit(derive_catalogue.main(["--only", "models", *sys.argv[1:]]))
