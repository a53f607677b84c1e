// The graph page: entities and events as nodes, relations and participations as edges, placed by a
// force simulation that starts from positions derived from the ids, so that the same graph is
// always drawn the same way.
"use strict";
(function () {
  var data = EG.readData();
  var LIMIT = 1500;
  var TYPE_COLORS = { person: "#4269d0", organization: "#ff725c", place: "#3ca951", facility: "#a463f2" };
  var nodes = data.nodes.slice();
  var note = "";
  if (nodes.length > LIMIT) {
    // The most mentioned entities and the events between them: a browser draws this many smoothly.
    nodes.sort(function (a, b) { return (b.mentions || b.sources || 0) - (a.mentions || a.sources || 0) || (a.id < b.id ? -1 : 1); });
    note = "Showing the " + LIMIT + " most mentioned of " + data.nodes.length + " nodes. ";
    nodes = nodes.slice(0, LIMIT);
  }
  var byID = {};
  nodes.forEach(function (node) {
    byID[node.id] = node;
    node.headline = node.label;
    node.names = [node.label].concat(node.aliases || []);
    EG.prepare(node, (node.participants || []).join(" "));
  });
  nodes.filter(function (n) { return n.kind === "entity"; })
    .sort(function (a, b) { return b.mentions - a.mentions || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0); })
    .forEach(function (n, i) { n.rank = i; });
  var edges = data.edges.filter(function (edge) { return byID[edge.source] && byID[edge.target]; });
  edges.forEach(function (edge) {
    edge.headline = edge.label;
    EG.prepare(edge, (edge.by || "") + " " + byID[edge.source].label + " " + byID[edge.target].label);
  });
  var statements = {};
  data.statements.forEach(function (s) { (statements[s.source] = statements[s.source] || []).push(s); });

  var state = { query: "", types: {}, hideUndated: false, from: null, to: null, selected: null, view: { x: 0, y: 0, k: 1 } };
  data.entityTypes.concat(data.relationTypes).concat(["event"]).forEach(function (t) { state.types[t] = true; });

  // The time bounds: the same days the timeline spans.
  var bounds = (function () {
    var low = Infinity, high = -Infinity;
    nodes.concat(edges).forEach(function (item) {
      [item.start, item.end].forEach(function (d) { if (d !== null) { low = Math.min(low, d); high = Math.max(high, d); } });
    });
    return low === Infinity ? null : { from: low, to: high };
  })();

  layout();

  function layout() {
    var n = nodes.length;
    nodes.forEach(function (node, i) {
      var h = EG.hash(node.id), angle = (h % 3600) / 3600 * 2 * Math.PI, radius = 30 * Math.sqrt(i + 1);
      node.x = Math.cos(angle) * radius;
      node.y = Math.sin(angle) * radius;
      node.vx = 0; node.vy = 0;
      node.r = node.kind === "entity" ? Math.min(5 + Math.sqrt(node.mentions || 1) * 1.6, 20) : 5;
    });
    var links = edges.map(function (e) { return [byID[e.source], byID[e.target]]; });
    var steps = n > 600 ? 120 : 300;
    // Weaker pull on big graphs, so that unrelated stories spread out instead of piling up.
    var gravity = 0.015 * Math.min(1, Math.sqrt(80 / Math.max(n, 1)));
    for (var step = 0; step < steps; step++) {
      var heat = 1 - step / steps;
      for (var i = 0; i < n; i++) {
        var a = nodes[i];
        for (var j = i + 1; j < n; j++) {
          var b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
          if (d2 > 90000) continue;
          var f = 900 / d2;
          a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
        }
      }
      links.forEach(function (l) {
        var dx = l[1].x - l[0].x, dy = l[1].y - l[0].y, d = Math.sqrt(dx * dx + dy * dy) + 0.01, f = (d - 70) * 0.02;
        l[0].vx += dx / d * f; l[0].vy += dy / d * f; l[1].vx -= dx / d * f; l[1].vy -= dy / d * f;
      });
      nodes.forEach(function (node) {
        node.vx -= node.x * gravity; node.vy -= node.y * gravity;
        var speed = Math.sqrt(node.vx * node.vx + node.vy * node.vy), limit = 12 * heat + 0.5;
        if (speed > limit) { node.vx *= limit / speed; node.vy *= limit / speed; }
        node.x += node.vx; node.y += node.vy;
        node.vx *= 0.6; node.vy *= 0.6;
      });
    }
  }

  var network = document.getElementById("network");
  var panel = document.getElementById("panel");
  var countLine = document.getElementById("count");
  var search = document.getElementById("search");
  var rangeFrom = document.getElementById("range-from"), rangeTo = document.getElementById("range-to");
  var rangeLabel = document.getElementById("range-label");

  function inTime(item) {
    if (item.start === null && item.end === null) return !state.hideUndated;
    if (!bounds || (state.from === bounds.from && state.to === bounds.to)) return true;
    return EG.overlaps(item, state.from, state.to);
  }

  function edgeVisible(edge) {
    if (!nodeShown(byID[edge.source]) || !nodeShown(byID[edge.target])) return false;
    if (edge.kind === "participant") return true;
    return state.types[edge.type] !== false && inTime(edge);
  }

  function nodeShown(node) {
    if (node.kind === "event") return state.types.event && state.types["event:" + node.type] !== false && inTime(node);
    return state.types[node.type] !== false;
  }

  // Entities stay while any of their facts is in view; at the full time range all stay.
  function visibility() {
    var visibleEdges = edges.filter(edgeVisible), connected = {};
    visibleEdges.forEach(function (e) { connected[e.source] = true; connected[e.target] = true; });
    var narrowed = bounds && (state.from !== bounds.from || state.to !== bounds.to || state.hideUndated);
    var visibleNodes = nodes.filter(function (node) {
      if (!nodeShown(node)) return false;
      return node.kind === "event" || !narrowed || connected[node.id] || (statements[node.id] && !state.hideUndated);
    });
    return { nodes: visibleNodes, edges: visibleEdges };
  }

  function hits() {
    if (EG.words(state.query).length === 0) return null;
    var found = {};
    nodes.forEach(function (node) { if (EG.matches(node, state.query)) found[node.id] = true; });
    return found;
  }

  function draw() {
    var shown = visibility(), found = hits();
    var visibleIDs = {};
    shown.nodes.forEach(function (n) { visibleIDs[n.id] = true; });
    var hitCount = found ? shown.nodes.filter(function (n) { return found[n.id]; }).length : null;
    countLine.textContent = note + shown.nodes.length + " of " + nodes.length + " shown" + (found ? " · " + hitCount + " found" : "");
    var width = Math.max(network.clientWidth, 200), height = Math.max(network.clientHeight, 200);
    var root = EG.svg("svg", { id: "graph-svg", viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Network of " + shown.nodes.length + " nodes" });
    root.appendChild(EG.svg("defs", null, [EG.svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
      [EG.svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#c26a00" })])]));
    var v = state.view;
    // As many entity labels as the view has room for, the most mentioned first; more on zooming in.
    var labelBudget = Math.round(width * height / 9000 * Math.pow(v.k / (state.fitK || v.k), 2));
    // Positions are scaled, marks and fonts are not: labels stay readable at any zoom.
    var world = EG.svg("g", { transform: "translate(" + (width / 2 + v.x) + " " + (height / 2 + v.y) + ")" });
    function sx(node) { return node.x * v.k; }
    function sy(node) { return node.y * v.k; }
    shown.edges.forEach(function (edge) {
      var a = byID[edge.source], b = byID[edge.target];
      var ax = sx(a), ay = sy(a), bx = sx(b), by = sy(b);
      var dx = bx - ax, dy = by - ay, d = Math.sqrt(dx * dx + dy * dy) || 1;
      var x2 = bx - dx / d * (b.r + 2), y2 = by - dy / d * (b.r + 2);
      var dim = found && !found[edge.source] && !found[edge.target];
      var g = EG.svg("g", { "class": "edge " + edge.kind + (edge.modality && edge.modality !== "asserted" ? " " + edge.modality : "") + (dim ? " dim" : "") + (state.selected === edge.id ? " selected" : ""), "data-id": edge.id },
        [EG.svg("title", { text: edge.label + (edge.when ? " (" + edge.when + ")" : "") }),
         EG.svg("line", { x1: ax, y1: ay, x2: x2, y2: y2, "marker-end": edge.kind === "relation" ? "url(#arrow)" : null }),
         EG.svg("line", { x1: ax, y1: ay, x2: x2, y2: y2, stroke: "transparent", "stroke-width": 9, style: "stroke: transparent" })]);
      g.addEventListener("click", function (event) { event.stopPropagation(); select(edge.id); });
      world.appendChild(g);
    });
    shown.nodes.forEach(function (node) {
      var dim = found && !found[node.id];
      var g = EG.svg("g", { "class": "node " + node.kind + (dim ? " dim" : "") + (found && found[node.id] ? " hit" : "") + (state.selected === node.id ? " selected" : ""),
        "data-id": node.id, transform: "translate(" + sx(node) + " " + sy(node) + ")", tabindex: 0, role: "button", "aria-label": node.label });
      g.appendChild(EG.svg("title", { text: node.label + (node.when ? " (" + node.when + ")" : "") }));
      if (node.kind === "entity") {
        g.appendChild(EG.svg("circle", { r: node.r, fill: TYPE_COLORS[node.type] || "#9498a0", stroke: "#fff", "stroke-width": 1.5 }));
        if (node.rank < labelBudget || (found && found[node.id]) || state.selected === node.id) {
          g.appendChild(EG.svg("text", { x: node.r + 3, y: 4, text: node.label.length > 32 ? node.label.slice(0, 31) + "…" : node.label }));
        }
      } else {
        g.appendChild(EG.svg("rect", { x: -5, y: -5, width: 10, height: 10, fill: "#cfd8ea", stroke: "#2f5fb3" }));
        if (v.k > 2.2 || (found && found[node.id]) || state.selected === node.id) g.appendChild(EG.svg("text", { x: 8, y: 4, text: node.label }));
      }
      g.addEventListener("click", function (event) { event.stopPropagation(); select(node.id); });
      g.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(node.id); } });
      world.appendChild(g);
    });
    root.appendChild(world);
    EG.clear(network);
    network.appendChild(root);
  }

  function select(id) {
    state.selected = id;
    draw();
    var node = byID[id];
    var edge = node ? null : edges.filter(function (e) { return e.id === id; })[0];
    EG.clear(panel);
    if (node && node.kind === "entity") entityPanel(node);
    else if (node) factPanel(node, node.participants);
    else if (edge) factPanel(edge, edge.by ? ["according to " + edge.by] : []);
    // On a narrow screen the panel is below the network: bring it into view.
    if (window.innerWidth < 900 && panel.scrollIntoView) panel.scrollIntoView({ block: "start" });
  }

  function factPanel(item, lines) {
    panel.appendChild(EG.el("h2", { text: item.label }));
    panel.appendChild(EG.el("p", { "class": "when" }, [EG.el("strong", { text: item.when || "Undated" }), item.precisionNote ? " — " + item.precisionNote : ""]));
    if (item.modality && item.modality !== "asserted") panel.appendChild(EG.el("p", { "class": "details", text: item.modality }));
    if (lines && lines.length) panel.appendChild(EG.el("ul", { "class": "participants" }, lines.map(function (l) { return EG.el("li", { text: l }); })));
    passages(item.passages || [], 0);
    panel.appendChild(EG.el("p", { "class": "id" }, [EG.el("code", { text: item.id })]));
  }

  function entityPanel(node) {
    panel.appendChild(EG.el("h2", { text: node.label }));
    panel.appendChild(EG.el("p", { "class": "details", text: node.type + " · " + node.mentions + " mentions in " + node.sources + (node.sources === 1 ? " article" : " articles") }));
    if (node.aliases && node.aliases.length) panel.appendChild(EG.el("p", { "class": "details", text: "also: " + node.aliases.join(", ") }));
    if (node.calledAs && node.calledAs.length) {
      panel.appendChild(EG.el("h3", { text: "How it is called" }));
      panel.appendChild(EG.el("ul", { "class": "called-as" }, node.calledAs.map(function (pair) {
        return EG.el("li", null, [EG.el("q", { text: pair[0] }), " " + pair[1]]);
      })));
    }
    var seen = {};
    var facts = edges.filter(function (e) { return e.kind === "relation" && (e.source === node.id || e.target === node.id); })
      .concat(edges.filter(function (e) { return e.kind === "participant" && e.target === node.id; }).map(function (e) { return byID[e.source]; }))
      .concat(statements[node.id] || [])
      .filter(function (fact) { if (seen[fact.id]) return false; seen[fact.id] = true; return true; });
    if (facts.length) {
      panel.appendChild(EG.el("h3", { text: facts.length + (facts.length === 1 ? " fact" : " facts") }));
      panel.appendChild(EG.el("ul", { "class": "participants" }, facts.map(function (fact) {
        var button = EG.el("button", { type: "button", "class": "link", text: fact.label + (fact.when ? " (" + fact.when + ")" : "") });
        button.addEventListener("click", function () { if (byID[fact.id] || edges.some(function (e) { return e.id === fact.id; })) select(fact.id); else { EG.clear(panel); factPanel(fact, []); } });
        return EG.el("li", null, button);
      })));
    }
    passages(node.passages || [], node.morePassages || 0);
    panel.appendChild(EG.el("p", { "class": "id" }, [EG.el("code", { text: node.id })]));
  }

  function passages(list, more) {
    panel.appendChild(EG.el("h3", { text: list.length + (list.length === 1 ? " sentence" : " sentences") + (more ? " (and " + more + " more)" : "") }));
    list.forEach(function (p) { panel.appendChild(EG.passage(p, data.articles)); });
  }

  function filters() {
    var box = document.getElementById("filters");
    function group(title, types, key, swatch) {
      if (!types.length) return;
      box.appendChild(EG.el("fieldset", null, [EG.el("legend", { text: title })].concat(types.map(function (t) {
        var input = EG.el("input", { type: "checkbox", checked: "checked", "data-type": t });
        input.addEventListener("change", function () { state.types[key(t)] = input.checked; draw(); });
        return EG.el("label", null, [input, swatch ? EG.el("span", { "class": "swatch", style: "background:" + (TYPE_COLORS[t] || "#9498a0") }) : null, " " + t]);
      }))));
    }
    group("Entities", data.entityTypes, function (t) { return t; }, true);
    group("Events", ["event"], function (t) { return t; }, false);
    group("Relations", data.relationTypes, function (t) { return t; }, false);
    // On a phone the type lists would push the network off the first screen: folded, one tap away.
    if (window.innerWidth < 900) document.getElementById("filters-box").removeAttribute("open");
  }

  function slider() {
    if (!bounds) {
      rangeFrom.disabled = rangeTo.disabled = true;
      rangeLabel.textContent = "no dated facts";
      return;
    }
    [rangeFrom, rangeTo].forEach(function (input) { input.min = bounds.from; input.max = bounds.to; });
    rangeFrom.value = bounds.from; rangeTo.value = bounds.to;
    state.from = bounds.from; state.to = bounds.to;
    function update(changed) {
      var from = +rangeFrom.value, to = +rangeTo.value;
      if (from > to) { if (changed === rangeFrom) { to = from; rangeTo.value = to; } else { from = to; rangeFrom.value = from; } }
      state.from = from; state.to = to;
      rangeLabel.textContent = EG.isoDay(from) + " – " + EG.isoDay(to);
      draw();
    }
    rangeFrom.addEventListener("input", function () { update(rangeFrom); });
    rangeTo.addEventListener("input", function () { update(rangeTo); });
    rangeLabel.textContent = EG.isoDay(bounds.from) + " – " + EG.isoDay(bounds.to);
  }

  function zoom(factor, cx, cy) {
    var v = state.view, k = Math.min(Math.max(v.k * factor, 0.1), 8), f = k / v.k;
    cx = cx || 0; cy = cy || 0;
    state.view = { x: cx - (cx - v.x) * f, y: cy - (cy - v.y) * f, k: k };
    draw();
  }

  function fit() {
    var width = Math.max(network.clientWidth, 200), height = Math.max(network.clientHeight, 200);
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    nodes.forEach(function (n) { minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x); minY = Math.min(minY, n.y); maxY = Math.max(maxY, n.y); });
    if (minX === Infinity) { state.view = { x: 0, y: 0, k: 1 }; draw(); return; }
    // Room for the labels, which do not scale, on the right.
    var k = Math.min((width - 150) / (maxX - minX + 1), (height - 40) / (maxY - minY + 1), 3);
    state.view = { x: -(minX + maxX) / 2 * k - 50, y: -(minY + maxY) / 2 * k, k: k };
    state.fitK = k;
    draw();
  }

  network.addEventListener("wheel", function (event) {
    event.preventDefault();
    var rect = network.getBoundingClientRect();
    zoom(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left - rect.width / 2, event.clientY - rect.top - rect.height / 2);
  }, { passive: false });
  var drag = null;
  network.addEventListener("pointerdown", function (event) {
    if (event.target.closest && (event.target.closest(".node") || event.target.closest(".edge"))) return;
    drag = { x: event.clientX, y: event.clientY, vx: state.view.x, vy: state.view.y };
    network.setPointerCapture(event.pointerId);
  });
  network.addEventListener("pointermove", function (event) {
    if (!drag) return;
    state.view = { x: drag.vx + event.clientX - drag.x, y: drag.vy + event.clientY - drag.y, k: state.view.k };
    draw();
  });
  network.addEventListener("pointerup", function () { drag = null; });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1 / 1.5); });
  document.getElementById("zoom-fit").addEventListener("click", fit);
  search.addEventListener("input", function () { state.query = search.value; draw(); });
  document.getElementById("hide-undated").addEventListener("change", function (event) { state.hideUndated = event.target.checked; draw(); });
  window.addEventListener("resize", draw);

  // For scripts (the tests drive the page through its controls and read its state here).
  window.eventgraphGraph = {
    nodeCount: nodes.length,
    visible: function () { return visibility().nodes.length; },
    hits: function () { var found = hits(); return found ? Object.keys(found).length : null; },
    zoom: function () { return state.view.k; },
    select: function (id) { select(id); }
  };

  filters();
  slider();
  fit();
  EG.clear(panel);
  panel.appendChild(EG.el("p", { "class": "hint", text: "Select a node or an edge to read the sentences it comes from." }));
})();
