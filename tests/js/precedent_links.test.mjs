// A 相似条款 panel read on opening (precedent_links.js): the links of a record's row in its
// document's data file, in the page's script, under the page's build root.
import { test } from "node:test";
import assert from "node:assert/strict";

import { listOf, precedentLinks } from "../../theme/assets/crosswalk/precedent_links.js";

// A row's field as generator/site/exports.py writes it (docs: data page, provisions/<文件编号>.json.gz).
const row = {
  id: "a-2020/p1",
  precedents: [
    { url: "documents/b-2019/#p2-3", name: "瑞丰市 2019 第三条", name_hant: "瑞豐市 2019 第三條", shared_chars: 108 },
    { url: "documents/c-2018/#para1", name: "乐宁县 2018 ", name_hant: "樂寧縣 2018 ", shared_chars: 20 },
  ],
};

test("each link in the page's script, its address under the page's own build", () => {
  const hans = precedentLinks(row, "hans", new URL("https://x.org/kb/"));
  assert.deepEqual(hans, [
    { href: "https://x.org/kb/documents/b-2019/#p2-3", name: "瑞丰市 2019 第三条", shared: 108 },
    { href: "https://x.org/kb/documents/c-2018/#para1", name: "乐宁县 2018 ", shared: 20 },
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

test("the list is one item a link, its name as text and the shared count after it", () => {
  const list = listOf(fakeDocument(), precedentLinks(row, "hans", new URL("https://x.org/")));
  assert.equal(list.tag, "ol");
  assert.equal(list.className, "cw-precedents__list");
  assert.equal(list.children.length, 2);
  const [a, rest] = list.children[0].children;
  assert.deepEqual([a.tag, a.href, a.textContent, rest], ["a", "https://x.org/documents/b-2019/#p2-3", "瑞丰市 2019 第三条", " 共用 108 字"]);
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
