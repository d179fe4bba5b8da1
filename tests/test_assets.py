"""The site's own CSS is one minified stylesheet, its scripts each minified (generator/site/assets.py):
a page waits for one stylesheet of ours, not eight, and reads fewer bytes.

The browser tests run every page kind on the minified files; here, that the bundle holds every
stylesheet mkdocs.yml lists, in its order, and that each minified script still parses.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import yaml

from conftest import ROOT

THEME = ROOT / "theme"
BUNDLE = "assets/crosswalk/crosswalk.bundle.css"
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def _listed() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return config["extra_css"]


def test_every_page_links_one_stylesheet_of_ours(built_site):
    # All but the 404 page, which fetches nothing (it is served at any depth).
    pages = [p for p in built_site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 100
    for page in pages:
        linked = STYLESHEET.findall(page.read_text(encoding="utf-8"))
        ours = [h for h in linked if "assets/crosswalk/" in h]
        assert len(ours) == 1 and ours[0].endswith(BUNDLE), (page, ours)
        # Each stylesheet blocks the first paint: Material's own and ours, no more (none for the palette).
        theirs = [h for h in linked if h not in ours]
        assert len(theirs) == 1 and re.search(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css$", theirs[0]), (page, theirs)
    for root in (built_site, built_site / "zh-Hant"):
        assert (root / BUNDLE).is_file()
        assert {p.name for p in (root / "assets/crosswalk").glob("*.css")} == {"crosswalk.bundle.css"}


def test_the_bundle_holds_every_listed_stylesheet_in_order_minified(built_site):
    listed = _listed()
    assert len(listed) >= 8 and "assets/crosswalk/draft.css" in listed
    bundle = (built_site / BUNDLE).read_text(encoding="utf-8")
    assert "/*" not in bundle and "\n  " not in bundle
    sources = [(THEME / path).read_text(encoding="utf-8") for path in listed]
    assert len(bundle) < 0.8 * sum(len(s) for s in sources)
    # The last rule of each file, with its spaces squeezed out, found after the one before it.
    at = 0
    for path, source in zip(listed, sources):
        body = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
        selector = re.findall(r"([^{}]+)\{[^{}]*\}\s*\}?\s*$", body.strip())[-1].strip().split(",")[0]
        found = bundle.find(re.sub(r"\s+", " ", selector).replace(" > ", ">").replace(" + ", "+"), at)
        assert found >= at, (path, selector)
        at = found


def test_each_script_of_ours_is_minified_and_still_parses(built_site, node, tmp_path):
    sources = sorted(p for p in (THEME / "assets/crosswalk").rglob("*.js"))
    assert len(sources) > 10
    for source in sources:
        relative = source.relative_to(THEME)
        built = built_site / relative
        text = built.read_text(encoding="utf-8")
        assert len(text) < len(source.read_text(encoding="utf-8")), relative
        # Modules (import/export) checked as modules, the classic scripts as scripts.
        module = re.search(r"^\s*(import|export)\b", source.read_text(encoding="utf-8"), re.M)
        copy = tmp_path / (relative.stem + (".mjs" if module else ".cjs"))
        shutil.copy(built, copy)
        result = subprocess.run([node, "--check", str(copy)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, (relative, result.stderr)
    vendored = built_site / "assets/vendor/fflate/browser.js"
    assert vendored.read_bytes() == (THEME / "assets/vendor/fflate/browser.js").read_bytes()
