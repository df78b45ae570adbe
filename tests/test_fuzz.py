"""Fuzzing: any page or record is read or refused in words, and every export parses back to the same graph.

CI runs a small, fixed set of examples (``derandomize=True``: the same
examples on every run, so a failure is reproducible).  For a longer run with
fresh random examples::

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py

(``MLKG_FUZZ_EXAMPLES=N`` sets the number of examples of either profile.)
Hypothesis prints the failing example and a ``@reproduce_failure`` line.

The text strategies mix arbitrary characters with what breaks parsers and
pages: control characters, U+FFFD, lone surrogates (JSON escapes only), RTL
marks, combining marks, emoji, quotes, backslashes, triple quotes, markup,
Turtle and SPARQL syntax, 100 kB lines, and names the extractor knows, so
that fuzzed papers also have entities, edges and evidence.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import rdflib
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg import ingest, job, sparql
from kg.cli import cli
from kg.export import html, jsongraph, rdf

# --------------------------------------------------------------------------- settings

_LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
settings.register_profile(
    "mlkg-fuzz-ci", derandomize=True, deadline=None, print_blob=True,
    max_examples=int(os.environ.get("MLKG_FUZZ_EXAMPLES", 60)),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
settings.register_profile(
    "mlkg-fuzz-long", derandomize=False, deadline=None, print_blob=True,
    max_examples=int(os.environ.get("MLKG_FUZZ_EXAMPLES", 1000)),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
FUZZ = settings(settings.get_profile("mlkg-fuzz-long" if _LONG else "mlkg-fuzz-ci"))


def fewer(n: int) -> settings:
    """The profile with n examples in CI (the slow properties); the long profile is unchanged."""
    return FUZZ if _LONG or "MLKG_FUZZ_EXAMPLES" in os.environ else settings(FUZZ, max_examples=n)


# --------------------------------------------------------------------------- strategies

SNIPPETS = [
    '"', "'", '"""', "'''", "\\", "\\\\", '\\"', "\\u0041", "\\n", "\\U0001F600",
    "<", ">", "&", "&amp;", "&lt;", "<script>alert(1)</script>", "</script><script>window.__x=1</script>",
    "<img src=x onerror=alert(1)>", "<!--", "-->", "<![CDATA[", "]]>", "javascript:alert(1)",
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\x9f", "\r", "\r\n", "\t", "\n", "\n\n",
    "\u00a0", "\u200b", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069",
    "\u2028", "\u2029", "\ufeff", "\ufffd", "\ufffe", "\uffff", "\U0010ffff",
    "e\u0301", "\u0301\u0301\u0301", "Z\u0351\u0352\u0353\u0354", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
    "\U0001F600", "\U0001F469\u200d\U0001F4BB", "\U0001F1FA\U0001F1F8", "\u00df", "\u0130", "\ufb01",
    "@prefix x: <http://x/> .", "<http://example.org/a>", "_:b0", '"^^<http://www.w3.org/2001/XMLSchema#int>',
    "@en", " . ", " ; ", "# comment", "} } SELECT * WHERE { ?s ?p ?o } #", '"} UNION { ?s ?p ?o } #',
    "{{", "}}", "%s", "{0}", "${x}", "@@TITLE@@", "@@NODES@@", "[/red]", "[bold]", "[link=http://x]", "\\[",
    "https://github.com/a/b", 'https://x.org/"><b>', "http://[::1", "arXiv:2401.00001", "2401.00001v2",
    "\u2022 12 authors", "\u00b7", "Oct 9, 2023 14", "Subscribe", "Daily Papers",
]
NAMES = ["Llama 3", "Llama-2-7B", "GPT-4", "GSM8K", "MMLU", "LoRA", "ImageNet", "BERT", "HumanEval+",
         "Qwen2.5-7B-Instruct", "RLHF", "DPO", "chain-of-thought", "CIFAR-10", "Mistral 7B"]
SENTENCES = ["We fine-tune {} on our data.", "We evaluate {} on the new suite.", "Our method uses {} throughout.",
             "We propose {}, a new model.", "We train on {} for three epochs.", "Results on {} improve.",
             "Compared with {}, ours is faster."]

# Everything a UTF-8 file can hold (no surrogates); JSON text may also hold lone surrogates.
FILE_CHARS = st.characters(exclude_categories=("Cs",))
JSON_CHARS = st.characters(exclude_categories=())


