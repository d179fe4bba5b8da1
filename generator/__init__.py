"""城乡社区治理政策对照库: load, validate and publish the policy crosswalk."""

__version__ = "0.1.0"

from pathlib import Path

# The checkout this package sits in: the default project for the CLI, ingest and the benchmarks.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
