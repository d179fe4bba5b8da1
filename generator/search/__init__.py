"""Search: which text of each record is indexed, and the static index format that the
browser's search modules read (specified in docs/search-format.md)."""
