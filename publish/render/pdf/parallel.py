"""The per-article PDF build: parts laid out in parallel, cached, and merged into the book.

Separate from ``pdf.write`` (the one-pass build, kept for tagged and PDF/A output) because
this is the orchestration:

1. the front matter (title page, 目录 with placeholder numbers) is counted, and
2. every article is laid out once, in the same pool of processes, in book order; each
   learns its first page from the page counts the others publish as soon as they are
   paginated (see ``pdf.worker``), and writes its PDF; the cache answers for unchanged
   articles;
3. the front matter is laid out again with the real 目录 numbers, in the same pool, once
   every article has published the pages of its anchors;
4. the PDFs (each with its justification spaces already taken out, in its worker, and
   cached so) are merged with pikepdf, and each face's per-part subsets become one
   (``pdf.fonts``).

A part's page count does not depend on its numbering (every part opens on a recto), so
after an edit only the edited article is laid out again, and later ones only if its
page count changed (their numbers moved).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from publish import __version__
from publish.book import Book
from publish.cpu import available_cores
from publish.errors import RenderError
from publish.fonts import font_face_css
from publish.render.cache import RenderCache, cache_dir, font_files, part_key, setup_key
from publish.render.pdf import parts as pdf_parts
from publish.render.pdf.merge import PartPdf, merge
from publish.render.pdf.weasy.refit import Edit
from publish.render.pdf.worker import (
    Done,
    Job,
    Loaded,
    Setup,
    init_worker,
    loaded,
    local_board,
    run,
    warm,
)
from publish.render.resources import book_sandbox
from publish.sources import read_source
from publish.styles import Style

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ParallelOptions:
    jobs: int = 0
    """Worker processes; 0: one per available core."""
    cache: bool = True


def _run_all(jobs: Sequence[Job], workers: int, size: int, known: dict[int, int], targets: int = 0) -> list[Done]:
    """Run the jobs in book order, in a pool of ``workers`` processes (here when 1);
    ``targets``: slots on the board for the 目录 targets' page numbers."""
    if workers <= 1 or len(jobs) <= 1:
        board = local_board(size, targets)
        for index, pages in known.items():
            board.publish(index, pages)
        return [run(job, board) for job in jobs]
    context = _context()
    counts = context.Array("i", [known.get(i, -1) for i in range(size)], lock=False)
    anchors = context.Array("i", [-1] * targets, lock=False)
    condition = context.Condition()
    # A forked worker dies with this process; a forkserver's with the server, which
    # exits when this process does.
    parent = os.getpid() if context.get_start_method() == "fork" else None
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)), mp_context=context,
        initializer=init_worker, initargs=(parent, counts, condition, anchors),
    ) as pool:
        # map submits in order and every job waits only for earlier ones: no deadlock.
        return list(pool.map(run, jobs))


def _context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (Linux, no other thread in this process): the workers start
    at once with WeasyPrint imported and the faces and sheets loaded (the front matter was
    counted here first). Else forkserver, which pays one import of WeasyPrint."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["publish.render.pdf.worker", "weasyprint"])
    return context


def _setup(book: Book, style: Style, extras: str, cache: bool) -> Setup:
    sheets: list[tuple[str, str]] = [("string", font_face_css(style.roles))]
    sheets += [("file", str(p)) for p in style.print_css]
    if extras:
        sheets.append(("string", extras))
    places = book_sandbox(book.root, style).places or {}
    setup = Setup(
        base_url=book.root.resolve().as_uri() + "/",
        images=places["image"],
        sheet_places=places["sheet"],
        font_places=places["font"],
        sheets=tuple(sheets),
        cache=cache_dir(book.root) if cache else None,
        footnotes=style.footnotes,
    )
    return dataclasses.replace(setup, fonts=font_files(_sheet_texts(setup)))


def rendering_code() -> list[Path]:
    """Modules whose code shapes a cached part beyond its HTML and CSS: every module of the
    PDF edition (its WeasyPrint hooks included) and the cache's own rules. A change to them
    makes new keys even where the version number stayed the same."""
    here = Path(__file__).parent
    return [*sorted(here.rglob("*.py")), here.parent / "cache.py"]


def _sheet_texts(setup: Setup) -> list[str]:
    return [value if kind == "string" else _read(value) for kind, value in setup.sheets]


def _setup_key(setup: Setup, texts: list[str]) -> str:
    code = hashlib.sha256(b"".join(path.read_bytes() for path in rendering_code())).hexdigest()
    # Per-page note numbers change a part's PDF but neither its HTML nor its sheets.
    numbering = "" if setup.footnotes == "article" else f" footnotes {setup.footnotes}"
    return setup_key(f"publish {__version__} {code} weasyprint {version('weasyprint')}{numbering}", texts)


