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
    assert [s.page for s in result.papers[0].sources] == ["in/caf\ufffdline.txt"]  # the line feed dropped
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
    """Protection: MAX_JSON_BYTES for a document parsed whole; an array is streamed (kg/jsonstream.py)
    and a .jsonl read line by line, so neither has a limit."""
    monkeypatch.setattr(ingest, "MAX_JSON_BYTES", 1000)
    records = [{"title": f"Paper {n}", "abstract": ABSTRACT} for n in range(20)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"papers": records}), encoding="utf-8")
    with pytest.raises(IngestError, match=r"not an array is over the 0 MB limit: skipped \(write the records as"):
        ingest.read([path])
    assert len(ingest.read([records_file(tmp_path, "array.json", records)]).papers) == 20
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
    bindings = json.loads(result.output)["results"]["bindings"]  # SPARQL 1.1 results JSON
    assert {b["paperTitle"]["value"] for b in bindings} == {PAYLOAD_TITLE}


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


# --------------------------------------------------------------------------- issue 17: the red-team findings
# One test per finding, named after it; each failed on the commit before the fix.


def _serve_loopback():
    """A loopback HTTP server that records every request and answers with an empty JSON-LD context."""
    import http.server
    import threading

    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server interface
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"@context": {}, "head": {"vars": []}, "results": {"bindings": []}}')

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, hits


def _small_store(n: int = 60) -> ox.Store:
    store = ox.Store()
    for i in range(n):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                          ox.Literal(str(i))))
    return store


def test_finding_1_symlinks_never_leave_the_input_directory(tmp_path):
    """Protection: ingest._files follows no symbolic link out of a directory given, and says so."""
    secret = tmp_path / "elsewhere" / "private.jsonl"
    secret.parent.mkdir()
    secret.write_text(json.dumps({"title": "Private Notes Title", "abstract": ABSTRACT}) + "\n", encoding="utf-8")
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "page.txt").write_text(f"A Public Title\n\n{ABSTRACT}\n", encoding="utf-8")
    (folder / "notes.jsonl").symlink_to(secret)
    (folder / "linked-dir").symlink_to(secret.parent, target_is_directory=True)
    (folder / "same.txt").symlink_to(folder / "page.txt")  # inside the directory: read
    result = ingest.read([folder])
    assert [p.title for p in result.papers] == ["A Public Title"]
    assert [s.page for s in result.papers[0].sources] == ["inputs/page.txt", "inputs/same.txt"]
    assert sorted(str(p) for p in result.problems) == [
        "inputs/linked-dir: symbolic link to a path outside the input directory: not followed",
        "inputs/notes.jsonl: symbolic link to a path outside the input directory: not followed"]
    out = tmp_path / "out"
    job.run([folder], out, formats=("ttl", "json"))
    assert "Private Notes" not in (out / "kg.ttl").read_text(encoding="utf-8")
    named = ingest.read([folder / "notes.jsonl"])  # a link named on the command line is the user's choice
    assert [p.title for p in named.papers] == ["Private Notes Title"]


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_finding_2_no_outbound_network_from_service_or_remote_contexts(tmp_path):
    """Protection: kg/network.py refuses SERVICE before any engine sees it, and every connection
    mlkg's own Python code tries while parsing (rdflib fetched a JSON-LD @context)."""
    server, hits = _serve_loopback()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for engine in ("oxigraph", "rdflib"):
            store = _small_store(3) if engine == "oxigraph" else sparql.load_export(
                sparql.export_path(_export_with_one_paper(tmp_path)), "rdflib")
            for query in (f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
                          f"SELECT * WHERE {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"):
                with pytest.raises(sparql.QueryError, match=r"remote endpoint \(SERVICE\): refused"):
                    sparql.select(store, query)
        remote = tmp_path / "remote.jsonld"
        remote.write_text(json.dumps({"@context": f"{url}/context.jsonld", "@id": "http://example.org/a",
                                      "t": "x"}), encoding="utf-8")
        for engine in ("oxigraph", "rdflib"):
            with pytest.raises(sparql.QueryError, match=r"cannot parse .*remote\.jsonld"):
                sparql.load_export(remote, engine)
        from kg.validate import ValidateError, validate

        with pytest.raises(ValidateError, match="network access refused"):
            validate(remote)
        result = CliRunner().invoke(cli, ["validate", str(remote)])
        assert result.exit_code == 2 and "network access refused" in result.output
        assert hits == []
        assert sparql.load_export(remote, "rdflib", allow_network=True) is not None  # asked for: allowed
        assert hits == ["/context.jsonld"]
        try:
            sparql.select(_small_store(3), f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
                          allow_network=True)
        except RuntimeError:  # the engine may not like this test server's answer; it did ask
            pass
        assert [hit.split("?")[0] for hit in hits] == ["/context.jsonld", "/sparql"]
    finally:
        server.shutdown()


