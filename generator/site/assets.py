"""The site's own stylesheets bundled into one minified file, and its scripts minified one
by one, at build time (both scripts' builds, and ``mkdocs serve``).

``mkdocs.yml`` lists the stylesheets in the order they cascade (``extra_css``); pages link
the one bundle in their place, so a page waits for one stylesheet, not eight.  Scripts stay
separate files, as the modules import one another by name; each is minified where it is.
The vendored libraries (``assets/vendor/``) are served as their publishers made them.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from rcssmin import cssmin
from rjsmin import jsmin

OWN = "assets/crosswalk/"
BUNDLE = OWN + "crosswalk.bundle.css"


def bundle_in_place(config) -> list[str]:
    """Put the bundle where ``mkdocs.yml`` lists the stylesheets; returns those, in order."""
    sources = [str(s) for s in config.extra_css]
    if sources:
        config.extra_css = [BUNDLE]
    return sources


def minified(files: Files, config, sources: list[str]) -> Files:
    """``files`` with the stylesheets ``sources`` as the one bundle, and every script of ours minified."""
    parts = []
    for path in sources:
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"mkdocs.yml: extra_css lists {path}, which is not in the theme or docs/")
        parts.append(file.content_string)
        files.remove(file)
    if parts:
        files.append(File.generated(config, BUNDLE, content=cssmin("\n".join(parts))))
    for file in [f for f in files if f.src_uri.startswith(OWN) and f.src_uri.endswith(".js")]:
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=jsmin(file.content_string)))
    return files
