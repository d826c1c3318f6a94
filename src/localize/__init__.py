"""localize: offline translation and localization for mixed English, Dutch and Chinese text."""

__version__ = "0.1.0"
