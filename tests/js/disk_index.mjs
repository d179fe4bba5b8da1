// The search index on disk, opened through the same fetch layer as in the browser: only fetch
// itself reads the disk.  Shared by the Node runners the Python tests call (parity.mjs,
// draft_eval.mjs).

import { readFile } from "node:fs/promises";
import { pathToFileURL, fileURLToPath } from "node:url";

import { httpSource, loader } from "../../theme/assets/crosswalk/search/index.js";

// The engine over the index in `dir`; `onRead(path)` hears each file read, relative to `dir`.
// fetch for file: URLs answers a missing file with 404; the version query (?v=) is ignored,
// as a static server ignores it.
export async function openIndex(dir, onRead = () => {}) {
  const base = pathToFileURL(dir.endsWith("/") ? dir : dir + "/");
  async function diskFetch(url) {
    const u = new URL(url);
    onRead(decodeURIComponent(u.pathname.slice(base.pathname.length)));
    try {
      return new Response(await readFile(fileURLToPath(u)));
    } catch (err) {
      if (err.code === "ENOENT") return new Response(null, { status: 404 });
      throw err;
    }
  }
  return loader(httpSource(base, diskFetch))();
}
