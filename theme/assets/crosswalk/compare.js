// Side-by-side comparison of two documents, aligned by topic (compare/ page only).
// The page embeds every record as JSON (converted to the page's script at build time);
// this script only lays out the chosen pair. Text goes in with textContent, never as HTML.
// UI words come from data-* attributes of the page, so they follow the page's script too.
(function () {
  "use strict";

  var root = document.getElementById("cw-compare");
  var source = document.getElementById("cw-compare-data");
  if (!root || !source) return;

  var data = JSON.parse(source.textContent);
  var selA = document.getElementById("cw-compare-a");
  var selB = document.getElementById("cw-compare-b");
  var sharedOnly = document.getElementById("cw-compare-shared");
  var summary = document.getElementById("cw-compare-summary");
  var INVERSE = { equal: "equal", subset: "superset", superset: "subset", intersects: "intersects" };

  var relationNames = {};
  document.querySelectorAll("#cw-relation-names li").forEach(function (li) {
    relationNames[li.getAttribute("data-type")] = li.textContent;
  });
  var docs = {};
  data.docs.forEach(function (d) { docs[d.id] = d; });
  var records = {};
  var byDoc = {};
  data.records.forEach(function (r) {
    records[r.id] = r;
    (byDoc[r.doc] = byDoc[r.doc] || []).push(r);
  });
  var topics = {};
  data.topics.forEach(function (t) { topics[t.id] = t; });

  function ui(name) { return root.getAttribute("data-" + name) || ""; }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function link(href, className, text) {
    var a = el("a", className, text);
    a.setAttribute("href", href);
    return a;
  }

  // Each relation read from both ends: seen from its target, subset reads as superset.
  var related = {};
  data.relations.forEach(function (rel) {
    if (!records[rel.source] || !records[rel.target]) return;
    (related[rel.source] = related[rel.source] || []).push(
      { type: rel.type, other: records[rel.target], rationale: rel.rationale });
    (related[rel.target] = related[rel.target] || []).push(
      { type: INVERSE[rel.type], other: records[rel.source], rationale: rel.rationale });
  });

  function relationsTo(record, otherDoc) {
    return (related[record.id] || []).filter(function (r) { return r.other.doc === otherDoc; });
  }

  // A record mapped to several topics appears in several rows: in full the first time,
  // then as a pointer back, so a long document does not repeat its text.
  var shown = {};

  function recordCard(record, otherDoc) {
    var card = el("div", "cw-compare__rec cw-kind-" + record.kind);
    card.setAttribute("data-uid", record.id);
    var head = el("div", "cw-compare__rechead");
    head.appendChild(link(record.url, "cw-anchor", record.label));
    card.appendChild(head);
    var anchor = "cw-cmp-" + record.id.replace(/[^\w-]/g, "-");
    if (shown[record.id]) {
      card.classList.add("cw-compare__rec--again");
      if (record.title) head.appendChild(el("span", "cw-title", record.title));
      head.appendChild(link("#" + anchor, "cw-compare__again", ui("seen-above")));
      return card;
    }
    shown[record.id] = true;
    card.id = anchor;
    var text = el("p", "cw-text");
    if (record.title) {
      text.appendChild(el("strong", "cw-title", record.title));
      if (record.text) text.appendChild(document.createTextNode("。"));
    }
    if (record.text) text.appendChild(document.createTextNode(record.text));
    card.appendChild(text);
    var rels = relationsTo(record, otherDoc);
    if (rels.length) {
      var list = el("ul", "cw-relations");
      rels.forEach(function (r) {
        var li = el("li", "cw-relation cw-rel-" + r.type);
        li.appendChild(el("span", "cw-rel-type", relationNames[r.type] || r.type));
        li.appendChild(link(r.other.url, "", r.other.label));
        li.appendChild(el("span", "cw-rel-why", r.rationale));
        list.appendChild(li);
      });
      card.appendChild(list);
    }
    return card;
  }

  function cell(list, otherDoc) {
    var td = el("div", "cw-compare__cell");
    if (!list.length) {
      td.classList.add("cw-compare__cell--silent");
      td.appendChild(el("p", "cw-silent", ui("silent")));
    }
    list.forEach(function (r) { td.appendChild(recordCard(r, otherDoc)); });
    return td;
  }

  function topicsIndex(docId) {
    var index = {};
    (byDoc[docId] || []).forEach(function (r) {
      r.topics.forEach(function (t) { (index[t] = index[t] || []).push(r); });
    });
    return index;
  }

  function rootOf(topicId) {
    var t = topics[topicId];
    while (t && t.parent && topics[t.parent]) t = topics[t.parent];
    return t;
  }

  function render(a, b) {
    root.textContent = "";
    shown = {};
    if (!docs[a] || !docs[b] || a === b) {
      summary.textContent = a === b ? summary.getAttribute("data-same") : "";
      return;
    }
    var ia = topicsIndex(a);
    var ib = topicsIndex(b);
    var counts = { both: 0, a: 0, b: 0 };

    var head = el("div", "cw-compare__head");
    [[a, "doc-a"], [b, "doc-b"]].forEach(function (pair) {
      var d = docs[pair[0]];
      var box = el("div", "cw-compare__doc");
      box.appendChild(el("span", "cw-compare__which", ui(pair[1])));
      box.appendChild(link(d.url, "", d.jurisdiction + "《" + d.title + "》" + (d.year ? "(" + d.year + ")" : "")));
      head.appendChild(box);
    });
    root.appendChild(head);

    var currentGroup = null;
    data.topics.forEach(function (t) {
      var ra = ia[t.id] || [];
      var rb = ib[t.id] || [];
      if (!ra.length && !rb.length) return;
      var kind = ra.length && rb.length ? "both" : ra.length ? "a" : "b";
      counts[kind] += 1;
      if (sharedOnly.checked && kind !== "both") return;
      var top = rootOf(t.id);
      if (top && top !== currentGroup) {
        currentGroup = top;
        var group = el("h2", "cw-compare__group");
        group.appendChild(link(top.url, "", top.name));
        root.appendChild(group);
      }
      var row = el("section", "cw-compare__row cw-compare__row--" + kind);
      row.setAttribute("data-topic", t.id);
      var title = el("h3", "cw-compare__topic cw-depth-" + Math.min(t.depth, 2));
      title.appendChild(link(t.url, "", t.name));
      row.appendChild(title);
      var grid = el("div", "cw-compare__grid");
      grid.appendChild(cell(ra, b));
      grid.appendChild(cell(rb, a));
      row.appendChild(grid);
      root.appendChild(row);
    });

    // Records with no topic come last, in document order, each on its own side.
    var ua = (byDoc[a] || []).filter(function (r) { return !r.topics.length; });
    var ub = (byDoc[b] || []).filter(function (r) { return !r.topics.length; });
    if (ua.length || ub.length) {
      var details = el("details", "cw-compare__untagged");
      details.appendChild(el("summary", "", ui("untagged") + "(" + ua.length + " / " + ub.length + ")"));
      var sides = el("div", "cw-compare__grid");
      sides.appendChild(cell(ua, b));
      sides.appendChild(cell(ub, a));
      details.appendChild(sides);
      root.appendChild(details);
    }

    var text = fill(summary.getAttribute("data-template"), counts);
    [a, b].forEach(function (id) {
      var pending = (byDoc[id] || []).filter(function (r) { return r.pending; }).length;
      if (pending) text += " " + fill(summary.getAttribute("data-pending"), { doc: "《" + docs[id].title + "》", n: pending });
    });
    summary.textContent = text;
  }

  function choose(a, b, push) {
    selA.value = a;
    selB.value = b;
    if (push) {
      var params = new URLSearchParams(location.search);
      params.set("a", a);
      params.set("b", b);
      history.replaceState(null, "", location.pathname + "?" + params.toString() + location.hash);
    }
    render(a, b);
  }

  var params = new URLSearchParams(location.search);
  var ids = data.docs.map(function (d) { return d.id; });
  var a = docs[params.get("a")] ? params.get("a") : ids[0];
  var b = docs[params.get("b")] ? params.get("b") : ids.filter(function (id) { return id !== a; })[0] || a;
  choose(a, b, false);

  selA.addEventListener("change", function () { choose(selA.value, selB.value, true); });
  selB.addEventListener("change", function () { choose(selA.value, selB.value, true); });
  document.getElementById("cw-compare-swap").addEventListener("click", function () {
    choose(selB.value, selA.value, true);
  });
  sharedOnly.addEventListener("change", function () { render(selA.value, selB.value); });
})();
