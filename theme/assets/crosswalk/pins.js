// Pinning (摘录夹): the "摘录" button on each record toggles it into a set kept in
// localStorage; the pins page (pins/) lists the set and exports it as CSV, as a citation
// list, or as RIS and CSL-JSON for reference managers.  Everything happens in the browser,
// on the site's own origin (a record's wording in both scripts comes from its document's
// data file, see snapshot), and data goes in as text.  The set's logic is in pins_set.js,
// the list's drawing in pins_list.js.

import { copyText } from "./clipboard.js";
import { renderList } from "./pins_list.js";
import { citationList, csv, cslItems, entryView, indexOf, kept, readSet, ris, writeSet } from "./pins_set.js";
import { pageRoots } from "./root.js";
import { fileUrlOf, wordingAt, wordingOf } from "./wording.js";

// The floating badge is the only text this script writes that no page carries; both forms.
const BADGE_LABEL = { hans: "摘录夹", hant: "摘錄夾" };

const roots = pageRoots();
const script = roots.script;
const other = script === "hant" ? "hans" : "hant";
const scriptRoot = roots.build.pathname;
const siteRoot = roots.site.pathname;
// One set per site, shared by its two scripts; two sites on one host keep their own.
const KEY = "cw-pins:" + siteRoot;
let memory = null;  // used when localStorage is unavailable (private mode, file policy)
let dropped = 0;    // entries the last load left out

function directoryUrls() { return !location.pathname.endsWith(".html"); }

// --- the set ---------------------------------------------------------------------------

function load() {
  let raw = null;
  try { raw = localStorage.getItem(KEY); } catch (e) { raw = memory; }
  const set = readSet(raw);
  dropped = set.dropped;
  return set.items;
}

function save(items) {
  const raw = writeSet(items);
  try { localStorage.setItem(KEY, raw); } catch (e) { memory = raw; }
  refresh();
}

// What a pin keeps of a record in each script: the citation as the build made it and the
// quote as printed, never rebuilt here.  A button a script made (起草助手's precedents)
// carries them for this script and the other; a record on a page has them in its
// document's data file (wording.js reads it).
function snapshot(pin) {
  const cite = pin.parentNode.querySelector(".cw-cite[data-citation]");
  if (!cite) return wordingOf(pin).then(kept);
  const out = {};
  out[script] = { citation: cite.getAttribute("data-citation") || "", text: cite.getAttribute("data-text") || "" };
  if (cite.hasAttribute("data-citation-other")) {
    out[other] = { citation: cite.getAttribute("data-citation-other"), text: cite.getAttribute("data-text-other") || "" };
  }
  return Promise.resolve(out);
}

// The wording a snapshot brings goes into the record's entry, if it is still pinned.
function keep(uid, words) {
  words.then((fresh) => {
    const items = load();
    const at = indexOf(items, uid);
    if (at < 0) return;
    let changed = false;
    for (const s of Object.keys(fresh)) {
      const old = items[at][s];
      if (!old || old.citation !== fresh[s].citation || old.text !== fresh[s].text) {
        items[at][s] = fresh[s];
        changed = true;
      }
    }
    if (changed) save(items);
  }, () => { /* the entry keeps what it has; the pins page says which script it lacks */ });
}

// The record's address under the script root, from the address the build wrote on the pin
// (data-href, made by routes); the pins page puts it under its own script's root.
function pathOf(pin) {
  const target = new URL(pin.getAttribute("data-href") || "", location.href);
  const path = target.pathname.startsWith(scriptRoot) ? target.pathname.slice(scriptRoot.length) : "";
  return path + target.hash;
}

// The record's data file under the site's root (data/ is the Simplified build's, shared by
// both scripts): the pins page reads the wording from there if it did not arrive in time.
function dataOf(pin) {
  const url = fileUrlOf(pin);
  const path = url ? new URL(url).pathname : "";
  return path.startsWith(siteRoot) ? path.slice(siteRoot.length) : null;
}

function toggle(pin) {
  const items = load();
  const uid = pin.getAttribute("data-uid");
  const at = indexOf(items, uid);
  if (at >= 0) {
    items.splice(at, 1);
    save(items);
    return;
  }
  const item = { uid, path: pathOf(pin) };
  const file = dataOf(pin);
  if (file) item.data = file;
  items.push(item);
  save(items);   // the button shows the pin at once; its wording follows
  keep(uid, snapshot(pin));
}

// Entries missing a script's wording get it from their data file (an entry pinned just
// before the page was left, or whose file could not be read then).
const filling = new Set();
function fillMissing(items) {
  for (const item of items) {
    if ((item.hans && item.hant) || !item.data || filling.has(item.uid)) continue;
    filling.add(item.uid);
    const url = new URL(siteRoot + item.data, location.href).href;
    keep(item.uid, wordingAt(url, item.uid).then(kept));
  }
}

// Pinned records on this page get their wording as the build now makes it (a correction
// since they were pinned, or a script they lacked).
function updateSnapshots() {
  const items = load();
  document.querySelectorAll(".cw-pin[data-uid]").forEach((pin) => {
    const uid = pin.getAttribute("data-uid");
    if (indexOf(items, uid) >= 0) keep(uid, snapshot(pin));
  });
}

