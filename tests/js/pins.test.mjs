// The pinned set (pins_set.js) and the pins page's list (pins_list.js): what a stored set
// is read as, what a pin is headed by, the exports, and that a pin's words are drawn as text.
import { test } from "node:test";
import assert from "node:assert/strict";

import { cell, citationList, csv, cslItems, entryView, heading, readSet, ris, risDate, writeSet }
  from "../../theme/assets/crosswalk/pins_set.js";
import { fillEntry, renderList } from "../../theme/assets/crosswalk/pins_list.js";

// Citations as the build makes them for the bundled documents (data/provisions.json), with
// the heading each pin is to show, written out by hand.
const YUXI = "中共玉溪市委\u3000玉溪市人民政府《关于加强和完善城乡社区治理的实施意见》（2018年10月31日印发）"
  + "第二部分第（三）项第14条：“14.实行社区准入制度。”\nhttps://example.org/documents/yuxi-2018/#p2-3-14";
const HEADINGS = [
  [YUXI, "《关于加强和完善城乡社区治理的实施意见》", "第二部分第（三）项第14条"],
  ["中共玉溪市委\u3000玉溪市人民政府《关于加强和完善城乡社区治理的实施意见》（2018年10月31日印发）：“为深入贯彻……”",
   "《关于加强和完善城乡社区治理的实施意见》", ""],
  ["米易县政府办公室《加强和创新城乡社区治理的调研报告》（2021年12月24日发布）第三部分第（五）项：“（五）……”",
   "《加强和创新城乡社区治理的调研报告》", "第三部分第（五）项"],
  ["中共南充市委办公室\u3000南充市人民政府办公室《关于贯彻落实全面深化改革加强基层群众自治和创新城乡社区治理的意见》（征求意见稿，2017年10月30日成文）第四部分第（三）项：“（三）……”",
   "《关于贯彻落实全面深化改革加强基层群众自治和创新城乡社区治理的意见》", "第四部分第（三）项"],
  ["据《鑫报》2013年1月8日《兰州启动城市社区管理体制改革》一文“建立社区工作财政分级补贴制度”部分报道：“……”",
   "《兰州启动城市社区管理体制改革》", "“建立社区工作财政分级补贴制度”部分"],
  ["據《鑫報》2013年1月8日《蘭州啟動城市社區管理體制改革》一文報道：“……”", "《蘭州啟動城市社區管理體制改革》", ""],
  ["青海省民政廳政權處《關於加強和完善城鄉社區治理實施意見的起草說明》（2017年10月24日成文）第一部分：“一、……”",
   "《關於加強和完善城鄉社區治理實施意見的起草說明》", "第一部分"],
  // A title that quotes another: the whole title, not the part up to the inner 》.
  ["某市人民政府《关于贯彻《中华人民共和国城市居民委员会组织法》的意见》（2020年1月1日印发）第三条：“……”",
   "《关于贯彻《中华人民共和国城市居民委员会组织法》的意见》", "第三条"],
];

test("a pin is headed by its document's title and the clause's place, as its citation prints them", () => {
  assert.ok(HEADINGS.length > 0);
  for (const [citation, title, place] of HEADINGS) {
    assert.deepEqual(heading(citation), { title, place }, citation);
  }
});

test("a citation of another shape gives no heading", () => {
  for (const citation of ["", "yuxi-2018/p2-3-14", "某某《未完", "《标题》没有引文"]) {
    assert.equal(heading(citation), null, citation);
  }
});

const GOOD = { uid: "yuxi-2018/p2-3-14", path: "documents/yuxi-2018/#p2-3-14", data: "data/provisions/yuxi-2018.json.gz",
               hans: { citation: YUXI, text: "14.实行社区准入制度。" } };

test("the pins page shows a pin by its heading, in its own script's folder, with a note when words are missing", () => {
  assert.deepEqual(entryView(GOOD, "hans", "/kb/"), {
    uid: "yuxi-2018/p2-3-14", href: "/kb/documents/yuxi-2018/#p2-3-14",
    title: "《关于加强和完善城乡社区治理的实施意见》", place: "第二部分第（三）项第14条", note: "", citation: YUXI });
  const seen = entryView(GOOD, "hant", "/kb/zh-Hant/");   // pinned on a Simplified page only
  assert.equal(seen.href, "/kb/zh-Hant/documents/yuxi-2018/#p2-3-14");
  assert.equal(seen.note, "data-other-script");
  assert.equal(seen.title, "《关于加强和完善城乡社区治理的实施意见》");
  // Nothing read yet: the record's id is all there is, and the note says so.
  const bare = entryView({ uid: GOOD.uid, path: GOOD.path }, "hans", "/");
  assert.deepEqual([bare.title, bare.place, bare.note, bare.citation], [GOOD.uid, "", "data-unread", ""]);
});

