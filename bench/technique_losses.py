"""Where the cross-validation loses the techniques the annotation names: a class for each missed one.

    python bench/quality.py --keep DIR          # first: the folds' exports, models and held-out gold
    python bench/technique_losses.py DIR [-v]   # then: each missed gold Technique, classed by where it is lost
    python bench/technique_losses.py DIR --types all   # the missed names of every type (or Model,Benchmark)

For each fold, the held-out papers are extracted again with the open vocabulary on and the fold's own
model, and each gold Technique that the fold's export misses (no node carries one of its names) is put
in one class:

- ``not-in-text``: none of its names is written in the paper (a paraphrase; nothing to find);
- ``dropped``: a candidate names it and the decider drops it (by model: phrase, open, named, catalogue);
- ``kept``: a candidate names it and is kept (lost after extraction: resolution, type, merge);
- ``inside``/``around``/``across``: no candidate names it, but one lies inside, around or across it
  (a span boundary, or a merge into a longer or shorter name);
- ``none``: no candidate touches it, by shape (lower-case phrase, lower-case word, capitalised, acronym).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from quality import SOURCES  # noqa: E402


def occurrences(name: str, text: str) -> list[tuple[int, int]]:
    """Where ``name`` is written in ``text``: any case, a hyphen or a space between words, a plural -s."""
    words = re.split(r"[\s\-]+", name.strip())
    body = r"[\s\-]*".join(re.escape(w) for w in words if w)
    if not body:
        return []
    return [m.span() for m in re.finditer(rf"(?<![\w]){body}(?:s|es)?(?![\w])", text, re.I)]


def shape(name: str) -> str:
    words = name.split()
    if name.islower() or not any(ch.isupper() for ch in name):
        return "lower-phrase" if len(words) > 1 else "lower-word"
    if len(words) == 1 and sum(ch.isupper() for ch in name) >= 2 and len(name) <= 8:
        return "acronym"
    return "capitalised"


def bar_of(features: dict) -> str:
    from kg.extract.decide import _drop_bar
    return _drop_bar(features).removesuffix("_drop_min")


def classify_paper(nlp, model, paper, gold: dict, missed: set[str], norm,
                   types: tuple[str, ...] = ("Technique",)) -> list[tuple]:
    """(class, detail, gold name) for each missed gold entity of one paper whose type is one of ``types``."""
    from kg.extract import pipeline
    from kg.extract.decide import decide

    text, title_end = pipeline.paper_text(paper.title, paper.abstract)
    doc = nlp.make_doc(text)
    doc.user_data["mlkg_text"] = text
    doc._.title_end = title_end
    doc.user_data[pipeline.FEATURES] = record = []
    doc = nlp(doc)
    pipeline.mentions_of(doc, relations=True)
    cands = doc.user_data.get(pipeline.CANDIDATES, [])
    out = []
    for ent in gold["entities"]:
        if ent["type"] not in types or norm(ent["name"]) not in missed:
            continue
        names = [ent["name"], *ent.get("aliases", [])]
        keys = {norm(n) for n in names} - {""}
        hit = [(m, f) for m, f in record if keys & {norm(n) for n in (m.text, *m.aliases)}]
        if hit:
            m, f = hit[0]
            d = decide(model, f, m.type, (m.predicate, *m.also))
            cls = "kept" if d.keep else "dropped"
            detail = f"{bar_of(f)} p(none)={_p_none(model, f):.2f} as {m.type.value} '{m.text}'"
            out.append((cls, detail, ent["name"]))
            continue
        spans = [sp for n in names for sp in occurrences(n, text)]
        if not spans:
            out.append(("not-in-text", shape(ent["name"]), ent["name"]))
            continue
        touching = [(c, s, e) for s, e in spans for c in cands if c.start < e and s < c.end]
        if touching:
            c, s, e = touching[0]
            where = "inside" if s <= c.start and c.end <= e else "around" if c.start <= s and e <= c.end else "across"
            out.append((where, f"{c.rule} '{c.text}' ({c.type.value})", ent["name"]))
        else:
            out.append(("none", shape(ent["name"]), ent["name"]))
    return out


def _p_none(model, features: dict) -> float:
    probs = model.probabilities(features)
    return probs[model.classes.index("none")] if "none" in model.classes else 0.0


_LINE = re.compile(r"\s*(MISS|EXTRA)\s+(\w+)\s+(?:'(.*?)'|\"(.*?)\"|(.*?))\s+in ['\"](.*)['\"]$")


def details_of(path: Path) -> tuple[dict[str, list], dict[str, list]]:
    """Title prefix → [(type, name)] of the missed and of the extra names in one fold's ``score.py --details``."""
    miss: dict[str, list] = {}
    extra: dict[str, list] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _LINE.match(line)
        if m:
            name = next(g for g in m.group(3, 4, 5) if g is not None).strip()
            (miss if m.group(1) == "MISS" else extra).setdefault(m.group(6), []).append((m.group(2), name))
    return miss, extra


