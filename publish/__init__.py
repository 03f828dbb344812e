"""publish: scraped Chinese articles → clean Markdown → print-ready PDF and EPUB 3."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("publish")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
