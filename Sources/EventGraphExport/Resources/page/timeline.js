// The timeline page: one bar per fact on a zoomable time axis, in lanes; each bar as wide as what
// is known of its date, open ends fading out, undated facts apart at their reporting day.
"use strict";
(function () {
  var data = EG.readData();
  var items = data.items.map(function (item) { return EG.prepare(item); });
  var byID = {};
  items.forEach(function (item) { byID[item.id] = item; });
  var state = { query: "", lanes: "type", selected: null, view: null };
  var ROW = 24, AXIS = 30, LANE_GAP = 10, MIN_SPAN = 7, MARKER = 10;

  var filterBox = document.getElementById("filter");
  var countLine = document.getElementById("count");
  var laneChoice = document.getElementById("lanes");
  var chart = document.getElementById("chart");
  var panel = document.getElementById("panel");
  var list = document.getElementById("list");

  // The days the data spans, widened a little so that nothing sits on the edge.
  var domain = (function () {
    var low = Infinity, high = -Infinity;
    items.forEach(function (item) {
      [item.start, item.end, item.reported].forEach(function (day) {
        if (day !== null) { low = Math.min(low, day); high = Math.max(high, day + 1); }
      });
    });
    if (low === Infinity) { low = EG.dayNumber("2000-01-01"); high = low + 365; }
    if (high - low < 30) { low -= 15; high += 15; }
    var pad = (high - low) * 0.03;
    return { from: low - pad, to: high + pad };
  })();
  state.view = { from: domain.from, to: domain.to };

  function shownItems() { return items.filter(function (item) { return EG.matches(item, state.query); }); }

  function laneOf(item) {
    if (item.start === null && item.end === null) return "\uFFFFUndated (at the day first reported)";
    switch (state.lanes) {
      case "entity": return item.actor || "(no actor)";
      case "outlet": return (item.outlets && item.outlets[0]) || "(outlet unknown)";
      case "kind": return item.kind === "event" ? "Events" : "Relations";
      case "none": return "All facts";
      default: return item.type;
    }
  }

  function plotGeometry() {
    var width = Math.max(chart.clientWidth, 280);
    var side = width < 640 ? 0 : 170;
    return { width: width, left: side + 8, right: width - 12, side: side, stacked: side === 0 };
  }

  function scale(geometry) {
    var span = state.view.to - state.view.from;
    var k = (geometry.right - geometry.left) / span;
    return { x: function (day) { return geometry.left + (day - state.view.from) * k; }, k: k };
  }

  // Where an item's shape starts and ends on screen, and how it is drawn.
  function extent(item, s, geometry) {
    if (item.start === null && item.end === null) {
      var c = s.x(item.reported + 0.5);
      return { shape: "undated", x0: c - MARKER / 2, x1: c + MARKER / 2 };
    }
    var x0 = item.openStart || item.start === null ? Math.min(s.x(domain.from), geometry.left) : s.x(item.start);
    var x1 = item.openEnd || item.end === null ? Math.max(s.x(domain.to), geometry.right) : s.x(item.end + 1);
    var point = item.kind === "event" && (item.precision === "day" || item.precision === "time");
    if (point || x1 - x0 < MARKER) {
      var middle = (x0 + x1) / 2;
      return { shape: point ? "day" : "narrow", x0: middle - MARKER / 2, x1: middle + MARKER / 2 };
    }
    return { shape: item.kind === "event" ? "range" : "interval", x0: x0, x1: x1 };
  }

  function labelWidth(item) { return Math.min(230, item.headline.length * 6.6) + 10; }

  // Lanes of rows: each item goes in the first row where it and its label fit.
  function layout(shown, s, geometry) {
    var lanes = {};
    shown.forEach(function (item) {
      if (item.start === null && item.end === null && item.reported === null) return;
      var key = laneOf(item);
      (lanes[key] = lanes[key] || []).push(item);
    });
    var keys = Object.keys(lanes).sort(function (a, b) {
      var na = a.charAt(0) === "(" || a.charAt(0) === "\uFFFF", nb = b.charAt(0) === "(" || b.charAt(0) === "\uFFFF";
      return na !== nb ? (na ? 1 : -1) : (a < b ? -1 : a > b ? 1 : 0);
    });
    var y = AXIS + 6;
    return keys.map(function (key) {
      var rows = [], placed = [];
      lanes[key].slice().sort(function (a, b) { return a.order - b.order; }).forEach(function (item) {
        var e = extent(item, s, geometry);
        var from = Math.max(e.x0, geometry.left), to = Math.max(e.x1, from) + labelWidth(item);
        if (e.shape !== "interval" && Math.min(e.x1, geometry.right) + labelWidth(item) > geometry.width - 4) {
          from = Math.max(e.x0, geometry.left) - labelWidth(item);
          to = Math.max(e.x1, from);
        }
        var row = 0;
        while (row < rows.length && rows[row] > from - 6) row++;
        rows[row] = to;
        placed.push({ item: item, extent: e, row: row });
      });
      var top = y + (geometry.stacked ? 18 : 0);
      var lane = { key: key, label: key.replace("\uFFFF", ""), top: y, rowsTop: top, rows: Math.max(rows.length, 1), placed: placed };
      y = top + lane.rows * ROW + LANE_GAP;
      lane.bottom = y - LANE_GAP / 2;
      return lane;
    }).concat([{ end: y }]);
  }

  // Calendar-aligned ticks about 90 pixels apart.
  function ticks(s, geometry) {
    var steps = [[1, "day"], [7, "week"], [30.44, "month"], [91.3, "quarter"], [365.25, "year"], [1826, "5y"], [3652, "10y"], [9131, "25y"], [18262, "50y"], [36525, "100y"]];
    var step = steps[steps.length - 1];
    for (var i = 0; i < steps.length; i++) { if (steps[i][0] * s.k >= 90) { step = steps[i]; break; } }
    var out = [], from = state.view.from, to = state.view.to;
    var first = new Date(Math.floor(from) * 86400000), year = first.getUTCFullYear();
    if (step[1] === "day" || step[1] === "week") {
      var d = Math.floor(from);
      if (step[1] === "week") d -= ((d + 3) % 7 + 7) % 7;  // Mondays
      for (; d <= to; d += step[0]) out.push([d, EG.isoDay(d)]);
    } else if (step[1] === "month" || step[1] === "quarter") {
      var months = step[1] === "month" ? 1 : 3, month = first.getUTCMonth() - first.getUTCMonth() % months;
      for (var m = Date.UTC(year, month, 1) / 86400000; m <= to; month += months, m = Date.UTC(year, month, 1) / 86400000) {
        out.push([m, EG.isoDay(m).slice(0, 7)]);
      }
    } else {
      var years = { year: 1, "5y": 5, "10y": 10, "25y": 25, "50y": 50, "100y": 100 }[step[1]];
      for (var y = year - ((year % years) + years) % years; ; y += years) {
        var day = Date.UTC(y, 0, 1) / 86400000;
        if (day > to) break;
        out.push([day, String(y)]);
      }
    }
    return out.filter(function (t) { return t[0] >= from && t[0] <= to; });
  }

  function color(item) { return item.kind === "event" ? "#2f5fb3" : "#c26a00"; }

  function drawItem(g, placed, lane, s, geometry) {
    var item = placed.item, e = placed.extent;
    var y = lane.rowsTop + placed.row * ROW + ROW / 2;
    var group = EG.svg("g", { "class": "item" + (state.selected === item.id ? " selected" : "") + (item.modality !== "asserted" ? " " + item.modality : ""),
      "data-id": item.id, tabindex: 0, role: "button", "aria-label": item.headline + (item.when ? ", " + item.when : "") });
    group.appendChild(EG.svg("title", { text: item.headline + "\n" + (item.when || "undated, reported " + (item.reportedOn || "?")) + "\n" + item.precisionNote }));
    var c = color(item);
    if (e.shape === "day") {
      group.appendChild(EG.svg("circle", { cx: e.x0 + MARKER / 2, cy: y, r: 5, fill: c, stroke: c }));
    } else if (e.shape === "undated") {
      group.appendChild(EG.svg("circle", { cx: e.x0 + MARKER / 2, cy: y, r: 5, fill: "#fff", stroke: c, "stroke-dasharray": "2 2", "stroke-width": 1.5 }));
    } else if (e.shape === "narrow") {
      group.appendChild(EG.svg("rect", { x: e.x0, y: y - 6, width: MARKER, height: 12, rx: 2, fill: "url(#hatch-" + item.kind + ")", stroke: c }));
    } else if (e.shape === "range") {
      group.appendChild(EG.svg("rect", { x: e.x0, y: y - 6, width: Math.max(e.x1 - e.x0, 2), height: 12, rx: 2, fill: "url(#hatch-event)", stroke: c }));
    } else {
      var x0 = e.x0, x1 = e.x1;
      group.appendChild(EG.svg("rect", { x: x0, y: y - 4, width: Math.max(x1 - x0, 2), height: 8, rx: 4, fill: c }));
      if (item.openStart) group.appendChild(EG.svg("rect", { x: x0, y: y - 4, width: Math.min(60, x1 - x0), height: 8, fill: "url(#fade-left)" }));
      if (item.openEnd) {
        group.appendChild(EG.svg("rect", { x: Math.max(x0, x1 - 60), y: y - 4, width: Math.min(60, x1 - x0), height: 8, fill: "url(#fade-right)" }));
      }
    }
    var labelX = Math.max(Math.min(e.x1, geometry.right) + 5, geometry.left + 2);
    if (e.shape === "interval") labelX = Math.max(Math.min(e.x0, geometry.right) + 4, geometry.left + 2);
    var labelY = e.shape === "interval" ? y - 7 : y + 4;
    var text = item.headline, room = Math.floor(labelWidth(item) / 6.6);
    if (text.length > room) text = text.slice(0, Math.max(room - 1, 1)) + "…";
    // A label that would run off the right edge goes to the left of its mark.
    var anchor = "start";
    if (labelX + text.length * 6.6 > geometry.width - 4) {
      anchor = "end";
      labelX = e.shape === "interval" ? Math.min(e.x1, geometry.right) - 2 : Math.max(e.x0, geometry.left) - 5;
    }
    group.appendChild(EG.svg("text", { x: labelX, y: labelY, "class": "label", "text-anchor": anchor, text: text }));
    group.addEventListener("click", function () { select(item.id); });
    group.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(item.id); }
    });
    g.appendChild(group);
  }

  function defs() {
    var d = EG.svg("defs");
    ["event", "relation"].forEach(function (kind) {
      var c = kind === "event" ? "#2f5fb3" : "#c26a00";
      d.appendChild(EG.svg("pattern", { id: "hatch-" + kind, width: 5, height: 5, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
        [EG.svg("rect", { width: 5, height: 5, fill: "#fff" }), EG.svg("line", { x1: 0, y1: 0, x2: 0, y2: 5, stroke: c, "stroke-width": 2.5, opacity: 0.55 })]));
    });
    [["fade-right", 0, 1], ["fade-left", 1, 0]].forEach(function (f) {
      d.appendChild(EG.svg("linearGradient", { id: f[0] }, [
        EG.svg("stop", { offset: 0, "stop-color": "#fff", "stop-opacity": f[1] === 1 ? 0 : 0.9 }),
        EG.svg("stop", { offset: 1, "stop-color": "#fff", "stop-opacity": f[1] === 1 ? 0.9 : 0 })]));
    });
    d.appendChild(EG.svg("clipPath", { id: "plot-clip" }, [EG.svg("rect", { id: "plot-clip-rect", x: 0, y: 0, width: 1, height: 1 })]));
    return d;
  }

  function draw() {
    var shown = shownItems();
    countLine.textContent = shown.length + " of " + items.length + " shown";
    var geometry = plotGeometry(), s = scale(geometry);
    var lanes = layout(shown, s, geometry), end = lanes.pop().end;
    var height = Math.max(end + 4, AXIS + 60);
    var root = EG.svg("svg", { id: "timeline-svg", width: geometry.width, height: height, viewBox: "0 0 " + geometry.width + " " + height,
      role: "img", "aria-label": "Timeline of " + shown.length + " facts" });
    root.appendChild(defs());
    var clip = root.querySelector("#plot-clip-rect");
    clip.setAttribute("x", geometry.side + 2);
    clip.setAttribute("width", geometry.width - geometry.side - 2);
    clip.setAttribute("height", height);
    lanes.forEach(function (lane, i) {
      root.appendChild(EG.svg("rect", { x: 0, y: lane.top - 3, width: geometry.width, height: lane.bottom - lane.top + 3, "class": i % 2 ? "lane odd" : "lane" }));
      var label = lane.label.length > 26 && !geometry.stacked ? lane.label.slice(0, 25) + "…" : lane.label;
      root.appendChild(EG.svg("text", { x: 6, y: geometry.stacked ? lane.top + 11 : lane.rowsTop + ROW / 2 + 4, "class": "lane-label", text: label },
        [EG.svg("title", { text: lane.label })]));
    });
    var axis = EG.svg("g", { "class": "axis" });
    axis.appendChild(EG.svg("line", { x1: geometry.left, x2: geometry.right, y1: AXIS, y2: AXIS }));
    ticks(s, geometry).forEach(function (t) {
      var x = s.x(t[0]);
      axis.appendChild(EG.svg("line", { x1: x, x2: x, y1: AXIS - 5, y2: height, "class": "grid" }));
      axis.appendChild(EG.svg("text", { x: x + 3, y: AXIS - 9, text: t[1] }));
    });
    root.appendChild(axis);
    var plot = EG.svg("g", { "clip-path": "url(#plot-clip)" });
    lanes.forEach(function (lane) { lane.placed.forEach(function (placed) { drawItem(plot, placed, lane, s, geometry); }); });
    root.appendChild(plot);
    EG.clear(chart);
    chart.appendChild(root);
    drawList(shown);
  }

  function drawList(shown) {
    EG.clear(list);
    shown.forEach(function (item) {
      var button = EG.el("button", { type: "button", "class": "entry" + (state.selected === item.id ? " selected" : ""), "data-id": item.id }, [
        EG.el("span", { "class": "when" + (item.start === null && item.end === null ? " undated" : ""),
          text: item.when || ("undated · reported " + (item.reportedOn || "?")) }),
        EG.el("span", { "class": "headline", text: item.headline }),
        EG.el("span", { "class": "details", text: item.details })]);
      button.addEventListener("click", function () { select(item.id, true); });
      list.appendChild(EG.el("li", null, button));
    });
  }

  function select(id, reveal) {
    state.selected = id;
    var item = byID[id];
    if (reveal && item) {
      var day = item.start !== null ? item.start : item.reported;
      if (day !== null && (day < state.view.from || day > state.view.to)) {
        var span = state.view.to - state.view.from;
        state.view = { from: day - span / 2, to: day + span / 2 };
      }
    }
    draw();
    drawPanel(item);
    // On a narrow screen the panel is below the chart: bring it into view.
    if (window.innerWidth < 900 && panel.scrollIntoView) panel.scrollIntoView({ block: "start" });
  }

  function drawPanel(item) {
    EG.clear(panel);
    if (!item) {
      panel.appendChild(EG.el("p", { "class": "hint", text: "Select a fact to read the sentences it comes from." }));
      return;
    }
    panel.appendChild(EG.el("h2", { text: item.headline }));
    panel.appendChild(EG.el("p", { "class": "when" }, [
      EG.el("strong", { text: item.when || "Undated" }), " — " + item.precisionNote]));
    panel.appendChild(EG.el("p", { "class": "details", text: item.details }));
    if (item.participants.length) {
      panel.appendChild(EG.el("ul", { "class": "participants" }, item.participants.map(function (p) { return EG.el("li", { text: p }); })));
    }
    var articles = {};
    item.passages.forEach(function (p) { articles[p.article] = true; });
    var n = Object.keys(articles).length;
    panel.appendChild(EG.el("h3", { text: item.passages.length + (item.passages.length === 1 ? " sentence" : " sentences") + " from " + n + (n === 1 ? " article" : " articles") }));
    item.passages.forEach(function (p) { panel.appendChild(EG.passage(p, data.articles)); });
    panel.appendChild(EG.el("p", { "class": "id" }, [EG.el("code", { text: item.id })]));
  }

  // Zoom by a factor around a day (the middle of the view unless given).
  function zoom(factor, center) {
    var v = state.view, span = v.to - v.from;
    var next = Math.min(Math.max(span * factor, MIN_SPAN), (domain.to - domain.from) * 4);
    if (center === undefined) center = (v.from + v.to) / 2;
    var f = next / span;
    state.view = { from: center - (center - v.from) * f, to: center + (v.to - center) * f };
    draw();
  }

  function pan(days) {
    state.view = { from: state.view.from + days, to: state.view.to + days };
    draw();
  }

  function fit() { state.view = { from: domain.from, to: domain.to }; draw(); }

  function dayAt(clientX) {
    var geometry = plotGeometry(), rect = chart.getBoundingClientRect();
    var x = clientX - rect.left;
    return state.view.from + (x - geometry.left) / (geometry.right - geometry.left) * (state.view.to - state.view.from);
  }

  chart.addEventListener("wheel", function (event) {
    event.preventDefault();
    zoom(Math.exp(event.deltaY * 0.0015), dayAt(event.clientX));
  }, { passive: false });
  var drag = null;
  chart.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest(".item")) return;
    drag = { x: event.clientX, from: state.view.from, to: state.view.to };
    chart.setPointerCapture(event.pointerId);
  });
  chart.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var geometry = plotGeometry();
    var days = (event.clientX - drag.x) / (geometry.right - geometry.left) * (drag.to - drag.from);
    state.view = { from: drag.from - days, to: drag.to - days };
    draw();
  });
  chart.addEventListener("pointerup", function () { drag = null; });
  chart.addEventListener("keydown", function (event) {
    if (event.target !== chart) return;
    var span = state.view.to - state.view.from;
    if (event.key === "+" || event.key === "=") zoom(0.5);
    else if (event.key === "-") zoom(2);
    else if (event.key === "ArrowLeft") pan(-span / 10);
    else if (event.key === "ArrowRight") pan(span / 10);
    else return;
    event.preventDefault();
  });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(2); });
  document.getElementById("zoom-fit").addEventListener("click", fit);
  filterBox.addEventListener("input", function () { state.query = filterBox.value; draw(); });
  laneChoice.addEventListener("change", function () { state.lanes = laneChoice.value; draw(); });
  window.addEventListener("resize", draw);

  // For scripts (the tests drive the page through its controls and read its state here).
  window.eventgraphTimeline = {
    total: items.length,
    shown: function () { return shownItems().length; },
    view: function () { return { from: EG.isoDay(state.view.from), to: EG.isoDay(state.view.to), days: state.view.to - state.view.from }; },
    drawn: function () { return chart.querySelectorAll(".item").length; }
  };

  draw();
  drawPanel(null);
})();
