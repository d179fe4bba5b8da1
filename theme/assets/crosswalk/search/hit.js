// One hit as DOM, for the header box and the search page.  Data only ever goes in as text
// (createElement, textContent): never as markup.

import { snippet } from "./highlight.js";
import { excerpt, marked } from "./closeness.js";

export function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text != null) node.textContent = text;
  return node;
}

// `site`: {buildRoot (URL of this script's build), hant (Traditional page)}.
function field(site, data, key) {
  return data.d[key + (site.hant ? "_hant" : "")] || data.d[key] || "";
}

export function snippetNode(text, terms, map, room) {
  const frag = document.createDocumentFragment();
  for (const piece of snippet(text, terms, map, room)) {
    frag.appendChild(piece.mark ? el("mark", null, piece.text) : document.createTextNode(piece.text));
  }
  return frag;
}

export function hitNode(site, tag, data, terms, map, room) {
  const item = el(tag, "cw-hit");
  const link = el("a", "cw-hit__link");
  // Record URLs are relative to the root of either build: documents/<doc>/#<id>.
  link.href = new URL(data.u, site.buildRoot).href;
  const head = el("span", "cw-hit__head");
  head.appendChild(el("span", "cw-hit__doc", "《" + field(site, data, "doc") + "》"));
  head.appendChild(el("span", "cw-hit__label", field(site, data, "label")));
  link.appendChild(head);
  const sub = el("span", "cw-hit__meta");
  sub.appendChild(el("span", "cw-hit__jurisdiction", field(site, data, "jurisdiction")));
  sub.appendChild(el("span", "cw-hit__kind", field(site, data, "kind")));
  link.appendChild(sub);
  const text = el("span", "cw-hit__text");
  text.appendChild(snippetNode(field(site, data, "text"), terms, map, room));
  link.appendChild(text);
  item.appendChild(link);
  // documents/<doc>/#<id> → <doc>/<id>, the record's id in the data files.
  item.setAttribute("data-uid", data.u.replace(/^documents\//, "").replace("/#", "/"));
  return item;
}

// A hit ranked by closeness: its text marked where it shares the query's wording (the runs
// closeness.js found, `ranges` in the shown text), cut to `room` characters around them.
export function closeHitNode(site, tag, data, ranges, room) {
  const item = hitNode(site, tag, data, [], new Map(), 0);
  const text = item.querySelector(".cw-hit__text");
  text.replaceChildren();
  for (const piece of excerpt(marked(field(site, data, "text"), ranges), room)) {
    text.appendChild(piece.mark ? el("mark", null, piece.text) : document.createTextNode(piece.text));
  }
  return item;
}

export function countText(template, n) {
  return template.replace("#", String(n));
}
