"""Accessibility and valid markup, on one page of every kind in both scripts.

- axe-core (bundled by ``axe-playwright-python``) in Chromium: no critical and no serious
  violation of WCAG 2.1 A/AA rules.
- The Nu HTML checker (``vnu.jar``, installed by ``.ci/run`` under ``.ci/node_modules``):
  no error in the markup this project writes.  Errors in mkdocs-material's own markup are
  filtered, each listed below with the reason; anything else fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from page_sweep import AXE_RULES, KINDS, PHONE_KINDS, SCRIPTS
from test_field import open_page

VNU = ROOT / ".ci" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors the checker finds in markup mkdocs-material writes, not in ours: the message, the
# markup it must be reported on, and why it is Material's.
MATERIAL_MARKUP = [
    ("Attribute “autocomplete” is only allowed when the input type is", 'type="checkbox"',
     "base.html: the drawer and search toggles are checkboxes with autocomplete=off, set so "
     "that Firefox does not restore a toggle's state on going back"),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     'for="__toc"',
     "partials/toc.html: the title of the page's table of contents is a label for __toc, a "
     "checkbox Material writes only when the table of contents sits inside the navigation"),
]


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_RULES)
    assert results.response["passes"], "axe checked nothing"
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['nodes'][0]['target']} {v['help']}"
            for v in results.response["violations"] if v["impact"] in ("critical", "serious")]


# axe runs in the sweep that loads each page kind once per script and width (``page_sweeps``).
@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_no_serious_violation(page_sweeps, kind, script):
    visit = page_sweeps[(script, "desktop")].visits[kind]
    assert visit.status == 200, visit.url
    assert visit.axe_passes, "axe checked nothing"
    assert visit.filled, f"axe ran on {visit.url} before its scripts filled it"
    assert visit.escaped == [], f"requests left the origin: {visit.escaped}"
    assert visit.axe == []


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_axe_finds_no_serious_violation_on_a_phone(page_sweeps, script):
    swept = page_sweeps[(script, "phone")]
    found = {}
    for kind in PHONE_KINDS:
        visit = swept.visits[kind]
        assert visit.status == 200 and visit.axe_passes, visit.url
        found[kind] = visit.axe
    assert swept.escaped == [], f"requests left the origin: {swept.escaped}"
    assert found and found == {kind: [] for kind in PHONE_KINDS}


def _vnu() -> list[str]:
    """The command that runs vnu.jar; skips (fails under CI) when it cannot run here."""
    java = shutil.which("java")
    reason = None
    if not VNU.is_file():
        reason = f"{VNU.relative_to(ROOT)} is missing (npm install --prefix .ci vnu-jar, or run .ci/run)"
    elif java is None:
        reason = "java is missing (apt-get install default-jre-headless, or run .ci/run)"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the Nu HTML checker cannot run under CI: {reason}")
        pytest.skip(reason)
    return [java, "-jar", str(VNU), "--errors-only", "--format", "gnu"]


def _material(message: str, markup: str) -> bool:
    return any(message.startswith(text) and snippet in markup for text, snippet, _why in MATERIAL_MARKUP)


def test_nu_html_checker_finds_no_error_in_our_markup(built_site):
    files = []
    for prefix in SCRIPTS.values():
        for path in KINDS.values():
            path = path.split("?")[0]
            file = built_site / prefix / (path if path.endswith(".html") else path + "index.html")
            assert file.is_file(), file
            files.append(file)
    result = subprocess.run(_vnu() + [str(f) for f in files], capture_output=True, text=True, timeout=600)
    errors = []
    for report in result.stderr.splitlines():
        m = re.match(r'"file:(?P<file>[^"]+)":(?P<line>\d+)\.\d+-(?P<end>\d+)\.\d+: error: (?P<message>.*)', report)
        assert m, f"unexpected output of vnu: {report}"
        lines = Path(m["file"]).read_text(encoding="utf-8").splitlines()
        markup = "\n".join(lines[int(m["line"]) - 1:int(m["end"])])
        if not _material(m["message"], markup):
            errors.append(f"{Path(m['file']).relative_to(built_site)}:{m['line']}: {m['message']}")
    assert errors == []
    assert result.returncode == (1 if result.stderr else 0)


@pytest.mark.browser
def test_header_search_dropdown_is_accessible_and_works_from_the_keyboard(page, serve_site):
    open_page(page, serve_site.url)
    page.fill("#cw-search-input", "准入")
    page.wait_for_selector(".cw-search__hits [role=option]")
    assert page.get_attribute("#cw-search-input", "aria-expanded") == "true"
    assert serious_violations(page) == []
    page.keyboard.press("ArrowDown")
    first = page.locator(".cw-search__hits [role=option]").first
    assert page.get_attribute("#cw-search-input", "aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    target = first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
