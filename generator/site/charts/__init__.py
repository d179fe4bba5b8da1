"""SVG drawn at build time: bar charts and the lineage drawing, escaped by construction."""
