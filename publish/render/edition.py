"""What every edition takes and gives: the user's options in, an ``Output`` back.

An edition is a function ``(Book, Options) → Output``: options are inputs only (frozen,
never written to), and what a build has to report — warnings a user should act on, notes
on what was made — comes back in the ``Output`` beside the bytes. The registry in
``publish.render`` names each edition once, so ``publish build --format``, ``--format
all`` and the output's file name all follow from one line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Options:
    """The user's choices for a build, from book.toml and the command line. Each edition
    reads the ones that concern it. None: not chosen on the command line, so book.toml's
    ``[build]`` table decides (``commands.build.with_book_settings``), else the default."""

    style: str | None = None
    """Overrides the book's style (and, unless ``trim`` is given too, its trim: a style
    chosen on the command line comes on the page it was drawn for)."""
    trim: str | None = None
    """PDF: overrides book.toml's trim (A5, 32开, 16开, A4)."""
    user_css: tuple[Path, ...] = ()
    pdf_variant: str | None = None
    """PDF: WeasyPrint's pdf/a-*, pdf/ua-* variants."""
    bleed_mm: float | None = None
    marks: bool | None = None
    tagged: bool | None = None
    jobs: int = 0
    """PDF: worker processes for the per-article build; 0: one per core."""
    cache: bool = True
    """Reuse rendered articles and the drawn cover from the render cache (``render.cache``)."""
    single_pass: bool = False
    """PDF: lay the book out as one document (always so for tagged and PDF/A-UA output)."""
    embed_fonts: str | None = None
    """EPUB: None, or the flavour of subset faces to embed: "woff2" or "ttf"."""
    missing_pictures: str | None = None
    """A figure whose picture is not there: "mark" (（图略） and the caption) or "drop"."""


@dataclass(frozen=True, slots=True)
class Output:
    data: bytes | Mapping[str, bytes]
    """One file's bytes, or a tree's: relative path → bytes (the HTML site)."""
    warnings: tuple[str, ...] = ()
    """What the user should look at (a missing picture, a refused resource …)."""
    notes: tuple[str, ...] = ()
    """What the build did that a user may want to know (embedded font sizes …)."""


@dataclass(frozen=True, slots=True)
class Edition:
    name: str
    """What ``--format`` calls it."""
    module: str
    """The module whose ``render(book, options) -> Output`` makes it, imported when asked
    for (so ``publish clean`` never loads WeasyPrint)."""
    target: str
    """The output's name in the output folder, from the book's name: ``{name}.pdf``."""
    in_all: bool = True
    """Made by ``--format all``."""

    def target_name(self, book_name: str) -> str:
        return self.target.format(name=book_name)
