"""Derive ``kg/data/benchmarks.jsonl`` and ``kg/data/datasets.jsonl``.

Two sources:

* the team's entries in ``kg/data/curated/benchmarks.jsonl`` and
  ``kg/data/curated/datasets.jsonl`` (``source: team``), written from general
  knowledge of the field: evaluation benchmarks up to 2025 and well-known
  training corpora and data releases;
* the Papers with Code dataset collection
  (``shared/external/gazetteers/pwc_datasets.jsonl``, CC-BY-SA-4.0,
  ``source: pwc``), filtered for names specific enough to match safely in any
  abstract by the rules below and the hand-made decisions of
  ``kg/data/curated/pwc_datasets.jsonl`` (typed Benchmark unless a decision
  says ``"type": "dataset"``).

Team entries win every name they claim; a PwC name whose key is already taken
(by a team entry, or by a model or technique in the catalogue) is dropped.

The word check needs an English word list (Debian's ``wamerican``:
``/usr/share/dict/words``).  Run from the repository root
(``scripts/derive_catalogue.py`` rebuilds every file)::

    python scripts/derive_benchmarks.py [--words PATH]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from derive_common import curated, curated_words, entry_ids, jsonl, name_owners, read_jsonl

from kg.catalogue import name_key, slug


def _decisions() -> dict[str, set[str]]:
    """The hand-made PwC decisions: names typed Dataset, kept, skipped, kept apart."""
    out: dict[str, set[str]] = {"dataset": set(), "keep": set(), "skip": set(), "apart": set()}
    for r in curated("pwc_datasets.jsonl"):
        if r.get("type") == "dataset":
            out["dataset"].add(r["name"])
        for flag in ("keep", "skip", "apart"):
            if r.get(flag):
                out[flag].add(r["name"])
    return out


_PICKS = _decisions()
# Typed Dataset (a training corpus or data release, not an evaluation benchmark).
PWC_DATASETS = _PICKS["dataset"]
# Variants kept as entries of their own, never merged into a team entry.
PWC_KEEP_APART = _PICKS["apart"]
# Kept although a rule would drop them (well-known, specific in context).
PWC_KEEP = _PICKS["keep"]
# Dropped although the rules would keep them (ambiguous, generic or misleading).
PWC_SKIP = _PICKS["skip"]
# Proper nouns and common tokens that never make a name specific on their own.
NOT_DISTINCTIVE = curated_words("not_distinctive.txt")

_BAD_CHARS = re.compile(r"[(),:%/>;!?\[\]{}\"“”]| - |\s-|-\s")
_BAD_TAIL = re.compile(
    r"(?i)\b(?:val|valid|validation|test|testing|dev|train|test-std|test-dev|test-standard|unsupervised|"
    r"supervised|labeled|labels|upscaling|\d+x\d*|\d+-way|\d+-shot|shot|sigma\d+|split|subset|"
    r"easy|medium|hard|full|mini|small|large|clean|final|english|german|chinese|french|spanish)$")
_VERSION = re.compile(r"(?i)^(?:v\d+(?:\.\d+)*|\d+(?:\.\d+)*[kmb]?|\d{4})$")


def load_words(path: Path) -> tuple[set[str], set[str]]:
    """Lower-case English words, and the words the list writes capitalised (proper nouns)."""
    lower, proper = set(), set()
    for w in path.read_text(encoding="utf-8", errors="replace").split():
        w = w.split("'")[0]
        if not w:
            continue
        (proper if w[0].isupper() else lower).add(w.lower())
    return lower, proper - lower


def tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-_.]+", name) if t]


def classify(name: str, words: set[str], proper: set[str]) -> tuple[str, bool]:
    """("keep" | "cased" | reason to drop, is-all-caps-word) for one surface name."""
    name = name.strip()
    if not name:
        return "empty", False
    if _BAD_CHARS.search(name):
        return "punct", False
    if len(name.split()) > 5:
        return "long", False
    if _BAD_TAIL.search(name) and len(tokens(name)) > 1:
        return "split", False
    key = name_key(name)
    if len(key) < 3:
        return "short", False
    toks = tokens(name)
    distinctive = []
    for t in toks:
        low = t.lower()
        if low in NOT_DISTINCTIVE or _VERSION.match(t):
            continue
        alpha = re.sub(r"[^A-Za-z]", "", t)
        if not alpha:
            continue
        has_digit = any(c.isdigit() for c in t)
        inner_caps = any(c.isupper() for c in t[1:]) and not t.isupper()
        if has_digit and len(alpha) >= 2:
            distinctive.append(("digit", t))
        elif inner_caps:
            distinctive.append(("camel", t))
        elif t.isupper() and len(alpha) >= 4:
            distinctive.append(("caps-word" if low in words or low in proper else "caps", t))
        elif t.isupper() and len(alpha) == 3 and len(toks) > 1:
            distinctive.append(("caps3", t))
        elif low not in words and low not in proper and len(alpha) >= 4:
            distinctive.append(("rare", t))
    compact = re.fullmatch(r"[A-Za-z][A-Za-z0-9+]*(?:-[A-Za-z0-9+]+)+", name)
    if compact and any(c.isdigit() for c in name) and len(re.sub(r"[^A-Za-z]", "", name)) >= 3:
        distinctive.append(("digit", name))     # "Food-101", "Market-1501", "Wiki-40B"
    kinds = {k for k, _ in distinctive}
    if not distinctive:
        if len(toks) >= 2 and all(t[:1].isupper() or _VERSION.match(t) for t in toks):
            return "phrase", False       # "Stanford Cars": reviewed by hand
        return "words", False
    if kinds == {"caps-word"}:
        return "caps-word", True        # "SALSA": an English word in capitals
    if len(toks) == 1 and kinds == {"rare"} and name[:1].isupper() and name[1:].islower():
        return "cased", False            # "Cityscapes"-like single capitalised word
    return "keep", False


def _segments(key: str, words: set[str], max_parts: int = 3) -> bool:
    """``key`` is one to ``max_parts`` English words run together ("followup", "timetravel")."""
    if not key.isalpha():
        return False
    if key in words and (len(key) > 2 or key in _TWO_LETTER):
        return True
    if max_parts == 1:
        return False
    for i in range(2, len(key) - 1):
        head = key[:i]
        if (head in words and (len(head) > 2 or head in _TWO_LETTER)) and _segments(key[i:], words, max_parts - 1):
            return True
    return False


_TWO_LETTER = curated_words("two_letter_words.txt")


def _ascii(name: str) -> bool:
    import unicodedata
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return all(ord(c) < 128 for c in folded)


def team_entries(records: list[dict], etype: str) -> list[dict]:
    return [{"label": r["label"], "aliases": list(r.get("aliases", [])), "cased": bool(r.get("cased")),
             "source": "team", "type": etype} for r in records]


def reserved_keys(data: Path) -> dict[str, str]:
    """Keys that name something else: other catalogue files, generic words."""
    return name_owners(data, ("models.jsonl", "techniques.jsonl"))


def method_and_model_keys(gazetteers: Path) -> set[str]:
    keys = set()
    path = gazetteers / "pwc_methods.jsonl"
    if path.exists():
        keys.update(name_key(raw["name"]) for raw in read_jsonl(path))
    path = gazetteers / "epoch_models.jsonl"
    if path.exists():
        keys.update(name_key(raw["model"]) for raw in read_jsonl(path))
    keys.discard("")
    return keys


_STRIP_TAIL = re.compile(r"\s+(?:Dataset|dataset|Data Set|Database|Benchmark)$")


_BAD_ANY = re.compile(r"(?i)\bvs\.?\b|_|\bto\b|\bone-class\b|\bminival\b|\bminval\b|\btest-|\d\s*x\s*\d|"
                      r"\b(?:classification|detection|segmentation|completion|synthesis|generation|answering|"
                      r"tracking|estimation|recognition|retrieval|moderate|multiple|choice|open|ended|random|"
                      r"partition|area\d*|unaligned|aligned|imbalanced|noisy)\b")
_GENERIC_NUMBERED = re.compile(r"(?i)^(?:test|train|val|dev|set|data|task|split)[\s-]*\d+$")


# A variant that is a leaderboard of its dataset (a language pair, a task number, a setting), not a name.
_APART_BAD = re.compile(r"(?i)\btask\b|\btrack\b|english|\b[a-z]{2}-[a-z]{2}\b|clique|balanced|detected|"
                        r"\beval\d+|answerability|\bS\d\b|similarity|detecting|^atari 2600 |\bnews$|"
                        r"\bmedical$|\bbiomedical$|\bv\d \d\b|\d \d+M$|domain|\b(?:en|de|es|fr|zh|ja|ru|it)$|"
                        r"-view$|\bcommon noun$|\belbows$|\bwrists$")


def _alias_like(variant: str, label: str) -> bool:
    """A spelling, version or acronym of ``label`` rather than another benchmark built on it."""
    vk, lk = name_key(variant), name_key(label)
    if vk == lk or name_key(_STRIP_TAIL.sub("", variant)) == lk or name_key(_STRIP_TAIL.sub("", label)) == vk:
        return True
    for a, b in ((vk, lk), (lk, vk)):
        if a.startswith(b) and re.fullmatch(r"v[0-9.]+|[0-9]+\.[0-9.]+|(?:19|20)[0-9]{2}", a[len(b):]):
            return True
    initials = "".join(w[0] for w in re.split(r"[\s\-]+", label) if w and w[0].isalpha()).lower()
    if len(initials) >= 3 and vk in (initials, initials.replace("d", "", 1) if initials.endswith("d") else initials):
        return True
    return False


def _surface_ok(n: str, words: set[str], proper: set[str]) -> tuple[bool, bool]:
    """(accepted, needs case) for one PwC surface name."""
    if n in PWC_SKIP or not _ascii(n) or " et al" in n or "&" in n:
        return False, False
    if n not in PWC_KEEP and (_BAD_ANY.search(n) or _GENERIC_NUMBERED.match(n)):
        return False, False
    verdict, _ = classify(n, words, proper)
    key = name_key(n)
    if n in PWC_KEEP:
        ok = True
    elif verdict in ("keep", "cased"):
        ok = True
    elif verdict == "caps-word":
        ok = len(tokens(n)) > 1
    else:
        ok = False
    if not ok:
        return False, False
    if n.islower() and _segments(key, words):
        return False, False
    letters = re.sub(r"[^A-Za-z]", "", n)
    cased = (verdict in ("cased", "caps-word", "phrase", "words") or (letters.isupper() and len(letters) >= 2)
             or _segments(key, words) or _segments(name_key(re.sub(r"[^A-Za-z ]", " ", n)), words))
    return True, cased


def pwc_entries(path: Path, words: set[str], proper: set[str], log: list[str]) -> list[dict]:
    """One entry per PwC dataset, plus one per variant that names another benchmark built on it."""
    out = []
    for row in read_jsonl(path):
        rname = re.sub(r"\s+", " ", row["name"]).strip()
        if rname in PWC_SKIP:
            continue
        surfaces = []
        for n in [rname, *row.get("variants", [])]:
            n = re.sub(r"\s+", " ", n).strip()
            m = _STRIP_TAIL.search(n)
            for x in (n, n[:m.start()] if m else None):
                if x and x not in surfaces:
                    surfaces.append(x)
        accepted = [(n, c) for n in surfaces for ok, c in [_surface_ok(n, words, proper)]
                    if ok and (n == rname or not _APART_BAD.search(n))]
        if not accepted:
            continue
        names = [n for n, _ in accepted]
        label = rname if rname in names else names[0]
        etype = "dataset" if rname in PWC_DATASETS or label in PWC_DATASETS else "benchmark"
        main = {"label": label, "aliases": [], "cased": False, "source": "pwc", "type": etype, "row": rname}
        others = []
        for n, c in accepted:
            if n == label or _alias_like(n, label):
                if n != label:
                    main["aliases"].append(n)
                main["cased"] |= c
            elif n.count("+") < 2:
                others.append({"label": n, "aliases": [], "cased": c, "source": "pwc",
                               "type": "dataset" if n in PWC_DATASETS else etype, "row": rname})
        for e in [main, *others]:
            names_ = [e["label"], *e["aliases"]]
            if not all(any(ch.isdigit() for ch in n) for n in names_):
                e["cased"] = True
            e["aliases"] = [a for a in e["aliases"] if len(name_key(a)) >= 4]
            if len(name_key(e["label"])) < 4 and e["label"] not in PWC_KEEP:
                if not e["aliases"]:
                    continue
                e["label"], e["aliases"] = e["aliases"][0], e["aliases"][1:]
            out.append(e)
    return out


def build(pwc_path: Path, words_path: Path, data: Path, log: list[str]) -> tuple[list[dict], list[dict]]:
    words, proper = load_words(words_path)
    reserved = reserved_keys(data)
    elsewhere = method_and_model_keys(pwc_path.parent)
    team = (team_entries(curated("benchmarks.jsonl"), "benchmark")
            + team_entries(curated("datasets.jsonl"), "dataset"))
    owner: dict[str, dict] = {}
    kept: list[dict] = []

    def claim(entry: dict, names: list[str]) -> list[str]:
        out = []
        for n in names:
            key = name_key(n)
            if len(key) < 2:
                log.append(f"drop empty key: {n!r} ({entry['label']})")
                continue
            if key in reserved:
                log.append(f"drop {n!r} ({entry['label']}): also in {reserved[key]}")
                continue
            if key in owner and owner[key] is not entry:
                if entry["source"] == "team":
                    log.append(f"team duplicate {n!r}: {entry['label']} vs {owner[key]['label']}")
                continue
            owner[key] = entry
            out.append(n)
        return out

    for e in team:
        names = claim(e, [e["label"], *e["aliases"]])
        if not names or names[0] != e["label"]:
            log.append(f"team entry lost its label: {e['label']}")
            continue
        e["aliases"] = names[1:]
        kept.append(e)
    for e in pwc_entries(pwc_path, words, proper, log):
        names = [e["label"], *e["aliases"]]
        stripped = _STRIP_TAIL.sub("", e["label"])
        hit = owner.get(name_key(e["label"])) or owner.get(name_key(stripped))
        if hit is not None:
            rest = [n for n in names if name_key(n) not in owner and name_key(n) not in reserved
                    and name_key(n) not in elsewhere and n not in PWC_KEEP_APART]
            if hit["source"] == "team" and rest:
                added = claim(hit, rest)
                hit["aliases"].extend(added)
                if added:
                    log.append(f"merge into {hit['label']}: {added}")
            continue
        names = [n for n in names if name_key(n) not in elsewhere or n in PWC_KEEP]
        if len(names) < len([e["label"], *e["aliases"]]):
            log.append(f"pwc names also a method or model: {e['label']}")
        names = claim(e, names)
        if not names:
            continue
        e["label"], e["aliases"] = names[0], names[1:]
        kept.append(e)
    bench = [e for e in kept if e["type"] == "benchmark"]
    data_ = [e for e in kept if e["type"] == "dataset"]
    return bench, data_


WORDS = Path("/usr/share/dict/words")


def lines(entries: list[dict], ids: set[str]) -> str:
    """One line an entry; an explicit id only where the label's slug is taken ("HumanEval+")."""
    out = []
    for e in entries:
        obj = {"label": e["label"], "aliases": e["aliases"], "cased": e["cased"], "source": e["source"]}
        id_ = slug(e["label"].replace("+", " plus "))
        if id_ in ids or id_ != slug(e["label"]):
            n = 2
            while id_ in ids:
                id_, n = f"{slug(e['label'])}-{n}", n + 1
            obj = {"id": id_, **obj}
        ids.add(id_)
        out.append(obj)
    return jsonl(out)


def derive(data: Path, gazetteers: Path, words: Path = WORDS) -> dict[str, str]:
    """The texts of ``benchmarks.jsonl`` and ``datasets.jsonl``, given models and techniques in ``data``."""
    if not words.exists():
        raise SystemExit(f"{words}: no English word list (Debian package wamerican)")
    log: list[str] = []
    bench, data_ = build(gazetteers / "pwc_datasets.jsonl", words, data, log)
    ids = set(entry_ids(data, ("models.jsonl", "techniques.jsonl")))
    print(f"benchmarks: {len(bench)} ({sum(e['source'] == 'team' for e in bench)} team), "
          f"datasets: {len(data_)} ({sum(e['source'] == 'team' for e in data_)} team)", file=sys.stderr)
    return {"benchmarks.jsonl": lines(bench, ids), "datasets.jsonl": lines(data_, ids)}


if __name__ == "__main__":
    import derive_catalogue
    sys.exit(derive_catalogue.main(["--only", "benchmarks", *sys.argv[1:]]))