def _export_with_one_paper(tmp_path: Path) -> Path:
    out = tmp_path / "one-paper"
    if not (out / "kg.ttl").is_file():
        page = tmp_path / "one.txt"
        page.write_text(f"One Paper Title\n\n{ABSTRACT}\n", encoding="utf-8")
        job.run([page], out, formats=("ttl", "json"))
    return out


CROSS_PRODUCT = "SELECT ?a ?b ?c ?d WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"


def test_finding_3_queries_are_bounded_in_time_rows_and_memory(tmp_path, monkeypatch):
    """Protection: kg/query_limits.py runs each query in a forked child with a deadline, a row cap and an
    address-space cap; hitting one is QueryLimitError, and exit status 3 from `mlkg sparql`."""
    from kg import query_limits

    store = _small_store()
    with pytest.raises(sparql.QueryLimitError, match=r"ran for 1 s, its time limit") as info:
        sparql.select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }",
                      timeout=1)
    assert info.value.limit == "timeout"
    with pytest.raises(sparql.QueryLimitError, match=r"more than 50 rows") as info:
        sparql.select(store, CROSS_PRODUCT, max_rows=50)
    assert info.value.limit == "rows" and len(info.value.partial[1]) == 50
    assert len(sparql.select(store, CROSS_PRODUCT + " LIMIT 50", max_rows=50).rows) == 50
    monkeypatch.setattr(query_limits, "MEMORY_BUDGET", 64 * 2**20)
    with pytest.raises(sparql.QueryLimitError) as info:
        sparql.select(store, CROSS_PRODUCT + " ORDER BY ?a ?b ?c ?d", timeout=120, max_rows=0)
    assert info.value.limit == "memory"
    for bad, error in (({"timeout": "1"}, TypeError), ({"max_rows": -1}, ValueError), ({"max_rows": 1.5}, TypeError)):
        with pytest.raises(error, match=next(iter(bad))):
            sparql.select(store, "SELECT * WHERE { ?s ?p ?o }", **bad)
    out = _export_with_one_paper(tmp_path)
    query = tmp_path / "cross.rq"
    query.write_text("# Everything with everything?\n" + CROSS_PRODUCT + "\n", encoding="utf-8")
    for option in (["--max-rows", "10"], ["--timeout", "0.5", "--max-rows", "0"]):
        result = CliRunner().invoke(cli, ["sparql", str(query), "--export", str(out), *option])
        assert result.exit_code == 3, result.output
        assert "stopped" in result.output and "Traceback" not in result.output


