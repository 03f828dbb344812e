"""Renderers: the book → an edition. Every edition has the same shape (``render.edition``).

To add an edition: a package beside ``pdf/``, ``epub/`` and ``html/`` whose module has
``render(book: Book, options: Options) -> Output``, and one line in ``EDITIONS``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from publish.render.edition import Edition, Options, Output

if TYPE_CHECKING:  # the registry is read by the CLI at start-up: it loads no renderer
    from publish.book import Book

EDITIONS: dict[str, Edition] = {
    edition.name: edition
    for edition in (
        Edition("pdf", "publish.render.pdf.write", "{name}.pdf"),
        Edition("epub", "publish.render.epub.write", "{name}.epub"),
        Edition("html", "publish.render.html.edition", "{name}-html", in_all=False),
    )
}
"""Format name → edition, in the order ``--format all`` makes them."""


def render(name: str, book: Book, options: Options) -> Output:
    """The edition ``name`` of ``book``."""
    output: Output = importlib.import_module(EDITIONS[name].module).render(book, options)
    return output