// --- the page: buttons and badge -------------------------------------------------------

// Each pin button in ``root`` shows whether its record is pinned.
function mark(root, items) {
  const pins = root.matches && root.matches(".cw-pin[data-uid]") ? [root] : root.querySelectorAll(".cw-pin[data-uid]");
  for (const pin of pins) {
    const pinned = indexOf(items, pin.getAttribute("data-uid")) >= 0;
    pin.setAttribute("aria-pressed", pinned ? "true" : "false");
    pin.classList.toggle("cw-pinned", pinned);
    // The labels are the button's own, or said once for the page's records.
    const holder = pin.closest(pinned ? "[data-pinned]" : "[data-unpinned]");
    const label = holder && holder.getAttribute(pinned ? "data-pinned" : "data-unpinned");
    if (label && pin.textContent !== label) pin.textContent = label;
  }
}

function absolute(item) {
  return new URL(scriptRoot + item.path, location.href).href;
}

function refresh() {
  const items = load();
  mark(document, items);
  badge(items.length);
  const list = document.querySelector(".cw-pins");
  if (list) {
    renderList(list, items.map((item) => entryView(item, script, scriptRoot)));
    fillMissing(items);
  }
  notice(list);
}

// Entries left out are said on the pins page (saving the set again drops them for good),
// and in the console elsewhere.
function notice(list) {
  const box = list && list.querySelector(".cw-pins__dropped");
  if (box) {
    box.hidden = dropped === 0;
    box.textContent = dropped ? box.getAttribute("data-template").replace("#", String(dropped)) : "";
  } else if (dropped && window.console) {
    console.warn("摘录夹: " + dropped + " stored entries could not be read and were left out");
  }
}

function badge(count) {
  let link = document.querySelector(".cw-pins-badge");
  if (!link) {
    if (document.querySelector(".cw-pins")) return;  // the pins page shows its own count
    link = document.createElement("a");
    link.className = "cw-pins-badge";
    link.href = scriptRoot + (directoryUrls() ? "pins/" : "pins/index.html");
    const label = document.createElement("span");
    label.className = "cw-pins-badge__label";
    label.textContent = BADGE_LABEL[script];
    const number = document.createElement("span");
    number.className = "cw-pins-badge__count";
    link.appendChild(label);
    link.appendChild(number);
    document.body.appendChild(link);
  }
  link.querySelector(".cw-pins-badge__count").textContent = String(count);
  link.hidden = count === 0;
  link.setAttribute("title", BADGE_LABEL[script] + " " + count);
}

// --- the pins page's buttons ---------------------------------------------------------------

function cslOf(root, items) {
  const url = new URL(siteRoot + root.getAttribute("data-csl-file"), location.href).href;
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error(url + ": " + response.status);
    return response.json();
  }).then((documents) => cslItems(documents, items, script, absolute, new Date()));
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function act(root, button) {
  const action = button.getAttribute("data-action");
  const items = load();
  if (action === "csv") {
    download(root.getAttribute("data-csv-name"), csv(root.getAttribute("data-columns").split("|"), items, script, absolute),
             "text/csv;charset=utf-8");
  } else if (action === "txt") {
    download(root.getAttribute("data-txt-name"), citationList(items, script), "text/plain;charset=utf-8");
  } else if (action === "ris" || action === "csl") {
    cslOf(root, items).then((list) => {
      if (action === "ris") download(root.getAttribute("data-ris-name"), ris(list), "application/x-research-info-systems;charset=utf-8");
      else download(root.getAttribute("data-csl-name"), JSON.stringify(list, null, 1), "application/vnd.citationstyles.csl+json;charset=utf-8");
    });
  } else if (action === "copy") {
    copyText(citationList(items, script)).then(() => {
      const label = button.textContent;
      button.textContent = button.getAttribute("data-done");
      setTimeout(() => { button.textContent = label; }, 1500);
    });
  } else if (action === "clear") {
    if (window.confirm(button.getAttribute("data-confirm"))) save([]);
  } else if (action === "remove") {
    const at = indexOf(items, button.closest(".cw-pins__entry").getAttribute("data-uid"));
    if (at >= 0) { items.splice(at, 1); save(items); }
  }
}

// --- wiring ----------------------------------------------------------------------------

document.addEventListener("click", (event) => {
  if (!event.target.closest) return;
  const pin = event.target.closest(".cw-pin[data-uid]");
  if (pin) { toggle(pin); return; }
  const root = event.target.closest(".cw-pins");
  const button = root && event.target.closest("button[data-action]");
  if (button) act(root, button);
});

// Another tab pinned or unpinned something.
window.addEventListener("storage", (event) => { if (event.key === KEY) refresh(); });

// Pin buttons a script adds later (search hits, 起草助手's precedents) show their state too.
new MutationObserver((changes) => {
  let items = null;
  for (const change of changes) {
    for (const node of change.addedNodes) {
      if (node.nodeType === 1) mark(node, items || (items = load()));
    }
  }
}).observe(document.body, { childList: true, subtree: true });

updateSnapshots();
refresh();
