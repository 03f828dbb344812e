"""The cleaner: one scraped page (HTML or a plain-text dump) → one Article.

``clean_bytes`` is the whole stage; the CLI's batch command lives in
``publish.commands.clean``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lxml.etree import LxmlError

from publish.clean.assemble import assemble
from publish.clean.pipeline import Ruler, default_ruler
from publish.clean.profiles import generic
from publish.clean.state import CleanState
from publish.errors import CleanError, PublishError
from publish.model import Document

SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
"""What ``publish clean`` picks up from a folder."""


@dataclass(frozen=True, slots=True)
class CleanResult:
    document: Document
    warnings: tuple[str, ...]


_DEFAULT_RULER = default_ruler()


def clean_bytes(
    data: bytes,
    path: Path,
    *,
    ruler: Ruler | None = None,
    out_dir: Path | None = None,
    fetch_images: bool = False,
) -> CleanResult:
    """Clean one page; ``path`` names it in messages and tells HTML from text.

    With ``out_dir`` (the Markdown's folder), images the scrape saved are copied to
    ``out_dir/../images`` and referenced relative to it; ``fetch_images`` also downloads
    the ones it did not save (http(s) only, bounded, checked to be images).
    """
    profile = generic()
    state = CleanState(path=path, data=data, profile=profile, generic=profile)
    if out_dir is not None:
        state.markdown_dir, state.images_dir = out_dir, out_dir.parent / "images"
        state.fetch_images = fetch_images
    try:
        with _collector_paused():
            (ruler or _DEFAULT_RULER).run(state)
    except (RecursionError, MemoryError, LxmlError) as exc:
        raise CleanError(
            f"the page is too large or too deeply nested to read ({type(exc).__name__})",
            path=path, hint="check the scrape; an article page never needs this much",
        ) from exc
    if not state.title:
        raise CleanError("no title found: this does not look like an article", path=path)
    if not any(b.kind in ("text", "image", "item", "quote", "table") for b in state.blocks):
        raise CleanError("the article body is empty after cleaning", path=path)
    return CleanResult(assemble(state), tuple(state.report))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while one page is read.

    Reading a page makes thousands of short-lived objects (one per element of its tree),
    and every 700 of them the collector walks the young objects, and now and then all
    objects in the process: a tenth of the cleaner's time, to find nothing, as the cleaner
    makes no reference cycles (its objects are freed as soon as they are unused). Held off
    for milliseconds, it resumes where it was. Left alone if something else switched it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def clean_file(path: Path, out_dir: Path | None = None, fetch_images: bool = False) -> CleanResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        # not the page's fault (permissions, a vanished file): a failure, not a skipped page
        raise PublishError(
            f"cannot read: {exc.strerror}", path=path, hint="check that the file is readable"
        ) from exc
    return clean_bytes(data, path, out_dir=out_dir, fetch_images=fetch_images)
