"""Every address of the site, built in one place: the public contract of paths.

Paths are relative to the root of one script's site (Simplified at the root, Traditional
under the plugin's ``traditional_dir``).  Python code and templates (as ``routes``) build
every link from these functions; the data files carry the same paths, so the browser's
scripts take them from there instead of building them again.
"""

from __future__ import annotations

DATA_DIR = "data"   # the exports, written once at the Simplified root and shared by both scripts

# The sections: a folder of pages each, with an index page of its own.
HOME = ""
DOCUMENTS = "documents/"
TOPICS = "topics/"
COMPARE = "compare/"
LINEAGE = "lineage/"
MATRICES = "matrices/"
UNITS = "units/"
INDICATORS = "indicators/"
PINS = "pins/"
SEARCH = "search/"
DRAFT = "draft/"
ABOUT = "about/"
JURISDICTIONS = "jurisdictions/"   # no index page: each jurisdiction's page is reached from its documents
FUNCTION_TOPIC = f"{UNITS}function-topic/"   # functions × topics


def about(page: str) -> str:
    """One of the about pages the generator writes (``data``, ``schema``, ``coverage``)."""
    return f"{ABOUT}{page}/"


def handwritten(name: str) -> str:
    """A hand-written page, ``docs/<name>.md`` (``benchmark``, ``maintainer-guide`` …)."""
    return f"{name}/"


def page_source(address: str) -> str:
    """The Markdown source MkDocs makes the page at ``address`` from: a section's index
    (``matrices/``; the home page ``""``) from its ``index.md``, any other page from the file
    its address names (``documents/yuxi-2018/`` from ``documents/yuxi-2018.md``)."""
    path = address.removesuffix("/")
    if not path:
        return "index.md"
    return f"{path}.md" if "/" in path else f"{path}/index.md"


def address_of(source: str) -> str:
    """The address of the page MkDocs makes from the Markdown file ``source``, ``page_source``
    the other way round: ``documents/yuxi-2018.md`` → ``documents/yuxi-2018/``,
    ``matrices/index.md`` → ``matrices/``, ``index.md`` → the home page."""
    folder, _, name = source.removesuffix(".md").rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/" if folder else HOME
    return f"{folder}/{name}/" if folder else f"{name}/"


def page_file(address: str, directory_urls: bool = True) -> str:
    """The file of the built site that holds the page at ``address``: ``<address>index.html``
    with directory URLs (as mkdocs.yml has them), else ``<address less its slash>.html``."""
    return f"{address}index.html" if directory_urls else f"{address.removesuffix('/')}.html"


def data(name: str) -> str:
    """An export under ``data/``, e.g. ``provisions.json``."""
    return f"{DATA_DIR}/{name}"


# A workbook is written in each script (its sheets' names and text converted), the
# Traditional one under ``data/zh-Hant/``.
WORKBOOK_DIRS = {"hans": "", "hant": "zh-Hant/"}


def workbook(name: str, script: str) -> str:
    """A workbook's name under ``data/`` in ``script``: ``matrices.xlsx``, ``zh-Hant/matrices.xlsx``."""
    return WORKBOOK_DIRS[script] + name


CITATIONS_FILE = "citations.csl.json"   # every document as a CSL-JSON item, under ``data/``
# Tables under ``data/``, each as CSV and XLSX, and every matrix in one workbook (a small corpus).
TARGETS_CSV, TARGETS_XLSX = "targets.csv", "targets.xlsx"
FUNCTION_TOPIC_CSV, FUNCTION_TOPIC_XLSX = "function-topic.csv", "function-topic.xlsx"
MATRICES_WORKBOOK = "matrices.xlsx"
TOPICS_DATA, TOPIC_COVERAGE_CSV = "topics.json", "topic-coverage.csv"   # linked from the topics index


def provisions_file(doc_id: str) -> str:
    """A document's records, under ``data/`` (``provisions/<doc-id>.json.gz``, gzipped)."""
    return f"provisions/{doc_id}.json.gz"


def document(doc_id: str) -> str:
    return f"{DOCUMENTS}{doc_id}/"


def documents_in(region_id: str) -> str:
    """The documents of a region (a province and all below it, or the national level): the
    document list in parts, so that no page carries every document."""
    return f"documents/in/{region_id}/"


def lineage_in(region_id: str) -> str:
    """A region's documents and their relations, past the size where one lineage page draws all."""
    return f"lineage/in/{region_id}/"


