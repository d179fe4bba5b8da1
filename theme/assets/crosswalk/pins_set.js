// The pinned set (摘录夹) without the page: reading what localStorage holds, what each pin
// is headed by, and the exports (CSV, citation list, RIS, CSL-JSON).  pins.js does the page.

// --- reading the stored set ---------------------------------------------------------------
// The stored set is not trusted: another script on the origin, an older version of this
// one or a hand edit may have written it.  Each entry is read against what a pin writes
// (known fields, a record id, paths under the site's root that cannot name another origin,
// bounded sizes); one that does not fit is left out and counted for the notice, never
// thrown on, so that every page, and the pins page that can clear the set, still works.
export const LIMIT = { stored: 4000000, items: 5000, words: 20000 };
const UID = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;
// Relative: no leading / or \, no "//", no "." or ".." segment, an optional #anchor.
const PATH = /^(?!.*\/\/)(?!(?:.*\/)?\.\.?(?:[\/#]|$))[A-Za-z0-9_-][A-Za-z0-9._\/-]*(?:#[A-Za-z0-9._-]*)?$/;
export const SCRIPTS = ["hans", "hant"];

function words(value) {
  return value && typeof value === "object" && typeof value.citation === "string" && typeof value.text === "string"
    && value.citation.length <= LIMIT.words && value.text.length <= LIMIT.words
    ? { citation: value.citation, text: value.text } : null;
}

// The entry as a pin would have written it, or null.
function entry(item, seen) {
  if (!item || typeof item !== "object" || Array.isArray(item)) return null;
  if (typeof item.uid !== "string" || !UID.test(item.uid) || seen.has(item.uid)) return null;
  if (typeof item.path !== "string" || !PATH.test(item.path)) return null;
  const out = { uid: item.uid, path: item.path };
  if (item.data != null) {
    if (typeof item.data !== "string" || !PATH.test(item.data) || item.data.includes("#")) return null;
    out.data = item.data;
  }
  for (const s of SCRIPTS) {
    if (item[s] == null) continue;
    if (!(out[s] = words(item[s]))) return null;
  }
  seen.add(item.uid);
  return out;
}

// {items, dropped} of the stored text ``raw`` (null when nothing is stored).
export function readSet(raw) {
  if (!raw) return { items: [], dropped: 0 };
  let data = null;
  try { data = raw.length <= LIMIT.stored ? JSON.parse(raw) : null; } catch (e) { /* counted below */ }
  if (!data || typeof data !== "object" || !Array.isArray(data.items)) return { items: [], dropped: 1 };
  const items = [];
  const seen = new Set();
  let dropped = 0;
  data.items.forEach((item, i) => {
    const ok = i < LIMIT.items ? entry(item, seen) : null;
    if (ok) items.push(ok); else dropped += 1;
  });
  return { items, dropped };
}

export function writeSet(items) {
  return JSON.stringify({ version: 1, items });
}

export function indexOf(items, uid) {
  return items.findIndex((item) => item.uid === uid);
}

// What a pin keeps of a record's wording in both scripts (not its GB/T 7714 form).
export function kept(found) {
  return { hans: { citation: found.hans.citation, text: found.hans.text },
           hant: { citation: found.hant.citation, text: found.hant.text } };
}

// The pin's wording in ``script``, else in the other, else none.
export function wordingIn(item, script) {
  return item[script] || item[script === "hans" ? "hant" : "hans"] || { citation: "", text: "" };
}

// --- what a pin is headed by ----------------------------------------------------------------
// The document's title and the clause's place in its numbering, as the citation the build
// made prints them (generator/analysis/citations.py, head_marked):
//   organs《title》（文号，genre，date）locator：“quote”
//   据《paper》date《title》一文locator报道：“quote”
// cut out of it, never rebuilt, so it is in the script the citation is in.

// Each 《…》 at the top level of ``text`` as [start, end) (nested 《》 and 〈〉 kept inside).
function titles(text) {
  const found = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "《") { if (depth++ === 0) start = i; }
    else if (text[i] === "》" && depth > 0 && --depth === 0) found.push([start, i + 1]);
  }
  return found;
}

// ``text`` from ``at`` on, without a bracketed part that starts there (the 文号 and date).
function pastBrackets(text, at) {
  if (text[at] !== "（") return at;
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    if (text[i] === "（") depth += 1;
    else if (text[i] === "）" && --depth === 0) return i + 1;
  }
  return at;
}

