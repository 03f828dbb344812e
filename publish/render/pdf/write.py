"""The book → a print-ready PDF through WeasyPrint.

The top function reads as the pipeline: assemble one HTML document (title page, 目录,
articles), resolve faces and styles, lay out, write. Every resource goes through the
sandboxed fetcher; dates and identifiers come from the book, never from the clock, so the
same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from publish.book import Book
from publish.fonts import font_face_css
from publish.render import assemble
from publish.render.edition import Options, Output
from publish.render.pdf import weasy
from publish.render.pdf.weasy import refit
from publish.render.pdf.weasy.refit import Edit
from publish.render.pdf.trim import trim_css
from publish.render.resources import book_sandbox
from publish.styles import Style, load_style

if TYPE_CHECKING:
    from publish.render.pdf.worker import Loaded

# WeasyPrint, pikepdf and the per-article build are imported where they are used, so
# that importing this module (``PDF_VARIANTS``: every ``publish build``) stays cheap.

LOGGER = logging.getLogger(__name__)

PDF_VARIANTS = (
    "pdf/a-1a", "pdf/a-1b", "pdf/a-2a", "pdf/a-2b", "pdf/a-2u", "pdf/a-3a", "pdf/a-3b", "pdf/a-3u",
    "pdf/a-4e", "pdf/a-4f", "pdf/a-4u", "pdf/ua-1", "pdf/ua-2", "pdf/x-1a", "pdf/x-3", "pdf/x-4", "pdf/x-5g",
)
"""WeasyPrint 70's ``pdf_variant`` values (its ``weasyprint.pdf.VARIANTS`` but ``debug``),
named here so a wrong one is refused before anything is built, without importing it."""


def _print_extras(opts: Options, book: Book, style: Style) -> str:
    """The rules the build adds after the style's sheets: the trim's page (``pdf.trim``),
    bleed and crop marks."""
    rules = [css] if (css := trim_css(book.trim, style)) else []
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


def render(book: Book, opts: Options) -> Output:
    """The book's PDF: per article, in parallel and cached (``pdf.parallel``), unless the
    output is tagged or a PDF/A-UA variant, whose structure tree spans the whole book, or
    the book is a single article."""
    one_pass = opts.single_pass or opts.tagged or bool(opts.pdf_variant)
    if one_pass or len(book.chapters) <= ONE_PASS_ARTICLES:
        return write_pdf_single(book, opts)
    from publish.render.pdf.parallel import ParallelOptions, write_pdf_parallel

    notes = weasy.check()
    style = load_style(opts.style or book.style, user_css=opts.user_css)
    LOGGER.info("Per-article build of %d articles in style %s", len(book.chapters), style.name)
    pdf, warnings = write_pdf_parallel(
        book, style, _print_extras(opts, book, style), ParallelOptions(jobs=opts.jobs, cache=opts.cache)
    )
    return Output(pdf, warnings=(*notes, *warnings))


def _own_sheets(book: Book, style: Style, extras: str) -> Loaded:
    """The faces and sheets for a one-article book, loaded in this process alone (not
    with ``pdf.worker.loaded``: importing the per-article build would cost this build,
    the slowest against plain WeasyPrint, 0.06 s)."""
    from weasyprint import CSS
    from weasyprint.css.counters import CounterStyle
    from weasyprint.text.fonts import FontConfiguration

    from publish.fetcher import SandboxFetcher

    sandbox = book_sandbox(book.root, style)
    fetcher = SandboxFetcher(sandbox)
    # @font-face rules register only through the FontConfiguration shared by every sheet
    # and the layout; without it WeasyPrint silently uses whatever fontconfig finds.
    font_config = FontConfiguration()
    counters = CounterStyle()  # likewise @counter-style rules
    sheets = [CSS(string=font_face_css(style.roles), url_fetcher=fetcher, font_config=font_config, counter_style=counters)]
    sheets += [
        CSS(filename=str(p), url_fetcher=fetcher, font_config=font_config, counter_style=counters) for p in style.print_css
    ]
    if extras:
        sheets.append(CSS(string=extras, url_fetcher=fetcher, font_config=font_config, counter_style=counters))
    return sandbox, fetcher, sheets, font_config, counters


def _start(book: Book, style: Style, opts: Options) -> tuple[Loaded, list[tuple[Edit, ...]] | None]:
    """The faces and sheets, and the refit's changes to each article decided by laying
    the articles out alone in parallel (or taken from the render cache), so that the
    book is laid out once, not three times for one stretched line (``refit.decide``).
    A one-article book decides nothing: the article alone is the book, and its own
    layouts are the cheapest."""
    extras = _print_extras(opts, book, style)
    if len(book.chapters) <= ONE_PASS_ARTICLES:
        return _own_sheets(book, style, extras), None
    from publish.render.pdf.parallel import ParallelOptions, one_pass_start

    return one_pass_start(book, style, extras, ParallelOptions(jobs=opts.jobs, cache=opts.cache))


def _notes_per_page(html: Any, rendered: Any, again: Callable[[], Any]) -> tuple[Any, str | None]:
    """The book numbered per page (``pdf.note_pages``): its notes renumbered from
    ``rendered`` and laid out once more with the refit's changes as they are."""
    from publish.render.pdf import note_pages

    def second() -> Any:
        refit.as_laid_out(html)
        LOGGER.info("Step 3b - laying out again, the footnotes numbered per page")
        return again()

    return note_pages.per_page(html, rendered, second)