def matrices_in(region_id: str) -> str:
    """A region's matrices listed, past the size where their workbooks go by region."""
    return f"matrices/in/{region_id}/"


def record(doc_id: str, record_id: str) -> str:
    """A record's anchor on its document page."""
    return f"{document(doc_id)}#{record_id}"


def target(doc_id: str, record_id: str, target_id: str) -> str:
    """A target's row in its document page (see ``_macros.targets``)."""
    return f"{document(doc_id)}#{record_id}--{target_id}"


def topic(topic_id: str) -> str:
    return f"{TOPICS}{topic_id}/"


def jurisdiction(jurisdiction_id: str) -> str:
    return f"{JURISDICTIONS}{jurisdiction_id}/"


def region_topics(jurisdiction_id: str) -> str:
    """A region's clauses by topic: the national level, or a province and all below it."""
    return f"{jurisdiction(jurisdiction_id)}topics/"


def topic_in_region(topic_id: str, jurisdiction_id: str) -> str:
    """A topic's section on a region's page (a topic page's drill-down)."""
    return f"{region_topics(jurisdiction_id)}#{topic_anchor(topic_id)}"


def topic_anchor(topic_id: str) -> str:
    """A topic's section's anchor on a region's page of clauses by topic."""
    return f"t-{topic_id}"


# A corpus of up to this many responsible units gives each its own page; a bigger one (every
# synthetic county has a dozen) lists each jurisdiction's units on the jurisdiction's page,
# or a national corpus would publish thousands of pages of a few duties each.
UNIT_PAGES_UP_TO = 300


def unit(unit_id: str, jurisdiction_id: str | None = None, units: int = 0) -> str:
    """A unit's address in a corpus of ``units`` units: its own page, or (given its
    jurisdiction, past ``UNIT_PAGES_UP_TO``) its entry on its jurisdiction's page."""
    if jurisdiction_id is None or units <= UNIT_PAGES_UP_TO:
        return f"{UNITS}{unit_id}/"
    return f"{jurisdiction(jurisdiction_id)}#{unit_anchor(unit_id, jurisdiction_id)}"


def unit_anchor(unit_id: str, jurisdiction_id: str) -> str:
    """A unit's anchor on its jurisdiction's page: its id less the jurisdiction's, which the
    page's address already says (every clause links its units: the bytes add up)."""
    prefix = f"{jurisdiction_id}-"
    return "u-" + (unit_id[len(prefix):] if unit_id.startswith(prefix) else unit_id)


def function(function_id: str) -> str:
    return f"{UNITS}function-{function_id}/"


def matrix(doc_id: str) -> str:
    return f"{MATRICES}{doc_id}/"


def matrix_data(doc_id: str, ext: str) -> str:
    """A matrix export's name under ``data/``."""
    return f"matrices/{doc_id}.{ext}"


def indicator(indicator_id: str) -> str:
    return f"{INDICATORS}{indicator_id}/"


def indicator_in_region(indicator_id: str, jurisdiction_id: str) -> str:
    """A region's observations on an indicator's page in a national corpus (its row's drill-down)."""
    return f"{indicator(indicator_id)}#{region_anchor(jurisdiction_id)}"


def region_anchor(jurisdiction_id: str) -> str:
    """A region's observations' anchor on an indicator's page."""
    return f"r-{jurisdiction_id}"


class Site:
    """Where the site is published: the base address (``site_url``; empty for a build that
    does not know it, an intranet share or a local build, whose citations then give no
    address), the folder of each script's pages, and the site's name (``site_name``)."""

    def __init__(self, base: str = "", traditional_dir: str = "zh-Hant", name: str = ""):
        self.base = base if not base or base.endswith("/") else base + "/"
        self.folders = {"hans": "", "hant": traditional_dir.strip("/") + "/"}
        self.name = name

    def address(self, path: str, script: str) -> str:
        """The absolute address (or site path) of ``path`` in ``script``'s pages."""
        return f"{self.base}{self.folders[script]}{path}"


def draft() -> str:
    """The drafting desk (起草助手); a draft travels as ``?text=…``."""
    return DRAFT


def matrix_workbook(region_id: str) -> str:
    """A region's matrices in one workbook under ``data/`` (a national corpus: see pages.matrices)."""
    return f"matrices/region-{region_id}.xlsx"
