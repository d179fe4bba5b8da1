// A 相似条款 panel read on opening (precedent_links.js): the links of a record's row in its
// document's data file, in the page's script, under the page's build root.
import { test } from "node:test";
import assert from "node:assert/strict";

import { listOf, precedentLinks } from "../../theme/assets/crosswalk/precedent_links.js";

// A row's field as generator/site/exports.py writes it (docs: data page, provisions/<文件编号>.json.gz).
const row = {
  id: "a-2020/p1",
  precedents: [
    { url: "documents/b-2019/#p2-3", name: "瑞丰市 2019 第三条", name_hant: "瑞豐市 2019 第三條", coverage: 0.305882, shared_chars: 108 },
    { url: "documents/c-2018/#para1", name: "乐宁县 2018 ", name_hant: "樂寧縣 2018 ", coverage: 0.625, shared_chars: 20 },
  ],
};

test("each link in the page's script, its address under the page's own build", () => {
  const hans = precedentLinks(row, "hans", new URL("https://x.org/kb/"));
  assert.deepEqual(hans, [
    { href: "https://x.org/kb/documents/b-2019/#p2-3", name: "瑞丰市 2019 第三条", coverage: 0.305882, shared: 108 },
    { href: "https://x.org/kb/documents/c-2018/#para1", name: "乐宁县 2018 ", coverage: 0.625, shared: 20 },
  ]);
  const hant = precedentLinks(row, "hant", new URL("https://x.org/kb/zh-Hant/"));
  assert.deepEqual(hant.map((l) => [l.href, l.name]), [
    ["https://x.org/kb/zh-Hant/documents/b-2019/#p2-3", "瑞豐市 2019 第三條"],
    ["https://x.org/kb/zh-Hant/documents/c-2018/#para1", "樂寧縣 2018 "],
  ]);
  assert.deepEqual(precedentLinks({ id: "a/p" }, "hans", new URL("https://x.org/")), []);
});

// Just enough of a document for listOf: elements that keep their children and text.
function fakeDocument() {
  const make = (tag) => ({
    tag, className: "", href: "", textContent: "", children: [],
    append(...items) { this.children.push(...items); },
  });
  return { createElement: make };
}

// The line as the page's data-later-meta gives it (templates/_record.html), in each script.
const META = "相近度 #% · 共用措辞 # 字";

test("the list is one item a link, its name as text and the 相近度 and shared count after it", () => {
  const list = listOf(fakeDocument(), precedentLinks(row, "hans", new URL("https://x.org/")), META);
  assert.equal(list.tag, "ol");
  assert.equal(list.className, "cw-precedents__list");
  assert.equal(list.children.length, 2);
  const [a, space, meta] = list.children[0].children;
  assert.deepEqual([a.tag, a.href, a.textContent, space], ["a", "https://x.org/documents/b-2019/#p2-3", "瑞丰市 2019 第三条", " "]);
  assert.deepEqual([meta.tag, meta.className, meta.textContent], ["span", "cw-precedents__meta", "相近度 31% · 共用措辞 108 字"]);
  // 0.625 is 62.5 % exactly: shown as the desk shows it, halves up (63), not to the even 62.
  assert.equal(list.children[1].children[2].textContent, "相近度 63% · 共用措辞 20 字");
  const hant = listOf(fakeDocument(), precedentLinks(row, "hant", new URL("https://x.org/")), "相近度 #% · 共用措辭 # 字");
  assert.equal(hant.children[0].children[2].textContent, "相近度 31% · 共用措辭 108 字");
});

test("an address that would leave the build is not made a link", () => {
  const hostile = { id: "a/p", precedents: [
    { url: "javascript:alert(1)", name: "x", name_hant: "x", shared_chars: 1 },
    { url: "https://elsewhere.example/documents/b/", name: "y", name_hant: "y", shared_chars: 1 },
    { url: "//elsewhere.example/", name: "z", name_hant: "z", shared_chars: 1 },
    { url: "../../outside/", name: "w", name_hant: "w", shared_chars: 1 },
    { url: "documents/b-2019/#p1", name: "瑞丰市 2019", name_hant: "瑞豐市 2019", shared_chars: 3 },
  ] };
  assert.deepEqual(precedentLinks(hostile, "hans", new URL("https://x.org/kb/zh-Hant/")).map((l) => l.href),
                   ["https://x.org/kb/zh-Hant/documents/b-2019/#p1"]);
});
