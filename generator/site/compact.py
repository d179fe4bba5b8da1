"""Every page as written: without the indentation the theme's and our templates' nesting
leaves at the start of each line, or the blank lines their tags leave.

Leading spaces after a line break are collapsible white space in HTML, so a browser shows
the page the same without them, outside ``<pre>`` and ``<textarea>``, which keep theirs.
They were about a twelfth of a national site's HTML (9 of 104 MB at 300 documents).  One
line break stays where there were any, so the pages remain readable and diffable.
Idempotent, so a shell cut from a compacted exemplar and compacted again once filled is
the page MkDocs would write.
"""

from __future__ import annotations

import re

# A <pre> or <textarea> element whole (kept as it is), or a line break with the indentation
# and blank lines after it: HTML's collapsible white space only, not \s, which would take
# a no-break space or the ideographic space (U+3000) that indents Chinese paragraphs.
_KEPT_OR_INDENT = re.compile(r"(<(pre|textarea)\b.*?</\2>)|\n[ \t\r\n\f]+", re.S | re.I)
# Most pages have neither: then the indentation alone, six times faster than trying the
# alternation at every "<" of the page.
_KEEPS = re.compile(r"<(?:pre|textarea)\b", re.I)
_INDENT = re.compile(r"\n[ \t\r\n\f]+")


def compact(page: str) -> str:
    if _KEEPS.search(page) is None:
        return _INDENT.sub("\n", page)
    return _KEPT_OR_INDENT.sub(lambda m: m.group(1) or "\n", page)