def test_finding_4_two_builds_into_one_out_never_mix(tmp_path, monkeypatch):
    """Protection: kg/outlock.py; before it, a second build renamed its files between the first's renames
    and left kg.ttl from one build and kg.json from the other."""
    import threading

    from kg import export

    pages = {}
    for name in ("first", "second"):
        pages[name] = tmp_path / f"{name}.txt"
        pages[name].write_text(f"The {name.title()} Build Paper\n\n{ABSTRACT}\n", encoding="utf-8")
    out = tmp_path / "out"
    second_done = threading.Event()
    real_replace = os.replace

    def slow_replace(src, dst):  # the first build stops after its first rename until the second is done
        real_replace(src, dst)
        if threading.current_thread().name == "first-build":
            second_done.wait(timeout=3)

    monkeypatch.setattr(export.os, "replace", slow_replace)
    first = threading.Thread(target=job.run, args=([pages["first"]], out, ("ttl", "json")), name="first-build")
    first.start()
    while not (out / "kg.ttl").exists():
        first.join(0.01)
    job.run([pages["second"]], out, ("ttl", "json"))  # waits for the lock
    second_done.set()
    first.join()
    ttl, graph = (out / "kg.ttl").read_text(encoding="utf-8"), (out / "kg.json").read_text(encoding="utf-8")
    assert ("Second Build" in ttl) == ("Second Build" in graph) and ("First Build" in ttl) == ("First Build" in graph)

    from filelock import FileLock

    from kg import outlock

    monkeypatch.setattr(outlock, "LOCK_WAIT", 0.2)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    with FileLock(out / outlock.LOCK_NAME, thread_local=False):  # another build is writing
        result = CliRunner().invoke(cli, ["build", str(pages["first"]), "--out", str(out), "-f", "ttl,json"])
    assert result.exit_code == 4 and "another mlkg build is writing to" in result.output, result.output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_finding_5_control_characters_are_escaped_in_messages_and_dropped_from_names(tmp_path):
    """Protection: ingest._label drops C0 and C1 from file names; Problem and the CLI's escape() print
    them as \\xNN (U+009B is a terminal's CSI, U+001B its ESC)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page\x9b2J\x1b[31m.txt").write_text(f"A Title\n\n{ABSTRACT}\n", encoding="utf-8")
    (folder / "junk\x85\x9b.txt").write_text("milk\neggs\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(out), "-f", "ttl,json"])
    assert result.exit_code == 0, result.output
    for name in ("kg.ttl", "kg.json"):
        text = (out / name).read_text(encoding="utf-8")
        assert "in/page2J[31m.txt" in text and not any(c in text for c in "\x1b\x85\x9b")
    assert "warning in/junk.txt: no papers found" in result.output
    missing = tmp_path / "no\x1b[2J\x9bexport"
    result = CliRunner().invoke(cli, ["sparql", "top-models", "--export", str(missing)])
    assert result.exit_code == 2
    assert "no\\x1b[2J\\x9bexport" in result.output and "\x1b" not in result.output and "\x9b" not in result.output
    assert str(ingest.Problem(path="a\x9bb", line=3, message="x\x07")) == "a\\x9bb:3: x\\x07"


def test_finding_6_bad_inputs_end_in_a_message_not_a_traceback(tmp_path):
    """Protection: ingest._count (int() refuses runs of over 4,300 digits: a ValueError), sparql_string and
    select (a lone surrogate reached the store: UnicodeEncodeError), ingest._label (a path with one)."""
    digits = "9" * 5000
    page = tmp_path / "counts.txt"
    page.write_text(f"A Title\n\n{ABSTRACT}\n\n• {digits} authors\n·\nOct 9, 2023 {digits}\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(page), "--out", str(out), "-q"],
                          capture_output=True, text=True, env={**os.environ, "MLKG_DEBUG": "1"})
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    [paper] = ingest.read([page]).papers
    assert paper.authors is None and paper.upvotes is None
    assert sparql.run("paper-edges-with-evidence", out, {"title": "\udced\udca0\udc80"}).rows == []
    with pytest.raises(sparql.QueryError, match="lone surrogate"):
        sparql.select(ox.Store(), 'SELECT ?v WHERE { VALUES ?v { "\ud800" } }')
    proc = subprocess.run([os.fsencode(sys.executable), b"-m", b"kg.cli", b"sparql", b"paper-edges-with-evidence",
                           b"--export", os.fsencode(out), b"--param", b"title=\xed\xa0\x80"],
                          capture_output=True, env={**os.environ, "MLKG_DEBUG": "1"})
    assert proc.returncode == 0 and proc.stdout.count(b"\n") == 1, proc.stderr  # piped: the header, no row
    with pytest.raises(IngestError, match="no such file or directory"):
        ingest.read([tmp_path / "lone-\ud800.txt"])


def test_finding_7_inputs_under_out_are_a_warning_not_a_silent_skip(tmp_path):
    """Protection: ingest._files counts the files it leaves out because they are in the output directory."""
    folder = tmp_path / "work"
    (folder / "exports").mkdir(parents=True)
    (folder / "page.txt").write_text(f"A Title\n\n{ABSTRACT}\n", encoding="utf-8")
    (folder / "exports" / "old-page.txt").write_text(f"Another Title\n\n{ABSTRACT}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(folder / "exports"), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "file(s) inside the output directory" in result.output.replace("\n", "")
    assert "Another Title" not in (folder / "exports" / "kg.json").read_text(encoding="utf-8")


def test_finding_8_limits_cannot_be_stepped_around(tmp_path):
    """Protection: the entry limit is checked on the normalised text (NFC makes U+FB2C three characters);
    Result.to_csv escapes formula cells (safe_text.spreadsheet_cell); kg/checks.py checks API arguments."""
    grows = "\ufb2c" * 40_000  # 40,000 characters as written, 120,000 after NFC
    records = records_file(tmp_path, "r.json", [{"title": "Grows Under NFC", "abstract": grows},
                                                {"title": "Stays Small", "abstract": ABSTRACT}])
    page = tmp_path / "page.txt"
    page.write_text(f"Grows On A Page\n\n{grows}\n\nAlso Small\n\n{ABSTRACT}\n", encoding="utf-8")
    result = ingest.read([records, page])
    assert sorted(p.title for p in result.papers) == ["Also Small", "Stays Small"]
    assert all(len(p.title) + len(p.abstract) <= ingest.MAX_ENTRY_CHARS for p in result.papers)
    assert len(result.problems) == 2 and all("longer than 100,000 characters" in str(p) for p in result.problems)

    import csv

    rows = sparql.Result(["=title", "n"], [('=HYPERLINK("http://x")', "-3"), ("@SUM(A1)", "+1"), ("-1+2", "7")])
    assert list(csv.reader(rows.to_csv().splitlines())) == [
        ["'=title", "n"], ["'=HYPERLINK(\"http://x\")", "-3"], ["'@SUM(A1)", "+1"], ["'-1+2", "7"]]

    from kg.query import example_graph

    g = example_graph()
    with pytest.raises(TypeError, match="uses="):
        g.papers(uses=3)
    with pytest.raises(TypeError, match="about="):
        g.papers(about=["LoRA", None])
    with pytest.raises(ValueError, match="n= must be 0 or more"):
        g.top("models", n=-1)
    with pytest.raises(TypeError, match="name="):
        g.entity(42)
    with pytest.raises(ValueError, match="depth="):
        g.subgraph("LoRA", depth=-1)
    assert len(g.top("models", n=2)) == 2 and g.papers(uses=("LoRA",))


def test_exit_statuses_are_those_the_readme_documents(tmp_path):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Exit statuses", 1)[1].split("\n## ", 1)[0]
    documented = {int(m) for m in __import__("re").findall(r"^\| `(\d+)` \|", table, __import__("re").M)}
    assert documented == {0, 1, 2, 3, 4, 130}
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = _export_with_one_paper(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(empty), "--out", str(tmp_path / "x")]).exit_code == 1
    assert runner.invoke(cli, ["sparql", "no-such-query", "--export", str(out)]).exit_code == 2
    assert runner.invoke(cli, ["sparql", "top-models", "--export", str(out), "--max-rows", "0"]).exit_code == 0
    assert runner.invoke(cli, ["papers", "--uses", "No Such Thing", "--graph", str(out)]).exit_code == 1


def test_the_suite_runs_with_the_socket_guard_on():
    """tests/conftest.py turns pytest-socket on for every test; only tests marked allow_hosts reach loopback."""
    import socket

    from pytest_socket import SocketBlockedError

    with pytest.raises(SocketBlockedError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)


def test_finding_9_memory_stays_bounded_on_many_small_inputs(tmp_path):
    """Protection: kg/jsonstream.py reads a .json array one element at a time (json.load held 2 GB for
    60 MB of empty objects), and kg.memory.share_fields_set shares pydantic's per-instance set of field names
    (728 bytes a paper, more than a tiny paper's own text).  bench/limits.py runs the full sizes."""
    from test_limits import read_in_child

    empty = tmp_path / "empty-objects.json"
    empty.write_bytes(b"[" + b",".join([b"{}"] * 1_000_000) + b"]")  # 3 MB; json.load: about 100 MB
    rise, said = read_in_child(empty)
    assert said.startswith("empty-objects.json: record 1: record without a title: skipped"), said
    assert rise < 25, f"reading 1,000,000 empty objects raised the peak RSS by {rise:.0f} MB"

    tiny = tmp_path / "tiny.jsonl"
    with tiny.open("w", encoding="utf-8") as fh:
        for n in range(40_000):
            fh.write(json.dumps({"title": f"Paper number {n}", "abstract": "We study things."}) + "\n")
    rise, said = read_in_child(tiny)
    assert said.startswith("40000 papers"), said
    per_paper = rise * 2**20 / 40_000
    assert per_paper < 2_000, f"{per_paper:,.0f} bytes a paper while reading"  # before: 2,500


def test_results_formats_keep_the_query_guards(tmp_path):
    """Protection: sparql_results.serialize checks SERVICE and runs under run_bounded like select()."""
    out = tmp_path / "g"
    assert CliRunner().invoke(cli, ["build", str(EXAMPLES), "--out", str(out), "-q", "-f", "ttl"]).exit_code == 0
    query = tmp_path / "remote.rq"
    query.write_text("SELECT * WHERE { SERVICE <http://192.0.2.1/sparql> { ?s ?p ?o } }\n", encoding="utf-8")
    for fmt in ("json", "csv", "xml"):
        refused = CliRunner().invoke(cli, ["sparql", str(query), "--graph", str(out), "--format", fmt])
        assert refused.exit_code == 2 and "SERVICE" in refused.output, refused.output
    slow = CliRunner().invoke(cli, ["sparql", "top-models", "--graph", str(out), "--format", "json",
                                    "--timeout", "0.000001"])
    assert slow.exit_code == 3, slow.output
    fine = CliRunner().invoke(cli, ["sparql", "top-models", "--graph", str(out), "--format", "json"])
    assert fine.exit_code == 0 and json.loads(fine.output)["head"]["vars"]
