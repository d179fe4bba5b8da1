"""The line to add to ``content/jurisdictions.yaml`` for a jurisdiction no entry declares.

A new document usually brings a new place.  Rather than "unknown jurisdiction", ``check``
prints the entry to paste, read from what the content already says: the place's name from
the names printed for it (中共玉溪市委, 玉溪市人民政府 → 玉溪市), its level from how that name
ends (省, 市, 县 …), its parent from the document it implements.  What cannot be read is
left as ``…`` for the maintainer to fill in.
"""

from __future__ import annotations

import re

from generator.chinese import normalise
from generator.content.model import Corpus, Document

# A place name at the start of an organ's printed name, and the level its ending gives.
_PLACE = re.compile(r"^(?:中共|中国共产党)?(.{1,8}?(?:自治区|自治州|自治县|省|市|州|盟|县|区|旗))")
_LEVELS = (("自治区", "province"), ("省", "province"), ("自治州", "city"), ("自治县", "county"),
           ("市", "city"), ("州", "city"), ("盟", "city"), ("县", "county"), ("区", "county"), ("旗", "county"))
UNKNOWN = "…"


def jurisdiction_line(key: str, names: list[str], corpus: Corpus, doc: Document | None = None) -> str:
    """``- {id: key, name: …, level: …, parent: …}``, as content/jurisdictions.yaml writes an entry."""
    name = next((m.group(1) for n in names if n and (m := _PLACE.match(normalise(n)))), None)
    level = next((lvl for end, lvl in _LEVELS if name and name.endswith(end)), None)
    parent = None
    if doc is not None:
        implemented = [corpus.documents.get(link.document) for link in doc.links if link.type == "implements"]
        parent = next((d.jurisdiction for d in implemented if d and d.jurisdiction in corpus.jurisdictions), None)
    if level == "province" and parent is None and "china" in corpus.jurisdictions:
        parent = "china"
    return f"- {{id: {key}, name: {name or UNKNOWN}, level: {level or UNKNOWN}, parent: {parent or UNKNOWN}}}"


def hint(line: str) -> str:
    """What to do with the line, said once for every place that needs one."""
    blanks = " (fill in each …)" if UNKNOWN in line else " (read from the names printed; check them)"
    return f"; add it to content/jurisdictions.yaml under jurisdictions:{blanks}: {line}"