test("a stored set is read entry by entry, and what does not fit is counted, never thrown on", () => {
  const phish = { uid: "yuxi-2018/p1", path: "/evil.example/phish", data: "/evil.example/data.json" };
  const cases = [
    [null, [], 0],
    ["{", [], 1],
    ["null", [], 1],
    ['{"items":{}}', [], 1],
    [JSON.stringify({ items: [phish] }), [], 1],
    [JSON.stringify({ items: [GOOD, phish, GOOD] }), [GOOD.uid], 2],
    [JSON.stringify({ items: [{ ...GOOD, uid: "yuxi-2018/p2-3-12\n" }, { ...GOOD, path: "https://evil.example/x" },
      { ...GOOD, path: "documents/../../x" }, { ...GOOD, path: "//evil.example/x" }, { ...GOOD, data: "data/x.json#y" },
      { ...GOOD, hans: { citation: 1, text: "" } }, { ...GOOD, hant: { citation: "x".repeat(20001), text: "" } },
      { ...GOOD, uid: "__proto__" }, null, 1, "x", []] }), [], 12],
    ['{"items":[{"uid":"a/b","path":"x/"}],"pad":"' + "x".repeat(4_000_001) + '"}', [], 1],
  ];
  for (const [raw, uids, dropped] of cases) {
    const set = readSet(raw);
    assert.deepEqual(set.items.map((item) => item.uid), uids, String(raw).slice(0, 80));
    assert.equal(set.dropped, dropped, String(raw).slice(0, 80));
  }
  // At most 5,000 entries are read; the rest are counted.
  const many = Array.from({ length: 5001 }, (_, i) => ({ uid: "doc-1/p" + i, path: "documents/doc-1/#p" + i }));
  const big = readSet(JSON.stringify({ items: many }));
  assert.deepEqual([big.items.length, big.items[4999].uid, big.dropped], [5000, "doc-1/p4999", 1]);
  const [kept] = readSet(writeSet([{ ...GOOD, extra: "<script>" }])).items;
  assert.deepEqual(kept, GOOD);   // unknown fields are not carried
});

test("the CSV starts with a BOM, quotes every cell and defuses formulas", () => {
  assert.equal(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  assert.equal(cell("-1"), "\"'-1\"");
  assert.equal(cell(2), "\"2\"");
  const pin = { uid: "a/b", path: "documents/a/#b", hans: { citation: "《甲》第1条：“@x”", text: "@x" } };
  assert.equal(csv(["序号", "出处", "条文", "链接", "记录编号"], [pin], "hans", (item) => "https://e.org/" + item.path),
    "\ufeff\"序号\",\"出处\",\"条文\",\"链接\",\"记录编号\"\r\n"
    + "\"1\",\"《甲》第1条：“@x”\",\"'@x\",\"https://e.org/documents/a/#b\",\"a/b\"\r\n");
  assert.equal(citationList([pin, { ...pin, hans: { citation: "《乙》", text: "" } }], "hans"), "1. 《甲》第1条：“@x”\n\n2. 《乙》\n");
});

test("RIS and CSL-JSON carry the document's item with the pin's citation and the day of access", () => {
  const documents = [{ id: "yuxi-2018", type: "webpage", title: "关于加强和完善城乡社区治理的实施意见",
    author: [{ literal: "中共玉溪市委" }, { literal: "玉溪市人民政府" }], issued: { "date-parts": [[2018, 10, 31]] },
    URL: "https://example.org/documents/yuxi-2018/", language: "zh-CN" }];
  const items = cslItems(documents, [GOOD, { uid: "gone-2000/p1", path: "x/", hans: { citation: "c", text: "" } }], "hans",
    (item) => "https://example.org/" + item.path, new Date(2026, 0, 5));
  assert.equal(items[0].id, GOOD.uid);
  assert.equal(items[0].URL, "https://example.org/documents/yuxi-2018/#p2-3-14");
  assert.equal(items[0].note, YUXI);
  assert.deepEqual(items[0].accessed, { "date-parts": [[2026, 1, 5]] });
  assert.deepEqual(items[1], { type: "webpage", title: "gone-2000/p1", id: "gone-2000/p1", note: "c",
                               accessed: { "date-parts": [[2026, 1, 5]] } });
  assert.equal(risDate([2018, 10, 31]), "2018/10/31/");
  assert.equal(risDate([2018]), "2018///");
  assert.equal(ris(items.slice(0, 1)), ["TY  - ELEC", "ID  - yuxi-2018/p2-3-14", "AU  - 中共玉溪市委", "AU  - 玉溪市人民政府",
    "TI  - 关于加强和完善城乡社区治理的实施意见", "PY  - 2018", "DA  - 2018/10/31/",
    "UR  - https://example.org/documents/yuxi-2018/#p2-3-14", "Y2  - 2026/01/05/", "LA  - zh-CN",
    "N1  - " + YUXI.replace("\n", " "), "ER  - ", ""].join("\r\n"));
});

// --- drawing: a stand-in for the few DOM members the list uses ------------------------------
// It has no innerHTML, insertAdjacentHTML or outerHTML that parse: markup set through any of
// them is recorded (or throws), so a pin drawn as HTML fails here.

class Node {
  constructor(className) {
    this.className = className;
    this.attributes = {};
    this.text = "";
    this.markup = [];
    this.children = [];
    this.hidden = false;
  }
  set textContent(value) { this.text = String(value); this.children = []; }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(""); }
  set innerHTML(value) { this.markup.push(value); }
  set outerHTML(value) { this.markup.push(value); }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  appendChild(child) { this.children.push(child); return child; }
}

