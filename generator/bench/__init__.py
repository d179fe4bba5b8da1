"""Benchmarks: a synthetic national corpus, the build measured stage by stage, and clause
search at scale in Chromium.  On top of every other wing; nothing imports it."""
