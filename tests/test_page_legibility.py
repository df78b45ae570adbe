"""The page stays legible at the seeds' size: labels that do not overlap, tooltips beside their node, no stray dots.

Measured in headless Chromium from the network's own state: each drawn
label's box (vis-network's label module, after layout) and each node's box.
"""

from __future__ import annotations

import pytest

from test_html_browser import Watched, browser, seeds_page  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

DRAWN_LABELS = """() => {
  const s = network.getScale(), view = network.canvasToDOM({x: 0, y: 0});
  return Object.values(network.body.nodes)
    .filter(n => !n.options.hidden && n.labelModule.visible())
    .map(n => { const z = n.labelModule.size;
                return {id: n.id, label: n.options.label,
                        x0: view.x + z.left * s, y0: view.y + z.top * s,
                        x1: view.x + (z.left + z.width) * s, y1: view.y + (z.top + z.height) * s}; });
}"""


def _overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return not (a["x1"] <= b["x0"] + slack or b["x1"] <= a["x0"] + slack or
                a["y1"] <= b["y0"] + slack or b["y1"] <= a["y0"] + slack)


def test_overview_labels_are_readable_and_do_not_overlap(seeds_page, tmp_path):
    watched, _ = seeds_page
    page = watched.page
    page.evaluate("network.redraw()")
    labels = page.evaluate(DRAWN_LABELS)
    width, height = page.evaluate("[container.clientWidth, container.clientHeight]")
    on_screen = [b for b in labels if b["x1"] > 0 and b["y1"] > 0 and b["x0"] < width and b["y0"] < height]
    assert len(on_screen) >= 15, [b["label"] for b in on_screen]  # the best-linked entities are named
    clashes = [(a["label"], b["label"]) for i, a in enumerate(on_screen) for b in on_screen[i + 1:] if _overlap(a, b)]
    assert clashes == []
    shot = tmp_path / "overview.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_a_tooltip_never_covers_its_node(seeds_page):
    watched, _ = seeds_page
    page = watched.page
    hubs = page.evaluate("NODE_RECORDS.filter(n => n.type !== 'Paper')"
                         ".sort((a, b) => b.degree - a.degree).slice(0, 3).map(n => n.id)")
    for iri in hubs:
        page.evaluate("id => network.moveTo({position: network.getPosition(id), scale: network.getScale()})", iri)
        watched.page.mouse.move(0, 0)
        watched.hover(page.evaluate("id => network.getPosition(id)", iri))
        tip, node = page.evaluate("""id => {
            const g = container.getBoundingClientRect(), t = document.querySelector('div.vis-tooltip').getBoundingClientRect();
            const b = network.getBoundingBox(id), a = network.canvasToDOM({x: b.left, y: b.top}),
                  c = network.canvasToDOM({x: b.right, y: b.bottom});
            return [{x0: t.left - g.left, y0: t.top - g.top, x1: t.right - g.left, y1: t.bottom - g.top},
                    {x0: a.x, y0: a.y, x1: c.x, y1: c.y}]; }""", iri)
        assert not _overlap(tip, node), (iri, tip, node)
    assert watched.errors == []


def test_unticking_papers_leaves_no_unconnected_dots(seeds_page):
    page = seeds_page[0].page
    stray = """() => { const shown = new Set(nodes.get({filter: n => !n.hidden}).map(n => n.id));
        const linked = new Set();
        edges.get({filter: e => !e.hidden && shown.has(e.from) && shown.has(e.to)})
             .forEach(e => { linked.add(e.from); linked.add(e.to); });
        return [shown.size, [...shown].filter(id => !linked.has(id) && nodes.get(id).degree > 0).length]; }"""
    before, _ = page.evaluate(stray)
    page.uncheck("input[data-type=Paper]")
    shown, unconnected = page.evaluate(stray)
    assert unconnected == 0 and 0 < shown < before
    page.check("input[data-type=Paper]")
    assert page.evaluate(stray)[0] == before
