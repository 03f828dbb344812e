"""Renderers: the book → an output format. Every writer has the same shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from publish.book import Book


def _pdf(book: Book, opts: Any) -> bytes:
    from publish.render.pdf.write import write_pdf

    return write_pdf(book, opts)


def _epub(book: Book, opts: Any) -> bytes:
    from publish.render.epub.write import write_epub

    return write_epub(book, opts)


WRITERS: dict[str, Callable[[Book, Any], bytes]] = {"pdf": _pdf, "epub": _epub}
"""Format name → writer; imported lazily so `publish clean` never loads WeasyPrint."""
