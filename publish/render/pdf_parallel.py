"""The per-article PDF build: parts laid out in parallel, cached, and merged into the book.

Separate from ``pdf.py`` (the one-pass build, kept for tagged and PDF/A output) because
this is the orchestration: count, number, render, merge. Two passes, because a part's
page numbers depend on how many pages come before it and the 目录 needs every article's:

1. count: each part not in the cache is laid out (no PDF written) to learn its page count
   and the page of each anchor; the front matter with placeholder numbers;
2. render: each article numbered from its first page (``@page :first { counter-reset }``),
   the front matter with the real 目录 numbers, both written to PDF;

then the PDFs are merged (pikepdf) and the justification spaces taken out. A part's page
count does not depend on its numbering (every part opens on a recto), so after an edit
only the edited article is laid out again, and later articles only if its length changed.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version

from publish import __version__
from publish.book import Book
from publish.errors import RenderError
from publish.fetcher import Sandbox
from publish.fonts import font_face_css, font_roots
from publish.render import assemble, pdf_parts
from publish.render.pdf_cache import Layout, RenderCache, cache_dir, part_key, pdf_key, setup_key
from publish.render.pdf_merge import PartPdf, merge
from publish.render.pdf_text import strip_layout_spaces
from publish.render.pdf_worker import Done, Job, Setup, run
from publish.styles import Style

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ParallelOptions:
    jobs: int = 0
    """Worker processes; 0: one per available core."""
    cache: bool = True


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@contextmanager
def _pool(jobs: int, work: int) -> Iterator[Executor | None]:
    if jobs <= 1 or work <= 1:
        yield None
        return
    # forkserver: workers forked from a clean process that has imported WeasyPrint once,
    # never from this one (whose Pango/fontconfig state a fork would copy).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["publish.render.pdf_worker", "weasyprint"])
    with ProcessPoolExecutor(max_workers=min(jobs, work), mp_context=context) as pool:
        yield pool


def _run_all(pool: Executor | None, jobs: Sequence[Job]) -> list[Done]:
    if pool is None:
        return [run(job) for job in jobs]
    return list(pool.map(run, jobs))


def _setup(book: Book, style: Style, extras: str) -> Setup:
    sheets: list[tuple[str, str]] = [("string", font_face_css(style.roles))]
    sheets += [("file", str(p)) for p in style.print_css]
    if extras:
        sheets.append(("string", extras))
    return Setup(
        base_url=book.root.resolve().as_uri() + "/",
        roots=(book.root, *style.folders, *font_roots()),
        sheets=tuple(sheets),
    )


def _setup_key(setup: Setup) -> str:
    texts = [value if kind == "string" else _read(value) for kind, value in setup.sheets]
    return setup_key(f"publish {__version__} weasyprint {version('weasyprint')}", texts)


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


class _Build:
    """One book's parts, their layouts and PDFs, filled from the cache or the workers."""

    def __init__(self, book: Book, setup: Setup, cache: RenderCache, pool: Executor | None) -> None:
        self.book, self.setup, self.cache, self.pool = book, setup, cache, pool
        self.key = _setup_key(setup)
        self.missing: list[str] = []
        self.refused: list[str] = []
        sandbox = Sandbox(roots=setup.roots).narrowed(book.root)
        self.articles = [
            pdf_parts.article_part(book, i, sandbox, self.missing) for i in range(len(book.chapters))
        ]
        self.article_keys = [part_key(self.key, p.html, p.extra_css) for p in self.articles]

    def layouts(self, parts: Sequence[tuple[str, pdf_parts.Part]]) -> list[Layout]:
        found = [self.cache.layout(key) for key, _ in parts]
        todo = [i for i, layout in enumerate(found) if layout is None]
        jobs = [Job(self.setup, parts[i][1].html, parts[i][1].extra_css, write=False) for i in todo]
        for i, done in zip(todo, _run_all(self.pool, jobs), strict=True):
            self.cache.store_layout(parts[i][0], done.layout)
            self.refused.extend(done.refused)
            found[i] = done.layout
        return [layout for layout in found if layout is not None]

    def pdfs(self, parts: Sequence[tuple[str, pdf_parts.Part, str]], identifier: bytes) -> list[bytes]:
        """(key, part, css) → PDF bytes, rendered where the cache has none."""
        found = [self.cache.pdf(key) for key, _, _ in parts]
        todo = [i for i, data in enumerate(found) if data is None]
        jobs = [
            Job(self.setup, parts[i][1].html, parts[i][2], write=True, identifier=identifier) for i in todo
        ]
        LOGGER.info("rendering %d of %d parts (%d cached)", len(todo), len(parts), len(parts) - len(todo))
        for i, done in zip(todo, _run_all(self.pool, jobs), strict=True):
            assert done.pdf is not None
            self.cache.store_pdf(parts[i][0], done.pdf)
            self.refused.extend(done.refused)
            found[i] = done.pdf
        return [data for data in found if data is not None]


def _numbering(front_pages: int, layouts: Sequence[Layout], book: Book) -> tuple[list[int], dict[str, int]]:
    """Each article's first page, and the page number of every 目录 target."""
    starts, numbers = [], {}
    page = front_pages + 1
    for layout in layouts:
        starts.append(page)
        numbers.update({name: page + index for name, index in layout.anchors.items()})
        page += layout.pages
    wanted = pdf_parts.toc_targets(book)
    return starts, {t: numbers[t] for t in wanted if t in numbers}


def write_pdf_parallel(book: Book, style: Style, extras: str, options: ParallelOptions) -> tuple[bytes, list[str]]:
    """The book's PDF and its warnings (missing images, refused resources)."""
    if not book.chapters:
        raise RenderError("the book has no articles", path=book.root / "book.toml", hint="list articles in book.toml")
    setup = _setup(book, style, extras)
    cache = RenderCache(cache_dir(book.root) if options.cache else None)
    jobs = options.jobs or available_cores()
    with _pool(jobs, len(book.chapters) + 1) as pool:
        build = _Build(book, setup, cache, pool)
        front = pdf_parts.front_part(book, None)
        front_key = part_key(build.key, front.html, front.extra_css)
        counted = build.layouts([(front_key, front), *zip(build.article_keys, build.articles, strict=True)])
        front_pages, layouts = counted[0].pages, counted[1:]
        for _ in range(3):  # the real numbers may, in theory, change the 目录's length
            starts, numbers = _numbering(front_pages, layouts, book)
            front = pdf_parts.front_part(book, numbers)
            key = part_key(build.key, front.html, front.extra_css)
            (front_layout,) = build.layouts([(key, front)])
            if front_layout.pages == front_pages:
                break
            front_pages = front_layout.pages
        identifier = hashlib.sha256(
            "".join([front.html, *(p.html for p in build.articles), *map(str, starts)]).encode()
        ).hexdigest()[:32].encode()
        parts = [(pdf_key(key, 0), front, front.extra_css)]
        for k, part, start in zip(build.article_keys, build.articles, starts, strict=True):
            css = f"{part.extra_css}\n@page :first {{ counter-reset: page {start}; }}"
            parts.append((pdf_key(k, start), part, css))
        pdfs = build.pdfs(parts, identifier)
    last_blank = layouts[-1].last_blank
    merged = merge([PartPdf(d, drop_last=(i == len(pdfs) - 1 and last_blank)) for i, d in enumerate(pdfs)])
    warnings = list(build.missing) + [f"refused resource: {url}" for url in dict.fromkeys(build.refused)]
    return strip_layout_spaces(merged), warnings
