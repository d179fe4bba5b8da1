"""``# REVIEW`` comments left in content files (by `crosswalk ingest`, on a unit stub or a
reading to confirm): each is reported where it stands until a curator deletes it.

A comment is never published, so a request to confirm is written as one rather than as an
editor's note; this check keeps it from being forgotten.
"""

from __future__ import annotations

import re

from generator.content.load import Paths
from generator.content.yamlfile import Problem

# A comment (after a space, or a whole line) that starts with REVIEW.
_MARK = re.compile(r"(?:^|\s)#\s*REVIEW\b:?\s*(?P<what>.*)$")


def check(paths: Paths) -> list[Problem]:
    out = []
    for path in paths.inputs():
        if path.suffix != ".yaml" or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue   # the loader reports a file it cannot read
        if "REVIEW" not in text:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            m = _MARK.search(line)
            if m:
                out.append(Problem(paths.label(path), number, line.index("#", m.start()) + 1,
                                   f"marked for review: {m.group('what') or '(no text)'}; "
                                   "delete the comment once it is confirmed", "warning"))
    return out
