"""``publish build --watch``: one warm process that builds the book again whenever one of
its inputs changes, until stopped.

Why a loop in the build process rather than a new ``publish build`` per save: a new
process pays Python's start, the imports, WeasyPrint's faces and sheets and a first
layout's costs (cffi's C types, each face loaded) before any page — most of a one-edit
rebuild. Here they are paid once: ``pdf.worker.loaded``/``warm`` keep the faces and sheets
of the build's setup in this process (the per-article build's workers are forked from it
with them), and the render cache answers for every part that did not change, so a rebuild
lays out only the edited article.

The inputs are polled by their size and mtime (no watcher dependency): every file under
the book's folder but hidden folders (the render cache) and the output folder, the
styles a book may use (its own ``styles/`` beside it, the built-in ones) and ``--css``.
A build that fails (a broken front matter, an unknown style …) prints its error and
leaves every output of the last good build in place: outputs are written atomically and
only once the build succeeded (``commands.build``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from publish.errors import PublishError
from publish.fsutil import file_states, files_under
from publish.render.edition import Options
from publish.styles import STYLES_DIR

POLL_SECONDS = 0.05
"""How often the inputs are looked at: a stat of each, a few hundred files at most."""
SETTLE_SECONDS = 0.02
"""After a change, how long the inputs must stay still before the build starts (an editor
may save in several writes: truncate, write, rename)."""

Snapshot = dict[Path, tuple[int, int]]
Say = Callable[[str], None]


@dataclass(slots=True)
class Outcome:
    """What one build of the loop did: for the tests and the caller's summary."""

    ok: bool
    seconds: float
    outputs: list[Path] = field(default_factory=list)
    error: str = ""


def watched_files(book_path: Path, out_dir: Path, options: Options) -> Iterator[Path]:
    """Every file whose change may change an output."""
    root = book_path.resolve().parent
    out = out_dir.resolve()
    yield book_path.resolve()
    for folder in (root, root.parent / "styles", STYLES_DIR):
        yield from files_under(folder, frozenset({out}))
    yield from (css.resolve() for css in options.user_css)


def snapshot(book_path: Path, out_dir: Path, options: Options) -> Snapshot:
    """(size, mtime) of every watched file, read without opening any of them."""
    return file_states(watched_files(book_path, out_dir, options))


def changes(before: Snapshot, after: Snapshot) -> list[Path]:
    """Files added, removed or changed between two snapshots."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def build_once(
    book_path: Path, out_dir: Path, formats: tuple[str, ...], options: Options, say: Say, alarm: Say,
    last: Sequence[Path] = (),
    use_stamp: bool = True,
) -> Outcome:
    """One build, its progress and its error reported as they happen; a failed build
    writes nothing, so the last good outputs (``last``) stay."""
    from publish.commands import build

    t0 = time.perf_counter()
    try:
        result = build.run(
            book_path, out_dir, formats, options, on_step=lambda fmt: say(f"building {fmt} …"), use_stamp=use_stamp
        )
    except PublishError as exc:
        outcome = Outcome(ok=False, seconds=time.perf_counter() - t0, error=str(exc))
        kept = [p for p in last if p.exists()]
        alarm(f"error: {exc}")
        alarm(f"kept the last good build: {', '.join(map(str, kept))}" if kept else "nothing written")
        return outcome
    seconds = time.perf_counter() - t0
    for w in result.warnings:
        say(f"warning: {w}")
    for path in result.outputs:
        say(f"wrote {path} in {seconds:.2f} s")
    return Outcome(ok=True, seconds=seconds, outputs=list(result.outputs))


def _settled(book_path: Path, out_dir: Path, options: Options, seen: Snapshot, stop: threading.Event) -> Snapshot:
    """The inputs once they stopped changing for ``SETTLE_SECONDS``."""
    while not stop.wait(SETTLE_SECONDS):
        again = snapshot(book_path, out_dir, options)
        if again == seen:
            break
        seen = again
    return seen


def run(
    book_path: Path,
    out_dir: Path,
    formats: tuple[str, ...],
    options: Options,
    *,
    say: Say = print,
    alarm: Say = print,
    stop: threading.Event | None = None,
    on_build: Callable[[Outcome], None] | None = None,
    max_builds: int | None = None,
) -> int:
    """Build, then build again on every change until ``stop`` is set, ``max_builds``
    builds are done or Ctrl-C; returns the number of builds. The first build always
    runs (it loads the faces and sheets this process keeps)."""
    stop = stop or threading.Event()
    builds = 0
    good: list[Path] = []

    def one() -> None:
        nonlocal builds, good
        # The first build builds even an unchanged book: it loads what this process keeps.
        outcome = build_once(book_path, out_dir, formats, options, say, alarm, good, use_stamp=builds > 0)
        builds += 1
        good = outcome.outputs if outcome.ok else good
        if on_build:
            on_build(outcome)

    try:
        seen = snapshot(book_path, out_dir, options)
        one()
        say(f"watching {len(seen)} files for changes (Ctrl-C stops)")
        while max_builds is None or builds < max_builds:
            if stop.wait(POLL_SECONDS):
                break
            now = snapshot(book_path, out_dir, options)
            if now == seen:
                continue
            now = _settled(book_path, out_dir, options, now, stop)
            if stop.is_set():
                break
            changed = changes(seen, now)
            seen = now  # taken before the build: a save during the build builds again
            say(f"changed: {', '.join(_short(p, book_path) for p in changed[:5])}{' …' if len(changed) > 5 else ''}")
            one()
    except KeyboardInterrupt:
        pass
    say("stopped watching")
    return builds


def _short(path: Path, book_path: Path) -> str:
    try:
        return str(path.relative_to(book_path.resolve().parent))
    except ValueError:
        return str(path)