def write_pdf_single(book: Book, opts: Options) -> Output:
    """The book laid out as one WeasyPrint document."""
    from weasyprint import HTML

    from publish.render.pdf.weasy.text_spaces import stripped

    notes = weasy.install()
    style = load_style(opts.style or book.style, user_css=opts.user_css)
    LOGGER.info("Step 1 - loading faces %s; the refit decided per article", ", ".join(style.roles))
    (sandbox, fetcher, stylesheets, font_config, counters), decided = _start(book, style, opts)
    refused = len(sandbox.refused)
    LOGGER.info("Step 2 - assembling %d articles in style %s", len(book.chapters), style.name)
    missing: list[str] = []
    document_html = assemble.book_html(book, sandbox=sandbox.narrowed(book.root), for_print=True, missing=missing)
    base_url = book.root.resolve().as_uri() + "/"
    html = HTML(string=document_html, base_url=base_url, url_fetcher=fetcher)
    if decided is not None:
        refit.decide(html, decided)
    LOGGER.info("Step 3 - laying out")
    try:
        rendered = html.render(stylesheets=stylesheets, font_config=font_config, counter_style=counters)
    except refit.Undecided:
        LOGGER.info("a stretched line outside the articles: laid out again with the refit's three layouts")
        html = HTML(string=document_html, base_url=base_url, url_fetcher=fetcher)
        rendered = html.render(stylesheets=stylesheets, font_config=font_config, counter_style=counters)
    if style.footnotes == "page":
        rendered, why = _notes_per_page(html, rendered, lambda: html.render(stylesheets=stylesheets, font_config=font_config, counter_style=counters))
        if why is not None:
            notes = (*notes, f"footnotes numbered per article, not per page: {why}")
    LOGGER.info("Step 4 - writing %d pages, the justification spaces taken out of the text", len(rendered.pages))
    identifier = hashlib.sha256(document_html.encode()).hexdigest()[:32].encode()
    with stripped():
        pdf = rendered.write_pdf(
            pdf_identifier=identifier,
            pdf_variant=opts.pdf_variant,
            pdf_tags=bool(opts.tagged),
        )
    warnings = (*notes, *missing, *(f"refused resource: {url}" for url in dict.fromkeys(sandbox.refused[refused:])))
    if not opts.pdf_variant:
        return Output(bytes(pdf), warnings=warnings)
    from publish.render.pdf.archival import conform

    LOGGER.info("Step 5 - writing the file as %s validators read it", opts.pdf_variant)
    return Output(conform(bytes(pdf), opts.pdf_variant), warnings=warnings)
