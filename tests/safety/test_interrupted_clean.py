"""A parallel ``publish clean`` interrupted: Ctrl-C says so with the summary so far, no
worker prints a traceback, and ``kill -9`` of the main process leaves no worker behind.

The batch runs in a subprocess whose workers pause with their first article half-written
(tests/safety/paused_publish.py); the test then sends SIGINT to the process group, or
SIGKILL to the main process.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from publish.cli import INTERRUPTED
from publish.markdown.stamp import is_hand_edited
from tests.conftest import ROOT, SEED


def _scrapes(seed_path: Path, folder: Path, n: int = 8) -> Path:
    folder.mkdir()
    for i in range(n):
        shutil.copy(seed_path, folder / f"page{i}.txt")
    return folder


def _clean_until_paused(scrapes: Path, out: Path, jobs: int, pause_s: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.safety.paused_publish", "clean", str(scrapes), "-o", str(out), "-j", str(jobs)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PAUSE_AT": "1", "PAUSE_S": str(pause_s)}, start_new_session=True,
    )
    assert proc.stdout is not None
    assert "PAUSED" in proc.stdout.readline()  # a worker is writing its first article
    return proc


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Running, not gone nor a zombie waiting for whoever adopted it to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@dataclass(frozen=True)
class Interrupted:
    returncode: int
    err: str
    out: Path


@pytest.fixture(scope="module")
def interrupted(tmp_path_factory: pytest.TempPathFactory) -> Interrupted:
    """A parallel batch of eight pages, Ctrl-C while its workers write their first articles.

    Three workers for two chunks of four pages: one worker waits idle for work, where a
    Ctrl-C it took itself would print its traceback. The paused writes last a second, so
    the pages being written can finish."""
    tmp = tmp_path_factory.mktemp("interrupted")
    out = tmp / "articles"
    proc = _clean_until_paused(_scrapes(SEED, tmp / "scrapes"), out, jobs=3, pause_s=1)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole process group
    _out, err = proc.communicate(timeout=30)
    return Interrupted(proc.returncode, err, out)


def test_ctrl_c_during_a_parallel_clean_exits_130_without_a_traceback(interrupted: Interrupted) -> None:
    assert interrupted.returncode == 130, interrupted.err
    assert INTERRUPTED in interrupted.err
    assert "Traceback" not in interrupted.err and "KeyboardInterrupt" not in interrupted.err


def test_ctrl_c_during_a_clean_prints_the_summary_so_far(interrupted: Interrupted) -> None:
    assert re.search(r"before it: \d+ cleaned, \d+ unchanged, 0 skipped, 0 failed", interrupted.err), interrupted.err


def test_ctrl_c_stops_a_parallel_clean_with_the_articles_being_written_whole(interrupted: Interrupted) -> None:
    written = sorted(interrupted.out.iterdir())  # hidden parts included
    assert written and all(p.suffix == ".md" for p in written)
    assert not [p for p in written if is_hand_edited(p.read_text(encoding="utf-8"))]
    assert len(written) < 8  # only the pages being written when Ctrl-C came were finished


def test_kill_9_of_a_parallel_clean_leaves_no_worker_running(seed_path: Path, tmp_path: Path) -> None:
    proc = _clean_until_paused(_scrapes(seed_path, tmp_path / "scrapes"), tmp_path / "articles", jobs=2, pause_s=120)
    workers = _children(proc.pid)
    assert len(workers) >= 2
    proc.kill()
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    try:
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [w for w in workers if _alive(w)] == []
    finally:
        for w in filter(_alive, workers):  # the workers this test started, if the fix is gone
            os.kill(w, signal.SIGKILL)