function entryNode() {
  const parts = { ".cw-pins__cite a": new Node("link"), ".cw-pins__title": new Node("cw-pins__title"),
    ".cw-pins__place": new Node("cw-pins__place"), ".cw-pins__note": new Node("cw-pins__note"),
    ".cw-pins__text": new Node("cw-pins__text") };
  const entry = new Node("cw-pins__entry");
  entry.parts = parts;
  entry.querySelector = (selector) => parts[selector];
  return entry;
}

const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">《标题<b>》';

test("a pin whose words hold markup shows the markup as text", () => {
  const pin = { uid: "yuxi-2018/p2-3-14", path: "documents/yuxi-2018/#p2-3-14",
                hans: { citation: HOSTILE + "（2018年）第1条<img src=y onerror=alert(1)>：“" + HOSTILE + "”", text: HOSTILE } };
  const entry = fillEntry(entryNode(), entryView(pin, "hans", "/"), (name) => name);
  const { parts } = entry;
  assert.equal(parts[".cw-pins__title"].textContent, "《标题<b>》");
  assert.equal(parts[".cw-pins__place"].textContent, "第1条<img src=y onerror=alert(1)>");
  assert.equal(parts[".cw-pins__text"].textContent, pin.hans.citation);
  assert.equal(parts[".cw-pins__cite a"].getAttribute("href"), "/documents/yuxi-2018/#p2-3-14");
  for (const node of [entry, ...Object.values(parts)]) assert.deepEqual(node.markup, [], node.className);
});

test("the list is drawn from the page's template, with its count, tools and notes", () => {
  const made = [];
  const parts = { ".cw-pins__list": new Node("list"), ".cw-pins__n": new Node("n"), ".cw-pins__tools": new Node("tools"),
    ".cw-pins__empty": new Node("empty"),
    "template.cw-pins__item": { content: { firstElementChild: { cloneNode: (deep) => {
      assert.equal(deep, true);
      const e = entryNode();
      made.push(e);
      return e;
    } } } } };
  const root = new Node("cw-pins");
  root.querySelector = (selector) => parts[selector];
  root.setAttribute("data-unread", "（未能读取此条的引文）");
  parts[".cw-pins__list"].textContent = "stale";
  const pins = [GOOD, { uid: "lanzhou-2013/p1", path: "documents/lanzhou-2013/#p1" }];
  renderList(root, pins.map((pin) => entryView(pin, "hans", "/")));
  assert.equal(made.length, 2);
  assert.deepEqual(parts[".cw-pins__list"].children, made);
  assert.equal(parts[".cw-pins__list"].text, "");
  assert.equal(made[0].getAttribute("data-uid"), GOOD.uid);
  assert.equal(made[0].parts[".cw-pins__title"].textContent, "《关于加强和完善城乡社区治理的实施意见》");
  assert.equal(made[1].parts[".cw-pins__title"].textContent, "lanzhou-2013/p1");
  assert.equal(made[1].parts[".cw-pins__note"].textContent, "（未能读取此条的引文）");
  assert.equal(parts[".cw-pins__n"].textContent, "2");
  assert.deepEqual([parts[".cw-pins__tools"].hidden, parts[".cw-pins__empty"].hidden], [false, true]);
  renderList(root, []);
  assert.deepEqual(parts[".cw-pins__list"].children, []);
  assert.deepEqual([parts[".cw-pins__n"].textContent, parts[".cw-pins__tools"].hidden, parts[".cw-pins__empty"].hidden],
                   ["0", true, false]);
});
