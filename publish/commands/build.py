"""``publish build``: the book → each edition the registry names (dist/<name>.pdf,
dist/<name>.epub, the HTML site dist/<name>-html/), each written atomically."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from publish.commands import stamp
from publish.errors import ConfigError
from publish.fsutil import atomic_write_bytes, check_output_folder
from publish.render import EDITIONS
from publish.render.edition import Options

if TYPE_CHECKING:
    from publish.book import Book

FORMATS = tuple(name for name, edition in EDITIONS.items() if edition.in_all)
"""What ``--format all`` makes; the others are asked for by name."""


@dataclass(slots=True)
class BuildResult:
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What an edition reports beyond warnings (embedded font sizes …)."""
    unchanged: bool = False
    """Nothing was built: the outputs are as the last build left them (``stamp``)."""


def run(
    book_path: Path,
    out_dir: Path,
    formats: tuple[str, ...],
    options: Options | None = None,
    *,
    on_step: Callable[[str], None] | None = None,
    use_stamp: bool = True,
    **choices: Any,
) -> BuildResult:
    """Each of ``formats`` written into ``out_dir``. ``choices`` are ``Options`` fields set
    over ``options`` (``run(book, out, ("pdf",), style="large")``). Nothing is built when
    the stamp says inputs and outputs are as the last build left them (``stamp``)."""
    options = dataclasses.replace(options or Options(), **choices)
    check_output_folder(out_dir)
    known = stamp.fresh(book_path, out_dir, formats, options) if use_stamp else None
    if known is not None and known[0]:
        return BuildResult(outputs=known[0], unchanged=True)
    from publish.book import load_book
    from publish.render import render
    from publish.render.pdf.write import PDF_VARIANTS

    book = load_book(book_path, style=options.style)
    book, options = with_book_settings(book, options)
    if options.pdf_variant is not None and options.pdf_variant not in PDF_VARIANTS:
        raise ConfigError(
            f"unknown PDF variant {options.pdf_variant!r}",
            hint=f"--pdf-variant (or [build] pdf_variant in {book_path}) takes one of: {', '.join(PDF_VARIANTS)}",
        )
    result = BuildResult()
    for fmt in formats:
        if on_step:
            on_step(fmt)
        output = render(fmt, book, options)
        target = out_dir / EDITIONS[fmt].target_name(book.meta.name)
        _save(output.data, target)
        result.outputs.append(target)
        result.warnings.extend(w for w in output.warnings if w not in result.warnings)
        result.notes.extend(output.notes)
    if known is not None:
        stamp.save(book_path, out_dir, formats, known[1], result.outputs)
    return result


def with_book_settings(book: Book, options: Options) -> tuple[Book, Options]:
    """The options a build uses: each one the command line left at None is book.toml's
    ``[build]`` setting, if it has one; the book's CSS comes before the command line's.
    The missing-picture rule goes onto the book, where every edition's XHTML reads it."""
    from publish.book import TRIMS
    from publish.book_settings import MISSING_PICTURES

    s = book.settings
    missing = options.missing_pictures or s.missing_pictures
    if missing not in MISSING_PICTURES:
        raise ConfigError(f"unknown missing-picture rule {missing!r}", hint=f"use one of: {', '.join(MISSING_PICTURES)}")
    resolved = dataclasses.replace(
        options,
        style=book.style,  # found beside the book, if it is there
        user_css=(*s.css, *options.user_css),
        pdf_variant=options.pdf_variant if options.pdf_variant is not None else s.pdf_variant,
        bleed_mm=options.bleed_mm if options.bleed_mm is not None else (s.bleed_mm or 0.0),
        marks=options.marks if options.marks is not None else bool(s.marks),
        tagged=options.tagged if options.tagged is not None else bool(s.tagged),
        embed_fonts=options.embed_fonts if options.embed_fonts is not None else s.embed_fonts,
        missing_pictures=missing,
    )
    if missing != s.missing_pictures:
        book = dataclasses.replace(book, settings=dataclasses.replace(s, missing_pictures=missing))
    if options.trim is not None:
        if options.trim not in TRIMS:
            raise ConfigError(f"unknown trim {options.trim!r}", hint=f"--trim takes one of: {', '.join(TRIMS)}")
        book = dataclasses.replace(book, trim=options.trim)
    elif options.style is not None:
        # `--style gongwen` on a book whose trim is A5 means 公文 as the style draws it (A4):
        # the book's trim belongs to the book's style.
        book = dataclasses.replace(book, trim=None)
    return book, resolved


def _save(data: bytes | Mapping[str, bytes], target: Path) -> None:
    if isinstance(data, bytes):
        atomic_write_bytes(target, data)
        return
    from publish.render.html.folder import save_site

    save_site(dict(data), target)
