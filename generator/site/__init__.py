"""The site: the MkDocs plugin and everything it publishes.

Page builders and their templates, the shells that pages outside the navigation are written
into, the page writers that run side by side, the data exports and the charts.  The only wing
that knows MkDocs; the rest of the generator does not care which site generator hosts it."""
