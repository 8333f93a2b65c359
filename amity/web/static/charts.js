/* amity charts: small SVG charts with no dependencies. Text goes in with textContent only. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var QUADS = [
    { key: "material_coop", label: "material cooperation", colour: "#2166ac", sign: 1 },
    { key: "verbal_coop", label: "verbal cooperation", colour: "#92c5de", sign: 1 },
    { key: "verbal_conflict", label: "verbal conflict", colour: "#f4a582", sign: -1 },
    { key: "material_conflict", label: "material conflict", colour: "#b2182b", sign: -1 }
  ];

  function el(name, attrs, parent, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function niceMax(value) {
    if (value <= 0) { return 1; }
    var power = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) { if (steps[i] * power >= value) { return steps[i] * power; } }
    return 10 * power;
  }

  function ticks(max, count) {
    var step = Math.max(1, Math.ceil(niceMax(max / count))), out = [];
    for (var v = 0; v <= max + 1e-9; v += step) { out.push(Math.round(v * 100) / 100); }
    return out;
  }

  function fillYears(points) {
    if (!points.length) { return points; }
    var fine = points.filter(function (p) { return !p.coarse && /^\d{4}$/.test(p.period); });
    if (fine.length !== points.length) { return points; }
    var first = +points[0].period, last = +points[points.length - 1].period;
    if (last - first > 200) { return points; }
    var byYear = {}, out = [];
    points.forEach(function (p) { byYear[p.period] = p; });
    for (var y = first; y <= last; y++) {
      out.push(byYear[String(y)] || { period: String(y), n_events: 0, event_ids: [], doc_names: [],
        goldstein_mean: null, verbal_coop: 0, material_coop: 0, verbal_conflict: 0, material_conflict: 0 });
    }
    return out;
  }

  function labelEvery(n, width) { return Math.max(1, Math.ceil(n / Math.max(1, width / 46))); }

  function legend(svg, x, y) {
    var g = el("g", { "class": "legend" }, svg);
    QUADS.forEach(function (q, i) {
      var gx = x + i * 150;
      el("rect", { x: gx, y: y - 9, width: 11, height: 11, fill: q.colour }, g);
      el("text", { x: gx + 16, y: y }, g, q.label);
    });
  }

  /* Diverging stacked bars (cooperation up, conflict down) and the Goldstein mean below. */
  function seriesChart(container, data, onSelect) {
    container.textContent = "";
    var points = fillYears(data.points || []);
    var W = Math.max(container.clientWidth || 900, 480), left = 64, right = 16;
    var topH = 220, gap = 56, lowH = 120, top = 40;
    var H = top + topH + gap + lowH + 44;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img",
      "aria-label": "Events per " + data.by + " by quad class, and mean Goldstein score" }, container);
    if (!points.length) {
      el("text", { x: W / 2, y: 80, "text-anchor": "middle", "class": "empty" }, svg, "No dated events for this selection.");
      return svg;
    }
    legend(svg, left, 14);
    var plotW = W - left - right, band = plotW / points.length;
    var up = 0, down = 0;
    points.forEach(function (p) {
      up = Math.max(up, (p.verbal_coop || 0) + (p.material_coop || 0));
      down = Math.max(down, (p.verbal_conflict || 0) + (p.material_conflict || 0));
    });
    var maxUp = niceMax(up), maxDown = down ? niceMax(down) : 0;
    var scale = topH / (maxUp + maxDown), zeroY = top + maxUp * scale;
    var yTicks = ticks(maxUp, 4).map(function (v) { return v; }).concat(ticks(maxDown, 2).slice(1).map(function (v) { return -v; }));
    yTicks.forEach(function (v) {
      var y = zeroY - v * scale;
      el("line", { x1: left, x2: W - right, y1: y, y2: y, "class": v === 0 ? "zero" : "grid" }, svg);
      el("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, svg, String(Math.abs(v)));
    });
    el("text", { x: 14, y: top + topH / 2, "class": "axis-title", "text-anchor": "middle",
      transform: "rotate(-90 14 " + (top + topH / 2) + ")" }, svg, "merged events (count)");
    el("text", { x: left + 4, y: top - 4, "class": "panel-title" }, svg, "↑ cooperation   ↓ conflict");
    var lowTop = top + topH + gap, lowScale = lowH / 20, lowZero = lowTop + lowH / 2;
    [-10, -5, 0, 5, 10].forEach(function (v) {
      var y = lowZero - v * lowScale;
      el("line", { x1: left, x2: W - right, y1: y, y2: y, "class": v === 0 ? "zero" : "grid" }, svg);
      el("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, svg, (v > 0 ? "+" : "") + v);
    });
    el("text", { x: left + 4, y: lowTop - 8, "class": "panel-title" }, svg,
      "Mean Goldstein score per " + data.by + " (−10 conflict … +10 cooperation)");
    el("text", { x: 14, y: lowZero, "class": "axis-title", "text-anchor": "middle",
      transform: "rotate(-90 14 " + lowZero + ")" }, svg, "Goldstein");
    var every = labelEvery(points.length, plotW), path = [], hits = [];
    points.forEach(function (p, i) {
      var x = left + i * band, bw = Math.max(1, band * 0.72), bx = x + (band - bw) / 2;
      var yUp = zeroY, yDown = zeroY;
      QUADS.forEach(function (q) {
        var h = (p[q.key] || 0) * scale;
        if (!h) { return; }
        if (q.sign > 0) { yUp -= h; el("rect", { x: bx, y: yUp, width: bw, height: h, fill: q.colour }, svg); }
        else { el("rect", { x: bx, y: yDown, width: bw, height: h, fill: q.colour }, svg); yDown += h; }
      });
      if (i % every === 0) {
        el("text", { x: x + band / 2, y: lowTop + lowH + 16, "text-anchor": "middle" }, svg, p.period);
        el("text", { x: x + band / 2, y: top + topH + 14, "text-anchor": "middle" }, svg, p.period);
      }
      if (p.n_events) {
        var cy = lowZero - p.goldstein_mean * lowScale;
        path.push((path.length ? "L" : "M") + (x + band / 2) + " " + cy);
        hits.push({ p: p, x: x, cy: cy });
      }
    });
    el("text", { x: left + plotW / 2, y: H - 6, "text-anchor": "middle", "class": "axis-title" }, svg,
      data.by + (points.some(function (p) { return p.coarse; }) ? " (coarser dates kept in their own bar)" : ""));
    if (path.length > 1) { el("path", { d: path.join(" "), "class": "mean-line" }, svg); }
    hits.forEach(function (h) {
      var tone = h.p.goldstein_mean < 0 ? "#b2182b" : "#2166ac";
      var dot = el("circle", { cx: h.x + band / 2, cy: h.cy, r: 4.5, fill: tone, "class": "dot",
        "data-period": h.p.period }, svg);
      el("title", {}, dot, h.p.period + ": mean " + h.p.goldstein_mean.toFixed(2));
      var hit = el("rect", { x: h.x, y: top - 6, width: band, height: H - top - 30, "class": "hit point",
        "data-period": h.p.period, tabindex: 0 }, svg);
      el("title", {}, hit, h.p.period + ": " + h.p.n_events + " events from " + h.p.doc_names.length +
        " article(s); Goldstein sum " + h.p.goldstein_sum.toFixed(1) + ", mean " + h.p.goldstein_mean.toFixed(2));
      function choose() {
        svg.querySelectorAll(".hit.selected").forEach(function (n) { n.classList.remove("selected"); });
        hit.classList.add("selected");
        onSelect(h.p);
      }
      hit.addEventListener("click", choose);
      dot.addEventListener("click", choose);
      hit.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { choose(); } });
    });
    return svg;
  }

  function edgeColour(mean) {
    if (mean === null || mean === undefined) { return "#9aa5b1"; }
    var t = Math.min(1, Math.abs(mean) / 10);
    return mean >= 0 ? "rgba(33,102,172," + (0.35 + 0.65 * t) + ")" : "rgba(178,24,43," + (0.35 + 0.65 * t) + ")";
  }

  /* Circular layout: nodes by event count around a circle, edges as curves. */
  function networkChart(container, data, onEdge) {
    container.textContent = "";
    var nodes = (data.nodes || []).slice().sort(function (a, b) { return (b.events || 0) - (a.events || 0); });
    var W = Math.max(container.clientWidth || 800, 480), H = Math.min(720, Math.max(420, W * 0.7));
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Actor network" }, container);
    if (!nodes.length) {
      el("text", { x: W / 2, y: 60, "text-anchor": "middle", "class": "empty" }, svg, "No events yet.");
      return svg;
    }
    var cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 70, pos = {};
    var maxEvents = Math.max.apply(null, nodes.map(function (n) { return n.events || 1; }));
    nodes.forEach(function (n, i) {
      var angle = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
      pos[n.id] = { x: cx + R * Math.cos(angle), y: cy + R * Math.sin(angle), angle: angle };
    });
    var edges = data.edges || data.links || [];
    var maxW = Math.max.apply(null, edges.map(function (e) { return e.weight || 1; }).concat([1]));
    edges.forEach(function (e) {
      var a = pos[e.source], b = pos[e.target];
      if (!a || !b || e.source === e.target) { return; }
      var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
      var qx = mx + (cx - mx) * 0.25 + (b.y - a.y) * 0.08, qy = my + (cy - my) * 0.25 - (b.x - a.x) * 0.08;
      var line = el("path", { d: "M" + a.x + " " + a.y + " Q" + qx + " " + qy + " " + b.x + " " + b.y,
        fill: "none", stroke: edgeColour(e.goldstein_mean), "stroke-width": 1 + 5 * (e.weight || 1) / maxW,
        "class": "edge", "data-source": e.source, "data-target": e.target }, svg);
      el("title", {}, line, e.source + " → " + e.target + ": " + e.weight + " events (" + (e.coop || 0) +
        " cooperation, " + (e.conflict || 0) + " conflict), mean Goldstein " + Number(e.goldstein_mean || 0).toFixed(2));
      line.addEventListener("click", function () { onEdge(e); });
    });
    nodes.forEach(function (n) {
      var p = pos[n.id], r = 4 + 14 * Math.sqrt((n.events || 1) / maxEvents);
      var c = el("circle", { cx: p.x, cy: p.y, r: r, fill: "#1f4e8c", "fill-opacity": 0.85, stroke: "#fff" }, svg);
      el("title", {}, c, n.id + (n.label ? " (" + n.label + ")" : "") + ": " + (n.events || 0) + " events");
      var lx = p.x + Math.cos(p.angle) * (r + 6), ly = p.y + Math.sin(p.angle) * (r + 6) + 4;
      el("text", { x: lx, y: ly, "class": "node-label",
        "text-anchor": Math.cos(p.angle) > 0.2 ? "start" : (Math.cos(p.angle) < -0.2 ? "end" : "middle") }, svg, n.id);
    });
    return svg;
  }

  window.amityCharts = { seriesChart: seriesChart, networkChart: networkChart, QUADS: QUADS, el: el };
})();
