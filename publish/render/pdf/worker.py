"""Lay out and write one part of the book, in whichever process runs it.

Separate from the build's orchestration because this is what a worker process imports and
runs: it gets plain data (HTML, style sheet texts, sandbox roots), keeps its faces and
sheets loaded between parts of the same build, looks its part up in the render cache and
returns bytes and counts.

A part's page numbers depend on how many pages the parts before it have, which is known
only once they are laid out. WeasyPrint paginates the whole document before it lays out
any margin box (``weasyprint.layout.layout_document`` is a generator that makes all pages,
then adds each page's margin boxes as it yields it), so the worker lays its part out
numbered from 1, publishes its page count the moment pagination is done, waits for the
counts of the parts before it, and shifts the page counter of every page before the first
margin box — folios and running heads — is made (``weasy.pagination``). One layout per
part, no second pass.
"""

from __future__ import annotations

import atexit
import dataclasses
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from publish import workers
from publish.errors import RenderError
from publish.fetcher import Sandbox
from publish.render.cache import Layout, RenderCache, part_key, pdf_key
from publish.render.pdf import note_pages, weasy
from publish.render.pdf.parts import fill_numbers
from publish.render.pdf.weasy import font_stubs, harfbuzz, pagination, refit
from publish.render.pdf.weasy.text_spaces import stripped

WAIT_SECONDS = 600.0
"""How long a part waits for the page counts before it; a hung build fails instead."""


@dataclass(frozen=True, slots=True)
class Setup:
    """What every part of one build shares."""

    base_url: str
    images: tuple[Path, ...]
    """Where images may be read from; sheets and fonts likewise (``render.resources``)."""
    sheet_places: tuple[Path, ...]
    font_places: tuple[Path, ...]
    sheets: tuple[tuple[str, str], ...]
    """("file", path) or ("string", css), in cascade order."""
    cache: Path | None
    fonts: tuple[Path, ...] = ()
    """The font files the sheets name: a part embeds a stub of each face cut from one of
    them, and the merge cuts the face once for the whole book (``pdf.fonts``)."""
    footnotes: str = "article"
    """The style's note numbering: ``page`` lays a part with notes out twice (``pdf.note_pages``)."""

    def sandbox(self) -> Sandbox:
        """The book's resource policy, the one every edition reads through."""
        return Sandbox.policy(images=self.images, sheets=self.sheet_places, fonts=self.font_places)


@dataclass(frozen=True, slots=True)
class Job:
    setup: Setup
    index: int
    """Position in the book: 0 the front matter, k article k."""
    key: str
    html: str
    css: str
    write: bool = True
    """Write the PDF; otherwise only count pages (the front matter's first pass)."""
    publish: bool = True
    """Publish the page count for the parts after this one."""
    targets: tuple[tuple[int, str], ...] = ()
    """(slot, anchor) of each 目录 target in this part: its page number is published in
    that slot of the board as soon as the part is laid out, before it is written."""
    toc: tuple[str, ...] = ()
    """For the front matter with the real 目录 numbers: the targets, slot by slot. The
    worker waits for their numbers, fills them into ``html`` and makes the part's key
    from ``key`` (then the build's setup key) and the filled HTML."""


@dataclass(slots=True)
class Done:
    layout: Layout
    first_page: int
    pdf: bytes | None = None
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Counts(Protocol):
    """Page counts of the book's parts, shared by the processes of one build; -1 unknown,
    -2 failed."""

    def __getitem__(self, index: int) -> int: ...
    def __setitem__(self, index: int, value: int) -> None: ...
    def __len__(self) -> int: ...


class Board:
    """The shared counts, the 目录 targets' page numbers (-1 unknown, ``ABSENT`` where a
    part has no such anchor) and the condition their writers notify."""

    def __init__(self, counts: Counts, condition: Any, anchors: Counts | None = None) -> None:
        self.counts, self.condition = counts, condition
        self.anchors: Counts = anchors if anchors is not None else []

    def publish(self, index: int, pages: int) -> None:
        with self.condition:
            self.counts[index] = pages
            self.condition.notify_all()

    def publish_anchors(self, numbers: dict[int, int]) -> None:
        with self.condition:
            for slot, number in numbers.items():
                self.anchors[slot] = number
            self.condition.notify_all()

    def anchor_pages(self) -> list[int]:
        """The page number of every 目录 target, once every part has published them."""

        def known() -> bool:
            failed = any(self.counts[i] == -2 for i in range(len(self.counts)))
            return failed or all(self.anchors[i] != -1 for i in range(len(self.anchors)))

        with self.condition:
            if not self.condition.wait_for(known, timeout=WAIT_SECONDS):
                raise RenderError("timed out waiting for the articles' 目录 page numbers")
            if any(self.counts[i] == -2 for i in range(len(self.counts))):
                raise RenderError("an article failed to render")
            return [self.anchors[i] for i in range(len(self.anchors))]

    def first_page(self, index: int) -> int:
        """1 + the pages of every part before ``index``, once all are counted."""

        def known() -> bool:
            return all(self.counts[i] != -1 for i in range(index))

        with self.condition:
            if not self.condition.wait_for(known, timeout=WAIT_SECONDS):
                raise RenderError("timed out waiting for the page counts of earlier articles")
            before = [self.counts[i] for i in range(index)]
        if any(c < 0 for c in before):
            raise RenderError("an earlier article failed to render")
        return 1 + sum(before)


