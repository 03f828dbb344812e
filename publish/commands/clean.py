"""``publish clean``: a batch of scrapes → Markdown articles, in parallel, losing nothing.

Re-cleaning is safe: an unchanged result leaves the file untouched (byte-identical, same
mtime), and a file an editor changed by hand is never overwritten — the new version goes
beside it as ``<name>.md.new`` unless ``force`` is set, and a ``.md.new`` edited by hand
is not overwritten either. A file is read before it is replaced and read again just
before the rename: one an editor saved meanwhile is kept. Pages with the same name
(``a/index.html``, ``b/index.html``) get distinct articles (``clean_names``).

Every page ends in one of four outcomes, the words of the summary: cleaned, unchanged,
skipped (the page cannot be an article: not one, empty, undecodable; or its article was
edited and is kept — the reason is given) and failed (the page could not be processed:
missing, unwritable output, a cleaner fault). The batch goes on past both; either makes
the exit code 1. Ctrl-C stops the batch with the summary so far (``Interrupted``); pool
workers ignore it and die with the main process (``publish.workers``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from publish.clean import SUFFIXES, clean_file
from publish.commands.clean_names import article_names
from publish.cpu import available_cores
from publish.errors import CleanError, PublishError
from publish.fsutil import atomic_write_text, check_output_folder, error_words, sweep_stale_parts_in
from publish.markdown import to_markdown
from publish.markdown.read import from_markdown
from publish.markdown.readback import skeleton
from publish.markdown.stamp import is_hand_edited, stamp
from publish.markdown.write import rendered_blocks
from publish.model import Document
from publish.workers import init_worker

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event


class Outcome(str, Enum):
    CLEANED = "cleaned"
    """A Markdown article was written (beside a hand-edited one: see ``FileResult.beside``)."""
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    """The page cannot be cleaned into an article (``CleanError``), or its article was
    edited by hand and is kept with nothing written; the reason is given."""
    FAILED = "failed"
    """The page could not be processed at all: missing, output not writable, a fault."""


@dataclass(frozen=True, slots=True)
class FileResult:
    source: Path
    outcome: Outcome
    output: Path | None = None
    message: str = ""
    warnings: tuple[str, ...] = ()
    beside: bool = False
    """The article was edited by hand: kept, and the new version written beside it."""


@dataclass(slots=True)
class CleanSummary:
    results: list[FileResult] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def beside(self) -> int:
        """Articles kept as the editor left them, with the new version beside them."""
        return sum(1 for r in self.results if r.beside)

    @property
    def ok(self) -> bool:
        """Every page became an article (or already was one)."""
        return self.count(Outcome.FAILED) == 0 and self.count(Outcome.SKIPPED) == 0

    def line(self) -> str:
        """``3 cleaned (1 beside a hand-edited article), 2 unchanged, 1 skipped, 0 failed``."""
        beside = f" ({self.beside} beside a hand-edited article)" if self.beside else ""
        return (
            f"{self.count(Outcome.CLEANED)} cleaned{beside}, {self.count(Outcome.UNCHANGED)} unchanged, "
            f"{self.count(Outcome.SKIPPED)} skipped, {self.count(Outcome.FAILED)} failed"
        )


def collect_sources(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the scrapes inside folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            found.append(path)
    seen: set[Path] = set()
    unique: list[Path] = []
    for path in found:
        real = path.resolve()  # a file named twice (or through a link) is cleaned once
        if real not in seen:
            seen.add(real)
            unique.append(path)
    return unique


def clean_one(
    source: Path, out_dir: Path, force: bool, fetch_images: bool = False, name: str | None = None
) -> FileResult:
    """Clean ``source`` into ``out_dir/<name>.md`` (``name``: the page's stem by default).

    Whatever goes wrong is this page's outcome, never an exception: the batch goes on.
    """
    try:
        return _clean_one(source, out_dir / f"{name or source.stem}.md", force, fetch_images)
    except Exception as exc:  # noqa: BLE001 - a bug of ours on this page: it fails, the batch goes on
        return FileResult(
            source, Outcome.FAILED,
            message=f"the cleaner failed on {source.name} ({type(exc).__name__}: {exc}); "
            "please report it with the page",
        )


def _clean_one(source: Path, target: Path, force: bool, fetch_images: bool) -> FileResult:
    try:
        result = clean_file(source, target.parent, fetch_images)
        parts = rendered_blocks(result.document.blocks)
        markdown = stamp(to_markdown(result.document, parts))
    except CleanError as exc:
        return FileResult(source, Outcome.SKIPPED, message=exc.message)
    except PublishError as exc:
        return FileResult(source, Outcome.FAILED, message=_failure(exc))
    try:
        same, why = _reads_back(markdown, result.document, parts), ""
    except PublishError as exc:  # a bug of ours, not the page's: this file fails, the batch goes on
        same, why = False, f": {exc.message}"
    if not same:
        return FileResult(source, Outcome.FAILED, message=f"the Markdown written would not read back the same{why}")
    try:
        return _write(source, target, markdown, force, result.warnings)
    except OSError as exc:
        return FileResult(source, Outcome.FAILED, message=cannot_write(Path(exc.filename or target), exc))
    except PublishError as exc:
        return FileResult(source, Outcome.FAILED, message=_failure(exc))


def _reads_back(markdown: str, document: Document, parts: list[str]) -> bool:
    """Whether ``markdown`` reads back as ``document``: its skeleton parsed, the inert
    paragraphs compared directly (``markdown.readback``), as sure as a full parse."""
    cheap = skeleton(markdown, document, parts)
    if cheap is None:
        return from_markdown(markdown) == document
    text, expected = cheap
    return from_markdown(text) == expected


def cannot_write(path: Path, exc: OSError) -> str:
    """``cannot write NAME: disk full``: what the user can act on, by errno."""
    return f"cannot write {path.name}: {error_words(exc)}"


def _failure(exc: PublishError) -> str:
    """A PublishError's message; a failed write (fsutil's) in the words of ``cannot_write``."""
    cause = exc.__cause__
    if isinstance(cause, OSError) and exc.path is not None and exc.message.startswith("cannot write"):
        return cannot_write(exc.path, cause)
    return exc.message


class _Changed(Exception):
    """The file was changed by someone else since clean read it."""


def _read(path: Path) -> bytes | None:
    """``path``'s bytes, or None when there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _replace_unless_changed(path: Path, text: str, seen: bytes | None) -> bool:
    """Write ``text`` to ``path`` unless ``path`` no longer holds ``seen`` (what was read
    before cleaning) just before the new file is renamed over it; whether it was written.

    An editor who saves the article while it is being written keeps the edit. (The check
    and the rename are two steps: a save in the microseconds between them is not seen.)
    """

    def unchanged() -> None:
        if _read(path) != seen:
            raise _Changed

    try:
        atomic_write_text(path, text, sweep=False, before_replace=unchanged)  # the folder was swept by run()
    except _Changed:
        return False
    return True


