// The search page: results and filters, with the state (query, filters) in the URL.

import { el, closeHitNode, countText, hitNode } from "./hit.js";
import { FACET_SHOWN, facetList } from "./query.js";
import { draftFragment } from "./draft.js";

const PAGE_HITS = 20;
export const ORDERS = ["relevance", "level"];

// The order a query is listed in: the URL's, else by relevance for a sentence, by level for a phrase.
export function orderOf(asked, sentence) {
  return ORDERS.includes(asked) ? asked : sentence ? "relevance" : "level";
}

// The drafting desk's URL for a query and the filters it takes (the draft in the fragment).
export function draftHref(buildRoot, q, filters) {
  return new URL("draft/" + draftFragment(q, filters), buildRoot).href;
}

export function searchPage(root, search) {
  const strings = JSON.parse(document.getElementById("cw-search-strings").textContent);
  const status = root.querySelector(".cw-results__status");
  const list = root.querySelector(".cw-results__list");
  const more = root.querySelector(".cw-results__more");
  const clear = root.querySelector(".cw-facets__clear");
  const facets = Array.from(root.querySelectorAll(".cw-facet"));
  const names = facets.map((f) => f.dataset.filter);
  const fold = root.querySelector(".cw-facets-fold");
  const foldLabel = fold && fold.querySelector("summary");
  // On a phone the filters fold behind 筛选 so that the results come first.
  if (fold && window.matchMedia("(max-width: 44.9375em)").matches) fold.open = false;
  const expanded = {};
  let tallied = {};
  const state = readUrl();
  let seq = 0, current = null, shown = 0;

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const n of names) filters[n] = params.getAll(n);
    return { q: params.get("q") || "", filters, order: params.get("order") || "" };
  }

  function writeUrl() {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const n of names) for (const v of state.filters[n]) params.append(n, v);
    if (ORDERS.includes(state.order)) params.set("order", state.order);
    const query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  // A search that could not be answered says so where the count would be.
  function failed(mine) {
    return (err) => {
      if (mine !== seq) return;
      status.textContent = search.failed(err);
      status.classList.add("cw-results__status--error");
    };
  }

  function facetValues(r, name) {
    return facetList(r, name, state.filters[name], { all: expanded[name], tally: tallied[name] });
  }

  function renderFacet(facet, name, got, r) {
    const ul = facet.querySelector(".cw-facet__values"), chosen = state.filters[name];
    ul.replaceChildren();
    if (got.deferred) {   // a record-level facet over a wide result: counted on request
      const tally = el("button", "cw-facet__toggle", strings.tally);
      tally.type = "button";
      tally.addEventListener("click", () => {
        tallied[name] = true;
        tally.disabled = true;
        facetValues(r, name).then((g) => renderFacet(facet, name, g, r), failed(seq));
      });
      const li0 = el("li");
      li0.appendChild(tally);
      ul.appendChild(li0);
    }
    facet.hidden = !got.values.length && !got.deferred;
    const limit = expanded[name] ? Infinity : FACET_SHOWN;
    got.values.forEach((v, k) => {
      const on = chosen.includes(v.id);
      if (k >= limit && !on) return;
      const li = el("li", "cw-facet__value" + (v.depth ? " cw-depth-" + Math.min(v.depth, 3) : ""));
      const label = el("label");
      const box = el("input");
      box.type = "checkbox";
      box.checked = on;
      box.value = v.id;
      box.addEventListener("change", () => toggle(name, v.id, box.checked));
      label.appendChild(box);
      label.appendChild(el("span", "cw-facet__name", v.name));
      label.appendChild(el("span", "cw-facet__count", got.deferred ? "–" : String(v.count)));
      li.appendChild(label);
      ul.appendChild(li);
    });
    if (got.total > FACET_SHOWN) {
      const toggleAll = el("button", "cw-facet__toggle",
                           expanded[name] ? strings.fewer : countText(strings.show_all, got.total));
      toggleAll.type = "button";
      toggleAll.addEventListener("click", () => {
        expanded[name] = !expanded[name];
        facetValues(r, name).then((g) => renderFacet(facet, name, g, r), failed(seq));
      });
      const li2 = el("li");
      li2.appendChild(toggleAll);
      ul.appendChild(li2);
    }
  }

  function renderFacets(r, mine) {
    return Promise.all(names.map((n) => facetValues(r, n))).then((all) => {
      if (mine !== seq) return;
      facets.forEach((facet, i) => renderFacet(facet, names[i], all[i], r));
      clear.hidden = !names.some((n) => state.filters[n].length);
      const chosen = names.reduce((sum, n) => sum + state.filters[n].length, 0);
      if (foldLabel) foldLabel.textContent = chosen ? countText(strings.chosen, chosen) : strings.filters;
    });
  }

  function toggle(name, value, on) {
    const values = state.filters[name].filter((v) => v !== value);
    if (on) values.push(value);
    state.filters[name] = values;
    refresh();
  }

  function showMore() {
    const mine = seq, r = current;
    if (r.ranked) {   // ranked by closeness: the hits and their marks are already in hand
      const next = r.ranked.slice(shown, shown + PAGE_HITS);
      shown += next.length;
      more.hidden = shown >= r.ranked.length;
      for (const h of next) list.appendChild(closeHitNode(search.site, "li", h.data, h.clause, 60));
      return Promise.resolve();
    }
    const next = r.hits.subarray(shown, shown + PAGE_HITS);
    shown += next.length;
    more.hidden = shown >= r.hits.length;
    return r.engine.hitData(next).then((datas) => {
      if (mine !== seq) return;
      for (const d of datas) list.appendChild(hitNode(search.site, "li", d, r.query.terms, r.engine.map, 160));
    });
  }

  function refresh() {
    writeUrl();
    const mine = ++seq;
    status.textContent = strings.searching;
    status.classList.remove("cw-results__status--error");
    tallied = {};
    const sentence = search.isSentence(state.q);
    const order = orderOf(state.order, sentence);
    renderOrder(order, sentence);
    const got = sentence || order === "relevance" ? search.close(state.q, state.filters, sentence) : search.run(state.q, state.filters);
    return got.then((r) => {
      if (mine !== seq) return null;
      if (r.ranked && order === "level") r.ranked.sort((a, b) => a.n - b.n);
      current = r;
      shown = 0;
      list.replaceChildren();
      more.hidden = true;
      const total = r.ranked ? r.ranked.length : r.hits.length;
      status.textContent = r.empty ? strings.browse
        : total ? countText(r.ranked && sentence ? strings.count_close : strings.count, total)
          : sentence ? strings.none_close : strings.none;
      return Promise.all([r.empty ? null : showMore(), renderFacets(r, mine)]);
    }).catch((err) => {
      if (mine !== seq) return;
      list.replaceChildren();   // no earlier query's hits under this query's message
      more.hidden = true;
      failed(mine)(err);
    });
  }

  // 按相关度 / 按效力层级, and for a sentence the way to the drafting desk.
  const orderBar = root.querySelector(".cw-results__order");
  const toDraft = root.querySelector(".cw-results__draft");
  function renderOrder(order, sentence) {
    if (orderBar) {
      orderBar.hidden = !state.q.trim();
      for (const b of orderBar.querySelectorAll("button[data-order]")) b.setAttribute("aria-pressed", String(b.dataset.order === order));
    }
    if (toDraft) {
      toDraft.hidden = !sentence;
      toDraft.querySelector("a").href = draftHref(search.site.buildRoot, state.q, state.filters);
    }
  }
  if (orderBar) {
    for (const b of orderBar.querySelectorAll("button[data-order]")) {
      b.addEventListener("click", () => { state.order = b.dataset.order; refresh(); });
    }
  }
  more.addEventListener("click", () => { showMore().catch(failed(seq)); });
  clear.addEventListener("click", () => {
    for (const n of names) state.filters[n] = [];
    refresh();
  });

  return {
    state,
    setQuery(q) { if (q !== state.q) { state.q = q; state.order = ""; refresh(); } },
    refresh,
  };
}
