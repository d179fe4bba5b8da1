// Side-by-side comparison of two documents, aligned by topic (compare/ page only).
// The page embeds every record as JSON (converted to the page's script at build time);
// this script only lays out the chosen pair, for every topic or one (?a=…&b=…&topic=…).
// In a large corpus (data.onRequest) the page embeds only the records relations name, and
// the two chosen documents' records are read from their own pages (same site and script,
// the address the build gave), once each.
// Each topic row has an anchor (#t-<topic>); every clause is shown in full in every row it
// belongs to, so that a row answers "how do A and B differ on X" by itself.
// Text goes in with textContent, never as HTML.  UI words come from data-* attributes of
// the page, so they follow the page's script too.
(function () {
  "use strict";

  var root = document.getElementById("cw-compare");
  var source = document.getElementById("cw-compare-data");
  if (!root || !source) return;

  var data = JSON.parse(source.textContent);
  var selA = document.getElementById("cw-compare-a");
  var selB = document.getElementById("cw-compare-b");
  var sharedOnly = document.getElementById("cw-compare-shared");
  var selTopic = document.getElementById("cw-compare-topic");
  var summary = document.getElementById("cw-compare-summary");
  var INVERSE = table({ equal: "equal", subset: "superset", superset: "subset", intersects: "intersects" });

  // Every look-up by a key the address or the data names goes into a table without a
  // prototype: ?a=__proto__ or ?a=toString must find nothing, not Object's own members.
  function table(from) { return Object.assign(Object.create(null), from || {}); }

  var relationNames = table();
  document.querySelectorAll("#cw-relation-names li").forEach(function (li) {
    relationNames[li.getAttribute("data-type")] = li.textContent;
  });
  var docs = table();
  data.docs.forEach(function (d) { docs[d.id] = d; });
  var records = table();
  var byDoc = table();
  var loaded = table();   // document id → true, or a promise while its page is read
  data.records.forEach(function (r) {
    records[r.id] = r;
    if (!data.onRequest) (byDoc[r.doc] = byDoc[r.doc] || []).push(r);
  });
  if (!data.onRequest) data.docs.forEach(function (d) { loaded[d.id] = true; });
  var topics = table();
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
  var related = table();
  data.relations.forEach(function (rel) {
    if (!records[rel.source] || !records[rel.target]) return;
    (related[rel.source] = related[rel.source] || []).push(
      { type: rel.type, other: records[rel.target], rationale: rel.rationale });
    (related[rel.target] = related[rel.target] || []).push(
      { type: INVERSE[rel.type], other: records[rel.source], rationale: rel.rationale });
  });

  // --- a document's records read from its page (data.onRequest) ----------------------------

  function ownChild(node, selector) {
    for (var c = node.firstElementChild; c; c = c.nextElementSibling) if (c.matches(selector)) return c;
    return null;
  }

  // A clause as its document page shows it (templates/_record.html): anchor, kind, topics,
  // title and text.  Headings are structure, not clauses, and are left out.
  function recordOf(section, doc) {
    var head = ownChild(section, ".cw-record__head");
    var body = ownChild(section, "p.cw-text");
    if (!head || !body) return null;
    var anchor = head.querySelector(".cw-anchor");
    var strong = ownChild(body, "strong.cw-title");
    var text = "";
    for (var n = body.firstChild; n; n = n.nextSibling) if (n !== strong) text += n.textContent;
    var kind = /(?:^|\s)cw-kind-(\S+)/.exec(section.className);
    return {
      id: section.getAttribute("data-uid"), doc: doc.id, label: anchor ? anchor.textContent : "",
      title: strong ? strong.textContent : "", text: strong ? text.replace(/^[\s。：:，,]+/, "") : text,
      kind: kind ? kind[1] : "", pending: false,
      // The clause's own link on its page, taken to where that page is.
      url: anchor ? new URL(anchor.getAttribute("href"), new URL(doc.url, location.href)).href : doc.url,
      topics: Array.prototype.map.call(head.querySelectorAll("a.cw-topic"), function (a) {
        return a.getAttribute("href").replace(/\/$/, "").split("/").pop();
      })
    };
  }

  function ensure(id) {
    if (loaded[id] === true) return Promise.resolve();
    if (loaded[id]) return loaded[id];
    var doc = docs[id];
    loaded[id] = fetch(doc.url).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      byDoc[id] = [];
      page.querySelectorAll("section.cw-record[data-uid]").forEach(function (section) {
        var r = recordOf(section, doc);
        if (r) { byDoc[id].push(r); records[r.id] = r; }
      });
      loaded[id] = true;
    }, function (error) { delete loaded[id]; throw error; });
    return loaded[id];
  }

  function relationsTo(record, otherDoc) {
    return (related[record.id] || []).filter(function (r) { return r.other.doc === otherDoc; });
  }

  function recordCard(record, otherDoc) {
    var card = el("div", "cw-compare__rec cw-kind-" + record.kind);
    card.setAttribute("data-uid", record.id);
    var head = el("div", "cw-compare__rechead");
    head.appendChild(link(record.url, "cw-anchor", record.label));
    card.appendChild(head);
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
    var index = table();
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

  function rowId(topicId) { return "t-" + topicId; }

  // How much the sticky 文件甲/乙 header covers, for the rows' scroll margin (CSS).
  function measureHead() {
    var head = root.querySelector(".cw-compare__head");
    var sticky = head && getComputedStyle(head).position === "sticky";
    root.style.setProperty("--cw-compare-head", sticky ? head.getBoundingClientRect().height + "px" : "0px");
  }
  window.addEventListener("resize", measureHead);

  // The topics either document touches, in the taxonomy's order, for the topic picker.
  function fillTopics(ia, ib, chosen) {
    selTopic.textContent = "";
    var all = el("option", "", selTopic.getAttribute("data-all"));
    all.value = "";
    selTopic.appendChild(all);
    data.topics.forEach(function (t) {
      if (!ia[t.id] && !ib[t.id]) return;
      var option = el("option", "", "\u3000".repeat(Math.min(t.depth, 3)) + t.name);
      option.value = t.id;
      selTopic.appendChild(option);
    });
    selTopic.value = ia[chosen] || ib[chosen] ? chosen : "";
  }

  function render(a, b, topic) {
    root.textContent = "";
    if (!docs[a] || !docs[b] || a === b) {
      summary.textContent = a === b ? summary.getAttribute("data-same") : "";
      return;
    }
    var ia = topicsIndex(a);
    var ib = topicsIndex(b);
    fillTopics(ia, ib, topic);
    topic = selTopic.value;
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
    measureHead();

    var currentGroup = null;
    data.topics.forEach(function (t) {
      var ra = ia[t.id] || [];
      var rb = ib[t.id] || [];
      if (!ra.length && !rb.length) return;
      var kind = ra.length && rb.length ? "both" : ra.length ? "a" : "b";
      counts[kind] += 1;
      if (topic && t.id !== topic) return;
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
      row.id = rowId(t.id);
      var title = el("h3", "cw-compare__topic cw-depth-" + Math.min(t.depth, 2));
      title.appendChild(link(t.url, "", t.name));
      var here = link("#" + row.id, "cw-compare__link", "¶");
      here.setAttribute("title", ui("row-link"));
      here.setAttribute("aria-label", ui("row-link") + "：" + t.name);
      title.appendChild(here);
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
    if (!topic && (ua.length || ub.length)) {
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
      var pending = docs[id].pending != null ? docs[id].pending
        : (byDoc[id] || []).filter(function (r) { return r.pending; }).length;
      if (pending) text += " " + fill(summary.getAttribute("data-pending"), { doc: "《" + docs[id].title + "》", n: pending });
    });
    summary.textContent = text;
  }

  // Lays out the pair once both documents' records are at hand: at once when the page holds
  // them, else after reading their pages; ``then`` runs after the layout.
  var asked = 0;
  function show(a, b, topic, then) {
    var ask = ++asked;
    if (a === b || !docs[a] || !docs[b] || (loaded[a] === true && loaded[b] === true)) {
      render(a, b, topic);
      if (then) then();
      return;
    }
    root.textContent = "";
    root.appendChild(el("p", "cw-compare__loading", ui("loading")));
    summary.textContent = "";
    Promise.all([ensure(a), ensure(b)]).then(function () {
      if (ask !== asked) return;   // another pair was chosen meanwhile
      render(a, b, topic);
      if (then) then();
    }, function () {
      if (ask !== asked) return;
      root.textContent = "";
      root.appendChild(el("p", "cw-silent", ui("failed")));
    });
  }

  function choose(a, b, topic, push, then) {
    selA.value = a;
    selB.value = b;
    show(a, b, topic, then);
    if (push) {
      var params = new URLSearchParams(location.search);
      params.set("a", a);
      params.set("b", b);
      if (selTopic.value) params.set("topic", selTopic.value); else params.delete("topic");
      history.replaceState(null, "", location.pathname + "?" + params.toString() + location.hash);
    }
  }

  var params = new URLSearchParams(location.search);
  var ids = data.docs.map(function (d) { return d.id; });
  var a = docs[params.get("a")] ? params.get("a") : ids[0];
  var b = docs[params.get("b")] ? params.get("b") : ids.filter(function (id) { return id !== a; })[0] || a;
  choose(a, b, params.get("topic") || "", false, function () {
    // The rows exist only now: go to the one the address names, as the browser could not.
    var target = location.hash && document.getElementById(decoded(location.hash.slice(1)));
    if (target) target.scrollIntoView();
  });

  // A fragment as written, where it is not valid percent-encoding (#%): no row, not an error.
  function decoded(fragment) {
    try { return decodeURIComponent(fragment); } catch (e) { return fragment; }
  }

  function update() { choose(selA.value, selB.value, selTopic.value, true); }
  selA.addEventListener("change", update);
  selB.addEventListener("change", update);
  selTopic.addEventListener("change", update);
  document.getElementById("cw-compare-swap").addEventListener("click", function () {
    choose(selB.value, selA.value, selTopic.value, true);
  });
  sharedOnly.addEventListener("change", function () { show(selA.value, selB.value, selTopic.value); });
})();
