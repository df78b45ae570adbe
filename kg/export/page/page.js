"use strict";
var META = @@META@@;
var NODE_RECORDS = @@NODES@@;
var EDGE_RECORDS = @@EDGES@@;
var EXPERIMENT_RECORDS = @@EXPERIMENTS@@;  // model → data, from the papers' experiments
EXPERIMENT_RECORDS.forEach(function (e) {
  var s = META.relationStyle[e.relation === "trainedOn" ? "trainsOn" : "evaluatesOn"];
  e.color = {color: s.color, highlight: s.color, hover: s.color, opacity: 0.8};
  e.width = 1.5;
});
EDGE_RECORDS.forEach(function (e, i) {
  e.id = i;  // numbered here, in order: a record depends on its edge alone (kg/export/htmlsplice.py)
  var s = META.relationStyle[e.relation] || {color: META.other, dashes: false};
  e.color = {color: s.color, highlight: s.color, hover: s.color, opacity: 0.55};
  e.dashes = s.dashes;
});
var nodes = new vis.DataSet(NODE_RECORDS);
var edges = new vis.DataSet(EDGE_RECORDS);
var container = document.getElementById("graph");
var statusBox = document.getElementById("status");
var details = document.getElementById("details");
var started = performance.now();
window.mlkgReady = false;
var network = new vis.Network(container, {nodes: nodes, edges: edges}, @@OPTIONS@@);

// --- labels: at the zoom that shows the whole graph, the best-linked entities (as many
// as the window has room for) get readable labels sized by degree, the rest appear as
// you zoom in; zoomed in, no label grows past a few pixels more than its degree earns
// (vis-network's scaling.label.maxVisible only fades labels, it does not shrink them)
var baseFont = {}, capPx = {}, capTimer = null;
NODE_RECORDS.forEach(function (n) {
  baseFont[n.id] = n.font.size;
  capPx[n.id] = n.type === "Paper" ? 11 : 12.5 + 1.2 * Math.min(Math.sqrt(n.degree || 0), 10);
});
function overviewLabels() {
  // Greedy: by degree, give an entity a readable label if it does not overlap one
  // already given, until the window's budget is spent; the others wait for zoom.
  var scale = network.getScale(), pos = network.getPositions();
  var budget = Math.max(15, Math.min(80, Math.round(container.clientWidth * container.clientHeight / 16000)));
  var ranked = NODE_RECORDS.filter(function (n) { return n.type !== "Paper"; }).sort(function (a, b) {
    return (b.id === META.focus) - (a.id === META.focus) || (b.degree - a.degree) ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  });
  var placed = [], ruler = document.createElement("canvas").getContext("2d");
  ranked.forEach(function (n) {
    var px = 10 + 1.9 * Math.sqrt(Math.min(n.degree || 0, 100)), p = pos[n.id];
    ruler.font = px + "px " + META.fontFace;  // the label's width as drawn, plus its white outline
    var w = ruler.measureText(n.label).width + 10, h = px * 1.4;
    var box = p && {x0: p.x * scale - w / 2, x1: p.x * scale + w / 2,
                    y0: (p.y + n.size) * scale, y1: (p.y + n.size) * scale + h};
    var free = box && placed.length < budget && placed.every(function (o) {
      return box.x1 < o.x0 || box.x0 > o.x1 || box.y1 < o.y0 || box.y0 > o.y1;
    });
    if (free) placed.push(box);
    baseFont[n.id] = (free ? px : Math.min(px, 8.5)) / scale;
  });
}
function capLabels(scale) {
  var changes = [];
  if (typeof scale !== "number") scale = network.getScale();
  nodes.forEach(function (n) {
    var want = Math.min(baseFont[n.id], capPx[n.id] / scale);
    if (Math.abs(want - n.font.size) > 0.25) changes.push({id: n.id, font: Object.assign({}, n.font, {size: want})});
  });
  if (changes.length) nodes.update(changes);
}
network.on("zoom", function () { clearTimeout(capTimer); capTimer = setTimeout(capLabels, 80); });
network.on("animationFinished", capLabels);

