"""城乡社区治理政策对照库: load, validate and publish the policy crosswalk."""

__version__ = "0.1.0"
