"""Analysis: what the build derives from the content.

Precedents between clauses, topic coverage, source coverage, citations as officials give
them, and the slips of script conversion.  Above ``content``; knows nothing of the site."""