// --- tooltips: beside the node they describe, never over it --------------------------
// vis-network puts its tooltip at the pointer (over the node); after each show, move it
// to the right of the node's box (label included), or to its left if there is no room.
function placeTooltip(popup) {
  if (popup.popupTargetType !== "node" || !nodes.get(popup.popupTargetId)) return;
  var tip = popup.frame, b = network.getBoundingBox(popup.popupTargetId);
  var tl = network.canvasToDOM({x: b.left, y: b.top}), br = network.canvasToDOM({x: b.right, y: b.bottom});
  var w = tip.offsetWidth, h = tip.offsetHeight, W = container.clientWidth, H = container.clientHeight, gap = 8;
  var left = br.x + gap;
  if (left + w > W) left = tl.x - gap - w;
  var top = Math.max(0, Math.min(tl.y, H - h));
  if (left < 0) { left = Math.max(0, Math.min(tl.x, W - w)); top = br.y + gap + h <= H ? br.y + gap : Math.max(0, tl.y - gap - h); }
  tip.style.left = left + "px";
  tip.style.top = top + "px";
}
network.on("showPopup", function () {
  var popup = network.interactionHandler.popup;
  if (!popup) return;
  if (!popup.mlkgShow) {
    popup.mlkgShow = popup.show;
    popup.show = function (doShow) { popup.mlkgShow(doShow); if (doShow !== false) placeTooltip(popup); };
  }
  placeTooltip(popup);
});

// --- filters: node types and relations -------------------------------------------
function applyFilters() {
  var typeOn = {}, relOn = {};
  document.querySelectorAll("input[data-type]").forEach(function (b) { typeOn[b.dataset.type] = b.checked; });
  document.querySelectorAll("input[data-relation]").forEach(function (b) { relOn[b.dataset.relation] = b.checked; });
  var nodeChanges = [], edgeChanges = [];
  // A node whose every edge is filtered away is hidden too: no unconnected dots.
  var linked = {}, typeOf = {};
  nodes.forEach(function (n) { typeOf[n.id] = n.type; });
  edges.forEach(function (e) {
    var hidden = relOn[e.relation] === false || typeOn[typeOf[e.from]] === false || typeOn[typeOf[e.to]] === false;
    if (!hidden) { linked[e.from] = true; linked[e.to] = true; }
    if (!!e.hidden !== (relOn[e.relation] === false)) edgeChanges.push({id: e.id, hidden: relOn[e.relation] === false});
  });
  nodes.forEach(function (n) {
    var hidden = typeOn[n.type] === false || (n.degree > 0 && !linked[n.id]);
    if (!!n.hidden !== hidden) nodeChanges.push({id: n.id, hidden: hidden});
  });
  nodes.update(nodeChanges);
  edges.update(edgeChanges);
  // without papers, the experiments link models to the data they ran on: an entity map
  var runs = typeOn.Paper === false, shown = EXPERIMENT_RECORDS.length && edges.get(EXPERIMENT_RECORDS[0].id);
  if (runs && !shown) edges.add(EXPERIMENT_RECORDS);
  else if (!runs && shown) edges.remove(EXPERIMENT_RECORDS.map(function (e) { return e.id; }));
}
document.querySelectorAll("input[data-type], input[data-relation]").forEach(function (b) {
  b.addEventListener("change", applyFilters);
});

