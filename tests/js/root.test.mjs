// Where the site begins (root.js), the one way every script works it out: at a host's
// root, under a sub-path (a GitHub Pages project site), in either script.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

import { rootsOf, scriptOf } from "../../theme/assets/crosswalk/root.js";

// The module's address in each build, the page, and the roots expected, written out by hand.
const CASES = [
  { where: "host root, Simplified",
    module: "https://kb.example.gov.cn/assets/crosswalk/root.js",
    page: { url: "https://kb.example.gov.cn/documents/yuxi-2018/#p2-3-12", lang: "zh-Hans", switchRoot: "../../zh-Hant/" },
    script: "hans", build: "https://kb.example.gov.cn/", site: "https://kb.example.gov.cn/" },
  { where: "host root, Traditional",
    module: "https://kb.example.gov.cn/zh-Hant/assets/crosswalk/root.js",
    page: { url: "https://kb.example.gov.cn/zh-Hant/documents/yuxi-2018/", lang: "zh-Hant", switchRoot: "../../../" },
    script: "hant", build: "https://kb.example.gov.cn/zh-Hant/", site: "https://kb.example.gov.cn/" },
  { where: "sub-path, Simplified, home page",
    module: "https://owner.github.io/community-crosswalk/assets/crosswalk/root.js",
    page: { url: "https://owner.github.io/community-crosswalk/", lang: "zh-Hans", switchRoot: "./zh-Hant/" },
    script: "hans", build: "https://owner.github.io/community-crosswalk/", site: "https://owner.github.io/community-crosswalk/" },
  { where: "sub-path, Traditional, home page",
    module: "https://owner.github.io/community-crosswalk/zh-Hant/assets/crosswalk/root.js",
    page: { url: "https://owner.github.io/community-crosswalk/zh-Hant/?q=1", lang: "zh-Hant", switchRoot: "./../" },
    script: "hant", build: "https://owner.github.io/community-crosswalk/zh-Hant/", site: "https://owner.github.io/community-crosswalk/" },
  { where: "sub-path, Traditional, a page without directory URLs",
    module: "http://10.0.0.5:8000/kb/zh-Hant/assets/crosswalk/root.js",
    page: { url: "http://10.0.0.5:8000/kb/zh-Hant/documents/yuxi-2018/index.html", lang: "zh-Hant", switchRoot: "../../../index.html" },
    script: "hant", build: "http://10.0.0.5:8000/kb/zh-Hant/", site: "http://10.0.0.5:8000/kb/" },
  { where: "sub-path, Traditional page with no switcher (its own build is all there is)",
    module: "https://owner.github.io/kb/zh-Hant/assets/crosswalk/root.js",
    page: { url: "https://owner.github.io/kb/zh-Hant/pins/", lang: "zh-Hant", switchRoot: null },
    script: "hant", build: "https://owner.github.io/kb/zh-Hant/", site: "https://owner.github.io/kb/zh-Hant/" },
];

for (const c of CASES) {
  test(`the roots at ${c.where}`, () => {
    const roots = rootsOf(c.module, c.page);
    assert.equal(roots.script, c.script);
    assert.equal(roots.build.href, c.build);
    assert.equal(roots.site.href, c.site);
  });
}

test("the script is the page's lang", () => {
  assert.equal(scriptOf("zh-Hant"), "hant");
  assert.equal(scriptOf("zh-Hans"), "hans");
  assert.equal(scriptOf("zh"), "hans");
  assert.equal(scriptOf(""), "hans");
});

// Every project script is an ES module, and the site's root is worked out only in root.js.
const FOLDER = new URL("../../theme/assets/crosswalk/", import.meta.url);

function scripts(dir, prefix = "") {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? scripts(join(dir, e.name), prefix + e.name + "/") : e.name.endsWith(".js") ? [prefix + e.name] : []);
}

test("every project script is an ES module and none works out the root on its own", () => {
  const names = scripts(FOLDER.pathname);
  assert.ok(names.length >= 20, names.join(" "));
  for (const name of names) {
    const source = readFileSync(new URL(name, FOLDER), "utf-8");
    assert.ok(/^(import|export) /m.test(source), `${name}: no import or export`);
    assert.ok(!/^\s*\(function\s*\(/m.test(source) && !/^\s*var\s/m.test(source), `${name}: a classic script`);
    if (name === "root.js") continue;
    assert.ok(!source.includes("__config"), `${name}: reads Material's config for the root`);
    assert.ok(!/data-cw-root|cwRoot/.test(source), `${name}: reads the switcher's root itself`);
  }
});

test("every script the pages load is loaded as a module", () => {
  const config = readFileSync(new URL("../../mkdocs.yml", import.meta.url), "utf-8");
  const block = config.slice(config.indexOf("extra_javascript:"), config.indexOf("\n\n", config.indexOf("extra_javascript:")));
  const entries = [...block.matchAll(/- path: (\S+)\n\s+type: (\S+)/g)];
  assert.ok(entries.length >= 6, block);
  assert.equal(entries.length, (block.match(/^\s+- /gm) || []).length, "an entry without a type");
  for (const [, path, type] of entries) assert.equal(type, "module", path);
});
