"""The graph as one self-contained HTML page (pyvis' vis-network, inlined).

pyvis 0.3.2's templates load Bootstrap (and, in most modes, vis-network) from
CDNs and its ``add_edge`` scans every node on each call, so the page is
rendered from our own template: the vis-network script that ships inside the
installed pyvis package is inlined, and the node and edge records are handed
to the page's vis ``DataSet``s (the globals ``nodes`` and ``edges``) in one
go.  Nothing on the page refers to the network.

The page itself (markup, style, script) is ``kg/export/page/page.html``,
``page.css`` and ``page.js``; this module fills their ``@@NAME@@`` markers.

Everything that comes from the input reaches the page as JSON inside a
``<script>`` (with ``<``, ``>`` and ``&`` escaped) and is put on screen as
text only: canvas labels, vis-network tooltips (which set ``innerText`` for
string titles), and ``textContent`` in the side panel.  Links are only made
from ``http(s)`` URLs.

The same graph always gives the same bytes.
"""

from __future__ import annotations

import difflib
import html as html_lib
import io
import json
import math
import re
from collections import Counter, deque
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from kg import predicates
from kg.experiments import LOWER_IS_BETTER
from kg.keys import lookup_key
from kg.export.jsongraph import encode_compact, write_array

#: Node type → (fill, border, vis shape).  The legend is drawn from this.
TYPES: dict[str, tuple[str, str, str]] = {
    "Model": ("#4e79a7", "#2e4d6e", "dot"),
    "Benchmark": ("#f28e2b", "#a85a12", "diamond"),
    "Dataset": ("#59a14f", "#356830", "square"),
    "Technique": ("#b07aa1", "#76506b", "triangle"),
    "Paper": ("#c9ced6", "#8a929e", "dot"),
}
#: Relation → (edge colour, dashed), from kg/data/predicates.tsv: paper → entity relations first, then lineage.
RELATIONS: dict[str, tuple[str, bool]] = predicates.styles()
_OTHER_RELATION = ("#888888", False)

PAPER_LABEL_CHARS = 42
FONT_FACE = "system-ui, -apple-system, 'Segoe UI', sans-serif"
MAX_EVIDENCE = 2
PAGE = "export/page"  # page.html, page.css, page.js: package data, edited as plain files


class GraphPageError(ValueError):
    """A page cannot be made: no graph where one was expected, or an unknown focus name."""


# --- data --------------------------------------------------------------------------


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _entity_style(degree: int) -> tuple[float, int, float]:
    """Node size, label size and mass for an entity of this degree.

    Labels grow with the square root of the degree, so at the zoom that fits
    the whole seeds graph the hubs are readable and the rest appear as you zoom
    in (vis-network skips labels under ``drawThreshold`` screen pixels).  Mass
    makes hubs push their neighbours away, leaving room for their labels.
    """
    root = min(math.sqrt(max(degree, 0)), 10)
    return round(7 + 5 * root, 1), round(10 + 14 * root), round(1 + 2.5 * root, 2)


def vis_data(g: nx.MultiDiGraph, focus: str | None = None) -> tuple[list[dict], list[dict]]:
    """vis-network node and edge records, in the graph's order.

    Tooltips (``title``) are plain strings: vis-network 9 shows them with
    ``innerText``, so markup in a title is shown, never parsed.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", type="Paper", label="<b>T</b>", title="<b>T</b>", sources=["a.txt:1"], urls=[])
    >>> g.add_node("m", type="Model", label="M", aliases=["M-1"])
    >>> _ = g.add_edge("p", "m", key="proposes", evidence=[{"sentence": "We propose M."}])
    >>> nodes, edges = vis_data(g)
    >>> nodes[1]["title"]
    'Model: M\\naliases: M-1\\npapers: 1'
    >>> edges[0]["relation"], edges[0]["title"]
    ('proposes', '<b>T</b>\\n  → proposes → M\\n“We propose M.”')
    """
    return list(node_records(g, focus)), list(edge_records(g))


def node_records(g: nx.MultiDiGraph, focus: str | None = None) -> Iterator[dict]:
    """The vis-network node records of :func:`vis_data`, one at a time."""
    degree = g.degree  # a view: no copy of every node's degree
    boards = leaderboards(g)
    for iri, d in g.nodes(data=True):
        yield node_record(g, iri, d, degree[iri], boards, focus)


