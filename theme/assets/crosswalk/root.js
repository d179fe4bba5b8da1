// Where the site begins: the one way every script of the site works it out.
//
// This module sits at <build root>/assets/crosswalk/root.js, so its own address gives the
// root of the build that loaded it, at a host's root or under any sub-path, whatever the
// page's depth and without Material's page config (a bundle of these modules must keep
// that depth).  The Simplified build's root is the site's: the search index and data/ are
// shared there.  A Traditional page finds it on its script switcher (data-cw-root,
// theme/partials/alternate.html), so where the Traditional build sits (the plugin's
// traditional_dir) is known to the build alone.

const BUILD_ROOT = "../../";   // from assets/crosswalk/ up to the build's root

// The page's script, from its lang.
export function scriptOf(lang) {
  return lang === "zh-Hant" ? "hant" : "hans";
}

// {script, build, site} for a page: ``moduleUrl`` is this module's address, ``page`` what
// the page says: its address (url), lang, and the switcher's data-cw-root (switchRoot, or
// null).  build and site are URLs of folders (ending in /).
export function rootsOf(moduleUrl, page) {
  const script = scriptOf(page.lang);
  const build = new URL(BUILD_ROOT, moduleUrl);
  const site = script === "hant" && page.switchRoot ? folder(new URL(page.switchRoot, page.url)) : build;
  return { script, build, site };
}

// The folder an address names: itself when it ends in /, else the one its file is in
// (index.html, where the site is built without directory URLs).
function folder(url) {
  return new URL("./", url);
}

// The roots of the page this runs in.
export function pageRoots() {
  const switcher = document.querySelector(".cw-switch[data-cw-root]");
  return rootsOf(import.meta.url, {
    url: location.href,
    lang: document.documentElement.lang,
    switchRoot: switcher ? switcher.getAttribute("data-cw-root") : null,
  });
}
