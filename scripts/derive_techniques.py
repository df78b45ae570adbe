"""Derive ``kg/data/techniques.jsonl``, the technique catalogue, from ``kg/data/curated/techniques.jsonl``.

Two sources, both in the curated file (fields in ``kg/data/README.md``):

* ``source: team``: techniques written by the team from general knowledge of
  the field (papers, documentation).  ``cased`` marks a name that is also an
  ordinary word or another thing's acronym in lower case (``ZeRO``, ``RoPE``).
* ``source: pwc``: a hand-picked selection of the Papers with Code methods
  list (``../shared/external/gazetteers/pwc_methods.jsonl``, CC-BY-SA-4.0, June
  2022), chosen for specific, well-known methods; models, generic components
  ("Convolution", "Softmax", "Linear Layer") and ambiguous acronyms are left
  out.  A pick names its gazetteer ``row``; its names are the row's short and
  full name (less ``no_short`` / ``no_full``) and the pick's ``aliases``.
* ``source: pwc`` by rule (after the picks, ``pwc_rule_entries``): every other row
  of the methods list that names a specific architecture or algorithm, by stated
  criteria and never by listing names: one of its collections is in
  ``curated/pwc_method_collections.txt`` (architectures, named optimisers,
  training and self-supervised methods) and none in
  ``curated/pwc_component_collections.txt`` (convolutions, poolings, blocks,
  activations, losses, augmentations); at least ``MIN_PAPERS`` papers use it;
  and its name is distinctive (``derive_benchmarks.classify``: a digit, inner
  capitals or a word the English list lacks, in its first word too), neither a
  run-together of English words ("AutoEncoder", "ColorJitter") nor a letters-only
  acronym of four letters or fewer ("FCN", "ARMA", "PnP": other fields' acronyms
  too).  A capitalised "X-former" is the naming convention of Transformer
  variants and is taken although some are English words ("Performer").  Names
  taken by rule are ``cased``: matched as the list writes them, so a paper's own
  "REVNET" or "PerFormer" is not RevNet or the Performer.
  A row whose name another technique, another catalogue file or ``generic.txt``
  already has is left out, and so is a numbered version of a catalogued model
  ("VGG-16": the recogniser reads it as a variant of VGG).  ``paradigm`` marks team entries that name a
  generic paradigm (see ``kg/data/README.md``).

Names are compared by ``kg.catalogue.name_key`` (case, spaces, hyphens and
punctuation ignored), so only genuinely different spellings are listed.  The
script adds British spellings (-isation, -ising, modelling) and, for cased
entries, the usual capitalisations of multi-word names (a cased entry matches
only the written forms).  It refuses a name whose key is already used by
another technique, by ``generic.txt``, or (with a warning, the name is dropped)
by another catalogue file.

Usage: ``python scripts/derive_techniques.py`` (``scripts/derive_catalogue.py`` rebuilds every file)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import derive_benchmarks
from derive_common import curated, curated_words, entry_ids, jsonl, name_owners, read_jsonl

from kg.catalogue import cased_key, name_key, slug

_SMALL = curated_words("title_small_words.txt")


def _title(name: str, small: bool) -> str:
    words = re.split(r"([ \-])", name)
    out = []
    for i, w in enumerate(words):
        if w in (" ", "-") or not w:
            out.append(w)
        elif small and i > 0 and w.lower() in _SMALL:
            out.append(w.lower())
        elif w[:1].islower():
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    return "".join(out)


def case_variants(name: str) -> list[str]:
    """The usual capitalisations of a multi-word name (for cased entries)."""
    if not re.search(r"[ \-]", name):
        if name.islower():  # a lower-case word also starts sentences and titles
            return [name, name[:1].upper() + name[1:]]
        return [name]
    if not re.search(r"[a-z]{3}", name):
        return [name]
    words = re.split(r"[ \-]", name)
    acronymish = [w for w in words if re.search(r"[A-Z].*[A-Z]|[0-9]", w)]
    if acronymish and len(acronymish) == len([w for w in words if w]):
        return [name]
    out = [name]
    if not acronymish:
        low = name.lower()
        out += [low, low[:1].upper() + low[1:]]
    out.append(name[:1].upper() + name[1:])
    out.append(_title(name, small=True))
    out.append(_title(name, small=False))
    return out


_BRIT = [(re.compile(r"(?<=[a-z])iz(ation|ations|ing|ed|er|ers|e)\b"), r"is\1"),
         (re.compile(r"\bmodeling\b"), "modelling"), (re.compile(r"\bModeling\b"), "Modelling"),
         (re.compile(r"\bbehavior"), "behaviour")]


def british(name: str) -> str:
    for pat, rep in _BRIT:
        name = pat.sub(rep, name)
    return name


def team_entries(records: list[dict]) -> list[dict]:
    """The team's records as entries (an ``id`` only where the label's slug is taken: "LoRA+")."""
    out = []
    for r in records:
        entry = {"label": r["label"], "aliases": list(r.get("aliases", [])), "cased": bool(r.get("cased")),
                 "source": "team"}
        if r.get("id"):
            entry["id"] = r["id"]
        if r.get("paradigm"):
            entry["paradigm"] = True
        out.append(entry)
    return out


def pwc_entries(path: Path, picks: list[dict]) -> list[dict]:
    """One entry per pick, named from its gazetteer row."""
    rows: dict[str, dict] = {}
    for r in read_jsonl(path):
        rows.setdefault(r["name"], r)
    entries = []
    for opts in picks:
        name = opts["row"]
        row = rows.get(name)
        if row is None:
            raise SystemExit(f"PWC method {name!r} is not in {path}")
        names = []
        if not opts.get("no_short"):
            names.append(name)
        full = row.get("full_name")
        if full and not opts.get("no_full"):
            full = re.sub(r"\s*\([^)]*\)\s*$", "", full).strip(" .:")
            names.append(full)
        names += opts.get("aliases", [])
        label = opts.get("label") or names[0]
        aliases = [n for n in names if n != label]
        entries.append({"label": label, "aliases": aliases, "cased": bool(opts.get("cased")),
                        "source": "pwc"})
    return entries


MIN_PAPERS = 3  # used by this many papers of the list: a well-known method, not a one-paper name
_METHOD_COLLECTIONS = curated_words("pwc_method_collections.txt")
_COMPONENT_COLLECTIONS = curated_words("pwc_component_collections.txt")
_FORMER = re.compile(r"[A-Z][a-z]+former")
# Endings that make a network's name of English words by the field's convention ("CenterNet", "InfoGAN")
_NAMED_SUFFIX = re.compile(r"[a-z](?:Net|GAN|Former)(?:V?\d+)?$")


def rule_name(name: str, words: set[str], proper: set[str]) -> bool:
    """May a methods-list name be taken by rule (module docstring)?"""
    if _FORMER.fullmatch(name):
        return True
    if any(derive_benchmarks.classify(part, words, proper)[0] != "keep" for part in {name, name.split()[0]}):
        return False
    letters = re.sub(r"[^A-Za-z]", "", name)
    if len(letters) <= 4 and not any(c.isdigit() for c in name):
        return False
    return not derive_benchmarks._segments(name_key(name), words) or bool(_NAMED_SUFFIX.search(name))


_VERSIONED = re.compile(r"(.+?)[\s-]?([vV]?\d+[\w.]*)")


def pwc_rule_entries(path: Path, picked: set[str], owned: set[str], words: set[str],
                     proper: set[str], models: frozenset[str] = frozenset()) -> list[dict]:
    """Entries for the methods-list rows the rules take (module docstring), most used first.

    ``owned`` holds the name keys other entries already have; ``models`` the keys of catalogued
    models, whose numbered versions ("VGG-16", "YOLOv1") the model lineage reads already.
    """
    rows: dict[str, dict] = {}
    for r in read_jsonl(path):
        rows.setdefault(r["name"], r)
    out = []
    for row in sorted(rows.values(), key=lambda r: (-r["num_papers"], r["name"])):
        collections = set(row["collections"])
        if (row["name"] in picked or row["num_papers"] < MIN_PAPERS or not collections & _METHOD_COLLECTIONS
                or collections & _COMPONENT_COLLECTIONS):
            continue
        full = re.sub(r"\s*\([^)]*\)\s*$", "", row.get("full_name") or "").strip(" .:")
        names = [row["name"]] + ([full] if full and rule_name(full, words, proper) else [])
        versioned = _VERSIONED.fullmatch(row["name"])
        if not rule_name(row["name"], words, proper) or any(name_key(n) in owned for n in names) or (
                versioned and name_key(versioned.group(1)) in models):
            continue
        owned.update(name_key(n) for n in names)
        out.append({"label": names[0], "aliases": names[1:], "cased": True, "source": "pwc"})
    return out


_NEWER = re.compile(r"v?[2-9][0-9]*|\++")  # a later version or a "+" (P-tuning v2, LoRA+): another method


def check_versions(entry: dict) -> None:
    """Refuse an alias that is the label with a later version or a "+" (or the other way round).

    A method's v2 or "+" has a name and a paper of its own and is never an alias (GUIDELINES
    "distinct entities stay distinct"); "FlashAttention-1" may name FlashAttention.
    """
    label = name_key(entry["label"])
    for alias in entry["aliases"]:
        key = name_key(alias)
        for longer, shorter in ((key, label), (label, key)):
            if longer.startswith(shorter) and _NEWER.fullmatch(longer[len(shorter):]):
                raise SystemExit(f"{alias!r} is another version of technique {entry['label']!r}: "
                                 "give it an entry of its own")


def expand(entry: dict) -> dict:
    names = [entry["label"], *entry["aliases"]]
    more = []
    for n in names:
        more.append(n)
        b = british(n)
        if b != n:
            more.append(b)
    if entry["cased"]:
        more = [v for n in more for v in case_variants(n)]
    seen_keys = {cased_key(entry["label"])} if entry["cased"] else {name_key(entry["label"])}
    aliases = []
    for n in more[1:]:
        k = cased_key(n) if entry["cased"] else name_key(n)
        if k in seen_keys or not k:
            continue
        seen_keys.add(k)
        aliases.append(n)
    return {**entry, "aliases": aliases}


_OTHER_FILES = ("models.jsonl", "benchmarks.jsonl", "datasets.jsonl")


def build(data: Path, gazetteer: Path, words: Path) -> tuple[list[dict], list[str]]:
    records = curated("techniques.jsonl")
    team = team_entries([r for r in records if r["source"] == "team"])
    pick_records = [r for r in records if r["source"] == "pwc"]
    picks = pwc_entries(gazetteer, pick_records)
    taken = name_owners(data, _OTHER_FILES, lambda fname, entry: f"{fname}:{entry.label}")
    for e in team + picks:
        check_versions(e)
    entries = [expand(e) for e in team + picks]
    owned = set(taken) | {name_key(n) for e in entries for n in [e["label"], *e["aliases"]]}
    lower, proper = derive_benchmarks.load_words(words)
    models = frozenset(k for k, owner in taken.items() if owner.startswith("models.jsonl:"))
    entries += [expand(e) for e in pwc_rule_entries(gazetteer, {r["row"] for r in pick_records}, owned,
                                                    lower, proper, models)]
    warnings = []
    mine: dict[str, str] = {}
    ids = entry_ids(data, _OTHER_FILES)
    out = []
    for e in entries:
        keep_names = []
        for n in [e["label"], *e["aliases"]]:
            k = name_key(n)
            if k in mine and mine[k] != e["label"]:
                raise SystemExit(f"{n!r} ({e['label']}) already names technique {mine[k]!r}")
            if k in taken:
                warnings.append(f"dropped {n!r} ({e['label']}): key {k!r} is used by {taken[k]}")
                continue
            if len(k) < 3 and not e["cased"]:
                raise SystemExit(f"{n!r}: key {k!r} is too short")
            mine[k] = e["label"]
            keep_names.append(n)
        if not keep_names:
            continue
        if keep_names[0] != e["label"]:
            warnings.append(f"label {e['label']!r} dropped: entry relabelled {keep_names[0]!r}")
        entry_id = e.get("id") or slug(keep_names[0])
        if entry_id in ids:
            raise SystemExit(f"id {entry_id!r} of {keep_names[0]!r} is already used by {ids[entry_id]}")
        ids[entry_id] = keep_names[0]
        out.append({**({"id": e["id"]} if e.get("id") else {}), "label": keep_names[0],
                    "aliases": keep_names[1:], "cased": e["cased"], "source": e["source"],
                    **({"paradigm": True} if e.get("paradigm") else {})})
    return out, warnings


def derive(data: Path, gazetteers: Path, words: Path = derive_benchmarks.WORDS) -> dict[str, str]:
    """``techniques.jsonl``'s text, given the other catalogue files in ``data`` and an English word list."""
    entries, warnings = build(data, gazetteers / "pwc_methods.jsonl", words)
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    n_pwc = sum(e["source"] == "pwc" for e in entries)
    print(f"{len(entries)} techniques ({len(entries) - n_pwc} team, {n_pwc} pwc)", file=sys.stderr)
    return {"techniques.jsonl": jsonl(entries)}


if __name__ == "__main__":
    import derive_catalogue
    sys.exit(derive_catalogue.main(["--only", "techniques", *sys.argv[1:]]))
