"""The graph as one self-contained HTML page (pyvis' vis-network, inlined).

pyvis' own templates load Bootstrap and vis-network from CDNs and its
``add_edge`` is quadratic, so the page is rendered from our own template with
the vis-network script and style that ship inside the pyvis package, and the
node and edge lists are handed to vis DataSets in one go.  Nothing on the page
refers to the network.
"""

from __future__ import annotations

import html as html_lib
import json
from importlib import resources

import networkx as nx
from pyvis.network import Network

COLOURS = {
    "Paper": "#b0b7c3",
    "Model": "#4e79a7",
    "Benchmark": "#f28e2b",
    "Dataset": "#59a14f",
    "Technique": "#b07aa1",
}
SHAPES = {"Paper": "dot", "Model": "dot", "Benchmark": "diamond", "Dataset": "square", "Technique": "triangle"}


def _asset(name: str) -> str:
    return (resources.files("pyvis") / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def _script_json(value: object) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def vis_data(g: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """vis-network node and edge records, in the graph's order."""
    degree = dict(g.degree())
    nodes = []
    for iri, d in g.nodes(data=True):
        t = d["type"]
        if t == "Paper":
            tip = "\n".join(filter(None, [
                d["title"], f"date: {d.get('date') or 'unknown'}",
                "sources: " + ", ".join(d.get("sources", [])),
                *(f"link: {u}" for u in d.get("urls", [])),
            ]))
            label = d["title"] if len(d["title"]) <= 40 else d["title"][:38] + "…"
            size = 6
        else:
            papers = sum(1 for _ in g.predecessors(iri) if g.nodes[_]["type"] == "Paper")
            tip = "\n".join(filter(None, [
                f"{t}: {d['label']}",
                ("aliases: " + ", ".join(d.get("aliases", []))) if d.get("aliases") else "",
                f"papers: {papers}",
            ]))
            label = d["label"]
            size = 10 + min(30, 2 * degree.get(iri, 0))
        nodes.append({
            "id": iri, "label": label, "title": tip, "group": t, "shape": SHAPES[t],
            "color": COLOURS[t], "size": size, "aliases": d.get("aliases", []),
        })
    edges = []
    for n, (u, v, k, d) in enumerate(g.edges(keys=True, data=True)):
        evidence = d.get("evidence") or []
        tip = k + (f"\n“{evidence[0]['sentence']}”" if evidence else "")
        edges.append({"id": n, "from": u, "to": v, "label": k, "title": tip, "arrows": "to",
                      "dashes": k == "variantOf"})
    return nodes, edges


def render(g: nx.MultiDiGraph, title: str = "mlkg") -> str:
    """The page for a graph (or a neighbourhood of one)."""
    net = Network(directed=True)
    net.nodes, net.edges = vis_data(g)  # handed over in bulk: pyvis' add_edge is quadratic
    net.set_options(json.dumps({
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 250},
                    "forceAtlas2Based": {"gravitationalConstant": -40, "springLength": 80}},
        "interaction": {"hover": True, "tooltipDelay": 120},
        "edges": {"font": {"size": 0}, "smooth": False, "color": {"opacity": 0.5}},
        "nodes": {"font": {"size": 14}},
    }))
    legend = "".join(
        f'<span class="key"><span class="swatch" style="background:{c}"></span>{html_lib.escape(t)}</span>'
        for t, c in COLOURS.items())
    return _TEMPLATE.format(
        title=html_lib.escape(title),
        css=_asset("vis-network.css"),
        js=_asset("vis-network.min.js"),
        nodes=_script_json(net.nodes),
        edges=_script_json(net.edges),
        options=_script_json(net.options if isinstance(net.options, dict) else json.loads(net.options.to_json())),
        legend=legend,
    )


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>{css}</style>
<style>
html, body {{ margin: 0; height: 100%; font-family: system-ui, sans-serif; }}
#bar {{ padding: 6px 10px; border-bottom: 1px solid #ddd; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }}
#graph {{ position: absolute; top: 44px; bottom: 0; left: 0; right: 0; }}
.key {{ font-size: 13px; }} .swatch {{ display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 4px; }}
</style>
</head>
<body>
<div id="bar"><strong>{title}</strong>{legend}
<input id="search" type="search" placeholder="find a node by name or alias" size="30"></div>
<div id="graph"></div>
<script>{js}</script>
<script>
var nodes = new vis.DataSet({nodes});
var edges = new vis.DataSet({edges});
var container = document.getElementById("graph");
var network = new vis.Network(container, {{nodes: nodes, edges: edges}}, {options});
network.once("stabilizationIterationsDone", function () {{ network.setOptions({{physics: false}}); }});
document.getElementById("search").addEventListener("change", function (ev) {{
  var q = ev.target.value.trim().toLowerCase();
  if (!q) return;
  var hit = nodes.get({{filter: function (n) {{
    return n.label.toLowerCase() === q || (n.aliases || []).some(function (a) {{ return a.toLowerCase() === q; }});
  }}}})[0] || nodes.get({{filter: function (n) {{ return n.label.toLowerCase().indexOf(q) >= 0; }}}})[0];
  if (hit) {{ network.selectNodes([hit.id]); network.focus(hit.id, {{scale: 1.2, animation: true}}); }}
}});
</script>
</body>
</html>
"""