def node_record(g: nx.MultiDiGraph, iri: str, d: dict, degree: int, boards: dict, focus: str | None = None) -> dict:
    """One node's record: made from its attributes, its degree, its papers and its leaderboard alone (what
    :mod:`kg.export.htmlsplice` digests)."""
    t = d.get("type", "Technique")
    if t == "Paper":
        title = d.get("title") or d.get("label") or iri
        links = [u for u in d.get("urls") or [] if isinstance(u, str)]
        tip = [title]
        if d.get("date"):
            tip.append(f"date: {d['date']}")
        if d.get("organization"):
            tip.append(f"organization: {d['organization']}")
        tip.append("sources: " + (", ".join(d.get("sources") or []) or "none"))
        tip.extend(f"code: {u}" for u in links)
        record = {"id": iri, "label": _clip(title, PAPER_LABEL_CHARS), "group": t, "type": t,
                  "title": "\n".join(tip), "names": [title], "links": links + _outside(d),
                  "size": 4.5, "font": {"size": 9}}
    else:
        label = d.get("label") or iri
        aliases = [a for a in d.get("aliases") or [] if a != label]
        tip = [f"{t}: {label}"]
        if aliases:
            tip.append("aliases: " + ", ".join(aliases))
        tip.append(f"papers: {paper_count(g, iri)}")
        if d.get("is_family"):
            tip.append("a model family")
        size, font, mass = _entity_style(degree)
        record = {"id": iri, "label": label, "group": t, "type": t, "title": "\n".join(tip),
                  "names": [label, *aliases], "links": _outside(d), "size": size, "font": {"size": font}}
        if mass != 1:
            record["mass"] = mass
        if iri in boards:
            record["board"] = boards[iri]
    record["degree"] = degree
    if iri == focus:
        record["borderWidth"] = 4
        record["font"] = {**record["font"], "size": max(record["font"]["size"], 22), "bold": True}
    return record


def paper_count(g: nx.MultiDiGraph, iri: str) -> int:
    """How many papers link to an entity."""
    return len({p for p in g.predecessors(iri) if g.nodes[p].get("type") == "Paper"})


def _outside(d: dict) -> list[str]:
    """Links out of the graph (kg/external.py): Hugging Face and arXiv pages, the introducing paper."""
    return [u for u in [*(d.get("same_as") or []), d.get("source")] if isinstance(u, str)]


def edge_records(g: nx.MultiDiGraph) -> Iterator[dict]:
    """The vis-network edge records of :func:`vis_data`, one at a time.  They carry no id: the page numbers
    them in order as it loads them, so a record depends on its edge and its ends' names alone."""
    for u, succ in g._succ.items():
        if succ:
            yield from source_edge_records(g, u)


def source_edge_records(g: nx.MultiDiGraph, u: str) -> Iterator[dict]:
    """The records of ``u``'s out-edges, in the graph's order."""
    head = _clip(_name(g, u), 90)
    for v, keyed in g._succ[u].items():
        for k, d in keyed.items():
            tip = [head, f"  → {k} → {_clip(_name(g, v), 90)}"]
            evidence = [e for e in d.get("evidence") or [] if isinstance(e, dict) and e.get("sentence")]
            for e in evidence[:MAX_EVIDENCE]:
                tip.append(f"“{_clip(e['sentence'], 400)}”")
            if len(evidence) > MAX_EVIDENCE:
                tip.append(f"(+{len(evidence) - MAX_EVIDENCE} more)")
            yield {"from": u, "to": v, "relation": k, "title": "\n".join(tip)}


BOARD_ROWS = 12


def leaderboards(g: nx.MultiDiGraph) -> dict[str, list[list[str]]]:
    """Data IRI → its leaderboard for the details panel: [value, metric, model, paper] rows, best first per metric."""
    rows: dict[str, list[tuple]] = {}
    for paper, d in g.nodes(data=True):
        for x in d.get("experiments") or ():
            if x.get("kind") != "evaluatedOn" or x.get("number") is None or x.get("data") not in g:
                continue
            metric = x.get("metric") or ""
            rank = x["number"] if metric in LOWER_IS_BETTER else -x["number"]
            rows.setdefault(x["data"], []).append(
                (metric, x.get("unit") or "", rank, _name(g, x["model"]), _clip(_name(g, paper), 60), x["value"]))
    return {data: [[r[5], r[0], r[3], r[4]] for r in sorted(found)[:BOARD_ROWS]] for data, found in rows.items()}


