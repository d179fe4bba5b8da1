// A record's wording, from its document's data file.  A page names the file
// (data/provisions/<doc-id>.json.gz) on the nearest data-provisions; it holds each record's
// citations in both scripts and where each quote sits in them, as the build made them (the
// same rows as provisions.json): never rebuilt here.  Used by the record buttons
// (crosswalk.js) and the pins (pins.js).

// The module that reads the gzipped data files, loaded on first use.
let gunzip = null;

function jsonOf(bytes) {
  if (!gunzip) {
    gunzip = import("./gunzip.js");
    gunzip.catch(() => { gunzip = null; });
  }
  return gunzip.then((module) => module.jsonOf(bytes));
}

// §10 of docs/search-format.md: the quote sits in its citation with its quotation marks one
// level down (“” ↔ ‘’); it is cut out by code points and turned back.
const NEST = { "\u201c": "\u2018", "\u201d": "\u2019", "\u2018": "\u201c", "\u2019": "\u201d" };

// {hans: {citation, gbt, text}, hant: …} of a row of provisions.json.
export function wording(row) {
  const out = {};
  for (const [script, suffix] of [["hans", ""], ["hant", "_hant"]]) {
    const cite = row["citation" + suffix] || "";
    const span = row["quote" + suffix] || [0, 0];
    out[script] = {
      citation: cite,
      gbt: row["citation_gbt" + suffix] || "",
      text: Array.from(cite).slice(span[0], span[1]).map((ch) => NEST[ch] || ch).join(""),
    };
  }
  return out;
}

// GB/T 7714's [引用日期]: an online entry holds this slot (citations.ACCESS_SLOT) where the
// day of access goes, and the copy gets the day it is made.
const ACCESS_SLOT = "[\u5f15\u7528\u65e5\u671f]";

export function accessed(entry, now) {
  const day = now || new Date();
  const two = (n) => ("0" + n).slice(-2);
  return entry.split(ACCESS_SLOT).join("[" + day.getFullYear() + "-" + two(day.getMonth() + 1) + "-" + two(day.getDate()) + "]");
}

const files = new Map();   // URL → {rows: by id, once loaded; promise}

function load(url) {
  if (!files.has(url)) {
    const file = { rows: null };
    files.set(url, file);
    file.promise = fetch(url).then((response) => {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.arrayBuffer();
    }).then((buffer) => jsonOf(new Uint8Array(buffer))).then((rows) => {
      const byId = new Map(rows.map((row) => [row.id, row]));
      return (file.rows = byId);
    });
    file.promise.catch(() => { files.delete(url); });   // a later click tries again
  }
  return files.get(url);
}

// The data file that holds the record whose buttons hold ``element`` (an absolute URL).
export function fileUrlOf(element) {
  const holder = element.closest("[data-provisions]");
  return holder ? new URL(holder.getAttribute("data-provisions"), location.href).href : null;
}

// The file, as it is read; none for buttons that carry their citation.
export function fileOf(element) {
  const url = fileUrlOf(element);
  return url ? load(url) : null;
}

function uidOf(element) {
  const actions = element.closest(".cw-actions");
  const pin = actions && actions.querySelector(".cw-pin[data-uid]");
  return pin ? pin.getAttribute("data-uid") : null;
}

function rowIn(rows, uid) {
  if (!rows.has(uid)) throw new Error("no record " + uid);
  return rows.get(uid);
}

function rowOf(rows, uid) {
  return wording(rowIn(rows, uid));
}

// The wording of the record whose buttons hold ``element``: {ready} if its file is read,
// else {promise}, so that a copy can still happen inside the click.
export function wordingNow(element) {
  const file = fileOf(element);
  const uid = uidOf(element);
  if (!file || !uid) return { promise: Promise.reject(new Error("no data file for this record")) };
  if (file.rows) return { ready: rowOf(file.rows, uid) };
  return { promise: file.promise.then((rows) => rowOf(rows, uid)) };
}

export function wordingOf(element) {
  const w = wordingNow(element);
  return w.ready ? Promise.resolve(w.ready) : w.promise;
}

// Record ``uid``'s row as the data file at ``url`` has it.
export function rowAt(url, uid) {
  return load(url).promise.then((rows) => rowIn(rows, uid));
}

// The wording of record ``uid`` in the data file at ``url``.
export function wordingAt(url, uid) {
  return load(url).promise.then((rows) => rowOf(rows, uid));
}
