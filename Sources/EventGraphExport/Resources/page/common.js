// EventGraph pages: what the timeline and the graph page share. Article text only ever reaches
// the page as text nodes (textContent, createTextNode), never as markup; links are offered only
// for http and https addresses.
"use strict";
var EG = (function () {
  var SVG_NS = "http://www.w3.org/2000/svg";

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    setAttributes(node, attributes);
    append(node, children);
    return node;
  }

  function svg(tag, attributes, children) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttributes(node, attributes);
    append(node, children);
    return node;
  }

  function setAttributes(node, attributes) {
    if (!attributes) return;
    Object.keys(attributes).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = String(value);
      else node.setAttribute(name, String(value));
    });
  }

  function append(node, children) {
    if (children === null || children === undefined) return;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function readData() { return JSON.parse(document.getElementById("eventgraph-data").textContent); }

  var DAY_MS = 86400000;
  function dayNumber(iso) {
    var parts = iso.split("-");
    return Date.UTC(+parts[0], +parts[1] - 1, +parts[2]) / DAY_MS;
  }
  function isoDay(day) { return new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10); }
  function safeURL(url) { return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) ? url : null; }

  // A filter word that is a date (2023, 2023-06, 2023-06-20) stands for that period.
  function period(word) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(word);
    if (!m) return null;
    var year = +m[1];
    if (m[3]) { var d = Date.UTC(year, +m[2] - 1, +m[3]) / DAY_MS; return [d, d]; }
    if (m[2]) return [Date.UTC(year, +m[2] - 1, 1) / DAY_MS, Date.UTC(year, +m[2], 1) / DAY_MS - 1];
    return [Date.UTC(year, 0, 1) / DAY_MS, Date.UTC(year + 1, 0, 1) / DAY_MS - 1];
  }

  function words(query) { return query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; }); }

  // Every word must match: a date word the fact's possible time (open ends reach any date on
  // their side; an undated fact its reporting day), any other word its searchable text.
  function matches(item, query) {
    var list = words(query);
    for (var i = 0; i < list.length; i++) {
      var range = period(list[i]);
      if (range) {
        if (!overlaps(item, range[0], range[1])) return false;
      } else if (item.search.indexOf(list[i]) < 0) {
        return false;
      }
    }
    return true;
  }

  function overlaps(item, from, to) {
    if (item.start === null && item.end === null) {
      return item.reported !== null && item.reported >= from && item.reported <= to;
    }
    var start = item.openStart ? -Infinity : item.start, end = item.openEnd ? Infinity : item.end;
    return start <= to && end >= from;
  }

  // Gives an item its day numbers and one lower-case string to search.
  function prepare(item, extra) {
    item.start = item.earliest ? dayNumber(item.earliest) : null;
    item.end = item.latest ? dayNumber(item.latest) : null;
    item.reported = item.reportedOn ? dayNumber(item.reportedOn) : null;
    item.search = [item.headline, item.type, item.type.replace(/-/g, " "), item.when || "", item.details || "",
      (item.names || []).join(" "), (item.outlets || []).join(" "), extra || ""].join(" \u0001 ").toLowerCase();
    return item;
  }

  // A passage: the sentence once with its spans marked, then its article.
  function passage(p, articles) {
    var quote = el("blockquote", { "class": "passage" });
    p.segments.forEach(function (segment) {
      quote.appendChild(segment[1] ? el("mark", null, segment[0]) : document.createTextNode(segment[0]));
    });
    return el("figure", { "class": "evidence" }, [quote, citation(articles[p.article])]);
  }

  function citation(article) {
    var cite = el("figcaption", { "class": "source" });
    if (!article) return cite;
    var parts = [];
    if (article.outlet) parts.push(el("span", { "class": "outlet", text: article.outlet }));
    if (article.title) {
      var url = safeURL(article.url);
      parts.push(url ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", text: article.title })
        : el("cite", { text: article.title }));
    } else if (safeURL(article.url)) {
      parts.push(el("a", { href: safeURL(article.url), rel: "noopener noreferrer nofollow", target: "_blank", text: article.url }));
    }
    if (article.published) parts.push(el("time", { datetime: article.published, text: article.published }));
    if (parts.length === 0) parts.push(el("span", { "class": "doc", text: article.id }));
    parts.forEach(function (part, i) {
      if (i > 0) cite.appendChild(document.createTextNode(" · "));
      cite.appendChild(part);
    });
    return cite;
  }

  // A stable number for an id (FNV-1a), for colours and first positions that never change.
  function hash(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return h;
  }

  var PALETTE = ["#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0"];

  return {
    el: el, svg: svg, clear: clear, readData: readData, dayNumber: dayNumber, isoDay: isoDay, safeURL: safeURL,
    period: period, words: words, matches: matches, overlaps: overlaps, prepare: prepare, passage: passage,
    citation: citation, hash: hash, PALETTE: PALETTE
  };
})();
