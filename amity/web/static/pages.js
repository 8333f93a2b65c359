/* amity pages: load chart data from the API and list the events behind a chart point.
   Data is put in the page with textContent and createElement only, never as HTML. */
(function () {
  "use strict";

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error((body.error && body.error.message) || ("HTTP " + r.status)); }
        return body;
      });
    });
  }

  function showError(target, err) {
    target.textContent = "";
    target.appendChild(make("p", { "class": "muted" }, "Could not load: " + err.message));
  }

  function signed(v) { return (v >= 0 ? "+" : "") + Number(v).toFixed(1); }

  function tone(quad) { return (quad || "").indexOf("conflict") >= 0 ? "conflict" : "coop"; }

  function eventRow(ev) {
    var tr = make("tr", { "class": tone(ev.quad), "data-event-id": ev.event_id, "data-reviewed": ev.reviewed || "" });
    var when = make("td", { "class": "nowrap" }, ev.date || "undated");
    if (ev.date_basis === "estimated") {  // dated on a publication date estimated from the text
      when.appendChild(document.createTextNode(" "));
      when.appendChild(make("span", { "class": "flag estimated", title: ev.date_evidence || "estimated from the text" }, "estimated"));
    }
    tr.appendChild(when);
    tr.appendChild(make("td", {}, ev.source.code + (ev.source.name ? " " + ev.source.name : "")));
    var what = make("td");
    var link = make("a", { href: ev.links.page, "class": "event-link" }, ev.cameo + " " + (ev.cameo_name || ""));
    what.appendChild(link);
    tr.appendChild(what);
    tr.appendChild(make("td", {}, ev.target.code + (ev.target.name ? " " + ev.target.name : "")));
    var g = make("td", { "class": "num" });
    g.appendChild(make("span", { "class": "g " + tone(ev.quad) }, signed(ev.goldstein)));
    tr.appendChild(g);
    tr.appendChild(make("td", { "class": "evidence" }, ev.sentence || ""));
    var art = make("td");
    art.appendChild(make("a", { href: ev.links.article_page, "class": "article-link" }, ev.doc_name));
    if (ev.mentions > 1) { art.appendChild(make("span", { "class": "muted small" }, " +" + (ev.mentions - 1) + " more")); }
    tr.appendChild(art);
    return tr;
  }

  function eventTable(events) {
    var table = make("table", { "class": "data events" });
    var head = make("tr");
    ["Date", "Source", "Event", "Target", "Goldstein", "Sentence", "Article"].forEach(function (h) {
      head.appendChild(make("th", h === "Goldstein" ? { "class": "num" } : {}, h));
    });
    table.appendChild(make("thead")).appendChild(head);
    var body = table.appendChild(make("tbody"));
    events.forEach(function (ev) { body.appendChild(eventRow(ev)); });
    return table;
  }

  var shownPeriod = null;  // the drill-down on show, redrawn after a review

  function showPoint(point) {
    var target = document.getElementById("point-events");
    if (!target) { return; }
    shownPeriod = point.period;
    target.textContent = "";
    var ids = (point.event_ids || []).slice(0, 100);
    var title = point.period + ": " + point.n_events + " event" + (point.n_events === 1 ? "" : "s") +
      " from " + point.doc_names.length + " article" + (point.doc_names.length === 1 ? "" : "s") +
      ", Goldstein sum " + signed(point.goldstein_sum);
    target.appendChild(make("h3", {}, title));
    var loading = target.appendChild(make("p", { "class": "muted" }, "Loading…"));
    Promise.all(ids.map(function (id) { return getJSON("/api/events/" + encodeURIComponent(id)); }))
      .then(function (events) { loading.remove(); target.appendChild(eventTable(events)); })
      .catch(function (err) { showError(target, err); });
  }

  function sourcesCaption(data) {
    var caption = document.getElementById("dyad-sources");
    if (!caption) { return; }
    caption.textContent = data.events + " merged events (" + data.reports + " reports) from " + data.articles +
      " article" + (data.articles === 1 ? "" : "s") + "; counts per " + data.by +
      ", Goldstein scale −10 (conflict) to +10 (cooperation). Source: amity event store, CAMEO-coded news articles." +
      (data.undated ? " " + data.undated + " more event" + (data.undated === 1 ? " has" : "s have") +
        " no date (none in the text, no publication date) and " + (data.undated === 1 ? "is" : "are") +
        " not charted: see all events." : "");
  }

  function initSeries(chart) {
    getJSON(chart.getAttribute("data-src")).then(function (data) {
      chart.textContent = "";
      window.amityCharts.seriesChart(chart, data, showPoint);
      sourcesCaption(data);
      chart.setAttribute("data-ready", "1");
      var again = (data.points || []).filter(function (p) { return p.period === shownPeriod; })[0];
      if (again) { showPoint(again); } else if (shownPeriod !== null) { document.getElementById("point-events").textContent = ""; }
    }).catch(function (err) { showError(chart, err); });
  }

  function initNetwork(chart) {
    getJSON(chart.getAttribute("data-src")).then(function (data) {
      window.amityCharts.networkChart(chart, data, function (edge) {
        window.location.href = "/dyads/" + encodeURIComponent(edge.source) + "/" + encodeURIComponent(edge.target);
      });
      chart.setAttribute("data-ready", "1");
    }).catch(function (err) { showError(chart, err); });
  }

  window.amityPages = { make: make, getJSON: getJSON, eventTable: eventTable, showError: showError };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".chart[data-kind]").forEach(initSeries);
    document.querySelectorAll(".chart.network[data-src]").forEach(initNetwork);
  });
  document.addEventListener("amity:reviewed", function () {  // a review changes what the charts count
    document.querySelectorAll(".chart[data-kind]").forEach(function (chart) {
      chart.removeAttribute("data-ready");
      initSeries(chart);
    });
  });
})();
