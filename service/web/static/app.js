/* boardpapers web UI: plain JS, no framework, no build step.
 *
 * "/"                 search page: answer card (/ask), timeline chart, ranked evidence (/search)
 *                     with its counts by body, year and kind (facets) and CSV/JSON downloads
 * "/meeting/{pack}"   a meeting: contents, then collapsible agenda and papers, minutes'
 *                     resolutions, people, and the figures that say what they measure
 *
 * Saved searches: a search can be saved as an alert (POST /alerts with the write token,
 * typed once per tab and kept in sessionStorage); the search page lists them (GET /alerts)
 * with their feeds, and removes one (DELETE /alerts/{id}).
 *
 * Dates are shown the UK way ("Monday 8 July 2024", "8 Jul 2024") and typed the UK way in
 * the date filters ("8 July 2024", "08/07/2024", "July 2024", "2024"); URLs and the API keep
 * ISO dates (2024-07-08, 2024-07, 2024).
 *
 * Every string from the server goes into the page as text (textContent), never as HTML.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var STOPWORDS = new Set((
    "a an and are as at be by did do does for from had has have how i in is it its last me " +
    "most of on or our recently the their them they this that these those to was we were " +
    "what when where which who whom why will with would about discuss discussed discussing " +
    "talk talked talking look looked looking decide decided decision committee council " +
    "meeting meetings did ever much many say said us you any there been"
  ).split(" "));

  var state = { meetings: [], packDates: {}, seq: 0, lastRender: null, path: null };

  // ------------------------------------------------------------------ helpers

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = String(v);
      else node.setAttribute(k, v === true ? "" : String(v));
    });
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === "string" || typeof child === "number"
      ? document.createTextNode(String(child)) : child);
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function parseDate(iso) {
    if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
    var d = new Date(iso + "T00:00:00Z");
    return isNaN(d.getTime()) ? null : d;
  }

  var MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  var WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

  // UK dates whatever the browser's locale: "Monday 8 July 2024", short "8 Jul 2024"
  function formatDate(iso, style) {
    var d = parseDate(iso);
    if (!d) return iso || "undated";
    var day = d.getUTCDate(), month = MONTH_NAMES[d.getUTCMonth()], year = d.getUTCFullYear();
    if (style === "short") return day + " " + month.slice(0, 3) + " " + year;
    return WEEKDAYS[d.getUTCDay()] + " " + day + " " + month + " " + year;
  }

  // ------------------------------------------------------------ typed UK dates

  function isoOf(year, month, day) {
    if (!(year >= 1 && year <= 9999)) return null;
    var pad = function (n, w) { return String(n).padStart(w, "0"); };
    if (!month) return pad(year, 4);
    if (month < 1 || month > 12) return null;
    if (!day) return pad(year, 4) + "-" + pad(month, 2);
    var iso = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
    var d = parseDate(iso);
    return d && d.getUTCDate() === day ? iso : null;  // 31/02 is not a date
  }

  function monthNumber(word) {
    if (word.length < 3) return 0;
    for (var i = 0; i < 12; i++) {
      if (MONTH_NAMES[i].toLowerCase().indexOf(word) === 0) return i + 1;
    }
    return 0;
  }

  // "8 July 2024", "8th Jul 2024", "Monday 8 July 2024", "08/07/2024", "8.7.24", "July 2024",
  // "2024", "2024-07-08" -> "2024-07-08", "2024-07" or "2024"; "" when empty; null when not a date
  function ukToIso(text) {
    var s = (text || "").toLowerCase().replace(/,/g, " ").trim().replace(/\s+/g, " ");
    if (!s) return "";
    s = s.replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.? /, "");
    var m = s.match(/^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/);
    if (m) return isoOf(+m[1], m[2] ? +m[2] : 0, m[3] ? +m[3] : 0);
    m = s.match(/^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{2}|\d{4})$/);
    if (m) return isoOf(m[3].length === 2 ? 2000 + +m[3] : +m[3], +m[2], +m[1]);
    m = s.match(/^(?:(\d{1,2})(?:st|nd|rd|th)? )?([a-z]+)\.? (\d{4})$/);
    if (m && monthNumber(m[2])) return isoOf(+m[3], monthNumber(m[2]), m[1] ? +m[1] : 0);
    return null;
  }

  // "2024-07-08" -> "8 July 2024", "2024-07" -> "July 2024", "2024" -> "2024"
  function isoToUk(iso) {
    var m = (iso || "").match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/);
    if (!m) return iso || "";
    var year = String(+m[1]);
    if (!m[2]) return year;
    var month = MONTH_NAMES[+m[2] - 1];
    return m[3] ? +m[3] + " " + month + " " + year : month + " " + year;
  }

  function timeEl(iso, style) {
    return el("time", { datetime: iso || null }, formatDate(iso, style));
  }

  function pdfUrl(pack, page) {
    return "/packs/" + encodeURIComponent(pack) + "/pdf" + (page ? "#page=" + page : "");
  }

  function meetingUrl(pack) { return "/meeting/" + encodeURIComponent(pack); }

  function pageRange(pages) {
    if (!pages || !pages.length) return "";
    var a = pages[0], b = pages[pages.length - 1];
    return a === b ? "page " + a : "pages " + a + "\u2013" + b;
  }

  var SMALL_WORDS = new Set("a an and as at by for in of on or the to with".split(" "));

  // "YOUTH SERVICE REVIEW: PROPOSED CHANGES" -> "Youth Service Review: Proposed Changes"
  function titleCase(s) {
    if (!s || s !== s.toUpperCase()) return s;
    var n = 0;
    return s.toLowerCase().replace(/[\p{L}\p{N}'\u2019]+/gu, function (w) {
      var first = n++ === 0;
      if (!first && SMALL_WORDS.has(w)) return w;
      return w.charAt(0).toUpperCase() + w.slice(1);
    });
  }

  function answered(resp) {
    return resp.json().catch(function () { return {}; }).then(function (body) {
      if (!resp.ok) {
        var msg = body && body.error ? body.error.message : resp.status + " " + resp.statusText;
        var err = new Error(msg);
        err.status = resp.status;
        throw err;
      }
      return body;
    });
  }

  function api(path, params) {
    var qs = params ? new URLSearchParams(params).toString() : "";
    return fetch(path + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" } })
      .then(answered);
  }

  // a write route: the bearer token of this tab, a JSON body
  function write(method, path, body, token) {
    var headers = { Accept: "application/json", Authorization: "Bearer " + token };
    if (body) headers["Content-Type"] = "application/json";
    return fetch(path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(answered);
  }

  function setStatus(text, isError) {
    var s = $("status");
    s.textContent = text || "";
    s.classList.toggle("status--error", !!isError);
  }

  // ------------------------------------------------------- query terms / marks

  function stem(word) {
    if (word.length > 4) {
      var m = word.match(/^(.*?)(ies|ing|ed|es|s)$/);
      if (m && m[1].length >= 3) return m[1];
    }
    return word;
  }

  function queryTerms(q) {
    var words = (q || "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    var out = [];
    words.forEach(function (w) {
      if (w.length < 2 || STOPWORDS.has(w)) return;
      var s = stem(w);
      if (out.indexOf(s) < 0) out.push(s);
    });
    return out;
  }

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // text with every word starting with a query term wrapped in <mark>
  function highlight(text, terms) {
    var frag = document.createDocumentFragment();
    if (!terms.length) { frag.appendChild(document.createTextNode(text)); return frag; }
    var re = new RegExp("(?<![\\p{L}\\p{N}])(?:" + terms.map(escapeRe).join("|") +
      ")[\\p{L}\\p{N}'\u2019-]*", "giu");
    var last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      frag.appendChild(el("mark", null, m[0]));
      last = m.index + m[0].length;
      if (m[0].length === 0) re.lastIndex++;
    }
    if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  // ----------------------------------------------------------------- meetings

  function loadMeetings() {
    return api("/meetings").then(function (data) {
      state.meetings = data.meetings || [];
      state.packDates = {};
      var bodies = [];
      state.meetings.forEach(function (m) {
        state.packDates[m.pack] = m.date;
        if (m.body && bodies.indexOf(m.body) < 0) bodies.push(m.body);
      });
      bodies.sort();
      var select = $("body");
      var keep = select.value || new URLSearchParams(location.search).get("body") || "";
      while (select.options.length > 1) select.remove(1);
      bodies.forEach(function (b) { select.appendChild(el("option", { value: b }, b)); });
      if (keep && bodies.indexOf(keep) < 0) select.appendChild(el("option", { value: keep }, keep));
      select.value = keep;
      renderOverview();
    }).catch(function (err) {
      setStatus("Could not load the list of meetings: " + err.message, true);
    });
  }

  function renderOverview() {
    var list = $("meeting-list");
    clear(list);
    $("overview-empty").hidden = state.meetings.length > 0;
    state.meetings.forEach(function (m) {
      var c = m.counts || {};
      list.appendChild(el("li", { class: "meeting-list__item" },
        el("a", { href: meetingUrl(m.pack) }, timeEl(m.date), " \u2014 ", m.body || "Unknown body"),
        el("span", { class: "muted" },
          " ", [m.council, (c.agenda_items || 0) + " agenda items",
            (c.resolutions || 0) + " resolutions", (c.pages || 0) + " pages"]
            .filter(Boolean).join(" \u00b7 "))));
    });
  }

  // ------------------------------------------------------------------- search

  // the form as API parameters (dates in ISO); p.badDate names a date field that is not a date
  function formParams() {
    var p = {};
    var q = $("q").value.trim();
    if (q) p.q = q;
    ["body", "kind"].forEach(function (k) {
      var v = $(k).value;
      if (v) p[k] = v;
    });
    ["from", "to"].forEach(function (k) {
      var iso = ukToIso($(k).value);
      if (iso === null) p.badDate = p.badDate || k;
      else if (iso) p[k] = iso;
    });
    return p;
  }

  function fillForm(params) {
    $("q").value = params.get("q") || "";
    $("kind").value = params.get("kind") || "";
    ["from", "to"].forEach(function (k) { $(k).value = isoToUk(params.get(k) || ""); });
    var body = params.get("body") || "";
    var select = $("body");
    if (body && !Array.prototype.some.call(select.options, function (o) { return o.value === body; })) {
      select.appendChild(el("option", { value: body }, body));
    }
    select.value = body;
  }

  function submitSearch(push) {
    var p = formParams();
    if (!p.q || p.badDate) {  // the newest request wins: a search still on its way is dropped
      state.seq++;
      document.body.classList.remove("busy");
    }
    if (!p.q) { setStatus("Type a question or some keywords first.", true); $("q").focus(); return; }
    if (p.badDate) {
      setStatus("\u201c" + $(p.badDate).value + "\u201d is not a date: write it as 8 July 2024, " +
        "08/07/2024, July 2024 or 2024.", true);
      $(p.badDate).focus();
      return;
    }
    var url = "/?" + new URLSearchParams(p).toString();
    if (push && url !== location.pathname + location.search) history.pushState(null, "", url);
    state.path = location.pathname + location.search;
    runSearch(p);
  }

  function runSearch(p) {
    var seq = ++state.seq;
    setStatus("Searching\u2026");
    document.body.classList.add("busy");
    var filters = {};
    ["body", "from", "to", "kind"].forEach(function (k) { if (p[k]) filters[k] = p[k]; });
    var askP = api("/ask", Object.assign({ q: p.q }, filters));
    var searchP = api("/search", Object.assign({ q: p.q, limit: SEARCH_LIMIT }, filters));
    Promise.all([askP.catch(function (e) { return { error: e }; }), searchP])
      .then(function (res) {
        if (seq !== state.seq) return;  // a newer search is on its way
        var ask = res[0], search = res[1];
        state.lastRender = { p: p, ask: ask, search: search };
        render(p, ask, search);
      })
      .catch(function (err) {
        if (seq !== state.seq) return;
        hideResults();
        setStatus(err.message, true);
      })
      .then(function () { if (seq === state.seq) document.body.classList.remove("busy"); });
  }

  function hideResults() {
    $("save-alert").hidden = true;
    $("answer").hidden = true;
    $("timeline").hidden = true;
    $("results").hidden = true;
  }

  function render(p, ask, search) {
    var terms = queryTerms(p.q);
    $("overview").hidden = true;
    document.title = p.q + " \u2014 boardpapers";
    renderAnswer(ask, p);
    renderTimeline(ask && !ask.error ? ask : null);
    renderResults(search.results || [], terms, search.notes || []);
    showSaveAlert(p);
    renderFacets(search.facets || {}, p);
    renderDownloads(p);
    var n = (search.results || []).length;
    var found = ask && ask.answer ? "Answer found. " : "";
    setStatus(found + n + (n === 1 ? " passage" : " passages") + " for \u201c" + p.q + "\u201d" +
      (p.kind ? " (" + p.kind + " only)" : "") + "." +
      (search.notes || []).map(function (note) { return " Note: " + note + "."; }).join(""));
  }

  function renderAnswer(ask, p) {
    var box = $("answer");
    clear(box);
    box.hidden = false;
    if (!ask || ask.error) {
      box.appendChild(el("div", { class: "card card--muted" },
        el("h2", { id: "answer-heading" }, "No answer"),
        el("p", null, ask && ask.error ? ask.error.message : "The question could not be answered.")));
      return;
    }
    var a = ask.answer;
    if (!a) {
      box.appendChild(el("div", { class: "card card--muted", id: "answer-card" },
        el("h2", { id: "answer-heading" }, "No answer in the indexed packs"),
        el("p", null, "Nothing indexed is clearly about \u201c" +
          ((ask.understood && ask.understood.topic) || p.q) +
          "\u201d. Try other words, or clear the filters.")));
      return;
    }
    var packDate = state.packDates[a.pack];
    var source = packDate && packDate !== a.meeting_date
      ? ["Printed in the pack for ", timeEl(packDate), ", page " + (a.page || "?") + "."]
      : (a.page ? ["Page " + a.page + " of the pack."] : null);
    var item = [a.agenda_item ? "Item " + a.agenda_item : null, a.item_title ? titleCase(a.item_title) : null]
      .filter(Boolean).join(": ");
    box.appendChild(el("article", { class: "card card--answer", id: "answer-card" },
      el("p", { class: "eyebrow" }, "Answer", a.kind ? el("span", { class: "tag tag--" + a.kind }, a.kind) : null),
      el("h2", { id: "answer-heading", class: "answer__date" }, timeEl(a.meeting_date)),
      el("p", { class: "answer__body" }, a.body || "Body not recorded"),
      item ? el("p", { class: "answer__item" }, item) : null,
      el("blockquote", { class: "answer__text" }, a.text),
      source ? el("p", { class: "muted" }, source) : null,
      a.why ? el("p", { class: "answer__why", id: "answer-why" }, a.why,
        a.confidence != null ? " Confidence " + Math.round(a.confidence * 100) + "%." : "") : null,
      askedTo(a),
      el("p", { class: "actions" },
        el("a", { class: "button", href: a.pdf_url || pdfUrl(a.pack, a.page), id: "answer-pdf" },
          a.page ? "Open the PDF at page " + a.page : "Open the PDF"),
        el("a", { class: "button button--secondary", href: meetingUrl(a.pack) }, "Meeting page"))));
  }

  // the officers' recommendations the deciding body was asked to agree, after its decision
  function askedTo(a) {
    var recs = a.asked_to || [];
    if (!recs.length) return null;
    return el("div", { class: "answer__asked", id: "answer-asked" },
      el("p", { class: "eyebrow" }, (a.body || "The meeting") + " was asked to"),
      recs.map(function (r) {
        return el("blockquote", { class: "answer__rec" }, r.text, " ",
          el("a", { href: r.pdf_url || pdfUrl(r.pack, r.page) }, r.page ? "PDF p." + r.page : "PDF"));
      }));
  }

  // ------------------------------------------------------------------ timeline

  function renderTimeline(ask) {
    var section = $("timeline");
    var entries = ask ? (ask.timeline || []).filter(function (t) { return parseDate(t.meeting_date); }) : [];
    if (!entries.length) { section.hidden = true; return; }
    section.hidden = false;
    var sorted = entries.slice().sort(function (x, y) {
      return x.meeting_date < y.meeting_date ? -1 : x.meeting_date > y.meeting_date ? 1 : 0;
    });
    // discussed meetings count; mentions are shown, marked, and never "the latest"
    var discussed = sorted.filter(function (t) { return t.status !== "mentioned"; });
    var mentions = entries.length - discussed.length;
    var latest = discussed.length ? discussed[discussed.length - 1] : null;
    var summary = $("timeline-summary");
    clear(summary);
    append(summary, latest ? ["Discussed at " + discussed.length + (discussed.length === 1 ? " meeting" : " meetings") +
      "; most recently on ", timeEl(latest.meeting_date), latest.body ? " (" + latest.body + ")" : "",
      mentions ? "; only mentioned at " + mentions + " more" : "", "."]
      : ["Only mentioned, at " + entries.length + (entries.length === 1 ? " meeting." : " meetings.")]);
    drawChart(sorted, ask.answer ? ask.answer.meeting_date : null);
    var list = $("timeline-list");
    clear(list);
    var oneBody = entries.every(function (t) { return t.body === entries[0].body; });
    entries.forEach(function (t) {
      var mention = t.status === "mentioned";
      list.appendChild(el("li", { class: mention ? "timeline-list__mention" : null, "data-status": t.status || "discussed" },
        el("span", { class: "timeline-list__date" }, timeEl(t.meeting_date, "short"),
          mention ? el("span", { class: "tag tag--mention" }, "mentioned") : null),
        el("span", { class: "timeline-list__what" },
          [oneBody ? null : t.body, t.item_title ? titleCase(t.item_title) : null]
            .filter(Boolean).join(": ") || t.body || ""),
        el("span", { class: "timeline-list__links" },
          el("a", { href: pdfUrl(t.pack, t.page) }, t.page ? "PDF p." + t.page : "PDF"),
          " ",
          el("a", { href: meetingUrl(t.pack) }, "meeting"))));
    });
  }

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function drawChart(entries, answerDate) {
    var box = $("chart");
    clear(box);
    var width = Math.max(280, Math.round(box.clientWidth || 600));
    var bodies = [];
    entries.forEach(function (t) {
      var b = t.body || "Unknown body";
      if (bodies.indexOf(b) < 0) bodies.push(b);
    });
    var lane = 56, top = 14, axis = 30, left = 12, right = 12;
    var height = top + bodies.length * lane + axis;
    var times = entries.map(function (t) { return parseDate(t.meeting_date).getTime(); });
    var day = 86400000;
    var lo = Math.min.apply(null, times), hi = Math.max.apply(null, times);
    var pad = Math.max((hi - lo) * 0.08, 45 * day);
    lo -= pad; hi += pad;
    var plotW = width - left - right;
    function x(t) { return left + (t - lo) / (hi - lo) * plotW; }
    function laneY(i) { return top + i * lane + 22; }

    var root = svg("svg", {
      width: width, height: height, viewBox: "0 0 " + width + " " + height,
      role: "group", "aria-labelledby": "chart-title", class: "chart__svg"
    }, svg("title", { id: "chart-title" }, "Meetings where the topic came up, over time; the latest on " +
      formatDate(entries[entries.length - 1].meeting_date)));

    // month/year ticks
    var months = (hi - lo) / (30.44 * day);
    var step = [1, 2, 3, 6, 12, 24, 60].filter(function (s) { return s * plotW / months >= 48; })[0] || 120;
    var start = new Date(lo), end = new Date(hi);
    var ticks = svg("g", { class: "chart__ticks" });
    for (var y = start.getUTCFullYear(); y <= end.getUTCFullYear(); y++) {
      for (var mo = 0; mo < 12; mo++) {
        if ((y * 12 + mo) % step !== 0) continue;
        var t = Date.UTC(y, mo, 1);
        if (t < lo || t > hi) continue;
        var tx = x(t);
        ticks.appendChild(svg("line", { x1: tx, x2: tx, y1: top, y2: height - axis + 4, class: mo === 0 ? "chart__year" : "chart__month" }));
        ticks.appendChild(svg("text", { x: tx, y: height - 10, "text-anchor": "middle", class: "chart__label" },
          mo === 0 || step >= 12 ? String(y) : MONTHS[mo]));
      }
    }
    root.appendChild(ticks);

    bodies.forEach(function (b, i) {
      var ly = laneY(i);
      root.appendChild(svg("line", { x1: left, x2: width - right, y1: ly, y2: ly, class: "chart__lane" }));
      root.appendChild(svg("text", { x: left + 2, y: ly - 13, class: "chart__lane-label" }, b));
    });

    var held = entries.filter(function (t) { return t.status !== "mentioned"; });
    var latest = held.length ? held[held.length - 1] : entries[entries.length - 1];
    entries.forEach(function (t) {
      var cx = x(parseDate(t.meeting_date).getTime());
      var cy = laneY(bodies.indexOf(t.body || "Unknown body"));
      var mention = t.status === "mentioned";
      var cls = "chart__dot" + (t === latest ? " chart__dot--latest" : "") +
        (mention ? " chart__dot--mention" : "") +
        (answerDate && t.meeting_date === answerDate ? " chart__dot--answer" : "");
      var label = formatDate(t.meeting_date) + (mention ? " (only mentioned)" : "") + (t.body ? ", " + t.body : "") +
        (t.item_title ? ": " + titleCase(t.item_title) : "");
      root.appendChild(svg("a", { href: meetingUrl(t.pack), "aria-label": label, class: "chart__link" },
        svg("title", null, label),
        svg("circle", { cx: cx, cy: cy, r: 7, class: cls })));
    });

    // "last" annotation next to the latest dot
    var lx = x(parseDate(latest.meeting_date).getTime());
    var ly0 = laneY(bodies.indexOf(latest.body || "Unknown body"));
    var anchor = lx > width - 70 ? "end" : lx < 70 ? "start" : "middle";
    root.appendChild(svg("text", {
      x: anchor === "end" ? lx + 7 : anchor === "start" ? lx - 7 : lx, y: ly0 + 24,
      "text-anchor": anchor, class: "chart__annotation"
    }, (held.length ? "last: " : "mentioned: ") + formatDate(latest.meeting_date, "short")));
    box.appendChild(root);
  }

  // ------------------------------------------------------------------- results

  function renderResults(results, terms, notes) {
    var section = $("results");
    var list = $("result-list");
    clear(list);
    section.hidden = false;
    $("results-heading").textContent = "Evidence (" + results.length + ")";
    if (!results.length) {
      var weak = (notes || []).some(function (n) { return n.indexOf("no strong matches") === 0; });
      list.appendChild(el("li", { class: "card card--muted", id: "no-results" }, weak
        ? "No strong matches: nothing indexed is relevant enough to this search. Try other words."
        : "No passages match. Try fewer words or clear the filters."));
      return;
    }
    results.forEach(function (r) {
      var meta = el("p", { class: "result__meta" },
        timeEl(r.meeting_date, "short"),
        r.body ? " \u00b7 " + r.body : "",
        " \u00b7 ", el("span", { class: "tag tag--" + r.kind }, r.kind),
        r.agenda_item ? " \u00b7 item " + r.agenda_item : "");
      list.appendChild(el("li", { class: "card result", "data-kind": r.kind },
        meta,
        r.item_title ? el("h3", { class: "result__title" }, highlight(titleCase(r.item_title), terms)) : null,
        el("p", { class: "result__text" }, highlight(r.text, terms)),
        el("p", { class: "result__links" },
          el("a", { href: pdfUrl(r.pack, r.page) }, r.page ? "PDF page " + r.page : "PDF"),
          " \u00b7 ",
          el("a", { href: meetingUrl(r.pack) }, "Meeting page"))));
    });
  }

  // -------------------------------------------------------- facets, downloads

  var FACET_TITLES = { body: "Body", year: "Year", kind: "Kind" };
  var SEARCH_LIMIT = 20;

  function searchParams(p, extra) {
    var q = { q: p.q };
    ["body", "from", "to", "kind"].forEach(function (k) { if (p[k]) q[k] = p[k]; });
    return Object.assign(q, extra || {});
  }

  // the search page's URL with one facet applied (a year is the range from/to that year),
  // or, for the facet in use, without it
  function facetUrl(p, name, value, active) {
    var q = searchParams(p);
    if (name === "year") {
      delete q.from; delete q.to;
      if (!active) { q.from = value; q.to = value; }
    } else if (active) {
      delete q[name];
    } else {
      q[name] = value;
    }
    return "/?" + new URLSearchParams(q).toString();
  }

  function facetActive(p, name, value) {
    return name === "year" ? p.from === value && p.to === value : p[name] === value;
  }

  function renderFacets(facets, p) {
    var box = $("facet-groups");
    clear(box);
    var shown = 0;
    ["body", "year", "kind"].forEach(function (name) {
      var items = facets[name] || [];
      if (!items.length) return;
      shown++;
      var list = el("ul", { class: "facet-list" });
      items.forEach(function (f) {
        var active = facetActive(p, name, f.value);
        var label = name === "kind" ? f.value.charAt(0).toUpperCase() + f.value.slice(1) : f.value;
        list.appendChild(el("li", null, el("a", {
          class: "facet" + (active ? " facet--active" : ""),
          href: facetUrl(p, name, f.value, active),
          "aria-current": active ? "true" : null,
          "data-facet": name,
          "data-value": f.value,
          title: active ? "Remove this filter" : "Only " + label
        }, el("span", { class: "facet__label" }, label),
          el("span", { class: "facet__count" }, String(f.count)))));
      });
      box.appendChild(el("div", { class: "facet-group" }, el("h4", null, FACET_TITLES[name]), list));
    });
    $("facets").hidden = shown === 0;
  }

  function renderDownloads(p) {
    ["csv", "json"].forEach(function (fmt) {
      $("download-" + fmt).href = "/search?" +
        new URLSearchParams(searchParams(p, { limit: SEARCH_LIMIT, format: fmt })).toString();
    });
  }

  // ------------------------------------------------------------- saved searches

  var TOKEN_KEY = "boardpapers-write-token";

  function storedToken() {
    try { return sessionStorage.getItem(TOKEN_KEY) || ""; } catch (e) { return ""; }
  }

  function keepToken(token) {
    try {
      if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) { /* storage refused: typed again next time */ }
  }

  // the token typed in `inputId` (kept for the tab), else the one kept; "" when none
  function writeToken(inputId) {
    var typed = $(inputId).value.trim();
    if (typed) keepToken(typed);
    return typed || storedToken();
  }

  function note(id, parts, isError) {
    var s = $(id);
    clear(s);
    append(s, parts);
    s.classList.toggle("status--error", !!isError);
  }

  function alertFilters(a) {
    return [a.body, a.kind, a.from ? "from " + isoToUk(a.from) : "", a.to ? "to " + isoToUk(a.to) : ""]
      .filter(Boolean).join(" \u00b7 ");
  }

  function alertSearchUrl(a) {
    var q = { q: a.query };
    ["body", "kind", "from", "to"].forEach(function (k) { if (a[k]) q[k] = a[k]; });
    return "/?" + new URLSearchParams(q).toString();
  }

  function loadAlerts() {
    return api("/alerts").then(function (data) {
      renderAlerts(data.alerts || []);
    }).catch(function (err) {
      note("alerts-status", "Could not load the saved searches: " + err.message, true);
    });
  }

  function renderAlerts(alerts) {
    var list = $("alert-list");
    clear(list);
    $("alerts-empty").hidden = alerts.length > 0;
    alerts.forEach(function (a) {
      var filters = alertFilters(a);
      list.appendChild(el("li", { class: "alert-list__item", "data-alert": a.id },
        el("a", { href: alertSearchUrl(a), class: "alert-list__query" }, "\u201c" + a.query + "\u201d"),
        filters ? el("span", { class: "muted" }, " (" + filters + ")") : null,
        el("span", { class: "muted" }, " \u00b7 " + a.matches + (a.matches === 1 ? " match" : " matches")),
        " \u00b7 ", el("a", { href: a.feed, class: "alert-list__feed" }, "Feed"),
        " ", el("button", {
          type: "button", class: "button button--secondary button--small", "data-remove": a.id,
          "aria-label": "Remove the saved search \u201c" + a.query + "\u201d"
        }, "Remove")));
    });
  }

  function showSaveAlert(p) {
    $("save-alert").hidden = false;
    $("alert-token-field").hidden = !!storedToken();
    note("alert-status", "");
    $("save-alert-heading").textContent = "Get alerts for \u201c" + p.q + "\u201d";
    $("save-alert-button").disabled = false;
    $("save-alert-button").textContent = "Save as alert";
  }

  function saveAlert(ev) {
    ev.preventDefault();
    var p = state.lastRender && state.lastRender.p;
    if (!p) return;
    var token = writeToken("alert-token");
    if (!token) {
      $("alert-token-field").hidden = false;
      note("alert-status", "Type the write token first.", true);
      $("alert-token").focus();
      return;
    }
    var body = { query: p.q };
    ["body", "kind", "from", "to"].forEach(function (k) { if (p[k]) body[k] = p[k]; });
    write("POST", "/alerts", body, token).then(function (a) {
      $("alert-token").value = "";
      $("alert-token-field").hidden = true;
      $("save-alert-button").disabled = true;  // saved: once is enough for this search
      $("save-alert-button").textContent = "Saved";
      note("alert-status", ["Saved as alert " + a.id + ". ",
        el("a", { href: a.feed, id: "new-alert-feed" }, "Follow its feed"),
        " or see it under ", el("a", { href: "/" }, "Saved searches"), "."]);
      loadAlerts();
    }).catch(function (err) {
      if (err.status === 401 || err.status === 403) { keepToken(""); $("alert-token-field").hidden = false; }
      note("alert-status", "Not saved: " + err.message, true);
    });
  }

  function removeAlert(ev) {
    var button = ev.target.closest("button[data-remove]");
    if (!button) return;
    var token = writeToken("remove-token");
    if (!token) {
      $("remove-token-field").hidden = false;
      note("alerts-status", "Type the write token, then select Remove again.", true);
      $("remove-token").focus();
      return;
    }
    write("DELETE", "/alerts/" + encodeURIComponent(button.getAttribute("data-remove")), null, token)
      .then(function () {
        $("remove-token-field").hidden = true;
        note("alerts-status", "Saved search removed.");
        return loadAlerts();
      }).catch(function (err) {
        if (err.status === 401 || err.status === 403) { keepToken(""); $("remove-token-field").hidden = false; }
        note("alerts-status", "Not removed: " + err.message, true);
      });
  }

  // ------------------------------------------------------------------- meeting

  function renderMeeting(packId) {
    $("search-view").hidden = true;
    var view = $("meeting-view");
    view.hidden = false;
    clear(view);
    view.appendChild(el("p", { class: "status" }, "Loading the meeting\u2026"));
    var base = "/packs/" + encodeURIComponent(packId);
    Promise.all([api(base), api(base + "/figures")]).then(function (res) {
      clear(view);
      buildMeeting(view, packId, res[0], res[1]);
      openTarget(location.hash);
    }).catch(function (err) {
      clear(view);
      document.title = "Meeting not found \u2014 boardpapers";
      view.appendChild(el("nav", { class: "crumbs" }, el("a", { href: "/" }, "\u2190 Back to search")));
      view.appendChild(el("h1", null, err.status === 404 ? "This meeting is not indexed" : "Could not load the meeting"));
      view.appendChild(el("p", { class: "status status--error" }, err.message));
    });
  }

  // a collapsible section: its heading is the summary of a <details>, open unless `closed`
  function section(id, title, count, closed) {
    return el("section", { id: id, class: "panel", "aria-labelledby": id + "-heading" },
      el("details", { class: "collapsible", open: !closed },
        el("summary", null, el("h2", { id: id + "-heading" }, title,
          count !== null && count !== undefined ? el("span", { class: "count" }, " (" + count + ")") : null))));
  }

  function sectionBody(sec) { return sec.firstChild; }  // the <details> content goes here

  // open the collapsed sections (and groups) around the element an #anchor points at
  function openTarget(hash) {
    if (!hash || hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    if (target) target.scrollIntoView();
  }

  function itemAnchor(number) {
    return "item-" + String(number).replace(/[^A-Za-z0-9]+/g, "-");
  }

  function pageLink(pack, page, label) {
    return el("a", { href: pdfUrl(pack, page) }, label || "page " + page);
  }

  function buildMeeting(view, packId, pack, figures) {
    var m = pack.meeting || {};
    document.title = (m.body || "Meeting") + ", " + formatDate(m.date) + " \u2014 boardpapers";
    view.appendChild(el("nav", { class: "crumbs" }, el("a", { href: "/" }, "\u2190 Back to search")));
    var when = [timeEl(m.date), m.time ? " at " + m.time : "", m.place ? " \u00b7 " + m.place : ""];
    view.appendChild(el("header", { class: "meeting-head" },
      m.council ? el("p", { class: "eyebrow" }, m.council) : null,
      el("h1", null, m.body || "Meeting"),
      el("p", { class: "meeting-head__when" }, when),
      el("p", { class: "actions" },
        el("a", { class: "button", href: pdfUrl(packId) }, "Open the pack (" + pack.page_count + " pages)"))));
    var sections = [
      buildAgenda(packId, pack),
      buildMinutes(packId, pack),
      buildPeople(pack),
      buildFigures(packId, figures, pack.agenda || [])
    ];
    view.appendChild(buildContents(pack, sections));
    sections.forEach(function (sec) { view.appendChild(sec); });
  }

  // "On this page": every section with its size, the agenda's items under it
  function buildContents(pack, sections) {
    var list = el("ol", { class: "toc__list" });
    sections.forEach(function (sec) {
      var heading = sec.querySelector("h2");
      var li = el("li", null, el("a", { href: "#" + sec.id }, heading.textContent));
      if (sec.id === "agenda" && (pack.agenda || []).length) {
        var items = el("ol", { class: "toc__items" });
        pack.agenda.forEach(function (item) {
          items.appendChild(el("li", null, el("a", { href: "#" + itemAnchor(item.number) },
            item.number + ". " + titleCase(item.title))));
        });
        li.appendChild(items);
      }
      list.appendChild(li);
    });
    var toggle = el("button", { type: "button", class: "button button--secondary button--small", id: "toggle-sections" },
      "Collapse all sections");
    toggle.addEventListener("click", function () {
      var all = document.querySelectorAll("#meeting-view details.collapsible");
      var open = Array.prototype.some.call(all, function (d) { return d.open; });
      Array.prototype.forEach.call(all, function (d) { d.open = !open; });
      toggle.textContent = open ? "Expand all sections" : "Collapse all sections";
    });
    return el("nav", { class: "toc panel", "aria-labelledby": "toc-heading" },
      el("h2", { id: "toc-heading" }, "On this page"), list, el("p", { class: "toc__actions" }, toggle));
  }

  function buildAgenda(packId, pack) {
    var sec = section("agenda", "Agenda", (pack.agenda || []).length + " items");
    var body = sectionBody(sec);
    var docs = pack.documents || [];
    var reports = pack.reports || [];
    var list = el("ol", { class: "agenda" });
    (pack.agenda || []).forEach(function (item) {
      var papers = docs.filter(function (d) { return d.agenda_item === item.number; });
      var li = el("li", { class: "agenda__item", id: itemAnchor(item.number) },
        el("span", { class: "agenda__num", "aria-hidden": "true" }, item.number),
        el("div", { class: "agenda__body" },
          el("h3", null, el("span", { class: "visually-hidden" }, "Item " + item.number + ": "), titleCase(item.title)),
          item.description ? el("p", { class: "muted" }, item.description) : null));
      var itemBody = li.lastChild;
      if (papers.length) {
        var ul = el("ul", { class: "papers" });
        papers.forEach(function (d) {
          var rep = reports.filter(function (r) { return r.agenda_item === d.agenda_item && d.kind === "report"; })[0];
          var entry = el("li", null,
            el("span", { class: "tag tag--" + d.kind }, d.kind), " ", titleCase(d.title), " \u2014 ",
            pageLink(packId, d.pages[0], pageRange(d.pages)),
            rep && rep.report_from ? el("span", { class: "muted" }, " \u00b7 from the " + rep.report_from) : null);
          if (rep && rep.recommendations && rep.recommendations.length) {
            var recs = el("ol", { class: "quotes", "aria-label": "Recommendations" });
            rep.recommendations.forEach(function (r) {
              recs.appendChild(el("li", null, el("blockquote", null, r.text),
                el("p", { class: "quote-cite" }, pageLink(packId, r.page))));
            });
            entry.appendChild(el("p", { class: "subhead" }, "Recommendations"));
            entry.appendChild(recs);
          }
          ul.appendChild(entry);
        });
        itemBody.appendChild(ul);
      } else if (item.pages) {
        itemBody.appendChild(el("p", null, "Papers: ", pageLink(packId, item.pages[0], pageRange(item.pages))));
      }
      list.appendChild(li);
    });
    var others = docs.filter(function (d) { return !d.agenda_item; });
    body.appendChild((pack.agenda || []).length ? list : el("p", { class: "muted" }, "No agenda was recognised in this pack."));
    if (others.length) {
      var ul = el("ul", { class: "papers" });
      others.forEach(function (d) {
        ul.appendChild(el("li", null, titleCase(d.title), " \u2014 ", pageLink(packId, d.pages[0], pageRange(d.pages))));
      });
      body.appendChild(el("h3", null, "Other papers"));
      body.appendChild(ul);
    }
    return sec;
  }

  function buildMinutes(packId, pack) {
    var all = pack.minutes || [];
    var resolutions = all.reduce(function (n, mm) {
      return n + (mm.items || []).reduce(function (k, it) { return k + (it.resolutions || []).length; }, 0);
    }, 0);
    var sec = section("minutes", "Minutes and resolutions", resolutions + " resolutions");
    var body = sectionBody(sec);
    if (!all.length) {
      body.appendChild(el("p", { class: "muted" }, "This pack prints no minutes."));
      return sec;
    }
    all.forEach(function (mins) {
      body.appendChild(el("h3", null, "Minutes of ", mins.body ? mins.body + ", " : "", timeEl(mins.date)));
      var meta = [];
      if (mins.chairman) meta.push("Chairman: " + mins.chairman);
      if (mins.pages && mins.pages.length) meta.push(pageRange(mins.pages));
      if (meta.length) body.appendChild(el("p", { class: "muted" }, meta.join(" \u00b7 ")));
      var list = el("ol", { class: "minutes" });
      (mins.items || []).forEach(function (it) {
        var li = el("li", { class: "minutes__item" },
          el("h4", null, it.number ? it.number + ". " : "", titleCase(it.title),
            " ", el("span", { class: "muted small" }, "(", pageLink(packId, it.pages && it.pages[0], pageRange(it.pages)), ")")));
        if (it.resolutions && it.resolutions.length) {
          var res = el("ol", { class: "quotes", "aria-label": "Resolutions" });
          it.resolutions.forEach(function (r) {
            res.appendChild(el("li", null, el("blockquote", null, r.text),
              el("p", { class: "quote-cite" },
                el("span", { class: "tag tag--resolution" }, "resolved"), pageLink(packId, r.page))));
          });
          li.appendChild(res);
        }
        if (it.text) {
          li.appendChild(el("details", null, el("summary", null, "Minute text"), el("p", null, it.text)));
        }
        list.appendChild(li);
      });
      body.appendChild(list);
    });
    return sec;
  }

  function buildPeople(pack) {
    var all = (pack.minutes || []).filter(function (m) { return (m.attendance || []).length; });
    var present = all.reduce(function (n, mm) {
      return n + mm.attendance.filter(function (a) { return a.present; }).length;
    }, 0);
    var sec = section("people", "People present", all.length ? present : null);
    var body = sectionBody(sec);
    if (!all.length) {
      body.appendChild(el("p", { class: "muted" }, "No attendance is recorded in this pack's minutes."));
      return sec;
    }
    all.forEach(function (mins) {
      var present = mins.attendance.filter(function (a) { return a.present; });
      var absent = mins.attendance.filter(function (a) { return !a.present; });
      body.appendChild(el("h3", null, "At the meeting of ", timeEl(mins.date), " (from its minutes)"));
      var ul = el("ul", { class: "people" });
      present.forEach(function (a) {
        ul.appendChild(el("li", null, a.name, a.role ? el("span", { class: "muted" }, " (" + a.role + ")") : null));
      });
      body.appendChild(ul);
      if (absent.length) {
        body.appendChild(el("p", { class: "muted" }, "Not present: " + absent.map(function (a) {
          return a.name + (a.role ? " (" + a.role + ")" : "");
        }).join(", ") + "."));
      }
    });
    return sec;
  }

  // the figures that say what they measure (GET /packs/{id}/figures), one collapsed table
  // per agenda item
  function buildFigures(packId, data, agenda) {
    var figs = data.figures || [];
    var sec = section("figures", "Figures", data.total ? figs.length + " of " + data.total : null);
    var body = sectionBody(sec);
    var base = "/packs/" + encodeURIComponent(packId) + "/figures";
    var downloads = el("p", { class: "downloads" }, "Download these figures: ",
      el("a", { href: base + "?format=csv", download: true }, "CSV"), " \u00b7 ",
      el("a", { href: base + "?format=json", download: true }, "JSON"),
      data.omitted ? ["; every figure: ", el("a", { href: base + "?all=true&format=csv", download: true }, "CSV")] : null);
    if (!data.total) {
      body.appendChild(el("p", { class: "muted" }, "No figures were found in this pack."));
      return sec;
    }
    body.appendChild(el("p", { class: "muted" }, figs.length + " figures quoted in the pack, by agenda item." +
      (data.omitted ? " " + data.omitted + (data.omitted === 1 ? " figure whose label does" : " figures whose labels do") +
        " not say what " + (data.omitted === 1 ? "it measures is" : "they measure are") + " left out." : "")));
    body.appendChild(downloads);
    var groups = [];
    figs.forEach(function (f) {
      var key = f.agenda_item || "";
      var group = groups.filter(function (g) { return g.key === key; })[0];
      if (!group) { group = { key: key, figs: [] }; groups.push(group); }
      group.figs.push(f);
    });
    groups.forEach(function (g) {
      var item = agenda.filter(function (a) { return a.number === g.key; })[0];
      body.appendChild(figureGroup(packId, g.key, item ? titleCase(item.title) : "", g.figs));
    });
    return sec;
  }

  function figureGroup(packId, item, itemTitle, figs) {
    var tbody = el("tbody");
    figs.forEach(function (f) {
      tbody.appendChild(el("tr", null,
        el("td", { class: "num" }, f.text),
        el("td", null, f.about || ""),
        el("td", { class: "context" }, f.context || ""),
        el("td", null, pageLink(packId, f.page, "p.\u00a0" + f.page))));
    });
    var title = item ? "Item " + item + (itemTitle ? ": " + itemTitle : "") : "Not under an agenda item";
    return el("details", { class: "figure-group" },
      el("summary", null, title + " \u2014 " + figs.length + (figs.length === 1 ? " figure" : " figures")),
      el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Figures, " + title },
        el("table", { class: "figures" },
          el("thead", null, el("tr", null,
            el("th", { scope: "col" }, "Figure"), el("th", { scope: "col" }, "About"),
            el("th", { scope: "col" }, "In context"), el("th", { scope: "col" }, "Page"))),
          tbody)));
  }

  // ------------------------------------------------------- promised updates

  var FOLLOWUP_STATUS = {
    met: "Kept",
    overdue: "Overdue",
    due: "Not yet due",
    open: "No date given"
  };

  function followupParams() {
    var params = new URLSearchParams(location.search), out = {};
    ["status", "body"].forEach(function (k) { if (params.get(k)) out[k] = params.get(k); });
    return out;
  }

  function followupsUrl(params) {
    var qs = new URLSearchParams(params).toString();
    return "/promised-updates" + (qs ? "?" + qs : "");
  }

  function renderFollowups() {
    $("search-view").hidden = true;
    $("meeting-view").hidden = true;
    var view = $("followups-view");
    view.hidden = false;
    document.title = "Promised updates \u2014 boardpapers";
    var p = followupParams();
    $("fu-status").value = p.status || "";
    var select = $("fu-body");
    while (select.options.length > 1) select.remove(1);
    var bodies = [];
    state.meetings.forEach(function (m) { if (m.body && bodies.indexOf(m.body) < 0) bodies.push(m.body); });
    bodies.sort().forEach(function (b) { select.appendChild(el("option", { value: b }, b)); });
    if (p.body && bodies.indexOf(p.body) < 0) select.appendChild(el("option", { value: p.body }, p.body));
    select.value = p.body || "";
    ["csv", "json"].forEach(function (fmt) {
      $("fu-download-" + fmt).href = "/followups?" + new URLSearchParams(Object.assign({}, p, { format: fmt })).toString();
    });
    var list = $("fu-list");
    clear(list);
    $("fu-status-line").textContent = "Loading the promised updates\u2026";
    $("fu-status-line").className = "status";
    var seq = ++state.seq;
    api("/followups", p).then(function (data) {
      if (seq !== state.seq) return;
      var items = data.followups || [];
      var counts = data.counts || {};
      $("fu-status-line").textContent = items.length
        ? items.length + (items.length === 1 ? " promise" : " promises") + ": " +
          ["met", "overdue", "due", "open"].map(function (k) {
            return (counts[k] || 0) + " " + FOLLOWUP_STATUS[k].toLowerCase();
          }).join(", ") + "."
        : "No promised updates match." + (data.notes || []).map(function (n) { return " " + n + "."; }).join("");
      items.forEach(function (f) { list.appendChild(followupItem(f)); });
    }).catch(function (err) {
      if (seq !== state.seq) return;
      $("fu-status-line").textContent = "Could not load the promised updates: " + err.message;
      $("fu-status-line").className = "status status--error";
    });
  }

  function followupDue(f) {
    if (!f.due) return "No due date given";
    return "Due " + isoToUk(f.due) + (f.due_text ? " (\u201c" + f.due_text + "\u201d)" : "");
  }

  function followupItem(f) {
    var made = [timeEl(f.meeting_date), f.body ? " \u00b7 " + f.body : "",
      f.item_title ? " \u00b7 " + titleCase(f.item_title) : ""];
    var met = f.met_by;
    return el("li", { class: "card followup followup--" + f.status, "data-status": f.status },
      el("p", { class: "followup__head" },
        el("span", { class: "tag tag--" + f.status }, FOLLOWUP_STATUS[f.status] || f.status),
        " ", el("span", { class: "followup__due" }, followupDue(f))),
      el("p", { class: "followup__made muted small" }, "Promised at ", made),
      el("blockquote", { class: "followup__text" }, f.text),
      el("p", { class: "followup__links small" },
        el("a", { class: "followup__promise", href: f.pdf }, "The promise: page " + f.page + " (PDF)"),
        " \u00b7 ", el("a", { href: meetingUrl(f.pack) }, "its meeting")),
      met ? el("p", { class: "followup__met small" }, "Kept at ", timeEl(met.meeting_date),
        met.body ? " \u00b7 " + met.body : "",
        met.item_title ? ", item " + (met.agenda_item || "") + " \u201c" + titleCase(met.item_title) + "\u201d" : "",
        ": ", el("a", { class: "followup__kept", href: met.pdf }, "page " + met.page + " (PDF)"),
        " \u00b7 ", el("a", { href: meetingUrl(met.pack) }, "that meeting")) : null);
  }

  function initFollowups() {
    $("fu-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var params = {};
      if ($("fu-status").value) params.status = $("fu-status").value;
      if ($("fu-body").value) params.body = $("fu-body").value;
      history.pushState(null, "", followupsUrl(params));
      route();
    });
    ["fu-status", "fu-body"].forEach(function (id) {
      $(id).addEventListener("change", function () { $("fu-form").requestSubmit(); });
    });
  }

  // -------------------------------------------------------------------- router

  function route() {
    state.path = location.pathname + location.search;
    var match = location.pathname.match(/^\/meeting\/([^/]+)\/?$/);
    if (match) { $("followups-view").hidden = true; renderMeeting(decodeURIComponent(match[1])); return; }
    if (/^\/promised-updates\/?$/.test(location.pathname)) { renderFollowups(); return; }
    $("followups-view").hidden = true;
    $("meeting-view").hidden = true;
    $("search-view").hidden = false;
    var params = new URLSearchParams(location.search);
    fillForm(params);
    if (params.get("q")) {
      runSearch(formParams());
    } else {
      state.seq++;
      hideResults();
      $("overview").hidden = false;
      setStatus("");
      document.title = "boardpapers: search what the council discussed and decided";
    }
  }

  function init() {
    var form = $("search-form");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); submitSearch(true); });
    var timer = null;
    ["body", "from", "to", "kind"].forEach(function (k) {
      $(k).addEventListener("change", function () {
        if (!$("q").value.trim()) return;
        clearTimeout(timer);
        timer = setTimeout(function () { submitSearch(true); }, 150);
      });
    });
    $("clear-filters").addEventListener("click", function () {
      ["body", "from", "to", "kind"].forEach(function (k) { $(k).value = ""; });
      if ($("q").value.trim()) submitSearch(true);
    });
    $("facets").addEventListener("click", function (ev) {
      var link = ev.target.closest("a.facet");
      if (!link || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
      ev.preventDefault();
      history.pushState(null, "", link.getAttribute("href"));
      route();
    });
    ["from", "to"].forEach(function (k) {
      $(k).addEventListener("change", function () {
        var iso = ukToIso($(k).value);
        if (iso) $(k).value = isoToUk(iso);  // shown the UK way once understood
      });
    });
    window.addEventListener("hashchange", function () { openTarget(location.hash); });
    window.addEventListener("popstate", function () {
      // a link to #somewhere on this page changes the hash only: no new search or page
      if (location.pathname + location.search !== state.path) route();
    });
    var resizeTimer = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () {
        var r = state.lastRender;
        if (r && !$("timeline").hidden && r.ask && !r.ask.error) renderTimeline(r.ask);
      }, 200);
    });
    $("alert-form").addEventListener("submit", saveAlert);
    $("alert-list").addEventListener("click", removeAlert);
    initFollowups();
    var onSearchPage = !/^\/meeting\//.test(location.pathname);
    var ready = loadMeetings();
    if (onSearchPage) ready.then(route); else route();
    if (onSearchPage) loadAlerts();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
