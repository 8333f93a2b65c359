/* amity reviews: correct / wrong / fix buttons on every element with data-event-id, the
   write token asked once per browser session (sessionStorage), the queue's keyboard
   shortcuts (c, w, f, n / j next, k previous). Text is set with textContent only. */
(function () {
  "use strict";
  var KEY = "amity-write-token";
  var FIELDS = ["cameo", "source", "target", "date"];

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function storedToken() {
    try { return window.sessionStorage.getItem(KEY); } catch (e) { return null; }
  }

  function askToken() {
    return new Promise(function (resolve) {
      var old = document.getElementById("review-token");
      if (old) { old.remove(); }
      var form = make("form", { id: "review-token", "class": "review-token" });
      form.appendChild(make("label", { "for": "review-token-input" }, "Write token (asked once per session): "));
      var input = form.appendChild(make("input", { id: "review-token-input", type: "password", autocomplete: "off" }));
      form.appendChild(make("button", { type: "submit" }, "Save"));
      var cancel = form.appendChild(make("button", { type: "button", "class": "cancel" }, "Cancel"));
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var value = input.value.trim();
        form.remove();
        if (value) { try { window.sessionStorage.setItem(KEY, value); } catch (err) { /* private mode */ } }
        resolve(value || null);
      });
      cancel.addEventListener("click", function () { form.remove(); resolve(null); });
      document.body.appendChild(form);
      input.focus();
    });
  }

  function send(eventId, body) {
    var known = storedToken();
    return (known ? Promise.resolve(known) : askToken()).then(function (token) {
      if (!token) { throw new Error("no write token given: nothing was written"); }
      return fetch("/api/events/" + encodeURIComponent(eventId) + "/review", {
        method: "POST", body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: "Bearer " + token }
      });
    }).then(function (r) {
      return r.json().then(function (answer) {
        if (r.status === 401 || r.status === 403) { try { window.sessionStorage.removeItem(KEY); } catch (e) { /* */ } }
        if (!r.ok) { throw new Error((answer.error && answer.error.message) || ("HTTP " + r.status)); }
        return answer;
      });
    });
  }

  function fixForm(eventId, done) {
    var form = make("form", { "class": "review-fix", hidden: "" });
    FIELDS.concat(["note"]).forEach(function (name) {
      form.appendChild(make("input", { name: name, placeholder: name, size: name === "note" ? "18" : "7",
                                       "aria-label": name }));
    });
    form.appendChild(make("button", { type: "submit" }, "Save fix"));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var body = { verdict: "fixed" };
      FIELDS.concat(["note"]).forEach(function (name) {
        var value = form.elements[name].value.trim();
        if (value) { body[name] = value; }
      });
      done(body);
    });
    return form;
  }

  function controls(holder) {
    var eventId = holder.getAttribute("data-event-id");
    var box = make("span", { "class": "review" });
    var status = make("span", { "class": "review-status", role: "status" },
                      holder.getAttribute("data-reviewed") ? "reviewed: " + holder.getAttribute("data-reviewed") : "");
    var form;
    function submit(body) {
      status.textContent = "saving…";
      send(eventId, body).then(function (answer) {
        status.textContent = "reviewed: " + answer.review.verdict;
        holder.setAttribute("data-reviewed", answer.review.verdict);
        if (form) { form.hidden = true; }
        document.dispatchEvent(new CustomEvent("amity:reviewed", { detail: answer }));
        if (holder.hasAttribute("data-reload")) { window.location.reload(); }
      }).catch(function (err) { status.textContent = "not saved: " + err.message; });
    }
    [["correct", "✓ correct"], ["wrong", "✗ wrong"]].forEach(function (pair) {
      var button = box.appendChild(make("button", { type: "button", "class": "review-" + pair[0], "data-verdict": pair[0] },
                                        pair[1]));
      button.addEventListener("click", function () { submit({ verdict: pair[0] }); });
    });
    var fix = box.appendChild(make("button", { type: "button", "class": "review-fixed", "data-verdict": "fixed" }, "fix…"));
    form = box.appendChild(fixForm(eventId, submit));
    fix.addEventListener("click", function () {
      form.hidden = !form.hidden;
      if (!form.hidden) { form.elements.cameo.focus(); }
    });
    box.appendChild(status);
    return box;
  }

  function decorate(root) {
    (root.querySelectorAll ? root.querySelectorAll("[data-event-id]:not([data-review-ready])") : []).forEach(function (holder) {
      holder.setAttribute("data-review-ready", "1");
      if (holder.tagName === "TR") {
        var head = holder.closest("table") && holder.closest("table").querySelector("thead tr");
        if (head && !head.querySelector(".review-head")) { head.appendChild(make("th", { "class": "review-head" }, "Review")); }
        holder.appendChild(make("td", { "class": "review-cell" })).appendChild(controls(holder));
      } else {
        holder.appendChild(controls(holder));
      }
    });
  }

  function loadHistory(list) {
    fetch(list.getAttribute("data-src"), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        list.textContent = "";
        (data.reviews || []).forEach(function (rv) {
          var fixed = FIELDS.filter(function (k) { return rv[k]; }).map(function (k) { return k + "=" + rv[k]; });
          list.appendChild(make("li", { "class": rv.current ? "current" : "" }, rv.at + " · " + rv.by + " · " + rv.verdict +
            (fixed.length ? " (" + fixed.join(", ") + ")" : "") + (rv.note ? " · " + rv.note : "")));
        });
        if (!list.children.length) { list.appendChild(make("li", { "class": "muted" }, "Not reviewed yet.")); }
      });
  }

  function queueKeys() {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#review-queue tr[data-event-id]"));
    if (!rows.length) { return; }
    var at = 0;
    function focus(i) {
      rows[at].classList.remove("queue-current");
      at = Math.max(0, Math.min(rows.length - 1, i));
      rows[at].classList.add("queue-current");
      rows[at].scrollIntoView({ block: "nearest" });
    }
    focus(0);
    document.addEventListener("amity:reviewed", function (e) {
      if (rows[at].getAttribute("data-event-id") === e.detail.review.reviewed_event_id) { focus(at + 1); }
    });
    document.addEventListener("keydown", function (e) {
      if (e.target.closest && e.target.closest("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey) { return; }
      var press = { c: ".review-correct", w: ".review-wrong", f: ".review-fixed" }[e.key];
      if (press) { rows[at].querySelector(press).click(); e.preventDefault(); }
      else if (e.key === "n" || e.key === "j") { focus(at + 1); }
      else if (e.key === "k" || e.key === "p") { focus(at - 1); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    decorate(document);
    document.querySelectorAll(".review-history[data-src]").forEach(loadHistory);
    queueKeys();
    new MutationObserver(function (changes) {
      changes.forEach(function (change) { change.addedNodes.forEach(function (node) { if (node.nodeType === 1) { decorate(node.parentNode || node); } }); });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
