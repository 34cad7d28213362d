"""The interactive page's template: its HTML skeleton, style sheet and script, filled in by page.py.

``PAGE`` holds the placeholders ``@TITLE@``, ``@STYLE@`` (``STYLE``), ``@SCRIPT@`` (``SCRIPT``) and
``@DATA@`` (the page's JSON, see :func:`atelier_kg.network.page.page_data`). The script is vanilla
JavaScript that reads the embedded JSON, inserts text with ``textContent`` and fetches nothing.
"""

from __future__ import annotations

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; \
style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="atelier-kg">
<title>@TITLE@</title>
<style>
@STYLE@
</style>
</head>
<body>
<header>
<h1>@TITLE@</h1>
<p id="subtitle"></p>
<label>Search <input id="search" type="search" autocomplete="off" placeholder="label…"></label>
<span id="status" aria-live="polite"></span>
</header>
<main>
<svg id="canvas" role="img" aria-label="@TITLE@" preserveAspectRatio="xMidYMid meet"></svg>
<aside>
<h2>Types</h2>
<ul id="legend"></ul>
<div id="metrics"></div>
<p class="help">Hover a node or an edge for details. Wheel to zoom, drag to pan, double-click to reset.
The search ignores case and accents; <code>#search=…</code> in the address searches on load.</p>
</aside>
</main>
<div id="tooltip" hidden></div>
<script type="application/json" id="network-data">@DATA@</script>
<script>
@SCRIPT@
</script>
</body>
</html>
"""

STYLE = """
body { margin: 0; font: 14px/1.4 "DejaVu Sans", system-ui, sans-serif; color: #222; background: #fff; }
header { padding: 8px 16px; border-bottom: 1px solid #ddd; }
h1 { font-size: 20px; margin: 0; }
#subtitle { margin: 2px 0 6px; color: #555; }
#status { margin-left: 8px; color: #555; }
main { display: flex; height: calc(100vh - 110px); min-height: 400px; }
#canvas { flex: 1; min-width: 0; height: 100%; cursor: grab; user-select: none; }
aside { width: 260px; padding: 8px 16px; border-left: 1px solid #ddd; overflow: auto; }
aside h2 { font-size: 15px; margin: 4px 0; }
#legend { list-style: none; padding: 0; margin: 0 0 12px; }
#legend li { margin: 2px 0; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 6px;
  vertical-align: -1px; }
#metrics table { border-collapse: collapse; font-size: 12px; }
#metrics td { padding: 1px 6px 1px 0; }
.help, .note { font-size: 12px; color: #666; }
.edge { stroke: #8c8c8c; stroke-opacity: 0.6; stroke-linecap: round; }
.edge:hover { stroke: #333; stroke-opacity: 0.9; }
.node { stroke: #fff; stroke-width: 1.2; cursor: pointer; }
.node:hover { stroke: #222; }
.label { font-size: 13px; fill: #222; paint-order: stroke; stroke: #fff; stroke-width: 3px;
  stroke-linejoin: round; pointer-events: none; }
.label.spare { display: none; }
.label.spare.match { display: inline; }
.node.match { stroke: #000; stroke-width: 2.5; }
.label.match { font-weight: bold; }
.dimmed { opacity: 0.15; }
#tooltip { position: fixed; z-index: 2; max-width: 360px; padding: 6px 8px; background: #fff;
  border: 1px solid #999; border-radius: 4px; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.2);
  font-size: 12px; pointer-events: none; overflow-wrap: anywhere; }
#tooltip .head { font-weight: bold; margin-bottom: 2px; }
#tooltip .key { color: #666; }
"""

# Vanilla JavaScript, no library: every text reaches the page through textContent, never innerHTML.
SCRIPT = r"""
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("network-data").textContent);
  const svg = document.getElementById("canvas");
  const NS = svg.namespaceURI;
  const tip = document.getElementById("tooltip");
  const html = (tag, text, parent) => {
    const el = document.createElement(tag);
    if (text !== null) el.textContent = text;
    parent.appendChild(el);
    return el;
  };
  const draw = (tag, attrs, parent) => {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    parent.appendChild(el);
    return el;
  };
  document.getElementById("subtitle").textContent = data.subtitle;

  const colour = Object.fromEntries(data.types.map((t) => [t.type, t.colour]));
  const legend = document.getElementById("legend");
  for (const t of data.types) {
    const li = html("li", null, legend);
    li.dataset.type = t.type;
    html("span", null, li).className = "swatch";
    li.firstChild.style.background = t.colour;
    li.appendChild(document.createTextNode(`${t.name} (${t.count})`));
  }
  const panel = document.getElementById("metrics");
  if (data.graph.length) {
    html("h2", "Metrics", panel);
    const table = html("table", null, panel);
    for (const [k, v] of data.graph) {
      const tr = html("tr", null, table);
      html("td", k, tr);
      html("td", v, tr);
    }
  }
  for (const note of data.notes) html("p", note, panel).className = "note";

  // drawing: edges under nodes under labels
  let view = [0, 0, data.width, data.height];
  const setView = () => svg.setAttribute("viewBox", view.join(" "));
  setView();
  const gEdges = draw("g", { id: "edges" }, svg);
  const gNodes = draw("g", { id: "nodes" }, svg);
  const gLabels = draw("g", { id: "labels" }, svg);
  const edgeEls = data.edges.map((e, i) => {
    const a = data.nodes[e.source], b = data.nodes[e.target];
    return draw("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y,
                          "stroke-width": e.width, "data-index": i }, gEdges);
  });
  const nodeEls = data.nodes.map((n, i) => draw("circle", { class: "node", cx: n.x, cy: n.y, r: n.r,
    fill: colour[n.type], "data-id": n.id, "data-index": i }, gNodes));
  const labelEls = data.nodes.map((n) => {
    const t = draw("text", { class: "label", x: n.x, y: n.y }, gLabels);
    t.textContent = n.short;
    return t;
  });

  // labels: largest nodes first, each at the spot overlapping least what is already there
  const overlap = (p, q) => Math.max(0, Math.min(p[2], q[2]) - Math.max(p[0], q[0])) *
    Math.max(0, Math.min(p[3], q[3]) - Math.max(p[1], q[1]));
  const discs = data.nodes.map((n) => [n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r]);
  const order = data.nodes.map((_, i) => i).sort((i, j) => data.nodes[j].r - data.nodes[i].r || i - j);
  const many = data.nodes.length > data.labelAll;
  const placed = [];
  order.forEach((i, rank) => {
    const n = data.nodes[i], t = labelEls[i], g = n.r + 3;
    if (many && (rank >= 4 * data.labelAll || placed.length >= data.labelAll)) {
      t.setAttribute("x", n.x + g);
      t.setAttribute("dy", "0.35em");
      t.classList.add("spare");
      return;
    }
    let best = null;
    for (const [dx, dy, anchor, shift] of [[g, 0, "start", "0.35em"], [-g, 0, "end", "0.35em"],
        [0, -g, "middle", "0"], [0, g, "middle", "0.8em"]]) {
      t.setAttribute("x", n.x + dx);
      t.setAttribute("y", n.y + dy);
      t.setAttribute("dy", shift);
      t.setAttribute("text-anchor", anchor);
      const b = t.getBBox(), box = [b.x, b.y, b.x + b.width, b.y + b.height];
      // clashes: with the labels placed and out of the picture; overlaps: with the nodes
      let clash = placed.reduce((s, p) => s + overlap(box, p), 0);
      clash += 10 * (b.width * b.height - overlap(box, [0, 0, data.width, data.height]));
      let cost = clash;
      for (let j = 0; j < discs.length; j++) if (j !== i) cost += overlap(box, discs[j]);
      if (best === null || cost < best.cost) best = { cost, clash, dx, dy, anchor, shift, box };
      if (cost === 0) break;
    }
    t.setAttribute("x", n.x + best.dx);
    t.setAttribute("y", n.y + best.dy);
    t.setAttribute("dy", best.shift);
    t.setAttribute("text-anchor", best.anchor);
    if (many && best.clash > 0) t.classList.add("spare");
    else placed.push(best.box);
  });

  // tooltip
  const show = (ev, head, rows) => {
    tip.replaceChildren();
    html("div", head, tip).className = "head";
    for (const [k, v] of rows) {
      const row = html("div", null, tip);
      html("span", `${k}: `, row).className = "key";
      row.appendChild(document.createTextNode(v));
    }
    tip.hidden = false;
    move(ev);
  };
  const move = (ev) => {
    const x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 4);
    const y = Math.min(ev.clientY + 14, window.innerHeight - tip.offsetHeight - 4);
    tip.style.left = `${Math.max(0, x)}px`;
    tip.style.top = `${Math.max(0, y)}px`;
  };
  svg.addEventListener("pointerover", (ev) => {
    const el = ev.target, i = Number(el.dataset ? el.dataset.index : NaN);
    if (el.classList.contains("node")) show(ev, data.nodes[i].label, data.nodes[i].details);
    else if (el.classList.contains("edge")) show(ev, data.edges[i].title, data.edges[i].details);
  });
  svg.addEventListener("pointerout", () => { tip.hidden = true; });

  // search: case- and accent-insensitive, on the full label
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/\s+/g, " ").trim();
  const keys = data.nodes.map((n) => fold(n.label));
  const input = document.getElementById("search");
  const status = document.getElementById("status");
  const search = (query) => {
    const q = fold(query), on = q !== "";
    const hit = keys.map((k) => on && k.includes(q));
    nodeEls.forEach((el, i) => {
      for (const e of [el, labelEls[i]]) {
        e.classList.toggle("match", hit[i]);
        e.classList.toggle("dimmed", on && !hit[i]);
      }
    });
    edgeEls.forEach((el, i) => {
      const e = data.edges[i];
      el.classList.toggle("dimmed", on && !(hit[e.source] || hit[e.target]));
    });
    const count = hit.filter(Boolean).length;
    status.textContent = on ? `${count} matching node${count === 1 ? "" : "s"}` : "";
  };
  input.addEventListener("input", () => search(input.value));
  const fromAddress = () => {
    const wanted = new URLSearchParams(location.hash.slice(1)).get("search") ??
      new URLSearchParams(location.search).get("search");
    if (wanted !== null) {
      input.value = wanted;
      search(wanted);
    }
  };
  window.addEventListener("hashchange", fromAddress);
  fromAddress();

  // zoom with the wheel around the pointer, pan by dragging the background, reset by double-click
  const toView = (ev) => new DOMPoint(ev.clientX, ev.clientY).matrixTransform(svg.getScreenCTM().inverse());
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const p = toView(ev), k = ev.deltaY > 0 ? 1.2 : 1 / 1.2;
    view = [p.x - (p.x - view[0]) * k, p.y - (p.y - view[1]) * k, view[2] * k, view[3] * k];
    setView();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => {
    if (ev.target !== svg) return;
    drag = toView(ev);
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", (ev) => {
    if (!tip.hidden) move(ev);
    if (drag === null) return;
    const p = toView(ev);
    view = [view[0] - (p.x - drag.x), view[1] - (p.y - drag.y), view[2], view[3]];
    setView();
  });
  svg.addEventListener("pointerup", () => { drag = null; });
  svg.addEventListener("dblclick", () => { view = [0, 0, data.width, data.height]; setView(); });
})();
"""
