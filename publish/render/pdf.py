"""The book → a print-ready PDF through WeasyPrint.

The top function reads as the pipeline: assemble one HTML document (title page, 目录,
articles), resolve faces and styles, lay out, write. Every resource goes through the
sandboxed fetcher; dates and identifiers come from the book, never from the clock, so the
same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from publish import refit
from publish.book import Book
from publish.fetcher import Sandbox
from publish.fonts import font_face_css, font_roots
from publish.render import assemble
from publish.styles import load_style

# WeasyPrint, pikepdf and the per-article build are imported where they are used, so
# that importing PdfOptions (every ``publish build``, EPUB only included) stays cheap.

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PdfOptions:
    style: str | None = None
    """Overrides the book's style."""
    user_css: tuple[Path, ...] = ()
    pdf_variant: str | None = None
    """WeasyPrint's pdf/a-*, pdf/ua-* variants."""
    bleed_mm: float = 0.0
    marks: bool = False
    tagged: bool = False
    jobs: int = 0
    """Worker processes for the per-article build; 0: one per core."""
    cache: bool = True
    """Reuse rendered articles from the render cache (see ``pdf_cache``)."""
    single_pass: bool = False
    """Lay the book out as one document (always so for tagged and PDF/A-UA output)."""
    warnings: list[str] = field(default_factory=list)


def _print_extras(opts: PdfOptions) -> str:
    rules = []
    if opts.bleed_mm:
        rules.append(f"@page {{ bleed: {opts.bleed_mm}mm; }}")
    if opts.marks:
        rules.append("@page { marks: crop cross; }")
    return "\n".join(rules)


ONE_PASS_ARTICLES = 1
"""Books of at most this many articles are laid out as one document: with one article
there is nothing to lay out in parallel and nothing to reuse after an edit, while the
per-article build adds a count of the front matter, a second part and the merge (the
seed article, bench/build_bench.py's measurement: one pass 0.83 s against the per-article
build's 1.14 s, medians of 5 runs on 2 shared cores)."""


def write_pdf(book: Book, opts: PdfOptions) -> bytes:
    """The book's PDF: per article, in parallel and cached (``pdf_parallel``), unless the
    output is tagged or a PDF/A-UA variant, whose structure tree spans the whole book, or
    the book is a single article."""
    one_pass = opts.single_pass or opts.tagged or bool(opts.pdf_variant)
    if one_pass or len(book.chapters) <= ONE_PASS_ARTICLES:
        return write_pdf_single(book, opts)
    from publish.render.pdf_parallel import ParallelOptions, write_pdf_parallel

    style = load_style(opts.style or book.style, user_css=opts.user_css)
    LOGGER.info("Per-article build of %d articles in style %s", len(book.chapters), style.name)
    pdf, warnings = write_pdf_parallel(
        book, style, _print_extras(opts), ParallelOptions(jobs=opts.jobs, cache=opts.cache)
    )
    opts.warnings.extend(warnings)
    return pdf


def write_pdf_single(book: Book, opts: PdfOptions) -> bytes:
    """The book laid out as one WeasyPrint document."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from publish.fetcher import SandboxFetcher
    from publish.render import weasy_speed
    from publish.render.pdf_text import stripped

    weasy_speed.install()

    style = load_style(opts.style or book.style, user_css=opts.user_css)
    LOGGER.info("Step 1 - assembling %d articles in style %s", len(book.chapters), style.name)
    sandbox = Sandbox(roots=(book.root, *style.folders, *font_roots()))
    fetcher = SandboxFetcher(sandbox)
    missing: list[str] = []
    document_html = assemble.book_html(
        book, sandbox=sandbox.narrowed(book.root), for_print=True, missing=missing
    )
    LOGGER.info("Step 2 - loading faces %s", ", ".join(style.roles))
    faces = font_face_css(style.roles)
    # @font-face rules register only through the FontConfiguration shared by every sheet
    # and the layout; without it WeasyPrint silently uses whatever fontconfig finds.
    font_config = FontConfiguration()
    stylesheets = [CSS(string=faces, url_fetcher=fetcher, font_config=font_config)]
    stylesheets += [
        CSS(filename=str(p), url_fetcher=fetcher, font_config=font_config) for p in style.print_css
    ]
    extras = _print_extras(opts)
    if extras:
        stylesheets.append(CSS(string=extras, font_config=font_config))
    LOGGER.info("Step 3 - laying out")
    refit.install()
    html = HTML(string=document_html, base_url=book.root.resolve().as_uri() + "/", url_fetcher=fetcher)
    rendered = html.render(stylesheets=stylesheets, font_config=font_config)
    LOGGER.info("Step 4 - writing %d pages, the justification spaces taken out of the text", len(rendered.pages))
    identifier = hashlib.sha256(document_html.encode()).hexdigest()[:32].encode()
    with stripped():
        pdf = rendered.write_pdf(
            pdf_identifier=identifier,
            pdf_variant=opts.pdf_variant,
            pdf_tags=opts.tagged,
        )
    opts.warnings.extend(missing)
    opts.warnings.extend(f"refused resource: {url}" for url in sandbox.refused)
    return bytes(pdf)
