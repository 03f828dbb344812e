"""A PDF build's pool workers (100–200 MB each) die with the build: after ``kill -9`` of
the main process none of them lives on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEN = ROOT / "tests" / "books" / "ten" / "book.toml"
BUILD = f"""
from pathlib import Path
from publish.book import load_book
from publish.render.edition import Options
from publish.render.pdf.write import render as write_pdf
write_pdf(load_book(Path({str(TEN)!r})), Options(jobs=2, cache=False))
"""


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def forked_children(pid: int) -> set[int]:
    """The children of ``pid`` forked from it (its command line, not the resource
    tracker's), from /proc."""
    out = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out |= {int(n) for n in task.read_text().split()}
        except OSError:
            continue
    return {child for child in out if _cmdline(child) == _cmdline(pid)}


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for its reaper."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


@pytest.fixture()
def workers_left() -> Iterator[set[int]]:
    """Pids of workers this test saw; any still alive at the end are killed (by pid)."""
    seen: set[int] = set()
    yield seen
    for pid in seen:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_pdf_workers_die_when_the_build_is_killed(workers_left: set[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PUBLISH_CACHE", raising=False)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    main = subprocess.Popen([sys.executable, "-c", BUILD], env=env, cwd=ROOT)
    try:
        assert wait_for(lambda: len(forked_children(main.pid)) >= 2, 60), "the pool never started"
        workers_left |= forked_children(main.pid)
        os.kill(main.pid, signal.SIGKILL)
        main.wait(10)
        assert wait_for(lambda: not any(alive(pid) for pid in workers_left), 10), (
            f"workers {sorted(p for p in workers_left if alive(p))} outlived the build"
        )
    finally:
        if main.poll() is None:
            main.kill()
            main.wait()
