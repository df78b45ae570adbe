"""The browser page in a real browser: Debian's /usr/bin/chromium, headless, through Playwright.

Skipped when Chromium or Playwright is missing, unless MLKG_REQUIRE_BROWSER=1
(as in CI), which turns a missing browser into a failure.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

import kg
from kg.export import html

from test_html import HOSTILE, tiny_graph

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}
LAYOUT_TIMEOUT_MS = 60_000  # the seeds settle in a few seconds; a loaded CI machine gets slack


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser():
    missing = _missing()
    if missing:
        if os.environ.get("MLKG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"MLKG_REQUIRE_BROWSER=1 but {missing}", pytrace=False)
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page, with every request, console error, uncaught error and dialog it produced."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport=VIEWPORT)
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:  # nothing may leave the machine: refuse, and remember
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path) -> float:
        """Load a page and wait until its layout has settled; seconds taken."""
        t0 = time.perf_counter()
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.mlkgReady === true", timeout=LAYOUT_TIMEOUT_MS)
        return time.perf_counter() - t0

    def offline(self) -> bool:
        return not self.blocked and all(u.startswith(("file:", "data:")) for u in self.requests)

    def hover(self, canvas_point: dict) -> str:
        """Move the mouse to a point of the graph; the tooltip text that appears."""
        box = self.page.locator("#graph").bounding_box()
        dom = self.page.evaluate("p => network.canvasToDOM(p)", canvas_point)
        self.page.mouse.move(box["x"] + dom["x"], box["y"] + dom["y"])
        self.page.wait_for_function(
            "() => { const t = document.querySelector('div.vis-tooltip');"
            " return t && t.style.visibility === 'visible' && t.innerText.length > 0; }", timeout=5000)
        return self.page.evaluate("document.querySelector('div.vis-tooltip').innerText")

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def seeds_page(browser, seeds_build):
    """The seeds kg.html, opened once for the tests below: (Watched, seconds to settle)."""
    out, _ = seeds_build
    watched = Watched(browser)
    seconds = watched.open(out / "kg.html")
    yield watched, seconds
    watched.close()


def test_seeds_page_shows_every_node_and_edge_offline(seeds_page, seeds_build, tmp_path):
    watched, seconds = seeds_page
    out, _ = seeds_build
    data = json.loads((out / "kg.json").read_text(encoding="utf-8"))
    counts = watched.page.evaluate("[nodes.length, edges.length]")
    assert counts == [len(data["nodes"]), len(data["edges"])]
    assert watched.errors == []
    assert watched.offline(), watched.blocked or watched.requests
    layout_ms = watched.page.evaluate("window.mlkgLayoutMs")
    assert watched.page.evaluate("network.physics.physicsEnabled") is False  # settled, then stopped
    assert layout_ms < 30_000  # a few seconds on a 2-core machine; this bound only catches a runaway
    legend = watched.page.locator("#panel").inner_text()
    assert all(t in legend for t in ("Model", "Benchmark", "Dataset", "Technique", "Paper"))
    shot = tmp_path / "kg-seeds.png"
    watched.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    print(f"seeds page: settled in {layout_ms} ms of layout, {seconds:.2f} s from load; screenshot {shot}")


def test_search_box_focuses_a_node_by_alias(seeds_page, seeds_build):
    watched, _ = seeds_page
    out, _ = seeds_build
    g = kg.load(out).nx
    named = [(n, d) for n, d in g.nodes(data=True) if d["type"] != "Paper" and d.get("aliases")]
    iri, d = next(((n, d) for n, d in named if d["label"] == "Llama 3"), max(named, key=lambda x: g.degree(x[0])))
    alias = next(a for a in d["aliases"] if a != d["label"])
    page = watched.page
    page.fill("#search", f" {alias.upper()} ")
    page.press("#search", "Enter")
    page.wait_for_function("id => network.getSelectedNodes()[0] === id", arg=iri, timeout=5000)
    page.wait_for_function(  # the view moves to the node
        """id => { const p = network.getPosition(id), v = network.getViewPosition();
                   return Math.hypot(p.x - v.x, p.y - v.y) * network.getScale() < 5; }""", arg=iri, timeout=5000)
    assert d["label"] in page.locator("#details").inner_text()
    assert d["label"] in watched.hover(page.evaluate("id => network.getPosition(id)", iri))
    page.fill("#search", "no such name anywhere")
    page.press("#search", "Enter")
    assert "no node matches" in page.locator("#status").inner_text()
    assert watched.errors == [] and watched.offline()


def test_filters_hide_types_and_relations(seeds_page):
    page = seeds_page[0].page
    hidden_papers = "nodes.get({filter: n => n.type === 'Paper' && !n.hidden}).length"
    page.uncheck("input[data-type=Paper]")
    assert page.evaluate(hidden_papers) == 0
    page.check("input[data-type=Paper]")
    assert page.evaluate(hidden_papers) > 0
    page.uncheck("input[data-relation=mentions]")
    assert page.evaluate("edges.get({filter: e => e.relation === 'mentions' && !e.hidden}).length") == 0
    assert page.evaluate("edges.get({filter: e => e.relation !== 'mentions' && e.hidden}).length") == 0
    page.check("input[data-relation=mentions]")
    assert seeds_page[0].errors == []


def test_hostile_input_is_shown_as_text_and_runs_nothing(browser, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(html.render(tiny_graph(), title="<img src=y onerror=alert(2)>"), encoding="utf-8")
    watched = Watched(browser)
    try:
        watched.open(path)
        page = watched.page
        assert page.evaluate("[nodes.length, edges.length]") == [5, 4]
        # a paper: hover shows the title as text, with its date, source and code link
        tip = watched.hover(page.evaluate("network.getPosition('P1')"))
        assert tip.startswith(HOSTILE) and "date: 2024-05-01" in tip and "page.txt:3" in tip
        assert page.evaluate(  # innerText: the line breaks are the only elements
            "[...document.querySelector('div.vis-tooltip').children].every(c => c.tagName === 'BR')")
        # an edge: the relation and the evidence sentence, as text
        tip = watched.hover(page.evaluate(
            "(() => { const a = network.getPosition('P1'), b = network.getPosition('L3');"
            " return {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}; })()"))
        assert "fineTunes" in tip and "</script><script>window.__pwned=2</script>" in tip
        # search by a hostile alias, then the panel: text only, and only http(s) links
        page.fill("#search", '"><svg onload=alert(1)>')
        page.press("#search", "Enter")
        page.wait_for_function("network.getSelectedNodes()[0] === 'B'", timeout=5000)
        page.evaluate("showDetails('P1')")
        assert HOSTILE in page.locator("#details").inner_text()
        links = page.eval_on_selector_all("#details a", "as => as.map(a => a.getAttribute('href'))")
        assert links == ["https://github.com/o/r"]
        assert page.evaluate("document.querySelectorAll('img, #details svg, #details script').length") == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.title() == "<img src=y onerror=alert(2)>"
        assert watched.dialogs == [] and watched.errors == []
        assert watched.offline(), watched.blocked or watched.requests  # no <img src=x> was fetched
    finally:
        watched.close()


def test_focus_page_selects_its_centre(browser, tmp_path):
    from kg.export import jsongraph

    (tmp_path / "kg.json").write_text(jsongraph.dumps(tiny_graph()), encoding="utf-8")
    path, _, _ = html.write_page(tmp_path, out=tmp_path / "l3.html", focus="LLaMA 3", depth=1)
    watched = Watched(browser)
    try:
        watched.open(path)
        assert watched.page.evaluate("[nodes.length, edges.length]") == [3, 2]
        assert watched.page.evaluate("network.getSelectedNodes()") == ["L3"]
        assert "Llama 3 (within 1 step)" in watched.page.title()
        assert watched.errors == [] and watched.offline()
    finally:
        watched.close()


def test_benchmark_panel_shows_its_leaderboard_and_papers_unticked_draw_the_runs(seeds_page, seeds_build):
    watched, _ = seeds_page
    page = watched.page
    out, _ = seeds_build
    g = kg.load(out)
    board = g.leaderboard("GSM8K")
    assert board, "the seeds state results on GSM8K"
    iri = next(i for i in g.resolve("GSM8K") if g.nx.nodes[i]["type"] == "Benchmark")
    page.evaluate("id => showDetails(id)", iri)
    panel = page.locator("#details").inner_text()
    assert "Leaderboard" in panel
    assert board[0].value in panel and board[0].model in panel
    runs = "edges.get({filter: e => e.experiment === true}).length"
    assert page.evaluate(runs) == 0  # papers shown: the paper edges tell the story
    page.uncheck("input[data-type=Paper]")
    assert page.evaluate(runs) > 0
    assert page.evaluate(f"edges.get({{filter: e => e.experiment && e.to === {json.dumps(iri)}}}).length") > 0
    page.check("input[data-type=Paper]")
    assert page.evaluate(runs) == 0
    assert watched.errors == []
