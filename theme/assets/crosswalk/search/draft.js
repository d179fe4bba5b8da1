// The drafting desk (draft/, 起草助手): the draft and the filters come from the URL's
// fragment (#text=…; or its query, ?text=…, for links made before), each sentence is ranked
// by closeness (closeness.js) and shown as it comes, first sentence first.  Data goes into
// the page only as text.

import { el } from "./hit.js";
import { excerpt, marked, sentences, jurisdictionsOf } from "./closeness.js";
import { rankDraft } from "./draftplan.js";
import { filterSet } from "./query.js";
import { readQuantities, standing } from "./quantities.js";
import { documentBlob, loadLibrary, tableModel } from "./docx_export.js";

export const FILTERS = ["jurisdiction", "level", "genre", "topic"];

// The draft and filters a URL asks for: {text, filters: {facet: [ids]}}.  The fragment
// first: it never reaches a server, so no request-line limit (8 KB on nginx) cuts a long
// draft; then the query, which older links and the form without script use.
export function readParams(search, hash) {
  const fragment = (hash || "").replace(/^#/, "");
  const params = new URLSearchParams(/(^|&)text=/.test(fragment) ? fragment : search);
  const filters = {};
  for (const f of FILTERS) filters[f] = params.getAll(f).filter(Boolean);
  return { text: params.get("text") || "", filters };
}

// The fragment that carries a draft and its filters ("#text=…&level=city").
export function draftFragment(text, filters) {
  const params = new URLSearchParams();
  params.set("text", text);
  for (const f of FILTERS) for (const v of (filters && filters[f]) || []) if (v) params.append(f, v);
  return "#" + params.toString();
}

// A membership array of the records the filters allow, or null when none is chosen.
export function allowedBy(engine, filters) {
  const active = Object.keys(filters).filter((f) => filters[f].length && engine.facets[f]);
  if (!active.length) return Promise.resolve(null);
  return Promise.all(active.map((f) => filterSet(engine, f, filters[f]))).then((sets) => {
    const count = new Uint8Array(engine.m.records);
    for (const set of sets) for (const n of set) count[n]++;
    for (let n = 0; n < count.length; n++) count[n] = count[n] === sets.length ? 1 : 0;
    return count;
  });
}

// A filter's values from the index, for a list not written into the page (data-lazy):
// [{id, name, depth}] in the index's order, in the page's script.
export async function facetValues(engine, facet) {
  const info = engine.facets[facet];
  if (!info || !info.values) return [];
  const got = await engine.names(facet, Array.from({ length: info.values }, (_, n) => n));
  return Array.from({ length: info.values }, (_, n) => got[n]).filter(Boolean);
}

// Options for a lazy list: "全部" and `chosen` stay; the rest come from the index, once.
export async function fillLazy(select, engine) {
  if (select.dataset.filled) return;
  select.dataset.filled = "true";
  const chosen = select.value;
  const values = await facetValues(engine, select.dataset.filter);
  for (const v of values) {
    if (v.id === chosen) continue;
    const option = document.createElement("option");
    option.value = v.id;
    option.textContent = "\u3000".repeat(v.depth || 0) + v.name;
    select.appendChild(option);
  }
}

export function fill(template, n) {
  return template.replace("#", String(n));
}

function field(site, d, key) {
  return (site.hant ? d[key + "_hant"] : d[key]) || d[key] || "";
}

// `room`: cut unmarked text to this many characters around the marks (a precedent's text).
export function markedNode(tag, cls, text, ranges, room) {
  const node = el(tag, cls);
  const pieces = marked(text, ranges);
  for (const piece of room ? excerpt(pieces, room) : pieces) {
    node.appendChild(piece.mark ? el("mark", null, piece.text) : document.createTextNode(piece.text));
  }
  return node;
}

// One precedent: where it is, its wording with the shared runs marked, who is charged, the
// numbers it sets, and the record's own 复制引文 and 摘录 (handled by crosswalk.js, pins.js).
export function precedentNode(site, strings, hit) {
  const d = hit.data.d;
  const item = el("li", "cw-draft-hit");
  const href = new URL(hit.data.u, site.buildRoot).href;
  const head = el("a", "cw-draft-hit__head");
  head.href = href;
  head.appendChild(el("span", "cw-draft-hit__doc", "《" + field(site, d, "doc") + "》"));
  const label = field(site, d, "label");
  if (label) head.appendChild(el("span", "cw-draft-hit__label", label));
  item.appendChild(head);
  const meta = el("p", "cw-draft-hit__meta");
  for (const key of ["jurisdiction", "level", "kind"]) {
    const v = field(site, d, key);
    if (v) meta.appendChild(el("span", null, v));
  }
  meta.appendChild(el("span", "cw-draft-hit__score", fill(strings.closeness, Math.round(hit.coverage * 100))));
  item.appendChild(meta);
  item.appendChild(markedNode("p", "cw-draft-hit__text", field(site, d, "text"), hit.clause, 40));
  for (const key of ["units", "targets"]) {
    const v = field(site, d, key);
    if (!v) continue;
    const p = el("p", "cw-draft-hit__" + key);
    p.appendChild(el("span", "cw-label", strings[key]));
    p.appendChild(document.createTextNode(v));
    item.appendChild(p);
  }
  const actions = el("p", "cw-actions cw-draft-hit__actions");
  const cite = el("button", "cw-cite", strings.cite);
  cite.type = "button";
  cite.title = strings.cite_title;
  cite.dataset.form = "citation";
  cite.dataset.done = strings.done;
  cite.dataset.citation = field(site, d, "cite");
  cite.dataset.text = field(site, d, "text");
  // The other script's wording too, so that a pin keeps both (pins.js).
  cite.dataset.citationOther = field({ hant: !site.hant }, d, "cite");
  cite.dataset.textOther = field({ hant: !site.hant }, d, "text");
  const pin = el("button", "cw-pin", strings.pin);
  pin.type = "button";
  pin.title = strings.pin_title;
  pin.setAttribute("aria-pressed", "false");
  pin.dataset.uid = hit.data.u.replace(/^documents\//, "").replace("/#", "/");
  pin.dataset.href = href;
  pin.dataset.pinned = strings.pinned;
  pin.dataset.unpinned = strings.pin;
  actions.appendChild(cite);
  actions.appendChild(pin);
  item.appendChild(actions);
  return item;
}

// A quantity compared, in words: {name, draft, places, where, standing}.
export function numberWords(strings, q) {
  const ind = q.indicator, where = standing(q.value, ind);
  const places = ind.shown.map((o) => o.place + " " + o.text).join("、") + (ind.count > ind.shown.length ? "……" : "");
  const key = where === "equal" ? "equal_all" : where === "within" ? "within" : where + "_all";
  return { name: ind.name, draft: strings.this_draft + " " + q.said, places: places + "（" + ind.unit + "）", where,
           standing: fill(strings[key], ind.count) };
}

export function numberText(strings, q) {
  const w = numberWords(strings, q);
  return w.name + "：" + w.draft + "；" + w.places + "，" + w.standing;
}

// 数字对照: each quantity of the sentence beside the targets set for the same indicator.
export function numbersNode(strings, found) {
  const box = el("div", "cw-draft-numbers");
  box.appendChild(el("p", "cw-label", strings.numbers));
  for (const q of found) {
    const w = numberWords(strings, q);
    const p = el("p", "cw-draft-numbers__row");
    p.dataset.indicator = q.indicator.id;
    p.appendChild(el("span", "cw-draft-numbers__name", w.name + "："));
    p.appendChild(el("strong", "cw-draft-numbers__draft", w.draft));
    p.appendChild(document.createTextNode("；" + w.places));
    p.appendChild(el("span", "cw-draft-numbers__standing cw-draft-numbers__standing--" + w.where, w.standing));
    box.appendChild(p);
  }
  return box;
}

// One sentence's section: the draft sentence (shared wording marked, the rest is where it
// departs from every precedent listed), its numbers compared, and its precedents.
export function sentenceNode(site, strings, k, ranked, numbers) {
  const section = el("section", "cw-draft-sentence cw-draft-sentence--" + ranked.verdict);
  section.id = "s" + (k + 1);
  const h = el("h3", "cw-draft-sentence__head");
  h.appendChild(el("span", null, fill(strings.sentence, k + 1)));
  h.appendChild(el("span", "cw-verdict cw-verdict--" + ranked.verdict, strings[ranked.verdict]));
  section.appendChild(h);
  section.appendChild(markedNode("p", "cw-draft-sentence__text", ranked.text, ranked.covered));
  if (numbers && numbers.length) section.appendChild(numbersNode(strings, numbers));
  if (!ranked.hits.length) {
    section.appendChild(el("p", "cw-draft-sentence__none", strings.none));
    return section;
  }
  const list = el("ol", "cw-draft-hits");
  for (const hit of ranked.hits) list.appendChild(precedentNode(site, strings, hit));
  section.appendChild(list);
  return section;
}

// The page.  `search`: {load(), site, failed(err)} from main.js.
export function draftPage(root, search) {
  const strings = JSON.parse(document.getElementById("cw-draft-strings").textContent);
  const table = JSON.parse(document.getElementById("cw-draft-quantities").textContent);
  const form = root.querySelector(".cw-draft__form");
  const box = root.querySelector(".cw-draft__text");
  const overview = root.querySelector(".cw-draft__overview");
  const status = root.querySelector(".cw-draft__status");
  const rows = root.querySelector(".cw-draft__sentences");
  const most = root.querySelector(".cw-draft__most");
  const exporter = root.querySelector(".cw-draft__export");
  let done = [];   // the last draft's ranked sentences, for the 对照表
  const results = root.querySelector(".cw-draft__results");
  const selects = Array.from(root.querySelectorAll("select[data-filter]"));
  let state = readParams(location.search, location.hash);
  // The form writes the draft into the fragment, not the query, and runs it here.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const filters = {};
    for (const select of selects) filters[select.dataset.filter] = select.value ? [select.value] : [];
    history.pushState(null, "", location.pathname + draftFragment(box.value, filters));
    start();
  });
  // Back and forward between drafts; the overview's links scroll without touching the fragment.
  window.addEventListener("popstate", () => {
    const asked = readParams(location.search, location.hash);
    if (JSON.stringify(asked) !== JSON.stringify(state)) start();
  });
  rows.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#s']");
    const target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView();
  });

  function row(k, ranked) {
    const li = rows.children[k];
    li.replaceChildren();
    const a = el("a", null, ranked.text);
    a.href = "#s" + (k + 1);
    li.appendChild(el("span", "cw-verdict cw-verdict--" + ranked.verdict, strings[ranked.verdict]));
    li.appendChild(a);
    li.className = "cw-draft-row cw-draft-row--" + ranked.verdict;
  }

  async function run(asked) {
    const text = Array.from(asked.text).slice(0, strings.max).join("");
    const parts = sentences(text);
    if (!parts.length) { status.textContent = strings.empty; overview.hidden = false; return; }
    overview.hidden = false;
    status.textContent = strings.working;
    rows.replaceChildren(...parts.map((p) => {
      const li = el("li", "cw-draft-row cw-draft-row--pending");
      li.appendChild(el("span", null, p.text));
      return li;
    }));
    const engine = await search.load();
    const allowed = await allowedBy(engine, asked.filters);
    // Every sentence on one fetch plan (draftplan.js), each shown as soon as it and those
    // before it are ranked.
    const ranked = await rankDraft(engine, parts.map((p) => p.text), { allowed, hant: search.site.hant }, (k, r) => {
      if (asked !== state) return;   // a newer draft was asked for meanwhile: it owns the page now
      row(k, r);
      r.numbers = readQuantities(r.text, table, engine.map);
      results.appendChild(sentenceNode(search.site, strings, k, r, r.numbers));
    });
    if (asked !== state) return;
    const tally = { well: 0, partly: 0, new: 0 };
    for (const r of ranked) tally[r.verdict]++;
    let summary = fill(strings.summary, ranked.length);
    for (const v of Object.keys(tally)) summary = summary.replace("{" + v + "}", String(tally[v]));
    if (Array.from(asked.text).length > strings.max) summary += fill(strings.too_long, strings.max);
    if (allowed) summary += strings.filtered;
    status.textContent = summary;
    const top = jurisdictionsOf(ranked, search.site.hant, 5).filter((j) => j.name);
    most.replaceChildren();
    if (top.length) {
      most.appendChild(el("span", "cw-label", strings.said_most));
      top.forEach((j, i) => {
        if (i) most.appendChild(document.createTextNode("、"));
        most.appendChild(el("span", "cw-draft__place", j.name + "（" + fill(strings.sentences_of, j.sentences) + "）"));
      });
    }
    done = ranked;
    exporter.hidden = false;
    root.dataset.done = "true";   // for tests and the benchmark: every sentence is in
  }

  // A lazy list holds the chosen value as its id until the index names it.
  for (const select of selects.filter((x) => x.dataset.lazy)) {
    const open = () => search.load().then((engine) => fillLazy(select, engine));
    select.addEventListener("focus", open, { once: true });
    select.addEventListener("pointerdown", open, { once: true });
  }
  function choose(select, id) {
    if (id && select.dataset.lazy && !Array.from(select.options).some((o) => o.value === id)) {
      const option = document.createElement("option");
      option.value = option.textContent = id;
      select.appendChild(option);
      search.load().then((engine) => engine.ordinal(select.dataset.filter, id).then((n) => n < 0 ? null : engine.names(select.dataset.filter, [n])))
        .then((got) => { const v = got && Object.values(got)[0]; if (v) option.textContent = v.name; }).catch(() => {});
    }
    select.value = id;
  }

  function start() {
    state = readParams(location.search, location.hash);
    box.value = state.text;
    for (const select of selects) choose(select, (state.filters[select.dataset.filter] || [])[0] || "");
    delete root.dataset.done;
    exporter.hidden = true;
    for (const node of [rows, results, most]) node.replaceChildren();
    status.textContent = "";
    status.classList.remove("cw-draft__status--error");
    if (!state.text.trim()) return;
    const asked = state;
    run(asked).catch((err) => {
      if (asked !== state) return;
      status.textContent = search.failed(err);
      status.classList.add("cw-draft__status--error");
    });
  }

  exporter.querySelector("button").addEventListener("click", () => {
    const model = tableModel(strings, done, (d, key) => field(search.site, d, key), (q) => numberText(strings, q));
    loadLibrary().then((docx) => documentBlob(docx, model, strings)).then((blob) => {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = strings.export_file;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60000);
    }).catch((err) => { status.textContent = strings.export_failed + err.message; });
  });

  start();
  return { start };
}
