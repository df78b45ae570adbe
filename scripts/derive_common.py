"""What the catalogue scripts share: where things are, reading the curated files, writing plain JSONL.

The hand-curated source of the catalogue lives in ``kg/data/curated/`` (its
format is described in ``kg/data/README.md``); the scripts only merge it with
the gazetteers of ``../shared/external/gazetteers/`` into the catalogue files
``kg/data/*.jsonl``.  Keeping the reading and writing here means every script
reads and writes the same way, and a bad curated line is one clear error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.catalogue import jsonl_objects, name_key, read_file, read_word_list  # noqa: E402

DATA = ROOT / "kg" / "data"
CURATED = DATA / "curated"
GAZETTEERS = ROOT.parent / "shared" / "external" / "gazetteers"


def read_jsonl(path: Path) -> list[dict]:
    """The objects of a plain JSONL file; a bad line is a CatalogueError naming file and line."""
    return [row for _, row in jsonl_objects(path)]


# The fields a curated record may have (kg/data/README.md says what each means).
FIELDS = {"label", "aliases", "variant_of", "derived_from", "cased", "id", "source", "section", "row",
          "no_short", "no_full", "name", "type", "keep", "skip", "apart", "hf_id", "paradigm"}


def curated(name: str) -> list[dict]:
    """The records of one curated file (``models.jsonl`` …) under ``kg/data/curated/``."""
    rows = read_jsonl(CURATED / name)
    for number, row in enumerate(rows, start=1):
        unknown = set(row) - FIELDS
        if unknown:
            raise SystemExit(f"{CURATED / name}: record {number}: unknown field(s) {sorted(unknown)}")
    return rows


def curated_words(name: str) -> frozenset[str]:
    """A curated word list (one entry a line, ``#`` comments)."""
    path = CURATED / name
    if not path.exists():
        raise SystemExit(f"missing word list {path}")
    return read_word_list(path)


def name_owners(data: Path, files: tuple[str, ...], describe=lambda fname, entry: fname) -> dict[str, str]:
    """Name key → who has it: the entries of other catalogue files, then ``generic.txt``."""
    owners: dict[str, str] = {}
    for fname in files:
        if (data / fname).exists():
            for entry in read_file(data / fname):
                for n in (entry.label, *entry.aliases):
                    owners.setdefault(name_key(n), describe(fname, entry))
    for word in read_word_list(data / "generic.txt"):
        owners.setdefault(name_key(word), "generic.txt")
    return owners


def entry_ids(data: Path, files: tuple[str, ...]) -> dict[str, str]:
    """Id → ``file:label`` for the entries of other catalogue files (ids are unique across files)."""
    return {entry.id: f"{fname}:{entry.label}" for fname in files if (data / fname).exists()
            for entry in read_file(data / fname)}


def jsonl(rows: list[dict]) -> str:
    """Plain JSONL, one object a line, as the catalogue files are written."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