def missed_of(details: Path, types: tuple[str, ...] = ("Technique",)) -> dict[str, set[str]]:
    """Title prefix → the names of the entities of ``types`` a fold's export misses."""
    miss, _ = details_of(details)
    return {title: kept for title, names in miss.items() if (kept := {n for t, n in names if t in types})}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", help="a bench/quality.py --keep directory")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every missed technique")
    ap.add_argument("--types", default="Technique", help="types to class, comma-separated, or 'all'")
    args = ap.parse_args()
    from kg import learn
    from kg.extract import pipeline
    from kg.extract.decide import LinearModel
    import subprocess

    keep = Path(args.dir)
    types = ("Model", "Benchmark", "Dataset", "Technique") if args.types == "all" else tuple(args.types.split(","))
    nlp = pipeline.build_nlp(model_path=None, open_vocab=True)
    classes: Counter = Counter()
    rows = []
    for k in range(5):
        gold = json.loads((keep / f"fold{k}.gold.json").read_text(encoding="utf-8"))
        details = keep / f"details{k}.txt"
        if not details.exists():
            details.write_text(subprocess.run(
                [sys.executable, str(ROOT.parent / "shared" / "tools" / "score.py"), "--ttl",
                 str(keep / f"fold{k}" / "kg.ttl"), "--gold", str(keep / f"fold{k}.gold.json"), "--details"],
                capture_output=True, text=True, check=True).stdout, encoding="utf-8")
        missed = missed_of(details, types)
        model = LinearModel.load(keep / f"fold{k}.json")
        texts = learn.papers_for(gold, SOURCES)
        for g in gold:
            names = next((v for t, v in missed.items() if g["title"].startswith(t)), None)
            if not names or g["id"] not in texts:
                continue
            for cls, detail, name in classify_paper(nlp, model, texts[g["id"]], g, {learn.norm(n) for n in names},
                                                    learn.norm, types):
                key = cls if cls in ("dropped", "kept", "not-in-text", "none") else "boundary"
                sub = detail.split()[0] if cls in ("dropped", "kept", "not-in-text", "none") else cls
                classes[(key, sub)] += 1
                etype = next(e["type"] for e in g["entities"] if e["name"] == name)
                rows.append((cls, f"{name} ({etype})" if len(types) > 1 else name, detail, g["title"][:50]))
    total = sum(classes.values())
    print(f"missed gold {'techniques' if types == ('Technique',) else 'names of ' + ', '.join(types)}: {total}")
    for (cls, sub), n in sorted(classes.items(), key=lambda x: (-x[1], x[0])):
        print(f"  {n:4d}  {cls:<12} {sub}")
    if args.verbose:
        for cls, name, detail, title in sorted(rows):
            print(f"{cls:<12} {name!r:<45} {detail}  | {title}")


if __name__ == "__main__":
    main()