def experiment_edge_records(g: nx.MultiDiGraph) -> Iterator[dict]:
    """Model → data edges, one per (model, data, kind) the papers report: drawn when papers are unticked."""
    seen: dict[tuple[str, str, str], list[str]] = {}
    for paper in sorted(n for n, d in g.nodes(data=True) if d.get("experiments")):  # no pair kept per node
        for x in g.nodes[paper]["experiments"]:
            if x.get("model") in g and x.get("data") in g:
                tips = seen.setdefault((x["model"], x["data"], x["kind"]), [])
                tips.append(f"{x['value']} in " if x.get("value") else "in ")
                tips[-1] += _clip(_name(g, paper), 70)
    for n, ((model, data, kind), tips) in enumerate(sorted(seen.items())):
        title = [f"{_clip(_name(g, model), 90)}", f"  → {kind} → {_clip(_name(g, data), 90)}"] + tips[:3]
        yield {"id": f"x{n}", "from": model, "to": data, "relation": kind, "experiment": True,
               "title": "\n".join(title)}


def _name(g: nx.MultiDiGraph, iri: str) -> str:
    d = g.nodes[iri]
    if d.get("type") == "Paper":
        return d.get("title") or d.get("label") or iri
    return d.get("label") or iri


# --- names and neighbourhoods ---------------------------------------------------


def normalize(name: str) -> str:
    """Names are compared by :func:`kg.keys.lookup_key`, as in the query API (``+`` counts).

    >>> normalize("LLaMA-3"), normalize("llama 3"), normalize("HumanEval+")
    ('llama3', 'llama3', 'humaneval+')
    """
    return lookup_key(name)


def resolve(g: nx.MultiDiGraph, name: str) -> str:
    """The node a name means: an entity by label, then by alias, then a paper by title or key.

    Raises :class:`GraphPageError` naming close names when nothing matches.
    """
    wanted = normalize(name)
    if name in g:
        return name
    tiers: list[list[str]] = [[], [], [], []]
    for iri, d in g.nodes(data=True):
        if d.get("type") == "Paper":
            if wanted and wanted in (normalize(d.get("title") or ""), normalize(d.get("key") or "")):
                tiers[2].append(iri)
        elif wanted and normalize(d.get("label") or "") == wanted:
            tiers[0].append(iri)
        elif wanted and any(normalize(a) == wanted for a in d.get("aliases") or []):
            tiers[1].append(iri)
        elif d.get("key") == name:
            tiers[3].append(iri)
    for found in tiers:
        if len(found) == 1:
            return found[0]
        if found:
            options = ", ".join(f"{g.nodes[i].get('label')!r} ({g.nodes[i].get('type')}, key "
                                f"{g.nodes[i].get('key')})" for i in found[:6])
            raise GraphPageError(f"{name!r} names {len(found)} nodes: {options}; give a key to choose")
    close = close_names(g, name)
    hint = f"; close names: {', '.join(repr(c) for c in close)}" if close else "; no close names"
    raise GraphPageError(f"no entity or paper named {name!r}{hint}")


def close_names(g: nx.MultiDiGraph, name: str, n: int = 6) -> list[str]:
    """Entity labels that look like ``name``: ones containing it first, then similar spellings."""
    wanted = normalize(name)
    by_norm: dict[str, str] = {}
    degree: dict[str, int] = {}
    for iri, d in g.nodes(data=True):
        if d.get("type") == "Paper":
            continue
        label = d.get("label") or iri
        for text in (label, *(d.get("aliases") or [])):
            key = normalize(text)
            if key and key not in by_norm:
                by_norm[key] = label
                degree[key] = g.degree(iri)
    found: list[str] = []
    if wanted:
        containing = sorted((k for k in by_norm if wanted in k or k in wanted),
                            key=lambda k: (abs(len(k) - len(wanted)), -degree[k], k))
        found.extend(by_norm[k] for k in containing[:n])
    found.extend(by_norm[k] for k in difflib.get_close_matches(wanted, sorted(by_norm), n=n, cutoff=0.6))
    return list(dict.fromkeys(found))[:n]


