"""The site as a reader in the field meets it: at phone width (390 px) and on a desktop
(1366 px), in both scripts, served under a GitHub Pages sub-path.

- No page kind scrolls sideways at 390 px: wide tables scroll in their own box.
- A screenshot of every page kind at both widths in both scripts goes to
  ``tests/artifacts/field/`` for a person to look at.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# One page of each kind the site has (path under the site's root, Simplified; Traditional
# pages are the same paths under zh-Hant/).
KINDS = {
    "home": "",
    "documents": "documents/",
    "document": "documents/yuxi-2018/",
    "cited-only": "documents/central-2017/",
    "topics": "topics/",
    "topic": "topics/burden-reduction/",
    "compare": "compare/?a=yuxi-2018&b=nanchong-2017",
    "lineage": "lineage/",
    "matrices": "matrices/",
    "matrix": "matrices/yuxi-2018/",
    "units": "units/",
    "unit": "units/yuxi-civil-affairs/",
    "function": "units/function-civil-affairs/",
    "function-topic": "units/function-topic/",
    "indicators": "indicators/",
    "indicator": "indicators/facility-area-per-100-households/",
    "jurisdiction": "jurisdictions/yuxi/",
    "pins": "pins/",
    "search": "search/?q=准入",
    "about": "about/",
    "about-data": "about/data/",
    "coverage": "about/coverage/",
    "schema": "about/schema/",
    "benchmark": "benchmark/",
}
SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def open_page(page, url: str) -> None:
    """Go to ``url`` and wait until its scripts have filled it (search, compare, pins)."""
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("networkidle")