ABSENT = -3
"""A 目录 target its part does not have (its placeholder stays)."""


def local_board(size: int, targets: int = 0) -> Board:
    """A board for a build in this process alone."""
    return Board([-1] * size, threading.Condition(), [-1] * targets)


_BOARD: Board | None = None
Loaded = tuple[Any, Any, list[Any], Any, Any]
"""(sandbox, fetcher, style sheets, font configuration, counter styles) of a setup
(``loaded``): the last two shared by every sheet and the layout, as WeasyPrint's own API
shares them, or its ``@font-face`` and ``@counter-style`` rules are lost."""
_LOADED: dict[Setup, Loaded] = {}
# Let go of the loaded faces before the interpreter tears WeasyPrint's modules down: a
# FontConfiguration freed after that fails in its __del__ ("'NoneType' is not callable").
atexit.register(_LOADED.clear)


def init_worker(parent: int | None, counts: Counts, condition: Any, anchors: Counts | None = None) -> None:
    """Pool initializer: die with ``parent`` and leave Ctrl-C to it (``publish.workers``;
    None: with whichever process started this one), then the build's shared board."""
    global _BOARD
    workers.init_worker(parent)
    _BOARD = Board(counts, condition, anchors)


def loaded(setup: Setup) -> Loaded:
    """(sandbox, fetcher, sheets, font config, counter styles) for the setup, loaded once per process."""
    if setup not in _LOADED:
        from weasyprint import CSS
        from weasyprint.css.counters import CounterStyle
        from weasyprint.text.fonts import FontConfiguration

        from publish.fetcher import SandboxFetcher

        _LOADED.clear()
        sandbox = setup.sandbox()
        fetcher = SandboxFetcher(sandbox)
        config = FontConfiguration()
        counters = CounterStyle()
        sheets = [
            CSS(filename=value, url_fetcher=fetcher, font_config=config, counter_style=counters)
            if kind == "file"
            else CSS(string=value, url_fetcher=fetcher, font_config=config, counter_style=counters)
            for kind, value in setup.sheets
        ]
        _LOADED[setup] = (sandbox, fetcher, sheets, config, counters)
    return _LOADED[setup]


_WARM: set[Setup] = set()
_FAMILY = re.compile(r'font-family: "([^"]+)"')


def warm(setup: Setup) -> None:
    """Lay out and write a line in each face of the setup, once per process: what any
    first layout pays (cffi parsing WeasyPrint's C types, Pango and HarfBuzz loading each
    face, the faces' bytes copied) is then paid here, before the pool forks, and not
    again in every worker — nor in the workers of a later build in this process."""
    if setup in _WARM:
        return
    from weasyprint import HTML

    weasy.install()
    _, fetcher, sheets, config, counters = loaded(setup)
    families = dict.fromkeys(_FAMILY.findall(" ".join(v for k, v in setup.sheets if k == "string")))
    lines = "".join(f'<p style="font-family: &quot;{f}&quot;">一二 ab 12</p>' for f in families)
    html = HTML(string=f'<html lang="zh-CN"><body>{lines}</body></html>', url_fetcher=fetcher)
    with stripped():
        html.render(stylesheets=sheets, font_config=config, counter_style=counters).write_pdf()
    _WARM.add(setup)


def run(job: Job, board: Board | None = None) -> Done:
    """Lay the part out (or take it from the cache) numbered from where it falls in the book."""
    board = board or _BOARD
    assert board is not None, "run() needs a board: init_worker or an argument"
    try:
        return _run(job, board)
    except BaseException:
        board.publish(job.index, -2)
        raise


