"""Hostile and broken input, one case at a time: each is read or refused in words, never a traceback.

Every case here was found by fuzzing (tests/test_fuzz.py) or by bench/limits.py,
and fails without the protection it names.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import ingest, job, sparql
from kg.cli import cli
from kg.export import html, rdf
from kg.ingest import IngestError

from conftest import EXAMPLES
from test_fuzz import Page, assert_exports_parse_back, assert_page_shows_text_as_text

ABSTRACT = ("We fine-tune Llama 3 with LoRA and evaluate the resulting model on GSM8K, "
            "reporting accuracy across several reasoning tasks.")
PAYLOAD_TITLE = '</script><script>alert(1)</script> "} } SELECT * WHERE { ?s ?p ?o } # \\ """ &amp; <b>'
PAYLOAD_PAGE_TITLE = PAYLOAD_TITLE.replace("&amp;", "&amp;amp;")  # as written: ingest decodes HTML entities once


def records_file(tmp_path: Path, name: str, records: list[dict]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- text that no encoder takes


def test_lone_surrogates_from_json_escapes_become_replacement_characters(tmp_path):
    """Protection: clean_text replaces lone surrogates (else every export fails with UnicodeEncodeError)."""
    path = tmp_path / "r.json"
    path.write_text('[{"title": "Lone \\ud800 surrogate", "abstract": "' + ABSTRACT + ' \\udfff",'
                    ' "organization": "Lab \\udc80", "url": "https://github.com/a/\\ud83d"}]', encoding="utf-8")
    [paper] = ingest.read([path]).papers
    assert paper.title == "Lone \ufffd surrogate" and paper.abstract.endswith("\ufffd")
    assert paper.organization == "Lab \ufffd" and paper.urls == ("https://github.com/a/\ufffd",)
    report = job.run([path], tmp_path / "out", formats=("ttl", "nt", "jsonld", "json", "html"))
    assert_exports_parse_back(report.graph)


def test_a_file_name_that_is_not_utf8_is_recorded_readably(tmp_path):
    """Protection: ingest._label (else the source page holds a surrogate and no export can be written)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9\nline.txt")).write_text(f"A Title\n\n{ABSTRACT}\n", encoding="utf-8")
    result = ingest.read([folder])
    assert [s.page for s in result.papers[0].sources] == ["in/caf\ufffd\ufffdline.txt"]
    report = job.run([folder], tmp_path / "out", formats=("ttl", "nt", "jsonld", "json", "html"))
    assert_exports_parse_back(report.graph)


# --------------------------------------------------------------------------- JSON the parser gives up on


@pytest.mark.parametrize("name, text, message", [
    ("deep.json", "[" * 100_000 + "]" * 100_000, "invalid JSON: nested too deeply"),
    ("deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n", "invalid JSON: nested too deeply"),
    ("long-number.json", '[{"title": "T", "abstract": "A", "upvotes": ' + "9" * 5000 + "}]",
     "invalid JSON: Exceeds the limit (4300 digits)"),
    ("long-number.jsonl", '{"title": "T", "abstract": "A", "authors": -' + "1" * 5000 + "}\n",
     "invalid JSON: Exceeds the limit (4300 digits)"),
])
def test_json_the_parser_gives_up_on_is_refused_in_words(tmp_path, name, text, message):
    """Protection: _json_error catches RecursionError and ValueError, not only JSONDecodeError."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IngestError) as info:
        ingest.read([path])
    assert message in str(info.value) and name in str(info.value)


def test_a_json_document_over_the_size_limit_is_refused_in_words(tmp_path, monkeypatch):
    """Protection: MAX_JSON_BYTES (a .json document is parsed whole; .jsonl has no limit)."""
    monkeypatch.setattr(ingest, "MAX_JSON_BYTES", 1000)
    records = [{"title": f"Paper {n}", "abstract": ABSTRACT} for n in range(20)]
    with pytest.raises(IngestError, match=r"over the 0 MB limit: skipped \(write one record a line, as .jsonl"):
        ingest.read([records_file(tmp_path, "big.json", records)])
    (tmp_path / "big.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert len(ingest.read([tmp_path / "big.jsonl"]).papers) == 20


# --------------------------------------------------------------------------- sizes


def test_an_entry_over_the_size_limit_is_skipped_in_words(tmp_path):
    """Protection: MAX_ENTRY_CHARS (spaCy refuses a text over 1,000,000 characters with a ValueError)."""
    huge = ABSTRACT + " More text." * 15_000  # 165 kB: over the entry limit, under the line limit
    page = tmp_path / "page.txt"
    page.write_text(f"Too Long\n\n{huge}\n\nJust Right\n\n{ABSTRACT}\n", encoding="utf-8")
    records = records_file(tmp_path, "r.json", [{"title": "Too Long Too", "abstract": huge},
                                                {"title": "Also Right", "abstract": ABSTRACT}])
    result = ingest.read([page, records])
    assert sorted(p.title for p in result.papers) == ["Also Right", "Just Right"]
    assert [str(p) for p in result.problems] == [
        "page.txt:1: entry longer than 100,000 characters skipped: 'Too Long'",
        "r.json: record 1: record longer than 100,000 characters: skipped ('Too Long Too')"]


def test_a_line_over_the_line_limit_is_skipped_unread(tmp_path):
    """Protection: _Lines reads at most MAX_LINE_BYTES of a line; a 1.2 MB abstract once crashed spaCy."""
    huge = "word " * 240_000
    page = tmp_path / "page.txt"
    page.write_text(f"{huge}\nTitle Of A Long One\n\n{huge}\n\nJust Right\n\n{ABSTRACT}\n", encoding="utf-8")
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text(json.dumps({"title": "Big", "abstract": huge}) + "\n"
                     + json.dumps({"title": "Small", "abstract": ABSTRACT}) + "\n", encoding="utf-8")
    result = ingest.read([page, jsonl])
    assert sorted(p.title for p in result.papers) == ["Just Right", "Small"]
    assert [str(p) for p in result.problems] == [
        "page.txt:1: line longer than 400,000 bytes skipped",
        "page.txt:2: entry longer than 100,000 characters skipped: 'Title Of A Long One'",
        "r.jsonl:1: line longer than 400,000 bytes skipped"]
    report = job.build_graph_from([page, jsonl])
    assert report.graph.number_of_nodes() > 2


def test_a_page_of_many_bad_entries_lists_fifty_and_counts_the_rest(tmp_path):
    """Protection: _Problems (50 MB of two-word lines once made 6 million problems and 5.8 GB)."""
    page = tmp_path / "page.txt"
    page.write_text(f"Good One\n\n{ABSTRACT}\n\n" + "a b\n" * 1000, encoding="utf-8")
    result = ingest.read([page])
    assert len(result.papers) == 1
    assert len(result.problems) == ingest.MAX_PROBLEMS_PER_FILE + 1
    assert str(result.problems[-1]) == "page.txt: and 450 more problem(s) in this file, not listed"


# --------------------------------------------------------------------------- one paper, one node


def test_two_titles_with_one_arxiv_id_are_one_paper_with_both_sources(tmp_path):
    """Protection: _merge_by_key (else both papers get one IRI and the second silently overwrites the first)."""
    path = records_file(tmp_path, "r.json", [
        {"title": "First Title", "abstract": ABSTRACT, "arxiv_id": "2401.00001"},
        {"title": "A Renamed Version", "abstract": ABSTRACT + " Now longer.", "url": "https://arxiv.org/abs/2401.00001v2"},
        {"title": "A renamed version!", "abstract": ABSTRACT},
    ])
    [paper] = ingest.read([path]).papers
    assert paper.key == "arxiv-2401.00001" and paper.title == "First Title"
    assert [s.line for s in paper.sources] == [1, 2, 3]
    assert paper.abstract == ABSTRACT + " Now longer."


# --------------------------------------------------------------------------- escaping, end to end


def test_a_hostile_title_is_text_in_every_export_and_data_in_every_query(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(f"{PAYLOAD_PAGE_TITLE}\n\n{ABSTRACT}\n\nA Plain Title\n\n{ABSTRACT} Also Mistral.\n", encoding="utf-8")
    out = tmp_path / "out"
    report = job.run([page], out, formats=("ttl", "nt", "jsonld", "json", "html"))
    assert PAYLOAD_TITLE in {d.get("title") for _, d in report.graph.nodes(data=True)}
    assert_exports_parse_back(report.graph)
    assert_page_shows_text_as_text(report.graph)
    assert "<script>alert(1)" not in (out / "kg.html").read_text(encoding="utf-8")

    rows = sparql.run("paper-edges-with-evidence", out, {"title": PAYLOAD_TITLE}).as_dicts()
    assert rows and {r["paperTitle"] for r in rows} == {PAYLOAD_TITLE}
    result = CliRunner().invoke(cli, ["sparql", "paper-edges-with-evidence", "--export", str(out),
                                      "--param", f"title={PAYLOAD_TITLE}", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {r["paperTitle"] for r in json.loads(result.output)} == {PAYLOAD_TITLE}


def test_sparql_literals_are_escaped():
    """Protection: sparql.sparql_string; the query text holds the value only as one escaped literal."""
    text = sparql.bind(sparql.load_query("paper-edges-with-evidence"), {"title": PAYLOAD_TITLE})
    assert PAYLOAD_TITLE not in text
    assert sparql.sparql_string(PAYLOAD_TITLE) in text
    assert sparql.select(ox.Store(), 'SELECT ?v WHERE { VALUES ?v { ' + sparql.sparql_string(PAYLOAD_TITLE)
                         + ' } }').rows == [(PAYLOAD_TITLE,)]


def test_script_json_escapes_what_ends_a_script():
    """Protection: html._script_json; "</script>" inside the data cannot close the element."""
    text = html._script_json({"t": "</script><!--<script>\u2028&"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><!--<script>\u2028&"}


# --------------------------------------------------------------------------- the command line


def test_a_directory_of_hostile_files_builds_with_a_warning_for_each(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((EXAMPLES / "daily-papers-sample.txt").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    (folder / "zero.txt").write_bytes(b"")
    (folder / "blank.md").write_text(" \n\t\n\n", encoding="utf-8")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "latin1.txt").write_bytes("Caf\xe9 Title\n\nAn abstract".encode("latin-1"))
    (folder / "deep.json").write_text("[" * 50_000, encoding="utf-8")
    (folder / "surrogate.jsonl").write_text(json.dumps({"title": "Lone \ud800", "abstract": ABSTRACT}) + "\n",
                                            encoding="utf-8")
    (folder / "long-line.txt").write_text("x" * 500_000 + "\n", encoding="utf-8")
    (folder / "payload.txt").write_text(f"{PAYLOAD_PAGE_TITLE}\n\n{ABSTRACT}\n", encoding="utf-8")
    (folder / "notes.txt").write_text("just a shopping list\nmilk\neggs\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(folder), "--out", str(out)],
                          capture_output=True, text=True, env={**os.environ, "MLKG_DEBUG": ""})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    warnings = {line.split(": ", 1)[0].removeprefix("warning in/"): line.split(": ", 1)[1]
                for line in proc.stderr.splitlines() if line.startswith("warning ")}
    assert warnings == {
        "zero.txt": "empty file: skipped",
        "blank.md": "empty file: skipped",
        "blob.txt": "binary file (contains NUL bytes): skipped",
        "latin1.txt:1": "not UTF-8 (byte 0xe9 at offset 3): skipped",
        "deep.json": "invalid JSON: nested too deeply",
        "long-line.txt": "no papers found: not a listing page (expected title lines each followed by an abstract)",
        "notes.txt": "no papers found: not a listing page (expected title lines each followed by an abstract)",
    }, proc.stderr
    assert "7 problem(s)" in proc.stderr
    store = ox.Store()
    store.load(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    titles = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(rdf.DCTERMS + "title"), None)}
    assert {"Lone \ufffd", PAYLOAD_TITLE} <= titles
    page = (out / "kg.html").read_text(encoding="utf-8")
    assert [tag for tag, _ in Page(page).tags].count("script") == 2  # the library's and the page's own


def test_text_that_looks_like_console_markup_is_printed_as_written(tmp_path, monkeypatch):
    """Protection: rich.markup.escape on every input text kg/cli.py prints (before: "[b]" vanished from
    messages, and "[/red]" in a skipped title ended the build with a MarkupError traceback)."""
    folder = tmp_path / "in"
    folder.mkdir()
    title = "Markup [/red] and [bold]tags[/bold] \\[x]"
    (folder / "rich[b].txt").write_text(f"Lonely [/red] title\n\nshort one\n\n{title}\n\n{ABSTRACT}\n",
                                        encoding="utf-8")
    out = tmp_path / "out[red]"
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "warning in/rich[b].txt:1: abstract too short to be one, entry skipped: 'Lonely [/red] title'" \
        in result.output
    assert f"wrote {out / 'kg.ttl'}" in result.output.replace("\n", "")
    from kg import cli as cli_module

    monkeypatch.setattr(cli_module.out, "_width", 400)  # no wrapping inside table cells
    for args in (["papers", "--evidence"], ["show", "GSM8K"], ["top", "models"]):
        shown = CliRunner().invoke(cli, [*args, "--graph", str(out)])
        assert shown.exit_code == 0, shown.output
        if args[0] != "top":
            assert title in shown.output, shown.output
