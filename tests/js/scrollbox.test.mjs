// What the scroll boxes (scrollbox_name.js) and printed links (print_address.js) decide,
// given stand-ins for the elements the page would pass.
import { test } from "node:test";
import assert from "node:assert/strict";

import { labelOf, nameOf, overflows } from "../../theme/assets/crosswalk/scrollbox_name.js";
import { printedAddress } from "../../theme/assets/crosswalk/print_address.js";

// An element with the members the functions read.
function el(tag, text = "", more = {}) {
  return { tagName: tag, textContent: text, previousElementSibling: null, querySelector: () => null,
           closest: () => null, ...more };
}

test("a box scrolls when its content is wider by more than a pixel", () => {
  assert.equal(overflows(801, 800), false);
  assert.equal(overflows(802, 800), true);
  assert.equal(overflows(500, 800), false);
});

test("a box is named by its caption, else the heading before it, else its section's", () => {
  const captioned = el("DIV", "", { querySelector: (s) => (s === "caption, svg > title" ? el("CAPTION", " 量化指标 ") : null) });
  assert.equal(nameOf(captioned), "量化指标");
  const heading = el("H2", "责任矩阵¶");
  const after = el("DIV", "", { previousElementSibling: el("P", "说明", { previousElementSibling: heading }) });
  assert.equal(nameOf(after), "责任矩阵");
  const section = el("SECTION", "", { querySelector: (s) => (s === "h1, h2, h3, h4, figcaption" ? el("H3", " 图一¶ ") : null) });
  assert.equal(nameOf(el("DIV", "", { closest: (s) => (s === "section, figure" ? section : null) })), "图一");
  assert.equal(nameOf(el("DIV")), "");
  assert.equal(labelOf("责任矩阵", "可左右滚动"), "责任矩阵（可左右滚动）");
  assert.equal(labelOf("", "可左右捲動"), "可左右捲動");
});

// A link: its written href, its resolved address, its text, classes and the containers it is in.
function link(href, text, { classes = [], inside = [] } = {}) {
  const resolved = href === null ? "" : new URL(href, "https://example.org/kb/documents/yuxi-2018/").href;
  return { getAttribute: (n) => (n === "href" ? href : null), href: resolved, textContent: text,
           classList: { contains: (c) => classes.includes(c) },
           closest: (s) => (s.split(",").map((x) => x.trim()).some((x) => inside.includes(x)) ? {} : null) };
}

test("a printed link gets its full address, unless the page or the text already gives it", () => {
  assert.equal(printedAddress(link("../../topics/access/", "社区准入")), "https://example.org/kb/topics/access/");
  assert.equal(printedAddress(link("#p2-3-14", "14.")), null);
  assert.equal(printedAddress(link("../x/#a", "¶", { classes: ["headerlink"] })), null);
  assert.equal(printedAddress(link("../../topics/access/", "准入", { classes: ["cw-topic"] })), null);
  assert.equal(printedAddress(link("../../units/mz/", "民政局", { inside: [".cw-rm thead"] })), null);
  assert.equal(printedAddress(link("../../units/mz/", "民政局", { inside: [".cw-unit-list"] })), null);
  assert.equal(printedAddress(link("https://example.org/x", " https://example.org/x ")), null);
  assert.equal(printedAddress(link(null, "")), null);
});
