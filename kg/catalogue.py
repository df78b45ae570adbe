"""The catalogue of known models, benchmarks, datasets and techniques.

Knowledge lives in ``kg/data/*.jsonl`` (one entity per line, described in
``kg/data/README.md``); this module only loads it and answers two questions quickly: "is this surface form a known
name?" and "what is this model a variant of?".

Surface forms are compared through :func:`name_key`, which ignores case,
spaces, hyphens and most punctuation, so ``LLaMA-2``, ``Llama 2`` and
``Llama2`` are one key.  Entries marked ``"cased": true`` (names that are also
English words, such as the benchmark ``MATH``) additionally require the
letters' case to match one of their written forms.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeVar

# The name keys (identity, case-kept, IRI slug) are kg/keys.py's; re-exported for the catalogue's users.
from kg.keys import cased_key, name_key, slug  # noqa: F401
from kg.model import EntityType
from kg.paths import shipped

T = TypeVar("T")

DATA_FILES = {
    EntityType.MODEL: "models.jsonl",
    EntityType.BENCHMARK: "benchmarks.jsonl",
    EntityType.DATASET: "datasets.jsonl",
    EntityType.TECHNIQUE: "techniques.jsonl",
}
FILE_TYPES = {filename: etype for etype, filename in DATA_FILES.items()}

@dataclass(frozen=True)
class Entry:
    """One known entity."""

    id: str
    type: EntityType
    label: str
    aliases: tuple[str, ...] = ()
    variant_of: str | None = None
    derived_from: str | None = None
    cased: bool = False
    source: str | None = None
    paradigm: bool = False  # a generic paradigm ("transfer learning"): an entity only where a paper applies it

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


class CatalogueError(ValueError):
    """A catalogue file is malformed; the message names file and line."""


@dataclass
class Catalogue:
    """Known entities and a key index over all their names."""

    entries: dict[str, Entry] = field(default_factory=dict)
    index: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cased_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    prefixes: frozenset[str] = frozenset()
    closed: frozenset[str] = frozenset()  # ids of models whose weights were never released
    paradigms: frozenset[str] = frozenset()  # ids of generic paradigms (Entry.paradigm)
    joined: frozenset[str] = frozenset()  # keys written only as one joined token ("BookCorpus", "Make3D")
    _derived: dict = field(default_factory=dict, repr=False, compare=False)  # what :meth:`derived` worked out

    def derived(self, key, make: Callable[["Catalogue"], T]) -> T:
        """``make(self)``, worked out once per catalogue and ``key``: facts the rules read from every entry
        ("the stop words no name starts with"), kept with the catalogue they come from."""
        if key not in self._derived:
            self._derived[key] = make(self)
        return self._derived[key]

    @classmethod
    def from_entries(cls, entries: list[Entry]) -> "Catalogue":
        cat = cls()
        index: dict[str, list[str]] = {}
        for entry in entries:
            cat.entries[entry.id] = entry
            forms = set()
            for name in entry.names:
                key = name_key(name)
                if not key:
                    continue
                ids = index.setdefault(key, [])
                if entry.id not in ids:
                    ids.append(entry.id)
                forms.add(cased_key(name))
            if entry.cased:
                cat.cased_forms[entry.id] = frozenset(forms)
        cat.index = {k: tuple(v) for k, v in index.items()}
        cat.paradigms = frozenset(e.id for e in entries if e.paradigm)
        names = [n for e in entries for n in e.names]
        cat.joined = frozenset(name_key(n) for n in names if _JOINED.search(n) and not any(c.isspace() for c in n)) \
            - {name_key(n) for n in names if any(c.isspace() for c in n)}
        cat.prefixes = frozenset(k[:i] for k in index for i in range(1, len(k) + 1))
        for entry in entries:
            for attr in ("variant_of", "derived_from"):
                target = getattr(entry, attr)
                if target and target not in cat.entries:
                    raise CatalogueError(f"{entry.id}: {attr} {target!r} is not in the catalogue")
        return cat

    def mark_closed(self, labels: frozenset[str]) -> None:
        """Every model that is, or descends from, one of these labels is closed."""
        self.closed = frozenset(e.id for e in self.entries.values()
                                if any(a.label in labels for a in self.lineage(e.id)))

    def lookup(self, surface: str) -> Entry | None:
        """The entry a surface form names, honouring ``cased`` entries.

        When one key names several entries (rare), the first listed wins.
        A ``cased`` entry also accepts a spelling written as a name, not as a
        word: ``Human-eval`` for ``HumanEval``, but neither ``math`` nor ``Math``
        for ``MATH``.
        """
        key = name_key(surface)
        if key in self.joined and surface[:1].islower() and any(c.isspace() for c in surface):
            return None  # "a small book corpus": words in lower case, not the one-token name BookCorpus
        for entry_id in self.index.get(key, ()):
            forms = self.cased_forms.get(entry_id)
            if forms is None or cased_key(surface) in forms or _written_as_name(surface, forms):
                return self.entries[entry_id]
        return None

    def lineage(self, entry_id: str) -> list[Entry]:
        """The entry and every model above it, most specific first."""
        out, seen = [], set()
        while entry_id and entry_id not in seen:
            seen.add(entry_id)
            entry = self.entries[entry_id]
            out.append(entry)
            entry_id = entry.variant_of
        return out


_CAMEL = re.compile(r"[a-z][A-Z]")  # a capital right after a small letter
_JOINED = re.compile(r"[a-z][A-Z]|[A-Za-z]\d|\d[A-Za-z]")  # parts joined in one token: BookCorpus, Make3D


def _written_as_name(surface: str, forms: frozenset[str] = frozenset()) -> bool:
    """Capitals beyond the first letter, or pieces joined by hyphens/digits: not an English word.

    Not a phrase with a lowercase word in it ("up to T" is not ToT), and not
    all capitals for a name that is written in mixed case ("STAR" is not STaR).

    >>> [_written_as_name(s) for s in ("Human-eval", "GSM8k", "Math", "math", "do-not-answer", "to T")]
    [True, True, False, False, False, False]
    >>> _written_as_name("STAR", frozenset({"STaR"})), _written_as_name("MATH", frozenset({"MATH"}))
    (False, True)

    Nor another camel-case spelling of any name: "LoRa" (the radio protocol) is not LoRA.

    >>> _written_as_name("LoRa", frozenset({"LoRA"})), _written_as_name("Human-Eval", frozenset({"HumanEval"}))
    (False, True)

    Nor a camel-case spelling of a name written in capitals only: "ViTs" (vision transformers) is not
    the speech model VITS.

    >>> _written_as_name("ViTs", frozenset({"VITS"})), _written_as_name("Gsm-8K", frozenset({"GSM8K"}))
    (False, True)

    Nor a word given inner capitals: "PerFormer" (a paper's own model) is not the Performer.

    >>> _written_as_name("PerFormer", frozenset({"Performer"}))
    False
    """
    if surface == surface.lower():
        return False
    if _CAMEL.search(surface):  # inner capitals not written so in the catalogue: another name
        return False
    if any(w == w.lower() for w in surface.split()):
        return False
    letters = "".join(c for c in surface if c.isalpha())
    if letters.isupper() and not any(f.isupper() for f in forms):
        return False
    return any(c.isupper() for c in surface[1:]) or any(c.isdigit() for c in surface) or (
        "-" in surface.strip("-"))


def read_file(path: str | Path) -> list[Entry]:
    """The entries of one catalogue file, typed by its name (``models.jsonl`` …)."""
    path = Path(path)
    return _read_jsonl(path, FILE_TYPES[path.name])


def jsonl_objects(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) of a plain JSONL file (blank lines allowed); a bad line is a one-line error."""
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                why = ("a comment line: catalogue files are plain JSONL (see kg/data/README.md)"
                       if line.lstrip().startswith(("//", "#")) else f"not JSON ({exc.msg} at column {exc.pos + 1})")
                raise CatalogueError(f"{path}:{number}: {why}") from None
            if not isinstance(raw, dict):
                raise CatalogueError(f"{path}:{number}: expected a JSON object")
            yield number, raw


def _read_jsonl(path: Path, etype: EntityType) -> list[Entry]:
    """The entries of one catalogue file; a bad line is a one-line error naming file and line."""
    entries = []
    for number, raw in jsonl_objects(path):
        try:
            entries.append(_entry(raw, etype))
        except (KeyError, TypeError, ValueError) as exc:
            raise CatalogueError(f"{path}:{number}: {exc}") from None
    return entries


def _entry(raw: dict, etype: EntityType) -> Entry:
    """One catalogue line as an entry; ``ValueError`` says what is wrong with it."""
    name = raw.get("label")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("no \"label\" (a non-empty string)")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError("\"aliases\" must be a list of strings")
    return Entry(
        id=raw.get("id") or slug(name),
        type=etype,
        label=name,
        aliases=tuple(a for a in aliases if a and a != name),
        variant_of=(slug(raw["variant_of"]) if raw.get("variant_of") else None),
        derived_from=(slug(raw["derived_from"]) if raw.get("derived_from") else None),
        cased=bool(raw.get("cased", False)),
        source=raw.get("source"),
        paradigm=bool(raw.get("paradigm", False)),
    )


def load(directory: str | Path | None = None) -> Catalogue:
    """Read every catalogue file; ids must be unique across all of them."""
    base = Path(directory) if directory else shipped("data")
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for etype, filename in DATA_FILES.items():
        path = base / filename
        if not path.exists():
            continue
        for entry in _read_jsonl(path, etype):
            if entry.id in seen:
                raise CatalogueError(f"{filename}: id {entry.id!r} already defined in {seen[entry.id]}")
            seen[entry.id] = filename
            entries.append(entry)
    cat = Catalogue.from_entries(entries)
    cat.mark_closed(read_word_list(base / "closed_models.txt"))
    return cat


@cache
def default() -> Catalogue:
    """The packaged catalogue, loaded once per process."""
    return load()


def read_lines(filename: str) -> frozenset[str]:
    """A word list under ``kg/data`` (one entry per line, ``#`` comments)."""
    return read_word_list(shipped("data") / filename)


def read_word_list(path: Path) -> frozenset[str]:
    """The entries of a word list (one per line, ``#`` comments); empty if the file is missing."""
    if not path.exists():
        return frozenset()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line)
    return frozenset(words)
