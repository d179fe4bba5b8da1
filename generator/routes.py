"""Every address of the site, built in one place: the public contract of paths.

Paths are relative to the root of one script's site (Simplified at the root, Traditional
under the plugin's ``traditional_dir``).  Python code and templates (as ``routes``) build
every link from these functions; the data files carry the same paths, so the browser's
scripts take them from there instead of building them again.
"""

from __future__ import annotations


def document(doc_id: str) -> str:
    return f"documents/{doc_id}/"


def record(doc_id: str, record_id: str) -> str:
    """A record's anchor on its document page."""
    return f"{document(doc_id)}#{record_id}"


def target(doc_id: str, record_id: str, target_id: str) -> str:
    """A target's row in its document page (see ``_macros.targets``)."""
    return f"{document(doc_id)}#{record_id}--{target_id}"


def topic(topic_id: str) -> str:
    return f"topics/{topic_id}/"


def jurisdiction(jurisdiction_id: str) -> str:
    return f"jurisdictions/{jurisdiction_id}/"


def unit(unit_id: str) -> str:
    return f"units/{unit_id}/"


def function(function_id: str) -> str:
    return f"units/function-{function_id}/"


def matrix(doc_id: str) -> str:
    return f"matrices/{doc_id}/"


def matrix_data(doc_id: str, ext: str) -> str:
    """A matrix export's name under ``data/``."""
    return f"matrices/{doc_id}.{ext}"


def indicator(indicator_id: str) -> str:
    return f"indicators/{indicator_id}/"


class Site:
    """Where the site is published: the base address (``site_url``; empty for a build that
    does not know it, an intranet share or a local build, whose citations give the path
    within the site) and the folder of each script's pages."""

    def __init__(self, base: str = "", traditional_dir: str = "zh-Hant"):
        self.base = base if not base or base.endswith("/") else base + "/"
        self.folders = {"hans": "", "hant": traditional_dir.strip("/") + "/"}

    def address(self, path: str, script: str) -> str:
        """The absolute address (or site path) of ``path`` in ``script``'s pages."""
        return f"{self.base}{self.folders[script]}{path}"
