"""The MkDocs plugin ``crosswalk``: content and crosswalk YAML in, a site in two scripts out.

One ``mkdocs build`` does the whole job:

- ``on_config`` loads and validates everything before MkDocs touches ``site/``; any
  problem aborts the build with the full list, so the previous site stays as it was.
  The build then goes to a staging folder that replaces ``site/`` only when it is whole.
- ``on_pre_build`` lists every generated page and decides which of them share a shell
  (see ``shells``).  ``on_files`` adds the pages in the navigation, whose bodies ``on_page_content`` renders from
  templates, and one exemplar page for each kind of page outside it.
- The same configuration runs a second time as the Traditional build under ``zh-Hant/``,
  reusing the loaded corpus and page list (see ``follow``): in a child process started in
  ``on_pre_build`` (see ``parallel``), or after the Simplified pages where a child cannot
  run.  Each build has its own Material language, so UI labels match the script of
  the page.
- ``on_post_build`` waits for the Traditional pages, then writes the pages outside the
  navigation into the exemplars' shells in both scripts and the data exports (see
  ``shell_writer``; the helper process writes the exports and the search index first),
  and swaps the finished site into place.
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_timestamp

from generator import routes
from generator.analysis import citations, precedents
from generator.chinese import LANG, SCRIPTS, to_script
from generator.content import vocabulary
from generator.content.load import Paths
from generator.content.model import Corpus
from generator.content.validate import check, errors
from generator.search.index_format import DIR as SEARCH_DIR
from generator.site import (
    alternates,
    assets,
    csp,
    exports,
    pages,
    parallel,
    serve_errors,
    serve_preview,
    serve_topics,
    shell_writer,
    shells,
)
from generator.site.compact import compact
from generator.site.publish import Publisher, PublishError

# MkDocs shows, and counts for ``--strict``, what is logged under ``mkdocs.plugins.*``.
log = logging.getLogger("mkdocs.plugins.crosswalk")

_T = TypeVar("_T")


def _ready(value: _T | None, what: str) -> _T:
    """``value``, which an earlier event of the build sets (``what`` says which): None here
    means the events ran out of their order."""
    if value is None:
        raise PluginError(f"crosswalk: {what} is not set yet")
    return value


class _ToPluginLog(logging.Handler):
    """The wings below the site log under their own names (``generator.analysis.precedents`` …),
    which know nothing of MkDocs; during a build their records are shown as the plugin's."""

    def emit(self, record: logging.LogRecord) -> None:
        log.handle(record)


_WINGS = logging.getLogger("generator")
_WINGS.addHandler(_ToPluginLog())
_WINGS.propagate = False


class CrosswalkConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Faithful transcriptions: documents, sources, jurisdictions, units."""
    crosswalk_dir = c.Type(str, default="crosswalk")
    """Editorial analysis: topics, mappings, relations, indicators."""
    traditional = c.Type(bool, default=True)
    """Also build every page in Traditional script under ``traditional_dir``."""
    traditional_dir = c.Type(str, default="zh-Hant")
    parallel = c.Type(bool, default=True)
    """Run the Traditional build and a second page writer (which writes the exports and the
    search index first) in forked processes beside the main one (where ``fork`` exists and
    there is more than one core)."""
    exports = c.Type(bool, default=True)
    """Write ``data/`` (JSON, CSV, XLSX)."""
    search = c.Type(bool, default=True)
    """Build the clause search index."""
    shells = c.Type(bool, default=True)
    """Write pages outside the navigation into a shell MkDocs renders once per kind of page
    (see ``shells``); off, MkDocs renders every page itself (slower, same output)."""


class CrosswalkPlugin(BasePlugin[CrosswalkConfig]):
    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.command: str | None = None   # build, serve or gh-deploy (on_startup); None: built through the API
        self._new_build()

    def _new_build(self) -> None:
        """The state of one build, set afresh as it starts (see ``on_startup``)."""
        self.script = "hans"
        self.corpus: Corpus | None = None   # loaded in on_config, or given by ``follow``
        self.paths: Paths | None = None
        # Every generated page and the shell it shares (None: MkDocs renders it); worked out
        # once by the Simplified build, before the Traditional one forks, and used by both.
        self.specs: list[tuple[pages.Page, shells.Kind | None]] | None = None
        self._pages: dict[str, pages.Page] = {}     # rendered by MkDocs, by source path
        self._exemplars: dict[str, shells.Kind] = {}  # exemplar source path → kind
        self._theme_env: jinja2.Environment | None = None
        self._env: jinja2.Environment | None = None
        self._site_dir: str | None = None   # where the finished site goes
        self._staging: str | None = None
        self._hant_staging: str | None = None   # where a forked Traditional build writes
        self._publisher: Publisher | None = None
        self._hant: parallel.Child | None = None  # the Traditional build, when it runs alongside
        self._folders: list[str] = []   # the site's top-level folders, for the 404 page
        self._stamps: serve_preview.Stamps | None = None   # the inputs as this build read them, under serve
        self._topics_text: str | None = None

    # --- configuration and loading ---------------------------------------------------

    def on_startup(self, *, command, dirty):
        # Having this event makes MkDocs keep one instance for the process: every rebuild
        # under serve, and the Traditional build's configuration (see _build_traditional).
        self.command = command

    def on_config(self, config):
        _WINGS.setLevel(log.getEffectiveLevel())   # as verbose as MkDocs was asked to be
        if not self._nested:
            self._close_publisher()   # a build under serve that ended without on_build_error
            self._new_build()
        if self.command == "gh-deploy" and not config.site_url:
            raise PluginError("gh-deploy publishes the site, which needs its address: set site_url "
                              "(SITE_URL=https://<owner>.github.io/<repository>/ mkdocs gh-deploy)")
        root = Path(config.config_file_path or ".").resolve().parent
        self.paths = Paths.at(root, self.config.content_dir, self.config.crosswalk_dir)
        if self.corpus is None:
            if self.command == "serve":
                self._stamps = serve_preview.stamps(self.paths)
                self._topics_text = serve_topics.snapshot(self.paths)
            corpus, problems = check(self.paths)
            bad = errors(problems)
            listing = "\n".join(str(p) for p in bad)
            if bad and self.command != "serve":
                raise PluginError(f"{len(bad)} problem(s) in the content; site/ was left as it was:\n{listing}")
            if bad:
                # Under `mkdocs serve` a failed build would leave every request hanging: the
                # build goes on with no content, and the browser is shown the problems instead.
                log.error("%d problem(s) in the content; the browser shows them until they are fixed:\n%s",
                          len(bad), listing)
                corpus = Corpus(sources_dir=self.paths.sources)
                self.config.traditional = self.config.search = self.config.exports = False
            serve_errors.SHOWN.problems = bad
            if not config.site_url:
                log.warning("site_url is not set: citations and the GB/T 7714 entries are built with no "
                            "address (set site_url, or SITE_URL, for a site that will be published)")
            corpus.site = routes.Site(config.site_url or "", self.config.traditional_dir, config.site_name)
            self.corpus = corpus
        self._env = pages.environment()
        self._stylesheets = assets.bundle_in_place(config)
        if self.script == "hant":
            config.theme["language"] = "zh-Hant"
            config.site_name = to_script(config.site_name, "hant")
        if not self._nested:
            self._site_dir = config.site_dir
            try:
                self._publisher = Publisher(config.site_dir)
            except PublishError as e:
                raise PluginError(str(e)) from e
            self._staging = str(self._publisher.staging)
            self._hant_staging = str(self._publisher.scratch(f"building-{self.config.traditional_dir}"))
            config.site_dir = self._staging
        return config

    def on_pre_build(self, config):
        if self._nested:
            return
        if self.config.parallel and parallel.available():
            # Made before any child forks, so that the children share them instead of each
            # making its own: the search index and the exports ask for every one.
            citations.make_all(self._corpus)
        # Worked out before the Traditional build and the page writers fork, so that they share it.
        precedents.precedents(self._corpus)
        self.specs = self._plan(config)
        if self.config.traditional and self.config.parallel and parallel.available():
            folder = _ready(self._hant_staging, "the Traditional build's folder (on_config)")
            self._hant = parallel.Child.start("traditional", lambda: self._build_traditional(config, folder))

    def _plan(self, config) -> list[tuple[pages.Page, shells.Kind | None]]:
        # Without a nav in mkdocs.yml, MkDocs lists every page in it: no page can share a shells.
        shared = self.config.shells and config.nav is not None
        in_nav = set(_nav_paths(config.nav))
        return [(page, shell_writer.kind_of(page) if shared and page.path not in in_nav else None)
                for page in pages.all_pages(self._corpus)]

    @property
    def _bulk(self) -> list[tuple[pages.Page, shells.Kind]]:
        """The pages written into shells."""
        return [(page, kind) for page, kind in _ready(self.specs, "the page list (on_pre_build)") if kind is not None]

    def _build_search(self, site: Path) -> None:
        from generator.search import records
        records.build_index(self._corpus, site)

    @property
    def _corpus(self) -> Corpus:
        return _ready(self.corpus, "the corpus (on_config)")

    @property
    def _jinja(self) -> jinja2.Environment:
        return _ready(self._env, "the pages' templates (on_config)")

    @property
    def _nested(self) -> bool:
        return self.script != "hans"

    def on_serve(self, server, config, builder):
        # Rebuild when content or crosswalk YAML (or a source text) changes.
        paths = _ready(self.paths, "the content paths (on_config)")
        for folder in (paths.content, paths.crosswalk):
            if folder.exists():
                server.watch(str(folder))
        serve_errors.SHOWN.attach(server)
        serve_preview.PREVIEW.attach(server)
        return server

    # --- pages -------------------------------------------------------------------------

    def on_files(self, files: Files, config) -> Files:
        files = assets.minified(self._add_pages(files, config), config, self._stylesheets)
        self._folders = sorted({f.dest_uri.split("/")[0] for f in files if "/" in f.dest_uri}
                               | {routes.DATA_DIR, SEARCH_DIR, self.config.traditional_dir})
        return files

    def _add_pages(self, files: Files, config) -> Files:
        self._pages, self._exemplars = {}, {}
        for page, kind in _ready(self.specs, "the page list (on_pre_build)"):
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)
            if kind is None:
                files.append(self._generated(config, page.path, page.title, page.description,
                                             page.head() if page.head else None))
                self._pages[page.path] = page
                continue
            if kind.exemplar_path() not in self._exemplars:
                self._exemplars[kind.exemplar_path()] = kind
                files.append(self._generated(config, kind.exemplar_path(), shells.TITLE,
                                             shells.DESCRIPTION if kind.description else None,
                                             shells.HEAD if kind.head else None))
        return files

    def _generated(self, config, path: str, title: str, description: str | None, head: str | None = None) -> File:
        front = f"---\ntitle: {_yaml_str(to_script(title, self.script))}\n"
        if description:
            front += f"description: {_yaml_str(to_script(description, self.script))}\n"
        if head:   # markup made escaped (``pages.Page.head``); JSON's string is YAML's too
            front += f"cw_head: {json.dumps(head, ensure_ascii=False)}\n"
        return File.generated(config, path, content=front + "---\n")

    def on_env(self, env, config, files):
        # MkDocs makes the theme's environment anew for every build; under ``mkdocs serve``
        # compiling Material's templates again took a third of each rebuild.
        env.bytecode_cache = _THEME_BYTECODE[self.script]
        # Material's __config (its labels) as UTF-8, not \u escapes: 1 KB less on every page.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        # Our own words in theme templates (the footer) are Simplified; shown in the build's script.
        env.filters["cw_script"] = lambda text: to_script(text, self.script)
        # Under serve, MkDocs puts its reload script into every page inline, a new one each build.
        env.filters["cw_csp"] = csp.preview_policy if self.command == "serve" else csp.policy
        self._theme_env = env
        return env

    def on_nav(self, nav, config, files):
        # Titles written in mkdocs.yml are Simplified; page titles are converted in on_files.
        if self.script == "hant":
            _convert_nav(nav.items, self.script)
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        # Hand-written pages (docs/) are written in Simplified; convert them like the rest.
        if page.file.src_uri not in self._pages and self.script == "hant":
            return to_script(markdown, "hant")
        return markdown

    def on_page_content(self, html, page, config, files):
        kind = self._exemplars.get(page.file.src_uri)
        if kind is not None:
            if kind.toc:
                page.toc = get_toc(shells.TOC_TOKENS)
            return shells.BODY
        spec = self._pages.get(page.file.src_uri)
        if spec is None:
            return csp.without_style_attributes(html)
        return self._render(spec, page, config)

    def _render(self, spec: pages.Page, page, config) -> str:
        ctx = pages.Context(self._corpus, self.script, page.url, config.use_directory_urls)
        body = pages.render(self._jinja, spec, ctx)
        if spec.toc is not None:
            page.toc = get_toc(shell_writer.convert_toc(spec.toc(), self.script))
        return to_script(body, self.script)

    def on_page_context(self, context, page, config, nav):
        other = "hant" if self.script == "hans" else "hans"
        context["cw_script"] = self.script
        context["cw_lang"] = LANG[self.script]
        context["cw_other_lang"] = LANG[other]
        context["cw_other_name"] = "繁體" if other == "hant" else "简体"
        prefix = f"{self.config.traditional_dir}/" if other == "hant" else "../"
        context["cw_alternate"] = prefix + page.url
        context["cw_alternates"] = alternates.links(self._root_url(config), self.config.traditional_dir, page.url)
        context["cw_build_date"] = _build_date()
        return context

    def on_template_context(self, context, template_name, config):
        if template_name == "404.html":
            context["cw_404"] = self._not_found(config)
        if template_name == "sitemap.xml":
            root = self._root_url(config)
            context["cw_alternates"] = lambda url: alternates.links(root, self.config.traditional_dir, url)
        return context

    def _root_url(self, config) -> str | None:
        return alternates.root_url(config.site_url, self.config.traditional_dir, self._nested)

    def _not_found(self, config) -> dict:
        """What the 404 page needs to find, in the browser, where the site begins and which
        script the reader asked for: GitHub Pages serves the root 404.html for every missing
        path, at any depth, Traditional ones included."""
        root = urlsplit(config.site_url).path if config.site_url else ""
        if root and self._nested:
            root = root.rstrip("/").removesuffix(self.config.traditional_dir)
        root = root.rstrip("/") + "/" if root else ""
        prefix = {"hans": "", "hant": f"{self.config.traditional_dir}/"}
        other = "hans" if self._nested else "hant"
        words = {**_NOT_FOUND, "site": config.site_name}
        texts = {script: {key: to_script(value, script) for key, value in words.items()} for script in SCRIPTS}
        names = {script: vocabulary.SOURCE_SCRIPTS[script] for script in SCRIPTS}
        runtime = {"root": root, "folders": self._folders, "hantDir": self.config.traditional_dir,
                   "prefix": prefix, "lang": LANG, "names": names, "texts": texts}
        home = root or "/"
        return {"script": self.script, "other_script": other, "lang": LANG, "names": names,
                "texts": texts, "home": home + prefix[self.script], "other": home + prefix[other],
                "runtime": runtime}

    def on_post_page(self, output, page, config):
        return compact(output)

    # --- after the pages ---------------------------------------------------------------

    @event_priority(-50)
    def on_post_build(self, config):
        if self._nested:
            return
        site = Path(config.site_dir)
        if self._hant is not None:
            ok, self._hant = self._hant.join(), None
            if not ok:
                raise PluginError("the Traditional build failed (see the messages above); site/ was left as it was")
            os.rename(_ready(self._hant_staging, "the Traditional build's folder (on_config)"),
                      site / self.config.traditional_dir)
        elif self.config.traditional:
            self._build_traditional(config, str(site / self.config.traditional_dir))
        self._finish(config, site)
        self._swap_into_place(config)

    def _finish(self, config, site: Path) -> None:
        """The pages outside the navigation, the data exports and the search index: work that
        needs only the corpus and the shells, shared between two processes (see ``shell_writer``)."""
        def data_first() -> None:
            # In the helper, before its share of the pages: a process of their own beside the
            # two page writers made the peak at 3,000 documents a third higher (3.3 GB, not
            # 2.4) for 7 % less time.
            if self.config.exports:
                written = exports.write_all(self._corpus, site / routes.DATA_DIR)
                log.info("crosswalk: wrote %d data files", len(written))
            if self.config.search:
                self._build_search(site)

        jobs = self._bulk
        kinds = list(dict.fromkeys(self._exemplars.values()))
        roots = [("hans", site)] + ([("hant", site / self.config.traditional_dir)] if self.config.traditional else [])
        use_dirs = config.use_directory_urls
        targets = [shell_writer.Target(script, root, {k: shells.take_exemplar(root, k, use_dirs) for k in kinds})
                   for script, root in roots]
        log.info("crosswalk: writing %d pages into %d shells, in %d script(s)", len(jobs), len(kinds),
                 len(targets))
        toc_item = _ready(self._theme_env, "the theme's templates (on_env)").get_template("partials/toc-item.html")
        try:
            shell_writer.write(self._corpus, self._jinja, toc_item, jobs, targets, use_dirs, self.config.parallel,
                       helper_first=data_first)
        except RuntimeError as e:
            raise PluginError(f"{e}; site/ was left as it was") from e
        slugs: dict[shells.Kind, list[str]] = {}
        for page, kind in jobs:
            slugs.setdefault(kind, []).append(shells.split_shelled(page.path)[1])
        timestamp = get_build_timestamp()
        for target in targets:
            shells.fix_sitemap(target.root, slugs, timestamp)
        if self._stamps is not None and not serve_errors.SHOWN.problems:
            final = Path(_ready(self._site_dir, "the site folder (on_config)"))
            serve_preview.PREVIEW.remember(serve_preview.Last(
                self._corpus, _ready(self.paths, "the content paths (on_config)"), self._stamps, self._jinja, toc_item,
                [shell_writer.Target(t.script, final / t.root.relative_to(site), t.shells) for t in targets], use_dirs,
                self._topics_text))

    def _build_traditional(self, config, site_dir: str) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        log.info("crosswalk: building the Traditional pages")
        overrides = {}
        if config.site_url:
            overrides["site_url"] = config.site_url.rstrip("/") + f"/{self.config.traditional_dir}/"
        lead = dict(vars(self))
        try:
            nested = load_config(config.config_file_path, site_dir=site_dir, strict=config.strict, **overrides)
            # Usually this very instance (MkDocs keeps one per process, see on_startup): it
            # plays the Traditional build, and takes its own state back afterwards.
            traditional = nested.plugins["crosswalk"]
            if not isinstance(traditional, CrosswalkPlugin):
                raise PluginError(f"crosswalk: {config.config_file_path} loads another plugin as crosswalk")
            traditional.follow(self)

            build(nested)
        finally:
            vars(self).clear()
            vars(self).update(lead)

    def follow(self, lead: CrosswalkPlugin) -> None:
        """Make this instance the Traditional build of ``lead``'s: the same corpus and page
        list, loaded and worked out once, rendered in the other script."""
        self.script = "hant"
        self.corpus = lead.corpus
        self.specs = lead.specs

    def _swap_into_place(self, config) -> None:
        try:
            _ready(self._publisher, "the publisher (on_config)").swap()
        except PublishError as e:
            raise PluginError(str(e)) from e
        self._close_publisher()
        config.site_dir = self._site_dir  # gh-deploy reads it after the build

    def _close_publisher(self) -> None:
        if self._publisher is not None:
            self._publisher.close()
            self._publisher = None

    def on_build_error(self, error):
        if self._nested:
            return
        if self._hant is not None:
            self._hant.stop()
        self._hant = None
        if self._staging and self._hant_staging:
            shutil.rmtree(self._hant_staging, ignore_errors=True)
        self._close_publisher()


class _Bytecode(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory for the life of the process.  Jinja checks
    each template's source against what was compiled, so an edited theme file recompiles."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


# One cache per script: Jinja folds a filter of a constant at compile time, so the footer's
# ``"…" | cw_script`` is compiled in the script of the build that compiled it first, and a
# shared cache gave Traditional pages the Simplified footer from the second build on.
_THEME_BYTECODE = {script: _Bytecode() for script in SCRIPTS}

def _build_date() -> str:
    """The footer's build date: the day of MkDocs' build timestamp (SOURCE_DATE_EPOCH pins it)."""
    return datetime.fromtimestamp(get_build_timestamp(), UTC).date().isoformat()


# The 404 page's words, in Simplified (converted for Traditional readers).
_NOT_FOUND = {
    "title": "页面不存在",
    "message": "您要访问的页面不存在，可能已移动或地址有误。可以检索条款，或回到首页。",
    "search": "检索条款",
    "submit": "检索",
    "home": "返回首页",
}


def _yaml_str(text: str) -> str:
    # Material prints page titles and descriptions unescaped (<title>, header, meta tags),
    # so source text is HTML-escaped here before it becomes front matter.
    text = html.escape(text, quote=True)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _convert_nav(items, script: str) -> None:
    for item in items:
        # A page's title is a lazy property; only a title given in mkdocs.yml is set on it.
        if "title" in vars(item) and item.title:
            item.title = to_script(item.title, script)
        _convert_nav(getattr(item, "children", None) or [], script)


def _nav_paths(nav) -> list[str]:
    """Source paths of the pages ``mkdocs.yml`` lists in its navigation."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    return []
