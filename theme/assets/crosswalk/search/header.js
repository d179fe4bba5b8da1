// The header box: a dropdown of the top hits, or, on the search page, the page's query.

import { el, closeHitNode, countText, hitNode } from "./hit.js";

const DROPDOWN_HITS = 8;

// `search`: {run(query, filters), load(), site, failed(err)} from main.js; `page`: the search
// page's controller, when the box is on it.
export function headerBox(form, page, search) {
  const input = form.querySelector(".cw-search__input");
  const list = form.querySelector(".cw-search__hits");
  const strings = form.dataset;
  let timer = null, seq = 0, active = -1;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  // The options are the links themselves (a link inside an option would be a control
  // inside a control); the arrow keys move among them, the focus stays in the box.
  function options() { return list.querySelectorAll("[role=option]"); }

  function option(node, id) {
    node.setAttribute("role", "option");
    node.setAttribute("aria-selected", "false");
    node.tabIndex = -1;
    node.id = id;
    return node;
  }

  function select(i) {
    const items = options();
    items.forEach((node, k) => node.setAttribute("aria-selected", k === i ? "true" : "false"));
    active = i;
    if (items[i]) {
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    }
  }

  function open(children) {
    list.replaceChildren(...children);
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
  }

  function show(query) {
    const mine = ++seq;
    if (!query.trim()) { close(); return; }
    // A sentence pasted in is answered by closeness, its closest clauses first.
    const sentence = search.isSentence && search.isSentence(query);
    (sentence ? search.close(query, {}, true) : search.run(query, {}))
      .then((r) => {
        if (mine !== seq) return null;
        const shown = r.ranked ? Uint32Array.from(r.ranked.slice(0, DROPDOWN_HITS), (h) => h.n) : r.hits.subarray(0, DROPDOWN_HITS);
        return r.engine.hitData(shown).then((datas) => {
          if (mine !== seq) return;
          const nodes = datas.map((d, k) => {
            const node = r.ranked ? closeHitNode(search.site, "div", d, r.ranked[k].clause, 30)
              : hitNode(search.site, "div", d, r.query.terms, r.engine.map, 60);
            node.setAttribute("role", "none");
            option(node.querySelector("a"), "cw-search-option-" + k);
            return node;
          });
          const total = r.ranked ? r.ranked.length : r.hits.length;
          const all = el("a", "cw-search__all", total ? (total === 1 ? strings.one : countText(strings.other, total)) : strings.none);
          all.href = new URL("search/?q=" + encodeURIComponent(query), search.site.buildRoot).href;
          nodes.push(option(all, "cw-search-option-all"));
          open(nodes);
        });
      })
      .catch((err) => {
        if (mine !== seq) return;
        // The list holds only options: the message is one that cannot be chosen.
        const note = option(el("div", "cw-search__error", search.failed(err)), "cw-search-option-error");
        note.setAttribute("aria-disabled", "true");
        open([note]);
      });
  }

  // Fetching the manifest early; a failure is shown when the reader searches.
  input.addEventListener("focus", () => { search.load().catch(() => {}); });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    if (page) { timer = setTimeout(() => page.setQuery(input.value), 200); return; }
    timer = setTimeout(() => show(input.value), 120);
  });
  input.addEventListener("keydown", (event) => {
    if (page || list.hidden) return;
    const items = options();
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const n = items.length;
      if (n) select(event.key === "ArrowDown" ? (active + 1) % n : (active - 1 + n) % n);
    } else if (event.key === "Enter" && active >= 0 && items[active] && items[active].href) {
      event.preventDefault();
      location.href = items[active].href;
    } else if (event.key === "Escape") {
      close();
    }
  });
  form.addEventListener("submit", (event) => {
    if (page) { event.preventDefault(); clearTimeout(timer); page.setQuery(input.value); }
  });
  document.addEventListener("click", (event) => { if (!form.contains(event.target)) close(); });
  return input;
}
