"""Ingest: a raw source text in, a draft document YAML out, with what needs a human look."""
