"""The browser page without a browser: self-contained, deterministic, escaped; `mlkg html`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from html.parser import HTMLParser

import networkx as nx
import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.export import html

HOSTILE = '<img src=x onerror="window.__pwned=1;alert(1)">'


def tiny_graph() -> nx.MultiDiGraph:
    """Two papers, three entities, a lineage edge; input text with markup in it."""
    g = nx.MultiDiGraph()
    g.add_node("P1", type="Paper", key="p1", label=HOSTILE, title=HOSTILE, abstract="",
               sources=["page.txt:3"], urls=["javascript:alert(1)", "https://github.com/o/r"], date="2024-05-01")
    g.add_node("P2", type="Paper", key="p2", label="A plain paper", title="A plain paper", abstract="",
               sources=["page.txt:9"], urls=[])
    g.add_node("L3", type="Model", key="llama-3", label="Llama 3", aliases=["LLaMA-3", "Llama3"])
    g.add_node("L", type="Model", key="llama", label="Llama", aliases=[], is_family=True)
    g.add_node("B", type="Benchmark", key="gsm8k", label="<b>GSM8K</b>", aliases=['"><svg onload=alert(1)>'])
    g.add_edge("P1", "L3", key="fineTunes",
               evidence=[{"sentence": "We fine-tune Llama 3 </script><script>window.__pwned=2</script>.",
                          "field": "abstract", "start": 13, "end": 20, "sentence_start": 0, "rule": "r",
                          "confidence": 0.9}])
    g.add_edge("P1", "B", key="evaluatesOn", evidence=[{"sentence": "On GSM8K.", "rule": "r"}])
    g.add_edge("P2", "L", key="mentions", evidence=[])
    g.add_edge("L3", "L", key="variantOf")
    return g


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def page_data(page: str, name: str) -> list[dict]:
    """The JSON the page hands to a vis DataSet."""
    match = re.search(rf"^var {name} = (.*);$", page, re.MULTILINE)
    assert match, name
    return json.loads(match.group(1))


def test_page_is_self_contained():
    page = html.render(tiny_graph())
    found = tags(page)
    assert not [t for t, a in found if t == "link"]
    assert all("src" not in a for t, a in found if t == "script")
    assert not re.search(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "vis.Network" in page and "cdn" not in page.lower()


def test_same_graph_same_bytes():
    assert html.render(tiny_graph()) == html.render(tiny_graph())


def test_input_text_never_becomes_markup():
    page = html.render(tiny_graph(), title="<i>title</i>")
    assert HOSTILE not in page and "<svg onload" not in page and "<b>GSM8K" not in page
    assert "window.__pwned" in page  # still there, as escaped JSON text
    found = tags(page)
    assert [t for t, _ in found].count("script") == 2  # the library and ours: no injected ones
    assert not [t for t, _ in found if t == "img"]
    assert not [a for _, a in found if any(k.startswith("on") for k in a)]
    assert "&lt;i&gt;title&lt;/i&gt;" in page
    nodes = page_data(page, "NODE_RECORDS")
    assert nodes[0]["title"].startswith(HOSTILE)  # shown as text by the page, see the browser test


def test_records_carry_types_degrees_and_tooltips():
    nodes = {n["id"]: n for n in page_data(html.render(tiny_graph()), "NODE_RECORDS")}
    edges = page_data(html.render(tiny_graph()), "EDGE_RECORDS")
    assert nodes["L3"]["group"] == "Model" and nodes["B"]["group"] == "Benchmark"
    assert nodes["L3"]["title"] == "Model: Llama 3\naliases: LLaMA-3, Llama3\npapers: 1"
    assert "date: 2024-05-01" in nodes["P1"]["title"] and "sources: page.txt:3" in nodes["P1"]["title"]
    assert "code: https://github.com/o/r" in nodes["P1"]["title"]
    assert nodes["L"]["size"] > nodes["B"]["size"] > nodes["P2"]["size"]  # size by degree; papers small
    assert nodes["L"]["font"]["size"] > nodes["B"]["font"]["size"]
    first = edges[0]
    assert first["relation"] == "fineTunes" and "→ fineTunes → Llama 3" in first["title"]
    assert "We fine-tune Llama 3" in first["title"]
    assert {e["relation"] for e in edges} == {"fineTunes", "evaluatesOn", "mentions", "variantOf"}


def test_legend_and_filters_list_every_type_and_relation():
    page = html.render(tiny_graph())
    for t in ("Model", "Benchmark", "Paper"):
        assert f'data-type="{t}"' in page
    for r in ("fineTunes", "evaluatesOn", "mentions", "variantOf"):
        assert f'data-relation="{r}"' in page
    assert 'data-type="Dataset"' not in page  # only what the graph has


def test_seeds_page_renders_fast_and_matches_the_export(seeds_build):
    out, report = seeds_build
    g = kg.load(out).nx
    t0 = time.perf_counter()
    page = html.render(g)
    seconds = time.perf_counter() - t0
    assert seconds < 1.0, f"rendering the seeds page took {seconds:.2f}s"
    assert page == (out / "kg.html").read_text(encoding="utf-8")  # kg.json → same page as the build
    assert len(page_data(page, "NODE_RECORDS")) == g.number_of_nodes()
    assert len(page_data(page, "EDGE_RECORDS")) == g.number_of_edges()


# --- names and neighbourhoods --------------------------------------------------------


@pytest.mark.parametrize("name", ["Llama 3", "llama-3", "LLAMA3", " llama 3 ", "llama-3"])
def test_focus_names_resolve_without_case_or_punctuation(name):
    assert html.resolve(tiny_graph(), name) == "L3"


def test_paper_titles_resolve_too():
    assert html.resolve(tiny_graph(), "a plain paper") == "P2"


def test_unknown_focus_lists_close_names():
    with pytest.raises(html.GraphPageError, match=r"no entity or paper named 'Lama 3'; close names: 'Llama 3'"):
        html.resolve(tiny_graph(), "Lama 3")


def test_ambiguous_focus_names_the_candidates():
    g = tiny_graph()
    g.add_node("D", type="Dataset", key="llama-3-data", label="Llama-3", aliases=[])
    with pytest.raises(html.GraphPageError, match="names 2 nodes"):
        html.resolve(g, "llama 3")
    assert html.resolve(g, "llama-3-data") == "D"  # a key chooses


def test_neighbourhood_follows_edges_both_ways():
    g = tiny_graph()
    assert set(html.neighbourhood(g, "L3", 0)) == {"L3"}
    assert set(html.neighbourhood(g, "L3", 1)) == {"L3", "P1", "L"}
    assert set(html.neighbourhood(g, "L3", 2)) == {"L3", "P1", "L", "B", "P2"}
    sub = html.neighbourhood(g, "L3", 1)
    assert sorted(k for _, _, k in sub.edges(keys=True)) == ["fineTunes", "variantOf"]


# --- the command -----------------------------------------------------------------------


@pytest.fixture
def built(tmp_path):
    """A directory holding the kg.json of the tiny graph."""
    from kg.export import jsongraph

    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "kg.json").write_text(jsongraph.dumps(tiny_graph()), encoding="utf-8")
    return tmp_path / "exports"


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_html_command_renders_a_neighbourhood(built, tmp_path):
    result = run("html", str(built), "--focus", "llama3", "--depth", "1", "--out", str(tmp_path / "l3.html"))
    assert result.exit_code == 0, result.output
    assert "3 nodes, 2 edges" in result.output
    nodes = page_data((tmp_path / "l3.html").read_text(encoding="utf-8"), "NODE_RECORDS")
    assert {n["id"] for n in nodes} == {"L3", "P1", "L"}
    assert [n["borderWidth"] for n in nodes if n["id"] == "L3"] == [4]  # the focus stands out
    assert "mlkg: Llama 3 (within 1 step)" in (tmp_path / "l3.html").read_text(encoding="utf-8")


def test_html_command_defaults_to_the_directory(built):
    assert run("html", str(built)).exit_code == 0
    assert run("html", str(built), "--focus", "Llama 3").exit_code == 0
    assert (built / "kg.html").exists() and (built / "llama-3.html").exists()


def test_html_command_on_the_seeds(seeds_build, tmp_path):
    out, _ = seeds_build
    g = kg.load(out).nx
    hub = max((n for n, d in g.nodes(data=True) if d["type"] == "Model"), key=g.degree)
    label = g.nodes[hub]["label"]
    result = run("html", str(out), "--focus", label.upper(), "--depth", "2", "--out", str(tmp_path / "hub.html"))
    assert result.exit_code == 0, result.output
    nodes = page_data((tmp_path / "hub.html").read_text(encoding="utf-8"), "NODE_RECORDS")
    assert hub in {n["id"] for n in nodes} and len(nodes) < g.number_of_nodes()


@pytest.mark.parametrize("args, message", [
    (["--focus", "Lama 3"], "close names: 'Llama 3'"),
    (["--focus", "zzzzzz"], "no entity or paper named 'zzzzzz'; no close names"),
    (["--out", "/nonexistent-dir/x.html"], "cannot write /nonexistent-dir/x.html"),
])
def test_html_command_errors_are_one_clear_line(built, args, message):
    result = run("html", str(built), *args)
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_html_command_without_a_graph(tmp_path):
    result = run("html", str(tmp_path / "missing"))
    assert result.exit_code == 1 and "no graph at" in result.output and "mlkg build" in result.output
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "kg.json").write_text("{not json")
    result = run("html", str(tmp_path / "bad"))
    assert result.exit_code == 1 and "not valid JSON" in result.output
    (tmp_path / "bad" / "kg.json").write_text('{"nodes": []}')
    result = run("html", str(tmp_path / "bad"))
    assert result.exit_code == 1 and "not an mlkg graph" in result.output


def test_html_command_never_prints_a_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "html", str(tmp_path), "--depth", "-1"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "html", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "no graph at" in proc.stderr
