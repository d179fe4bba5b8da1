"""Content: what the documents say, as the YAML holds it.

The schema and its vocabulary, YAML with positions, conforming to the schema, loading into
the model, validation and the checks that read the content's own text.  The bottom wing:
it imports nothing of the rest of the generator but ``generator.chinese`` and
``generator.routes`` (``Corpus.site``: where the build publishes, for citations)."""
