"""``publish proof``: PDF pages → PNG proofs and one contact sheet per book.

Editors check a book by looking at it. Each page becomes a PNG (poppler's pdftoppm, the
renderer the tests use too) and the pages together a contact sheet — a grid of
thumbnails, one image per book — so a whole book can be checked at a glance. The PDF is
built first unless dist/ already holds one newer than the book's sources.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from publish.book import Book, load_book
from publish.errors import ConfigError, PublishError, RenderError
from publish.fsutil import check_output_folder
from publish.styles import load_style

SHEET_COLUMNS = 4
THUMB_WIDTH = 240
GAP = 24
LABEL = 22
BACKGROUND = (200, 200, 196)


@dataclass(frozen=True, slots=True)
class PageRange:
    first: int
    last: int | None
    """None: to the end of the book."""

    def pages(self, count: int) -> range:
        return range(self.first, min(self.last or count, count) + 1)


@dataclass(frozen=True, slots=True)
class ProofResult:
    book: Path
    pdf: Path
    built: bool
    """True when the PDF was (re)built for this proof."""
    pages: tuple[Path, ...]
    sheet: Path


def parse_pages(spec: str) -> PageRange:
    """'1-8', '3' or '5-' (to the end)."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:(-)\s*(\d*)\s*)?", spec)
    if not match or int(match.group(1)) < 1:
        raise ConfigError(f"--pages {spec!r} is not a page range", hint="write it like 1-8, 3 or 5-")
    first = int(match.group(1))
    if not match.group(2):
        return PageRange(first, first)
    last = int(match.group(3)) if match.group(3) else None
    if last is not None and last < first:
        raise ConfigError(f"--pages {spec!r} ends before it starts", hint="write it like 1-8")
    return PageRange(first, last)


def sources(book: Book, book_path: Path) -> list[Path]:
    """The files a PDF is made from: book.toml, the articles, the style's files."""
    files = [book_path, *(c.path for c in book.chapters)]
    for folder in load_style(book.style).folders:
        files += [p for p in folder.rglob("*") if p.is_file()]
    return files


def is_fresh(pdf: Path, inputs: list[Path]) -> bool:
    if not pdf.is_file():
        return False
    built = pdf.stat().st_mtime_ns
    return all(p.stat().st_mtime_ns <= built for p in inputs if p.exists())


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise RenderError(f"{name} is not installed", hint="install poppler-utils: make system")
    return found


def page_count(pdf: Path) -> int:
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=False)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    if info.returncode or not match:
        raise RenderError(f"cannot read the PDF: {info.stderr.strip()}", path=pdf)
    return int(match.group(1))


def render_page(pdf: Path, number: int, target: Path, dpi: int) -> Path:
    stem = target.with_suffix("")
    cmd = [tool("pdftoppm"), "-r", str(dpi), "-png", "-singlefile", "-f", str(number), "-l", str(number)]
    done = subprocess.run([*cmd, str(pdf), str(stem)], capture_output=True, text=True, check=False)
    if done.returncode:
        raise RenderError(f"pdftoppm failed on page {number}: {done.stderr.strip()}", path=pdf)
    return target


def contact_sheet(pages: list[tuple[int, Path]], target: Path, columns: int = SHEET_COLUMNS) -> Path:
    """A grid of page thumbnails, each labelled with its page number, as one PNG."""
    thumbs = []
    for number, path in pages:
        with Image.open(path) as img:
            height = round(img.height * THUMB_WIDTH / img.width)
            thumbs.append((number, img.convert("RGB").resize((THUMB_WIDTH, height), Image.Resampling.LANCZOS)))
    cell_h = max(t.height for _, t in thumbs) + LABEL
    cols = min(columns, len(thumbs))
    rows = -(-len(thumbs) // cols)
    sheet = Image.new("RGB", (GAP + cols * (THUMB_WIDTH + GAP), GAP + rows * (cell_h + GAP)), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=14)
    for i, (number, thumb) in enumerate(thumbs):
        x = GAP + (i % cols) * (THUMB_WIDTH + GAP)
        y = GAP + (i // cols) * (cell_h + GAP)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=(120, 120, 120))
        draw.text((x + THUMB_WIDTH // 2, y + thumb.height + 4), str(number), fill=(40, 40, 40), font=font, anchor="mt")
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target, optimize=True)
    return target


def ensure_pdf(book_path: Path, dist: Path, rebuild: bool) -> tuple[Path, bool]:
    from publish.commands import build

    book = load_book(book_path)
    pdf = dist / f"{book.meta.name}.pdf"
    if not rebuild and is_fresh(pdf, sources(book, book_path)):
        return pdf, False
    build.run(book_path, dist, ("pdf",))
    return pdf, True


def run(
    book_path: Path,
    out_dir: Path,
    *,
    pages: PageRange | None = None,
    dist: Path = Path("dist"),
    dpi: int = 100,
    rebuild: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_page: Callable[[int], None] | None = None,
) -> ProofResult:
    """Proof one book: build its PDF if stale, render the pages, make the contact sheet."""
    check_output_folder(out_dir)
    check_output_folder(dist)
    pdf, built = ensure_pdf(book_path, dist, rebuild)
    count = page_count(pdf)
    wanted = (pages or PageRange(1, None)).pages(count)
    if not wanted:
        raise PublishError(f"the book has {count} pages; --pages starts after the last", path=pdf)
    name = pdf.stem
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob(f"{name}-p*.png"):
        stale.unlink()
    if on_start:
        on_start(len(wanted))
    rendered = []
    for number in wanted:
        rendered.append((number, render_page(pdf, number, out_dir / f"{name}-p{number:03d}.png", dpi)))
        if on_page:
            on_page(number)
    sheet = contact_sheet(rendered, out_dir / f"{name}-sheet.png")
    return ProofResult(book_path, pdf, built, tuple(p for _, p in rendered), sheet)