def _read(path: str) -> str:
    return read_source(Path(path))


def _target_slots(book: Book) -> list[tuple[tuple[int, str], ...]]:
    """Each article's 目录 targets with their slots on the board, numbered through the book."""
    out: list[tuple[tuple[int, str], ...]] = []
    slot = 0
    for targets in pdf_parts.chapter_targets(book):
        out.append(tuple(enumerate(targets, start=slot)))
        slot += len(targets)
    return out


def write_pdf_parallel(book: Book, style: Style, extras: str, options: ParallelOptions) -> tuple[bytes, list[str]]:
    """The book's PDF and its warnings (missing images, refused resources)."""
    if not book.chapters:
        raise RenderError("the book has no articles", path=book.root / "book.toml", hint="list articles in book.toml")
    setup = _setup(book, style, extras, options.cache)
    texts = _sheet_texts(setup)
    key = _setup_key(setup, texts)
    workers = options.jobs or available_cores()
    missing: list[str] = []
    sandbox = setup.sandbox().narrowed(book.root)
    articles = [pdf_parts.article_part(book, i, sandbox, missing) for i in range(len(book.chapters))]
    size = len(articles) + 1
    front = pdf_parts.front_part(book)
    counting = Job(setup, 0, part_key(key, front.html, front.extra_css), front.html, front.extra_css, write=False)
    slots = _target_slots(book)
    jobs = [
        Job(setup, i + 1, part_key(key, part.html, part.extra_css), part.html, part.extra_css, targets=slots[i])
        for i, part in enumerate(articles)
    ]
    toc = tuple(name for chapter in slots for _, name in chapter)
    final = Job(setup, 0, key, front.html, front.extra_css, publish=False, toc=toc)
    # The faces and sheets are loaded here and a line laid out in each (``warm``), so the
    # forked workers start with them and with what a first layout costs paid. The
    # front matter is counted in the pool beside the first article (which waits for that
    # count only once it is paginated itself), and laid out again with the 目录 numbers
    # as the last job, as soon as every article has published where its anchors fell:
    # while the last articles are still being written.
    warm(setup)
    LOGGER.info("laying out the front matter and %d articles on %d workers", len(articles), workers)
    front_count, *done, front_done = _run_all([counting, *jobs, final], workers, size, {}, len(toc))
    if front_done.layout.pages != front_count.layout.pages:
        raise RenderError(
            "the 目录 changed length once its page numbers were filled in",
            path=book.root / "book.toml",
            hint="build with --jobs 1 --no-cache, or report this with the book",
        )
    pdfs = [d.pdf for d in (front_done, *done) if d.pdf is not None]
    last_blank = done[-1].layout.last_blank
    parts = [PartPdf(d, drop_last=(i == len(pdfs) - 1 and last_blank)) for i, d in enumerate(pdfs)]
    merged = merge(parts, setup.fonts, RenderCache(setup.cache))
    refused = [url for d in (front_count, *done, front_done) for url in d.refused]
    warnings = missing + [w for d in done for w in d.warnings]
    warnings += [f"refused resource: {url}" for url in dict.fromkeys(refused)]
    return merged, warnings


def one_pass_start(book: Book, style: Style, extras: str, options: ParallelOptions) -> tuple[Loaded, list[tuple[Edit, ...]] | None]:
    """For the one-pass build: the faces and sheets, loaded here before the pool forks so
    that its workers start with them, and what the stretched-line refit changes in each
    article laid out alone — from the render cache, or laid out in the pool without being
    written — to apply before the book's single layout (``refit.decide``); None if a
    change fell outside an article. The parts and keys are the per-article build's:
    either build fills the cache for the other."""
    setup = _setup(book, style, extras, options.cache)
    key = _setup_key(setup, _sheet_texts(setup))
    warm(setup)
    sheets = loaded(setup)
    sandbox = setup.sandbox().narrowed(book.root)
    parts = [pdf_parts.article_part(book, i, sandbox, []) for i in range(len(book.chapters))]
    jobs = [
        Job(setup, i + 1, part_key(key, p.html, p.extra_css), p.html, p.extra_css, write=False, publish=False)
        for i, p in enumerate(parts)
    ]
    found = [d.layout.edits for d in _run_all(jobs, options.jobs or available_cores(), len(jobs) + 1, {})]
    decided = [edits for edits in found if edits is not None]
    return sheets, (decided if len(decided) == len(found) else None)
