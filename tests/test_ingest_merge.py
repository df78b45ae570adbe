"""Merging sightings of one paper across files; entries keep only their plain abstract once read."""

from __future__ import annotations

import json

from kg import ingest
from kg.ingest_listing import parse_listing
from kg.ingest_records import parse_records

ABSTRACT = "We describe a gadget that folds paper cranes faster than any person could, and we time it carefully."


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_sightings_chain_into_one_paper_through_an_arxiv_id(tmp_path):
    # b.jsonl names the id by URL under one title; a.txt gives the other title with the same id in its text.
    (tmp_path / "a.txt").write_text(
        f"Crane Folding at Speed\n\n{ABSTRACT} Code: https://arxiv.org/abs/2401.01234\n", encoding="utf-8")
    _jsonl(tmp_path / "b.jsonl", [
        {"title": "Fast Crane Folding", "abstract": ABSTRACT, "url": "https://arxiv.org/abs/2401.01234"},
        {"title": "crane folding at speed!", "abstract": ABSTRACT + " It folds swans too." * 4, "upvotes": 7},
    ])
    result = ingest.read([tmp_path])
    assert len(result.papers) == 1
    paper = result.papers[0]
    assert paper.key == "arxiv-2401.01234"
    assert paper.title == "Crane Folding at Speed"  # the first sighting in source order
    assert paper.abstract.endswith("It folds swans too.")  # the longest abstract
    assert [(s.page.split("/")[-1], s.line) for s in paper.sources] == [("a.txt", 1), ("b.jsonl", 1), ("b.jsonl", 2)]
    assert paper.upvotes == 7


def test_a_file_given_twice_is_one_source(tmp_path):
    _jsonl(tmp_path / "p.jsonl", [{"title": "Crane Folding", "abstract": ABSTRACT}])
    result = ingest.read([tmp_path / "p.jsonl", tmp_path / "p.jsonl"])
    assert len(result.papers) == 1 and len(result.papers[0].sources) == 1


def test_read_entries_keep_their_plain_abstract_only():
    page = f"Crane Folding\n\n\\textbf{{Markup}}  first. {ABSTRACT}\n"
    (entry,), _ = parse_listing(page, "p.txt")
    assert entry.abstract_lines == [] and entry.abstract == f"Markup first. {ABSTRACT}"
    (record,), _ = parse_records([(1, {"title": "T", "abstract": "An \\emph{abstract}."})], "r.jsonl")
    assert record.abstract_lines == [] and record.abstract == "An abstract."
