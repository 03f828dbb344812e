"""``publish clean``: a batch of scrapes → Markdown articles, in parallel, losing nothing.

Re-cleaning is safe: an unchanged result leaves the file untouched (byte-identical, same
mtime), and a file an editor changed by hand is never overwritten — the new version goes
beside it as ``<name>.md.new`` unless ``force`` is set.

Every page ends in one of four outcomes, the words of the summary: cleaned, unchanged,
skipped (the page cannot be an article: not one, empty, undecodable — the reason is
given) and failed (the page could not be processed: missing, unwritable output, a
cleaner fault). The batch goes on past both; either makes the exit code 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from publish.clean import SUFFIXES, clean_file
from publish.errors import CleanError, PublishError
from publish.cpu import available_cores
from publish.fsutil import atomic_write_text, sweep_stale_parts_in
from publish.markdown import to_markdown
from publish.markdown.read import from_markdown
from publish.markdown.stamp import is_hand_edited, stamp


class Outcome(str, Enum):
    CLEANED = "cleaned"
    """A Markdown article was written (beside a hand-edited one: see ``FileResult.beside``)."""
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    """The page cannot be cleaned into an article (``CleanError``); the reason is given."""
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


def clean_one(source: Path, out_dir: Path, force: bool, fetch_images: bool = False) -> FileResult:
    try:
        result = clean_file(source, out_dir, fetch_images)
        markdown = stamp(to_markdown(result.document))
    except CleanError as exc:
        return FileResult(source, Outcome.SKIPPED, message=exc.message)
    except PublishError as exc:
        return FileResult(source, Outcome.FAILED, message=exc.message)
    try:
        same, why = from_markdown(markdown) == result.document, ""
    except PublishError as exc:  # a bug of ours, not the page's: this file fails, the batch goes on
        same, why = False, f": {exc.message}"
    if not same:
        return FileResult(source, Outcome.FAILED, message=f"the Markdown written would not read back the same{why}")
    try:
        return _write(source, out_dir / f"{source.stem}.md", markdown, force, result.warnings)
    except OSError as exc:
        return FileResult(source, Outcome.FAILED, message=f"cannot write {exc.filename or out_dir}: {exc.strerror}")


def _write(source: Path, target: Path, markdown: str, force: bool, warnings: tuple[str, ...]) -> FileResult:
    """Write ``target`` unless it is already that text; a hand-edited one is kept."""
    if target.exists():
        existing = target.read_text(encoding="utf-8", errors="replace")
        if existing == markdown:
            return FileResult(source, Outcome.UNCHANGED, target, warnings=warnings)
        if is_hand_edited(existing) and not force:
            beside = target.with_name(target.name + ".new")
            atomic_write_text(beside, markdown, sweep=False)
            return FileResult(
                source, Outcome.CLEANED, beside,
                message=f"{target.name} was edited by hand and is kept; the new version is {beside.name}",
                warnings=warnings, beside=True,
            )
    atomic_write_text(target, markdown, sweep=False)  # the folder was swept once, by run()
    return FileResult(source, Outcome.CLEANED, target, warnings=warnings)


def run(
    paths: list[Path],
    out_dir: Path,
    *,
    force: bool = False,
    fetch_images: bool = False,
    jobs: int | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> CleanSummary:
    sources = collect_sources(paths)
    summary = CleanSummary()
    for missing in [p for p in sources if not p.exists()]:
        result = FileResult(missing, Outcome.FAILED, message="no such file")
        summary.results.append(result)
        if on_result:
            on_result(result)
    sources = [p for p in sources if p.exists()]
    out_dir.mkdir(parents=True, exist_ok=True)
    # Parts left by killed writers, swept once for the batch, not at every write.
    sweep_stale_parts_in(out_dir)
    sweep_stale_parts_in(out_dir.parent / "images")
    jobs = jobs or available_cores()
    if jobs == 1 or len(sources) < 4:
        results: Iterable[FileResult] = (clean_one(s, out_dir, force, fetch_images) for s in sources)
        for r in results:
            summary.results.append(r)
            if on_result:
                on_result(r)
        return summary
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        n = len(sources)
        for r in pool.map(clean_one, sources, [out_dir] * n, [force] * n, [fetch_images] * n, chunksize=4):
            summary.results.append(r)
            if on_result:
                on_result(r)
    return summary