// --- search: any label or alias, case and punctuation ignored ---------------------
function norm(s) { return String(s).normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}\p{M}+]/gu, ""); }
var index = [];
(function () {
  var list = document.getElementById("names"), seen = {}, frag = document.createDocumentFragment();
  nodes.forEach(function (n) {
    (n.names || []).forEach(function (name) {
      index.push({key: norm(name), id: n.id, paper: n.type === "Paper", degree: n.degree || 0});
      if (!seen[name] && n.type !== "Paper") {
        seen[name] = true;
        var o = document.createElement("option");
        o.value = name;
        frag.appendChild(o);
      }
    });
  });
  list.appendChild(frag);
})();
function findNode(query) {
  var q = norm(query);
  if (!q) return null;
  var best = null, bestRank = null;
  index.forEach(function (entry) {
    var how = entry.key === q ? 0 : entry.key.indexOf(q) === 0 ? 1 : entry.key.indexOf(q) > 0 ? 2 : -1;
    if (how < 0) return;
    var rank = [how, entry.paper ? 1 : 0, -entry.degree, entry.key.length];
    if (bestRank === null || compare(rank, bestRank) < 0) { best = entry.id; bestRank = rank; }
  });
  return best;
}
function compare(a, b) {
  for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
function focusNode(id) {
  var n = nodes.get(id);
  if (!n) return;
  if (n.hidden) {
    var box = document.querySelector('input[data-type="' + CSS.escape(n.type) + '"]');
    if (box) { box.checked = true; applyFilters(); }
  }
  var scale = Math.max(network.getScale(), 0.8);
  capLabels(scale);
  network.selectNodes([id]);
  network.focus(id, {scale: scale, animation: {duration: 400, easingFunction: "easeInOutQuad"}});
  showDetails(id);
}
var lastSearch = null;
function search() {
  var input = document.getElementById("search");
  if (input.value === lastSearch) return;  // Enter and the change event that follows it
  lastSearch = input.value;
  var id = findNode(input.value);
  if (id) { statusBox.textContent = ""; focusNode(id); }
  else if (input.value.trim()) { statusBox.textContent = "no node matches “" + input.value.trim() + "”"; }
}
document.getElementById("search").addEventListener("change", search);
document.getElementById("search").addEventListener("keydown", function (ev) {
  if (ev.key === "Enter") { ev.preventDefault(); lastSearch = null; search(); }
});

// --- the side panel: the hover text, links and neighbours of a clicked node ---------
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function safeUrl(u) {
  try { var url = new URL(u); return url.protocol === "https:" || url.protocol === "http:" ? url.href : null; }
  catch (err) { return null; }
}
function showDetails(id) {
  var n = nodes.get(id);
  if (!n) { details.style.display = "none"; return; }
  details.replaceChildren();
  var close = el("button", "close", "×");
  close.setAttribute("aria-label", "close");
  close.addEventListener("click", function () { details.style.display = "none"; network.unselectAll(); });
  details.appendChild(close);
  details.appendChild(el("div", "text", n.title));
  (n.links || []).forEach(function (u) {
    var href = safeUrl(u);
    if (!href) return;
    var a = el("a", null, u);
    a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
    details.appendChild(a);
  });
  if (n.board && n.board.length) {
    details.appendChild(el("h2", null, "Leaderboard (" + n.board.length + ")"));
    var board = el("table", "board");
    n.board.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("td", "value", r[0]));
      tr.appendChild(el("td", "rel", r[1]));
      tr.appendChild(el("td", null, r[2]));
      tr.appendChild(el("td", "rel", r[3]));
      board.appendChild(tr);
    });
    details.appendChild(board);
  }
  var linked = network.getConnectedEdges(id).map(function (eid) { return edges.get(eid); });
  if (linked.length) {
    details.appendChild(el("h2", null, "Linked (" + linked.length + ")"));
    var shown = 0;
    linked.sort(function (a, b) { return a.relation < b.relation ? -1 : a.relation > b.relation ? 1 : 0; });
    linked.forEach(function (e) {
      if (shown++ >= 60) return;
      var other = nodes.get(e.from === id ? e.to : e.from);
      if (!other) return;
      var b = el("button", "link");
      b.appendChild(el("span", "rel", (e.from === id ? e.relation + " → " : "← " + e.relation + " ")));
      b.appendChild(document.createTextNode(other.label));
      b.addEventListener("click", function () { focusNode(other.id); });
      details.appendChild(b);
    });
    if (linked.length > 60) details.appendChild(el("div", "rel", "… and " + (linked.length - 60) + " more"));
  }
  details.style.display = "block";
}
network.on("click", function (p) {
  if (p.nodes.length) showDetails(p.nodes[0]);
  else if (!p.edges.length) details.style.display = "none";
});

// --- layout: a bounded number of physics steps, then physics off for good -----------
function settled() {
  if (window.mlkgReady) return;
  network.setOptions({physics: false});
  window.mlkgLayoutMs = Math.round(performance.now() - started);
  overviewLabels();
  capLabels();
  window.mlkgReady = true;
  statusBox.textContent = "";
  if (META.focus && nodes.get(META.focus)) network.selectNodes([META.focus]);
}
network.on("stabilizationProgress", function (p) {
  statusBox.textContent = "laying out… " + Math.round(100 * p.iterations / p.total) + "%";
});
network.once("stabilizationIterationsDone", settled);
if (nodes.length === 0) settled();
