// Side-by-side comparison of two documents, aligned by topic (compare/ page only).
// The page embeds every record as JSON (converted to the page's script at build time);
// this module only lays out the chosen pair, for every topic or one (?a=…&b=…&topic=…).
// In a large corpus (data.onRequest) the page lists only regions: a region's documents are
// read from its region's document list (the address the build gave), and the two chosen documents' records
// and relations from their own pages (same site and script, the addresses the build gave),
// once each.
// Each topic row has an anchor (#t-<topic>); every clause is shown in full in every row it
// belongs to, so that a row answers "how do A and B differ on X" by itself.
// Text goes in with textContent, never as HTML.  UI words come from data-* attributes of
// the page, so they follow the page's script too.  What goes in which row: compare_model.js.

import {
  decoded, fill, isDocumentId, listedDocument, pairOf, relatedOf, rowsOf, table, topicsIndex,
} from "./compare_model.js";

const root = document.getElementById("cw-compare");
const source = document.getElementById("cw-compare-data");
if (root && source) start(JSON.parse(source.textContent));

function start(data) {
  const selA = document.getElementById("cw-compare-a");
  const selB = document.getElementById("cw-compare-b");
  const sharedOnly = document.getElementById("cw-compare-shared");
  const selTopic = document.getElementById("cw-compare-topic");
  const summary = document.getElementById("cw-compare-summary");

  const relationNames = table();
  document.querySelectorAll("#cw-relation-names li").forEach((li) => {
    relationNames[li.getAttribute("data-type")] = li.textContent;
  });
  const docs = table();
  (data.docs || []).forEach((d) => { docs[d.id] = d; });
  const regionPages = table(data.regions);   // region id → its document list (onRequest)
  const regionLists = table();               // region id → its documents, or a promise while read
  const regionOf = table();                  // document id → region id, as its page says
  const records = table();
  const byDoc = table();
  const loaded = table();   // document id → true, or a promise while its page is read
  (data.records || []).forEach((r) => {
    records[r.id] = r;
    if (!data.onRequest) (byDoc[r.doc] = byDoc[r.doc] || []).push(r);
  });
  if (!data.onRequest) data.docs.forEach((d) => { loaded[d.id] = true; });
  const topics = table();
  data.topics.forEach((t) => { topics[t.id] = t; });
  const related = relatedOf(data.relations || [], records);

  function ui(name) { return root.getAttribute("data-" + name) || ""; }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function link(href, className, text) {
    const a = el("a", className, text);
    a.setAttribute("href", href);
    return a;
  }

  // --- a document's records read from its page (data.onRequest) ----------------------------

  function ownChild(node, selector) {
    for (let c = node.firstElementChild; c; c = c.nextElementSibling) if (c.matches(selector)) return c;
    return null;
  }

  // A clause as its document page shows it (templates/_record.html): anchor, kind, topics,
  // title and text.  Headings are structure, not clauses, and are left out.
  function recordOf(section, doc) {
    const head = ownChild(section, ".cw-record__head");
    const body = ownChild(section, "p.cw-text");
    if (!head || !body) return null;
    const anchor = head.querySelector(".cw-anchor");
    const strong = ownChild(body, "strong.cw-title");
    let text = "";
    for (let n = body.firstChild; n; n = n.nextSibling) if (n !== strong) text += n.textContent;
    const kind = /(?:^|\s)cw-kind-(\S+)/.exec(section.className);
    const id = section.getAttribute("data-uid");
    const base = new URL(doc.url, location.href);
    // Its relations as the page reads them (templates/_relations.html), each from this clause's end.
    const list = ownChild(section, "ul.cw-relations");
    if (list) {
      related[id] = Array.from(list.children, (li) => {
        const a = li.querySelector("a");
        const type = /(?:^|\s)cw-rel-(\S+)/.exec(li.className);
        const why = li.querySelector(".cw-rel-why");
        const url = a ? new URL(a.getAttribute("href"), base).href : "";
        return { type: type ? type[1] : "", rationale: why ? why.textContent : "",
                 other: { doc: li.getAttribute("data-doc"), url, label: a ? a.textContent : "" } };
      });
    }
    return {
      id, doc: doc.id, label: anchor ? anchor.textContent : "",
      title: strong ? strong.textContent : "", text: strong ? text.replace(/^[\s。：:，,]+/, "") : text,
      kind: kind ? kind[1] : "", pending: false,
      // The clause's own link on its page, taken to where that page is.
      url: anchor ? new URL(anchor.getAttribute("href"), base).href : doc.url,
      topics: Array.from(head.querySelectorAll("a.cw-topic"), (a) => a.getAttribute("href").replace(/\/$/, "").split("/").pop()),
    };
  }

  function read(url) {
    return fetch(url).then((response) => {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then((html) => new DOMParser().parseFromString(html, "text/html"));
  }

  function ensure(id) {
    if (loaded[id] === true) return Promise.resolve();
    if (loaded[id]) return loaded[id];
    const doc = docs[id] || { id, url: data.document.replace(data.slot, id) };
    loaded[id] = read(doc.url).then((page) => {
      const card = page.querySelector("[data-region]");
      if (card) regionOf[id] = card.getAttribute("data-region");
      byDoc[id] = [];
      page.querySelectorAll("section.cw-record[data-uid]").forEach((section) => {
        const r = recordOf(section, doc);
        if (r) { byDoc[id].push(r); records[r.id] = r; }
      });
      loaded[id] = true;
    }, (error) => { delete loaded[id]; throw error; });
    return loaded[id];
  }

  // A region's documents with text, from its document list (templates/documents_region.html).
  function regionDocuments(region) {
    if (Array.isArray(regionLists[region])) return Promise.resolve(regionLists[region]);
    if (regionLists[region]) return regionLists[region];
    if (!regionPages[region]) return Promise.reject(new Error("no region " + region));
    const base = new URL(regionPages[region], location.href);
    regionLists[region] = read(base.href).then((page) => {
      const list = Array.from(page.querySelectorAll("tr[data-doc]"), (tr) => {
        const a = tr.querySelector("a");
        const heading = tr.closest(".cw-scroll") && tr.closest(".cw-scroll").previousElementSibling;
        const cells = tr.querySelectorAll("td");
        return listedDocument({
          id: tr.getAttribute("data-doc"), link: a.textContent, url: new URL(a.getAttribute("href"), base).href,
          jurisdiction: heading ? heading.textContent : "", year: cells[2] ? cells[2].textContent : "",
          pending: tr.getAttribute("data-pending"), region,
        });
      });
      list.forEach((d) => { docs[d.id] = d; regionOf[d.id] = region; });
      regionLists[region] = list;
      return list;
    }, (error) => { delete regionLists[region]; throw error; });
    return regionLists[region];
  }

  // A document's records and its entry in its region's list, both read.
  function resolve(id) {
    if (!data.onRequest) return ensure(id);
    if (!isDocumentId(id)) return Promise.reject(new Error("not a document id"));
    return ensure(id).then(() => (docs[id] ? null : regionDocuments(regionOf[id]))).then(() => {
      if (!docs[id]) throw new Error("no document " + id);
    });
  }

  // Each side's region and document list as the chosen pair needs them (onRequest).
  function showChoice(select, id) {
    const region = docs[id] && docs[id].region;
    const regionSelect = document.getElementById(select.id.replace("cw-compare-", "cw-compare-r"));
    if (!region || !regionSelect || !Array.isArray(regionLists[region])) return;
    regionSelect.value = region;
    if (select.getAttribute("data-region") !== region) {
      select.textContent = "";
      for (const d of regionLists[region]) {
        const option = el("option", "", d.jurisdiction + "《" + d.title + "》" + (d.year ? "(" + d.year + ")" : ""));
        option.value = d.id;
        select.appendChild(option);
      }
      select.setAttribute("data-region", region);
    }
    select.value = id;
  }

  function recordCard(record, otherDoc) {
    const card = el("div", "cw-compare__rec cw-kind-" + record.kind);
    card.setAttribute("data-uid", record.id);
    const head = el("div", "cw-compare__rechead");
    head.appendChild(link(record.url, "cw-anchor", record.label));
    card.appendChild(head);
    const text = el("p", "cw-text");
    if (record.title) {
      text.appendChild(el("strong", "cw-title", record.title));
      if (record.text) text.appendChild(document.createTextNode("。"));
    }
    if (record.text) text.appendChild(document.createTextNode(record.text));
    card.appendChild(text);
    const rels = (related[record.id] || []).filter((r) => r.other.doc === otherDoc);   // the other side's only
    if (rels.length) {
      const list = el("ul", "cw-relations");
      for (const r of rels) {
        const li = el("li", "cw-relation cw-rel-" + r.type);
        li.appendChild(el("span", "cw-rel-type", relationNames[r.type] || r.type));
        li.appendChild(link(r.other.url, "", r.other.label));
        li.appendChild(el("span", "cw-rel-why", r.rationale));
        list.appendChild(li);
      }
      card.appendChild(list);
    }
    return card;
  }

  function cell(list, otherDoc) {
    const td = el("div", "cw-compare__cell");
    if (!list.length) {
      td.classList.add("cw-compare__cell--silent");
      td.appendChild(el("p", "cw-silent", ui("silent")));
    }
    for (const r of list) td.appendChild(recordCard(r, otherDoc));
    return td;
  }

  // How much the sticky 文件甲/乙 header covers, for the rows' scroll margin (CSS).
  function measureHead() {
    const head = root.querySelector(".cw-compare__head");
    const sticky = head && getComputedStyle(head).position === "sticky";
    root.style.setProperty("--cw-compare-head", sticky ? head.getBoundingClientRect().height + "px" : "0px");
  }
  window.addEventListener("resize", measureHead);

  // The topics either document touches, in the taxonomy's order, for the topic picker.
  function fillTopics(ia, ib, chosen) {
    selTopic.textContent = "";
    const all = el("option", "", selTopic.getAttribute("data-all"));
    all.value = "";
    selTopic.appendChild(all);
    for (const t of data.topics) {
      if (!ia[t.id] && !ib[t.id]) continue;
      const option = el("option", "", "\u3000".repeat(Math.min(t.depth, 3)) + t.name);
      option.value = t.id;
      selTopic.appendChild(option);
    }
    selTopic.value = ia[chosen] || ib[chosen] ? chosen : "";
  }

  function render(a, b, topic) {
    root.textContent = "";
    if (!docs[a] || !docs[b] || a === b) {
      summary.textContent = a === b ? summary.getAttribute("data-same") : "";
      return;
    }
    const ia = topicsIndex(byDoc[a]);
    const ib = topicsIndex(byDoc[b]);
    fillTopics(ia, ib, topic);

    const head = el("div", "cw-compare__head");
    for (const [id, which] of [[a, "doc-a"], [b, "doc-b"]]) {
      const d = docs[id];
      const box = el("div", "cw-compare__doc");
      box.appendChild(el("span", "cw-compare__which", ui(which)));
      box.appendChild(link(d.url, "", d.jurisdiction + "《" + d.title + "》" + (d.year ? "(" + d.year + ")" : "")));
      head.appendChild(box);
    }
    root.appendChild(head);
    measureHead();

    const laid = rowsOf(data.topics, topics, ia, ib, { topic: selTopic.value, sharedOnly: sharedOnly.checked });
    for (const r of laid.rows) {
      const t = r.topic;
      if (r.group) {
        const group = el("h2", "cw-compare__group");
        group.appendChild(link(r.group.url, "", r.group.name));
        root.appendChild(group);
      }
      const row = el("section", "cw-compare__row cw-compare__row--" + r.kind);
      row.setAttribute("data-topic", t.id);
      row.id = "t-" + t.id;
      const title = el("h3", "cw-compare__topic cw-depth-" + Math.min(t.depth, 2));
      title.appendChild(link(t.url, "", t.name));
      const here = link("#" + row.id, "cw-compare__link", "¶");
      here.setAttribute("title", ui("row-link"));
      here.setAttribute("aria-label", ui("row-link") + "：" + t.name);
      title.appendChild(here);
      row.appendChild(title);
      const grid = el("div", "cw-compare__grid");
      grid.appendChild(cell(r.a, b));
      grid.appendChild(cell(r.b, a));
      row.appendChild(grid);
      root.appendChild(row);
    }

    // Records with no topic come last, in document order, each on its own side.
    const ua = (byDoc[a] || []).filter((r) => !r.topics.length);
    const ub = (byDoc[b] || []).filter((r) => !r.topics.length);
    if (!selTopic.value && (ua.length || ub.length)) {
      const details = el("details", "cw-compare__untagged");
      details.appendChild(el("summary", "", ui("untagged") + "(" + ua.length + " / " + ub.length + ")"));
      const sides = el("div", "cw-compare__grid");
      sides.appendChild(cell(ua, b));
      sides.appendChild(cell(ub, a));
      details.appendChild(sides);
      root.appendChild(details);
    }

    let text = fill(summary.getAttribute("data-template"), laid.counts);
    for (const id of [a, b]) {
      const pending = docs[id].pending != null ? docs[id].pending
        : (byDoc[id] || []).filter((r) => r.pending).length;
      if (pending) text += " " + fill(summary.getAttribute("data-pending"), { doc: "《" + docs[id].title + "》", n: pending });
    }
    summary.textContent = text;
  }

  // Lays out the pair once both documents' records are at hand: at once when the page holds
  // them, else after reading their pages; ``then`` runs after the layout.
  let asked = 0;
  function show(a, b, topic, then) {
    const ask = ++asked;
    const ready = (id) => loaded[id] === true && docs[id];
    if (a === b || (!data.onRequest && (!docs[a] || !docs[b])) || (ready(a) && ready(b))) {
      showChoice(selA, a);
      showChoice(selB, b);
      render(a, b, topic);
      if (then) then();
      return;
    }
    root.textContent = "";
    root.appendChild(el("p", "cw-compare__loading", ui("loading")));
    summary.textContent = "";
    Promise.all([resolve(a), resolve(b)]).then(() => {
      if (ask !== asked) return;   // another pair was chosen meanwhile
      showChoice(selA, a);
      showChoice(selB, b);
      render(a, b, topic);
      if (then) then();
    }, () => {
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
      const params = new URLSearchParams(location.search);
      params.set("a", a);
      params.set("b", b);
      if (selTopic.value) params.set("topic", selTopic.value); else params.delete("topic");
      history.replaceState(null, "", location.pathname + "?" + params.toString() + location.hash);
    }
  }

  const params = new URLSearchParams(location.search);
  const arrived = () => {
    // The rows exist only now: go to the one the address names, as the browser could not.
    const target = location.hash && document.getElementById(decoded(location.hash.slice(1)));
    if (target) target.scrollIntoView();
  };
  if (data.onRequest) {
    // The pair asked for, else the first two documents of the first region.
    regionDocuments(Object.keys(regionPages)[0]).then((list) => {
      const ids = list.map((d) => d.id);
      const a = isDocumentId(params.get("a")) ? params.get("a") : ids[0];
      const b = isDocumentId(params.get("b")) ? params.get("b") : ids.filter((id) => id !== a)[0] || a;
      choose(a, b, params.get("topic") || "", false, arrived);
    }, () => root.appendChild(el("p", "cw-silent", ui("failed"))));
  } else {
    const pair = pairOf(params, data.docs.map((d) => d.id), docs);
    choose(pair.a, pair.b, params.get("topic") || "", false, arrived);
  }

  const update = () => choose(selA.value, selB.value, selTopic.value, true);
  selA.addEventListener("change", update);
  selB.addEventListener("change", update);
  // A region chosen: its first document on that side, once its list is read.
  for (const [regionSelect, side] of [["cw-compare-ra", "a"], ["cw-compare-rb", "b"]]) {
    const select = document.getElementById(regionSelect);
    if (!select) continue;
    select.addEventListener("change", () => regionDocuments(select.value).then((list) => {
      if (!list.length) return;
      if (side === "a") choose(list[0].id, selB.value, selTopic.value, true);
      else choose(selA.value, list[0].id, selTopic.value, true);
    }));
  }
  selTopic.addEventListener("change", update);
  document.getElementById("cw-compare-swap").addEventListener("click", () => {
    choose(selB.value, selA.value, selTopic.value, true);
  });
  sharedOnly.addEventListener("change", () => show(selA.value, selB.value, selTopic.value));
}
