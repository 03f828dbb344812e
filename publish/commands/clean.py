"""``publish clean``: a batch of scrapes → Markdown articles, in parallel, losing nothing.

Re-cleaning is safe: an unchanged result leaves the file untouched (byte-identical, same
mtime), and a file an editor changed by hand is never overwritten — the new version goes
beside it as ``<name>.md.new`` unless ``force`` is set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from publish.clean import SUFFIXES, clean_file
from publish.errors import PublishError
from publish.cpu import available_cores
from publish.fsutil import atomic_write_text
from publish.markdown import to_markdown
from publish.markdown.read import from_markdown
from publish.markdown.stamp import is_hand_edited, stamp


class Outcome(str, Enum):
    CLEANED = "cleaned"
    UNCHANGED = "unchanged"
    KEPT = "kept"
    """The existing file was hand-edited; the new version was written beside it."""
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FileResult:
    source: Path
    outcome: Outcome
    output: Path | None = None
    message: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class CleanSummary:
    results: list[FileResult] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def ok(self) -> bool:
        return self.count(Outcome.FAILED) == 0


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
    return [p for p in found if not (p.resolve() in seen or seen.add(p.resolve()))]  # type: ignore[func-returns-value]


def clean_one(source: Path, out_dir: Path, force: bool, fetch_images: bool = False) -> FileResult:
    try:
        result = clean_file(source, out_dir, fetch_images)
        markdown = stamp(to_markdown(result.document))
        if from_markdown(markdown) != result.document:
            raise PublishError("the Markdown written would not read back the same", path=source)
    except PublishError as exc:
        return FileResult(source, Outcome.FAILED, message=exc.message)
    target = out_dir / f"{source.stem}.md"
    if target.exists():
        existing = target.read_text(encoding="utf-8", errors="replace")
        if existing == markdown:
            return FileResult(source, Outcome.UNCHANGED, target, warnings=result.warnings)
        if is_hand_edited(existing) and not force:
            beside = target.with_name(target.name + ".new")
            atomic_write_text(beside, markdown)
            return FileResult(
                source, Outcome.KEPT, beside,
                message=f"{target.name} was edited by hand; new version written to {beside.name}",
                warnings=result.warnings,
            )
    atomic_write_text(target, markdown)
    return FileResult(source, Outcome.CLEANED, target, warnings=result.warnings)


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
        summary.results.append(FileResult(missing, Outcome.FAILED, message="no such file"))
    sources = [p for p in sources if p.exists()]
    out_dir.mkdir(parents=True, exist_ok=True)
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
