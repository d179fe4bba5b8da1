// Data files the build gzips (search hits, each document's records), read as JSON.
//
// The bytes are gzip unless a server has already undone it (one that sends a .gz file with
// Content-Encoding: gzip): the two are told apart by gzip's first two bytes, 1f 8b, which
// no JSON text starts with.  The browser's DecompressionStream inflates them; a browser
// without it (Chrome before 80, Firefox before 113, Safari before 16.4) fetches fflate,
// kept with the site under assets/vendor/, the first time it needs it.

const DECODER = new TextDecoder("utf-8", { fatal: true });
const FALLBACK = new URL("../vendor/fflate/browser.js", import.meta.url).href;

export function isGzip(bytes) {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

let fflate = null;   // the fallback's module, once asked for; forgotten if it failed to load

function inflateWithout(bytes) {
  if (!fflate) {
    fflate = import(FALLBACK);
    fflate.catch(() => { fflate = null; });
  }
  return fflate.then((lib) => lib.gunzipSync(bytes));
}

// `bytes` (a Uint8Array) inflated if they are gzip, else as they are.
export async function inflate(bytes) {
  if (!isGzip(bytes)) return bytes;
  if (typeof DecompressionStream !== "function") return inflateWithout(bytes);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// The JSON value of `bytes`, gzipped or not; rejects on bytes that are not UTF-8 JSON.
export async function jsonOf(bytes) {
  return JSON.parse(DECODER.decode(await inflate(bytes)));
}
