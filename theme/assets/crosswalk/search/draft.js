// The drafting desk (draft/, 起草助手): the draft and the filters come from the URL (the
// page's form is a GET form), each sentence is ranked by closeness (closeness.js) and shown
// as it comes, first sentence first.  Data goes into the page only as text.

import { el } from "./hit.js";
import { excerpt, marked, rankSentence, sentences, jurisdictionsOf } from "./closeness.js";
import { filterSet } from "./query.js";

export const FILTERS = ["jurisdiction", "level", "genre", "topic"];

// The draft and filters a URL asks for: {text, filters: {facet: [ids]}}.
export function readParams(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const f of FILTERS) filters[f] = params.getAll(f).filter(Boolean);
  return { text: params.get("text") || "", filters };
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

// One sentence's section: the draft sentence (shared wording marked, the rest is where it
// departs from every precedent listed) and its precedents.
export function sentenceNode(site, strings, k, ranked) {
  const section = el("section", "cw-draft-sentence cw-draft-sentence--" + ranked.verdict);
  section.id = "s" + (k + 1);
  const h = el("h3", "cw-draft-sentence__head");
  h.appendChild(el("span", null, fill(strings.sentence, k + 1)));
  h.appendChild(el("span", "cw-verdict cw-verdict--" + ranked.verdict, strings[ranked.verdict]));
  section.appendChild(h);
  section.appendChild(markedNode("p", "cw-draft-sentence__text", ranked.text, ranked.covered));
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
  const form = root.querySelector(".cw-draft__form");
  const box = root.querySelector(".cw-draft__text");
  const overview = root.querySelector(".cw-draft__overview");
  const status = root.querySelector(".cw-draft__status");
  const rows = root.querySelector(".cw-draft__sentences");
  const most = root.querySelector(".cw-draft__most");
  const results = root.querySelector(".cw-draft__results");
  const state = readParams(location.search);
  box.value = state.text;
  for (const select of root.querySelectorAll("select[data-filter]")) {
    const chosen = state.filters[select.dataset.filter] || [];
    if (chosen.length) select.value = chosen[0];
  }
  // An empty filter would put "jurisdiction=" in the URL: leave it out.
  form.addEventListener("submit", () => {
    for (const select of root.querySelectorAll("select[data-filter]")) select.disabled = !select.value;
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

  async function run() {
    const text = Array.from(state.text).slice(0, strings.max).join("");
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
    const allowed = await allowedBy(engine, state.filters);
    const ranked = [];
    // One sentence at a time: the first sentence's precedents come before the rest is asked for.
    for (let k = 0; k < parts.length; k++) {
      const r = await rankSentence(engine, parts[k].text, { allowed, hant: search.site.hant });
      ranked.push(r);
      row(k, r);
      results.appendChild(sentenceNode(search.site, strings, k, r));
    }
    const tally = { well: 0, partly: 0, new: 0 };
    for (const r of ranked) tally[r.verdict]++;
    let summary = fill(strings.summary, ranked.length);
    for (const v of Object.keys(tally)) summary = summary.replace("{" + v + "}", String(tally[v]));
    if (Array.from(state.text).length > strings.max) summary += fill(strings.too_long, strings.max);
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
    root.dataset.done = "true";   // for tests and the benchmark: every sentence is in
  }

  if (state.text.trim()) {
    run().catch((err) => {
      status.textContent = search.failed(err);
      status.classList.add("cw-draft__status--error");
    });
  }
  return { state, run };
}