def _changed_meanwhile(source: Path, target: Path, warnings: tuple[str, ...]) -> FileResult:
    return FileResult(
        source, Outcome.SKIPPED, target,
        message=f"{target.name} changed while it was being written (saved by an editor?) and is kept "
        "as it is now; run publish clean again",
        warnings=warnings,
    )


def _write(source: Path, target: Path, markdown: str, force: bool, warnings: tuple[str, ...]) -> FileResult:
    """Write ``target`` unless it is already that text; a hand-edited one is kept."""
    seen = _read(target)
    if seen is not None:
        existing = seen.decode("utf-8", errors="replace")
        if existing == markdown:
            return FileResult(source, Outcome.UNCHANGED, target, warnings=warnings)
        if is_hand_edited(existing) and not force:
            return _write_beside(source, target, markdown, warnings)
    if not _replace_unless_changed(target, markdown, seen):
        return _changed_meanwhile(source, target, warnings)
    return FileResult(source, Outcome.CLEANED, target, warnings=warnings)


def _write_beside(source: Path, target: Path, markdown: str, warnings: tuple[str, ...]) -> FileResult:
    """The new version of a hand-edited ``target`` as ``target.md.new``, unless that too
    was edited by hand (then nothing is written, and the message says what to do)."""
    beside = target.with_name(target.name + ".new")
    seen = _read(beside)
    if seen is not None and seen != markdown.encode("utf-8") and is_hand_edited(seen.decode("utf-8", errors="replace")):
        return FileResult(
            source, Outcome.SKIPPED, beside,
            message=f"{target.name} and {beside.name} were both edited by hand and are kept, nothing "
            f"written: merge what you need of {beside.name} into {target.name} and delete "
            f"{beside.name}, then clean again (--force overwrites {target.name})",
            warnings=warnings,
        )
    if seen != markdown.encode("utf-8") and not _replace_unless_changed(beside, markdown, seen):
        return _changed_meanwhile(source, beside, warnings)
    return FileResult(
        source, Outcome.CLEANED, beside,
        message=f"{target.name} was edited by hand and is kept; the new version is {beside.name}",
        warnings=warnings, beside=True,
    )


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: ``summary`` holds the pages finished before it."""

    def __init__(self, summary: CleanSummary) -> None:
        super().__init__()
        self.summary = summary


def run(
    paths: list[Path],
    out_dir: Path,
    *,
    force: bool = False,
    fetch_images: bool = False,
    jobs: int | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> CleanSummary:
    """Clean every page of ``paths`` into ``out_dir``; raises Interrupted on Ctrl-C."""
    sources = collect_sources(paths)
    names = article_names(sources)
    summary = CleanSummary()

    def add(result: FileResult) -> None:
        summary.results.append(result)
        if on_result:
            on_result(result)

    try:
        for missing in [p for p in sources if not p.exists()]:
            add(FileResult(missing, Outcome.FAILED, message="no such file"))
        sources = [p for p in sources if p.exists()]
        _prepare(out_dir)
        jobs = jobs or available_cores()
        if jobs == 1 or len(sources) < 4:
            for s in sources:
                add(clean_one(s, out_dir, force, fetch_images, names[s]))
        else:
            _in_pool(sources, [names[s] for s in sources], out_dir, force, fetch_images, jobs, add)
    except KeyboardInterrupt:
        raise Interrupted(summary) from None
    return summary


def _prepare(out_dir: Path) -> None:
    """The output folder made, and the parts left by killed writers swept once for the
    batch, not at every write."""
    check_output_folder(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PublishError(
            f"cannot make the output folder: {error_words(exc)}", path=out_dir,
            hint="choose another folder with -o",
        ) from exc
    sweep_stale_parts_in(out_dir)
    sweep_stale_parts_in(out_dir.parent / "images")


def _in_pool(
    sources: list[Path], names: list[str], out_dir: Path, force: bool, fetch_images: bool, jobs: int,
    add: Callable[[FileResult], None],
) -> None:
    """The pages cleaned by ``jobs`` workers, each result added in the pages' order.

    On Ctrl-C the workers are told to stop, the pages not started are cancelled and the
    ones being cleaned are let finish (their workers ignore SIGINT), so no article is left
    half-written. A worker that dies (killed, out of memory) fails the pages not yet
    reported, and the batch ends.
    """
    stop = multiprocessing.get_context().Event()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(os.getpid(), stop))
    done = 0
    try:
        n = len(sources)
        for r in pool.map(_clean_unless_stopped, sources, [out_dir] * n, [force] * n, [fetch_images] * n, names, chunksize=4):
            if r is not None:
                add(r)
                done += 1
    except BrokenProcessPool:
        for source in sources[done:]:
            add(FileResult(source, Outcome.FAILED, message="not cleaned: a worker process died (killed, or out of memory?)"))
    finally:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)


_stop: Event | None = None
"""In a pool worker: set by the main process on Ctrl-C."""


def _init_worker(parent: int, stop: Event) -> None:
    """Die with the main process, leave Ctrl-C to it (``publish.workers``), and know
    when it asks the batch to stop."""
    global _stop
    init_worker(parent)
    _stop = stop


def _clean_unless_stopped(
    source: Path, out_dir: Path, force: bool, fetch_images: bool, name: str
) -> FileResult | None:
    """``clean_one`` in a worker; None, at once, for a page of a chunk after Ctrl-C: the
    four pages of a chunk are handed to a worker together, and cannot be cancelled."""
    if _stop is not None and _stop.is_set():
        return None
    return clean_one(source, out_dir, force, fetch_images, name)