def neighbourhood(g: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    """The nodes within ``depth`` steps of ``centre`` (edges followed both ways) and the edges among them.

    >>> g = nx.MultiDiGraph([("p", "a"), ("p", "b"), ("q", "b"), ("q", "c")])
    >>> sorted(neighbourhood(g, "a", 2)), sorted(neighbourhood(g, "a", 3))
    (['a', 'b', 'p'], ['a', 'b', 'p', 'q'])
    """
    seen = {centre: 0}
    todo = deque([centre])
    while todo:
        node = todo.popleft()
        if seen[node] >= depth:
            continue
        for other in (*g.successors(node), *g.predecessors(node)):
            if other not in seen:
                seen[other] = seen[node] + 1
                todo.append(other)
    return g.subgraph(seen).copy()


# --- the page ------------------------------------------------------------------


def _vis_script() -> str:
    spec = find_spec("pyvis")  # locate without importing: pyvis.network pulls in IPython
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed; it provides the vis-network script")
    root = Path(next(iter(spec.submodule_search_locations)))
    return (root / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text(encoding="utf-8")


def _script_json(value: object) -> str:
    """JSON that is safe inside a <script> element."""
    text = encode_compact(value)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def options(n_nodes: int) -> dict:
    """vis-network options: a fixed seed, a bounded number of layout steps, then physics off.

    ForceAtlas2 with a coarse Barnes-Hut (theta 1.2) and a strong central pull
    lays out the seeds graph (about 1,600 nodes) in about 120 steps; bigger
    graphs get fewer steps so the page is still usable within seconds.
    """
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"theta": 1.2, "gravitationalConstant": -100, "centralGravity": 0.15,
                                 "springLength": 25, "springConstant": 0.15, "damping": 0.5,
                                 "avoidOverlap": 0},
            "maxVelocity": 50, "minVelocity": 0.75, "timestep": 0.5,
            "stabilization": {"enabled": True, "iterations": max(30, min(150, 200_000 // max(n_nodes, 1))),
                              "updateInterval": 10, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True,
                        "multiselect": False, "keyboard": False},
        "nodes": {
            "borderWidth": 1, "borderWidthSelected": 3,
            "font": {"face": FONT_FACE, "color": "#1b2230",
                     "strokeWidth": 4, "strokeColor": "rgba(255,255,255,0.9)"},
            "scaling": {"label": {"drawThreshold": 10, "maxVisible": 26}},
        },
        "edges": {"smooth": False, "width": 0.8, "selectionWidth": 2, "hoverWidth": 1.2,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.35}},
                  "color": {"inherit": False, "opacity": 0.55}},
        "groups": {t: {"shape": shape, "color": {"background": fill, "border": border,
                                                  "highlight": {"background": fill, "border": "#111111"},
                                                  "hover": {"background": fill, "border": "#111111"}}}
                   for t, (fill, border, shape) in TYPES.items()},
    }


@cache
def page_template() -> tuple[str, ...]:
    """The page (``kg/export/page/``) split at its ``@@NAME@@`` markers: text, name, text, name, ….

    ``page.html`` is the skeleton; ``page.css`` and ``page.js`` are put in at
    its ``@@STYLE@@`` and ``@@SCRIPT@@`` before it is split, so the script's own
    markers (``@@NODES@@`` …) are filled like the others by :func:`render_into`.
    """
    folder = resources.files("kg").joinpath(PAGE)
    text = folder.joinpath("page.html").read_text(encoding="utf-8")
    for marker, name in (("@@STYLE@@", "page.css"), ("@@SCRIPT@@", "page.js")):
        text = text.replace(marker, folder.joinpath(name).read_text(encoding="utf-8"))
    return tuple(re.split(r"@@([A-Z]+)@@", text))


def _swatch(t: str) -> str:
    fill, border, shape = TYPES[t]
    path = {"dot": '<circle cx="7" cy="7" r="5.5"/>',
            "diamond": '<polygon points="7,1 13,7 7,13 1,7"/>',
            "square": '<rect x="2" y="2" width="10" height="10"/>',
            "triangle": '<polygon points="7,1.5 13,12.5 1,12.5"/>'}[shape]
    return (f'<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
            f'<g fill="{fill}" stroke="{border}">{path}</g></svg>')


def _line(rel: str) -> str:
    colour, dashed = RELATIONS.get(rel, _OTHER_RELATION)
    dash = ' stroke-dasharray="5 3"' if dashed else ""
    return (f'<svg width="20" height="10" viewBox="0 0 20 10" aria-hidden="true">'
            f'<line x1="1" y1="5" x2="19" y2="5" stroke="{colour}" stroke-width="4"{dash}/></svg>')


