"""The gate before the recognition rules (kg/extract/gate.py) is conservative: where it passes, the rules find nothing.

Checked on the real texts of the seeds, recent-papers and SciREX, on pairs of their
sentences, and on texts made of their plain words (where the gate passes often), against
the rules run without it.
"""

from __future__ import annotations

import json
import re

import pytest

from kg import catalogue, ingest
from kg.extract import gate, runner
from kg.extract.pipeline import paper_text
from kg.lexicon import Lexicon

from conftest import SEEDS, SHARED

EXTERNAL = SHARED / "external"


def _records(path, limit=None):
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            d = json.loads(line)
            yield d.get("title") or "", d.get("abstract") or ""


def _corpus() -> list[tuple[str, str]]:
    papers = [(p.title, p.abstract) for p in ingest.read([SEEDS]).papers]
    papers += list(_records(EXTERNAL / "recent-papers" / "papers.jsonl"))
    papers += list(_records(EXTERNAL / "scirex" / "scirex_papers.jsonl", limit=150))
    return papers


def _plain(sentence: str) -> str:
    """A sentence's plain words only: its lower-case words, and a capitalised word where it opens it."""
    words = re.findall(r"[A-Za-z]+", sentence)
    kept = [w for k, w in enumerate(words) if w.islower() or (k == 0 and re.fullmatch(r"[A-Z][a-z]*", w))]
    return " ".join(kept) + "."


def _texts() -> list[tuple[str, str]]:
    papers = _corpus()
    sentences = [s for t, a in papers for s in (t, *re.split(r"(?<=[.!?])\s+", a)) if s]
    plain = [_plain(s) for s in sentences]
    # a capitalised word of the corpus (a new name, often) opening a sentence of plain words
    openers = sorted({w for s in sentences for w in re.findall(r"(?<![\w\-])[A-Z][a-z]+(?![\w\-])", s)})
    opened = [f"{w} {p[0].lower()}{p[1:]}" for w, p in zip(openers, plain * (len(openers) // len(plain) + 1))]
    pairs = list(zip(sentences, sentences[1:])) + list(zip(plain, plain[1:])) + list(zip(opened, plain))
    pairs += [(o, "We study things.") for o in openers] + [(f"Paper number {n}", "We study things.") for n in (0, 7)]
    return papers + pairs


@pytest.fixture(scope="module")
def gated_texts():
    cat, lex = catalogue.default(), Lexicon.load()
    texts = [paper_text(t, a) for t, a in _texts()]
    return [(text, end) for text, end in texts if gate.nothing_to_find(text, cat, lex)], len(texts)


def test_no_rule_finds_or_decides_anything_where_the_gate_passes(gated_texts, monkeypatch):
    """Every rule, each run on its own output so far, returns nothing: so no subset of them (an ablation,
    the rules without open vocabulary) can find anything either."""
    passed, total = gated_texts
    assert len(passed) > 2000 and total > 40000  # the check means something: the gate passes often
    monkeypatch.setattr(runner, "nothing_to_find", lambda *args: False)  # the rules, without the gate
    fired = []
    real_plan = runner._plan

    def watched(run):
        def wrapper(page, found):
            got = run(page, found)
            if got:
                fired.append((run.__name__, page.text.text, got))
            return got
        return wrapper

    monkeypatch.setattr(runner, "_plan", lambda off: tuple((kind, tuple(watched(r) for r in runs))
                                                           for kind, runs in real_plan(off)))
    cat, lex = catalogue.default(), Lexicon.load()
    found = {text: c for text, end in passed if (c := runner.find_candidates(text, end, cat, True, True, (), lex))}
    assert found == {} and fired == []


@pytest.mark.parametrize("title, abstract", [
    ("Paper number 12", "We study things."),
    ("On the study of things", "We look at them. Then we stop, again."),
])
def test_plain_texts_pass_the_gate(title, abstract):
    assert gate.nothing_to_find(paper_text(title, abstract)[0], catalogue.default(), Lexicon.load())


@pytest.mark.parametrize("title, abstract", [
    ("Paper number 12", "We study Foo things."),  # a capital inside a sentence
    ("Paper number 12", "We study fooNet."),  # a capital inside a word
    ("Paper number 12", "We study gpt4 things."),  # a digit inside a word
    ("Paper number 12", "We study self-made things."),  # a hyphen
    ("Paper number 12", 'We study "things".'),  # quotes
    ("Paper number 12", "We study things (ST)."),  # an acronym's definition
    ("Paper number 12", "We score 3.5 on things."),  # a figure
    ("Things: a study", "We study things."),  # "X: …" title
    ("Paper number 12", "We use transfer learning."),  # a known name in lower case
    ("Paper number 12", "We use sparse mixing techniques."),  # a method-phrase head
])
def test_texts_with_anything_name_like_run_the_rules(title, abstract):
    assert not gate.nothing_to_find(paper_text(title, abstract)[0], catalogue.default(), Lexicon.load())


def test_a_tiny_record_costs_the_gate_alone(monkeypatch):
    """The rules are not run for a text the gate passes (the whole point of it)."""
    called = []
    monkeypatch.setattr(runner, "_plan", lambda off: called.append(off) or ())
    assert runner.find_candidates(*paper_text("Paper number 3", "We study things."), catalogue.default()) == []
    assert called == []
    runner.find_candidates(*paper_text("Paper number 3", "We study Foo-7B."), catalogue.default())
    assert called