// {title: "《…》", place: "第二部分第（一）项" or ""}, or null for a citation of another shape.
export function heading(citation) {
  const found = titles(citation);
  const news = /^[据據]《/.test(citation);
  const title = found[news ? 1 : 0];
  if (!title) return null;
  let rest = citation.slice(pastBrackets(citation, title[1]));
  if (news) rest = rest.replace(/^一文/, "");
  const end = rest.indexOf("：“");
  if (end < 0) return null;
  let place = rest.slice(0, end);
  if (news) place = place.replace(/[报報]道$/, "");
  return { title: citation.slice(title[0], title[1]), place };
}

// What the pins page shows of a pin: its heading, its link, a note when its wording is
// missing or from the other script (the note's name on the page), its citation.
export function entryView(item, script, scriptRoot) {
  const words = wordingIn(item, script);
  const head = heading(words.citation);
  return {
    uid: item.uid,
    href: scriptRoot + item.path,
    // A pin whose wording was never read has nothing else to go by.
    title: head ? head.title : item.uid,
    place: head ? head.place : "",
    note: item.hans || item.hant ? (item[script] ? "" : "data-other-script") : "data-unread",
    citation: words.citation,
  };
}

// --- the exports ------------------------------------------------------------------------------

// A spreadsheet would run a cell that starts like a formula.
export function cell(value) {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
  return '"' + text.replace(/"/g, '""') + '"';
}

// ``columns`` the header; ``absolute(item)`` a pin's full address.
export function csv(columns, items, script, absolute) {
  const rows = [columns];
  items.forEach((item, i) => {
    const words = wordingIn(item, script);
    rows.push([i + 1, words.citation, words.text, absolute(item), item.uid]);
  });
  // The BOM lets Excel, which officials open CSV files with, detect UTF-8.
  return "\ufeff" + rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function citationList(items, script) {
  return items.map((item, i) => (i + 1) + ". " + wordingIn(item, script).citation).join("\n\n") + "\n";
}

// Each pin as its document's CSL-JSON item (data/citations.csl.json, ``documents`` as the
// build made it) with the record's own citation as a note, its address where the item has
// one, and ``today`` as the day of access.
export function cslItems(documents, items, script, absolute, today) {
  const byId = new Map(documents.map((item) => [item.id, item]));
  return items.map((item) => {
    const doc = byId.get(item.uid.split("/")[0]) || { type: "webpage", title: item.uid };
    const out = Object.assign({}, doc, { id: item.uid, note: wordingIn(item, script).citation,
      accessed: { "date-parts": [[today.getFullYear(), today.getMonth() + 1, today.getDate()]] } });
    if (doc.URL) out.URL = absolute(item);
    return out;
  });
}

const RIS_TYPE = { "article-newspaper": "NEWS", report: "RPRT", webpage: "ELEC" };

export function risDate(parts) {
  return [parts[0], ("0" + (parts[1] || "")).slice(-2), ("0" + (parts[2] || "")).slice(-2)]
    .map((p) => (p === "0" ? "" : p)).join("/") + "/";
}

export function ris(cslList) {
  const lines = [];
  cslList.forEach((item) => {
    const tag = (name, value) => { if (value) lines.push(name + "  - " + String(value).replace(/\s*\n\s*/g, " ")); };
    tag("TY", RIS_TYPE[item.type] || "GEN");
    tag("ID", item.id);
    (item.author || []).forEach((a) => tag("AU", a.literal));
    tag("TI", item.title);
    tag("T2", item["container-title"]);
    tag("M1", item.number);
    const issued = item.issued && item.issued["date-parts"][0];
    if (issued) { tag("PY", issued[0]); tag("DA", risDate(issued)); }
    tag("PB", item.publisher);
    tag("UR", item.URL);
    tag("Y2", risDate(item.accessed["date-parts"][0]));
    tag("LA", item.language);
    tag("N1", item.note);
    lines.push("ER  - ", "");
  });
  return lines.join("\r\n");
}