def _filled(job: Job, board: Board) -> Job:
    """The front matter's job with the 目录 numbers the articles published."""
    numbers = {t: n for t, n in zip(job.toc, board.anchor_pages(), strict=True) if n != ABSENT}
    html = fill_numbers(job.html, numbers)
    return dataclasses.replace(job, html=html, key=part_key(job.key, html, job.css), toc=())


def _publish_anchors(job: Job, board: Board, layout: Layout, first: int) -> None:
    if job.targets:
        board.publish_anchors(
            {slot: first + layout.anchors[name] if name in layout.anchors else ABSENT for slot, name in job.targets}
        )


def _render(job: Job, known: Layout | None, fetcher: Any, sheets: list[Any], config: Any, counters: Any) -> tuple[Any, Any]:
    """The part's HTML object and its layout. A part laid out before at other page
    numbers (its layout cached, not its PDF) has its refit changes known: one layout,
    not the refit's two or three (``refit.decide``)."""
    from weasyprint import HTML

    html = HTML(string=job.html, base_url=job.setup.base_url, url_fetcher=fetcher)
    if known is not None and known.edits:
        refit.decide(html, [known.edits])
        try:
            return html, html.render(stylesheets=sheets, font_config=config, counter_style=counters)
        except refit.Undecided:  # a line stretched outside the article: decide nothing
            html = HTML(string=job.html, base_url=job.setup.base_url, url_fetcher=fetcher)
    return html, html.render(stylesheets=sheets, font_config=config, counter_style=counters)


def _part_edits(html: Any, known: Layout | None) -> tuple[refit.Edit, ...] | None:
    """The refit's changes to the part's article: those it was laid out with, if decided."""
    if known is not None and known.edits and getattr(html, "_publish_front", None) is not None:
        return known.edits
    found = refit.edits(html)
    return None if found is None else (found[0] if found else ())


def _run(job: Job, board: Board) -> Done:
    if job.toc:
        job = _filled(job, board)
    cache = RenderCache(job.setup.cache)
    known = cache.layout(job.key)
    if known is not None and job.publish:
        board.publish(job.index, known.pages)
    if known is not None and not job.write:
        return Done(layout=known, first_page=1)  # a count the cache already has
    if known is not None and job.write:
        first = board.first_page(job.index)
        _publish_anchors(job, board, known, first)
        data = cache.pdf(pdf_key(job.key, first))
        if data is not None:
            return Done(layout=known, first_page=first, pdf=data)
    from weasyprint import CSS

    weasy.install()
    sandbox, fetcher, sheets, config, counters = loaded(job.setup)
    before = len(sandbox.refused)
    numbering: list[int] = [1]

    def paginated(context: Any) -> None:
        if job.publish:
            board.publish(job.index, pagination.page_count(context) - 1)  # the sentinel's page is not the book's
        if job.write:
            numbering[0] = board.first_page(job.index)
            pagination.shift_page_counter(context, numbering[0] - 1)

    extra = [CSS(string=job.css, font_config=config, counter_style=counters)] if job.css else []
    with pagination.on_paginated(paginated):
        html, document = _render(job, known, fetcher, [*sheets, *extra], config, counters)
    edits = _part_edits(html, known)
    warnings: list[str] = []
    if job.setup.footnotes == "page" and job.write:

        def again() -> Any:
            refit.as_laid_out(html)
            with pagination.on_paginated(lambda context: pagination.shift_page_counter(context, numbering[0] - 1)):
                return html.render(stylesheets=[*sheets, *extra], font_config=config, counter_style=counters)

        document, why = note_pages.per_page(html, document, again)
        if why is not None:
            warnings.append(f"article {job.index}: footnotes numbered per article, not per page: {why}")
    pages = document.pages[:-1]
    anchors: dict[str, int] = {}
    for number, page in enumerate(pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    layout = Layout(
        pages=len(pages), last_blank=bool(pages) and pages[-1]._page_box.page_type.blank, anchors=anchors,
        edits=edits,
    )
    cache.store_layout(job.key, layout)
    _publish_anchors(job, board, layout, numbering[0])
    data = None
    if job.write:
        # Each face the style names is embedded as a stub, cut for the book by the merge:
        # subsetting a 15 MB face for every part was a fifth of a part's writing.
        with font_stubs.stubbing(job.setup.fonts if harfbuzz.available() else ()), stripped():
            data = bytes(document.copy(pages).write_pdf())
        cache.store_pdf(pdf_key(job.key, numbering[0]), data)
    return Done(layout=layout, first_page=numbering[0], pdf=data, refused=sandbox.refused[before:], warnings=warnings)
