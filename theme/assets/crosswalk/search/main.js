// Clause search, the entry module (loaded with type="module"): the header box (a dropdown
// of top hits) and the search page (filters in the URL).  The index (docs/search-format.md)
// is static files under search-index/, fetched a few at a time: one bucket per query token,
// the files of the filters chosen, the hits on screen.  Every request stays on the site's
// origin, and data is only ever inserted as text.

import { tokens } from "./tokenizer.js";
import { httpSource, loader } from "./index.js";
import { facetList, run as runQuery } from "./query.js";
import { headerBox } from "./header.js";
import { searchPage } from "./page.js";
import { draftPage } from "./draft.js";
import { isSentence, rankSentence, sentences } from "./closeness.js";
import { closeRun } from "./closequery.js";
import { rankDraft } from "./draftplan.js";
import { pageRoots } from "../root.js";

// --- where things are -------------------------------------------------------------------
// The index is shared at the Simplified build's root, which a Traditional page finds as
// every script does (root.js).
const ROOTS = pageRoots();
const HANT = ROOTS.script === "hant";
const BUILD_ROOT = ROOTS.build;
const SITE_ROOT = ROOTS.site;
const INDEX = new URL("search-index/", SITE_ROOT);

// What a reader sees when a file of the index could not be had, in the page's script.
const FAILED = HANT
  ? { network: "檢索暫不可用：索引文件未能載入（網絡錯誤），請稍後重試。",
      status: "檢索暫不可用：索引文件未能載入（伺服器回應 #），請稍後重試。",
      bytes: "檢索暫不可用：索引文件已損壞或不完整，請刷新頁面後重試。",
      other: "檢索暫不可用，請刷新頁面後重試。" }
  : { network: "检索暂不可用：索引文件未能载入（网络错误），请稍后重试。",
      status: "检索暂不可用：索引文件未能载入（服务器响应 #），请稍后重试。",
      bytes: "检索暂不可用：索引文件已损坏或不完整，请刷新页面后重试。",
      other: "检索暂不可用，请刷新页面后重试。" };

function failed(err) {
  if (typeof console !== "undefined") console.error(err);
  const status = err && err.reason === "status" ? /\((\d+)\)/.exec(err.message) : null;
  const text = FAILED[err && err.reason] || FAILED.other;   // not the index's fault: a bug
  return text.replace("#", status ? status[1] : "");
}

const loadEngine = loader(httpSource(INDEX, (url, init) => fetch(url, init)), { hant: HANT });

function run(query, filters) {
  return loadEngine().then((e) => runQuery(e, query, filters));
}

// A sentence, or a phrase listed by relevance, ranked by closeness (closequery.js).
function close(query, filters, sentence) {
  return loadEngine().then((e) => closeRun(e, query, filters, { sentence, hant: HANT }));
}

const search = {
  run, close, load: loadEngine, failed, site: { buildRoot: BUILD_ROOT, hant: HANT },
  // Before the manifest is in, only the width of the query decides (its t2s map changes no length).
  isSentence: (q) => isSentence(q, null),
};

function start() {
  const form = document.querySelector("form.cw-search");
  const root = document.getElementById("cw-search-page");
  const page = root ? searchPage(root, search) : null;
  if (form) {
    const input = headerBox(form, page, search);
    if (page) { input.value = page.state.q; page.refresh(); }
  }
  const desk = document.getElementById("cw-draft-page");
  if (desk) draftPage(desk, search);
}

// For tests and the benchmark: the same steps the page takes.
window.crosswalkSearch = {
  tokens, run, loadEngine, facetList,
  hitData: (e, numbers) => e.hitData(numbers),
  rankSentence, rankDraft, sentences,
};

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