def nasty(json: bool = False, max_pieces: int = 10) -> st.SearchStrategy[str]:
    """Text for a file (``json``: for a JSON string, which may also hold lone surrogates)."""
    pieces = [st.text(JSON_CHARS if json else FILE_CHARS, max_size=8), st.sampled_from(SNIPPETS),
              st.sampled_from(NAMES)]
    if json:
        pieces.append(st.sampled_from(["\ud800", "\udfff", "\udc80x\ud83d"]))  # lone surrogates
    piece = st.one_of(pieces)
    return st.lists(piece, max_size=max_pieces).map("".join)


def long_line(json: bool = False) -> st.SearchStrategy[str]:
    """About 100 kB on one line, cheaply: a short piece repeated."""
    return st.tuples(nasty(json, 3).filter(bool), st.integers(2_000, 20_000)).map(
        lambda t: (t[0] * (100_000 // max(len(t[0]), 1) + 1))[:t[1] * 5 + 90_000])


@st.composite
def abstracts(draw, json: bool = False) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        parts.append(draw(st.sampled_from(SENTENCES)).format(draw(st.one_of(st.sampled_from(NAMES),
                                                                            nasty(json, 3)))))
        parts.append(draw(nasty(json, 4)))
    if draw(st.booleans()):
        parts.append("The study covers several tasks and reports the results in detail.")
    return " ".join(parts)


@st.composite
def papers(draw, json: bool = False) -> list[dict]:
    out = []
    for _ in range(draw(st.integers(1, 4))):
        title = draw(st.one_of(nasty(json, 6), st.sampled_from(NAMES).map(lambda n: f"{n}: A Study")))
        abstract = draw(st.one_of(abstracts(json), st.just(""), long_line(json)) if _LONG or draw(st.booleans())
                        else abstracts(json))
        record: dict = {"title": title, "abstract": abstract}
        if draw(st.booleans()):
            record["url"] = draw(st.one_of(st.sampled_from(SNIPPETS), nasty(json, 3),
                                           st.just("https://github.com/org/repo")))
            record["arxiv_id"] = draw(st.sampled_from(["2401.00001", "2401.00002", "junk", ""]))
            record["authors"] = draw(st.one_of(st.integers(-5, 10**30), st.lists(st.text(max_size=3)),
                                               st.text(max_size=3), st.none()))
            record["date"] = draw(st.sampled_from(["2024-02-30", "Oct 9, 2023", "--05-29", "yesterday", ""]))
            record["upvotes"] = draw(st.one_of(st.integers(-10, 10**6), st.floats(), st.booleans()))
        out.append(record)
    return out


def as_listing(records: list[dict], newline: str = "\n") -> str:
    return "".join(f"{r['title']}{newline}{newline}{r['abstract']}{newline}{newline}" for r in records)


def as_jsonl(records: list[dict], ascii_only: bool) -> str:
    return "".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in records)


# --------------------------------------------------------------------------- helpers


def read_or_refuse(paths) -> ingest.IngestResult | None:
    """Read, accepting only a result or an IngestError that says what was wrong with what."""
    try:
        result = ingest.read(paths)
    except ingest.IngestError as exc:
        assert exc.problems and all(p.message and p.path for p in exc.problems)
        return None
    for p in result.papers:
        for text in (p.title, p.abstract, p.organization or "", *p.urls):
            assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]", text), repr(text)
            assert unicodedata.is_normalized("NFC", text)
        assert len(p.title) + len(p.abstract) <= ingest.MAX_ENTRY_CHARS
    assert len({p.key for p in result.papers}) == len(result.papers)  # one node per paper
    return result


def term(t) -> tuple:
    """A term of either library as plain values: IRIs, and literals with datatype and language."""
    if isinstance(t, ox.NamedNode):
        return ("iri", t.value)
    if isinstance(t, ox.Literal):
        return ("literal", t.value, t.datatype.value, t.language or "")
    if isinstance(t, rdflib.URIRef):
        return ("iri", str(t))
    if isinstance(t, rdflib.Literal):
        datatype = str(t.datatype) if t.datatype else (
            rdf.RDF + "langString" if t.language else rdf.XSD + "string")
        return ("literal", str(t), datatype, t.language or "")
    raise AssertionError(f"unexpected term {t!r} (the exports have no blank nodes)")


RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


def assert_exports_parse_back(g: nx.MultiDiGraph) -> None:
    """Turtle, N-Triples and JSON-LD each parse, in pyoxigraph and in rdflib, to the graph's own triples."""
    expected = {(term(s), term(p), term(o)) for s, p, o in rdf.triples(g)}
    for fmt in rdf.FORMATS:
        data = rdf.serialize(g, fmt)
        by_ox = {(term(t.subject), term(t.predicate), term(t.object))
                 for t in ox.parse(data, format=rdf.FORMATS[fmt])}
        assert by_ox == expected, (fmt, "pyoxigraph", by_ox ^ expected)
        by_rdflib = {tuple(map(term, t)) for t in rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])}
        assert by_rdflib == expected, (fmt, "rdflib", by_rdflib ^ expected)


