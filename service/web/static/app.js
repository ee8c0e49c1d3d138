/* boardpapers web UI: plain JS, no framework, no build step.
 *
 * "/"                 search page: answer card (/ask), timeline chart, ranked evidence (/search)
 * "/meeting/{pack}"   a meeting: agenda and papers, minutes' resolutions, people, figures
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

  var state = { meetings: [], packDates: {}, seq: 0, lastRender: null };

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

  function formatDate(iso, style) {
    var d = parseDate(iso);
    if (!d) return iso || "undated";
    var opts = style === "short"
      ? { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }
      : { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
    return d.toLocaleDateString("en-GB", opts);
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

  function api(path, params) {
    var qs = params ? new URLSearchParams(params).toString() : "";
    return fetch(path + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" } })
      .then(function (resp) {
        return resp.json().catch(function () { return {}; }).then(function (body) {
          if (!resp.ok) {
            var msg = body && body.error ? body.error.message : resp.status + " " + resp.statusText;
            var err = new Error(msg);
            err.status = resp.status;
            throw err;
          }
          return body;
        });
      });
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

  function formParams() {
    var p = {};
    var q = $("q").value.trim();
    if (q) p.q = q;
    ["body", "from", "to", "kind"].forEach(function (k) {
      var v = $(k).value;
      if (v) p[k] = v;
    });
    return p;
  }

  function fillForm(params) {
    $("q").value = params.get("q") || "";
    ["from", "to", "kind"].forEach(function (k) { $(k).value = params.get(k) || ""; });
    var body = params.get("body") || "";
    var select = $("body");
    if (body && !Array.prototype.some.call(select.options, function (o) { return o.value === body; })) {
      select.appendChild(el("option", { value: body }, body));
    }
    select.value = body;
  }

  function submitSearch(push) {
    var p = formParams();
    if (!p.q) { setStatus("Type a question or some keywords first.", true); $("q").focus(); return; }
    var url = "/?" + new URLSearchParams(p).toString();
    if (push && url !== location.pathname + location.search) history.pushState(null, "", url);
    runSearch(p);
  }

  function runSearch(p) {
    var seq = ++state.seq;
    setStatus("Searching\u2026");
    document.body.classList.add("busy");
    var filters = {};
    ["body", "from", "to", "kind"].forEach(function (k) { if (p[k]) filters[k] = p[k]; });
    var askP = api("/ask", Object.assign({ q: p.q }, filters));
    var searchP = api("/search", Object.assign({ q: p.q, limit: 20 }, filters));
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
    renderResults(search.results || [], terms);
    var n = (search.results || []).length;
    var found = ask && ask.answer ? "Answer found. " : "";
    setStatus(found + n + (n === 1 ? " passage" : " passages") + " for \u201c" + p.q + "\u201d" +
      (p.kind ? " (" + p.kind + " only)" : "") + ".");
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
      el("p", { class: "actions" },
        el("a", { class: "button", href: a.pdf_url || pdfUrl(a.pack, a.page), id: "answer-pdf" },
          a.page ? "Open the PDF at page " + a.page : "Open the PDF"),
        el("a", { class: "button button--secondary", href: meetingUrl(a.pack) }, "Meeting page"))));
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
    var latest = sorted[sorted.length - 1];
    var summary = $("timeline-summary");
    clear(summary);
    append(summary, ["Came up at " + entries.length + (entries.length === 1 ? " meeting" : " meetings") +
      "; most recently on ", timeEl(latest.meeting_date), latest.body ? " (" + latest.body + ")" : "", "."]);
    drawChart(sorted, ask.answer ? ask.answer.meeting_date : null);
    var list = $("timeline-list");
    clear(list);
    var oneBody = entries.every(function (t) { return t.body === entries[0].body; });
    entries.forEach(function (t) {
      list.appendChild(el("li", null,
        el("span", { class: "timeline-list__date" }, timeEl(t.meeting_date, "short")),
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

    var latest = entries[entries.length - 1];
    entries.forEach(function (t) {
      var cx = x(parseDate(t.meeting_date).getTime());
      var cy = laneY(bodies.indexOf(t.body || "Unknown body"));
      var cls = "chart__dot" + (t === latest ? " chart__dot--latest" : "") +
        (answerDate && t.meeting_date === answerDate ? " chart__dot--answer" : "");
      var label = formatDate(t.meeting_date) + (t.body ? ", " + t.body : "") +
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
    }, "last: " + formatDate(latest.meeting_date, "short")));
    box.appendChild(root);
  }

  // ------------------------------------------------------------------- results

  function renderResults(results, terms) {
    var section = $("results");
    var list = $("result-list");
    clear(list);
    section.hidden = false;
    $("results-heading").textContent = "Evidence (" + results.length + ")";
    if (!results.length) {
      list.appendChild(el("li", { class: "card card--muted" }, "No passages match. Try fewer words or clear the filters."));
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

  // ------------------------------------------------------------------- meeting

  function renderMeeting(packId) {
    $("search-view").hidden = true;
    var view = $("meeting-view");
    view.hidden = false;
    clear(view);
    view.appendChild(el("p", { class: "status" }, "Loading the meeting\u2026"));
    api("/packs/" + encodeURIComponent(packId)).then(function (pack) {
      clear(view);
      buildMeeting(view, packId, pack);
    }).catch(function (err) {
      clear(view);
      document.title = "Meeting not found \u2014 boardpapers";
      view.appendChild(el("nav", { class: "crumbs" }, el("a", { href: "/" }, "\u2190 Back to search")));
      view.appendChild(el("h1", null, err.status === 404 ? "This meeting is not indexed" : "Could not load the meeting"));
      view.appendChild(el("p", { class: "status status--error" }, err.message));
    });
  }

  function section(id, title) {
    return el("section", { id: id, class: "panel", "aria-labelledby": id + "-heading" },
      el("h2", { id: id + "-heading" }, title));
  }

  function pageLink(pack, page, label) {
    return el("a", { href: pdfUrl(pack, page) }, label || "page " + page);
  }

  function buildMeeting(view, packId, pack) {
    var m = pack.meeting || {};
    document.title = (m.body || "Meeting") + ", " + formatDate(m.date) + " \u2014 boardpapers";
    view.appendChild(el("nav", { class: "crumbs" }, el("a", { href: "/" }, "\u2190 Back to search")));
    var when = [timeEl(m.date), m.time ? " at " + m.time : "", m.place ? " \u00b7 " + m.place : ""];
    view.appendChild(el("header", { class: "meeting-head" },
      m.council ? el("p", { class: "eyebrow" }, m.council) : null,
      el("h1", null, m.body || "Meeting"),
      el("p", { class: "meeting-head__when" }, when),
      el("p", { class: "actions" },
        el("a", { class: "button", href: pdfUrl(packId) }, "Open the pack (" + pack.page_count + " pages)")),
      el("nav", { class: "toc", "aria-label": "On this page" },
        el("a", { href: "#agenda" }, "Agenda"),
        el("a", { href: "#minutes" }, "Minutes"),
        el("a", { href: "#people" }, "People present"),
        el("a", { href: "#figures" }, "Figures"))));
    view.appendChild(buildAgenda(packId, pack));
    view.appendChild(buildMinutes(packId, pack));
    view.appendChild(buildPeople(pack));
    view.appendChild(buildFigures(packId, pack));
  }

  function buildAgenda(packId, pack) {
    var sec = section("agenda", "Agenda");
    var docs = pack.documents || [];
    var reports = pack.reports || [];
    var list = el("ol", { class: "agenda" });
    (pack.agenda || []).forEach(function (item) {
      var papers = docs.filter(function (d) { return d.agenda_item === item.number; });
      var li = el("li", { class: "agenda__item" },
        el("span", { class: "agenda__num", "aria-hidden": "true" }, item.number),
        el("div", { class: "agenda__body" },
          el("h3", null, el("span", { class: "visually-hidden" }, "Item " + item.number + ": "), titleCase(item.title)),
          item.description ? el("p", { class: "muted" }, item.description) : null));
      var body = li.lastChild;
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
        body.appendChild(ul);
      } else if (item.pages) {
        body.appendChild(el("p", null, "Papers: ", pageLink(packId, item.pages[0], pageRange(item.pages))));
      }
      list.appendChild(li);
    });
    var others = docs.filter(function (d) { return !d.agenda_item; });
    sec.appendChild((pack.agenda || []).length ? list : el("p", { class: "muted" }, "No agenda was recognised in this pack."));
    if (others.length) {
      var ul = el("ul", { class: "papers" });
      others.forEach(function (d) {
        ul.appendChild(el("li", null, titleCase(d.title), " \u2014 ", pageLink(packId, d.pages[0], pageRange(d.pages))));
      });
      sec.appendChild(el("h3", null, "Other papers"));
      sec.appendChild(ul);
    }
    return sec;
  }

  function buildMinutes(packId, pack) {
    var sec = section("minutes", "Minutes and resolutions");
    var all = pack.minutes || [];
    if (!all.length) {
      sec.appendChild(el("p", { class: "muted" }, "This pack prints no minutes."));
      return sec;
    }
    all.forEach(function (mins) {
      sec.appendChild(el("h3", null, "Minutes of ", mins.body ? mins.body + ", " : "", timeEl(mins.date)));
      var meta = [];
      if (mins.chairman) meta.push("Chairman: " + mins.chairman);
      if (mins.pages && mins.pages.length) meta.push(pageRange(mins.pages));
      if (meta.length) sec.appendChild(el("p", { class: "muted" }, meta.join(" \u00b7 ")));
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
      sec.appendChild(list);
    });
    return sec;
  }

  function buildPeople(pack) {
    var sec = section("people", "People present");
    var all = (pack.minutes || []).filter(function (m) { return (m.attendance || []).length; });
    if (!all.length) {
      sec.appendChild(el("p", { class: "muted" }, "No attendance is recorded in this pack's minutes."));
      return sec;
    }
    all.forEach(function (mins) {
      var present = mins.attendance.filter(function (a) { return a.present; });
      var absent = mins.attendance.filter(function (a) { return !a.present; });
      sec.appendChild(el("h3", null, "At the meeting of ", timeEl(mins.date), " (from its minutes)"));
      var ul = el("ul", { class: "people" });
      present.forEach(function (a) {
        ul.appendChild(el("li", null, a.name, a.role ? el("span", { class: "muted" }, " (" + a.role + ")") : null));
      });
      sec.appendChild(ul);
      if (absent.length) {
        sec.appendChild(el("p", { class: "muted" }, "Not present: " + absent.map(function (a) {
          return a.name + (a.role ? " (" + a.role + ")" : "");
        }).join(", ") + "."));
      }
    });
    return sec;
  }

  function buildFigures(packId, pack) {
    var sec = section("figures", "Figures");
    var figs = (pack.figures || []).slice().sort(function (a, b) { return a.page - b.page; });
    if (!figs.length) {
      sec.appendChild(el("p", { class: "muted" }, "No figures were found in this pack."));
      return sec;
    }
    var tbody = el("tbody");
    figs.forEach(function (f) {
      tbody.appendChild(el("tr", null,
        el("td", { class: "num" }, f.text),
        el("td", null, f.about || ""),
        el("td", { class: "context" }, f.context || ""),
        el("td", null, pageLink(packId, f.page, "p.\u00a0" + f.page))));
    });
    sec.appendChild(el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Figures table" },
      el("table", { class: "figures" },
        el("caption", null, figs.length + " figures quoted in the pack"),
        el("thead", null, el("tr", null,
          el("th", { scope: "col" }, "Figure"), el("th", { scope: "col" }, "About"),
          el("th", { scope: "col" }, "In context"), el("th", { scope: "col" }, "Page"))),
        tbody)));
    return sec;
  }

  // -------------------------------------------------------------------- router

  function route() {
    var match = location.pathname.match(/^\/meeting\/([^/]+)\/?$/);
    if (match) { renderMeeting(decodeURIComponent(match[1])); return; }
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
    window.addEventListener("popstate", route);
    var resizeTimer = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () {
        var r = state.lastRender;
        if (r && !$("timeline").hidden && r.ask && !r.ask.error) renderTimeline(r.ask);
      }, 200);
    });
    var onSearchPage = !/^\/meeting\//.test(location.pathname);
    var ready = loadMeetings();
    if (onSearchPage) ready.then(route); else route();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
