"""Boundary misses of a cross-validation run: a missed gold name with a wrong (EXTRA) name of ours inside or around it.

    python bench/quality.py --keep DIR          # first: the folds' exports and held-out gold
    python bench/boundary_misses.py DIR [-v]    # then: each pair, classed by the shape of the longer name

Shapes of the longer name (the one the annotation or we wrote): ``plural`` (only an -s apart),
``title-case`` (capitalised words or a number before the shorter name, or capitalised words after it), ``lower-modifier`` (lower-case words before it), ``role-noun`` (a lower-case word after it),
``version`` (digits, a size or a split after it), ``other``.  Fixing a pair gains a true and loses a false
name; the misses whose shorter name is kept as a true one are not listed (bench/technique_losses.py
classes every miss).
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
from technique_losses import details_of, occurrences  # noqa: E402

def shape(longer: str, shorter: str) -> str:
    """How the longer name is built around the shorter one."""
    at = longer.lower().find(shorter.lower())
    before, after = (longer[:at].strip(" -"), longer[at + len(shorter):].strip(" -")) if at >= 0 else ("", "")
    if at < 0:
        return "other"
    if longer.lower().rstrip("s") == shorter.lower().rstrip("s"):
        return "plural"
    if after and re.fullmatch(r"[\w.\-]*\d[\w.\-]*|base|large|small|mini|test[\w\-]*", after, re.I):
        return "version"
    if before and all(w[:1].isupper() or w[:1].isdigit() for w in before.split()):
        return "title-case"
    if after and not before and all(w[:1].isupper() or w[:1].isdigit() for w in after.split()):
        return "title-case"
    if before and before.islower():
        return "lower-modifier"
    if after and after.split()[0].islower() and not before:
        return "role-noun"
    return "other"


def pairs(keep: Path) -> list[tuple]:
    from kg import learn
    rows = []
    for k in range(5):
        gold = json.loads((keep / f"fold{k}.gold.json").read_text(encoding="utf-8"))
        texts = learn.papers_for(gold, SOURCES)
        miss, extra = details_of(keep / f"details{k}.txt")
        for title, missed in miss.items():
            g = next((g for g in gold if g["title"].startswith(title)), None)
            paper = texts.get(g["id"]) if g else None
            text = f"{paper.title}\n{paper.abstract}" if paper else ""
            for mtype, name in missed:
                for etype, other in extra.get(title, []):
                    nk, ek = learn.norm(name), learn.norm(other)
                    if not ek or ek == nk or (ek not in nk and nk not in ek):
                        continue
                    where, longer, shorter = ("inside", name, other) if ek in nk else ("around", other, name)
                    at = occurrences(name, text)[:1]
                    context = text[max(0, at[0][0] - 70):at[0][1] + 50].replace("\n", " | ") if at else ""
                    rows.append((where, shape(longer, shorter), mtype, name, etype, other, g["id"], context))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", help="a bench/quality.py --keep directory with details<k>.txt of score.py --details")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every pair with its sentence")
    args = ap.parse_args()
    rows = pairs(Path(args.dir))
    print(f"missed gold names with an extra name of ours inside or around them: {len(rows)}")
    for (where, kind), n in sorted(Counter((r[0], r[1]) for r in rows).items(), key=lambda x: (-x[1], x[0])):
        print(f"  {n:4d}  {where:<7} {kind}")
    if args.verbose:
        for where, kind, mtype, name, etype, other, pid, context in sorted(rows):
            print(f"{where:<7} {kind:<15} {mtype:<9} {name!r:<40} ours {etype} {other!r}  [{pid}]\n        {context}")


if __name__ == "__main__":
    main()