class Page(HTMLParser):
    """The start tags of a page and the text of its <title>."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple]] = []
        self.title = ""
        self._in_title = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def plain_copy(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with every text the input supplied replaced by "x"."""
    def plain(value):
        if isinstance(value, str):
            return "x"
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: (v if k == "type" else plain(v)) for k, v in d.items()})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **plain(d))
    return h


def assert_page_shows_text_as_text(g: nx.MultiDiGraph, title: str = "mlkg") -> None:
    """The page has exactly the markup of the same graph with plain text; the text comes back unchanged."""
    page = html.render(g, title=title)
    parsed = Page(page)
    assert parsed.tags == Page(html.render(plain_copy(g))).tags  # no element or attribute came from the input
    assert parsed.title == title
    records = json.loads(re.search(r"^var NODE_RECORDS = (.*);$", page, re.MULTILINE).group(1))
    titles = {r["id"]: r["names"][0] for r in records if r["type"] == "Paper"}
    assert titles == {n: d["title"] or d["label"] or n for n, d in g.nodes(data=True) if d["type"] == "Paper"}


# --------------------------------------------------------------------------- reading never crashes


@FUZZ
@given(body=st.one_of(nasty(max_pieces=40), st.lists(st.one_of(nasty(), long_line()), max_size=6).map("\n".join),
                      papers().map(as_listing), papers().map(lambda r: as_listing(r, "\r\n"))),
       tail=st.binary(max_size=16), suffix=st.sampled_from([".txt", ".md", ".html", "", ".json", ".jsonl"]),
       bom=st.booleans())
def test_any_page_is_read_or_refused_in_words(body, tail, suffix, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8") + tail  # the tail is seldom UTF-8
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"page{suffix}"
        path.write_bytes(data)
        read_or_refuse([path])


@FUZZ
@given(records=st.one_of(
    papers(json=True),
    st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(JSON_CHARS, max_size=10),
                 lambda inner: st.lists(inner, max_size=4)
                 | st.dictionaries(st.sampled_from(["title", "abstract", "papers", "url", "authors", "x"]),
                                   inner, max_size=4),
                 max_leaves=12)),
    ascii_only=st.booleans(), jsonl=st.booleans())
def test_any_json_is_read_or_refused_in_words(records, ascii_only, jsonl):
    """Lone surrogates (as escapes), wrong types, nesting: a result or a clear refusal."""
    if jsonl:
        lines = records if isinstance(records, list) else [records]
        text, name = "".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in lines), "r.jsonl"
    else:
        text, name = json.dumps(records, ensure_ascii=ascii_only), "r.json"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(text.encode("utf-8", "surrogatepass"))  # a raw surrogate is not UTF-8: refused
        read_or_refuse([path])


@fewer(20)
@given(records=papers(), jsonl=st.booleans())
def test_the_command_line_never_prints_a_traceback(records, jsonl):
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / ("in.jsonl" if jsonl else "in.txt")
        page.write_text(as_jsonl(records, False) if jsonl else as_listing(records), encoding="utf-8")
        result = runner.invoke(cli, ["build", str(page), "--out", str(Path(tmp) / "out"), "--quiet"])
    assert result.exit_code in (0, 1), result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert "nothing could be read" in result.output


# --------------------------------------------------------------------------- exports round-trip


