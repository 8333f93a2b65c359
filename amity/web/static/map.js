/* amity map: the events on a world outline shipped with amity (Natural Earth 1:110m), drawn as
   SVG in an equirectangular projection; no tiles, no CDN. Places are dots, countries are shaded
   and carry a count badge; a click lists the events behind them. Text goes in with textContent. */
(function () {
  "use strict";
  var W = 960, K = W / 360, TOP = 84, BOTTOM = -58, H = (TOP - BOTTOM) * K;
  var view = { x: 0, y: 0, w: W, h: H };

  function project(lon, lat) { return [(lon + 180) * K, (TOP - lat) * K]; }

  function unwrap(ring) {  // a ring across the antimeridian (Russia, Fiji) made continuous: lon may pass ±180
    var out = [], shift = 0;
    ring.forEach(function (p, i) {
      if (i) {
        var d = p[0] + shift - out[i - 1][0];
        if (d > 180) { shift -= 360; } else if (d < -180) { shift += 360; }
      }
      out.push([p[0] + shift, p[1]]);
    });
    return out;
  }

  function pathOf(ring, offset) {
    return ring.map(function (p, i) {
      var xy = project(p[0] + offset, p[1]);
      return (i ? "L" : "M") + xy[0].toFixed(1) + " " + xy[1].toFixed(1);
    }).join("") + "Z";
  }

  function ringPath(ring) {  // the part past ±180 is drawn again on the other side (the SVG clips)
    var flat = unwrap(ring), lons = flat.map(function (p) { return p[0]; });
    var d = pathOf(flat, 0);
    if (Math.max.apply(null, lons) > 180) { d += pathOf(flat, -360); }
    if (Math.min.apply(null, lons) < -180) { d += pathOf(flat, 360); }
    return d;
  }

  function featurePath(geometry) {
    var polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polys.map(function (poly) { return poly.map(ringPath).join(""); }).join("");
  }

  function quadOf(item) {  // the commonest quad class of a point or a country
    var best = null;
    window.amityCharts.QUADS.forEach(function (q) { if ((item[q.key] || 0) > 0 && (!best || item[q.key] > item[best.key])) { best = q; } });
    return best || { key: "", label: "no quad class", colour: "#6b7785" };
  }

  function breakdown(item) {
    return window.amityCharts.QUADS.filter(function (q) { return item[q.key]; }).map(function (q) {
      return item[q.key] + " " + q.label;
    }).join(", ");
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function listEvents(title, ids) {
    var pages = window.amityPages, target = document.getElementById("point-events");
    target.textContent = "";
    target.appendChild(pages.make("h3", {}, title));
    var loading = target.appendChild(pages.make("p", { "class": "muted" }, "Loading…"));
    Promise.all(ids.map(function (id) { return pages.getJSON("/api/events/" + encodeURIComponent(id)); }))
      .then(function (events) { loading.remove(); target.appendChild(pages.eventTable(events)); })
      .catch(function (err) { pages.showError(target, err); });
  }

  function clickable(node, choose) {
    node.setAttribute("tabindex", "0");
    node.addEventListener("click", choose);
    node.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(); } });
  }

  function countryTitle(c, names) {
    return c.country + (names[c.country] ? " " + names[c.country] : "") + ": " + plural(c.events, "event") +
      (c.country_only ? " (" + c.country_only + " placed only in the country)" : "") + "; " + breakdown(c);
  }

  function drawCountries(svg, world, data, names) {
    var el = window.amityCharts.el, counts = {}, max = 1;
    data.countries.forEach(function (c) { counts[c.country] = c; max = Math.max(max, c.events); });
    var shapes = el("g", { "class": "countries" }, svg);
    world.features.forEach(function (f) {
      if (!f.geometry || f.id === "ATA") { return; }
      var c = counts[f.id], shape = el("path", { d: featurePath(f.geometry), "class": "country" + (c ? " counted" : ""),
        "data-country": f.id }, shapes);
      if (c) {
        shape.setAttribute("fill", quadOf(c).colour);
        shape.setAttribute("fill-opacity", (0.2 + 0.55 * Math.sqrt(c.events / max)).toFixed(2));
        el("title", {}, shape, countryTitle(c, names));
        clickable(shape, function () { listEvents(countryTitle(c, names), c.event_ids); });
      } else { el("title", {}, shape, f.properties.name); }
    });
    return shapes;
  }

  function marker(layer, xy, r, colour, cls, attrs) {
    var el = window.amityCharts.el, g = el("g", Object.assign({ "class": cls, transform: "translate(" + xy[0] + " " + xy[1] + ")" }, attrs), layer);
    el("circle", { r: r, fill: colour, "data-r": r }, g);
    return g;
  }

  function drawBadges(svg, world, data, names) {
    var el = window.amityCharts.el, labels = {}, max = 1;
    world.features.forEach(function (f) { labels[f.id] = f.properties.label; });
    data.countries.forEach(function (c) { max = Math.max(max, c.events); });
    var layer = el("g", { "class": "badges" }, svg);
    data.countries.forEach(function (c) {
      var at = labels[c.country];
      if (!at) { return; }
      var g = marker(layer, project(at[0], at[1]), 6 + 8 * Math.sqrt(c.events / max), quadOf(c).colour,
        "country-count", { "data-country": c.country });
      el("text", { "text-anchor": "middle", dy: "0.35em", "data-size": 9 }, g, String(c.events));
      el("title", {}, g, countryTitle(c, names));
      clickable(g, function () { listEvents(countryTitle(c, names), c.event_ids); });
    });
    return layer;
  }

  function pointTitle(p, names) {
    return p.name + (p.admin1 && p.admin1 !== p.name ? ", " + p.admin1 : "") + (p.country ? ", " + (names[p.country] || p.country) : "") +
      (p.precision ? " (" + p.precision + ")" : "") + ": " + plural(p.events, "event") + "; " + breakdown(p);
  }

  function drawPoints(svg, data, names) {
    var layer = window.amityCharts.el("g", { "class": "places" }, svg), max = 1;
    data.points.forEach(function (p) { max = Math.max(max, p.events); });
    data.points.slice().reverse().forEach(function (p) {  // the biggest last, on top
      var g = marker(layer, project(p.lon, p.lat), 3 + 6 * Math.sqrt(p.events / max), quadOf(p).colour, "place",
        { "data-name": p.name, "data-country": p.country || "" });
      window.amityCharts.el("title", {}, g, pointTitle(p, names));
      clickable(g, function () { listEvents(pointTitle(p, names), p.event_ids); });
    });
    return layer;
  }

  function setView(svg, next) {
    var zoom = W / next.w;
    if (zoom < 1 || zoom > 32) { return; }
    view = { x: Math.max(0, Math.min(W - next.w, next.x)), y: Math.max(0, Math.min(H - next.h, next.y)), w: next.w, h: next.h };
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    svg.setAttribute("data-zoom", String(zoom));
    svg.querySelectorAll("circle[data-r]").forEach(function (c) { c.setAttribute("r", c.getAttribute("data-r") / Math.sqrt(zoom)); });
    svg.querySelectorAll("text[data-size]").forEach(function (t) { t.setAttribute("font-size", t.getAttribute("data-size") / Math.sqrt(zoom)); });
  }

  function zoomBy(svg, factor, cx, cy) {
    var w = view.w / factor, h = view.h / factor;
    cx = cx === undefined ? view.x + view.w / 2 : cx;
    cy = cy === undefined ? view.y + view.h / 2 : cy;
    setView(svg, { x: cx - (cx - view.x) / factor, y: cy - (cy - view.y) / factor, w: w, h: h });
  }

  function enablePanZoom(svg) {
    var drag = null;
    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      var box = svg.getBoundingClientRect();
      zoomBy(svg, e.deltaY < 0 ? 1.5 : 1 / 1.5, view.x + (e.clientX - box.left) / box.width * view.w,
        view.y + (e.clientY - box.top) / box.height * view.h);
    }, { passive: false });
    svg.addEventListener("pointerdown", function (e) { drag = { x: e.clientX, y: e.clientY, view: view }; });
    svg.addEventListener("pointerup", function () { drag = null; });
    svg.addEventListener("pointerleave", function () { drag = null; });
    svg.addEventListener("pointermove", function (e) {
      if (!drag) { return; }
      var box = svg.getBoundingClientRect(), s = drag.view.w / box.width;
      setView(svg, { x: drag.view.x - (e.clientX - drag.x) * s, y: drag.view.y - (e.clientY - drag.y) * s, w: drag.view.w, h: drag.view.h });
    });
    [["map-zoom-in", 2], ["map-zoom-out", 0.5]].forEach(function (b) {
      var button = document.getElementById(b[0]);
      if (button) { button.addEventListener("click", function () { zoomBy(svg, b[1]); }); }
    });
    var reset = document.getElementById("map-reset");
    if (reset) { reset.addEventListener("click", function () { setView(svg, { x: 0, y: 0, w: W, h: H }); }); }
  }

  function dataExtent(world, data) {  // the projected box of the points and of the counted countries' label points
    var labels = {}, xs = [], ys = [];
    world.features.forEach(function (f) { labels[f.id] = f.properties.label; });
    function add(lon, lat) { var xy = project(lon, lat); xs.push(xy[0]); ys.push(xy[1]); }
    data.points.forEach(function (p) { add(p.lon, p.lat); });
    data.countries.forEach(function (c) { var at = labels[c.country]; if (at) { add(at[0], at[1]); } });
    if (!xs.length) { return null; }
    return { x0: Math.min.apply(null, xs), x1: Math.max.apply(null, xs), y0: Math.min.apply(null, ys), y1: Math.max.apply(null, ys) };
  }

  function fitView(svg, box) {  // the data with a margin, at most 8 times the world's zoom; the world when it spans it
    if (!box) { return; }
    var margin = 0.15, w = Math.max((box.x1 - box.x0) * (1 + 2 * margin), (box.y1 - box.y0) * (1 + 2 * margin) * W / H, W / 8);
    if (w >= W) { return; }
    var h = w * H / W, cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;
    setView(svg, { x: cx - w / 2, y: cy - h / 2, w: w, h: h });
    svg.setAttribute("data-fitted", "1");
  }

  function legend(container) {
    var el = window.amityCharts.el, svg = el("svg", { viewBox: "0 0 640 18", "class": "map-legend", role: "img",
      "aria-label": "Colours: the commonest quad class" }, container);
    window.amityCharts.QUADS.forEach(function (q, i) {
      el("circle", { cx: 8 + i * 160, cy: 9, r: 6, fill: q.colour }, svg);
      el("text", { x: 18 + i * 160, y: 13 }, svg, q.label);
    });
  }

  function caption(data) {
    var text = data.events + " events match; " + data.placed + " placed (" + data.with_coordinates +
      " at a place with coordinates, " + (data.placed - data.with_coordinates) + " known only to the country), " +
      data.unplaced + " with no place in the text.";
    if (data.truncated) { text += " Only the " + data.read + " newest are mapped: narrow the filters to see the rest."; }
    document.getElementById("map-caption").textContent = text;
  }

  function draw(container, world, data) {
    var names = {};
    world.features.forEach(function (f) { names[f.id] = f.properties.name; });
    container.textContent = "";
    legend(container);
    var svg = window.amityCharts.el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "class": "world",
      "aria-label": "Map of where the events happened" }, container);
    window.amityCharts.el("rect", { x: 0, y: 0, width: W, height: H, "class": "sea" }, svg);
    var shapes = drawCountries(svg, world, data, names), badges = drawBadges(svg, world, data, names);
    var places = drawPoints(svg, data, names);
    [["layer-points", [places]], ["layer-countries", [badges, shapes]]].forEach(function (toggle) {
      var box = document.getElementById(toggle[0]);
      if (!box) { return; }
      box.addEventListener("change", function () {
        toggle[1].forEach(function (layer) { layer.classList.toggle("off", !box.checked); });
      });
    });
    enablePanZoom(svg);
    fitView(svg, dataExtent(world, data));  // open on where the events are; "whole world" shows it all
    caption(data);
    container.setAttribute("data-ready", "1");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("event-map");
    if (!container) { return; }
    var pages = window.amityPages;
    Promise.all([pages.getJSON(container.getAttribute("data-world")), pages.getJSON(container.getAttribute("data-map"))])
      .then(function (got) { draw(container, got[0], got[1]); })
      .catch(function (err) { pages.showError(container, err); });
  });
})();