def render(g: nx.MultiDiGraph, title: str = "mlkg", focus: str | None = None) -> str:
    """The page for a graph (or a neighbourhood of one, with ``focus`` the IRI at its centre)."""
    buffer = io.BytesIO()
    render_into(buffer, g, title, focus)
    return buffer.getvalue().decode("utf-8")


def render_into(fh: BinaryIO, g: nx.MultiDiGraph, title: str = "mlkg", focus: str | None = None,
                arrays: dict[str, Callable[[BinaryIO], None]] | None = None) -> None:
    """:func:`render` written piece by piece: the node and edge records one at a time, never one whole page string.

    ``arrays`` writes some record arrays (``NODES``, ``EDGES``) itself, as :mod:`kg.export.htmlsplice` does."""
    type_counts = Counter(t for _, t in g.nodes(data="type", default="Technique"))
    rel_counts = Counter(k for _, _, k in g.edges(keys=True))
    types = [t for t in TYPES if t in type_counts] + sorted(set(type_counts) - set(TYPES))
    rels = [r for r in RELATIONS if r in rel_counts] + sorted(set(rel_counts) - set(RELATIONS))
    esc = html_lib.escape
    type_rows = "".join(
        f'<label class="row"><input type="checkbox" checked data-type="{esc(t)}">'
        f'{_swatch(t) if t in TYPES else ""}<span class="name">{esc(t)}</span>'
        f'<span class="count">{type_counts[t]}</span></label>'
        for t in types)
    rel_rows = "".join(
        f'<label class="row"><input type="checkbox" checked data-relation="{esc(r)}">'
        f'{_line(r)}<span class="name">{esc(r)}</span><span class="count">{rel_counts[r]}</span></label>'
        for r in rels)
    style = {r: {"color": c, "dashes": dashed} for r, (c, dashed) in RELATIONS.items()}
    parts = {
        "TITLE": esc(title),
        "TYPES": type_rows,
        "RELATIONS": rel_rows,
        "SUMMARY": f"{g.number_of_nodes()} nodes · {g.number_of_edges()} edges",
        "VIS": _vis_script(),
        "NODES": node_records(g, focus),
        "EDGES": edge_records(g),
        "EXPERIMENTS": experiment_edge_records(g),
        "OPTIONS": _script_json(options(g.number_of_nodes())),
        "META": _script_json({"focus": focus, "relationStyle": style, "other": _OTHER_RELATION[0],
                              "fontFace": FONT_FACE}),
    }
    for n, piece in enumerate(page_template()):
        if n % 2 and arrays is not None and piece in arrays:
            arrays[piece](fh)
            continue
        value = parts[piece] if n % 2 else piece
        if not isinstance(value, str):  # records: a JSON array, as _script_json would write it
            write_array(fh, value, _script_json)
        else:
            fh.write(value.encode("utf-8"))


# --- the `mlkg html` command ------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "focus"


def write_page(directory: str | Path, out: str | Path | None = None, focus: str | None = None,
               depth: int = 2) -> tuple[Path, int, int]:
    """Render the graph built into ``directory`` (its ``kg.json``), whole or around ``focus``.

    Returns the page written and its numbers of nodes and edges.  Without
    ``out`` the page goes to ``directory/kg.html`` (whole graph) or
    ``directory/<focus>.html``.
    """
    import kg
    from kg.export import write_atomic

    directory = Path(directory)
    source = directory / "kg.json" if directory.is_dir() else directory
    if not source.exists():
        raise GraphPageError(f"no graph at {source}: build one first with `mlkg build INPUTS --out {directory}`")
    try:
        g = kg.load(directory).nx
    except OSError as exc:
        raise GraphPageError(f"cannot read {source}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise GraphPageError(f"{source} is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise GraphPageError(f"{source} is not an mlkg graph ({exc})") from None
    if depth < 0:
        raise GraphPageError("--depth must be 0 or more")
    title = "mlkg"
    centre = None
    if focus is not None:
        centre = resolve(g, focus)
        g = neighbourhood(g, centre, depth)
        title = f"mlkg: {_name(g, centre)} (within {depth} step{'s' if depth != 1 else ''})"
    if out is None:
        base = directory if directory.is_dir() else directory.parent
        out = base / ("kg.html" if centre is None else f"{_slug(_name(g, centre))}.html")
    out = Path(out)
    try:
        write_atomic(out, lambda fh: render_into(fh, g, title=title, focus=centre))
    except OSError as exc:
        raise GraphPageError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out, g.number_of_nodes(), g.number_of_edges()
