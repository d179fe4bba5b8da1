// Query tokens, as docs/search-format.md §4 and §11 define them; they must match the
// records' tokens made by the Python writer (generator/search/records.py tokens()).

// Han ideographs: 〇, Extension A, the basic block, compatibility ideographs, Extensions B–I.
export const HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}";
// Runs of letters and digits (categories L and N); everything else separates them.
export const RUN = /[\p{L}\p{N}]+/gu;
const PIECE = new RegExp("[" + HAN + "]+|[^" + HAN + "]+", "gu");
const HAN_RUN = new RegExp("^[" + HAN + "]+$", "u");

// A term's tokens: the adjacent pairs of each Han piece (a lone character itself), each
// other piece whole; after NFKC and lower case.
export function tokens(text) {
  const out = [];
  for (const run of text.normalize("NFKC").toLowerCase().match(RUN) || []) {
    for (const piece of run.match(PIECE)) {
      const chars = Array.from(piece);
      if (HAN_RUN.test(piece)) {
        for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
        if (chars.length === 1) out.push(piece);
      } else {
        out.push(piece);
      }
    }
  }
  return out;
}

// The manifest's t2s string as a map: pairs of code points, not of UTF-16 units.
export function charMap(t2s) {
  const map = new Map();
  const chars = Array.from(t2s || "");
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
  return map;
}

// One character in, one character out, so positions in the result match the input's.
export function simplifiedChars(text, map) {
  return Array.from(text, (ch) => map.get(ch) || ch);
}

// Quoted phrases ("…", “…”, 「…」, 『…』) and the rest, split on spaces.  Every term must
// occur; a term occurs when all its tokens do.
const QUOTED = /"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』/g;

// {terms, tokens}: the terms (for highlighting) and their distinct tokens, in order.
export function parseQuery(raw, map) {
  const text = simplifiedChars(raw || "", map).join("");
  const quoted = [];
  const rest = text.replace(QUOTED, (m, a, b, c, d) => { quoted.push(a || b || c || d); return " "; });
  const terms = quoted.concat(rest.split(/\s+/)).filter((t) => tokens(t).length);
  const toks = [];
  for (const t of terms) for (const k of tokens(t)) if (!toks.includes(k)) toks.push(k);
  return { terms, tokens: toks };
}
