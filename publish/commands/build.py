"""``publish build``: the book → dist/<name>.pdf, dist/<name>.epub and the HTML edition
dist/<name>-html/, each written atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from publish.book import load_book
from publish.errors import ConfigError
from publish.fsutil import atomic_write_bytes
from publish.render import WRITERS
from publish.render.epub.write import EpubOptions
from publish.render.html.write import SiteOptions, save_site, write_site
from publish.render.pdf.write import PDF_VARIANTS, PdfOptions

FORMATS = ("pdf", "epub")
"""What ``--format all`` makes; the HTML edition is asked for by name."""


@dataclass(slots=True)
class BuildResult:
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What a writer reports beyond warnings (embedded font sizes …)."""


def run(
    book_path: Path,
    out_dir: Path,
    formats: tuple[str, ...],
    *,
    style: str | None = None,
    user_css: tuple[Path, ...] = (),
    pdf_variant: str | None = None,
    bleed_mm: float = 0.0,
    marks: bool = False,
    tagged: bool = False,
    embed_fonts: str | None = None,
    jobs: int = 0,
    cache: bool = True,
    on_step: Callable[[str], None] | None = None,
) -> BuildResult:
    if pdf_variant is not None and pdf_variant not in PDF_VARIANTS:
        raise ConfigError(f"unknown PDF variant {pdf_variant!r}", hint=f"--pdf-variant takes one of: {', '.join(PDF_VARIANTS)}")
    book = load_book(book_path, style=style)
    result = BuildResult()
    for fmt in formats:
        if on_step:
            on_step(fmt)
        if fmt == "html":
            site_opts = SiteOptions(style=book.style, user_css=user_css)
            site_dir = out_dir / f"{book.meta.name}-html"
            save_site(write_site(book, site_opts), site_dir)
            result.outputs.append(site_dir)
            result.warnings.extend(w for w in site_opts.warnings if w not in result.warnings)
            continue
        if fmt == "pdf":
            opts: PdfOptions | EpubOptions = PdfOptions(
                style=book.style, user_css=user_css, pdf_variant=pdf_variant, bleed_mm=bleed_mm, marks=marks,
                tagged=tagged, jobs=jobs, cache=cache,
            )
        else:
            opts = EpubOptions(style=book.style, user_css=user_css, embed_fonts=embed_fonts, cache=cache)
        data = WRITERS[fmt](book, opts)
        target = out_dir / f"{book.meta.name}.{fmt}"
        atomic_write_bytes(target, data)
        result.outputs.append(target)
        result.warnings.extend(w for w in opts.warnings if w not in result.warnings)
        if isinstance(opts, EpubOptions):
            result.notes.extend(opts.notes)
    return result