@fewer(40)
@given(records=papers(json=True), jsonl=st.booleans(), ascii_only=st.booleans(), page_title=nasty())
def test_every_export_of_fuzzed_papers_parses_back_to_the_same_graph(records, jsonl, ascii_only, page_title):
    """RDF in three formats and two parsers, node-link JSON, the HTML page, and SPARQL on the title."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("in.jsonl" if jsonl else "in.txt")
        text = as_jsonl(records, ascii_only) if jsonl else as_listing(records)
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        result = read_or_refuse([path])
        assume(result is not None)
        g = job.build_graph_from([path]).graph

    assert_exports_parse_back(g)

    again = jsongraph.loads(jsongraph.dumps(g))
    assert sorted(again.nodes(data=True)) == sorted(g.nodes(data=True))
    assert sorted(again.edges(keys=True, data=True)) == sorted(g.edges(keys=True, data=True))

    assert_page_shows_text_as_text(g, title=page_title)

    # Each title, given as a query parameter, finds its paper's edges and nothing else.
    store = ox.Store()
    store.load(rdf.serialize(g, "ttl"), format=ox.RdfFormat.TURTLE)
    query = sparql.load_query("paper-edges-with-evidence")
    for node, d in g.nodes(data=True):
        if d["type"] != "Paper":
            continue
        rows = sparql.run(query, store, {"title": d["title"]}).as_dicts()
        relations = {k for _, _, k in g.out_edges(node, keys=True)}
        assert {r["paperTitle"] for r in rows} <= {t for _, t in g.nodes(data="title") if t}
        assert bool(rows) >= bool(relations & set(rdf.RELATIONS)), (d["title"], relations)


@FUZZ
@given(st.data())
def test_any_text_in_any_field_stays_text_on_the_page(data):
    """Titles, labels, aliases, sources, links and evidence sentences reach the page only as data."""
    text = nasty()
    g = nx.MultiDiGraph()
    g.add_node("P", type="Paper", key="p", label=data.draw(text), title=data.draw(text), abstract=data.draw(text),
               sources=data.draw(st.lists(text, max_size=2)), urls=data.draw(st.lists(text, max_size=2)),
               date=data.draw(text), organization=data.draw(text))
    g.add_node("E", type=data.draw(st.sampled_from(["Model", "Benchmark", "Dataset", "Technique"])), key="e",
               label=data.draw(text), aliases=data.draw(st.lists(text, max_size=3)), is_family=True)
    g.add_edge("P", "E", key=data.draw(st.sampled_from(list(html.RELATIONS))),
               evidence=[{"sentence": data.draw(text), "rule": data.draw(text)}])
    assert_page_shows_text_as_text(g, title=data.draw(text))


# --------------------------------------------------------------------------- one paper per title

# Letters and digits whose case forms all fold alike (not the dotless ı, whose capital is I).
CASELESS = st.sampled_from([
    c for c in map(chr, range(0x30, 0x2000))
    if unicodedata.category(c) in ("Lu", "Ll", "Nd") and unicodedata.normalize("NFKD", c) == c
    and c.casefold() == c.upper().casefold() == c.lower().casefold() == c.title().casefold()])


@st.composite
def spellings(draw) -> tuple[str, list[str]]:
    words = ["Paper", *draw(st.lists(st.text(CASELESS, min_size=1, max_size=8), max_size=5))]
    out = []
    for _ in range(draw(st.integers(2, 5))):
        cased = [draw(st.sampled_from([str.upper, str.lower, str.title, str.swapcase, str]))(w) for w in words]
        seps = [draw(st.sampled_from([" ", "  ", " - ", ": ", ", ", "-", "_", "/", " & ", "'"]))
                for _ in cased[1:]]
        title = cased[0] + "".join(s + w for s, w in zip(seps, cased[1:]))
        title = draw(st.sampled_from(["", '"', "¿", "« ", "("])) + title
        out.append(title + draw(st.sampled_from(["", "!", "?", ".", "…", " ?!", '"', ")"])))
    return " ".join(words), out


@FUZZ
@given(spelled=spellings(), jsonl=st.booleans())
def test_titles_differing_only_in_case_or_punctuation_are_one_paper(spelled, jsonl):
    _, titles = spelled
    abstract = "We study a problem and report results on several tasks with many words."
    with tempfile.TemporaryDirectory() as tmp:
        for n, title in enumerate(titles):
            path = Path(tmp) / "in" / (f"{n}.jsonl" if jsonl else f"{n}.txt")
            path.parent.mkdir(exist_ok=True)
            path.write_text(as_jsonl([{"title": title, "abstract": abstract}], False) if jsonl
                            else f"{title}\n\n{abstract}\n", encoding="utf-8")
        result = read_or_refuse([Path(tmp) / "in"])
    assume(result is not None)  # a title of marks alone has no letters: refused, and said so
    [paper] = result.papers
    assert len(paper.sources) == len(titles)
    assert paper.title == ingest.clean_text(titles[0])
