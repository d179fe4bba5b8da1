// Where a hit's text shows the query: ranges of characters, and the text cut around them.
// Pure functions; hit.js turns the pieces into DOM.

import { RUN, simplifiedChars } from "./tokenizer.js";

// Ranges [start, end) in the Simplified characters where the query's terms occur, sorted
// and merged; a term that does not occur whole (matched bigram by bigram) is marked by its
// bigrams.
export function matchRanges(chars, terms) {
  const hay = Array.from(chars.join("").toLowerCase());
  const ranges = [];
  function mark(needle) {
    const n = Array.from(needle.toLowerCase());
    if (!n.length) return false;
    let found = false;
    for (let i = 0; i + n.length <= hay.length; i++) {
      let ok = true;
      for (let j = 0; j < n.length && ok; j++) ok = hay[i + j] === n[j];
      if (ok) { ranges.push([i, i + n.length]); found = true; }
    }
    return found;
  }
  for (const term of terms) {
    const clean = (term.normalize("NFKC").match(RUN) || []).join("");
    if (!clean || mark(clean)) continue;
    const cs = Array.from(clean);
    for (let i = 0; i + 1 < cs.length; i++) mark(cs[i] + cs[i + 1]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r.slice());
  }
  return merged;
}

// The text as pieces [{text, mark}], its matches marked, cut to `room` characters around
// the first match ("…" where cut).  The text is shown in the page's script; matching is on
// its Simplified characters, which stand one for one.
export function snippet(text, terms, map, room) {
  const shown = Array.from(text);
  const ranges = matchRanges(simplifiedChars(text, map), terms);
  let start = 0, end = shown.length;
  if (room && shown.length > room) {
    const first = ranges.length ? ranges[0][0] : 0;
    start = Math.max(0, Math.min(first - Math.floor(room / 4), shown.length - room));
    end = start + room;
  }
  const out = [];
  const plain = (s) => { if (s) out.push({ text: s, mark: false }); };
  if (start > 0) plain("…");
  let pos = start;
  for (const [a0, b0] of ranges) {
    const a = Math.max(a0, start), b = Math.min(b0, end);
    if (a >= b || a < pos) continue;
    if (a > pos) plain(shown.slice(pos, a).join(""));
    out.push({ text: shown.slice(a, b).join(""), mark: true });
    pos = b;
  }
  if (pos < end) plain(shown.slice(pos, end).join(""));
  if (end < shown.length) plain("…");
  return out;
}
