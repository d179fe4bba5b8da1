"""The pages' Content-Security-Policy, given in a ``<meta>`` tag at the top of each page.

Scripts run only from the site's own files, plus the few inline scripts that must stay
(Material's two per page, whose text depends on the page's depth, and the 404 page's, which
is served at any depth and so cannot name a file), each allowed by the SHA-256 of its exact
text.  No ``'unsafe-inline'`` for scripts: markup that content smuggled past escaping would
still not run.  Nothing is loaded from another origin.  A meta tag cannot carry
``frame-ancestors`` or reporting; those belong to the server's headers.
"""

from __future__ import annotations

import base64
import hashlib
import re

# A bare <script> or <style> element (no src, no type): what CSP counts as inline code.
_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.S)

DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def policy(inline: str) -> str:
    """The policy for a page whose inline scripts and styles are those in the HTML ``inline``."""
    hashes: dict[str, list[str]] = {"script": [], "style": []}
    for tag, body in _INLINE.findall(str(inline)):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes[tag].append(f"'sha256-{digest}'")
    extra = {"script-src": hashes["script"], "style-src": hashes["style"]}
    return "; ".join(" ".join([name, value, *dict.fromkeys(extra.get(name, []))]) for name, value in DIRECTIVES)


def preview_policy(inline: str) -> str:
    """The policy of a page ``mkdocs serve`` shows: inline scripts allowed (no hashes, which
    would disable ``'unsafe-inline'``), as the server adds its reload script to every page
    with the build's stamp in it.  The published site never carries it."""
    return re.sub(r"script-src [^;]*", "script-src 'self' 'unsafe-inline'", policy(inline))


# Python-Markdown's tables write a column's alignment as a style attribute, which the policy
# (style-src without 'unsafe-inline') would refuse; a class in crosswalk.css says the same.
_ALIGN = re.compile(r' style="text-align: (left|right|center);"')


def without_style_attributes(html: str) -> str:
    """A hand-written page's HTML with its table alignments as classes (``cw-align-right`` …)."""
    return _ALIGN.sub(r' class="cw-align-\1"', html)
