"""A build for publishing: every page kind the corpus calls for is there (``crosswalk verify``),
and each page names itself in both scripts by absolute address (hreflang, x-default, both
sitemaps), which only a build given ``site_url`` can do.

The tiny project is built three ways: for publishing and without ``site_url`` (the session's
shared builds, ``tiny_published_site`` and ``tiny_site``), and with the ``crosswalk`` plugin
left out of ``mkdocs.yml`` (as a generator that does not run it would).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import PREFIX, PUBLISHED, OriginGuard, _Handler, copy_project, mkdocs_build, serving

ADDRESS = PUBLISHED
# Written from the tiny project's content and the site's layout, not from the code under test:
# one page of each kind it has, Simplified path → the kind verify names.
TINY_PAGES = {
    "index.html": "home",
    "documents/demo-2020/index.html": "document",
    "topics/facilities/index.html": "topic",
    "jurisdictions/demo/topics/index.html": "topic_region",
    "matrices/demo-2020/index.html": "matrix",
    "units/demo-civil-affairs/index.html": "unit",
    "units/function-civil-affairs/index.html": "function",
    "search/index.html": "search",
    "about/data/index.html": "about_data",
}
BROWSED = ["index.html", "documents/demo-2020/index.html", "units/demo-civil-affairs/index.html"]
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]*)">')


def _build_without_plugin(tmp_path_factory) -> tuple:
    """(project, site) of the tiny project built with the ``crosswalk`` plugin left out."""
    project = copy_project(tmp_path_factory.mktemp("bare") / "project")
    # The theme's overrides use what the plugin gives templates (filters, the 404 page's
    # texts, zh-Hans): without the plugin they would fail the build outright, so they go too.
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for line, instead in (("\nplugins:\n  - crosswalk\n", "\nplugins: []\n"), ("\n  custom_dir: theme\n", "\n"),
                          ("\n  language: zh-Hans ", "\n  language: zh ")):
        assert line in config
        config = config.replace(line, instead)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project, project / "site"


def verify(project, site, *options) -> subprocess.CompletedProcess:
    command = "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", command, "--root", str(project), "verify", str(site), *options],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def published(tiny_published_site):
    """(project, site) of the tiny project built with ``SITE_URL=ADDRESS``, shared by the session."""
    return tiny_published_site.parent, tiny_published_site


def test_a_build_for_publishing_passes_the_check(published):
    result = verify(*published, "--publishing")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("ok: ")


def test_each_page_names_itself_in_both_scripts_by_absolute_address(published):
    _, site = published
    assert TINY_PAGES
    for path in TINY_PAGES:
        own = ADDRESS + path.removesuffix("index.html")
        hant = ADDRESS + "zh-Hant/" + path.removesuffix("index.html")
        expected = [("zh-Hans", own), ("zh-Hant", hant), ("x-default", own)]
        for script_path, lang in ((path, "zh-Hans"), ("zh-Hant/" + path, "zh-Hant")):
            html = (site / script_path).read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html, script_path
            assert ALTERNATE.findall(html) == expected, script_path


def test_both_sitemaps_list_the_alternates_of_every_page(published):
    _, site = published
    for sitemap, prefix in (("sitemap.xml", ""), ("zh-Hant/sitemap.xml", "zh-Hant/")):
        text = (site / sitemap).read_text(encoding="utf-8")
        entries = re.findall(r"<url>(.*?)</url>", text, re.S)
        assert len(entries) >= len(TINY_PAGES)
        for entry in entries:
            loc = re.search(r"<loc>(.*?)</loc>", entry)[1]
            path = loc.removeprefix(ADDRESS).removeprefix(prefix)
            links = re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]*)"/>', entry)
            assert links == [("zh-Hans", ADDRESS + path), ("zh-Hant", ADDRESS + "zh-Hant/" + path),
                             ("x-default", ADDRESS + path)], loc


def test_a_build_without_site_url_is_not_fit_to_publish(tiny_site):
    project, site = tiny_site.parent, tiny_site
    assert verify(project, site).returncode == 0   # every page is there
    html = (site / "documents/demo-2020/index.html").read_text(encoding="utf-8")
    assert ALTERNATE.findall(html) == []   # a relative hreflang is no hreflang
    result = verify(project, site, "--publishing")
    assert result.returncode == 1
    assert "built without site_url" in result.stderr


def test_a_build_without_the_plugin_fails_the_check_naming_the_missing_page_kinds(tmp_path_factory):
    project, site = _build_without_plugin(tmp_path_factory)
    result = verify(project, site)
    assert result.returncode == 1
    named = re.search(r"page kinds the corpus calls for: (.*)", result.stderr)[1].split(", ")
    assert set(TINY_PAGES.values()) <= set(named), result.stderr


def test_one_missing_page_is_named_by_its_kind_and_script(published, tmp_path):
    project, site = published
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "zh-Hant/topics/facilities/index.html").unlink()
    result = verify(project, copy)
    assert result.returncode == 1
    assert re.search(r"page kinds the corpus calls for: topic\n", result.stderr), result.stderr
    assert "topic: 1 of" in result.stderr and " hant" in result.stderr and " hans" not in result.stderr


@pytest.mark.browser
def test_a_published_page_of_each_kind_fetches_nothing_missing_and_nothing_elsewhere(published, browser, tmp_path):
    """Served under its sub-path, each page of the publishing build, in both scripts: no
    request answers 404 and none leaves the origin, though its alternates name another host
    (Material's script would fetch sitemap.xml beside each of them)."""
    _, site = published
    shutil.copytree(site, tmp_path / PREFIX.strip("/"))
    with serving(tmp_path, _Handler) as served:
        guard = OriginGuard(served.origin)
        context = browser.new_context(locale="zh-CN")
        guard.attach(context)
        page = context.new_page()
        try:
            for path in BROWSED:
                for prefix in ("", "zh-Hant/"):
                    url = served.url + prefix + path.removesuffix("index.html")
                    assert page.goto(url).status == 200, url
                    page.wait_for_load_state("networkidle")
                    # The links are back where crawlers that run scripts read them.
                    assert page.locator('link[rel="alternate"][hreflang]').count() == 3, url
        finally:
            context.close()
    assert len(guard.requests) > 2 * len(BROWSED)
    assert guard.escaped == [] and guard.not_found == []


def test_gh_deploy_without_site_url_stops_before_building(tmp_path):
    project = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy"], cwd=project, capture_output=True,
                            text=True, timeout=300, env={k: v for k, v in os.environ.items() if k != "SITE_URL"})
    assert result.returncode != 0
    assert "gh-deploy publishes the site, which needs its address: set site_url" in result.stderr
    assert not (project / "site").exists()
