"""Editorial prose on a page: the Markdown subset of ``content.prose`` rendered inline, its
links into the corpus resolved to the page's relative addresses."""

from __future__ import annotations

from markupsafe import Markup

from generator import routes
from generator.content.prose import PARSER

_ROUTES = {"record": lambda ident: routes.record(*ident.split("/", 1)), "document": routes.document,
           "topic": routes.topic}


def render(text: str, ctx) -> Markup:
    """``text`` as HTML for the page of ``ctx``.  markdown-it escapes every character of the
    text and allows no raw HTML (``zero`` preset), so the result is safe to mark as such."""
    if not text:
        return Markup("")
    blocks = PARSER.parseInline(text)
    for token in blocks[0].children or ():
        if token.type == "link_open":
            kind, _, ident = str(token.attrGet("href")).partition(":")
            token.attrSet("href", ctx.url(_ROUTES[kind](ident)))   # check has vouched for the id
    # render() renders the inline children as renderInline would (none of them is an inline block).
    return Markup(PARSER.renderer.render(blocks[0].children or [], PARSER.options, {}))

